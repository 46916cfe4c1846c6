// Makes the documentation's screenshots of the fleet view and the live monitor: real tenkaid
// processes as local sites (tests/ui/local_daemon_sites.h), real trainings on the installed
// Fashion-MNIST, one language per run.
//   tenkai_monitor_screenshots OUT_DIR [en|ja]
#include "common/translations.h"
#include "fleet/fleet_model.h"
#include "fleet/fleet_view.h"
#include "fleet/host_key_dialog.h"
#include "local_daemon_sites.h"
#include "main_window.h"
#include "monitor/live_monitor.h"
#include "monitor/site_feed.h"
#include "monitor/site_panel.h"
#include "sshd_sites.h"
#include "telemetry/daemon_client.h"
#include "telemetry/transport.h"
#include "train_api.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;
using tenkai::test::LocalDaemonSites;

namespace {

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitFor(const std::function<bool()> &condition, int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > ms)
            return false;
        settle(50);
    }
    return true;
}

// A five-member ensemble that trains for about half a minute here.
QJsonObject ensembleRun(int seedBase, int epochs)
{
    QJsonArray members;
    const QStringList policies{u"none"_s, u"flip"_s, u"geometric"_s, u"photometric"_s, u"noise"_s};
    for (int i = 0; i < 5; ++i)
        members.append(QJsonObject{{u"seed"_s, seedBase + i}, {u"augment"_s, policies[i]}});
    return QJsonObject{{u"model"_s, u"lenet"_s},       {u"dataset"_s, u"fashion-mnist"_s},
                       {u"epochs"_s, epochs},          {u"limit"_s, 3000},
                       {u"test_limit"_s, 1000},        {u"lr"_s, 0.05},
                       {u"step_report_interval"_s, 1}, {u"members"_s, members}};
}

bool startRun(const tenkai::test::LocalDaemonSite &site, const QString &run, const QJsonObject &config)
{
    QFile tokenFile(site.stateDir() + u"/token"_s);
    if (!tokenFile.open(QIODevice::ReadOnly))
        return false;
    const quint16 port = site.port;
    tenkai::telemetry::DaemonClient client(
        [port](QObject *parent) { return new tenkai::telemetry::TcpTransport(u"127.0.0.1"_s, port, parent); },
        QString::fromUtf8(tokenFile.readAll()).trimmed(), u"screenshots"_s);
    bool accepted = false;
    bool answered = false;
    QObject::connect(&client, &tenkai::telemetry::DaemonClient::reply, [&](qint64, const QJsonObject &reply) {
        answered = true;
        accepted = reply.value(u"type").toString() == u"run_accepted";
        if (!accepted)
            qCritical("start_run refused: %s", qPrintable(reply.value(u"message").toString()));
    });
    client.request(u"start_run"_s, QJsonObject{{u"run_id"_s, run}, {u"config"_s, config}});
    client.start();
    waitFor([&] { return answered; }, 20000);
    return accepted;
}

bool SshdSitesAvailable(tenkai::test::SshdSites &sshd)
{
    if (const QString why = tenkai::test::SshdSites::unavailableReason(); !why.isEmpty()) {
        qCritical("no sshd for the SSH sites: %s", qPrintable(why));
        return false;
    }
    if (!sshd.start(3)) {
        qCritical("%s", qPrintable(sshd.error()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        qCritical("usage: tenkai_monitor_screenshots OUT_DIR [en|ja]");
        return 2;
    }
    const QString lang = args.value(2, u"en"_s);
    const QString suffix = lang == u"ja" ? u"-ja"_s : u"-en"_s;
    QLocale::setDefault(lang == u"ja" ? QLocale(QLocale::Japanese, QLocale::Japan)
                                      : QLocale(QLocale::English, QLocale::UnitedStates));
    tenkai::installTranslations();
    tenkai::train::configureThreads(0);
    const QString out = args.at(1);
    QDir().mkpath(out);

    // Four local sites: two train, one idles with its daemon up, one has no daemon yet.
    LocalDaemonSites sites(4);
    for (int i : {0, 1, 2})
        if (!sites.site(i).start(QStringLiteral(TENKAID))) {
            qCritical("tenkaid did not start");
            return 1;
        }
    // SSH sites on real sshd servers: edge-ssh1 reaches site-c's daemon through its SSH connection,
    // edge-ssh2 changes its host key after it was pinned, edge-ssh3 is new; edge-down does not answer.
    tenkai::test::SshdSites sshd;
    if (!SshdSitesAvailable(sshd))
        return 1;
    const auto sshSite = [&](const QString &name, int index, const QString &root, quint16 daemonPort,
                             const QString &extra) {
        return u"  - name: %1\n    host: 127.0.0.1\n    port: %2\n    user: root\n    identity: %3\n"
               u"    root: %4\n    daemon_port: %5\n%6"_s.arg(name)
                   .arg(sshd.site(index).port)
                   .arg(sshd.clientKey(), root)
                   .arg(daemonPort)
                   .arg(extra);
    };
    const QString inventory = sites.writeInventory(
        sshSite(u"edge-ssh1"_s, 0, sites.site(2).root, sites.site(2).port,
                u"    groups: [factory-a, gpu]\n    labels: {camera: mirrored}\n"_s) +
        sshSite(u"edge-ssh2"_s, 1, sites.workspace() + u"/ssh2"_s, 7470, u"    groups: [factory-b]\n"_s) +
        sshSite(u"edge-ssh3"_s, 2, sites.workspace() + u"/ssh3"_s, 7470, u"    groups: [factory-b]\n"_s) +
        u"  - name: edge-down\n    host: 127.0.0.1\n    port: %1\n    user: deploy\n    groups: [factory-b, "
        u"gpu]\n"
        u"    labels: {camera: low-light}\n"_s.arg(tenkai::test::freePort()));

    tenkai::ui::MainWindow window;
    window.resize(1280, 760);
    window.fleetView()->setSshConfig(sshd.clientConfig());
    window.liveMonitor()->setSshConfig(sshd.clientConfig());
    window.show();
    QString error;
    if (!window.fleetView()->openInventory(inventory, &error)) {
        qCritical("%s", qPrintable(error));
        return 1;
    }
    startRun(sites.site(0), u"finetune-a"_s, ensembleRun(1, 4));
    startRun(sites.site(1), u"finetune-b"_s, ensembleRun(11, 4));

    window.showArea(tenkai::ui::MainWindow::Area::Fleet);
    tenkai::ui::FleetView *fleet = window.fleetView();
    int checks = 0;
    QObject::connect(fleet, &tenkai::ui::FleetView::checkFinished, [&] { ++checks; });
    tenkai::ui::HostKeyDialog *dialog = nullptr;
    QObject::connect(fleet, &tenkai::ui::FleetView::hostKeysAsked,
                     [&](tenkai::ui::HostKeyDialog *asked) { dialog = asked; });
    // An earlier session pinned edge-ssh1 and edge-ssh2; then edge-ssh2 got a new key.
    fleet->checkSites({u"edge-ssh1"_s, u"edge-ssh2"_s}, tenkai::fleet::HostKeyPolicy::AcceptNew);
    if (!waitFor([&] { return checks == 1; }, 60000) || !sshd.rekey(1)) {
        qCritical("could not pin the first keys");
        return 1;
    }
    settle(3000); // the trainings are under way
    fleet->checkSites();
    if (!waitFor([&] { return checks == 2 && dialog; }, 60000)) {
        qCritical("the check did not finish with a host key dialog");
        return 1;
    }
    dialog->setAccepted(u"edge-ssh3"_s, true);
    settle(300);
    dialog->grab().save(out + u"/host-keys-dialog"_s + suffix + u".png"_s);
    dialog->reject();
    fleet->table()->resizeColumnsToContents();
    fleet->selectSites({u"edge-ssh2"_s});
    fleet->table()->selectionModel()->setCurrentIndex(
        fleet->table()->model()->index(fleet->model()->rowOf(u"edge-ssh2"_s), 0),
        QItemSelectionModel::NoUpdate);
    settle(300);
    window.grab().save(out + u"/fleet-view"_s + suffix + u".png"_s);

    // The live monitor on site-a once both runs are done, in a taller window for the charts.
    window.resize(1320, 900);
    auto *tabs = window.findChild<QTabWidget *>(u"monitorTabs"_s);
    window.showArea(tenkai::ui::MainWindow::Area::Monitor);
    tabs->setCurrentWidget(window.liveMonitor());
    tenkai::ui::LiveMonitor *live = window.liveMonitor();
    live->showSite(u"site-a"_s);
    const auto done = [&](const QString &site, const QString &run) {
        const auto *r = live->feed(site)->metrics().run(run);
        return r && (r->state == u"done" || r->state == u"failed");
    };
    if (!waitFor([&] { return done(u"site-a"_s, u"finetune-a"_s) && done(u"site-b"_s, u"finetune-b"_s); },
                 600000)) {
        qCritical("the trainings did not finish");
        return 1;
    }
    live->panel()->setSmoothing(0.6);
    settle(800);
    window.grab().save(out + u"/live-monitor"_s + suffix + u".png"_s);
    live->panel()->setXAxisMode(tenkai::ui::XAxisMode::Epoch);
    live->panel()->setLogScale(true);
    settle(800);
    live->panel()->grab().save(out + u"/live-monitor-epochs"_s + suffix + u".png"_s);
    return 0;
}
