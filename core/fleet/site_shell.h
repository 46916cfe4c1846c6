// SiteShell: what a recipe needs of a site, whatever reaches it: run a shell command and put a file
// in place atomically. SshSession reaches a remote site over SSH; LocalShell runs on this machine
// (inventory sites with `transport: local`).
#pragma once

#include "fleet/fleet_error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <chrono>

namespace tenkai::fleet {

struct ExecResult
{
    int exitStatus = -1; // -1 when the command was killed by a signal (see exitSignal)
    QString exitSignal;  // "KILL", "TERM", ... when it was
    QByteArray out;
    QByteArray err;
    qint64 outDropped = 0; // bytes past ExecOptions::maxOutput, read and not kept
    qint64 errDropped = 0;
};

struct ExecOptions
{
    QByteArray input;                          // sent to the command's stdin, then EOF
    std::chrono::milliseconds timeout{120000}; // the whole command, from start to exit status
    // What is kept of each of stdout and stderr: a site that prints without end fills no memory
    // here. The rest is still read (the command is not stalled) and counted in *Dropped.
    qint64 maxOutput = qint64(16) << 20;
};

// Appends `n` bytes to `to`, keeping at most `cap` in all; what does not fit is counted in `dropped`.
inline void appendCapped(QByteArray &to, qint64 &dropped, const char *data, qint64 n, qint64 cap)
{
    const qint64 room = std::max<qint64>(0, cap - to.size());
    const qint64 kept = std::min(room, n);
    if (kept > 0)
        to.append(data, qsizetype(kept));
    dropped += n - kept;
}

struct UploadOptions
{
    UploadOptions() = default;
    explicit UploadOptions(int mode, bool makeParents = false, QString sha256 = {})
        : mode(mode), makeParents(makeParents), sha256(std::move(sha256))
    {}

    int mode = 0644;          // permissions of the final file
    bool makeParents = false; // create the file's folder (with its parents) first
    // The source's SHA-256 (64 hex digits) when the caller already knows it: the site compares what
    // landed against it. Empty: it is computed from the source first.
    QString sha256;
};

// POSIX shell single-quoting: the result is one word that the remote shell reads back as `argument`
// byte for byte, whatever it holds (spaces, quotes, $(...), newlines). Leading dashes still reach the
// command as options: put "--" before operands that may start with one.
QString shellQuote(const QString &argument);
// Each argument quoted, joined by spaces.
QString shellCommand(const QStringList &arguments);

class SiteShell
{
public:
    virtual ~SiteShell() = default;

    // The site's name, used in every message.
    virtual QString siteName() const = 0;
    // "name (user@host:port)" for SSH, "name (this machine)" for a local site.
    virtual QString describeTarget() const = 0;
    // Runs `command` through a POSIX shell (the login shell of the site's user over SSH). Build it
    // with shellQuote()/shellCommand(). A non-zero exit status is not an error here: callers judge
    // ExecResult::exitStatus.
    virtual Result<ExecResult> exec(const QString &command, const ExecOptions &options = {}) = 0;
    // Puts a local file or bytes at `remotePath`: written under a temporary name beside it, checked
    // against the source's SHA-256, then renamed over the final name. Readers of remotePath see the
    // old file or the new one, never a part.
    virtual Status upload(const QString &localPath, const QString &remotePath,
                          const UploadOptions &options = {}) = 0;
    virtual Status uploadData(const QByteArray &data, const QString &remotePath,
                              const UploadOptions &options = {}) = 0;
    // upload(), then `script` on the site once the file is in place ("$f" names it there), in the
    // same remote command where the transport allows: one login shell and one round trip for both.
    // An error when the file could not be put in place (then nothing of `script` ran); otherwise
    // the script's result, which callers judge like exec()'s. `timeout` bounds the script.
    virtual Result<ExecResult> uploadThenRun(const QString &localPath, const QString &remotePath,
                                             const UploadOptions &options, const QString &script,
                                             std::chrono::milliseconds timeout)
    {
        if (auto uploaded = upload(localPath, remotePath, options); !uploaded)
            return uploaded.error();
        return exec(QStringLiteral("f=%1; %2").arg(shellQuote(remotePath), script), ExecOptions{{}, timeout});
    }
};

} // namespace tenkai::fleet
