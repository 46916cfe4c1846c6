#include "site_endpoint.h"

#include "daemon/daemon.h"
#include "daemon/state_dir.h"
#include "fleet/ssh_session.h"
#include "telemetry/ssh_transport.h"
#include "telemetry/transport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>
#include <memory>

namespace tenkai::ui {

quint16 daemonPort(const fleet::Site &site)
{
    return site.daemonPort > 0 ? quint16(site.daemonPort) : daemon::kDefaultPort;
}

QString siteStateDir(const fleet::Site &site)
{
    return site.root + QStringLiteral("/state");
}

fleet::Result<DaemonEndpoint> resolveDaemonEndpoint(const fleet::Site &site, const fleet::SshOptions &options)
{
    const quint16 port = daemonPort(site);
    DaemonEndpoint endpoint;
    if (site.transport == fleet::Transport::Local) {
        QString error;
        const auto token = daemon::readToken(daemon::tokenPath(siteStateDir(site)), &error);
        if (!token)
            return fleet::FleetError(fleet::FleetErrorCode::LocalFileUnusable, site.name, error);
        endpoint.token = *token;
        endpoint.transport = [port](QObject *parent) {
            return new telemetry::TcpTransport(QStringLiteral("127.0.0.1"), port, parent);
        };
        endpoint.where = QStringLiteral("127.0.0.1:%1").arg(port);
        return endpoint;
    }
    fleet::SshSession session(site.sshTarget(), options);
    if (auto connected = session.connect(); !connected)
        return connected.error();
    auto token = telemetry::readDaemonTokenOnSite(session, siteStateDir(site));
    if (!token)
        return token.error();
    endpoint.token = token.value();
    endpoint.transport = telemetry::SshTransport::factory(site.sshTarget(), options, port);
    endpoint.where = QStringLiteral("%1 (ssh) -> 127.0.0.1:%2").arg(site.name).arg(port);
    return endpoint;
}

void runInBackground(QObject *receiver, std::function<void()> work, std::function<void()> done)
{
    QThreadPool *pool = QThreadPool::globalInstance();
    // Site work waits on the network, not the CPU: allow more than one thread per core.
    if (pool->maxThreadCount() < 32)
        pool->setMaxThreadCount(32);
    pool->start([guard = QPointer<QObject>(receiver), work = std::move(work), done = std::move(done)] {
        work();
        QObject *app = QCoreApplication::instance();
        if (!app)
            return;
        QMetaObject::invokeMethod(
            app,
            [guard, done] {
                if (guard)
                    done();
            },
            Qt::QueuedConnection);
    });
}

QString workspaceKnownHosts(const QString &inventoryFile)
{
    return QFileInfo(inventoryFile).absoluteDir().filePath(QStringLiteral("known_hosts"));
}

} // namespace tenkai::ui
