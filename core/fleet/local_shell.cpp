#include "fleet/local_shell.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

class LocalShellText
{
    Q_DECLARE_TR_FUNCTIONS(LocalShellText)
};

namespace tenkai::fleet {

LocalShell::LocalShell(QString siteName, QString workingDir)
    : m_site(std::move(siteName)), m_dir(workingDir.isEmpty() ? QDir::currentPath() : workingDir)
{}

QString LocalShell::describeTarget() const
{
    return LocalShellText::tr("%1 (this machine)").arg(m_site);
}

QString LocalShell::absolute(const QString &path) const
{
    return QDir(m_dir).absoluteFilePath(path);
}

Result<ExecResult> LocalShell::exec(const QString &command, const ExecOptions &options)
{
    QProcess shell;
    shell.setWorkingDirectory(m_dir);
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    if (!shell.waitForStarted(10000))
        return FleetError(FleetErrorCode::CommandFailed, m_site,
                          LocalShellText::tr("Site %1: /bin/sh did not start: %2.")
                              .arg(describeTarget(), shell.errorString()));
    if (!options.input.isEmpty())
        shell.write(options.input);
    shell.closeWriteChannel();
    // Read as it comes, keeping at most maxOutput of each stream: QProcess would otherwise hold all
    // that a command prints until it ends.
    ExecResult result;
    const auto take = [&] {
        for (const auto channel : {QProcess::StandardOutput, QProcess::StandardError}) {
            shell.setReadChannel(channel);
            const QByteArray chunk = shell.readAll();
            const bool out = channel == QProcess::StandardOutput;
            appendCapped(out ? result.out : result.err, out ? result.outDropped : result.errDropped,
                         chunk.constData(), chunk.size(), options.maxOutput);
        }
    };
    QElapsedTimer clock;
    clock.start();
    while (shell.state() != QProcess::NotRunning) {
        if (clock.elapsed() >= options.timeout.count()) {
            shell.kill();
            shell.waitForFinished(5000);
            return FleetError(
                FleetErrorCode::Timeout, m_site,
                LocalShellText::tr("Site %1: a command did not finish within %2 s; it was stopped.")
                    .arg(describeTarget())
                    .arg(double(options.timeout.count()) / 1000.0));
        }
        // Returns at stdout's first data; data on stderr is taken at the latest 20 ms later.
        shell.setReadChannel(QProcess::StandardOutput);
        shell.waitForReadyRead(20);
        take();
    }
    take();
    if (shell.exitStatus() == QProcess::CrashExit) {
        result.exitStatus = -1;
        result.exitSignal = QStringLiteral("KILL");
    } else {
        result.exitStatus = shell.exitCode();
    }
    return result;
}

Status LocalShell::upload(const QString &localPath, const QString &remotePath, const UploadOptions &options)
{
    return write(nullptr, localPath, remotePath, options);
}

Status LocalShell::uploadData(const QByteArray &data, const QString &remotePath, const UploadOptions &options)
{
    return write(&data, QString(), remotePath, options);
}

// Copies into a temporary file beside the target, checks what was written against the source's
// SHA-256, syncs it, sets the mode and renames it over the target.
Status LocalShell::write(const QByteArray *data, const QString &localPath, const QString &remotePath,
                         const UploadOptions &options)
{
    const int mode = options.mode;
    const QString target = absolute(remotePath);
    const QFileInfo info(target);
    const QString temporary =
        info.absoluteDir().filePath(QStringLiteral(".%1.tenkai-part-%2").arg(info.fileName()).arg(getpid()));
    auto fail = [&](FleetErrorCode code, const QString &what) -> Status {
        QFile::remove(temporary);
        return FleetError(
            code, m_site,
            LocalShellText::tr("Site %1: cannot write %2: %3.").arg(describeTarget(), target, what));
    };
    QFile source(localPath);
    if (!data && !source.open(QIODevice::ReadOnly))
        return FleetError(FleetErrorCode::LocalFileUnusable, m_site,
                          LocalShellText::tr("Site %1: cannot read %2: %3.")
                              .arg(describeTarget(), localPath, source.errorString()));
    if (options.makeParents && !QDir().mkpath(info.absolutePath()))
        return fail(FleetErrorCode::TransferFailed, LocalShellText::tr("cannot create its folder"));
    QFile out(temporary);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(FleetErrorCode::TransferFailed, out.errorString());
    QCryptographicHash sent(QCryptographicHash::Sha256);
    if (data) {
        sent.addData(*data);
        if (out.write(*data) != data->size())
            return fail(FleetErrorCode::TransferFailed, out.errorString());
    } else {
        QByteArray chunk;
        while (!(chunk = source.read(1 << 20)).isEmpty()) {
            sent.addData(chunk);
            if (out.write(chunk) != chunk.size())
                return fail(FleetErrorCode::TransferFailed, out.errorString());
        }
        if (source.error() != QFileDevice::NoError)
            return fail(FleetErrorCode::LocalFileUnusable, source.errorString());
    }
    if (!out.flush() || ::fsync(out.handle()) != 0)
        return fail(FleetErrorCode::TransferFailed, QString::fromLocal8Bit(std::strerror(errno)));
    out.close();
    // Read back what landed on disk: the same check an SSH upload makes with sha256sum.
    QFile written(temporary);
    QCryptographicHash landed(QCryptographicHash::Sha256);
    if (!written.open(QIODevice::ReadOnly) || !landed.addData(&written))
        return fail(FleetErrorCode::TransferFailed, written.errorString());
    if (landed.result() != sent.result() ||
        (!options.sha256.isEmpty() && landed.result().toHex() != options.sha256.toLower().toLatin1()))
        return fail(FleetErrorCode::ChecksumMismatch,
                    LocalShellText::tr("the written file's SHA-256 differs from the source's"));
    if (::chmod(QFile::encodeName(temporary).constData(), mode_t(mode)) != 0 ||
        std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(target).constData()) != 0)
        return fail(FleetErrorCode::TransferFailed, QString::fromLocal8Bit(std::strerror(errno)));
    return Done{};
}

} // namespace tenkai::fleet
