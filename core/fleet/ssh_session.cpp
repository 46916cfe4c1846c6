#include "fleet/ssh_session.h"

#include "fleet/known_hosts.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QRegularExpression>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fcntl.h>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <map>
#include <mutex>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stop_token>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class SshText
{
    Q_DECLARE_TR_FUNCTIONS(SshText)
};

namespace tenkai::fleet {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr qint64 kStepSize = 256 * 1024; // bytes written to a channel within one deadline

// known_hosts reads and writes are not locked by libssh: one process-wide mutex serialises them.
std::mutex &knownHostsMutex()
{
    static std::mutex mutex;
    return mutex;
}

QString seconds(milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'g', 3);
}

// The one thread that enforces deadlines: when a step passes its deadline it shuts the connection's
// socket down, which makes the blocked libssh call return with an error. It never closes the
// descriptor (the owner does, after disarming), so a reused descriptor number is never touched.
class Watchdog
{
public:
    static Watchdog &instance()
    {
        static Watchdog watchdog;
        return watchdog;
    }

    quint64 arm(int fd, Clock::time_point deadline, std::atomic<bool> *fired)
    {
        std::lock_guard lock(m_mutex);
        const quint64 id = ++m_lastId;
        m_entries.emplace(id, Entry{fd, deadline, fired});
        ++m_generation;
        m_wake.notify_all();
        return id;
    }

    void disarm(quint64 id)
    {
        std::lock_guard lock(m_mutex);
        m_entries.erase(id);
    }

private:
    struct Entry
    {
        int fd;
        Clock::time_point deadline;
        std::atomic<bool> *fired;
    };

    Watchdog() : m_thread([this](std::stop_token stop) { run(stop); }) {}

    void run(std::stop_token stop)
    {
        std::unique_lock lock(m_mutex);
        while (!stop.stop_requested()) {
            auto next = Clock::time_point::max();
            const auto now = Clock::now();
            for (auto it = m_entries.begin(); it != m_entries.end();) {
                if (it->second.deadline <= now) {
                    it->second.fired->store(true);
                    ::shutdown(it->second.fd, SHUT_RDWR);
                    it = m_entries.erase(it);
                } else {
                    next = std::min(next, it->second.deadline);
                    ++it;
                }
            }
            // Wake at the earliest deadline, or when an entry is armed (it may be due sooner).
            const quint64 seen = m_generation;
            const auto armed = [this, seen] {
                return m_generation != seen;
            };
            if (next == Clock::time_point::max())
                m_wake.wait(lock, stop, armed);
            else
                m_wake.wait_until(lock, stop, next, armed);
        }
    }

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::map<quint64, Entry> m_entries;
    quint64 m_lastId = 0;
    quint64 m_generation = 0;
    std::jthread m_thread; // last: starts after the members above exist, joins before they go
};

// The host key algorithms for the key types a known_hosts file trusts, then libssh's defaults.
QByteArray hostKeyAlgorithms(const QStringList &knownTypes)
{
    if (knownTypes.isEmpty())
        return {};
    static const QStringList defaults{
        QStringLiteral("ssh-ed25519"),         QStringLiteral("ecdsa-sha2-nistp521"),
        QStringLiteral("ecdsa-sha2-nistp384"), QStringLiteral("ecdsa-sha2-nistp256"),
        QStringLiteral("rsa-sha2-512"),        QStringLiteral("rsa-sha2-256")};
    QStringList wanted;
    for (const QString &type : knownTypes) {
        if (type == QLatin1String("ssh-rsa"))
            wanted << QStringLiteral("rsa-sha2-512") << QStringLiteral("rsa-sha2-256")
                   << QStringLiteral("ssh-rsa");
        else if (defaults.contains(type))
            wanted << type;
    }
    wanted << defaults;
    wanted.removeDuplicates();
    return wanted.join(QLatin1Char(',')).toLatin1();
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

} // namespace

// The libssh session and the socket it runs on. Shared by SshSession and its channels, so a channel
// never outlives the libssh session it belongs to.
class SshConnection
{
public:
    ssh_session session = ssh_new();
    int ownedFd = -1; // our socket (libssh does not close a descriptor given with SSH_OPTIONS_FD)
    int watchFd = -1; // what the watchdog shuts down: ownedFd, or libssh's ProxyCommand socket
    std::atomic<bool> timedOut{false};
    bool authenticated = false;

    ~SshConnection()
    {
        if (session) {
            ssh_disconnect(session);
            ssh_free(session);
        }
        if (ownedFd >= 0)
            ::close(ownedFd);
    }

    bool usable() const { return session && !timedOut.load() && ssh_is_connected(session); }
};

namespace {

// Arms the watchdog for one blocking step; disarms at the end of the scope.
class Deadline
{
public:
    Deadline(SshConnection &connection, Clock::time_point deadline)
    {
        if (connection.watchFd >= 0)
            m_id = Watchdog::instance().arm(connection.watchFd, deadline, &connection.timedOut);
    }
    Deadline(SshConnection &connection, milliseconds timeout) : Deadline(connection, Clock::now() + timeout)
    {}
    ~Deadline()
    {
        if (m_id)
            Watchdog::instance().disarm(m_id);
    }
    Deadline(const Deadline &) = delete;
    Deadline &operator=(const Deadline &) = delete;

private:
    quint64 m_id = 0;
};

} // namespace

// --- SshTcpChannel ------------------------------------------------------------------------------

struct SshTcpChannel::Private
{
    std::shared_ptr<SshConnection> connection;
    ssh_channel channel = nullptr;
    QString site;
    QString destination; // "host:port" on the site

    FleetError failure() const
    {
        if (connection->timedOut.load())
            return {FleetErrorCode::Timeout, site,
                    SshText::tr("Site %1: the channel to %2 stalled past its deadline; the connection was "
                                "closed.")
                        .arg(site, destination)};
        return {FleetErrorCode::Disconnected, site,
                SshText::tr("Site %1: the channel to %2 failed: %3.")
                    .arg(site, destination, QString::fromUtf8(ssh_get_error(connection->session)))};
    }
};

SshTcpChannel::SshTcpChannel(std::unique_ptr<Private> d) : d(std::move(d)) {}

SshTcpChannel::~SshTcpChannel()
{
    close();
}

const QString &SshTcpChannel::siteName() const
{
    return d->site;
}

Status SshTcpChannel::write(const QByteArray &data, milliseconds timeout)
{
    if (!d->channel || !ssh_channel_is_open(d->channel))
        return FleetError{FleetErrorCode::ChannelClosed, d->site,
                          SshText::tr("Site %1: the channel to %2 is closed.").arg(d->site, d->destination)};
    Deadline deadline(*d->connection, timeout);
    qsizetype done = 0;
    while (done < data.size()) {
        const int n = ssh_channel_write(d->channel, data.constData() + done, uint32_t(data.size() - done));
        if (n == SSH_ERROR)
            return d->failure();
        done += n;
    }
    return Done{};
}

Result<QByteArray> SshTcpChannel::read(qsizetype maxBytes, milliseconds timeout)
{
    if (!d->channel)
        return FleetError{FleetErrorCode::ChannelClosed, d->site,
                          SshText::tr("Site %1: the channel to %2 is closed.").arg(d->site, d->destination)};
    QByteArray buffer(std::max<qsizetype>(1, std::min<qsizetype>(maxBytes, 1 << 20)), Qt::Uninitialized);
    // A bounded wait; the watchdog covers a peer that stops answering mid-packet.
    Deadline deadline(*d->connection, timeout + milliseconds(5000));
    const int n = ssh_channel_read_timeout(d->channel, buffer.data(), uint32_t(buffer.size()), 0,
                                           int(std::max<qint64>(0, timeout.count())));
    if (n > 0) {
        buffer.truncate(n);
        return buffer;
    }
    if (ssh_channel_is_eof(d->channel) || ssh_channel_is_closed(d->channel))
        return FleetError{FleetErrorCode::ChannelClosed, d->site,
                          SshText::tr("Site %1: the other end of the channel to %2 closed it.")
                              .arg(d->site, d->destination)};
    if (n < 0 || !d->connection->usable())
        return d->failure();
    return QByteArray();
}

bool SshTcpChannel::waitReadable(milliseconds timeout)
{
    if (!d->channel)
        return true;
    Deadline deadline(*d->connection, timeout + milliseconds(5000));
    const int n = ssh_channel_poll_timeout(d->channel, int(std::max<qint64>(0, timeout.count())), 0);
    return n != 0 || ssh_channel_is_eof(d->channel) || !d->connection->usable();
}

void SshTcpChannel::sendEof()
{
    if (d->channel && ssh_channel_is_open(d->channel)) {
        Deadline deadline(*d->connection, milliseconds(5000));
        ssh_channel_send_eof(d->channel);
    }
}

bool SshTcpChannel::atEnd() const
{
    return !d->channel || ssh_channel_is_eof(d->channel) || ssh_channel_is_closed(d->channel);
}

void SshTcpChannel::close()
{
    if (!d || !d->channel)
        return;
    if (d->connection->usable()) {
        Deadline deadline(*d->connection, milliseconds(5000));
        ssh_channel_close(d->channel);
    }
    ssh_channel_free(d->channel);
    d->channel = nullptr;
}

// --- SshSession ---------------------------------------------------------------------------------

SshSession::SshSession(SshTarget target, SshOptions options)
    : m_target(std::move(target)), m_options(std::move(options))
{}

SshSession::~SshSession() = default;

const SshTarget &SshSession::target() const
{
    return m_target;
}

QString SshSession::hostKeyFingerprint() const
{
    return m_fingerprint;
}

bool SshSession::pinnedNewHostKey() const
{
    return m_pinned;
}

QString SshSession::describeTarget() const
{
    const QString host = m_resolvedHost.isEmpty() ? m_target.host : m_resolvedHost;
    const QString where =
        m_resolvedUser.isEmpty()
            ? QStringLiteral("%1:%2").arg(host, QString::number(m_resolvedPort))
            : QStringLiteral("%1@%2:%3").arg(m_resolvedUser, host, QString::number(m_resolvedPort));
    return QStringLiteral("%1 (%2)").arg(m_target.name, where);
}

bool SshSession::isConnected() const
{
    return m_connection && m_connection->authenticated && m_connection->usable();
}

void SshSession::disconnect()
{
    m_connection.reset();
}

FleetError SshSession::error(FleetErrorCode code, const QString &what) const
{
    return FleetError{code, m_target.name, SshText::tr("Site %1: %2").arg(describeTarget(), what)};
}

Status SshSession::fail(FleetErrorCode code, const QString &what)
{
    return error(code, what);
}

// An error after a libssh call failed: a timeout when the watchdog fired, otherwise libssh's text.
FleetError SshSession::libsshError(FleetErrorCode code, const QString &step) const
{
    if (m_connection && m_connection->timedOut.load())
        return error(
            FleetErrorCode::Timeout,
            SshText::tr("%1 did not finish before its deadline; the connection was closed.").arg(step));
    QString detail = m_connection ? QString::fromUtf8(ssh_get_error(m_connection->session)) : QString();
    if (detail.startsWith(QLatin1String("Timeout")))
        code = FleetErrorCode::Timeout;
    else if (m_connection && !ssh_is_connected(m_connection->session) &&
             code != FleetErrorCode::ProtocolError)
        code = FleetErrorCode::Disconnected;
    if (detail.isEmpty())
        detail = SshText::tr("no reason given");
    return error(code, SshText::tr("%1 failed: %2.").arg(step, detail));
}

Status SshSession::connectSocket()
{
    const auto deadline = Clock::now() + m_connectTimeout;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *addresses = nullptr;
    const QByteArray host = m_resolvedHost.toUtf8();
    const QByteArray port = QByteArray::number(m_resolvedPort);
    if (const int rc = ::getaddrinfo(host.constData(), port.constData(), &hints, &addresses); rc != 0)
        return fail(FleetErrorCode::ResolveFailed,
                    SshText::tr("the host name %1 does not resolve (%2).")
                        .arg(m_resolvedHost, QString::fromLocal8Bit(gai_strerror(rc))));
    int lastErrno = 0;
    bool timedOut = false;
    for (addrinfo *a = addresses; a && m_connection->ownedFd < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) {
            lastErrno = errno;
            continue;
        }
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
            pollfd p{fd, POLLOUT, 0};
            rc = left > 0 ? ::poll(&p, 1, int(left)) : 0;
            if (rc == 1) {
                int soError = 0;
                socklen_t length = sizeof soError;
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length);
                rc = soError == 0 ? 0 : -1;
                errno = soError;
            } else {
                timedOut = rc == 0;
                rc = -1;
                errno = timedOut ? ETIMEDOUT : errno;
            }
        }
        if (rc == 0) {
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            m_connection->ownedFd = fd;
        } else {
            lastErrno = errno;
            ::close(fd);
        }
    }
    ::freeaddrinfo(addresses);
    if (m_connection->ownedFd >= 0) {
        m_connection->watchFd = m_connection->ownedFd;
        return Done{};
    }
    if (lastErrno == ECONNREFUSED)
        return fail(
            FleetErrorCode::ConnectionRefused,
            SshText::tr("the connection was refused (nothing listens on port %1).").arg(m_resolvedPort));
    if (timedOut || lastErrno == ETIMEDOUT)
        return fail(FleetErrorCode::Timeout,
                    SshText::tr("no TCP connection within %1 s.").arg(seconds(m_connectTimeout)));
    return fail(FleetErrorCode::Unreachable,
                SshText::tr("cannot connect: %1.").arg(QString::fromLocal8Bit(strerror(lastErrno))));
}

Status SshSession::connect()
{
    disconnect();
    m_fingerprint.clear();
    m_pinned = false;
    m_trustedBy.clear();
    m_hostKeyNotes.clear();
    m_resolvedHost = m_target.host;
    m_resolvedPort = m_target.port > 0 ? m_target.port : 22;
    m_resolvedUser = m_target.user;
    if (m_target.host.isEmpty())
        return fail(FleetErrorCode::InvalidTarget, SshText::tr("no host name is set."));
    if (m_target.port < 0 || m_target.port > 65535)
        return fail(FleetErrorCode::InvalidTarget,
                    SshText::tr("the port %1 is out of range.").arg(m_target.port));
    if (m_options.knownHosts.isEmpty())
        return fail(FleetErrorCode::KnownHostsUnusable, SshText::tr("no known_hosts file is set."));

    m_connection = std::make_shared<SshConnection>();
    ssh_session s = m_connection->session;
    if (!s)
        return fail(FleetErrorCode::ProtocolError, SshText::tr("libssh could not create a session."));
    // The ssh config as OpenSSH applies it (ssh_config.h); libssh does not read the files itself.
    auto plan = planConnection(m_target, m_options);
    if (!plan)
        return fail(plan.error().code, plan.error().message);
    m_plan = std::move(plan).value();
    const ResolvedSsh &config = m_plan.config;
    m_resolvedHost = config.hostName;
    m_resolvedPort = config.port;
    m_resolvedUser = config.user;
    const bool noConfig = false;
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &noConfig);
    const QByteArray host = m_resolvedHost.toUtf8();
    if (ssh_options_set(s, SSH_OPTIONS_HOST, host.constData()) != SSH_OK)
        return fail(FleetErrorCode::InvalidTarget,
                    SshText::tr("\"%1\" is not a valid host name or address (letters, digits, '-' and '.', "
                                "an IPv4 or an IPv6 address; with user@ only in the user field).")
                        .arg(m_resolvedHost));
    if (ssh_options_set(s, SSH_OPTIONS_USER, m_resolvedUser.toUtf8().constData()) != SSH_OK)
        return fail(FleetErrorCode::InvalidTarget,
                    SshText::tr("\"%1\" is not a valid user name.").arg(m_resolvedUser));
    const unsigned int port = unsigned(m_resolvedPort);
    ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    const QByteArray knownHosts = QFile::encodeName(expandHome(m_options.knownHosts));
    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
    ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    // Ask for the host key types that a known_hosts file already trusts first, as ssh does.
    if (const QByteArray wanted = hostKeyAlgorithms(knownKeyTypes(m_plan.knownKeys)); !wanted.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_HOSTKEYS, wanted.constData());
    // An explicit ConnectTimeout of the config is the operator's choice for this host.
    m_connectTimeout =
        config.connectTimeout > 0 ? milliseconds(config.connectTimeout * 1000) : m_options.connectTimeout;
    // libssh's own timeout is a backstop behind the watchdog, which decides (and says "deadline").
    const auto backstop = std::max(m_connectTimeout, m_options.ioTimeout) + milliseconds(2000);
    const long timeoutSeconds = long(backstop.count() / 1000);
    const long timeoutMicro = long(backstop.count() % 1000) * 1000;
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeoutSeconds);
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT_USEC, &timeoutMicro);
    const int one = 1;
    ssh_options_set(s, SSH_OPTIONS_NODELAY, &one);

    // ProxyJump as OpenSSH implements it: `ssh -W` to the last hop, through the earlier ones.
    QString proxyCommand = config.proxyCommand;
    if (!config.proxyJump.isEmpty()) {
        QStringList words{QStringLiteral("ssh"), QStringLiteral("-o"), QStringLiteral("BatchMode=yes")};
        if (m_options.sshConfig)
            words << QStringLiteral("-F") << shellQuote(expandHome(*m_options.sshConfig));
        if (config.proxyJump.size() > 1)
            words << QStringLiteral("-J")
                  << shellQuote(config.proxyJump.mid(0, config.proxyJump.size() - 1).join(QLatin1Char(',')));
        words << QStringLiteral("-W") << QStringLiteral("'[%h]:%p'") << shellQuote(config.proxyJump.last());
        proxyCommand = words.join(QLatin1Char(' '));
    }
    const bool proxied = !proxyCommand.isEmpty();
    if (proxied && ssh_options_set(s, SSH_OPTIONS_PROXYCOMMAND, proxyCommand.toUtf8().constData()) != SSH_OK)
        return libsshError(FleetErrorCode::InvalidTarget, SshText::tr("Setting the proxy command"));

    const auto deadline = Clock::now() + m_connectTimeout;
    if (!proxied) {
        if (auto connected = connectSocket(); !connected)
            return connected;
        ssh_options_set(s, SSH_OPTIONS_FD, &m_connection->ownedFd);
    }
    // Every Deadline ends before m_connection.reset(): the watchdog must never see a closed socket.
    bool connected = false;
    {
        Deadline guard(*m_connection, deadline);
        connected = ssh_connect(s) == SSH_OK;
    }
    if (!connected) {
        auto failure = libsshError(FleetErrorCode::ProtocolError, SshText::tr("The SSH handshake"));
        m_connection.reset();
        return failure;
    }
    if (proxied)
        m_connection->watchFd = ssh_get_fd(s); // libssh's socket to the ProxyCommand; it closes it
    if (auto known = checkHostKey(); !known) {
        m_connection.reset();
        return known;
    }
    Status authenticated = Done{};
    {
        Deadline guard(*m_connection, deadline);
        authenticated = authenticate();
    }
    if (!authenticated) {
        m_connection.reset();
        return authenticated;
    }
    m_connection->authenticated = true;
    return Done{};
}

std::optional<PinTarget> parsePinTarget(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("workspace"))
        return PinTarget::Workspace;
    if (text == QLatin1String("user"))
        return PinTarget::UserKnownHosts;
    return std::nullopt;
}

Result<ConnectionPlan> planConnection(const SshTarget &target, const SshOptions &options)
{
    // Names go into the ssh config's Match exec and ProxyCommand lines (and ssh -W): checked first,
    // as OpenSSH 9.6 does, so that no host or user name can carry shell syntax there.
    static const QRegularExpression hostName(QStringLiteral("^[A-Za-z0-9_.%:\\[\\]-]+$"));
    static const QRegularExpression userName(QStringLiteral("^[A-Za-z0-9_.][A-Za-z0-9_.@-]*$"));
    if (!hostName.match(target.host).hasMatch() || target.host.startsWith(QLatin1Char('-')))
        return FleetError{FleetErrorCode::InvalidTarget, target.name,
                          SshText::tr("\"%1\" is not a valid host name or address (letters, digits, '-' and "
                                      "'.', an IPv4 or an IPv6 address; with user@ only in the user field).")
                              .arg(target.host)};
    if (!target.user.isEmpty() && !userName.match(target.user).hasMatch())
        return FleetError{FleetErrorCode::InvalidTarget, target.name,
                          SshText::tr("\"%1\" is not a valid user name.").arg(target.user)};
    SshConfigQuery query{target.host,     target.user,      target.port,
                         target.identity, target.proxyJump, std::nullopt};
    if (options.sshConfig)
        query.configFile = expandHome(*options.sshConfig);
    auto resolved = resolveSshConfig(query);
    if (!resolved) {
        FleetError failure = resolved.error();
        failure.site = target.name;
        return failure;
    }
    ConnectionPlan plan;
    plan.config = std::move(resolved).value();
    plan.knownHostsFiles << expandHome(options.knownHosts) << plan.config.userKnownHostsFiles
                         << plan.config.globalKnownHostsFiles;
    // As ssh: a HostKeyAlias replaces the name (and its port); otherwise "[host]:port" off port 22.
    plan.knownHostsName = plan.config.hostKeyAlias.isEmpty()
                              ? knownHostsName(plan.config.hostName, plan.config.port)
                              : plan.config.hostKeyAlias.toLower();
    std::lock_guard lock(knownHostsMutex());
    plan.knownKeys = lookUpKnownHosts(plan.knownHostsFiles, {plan.knownHostsName});
    return plan;
}

Status SshSession::checkHostKey()
{
    ssh_session s = m_connection->session;
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s, &key) != SSH_OK)
        return libsshError(FleetErrorCode::ProtocolError, SshText::tr("Reading the server's host key"));
    char *base64 = nullptr;
    QByteArray blob;
    if (ssh_pki_export_pubkey_base64(key, &base64) == SSH_OK) {
        blob = QByteArray::fromBase64(QByteArray(base64));
        ssh_string_free_char(base64);
    }
    const QString type = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    ssh_key_free(key);
    if (blob.isEmpty())
        return fail(FleetErrorCode::ProtocolError, SshText::tr("the server's host key cannot be read."));
    // The same SHA256 form as the known_hosts lines' fingerprints (and ssh-keygen -l).
    m_fingerprint = keyFingerprint(blob);

    const QString workspaceFile = expandHome(m_options.knownHosts);
    std::lock_guard lock(knownHostsMutex());
    // Read again under the lock: another session may have pinned this host since connect() began.
    m_plan.knownKeys = lookUpKnownHosts(m_plan.knownHostsFiles, {m_plan.knownHostsName});
    const HostKeyCheck check = checkKnownHost(m_plan.knownKeys, blob);
    m_hostKeyNotes = check.notes;
    switch (check.trust) {
    case HostKeyTrust::Trusted:
        m_trustedBy = check.line->where();
        return Done{};
    case HostKeyTrust::Revoked: {
        FleetError failure = error(
            FleetErrorCode::HostKeyChanged,
            SshText::tr("the server offered the host key %1, which %2 marks as REVOKED, so nothing was "
                        "sent to it (no credential either). Someone may be intercepting the connection, "
                        "or the site still uses a key that was withdrawn.")
                .arg(m_fingerprint, check.line->where()));
        failure.offeredFingerprint = m_fingerprint;
        failure.pinnedFingerprint = check.line->fingerprint();
        failure.knownHostsFile = check.line->file;
        failure.knownHostsLine = check.line->line;
        return failure;
    }
    case HostKeyTrust::Changed: {
        const bool sameType = check.line->type == type;
        FleetError failure = error(
            FleetErrorCode::HostKeyChanged,
            (sameType
                 ? SshText::tr("the host key has CHANGED since it was trusted, so nothing was sent to it (no "
                               "credential either). The server offered %1; %2 line %3 trusts %4. If the "
                               "site was re-installed or re-keyed on purpose, delete that line and connect "
                               "again accepting new keys; otherwise someone may be intercepting the "
                               "connection.")
                 : SshText::tr("the server offered a %5 host key (%1), but %2 line %3 trusts a %6 key (%4) "
                               "for this host and the server no longer offers that type, so nothing was "
                               "sent to it (no credential either). If the site was re-keyed on purpose, "
                               "delete that line and connect again accepting new keys; otherwise someone "
                               "may be intercepting the connection.")
                       .arg(QStringLiteral("%1"), QStringLiteral("%2"), QStringLiteral("%3"),
                            QStringLiteral("%4"), type, check.line->type))
                .arg(m_fingerprint, check.line->file, QString::number(check.line->line),
                     check.line->fingerprint()));
        failure.offeredFingerprint = m_fingerprint;
        failure.pinnedFingerprint = check.line->fingerprint();
        failure.knownHostsFile = check.line->file;
        failure.knownHostsLine = check.line->line;
        return failure;
    }
    case HostKeyTrust::Unknown:
        break;
    }
    const ResolvedSsh &config = m_plan.config;
    const bool toUser = m_options.pinTo == PinTarget::UserKnownHosts && !config.userKnownHostsFiles.isEmpty();
    const QString pinFile = toUser ? config.userKnownHostsFiles.front() : workspaceFile;
    if (m_options.hostKeyPolicy != HostKeyPolicy::AcceptNew) {
        QString message =
            SshText::tr("the host key %1 is not trusted yet (not in %2), so nothing was sent to "
                        "it. Check the fingerprint and accept it (tenkai-cli: --accept-new).")
                .arg(m_fingerprint, m_plan.knownHostsFiles.join(QStringLiteral(", ")));
        for (const QString &note : check.notes)
            message += QLatin1Char(' ') + note;
        FleetError failure = error(FleetErrorCode::HostKeyUnknown, message);
        failure.offeredFingerprint = m_fingerprint;
        failure.knownHostsFile = pinFile;
        return failure;
    }
    // Pinned in the form the file's owner chose: ~/.ssh/known_hosts hashed when HashKnownHosts says so.
    if (auto pinned =
            appendKnownHost(pinFile, m_plan.knownHostsName, type, blob, toUser && config.hashKnownHosts);
        !pinned)
        return fail(FleetErrorCode::KnownHostsUnusable, pinned.error().message);
    m_pinned = true;
    m_trustedBy = pinFile;
    return Done{};
}

Status SshSession::authenticate()
{
    ssh_session s = m_connection->session;
    QStringList tried;
    // True when `rc` ends the authentication (success or a protocol error: see finished()); a refusal
    // notes what was tried and lets the next method have its go. (No optional<Status> here: GCC's
    // -Wmaybe-uninitialized misreads moving one under the sanitizers.)
    auto denied = [&](int rc, const QString &what) {
        if (rc == SSH_AUTH_SUCCESS || rc == SSH_AUTH_ERROR)
            return true;
        tried << what;
        return false;
    };
    auto finished = [&](int rc) -> Status {
        if (rc == SSH_AUTH_SUCCESS)
            return Done{};
        return libsshError(FleetErrorCode::ProtocolError, SshText::tr("Authentication"));
    };

    // The identity files in ssh's order: the site's own (like -i), then the config's IdentityFile
    // entries, or, when neither names one, the default ~/.ssh/id_* that exist.
    const ResolvedSsh &config = m_plan.config;
    const bool configured =
        !m_target.identity.isEmpty() || config.setAt.contains(QStringLiteral("identityfile"));
    bool unusableFile = false;
    for (qsizetype i = 0; i < config.identityFiles.size(); ++i) {
        const QString path = config.identityFiles[i];
        const bool own = i == 0 && !m_target.identity.isEmpty();
        if (!QFileInfo::exists(path)) {
            if (own)
                return fail(FleetErrorCode::KeyFileMissing,
                            SshText::tr("the identity file %1 does not exist.").arg(path));
            if (configured)
                tried << SshText::tr("%1 (missing)").arg(path);
            continue;
        }
        ssh_key key = nullptr;
        const int rc =
            ssh_pki_import_privkey_file(QFile::encodeName(path).constData(), nullptr, nullptr, nullptr, &key);
        if (rc == SSH_OK) {
            const int auth = ssh_userauth_publickey(s, nullptr, key);
            ssh_key_free(key);
            if (denied(auth, path))
                return finished(auth);
        } else if (own && (!m_options.useAgent || qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))) {
            return fail(FleetErrorCode::KeyFileUnusable,
                        SshText::tr("the identity file %1 cannot be used (unreadable, not a private key, or "
                                    "protected by a passphrase and no ssh-agent holds it).")
                            .arg(path));
        } else {
            unusableFile = true;
            tried << SshText::tr("%1 (unusable: unreadable or passphrase-protected)").arg(path);
        }
    }
    // IdentitiesOnly: the agent's keys only stand in for files that could not be opened (a
    // passphrase-protected key the agent holds), as ssh uses only the agent keys of those files.
    if (m_options.useAgent && !qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK") &&
        (!config.identitiesOnly || unusableFile)) {
        const int rc = ssh_userauth_agent(s, nullptr);
        if (denied(rc, SshText::tr("the keys of ssh-agent")))
            return finished(rc);
    }
    if (tried.isEmpty())
        return fail(FleetErrorCode::AuthDenied,
                    SshText::tr("there is no key to log in as %1 with: no identity file exists (%2) and no "
                                "ssh-agent runs (SSH_AUTH_SOCK is not set).")
                        .arg(m_resolvedUser, config.identityFiles.join(QStringLiteral(", "))));
    return fail(FleetErrorCode::AuthDenied, SshText::tr("the server denied authentication as %1; tried: %2.")
                                                .arg(m_resolvedUser, tried.join(QStringLiteral("; "))));
}

namespace {

struct ExitSignal
{
    QString name;
};

void onExitSignal(ssh_session, ssh_channel, const char *signal, int, const char *, const char *,
                  void *userdata)
{
    static_cast<ExitSignal *>(userdata)->name = QString::fromUtf8(signal);
}

} // namespace

Result<ExecResult> SshSession::exec(const QString &command, const ExecOptions &options)
{
    if (!isConnected())
        return error(FleetErrorCode::Disconnected, SshText::tr("not connected."));
    // One deadline for the whole command, from start to exit status.
    Deadline guard(*m_connection, options.timeout);
    QBuffer input;
    input.setData(options.input);
    input.open(QIODevice::ReadOnly);
    return runChannel(command, options.input.isEmpty() ? nullptr : &input, options.timeout, options.timeout,
                      options.maxOutput);
}

Result<ExecResult> SshSession::runChannel(const QString &command, QIODevice *input, milliseconds stepTimeout,
                                          milliseconds finishTimeout, qint64 maxOutput)
{
    ssh_session s = m_connection->session;
    const QString step = SshText::tr("Running a remote command");
    ssh_channel channel = ssh_channel_new(s);
    if (!channel)
        return libsshError(FleetErrorCode::ChannelFailed, step);
    struct Free
    {
        ssh_channel c;
        ~Free() { ssh_channel_free(c); }
    } freeLater{channel};
    ExitSignal exitSignal;
    ssh_channel_callbacks_struct callbacks{};
    callbacks.userdata = &exitSignal;
    callbacks.channel_exit_signal_function = onExitSignal;
    ssh_callbacks_init(&callbacks);
    ssh_set_channel_callbacks(channel, &callbacks);

    {
        Deadline guard(*m_connection, stepTimeout);
        if (ssh_channel_open_session(channel) != SSH_OK)
            return libsshError(FleetErrorCode::ChannelFailed, SshText::tr("Opening a session channel"));
        if (ssh_channel_request_exec(channel, command.toUtf8().constData()) != SSH_OK)
            return libsshError(FleetErrorCode::CommandFailed, step);
    }

    // Drain stdout and stderr both: a full stderr window stalls a command whose stdout we wait on.
    ExecResult result;
    std::array<char, 65536> buffer;
    // Reads what has arrived on either stream without waiting: 1 when something came, 0 when
    // nothing did, -1 on a connection error.
    auto drain = [&]() -> int {
        int got = 0;
        for (int stream = 0; stream < 2; ++stream) {
            const int n =
                ssh_channel_read_nonblocking(channel, buffer.data(), uint32_t(buffer.size()), stream);
            if (n == SSH_ERROR)
                return -1;
            if (n > 0) {
                appendCapped(stream ? result.err : result.out, stream ? result.errDropped : result.outDropped,
                             buffer.data(), n, maxOutput);
                got = 1;
            }
        }
        return got;
    };

    // The input in steps, each within its own deadline: a large upload on a slow link is fine while
    // a site that stops reading is cut off. A command that ends before it read all of its input
    // closes the channel: its exit status and stderr say why.
    bool inputCut = false;
    if (input) {
        const QString sending = SshText::tr("Sending data to a remote command");
        QByteArray chunk(kStepSize, Qt::Uninitialized);
        while (!inputCut) {
            const qint64 n = input->read(chunk.data(), kStepSize);
            if (n < 0)
                return error(FleetErrorCode::LocalFileUnusable,
                             SshText::tr("reading the local data failed: %1.").arg(input->errorString()));
            if (n == 0)
                break;
            Deadline guard(*m_connection, stepTimeout);
            for (qint64 done = 0; done < n;) {
                const int w = ssh_channel_write(channel, chunk.constData() + done, uint32_t(n - done));
                if (m_connection->timedOut.load() || !ssh_is_connected(s))
                    return libsshError(FleetErrorCode::TransferFailed, sending);
                if (w == SSH_ERROR || !ssh_channel_is_open(channel) || ssh_channel_is_eof(channel)) {
                    inputCut = true;
                    break;
                }
                done += w;
            }
            if (drain() < 0)
                return libsshError(FleetErrorCode::TransferFailed, sending);
        }
    }
    Deadline finish(*m_connection, finishTimeout);
    if (!inputCut && ssh_channel_is_open(channel) && ssh_channel_send_eof(channel) != SSH_OK &&
        (m_connection->timedOut.load() || !ssh_is_connected(s)))
        return libsshError(FleetErrorCode::CommandFailed, step);

    // The event waits for any packet (either stream, EOF, close), unlike a per-stream poll.
    struct Event
    {
        ssh_session session;
        ssh_event event = ssh_event_new();
        bool added = event && ssh_event_add_session(event, session) == SSH_OK;
        ~Event()
        {
            if (added)
                ssh_event_remove_session(event, session);
            if (event)
                ssh_event_free(event);
        }
    } waiter{s};
    if (!waiter.added)
        return error(FleetErrorCode::ProtocolError, SshText::tr("libssh could not create an event."));
    while (true) {
        const int got = drain();
        if (got < 0)
            return libsshError(FleetErrorCode::CommandFailed, step);
        if (got > 0)
            continue;
        if (ssh_channel_is_eof(channel) || ssh_channel_is_closed(channel))
            break;
        if (m_connection->timedOut.load() || !ssh_is_connected(s))
            return libsshError(FleetErrorCode::CommandFailed, step);
        if (ssh_event_dopoll(waiter.event, 200) == SSH_ERROR && !ssh_is_connected(s))
            return libsshError(FleetErrorCode::CommandFailed, step);
    }
    result.exitStatus = ssh_channel_get_exit_status(channel);
    if (m_connection->timedOut.load())
        return libsshError(FleetErrorCode::CommandFailed, step);
    if (ssh_channel_is_open(channel))
        ssh_channel_close(channel);
    result.exitSignal = exitSignal.name;
    if (!result.exitSignal.isEmpty())
        result.exitStatus = -1;
    return result;
}

Status SshSession::upload(const QString &localPath, const QString &remotePath, const UploadOptions &options)
{
    QFile file(localPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(FleetErrorCode::LocalFileUnusable,
                    SshText::tr("cannot read the local file %1: %2.").arg(localPath, file.errorString()));
    auto uploaded = uploadFrom(file, remotePath, options, nullptr, milliseconds(0));
    if (!uploaded)
        return uploaded.error();
    return Done{};
}

Status SshSession::uploadData(const QByteArray &data, const QString &remotePath, const UploadOptions &options)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    auto uploaded = uploadFrom(buffer, remotePath, options, nullptr, milliseconds(0));
    if (!uploaded)
        return uploaded.error();
    return Done{};
}

Result<ExecResult> SshSession::uploadThenRun(const QString &localPath, const QString &remotePath,
                                             const UploadOptions &options, const QString &script,
                                             milliseconds timeout)
{
    QFile file(localPath);
    if (!file.open(QIODevice::ReadOnly))
        return error(FleetErrorCode::LocalFileUnusable,
                     SshText::tr("cannot read the local file %1: %2.").arg(localPath, file.errorString()));
    return uploadFrom(file, remotePath, options, &script, timeout);
}

Result<ExecResult> SshSession::uploadFrom(QIODevice &source, const QString &remotePath,
                                          const UploadOptions &options, const QString *script,
                                          milliseconds scriptTimeout)
{
    if (!isConnected())
        return error(FleetErrorCode::Disconnected, SshText::tr("not connected."));
    if (remotePath.isEmpty() || remotePath.endsWith(QLatin1Char('/')))
        return error(FleetErrorCode::InvalidTarget,
                     SshText::tr("the remote path \"%1\" names no file.").arg(remotePath));
    // What the site must find in what landed: the caller's SHA-256, else the source's, read first.
    QString expected = options.sha256.toLower();
    if (expected.isEmpty()) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!hash.addData(&source) || !source.seek(0))
            return error(FleetErrorCode::LocalFileUnusable,
                         SshText::tr("reading the local data failed: %1.").arg(source.errorString()));
        expected = QString::fromLatin1(hash.result().toHex());
    }
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!hex.match(expected).hasMatch())
        return error(FleetErrorCode::InvalidTarget,
                     SshText::tr("\"%1\" is not a SHA-256 (64 hexadecimal digits).").arg(options.sha256));
    const qsizetype slash = remotePath.lastIndexOf(QLatin1Char('/'));
    const QString folder = slash < 0    ? QStringLiteral(".")
                           : slash == 0 ? QStringLiteral("/")
                                        : remotePath.left(slash);
    // The temporary file is named after the target and the remote shell's PID: a cut-off upload's file
    // is left behind (it never takes the final name), and the next upload of that file removes those
    // whose shell is gone before it writes, so a failed transfer does not hold the site's disk. A
    // killed shell that nobody reaped (a container whose PID 1 does not reap orphans) still answers
    // `kill -0`: a zombie counts as gone.
    const QString prefix =
        remotePath.left(slash + 1) + QStringLiteral(".%1.tenkai-").arg(remotePath.mid(slash + 1));
    const QString temporary = prefix + QStringLiteral("*.part");

    // One remote command: the folder, stale temporary files gone, a private temporary file, the bytes
    // from stdin, the site's checksum of what landed, the mode, the atomic rename (and the caller's
    // script after a marker line, so its output and status are told apart from the upload's). `>|`
    // writes even where a login shell set noclobber.
    QString command = QStringLiteral("x=%1; t=\"$x$$.part\"; f=%2; d=%3; ")
                          .arg(shellQuote(prefix), shellQuote(remotePath), shellQuote(folder));
    if (options.makeParents)
        command += QStringLiteral("mkdir -p -- \"$d\" 2>/dev/null; ");
    command += QStringLiteral("[ -d \"$d\" ] || exit 90; "
                              "for p in \"$x\"*.part; do q=${p#\"$x\"}; q=${q%%.part}; "
                              "case $q in ''|*[!0-9]*) continue;; esac; "
                              "if kill -0 \"$q\" 2>/dev/null && "
                              "! grep -qs '^State:[[:space:]]*Z' \"/proc/$q/status\"; then continue; fi; "
                              "rm -f -- \"$p\"; done; "
                              "(umask 077 && : >| \"$t\") || exit 91; "
                              "cat >| \"$t\" || { rm -f -- \"$t\"; exit 92; }; "
                              "s=$(sha256sum < \"$t\") || { rm -f -- \"$t\"; exit 93; }; s=${s%% *}; "
                              "if [ \"$s\" != %1 ]; then rm -f -- \"$t\"; printf '%s' \"$s\"; exit 94; fi; "
                              "chmod %2 -- \"$t\" && mv -f -- \"$t\" \"$f\" || { rm -f -- \"$t\"; exit 95; }")
                   .arg(expected)
                   .arg(options.mode, 4, 8, QLatin1Char('0'));
    static const QByteArray marker = "tenkai-upload-done\n";
    if (script)
        command += QStringLiteral("; printf '%s\\n' tenkai-upload-done\n") + *script;

    // The site hashes what landed after the last byte: allow it 50 MiB/s beyond the step deadline.
    const qint64 bytes = source.size();
    const auto hashing = milliseconds(std::max<qint64>(0, bytes) / (50 * 1024 * 1024 / 1000));
    auto ran = runChannel(command, &source, m_options.ioTimeout,
                          m_options.ioTimeout + hashing + (script ? scriptTimeout : milliseconds(0)));
    if (!ran) {
        // Cut off mid-transfer: the temporary file is left behind (it never takes the final name).
        if (ran.error().code == FleetErrorCode::CommandFailed)
            return FleetError(FleetErrorCode::TransferFailed, ran.error().site, ran.error().message);
        return ran.error();
    }
    ExecResult result = std::move(ran).value();
    if (script && result.out.startsWith(marker)) {
        result.out.remove(0, marker.size());
        return result;
    }
    const QString stderrText = QString::fromUtf8(result.err).trimmed();
    switch (result.exitStatus) {
    case 0:
        if (!script)
            return result;
        break;
    case 90:
        return error(FleetErrorCode::TransferFailed,
                     SshText::tr("Creating %1 failed: %2.").arg(temporary, SshText::tr("no such folder")));
    case 91:
        return error(
            FleetErrorCode::TransferFailed,
            SshText::tr("Creating %1 failed: %2.")
                .arg(temporary, stderrText.isEmpty() ? SshText::tr("permission denied") : stderrText));
    case 92:
        return error(FleetErrorCode::TransferFailed,
                     SshText::tr("Writing %1 failed: %2.").arg(temporary, stderrText));
    case 93:
        return error(FleetErrorCode::CommandFailed,
                     SshText::tr("sha256sum on the site failed for %1: %2.").arg(temporary, stderrText));
    case 94:
        return error(
            FleetErrorCode::ChecksumMismatch,
            SshText::tr("the uploaded %1 has SHA-256 %2 on the site instead of %3; it was removed and "
                        "%1 left as it was.")
                .arg(remotePath, QString::fromUtf8(result.out).trimmed(), expected));
    case 95:
        return error(
            FleetErrorCode::CommandFailed,
            SshText::tr("cannot move the uploaded file into place as %1: %2.").arg(remotePath, stderrText));
    default:
        break;
    }
    return error(FleetErrorCode::TransferFailed,
                 SshText::tr("uploading %1 failed: the command ended with %2: %3.")
                     .arg(remotePath,
                          result.exitSignal.isEmpty() ? SshText::tr("status %1").arg(result.exitStatus)
                                                      : SshText::tr("signal %1").arg(result.exitSignal),
                          stderrText.isEmpty() ? SshText::tr("no message") : stderrText));
}

Result<std::unique_ptr<SshTcpChannel>> SshSession::openTcpChannel(quint16 port, const QString &host)
{
    if (!isConnected())
        return error(FleetErrorCode::Disconnected, SshText::tr("not connected."));
    const QString destination = QStringLiteral("%1:%2").arg(host).arg(port);
    Deadline guard(*m_connection, m_options.ioTimeout);
    ssh_channel channel = ssh_channel_new(m_connection->session);
    if (!channel)
        return libsshError(FleetErrorCode::ChannelFailed,
                           SshText::tr("Opening a channel to %1").arg(destination));
    if (ssh_channel_open_forward(channel, host.toUtf8().constData(), port, "127.0.0.1", 0) != SSH_OK) {
        auto failure = libsshError(FleetErrorCode::ChannelFailed,
                                   SshText::tr("Opening a channel to %1 on the site").arg(destination));
        ssh_channel_free(channel);
        return failure;
    }
    auto d = std::make_unique<SshTcpChannel::Private>();
    d->connection = m_connection;
    d->channel = channel;
    d->site = m_target.name;
    d->destination = destination;
    return std::unique_ptr<SshTcpChannel>(new SshTcpChannel(std::move(d)));
}

QString shellQuote(const QString &argument)
{
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString shellCommand(const QStringList &arguments)
{
    QStringList quoted;
    quoted.reserve(arguments.size());
    for (const QString &argument : arguments)
        quoted << shellQuote(argument);
    return quoted.join(QLatin1Char(' '));
}

} // namespace tenkai::fleet
