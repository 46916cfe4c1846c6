// tenkaid's server: the protocol v1 endpoint on 127.0.0.1, the run queue, and the event stream.
//
// Everything here runs on the thread of the event loop except training, which runs in one
// TrainingJob worker thread per running run. Metrics reach this thread in batches, become events,
// are stored (one transaction per batch, seqs assigned by the store) and only then delivered to
// subscribers, so that what a client sees live is exactly what a later replay returns.
#pragma once

#include "daemon/state_dir.h"
#include "telemetry/event_store.h"
#include "telemetry/protocol.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QTcpServer;
class QTimer;
class QThread;

namespace tenkai {
class TrainingJob;
}

namespace tenkai::daemon {

class Connection;

inline constexpr quint16 kDefaultPort = 7470;
inline constexpr int kMaxConnections = 64;
// Connections that have not finished their hello, per local user (the owner of the client's end of
// the loopback socket): a user who opens many and says nothing blocks only their own.
inline constexpr int kMaxWaitingPerUser = 8;

struct DaemonOptions
{
    QString stateDir;                             // empty: defaultStateDir()
    QString listen = QStringLiteral("127.0.0.1"); // only loopback addresses are accepted
    quint16 port = kDefaultPort;                  // 0: any free port (written to STATE/tenkaid.port)
    QString site;                                 // the site's name, reported in welcome (default: host name)
    int maxRuns = 1;                              // runs trained at the same time
    StateAccess access = StateAccess::Private;    // Group: the daemon's group may read the token
};

// The address to listen on for --listen: 127.0.0.1, ::1 or localhost; nullopt with one sentence in
// `error` for anything else (a daemon port is never opened to the network).
std::optional<QHostAddress> loopbackAddress(const QString &listen, QString *error);

class Daemon : public QObject
{
    Q_OBJECT

public:
    explicit Daemon(DaemonOptions options, QObject *parent = nullptr);
    ~Daemon() override;

    // Takes the state folder, opens the store, listens, and resumes unfinished runs. false with one
    // sentence in `error` (nothing is left running then).
    bool start(QString *error);

    quint16 port() const;
    QString stateDir() const { return m_options.stateDir; }

    // Stops gracefully: no new connections or runs; running runs stop at their next step and stay
    // queued (they resume from their last checkpoint at the next start); then finished(0).
    void shutdown(const QString &reason);

Q_SIGNALS:
    void finished(int exitCode);

private:
    struct ActiveRun;

    void acceptConnections();
    void handle(Connection *connection, const telemetry::Request &request);
    QJsonObject welcome() const;
    QJsonObject status() const;
    QJsonObject runSummaryJson(const telemetry::RunRecord &run) const;
    void startRunRequest(Connection *connection, const telemetry::Request &request);
    void stopRunRequest(Connection *connection, const telemetry::Request &request);
    void resumeRunRequest(Connection *connection, const telemetry::Request &request);
    void sendRunAccepted(Connection *connection, const telemetry::RunRecord &record,
                         const telemetry::Request &request);
    void reportRequest(Connection *connection, const telemetry::Request &request);
    void evaluateRequest(Connection *connection, const telemetry::Request &request);
    bool refusedWhileStopping(Connection *connection, const telemetry::Request &request);
    std::optional<telemetry::RunRecord> knownRun(Connection *connection, const telemetry::Request &request);
    // The run's record when it has a report; else sends the error (unknown run, no report yet).
    std::optional<telemetry::RunRecord> finishedRun(Connection *connection,
                                                    const telemetry::Request &request);

    void resumeUnfinished();
    void schedule();
    void startRun(const QString &id);
    void drain(ActiveRun &run);
    void runFinished(const QString &id, const QString &error);
    void setRunState(telemetry::RunRecord &record, const QString &state, std::vector<QJsonObject> &events);

    // Stores the events (assigning seqs) and hands them to every subscriber. When the store takes
    // no writes (a full disk), they wait in memory behind any earlier ones and go out, in order,
    // once it does again (retryStore).
    void publish(std::vector<QJsonObject> events);
    void deliver(const std::vector<QJsonObject> &stored);
    void storeFailed(const QString &why);
    void retryStore();
    void limitBacklog();
    // A run's record as the daemon knows it: the store's, or the newer one it could not take yet.
    std::optional<telemetry::RunRecord> runRecord(const QString &id) const;
    std::vector<telemetry::RunRecord> runRecords() const;
    void log(const QString &level, const QString &text, const QString &run = {});
    void finishShutdown();

    DaemonOptions m_options;
    QString m_token;
    StateLock m_lock;
    telemetry::EventStore m_store;
    QTcpServer *m_server = nullptr;
    std::vector<Connection *> m_connections;
    std::map<QString, std::unique_ptr<ActiveRun>> m_active;
    std::deque<QString> m_queue;
    QDateTime m_started;
    bool m_shuttingDown = false;
    bool m_finished = false;
    int m_cores = 1;
    bool m_cuda = false;
    std::vector<QThread *> m_evaluations; // evaluations in progress (joined when the daemon goes)
    // What the store could not take, in order, and the run records it could not update; written
    // by retryStore every second until it succeeds.
    std::vector<QJsonObject> m_unstored;
    std::map<QString, telemetry::RunRecord> m_unsavedRuns;
    QDateTime m_storeFailingSince; // invalid while the store takes writes
    qint64 m_droppedMetrics = 0;   // step metrics given up to keep the backlog's memory bounded
    QTimer *m_storeRetry = nullptr;
};

} // namespace tenkai::daemon
