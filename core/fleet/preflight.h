// Pre-flight checks of sites before a deployment: reachable, architecture, CPU cores and memory (what
// an ensemble can be sized to), free disk in the site's root, the installed tenkaid, a GPU.
#pragma once

#include "fleet/inventory.h"
#include "fleet/ssh_session.h"

#include <functional>
#include <vector>

namespace tenkai::fleet {

struct SiteCheck
{
    QString site;
    bool ok = false;
    std::optional<FleetError> error; // why the site could not be checked
    QString architecture;            // uname -m
    int cores = 0;                   // online CPUs; 0 unknown
    qint64 memoryBytes = -1;         // MemTotal; -1 unknown
    qint64 freeBytes = -1;           // in the site root (or its nearest existing parent); -1 unknown
    QString daemonVersion;           // first line of `tenkaid --version`; empty when not installed
    QString gpu;                     // "name, driver" from nvidia-smi; empty when there is none
    QString hostKey;                 // SHA256 fingerprint (ssh sites)
    bool pinnedNow = false;          // the host key was pinned by this check (accept-new)
    QString hostKeyTrustedBy; // "file:line" of the known_hosts line trusting it, or the file it was pinned in
    QString connection;       // "user@host:port" as the ssh config resolves it, with " via HOPS"
    qint64 elapsedMs = 0;
};

// The shell script that gathers the facts; prints "key=value" lines. `root` is the site root.
QString preflightScript(const QString &root);

// Checks one site: over SSH for ssh sites, with /bin/sh on this machine for local ones.
SiteCheck checkSite(const Site &site, const SshOptions &options);

// Checks sites with at most `forks` at a time (one thread and one session per site in flight).
// `done` (optional) is called from the worker threads, serialised, as each site finishes.
std::vector<SiteCheck> checkSites(const std::vector<Site> &sites, const SshOptions &options, int forks,
                                  const std::function<void(const SiteCheck &)> &done = {});

} // namespace tenkai::fleet
