// What every SQLite file of Tenkai does on open (the daemon's event store, the workspace's run
// history): a named Qt connection, a busy timeout, WAL with synchronous=NORMAL, a schema version in
// PRAGMA user_version that a newer program's file is refused by, and the schema's statements.
#pragma once

#include <QString>
#include <QStringList>

namespace tenkai {

// Opens (creating) `path` under the Qt SQL connection `connection` and runs `statements` (CREATE
// ... IF NOT EXISTS) after the WAL pragmas, then sets user_version to `schemaVersion`. Returns an
// empty string, or why it could not (`writer` names the program a newer schema comes from: "tenkaid").
// On failure the connection is removed again.
QString openSqliteDatabase(const QString &connection, const QString &path, int schemaVersion,
                           const QStringList &statements, const QString &writer);

// Closes and removes the connection (nothing when it does not exist).
void closeSqliteDatabase(const QString &connection);

} // namespace tenkai
