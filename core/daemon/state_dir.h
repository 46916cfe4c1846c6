// The daemon's state folder: where it lives, its lock, its token (docs/protocol.md, "State folder").
//
//   STATE/tenkaid.lock     held (flock) while a daemon runs; holds its pid
//   STATE/token            the client token, mode 0600 (0640 with StateAccess::Group)
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

// Who may look into the state folder besides the daemon's user.
//   Private: nobody (folder 0700, files 0600).
//   Group:   members of the daemon's group may read the token and nothing else (folder 0750, token
//            0640, every other file 0600 and folder 0700): how an ordinary operator's console
//            reaches the packaged system service (tenkaid --group-access, docs/deployment.md).
enum class StateAccess
{
    Private,
    Group
};

// Creates the folder if missing and enforces the modes of `access` on it and on the files the
// daemon keeps at its top (an existing 0755 folder or a world-readable store is closed again at
// every start); false with one sentence in `error`.
bool prepareStateDir(const QString &stateDir, StateAccess access, QString *error);

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

// The token in STATE/token, created (32 random bytes, hex) when missing. An existing token is kept
// so that clients that read it stay valid; its mode is set to 0600 (0640 for StateAccess::Group).
std::optional<QString> loadOrCreateToken(const QString &stateDir, StateAccess access, QString *error);

// Reads a token file as a client does (trimmed); nullopt with one sentence in `error`.
std::optional<QString> readToken(const QString &path, QString *error);

} // namespace tenkai::daemon
