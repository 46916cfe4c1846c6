#include "site_probe.h"

#include "monitor/site_endpoint.h"
#include "telemetry/daemon_client.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>

// Translation context for the strings in this file.
class SiteProbeText
{
    Q_DECLARE_TR_FUNCTIONS(SiteProbeText)
};

namespace tenkai::ui {

SiteProbe probeSite(const fleet::Site &site, const fleet::SshOptions &options,
                    std::chrono::milliseconds daemonTimeout)
{
    SiteProbe probe;
    probe.check = fleet::checkSite(site, options);
    if (!probe.check.ok)
        return probe;
    // The token of a site that was just pinned is read with the key now in known_hosts.
    fleet::SshOptions strict = options;
    strict.hostKeyPolicy = fleet::HostKeyPolicy::Strict;
    auto endpoint = telemetry::resolveDaemonEndpoint(site, strict);
    if (!endpoint) {
        probe.daemonProblem = endpoint.error().message;
        return probe;
    }
    // A client of our own on this worker thread, with a local event loop: the GUI never waits.
    QEventLoop loop;
    telemetry::DaemonClient client(endpoint.value().transport, endpoint.value().token,
                                   QStringLiteral("tenkai console (check)"));
    client.setReconnect(false);
    qint64 statusId = 0;
    QObject::connect(&client, &telemetry::DaemonClient::ready, &loop, [&](const QJsonObject &welcome) {
        probe.daemonAnswered = true;
        probe.daemonVersion = welcome.value(u"daemon_version").toString();
        const QJsonObject caps = welcome.value(u"capabilities").toObject();
        probe.cores = caps.value(u"cores").toInt(-1);
        probe.memory = qint64(caps.value(u"memory").toDouble(-1));
        probe.daemonDiskFree = qint64(caps.value(u"disk_free").toDouble(-1));
        probe.cuda = caps.value(u"cuda").toBool();
        statusId = client.request(QStringLiteral("status"));
    });
    QObject::connect(&client, &telemetry::DaemonClient::reply, &loop,
                     [&](qint64 id, const QJsonObject &reply) {
                         if (id != statusId)
                             return;
                         const QJsonObject runs = reply.value(u"runs").toObject();
                         probe.runningRuns = runs.value(u"running").toInt() + runs.value(u"stopping").toInt();
                         probe.queuedRuns = runs.value(u"queued").toInt();
                         loop.quit();
                     });
    QObject::connect(&client, &telemetry::DaemonClient::disconnected, &loop, [&](const QString &reason) {
        probe.daemonProblem = reason;
        loop.quit();
    });
    QObject::connect(&client, &telemetry::DaemonClient::failed, &loop, [&](const QString &reason) {
        probe.daemonProblem = reason;
        loop.quit();
    });
    QTimer::singleShot(daemonTimeout, &loop, [&] {
        if (!probe.daemonAnswered)
            probe.daemonProblem =
                SiteProbeText::tr("The daemon at %1 did not answer in time.").arg(endpoint.value().where);
        loop.quit();
    });
    client.start();
    loop.exec();
    client.stop();
    return probe;
}

} // namespace tenkai::ui
