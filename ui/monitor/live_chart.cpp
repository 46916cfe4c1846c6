#include "live_chart.h"

#include "series_math.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QTimer>
#include <QValueAxis>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>

namespace tenkai::ui {
namespace {

// A round tick interval (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` intervals.
double niceInterval(double span, int ticks)
{
    if (!(span > 0))
        return 1;
    const double raw = span / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 2.5, 5.0})
        if (raw <= factor * power)
            return factor * power;
    return 10 * power;
}

// Ticks at round values anchored at 0, whatever the range: the range can hug the data. The interval
// is set before the range: QtCharts makes an item per tick, and a new range under the old interval
// (0..12,000 with the interval of 0..1) would make thousands.
void setRoundRange(QValueAxis *axis, double low, double high, int ticks)
{
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(niceInterval(high - low, ticks));
    axis->setRange(low, high);
}

} // namespace

LiveChart::LiveChart(const QString &title, const QString &yTitle, QWidget *parent)
    : QChartView(new QChart, parent)
{
    m_chart = chart();
    m_chart->setTitle(title);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(6, 6, 6, 6));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    m_x = new QValueAxis(m_chart);
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    connect(m_x, &QValueAxis::rangeChanged, this, &LiveChart::onRangeChanged);
    makeYAxis();
    m_y->setTitleText(yTitle);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setMinimumSize(320, 200);
    setToolTip(tr("Drag a rectangle to zoom, use the wheel to zoom at the mouse, right-click to zoom "
                  "out. Fit returns to following the data."));
}

void LiveChart::makeYAxis()
{
    QString title;
    if (m_y) {
        title = m_y->titleText();
        for (auto &[key, series] : m_series)
            series->detachAxis(m_y);
        m_chart->removeAxis(m_y);
        m_y->deleteLater();
    }
    if (m_log) {
        auto *axis = new QLogValueAxis(m_chart);
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(8);
        connect(axis, &QLogValueAxis::rangeChanged, this, &LiveChart::onRangeChanged);
        m_y = axis;
    } else {
        auto *axis = new QValueAxis(m_chart);
        axis->setLabelFormat(QStringLiteral("%.3g"));
        connect(axis, &QValueAxis::rangeChanged, this, &LiveChart::onRangeChanged);
        m_y = axis;
    }
    m_y->setTitleText(title);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (auto &[key, series] : m_series)
        series->attachAxis(m_y);
}

void LiveChart::setXTitle(const QString &title, const QString &labelFormat)
{
    m_x->setTitleText(title);
    m_x->setLabelFormat(labelFormat);
}

void LiveChart::setLogScale(bool log)
{
    if (log == m_log)
        return;
    m_log = log;
    m_settingRange = true;
    makeYAxis();
    m_settingRange = false;
    m_userZoomed = false; // the old y range means nothing on the new scale
    render();
}

void LiveChart::setFixedYRange(double low, double high)
{
    m_fixedY = true;
    m_fixedLow = low;
    m_fixedHigh = high;
}

void LiveChart::setYLimits(double low, double high)
{
    m_limitLow = low;
    m_limitHigh = high;
}

void LiveChart::setXExtent(double low, double high)
{
    m_extentLow = low;
    m_extentHigh = high;
}

std::pair<double, double> LiveChart::dataXRange() const
{
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const Curve &c : m_curves)
        if (!c.points.empty()) {
            low = std::min(low, c.points.front().x());
            high = std::max(high, c.points.back().x());
        }
    return {low, high};
}

void LiveChart::fitToData()
{
    const bool was = m_userZoomed;
    m_userZoomed = false;
    render();
    if (was)
        Q_EMIT zoomChanged(false);
}

QLineSeries *LiveChart::series(const SeriesKey &key) const
{
    const auto it = m_series.find(key);
    return it == m_series.end() ? nullptr : it->second;
}

qsizetype LiveChart::drawnPoints() const
{
    qsizetype n = 0;
    for (const auto &[key, series] : m_series)
        n += series->count();
    return n;
}

void LiveChart::setCurves(std::vector<Curve> curves)
{
    m_curves = std::move(curves);
    if (m_log)
        for (Curve &c : m_curves)
            std::erase_if(c.points, [](const QPointF &p) { return p.y() <= 0; });
    // Series of curves that are gone (another run was chosen) leave the chart.
    for (auto it = m_series.begin(); it != m_series.end();) {
        const bool kept =
            std::any_of(m_curves.begin(), m_curves.end(), [&](const Curve &c) { return c.key == it->first; });
        if (kept) {
            ++it;
            continue;
        }
        m_chart->removeSeries(it->second);
        delete it->second;
        it = m_series.erase(it);
    }
    for (const Curve &c : m_curves) {
        if (m_series.contains(c.key))
            continue;
        auto *series = new QLineSeries(this);
        series->setObjectName(QStringLiteral("series-%1-%2").arg(c.key.member).arg(c.key.name));
        series->setName(c.label);
        // Bevel joins and flat caps: round ones make Qt's stroker emit an arc at every one of the
        // thousands of joints, which costs more than everything else the chart does.
        QPen pen(c.color, c.width);
        pen.setCapStyle(Qt::FlatCap);
        pen.setJoinStyle(Qt::BevelJoin);
        series->setPen(pen);
        series->setPointsVisible(c.markers);
        if (c.markers)
            series->setMarkerSize(c.width > 2 ? 8 : 6);
        m_chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        connect(series, &QXYSeries::hovered, this,
                [this, key = c.key](const QPointF &point, bool state) { onHovered(key, point, state); });
        m_series.emplace(c.key, series);
    }
    render();
}

void LiveChart::render()
{
    double x0 = std::numeric_limits<double>::infinity();
    double x1 = -x0;
    double y0 = x0;
    double y1 = -x0;
    for (const Curve &c : m_curves)
        for (const QPointF &p : c.points) {
            x0 = std::min(x0, p.x());
            x1 = std::max(x1, p.x());
            y0 = std::min(y0, p.y());
            y1 = std::max(y1, p.y());
        }
    const bool empty = !std::isfinite(x0);
    if (!m_userZoomed) {
        if (empty) {
            x0 = 0;
            x1 = 1;
            y0 = m_log ? 0.1 : 0;
            y1 = 1;
        }
        if (m_extentLow <= m_extentHigh) {
            x0 = empty ? m_extentLow : std::min(x0, m_extentLow);
            x1 = empty ? m_extentHigh : std::max(x1, m_extentHigh);
        }
        if (x1 <= x0)
            x1 = x0 + 1;
        if (m_fixedY && !m_log) {
            y0 = m_fixedLow;
            y1 = m_fixedHigh;
        } else if (m_log) {
            y0 /= 1.25;
            y1 *= 1.25;
        } else {
            const double pad = std::max((y1 - y0) * 0.05, 1e-6);
            y0 = std::max(0.0, y0 - pad);
            y1 += pad;
        }
        m_settingRange = true;
        setRoundRange(m_x, x0, x1, 6);
        y0 = std::max(y0, m_limitLow);
        y1 = std::min(y1, m_limitHigh);
        if (auto *log = qobject_cast<QLogValueAxis *>(m_y)) {
            // A label at every doubling when the range is narrow, at every decade otherwise.
            const bool narrow = y1 / y0 < 30;
            log->setBase(narrow ? 2 : 10);
            log->setMinorTickCount(narrow ? 0 : 8);
        }
        if (auto *linear = qobject_cast<QValueAxis *>(m_y))
            setRoundRange(linear, y0, y1, 5);
        else
            m_y->setRange(y0, y1);
        m_settingRange = false;
    }
    if (m_userZoomed) {
        // A zoom gesture set the range: round ticks for it (the range stays as the gesture left it).
        m_settingRange = true;
        setRoundRange(m_x, m_x->min(), m_x->max(), 6);
        if (auto *linear = qobject_cast<QValueAxis *>(m_y))
            setRoundRange(linear, linear->min(), linear->max(), 5);
        m_settingRange = false;
    }
    const double visible0 = m_x->min();
    const double visible1 = m_x->max();
    // Columns four pixels wide, at most four points each (first, lowest, highest, last): about one
    // point per pixel, which keeps every spike, while QtCharts' cost grows with every point it
    // strokes (measured: twice the points cost 1.6x the GUI thread's time, docs/benchmarks.md).
    const int columns = std::max(1, int(m_chart->plotArea().width() / 4));
    for (const Curve &c : m_curves)
        if (QLineSeries *series = this->series(c.key))
            series->replace(downsampleMinMax(c.points, visible0, visible1, columns));
}

void LiveChart::onRangeChanged()
{
    if (m_settingRange)
        return;
    if (!m_userZoomed) {
        m_userZoomed = true;
        Q_EMIT zoomChanged(true);
    }
    // Thin the curves again for the new range, once the zoom gesture has set both axes.
    QTimer::singleShot(0, this, &LiveChart::render);
}

void LiveChart::wheelEvent(QWheelEvent *event)
{
    const QRectF plot = m_chart->plotArea();
    const QPointF at = event->position();
    if (!plot.contains(at) || event->angleDelta().y() == 0) {
        QChartView::wheelEvent(event);
        return;
    }
    const double factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    const QRectF zoomed(at.x() - (at.x() - plot.left()) * factor, at.y() - (at.y() - plot.top()) * factor,
                        plot.width() * factor, plot.height() * factor);
    m_chart->zoomIn(zoomed);
    event->accept();
}

void LiveChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    render(); // as many points as the new width has columns
}

void LiveChart::onHovered(const SeriesKey &key, const QPointF &point, bool state)
{
    if (!state) {
        Q_EMIT hoverText(QString());
        return;
    }
    const auto curve =
        std::find_if(m_curves.begin(), m_curves.end(), [&](const Curve &c) { return c.key == key; });
    if (curve == m_curves.end() || curve->points.empty())
        return;
    // The stored point nearest to the mouse along x, not the interpolated spot on the line.
    const auto &points = curve->points;
    auto it = std::lower_bound(points.begin(), points.end(), point.x(),
                               [](const QPointF &p, double x) { return p.x() < x; });
    if (it == points.end() || (it != points.begin() && point.x() - (it - 1)->x() < it->x() - point.x()))
        --it;
    const QLocale locale;
    Q_EMIT hoverText(tr("%1 — %2 %3: %4")
                         .arg(curve->label, m_x->titleText(), locale.toString(it->x(), 'g', 6),
                              locale.toString(it->y(), 'g', 4)));
}

} // namespace tenkai::ui
