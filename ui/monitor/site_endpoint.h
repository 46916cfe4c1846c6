// How the console reaches a site's tenkaid: its token (read from disk for a local site, over SSH for
// a remote one) and a transport factory for DaemonClient. Resolving blocks (SSH), so it runs on a
// worker thread (runInBackground) and hands its result to the GUI thread.
#pragma once

#include "fleet/inventory.h"
#include "telemetry/daemon_client.h"

#include <QObject>
#include <QString>
#include <functional>

namespace tenkai::ui {

struct DaemonEndpoint
{
    QString token;
    telemetry::DaemonClient::TransportFactory transport;
    QString where; // "127.0.0.1:7470", "edge01 (ssh) -> 127.0.0.1:7470"
};

// The site's tenkaid port (its daemon_port, else tenkaid's default) and state folder (ROOT/state).
quint16 daemonPort(const fleet::Site &site);
QString siteStateDir(const fleet::Site &site);

// Blocking: reads the token (local file, or `cat` over a fresh SSH session) and builds the factory.
// `site` must have its root resolved (fleet::withResolvedRoot) when it is a local site.
fleet::Result<DaemonEndpoint> resolveDaemonEndpoint(const fleet::Site &site,
                                                    const fleet::SshOptions &options);

// Runs `work` on a pool thread (never the GUI thread) and then `done` on `receiver`'s thread, unless
// `receiver` was destroyed meanwhile. The pool is Qt's global one, which the application waits for
// when it ends, so a late result never reaches a destroyed application.
void runInBackground(QObject *receiver, std::function<void()> work, std::function<void()> done);

// The workspace's known_hosts: the file beside the inventory (as tenkai-cli does).
QString workspaceKnownHosts(const QString &inventoryFile);

} // namespace tenkai::ui
