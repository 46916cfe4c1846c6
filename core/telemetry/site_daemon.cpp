#include "site_daemon.h"

#include "daemon/daemon.h"
#include "daemon/state_dir.h"
#include "fleet/daemon_package.h"
#include "telemetry/ssh_transport.h"
#include "telemetry/transport.h"

namespace tenkai::telemetry {

quint16 siteDaemonPort(const fleet::Site &site)
{
    return site.daemonPort > 0 ? quint16(site.daemonPort) : daemon::kDefaultPort;
}

QString siteStateDir(const fleet::Site &site)
{
    if (site.daemon == fleet::DaemonKind::Package)
        return QLatin1String(fleet::kPackagedStateDir);
    return site.root + QStringLiteral("/state");
}

DaemonClient::TransportFactory siteDaemonTransport(const fleet::Site &site, const fleet::SshOptions &options,
                                                   quint16 port)
{
    if (site.transport == fleet::Transport::Local)
        return [port](QObject *parent) {
            return new TcpTransport(QStringLiteral("127.0.0.1"), port, parent);
        };
    return SshTransport::factory(site.sshTarget(), options, port);
}

fleet::Result<DaemonEndpoint> resolveDaemonEndpoint(const fleet::Site &site, const fleet::SshOptions &options,
                                                    const QString &stateDir, const QString &tokenFile)
{
    const quint16 port = siteDaemonPort(site);
    const QString state = stateDir.isEmpty() ? siteStateDir(site) : stateDir;
    DaemonEndpoint endpoint;
    if (site.transport == fleet::Transport::Local) {
        QString error;
        const auto token =
            daemon::readToken(tokenFile.isEmpty() ? daemon::tokenPath(state) : tokenFile, &error);
        if (!token)
            return fleet::FleetError(fleet::FleetErrorCode::LocalFileUnusable, site.name, error);
        endpoint.token = *token;
        endpoint.where = QStringLiteral("127.0.0.1:%1").arg(port);
    } else {
        fleet::SshSession session(site.sshTarget(), options);
        if (auto connected = session.connect(); !connected)
            return connected.error();
        auto token = readDaemonTokenOnSite(session, state);
        if (!token)
            return token.error();
        endpoint.token = token.value();
        endpoint.where = QStringLiteral("%1 (ssh) -> 127.0.0.1:%2").arg(site.name).arg(port);
    }
    endpoint.transport = siteDaemonTransport(site, options, port);
    return endpoint;
}

} // namespace tenkai::telemetry
