// tenkaid as it runs at a site: real daemon processes on loopback ports with their own state
// folders, real training on the installed Fashion-MNIST, clients over raw sockets and through
// tenkai-cli (the DaemonClient library with its reconnects).
#include "../support/daemon_runs.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <functional>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

using tenkai::test::freePort;
using tenkai::test::smallRunConfig;

namespace {

class DaemonProcess
{
public:
    DaemonProcess(QString stateDir, quint16 port) : m_stateDir(std::move(stateDir)), m_port(port)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
    }
    ~DaemonProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    void start(const QStringList &extra = {})
    {
        m_process.start(QStringLiteral(TENKAID),
                        QStringList{u"--state-dir"_s, m_stateDir, u"--port"_s, QString::number(m_port),
                                    u"--site"_s, u"test-site"_s} +
                            extra);
    }

    // Waits until the daemon accepts connections; false if it ended or took too long.
    bool waitReady(int ms = 20000)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < ms) {
            if (m_process.state() == QProcess::NotRunning)
                return false;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200)) {
                probe.abort();
                return true;
            }
            m_process.waitForFinished(100);
        }
        return false;
    }

    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(10000);
    }

    // SIGTERM; the exit code, or -1 if it did not end in time or crashed.
    int terminate(int ms = 30000)
    {
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(ms) || m_process.exitStatus() != QProcess::NormalExit)
            return -1;
        return m_process.exitCode();
    }

    QString output() { return QString::fromUtf8(m_process.readAll()); }
    QProcess &process() { return m_process; }
    QString token() const
    {
        QFile f(m_stateDir + u"/token"_s);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).trimmed();
    }
    quint16 port() const { return m_port; }

private:
    QString m_stateDir;
    quint16 m_port;
    QProcess m_process;
};

// A protocol client on a raw socket: what a console does, written out by hand.
class RawClient
{
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }

    void sendLine(const QByteArray &line)
    {
        m_socket.write(line);
        m_socket.flush();
    }
    void send(const QJsonObject &message)
    {
        sendLine(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    }

    // The next line as received (without newline), or nullopt after `ms`.
    std::optional<QByteArray> nextLine(int ms = 20000)
    {
        QElapsedTimer clock;
        clock.start();
        while (true) {
            const qsizetype newline = m_buffer.indexOf('\n');
            if (newline >= 0) {
                QByteArray line = m_buffer.left(newline);
                m_buffer.remove(0, newline + 1);
                return line;
            }
            const qint64 left = ms - clock.elapsed();
            if (left <= 0 || m_socket.state() != QAbstractSocket::ConnectedState)
                return std::nullopt;
            // Data may already wait in the socket (an event loop ran meanwhile): take it before waiting.
            if (m_socket.bytesAvailable() > 0 || m_socket.waitForReadyRead(int(std::min<qint64>(left, 1000))))
                m_buffer.append(m_socket.readAll());
        }
    }

    // The next reply (not an event); events that come first are kept in events/eventLines.
    QJsonObject reply(int ms = 20000)
    {
        while (auto line = nextLine(ms)) {
            const QJsonObject object = QJsonDocument::fromJson(*line).object();
            if (object.contains(u"seq")) {
                keepEvent(*line, object);
                continue;
            }
            return object;
        }
        return {};
    }

    QJsonObject call(QJsonObject request)
    {
        request.insert(u"v", 1);
        send(request);
        return reply();
    }

    bool hello(const QString &token)
    {
        welcome = call({{u"type"_s, u"hello"_s}, {u"token"_s, token}, {u"client"_s, u"test"_s}});
        return welcome.value(u"type").toString() == u"welcome"_s;
    }

    // Reads events until one satisfies `done` (true) or `ms` pass (false).
    bool waitForEvent(const std::function<bool(const QJsonObject &)> &done, int ms = 60000)
    {
        for (std::size_t i = m_checked; i < events.size(); ++i) {
            if (done(events[i])) {
                m_checked = i + 1;
                return true;
            }
        }
        m_checked = events.size();
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < ms) {
            auto line = nextLine(int(ms - clock.elapsed()));
            if (!line)
                return false;
            const QJsonObject object = QJsonDocument::fromJson(*line).object();
            if (!object.contains(u"seq"))
                continue;
            keepEvent(*line, object);
            m_checked = events.size();
            if (done(object))
                return true;
        }
        return false;
    }

    void close()
    {
        m_socket.abort();
        m_buffer.clear();
    }
    bool waitClosed(int ms = 5000)
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        return m_socket.waitForDisconnected(ms);
    }

    qint64 lastSeq() const { return events.empty() ? 0 : qint64(events.back().value(u"seq").toDouble()); }

    QJsonObject welcome;
    std::vector<QJsonObject> events;
    std::vector<QByteArray> eventLines;

private:
    void keepEvent(const QByteArray &line, const QJsonObject &object)
    {
        events.push_back(object);
        eventLines.push_back(line);
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    std::size_t m_checked = 0;
};

bool isRunState(const QJsonObject &e, const QString &run, const QString &state)
{
    return e.value(u"type").toString() == u"run_state"_s && e.value(u"run").toString() == run &&
           e.value(u"state").toString() == state;
}

bool isMetricOfEpoch(const QJsonObject &e, int epoch)
{
    return e.value(u"type").toString() == u"metric"_s && e.value(u"epoch").toInt() >= epoch;
}

std::vector<QJsonObject> parseJsonLines(const QByteArray &text)
{
    std::vector<QJsonObject> out;
    for (const QByteArray &line : text.split('\n'))
        if (!line.trimmed().isEmpty())
            out.push_back(QJsonDocument::fromJson(line).object());
    return out;
}

std::vector<QJsonObject> ofRun(const std::vector<QJsonObject> &events, const QString &run)
{
    std::vector<QJsonObject> out;
    for (const auto &e : events)
        if (e.value(u"run").toString() == run)
            out.push_back(e);
    return out;
}

std::vector<qint64> seqs(const std::vector<QJsonObject> &events)
{
    std::vector<qint64> out;
    for (const auto &e : events)
        out.push_back(qint64(e.value(u"seq").toDouble()));
    return out;
}

// QProcess::waitForFinished() says false for a process that has already ended (an event loop may
// have noticed it before): ended is what counts.
bool waitEnded(QProcess &process, int ms)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(ms);
}

QProcess *startMonitor(QObject *parent, quint16 port, const QString &stateDir, const QString &run)
{
    auto *monitor = new QProcess(parent);
    monitor->start(QStringLiteral(TENKAI_CLI),
                   {u"monitor"_s, u"--local"_s, QString::number(port), u"--state-dir"_s, stateDir, u"--run"_s,
                    run, u"--json"_s, u"--until-done"_s, u"--give-up-after"_s, u"60"_s});
    return monitor;
}

} // namespace

class TestDaemon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runStreamsToSubscribersWithoutGaps();
    void survivesSigtermAndSigkillMidRun();
    void malformedInputGetsErrorsAndOthersAreServed();
    void queueStopAndFailure();
    void fullStateDiskLosesNothing();
    void clientFollowsAReplacedStore();
    void refusesSecondDaemonAndNonLoopback();
    void stateFolderModesAtEveryStart();
    void cliSaysWhatIsWrong();
    void badModelFailsTheRunNotTheDaemon();
    void runThatEndsTheDaemonIsNotResumedForever();
    void handshakeProvesBothSidesWithoutTheToken();
    void impostorOnThePortLearnsNoToken();
    void floodOfSilentConnectionsLocksNoOneElseOut();
};

void TestDaemon::runStreamsToSubscribersWithoutGaps()
{
    QTemporaryDir dir;
    DaemonProcess daemon(dir.path(), freePort());
    daemon.start();
    QVERIFY2(daemon.waitReady(), qPrintable(daemon.output()));

    // The token file is the daemon's secret: owner-only.
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(dir.filePath(u"token"_s)).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);

    RawClient all; // subscribed to everything, stays to the end
    QVERIFY(all.connectTo(daemon.port()));
    QVERIFY(all.hello(daemon.token()));
    const QJsonObject capabilities = all.welcome.value(u"capabilities").toObject();
    QVERIFY(capabilities.value(u"cores").toInt() >= 1);
    QVERIFY(capabilities.value(u"memory").toDouble() > 0);
    QVERIFY(capabilities.value(u"disk_free").toDouble() > 0);
    QVERIFY(capabilities.value(u"cuda").isBool());
    QCOMPARE(all.welcome.value(u"site").toString(), u"test-site"_s);
    const QJsonObject subscribed =
        all.call({{u"type"_s, u"subscribe"_s}, {u"run"_s, u"all"_s}, {u"since_seq"_s, 0}});
    QCOMPARE(subscribed.value(u"type").toString(), u"subscribed"_s);

    const QJsonObject accepted = all.call({{u"type"_s, u"start_run"_s},
                                           {u"run_id"_s, u"r1"_s},
                                           {u"config"_s, smallRunConfig(2)},
                                           {u"id"_s, 41}});
    QCOMPARE(accepted.value(u"type").toString(), u"run_accepted"_s);
    QCOMPARE(accepted.value(u"id").toInt(), 41);
    QCOMPARE(accepted.value(u"state").toString(), u"queued"_s);

    // Through tenkai-cli (DaemonClient), to the end of the run.
    QProcess *monitor = startMonitor(this, daemon.port(), dir.path(), u"r1"_s);

    // A second subscriber that leaves after the first epoch and comes back with since_seq.
    RawClient leaver;
    QVERIFY(leaver.connectTo(daemon.port()));
    QVERIFY(leaver.hello(daemon.token()));
    QCOMPARE(leaver.call({{u"type"_s, u"subscribe"_s}, {u"run"_s, u"r1"_s}}).value(u"type").toString(),
             u"subscribed"_s);
    QVERIFY(leaver.waitForEvent([](const QJsonObject &e) {
        return e.value(u"member").toString() == u"ensemble"_s && e.value(u"epoch").toInt() == 1;
    }));
    const qint64 leftAt = leaver.lastSeq();
    leaver.close();
    QTest::qWait(300);
    QVERIFY(leaver.connectTo(daemon.port()));
    QVERIFY(leaver.hello(daemon.token()));
    QCOMPARE(leaver.call({{u"type"_s, u"subscribe"_s}, {u"run"_s, u"r1"_s}, {u"since_seq"_s, leftAt}})
                 .value(u"type")
                 .toString(),
             u"subscribed"_s);

    QVERIFY(all.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"r1"_s, u"done"_s); }));
    QVERIFY(leaver.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"r1"_s, u"done"_s); }));
    if (!waitEnded(*monitor, 60000)) {
        qWarning() << monitor->readAllStandardOutput() << monitor->readAllStandardError() << daemon.output();
        QFAIL("the monitor did not end with the run");
    }
    QCOMPARE(monitor->exitCode(), 0);
    const auto monitored = parseJsonLines(monitor->readAllStandardOutput());

    // The everything-subscriber saw every seq from 1, once, in order.
    const auto allSeqs = seqs(all.events);
    for (std::size_t i = 0; i < allSeqs.size(); ++i)
        QCOMPARE(allSeqs[i], qint64(i + 1));

    // The leaver ends with exactly the run's events, byte for byte; so does the monitor.
    std::vector<QByteArray> expectedLines;
    for (std::size_t i = 0; i < all.events.size(); ++i)
        if (all.events[i].value(u"run").toString() == u"r1"_s)
            expectedLines.push_back(all.eventLines[i]);
    const auto expected = ofRun(all.events, u"r1"_s);
    // Every reader stopped at "done".
    QCOMPARE(leaver.eventLines.size(), expectedLines.size());
    for (std::size_t i = 0; i < expectedLines.size(); ++i)
        QCOMPARE(leaver.eventLines[i], expectedLines[i]);
    QCOMPARE(monitored.size(), expected.size());
    for (std::size_t i = 0; i < monitored.size(); ++i)
        QCOMPARE(monitored[i], expected[i]);

    // The sequence is complete: queued, running, every epoch's figures of each member and of the
    // ensemble, progress that never goes back, done at 100%.
    QStringList states;
    double progress = 0;
    for (const auto &e : expected) {
        if (e.value(u"type").toString() != u"run_state"_s)
            continue;
        if (states.isEmpty() || states.last() != e.value(u"state").toString())
            states << e.value(u"state").toString();
        QVERIFY(e.value(u"progress").toDouble() >= progress);
        progress = e.value(u"progress").toDouble();
    }
    QCOMPARE(states, (QStringList{u"queued"_s, u"running"_s, u"done"_s}));
    QCOMPARE(progress, 1.0);
    for (int epoch = 1; epoch <= 2; ++epoch) {
        for (const QJsonValue &member : {QJsonValue(1), QJsonValue(2), QJsonValue(u"ensemble"_s)}) {
            const QStringList names =
                member.isString() ? QStringList{u"test_accuracy"_s, u"majority_accuracy"_s, u"disagreement"_s}
                                  : QStringList{u"loss"_s,       u"lr"_s,        u"img_per_s"_s,
                                                u"train_loss"_s, u"test_loss"_s, u"test_accuracy"_s};
            for (const QString &name : names) {
                const bool found = std::any_of(expected.begin(), expected.end(), [&](const QJsonObject &e) {
                    return e.value(u"type").toString() == u"metric"_s && e.value(u"epoch").toInt() == epoch &&
                           e.value(u"member") == member && e.value(u"name").toString() == name &&
                           e.value(u"value").isDouble() && e.value(u"t").toDouble() > 1.6e9;
                });
                QVERIFY2(found, qPrintable(u"no %1 of member %2 in epoch %3"_s.arg(name)
                                               .arg(member.toVariant().toString())
                                               .arg(epoch)));
            }
        }
    }

    // The report: members, ensemble, confusion matrix, per-class accuracy, timings.
    const QJsonObject report = all.call({{u"type"_s, u"get_report"_s}, {u"run"_s, u"r1"_s}});
    QCOMPARE(report.value(u"type").toString(), u"report"_s);
    const QJsonObject evaluation = report.value(u"report").toObject().value(u"evaluation").toObject();
    QCOMPARE(evaluation.value(u"member_accuracy").toArray().size(), 2);
    QVERIFY(evaluation.value(u"accuracy").toDouble() > 0.15);
    QCOMPARE(evaluation.value(u"per_class_accuracy").toArray().size(), 10);
    const QJsonArray confusion = evaluation.value(u"confusion").toArray();
    QCOMPARE(confusion.size(), 10);
    qint64 total = 0;
    for (const auto &row : confusion)
        for (const auto &cell : row.toArray())
            total += cell.toInteger();
    QCOMPARE(total, 200);
    QVERIFY(
        report.value(u"report").toObject().value(u"timings").toObject().value(u"wall_seconds").toDouble() >
        0);
    QCOMPARE(report.value(u"report").toObject().value(u"epochs_completed").toInt(), 2);

    // The rest of the requests, on a finished run.
    const QJsonObject runs = all.call({{u"type"_s, u"list_runs"_s}});
    QCOMPARE(runs.value(u"runs").toArray().size(), 1);
    QCOMPARE(runs.value(u"runs").toArray().at(0).toObject().value(u"state").toString(), u"done"_s);
    const QJsonObject status = all.call({{u"type"_s, u"status"_s}});
    QCOMPARE(status.value(u"site").toString(), u"test-site"_s);
    QCOMPARE(status.value(u"runs").toObject().value(u"done").toInt(), 1);
    QCOMPARE(all.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, u"r1"_s}, {u"config"_s, smallRunConfig(1)}})
                 .value(u"code")
                 .toString(),
             u"run_exists"_s);
    QCOMPARE(all.call({{u"type"_s, u"stop_run"_s}, {u"run"_s, u"r1"_s}}).value(u"code").toString(),
             u"run_finished"_s);
    QCOMPARE(all.call({{u"type"_s, u"get_report"_s}, {u"run"_s, u"r9"_s}}).value(u"code").toString(),
             u"unknown_run"_s);
    QCOMPARE(all.call({{u"type"_s, u"subscribe"_s}, {u"run"_s, u"r9"_s}}).value(u"code").toString(),
             u"unknown_run"_s);

    // A finished run evaluated on another folder: the dataset's package folder named explicitly, its
    // first 100 test images (the flow's Evaluate node on a folder of the site's own).
    const QJsonObject evaluated = all.call({{u"type"_s, u"evaluate"_s},
                                            {u"run"_s, u"r1"_s},
                                            {u"data_dir"_s, u"/usr/share/datasets/fashion-mnist"_s},
                                            {u"test_limit"_s, 100}});
    QCOMPARE(evaluated.value(u"type").toString(), u"evaluation"_s);
    QCOMPARE(evaluated.value(u"run").toString(), u"r1"_s);
    const QJsonObject other = evaluated.value(u"evaluation").toObject();
    QCOMPARE(other.value(u"test_images").toInt(), 100);
    QCOMPARE(other.value(u"member_accuracy").toArray().size(), 2);
    QVERIFY(other.value(u"accuracy").toDouble() > 0.15);
    // A folder that is not there: the daemon says which, and goes on serving.
    const QJsonObject missingFolder = all.call({{u"type"_s, u"evaluate"_s},
                                                {u"run"_s, u"r1"_s},
                                                {u"data_dir"_s, u"/nonexistent/tenkai-evaluation"_s}});
    QCOMPARE(missingFolder.value(u"code").toString(), u"evaluation_failed"_s);
    QVERIFY2(missingFolder.value(u"message").toString().contains(u"/nonexistent/tenkai-evaluation"_s),
             qPrintable(missingFolder.value(u"message").toString()));
    QCOMPARE(all.call({{u"type"_s, u"evaluate"_s}, {u"run"_s, u"r1"_s}}).value(u"code").toString(),
             u"missing_field"_s);
    QCOMPARE(all.call({{u"type"_s, u"evaluate"_s}, {u"run"_s, u"r1"_s}, {u"data_dir"_s, QString()}})
                 .value(u"code")
                 .toString(),
             u"bad_value"_s);
    QCOMPARE(all.call({{u"type"_s, u"evaluate"_s},
                       {u"run"_s, u"r1"_s},
                       {u"data_dir"_s, u"/tmp"_s},
                       {u"test_limit"_s, -1}})
                 .value(u"field")
                 .toString(),
             u"test_limit"_s);
    QCOMPARE(all.call({{u"type"_s, u"evaluate"_s}, {u"run"_s, u"r9"_s}, {u"data_dir"_s, u"/tmp"_s}})
                 .value(u"code")
                 .toString(),
             u"unknown_run"_s);
    QCOMPARE(all.call({{u"type"_s, u"status"_s}}).value(u"type").toString(), u"status"_s);

    QCOMPARE(daemon.terminate(), 0);
}

void TestDaemon::survivesSigtermAndSigkillMidRun()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto daemon = std::make_unique<DaemonProcess>(dir.path(), port);
    daemon->start();
    QVERIFY2(daemon->waitReady(), qPrintable(daemon->output()));
    const QString token = daemon->token();

    RawClient client;
    QVERIFY(client.connectTo(port));
    QVERIFY(client.hello(token));
    QCOMPARE(
        client.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, u"r2"_s}, {u"config"_s, smallRunConfig(4)}})
            .value(u"type")
            .toString(),
        u"run_accepted"_s);
    QProcess *monitor = startMonitor(this, port, dir.path(), u"r2"_s);
    QCOMPARE(client.call({{u"type"_s, u"subscribe"_s}, {u"run"_s, u"r2"_s}}).value(u"type").toString(),
             u"subscribed"_s);

    // SIGTERM once epoch 1 is checkpointed (its successor has begun): exit 0, the run stays resumable.
    QVERIFY(client.waitForEvent([](const QJsonObject &e) { return isMetricOfEpoch(e, 2); }));
    QCOMPARE(daemon->terminate(), 0);
    QVERIFY(client.waitClosed());

    daemon = std::make_unique<DaemonProcess>(dir.path(), port);
    daemon->start();
    QVERIFY2(daemon->waitReady(), qPrintable(daemon->output()));
    RawClient watcher;
    QVERIFY(watcher.connectTo(port));
    QVERIFY(watcher.hello(token));
    // The same store, so the same seqs, across the restart.
    QCOMPARE(watcher.welcome.value(u"store_id").toString(), client.welcome.value(u"store_id").toString());
    QVERIFY(watcher.welcome.value(u"last_seq").toInteger() >= client.lastSeq());
    const QJsonObject runs = watcher.call({{u"type"_s, u"list_runs"_s}});
    const QString stateAfterTerm = runs.value(u"runs").toArray().at(0).toObject().value(u"state").toString();
    QVERIFY2(stateAfterTerm == u"running"_s || stateAfterTerm == u"queued"_s, qPrintable(stateAfterTerm));
    QCOMPARE(
        watcher.call({{u"type"_s, u"subscribe"_s}, {u"run"_s, u"r2"_s}, {u"since_seq"_s, client.lastSeq()}})
            .value(u"type")
            .toString(),
        u"subscribed"_s);

    // SIGKILL in epoch 3 (epoch 2 checkpointed; epoch 4 is still to come), then a fresh daemon
    // finishes the run.
    QVERIFY(watcher.waitForEvent([](const QJsonObject &e) { return isMetricOfEpoch(e, 3); }));
    daemon->kill();
    daemon = std::make_unique<DaemonProcess>(dir.path(), port);
    daemon->start();
    QVERIFY2(daemon->waitReady(), qPrintable(daemon->output()));

    QVERIFY2(waitEnded(*monitor, 90000), "the monitor did not end with the run");
    const QByteArray monitorErrors = monitor->readAllStandardError();
    QVERIFY2(monitor->exitCode() == 0, monitorErrors.constData());
    const auto monitored = parseJsonLines(monitor->readAllStandardOutput());

    // What the store holds for the run, from the start, is exactly what the monitor printed across
    // two daemon restarts: no gap, no duplicate.
    RawClient replay;
    QVERIFY(replay.connectTo(port));
    QVERIFY(replay.hello(token));
    replay.call({{u"type"_s, u"subscribe"_s}, {u"run"_s, u"r2"_s}, {u"since_seq"_s, 0}});
    QVERIFY(replay.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"r2"_s, u"done"_s); }));
    QCOMPARE(monitored.size(), replay.events.size());
    for (std::size_t i = 0; i < monitored.size(); ++i)
        QCOMPARE(monitored[i], replay.events[i]);
    const auto order = seqs(monitored);
    QVERIFY(std::adjacent_find(order.begin(), order.end(), std::greater_equal<qint64>()) == order.end());
    // The steps of the epoch cut off by SIGKILL are trained again from its checkpoint, but not
    // emitted twice: each member's step metrics are there once per step.
    QSet<QString> seen;
    int stepMetrics = 0;
    for (const auto &e : monitored) {
        const QString name = e.value(u"name").toString();
        if (e.value(u"type").toString() != u"metric"_s || (name != u"loss"_s && name != u"lr"_s))
            continue;
        ++stepMetrics;
        const QString key =
            u"%1/%2/%3"_s.arg(e.value(u"member").toInt()).arg(qint64(e.value(u"step").toDouble())).arg(name);
        QVERIFY2(!seen.contains(key), qPrintable(u"emitted twice: "_s + key));
        seen.insert(key);
    }
    QVERIFY(stepMetrics > 0);

    // The run paused (SIGTERM), resumed, was killed, resumed again and finished from checkpoints.
    QStringList states;
    for (const auto &e : monitored)
        if (e.value(u"type").toString() == u"run_state"_s &&
            (states.isEmpty() || states.last() != e.value(u"state").toString()))
            states << e.value(u"state").toString();
    QCOMPARE(states, (QStringList{u"queued"_s, u"running"_s, u"queued"_s, u"running"_s, u"queued"_s,
                                  u"running"_s, u"done"_s}));
    const QJsonObject report = replay.call({{u"type"_s, u"get_report"_s}, {u"run"_s, u"r2"_s}});
    const QJsonObject body = report.value(u"report").toObject();
    QCOMPARE(body.value(u"resumed_after_epoch").toInt(), 2);
    QCOMPARE(body.value(u"epochs_completed").toInt(), 4);
    QCOMPARE(body.value(u"evaluation").toObject().value(u"member_accuracy").toArray().size(), 2);
    QCOMPARE(daemon->terminate(), 0);
}

void TestDaemon::malformedInputGetsErrorsAndOthersAreServed()
{
    QTemporaryDir dir;
    DaemonProcess daemon(dir.path(), freePort());
    daemon.start();
    QVERIFY2(daemon.waitReady(), qPrintable(daemon.output()));
    const QString token = daemon.token();

    RawClient bystander;
    QVERIFY(bystander.connectTo(daemon.port()));
    QVERIFY(bystander.hello(token));
    // A client that connects and says nothing is let go after 5 s (checked at the end).
    RawClient silent;
    QElapsedTimer silentSince;
    QVERIFY(silent.connectTo(daemon.port()));
    silentSince.start();

    // Nothing before hello; a wrong token is told and the connection closed.
    {
        RawClient c;
        QVERIFY(c.connectTo(daemon.port()));
        QCOMPARE(c.call({{u"type"_s, u"status"_s}}).value(u"code").toString(), u"hello_required"_s);
        const QJsonObject refused = c.call({{u"type"_s, u"hello"_s}, {u"token"_s, u"not-the-token"_s}});
        QCOMPARE(refused.value(u"code").toString(), u"bad_token"_s);
        QVERIFY(c.waitClosed());
    }

    RawClient c;
    QVERIFY(c.connectTo(daemon.port()));
    QVERIFY(c.hello(token));
    struct Case
    {
        QByteArray line;
        QString code;
        QString field;
    };
    const std::vector<Case> cases = {
        {"{\"v\":1,\"type\":\"reboot\"}\n", u"unknown_type"_s, u"type"_s},
        {"{\"v\":1,\"type\":\"subscribe\",\"since_seq\":\"x\"}\n", u"wrong_type"_s, u"since_seq"_s},
        {"{\"v\":1,\"type\":\"hello\",\"token\":5}\n", u"wrong_type"_s, u"token"_s},
        {"{\"v\":1,\"type\":\"start_run\",\"run_id\":\"r\"}\n", u"missing_field"_s, u"config"_s},
        {"{\"v\":1,\"type\":\"start_run\",\"run_id\":\"../x\",\"config\":{}}\n", u"bad_value"_s, u"run_id"_s},
        {"{\"v\":1,\"type\":\"start_run\",\"run_id\":\"r\",\"config\":{\"epochs\":0}}\n", u"bad_config"_s,
         u"config.epochs"_s},
        {"{\"v\":2,\"type\":\"status\"}\n", u"unsupported_version"_s, u"v"_s},
        {"[1,2,3]\n", u"bad_json"_s, QString()},
        {QByteArray("\x00\x01\xff\xfe\x80garbage\n", 13), u"bad_json"_s, QString()},
        {QByteArray(70000, 'a') + '\n', u"line_too_long"_s, QString()},
        {QByteArray(200000, '{'), u"line_too_long"_s, QString()}, // no newline at all: skipped up to the next
    };
    for (const Case &bad : cases) {
        c.sendLine(bad.line);
        const QJsonObject error = c.reply();
        QCOMPARE(error.value(u"type").toString(), u"error"_s);
        QCOMPARE(error.value(u"code").toString(), bad.code);
        QCOMPARE(error.value(u"field").toString(), bad.field);
        QVERIFY(!error.value(u"message").toString().isEmpty());
    }
    c.sendLine("}\n"); // ends the over-long line; skipped silently
    QCOMPARE(c.call({{u"type"_s, u"status"_s}}).value(u"type").toString(), u"status"_s);

    // A burst over the rate limit: every line is answered, the excess with rate_limited.
    {
        RawClient flood;
        QVERIFY(flood.connectTo(daemon.port()));
        QVERIFY(flood.hello(token));
        QByteArray burst;
        for (int i = 0; i < 500; ++i)
            burst += "{\"v\":1,\"type\":\"status\"}\n";
        flood.sendLine(burst);
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 500; ++i) {
            const QString type = flood.reply().value(u"type").toString();
            ok += type == u"status"_s;
            limited += type == u"error"_s;
        }
        QCOMPARE(ok + limited, 500);
        QVERIFY2(limited >= 100, qPrintable(QString::number(limited)));
        QVERIFY(ok >= 150); // the burst allowance (200, hello included), topped up as time passes
        // While one client floods, another is answered.
        QCOMPARE(bystander.call({{u"type"_s, u"status"_s}}).value(u"type").toString(), u"status"_s);
        QTest::qWait(1100);
        QCOMPARE(flood.call({{u"type"_s, u"status"_s}}).value(u"type").toString(), u"status"_s);
    }

    // A client that sends garbage and vanishes mid-line does no harm either.
    {
        RawClient rude;
        QVERIFY(rude.connectTo(daemon.port()));
        rude.sendLine(QByteArray("\xde\xad\xbe\xef", 4));
        rude.close();
    }
    QTest::qWait(300); // the daemon notices the closed connections
    QCOMPARE(bystander.call({{u"type"_s, u"status"_s}}).value(u"connections").toInt(), 3);

    const QJsonObject timeout = silent.reply(int(std::max<qint64>(1000, 15000 - silentSince.elapsed())));
    QCOMPARE(timeout.value(u"code").toString(), u"hello_timeout"_s);
    QVERIFY(silentSince.elapsed() >= 4500); // kHelloTimeoutMs
    QVERIFY(silent.waitClosed());
    QCOMPARE(daemon.terminate(), 0);
}

void TestDaemon::queueStopAndFailure()
{
    QTemporaryDir dir;
    DaemonProcess daemon(dir.path(), freePort());
    daemon.start({u"--max-runs"_s, u"1"_s});
    QVERIFY2(daemon.waitReady(), qPrintable(daemon.output()));
    RawClient c;
    QVERIFY(c.connectTo(daemon.port()));
    QVERIFY(c.hello(daemon.token()));
    QCOMPARE(c.call({{u"type"_s, u"subscribe"_s}}).value(u"type").toString(), u"subscribed"_s);

    // One run at a time: the second waits in the queue.
    for (const QString &id : {u"long"_s, u"next"_s})
        QCOMPARE(c.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, id}, {u"config"_s, smallRunConfig(200)}})
                     .value(u"type")
                     .toString(),
                 u"run_accepted"_s);
    QVERIFY(c.waitForEvent([](const QJsonObject &e) { return isMetricOfEpoch(e, 1); }));
    const QJsonObject status = c.call({{u"type"_s, u"status"_s}});
    QCOMPARE(status.value(u"running").toArray(), QJsonArray{u"long"_s});
    QCOMPARE(status.value(u"queued").toArray(), QJsonArray{u"next"_s});

    // A queued run stops at once; a running one at its next step.
    QCOMPARE(c.call({{u"type"_s, u"stop_run"_s}, {u"run"_s, u"next"_s}}).value(u"state").toString(),
             u"stopped"_s);
    QCOMPARE(c.call({{u"type"_s, u"stop_run"_s}, {u"run"_s, u"long"_s}}).value(u"state").toString(),
             u"stopping"_s);
    QVERIFY(
        c.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"long"_s, u"stopped"_s); }, 30000));
    const QJsonObject noReport = c.call({{u"type"_s, u"get_report"_s}, {u"run"_s, u"long"_s}});
    QCOMPARE(noReport.value(u"code").toString(), u"report_not_ready"_s);
    QVERIFY2(noReport.value(u"message").toString().contains(u"stopped"_s),
             qPrintable(noReport.value(u"message").toString()));

    // A run whose data is missing fails with the reason, and the daemon carries on.
    QJsonObject missing = smallRunConfig(1);
    missing.insert(u"data_dir", dir.filePath(u"no-such-data"_s));
    QCOMPARE(c.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, u"broken"_s}, {u"config"_s, missing}})
                 .value(u"type")
                 .toString(),
             u"run_accepted"_s);
    QVERIFY(
        c.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"broken"_s, u"failed"_s); }, 30000));
    const QString reason = c.events.back().value(u"error").toString();
    QVERIFY2(reason.contains(u"no-such-data"_s), qPrintable(reason));

    // tenkai-cli resume-run queues a failed run again (here it fails again: the data is still
    // missing) and says why when a run cannot be resumed.
    const auto cli = [&](const QString &run) {
        QProcess p;
        p.start(QStringLiteral(TENKAI_CLI), {u"resume-run"_s, u"--local"_s, QString::number(daemon.port()),
                                             u"--state-dir"_s, dir.path(), u"--run"_s, run});
        p.waitForFinished(60000);
        return std::make_pair(p.exitCode(),
                              QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()));
    };
    auto [code, text] = cli(u"broken"_s);
    QVERIFY2(code == 0 && text.contains(u"queued"_s), qPrintable(text));
    QVERIFY(
        c.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"broken"_s, u"queued"_s); }, 30000));
    QVERIFY(
        c.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"broken"_s, u"failed"_s); }, 30000));
    std::tie(code, text) = cli(u"no-such-run"_s);
    QVERIFY2(code == 1 && text.contains(u"no-such-run"_s), qPrintable(text));
    const QJsonObject runs = c.call({{u"type"_s, u"list_runs"_s}});
    QCOMPARE(runs.value(u"runs").toArray().size(), 3);
    QCOMPARE(runs.value(u"runs").toArray().at(2).toObject().value(u"error").toString(), reason);
    QCOMPARE(daemon.terminate(), 0);

    // Nothing to resume: a restart leaves the ended runs alone.
    DaemonProcess again(dir.path(), freePort());
    again.start();
    QVERIFY2(again.waitReady(), qPrintable(again.output()));
    RawClient d;
    QVERIFY(d.connectTo(again.port()));
    QVERIFY(d.hello(again.token()));
    const QJsonObject after = d.call({{u"type"_s, u"status"_s}});
    QCOMPARE(after.value(u"running").toArray().size(), 0);
    QCOMPARE(after.value(u"runs").toObject(), (QJsonObject{{u"stopped"_s, 2}, {u"failed"_s, 1}}));
    QCOMPARE(again.terminate(), 0);
}

// The disk holding the state folder fills up mid-run (a real tmpfs, mounted in a user namespace
// where the daemon runs): the run fails at its next checkpoint with the reason, events and states
// wait in memory and reach the store and the subscribers, in order and without gaps, once there
// is room again; resume_run then carries the run on from its last checkpoint to the end.
void TestDaemon::fullStateDiskLosesNothing()
{
    QTemporaryDir dir;
    const QString state = dir.filePath(u"state"_s);
    const QString control = dir.filePath(u"control"_s);
    QVERIFY(QDir().mkpath(state) && QDir().mkpath(control));
    const quint16 port = freePort();
    // The daemon runs in the namespace; the test asks it to fill or free the disk through files in
    // `control`, which both sides see, and reads the token from there.
    const QString script = uR"(
mount -t tmpfs -o size=64m tenkai-state "$STATE" || exit 77
"$TENKAID" --state-dir "$STATE" --port "$PORT" --site test-site & daemon=$!
trap 'kill -TERM $daemon' TERM
while [ ! -s "$STATE/token" ] && kill -0 $daemon 2>/dev/null; do sleep 0.05; done
cp "$STATE/token" "$CONTROL/token"
while kill -0 $daemon 2>/dev/null; do
  if [ -e "$CONTROL/fill" ]; then rm "$CONTROL/fill"; dd if=/dev/zero of="$STATE/filler" bs=64k 2>/dev/null; touch "$CONTROL/filled"; fi
  if [ -e "$CONTROL/free" ]; then rm "$CONTROL/free" "$STATE/filler"; touch "$CONTROL/freed"; fi
  sleep 0.05
done
wait $daemon
)"_s;
    QProcess ns;
    ns.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"STATE"_s, state);
    env.insert(u"CONTROL"_s, control);
    env.insert(u"PORT"_s, QString::number(port));
    env.insert(u"TENKAID"_s, QStringLiteral(TENKAID));
    ns.setProcessEnvironment(env);
    ns.start(u"unshare"_s, {u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s, script});
    const auto ask = [&](const QString &what, const QString &answer) {
        QFile(control + u'/' + answer).remove();
        QFile f(control + u'/' + what);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.close();
        QElapsedTimer clock;
        clock.start();
        while (!QFile::exists(control + u'/' + answer) && clock.elapsed() < 20000 &&
               ns.state() == QProcess::Running)
            ns.waitForFinished(20);
        return QFile::exists(control + u'/' + answer);
    };
    QElapsedTimer clock;
    clock.start();
    while (!QFile::exists(control + u"/token"_s) && ns.state() != QProcess::NotRunning &&
           clock.elapsed() < 30000)
        ns.waitForFinished(50);
    if (ns.state() == QProcess::NotRunning && ns.exitCode() == 77)
        QSKIP(qPrintable(u"this machine lets no test mount a small file system: "_s +
                         QString::fromUtf8(ns.readAll())));
    QFile tokenFile(control + u"/token"_s);
    QVERIFY2(tokenFile.open(QIODevice::ReadOnly), qPrintable(QString::fromUtf8(ns.readAll())));
    RawClient c;
    QVERIFY(c.connectTo(port));
    QVERIFY(c.hello(QString::fromUtf8(tokenFile.readAll()).trimmed()));
    QCOMPARE(c.call({{u"type"_s, u"subscribe"_s}}).value(u"type").toString(), u"subscribed"_s);

    // Epochs of a second or so; the disk fills once epoch 1's checkpoint is written (epoch 2 runs).
    QJsonObject config = smallRunConfig(3);
    config.insert(u"limit", 12000);
    config.insert(u"step_report_interval", 10);
    QCOMPARE(c.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, u"r1"_s}, {u"config"_s, config}})
                 .value(u"type")
                 .toString(),
             u"run_accepted"_s);
    QVERIFY(c.waitForEvent([](const QJsonObject &e) { return isMetricOfEpoch(e, 2); }));
    QVERIFY(ask(u"fill"_s, u"filled"_s));

    // The run fails; the daemon knows it (status, list_runs) though the store cannot say so yet.
    QJsonObject status;
    clock.restart();
    while (clock.elapsed() < 60000) {
        status = c.call({{u"type"_s, u"status"_s}});
        if (status.value(u"runs").toObject().value(u"failed").toInt() == 1)
            break;
        QTest::qWait(100);
    }
    QCOMPARE(status.value(u"runs").toObject(), (QJsonObject{{u"failed"_s, 1}}));
    QVERIFY2(status.value(u"unstored_events").toInteger() > 0, QJsonDocument(status).toJson().constData());
    const QString listed = c.call({{u"type"_s, u"list_runs"_s}})
                               .value(u"runs")
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(u"error")
                               .toString();
    QVERIFY2(listed.contains(u"full"_s) && listed.contains(u"/runs/r1/checkpoints"_s), qPrintable(listed));

    // Room again: everything kept in memory arrives, in order, with no seq missing or repeated.
    QVERIFY(ask(u"free"_s, u"freed"_s));
    QVERIFY(c.waitForEvent(
        [](const QJsonObject &e) {
            return e.value(u"type").toString() == u"log"_s &&
                   e.value(u"text").toString().contains(u"takes writes again"_s);
        },
        30000));
    const auto seen = seqs(c.events);
    for (std::size_t i = 0; i < seen.size(); ++i)
        QCOMPARE(seen[i], qint64(i + 1));
    const auto failed = std::find_if(c.events.begin(), c.events.end(), [](const QJsonObject &e) {
        return isRunState(e, u"r1"_s, u"failed"_s);
    });
    QVERIFY(failed != c.events.end());
    QCOMPARE(failed->value(u"error").toString(), listed);
    QCOMPARE(c.call({{u"type"_s, u"status"_s}}).value(u"unstored_events").toInteger(), qint64(0));

    // resume_run: only failed or stopped runs, and the run ends from its epoch-1 checkpoint.
    const QJsonObject unknown = c.call({{u"type"_s, u"resume_run"_s}, {u"run"_s, u"nope"_s}});
    QCOMPARE(unknown.value(u"code").toString(), u"unknown_run"_s);
    const QJsonObject resumed = c.call({{u"type"_s, u"resume_run"_s}, {u"run"_s, u"r1"_s}});
    QCOMPARE(resumed.value(u"type").toString(), u"run_accepted"_s);
    QCOMPARE(resumed.value(u"state").toString(), u"queued"_s);
    QVERIFY(c.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"r1"_s, u"done"_s); }, 120000));
    const QJsonObject report = c.call({{u"type"_s, u"get_report"_s}, {u"run"_s, u"r1"_s}});
    const QJsonObject summary = report.value(u"report").toObject();
    QCOMPARE(summary.value(u"resumed_after_epoch").toInt(), 1);
    QCOMPARE(summary.value(u"epochs_completed").toInt(), 3);
    const QJsonObject again = c.call({{u"type"_s, u"resume_run"_s}, {u"run"_s, u"r1"_s}});
    QCOMPARE(again.value(u"code").toString(), u"run_not_resumable"_s);
    QVERIFY2(again.value(u"message").toString().contains(u"done"_s),
             qPrintable(again.value(u"message").toString()));

    // The run's history holds "failed" before the resume: monitor --until-done waits for its real
    // end, here already reached, and says done.
    QProcess monitor;
    monitor.start(QStringLiteral(TENKAI_CLI),
                  {u"monitor"_s, u"--local"_s, QString::number(port), u"--token-file"_s,
                   control + u"/token"_s, u"--run"_s, u"r1"_s, u"--until-done"_s, u"--json"_s,
                   u"--give-up-after"_s, u"20"_s});
    QVERIFY(monitor.waitForFinished(60000));
    const QByteArray history = monitor.readAllStandardOutput();
    QVERIFY2(monitor.exitCode() == 0 && history.contains("\"state\":\"failed\"") &&
                 history.contains("\"state\":\"done\""),
             history.right(600).constData());

    ::kill(pid_t(ns.processId()), SIGTERM);
    QVERIFY(waitEnded(ns, 30000));
    QCOMPARE(ns.exitCode(), 0);
}

void TestDaemon::clientFollowsAReplacedStore()
{
    // A site whose state folder is wiped starts its seqs again at 1 under a new store id; a
    // reconnecting client must not drop the new events as duplicates of the old ones.
    QTemporaryDir dir;
    const QString state = dir.filePath(u"state"_s);
    const quint16 port = freePort();
    auto daemon = std::make_unique<DaemonProcess>(state, port);
    daemon->start();
    QVERIFY2(daemon->waitReady(), qPrintable(daemon->output()));
    const QString tokenFile = dir.filePath(u"token"_s);
    QVERIFY(QFile::copy(state + u"/token"_s, tokenFile));

    QProcess monitor;
    monitor.start(QStringLiteral(TENKAI_CLI),
                  {u"monitor"_s, u"--local"_s, QString::number(port), u"--token-file"_s, tokenFile,
                   u"--json"_s, u"--give-up-after"_s, u"30"_s});
    QTRY_VERIFY_WITH_TIMEOUT(monitor.canReadLine(), 20000);
    const QJsonObject first = QJsonDocument::fromJson(monitor.readLine()).object();
    QCOMPARE(first.value(u"seq").toInt(), 1);

    daemon->kill();
    QVERIFY(QDir(state).removeRecursively());
    QVERIFY(QDir().mkpath(state));
    QVERIFY(QFile::copy(tokenFile, state + u"/token"_s)); // the same token, a new store
    daemon = std::make_unique<DaemonProcess>(state, port);
    daemon->start();
    QVERIFY2(daemon->waitReady(), qPrintable(daemon->output()));
    QTRY_VERIFY_WITH_TIMEOUT(monitor.canReadLine(), 20000);
    const QJsonObject again = QJsonDocument::fromJson(monitor.readLine()).object();
    QCOMPARE(again.value(u"seq").toInt(), 1);
    QVERIFY2(again.value(u"text").toString().contains(u"started"_s),
             qPrintable(again.value(u"text").toString()));
    monitor.kill();
    monitor.waitForFinished();
    QCOMPARE(daemon->terminate(), 0);
}

// The state folder's modes are enforced at every start, whatever was there before: private by
// default, the token (only) readable by the daemon's group with --group-access.
void TestDaemon::stateFolderModesAtEveryStart()
{
    auto modeOf = [](const QString &path) -> int {
        struct stat info;
        if (::stat(QFile::encodeName(path).constData(), &info) != 0)
            return -1;
        return int(info.st_mode & 07777);
    };
    QTemporaryDir dir;
    const QString state = dir.filePath(u"state"_s);
    QVERIFY(QDir().mkpath(state + u"/runs"_s));
    // Left open by hand, or by an older version: a world-readable folder, store and token.
    QFile store(state + u"/tenkaid.sqlite"_s);
    QVERIFY(store.open(QIODevice::WriteOnly));
    store.close();
    QFile token(state + u"/token"_s);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("0123456789abcdef\n");
    token.close();
    for (const QString &path : QStringList{state, state + u"/runs"_s})
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0755), 0);
    for (const QString &path : QStringList{state + u"/tenkaid.sqlite"_s, state + u"/token"_s})
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0644), 0);

    struct Expected
    {
        QStringList options;
        int folder, token;
    };
    for (const Expected &e : {Expected{{u"--group-access"_s}, 0750, 0640}, Expected{{}, 0700, 0600}}) {
        DaemonProcess daemon(state, freePort());
        daemon.start(e.options);
        QVERIFY2(daemon.waitReady(), qPrintable(daemon.output()));
        QCOMPARE(modeOf(state), e.folder);
        QCOMPARE(modeOf(state + u"/token"_s), e.token);
        QCOMPARE(daemon.token(), u"0123456789abcdef"_s); // the existing token is kept
        QCOMPARE(modeOf(state + u"/runs"_s), 0700);
        for (const QString &name :
             {u"tenkaid.sqlite"_s, u"tenkaid.log"_s, u"tenkaid.lock"_s, u"tenkaid.port"_s})
            QCOMPARE(modeOf(state + u'/' + name) & 0077, 0);
        QCOMPARE(daemon.terminate(), 0);
    }
    // A new token is made with its mode whatever the umask.
    QVERIFY(QFile::remove(state + u"/token"_s));
    const mode_t old = ::umask(0);
    DaemonProcess fresh(state, freePort());
    fresh.start({u"--group-access"_s});
    const bool ready = fresh.waitReady();
    ::umask(old);
    QVERIFY2(ready, qPrintable(fresh.output()));
    QCOMPARE(modeOf(state + u"/token"_s), 0640);
    QCOMPARE(fresh.token().size(), 64);
    QCOMPARE(fresh.terminate(), 0);
}

void TestDaemon::refusesSecondDaemonAndNonLoopback()
{
    QTemporaryDir dir;
    DaemonProcess first(dir.path(), freePort());
    first.start();
    QVERIFY2(first.waitReady(), qPrintable(first.output()));

    DaemonProcess second(dir.path(), freePort());
    second.start();
    QVERIFY(waitEnded(second.process(), 20000));
    QCOMPARE(second.process().exitCode(), 1);
    const QString refusal = second.output();
    QVERIFY2(refusal.contains(u"pid %1"_s.arg(first.process().processId())), qPrintable(refusal));
    QVERIFY2(refusal.contains(dir.path()), qPrintable(refusal));

    for (const QString &address : {u"0.0.0.0"_s, u"192.168.1.10"_s, u"::"_s, u"example.org"_s}) {
        QTemporaryDir other;
        const QString state = other.filePath(u"state"_s);
        DaemonProcess exposed(state, freePort());
        exposed.start({u"--listen"_s, address});
        QVERIFY(waitEnded(exposed.process(), 20000));
        QCOMPARE(exposed.process().exitCode(), 2);
        const QString text = exposed.output();
        QVERIFY2(text.contains(u"loopback"_s) && text.contains(address), qPrintable(text));
        QVERIFY(!QFileInfo::exists(state)); // refused before touching anything
    }
    {
        // The loopback address of IPv6 is fine.
        QTemporaryDir other;
        DaemonProcess six(other.path(), freePort());
        six.start({u"--listen"_s, u"::1"_s});
        QVERIFY(six.process().waitForReadyRead(20000) || six.process().state() == QProcess::Running);
        QCOMPARE(six.terminate(), 0);
    }
    QCOMPARE(first.terminate(), 0);
    // The lock went with the process: the folder can be used again.
    DaemonProcess again(dir.path(), freePort());
    again.start();
    QVERIFY2(again.waitReady(), qPrintable(again.output()));
    QCOMPARE(again.terminate(), 0);
}

void TestDaemon::cliSaysWhatIsWrong()
{
    QTemporaryDir dir;
    auto run = [](const QStringList &args) {
        QProcess p;
        p.start(QStringLiteral(TENKAI_CLI), args);
        p.waitForFinished(60000);
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
    };
    QFile config(dir.filePath(u"bad.json"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"model":"lenet","members":[{"seed":1},{"seed":-2}]})");
    config.close();
    auto [code, text] =
        run({u"start-run"_s, u"--local"_s, u"1"_s, u"--run-id"_s, u"x"_s, u"--config"_s, config.fileName()});
    QCOMPARE(code, 2);
    QVERIFY2(text.contains(u"config.members[1].seed"_s) && text.contains(config.fileName()),
             qPrintable(text));

    std::tie(code, text) =
        run({u"monitor"_s, u"--local"_s, u"1"_s, u"--state-dir"_s, dir.filePath(u"none"_s)});
    QCOMPARE(code, 2);
    QVERIFY2(text.contains(u"token"_s), qPrintable(text));

    QFile token(dir.filePath(u"token"_s));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("abc\n");
    token.close();
    std::tie(code, text) = run({u"monitor"_s, u"--local"_s, QString::number(freePort()), u"--token-file"_s,
                                token.fileName(), u"--give-up-after"_s, u"1"_s});
    QCOMPARE(code, 1);
    QVERIFY2(text.contains(u"could not be reached"_s), qPrintable(text));
}

namespace {

// A copy of `model` whose TorchScript code no longer parses (LibTorch throws its ErrorReport), one
// cut short, and one whose code names a misspelt class attribute (found by fuzz_model: LibTorch
// 1.13's reader dereferences null on it, which no catch survives): what a bad copy or a hostile peer
// hands a site.
bool writeDamagedModels(const QString &model, const QString &mutated, const QString &cut,
                        const QString &crashing)
{
    QFile in(model);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    QByteArray bytes = in.readAll();
    const qsizetype at = bytes.indexOf("class Module(Module):", bytes.indexOf("___torch_mangle_0.py") + 20);
    if (at < 0)
        return false;
    bytes.replace(at, 5, "clas$");
    QFile out(mutated);
    QFile shortened(cut);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() ||
        !shortened.open(QIODevice::WriteOnly) || shortened.write(bytes.left(bytes.size() / 3)) <= 0)
        return false;
    in.seek(0);
    QByteArray crash = in.readAll();
    const qsizetype attribute = crash.indexOf("__parameters__");
    if (attribute < 0)
        return false;
    crash.replace(attribute, 14, "__praameters__"); // the same length: the zip's offsets still hold
    QFile third(crashing);
    return third.open(QIODevice::WriteOnly) && third.write(crash) == crash.size();
}

} // namespace

// A model file that LibTorch cannot parse (or that crashes its reader), given as init_from, fails
// that run with what is wrong; the daemon keeps serving, and after a restart the failed run is not
// resumed.
void TestDaemon::badModelFailsTheRunNotTheDaemon()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto daemon = std::make_unique<DaemonProcess>(dir.path(), port);
    daemon->start();
    QVERIFY2(daemon->waitReady(), qPrintable(daemon->output()));
    RawClient c;
    QVERIFY(c.connectTo(port));
    QVERIFY(c.hello(daemon->token()));
    QCOMPARE(c.call({{u"type"_s, u"subscribe"_s}}).value(u"type").toString(), u"subscribed"_s);
    QCOMPARE(c.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, u"good"_s}, {u"config"_s, smallRunConfig(1)}})
                 .value(u"type")
                 .toString(),
             u"run_accepted"_s);
    QVERIFY(c.waitForEvent([](const QJsonObject &e) { return isRunState(e, u"good"_s, u"done"_s); }, 120000));
    const QString mutated = dir.filePath(u"mutated.pt"_s);
    const QString cut = dir.filePath(u"cut.pt"_s);
    const QString crashing = dir.filePath(u"crashing.pt"_s);
    QVERIFY(writeDamagedModels(dir.filePath(u"runs/good/model/member-1.pt"_s), mutated, cut, crashing));

    for (const auto &[id, model, expected] :
         {std::tuple{u"mutated"_s, mutated, u"Unexpected token"_s}, std::tuple{u"cut"_s, cut, u"cut.pt"_s},
          std::tuple{u"crashing"_s, crashing, u"in a separate process"_s}}) {
        QJsonObject config = smallRunConfig(1);
        config.insert(u"init_from", model);
        config.insert(u"freeze", u"features"_s);
        QCOMPARE(c.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, id}, {u"config"_s, config}})
                     .value(u"type")
                     .toString(),
                 u"run_accepted"_s);
        QJsonObject failed;
        QVERIFY(c.waitForEvent(
            [&, id = id](const QJsonObject &e) {
                if (!isRunState(e, id, u"failed"_s))
                    return false;
                failed = e;
                return true;
            },
            60000));
        QVERIFY2(failed.value(u"error").toString().contains(expected),
                 qPrintable(failed.value(u"error").toString()));
        // Still serving.
        QCOMPARE(c.call({{u"type"_s, u"status"_s}}).value(u"type").toString(), u"status"_s);
    }
    QVERIFY(daemon->process().state() == QProcess::Running);

    // A restart does not retry them.
    QCOMPARE(daemon->terminate(), 0);
    daemon = std::make_unique<DaemonProcess>(dir.path(), port);
    daemon->start();
    QVERIFY2(daemon->waitReady(), qPrintable(daemon->output()));
    RawClient after;
    QVERIFY(after.connectTo(port));
    QVERIFY(after.hello(daemon->token()));
    QTest::qWait(500);
    const QJsonArray runs = after.call({{u"type"_s, u"list_runs"_s}}).value(u"runs").toArray();
    QCOMPARE(runs.size(), 4);
    for (const QJsonValue &run : runs) {
        const QJsonObject r = run.toObject();
        QCOMPARE(r.value(u"state").toString(),
                 r.value(u"run").toString() == u"good"_s ? u"done"_s : u"failed"_s);
    }

    // tenkai-cli evaluate on the same files says what is wrong and exits 1, not abort.
    for (const QString &model : {mutated, cut, crashing}) {
        QProcess cli;
        cli.start(QStringLiteral(TENKAI_CLI), {u"evaluate"_s, u"--test-limit"_s, u"50"_s, model});
        QVERIFY(cli.waitForFinished(60000));
        const QString text = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 1, qPrintable(text));
        QVERIFY2(text.contains(model), qPrintable(text));
    }
    QCOMPARE(daemon->terminate(), 0);
}

// A run during which the daemon dies twice in a row before an epoch ends (a crash in a library, the
// out-of-memory killer; here SIGKILL) is failed at the next start, not resumed into a crash loop.
// One death is resumed, as before.
void TestDaemon::runThatEndsTheDaemonIsNotResumedForever()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    // Epochs of 12,000 images with one member: seconds each, so the kills land inside epoch 1.
    QJsonObject config = smallRunConfig(3);
    config.insert(u"limit", 12000);
    config.insert(u"members", QJsonArray{QJsonObject{{u"seed"_s, 1}}});
    const auto startAndKillInEpochOne = [&](bool submit) {
        DaemonProcess daemon(dir.path(), port);
        daemon.start();
        if (!daemon.waitReady())
            return false;
        RawClient c;
        if (!c.connectTo(port) || !c.hello(daemon.token()))
            return false;
        c.call({{u"type"_s, u"subscribe"_s}});
        if (submit)
            c.call({{u"type"_s, u"start_run"_s}, {u"run_id"_s, u"heavy"_s}, {u"config"_s, config}});
        const bool stepped = c.waitForEvent(
            [](const QJsonObject &e) {
                return e.value(u"type").toString() == u"metric"_s &&
                       e.value(u"name").toString() == u"loss"_s && e.value(u"epoch").toInt() == 1;
            },
            60000);
        daemon.kill();
        return stepped;
    };
    QVERIFY(startAndKillInEpochOne(true));
    QVERIFY(startAndKillInEpochOne(false)); // resumed once: it trains again, and is killed again

    DaemonProcess daemon(dir.path(), port);
    daemon.start();
    QVERIFY2(daemon.waitReady(), qPrintable(daemon.output()));
    RawClient c;
    QVERIFY(c.connectTo(port));
    QVERIFY(c.hello(daemon.token()));
    const QJsonObject run = c.call({{u"type"_s, u"list_runs"_s}}).value(u"runs").toArray().at(0).toObject();
    QCOMPARE(run.value(u"state").toString(), u"failed"_s);
    QVERIFY2(run.value(u"error").toString().contains(u"2 time(s) in a row"_s) ||
                 run.value(u"error").toString().contains(u"2 times in a row"_s),
             QJsonDocument(run).toJson().constData());
    QVERIFY(daemon.process().state() == QProcess::Running);
    // The operator may try once more: resume_run queues it again.
    QCOMPARE(c.call({{u"type"_s, u"resume_run"_s}, {u"run"_s, u"heavy"_s}}).value(u"type").toString(),
             u"run_accepted"_s);
    QCOMPARE(daemon.terminate(), 0);
}

namespace {

// The handshake's HMACs as docs/protocol.md defines them, written out here independently.
QString handshakeMac(const QString &token, const char *side, const QString &clientNonce,
                     const QString &daemonNonce)
{
    const QByteArray message = QByteArray("tenkai handshake v1\n") + side + '\n' + clientNonce.toLatin1() +
                               '\n' + daemonNonce.toLatin1();
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

// The daemon proves it knows the token before the client proves it does; neither sends it.
void TestDaemon::handshakeProvesBothSidesWithoutTheToken()
{
    QTemporaryDir dir;
    DaemonProcess daemon(dir.path(), freePort());
    daemon.start();
    QVERIFY2(daemon.waitReady(), qPrintable(daemon.output()));
    const QString token = daemon.token();
    const QString nonce = QString(64, u'a');

    RawClient c;
    QVERIFY(c.connectTo(daemon.port()));
    // An answer before any challenge is not taken.
    QCOMPARE(c.call({{u"type"_s, u"hello"_s}, {u"answer"_s, QString(64, u'0')}}).value(u"code").toString(),
             u"hello_required"_s);
    const QJsonObject challenge = c.call({{u"type"_s, u"hello"_s}, {u"id"_s, 1}, {u"nonce"_s, nonce}});
    QCOMPARE(challenge.value(u"type").toString(), u"challenge"_s);
    QCOMPARE(challenge.value(u"id").toInt(), 1);
    const QString daemonNonce = challenge.value(u"nonce").toString();
    QCOMPARE(daemonNonce.size(), 64);
    QCOMPARE(challenge.value(u"proof").toString(), handshakeMac(token, "daemon", nonce, daemonNonce));
    // Status is still refused until the answer.
    QCOMPARE(c.call({{u"type"_s, u"status"_s}}).value(u"code").toString(), u"hello_required"_s);
    const QJsonObject welcome = c.call({{u"type"_s, u"hello"_s},
                                        {u"id"_s, 2},
                                        {u"answer"_s, handshakeMac(token, "client", nonce, daemonNonce)}});
    QCOMPARE(welcome.value(u"type").toString(), u"welcome"_s);
    QCOMPARE(welcome.value(u"id").toInt(), 2);
    QCOMPARE(c.call({{u"type"_s, u"status"_s}}).value(u"type").toString(), u"status"_s);

    // A wrong answer (here: the daemon's own proof replayed) closes the connection.
    RawClient wrong;
    QVERIFY(wrong.connectTo(daemon.port()));
    const QJsonObject other = wrong.call({{u"type"_s, u"hello"_s}, {u"nonce"_s, nonce}});
    QVERIFY(other.value(u"nonce").toString() != daemonNonce); // a fresh challenge each time
    QCOMPARE(wrong.call({{u"type"_s, u"hello"_s}, {u"answer"_s, other.value(u"proof").toString()}})
                 .value(u"code")
                 .toString(),
             u"bad_token"_s);
    QVERIFY(wrong.waitClosed());
    // Bad shapes get errors naming the field.
    RawClient shapes;
    QVERIFY(shapes.connectTo(daemon.port()));
    QCOMPARE(shapes.call({{u"type"_s, u"hello"_s}, {u"nonce"_s, u"short"_s}}).value(u"field").toString(),
             u"nonce"_s);
    QCOMPARE(shapes.call({{u"type"_s, u"hello"_s}, {u"nonce"_s, nonce}, {u"token"_s, token}})
                 .value(u"code")
                 .toString(),
             u"bad_value"_s);
    QCOMPARE(shapes.call({{u"type"_s, u"hello"_s}}).value(u"code").toString(), u"missing_field"_s);
    QCOMPARE(daemon.terminate(), 0);
}

// A program that took the daemon's port (here: while no daemon runs) and plays the daemon's part
// gets no token from the console's client library, and the client says what is wrong.
void TestDaemon::impostorOnThePortLearnsNoToken()
{
    QTemporaryDir dir;
    QFile tokenFile(dir.filePath(u"token"_s));
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    const QByteArray token = QByteArray(64, '7');
    tokenFile.write(token + '\n');
    tokenFile.close();
    QTcpServer impostor;
    QVERIFY(impostor.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    QList<QTcpSocket *> sockets;
    connect(&impostor, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = impostor.nextPendingConnection()) {
            sockets << s;
            connect(s, &QTcpSocket::readyRead, this, [&, s] {
                const QByteArray data = s->readAll();
                received += data;
                // It answers as a daemon would, but cannot make the proof.
                const QJsonObject hello = QJsonDocument::fromJson(data.split('\n').first()).object();
                QJsonObject reply{{u"v"_s, 1},
                                  {u"type"_s, u"challenge"_s},
                                  {u"id"_s, hello.value(u"id")},
                                  {u"nonce"_s, QString(64, u'b')},
                                  {u"proof"_s, QString(64, u'c')}};
                s->write(QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n');
            });
        }
    });
    QProcess cli;
    cli.start(QStringLiteral(TENKAI_CLI),
              {u"stop-run"_s, u"--local"_s, QString::number(impostor.serverPort()), u"--state-dir"_s,
               dir.path(), u"--run"_s, u"r1"_s});
    QVERIFY(cli.waitForStarted());
    QElapsedTimer clock;
    clock.start();
    while (cli.state() != QProcess::NotRunning && clock.elapsed() < 30000)
        QTest::qWait(50);
    QVERIFY(cli.state() == QProcess::NotRunning);
    const QString text = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(cli.exitCode() != 0 && text.contains(u"does not know this site's token"_s), qPrintable(text));
    QVERIFY(received.contains("\"nonce\""));
    QVERIFY2(!received.contains(token) && !received.contains("\"answer\"") && !received.contains("\"token\""),
             received.constData());
    qDeleteAll(sockets);
}

// A local user who opens a thousand connections and says nothing blocks only their own: the
// console's user is still welcomed while they are held open, and that user too may have at most
// kMaxWaitingPerUser waiting.
void TestDaemon::floodOfSilentConnectionsLocksNoOneElseOut()
{
    if (::geteuid() != 0)
        QSKIP("the flood runs as another user (runuser), which needs root");
    QTemporaryDir dir;
    DaemonProcess daemon(dir.path(), freePort());
    daemon.start();
    QVERIFY2(daemon.waitReady(), qPrintable(daemon.output()));
    QProcess flood;
    flood.setProcessChannelMode(QProcess::MergedChannels);
    flood.start(
        u"sh"_s,
        {u"-c"_s,
         u"ulimit -n 4096 && exec runuser -u nobody -- bash -c 'for i in $(seq 1 1000); do exec "
         "{fd}<>/dev/tcp/127.0.0.1/%1 || exit 1; done; echo opened; exec sleep 120'"_s.arg(daemon.port())});
    QVERIFY(flood.waitForStarted());
    QByteArray said;
    while (!said.contains('\n') && flood.waitForReadyRead(60000))
        said += flood.readAll();
    QVERIFY2(said.trimmed() == "opened", said.constData());
    auto stopFlood = qScopeGuard([&] {
        flood.kill();
        flood.waitForFinished();
    });

    // Root's console connects and works while nobody's thousand connections are held.
    RawClient console;
    QVERIFY(console.connectTo(daemon.port()));
    QVERIFY(console.hello(daemon.token()));
    const QJsonObject status = console.call({{u"type"_s, u"status"_s}});
    QCOMPARE(status.value(u"type").toString(), u"status"_s);
    QVERIFY2(status.value(u"connections").toInt() <= 1 + 8,
             qPrintable(QString::number(status.value(u"connections").toInt())));

    // Root's own silent connections are bounded the same way: the ninth waiting one is refused.
    std::vector<std::unique_ptr<RawClient>> silent;
    for (int i = 0; i < 8; ++i) {
        silent.push_back(std::make_unique<RawClient>());
        QVERIFY(silent.back()->connectTo(daemon.port()));
    }
    QTest::qWait(200);
    RawClient ninth;
    QVERIFY(ninth.connectTo(daemon.port()));
    QCOMPARE(ninth.reply(5000).value(u"code").toString(), u"too_many_connections"_s);
    silent.clear();
    QTest::qWait(200);
    RawClient again;
    QVERIFY(again.connectTo(daemon.port()));
    QVERIFY(again.hello(daemon.token()));
    QCOMPARE(daemon.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestDaemon)
#include "tst_daemon.moc"
