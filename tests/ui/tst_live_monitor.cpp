// The console's fleet view and live monitor with real widgets (offscreen) and real tenkaid
// processes as local sites: real metrics reach the charts, a daemon killed mid-run and restarted
// leaves the curves complete without a duplicate, the CSV export matches the daemon's store, and
// "Check sites" shows each site's daemon.
#include "fleet/fleet_model.h"
#include "fleet/fleet_view.h"
#include "local_daemon_sites.h"
#include "main_window.h"
#include "monitor/live_chart.h"
#include "monitor/live_monitor.h"
#include "monitor/site_feed.h"
#include "monitor/site_panel.h"
#include "telemetry/daemon_client.h"
#include "telemetry/transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QValueAxis>
#include <cmath>
#include <map>

using namespace Qt::StringLiterals;
using tenkai::test::LocalDaemonSites;
using tenkai::test::smallRunConfig;
using namespace tenkai::ui;

namespace {

QString token(const tenkai::test::LocalDaemonSite &site)
{
    QFile file(site.stateDir() + u"/token"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

std::unique_ptr<tenkai::telemetry::DaemonClient> clientOf(const tenkai::test::LocalDaemonSite &site)
{
    const quint16 port = site.port;
    return std::make_unique<tenkai::telemetry::DaemonClient>(
        [port](QObject *parent) { return new tenkai::telemetry::TcpTransport(u"127.0.0.1"_s, port, parent); },
        token(site), u"test"_s);
}

// The Monitor area's "Sites (live)" tab, chosen with a real click on its tab.
void showLiveSites(MainWindow &window)
{
    window.showArea(MainWindow::Area::Monitor);
    auto *tabs = window.findChild<QTabWidget *>(u"monitorTabs"_s);
    QVERIFY(tabs);
    auto *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(1).center());
    QCOMPARE(tabs->currentWidget(), window.liveMonitor());
}

// The monitor on the sites' inventory, shown, with site-a's feed connected; null if any of it fails.
SiteFeed *showOn(LiveMonitor &live, LocalDaemonSites &sites)
{
    live.resize(1100, 800);
    live.show();
    if (!QTest::qWaitForWindowExposed(&live))
        return nullptr;
    auto inventory = tenkai::fleet::loadInventory(sites.writeInventory());
    if (!inventory)
        return nullptr;
    live.setInventory(inventory.value());
    SiteFeed *feed = live.feed(u"site-a"_s);
    const bool connected =
        feed &&
        QTest::qWaitFor([feed] { return feed->connection() == SiteFeed::Connection::Connected; }, 20000);
    return connected ? feed : nullptr;
}

} // namespace

class TestLiveMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void realMetricsReachTheCharts();
    void killedDaemonLeavesCompleteCurves();
    void checkSitesShowsDaemons();
    void filterAndMultiSelect();
    void importsAnAnsibleInventory();
    void pauseKeepsDataAndZoomSticks();
    void stopAndResumeARun();

private:
    // Every metric event in the daemon's store (subscribe since_seq 0 up to its last seq).
    void readStore(const tenkai::test::LocalDaemonSite &site, std::vector<QJsonObject> *metrics);
    void startRun(const tenkai::test::LocalDaemonSite &site, const QString &run, const QJsonObject &config);
};

void TestLiveMonitor::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(TENKAID)), TENKAID);
}

void TestLiveMonitor::readStore(const tenkai::test::LocalDaemonSite &site, std::vector<QJsonObject> *metrics)
{
    auto client = clientOf(site);
    qint64 last = -1;
    qint64 seen = 0;
    connect(client.get(), &tenkai::telemetry::DaemonClient::subscribed, this,
            [&](const QJsonObject &reply) { last = qint64(reply.value(u"last_seq").toDouble()); });
    connect(client.get(), &tenkai::telemetry::DaemonClient::event, this, [&](const QJsonObject &event) {
        seen = qint64(event.value(u"seq").toDouble());
        if (event.value(u"type").toString() == u"metric")
            metrics->push_back(event);
    });
    client->subscribe(QString(), 0);
    client->start();
    QTRY_VERIFY_WITH_TIMEOUT(last >= 0 && seen >= last, 20000);
}

void TestLiveMonitor::startRun(const tenkai::test::LocalDaemonSite &site, const QString &run,
                               const QJsonObject &config)
{
    auto client = clientOf(site);
    QSignalSpy replies(client.get(), &tenkai::telemetry::DaemonClient::reply);
    const qint64 id = client->request(u"start_run"_s, QJsonObject{{u"run_id"_s, run}, {u"config"_s, config}});
    client->start();
    QTRY_VERIFY_WITH_TIMEOUT(!replies.isEmpty(), 20000);
    QCOMPARE(replies.first().at(0).toLongLong(), id);
    QCOMPARE(replies.first().at(1).toJsonObject().value(u"type").toString(), u"run_accepted"_s);
}

void TestLiveMonitor::realMetricsReachTheCharts()
{
    LocalDaemonSites sites(1);
    QVERIFY(sites.isValid());
    QVERIFY(sites.site(0).start(QStringLiteral(TENKAID)));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.fleetView()->openInventory(sites.writeInventory(), &error), qPrintable(error));
    showLiveSites(window);

    LiveMonitor *live = window.liveMonitor();
    QCOMPARE(live->feeds().size(), std::size_t(1));
    SiteFeed *feed = live->feed(u"site-a"_s);
    QVERIFY(feed);
    QTRY_COMPARE_WITH_TIMEOUT(feed->connection(), SiteFeed::Connection::Connected, 20000);
    QCOMPARE(live->panel()->feed(), feed); // the first site is shown

    startRun(sites.site(0), u"r1"_s, smallRunConfig(2));
    SitePanel *panel = live->panel();
    // Loss points of both members reach the chart's series while the run trains.
    QTRY_VERIFY_WITH_TIMEOUT(panel->lossChart()->series({1, u"loss"_s}) &&
                                 panel->lossChart()->series({1, u"loss"_s})->count() > 0,
                             60000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->lossChart()->series({2, u"loss"_s}) &&
                                 panel->lossChart()->series({2, u"loss"_s})->count() > 0,
                             60000);
    QTRY_COMPARE_WITH_TIMEOUT(feed->metrics().run(u"r1"_s) ? feed->metrics().run(u"r1"_s)->state : QString(),
                              u"done"_s, 120000);
    // The epoch ends: each member's and the ensemble's test accuracy, one point per epoch.
    QTRY_VERIFY(panel->accuracyChart()->series({0, u"test_accuracy"_s}) &&
                panel->accuracyChart()->series({0, u"test_accuracy"_s})->count() == 2);
    QCOMPARE(panel->accuracyChart()->series({1, u"test_accuracy"_s})->count(), 2);
    // And the ensemble's validation accuracy, on which its choices are made.
    QTRY_VERIFY(panel->accuracyChart()->series({0, u"validation_accuracy"_s}) &&
                panel->accuracyChart()->series({0, u"validation_accuracy"_s})->count() == 2);
    // What the chart holds is what the daemon stored (step mode, no smoothing, few points).
    std::vector<QJsonObject> stored;
    readStore(sites.site(0), &stored);
    std::map<qint64, double> loss1;
    for (const QJsonObject &e : stored)
        if (e.value(u"member").toInt() == 1 && e.value(u"name").toString() == u"loss")
            loss1[qint64(e.value(u"step").toDouble())] = e.value(u"value").toDouble();
    panel->refreshNow();
    const QList<QPointF> drawn = panel->lossChart()->series({1, u"loss"_s})->points();
    QCOMPARE(qsizetype(loss1.size()), drawn.size());
    auto it = loss1.begin();
    for (const QPointF &p : drawn) {
        QCOMPARE(qint64(p.x()), it->first);
        QCOMPARE(p.y(), it->second);
        ++it;
    }
    // A double-click on the site in the Fleet area comes back to its charts.
    window.showArea(MainWindow::Area::Fleet);
    live->panel()->setFeed(nullptr);
    QTableView *fleetTable = window.fleetView()->table();
    QTRY_VERIFY(
        fleetTable->viewport()->isVisible() &&
        fleetTable->viewport()->rect().contains(fleetTable->visualRect(fleetTable->model()->index(0, 0))));
    const QPoint row = fleetTable->visualRect(fleetTable->model()->index(0, 0)).center();
    QTest::mouseClick(fleetTable->viewport(), Qt::LeftButton, {}, row);
    QTest::mouseDClick(fleetTable->viewport(), Qt::LeftButton, {}, row);
    QCOMPARE(window.currentArea(), MainWindow::Area::Monitor);
    QCOMPARE(live->panel()->feed(), feed);
    // The overview shows the ensemble's last accuracy.
    const double accuracy = feed->metrics().run(u"r1"_s)->latestEnsembleAccuracy();
    QVERIFY(accuracy > 0 && accuracy <= 1);
    const QString shown = live->overview()->model()->index(0, 5).data().toString();
    QVERIFY2(shown.startsWith(QLocale().toString(accuracy * 100, 'f', 1)), qPrintable(shown));
}

void TestLiveMonitor::killedDaemonLeavesCompleteCurves()
{
    LocalDaemonSites sites(1);
    tenkai::test::LocalDaemonSite &site = sites.site(0);
    QVERIFY(site.start(QStringLiteral(TENKAID)));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.fleetView()->openInventory(sites.writeInventory(), &error), qPrintable(error));
    showLiveSites(window);
    SiteFeed *feed = window.liveMonitor()->feed(u"site-a"_s);
    QTRY_COMPARE_WITH_TIMEOUT(feed->connection(), SiteFeed::Connection::Connected, 20000);

    QJsonObject config = smallRunConfig(6);
    config.insert(u"limit"_s, 1200);
    startRun(site, u"long"_s, config);
    // Mid-run: the first epoch's end is stored (a checkpoint to resume from) and training goes on.
    const auto intoSecondEpoch = [&] {
        const RunMetrics *run = feed->metrics().run(u"long"_s);
        const auto *ends = run ? run->find(1, u"test_accuracy"_s) : nullptr;
        const auto *loss = run ? run->find(1, u"loss"_s) : nullptr;
        // Three step reports (one every 2 steps) after the first epoch's end.
        return ends && loss && !loss->empty() && loss->back().step >= ends->front().step + 6;
    };
    QTRY_VERIFY_WITH_TIMEOUT(intoSecondEpoch(), 120000);
    QCOMPARE(feed->metrics().run(u"long"_s)->state, u"running"_s);
    const qint64 seqBeforeKill = feed->metrics().lastSeq();
    site.kill();
    QTRY_COMPARE_WITH_TIMEOUT(feed->connection(), SiteFeed::Connection::Reconnecting, 20000);
    QVERIFY(feed->disconnects() >= 1);
    // The panel says so.
    window.liveMonitor()->panel()->refreshNow();
    QVERIFY(window.liveMonitor()
                ->panel()
                ->findChild<QLabel *>(u"siteStatus"_s)
                ->text()
                .contains(u"Reconnecting"_s));

    QVERIFY(site.start(QStringLiteral(TENKAID)));
    QTRY_COMPARE_WITH_TIMEOUT(feed->metrics().run(u"long"_s)->state, u"done"_s, 180000);
    QVERIFY(feed->metrics().lastSeq() > seqBeforeKill);

    std::vector<QJsonObject> stored;
    readStore(site, &stored);
    // Every metric the daemon stored, once, in seq order.
    std::vector<qint64> storedSeqs;
    for (const QJsonObject &e : stored)
        storedSeqs.push_back(qint64(e.value(u"seq").toDouble()));
    QCOMPARE(feed->metrics().metricSeqs(), storedSeqs);
    QCOMPARE(feed->metrics().pointCount(), qint64(stored.size()));

    // The curve by step: each step once, with the value of its last report (the retrained epoch's).
    std::map<qint64, double> loss2;
    for (const QJsonObject &e : stored)
        if (e.value(u"member").toInt() == 2 && e.value(u"name").toString() == u"loss")
            loss2[qint64(e.value(u"step").toDouble())] = e.value(u"value").toDouble();
    qInfo("member 2 stored %zu loss reports for %zu steps (the retrained epoch's ones replace the lost ones)",
          std::size_t(std::count_if(stored.begin(), stored.end(),
                                    [](const QJsonObject &e) {
                                        return e.value(u"member").toInt() == 2 &&
                                               e.value(u"name").toString() == u"loss";
                                    })),
          loss2.size());
    SitePanel *panel = window.liveMonitor()->panel();
    panel->refreshNow();
    const QList<QPointF> drawn = panel->lossChart()->series({2, u"loss"_s})->points();
    QCOMPARE(drawn.size(), qsizetype(loss2.size()));
    auto it = loss2.begin();
    for (const QPointF &p : drawn) {
        QCOMPARE(qint64(p.x()), it->first);
        QCOMPARE(p.y(), it->second);
        ++it;
    }

    // The CSV export holds exactly the daemon's metric events.
    QTemporaryDir out;
    const QString csvPath = out.filePath(u"metrics.csv"_s);
    QVERIFY2(panel->exportCsv(csvPath, &error), qPrintable(error));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("run,member,name,seq,epoch,step,t,value"));
    QCOMPARE(lines.size(), qsizetype(stored.size()) + 2); // header, rows, and the empty tail
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const QList<QByteArray> cells = lines[qsizetype(i) + 1].split(',');
        QCOMPARE(cells.size(), 8);
        const QJsonObject &e = stored[i];
        QCOMPARE(QString::fromUtf8(cells[0]), e.value(u"run").toString());
        const QJsonValue member = e.value(u"member");
        QCOMPARE(QString::fromUtf8(cells[1]),
                 member.isString() ? u"ensemble"_s : QString::number(member.toInt()));
        QCOMPARE(QString::fromUtf8(cells[2]), e.value(u"name").toString());
        QCOMPARE(cells[3].toLongLong(), qint64(e.value(u"seq").toDouble()));
        QCOMPARE(cells[4].toInt(), e.value(u"epoch").toInt());
        QCOMPARE(cells[5].toLongLong(), qint64(e.value(u"step").toDouble()));
        QVERIFY(std::abs(cells[6].toDouble() - e.value(u"t").toDouble()) < 1e-6);
        if (e.value(u"value").isNull())
            QVERIFY(cells[7].isEmpty());
        else
            QCOMPARE(cells[7].toDouble(), e.value(u"value").toDouble());
    }

    // PNG export writes an image of the charts.
    const QString pngPath = out.filePath(u"charts.png"_s);
    QVERIFY2(panel->exportPng(pngPath, &error), qPrintable(error));
    QImage image(pngPath);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 300 && image.height() > 200);
}

void TestLiveMonitor::checkSitesShowsDaemons()
{
    LocalDaemonSites sites(2);
    QVERIFY(sites.site(0).start(QStringLiteral(TENKAID)));
    // site-b has no daemon: reachable (it is this computer), no daemon answers.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showArea(MainWindow::Area::Fleet);
    FleetView *fleet = window.fleetView();
    QVERIFY(!fleet->checkAction()->isEnabled());
    QString error;
    QVERIFY2(fleet->openInventory(sites.writeInventory(), &error), qPrintable(error));
    QCOMPARE(fleet->table()->model()->rowCount(), 2);
    QCOMPARE(fleet->table()->model()->index(0, FleetModel::Name).data().toString(), u"site-a"_s);
    QCOMPARE(fleet->table()->model()->index(0, FleetModel::Groups).data().toString(), u"factory-a"_s);
    QCOMPARE(fleet->table()->model()->index(1, FleetModel::Labels).data().toString(), u"line=2"_s);
    QCOMPARE(fleet->table()->model()->index(0, FleetModel::State).data().toString(), u"Unknown"_s);

    // The daemon's version as the daemon itself says it.
    QString version;
    {
        auto client = clientOf(sites.site(0));
        QSignalSpy ready(client.get(), &tenkai::telemetry::DaemonClient::ready);
        client->start();
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 20000);
        version = ready.first().at(0).toJsonObject().value(u"daemon_version").toString();
    }
    QVERIFY(!version.isEmpty());

    // A real click on the toolbar's "Check sites"; the GUI thread keeps running meanwhile.
    auto *toolbar = fleet->findChild<QToolBar *>(u"fleetToolbar"_s);
    auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(fleet->checkAction()));
    QVERIFY(button);
    QSignalSpy finished(fleet, &FleetView::checkFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(fleet->isChecking());
    QCOMPARE(fleet->table()->model()->index(0, FleetModel::State).data().toString(), u"Checking…"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);

    const FleetRow *a = fleet->model()->row(u"site-a"_s);
    const FleetRow *b = fleet->model()->row(u"site-b"_s);
    QVERIFY(a->state == FleetState::DaemonRunning || a->state == FleetState::Training);
    QCOMPARE(fleet->model()->index(0, FleetModel::Daemon).data().toString(), version);
    QVERIFY(a->probe.cores > 0);
    QVERIFY(a->probe.check.freeBytes > 0);
    QVERIFY(!a->probe.check.architecture.isEmpty());
    QVERIFY(!fleet->model()->index(0, FleetModel::DiskFree).data().toString().isEmpty());
    QCOMPARE(b->state, FleetState::Reachable);
    QVERIFY2(b->message.contains(u"token"_s), qPrintable(b->message));

    // A run on site-a: the live monitor's feed turns the fleet row to Training.
    QJsonObject longer = smallRunConfig(3);
    longer.insert(u"limit"_s, 3000);
    startRun(sites.site(0), u"t1"_s, longer);
    QTRY_COMPARE_WITH_TIMEOUT(fleet->model()->row(u"site-a"_s)->state, FleetState::Training, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(fleet->model()->row(u"site-a"_s)->state, FleetState::DaemonRunning, 120000);
}

void TestLiveMonitor::filterAndMultiSelect()
{
    LocalDaemonSites sites(4);
    FleetView fleet;
    fleet.resize(1000, 400);
    fleet.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fleet));
    QString error;
    QVERIFY2(fleet.openInventory(sites.writeInventory(), &error), qPrintable(error));
    QTableView *table = fleet.table();
    QSignalSpy selection(&fleet, &FleetView::selectionChanged);

    // Typing in the filter box keeps the sites of one group.
    auto *filter = fleet.findChild<QLineEdit *>(u"fleetFilter"_s);
    QTest::keyClicks(filter, u"factory-b"_s);
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->index(0, 0).data().toString(), u"site-b"_s);
    QCOMPARE(table->model()->index(1, 0).data().toString(), u"site-d"_s);
    filter->clear();
    QCOMPARE(table->model()->rowCount(), 4);

    // Click site-c, ctrl-click site-a: both selected, reported in inventory order.
    const auto rowCenter = [&](int row) {
        return table->visualRect(table->model()->index(row, 0)).center();
    };
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCenter(2));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCenter(0));
    QCOMPARE(fleet.selectedSiteNames(), (QStringList{u"site-a"_s, u"site-c"_s}));
    const auto selected = fleet.selectedSites();
    QCOMPARE(selected.size(), std::size_t(2));
    QCOMPARE(selected[1].root, sites.site(2).root);
    QVERIFY(!selection.isEmpty());
    QCOMPARE(selection.last().at(0).toStringList(), (QStringList{u"site-a"_s, u"site-c"_s}));
    // The deploy action follows the selection and hands it over.
    // The deploy action (hidden until the lead's dialog shows it) follows the selection.
    QSignalSpy deploy(&fleet, &FleetView::deployRequested);
    fleet.deployAction()->setVisible(true);
    QVERIFY(fleet.deployAction()->isEnabled());
    fleet.deployAction()->trigger();
    QCOMPARE(deploy.size(), 1);
    const auto handed = deploy.first().at(0).value<std::vector<tenkai::fleet::Site>>();
    QCOMPARE(handed.size(), std::size_t(2));
    QCOMPARE(handed[0].name, u"site-a"_s);
    QCOMPARE(handed[1].name, u"site-c"_s);
    // Clearing the selection disables it again.
    table->clearSelection();
    QVERIFY(!fleet.deployAction()->isEnabled());
    QVERIFY(fleet.selectedSites().empty());
}

void TestLiveMonitor::importsAnAnsibleInventory()
{
    QTemporaryDir dir;
    QFile hosts(dir.filePath(u"hosts.ini"_s));
    QVERIFY(hosts.open(QIODevice::WriteOnly));
    hosts.write("[cameras]\nedge[01:03] ansible_host=10.0.0.1 ansible_user=deploy line=3\n"
                "[cameras:vars]\nansible_become_method=doas\n");
    hosts.close();
    FleetView fleet;
    QSignalSpy changed(&fleet, &FleetView::inventoryChanged);
    QStringList notMapped;
    QString error;
    const QString target = dir.filePath(u"inventory.yaml"_s);
    QVERIFY2(fleet.importAnsibleInventory(hosts.fileName(), target, &notMapped, &error), qPrintable(error));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(fleet.inventory().file, target);
    QCOMPARE(fleet.table()->model()->rowCount(), 3);
    QCOMPARE(fleet.table()->model()->index(2, FleetModel::Name).data().toString(), u"edge03"_s);
    QCOMPARE(fleet.table()->model()->index(0, FleetModel::Groups).data().toString(), u"cameras"_s);
    QCOMPARE(fleet.table()->model()->index(0, FleetModel::Labels).data().toString(), u"line=3"_s);
    QCOMPARE(fleet.table()->model()->index(0, FleetModel::Address).data().toString(), u"deploy@10.0.0.1"_s);
    // What has no Tenkai equivalent is reported with its file and line.
    QCOMPARE(notMapped.size(), 1);
    QVERIFY2(notMapped.first().contains(u"hosts.ini:4"_s) &&
                 notMapped.first().contains(u"ansible_become_method"_s),
             qPrintable(notMapped.first()));
    // The written inventory reads back the same.
    QString reread;
    FleetView again;
    QVERIFY2(again.openInventory(target, &reread), qPrintable(reread));
    QCOMPARE(again.inventory().sites.size(), std::size_t(3));
    // A file that is not an inventory is refused with the loader's sentence, the view unchanged.
    QVERIFY(!fleet.openInventory(hosts.fileName(), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(fleet.table()->model()->rowCount(), 3);
}

void TestLiveMonitor::pauseKeepsDataAndZoomSticks()
{
    LocalDaemonSites sites(1);
    QVERIFY(sites.site(0).start(QStringLiteral(TENKAID)));
    LiveMonitor live;
    SiteFeed *feed = showOn(live, sites);
    QVERIFY(feed);
    SitePanel *panel = live.panel();
    QJsonObject longer = smallRunConfig(3);
    longer.insert(u"limit"_s, 3000);
    startRun(sites.site(0), u"p1"_s, longer);
    QTRY_VERIFY_WITH_TIMEOUT(panel->lossChart()->series({1, u"loss"_s}) &&
                                 panel->lossChart()->series({1, u"loss"_s})->count() > 3,
                             60000);
    // Pause with a real click: the drawn points stay while events keep arriving.
    auto *pause = panel->findChild<QPushButton *>(u"pauseButton"_s);
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(panel->isPaused());
    const qsizetype frozen = panel->lossChart()->series({1, u"loss"_s})->count();
    QTRY_VERIFY_WITH_TIMEOUT(panel->pendingWhilePaused() > 10, 60000);
    panel->refreshNow();
    QCOMPARE(panel->lossChart()->series({1, u"loss"_s})->count(), frozen);
    // Resume: everything that arrived meanwhile is drawn.
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!panel->isPaused());
    QTRY_VERIFY(panel->lossChart()->series({1, u"loss"_s})->count() > frozen);

    // A rubber-band zoom: the axes stay where the user put them while points arrive.
    LiveChart *chart = panel->lossChart();
    const QRectF plot = chart->chart()->plotArea();
    QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, plot.topLeft().toPoint() + QPoint(10, 10));
    QTest::mouseMove(chart->viewport(), plot.center().toPoint());
    QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, plot.center().toPoint());
    QTRY_VERIFY(chart->userZoomed());
    const double zoomedMax = chart->xAxis()->max();
    const qint64 seen = feed->metrics().lastSeq();
    QTRY_VERIFY_WITH_TIMEOUT(feed->metrics().lastSeq() > seen + 5, 60000);
    panel->refreshNow();
    QCOMPARE(chart->xAxis()->max(), zoomedMax);
    // Fit follows the data again.
    auto *fit = panel->findChild<QPushButton *>(u"fitButton"_s);
    QVERIFY(fit->isEnabled());
    QTest::mouseClick(fit, Qt::LeftButton);
    QVERIFY(!chart->userZoomed());
    QVERIFY(chart->xAxis()->max() > zoomedMax);
    // Log scale and smoothing keep the curves (positive losses).
    panel->setLogScale(true);
    panel->setSmoothing(0.9);
    panel->refreshNow();
    QVERIFY(chart->series({1, u"loss"_s})->count() > 0);
    QVERIFY(qobject_cast<QLogValueAxis *>(chart->yAxis()));
}

// The run button: Stop while the shown run trains, then Resume once it is stopped, which carries it
// on from its last checkpoint to the end; nothing to do for a done run.
void TestLiveMonitor::stopAndResumeARun()
{
    LocalDaemonSites sites(1);
    QVERIFY(sites.site(0).start(QStringLiteral(TENKAID)));
    LiveMonitor live;
    SiteFeed *feed = showOn(live, sites);
    QVERIFY(feed);
    SitePanel *panel = live.panel();
    QPushButton *button = panel->runActionButton();
    QVERIFY(!button->isEnabled()); // no run yet

    QJsonObject config = smallRunConfig(4);
    config.insert(u"limit"_s, 6000);
    startRun(sites.site(0), u"s1"_s, config);
    const auto state = [&] {
        const auto *run = feed->metrics().run(u"s1"_s);
        return run ? run->state : QString();
    };
    // Stop once the first epoch (and its checkpoint) is done.
    QTRY_VERIFY_WITH_TIMEOUT(feed->metrics().run(u"s1"_s) && feed->metrics().run(u"s1"_s)->progress >= 0.25,
                             60000);
    panel->refreshNow();
    QVERIFY(button->isEnabled());
    QCOMPARE(button->text(), panel->tr("Stop run"));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(state(), u"stopped"_s, 60000);
    QTRY_COMPARE(button->text(), panel->tr("Resume run"));
    QTRY_VERIFY(button->isEnabled());

    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(state(), u"done"_s, 120000);
    panel->refreshNow();
    QVERIFY(!button->isEnabled()); // a done run has nothing to stop or resume

    // The report says where it carried on from.
    auto client = clientOf(sites.site(0));
    QSignalSpy replies(client.get(), &tenkai::telemetry::DaemonClient::reply);
    client->request(u"get_report"_s, QJsonObject{{u"run"_s, u"s1"_s}});
    client->start();
    QTRY_VERIFY_WITH_TIMEOUT(!replies.isEmpty(), 20000);
    const QJsonObject report = replies.first().at(1).toJsonObject().value(u"report"_s).toObject();
    QVERIFY2(report.value(u"resumed_after_epoch"_s).toInt() >= 1,
             qPrintable(QString::fromUtf8(QJsonDocument(report).toJson())));
    QCOMPARE(report.value(u"epochs_completed"_s).toInt(), 4);
}

QTEST_MAIN(TestLiveMonitor)
#include "tst_live_monitor.moc"
