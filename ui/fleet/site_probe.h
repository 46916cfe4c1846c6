// probeSite: everything the fleet view shows about one site, gathered on a worker thread: the
// pre-flight facts (fleet::checkSite: over SSH, or /bin/sh here for a local site), then, when the
// site answered, its running tenkaid (hello and status through the site's transport).
#pragma once

#include "fleet/preflight.h"

#include <QString>
#include <chrono>

namespace tenkai::ui {

struct SiteProbe
{
    fleet::SiteCheck check;
    bool daemonAnswered = false;
    QString daemonVersion; // of the running daemon
    int cores = -1;
    qint64 memory = -1;
    qint64 daemonDiskFree = -1; // of the daemon's state folder
    bool cuda = false;
    int runningRuns = 0;
    int queuedRuns = 0;
    QString daemonProblem; // why no daemon answered (not installed, not started, refused...)
};

// Blocking; call it on a worker thread. `site` has its root resolved when it is a local site.
SiteProbe probeSite(const fleet::Site &site, const fleet::SshOptions &options,
                    std::chrono::milliseconds daemonTimeout = std::chrono::seconds(5));

} // namespace tenkai::ui
