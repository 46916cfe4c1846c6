// SshSession: one libssh connection to one site, with deadlines, pinned host keys, exec, atomic
// upload (streamed through one remote command) and direct-tcpip channels.
//
// Thread rules (libssh 0.10): a session and every channel opened from it belong to
// one thread at a time. Give each worker thread its own session per site and never call into one
// session from two threads at once (move it between threads only with a happens-before, e.g. a
// thread start or a mutex). The process-wide watchdog is the only other thread that touches the
// connection: when a step passes its deadline it shuts the socket down, so the blocked call
// returns and reports FleetErrorCode::Timeout; the session is unusable afterwards.
#pragma once

#include "fleet/fleet_error.h"
#include "fleet/known_hosts.h"
#include "fleet/site_shell.h"
#include "fleet/ssh_config.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <chrono>
#include <memory>
#include <optional>

class QIODevice;

namespace tenkai::fleet {

// Where to connect. Empty user/identity and port 0 leave them to the ssh config (then to the
// current user, the default identities and port 22).
struct SshTarget
{
    QString name; // the site's name, used in every message
    QString host;
    int port = 0;
    QString user;
    QString identity;  // private key file; "~/" is expanded
    QString proxyJump; // "[user@]host[:port][,...]": wins over the ssh config's, as ssh's -J does
};

enum class HostKeyPolicy
{
    Strict,    // unknown hosts are refused (HostKeyUnknown)
    AcceptNew, // unknown hosts are pinned; a changed key is still refused
};

// Where a newly accepted host key is written.
enum class PinTarget
{
    Workspace,      // the workspace's own known_hosts file (SshOptions::knownHosts)
    UserKnownHosts, // the first UserKnownHostsFile of the ssh config (~/.ssh/known_hosts), hashed
                    // when its HashKnownHosts says so, so that ssh trusts the site too
};

// "workspace" (or empty) and "user", as --pin-to takes them; nullopt for anything else.
std::optional<PinTarget> parsePinTarget(const QString &text);

struct SshOptions
{
    // The workspace's known_hosts file (created on first pin). Required. Keys that OpenSSH already
    // trusts (the ssh config's UserKnownHostsFile and GlobalKnownHostsFile) are trusted as well.
    QString knownHosts;
    HostKeyPolicy hostKeyPolicy = HostKeyPolicy::Strict;
    PinTarget pinTo = PinTarget::Workspace;
    // nullopt: read ~/.ssh/config and /etc/ssh/ssh_config like ssh does; a path: only that file.
    std::optional<QString> sshConfig;
    // Try the keys of a running ssh-agent (SSH_AUTH_SOCK) after the identity file.
    bool useAgent = true;
    // TCP connect, SSH handshake and authentication together.
    std::chrono::milliseconds connectTimeout{10000};
    // Any other single blocking step (one 256 KiB upload step, opening a channel, one channel write).
    std::chrono::milliseconds ioTimeout{30000};
};

class SshConnection;

// How a site is reached, worked out without connecting: the ssh config's resolution, the
// known_hosts files consulted (the workspace's, then the config's), the name looked up in them and
// the key lines they hold for it. SshSession::connect() works from this; `tenkai-cli sites show`
// and the console's site details print it.
struct ConnectionPlan
{
    ResolvedSsh config;
    QStringList knownHostsFiles;
    QString knownHostsName; // "[host]:port", or the HostKeyAlias
    KnownHostsLookup knownKeys;
};
Result<ConnectionPlan> planConnection(const SshTarget &target, const SshOptions &options);

// A direct-tcpip channel: a byte stream to HOST:PORT as seen from the site (by default the
// site's 127.0.0.1), carried inside the site's SSH connection. Made by SshSession::openTcpChannel.
// Same thread rule as its session; it keeps the connection alive, so it may outlive the
// SshSession object that opened it, but not be used concurrently with it.
class SshTcpChannel
{
public:
    ~SshTcpChannel();
    SshTcpChannel(const SshTcpChannel &) = delete;
    SshTcpChannel &operator=(const SshTcpChannel &) = delete;

    // Writes all of `data` within `timeout` (the remote window may make it wait).
    Status write(const QByteArray &data, std::chrono::milliseconds timeout);
    // Waits up to `timeout` for data and returns what arrived (at most `maxBytes`); an empty array
    // means nothing arrived in time. ChannelClosed once the remote end closed and all was read.
    Result<QByteArray> read(qsizetype maxBytes, std::chrono::milliseconds timeout);
    // True when read() would return at once (data buffered, EOF, or an error). Waits up to
    // `timeout` for that; 0 only polls.
    bool waitReadable(std::chrono::milliseconds timeout);
    // Sends EOF (the remote side's read sees end of stream); reading stays possible.
    void sendEof();
    // True once the remote end sent EOF and everything it sent has been read.
    bool atEnd() const;
    // Closes the channel (also done by the destructor).
    void close();

    const QString &siteName() const;

private:
    friend class SshSession;
    struct Private;
    explicit SshTcpChannel(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

class SshSession : public SiteShell
{
public:
    SshSession(SshTarget target, SshOptions options);
    ~SshSession();
    SshSession(const SshSession &) = delete;
    SshSession &operator=(const SshSession &) = delete;

    // Connects, checks the host key against the known_hosts file (before any credential is sent),
    // then authenticates: the target's identity file, then the ssh-agent, then (without an identity
    // file) the default identities and those named by the ssh config.
    Status connect();
    bool isConnected() const;
    void disconnect();

    // After connect(): the server's host key as "SHA256:..." and whether connect() pinned it now.
    QString hostKeyFingerprint() const;
    bool pinnedNewHostKey() const;
    // After connect(): "file:line" of the known_hosts line that trusts the key (the file it was just
    // pinned in), and notes on lines that were read but not used (@cert-authority, unreadable files).
    QString hostKeyTrustedBy() const { return m_trustedBy; }
    QStringList hostKeyNotes() const { return m_hostKeyNotes; }
    // After connect() got past the ssh config: the connection as the config resolves it.
    const ResolvedSsh &resolvedConfig() const { return m_plan.config; }
    // "name (user@host:port)" as resolved after the ssh config was applied.
    QString describeTarget() const override;
    QString siteName() const override { return m_target.name; }
    const SshTarget &target() const;

    // Runs `command` through the remote login shell. Build it with shellQuote()/shellCommand():
    // every argument that is not a literal of yours must be quoted. A non-zero exit status is not
    // an error here: callers judge ExecResult::exitStatus.
    Result<ExecResult> exec(const QString &command, const ExecOptions &options = {}) override;

    // Uploads a local file or bytes to `remotePath` with one remote command: the bytes are streamed
    // to its stdin (256 KiB steps, each within ioTimeout) into a temporary name beside the file,
    // the site's sha256sum of what landed is compared with the source's SHA-256, then the file is
    // renamed over the final name with `mv -f`. Readers of remotePath see the old file or the new
    // one, never a part; a mismatch removes the temporary file and fails with ChecksumMismatch.
    Status upload(const QString &localPath, const QString &remotePath,
                  const UploadOptions &options = {}) override;
    Status uploadData(const QByteArray &data, const QString &remotePath,
                      const UploadOptions &options = {}) override;
    // The same command goes on with `script` once the file is in place: one login shell in all.
    Result<ExecResult> uploadThenRun(const QString &localPath, const QString &remotePath,
                                     const UploadOptions &options, const QString &script,
                                     std::chrono::milliseconds timeout) override;

    // Opens a direct-tcpip channel to host:port as seen from the site.
    Result<std::unique_ptr<SshTcpChannel>> openTcpChannel(quint16 port,
                                                          const QString &host = QStringLiteral("127.0.0.1"));

private:
    Status fail(FleetErrorCode code, const QString &what);
    FleetError error(FleetErrorCode code, const QString &what) const;
    FleetError libsshError(FleetErrorCode code, const QString &step) const;
    Status connectSocket();
    Status checkHostKey();
    Status authenticate();
    // Runs `command` on a new session channel: `input` (may be null) is streamed to its stdin, each
    // step within `stepTimeout`; then its exit is awaited within `finishTimeout`. At most
    // `maxOutput` bytes of each stream are kept.
    Result<ExecResult> runChannel(const QString &command, QIODevice *input,
                                  std::chrono::milliseconds stepTimeout,
                                  std::chrono::milliseconds finishTimeout,
                                  qint64 maxOutput = ExecOptions().maxOutput);
    Result<ExecResult> uploadFrom(QIODevice &source, const QString &remotePath, const UploadOptions &options,
                                  const QString *script, std::chrono::milliseconds scriptTimeout);

    SshTarget m_target;
    SshOptions m_options;
    std::shared_ptr<SshConnection> m_connection;
    QString m_resolvedHost;
    int m_resolvedPort = 22;
    QString m_resolvedUser;
    QString m_fingerprint;
    bool m_pinned = false;
    ConnectionPlan m_plan;
    QString m_trustedBy;
    QStringList m_hostKeyNotes;
    std::chrono::milliseconds m_connectTimeout{10000};
};

// shellQuote() and shellCommand() are declared in site_shell.h.

} // namespace tenkai::fleet
