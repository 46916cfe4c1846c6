// SiteShell: what a recipe needs of a site, whatever reaches it: run a shell command and put a file
// in place atomically. SshSession reaches a remote site over SSH; LocalShell runs on this machine
// (inventory sites with `transport: local`).
#pragma once

#include "fleet/fleet_error.h"

#include <QByteArray>
#include <QString>
#include <chrono>

namespace tenkai::fleet {

struct ExecResult
{
    int exitStatus = -1; // -1 when the command was killed by a signal (see exitSignal)
    QString exitSignal;  // "KILL", "TERM", ... when it was
    QByteArray out;
    QByteArray err;
};

struct ExecOptions
{
    QByteArray input;                          // sent to the command's stdin, then EOF
    std::chrono::milliseconds timeout{120000}; // the whole command, from start to exit status
};

struct UploadOptions
{
    int mode = 0644; // permissions of the final file
};

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
};

} // namespace tenkai::fleet
