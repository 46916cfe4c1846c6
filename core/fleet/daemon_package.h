// The tenkaid Debian package on a site whose inventory says `daemon: package` (docs/deployment.md):
// pre-flight (what the site lacks, before anything changes), then an idempotent install through apt
// with the package's Depends from the site's mirror or from an offline bundle, the login user in
// the group tenkai, the site root readable by the daemon, and the system service running.
#pragma once

#include "fleet/inventory.h"
#include "fleet/site_shell.h"

#include <functional>
#include <optional>

namespace tenkai::fleet {

// The packaged daemon's state folder and port (packaging/tenkaid.service).
inline constexpr char kPackagedStateDir[] = "/var/lib/tenkaid";
inline constexpr int kPackagedPort = 7470;

// A .deb's control fields (dpkg-deb on this machine).
struct DebInfo
{
    QString path;
    QString package;
    QString version;
    QString architecture; // "amd64", "arm64", "all"
    QString distribution; // the Debian release it was built for ("12"), from a "+debN" version suffix
    QStringList depends;  // package names, the first of each "a | b"
    qint64 bytes = 0;
};
Result<DebInfo> readDeb(const QString &path);

// Where the console keeps what it installs on package sites (default WORKSPACE/packages):
//   tenkaid_VERSION_ARCH.deb      one per architecture the fleet has
//   offline-CODENAME-ARCH/        optional: an offline bundle (a flat apt repository with a Packages
//                                 index, made by scripts/make-offline-bundle.sh) for sites that
//                                 cannot reach a Debian mirror
// The newest tenkaid .deb for `architecture` (or Architecture: all); an error that names the folder
// and what is in it.
Result<DebInfo> findDaemonPackage(const QString &folder, const QString &architecture,
                                  const QString &siteName);
// The offline bundle folder for a site, or empty when the folder has none.
QString findOfflineBundle(const QString &folder, const QString &codename, const QString &architecture);

// What pre-flight learnt about a site. Nothing on the site is changed to learn it.
struct PackageSiteFacts
{
    QString user;         // the login user
    QString architecture; // dpkg --print-architecture
    QString osId;         // /etc/os-release ID ("debian")
    QString osLike;       // ID_LIKE
    QString osVersion;    // VERSION_ID ("12")
    QString codename;     // VERSION_CODENAME ("bookworm")
    QString osName;       // PRETTY_NAME
    QString privilege;    // "root", "sudo" (passwordless) or "none"
    bool hasApt = false;
    bool aptLists = false;    // apt has package lists (apt-get update ran once)
    QString installedVersion; // of tenkaid; empty when not installed
    bool systemd = false;     // systemd is PID 1
    bool tenkaiGroup = false; // the group exists
    bool inGroup = false;     // the login user is in it (in /etc/group)
    QString rootState;        // "missing", "dir" or "other"
    QString rootGroup;        // the site root's group when it is a folder
    qint64 freeBytes = -1;    // the least free space of /usr, /var/cache/apt/archives and the root
    qint64 needBytes = -1;    // what apt says the install adds and downloads; -1 unknown
    QStringList aptMissing;   // packages of the Depends apt cannot find
    QString aptError;         // apt's first other error line
};

// Runs the pre-flight script for installing `deb` (its Depends are resolved by apt in simulation).
Result<PackageSiteFacts> probePackageSite(SiteShell &shell, const Site &site, const DebInfo *deb);

// Why the package cannot be installed on the site as it is: one sentence each, naming the site and
// what to do. Empty when nothing blocks. `bundle` is the offline bundle (empty: none).
QStringList packageProblems(const Site &site, const PackageSiteFacts &facts, const DebInfo &deb,
                            const QString &bundle);

struct PackageInstallOptions
{
    QString packagesDir;
    bool dryRun = false;
    std::function<void(const QString &)> log; // one line per fact and action
    std::function<bool()> cancelled;          // checked between actions
};

// Pre-flight, then (unless it refuses) whatever of the install is not done yet: apt-get update when
// apt has no lists, the package (from the mirror or the offline bundle), the login user in the group
// tenkai, the site root owned by the user with the group tenkai, the service started (restarted
// after an upgrade) and answering. Returns a one-line summary.
Result<QString> ensurePackagedDaemon(SiteShell &shell, const Site &site,
                                     const PackageInstallOptions &options);

} // namespace tenkai::fleet
