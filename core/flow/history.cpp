#include "flow/history.h"

#include "common/sqlite_db.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

class HistoryText
{
    Q_DECLARE_TR_FUNCTIONS(HistoryText)
};

namespace tenkai::flow {

using namespace Qt::StringLiterals;

namespace {

constexpr int kSchemaVersion = 1;

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFrom(const QVariant &v)
{
    const QString text = v.toString();
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

RunRecord runFrom(const QSqlQuery &q)
{
    RunRecord r;
    r.id = q.value(0).toString();
    r.flowKey = q.value(1).toString();
    r.flowName = q.value(2).toString();
    r.state = q.value(3).toString();
    r.dryRun = q.value(4).toBool();
    r.fromNode = q.value(5).toString();
    r.started = timeFrom(q.value(6));
    r.finished = timeFrom(q.value(7));
    return r;
}

StoredStep stepFrom(const QSqlQuery &q)
{
    StoredStep s;
    s.status.node = q.value(0).toString();
    s.status.site = q.value(1).toString();
    s.status.state = stepStateFromName(q.value(2).toString()).value_or(StepState::Failed);
    s.status.progress = q.value(3).toDouble();
    s.status.message = q.value(4).toString();
    s.outputs = QJsonDocument::fromJson(q.value(5).toByteArray()).object();
    s.status.started = timeFrom(q.value(6));
    s.status.finished = timeFrom(q.value(7));
    return s;
}

// SQLite stores a null QString as NULL: the cloud's site is the empty text.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

const QString kStepColumns = u"node, site, state, progress, message, outputs, started, finished"_s;

} // namespace

History::History() : m_connection(u"tenkai-history-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

History::~History()
{
    for (const auto &[run, fd] : m_locks)
        ::close(fd);
    closeSqliteDatabase(m_connection);
}

bool History::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

bool History::open(const QString &file, QString *error)
{
    const QStringList schema = {
        u"CREATE TABLE IF NOT EXISTS runs(id TEXT PRIMARY KEY, flow_key TEXT NOT NULL, flow_name TEXT, flow "
        u"BLOB, state TEXT NOT NULL, dry_run INTEGER NOT NULL, from_node TEXT, started TEXT, finished TEXT)"_s,
        u"CREATE TABLE IF NOT EXISTS steps(run TEXT NOT NULL, node TEXT NOT NULL, site TEXT NOT NULL, state "
        u"TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, message TEXT, outputs BLOB, started TEXT, "
        u"finished "
        u"TEXT, PRIMARY KEY(run, node, site))"_s,
        u"CREATE TABLE IF NOT EXISTS logs(id INTEGER PRIMARY KEY, run TEXT NOT NULL, node TEXT NOT NULL, "
        u"site "
        u"TEXT NOT NULL, t TEXT NOT NULL, line TEXT NOT NULL)"_s,
        u"CREATE INDEX IF NOT EXISTS logs_by_step ON logs(run, node, site, id)"_s,
        u"CREATE INDEX IF NOT EXISTS runs_by_flow ON runs(flow_key, started)"_s,
    };
    const QString why = openSqliteDatabase(m_connection, file, kSchemaVersion, schema, u"Tenkai"_s);
    if (why.isEmpty()) {
        m_lockDir = QFileInfo(file).absoluteFilePath() + u".runs"_s;
        markInterrupted();
        return true;
    }
    if (error)
        *error = HistoryText::tr("Cannot use the run history %1: %2.").arg(file, why);
    return false;
}

void History::markInterrupted()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (!q.exec(u"SELECT id FROM runs WHERE state = 'running'"_s))
        return;
    QStringList gone;
    while (q.next()) {
        const QString id = q.value(0).toString();
        // Held by a live program (another console on this workspace): not ours to judge.
        const QByteArray lock = QFile::encodeName(QDir(m_lockDir).filePath(id + u".lock"_s));
        const int fd = ::open(lock.constData(), O_RDWR | O_CLOEXEC);
        if (fd >= 0) {
            const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
            ::close(fd);
            if (!free)
                continue;
            ::unlink(lock.constData());
        }
        gone << id;
    }
    const QString now = timeText(QDateTime::currentDateTimeUtc());
    for (const QString &id : gone) {
        QSqlQuery u(db);
        u.prepare(u"UPDATE runs SET state = 'interrupted', finished = ? WHERE id = ?"_s);
        u.addBindValue(now);
        u.addBindValue(id);
        u.exec();
        QSqlQuery steps(db);
        steps.prepare(
            u"UPDATE steps SET state = 'failed', message = ?, finished = ? WHERE run = ? AND state IN "
            u"('waiting', 'running')"_s);
        steps.addBindValue(
            HistoryText::tr("interrupted: the program that ran this flow ended before the step "
                            "did (killed, crashed, or the machine went down)"));
        steps.addBindValue(now);
        steps.addBindValue(id);
        steps.exec();
    }
}

bool History::beginRun(const RunRecord &run, const QByteArray &flowJson, QString *error)
{
    // The run's lock, held until finishRun or until this program ends: how a later open tells a run
    // in progress from one whose program is gone.
    if (!m_lockDir.isEmpty() && QDir().mkpath(m_lockDir)) {
        const QByteArray lock = QFile::encodeName(QDir(m_lockDir).filePath(run.id + u".lock"_s));
        const int fd = ::open(lock.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0)
            m_locks[run.id] = fd;
        else if (fd >= 0)
            ::close(fd);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"INSERT INTO runs(id, flow_key, flow_name, flow, state, dry_run, from_node, started) "
              u"VALUES(?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(run.id);
    q.addBindValue(run.flowKey);
    q.addBindValue(text(run.flowName));
    q.addBindValue(flowJson);
    q.addBindValue(run.state);
    q.addBindValue(run.dryRun ? 1 : 0);
    q.addBindValue(text(run.fromNode));
    q.addBindValue(timeText(run.started));
    if (q.exec())
        return true;
    if (error)
        *error = HistoryText::tr("Cannot record the run in the history: %1.").arg(q.lastError().text());
    return false;
}

void History::finishRun(const QString &runId, const QString &state, const QDateTime &finished)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"UPDATE runs SET state = ?, finished = ? WHERE id = ?"_s);
    q.addBindValue(state);
    q.addBindValue(timeText(finished));
    q.addBindValue(runId);
    q.exec();
    if (const auto it = m_locks.find(runId); it != m_locks.end()) {
        ::unlink(QFile::encodeName(QDir(m_lockDir).filePath(runId + u".lock"_s)).constData());
        ::close(it->second);
        m_locks.erase(it);
    }
}

void History::saveStep(const QString &runId, const StepStatus &s, const QJsonObject &outputs)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"INSERT OR REPLACE INTO steps(run, %1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(kStepColumns));
    q.addBindValue(runId);
    q.addBindValue(text(s.node));
    q.addBindValue(text(s.site));
    q.addBindValue(stepStateName(s.state));
    q.addBindValue(s.progress);
    q.addBindValue(text(s.message));
    q.addBindValue(outputs.isEmpty() ? QByteArray() : QJsonDocument(outputs).toJson(QJsonDocument::Compact));
    q.addBindValue(timeText(s.started));
    q.addBindValue(timeText(s.finished));
    q.exec();
}

void History::appendLog(const QString &runId, const QString &node, const QString &site, const QString &line)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"INSERT INTO logs(run, node, site, t, line) VALUES(?, ?, ?, ?, ?)"_s);
    q.addBindValue(runId);
    q.addBindValue(text(node));
    q.addBindValue(text(site));
    q.addBindValue(timeText(QDateTime::currentDateTimeUtc()));
    q.addBindValue(text(line));
    q.exec();
}

std::vector<RunRecord> History::runs(const QString &flowKey, int limit) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT id, flow_key, flow_name, state, dry_run, from_node, started, finished FROM runs %1 "
              u"ORDER BY started DESC, rowid DESC LIMIT ?"_s.arg(
                  flowKey.isEmpty() ? QString() : u"WHERE flow_key = ?"_s));
    if (!flowKey.isEmpty())
        q.addBindValue(flowKey);
    q.addBindValue(limit);
    std::vector<RunRecord> out;
    if (q.exec())
        while (q.next())
            out.push_back(runFrom(q));
    return out;
}

std::map<std::pair<QString, QString>, StoredStep> History::steps(const QString &runId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT %1 FROM steps WHERE run = ?"_s.arg(kStepColumns));
    q.addBindValue(runId);
    std::map<std::pair<QString, QString>, StoredStep> out;
    if (q.exec())
        while (q.next()) {
            StoredStep s = stepFrom(q);
            out[{s.status.node, s.status.site}] = s;
        }
    return out;
}

QStringList History::log(const QString &runId, const QString &node, const QString &site) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT line FROM logs WHERE run = ? AND node = ? AND site = ? ORDER BY id"_s);
    q.addBindValue(runId);
    q.addBindValue(text(node));
    q.addBindValue(text(site));
    QStringList out;
    if (q.exec())
        while (q.next())
            out << q.value(0).toString();
    return out;
}

std::map<std::pair<QString, QString>, StoredStep> History::latestSteps(const QString &flowKey) const
{
    std::map<std::pair<QString, QString>, StoredStep> out;
    // SQLite picks the newest result per (node, site): every run starts with this query, and only
    // those rows' outputs are parsed, however long the history grows.
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT node, site, state, progress, message, outputs, started, finished FROM ("
              u"SELECT s.node, s.site, s.state, s.progress, s.message, s.outputs, s.started, s.finished, "
              u"ROW_NUMBER() OVER (PARTITION BY s.node, s.site ORDER BY r.started DESC, r.rowid DESC) AS k "
              u"FROM steps s JOIN runs r ON r.id = s.run WHERE r.flow_key = ? AND r.dry_run = 0 "
              u"AND s.state NOT IN ('waiting', 'running')) WHERE k = 1"_s);
    q.addBindValue(flowKey);
    if (q.exec())
        while (q.next()) {
            StoredStep s = stepFrom(q);
            out[{s.status.node, s.status.site}] = std::move(s);
        }
    return out;
}

} // namespace tenkai::flow
