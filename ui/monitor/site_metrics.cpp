#include "site_metrics.h"

#include <QJsonValue>
#include <algorithm>
#include <cmath>
#include <limits>

namespace tenkai::ui {

const std::vector<MetricPoint> *RunMetrics::find(int member, const QString &name) const
{
    const auto it = series.find(SeriesKey{member, name});
    return it == series.end() ? nullptr : &it->second;
}

std::vector<int> RunMetrics::members() const
{
    std::vector<int> result;
    for (const auto &[key, points] : series)
        if (key.member > 0 && std::find(result.begin(), result.end(), key.member) == result.end())
            result.push_back(key.member);
    std::sort(result.begin(), result.end());
    return result;
}

double RunMetrics::latestEnsembleAccuracy() const
{
    const auto latest = [](const std::vector<MetricPoint> *points) {
        if (points)
            for (auto it = points->rbegin(); it != points->rend(); ++it)
                if (std::isfinite(it->value))
                    return it->value;
        return -1.0;
    };
    const double ensemble = latest(find(0, QStringLiteral("test_accuracy")));
    if (ensemble >= 0)
        return ensemble;
    const auto list = members();
    return list.size() == 1 ? latest(find(list.front(), QStringLiteral("test_accuracy"))) : -1.0;
}

bool SiteMetrics::append(const QJsonObject &event)
{
    const QString type = event.value(u"type").toString();
    const bool metric = type == u"metric";
    if (!metric && type != u"run_state")
        return false;
    const qint64 seq = qint64(event.value(u"seq").toDouble());
    if (seq <= m_lastSeq) {
        ++m_duplicates;
        return false;
    }
    m_lastSeq = seq;
    const QString runId = event.value(u"run").toString();
    auto [it, inserted] = m_runs.try_emplace(runId);
    RunMetrics &run = it->second;
    if (inserted) {
        run.id = runId;
        run.firstT = event.value(u"t").toDouble();
        m_order.append(runId);
    }
    if (metric) {
        const QJsonValue member = event.value(u"member");
        MetricPoint point;
        point.seq = seq;
        point.step = qint64(event.value(u"step").toDouble());
        point.epoch = event.value(u"epoch").toInt();
        point.t = event.value(u"t").toDouble();
        const QJsonValue value = event.value(u"value");
        point.value = value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
        if (run.firstT <= 0 || (point.t > 0 && point.t < run.firstT))
            run.firstT = point.t;
        run.series[SeriesKey{member.isString() ? 0 : member.toInt(), event.value(u"name").toString()}]
            .push_back(point);
        ++m_points;
    } else {
        run.state = event.value(u"state").toString();
        run.progress = std::max(run.progress, event.value(u"progress").toDouble());
        run.error = event.value(u"error").toString();
    }
    ++m_version;
    return true;
}

void SiteMetrics::clear()
{
    m_runs.clear();
    m_order.clear();
    m_lastSeq = 0;
    m_points = 0;
    ++m_version;
}

const RunMetrics *SiteMetrics::run(const QString &id) const
{
    const auto it = m_runs.find(id);
    return it == m_runs.end() ? nullptr : &it->second;
}

const RunMetrics *SiteMetrics::latestRun() const
{
    return m_order.isEmpty() ? nullptr : run(m_order.last());
}

std::vector<qint64> SiteMetrics::metricSeqs() const
{
    std::vector<qint64> seqs;
    seqs.reserve(std::size_t(m_points));
    for (const auto &[id, run] : m_runs)
        for (const auto &[key, points] : run.series)
            for (const MetricPoint &p : points)
                seqs.push_back(p.seq);
    std::sort(seqs.begin(), seqs.end());
    return seqs;
}

QByteArray SiteMetrics::toCsv() const
{
    struct Row
    {
        const RunMetrics *run;
        const SeriesKey *key;
        const MetricPoint *point;
    };
    std::vector<Row> rows;
    rows.reserve(std::size_t(m_points));
    for (const auto &[id, run] : m_runs)
        for (const auto &[key, points] : run.series)
            for (const MetricPoint &p : points)
                rows.push_back({&run, &key, &p});
    std::sort(rows.begin(), rows.end(),
              [](const Row &a, const Row &b) { return a.point->seq < b.point->seq; });
    QByteArray out = "run,member,name,seq,epoch,step,t,value\n";
    out.reserve(out.size() + qsizetype(rows.size()) * 64);
    for (const Row &r : rows) {
        out += r.run->id.toUtf8() + ',';
        out += r.key->member == 0 ? QByteArray("ensemble") : QByteArray::number(r.key->member);
        out += ',' + r.key->name.toUtf8() + ',' + QByteArray::number(r.point->seq) + ',' +
               QByteArray::number(r.point->epoch) + ',' + QByteArray::number(r.point->step) + ',' +
               QByteArray::number(r.point->t, 'f', 6) + ',';
        if (std::isfinite(r.point->value))
            out += QByteArray::number(r.point->value, 'g', 17);
        out += '\n';
    }
    return out;
}

} // namespace tenkai::ui
