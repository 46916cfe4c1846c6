// First contact and changed host keys in the fleet view, against real OpenSSH sites
// (tests/support/sshd_sites): one dialog lists every new key of a check; accepting pins only the
// ticked sites in the workspace known_hosts; a changed key is an alarm naming both fingerprints.
#include "fleet/fleet_model.h"
#include "fleet/fleet_view.h"
#include "fleet/host_key_dialog.h"
#include "local_daemon_sites.h"
#include "monitor/live_chart.h"
#include "monitor/live_monitor.h"
#include "monitor/site_feed.h"
#include "monitor/site_panel.h"
#include "sshd_sites.h"
#include "telemetry/daemon_client.h"
#include "telemetry/transport.h"

#include <QComboBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tenkai::ui;
using tenkai::test::SshdSites;

class TestFleetHostKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newKeysInOneDialogThenChangedKeyAlarm();
    void keysPinnedForOpenSshWhenChosen();
    void liveMonitorOverSshSurvivesTheSiteDying();

private:
    SshdSites m_sites;
};

void TestFleetHostKeys::initTestCase()
{
    if (const QString why = SshdSites::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_sites.start(3), qPrintable(m_sites.error()));
}

void TestFleetHostKeys::newKeysInOneDialogThenChangedKeyAlarm()
{
    QTemporaryDir workspace;
    QString yaml = u"format: tenkai-inventory\nversion: 1\nsites:\n"_s;
    for (int i = 0; i < m_sites.count(); ++i)
        yaml += u"  - name: %1\n    host: 127.0.0.1\n    port: %2\n    user: root\n    identity: %3\n"
                u"    root: %4\n    groups: [ssh-sites]\n"_s.arg(m_sites.site(i).name)
                    .arg(m_sites.site(i).port)
                    .arg(m_sites.clientKey(), workspace.filePath(m_sites.site(i).name));
    const QString inventory = workspace.filePath(u"inventory.yaml"_s);
    QFile file(inventory);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(yaml.toUtf8());
    file.close();

    FleetView fleet;
    fleet.setSshConfig(m_sites.clientConfig());
    fleet.resize(1200, 400);
    fleet.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fleet));
    QString error;
    QVERIFY2(fleet.openInventory(inventory, &error), qPrintable(error));
    QCOMPARE(fleet.knownHostsFile(), workspace.filePath(u"known_hosts"_s));

    // First check: every site is new. One dialog lists all three with their real fingerprints.
    QSignalSpy asked(&fleet, &FleetView::hostKeysAsked);
    QSignalSpy finished(&fleet, &FleetView::checkFinished);
    fleet.checkAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(asked.size(), 1);
    auto *dialog = asked.first().at(0).value<HostKeyDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->keys().size(), std::size_t(3));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(dialog->keys()[std::size_t(i)].site, m_sites.site(i).name);
        QCOMPARE(dialog->keys()[std::size_t(i)].fingerprint, m_sites.hostKeyFingerprint(i));
        QCOMPARE(fleet.model()->row(m_sites.site(i).name)->state, FleetState::HostKeyUnknown);
    }
    QVERIFY(!QFile::exists(fleet.knownHostsFile())); // nothing pinned without the operator

    // Tick sites 0 and 2 with real clicks on their check boxes, then pin.
    auto *table = dialog->findChild<QTableWidget *>(u"hostKeyTable"_s);
    for (int row : {0, 2}) {
        const QRect cell = table->visualItemRect(table->item(row, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, QPoint(cell.left() + 12, cell.center().y()));
    }
    QCOMPARE(dialog->acceptedSites(), (QStringList{m_sites.site(0).name, m_sites.site(2).name}));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"pinButton"_s), Qt::LeftButton);
    // The accepted sites are checked again with AcceptNew: pinned, reachable (no tenkaid there).
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
    for (int i : {0, 2}) {
        const FleetRow *row = fleet.model()->row(m_sites.site(i).name);
        QCOMPARE(row->state, FleetState::Reachable);
        QVERIFY(row->probe.check.pinnedNow);
        QCOMPARE(row->probe.check.hostKey, m_sites.hostKeyFingerprint(i));
        QVERIFY(row->probe.check.freeBytes > 0);
    }
    QCOMPARE(fleet.model()->row(m_sites.site(1).name)->state, FleetState::HostKeyUnknown);
    QFile knownHosts(fleet.knownHostsFile());
    QVERIFY(knownHosts.open(QIODevice::ReadOnly));
    const QByteArray pinned = knownHosts.readAll();
    QCOMPARE(pinned.count('\n'), 2);
    QVERIFY(pinned.contains(QByteArray::number(m_sites.site(0).port)));
    QVERIFY(!pinned.contains(QByteArray(":" + QByteArray::number(m_sites.site(1).port) + "]")));
    knownHosts.close();
    QCOMPARE(asked.size(), 1); // the re-check of the accepted sites asks nothing more

    // Site 0 gets a new key: the next check shows the alarm with both fingerprints.
    const QString oldKey = m_sites.hostKeyFingerprint(0);
    QVERIFY(m_sites.rekey(0));
    const QString newKey = m_sites.hostKeyFingerprint(0);
    QVERIFY(oldKey != newKey);
    fleet.selectSites({m_sites.site(0).name});
    fleet.checkAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 60000);
    const FleetRow *changed = fleet.model()->row(m_sites.site(0).name);
    QCOMPARE(changed->state, FleetState::HostKeyChanged);
    QVERIFY2(changed->message.contains(oldKey) && changed->message.contains(newKey),
             qPrintable(changed->message));
    const int row = fleet.model()->rowOf(m_sites.site(0).name);
    QCOMPARE(fleet.model()->index(row, FleetModel::State).data().toString(), u"Host key changed!"_s);
    QCOMPARE(fleet.model()->index(row, FleetModel::Message).data().toString(), changed->message);
    QCOMPARE(asked.size(), 1); // a changed key is never offered for pinning
}

// The operator may pin new keys in their own ~/.ssh/known_hosts (the ssh config's
// UserKnownHostsFile) instead of the workspace's file; the site's details then say which file and
// line trusts the key, and how the ssh config makes the site reached.
void TestFleetHostKeys::keysPinnedForOpenSshWhenChosen()
{
    QTemporaryDir workspace;
    const auto &site = m_sites.site(1);
    const QString inventory = workspace.filePath(u"inventory.yaml"_s);
    QFile file(inventory);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(u"format: tenkai-inventory\nversion: 1\nsites:\n  - name: edge-alias\n    host: edge-alias\n"
               u"    root: %1\n"_s.arg(workspace.filePath(u"root"_s))
                   .toUtf8());
    file.close();
    const QString userKnownHosts = workspace.filePath(u"user_known_hosts"_s);
    const QString config = workspace.filePath(u"ssh_config"_s);
    QFile configFile(config);
    QVERIFY(configFile.open(QIODevice::WriteOnly));
    configFile.write(u"Host edge-alias\n  HostName 127.0.0.1\n  Port %1\n  User root\n  IdentityFile %2\n"
                     u"UserKnownHostsFile %3\nGlobalKnownHostsFile /dev/null\n"_s.arg(site.port)
                         .arg(m_sites.clientKey(), userKnownHosts)
                         .toUtf8());
    configFile.close();

    FleetView fleet;
    fleet.setSshConfig(config);
    fleet.resize(1200, 400);
    fleet.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fleet));
    QString error;
    QVERIFY2(fleet.openInventory(inventory, &error), qPrintable(error));
    QSignalSpy asked(&fleet, &FleetView::hostKeysAsked);
    QSignalSpy finished(&fleet, &FleetView::checkFinished);
    fleet.checkAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(asked.size(), 1);
    auto *dialog = asked.first().at(0).value<HostKeyDialog *>();
    QCOMPARE(dialog->pinTarget(), tenkai::fleet::PinTarget::Workspace);
    auto *where = dialog->findChild<QComboBox *>(u"pinToCombo"_s);
    QVERIFY(where);
    where->setCurrentIndex(1);
    QCOMPARE(dialog->pinTarget(), tenkai::fleet::PinTarget::UserKnownHosts);
    dialog->setAccepted(u"edge-alias"_s, true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"pinButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
    const FleetRow *row = fleet.model()->row(u"edge-alias"_s);
    QCOMPARE(row->state, FleetState::Reachable);
    QVERIFY(!QFile::exists(fleet.knownHostsFile()));
    QFile pinned(userKnownHosts);
    QVERIFY(pinned.open(QIODevice::ReadOnly));
    QVERIFY(pinned.readAll().startsWith(u"[127.0.0.1]:%1 "_s.arg(site.port).toUtf8()));
    QCOMPARE(row->probe.check.hostKeyTrustedBy, userKnownHosts);
    QCOMPARE(row->probe.check.connection, u"root@127.0.0.1:%1"_s.arg(site.port));

    // A later check finds the key through that file, and the details say so.
    fleet.checkAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 60000);
    QCOMPARE(asked.size(), 1);
    row = fleet.model()->row(u"edge-alias"_s);
    QCOMPARE(row->probe.check.hostKeyTrustedBy, userKnownHosts + u":1"_s);
    auto *table = fleet.findChild<QTableView *>();
    QVERIFY(table);
    table->setCurrentIndex(table->model()->index(0, 0));
    const QString details = fleet.findChild<QLabel *>(u"siteDetails"_s)->text();
    QVERIFY2(details.contains(u"trusted by %1:1"_s.arg(userKnownHosts)) &&
                 details.contains(u"root@127.0.0.1:%1"_s.arg(site.port)),
             qPrintable(details));
}

void TestFleetHostKeys::liveMonitorOverSshSurvivesTheSiteDying()
{
    // A tenkaid on this machine, reached as the SSH site site01 sees it: its 127.0.0.1:PORT.
    tenkai::test::LocalDaemonSites daemons(1);
    tenkai::test::LocalDaemonSite &daemon = daemons.site(0);
    QVERIFY(daemon.start(QStringLiteral(TENKAID)));
    QTemporaryDir workspace;
    const QString inventory = workspace.filePath(u"inventory.yaml"_s);
    QFile file(inventory);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        u"format: tenkai-inventory\nsites:\n  - name: remote\n    host: 127.0.0.1\n    port: %1\n"
        u"    user: root\n    identity: %2\n    root: %3\n    daemon_port: %4\n"_s.arg(m_sites.site(0).port)
            .arg(m_sites.clientKey(), daemon.root)
            .arg(daemon.port)
            .toUtf8());
    file.close();
    auto loaded = tenkai::fleet::loadInventory(inventory);
    QVERIFY(loaded);
    // The key is pinned first, as the host key dialog does.
    {
        FleetView fleet;
        fleet.setSshConfig(m_sites.clientConfig());
        QString error;
        QVERIFY(fleet.openInventory(inventory, &error));
        QSignalSpy finished(&fleet, &FleetView::checkFinished);
        fleet.checkSites({}, tenkai::fleet::HostKeyPolicy::AcceptNew);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(fleet.model()->row(u"remote"_s)->state, FleetState::DaemonRunning);
    }

    LiveMonitor live;
    live.setSshConfig(m_sites.clientConfig());
    live.resize(1000, 700);
    live.show();
    QVERIFY(QTest::qWaitForWindowExposed(&live));
    live.setInventory(loaded.value());
    SiteFeed *feed = live.feed(u"remote"_s);
    QTRY_COMPARE_WITH_TIMEOUT(feed->connection(), SiteFeed::Connection::Connected, 30000);

    // A run through the feed's own client (over SSH), long enough to outlive the sshd's death.
    QJsonObject config = tenkai::test::smallRunConfig(4);
    config.insert(u"limit"_s, 2400);
    QSignalSpy replies(feed->client(), &tenkai::telemetry::DaemonClient::reply);
    feed->client()->request(u"start_run"_s, QJsonObject{{u"run_id"_s, u"ssh1"_s}, {u"config"_s, config}});
    QTRY_VERIFY_WITH_TIMEOUT(!replies.isEmpty(), 20000);
    QCOMPARE(replies.first().at(1).toJsonObject().value(u"type").toString(), u"run_accepted"_s);
    QTRY_VERIFY_WITH_TIMEOUT(live.panel()->lossChart()->series({1, u"loss"_s}) &&
                                 live.panel()->lossChart()->series({1, u"loss"_s})->count() > 2,
                             60000);

    // The site's sshd dies with its sessions (the daemon goes on training), then comes back.
    QCOMPARE(feed->metrics().run(u"ssh1"_s)->state, u"running"_s);
    const qint64 seqAtKill = feed->metrics().lastSeq();
    m_sites.kill(0);
    QTRY_VERIFY_WITH_TIMEOUT(feed->connection() != SiteFeed::Connection::Connected, 20000);
    QVERIFY(feed->disconnects() >= 1);
    QVERIFY(m_sites.restart(0));
    QTRY_COMPARE_WITH_TIMEOUT(feed->connection(), SiteFeed::Connection::Connected, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(feed->metrics().run(u"ssh1"_s)->state, u"done"_s, 180000);
    QVERIFY(feed->metrics().lastSeq() > seqAtKill);

    // Every metric event of the store, once: compared with a direct subscription from seq 0.
    QFile tokenFile(daemon.stateDir() + u"/token"_s);
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    const quint16 port = daemon.port;
    tenkai::telemetry::DaemonClient direct(
        [port](QObject *parent) { return new tenkai::telemetry::TcpTransport(u"127.0.0.1"_s, port, parent); },
        QString::fromUtf8(tokenFile.readAll()).trimmed(), u"test"_s);
    std::vector<qint64> stored;
    qint64 last = -1;
    qint64 seen = 0;
    connect(&direct, &tenkai::telemetry::DaemonClient::subscribed, this,
            [&](const QJsonObject &reply) { last = qint64(reply.value(u"last_seq").toDouble()); });
    connect(&direct, &tenkai::telemetry::DaemonClient::event, this, [&](const QJsonObject &event) {
        seen = qint64(event.value(u"seq").toDouble());
        if (event.value(u"type").toString() == u"metric")
            stored.push_back(seen);
    });
    direct.subscribe(QString(), 0);
    direct.start();
    QTRY_VERIFY_WITH_TIMEOUT(last >= 0 && seen >= last, 20000);
    QCOMPARE(feed->metrics().metricSeqs(), stored);
}

QTEST_MAIN(TestFleetHostKeys)
#include "tst_fleet_host_keys.moc"
