#include "telemetry/event_store.h"

#include "common/sqlite_db.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>
#include <atomic>

using namespace Qt::StringLiterals;

// Translation context for the store's error sentences.
class EventStoreText
{
    Q_DECLARE_TR_FUNCTIONS(EventStoreText)
};

namespace tenkai::telemetry {
namespace {

constexpr int kSchemaVersion = 1;

QString newConnectionName()
{
    static std::atomic<int> counter{0};
    return u"tenkai-event-store-%1"_s.arg(++counter);
}

QString toText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromText(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QByteArray toJsonText(const QJsonObject &object)
{
    return object.isEmpty() ? QByteArray() : QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject fromJsonText(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toByteArray()).object();
}

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

RunRecord readRun(const QSqlQuery &q)
{
    RunRecord r;
    r.id = q.value(0).toString();
    r.config = fromJsonText(q.value(1));
    r.state = q.value(2).toString();
    r.progress = q.value(3).toDouble();
    r.report = fromJsonText(q.value(4));
    r.error = q.value(5).toString();
    r.created = fromText(q.value(6));
    r.started = fromText(q.value(7));
    r.finished = fromText(q.value(8));
    return r;
}

} // namespace

EventStore::EventStore() : m_connection(newConnectionName()) {}

EventStore::~EventStore()
{
    close();
}

bool EventStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

void EventStore::close()
{
    m_insert.reset();
    closeSqliteDatabase(m_connection);
}

bool EventStore::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    const QStringList schema = {
        u"CREATE TABLE IF NOT EXISTS runs(id TEXT PRIMARY KEY, config BLOB NOT NULL, state TEXT NOT NULL, "
        u"progress REAL NOT NULL DEFAULT 0, report BLOB, error TEXT, created TEXT NOT NULL, started TEXT, "
        u"finished TEXT)"_s,
        u"CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, run TEXT, type TEXT NOT NULL, "
        u"json BLOB NOT NULL)"_s,
        u"CREATE INDEX IF NOT EXISTS events_by_run ON events(run, seq)"_s,
        u"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', '%1')"_s.arg(
            QUuid::createUuid().toString(QUuid::WithoutBraces)),
    };
    const QString why = [&]() -> QString {
        if (const QString failed =
                openSqliteDatabase(m_connection, path, kSchemaVersion, schema, u"tenkaid"_s);
            !failed.isEmpty())
            return failed;
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        if (!q.exec(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s) || !q.next())
            return q.lastError().text();
        m_lastSeq = q.value(0).toLongLong();
        if (!q.exec(u"SELECT value FROM meta WHERE key = 'store_id'"_s) || !q.next())
            return q.lastError().text();
        m_storeId = q.value(0).toString();
        return {};
    }();
    if (why.isEmpty())
        return true;
    setError(error, EventStoreText::tr("Cannot use the state database %1: %2.").arg(path, why));
    close();
    return false;
}

bool EventStore::append(std::vector<QJsonObject> &events, QString *error)
{
    if (events.empty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        setError(error, db.lastError().text());
        return false;
    }
    if (!m_insert) {
        m_insert = std::make_unique<QSqlQuery>(db);
        if (!m_insert->prepare(u"INSERT INTO events(seq, run, type, json) VALUES (?, ?, ?, ?)"_s)) {
            setError(error, m_insert->lastError().text());
            m_insert.reset();
            db.rollback();
            return false;
        }
    }
    QSqlQuery &q = *m_insert;
    qint64 seq = m_lastSeq;
    for (QJsonObject &event : events) {
        event.insert(u"seq", ++seq);
        const QString run = event.value(u"run").toString();
        q.bindValue(0, seq);
        q.bindValue(1, run.isEmpty() ? QVariant() : QVariant(run));
        q.bindValue(2, event.value(u"type").toString());
        q.bindValue(3, QJsonDocument(event).toJson(QJsonDocument::Compact));
        if (!q.exec()) {
            setError(error, q.lastError().text());
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        setError(error, db.lastError().text());
        db.rollback();
        return false;
    }
    m_lastSeq = seq;
    return true;
}

qint64 EventStore::lastSeqOfRun(const QString &run) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT MAX(seq) FROM events WHERE run = ?"_s);
    q.addBindValue(run);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

std::map<int, qint64> EventStore::lastStepOfMembers(const QString &run) const
{
    // Steps only grow per member, so the newest loss events hold the highest steps: the run's last
    // few thousand metric events cover every member (step metrics come in rounds of all members).
    std::map<int, qint64> out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT json FROM events WHERE run = ? AND type = 'metric' ORDER BY seq DESC LIMIT 4096"_s);
    q.addBindValue(run);
    if (!q.exec())
        return out;
    while (q.next()) {
        const QJsonObject e = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        if (e.value(u"name").toString() != u"loss"_s)
            continue;
        const int member = e.value(u"member").toInt();
        const qint64 step = qint64(e.value(u"step").toDouble());
        auto it = out.find(member);
        if (it == out.end() || it->second < step)
            out[member] = step;
    }
    return out;
}

std::vector<StoredEvent> EventStore::replay(qint64 sinceSeq, const QString &run, int limit,
                                            qint64 *scannedTo) const
{
    std::vector<StoredEvent> out;
    const qint64 head = m_lastSeq;
    if (sinceSeq >= head) {
        if (scannedTo)
            *scannedTo = std::max(sinceSeq, head);
        return out;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (run.isEmpty()) {
        q.prepare(u"SELECT seq, json FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?"_s);
        q.addBindValue(sinceSeq);
    } else {
        q.prepare(
            u"SELECT seq, json FROM events WHERE run = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?"_s);
        q.addBindValue(run);
        q.addBindValue(sinceSeq);
    }
    q.addBindValue(head);
    q.addBindValue(limit);
    if (q.exec()) {
        out.reserve(std::size_t(limit));
        while (q.next())
            out.push_back(StoredEvent{q.value(0).toLongLong(), q.value(1).toByteArray()});
    }
    if (scannedTo)
        *scannedTo = int(out.size()) == limit ? out.back().seq : head;
    return out;
}

bool EventStore::insertRun(const RunRecord &r, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"INSERT INTO runs(id, config, state, progress, report, error, created, started, finished) "
              u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(r.id);
    q.addBindValue(toJsonText(r.config));
    q.addBindValue(r.state);
    q.addBindValue(r.progress);
    q.addBindValue(toJsonText(r.report));
    q.addBindValue(r.error);
    q.addBindValue(toText(r.created));
    q.addBindValue(toText(r.started));
    q.addBindValue(toText(r.finished));
    if (!q.exec()) {
        setError(error, q.lastError().text());
        return false;
    }
    return true;
}

bool EventStore::updateRun(const RunRecord &r, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"UPDATE runs SET config = ?, state = ?, progress = ?, report = ?, error = ?, started = ?, "
              u"finished = ? WHERE id = ?"_s);
    q.addBindValue(toJsonText(r.config));
    q.addBindValue(r.state);
    q.addBindValue(r.progress);
    q.addBindValue(toJsonText(r.report));
    q.addBindValue(r.error);
    q.addBindValue(toText(r.started));
    q.addBindValue(toText(r.finished));
    q.addBindValue(r.id);
    if (!q.exec()) {
        setError(error, q.lastError().text());
        return false;
    }
    return true;
}

std::optional<RunRecord> EventStore::run(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT id, config, state, progress, report, error, created, started, finished FROM runs "
              u"WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readRun(q);
}

std::vector<RunRecord> EventStore::runs() const
{
    std::vector<RunRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (q.exec(u"SELECT id, config, state, progress, report, error, created, started, finished FROM runs "
               u"ORDER BY rowid"_s)) {
        while (q.next())
            out.push_back(readRun(q));
    }
    return out;
}

} // namespace tenkai::telemetry
