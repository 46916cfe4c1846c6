// How a console reaches an inventory site's tenkaid: its port, its state folder, its token (read
// from disk for a local site, over SSH for a remote one) and a transport factory for DaemonClient.
// One place for the CLI's --site, the flow executor's training steps and the console's monitor.
#pragma once

#include "fleet/inventory.h"
#include "fleet/ssh_session.h"
#include "telemetry/daemon_client.h"

#include <QString>

namespace tenkai::telemetry {

// The site's tenkaid port: its daemon_port, else tenkaid's default.
quint16 siteDaemonPort(const fleet::Site &site);
// Where the site's tenkaid keeps its state: ROOT/state (the root resolved for a local site), or
// /var/lib/tenkaid for a site with `daemon: package`.
QString siteStateDir(const fleet::Site &site);

// Loopback TCP to `port` for a local site; a direct-tcpip channel of its own SSH session otherwise.
DaemonClient::TransportFactory siteDaemonTransport(const fleet::Site &site, const fleet::SshOptions &options,
                                                   quint16 port);

struct DaemonEndpoint
{
    QString token;
    DaemonClient::TransportFactory transport;
    QString where; // "127.0.0.1:7470", "edge01 (ssh) -> 127.0.0.1:7470"
};

// Blocking: reads the token (the local file, or over a fresh SSH session) and builds the transport.
// `stateDir` empty: siteStateDir(site); `tokenFile` (a local site only) overrides the state folder's
// token. `site` must have its root resolved (fleet::withResolvedRoot) when it is a local site.
fleet::Result<DaemonEndpoint> resolveDaemonEndpoint(const fleet::Site &site, const fleet::SshOptions &options,
                                                    const QString &stateDir = {},
                                                    const QString &tokenFile = {});

} // namespace tenkai::telemetry
