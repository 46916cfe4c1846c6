// LiveChart: one QtCharts plot of live curves. The owner hands it full-resolution curves; the chart
// fits its axes to them (unless the user zoomed: a rubber band or the wheel), thins every curve to
// at most four points per four-pixel column of the visible range, switches the y axis between linear and
// log, and reports the point under the mouse.
#pragma once

#include "site_metrics.h"

#include <QChartView>
#include <QColor>
#include <QPointF>
#include <QString>
#include <limits>
#include <map>
#include <vector>

class QAbstractAxis;
class QLineSeries;
class QValueAxis;

namespace tenkai::ui {

struct Curve
{
    SeriesKey key;
    QString label;
    QColor color;
    qreal width = 1.6;
    bool markers = false;        // few points (one per epoch): show them
    std::vector<QPointF> points; // sorted by x
};

class LiveChart : public QChartView
{
    Q_OBJECT

public:
    LiveChart(const QString &title, const QString &yTitle, QWidget *parent = nullptr);

    // Replaces the curves (series are kept by key, so colours and legend stay put) and redraws.
    void setCurves(std::vector<Curve> curves);
    void setXTitle(const QString &title, const QString &labelFormat);
    void setLogScale(bool log);
    bool logScale() const { return m_log; }
    // A fixed y range (accuracy 0..1); nullopt fits the data.
    void setFixedYRange(double low, double high);
    // Bounds the fit never goes beyond on y (accuracy: 0..100), whatever the padding and rounding.
    void setYLimits(double low, double high);
    // An x range the fit must include (so charts of one run share their x axis); empty: none.
    void setXExtent(double low, double high);
    // The x range of the curves (low > high when there are none).
    std::pair<double, double> dataXRange() const;

    // The user zoomed (rubber band, wheel): fitting keeps away from the axes until fitToData().
    bool userZoomed() const { return m_userZoomed; }
    void fitToData();

    QLineSeries *series(const SeriesKey &key) const;
    QValueAxis *xAxis() const { return m_x; }
    QAbstractAxis *yAxis() const { return m_y; }
    // Points drawn in all series together (after thinning).
    qsizetype drawnPoints() const;

Q_SIGNALS:
    // "Member 2 · step 1,200 · 0.4312", or empty when the mouse left the curves.
    void hoverText(const QString &text);
    void zoomChanged(bool userZoomed);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void render();
    void makeYAxis();
    void onRangeChanged();
    void onHovered(const SeriesKey &key, const QPointF &point, bool state);

    QChart *m_chart = nullptr;
    QValueAxis *m_x = nullptr;
    QAbstractAxis *m_y = nullptr;
    std::map<SeriesKey, QLineSeries *> m_series;
    std::vector<Curve> m_curves;
    QString m_xTitle;
    bool m_log = false;
    bool m_fixedY = false;
    double m_fixedLow = 0;
    double m_fixedHigh = 1;
    double m_limitLow = -std::numeric_limits<double>::infinity();
    double m_limitHigh = std::numeric_limits<double>::infinity();
    double m_extentLow = 1;
    double m_extentHigh = 0;
    bool m_userZoomed = false;
    bool m_settingRange = false;
};

} // namespace tenkai::ui
