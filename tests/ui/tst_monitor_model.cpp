// The live monitor's data path without widgets: events appended by seq (never twice), the curves
// by step/epoch/time with retrained steps superseding the lost ones, smoothing and the min/max
// thinning per pixel column.
#include "monitor/series_math.h"
#include "monitor/site_metrics.h"

#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <random>

using namespace Qt::StringLiterals;
using namespace tenkai::ui;

namespace {

QJsonObject metric(qint64 seq, QJsonValue member, int epoch, qint64 step, const QString &name,
                   QJsonValue value, double t = 1000)
{
    return QJsonObject{{u"v"_s, 1},         {u"type"_s, u"metric"_s}, {u"seq"_s, seq},
                       {u"run"_s, u"r1"_s}, {u"member"_s, member},    {u"epoch"_s, epoch},
                       {u"step"_s, step},   {u"name"_s, name},        {u"value"_s, value},
                       {u"t"_s, t}};
}

} // namespace

class TestMonitorModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsBySeqOnly();
    void runStatesAndEnsembleAccuracy();
    void csvInSeqOrder();
    void retrainedStepsSupersede();
    void epochAndTimeAxes();
    void smoothingIsDebiased();
    void downsampleKeepsExtremes_data();
    void downsampleKeepsExtremes();
    void downsampleKeepsSmallCurves();
};

void TestMonitorModel::appendsBySeqOnly()
{
    SiteMetrics m;
    QVERIFY(m.append(metric(1, 1, 1, 2, u"loss"_s, 2.0)));
    QVERIFY(m.append(metric(2, 1, 1, 4, u"loss"_s, 1.5)));
    QVERIFY(!m.append(metric(2, 1, 1, 4, u"loss"_s, 1.5))); // the same event again
    QVERIFY(!m.append(metric(1, 1, 1, 2, u"loss"_s, 2.0))); // an older one
    QVERIFY(m.append(metric(5, 1, 1, 6, u"loss"_s, 1.2)));  // a gap in seq is fine (other events)
    QVERIFY(!m.append(QJsonObject{{u"type"_s, u"log"_s}, {u"seq"_s, 6}}));
    QCOMPARE(m.droppedDuplicates(), qint64(2));
    QCOMPARE(m.pointCount(), qint64(3));
    QCOMPARE(m.lastSeq(), qint64(5));
    QCOMPARE(m.metricSeqs(), (std::vector<qint64>{1, 2, 5}));
    const auto *loss = m.run(u"r1"_s)->find(1, u"loss"_s);
    QVERIFY(loss);
    QCOMPARE(loss->size(), std::size_t(3));
    const quint64 version = m.version();
    m.clear();
    QVERIFY(m.version() > version);
    QCOMPARE(m.pointCount(), qint64(0));
    QVERIFY(m.append(metric(1, 1, 1, 2, u"loss"_s, 2.0))); // a new store starts at 1 again
}

void TestMonitorModel::runStatesAndEnsembleAccuracy()
{
    SiteMetrics m;
    m.append(QJsonObject{{u"type"_s, u"run_state"_s},
                         {u"seq"_s, 1},
                         {u"run"_s, u"r1"_s},
                         {u"state"_s, u"running"_s},
                         {u"progress"_s, 0.5}});
    QCOMPARE(m.run(u"r1"_s)->state, u"running"_s);
    QCOMPARE(m.run(u"r1"_s)->latestEnsembleAccuracy(), -1.0);
    m.append(metric(2, 1, 1, 10, u"test_accuracy"_s, 0.7));
    m.append(metric(3, 2, 1, 10, u"test_accuracy"_s, 0.6));
    QCOMPARE(m.run(u"r1"_s)->latestEnsembleAccuracy(), -1.0); // two members and no ensemble figure yet
    m.append(metric(4, u"ensemble"_s, 1, 10, u"test_accuracy"_s, 0.75));
    m.append(metric(5, u"ensemble"_s, 2, 20, u"test_accuracy"_s, QJsonValue::Null));
    QCOMPARE(m.run(u"r1"_s)->latestEnsembleAccuracy(), 0.75); // the null is skipped
    QCOMPARE(m.run(u"r1"_s)->members(), (std::vector<int>{1, 2}));
    m.append(QJsonObject{
        {u"type"_s, u"run_state"_s}, {u"seq"_s, 6}, {u"run"_s, u"r2"_s}, {u"state"_s, u"queued"_s}});
    QCOMPARE(m.runIds(), (QStringList{u"r1"_s, u"r2"_s}));
    QCOMPARE(m.latestRun()->id, u"r2"_s);
}

void TestMonitorModel::csvInSeqOrder()
{
    SiteMetrics m;
    m.append(metric(3, 2, 1, 2, u"loss"_s, 0.5, 1000.25));
    m.append(metric(4, u"ensemble"_s, 1, 2, u"test_accuracy"_s, QJsonValue::Null, 1000.5));
    m.append(metric(7, 1, 1, 2, u"loss"_s, 0.1 + 0.2, 1000.75));
    const QByteArray csv = m.toCsv();
    QCOMPARE(csv, QByteArray("run,member,name,seq,epoch,step,t,value\n"
                             "r1,2,loss,3,1,2,1000.250000,0.5\n"
                             "r1,ensemble,test_accuracy,4,1,2,1000.500000,\n"
                             "r1,1,loss,7,1,2,1000.750000,0.30000000000000004\n"));
}

void TestMonitorModel::retrainedStepsSupersede()
{
    // Steps 2..8, the daemon dies, the epoch is retrained from step 6: 6 and 8 come again.
    std::vector<MetricPoint> points;
    qint64 seq = 0;
    for (qint64 step : {2, 4, 6, 8, 6, 8, 10})
        points.push_back(MetricPoint{++seq, step, step <= 4 ? 1 : 2, double(seq), double(seq)});
    const auto curve = curvePoints(points, XAxisMode::Step, 0, false);
    QCOMPARE(curve.size(), std::size_t(5));
    const std::vector<QPointF> expected{{2, 1}, {4, 2}, {6, 5}, {8, 6}, {10, 7}};
    QCOMPARE(curve, expected);
    // By time, everything that happened stays.
    QCOMPARE(curvePoints(points, XAxisMode::Time, 0, false).size(), std::size_t(7));
}

void TestMonitorModel::epochAndTimeAxes()
{
    std::vector<MetricPoint> steps;
    qint64 seq = 0;
    // Epoch 1: four reports, epoch 2: two so far (spread by the previous epoch's four).
    for (auto [epoch, step] :
         std::vector<std::pair<int, qint64>>{{1, 1}, {1, 2}, {1, 3}, {1, 4}, {2, 5}, {2, 6}})
        steps.push_back(MetricPoint{++seq, step, epoch, 100.0 + double(seq), 1.0});
    const auto byEpoch = curvePoints(steps, XAxisMode::Epoch, 100, false);
    QCOMPARE(byEpoch.size(), std::size_t(6));
    QCOMPARE(byEpoch[0].x(), 0.0);
    QCOMPARE(byEpoch[3].x(), 0.75);
    QCOMPARE(byEpoch[4].x(), 1.0);
    QCOMPARE(byEpoch[5].x(), 1.25);
    const auto byTime = curvePoints(steps, XAxisMode::Time, 100, false);
    QCOMPARE(byTime.front().x(), 1.0);
    QCOMPARE(byTime.back().x(), 6.0);
    // End-of-epoch figures sit at the epoch's end; a null value is left out.
    std::vector<MetricPoint> ends{{1, 4, 1, 0, 0.8}, {2, 8, 2, 0, std::nan("")}, {3, 12, 3, 0, 0.9}};
    const auto accuracy = curvePoints(ends, XAxisMode::Epoch, 0, true);
    QCOMPARE(accuracy, (std::vector<QPointF>{{1, 0.8}, {3, 0.9}}));
}

void TestMonitorModel::smoothingIsDebiased()
{
    std::vector<QPointF> points{{0, 10}, {1, 10}, {2, 10}};
    smooth(points, 0.9);
    for (const QPointF &p : points)
        QCOMPARE(p.y(), 10.0); // a constant stays constant, from the first point on
    std::vector<QPointF> step{{0, 0}, {1, 0}, {2, 1}, {3, 1}};
    auto raw = step;
    smooth(step, 0.5);
    QVERIFY(step[2].y() > 0 && step[2].y() < 1); // lags behind the jump
    smooth(raw, 0);
    QCOMPARE(raw[2].y(), 1.0);
}

void TestMonitorModel::downsampleKeepsExtremes_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("columns");
    QTest::newRow("12k points on 600 columns") << 12000 << 600;
    QTest::newRow("100k points on 1000 columns") << 100000 << 1000;
    QTest::newRow("5k points on 7 columns") << 5000 << 7;
}

void TestMonitorModel::downsampleKeepsExtremes()
{
    QFETCH(int, points);
    QFETCH(int, columns);
    std::mt19937 random(7);
    std::normal_distribution<double> noise(0, 1);
    std::vector<QPointF> curve;
    for (int i = 0; i < points; ++i)
        curve.emplace_back(i, noise(random));
    const double x0 = 0;
    const double x1 = points - 1;
    const QList<QPointF> thin = downsampleMinMax(curve, x0, x1, columns);
    QVERIFY(thin.size() <= qsizetype(columns) * 4 + 4);
    QVERIFY(thin.size() >= columns); // every column is represented
    // Per column, the extremes survive, and x stays ordered.
    const double width = (x1 - x0) / columns;
    std::vector<double> low(std::size_t(columns) + 1, 1e9), high(std::size_t(columns) + 1, -1e9);
    for (const QPointF &p : curve) {
        const auto c = std::size_t(std::floor((p.x() - x0) / width));
        low[c] = std::min(low[c], p.y());
        high[c] = std::max(high[c], p.y());
    }
    std::vector<double> thinLow(low.size(), 1e9), thinHigh(high.size(), -1e9);
    for (qsizetype i = 0; i < thin.size(); ++i) {
        if (i > 0)
            QVERIFY(thin[i].x() > thin[i - 1].x());
        const auto c = std::size_t(std::floor((thin[i].x() - x0) / width));
        thinLow[c] = std::min(thinLow[c], thin[i].y());
        thinHigh[c] = std::max(thinHigh[c], thin[i].y());
    }
    QCOMPARE(thinLow, low);
    QCOMPARE(thinHigh, high);
    QCOMPARE(thin.first(), curve.front());
    QCOMPARE(thin.last(), curve.back());
}

void TestMonitorModel::downsampleKeepsSmallCurves()
{
    std::vector<QPointF> curve{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}};
    QCOMPARE(downsampleMinMax(curve, 0, 5, 100).size(), 6);
    // A zoomed range keeps one neighbour on each side, so the lines leave the plot correctly.
    const QList<QPointF> zoomed = downsampleMinMax(curve, 2, 3, 100);
    QCOMPARE(zoomed, (QList<QPointF>{{1, 2}, {2, 3}, {3, 4}, {4, 5}}));
    QVERIFY(downsampleMinMax({}, 0, 1, 10).isEmpty());
}

QTEST_MAIN(TestMonitorModel)
#include "tst_monitor_model.moc"
