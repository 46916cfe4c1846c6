#include "daemon/state_dir.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// Translation context for the state folder's error sentences.
class StateDir
{
    Q_DECLARE_TR_FUNCTIONS(StateDir)
};

namespace tenkai::daemon {
namespace {

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QString lastOsError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, std::size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

} // namespace

QString defaultStateDir()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + u"/.local/share"_s;
    return base + u"/tenkaid"_s;
}

QString tokenPath(const QString &stateDir)
{
    return stateDir + u"/token"_s;
}

QString lockPath(const QString &stateDir)
{
    return stateDir + u"/tenkaid.lock"_s;
}

QString databasePath(const QString &stateDir)
{
    return stateDir + u"/tenkaid.sqlite"_s;
}

QString logPath(const QString &stateDir)
{
    return stateDir + u"/tenkaid.log"_s;
}

QString runDir(const QString &stateDir, const QString &runId)
{
    return stateDir + u"/runs/"_s + runId;
}

namespace {

// chmod that reports why it failed; a file that does not exist is not an error.
bool enforceMode(const QString &path, mode_t mode, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st;
    if (::lstat(native.constData(), &st) != 0)
        return errno == ENOENT;
    // A link could point anywhere: the daemon never makes one here, so it is left alone.
    if (S_ISLNK(st.st_mode) || (st.st_mode & 07777) == mode)
        return true;
    if (::chmod(native.constData(), mode) != 0) {
        setError(error, StateDir::tr("Cannot set the mode %1 on %2: %3.")
                            .arg(QString::number(mode, 8), path, lastOsError()));
        return false;
    }
    return true;
}

} // namespace

bool prepareStateDir(const QString &stateDir, StateAccess access, QString *error)
{
    const QFileInfo info(stateDir);
    if (info.exists() && !info.isDir()) {
        setError(error, StateDir::tr("The state folder %1 is a file, not a folder.").arg(stateDir));
        return false;
    }
    const mode_t folderMode = access == StateAccess::Group ? 0750 : 0700;
    if (!info.exists()) {
        QDir().mkpath(QFileInfo(stateDir).absolutePath());
        if (::mkdir(QFile::encodeName(stateDir).constData(), folderMode) != 0 && errno != EEXIST) {
            setError(error,
                     StateDir::tr("Cannot create the state folder %1: %2.").arg(stateDir, lastOsError()));
            return false;
        }
    }
    if (::access(QFile::encodeName(stateDir).constData(), R_OK | W_OK | X_OK) != 0) {
        setError(error,
                 StateDir::tr("The state folder %1 is not writable: %2.").arg(stateDir, lastOsError()));
        return false;
    }
    if (!enforceMode(stateDir, folderMode, error))
        return false;
    // What the daemon keeps at the top of its folder (the token's mode is loadOrCreateToken's);
    // runs/ holds the checkpoints and models, private in either access.
    const QString runs = stateDir + u"/runs"_s;
    if (!QFileInfo::exists(runs))
        ::mkdir(QFile::encodeName(runs).constData(), 0700);
    if (!enforceMode(runs, 0700, error))
        return false;
    const QString db = databasePath(stateDir);
    for (const QString &path :
         QStringList{db, db + u"-wal"_s, db + u"-shm"_s, db + u"-journal"_s, logPath(stateDir),
                     lockPath(stateDir), stateDir + u"/tenkaid.port"_s})
        if (!enforceMode(path, 0600, error))
            return false;
    return true;
}

StateLock::~StateLock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool StateLock::acquire(const QString &stateDir, QString *error)
{
    const QByteArray path = QFile::encodeName(lockPath(stateDir));
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        setError(error,
                 StateDir::tr("Cannot open the lock file %1: %2.").arg(lockPath(stateDir), lastOsError()));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const bool busy = errno == EWOULDBLOCK;
        QString reason = lastOsError();
        char buffer[32] = {};
        const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
        ::close(fd);
        const QString pid = n > 0 ? QString::fromLatin1(buffer, n).trimmed() : QString();
        if (busy && !pid.isEmpty())
            setError(error,
                     StateDir::tr("Another tenkaid (pid %1) is already using the state folder %2; stop it "
                                  "first or give this one another --state-dir.")
                         .arg(pid, stateDir));
        else if (busy)
            setError(error,
                     StateDir::tr("Another tenkaid is already using the state folder %1; stop it first or "
                                  "give this one another --state-dir.")
                         .arg(stateDir));
        else
            setError(error, StateDir::tr("Cannot lock the state folder %1: %2.").arg(stateDir, reason));
        return false;
    }
    const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
    if (::ftruncate(fd, 0) != 0 || !writeAll(fd, pid)) {
        setError(error,
                 StateDir::tr("Cannot write the lock file %1: %2.").arg(lockPath(stateDir), lastOsError()));
        ::close(fd);
        return false;
    }
    m_fd = fd;
    return true;
}

std::optional<QString> readToken(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, StateDir::tr("Cannot read the token file %1: %2.").arg(path, file.errorString()));
        return std::nullopt;
    }
    const QString token = QString::fromUtf8(file.read(4096)).trimmed();
    if (token.isEmpty()) {
        setError(error, StateDir::tr("The token file %1 is empty.").arg(path));
        return std::nullopt;
    }
    return token;
}

std::optional<QString> loadOrCreateToken(const QString &stateDir, StateAccess access, QString *error)
{
    const QString path = tokenPath(stateDir);
    const QByteArray native = QFile::encodeName(path);
    const mode_t mode = access == StateAccess::Group ? 0640 : 0600;
    if (QFileInfo::exists(path)) {
        if (!enforceMode(path, mode, error))
            return std::nullopt;
        return readToken(path, error);
    }
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray token = QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
    const QByteArray temp = native + ".new";
    ::unlink(temp.constData());
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    // fchmod: the mode must not depend on the umask.
    bool ok = fd >= 0 && ::fchmod(fd, mode) == 0 && writeAll(fd, token + '\n') && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    ok = ok && ::rename(temp.constData(), native.constData()) == 0;
    if (!ok) {
        setError(error, StateDir::tr("Cannot write the token file %1: %2.").arg(path, lastOsError()));
        ::unlink(temp.constData());
        return std::nullopt;
    }
    const int dir = ::open(QFile::encodeName(stateDir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return QString::fromLatin1(token);
}

} // namespace tenkai::daemon
