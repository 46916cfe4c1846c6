#include "fleet/preflight.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <atomic>
#include <mutex>
#include <thread>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class PreflightText
{
    Q_DECLARE_TR_FUNCTIONS(PreflightText)
};

namespace tenkai::fleet {
namespace {

void readFacts(SiteCheck &check, const QByteArray &output)
{
    for (const QByteArray &line : output.split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals <= 0)
            continue;
        const QByteArray key = line.left(equals);
        const QString value = QString::fromUtf8(line.mid(equals + 1)).trimmed();
        if (key == "arch")
            check.architecture = value;
        else if (key == "cores")
            check.cores = value.toInt();
        else if (key == "mem_kb") {
            bool ok = false;
            const qint64 kb = value.toLongLong(&ok);
            check.memoryBytes = ok ? kb * 1024 : -1;
        } else if (key == "free_kb") {
            bool ok = false;
            const qint64 kb = value.toLongLong(&ok);
            check.freeBytes = ok ? kb * 1024 : -1;
        } else if (key == "tenkaid")
            check.daemonVersion = value;
        else if (key == "gpu")
            check.gpu = value;
    }
}

} // namespace

QString preflightScript(const QString &root)
{
    // POSIX sh; every value from the inventory is quoted. Nothing is created or changed.
    return QStringLiteral(
               "root=%1; case $root in '~/'*) root=$HOME/${root#'~/'};; esac; "
               "a=$(uname -m 2>/dev/null); "
               "c=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null); "
               "m=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null); "
               "d=$root; while [ ! -d \"$d\" ]; do n=$(dirname -- \"$d\"); [ \"$n\" = \"$d\" ] && break; "
               "d=$n; done; "
               "f=$(df -Pk -- \"$d\" 2>/dev/null | awk 'NR==2 {print $4}'); "
               "t=; if [ -x \"$root/bin/tenkaid\" ]; then t=$(\"$root/bin/tenkaid\" --version 2>/dev/null | "
               "head -n 1); "
               "elif command -v tenkaid >/dev/null 2>&1; then t=$(tenkaid --version 2>/dev/null | head -n "
               "1); fi; "
               "g=; if command -v nvidia-smi >/dev/null 2>&1; then "
               "g=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -n "
               "1); fi; "
               "printf 'arch=%s\\ncores=%s\\nmem_kb=%s\\nfree_kb=%s\\ntenkaid=%s\\ngpu=%s\\n' \"$a\" \"$c\" "
               "\"$m\" \"$f\" \"$t\" \"$g\"")
        .arg(shellQuote(root));
}

SiteCheck checkSite(const Site &site, const SshOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    SiteCheck check;
    check.site = site.name;
    const QString script = preflightScript(site.root);
    if (site.transport == Transport::Local) {
        QProcess shell;
        shell.setWorkingDirectory(QDir::homePath());
        shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
        const int limit = int(std::max<qint64>(1000, options.ioTimeout.count()));
        if (!shell.waitForFinished(limit) || shell.exitStatus() != QProcess::NormalExit ||
            shell.exitCode() != 0) {
            shell.kill();
            shell.waitForFinished(1000);
            check.error =
                FleetError(FleetErrorCode::CommandFailed, site.name,
                           PreflightText::tr("Site %1 (local): the pre-flight script failed: %2")
                               .arg(site.name, QString::fromUtf8(shell.readAllStandardError()).trimmed()));
        } else {
            readFacts(check, shell.readAllStandardOutput());
            check.ok = true;
        }
        check.elapsedMs = timer.elapsed();
        return check;
    }

    SshSession session(site.sshTarget(), options);
    if (auto connected = session.connect(); !connected) {
        check.error = connected.error();
        check.hostKey = connected.error().offeredFingerprint;
    } else {
        check.hostKey = session.hostKeyFingerprint();
        check.pinnedNow = session.pinnedNewHostKey();
        check.hostKeyTrustedBy = session.hostKeyTrustedBy();
        check.connection = describeConnection(session.resolvedConfig());
        auto ran = session.exec(script, ExecOptions{{}, options.ioTimeout});
        if (!ran) {
            check.error = ran.error();
        } else if (ran.value().exitStatus != 0) {
            check.error =
                FleetError(FleetErrorCode::CommandFailed, site.name,
                           PreflightText::tr("Site %1: the pre-flight script ended with status %2: %3")
                               .arg(session.describeTarget())
                               .arg(ran.value().exitStatus)
                               .arg(QString::fromUtf8(ran.value().err).trimmed()));
        } else {
            readFacts(check, ran.value().out);
            check.ok = true;
        }
    }
    check.elapsedMs = timer.elapsed();
    return check;
}

std::vector<SiteCheck> checkSites(const std::vector<Site> &sites, const SshOptions &options, int forks,
                                  const std::function<void(const SiteCheck &)> &done)
{
    std::vector<SiteCheck> checks(sites.size());
    std::atomic<std::size_t> next = 0;
    std::mutex reporting;
    const auto workers =
        std::size_t(std::clamp<qsizetype>(forks, 1, qsizetype(std::max<std::size_t>(1, sites.size()))));
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w)
        threads.emplace_back([&] {
            for (std::size_t i = next++; i < sites.size(); i = next++) {
                checks[i] = checkSite(sites[i], options);
                if (done) {
                    std::lock_guard lock(reporting);
                    done(checks[i]);
                }
            }
        });
    for (auto &thread : threads)
        thread.join();
    return checks;
}

} // namespace tenkai::fleet
