// A remote site's tenkaid through a real sshd: the daemon listens on 127.0.0.1:P of this machine,
// a real OpenSSH site (tests/support/sshd_sites) on the same machine forwards a direct-tcpip channel
// to it, and DaemonClient speaks the protocol through SshTransport, as the console does for a remote
// site. A loopback DaemonClient on the same daemon is the reference: both must see the same events.
#include "../support/daemon_runs.h"
#include "sshd_sites.h"
#include "telemetry/daemon_client.h"
#include "telemetry/ssh_transport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace tenkai::telemetry;
using tenkai::test::SshdSites;

using tenkai::test::freePort;
using tenkai::test::smallRunConfig;

namespace {

// Every event a client delivered, in order, as compact JSON (so lists compare byte for byte).
struct Recorder
{
    explicit Recorder(DaemonClient &client)
    {
        QObject::connect(&client, &DaemonClient::event, [this](const QJsonObject &e) {
            lines << QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact));
            seqs.push_back(qint64(e.value(u"seq").toDouble()));
            if (e.value(u"type").toString() == u"run_state"_s) {
                const QString run = e.value(u"run").toString();
                states.insert(run, e.value(u"state").toString());
                if (ended(run))
                    ends.insert(run, qint64(e.value(u"seq").toDouble()));
            }
            if (e.value(u"type").toString() == u"metric"_s)
                ++metrics;
        });
        QObject::connect(&client, &DaemonClient::disconnected,
                         [this](const QString &reason) { disconnects << reason; });
        QObject::connect(&client, &DaemonClient::failed,
                         [this](const QString &reason) { failures << reason; });
    }
    bool ended(const QString &run) const
    {
        const QString s = states.value(run);
        return s == u"done"_s || s == u"failed"_s || s == u"stopped"_s;
    }
    // The events up to and including seq `last`.
    QStringList upTo(qint64 last) const
    {
        QStringList out;
        for (std::size_t i = 0; i < seqs.size() && seqs[i] <= last; ++i)
            out << lines[qsizetype(i)];
        return out;
    }
    qint64 endSeq(const QString &run) const { return ends.value(run); }
    // Strictly increasing by one from the first seq: no gap, no duplicate.
    QString gapOrDuplicate() const
    {
        for (std::size_t i = 1; i < seqs.size(); ++i) {
            if (seqs[i] != seqs[i - 1] + 1)
                return u"seq %1 follows %2"_s.arg(seqs[i]).arg(seqs[i - 1]);
        }
        return {};
    }
    QStringList lines;
    std::vector<qint64> seqs;
    QHash<QString, QString> states;
    QHash<QString, qint64> ends; // the seq of each run's final run_state
    int metrics = 0;
    QStringList disconnects;
    QStringList failures;
};

} // namespace

class TestDaemonSsh : public QObject
{
    Q_OBJECT

private:
    SshdSites m_sites;
    QTemporaryDir m_state;
    QProcess m_daemon;
    quint16 m_port = 0;
    QString m_token;

    tenkai::fleet::SshTarget target() const
    {
        const auto &site = m_sites.site(0);
        return {site.name, u"127.0.0.1"_s, site.port, u"root"_s, m_sites.clientKey(), {}};
    }
    tenkai::fleet::SshOptions options() const
    {
        tenkai::fleet::SshOptions o;
        o.knownHosts = m_sites.scratch() + u"/workspace/known_hosts"_s;
        o.hostKeyPolicy = tenkai::fleet::HostKeyPolicy::AcceptNew;
        o.sshConfig = m_sites.clientConfig();
        o.useAgent = false;
        o.connectTimeout = 5s;
        o.ioTimeout = 5s;
        return o;
    }
    DaemonClient *loopbackClient(QObject *parent)
    {
        return new DaemonClient(
            [port = m_port](QObject *p) { return new TcpTransport(u"127.0.0.1"_s, port, p); }, m_token,
            u"test-loopback"_s, parent);
    }
    DaemonClient *remoteClient(QObject *parent, quint16 daemonPort = 0)
    {
        return new DaemonClient(SshTransport::factory(target(), options(), daemonPort ? daemonPort : m_port),
                                m_token, u"test-ssh"_s, parent);
    }
    // Starts a run through `client` and waits for its acceptance.
    static bool startRun(DaemonClient &client, const QString &run, const QJsonObject &config)
    {
        QJsonObject answer;
        const qint64 id = client.request(u"start_run"_s, {{u"run_id"_s, run}, {u"config"_s, config}});
        auto connection =
            QObject::connect(&client, &DaemonClient::reply, [&](qint64 replyId, const QJsonObject &m) {
                if (replyId == id)
                    answer = m;
            });
        const bool answered = QTest::qWaitFor([&] { return !answer.isEmpty(); }, 20000);
        QObject::disconnect(connection);
        if (!answered || answer.value(u"type").toString() != u"run_accepted"_s) {
            qWarning() << "start_run" << run << answer;
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_sites.start(1), qPrintable(m_sites.error()));
        QVERIFY(m_state.isValid());
        m_port = freePort();
        m_daemon.setProcessChannelMode(QProcess::MergedChannels);
        m_daemon.start(QStringLiteral(TENKAID), {u"--state-dir"_s, m_state.path(), u"--port"_s,
                                                 QString::number(m_port), u"--site"_s, u"ssh-site"_s});
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (m_daemon.state() == QProcess::NotRunning)
                    return true;
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, m_port);
                return probe.waitForConnected(200);
            },
            20000));
        QVERIFY2(m_daemon.state() == QProcess::Running, m_daemon.readAll().constData());
        QFile tokenFile(m_state.path() + u"/token"_s);
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        m_token = QString::fromUtf8(tokenFile.readAll()).trimmed();
    }

    void cleanupTestCase()
    {
        if (m_daemon.state() != QProcess::NotRunning) {
            m_daemon.kill();
            m_daemon.waitForFinished(10000);
        }
    }

    // The console reads the token over SSH: the same bytes as the file; a missing file is one sentence.
    void tokenIsReadOverSsh()
    {
        tenkai::fleet::SshSession session(target(), options());
        auto connected = session.connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
        auto token = readDaemonTokenOnSite(session, m_state.path());
        QVERIFY2(token, token ? "" : qPrintable(token.error().message));
        QCOMPARE(token.value(), m_token);
        auto missing = readDaemonTokenOnSite(session, m_state.path() + u"/no such 'folder'"_s);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(u"no such 'folder'/token"_s),
                 qPrintable(missing.error().message));
        QVERIFY(!missing.error().message.contains(u'\n'));
    }

    // A remote subscriber through the SSH channel gets exactly the events of a loopback subscriber.
    void remoteSubscriberSeesWhatLoopbackSees()
    {
        QObject owner;
        DaemonClient *local = loopbackClient(&owner);
        DaemonClient *remote = remoteClient(&owner);
        Recorder localEvents(*local);
        Recorder remoteEvents(*remote);
        local->subscribe(QString(), 0);
        remote->subscribe(QString(), 0);
        local->start();
        remote->start();
        QVERIFY(QTest::qWaitFor([&] { return local->isReady() && remote->isReady(); }, 20000));
        QVERIFY2(remote->description().contains(u"(ssh) -> 127.0.0.1:"_s), qPrintable(remote->description()));
        QVERIFY(startRun(*local, u"r1"_s, smallRunConfig(2)));
        QVERIFY(QTest::qWaitFor([&] { return localEvents.ended(u"r1"_s); }, 120000));
        QCOMPARE(localEvents.states.value(u"r1"_s), u"done"_s);
        const qint64 end = localEvents.endSeq(u"r1"_s);
        QVERIFY(QTest::qWaitFor([&] { return remoteEvents.endSeq(u"r1"_s) == end; }, 20000));
        QVERIFY(localEvents.metrics > 10);
        QVERIFY2(remoteEvents.disconnects.isEmpty(), qPrintable(remoteEvents.disconnects.join(u" | "_s)));
        QCOMPARE(remoteEvents.upTo(end).size(), localEvents.upTo(end).size());
        QCOMPARE(remoteEvents.upTo(end), localEvents.upTo(end));
        QCOMPARE(remoteEvents.gapOrDuplicate(), QString());
        local->stop();
        remote->stop();
    }

    // tenkai-cli monitor --site: the inventory's site through SSH, its token read over SSH; the same
    // output as monitoring the daemon directly. An unknown site is one sentence naming the inventory.
    void cliMonitorsASiteThroughSsh()
    {
        const auto &site = m_sites.site(0);
        const QString inventory = m_sites.scratch() + u"/workspace/inventory.yaml"_s;
        QFile file(inventory);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(u"format: tenkai-inventory\nsites:\n  - name: %1\n    host: 127.0.0.1\n    port: %2\n"
                   "    user: root\n    identity: %3\n    daemon_port: %4\n"_s.arg(site.name)
                       .arg(site.port)
                       .arg(m_sites.clientKey())
                       .arg(m_port)
                       .toUtf8());
        file.close();
        const auto monitor = [&](const QStringList &where) {
            QProcess p;
            p.start(QStringLiteral(TENKAI_CLI), QStringList{u"monitor"_s} + where +
                                                    QStringList{u"--state-dir"_s, m_state.path(), u"--run"_s,
                                                                u"r1"_s, u"--until-done"_s, u"--json"_s});
            p.waitForFinished(60000);
            return std::make_tuple(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                                   QString::fromUtf8(p.readAllStandardError()));
        };
        const auto [localCode, localOut, localErr] = monitor({u"--local"_s, QString::number(m_port)});
        QVERIFY2(localCode == 0, qPrintable(localErr));
        const auto [sshCode, sshOut, sshErr] = monitor(
            {u"--site"_s, site.name, u"--inventory"_s, inventory, u"--known-hosts"_s,
             m_sites.scratch() + u"/workspace/known_hosts"_s, u"--ssh-config"_s, m_sites.clientConfig()});
        QVERIFY2(sshCode == 0, qPrintable(sshErr));
        QVERIFY(localOut.count(u'\n') > 10);
        QCOMPARE(sshOut, localOut);

        const auto [code, out, unknownErr] =
            monitor({u"--site"_s, u"nowhere"_s, u"--inventory"_s, inventory});
        QCOMPARE(code, 2);
        QVERIFY2(unknownErr.contains(u"has no site \"nowhere\""_s) && unknownErr.contains(inventory),
                 qPrintable(unknownErr));
        QCOMPARE(unknownErr.count(u'\n'), 1);
    }

    // Killing the sshd site mid-run: the client says what happened in one sentence, reconnects once
    // the site is back on the same port, resumes with since_seq, and ends without a gap or duplicate.
    void remoteSubscriberSurvivesSiteRestart()
    {
        QObject owner;
        DaemonClient *local = loopbackClient(&owner);
        DaemonClient *remote = remoteClient(&owner);
        Recorder localEvents(*local);
        Recorder remoteEvents(*remote);
        local->start();
        remote->start();
        QVERIFY(QTest::qWaitFor([&] { return local->isReady() && remote->isReady(); }, 20000));
        const qint64 since = qint64(local->welcome().value(u"last_seq").toDouble());
        local->subscribe(QString(), since);
        remote->subscribe(QString(), since);
        QVERIFY(startRun(*local, u"r2"_s, smallRunConfig(3)));
        // Mid-run: the remote client has seen metrics, the run goes on.
        QVERIFY(QTest::qWaitFor([&] { return remoteEvents.metrics >= 4; }, 60000));
        QVERIFY(!localEvents.ended(u"r2"_s));
        m_sites.kill(0);
        QVERIFY(QTest::qWaitFor([&] { return !remoteEvents.disconnects.isEmpty(); }, 10000));
        const QString reason = remoteEvents.disconnects.constFirst();
        QVERIFY2(reason.contains(m_sites.site(0).name), qPrintable(reason));
        QVERIFY2(!reason.contains(u'\n') && reason.endsWith(u'.'), qPrintable(reason));
        qInfo("The client said: %s", qPrintable(reason));
        const std::size_t seenBeforeRestart = remoteEvents.seqs.size();
        QTest::qWait(700); // reconnects fail meanwhile (connection refused); the run goes on
        QVERIFY(m_sites.restart(0));
        QVERIFY(QTest::qWaitFor([&] { return localEvents.ended(u"r2"_s); }, 120000));
        QCOMPARE(localEvents.states.value(u"r2"_s), u"done"_s);
        const qint64 end = localEvents.endSeq(u"r2"_s);
        QVERIFY(QTest::qWaitFor([&] { return remoteEvents.endSeq(u"r2"_s) == end; }, 30000));
        QVERIFY(remote->isReady());
        QVERIFY(remoteEvents.failures.isEmpty());
        QVERIFY(seenBeforeRestart < remoteEvents.seqs.size()); // some came after the reconnect
        QCOMPARE(remoteEvents.gapOrDuplicate(), QString());
        QCOMPARE(remoteEvents.upTo(end), localEvents.upTo(end));
        QCOMPARE(remoteEvents.seqs.front(), since + 1);
        local->stop();
        remote->stop();
    }

    // No daemon on the port the channel leads to: libssh's "Channel opening failure", one sentence.
    void wrongDaemonPortIsOneClearSentence()
    {
        QObject owner;
        DaemonClient *remote = remoteClient(&owner, freePort());
        remote->setReconnect(false);
        Recorder events(*remote);
        remote->start();
        QVERIFY(QTest::qWaitFor([&] { return !events.failures.isEmpty(); }, 20000));
        const QString reason = events.failures.constFirst();
        qInfo("The client said: %s", qPrintable(reason));
        QVERIFY2(reason.contains(u"Channel opening failure"_s), qPrintable(reason));
        QVERIFY2(reason.contains(m_sites.site(0).name), qPrintable(reason));
        QVERIFY2(!reason.contains(u'\n') && reason.count(u". "_s) == 0 && reason.endsWith(u'.'),
                 qPrintable(reason));
        QVERIFY(!remote->isReady());
    }

    // Closing a transport that is streaming returns at once and reports closed("") once.
    void closeStopsTheWorkerPromptly()
    {
        SshTransport transport(target(), options(), m_port);
        QSignalSpy opened(&transport, &Transport::opened);
        QSignalSpy closed(&transport, &Transport::closed);
        transport.open();
        QVERIFY(opened.wait(20000));
        QElapsedTimer clock;
        clock.start();
        transport.close();
        QVERIFY(clock.elapsed() < 1000);
        QVERIFY(closed.wait(2000));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.at(0).at(0).toString(), QString());

        // Closed while its worker still connects: close() does not wait for the connection, and
        // nothing but closed("") arrives (the worker ends on its own and is joined at exit).
        {
            SshTransport early(target(), options(), m_port);
            QSignalSpy earlyOpened(&early, &Transport::opened);
            QSignalSpy earlyClosed(&early, &Transport::closed);
            early.open();
            clock.restart();
            early.close();
            QVERIFY(clock.elapsed() < 100);
            QVERIFY(earlyClosed.wait(2000));
            QTest::qWait(500);
            QCOMPARE(earlyOpened.size(), 0);
            QCOMPARE(earlyClosed.size(), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestDaemonSsh)
#include "tst_daemon_ssh.moc"
