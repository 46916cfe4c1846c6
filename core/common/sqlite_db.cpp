#include "common/sqlite_db.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

class SqliteText
{
    Q_DECLARE_TR_FUNCTIONS(SqliteText)
};

namespace tenkai {

using namespace Qt::StringLiterals;

void closeSqliteDatabase(const QString &connection)
{
    if (!QSqlDatabase::contains(connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

QString openSqliteDatabase(const QString &connection, const QString &path, int schemaVersion,
                           const QStringList &statements, const QString &writer)
{
    // Its own handles, so that every one of them is gone before a failure removes the connection.
    const QString why = [&]() -> QString {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        if (!db.isValid())
            return SqliteText::tr("Qt's SQLite driver is not installed (libqt6sql6-sqlite)");
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
            return q.lastError().text();
        const int version = q.value(0).toInt();
        if (version > schemaVersion)
            return SqliteText::tr("it was written by a newer %1 (schema %2; this one knows %3)")
                .arg(writer)
                .arg(version)
                .arg(schemaVersion);
        QStringList all{u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=NORMAL"_s};
        all << statements << u"PRAGMA user_version=%1"_s.arg(schemaVersion);
        for (const QString &statement : all)
            if (!q.exec(statement))
                return q.lastError().text();
        return QString();
    }();
    if (!why.isEmpty())
        closeSqliteDatabase(connection);
    return why;
}

} // namespace tenkai
