// The daemon's state folder: where it lives, its lock, its token (docs/protocol.md, "State folder").
//
//   STATE/tenkaid.lock     held (flock) while a daemon runs; holds its pid
//   STATE/token            the client token, mode 0600
//   STATE/tenkaid.sqlite   runs and events (telemetry::EventStore)
//   STATE/tenkaid.log      the daemon's log
//   STATE/runs/ID/         per run: checkpoints/ and model/
#pragma once

#include <QString>
#include <optional>

namespace tenkai::daemon {

// $XDG_DATA_HOME/tenkaid, else ~/.local/share/tenkaid.
QString defaultStateDir();

// File names inside the state folder.
QString tokenPath(const QString &stateDir);
QString lockPath(const QString &stateDir);
QString databasePath(const QString &stateDir);
QString logPath(const QString &stateDir);
QString runDir(const QString &stateDir, const QString &runId);

// Creates the folder (mode 0700 when new); false with one sentence in `error`.
bool prepareStateDir(const QString &stateDir, QString *error);

// An exclusive lock on the state folder, released when destroyed or when the process dies.
class StateLock
{
public:
    StateLock() = default;
    ~StateLock();
    StateLock(const StateLock &) = delete;
    StateLock &operator=(const StateLock &) = delete;

    // Takes the lock; false with one sentence in `error` (naming the pid of the daemon holding it).
    bool acquire(const QString &stateDir, QString *error);

private:
    int m_fd = -1;
};

// The token in STATE/token, created (32 random bytes, hex, mode 0600) when missing. An existing
// token is kept so that clients that read it stay valid; its mode is tightened to 0600.
std::optional<QString> loadOrCreateToken(const QString &stateDir, QString *error);

// Reads a token file as a client does (trimmed); nullopt with one sentence in `error`.
std::optional<QString> readToken(const QString &path, QString *error);

} // namespace tenkai::daemon
