#include "series_math.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tenkai::ui {

std::vector<QPointF> curvePoints(std::span<const MetricPoint> all, XAxisMode mode, double firstT,
                                 bool epochEnd)
{
    std::vector<QPointF> out;
    out.reserve(all.size());
    if (mode == XAxisMode::Time) {
        for (const MetricPoint &p : all)
            if (std::isfinite(p.value))
                out.emplace_back(p.t - firstT, p.value);
        std::stable_sort(out.begin(), out.end(),
                         [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
        return out;
    }
    // The effective history: a retrained step replaces what was recorded at and after it.
    std::vector<const MetricPoint *> points;
    points.reserve(all.size());
    for (const MetricPoint &p : all) {
        while (!points.empty() && points.back()->step >= p.step)
            points.pop_back();
        points.push_back(&p);
    }
    if (mode == XAxisMode::Epoch && !epochEnd) {
        // Step reports per epoch, to spread them over [epoch-1, epoch).
        std::map<int, int> perEpoch;
        for (const MetricPoint *p : points)
            ++perEpoch[p->epoch];
        int index = 0;
        int current = -1;
        int span = 1;
        for (const MetricPoint *p : points) {
            if (p->epoch != current) {
                current = p->epoch;
                index = 0;
                const auto previous = perEpoch.find(p->epoch - 1);
                span = std::max(perEpoch[p->epoch], previous == perEpoch.end() ? 0 : previous->second);
            }
            if (std::isfinite(p->value))
                out.emplace_back(double(p->epoch - 1) + double(index) / double(std::max(1, span)), p->value);
            ++index;
        }
        return out;
    }
    for (const MetricPoint *p : points)
        if (std::isfinite(p->value))
            out.emplace_back(mode == XAxisMode::Step ? double(p->step) : double(p->epoch), p->value);
    return out;
}

void smooth(std::vector<QPointF> &points, double weight)
{
    weight = std::clamp(weight, 0.0, 0.999);
    if (weight <= 0)
        return;
    double average = 0;
    double correction = 0;
    for (QPointF &p : points) {
        average = average * weight + (1 - weight) * p.y();
        correction = correction * weight + (1 - weight);
        p.setY(average / correction);
    }
}

QList<QPointF> downsampleMinMax(const std::vector<QPointF> &points, double xMin, double xMax, int columns)
{
    QList<QPointF> out;
    if (points.empty())
        return out;
    const auto byX = [](const QPointF &p, double x) {
        return p.x() < x;
    };
    auto first = std::lower_bound(points.begin(), points.end(), xMin, byX);
    auto last =
        std::lower_bound(first, points.end(), xMax, [](const QPointF &p, double x) { return p.x() <= x; });
    if (first != points.begin())
        --first; // the neighbour left of the range
    if (last != points.end())
        ++last; // and the one right of it
    const auto count = std::distance(first, last);
    if (columns <= 0 || count <= qsizetype(columns) * 4 || xMax <= xMin) {
        out.reserve(count);
        for (auto it = first; it != last; ++it)
            out.append(*it);
        return out;
    }
    out.reserve(qsizetype(columns) * 4 + 2);
    const double width = (xMax - xMin) / double(columns);
    auto it = first;
    while (it != last) {
        const double column = std::floor((it->x() - xMin) / width);
        const QPointF *start = &*it;
        const QPointF *low = start;
        const QPointF *high = start;
        const QPointF *end = start;
        for (++it; it != last && std::floor((it->x() - xMin) / width) == column; ++it) {
            if (it->y() < low->y())
                low = &*it;
            if (it->y() > high->y())
                high = &*it;
            end = &*it;
        }
        // In x order, without repeating a point that plays two roles.
        const QPointF *inOrder[4] = {start, low->x() <= high->x() ? low : high,
                                     low->x() <= high->x() ? high : low, end};
        const QPointF *previous = nullptr;
        for (const QPointF *p : inOrder) {
            if (p != previous)
                out.append(*p);
            previous = p;
        }
    }
    return out;
}

} // namespace tenkai::ui
