#include "fleet/daemon_package.h"

#include "fleet/recipe.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class DaemonPackageText
{
    Q_DECLARE_TR_FUNCTIONS(DaemonPackageText)
};

namespace tenkai::fleet {
namespace {

FleetError localError(const QString &message)
{
    return FleetError(FleetErrorCode::LocalFileUnusable, QString(), message);
}

FleetError siteError(const Site &site, const QString &message)
{
    return FleetError(FleetErrorCode::CommandFailed, site.name, message);
}

// Runs a program on this machine; its standard output, or nullopt with `why` set.
std::optional<QByteArray> runLocal(const QString &program, const QStringList &arguments, QString *why,
                                   int timeoutMs = 60000)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        *why = DaemonPackageText::tr("%1 is not installed on this machine").arg(program);
        return std::nullopt;
    }
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        *why = QString::fromUtf8(process.readAllStandardError()).trimmed();
        if (why->isEmpty())
            *why = DaemonPackageText::tr("%1 failed").arg(program);
        return std::nullopt;
    }
    return process.readAllStandardOutput();
}

// dpkg's order of versions (dpkg --compare-versions), so 0.10 is newer than 0.9.
bool newerVersion(const QString &a, const QString &b)
{
    QString why;
    return runLocal(QStringLiteral("dpkg"),
                    {QStringLiteral("--compare-versions"), a, QStringLiteral("gt"), b}, &why)
        .has_value();
}

// "1,050 MB", "12.3 kB", "1 GB" as apt prints them (SI units) in bytes; -1 when unreadable.
qint64 aptBytes(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9][0-9.,]*) ?([kMG]?)B$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    bool ok = false;
    const double value = QString(match.captured(1)).remove(QLatin1Char(',')).toDouble(&ok);
    if (!ok)
        return -1;
    const QString unit = match.captured(2);
    const double scale = unit == QLatin1String("k")   ? 1e3
                         : unit == QLatin1String("M") ? 1e6
                         : unit == QLatin1String("G") ? 1e9
                                                      : 1;
    return qint64(value * scale);
}

// The remote shell's prefix for commands that need root: nothing as root, else sudo without a
// password (pre-flight has checked that it works).
QString sudoPrefix()
{
    return QStringLiteral("if [ \"$(id -u)\" = 0 ]; then s=; else s='sudo -n'; fi; ");
}

QString aptOptions()
{
    return QStringLiteral("-y -q --no-install-recommends -o DPkg::Lock::Timeout=300");
}

// The site root as the remote shell sees it ("~/x" and relative roots are under $HOME).
QString rootAssignment(const Site &site)
{
    return QStringLiteral("root=%1; case $root in '~/'*) root=$HOME/${root#'~/'};; /*) ;; *) "
                          "root=$HOME/$root;; esac; ")
        .arg(shellQuote(site.root));
}

bool rootIsOutsideHomes(const QString &root)
{
    if (!root.startsWith(QLatin1Char('/')))
        return false;
    const QString clean = QDir::cleanPath(root);
    for (const QString &home :
         {QStringLiteral("/home"), QStringLiteral("/root"), QStringLiteral("/run/user")})
        if (clean == home || clean.startsWith(home + QLatin1Char('/')))
            return false;
    return true;
}

QString hexPort(int port)
{
    return QStringLiteral("%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
}

// Runs `script` on the site; its output, or an error with what it printed.
Result<QByteArray> runOnSite(SiteShell &shell, const Site &site, const QString &what, const QString &script,
                             std::chrono::milliseconds timeout = std::chrono::milliseconds(120000))
{
    auto ran = shell.exec(script, ExecOptions{{}, timeout});
    if (!ran)
        return ran.error();
    if (ran.value().exitStatus != 0) {
        QString output = QString::fromUtf8(ran.value().err + ran.value().out).trimmed();
        const QStringList lines = output.split(QLatin1Char('\n'));
        if (lines.size() > 12)
            output = lines.mid(lines.size() - 12).join(QLatin1Char('\n'));
        return siteError(site, DaemonPackageText::tr("Site %1: %2 failed (status %3): %4")
                                   .arg(shell.describeTarget(), what)
                                   .arg(ran.value().exitStatus)
                                   .arg(output));
    }
    return ran.value().out;
}

} // namespace

Result<DebInfo> readDeb(const QString &path)
{
    QString why;
    const auto fields =
        runLocal(QStringLiteral("dpkg-deb"),
                 {QStringLiteral("--field"), path, QStringLiteral("Package"), QStringLiteral("Version"),
                  QStringLiteral("Architecture"), QStringLiteral("Depends")},
                 &why);
    if (!fields)
        return localError(DaemonPackageText::tr("Cannot read the package %1: %2.").arg(path, why));
    DebInfo deb;
    deb.path = QFileInfo(path).absoluteFilePath();
    deb.bytes = QFileInfo(path).size();
    QString depends;
    QString *last = nullptr;
    for (const QString &line : QString::fromUtf8(*fields).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char(' ')) && last) { // a folded field goes on
            *last += line;
            continue;
        }
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        const QString key = line.left(colon);
        const QString value = line.mid(colon + 1).trimmed();
        last = key == QLatin1String("Package")        ? &deb.package
               : key == QLatin1String("Version")      ? &deb.version
               : key == QLatin1String("Architecture") ? &deb.architecture
               : key == QLatin1String("Depends")      ? &depends
                                                      : nullptr;
        if (last)
            *last = value;
    }
    if (deb.package.isEmpty() || deb.version.isEmpty() || deb.architecture.isEmpty())
        return localError(
            DaemonPackageText::tr("The package %1 has no Package, Version or Architecture field.").arg(path));
    for (const QString &item : depends.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString name = item.section(QLatin1Char('|'), 0, 0).trimmed();
        name = name.section(QLatin1Char(' '), 0, 0).section(QLatin1Char('('), 0, 0).trimmed();
        name = name.section(QLatin1Char(':'), 0, 0); // "pkg:any"
        if (!name.isEmpty() && !deb.depends.contains(name))
            deb.depends << name;
    }
    static const QRegularExpression debSuffix(QStringLiteral("[+~]deb([0-9]+)"));
    if (const auto match = debSuffix.match(deb.version); match.hasMatch())
        deb.distribution = match.captured(1);
    return deb;
}

Result<DebInfo> findDaemonPackage(const QString &folder, const QString &architecture, const QString &siteName)
{
    const QDir dir(folder);
    const QStringList all = dir.entryList({QStringLiteral("tenkaid_*.deb")}, QDir::Files, QDir::Name);
    std::optional<DebInfo> best;
    for (const QString &name : all) {
        const QString arch = name.section(QLatin1Char('_'), -1).chopped(4);
        if (arch != architecture && arch != QLatin1String("all"))
            continue;
        auto deb = readDeb(dir.filePath(name));
        if (!deb)
            return deb.error();
        if (!best || newerVersion(deb.value().version, best->version))
            best = deb.value();
    }
    if (best)
        return *best;
    return FleetError(
        FleetErrorCode::InvalidTarget, siteName,
        all.isEmpty()
            ? DaemonPackageText::tr("Site %1 needs the tenkaid package for %2, and %3 holds none: build it "
                                    "(cpack -G DEB in a build folder, docs/deployment.md) and copy "
                                    "tenkaid_VERSION_%2.deb there.")
                  .arg(siteName, architecture, QDir::toNativeSeparators(dir.absolutePath()))
            : DaemonPackageText::tr("Site %1 is %2, and %3 holds tenkaid packages for other architectures "
                                    "only (%4): build tenkaid for %2 (docs/deployment.md) and copy its .deb "
                                    "there.")
                  .arg(siteName, architecture, QDir::toNativeSeparators(dir.absolutePath()),
                       all.join(QStringLiteral(", "))));
}

QString findOfflineBundle(const QString &folder, const QString &codename, const QString &architecture)
{
    const QString bundle = QDir(folder).filePath(QStringLiteral("offline-%1-%2").arg(codename, architecture));
    return QFileInfo::exists(bundle + QStringLiteral("/Packages")) ? bundle : QString();
}

Result<PackageSiteFacts> probePackageSite(SiteShell &shell, const Site &site, const DebInfo *deb)
{
    // POSIX sh, C locale so apt's sentences can be read; nothing is created or changed (apt only
    // simulates, without its lock).
    QString script =
        QStringLiteral("export LC_ALL=C; ") + rootAssignment(site) +
        QStringLiteral("echo \"user=$(id -un)\"; echo \"arch=$(dpkg --print-architecture 2>/dev/null)\"; "
                       "if [ -r /etc/os-release ]; then . /etc/os-release; fi; "
                       "echo \"os_id=${ID:-}\"; echo \"os_like=${ID_LIKE:-}\"; "
                       "echo \"os_version=${VERSION_ID:-}\"; echo \"codename=${VERSION_CODENAME:-}\"; "
                       "echo \"os_name=${PRETTY_NAME:-}\"; "
                       "if [ \"$(id -u)\" = 0 ]; then p=root; elif command -v sudo >/dev/null 2>&1 && "
                       "sudo -n true 2>/dev/null; then p=sudo; else p=none; fi; echo \"privilege=$p\"; "
                       "command -v apt-get >/dev/null 2>&1 && echo apt=yes; "
                       "ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 && echo lists=yes; "
                       "i=$(dpkg-query -W -f='${db:Status-Abbrev} ${Version}' tenkaid 2>/dev/null); "
                       "case $i in ii*) echo \"installed=${i#ii* }\";; esac; "
                       "[ -d /run/systemd/system ] && echo systemd=yes; "
                       "if g=$(getent group tenkai); then echo group=yes; "
                       "echo \",${g##*:},\" | grep -q \",$(id -un),\" && echo in_group=yes; fi; "
                       "if [ -d \"$root\" ]; then echo root=dir; echo \"root_group=$(stat -c %G -- "
                       "\"$root\")\"; elif [ -e \"$root\" ] || [ -L \"$root\" ]; then echo root=other; "
                       "else echo root=missing; fi; "
                       "m=; for d in /usr /var/cache/apt/archives \"$root\"; do "
                       "while [ ! -d \"$d\" ]; do n=$(dirname -- \"$d\"); [ \"$n\" = \"$d\" ] && break; "
                       "d=$n; done; "
                       "f=$(df -Pk -- \"$d\" 2>/dev/null | awk 'NR==2 {print $4}'); "
                       "[ -n \"$f\" ] && { [ -z \"$m\" ] || [ \"$f\" -lt \"$m\" ]; } && m=$f; done; "
                       "echo \"free_kb=$m\"; ");
    if (deb && !deb->depends.isEmpty())
        script +=
            QStringLiteral("if command -v apt-get >/dev/null 2>&1; then "
                           "apt-get --assume-no -o Debug::NoLocking=1 install -- %1 2>&1 | sed -n "
                           "-e 's/^E: Unable to locate package \\(.*\\)/missing=\\1/p' "
                           "-e \"s/^E: Package '\\(.*\\)' has no installation candidate/missing=\\1/p\" "
                           "-e 's/^Need to get \\([0-9.,]* [kMG]*B\\).*/get=\\1/p' "
                           "-e 's/^After this operation, \\(.*\\) of additional disk space.*/after=\\1/p' "
                           "-e '/^E: \\(Unable to locate\\|Couldn.t find\\|Package .* has no\\)/d' "
                           "-e 's/^E: \\(.*\\)/apt_error=\\1/p'; fi")
                .arg(shellCommand(deb->depends));
    auto out = runOnSite(shell, site, DaemonPackageText::tr("the package pre-flight"), script);
    if (!out)
        return out.error();
    PackageSiteFacts facts;
    qint64 get = 0, after = 0;
    bool sized = false;
    for (const QByteArray &raw : out.value().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0)
            continue;
        const QString key = line.left(equals);
        const QString value = line.mid(equals + 1).trimmed();
        if (key == QLatin1String("user"))
            facts.user = value;
        else if (key == QLatin1String("arch"))
            facts.architecture = value;
        else if (key == QLatin1String("os_id"))
            facts.osId = value;
        else if (key == QLatin1String("os_like"))
            facts.osLike = value;
        else if (key == QLatin1String("os_version"))
            facts.osVersion = value;
        else if (key == QLatin1String("codename"))
            facts.codename = value;
        else if (key == QLatin1String("os_name"))
            facts.osName = value;
        else if (key == QLatin1String("privilege"))
            facts.privilege = value;
        else if (key == QLatin1String("apt"))
            facts.hasApt = true;
        else if (key == QLatin1String("lists"))
            facts.aptLists = true;
        else if (key == QLatin1String("installed"))
            facts.installedVersion = value;
        else if (key == QLatin1String("systemd"))
            facts.systemd = true;
        else if (key == QLatin1String("group"))
            facts.tenkaiGroup = true;
        else if (key == QLatin1String("in_group"))
            facts.inGroup = true;
        else if (key == QLatin1String("root"))
            facts.rootState = value;
        else if (key == QLatin1String("root_group"))
            facts.rootGroup = value;
        else if (key == QLatin1String("free_kb")) {
            bool ok = false;
            const qint64 kb = value.toLongLong(&ok);
            facts.freeBytes = ok ? kb * 1024 : -1;
        } else if (key == QLatin1String("missing")) {
            if (!facts.aptMissing.contains(value))
                facts.aptMissing << value;
        } else if (key == QLatin1String("get") || key == QLatin1String("after")) {
            const qint64 bytes = aptBytes(value);
            if (bytes >= 0) {
                (key == QLatin1String("get") ? get : after) = bytes;
                sized = true;
            }
        } else if (key == QLatin1String("apt_error") && facts.aptError.isEmpty()) {
            facts.aptError = value;
        }
    }
    if (deb)
        facts.needBytes = sized ? get + after + deb->bytes : -1;
    return facts;
}

QStringList packageProblems(const Site &site, const PackageSiteFacts &facts, const DebInfo &deb,
                            const QString &bundle)
{
    QStringList problems;
    const QString name = site.name;
    const bool debianFamily = facts.osId == QLatin1String("debian") ||
                              facts.osLike.split(QLatin1Char(' ')).contains(QLatin1String("debian"));
    if (!debianFamily || !facts.hasApt || facts.architecture.isEmpty()) {
        problems << DaemonPackageText::tr("Site %1 runs %2, without dpkg and apt: the tenkaid package needs "
                                          "Debian. Give the site daemon: binary, or install Debian 12.")
                        .arg(name, facts.osName.isEmpty() ? DaemonPackageText::tr("an unknown system")
                                                          : facts.osName);
        return problems; // nothing else can be judged
    }
    // Without a package (none for the site's architecture) only the site itself is judged.
    const bool haveDeb = !deb.path.isEmpty();
    if (haveDeb && deb.architecture != QLatin1String("all") && deb.architecture != facts.architecture)
        problems << DaemonPackageText::tr("Site %1 is %2, the package %3 is for %4: build tenkaid for %2 "
                                          "(docs/deployment.md).")
                        .arg(name, facts.architecture, QFileInfo(deb.path).fileName(), deb.architecture);
    if (haveDeb && !deb.distribution.isEmpty() && facts.osVersion != deb.distribution)
        problems << DaemonPackageText::tr(
                        "Site %1 runs %2, the package %3 was built for Debian %4: upgrade "
                        "the site to Debian %4, or build the package on the site's release.")
                        .arg(name, facts.osName, QFileInfo(deb.path).fileName(), deb.distribution);
    if (facts.privilege == QLatin1String("none"))
        problems << DaemonPackageText::tr("Site %1: the user %2 is not root and cannot use sudo without a "
                                          "password, and installing a package needs one of them: add a "
                                          "sudoers rule for %2 (docs/deployment.md) or log in as root.")
                        .arg(name, facts.user);
    if (!rootIsOutsideHomes(site.root))
        problems << DaemonPackageText::tr("Site %1: its root \"%2\" is in a home folder, which the packaged "
                                          "service (user tenkai, ProtectHome) cannot read: give the site an "
                                          "absolute root outside /home, such as /srv/tenkai.")
                        .arg(name, site.root);
    else if (facts.rootState == QLatin1String("other"))
        problems
            << DaemonPackageText::tr("Site %1: its root %2 exists and is not a folder.").arg(name, site.root);
    if (facts.needBytes > 0 && facts.freeBytes >= 0 &&
        facts.freeBytes < facts.needBytes + facts.needBytes / 10)
        problems << DaemonPackageText::tr("Site %1 has %2 free, and installing tenkaid with its dependencies "
                                          "needs about %3: free some space first.")
                        .arg(name, formatBytes(facts.freeBytes), formatBytes(facts.needBytes));
    if (bundle.isEmpty() && facts.aptLists && !facts.aptMissing.isEmpty())
        problems << DaemonPackageText::tr("Site %1: apt finds no %2 (needed by tenkaid): add a Debian %3 "
                                          "mirror to its apt sources, or give it an offline bundle "
                                          "(scripts/make-offline-bundle.sh, docs/deployment.md).")
                        .arg(name, facts.aptMissing.join(QStringLiteral(", ")), facts.codename);
    else if (bundle.isEmpty() && facts.aptLists && !facts.aptError.isEmpty())
        problems << DaemonPackageText::tr("Site %1: apt cannot install tenkaid's dependencies: %2")
                        .arg(name, facts.aptError);
    return problems;
}

Result<QString> ensurePackagedDaemon(SiteShell &shell, const Site &site, const PackageInstallOptions &options)
{
    const auto log = [&](const QString &line) {
        if (options.log)
            options.log(line);
    };
    const auto cancelled = [&] {
        return options.cancelled && options.cancelled();
    };
    const auto stop = [&] {
        return FleetError(FleetErrorCode::Cancelled, site.name,
                          DaemonPackageText::tr("Site %1: cancelled.").arg(site.name));
    };

    // 1. Pre-flight: what the site is, which package it needs, what would stop the install.
    auto first = probePackageSite(shell, site, nullptr);
    if (!first)
        return first.error();
    PackageSiteFacts facts = first.value();
    auto deb = findDaemonPackage(
        options.packagesDir,
        facts.architecture.isEmpty() ? DaemonPackageText::tr("an unknown architecture") : facts.architecture,
        site.name);
    if (!deb) {
        // Everything that stops the install at once, the missing package first.
        QStringList problems = packageProblems(site, facts, DebInfo{}, QString());
        if (problems.isEmpty())
            return deb.error();
        problems.prepend(deb.error().message);
        return FleetError(deb.error().code, site.name, problems.join(QLatin1Char(' ')));
    }
    const bool current = facts.installedVersion == deb.value().version;
    const QString bundle = findOfflineBundle(options.packagesDir, facts.codename, facts.architecture);
    if (!current && facts.aptLists) {
        auto sized = probePackageSite(shell, site, &deb.value());
        if (!sized)
            return sized.error();
        facts = sized.value();
    }
    log(DaemonPackageText::tr("pre-flight: %1, %2, %3 as %4; tenkaid %5; systemd %6; %7 free")
            .arg(facts.osName, facts.architecture, facts.privilege, facts.user,
                 facts.installedVersion.isEmpty() ? DaemonPackageText::tr("not installed")
                                                  : facts.installedVersion,
                 facts.systemd ? DaemonPackageText::tr("running") : DaemonPackageText::tr("absent"),
                 facts.freeBytes >= 0 ? formatBytes(facts.freeBytes) : DaemonPackageText::tr("unknown")));
    QStringList problems = packageProblems(site, facts, deb.value(), bundle);
    if (!problems.isEmpty())
        return FleetError(FleetErrorCode::InvalidTarget, site.name, problems.join(QLatin1Char(' ')));

    const QString from =
        !bundle.isEmpty() && (!facts.aptMissing.isEmpty() || !facts.aptLists)
            ? DaemonPackageText::tr("the offline bundle %1").arg(QFileInfo(bundle).fileName())
            : DaemonPackageText::tr("the site's apt sources");
    const bool useBundle = !bundle.isEmpty() && (!facts.aptMissing.isEmpty() || !facts.aptLists);
    if (options.dryRun)
        return current ? DaemonPackageText::tr("tenkaid %1 is installed; would check its service")
                             .arg(facts.installedVersion)
                       : DaemonPackageText::tr("would install tenkaid %1 from %2 (%3)")
                             .arg(deb.value().version, QFileInfo(deb.value().path).fileName(), from);

    // 2. The package, unless this version is installed.
    QString did;
    if (!current) {
        if (cancelled())
            return stop();
        if (useBundle) {
            // The bundle as one tar: a flat apt repository on the site, used by itself (the site's own
            // sources and lists stay as they are).
            QTemporaryDir scratch;
            const QString tar = scratch.filePath(QStringLiteral("bundle.tar"));
            QString why;
            if (!runLocal(QStringLiteral("tar"),
                          {QStringLiteral("-cf"), tar, QStringLiteral("-C"), bundle, QStringLiteral(".")},
                          &why, 600000))
                return localError(
                    DaemonPackageText::tr("Cannot pack the offline bundle %1: %2.").arg(bundle, why));
            const QString remote = QStringLiteral(".tenkai/%1.tar").arg(QFileInfo(bundle).fileName());
            log(DaemonPackageText::tr("uploading the offline bundle %1 (%2)")
                    .arg(QFileInfo(bundle).fileName(), formatBytes(QFileInfo(tar).size())));
            const QString apt =
                QStringLiteral("-o Dir::Etc::SourceList=\"$d/bundle.list\" "
                               "-o Dir::Etc::SourceParts=\"$d/parts\" -o Dir::State::Lists=\"$d/lists\" "
                               "-o APT::Get::List-Cleanup=false");
            const QString script =
                sudoPrefix() +
                QStringLiteral(
                    "case $f in /*) ;; *) f=$PWD/$f;; esac; d=${f%.tar}; rm -rf -- \"$d\" && "
                    "mkdir -p -- \"$d/lists/partial\" \"$d/parts\" && tar -xf \"$f\" -C "
                    "\"$d\" && rm -f -- \"$f\" && echo \"deb [trusted=yes] file:$d ./\" > \"$d/bundle.list\" "
                    "&& $s apt-get update -q %1 && $s env DEBIAN_FRONTEND=noninteractive apt-get install "
                    "%2 %1 -- tenkaid=%3; e=$?; $s rm -rf -- \"$d\"; exit $e")
                    .arg(apt, aptOptions(), shellQuote(deb.value().version));
            auto ran = shell.uploadThenRun(tar, remote, UploadOptions{0600, true}, script,
                                           std::chrono::milliseconds(1200000));
            if (!ran)
                return ran.error();
            if (ran.value().exitStatus != 0)
                return siteError(site,
                                 DaemonPackageText::tr("Site %1: installing tenkaid from the offline bundle "
                                                       "failed: %2")
                                     .arg(shell.describeTarget(),
                                          QString::fromUtf8(ran.value().err).trimmed().right(1500)));
        } else {
            if (!facts.aptLists) {
                log(DaemonPackageText::tr("apt has no package lists yet: apt-get update"));
                if (auto updated = runOnSite(shell, site, DaemonPackageText::tr("apt-get update"),
                                             sudoPrefix() + QStringLiteral("$s apt-get update -q"),
                                             std::chrono::milliseconds(600000));
                    !updated)
                    return updated.error();
                auto again = probePackageSite(shell, site, &deb.value());
                if (!again)
                    return again.error();
                facts = again.value();
                problems = packageProblems(site, facts, deb.value(), bundle);
                if (!problems.isEmpty())
                    return FleetError(FleetErrorCode::InvalidTarget, site.name,
                                      problems.join(QLatin1Char(' ')));
            }
            if (cancelled())
                return stop();
            log(DaemonPackageText::tr("installing tenkaid %1 from %2 with apt (%3 to download and install)")
                    .arg(deb.value().version, QFileInfo(deb.value().path).fileName(),
                         facts.needBytes >= 0 ? formatBytes(facts.needBytes)
                                              : DaemonPackageText::tr("size unknown")));
            const QString remote =
                QStringLiteral(".tenkai/packages/%1").arg(QFileInfo(deb.value().path).fileName());
            const QString script =
                sudoPrefix() +
                QStringLiteral("case $f in /*) ;; *) f=./$f;; esac; $s env DEBIAN_FRONTEND=noninteractive "
                               "apt-get install %1 -- \"$f\"; e=$?; rm -f -- \"$f\"; exit $e")
                    .arg(aptOptions());
            auto ran = shell.uploadThenRun(deb.value().path, remote, UploadOptions{0644, true}, script,
                                           std::chrono::milliseconds(1200000));
            if (!ran)
                return ran.error();
            if (ran.value().exitStatus != 0)
                return siteError(site, DaemonPackageText::tr("Site %1: apt-get could not install tenkaid: %2")
                                           .arg(shell.describeTarget(),
                                                QString::fromUtf8(ran.value().err).trimmed().right(1500)));
        }
        did = facts.installedVersion.isEmpty()
                  ? DaemonPackageText::tr("installed tenkaid %1 from %2").arg(deb.value().version, from)
                  : DaemonPackageText::tr("upgraded tenkaid %1 to %2 from %3")
                        .arg(facts.installedVersion, deb.value().version, from);
        log(did);
    }

    // 3. The operator in the group tenkai (its token is 0640 root of it), the site root readable by
    // the daemon, the service running and answering on its port. Each part only when needed.
    if (cancelled())
        return stop();
    const int port = site.daemonPort > 0 ? site.daemonPort : kPackagedPort;
    const QString service = QStringLiteral("/usr/lib/tenkaid/tenkaid-service");
    const QString script =
        sudoPrefix() + rootAssignment(site) +
        QStringLiteral(
            "u=$(id -un); g=$(getent group tenkai) || { echo 'the package made no group tenkai' >&2; exit 1; "
            "}; "
            "echo \",${g##*:},\" | grep -q \",$u,\" || { $s usermod -a -G tenkai \"$u\" && echo group-added; "
            "}; "
            "if [ ! -d \"$root\" ]; then $s install -d -o \"$u\" -g tenkai -m 2750 -- \"$root\" && echo "
            "root-made; "
            "elif [ \"$(stat -c %G -- \"$root\")\" != tenkai ]; then $s chgrp -R tenkai -- \"$root\" && "
            "$s chmod -R g+rX -- \"$root\" && $s find \"$root\" -type d -exec chmod g+s {} + && "
            "echo root-shared; fi; "
            // The inventory's port in TENKAID_OPTS of /etc/default/tenkaid (none for 7470, the unit's
            // own); the operator's other options there stay as they are.
            "a=%1; e=/etc/default/tenkaid; o=$(. \"$e\" >/dev/null 2>&1; printf '%s' \"${TENKAID_OPTS-}\"); "
            "n=$(printf '%s\\n' \"$o\" | sed -E 's/(^| )--port[ =][^ ]*//g; s/^ +//'); "
            "[ %4 = 7470 ] || n=\"--port %4${n:+ $n}\"; "
            "if [ \"$n\" != \"$o\" ]; then t=$(mktemp) && { [ ! -f \"$e\" ] || cat -- \"$e\"; } | "
            "awk -v n=\"$n\" '/^TENKAID_OPTS=/ { if (!d) print \"TENKAID_OPTS=\\\"\" n \"\\\"\"; d = 1; next "
            "} "
            "{ print } END { if (!d) print \"TENKAID_OPTS=\\\"\" n \"\\\"\" }' > \"$t\" && "
            "$s cp -- \"$t\" \"$e\" && $s chmod 644 -- \"$e\" && rm -f -- \"$t\" && echo port-set && "
            "{ $s %2 status >/dev/null 2>&1 && a=restart; :; } || exit 1; fi; "
            "if [ $a = restart ]; then $s %2 restart >/dev/null; elif ! $s %2 status >/dev/null 2>&1; then "
            "$s %2 start >/dev/null && echo started; fi || exit 1; "
            "i=0; while ! cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == \"0A\" {print $2}' | "
            "grep -qi ':%3$'; do i=$((i+1)); if [ $i -gt 300 ]; then echo 'the service does not listen on "
            "port "
            "%4 after 60 s; its log:' >&2; $s tail -n 15 %5/tenkaid.log >&2; exit 1; fi; sleep 0.2; done")
            .arg(!current && !facts.installedVersion.isEmpty() ? QStringLiteral("restart")
                                                               : QStringLiteral("check"),
                 service, hexPort(port))
            .arg(port)
            .arg(QLatin1String(kPackagedStateDir));
    auto ran = runOnSite(shell, site, DaemonPackageText::tr("starting the tenkaid service"), script);
    if (!ran)
        return ran.error();
    const QString out = QString::fromUtf8(ran.value());
    QStringList parts;
    if (!did.isEmpty())
        parts << did;
    if (out.contains(QLatin1String("group-added")))
        parts << DaemonPackageText::tr("added %1 to the group tenkai").arg(facts.user);
    if (out.contains(QLatin1String("root-made")) || out.contains(QLatin1String("root-shared")))
        parts << DaemonPackageText::tr("site root %1 shared with the group tenkai").arg(site.root);
    if (out.contains(QLatin1String("port-set")))
        parts << DaemonPackageText::tr("service port set to %1 in /etc/default/tenkaid").arg(port);
    if (out.contains(QLatin1String("started")) || (!current && !facts.installedVersion.isEmpty()) ||
        out.contains(QLatin1String("port-set")))
        parts << DaemonPackageText::tr("service %1 on port %2")
                     .arg(out.contains(QLatin1String("started")) ? DaemonPackageText::tr("started")
                                                                 : DaemonPackageText::tr("restarted"))
                     .arg(port);
    for (const QString &part : parts.mid(did.isEmpty() ? 0 : 1))
        log(part);
    if (parts.isEmpty())
        return DaemonPackageText::tr("tenkaid %1 installed and its service answering on port %2")
            .arg(deb.value().version)
            .arg(port);
    return parts.join(QStringLiteral("; "));
}

} // namespace tenkai::fleet
