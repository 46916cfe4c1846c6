#include "daemon/daemon.h"

#include "common/errors.h"
#include "common/training_text.h"
#include "daemon/connection.h"
#include "jobs/training_job.h"
#include "telemetry/run_config.h"
#include "tenkai/version.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonArray>
#include <QPointer>
#include <QSaveFile>
#include <QStorageInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <climits>
#include <iterator>
#include <unistd.h>

using namespace Qt::StringLiterals;

// Translation context for the daemon's replies and log.
class DaemonText
{
    Q_DECLARE_TR_FUNCTIONS(DaemonText)
};

namespace tenkai::daemon {

namespace st = telemetry::state;

struct Daemon::ActiveRun
{
    QString id;
    std::unique_ptr<TrainingJob> job;
    int epochs = 1;
    int members = 1;
    bool validation = true; // a validation split is held out (validation_accuracy metrics)
    bool userStop = false;
    bool drainScheduled = false;
    double progress = 0;
    QElapsedTimer lastProgressEvent;
    // A resumed run: each member's last step already stored; its steps up to there are trained
    // again from the checkpoint and not emitted twice.
    std::map<int, qint64> storedSteps;
};

namespace {

constexpr int kDrainMs = 25;
// While the store takes no writes: how often it is tried again, and how many events wait in memory.
constexpr int kStoreRetryMs = 1000;
constexpr qint64 kMaxUnstored = 200000;

double now()
{
    // Microseconds: the benchmark measures callback-to-subscriber latency against `t`.
    return double(std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count()) /
           1e6;
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 0) + QLatin1Char('%');
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// A run's starts since its last completed epoch or orderly end, in RUN/starts. The daemon writes it
// before it starts or resumes the run and removes it at each epoch's end and at every orderly end
// (done, failed, stopped, paused by a stop). A file that reaches kUncleanStarts means the daemon
// went down that many times in a row while training this run, with no epoch finished: a crash in a
// library on the run's input, or the out-of-memory killer. The run is then failed at the next start
// instead of being resumed into the same end (a crash loop under Restart=on-failure).
constexpr int kUncleanStarts = 2;
// Evaluations computed at the same time; more are refused as busy (each one loads models and data).
constexpr int kMaxEvaluations = 2;

QString startsFile(const QString &stateDir, const QString &id)
{
    return runDir(stateDir, id) + u"/starts"_s;
}

int uncleanStarts(const QString &stateDir, const QString &id)
{
    QFile file(startsFile(stateDir, id));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return std::clamp(file.read(16).trimmed().toInt(), 0, 1000);
}

void setUncleanStarts(const QString &stateDir, const QString &id, int starts)
{
    if (starts <= 0) {
        QFile::remove(startsFile(stateDir, id));
        return;
    }
    QSaveFile file(startsFile(stateDir, id));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QByteArray::number(starts) + '\n');
        file.commit();
    }
}

qint64 physicalMemory()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long size = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? qint64(pages) * qint64(size) : 0;
}

} // namespace

std::optional<QHostAddress> loopbackAddress(const QString &listen, QString *error)
{
    QHostAddress address;
    if (listen == u"localhost"_s)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(listen)) {
        if (error)
            *error = DaemonText::tr("--listen expects a loopback address such as 127.0.0.1, got \"%1\".")
                         .arg(listen);
        return std::nullopt;
    }
    if (!address.isLoopback()) {
        if (error)
            *error = DaemonText::tr(
                         "--listen %1 is refused: tenkaid listens on the loopback address only (127.0.0.1 "
                         "or ::1), and consoles reach a remote site's daemon through SSH.")
                         .arg(listen);
        return std::nullopt;
    }
    return address;
}

Daemon::Daemon(DaemonOptions options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    if (m_options.stateDir.isEmpty())
        m_options.stateDir = defaultStateDir();
    m_options.stateDir = QDir::cleanPath(QDir(m_options.stateDir).absolutePath());
    if (m_options.site.isEmpty())
        m_options.site = QHostInfo::localHostName();
    m_options.maxRuns = std::max(1, m_options.maxRuns);
}

Daemon::~Daemon()
{
    // Training threads stop and join before the store they report to goes away; evaluations end.
    m_active.clear();
    for (QThread *thread : m_evaluations) {
        thread->wait();
        delete thread;
    }
    m_evaluations.clear();
    for (Connection *c : m_connections)
        delete c;
    m_connections.clear();
}

bool Daemon::start(QString *error)
{
    auto failWith = [&](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    QString why;
    const auto address = loopbackAddress(m_options.listen, &why);
    if (!address)
        return failWith(why);

    if (!prepareStateDir(m_options.stateDir, m_options.access, &why) ||
        !m_lock.acquire(m_options.stateDir, &why))
        return failWith(why);
    if (!m_store.open(databasePath(m_options.stateDir), &why))
        return failWith(why);
    const auto token = loadOrCreateToken(m_options.stateDir, m_options.access, &why);
    if (!token)
        return failWith(why);
    m_token = *token;

    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(kMaxConnections);
    if (!m_server->listen(*address, m_options.port))
        return failWith(DaemonText::tr("Cannot listen on %1 port %2: %3.")
                            .arg(address->toString())
                            .arg(m_options.port)
                            .arg(m_server->errorString()));
    connect(m_server, &QTcpServer::newConnection, this, &Daemon::acceptConnections);
    {
        QSaveFile portFile(m_options.stateDir + u"/tenkaid.port"_s);
        if (portFile.open(QIODevice::WriteOnly)) {
            portFile.write(QByteArray::number(m_server->serverPort()) + '\n');
            portFile.commit();
        }
    }

    m_started = QDateTime::currentDateTimeUtc();
    m_cores = std::max(1, QThread::idealThreadCount());
    m_cuda = train::runtimeInfo().cudaAvailable;
    qInfo().noquote() << DaemonText::tr("tenkaid %1 (site %2) listening on %3 port %4, state in %5, pid %6.")
                             .arg(QStringLiteral(TENKAI_VERSION_STRING), m_options.site, address->toString())
                             .arg(m_server->serverPort())
                             .arg(m_options.stateDir)
                             .arg(qint64(::getpid()));
    log(u"info"_s, DaemonText::tr("tenkaid %1 started at site %2.")
                       .arg(QStringLiteral(TENKAI_VERSION_STRING), m_options.site));
    resumeUnfinished();
    schedule();
    return true;
}

quint16 Daemon::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

// ---- Connections and requests -------------------------------------------------------------------

namespace {

// The uid that holds the other end of a loopback TCP connection, from /proc/net/tcp and tcp6 (the
// line whose local port is the peer's and remote port ours); -1 when it cannot be told.
qint64 loopbackPeerUid(quint16 peerPort, quint16 localPort)
{
    const QByteArray local = ':' + QByteArray::number(peerPort, 16).toUpper().rightJustified(4, '0');
    const QByteArray remote = ':' + QByteArray::number(localPort, 16).toUpper().rightJustified(4, '0');
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> fields = lines[i].simplified().split(' ');
            if (fields.size() > 7 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
                bool ok = false;
                const qint64 uid = fields[7].toLongLong(&ok);
                if (ok)
                    return uid;
            }
        }
    }
    return -1;
}

} // namespace

void Daemon::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new Connection(socket, m_token, m_store, this);
        connection->setPeerUid(loopbackPeerUid(socket->peerPort(), socket->localPort()));
        const auto waiting = std::count_if(m_connections.begin(), m_connections.end(), [&](Connection *c) {
            return !c->isAuthenticated() && c->peerUid() == connection->peerUid();
        });
        const bool full = int(m_connections.size()) >= kMaxConnections + 8 * kMaxWaitingPerUser;
        if (m_shuttingDown || waiting >= kMaxWaitingPerUser || full) {
            connection->sendError(
                m_shuttingDown ? telemetry::errc::ShuttingDown : telemetry::errc::TooManyConnections,
                m_shuttingDown ? DaemonText::tr("The daemon is stopping; try again when it is back.")
                : full         ? DaemonText::tr("The daemon already serves %1 connections; try again "
                                                        "later.")
                             .arg(kMaxConnections)
                       : DaemonText::tr("%1 connections of this user are already waiting for their "
                                        "hello; try again when they have said it or gone.")
                             .arg(kMaxWaitingPerUser));
            connect(connection, &Connection::closed, connection, &QObject::deleteLater);
            connection->finish();
            continue;
        }
        m_connections.push_back(connection);
        connect(connection, &Connection::requestReceived, this,
                [this, connection](const telemetry::Request &request) { handle(connection, request); });
        connect(connection, &Connection::closed, this, [this, connection] {
            std::erase(m_connections, connection);
            connection->deleteLater();
            if (m_shuttingDown && m_connections.empty() && m_active.empty())
                finishShutdown();
        });
    }
}

void Daemon::handle(Connection *connection, const telemetry::Request &request)
{
    auto reply = [&](QJsonObject message) {
        if (!request.id.isUndefined())
            message.insert(u"id", request.id);
        connection->send(message);
    };
    using telemetry::RequestType;
    switch (request.type) {
    case RequestType::Hello:
        // Slots are counted for authenticated clients: waiting ones cannot take them.
        if (std::count_if(m_connections.begin(), m_connections.end(),
                          [](Connection *c) { return c->isAuthenticated(); }) > kMaxConnections) {
            connection->sendError(telemetry::errc::TooManyConnections,
                                  DaemonText::tr("The daemon already serves %1 connections; try again "
                                                 "later.")
                                      .arg(kMaxConnections),
                                  request.id);
            connection->finish();
            break;
        }
        qInfo().noquote() << DaemonText::tr("Client %1 (%2) connected.")
                                 .arg(connection->peer(),
                                      request.client.isEmpty() ? DaemonText::tr("unnamed") : request.client);
        reply(welcome());
        break;
    case RequestType::Status:
        reply(status());
        break;
    case RequestType::ListRuns: {
        QJsonArray runs;
        for (const auto &run : runRecords())
            runs.append(runSummaryJson(run));
        QJsonObject message = telemetry::makeMessage(u"runs"_s);
        message.insert(u"runs", runs);
        reply(message);
        break;
    }
    case RequestType::StartRun:
        startRunRequest(connection, request);
        break;
    case RequestType::StopRun:
        stopRunRequest(connection, request);
        break;
    case RequestType::ResumeRun:
        resumeRunRequest(connection, request);
        break;
    case RequestType::GetReport:
        reportRequest(connection, request);
        break;
    case RequestType::Evaluate:
        evaluateRequest(connection, request);
        break;
    case RequestType::Subscribe: {
        if (!request.run.isEmpty() && !knownRun(connection, request))
            break;
        QJsonObject message = telemetry::makeMessage(u"subscribed"_s);
        message.insert(u"run", request.run.isEmpty() ? u"all"_s : request.run);
        message.insert(u"since_seq", request.sinceSeq);
        message.insert(u"last_seq", m_store.lastSeq());
        // Where the replay of one run ends: a client can tell its history from what happens next.
        if (!request.run.isEmpty())
            message.insert(u"run_last_seq", m_store.lastSeqOfRun(request.run));
        reply(message);
        connection->subscribe(request.run, request.sinceSeq);
        break;
    }
    }
}

QJsonObject Daemon::welcome() const
{
    QJsonObject message = telemetry::makeMessage(u"welcome"_s);
    message.insert(u"daemon_version", QStringLiteral(TENKAI_VERSION_STRING));
    message.insert(u"protocol", telemetry::kProtocolVersion);
    message.insert(u"site", m_options.site);
    message.insert(u"last_seq", m_store.lastSeq());
    message.insert(u"store_id", m_store.storeId());
    const QStorageInfo storage(m_options.stateDir);
    message.insert(u"capabilities", QJsonObject{{u"cores"_s, m_cores},
                                                {u"memory"_s, physicalMemory()},
                                                {u"disk_free"_s, storage.bytesAvailable()},
                                                {u"cuda"_s, m_cuda}});
    return message;
}

QJsonObject Daemon::status() const
{
    QJsonObject counts;
    for (const auto &run : runRecords())
        counts.insert(run.state, counts.value(run.state).toInt() + 1);
    QJsonArray active;
    for (const auto &[id, run] : m_active)
        active.append(id);
    QJsonArray queue;
    for (const auto &id : m_queue)
        queue.append(id);
    QJsonObject message = telemetry::makeMessage(u"status"_s);
    message.insert(u"daemon_version", QStringLiteral(TENKAI_VERSION_STRING));
    message.insert(u"site", m_options.site);
    message.insert(u"pid", qint64(::getpid()));
    message.insert(u"uptime", double(m_started.msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0);
    message.insert(u"max_runs", m_options.maxRuns);
    message.insert(u"last_seq", m_store.lastSeq());
    message.insert(u"connections", qint64(m_connections.size()));
    message.insert(u"runs", counts);
    message.insert(u"running", active);
    message.insert(u"queued", queue);
    message.insert(u"stopping", m_shuttingDown);
    // Events waiting in memory because the state folder takes no writes (a full disk).
    message.insert(u"unstored_events", qint64(m_unstored.size()));
    return message;
}

QJsonObject Daemon::runSummaryJson(const telemetry::RunRecord &run) const
{
    QJsonObject o{{u"run"_s, run.id},
                  {u"state"_s, run.state},
                  {u"progress"_s, run.progress},
                  {u"created"_s, isoTime(run.created)}};
    if (run.started.isValid())
        o.insert(u"started", isoTime(run.started));
    if (run.finished.isValid())
        o.insert(u"finished", isoTime(run.finished));
    if (!run.error.isEmpty())
        o.insert(u"error", run.error);
    return o;
}

void Daemon::startRunRequest(Connection *connection, const telemetry::Request &request)
{
    if (refusedWhileStopping(connection, request))
        return;
    train::TrainConfig config;
    if (auto bad = telemetry::runConfigFromJson(request.config, config)) {
        connection->sendError(telemetry::ProtocolError{QString::fromLatin1(telemetry::errc::BadConfig),
                                                       bad->message, bad->field, request.id});
        return;
    }
    if (runRecord(request.run)) {
        connection->sendError(
            telemetry::errc::RunExists,
            DaemonText::tr("A run \"%1\" already exists at this site; choose another run id.")
                .arg(request.run),
            request.id);
        return;
    }
    telemetry::RunRecord record;
    record.id = request.run;
    record.config = telemetry::runConfigToJson(config); // normalised: every field explicit
    record.state = QString::fromLatin1(st::Queued);
    record.created = QDateTime::currentDateTimeUtc();
    QString why;
    if (!m_store.insertRun(record, &why)) {
        connection->sendError(telemetry::errc::Internal,
                              DaemonText::tr("The run could not be recorded: %1.").arg(why), request.id);
        return;
    }
    m_queue.push_back(record.id);
    publish({telemetry::runStateEvent(record.id, record.state, 0),
             telemetry::logEvent(u"info"_s,
                                 DaemonText::tr("Run %1 queued (%2 on %3).")
                                     .arg(record.id, QString::fromStdString(config.model),
                                          QString::fromStdString(config.dataset)),
                                 record.id)});
    sendRunAccepted(connection, record, request);
    schedule();
}

// While the daemon stops, no run starts or resumes: true after telling the client so.
bool Daemon::refusedWhileStopping(Connection *connection, const telemetry::Request &request)
{
    if (m_shuttingDown)
        connection->sendError(telemetry::errc::ShuttingDown,
                              DaemonText::tr("The daemon is stopping and takes no new runs."), request.id);
    return m_shuttingDown;
}

// The record of the request's run; else sends unknown_run.
std::optional<telemetry::RunRecord> Daemon::knownRun(Connection *connection,
                                                     const telemetry::Request &request)
{
    auto record = runRecord(request.run);
    if (!record)
        connection->sendError(telemetry::errc::UnknownRun,
                              DaemonText::tr("There is no run \"%1\" at this site.").arg(request.run),
                              request.id);
    return record;
}

void Daemon::stopRunRequest(Connection *connection, const telemetry::Request &request)
{
    auto record = knownRun(connection, request);
    if (!record)
        return;
    if (telemetry::isFinalState(record->state)) {
        connection->sendError(telemetry::errc::RunFinished,
                              DaemonText::tr("Run %1 has already ended (%2).").arg(record->id, record->state),
                              request.id);
        return;
    }
    std::vector<QJsonObject> events;
    if (auto it = m_active.find(record->id); it != m_active.end()) {
        it->second->userStop = true;
        it->second->job->stop();
        if (record->state != QLatin1String(st::Stopping))
            setRunState(*record, QString::fromLatin1(st::Stopping), events);
    } else {
        std::erase(m_queue, record->id);
        record->finished = QDateTime::currentDateTimeUtc();
        setRunState(*record, QString::fromLatin1(st::Stopped), events);
    }
    events.push_back(telemetry::logEvent(u"info"_s, DaemonText::tr("Run %1: stop requested.").arg(record->id),
                                         record->id));
    publish(std::move(events));
    QJsonObject message = telemetry::makeMessage(u"run_stopping"_s);
    message.insert(u"run", record->id);
    message.insert(u"state", record->state);
    if (!request.id.isUndefined())
        message.insert(u"id", request.id);
    connection->send(message);
}

std::optional<telemetry::RunRecord> Daemon::finishedRun(Connection *connection,
                                                        const telemetry::Request &request)
{
    auto record = knownRun(connection, request);
    if (!record)
        return std::nullopt;
    if (record->report.isEmpty()) {
        const QString text =
            record->state == QLatin1String(st::Failed)
                ? DaemonText::tr("Run %1 failed and has no report: %2").arg(record->id, record->error)
            : telemetry::isFinalState(record->state)
                ? DaemonText::tr("Run %1 was stopped before it finished and has no report.").arg(record->id)
                : DaemonText::tr("Run %1 is %2 (%3 done); its report comes when it is done.")
                      .arg(record->id, record->state, percent(record->progress));
        connection->sendError(telemetry::errc::ReportNotReady, text, request.id);
        return std::nullopt;
    }
    return record;
}

// A failed or stopped run goes back to the queue and carries on from its last checkpoint (a
// training with no checkpoint yet starts again): what a full disk or a stop left undone is not lost.
void Daemon::resumeRunRequest(Connection *connection, const telemetry::Request &request)
{
    if (refusedWhileStopping(connection, request))
        return;
    auto record = knownRun(connection, request);
    if (!record)
        return;
    if (record->state != QLatin1String(st::Failed) && record->state != QLatin1String(st::Stopped)) {
        connection->sendError(telemetry::errc::RunNotResumable,
                              DaemonText::tr("Run %1 is %2; only a failed or stopped run can be resumed.")
                                  .arg(record->id, record->state),
                              request.id);
        return;
    }
    std::vector<QJsonObject> events;
    const QString before = record->state;
    setUncleanStarts(m_options.stateDir, record->id, 0); // the operator's decision to try again
    record->error.clear();
    record->finished = QDateTime();
    setRunState(*record, QString::fromLatin1(st::Queued), events);
    events.push_back(telemetry::logEvent(
        u"info"_s,
        DaemonText::tr("Run %1 (%2 at %3) is queued again; it resumes from its last checkpoint.")
            .arg(record->id, before, percent(record->progress)),
        record->id));
    publish(std::move(events));
    m_queue.push_back(record->id);
    sendRunAccepted(connection, *record, request);
    schedule();
}

// start_run's and resume_run's reply: the run, its state and its configuration as it will train.
void Daemon::sendRunAccepted(Connection *connection, const telemetry::RunRecord &record,
                             const telemetry::Request &request)
{
    QJsonObject message = telemetry::makeMessage(u"run_accepted"_s);
    message.insert(u"run", record.id);
    message.insert(u"state", record.state);
    message.insert(u"config", record.config);
    if (!request.id.isUndefined())
        message.insert(u"id", request.id);
    connection->send(message);
}

void Daemon::reportRequest(Connection *connection, const telemetry::Request &request)
{
    const auto record = finishedRun(connection, request);
    if (!record)
        return;
    QJsonObject message = telemetry::makeMessage(u"report"_s);
    message.insert(u"run", record->id);
    message.insert(u"state", record->state);
    message.insert(u"report", record->report);
    if (!request.id.isUndefined())
        message.insert(u"id", request.id);
    connection->send(message);
}

void Daemon::evaluateRequest(Connection *connection, const telemetry::Request &request)
{
    if (m_shuttingDown) {
        connection->sendError(telemetry::errc::ShuttingDown,
                              DaemonText::tr("The daemon is stopping; try again when it is back."),
                              request.id);
        return;
    }
    const auto record = finishedRun(connection, request);
    if (!record)
        return;
    // The run's members (or its single model), on the data the run's configuration describes, but
    // from the requested folder, every image of which is a test image unless it has test/ itself.
    std::vector<std::filesystem::path> models;
    for (const QJsonValue &path : record->report.value(u"member_paths").toArray())
        models.emplace_back(path.toString().toStdString());
    if (models.empty() && !record->report.value(u"model_path").toString().isEmpty())
        models.emplace_back(record->report.value(u"model_path").toString().toStdString());
    train::TrainConfig data;
    if (const auto bad = telemetry::runConfigFromJson(record->config, data); bad || models.empty()) {
        connection->sendError(telemetry::errc::EvaluationFailed,
                              DaemonText::tr("Run %1 left no model files to evaluate.").arg(record->id),
                              request.id);
        return;
    }
    data.dataDir = QDir(request.dataDir).absolutePath().toStdString();
    data.wholeFolderIsTest = true;
    data.testLimit = request.testLimit;
    log(u"info"_s, DaemonText::tr("Evaluating run %1 on %2.").arg(record->id, request.dataDir), record->id);

    if (int(m_evaluations.size()) >= kMaxEvaluations) {
        connection->sendError(telemetry::errc::Busy,
                              DaemonText::tr("tenkaid is already evaluating %n run(s); ask again when one "
                                             "has answered.",
                                             nullptr, int(m_evaluations.size())),
                              request.id);
        return;
    }
    auto result = std::make_shared<train::Result<train::EvaluationReport>>(
        train::Error{train::ErrorCode::TrainingFailed, {}, "the evaluation did not run"});
    QThread *thread =
        QThread::create([models, data, result] { *result = train::evaluateModels(models, data); });
    m_evaluations.push_back(thread);
    const QPointer<Connection> peer(connection);
    connect(thread, &QThread::finished, this,
            [this, thread, peer, result, run = record->id, dataDir = request.dataDir, id = request.id] {
                std::erase(m_evaluations, thread);
                thread->deleteLater();
                if (!result->ok()) {
                    const QString text = DaemonText::tr("Evaluating run %1 on %2 failed: %3")
                                             .arg(run, dataDir, describe(result->error()));
                    log(u"warning"_s, text, run);
                    if (peer)
                        peer->sendError(telemetry::errc::EvaluationFailed, text, id);
                    return;
                }
                QJsonObject message = telemetry::makeMessage(u"evaluation"_s);
                message.insert(u"run", run);
                message.insert(u"data_dir", dataDir);
                message.insert(u"evaluation", telemetry::evaluationToJson(result->value()));
                if (!id.isUndefined())
                    message.insert(u"id", id);
                if (peer)
                    peer->send(message);
            });
    thread->start();
}

// ---- Runs ---------------------------------------------------------------------------------------

void Daemon::setRunState(telemetry::RunRecord &record, const QString &state, std::vector<QJsonObject> &events)
{
    record.state = state;
    QString why;
    if (m_store.updateRun(record, &why)) {
        m_unsavedRuns.erase(record.id); // superseded
    } else {
        m_unsavedRuns[record.id] = record;
        storeFailed(why);
    }
    QJsonObject event = telemetry::runStateEvent(record.id, state, record.progress);
    if (!record.error.isEmpty() && state == QLatin1String(st::Failed))
        event.insert(u"error", record.error);
    events.push_back(event);
}

void Daemon::resumeUnfinished()
{
    std::vector<QJsonObject> events;
    for (auto &record : runRecords()) {
        if (record.state == QLatin1String(st::Stopping)) {
            // The user asked for a stop that the daemon did not live to finish.
            record.finished = QDateTime::currentDateTimeUtc();
            setRunState(record, QString::fromLatin1(st::Stopped), events);
        } else if (const int starts = uncleanStarts(m_options.stateDir, record.id);
                   starts >= kUncleanStarts && (record.state == QLatin1String(st::Running) ||
                                                record.state == QLatin1String(st::Queued))) {
            record.error = DaemonText::tr("tenkaid ended %n time(s) in a row while training this run, "
                                          "before an epoch was done (a crash on its input, or the system "
                                          "ran out of memory); it is not resumed again. Read the daemon's "
                                          "log; resume_run tries once more.",
                                          nullptr, starts);
            record.finished = QDateTime::currentDateTimeUtc();
            setRunState(record, QString::fromLatin1(st::Failed), events);
            events.push_back(telemetry::logEvent(
                u"error"_s, DaemonText::tr("Run %1 failed: %2").arg(record.id, record.error), record.id));
        } else if (record.state == QLatin1String(st::Running) || record.state == QLatin1String(st::Queued)) {
            if (record.state == QLatin1String(st::Running))
                setRunState(record, QString::fromLatin1(st::Queued), events);
            m_queue.push_back(record.id);
            if (record.started.isValid())
                events.push_back(telemetry::logEvent(
                    u"info"_s,
                    DaemonText::tr("Run %1 was interrupted at %2; it resumes from its last checkpoint.")
                        .arg(record.id, percent(record.progress)),
                    record.id));
        }
    }
    publish(std::move(events));
}

void Daemon::schedule()
{
    while (!m_shuttingDown && int(m_active.size()) < m_options.maxRuns && !m_queue.empty()) {
        const QString id = m_queue.front();
        m_queue.pop_front();
        startRun(id);
    }
}

void Daemon::startRun(const QString &id)
{
    auto record = runRecord(id);
    if (!record)
        return;
    std::vector<QJsonObject> events;
    train::TrainConfig config;
    if (auto bad = telemetry::runConfigFromJson(record->config, config)) {
        record->error = bad->message;
        record->finished = QDateTime::currentDateTimeUtc();
        setRunState(*record, QString::fromLatin1(st::Failed), events);
        publish(std::move(events));
        return;
    }
    const QString dir = runDir(m_options.stateDir, id);
    QDir().mkpath(dir + u"/checkpoints"_s);
    setUncleanStarts(m_options.stateDir, id, uncleanStarts(m_options.stateDir, id) + 1);
    config.checkpointDir = QString(dir + u"/checkpoints"_s).toStdString();
    config.resume = true;
    config.outputDir = QString(dir + u"/model"_s).toStdString();
    if (config.threads == 0 && m_options.maxRuns > 1)
        config.threads = std::max(1, m_cores / m_options.maxRuns);

    auto run = std::make_unique<ActiveRun>();
    run->id = id;
    run->epochs = config.epochs;
    run->members = std::max<int>(1, int(config.members.size()));
    run->validation = config.validationFraction > 0;
    run->progress = record->progress;
    run->lastProgressEvent.start();
    if (record->started.isValid())
        run->storedSteps = m_store.lastStepOfMembers(id);
    run->job = std::make_unique<TrainingJob>();
    ActiveRun *raw = run.get();
    // Metrics are drained at most every kDrainMs: one store transaction and one write per client for
    // a burst, instead of one per callback (at 1,000 events/s that is what keeps the daemon's CPU
    // low), at the cost of that much latency.
    connect(raw->job.get(), &TrainingJob::pendingAvailable, this, [this, id] {
        auto it = m_active.find(id);
        if (it == m_active.end() || it->second->drainScheduled)
            return;
        it->second->drainScheduled = true;
        QTimer::singleShot(kDrainMs, Qt::PreciseTimer, this, [this, id] {
            if (auto found = m_active.find(id); found != m_active.end()) {
                found->second->drainScheduled = false;
                drain(*found->second);
            }
        });
    });
    connect(raw->job.get(), &TrainingJob::finished, this,
            [this, id](const QString &error) { runFinished(id, error); });

    const bool resuming = record->started.isValid();
    if (!resuming)
        record->started = QDateTime::currentDateTimeUtc();
    setRunState(*record, QString::fromLatin1(st::Running), events);
    events.push_back(telemetry::logEvent(
        u"info"_s,
        resuming ? DaemonText::tr("Run %1 resumes.").arg(id) : DaemonText::tr("Run %1 starts.").arg(id), id));
    publish(std::move(events));
    m_active.emplace(id, std::move(run));
    raw->job->start(config);
}

void Daemon::drain(ActiveRun &run)
{
    const TrainingJob::Batch batch = run.job->takePending();
    if (batch.empty())
        return;
    const double t = now();
    std::vector<QJsonObject> events;
    events.reserve(batch.steps.size() * 3 + batch.epochs.size() * 4 + 2);
    for (const auto &s : batch.starts) {
        events.push_back(telemetry::logEvent(
            u"info"_s,
            DaemonText::tr("Run %1: training %2 on %3 images of %4 (%5x%6x%7), testing "
                           "on %8 images, %n member(s) on %9.",
                           nullptr, s.members)
                    .arg(run.id, QString::fromStdString(s.model))
                    .arg(s.trainImages)
                    .arg(QString::fromStdString(s.dataset))
                    .arg(s.channels)
                    .arg(s.height)
                    .arg(s.width)
                    .arg(s.testImages)
                    .arg(QString::fromStdString(s.device)) +
                (s.packed ? u' ' + DaemonText::tr("The members train as one packed network of "
                                                  "grouped layers.")
                          : QString()) +
                (s.validationImages > 0
                     ? u' ' + DaemonText::tr("%1 of its images are held out for validation.")
                                  .arg(s.validationImages)
                     : QString()),
            run.id));
        if (const QString warning = missingClassesWarning(s.missingClasses, s.classes); !warning.isEmpty())
            events.push_back(telemetry::logEvent(u"warning"_s, warning, run.id));
    }
    double progress = run.progress;
    bool epochEnded = false;
    for (const auto &s : batch.steps) {
        const int member = s.member + 1;
        if (s.totalSteps > 0)
            progress = std::max(progress, double(s.step) / double(s.totalSteps));
        if (const auto stored = run.storedSteps.find(member);
            stored != run.storedSteps.end() && s.step <= stored->second)
            continue; // already stored before the daemon went down
        events.push_back(telemetry::metricEvent(run.id, member, s.epoch, s.step, u"loss"_s, s.loss, t));
        events.push_back(telemetry::metricEvent(run.id, member, s.epoch, s.step, u"lr"_s, s.learningRate, t));
        events.push_back(
            telemetry::metricEvent(run.id, member, s.epoch, s.step, u"img_per_s"_s, s.imagesPerSecond, t));
    }
    for (const auto &e : batch.epochs) {
        if (e.member == train::kEnsemble) {
            events.push_back(
                telemetry::metricEvent(run.id, 0, e.epoch, e.step, u"test_accuracy"_s, e.testAccuracy, t));
            events.push_back(
                telemetry::metricEvent(run.id, 0, e.epoch, e.step, u"test_loss"_s, e.testLoss, t));
            events.push_back(telemetry::metricEvent(run.id, 0, e.epoch, e.step, u"majority_accuracy"_s,
                                                    e.majorityAccuracy, t));
            events.push_back(
                telemetry::metricEvent(run.id, 0, e.epoch, e.step, u"disagreement"_s, e.disagreement, t));
            if (run.validation)
                events.push_back(telemetry::metricEvent(run.id, 0, e.epoch, e.step, u"validation_accuracy"_s,
                                                        e.validationAccuracy, t));
        } else {
            const int member = e.member + 1;
            events.push_back(
                telemetry::metricEvent(run.id, member, e.epoch, e.step, u"train_loss"_s, e.trainLoss, t));
            events.push_back(
                telemetry::metricEvent(run.id, member, e.epoch, e.step, u"test_loss"_s, e.testLoss, t));
            events.push_back(telemetry::metricEvent(run.id, member, e.epoch, e.step, u"test_accuracy"_s,
                                                    e.testAccuracy, t));
            events.push_back(telemetry::metricEvent(run.id, member, e.epoch, e.step, u"img_per_s"_s,
                                                    e.imagesPerSecond, t));
            if (run.validation)
                events.push_back(telemetry::metricEvent(run.id, member, e.epoch, e.step,
                                                        u"validation_accuracy"_s, e.validationAccuracy, t));
        }
        // An epoch is complete (and checkpointed) when the ensemble's figures, or the single model's, arrive.
        if (e.member == train::kEnsemble || run.members == 1) {
            progress = std::max(progress, double(e.epoch) / double(run.epochs));
            epochEnded = true;
        }
    }
    progress = std::min(progress, 1.0);
    if (epochEnded)
        setUncleanStarts(m_options.stateDir, run.id, 0);
    if (epochEnded || (progress >= run.progress + 0.01 && run.lastProgressEvent.elapsed() >= 1000)) {
        run.progress = progress;
        run.lastProgressEvent.restart();
        if (auto record = runRecord(run.id)) {
            record->progress = progress;
            setRunState(*record, record->state, events);
        }
    }
    publish(std::move(events));
}

void Daemon::runFinished(const QString &id, const QString &error)
{
    auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    std::unique_ptr<ActiveRun> run = std::move(it->second);
    m_active.erase(it);
    drain(*run); // what the worker reported last
    const train::TrainSummary summary = run->job->summary();
    run->job.release()->deleteLater();           // we are inside its finished() signal
    setUncleanStarts(m_options.stateDir, id, 0); // an orderly end, whatever it is
    auto record = runRecord(id);
    std::vector<QJsonObject> events;
    if (record) {
        if (!error.isEmpty()) {
            record->error = error;
            record->finished = QDateTime::currentDateTimeUtc();
            setRunState(*record, QString::fromLatin1(st::Failed), events);
            events.push_back(
                telemetry::logEvent(u"error"_s, DaemonText::tr("Run %1 failed: %2").arg(id, error), id));
        } else if (summary.cancelled && !run->userStop) {
            // The daemon is stopping: the run stays queued and resumes from its last checkpoint.
            setRunState(*record, QString::fromLatin1(st::Queued), events);
            events.push_back(telemetry::logEvent(
                u"info"_s,
                DaemonText::tr(
                    "Run %1 paused at %2 by the daemon stopping; it resumes from its last checkpoint "
                    "at the next start.")
                    .arg(id, percent(record->progress)),
                id));
        } else if (summary.cancelled) {
            record->finished = QDateTime::currentDateTimeUtc();
            setRunState(*record, QString::fromLatin1(st::Stopped), events);
            events.push_back(telemetry::logEvent(
                u"info"_s,
                DaemonText::tr("Run %1 stopped after %n epoch(s).", nullptr, summary.epochsCompleted).arg(id),
                id));
        } else {
            record->finished = QDateTime::currentDateTimeUtc();
            record->progress = 1;
            QJsonObject report = telemetry::summaryToJson(summary);
            report.insert(u"run", id);
            report.insert(u"config", record->config);
            report.insert(
                u"timings",
                QJsonObject{{u"created"_s, isoTime(record->created)},
                            {u"started"_s, isoTime(record->started)},
                            {u"finished"_s, isoTime(record->finished)},
                            {u"wall_seconds"_s, double(record->started.msecsTo(record->finished)) / 1000.0},
                            {u"training_seconds"_s, summary.seconds},
                            {u"images_per_second"_s, summary.imagesPerSecond}});
            record->report = report;
            setRunState(*record, QString::fromLatin1(st::Done), events);
            events.push_back(telemetry::logEvent(
                u"info"_s,
                DaemonText::tr("Run %1 done: test accuracy %2.").arg(id, percent(summary.report.accuracy)),
                id));
        }
    }
    publish(std::move(events));
    if (m_shuttingDown) {
        if (m_active.empty())
            finishShutdown();
    } else {
        schedule();
    }
}

// ---- Events -------------------------------------------------------------------------------------

void Daemon::publish(std::vector<QJsonObject> events)
{
    if (!m_store.isOpen())
        return;
    if (!m_unstored.empty()) {
        // Earlier events still wait for the store: these go behind them.
        m_unstored.insert(m_unstored.end(), std::make_move_iterator(events.begin()),
                          std::make_move_iterator(events.end()));
        limitBacklog();
        return;
    }
    if (events.empty())
        return;
    QString why;
    if (!m_store.append(events, &why)) {
        m_unstored = std::move(events);
        storeFailed(why);
        return;
    }
    deliver(events);
}

void Daemon::deliver(const std::vector<QJsonObject> &stored)
{
    std::vector<LiveEvent> live;
    live.reserve(stored.size());
    for (const QJsonObject &event : stored)
        live.push_back(LiveEvent{qint64(event.value(u"seq").toDouble()), event.value(u"run").toString(),
                                 telemetry::encode(event)});
    // A copy: delivering can drop a connection that stopped reading, which removes it from the list.
    const std::vector<Connection *> connections = m_connections;
    for (Connection *connection : connections)
        connection->deliver(live);
}

void Daemon::storeFailed(const QString &why)
{
    if (!m_storeRetry) {
        m_storeRetry = new QTimer(this);
        m_storeRetry->setInterval(kStoreRetryMs);
        connect(m_storeRetry, &QTimer::timeout, this, &Daemon::retryStore);
    }
    m_storeRetry->start();
    if (m_storeFailingSince.isValid())
        return;
    m_storeFailingSince = QDateTime::currentDateTimeUtc();
    qCritical().noquote() << DaemonText::tr("The state folder %1 takes no writes (%2); events and run states "
                                            "are kept in memory and stored as soon as it does again.")
                                 .arg(m_options.stateDir, why);
}

void Daemon::retryStore()
{
    QString why;
    for (auto it = m_unsavedRuns.begin(); it != m_unsavedRuns.end();) {
        if (!m_store.updateRun(it->second, &why))
            return;
        it = m_unsavedRuns.erase(it);
    }
    const auto waited = qint64(m_unstored.size());
    if (!m_unstored.empty()) {
        std::vector<QJsonObject> events = std::move(m_unstored);
        m_unstored.clear();
        if (!m_store.append(events, &why)) {
            m_unstored = std::move(events);
            return;
        }
        deliver(events);
    }
    m_storeRetry->stop();
    const QString since = m_storeFailingSince.toString(Qt::ISODateWithMs);
    m_storeFailingSince = {};
    QString text =
        DaemonText::tr("The state folder takes writes again (it did not from %1); %n event(s) kept "
                       "in memory were stored.",
                       nullptr, int(waited))
            .arg(since);
    if (m_droppedMetrics > 0)
        text += QLatin1Char(' ') + DaemonText::tr("%n step metric(s) were given up to bound the memory used.",
                                                  nullptr, int(std::min<qint64>(m_droppedMetrics, INT_MAX)));
    const bool dropped = m_droppedMetrics > 0;
    m_droppedMetrics = 0;
    log(dropped ? u"warning"_s : u"info"_s, text);
}

// The backlog keeps every run state and log line; past kMaxUnstored events the oldest step metrics
// go (a curve loses points, a run loses nothing it needs).
void Daemon::limitBacklog()
{
    if (qint64(m_unstored.size()) <= kMaxUnstored)
        return;
    auto excess = qint64(m_unstored.size()) - kMaxUnstored * 9 / 10;
    const auto kept = std::remove_if(m_unstored.begin(), m_unstored.end(), [&](const QJsonObject &e) {
        if (excess <= 0 || e.value(u"type").toString() != QLatin1String(telemetry::kMetric))
            return false;
        --excess;
        return true;
    });
    m_droppedMetrics += qint64(std::distance(kept, m_unstored.end()));
    m_unstored.erase(kept, m_unstored.end());
}

std::optional<telemetry::RunRecord> Daemon::runRecord(const QString &id) const
{
    if (const auto it = m_unsavedRuns.find(id); it != m_unsavedRuns.end())
        return it->second;
    return m_store.run(id);
}

std::vector<telemetry::RunRecord> Daemon::runRecords() const
{
    auto all = m_store.runs();
    for (auto &r : all)
        if (const auto it = m_unsavedRuns.find(r.id); it != m_unsavedRuns.end())
            r = it->second;
    return all;
}

void Daemon::log(const QString &level, const QString &text, const QString &run)
{
    qInfo().noquote() << text;
    publish({telemetry::logEvent(level, text, run)});
}

// ---- Stopping -----------------------------------------------------------------------------------

void Daemon::shutdown(const QString &reason)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (m_server)
        m_server->close();
    log(u"info"_s,
        DaemonText::tr("tenkaid stopping (%1); %n running run(s) pause and resume at the next start.",
                       nullptr, int(m_active.size()))
            .arg(reason));
    for (auto &[id, run] : m_active)
        run->job->stop();
    if (m_active.empty())
        finishShutdown();
}

void Daemon::finishShutdown()
{
    if (m_finished)
        return;
    m_finished = true;
    const std::vector<Connection *> connections = m_connections; // finishing may remove them
    for (Connection *connection : connections)
        connection->finish();
    // Give the clients a moment to receive the last events, then end.
    QTimer::singleShot(m_connections.empty() ? 0 : 300, this, [this] {
        if (m_storeFailingSince.isValid()) {
            retryStore();
            if (m_storeFailingSince.isValid())
                qCritical().noquote()
                    << DaemonText::tr("%n event(s) and %1 run state(s) could not be stored: the state folder "
                                      "still takes no writes. Unfinished runs resume from their checkpoints.",
                                      nullptr, int(m_unstored.size()))
                           .arg(m_unsavedRuns.size());
        }
        m_store.close();
        qInfo().noquote() << DaemonText::tr("tenkaid stopped.");
        Q_EMIT finished(0);
    });
}

} // namespace tenkai::daemon
