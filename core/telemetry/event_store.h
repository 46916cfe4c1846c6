// The daemon's persistent record: every event with its seq, and every run (tenkaid.sqlite, WAL).
//
// One EventStore is used from one thread (its own QSqlDatabase connection, named uniquely). The
// daemon is the only writer: seqs are assigned here, strictly increasing, never reused.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QSqlQuery;

namespace tenkai::telemetry {

struct RunRecord
{
    QString id;
    QJsonObject config; // protocol v1 run configuration
    QString state;      // telemetry::state
    double progress = 0;
    QJsonObject report; // empty until the run is done
    QString error;      // a failed run's reason
    QDateTime created;
    QDateTime started;  // invalid until first started
    QDateTime finished; // invalid until final
};

struct StoredEvent
{
    qint64 seq = 0;
    QByteArray json; // the complete event, seq included, without a newline
};

class EventStore
{
public:
    EventStore();
    ~EventStore();
    EventStore(const EventStore &) = delete;
    EventStore &operator=(const EventStore &) = delete;

    // Opens (creating if needed) the database file; false with one sentence in `error`.
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const;

    // Assigns each event the next seq (inserted into the object), stores them all in one transaction
    // and returns false (with `error`) if that failed, in which case nothing was stored.
    bool append(std::vector<QJsonObject> &events, QString *error = nullptr);
    qint64 lastSeq() const { return m_lastSeq; }
    // The seq of run `run`'s newest stored event (0 when it has none).
    qint64 lastSeqOfRun(const QString &run) const;
    // For each member of run `run` (1-based, as the events count them): the highest `step` of its
    // stored step metrics ("loss"). A resumed run trains the cut-off epoch's steps again; the daemon
    // does not emit them twice.
    std::map<int, qint64> lastStepOfMembers(const QString &run) const;
    // A random id made with the database: seqs are only comparable between equal ids (a state
    // folder that was wiped starts again from seq 1 under a new id).
    QString storeId() const { return m_storeId; }

    // Up to `limit` events with seq > sinceSeq, in seq order; only run `run`'s when run is not
    // empty. `scannedTo` receives the seq up to which the store has been read: the last event's
    // when `limit` were returned, else lastSeq() (nothing more matches up to there).
    std::vector<StoredEvent> replay(qint64 sinceSeq, const QString &run, int limit, qint64 *scannedTo) const;

    bool insertRun(const RunRecord &run, QString *error = nullptr);
    bool updateRun(const RunRecord &run, QString *error = nullptr);
    std::optional<RunRecord> run(const QString &id) const;
    std::vector<RunRecord> runs() const; // in creation order

private:
    QString m_connection;
    std::unique_ptr<QSqlQuery> m_insert; // prepared once per open database (append is hot)
    QString m_path;
    qint64 m_lastSeq = 0;
    QString m_storeId;
};

} // namespace tenkai::telemetry
