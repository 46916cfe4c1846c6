#include "sshd_sites.h"

#include "free_port.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tenkai::test {
namespace {

QString sshdPath()
{
    const QString found = QStandardPaths::findExecutable(
        QStringLiteral("sshd"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return found.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("sshd")) : found;
}

QString keygenPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("ssh-keygen"));
}

// True when something on 127.0.0.1:port sends an SSH banner within the timeout.
bool answersWithBanner(quint16 port, int timeoutMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in address = loopback(port);
    bool ok = false;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
        pollfd p{fd, POLLIN, 0};
        char banner[8] = {};
        if (::poll(&p, 1, timeoutMs) == 1 && ::recv(fd, banner, sizeof banner, 0) >= 4)
            ok = QByteArray(banner, 4) == "SSH-";
    }
    ::close(fd);
    return ok;
}

void signalAll(const std::vector<pid_t> &pids, int signal)
{
    for (const pid_t pid : pids)
        ::kill(pid, signal);
}

} // namespace

SshdSites::SshdSites()
    : m_dir(std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/tenkai-sshd-XXXXXX")))
{
    m_root = m_dir->path();
}

SshdSites::~SshdSites()
{
    for (auto &site : m_sites)
        stopSite(site);
}

QString SshdSites::unavailableReason()
{
    if (sshdPath().isEmpty())
        return QStringLiteral("OpenSSH's sshd is not installed (apt-get install openssh-server)");
    if (keygenPath().isEmpty())
        return QStringLiteral("ssh-keygen is not installed (apt-get install openssh-client)");
    return {};
}

bool SshdSites::runTool(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(keygenPath(), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("ssh-keygen %1 failed: %2")
                      .arg(arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool SshdSites::writeSite(SshdSite &site)
{
    QFile::remove(site.hostKey);
    QFile::remove(site.hostKey + QStringLiteral(".pub"));
    if (!runTool({QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                  QString(), QStringLiteral("-C"), site.name, QStringLiteral("-f"), site.hostKey}))
        return false;
    const QString text = QStringLiteral("ListenAddress 127.0.0.1:%1\n"
                                        "HostKey %2\n"
                                        "PidFile %3/sshd.pid\n"
                                        "AuthorizedKeysFile %3/authorized_keys\n"
                                        "StrictModes no\n"
                                        "UsePAM no\n"
                                        "PasswordAuthentication no\n"
                                        "KbdInteractiveAuthentication no\n"
                                        "PubkeyAuthentication yes\n"
                                        "PermitRootLogin prohibit-password\n"
                                        "Subsystem sftp internal-sftp\n"
                                        "AllowTcpForwarding yes\n"
                                        "MaxStartups 100:30:200\n"
                                        "UseDNS no\n"
                                        "PrintMotd no\n"
                                        "LogLevel DEBUG1\n")
                             .arg(site.port)
                             .arg(site.hostKey, site.dir);
    QFile config(site.config);
    if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        config.write(text.toUtf8()) != text.size()) {
        m_error = QStringLiteral("cannot write %1").arg(site.config);
        return false;
    }
    return true;
}

bool SshdSites::launch(SshdSite &site)
{
    const QByteArray program = QFile::encodeName(sshdPath());
    const QByteArray config = QFile::encodeName(site.config);
    const QByteArray log = QFile::encodeName(site.log);
    char dashD[] = "-D";
    char dashF[] = "-f";
    char dashE[] = "-E";
    char *argv[] = {
        const_cast<char *>(program.constData()), dashD,  dashF, const_cast<char *>(config.constData()), dashE,
        const_cast<char *>(log.constData()),     nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.constData(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        m_error = QStringLiteral("cannot start %1: %2").arg(sshdPath(), QString::fromLocal8Bit(strerror(rc)));
        return false;
    }
    site.pid = pid;
    return true;
}

bool SshdSites::waitReady(SshdSite &site, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        int status = 0;
        if (::waitpid(site.pid, &status, WNOHANG) == site.pid) {
            site.pid = 0;
            m_error = QStringLiteral("sshd for %1 exited at start").arg(site.name);
            QFile log(site.log);
            if (log.open(QIODevice::ReadOnly))
                m_error = QStringLiteral("sshd for %1 exited at start; its log says: %2")
                              .arg(site.name, QString::fromUtf8(log.readAll()).trimmed());
            return false;
        }
        if (answersWithBanner(site.port, 200))
            return true;
        QThread::msleep(20);
    }
    m_error = QStringLiteral("sshd for %1 did not answer on port %2 within %3 ms")
                  .arg(site.name)
                  .arg(site.port)
                  .arg(timeoutMs);
    return false;
}

bool SshdSites::start(int sites)
{
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        m_error = why;
        return false;
    }
    // sshd running as root needs its privilege separation folder.
    ::mkdir("/run/sshd", 0755);
    if (!QFile::exists(clientKey()) &&
        (!runTool({QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                   QStringLiteral("-N"), QString(), QStringLiteral("-C"),
                   QStringLiteral("tenkai-test-client"), QStringLiteral("-f"), clientKey()}) ||
         !runTool({QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                   QStringLiteral("-N"), QString(), QStringLiteral("-C"),
                   QStringLiteral("tenkai-test-stranger"), QStringLiteral("-f"), strangerKey()})))
        return false;
    QFile config(clientConfig());
    if (!config.exists() &&
        (!config.open(QIODevice::WriteOnly) ||
         config.write("# tenkai tests: no user ssh configuration, and none of the user's trusted host keys\n"
                      "UserKnownHostsFile /dev/null\nGlobalKnownHostsFile /dev/null\n") < 0)) {
        m_error = QStringLiteral("cannot write %1").arg(clientConfig());
        return false;
    }
    config.close();
    QFile publicKey(clientKey() + QStringLiteral(".pub"));
    if (!publicKey.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read %1").arg(publicKey.fileName());
        return false;
    }
    const QByteArray authorized = publicKey.readAll();

    const int first = count();
    for (int i = 0; i < sites; ++i) {
        SshdSite site;
        site.name = QStringLiteral("site%1").arg(first + i + 1, 2, 10, QLatin1Char('0'));
        site.dir = m_root + QLatin1Char('/') + site.name;
        site.config = site.dir + QStringLiteral("/sshd_config");
        site.hostKey = site.dir + QStringLiteral("/host_ed25519_key");
        site.log = site.dir + QStringLiteral("/sshd.log");
        if (!QDir().mkpath(site.dir)) {
            m_error = QStringLiteral("cannot create %1").arg(site.dir);
            return false;
        }
        QFile keys(site.dir + QStringLiteral("/authorized_keys"));
        if (!keys.open(QIODevice::WriteOnly) || keys.write(authorized) != authorized.size()) {
            m_error = QStringLiteral("cannot write %1").arg(keys.fileName());
            return false;
        }
        m_sites.push_back(site);
    }
    // Launch all, then wait for all: ten sites start in well under a second.
    for (int i = first; i < count(); ++i) {
        auto &site = m_sites[std::size_t(i)];
        site.port = freePort();
        if (!writeSite(site) || !launch(site))
            return false;
    }
    for (int i = first; i < count(); ++i) {
        auto &site = m_sites[std::size_t(i)];
        // A port taken between the probe and sshd's bind: try another one.
        for (int attempt = 0; !waitReady(site, 10000); ++attempt) {
            stopSite(site);
            if (attempt == 2)
                return false;
            site.port = freePort();
            if (!writeSite(site) || !launch(site))
                return false;
        }
    }
    return true;
}

std::vector<pid_t> SshdSites::processTree(pid_t root)
{
    std::vector<pid_t> pids{root};
    for (std::size_t i = 0; i < pids.size(); ++i) {
        const QDir tasks(QStringLiteral("/proc/%1/task").arg(pids[i]));
        for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile children(tasks.filePath(task) + QStringLiteral("/children"));
            if (!children.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &child : children.readAll().split(' ')) {
                bool ok = false;
                const pid_t pid = child.trimmed().toInt(&ok);
                if (ok && pid > 0)
                    pids.push_back(pid);
            }
        }
    }
    return pids;
}

void SshdSites::stopSite(SshdSite &site)
{
    if (site.pid <= 0)
        return;
    // Stop the tree first so nothing forks between listing and killing it.
    signalAll(processTree(site.pid), SIGSTOP);
    signalAll(processTree(site.pid), SIGKILL);
    ::waitpid(site.pid, nullptr, 0);
    site.pid = 0;
    QFile::remove(site.dir + QStringLiteral("/sshd.pid"));
}

void SshdSites::kill(int index)
{
    stopSite(m_sites.at(std::size_t(index)));
}

void SshdSites::freeze(int index)
{
    const auto &site = m_sites.at(std::size_t(index));
    if (site.pid <= 0)
        return;
    ::kill(site.pid, SIGSTOP);
    signalAll(processTree(site.pid), SIGSTOP);
}

void SshdSites::thaw(int index)
{
    const auto &site = m_sites.at(std::size_t(index));
    if (site.pid > 0)
        signalAll(processTree(site.pid), SIGCONT);
}

bool SshdSites::restart(int index)
{
    auto &site = m_sites.at(std::size_t(index));
    stopSite(site);
    return launch(site) && waitReady(site, 10000);
}

bool SshdSites::rekey(int index)
{
    auto &site = m_sites.at(std::size_t(index));
    stopSite(site);
    return writeSite(site) && launch(site) && waitReady(site, 10000);
}

QString SshdSites::hostKeyFingerprint(int index) const
{
    QProcess process;
    process.start(keygenPath(), {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                                 QStringLiteral("-f"), site(index).hostKey + QStringLiteral(".pub")});
    if (!process.waitForFinished(30000))
        return {};
    const QStringList fields = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char(' '));
    return fields.size() > 1 ? fields.at(1) : QString();
}

QString SshdSites::logText(int index) const
{
    QFile log(site(index).log);
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
}

} // namespace tenkai::test
