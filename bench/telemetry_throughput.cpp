// telemetry_bench: issue 4's telemetry figures against real tenkaid processes on this machine
// (bench/telemetry.sh runs it; docs/benchmarks.md reports the numbers).
//
//  (a) live: a tenkaid started with TENKAI_SYNTHETIC_METRICS=RATE runs a run of the hidden dataset
//      "synthetic" (core/telemetry/synthetic_metrics.h): RATE metric events a second made by a
//      worker thread through the TrainingJob callbacks a real training uses, stored and streamed by
//      the daemon as usual. A loopback DaemonClient subscribes. Latency: receive time minus the
//      callback time the synthetic source puts in each `loss` value (and minus `t`, the time the
//      daemon made the event). The daemon's CPU: utime+stime from /proc/PID/stat over the window.
//  (b) replay: a second tenkaid stores REPLAY events (a synthetic run at a high rate); a fresh
//      subscriber with since_seq 0: wall time from sending subscribe to the last event received.
//  (c) the idle daemon's VmRSS a moment after it started (before any client).
//
// Usage: telemetry_bench --tenkaid PATH [--rate 1000] [--seconds 10] [--replay 100000] [--json]
#include "telemetry/daemon_client.h"
#include "telemetry/transport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;
using tenkai::telemetry::DaemonClient;
using tenkai::telemetry::TcpTransport;
using tenkai::telemetry::Transport;

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

double unixNow()
{
    return double(std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count()) /
           1e6;
}

double steadyNow()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

// utime + stime of a process in seconds.
double cpuSeconds(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which is in parentheses and may hold spaces).
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    // fields[0] is field 3 (state); utime is field 14, stime 15.
    const double ticks = fields[11].toDouble() + fields[12].toDouble();
    return ticks / double(sysconf(_SC_CLK_TCK));
}

// VmRSS in KiB.
qint64 residentKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const std::size_t index =
        std::min(values.size() - 1, std::size_t(std::ceil(p / 100.0 * double(values.size())) - 1));
    return values[index];
}

class Daemon
{
public:
    Daemon(const QString &program, double syntheticRate)
    {
        m_port = freePort();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TENKAI_SYNTHETIC_METRICS"_s, QString::number(syntheticRate, 'g', 10));
        m_process.setProcessEnvironment(env);
        // The daemon's own log goes to STATE/tenkaid.log; keep the table clean.
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.start(program, {u"--state-dir"_s, m_dir.path(), u"--port"_s, QString::number(m_port),
                                  u"--site"_s, u"bench"_s});
    }
    ~Daemon()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }
    bool waitReady()
    {
        return waitFor(
                   [&] {
                       if (m_process.state() == QProcess::NotRunning)
                           return true;
                       QTcpSocket probe;
                       probe.connectToHost(QHostAddress::LocalHost, m_port);
                       return probe.waitForConnected(100);
                   },
                   30000) &&
               m_process.state() == QProcess::Running;
    }
    QString token() const
    {
        QFile file(m_dir.path() + u"/token"_s);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
    }
    DaemonClient *client(QObject *parent)
    {
        auto *c = new DaemonClient(
            [port = m_port](QObject *p) -> Transport * { return new TcpTransport(u"127.0.0.1"_s, port, p); },
            token(), u"telemetry_bench"_s, parent);
        QObject::connect(c, &DaemonClient::failed,
                         [](const QString &reason) { err() << "telemetry_bench: " << reason << Qt::endl; });
        return c;
    }
    qint64 pid() const { return m_process.processId(); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

// Starts a synthetic run of `reports` step reports (three metric events each) and waits for acceptance.
bool startSyntheticRun(DaemonClient &client, const QString &run, qint64 reports)
{
    const QJsonObject config{{u"model"_s, u"lenet"_s},
                             {u"dataset"_s, u"synthetic"_s},
                             {u"epochs"_s, 1},
                             {u"limit"_s, reports},
                             {u"members"_s, QJsonArray{QJsonObject{{u"seed"_s, 1}}}}};
    QJsonObject answer;
    const qint64 id = client.request(u"start_run"_s, {{u"run_id"_s, run}, {u"config"_s, config}});
    const auto connection =
        QObject::connect(&client, &DaemonClient::reply, [&answer, id](qint64 replyId, const QJsonObject &m) {
            if (replyId == id)
                answer = m;
        });
    const bool answered = waitFor([&] { return !answer.isEmpty(); }, 20000);
    QObject::disconnect(connection);
    if (!answered || answer.value(u"type").toString() != u"run_accepted"_s) {
        err() << "telemetry_bench: start_run was answered "
              << QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Compact)) << Qt::endl;
        return false;
    }
    return true;
}

bool isEnd(const QJsonObject &e, const QString &run)
{
    if (e.value(u"type").toString() != u"run_state"_s || e.value(u"run").toString() != run)
        return false;
    const QString state = e.value(u"state").toString();
    return state == u"done"_s || state == u"failed"_s || state == u"stopped"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Telemetry figures of issue 4 against real tenkaid processes."_s);
    parser.addHelpOption();
    const QCommandLineOption tenkaid(u"tenkaid"_s, u"The tenkaid program."_s, u"path"_s);
    const QCommandLineOption rate(u"rate"_s, u"Metric events per second (default 1000)."_s, u"n"_s,
                                  u"1000"_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Length of the live window (default 10)."_s, u"s"_s,
                                     u"10"_s);
    const QCommandLineOption replay(u"replay"_s, u"Stored events to replay (default 100000)."_s, u"n"_s,
                                    u"100000"_s);
    const QCommandLineOption json(u"json"_s, u"Also print the figures as one JSON line."_s);
    parser.addOptions({tenkaid, rate, seconds, replay, json});
    parser.process(app);
    if (!parser.isSet(tenkaid)) {
        err() << "telemetry_bench: --tenkaid PATH is required" << Qt::endl;
        return 2;
    }
    const QString program = parser.value(tenkaid);
    const double eventRate = std::max(3.0, parser.value(rate).toDouble());
    const double windowSeconds = std::max(1.0, parser.value(seconds).toDouble());
    const qint64 replayEvents = std::max<qint64>(3, parser.value(replay).toLongLong());
    QTextStream out(stdout);

    // (c) and (a): one daemon producing eventRate metric events a second.
    double idleRssMiB = 0;
    double p50 = 0, p99 = 0, pmax = 0, tP50 = 0, tP99 = 0, cpuPercent = 0, achievedRate = 0;
    qint64 liveMetrics = 0;
    {
        Daemon daemon(program, eventRate);
        if (!daemon.waitReady()) {
            err() << "telemetry_bench: tenkaid did not start" << Qt::endl;
            return 1;
        }
        QThread::msleep(1000);
        idleRssMiB = double(residentKiB(daemon.pid())) / 1024.0;

        QObject owner;
        DaemonClient *client = daemon.client(&owner);
        std::vector<double> latency;      // callback -> subscriber, ms
        std::vector<double> latencyFromT; // event creation (t) -> subscriber, ms
        double firstAt = 0, lastAt = 0, cpuFirst = 0, cpuLast = 0;
        bool ended = false;
        const QString run = u"live"_s;
        QObject::connect(client, &DaemonClient::event, [&](const QJsonObject &e) {
            const double received = unixNow();
            if (e.value(u"type").toString() == u"metric"_s && e.value(u"run").toString() == run) {
                if (liveMetrics == 0) {
                    firstAt = steadyNow();
                    cpuFirst = cpuSeconds(daemon.pid());
                }
                ++liveMetrics;
                lastAt = steadyNow();
                latencyFromT.push_back((received - e.value(u"t").toDouble()) * 1000.0);
                if (e.value(u"name").toString() == u"loss"_s)
                    latency.push_back((received - e.value(u"value").toDouble()) * 1000.0);
            }
            if (isEnd(e, run)) {
                cpuLast = cpuSeconds(daemon.pid());
                ended = true;
            }
        });
        client->start();
        if (!waitFor([&] { return client->isReady(); }, 20000)) {
            err() << "telemetry_bench: no welcome from tenkaid" << Qt::endl;
            return 1;
        }
        client->subscribe(QString(), qint64(client->welcome().value(u"last_seq").toDouble()));
        const qint64 reports = qint64(std::llround(eventRate / 3.0 * windowSeconds));
        if (!startSyntheticRun(*client, run, reports))
            return 1;
        if (!waitFor([&] { return ended; }, int(windowSeconds * 1000) + 60000)) {
            err() << "telemetry_bench: the live run did not end" << Qt::endl;
            return 1;
        }
        const double window = lastAt - firstAt;
        achievedRate = window > 0 ? double(liveMetrics - 1) / window : 0;
        cpuPercent = window > 0 ? 100.0 * (cpuLast - cpuFirst) / window : 0;
        p50 = percentile(latency, 50);
        p99 = percentile(latency, 99);
        pmax = percentile(latency, 100);
        tP50 = percentile(latencyFromT, 50);
        tP99 = percentile(latencyFromT, 99);
        client->stop();
    }

    // (b): a daemon with replayEvents stored events, replayed to a fresh subscriber.
    double replaySeconds = 0;
    qint64 replayed = 0;
    qint64 stored = 0;
    double replayRssMiB = 0;
    {
        Daemon daemon(program, 300000);
        if (!daemon.waitReady()) {
            err() << "telemetry_bench: tenkaid did not start" << Qt::endl;
            return 1;
        }
        QObject owner;
        DaemonClient *filler = daemon.client(&owner);
        bool filled = false;
        QObject::connect(filler, &DaemonClient::event, [&](const QJsonObject &e) {
            if (isEnd(e, u"fill"_s))
                filled = true;
        });
        filler->start();
        if (!waitFor([&] { return filler->isReady(); }, 20000))
            return 1;
        filler->subscribe(QString(), qint64(filler->welcome().value(u"last_seq").toDouble()));
        // Three metric events a report, plus the run's own state and log events.
        if (!startSyntheticRun(*filler, u"fill"_s, (replayEvents + 2) / 3))
            return 1;
        if (!waitFor([&] { return filled; }, 300000)) {
            err() << "telemetry_bench: filling the store did not end" << Qt::endl;
            return 1;
        }
        filler->stop();

        DaemonClient *reader = daemon.client(&owner);
        reader->start();
        if (!waitFor([&] { return reader->isReady(); }, 20000))
            return 1;
        stored = qint64(reader->welcome().value(u"last_seq").toDouble());
        const qint64 since = std::max<qint64>(0, stored - replayEvents);
        double lastReceived = 0;
        QObject::connect(reader, &DaemonClient::event, [&](const QJsonObject &e) {
            ++replayed;
            if (qint64(e.value(u"seq").toDouble()) >= stored)
                lastReceived = steadyNow();
        });
        const double begin = steadyNow();
        reader->subscribe(QString(), since);
        if (!waitFor([&] { return lastReceived > 0; }, 120000)) {
            err() << "telemetry_bench: the replay did not reach seq " << stored << Qt::endl;
            return 1;
        }
        replaySeconds = lastReceived - begin;
        replayRssMiB = double(residentKiB(daemon.pid())) / 1024.0;
        reader->stop();
    }

    const auto ms = [](double v) -> QString {
        return QString::number(v, 'f', 2) + u" ms"_s;
    };
    out << "| figure | measured | target |\n| --- | --- | --- |\n";
    out << "| metric events a second produced in tenkaid (synthetic, TrainingJob callbacks) | "
        << QString::number(achievedRate, 'f', 0) << " (" << liveMetrics << " events in "
        << QString::number(windowSeconds, 'f', 0) << " s) | 1,000 |\n";
    out << "| trainer callback -> loopback subscriber, p50 | " << ms(p50) << " | |\n";
    out << "| trainer callback -> loopback subscriber, p99 | " << ms(p99) << " | <= 50 ms |\n";
    out << "| trainer callback -> loopback subscriber, max | " << ms(pmax) << " | |\n";
    out << "| event made (`t`) -> subscriber, p50 / p99 | " << ms(tP50) << " / " << ms(tP99) << " | |\n";
    out << "| tenkaid CPU over the window (% of one core) | " << QString::number(cpuPercent, 'f', 1)
        << " % | <= 5 % |\n";
    out << "| replay of " << (stored - std::max<qint64>(0, stored - replayEvents))
        << " stored events, subscribe -> last event | " << QString::number(replaySeconds, 'f', 3)
        << " s | <= 1 s |\n";
    out << "| idle tenkaid resident memory (VmRSS, 1 s after start) | " << QString::number(idleRssMiB, 'f', 1)
        << " MiB | reported |\n";
    out << "| tenkaid resident memory after the replay | " << QString::number(replayRssMiB, 'f', 1)
        << " MiB | |\n";
    out.flush();
    if (parser.isSet(json)) {
        const QJsonObject figures{{u"rate"_s, achievedRate},       {u"events"_s, liveMetrics},
                                  {u"latency_p50_ms"_s, p50},      {u"latency_p99_ms"_s, p99},
                                  {u"latency_max_ms"_s, pmax},     {u"t_latency_p50_ms"_s, tP50},
                                  {u"t_latency_p99_ms"_s, tP99},   {u"cpu_percent"_s, cpuPercent},
                                  {u"replay_events"_s, replayed},  {u"replay_seconds"_s, replaySeconds},
                                  {u"idle_rss_mib"_s, idleRssMiB}, {u"replay_rss_mib"_s, replayRssMiB}};
        out << QJsonDocument(figures).toJson(QJsonDocument::Compact) << "\n";
    }
    return 0;
}
