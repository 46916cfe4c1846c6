// SiteFeed: the live connection of the console to one site's tenkaid. It resolves the site's token
// on a worker thread, subscribes with DaemonClient (which reconnects and resumes by seq) and keeps
// every event in a SiteMetrics. A lost daemon or SSH connection shows as Reconnecting and recovers
// on its own; nothing here ever blocks the GUI thread.
#pragma once

#include "fleet/inventory.h"
#include "site_metrics.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <memory>

namespace tenkai::telemetry {
class DaemonClient;
}

namespace tenkai::telemetry {
struct DaemonEndpoint;
}

namespace tenkai::ui {

class SiteFeed : public QObject
{
    Q_OBJECT

public:
    enum class Connection
    {
        Idle,         // not started
        Resolving,    // reading the token (file or SSH)
        Connecting,   // first connection to the daemon
        Connected,    // subscribed, events flow
        Reconnecting, // the connection was lost; DaemonClient retries
        Unavailable,  // the token could not be read or the daemon refused us; retried every few seconds
    };
    Q_ENUM(Connection)

    // `site` with its root resolved for local sites; `knownHosts` is the workspace's file.
    SiteFeed(fleet::Site site, fleet::SshOptions options, QObject *parent = nullptr);
    ~SiteFeed() override;

    void start();
    void stop();

    const fleet::Site &site() const { return m_site; }
    const SiteMetrics &metrics() const { return m_metrics; }
    Connection connection() const { return m_connection; }
    QString connectionText() const;
    // The last problem (token, connection, refusal), one sentence; empty while all is well.
    QString problem() const { return m_problem; }
    QString daemonVersion() const { return m_welcome.value(u"daemon_version").toString(); }
    const QJsonObject &welcome() const { return m_welcome; }
    // How many times the connection was lost since start().
    int disconnects() const { return m_disconnects; }
    // Takes one event as if the daemon had sent it (benchmarks and tests that feed the monitor directly).
    void takeEvent(const QJsonObject &event) { onEvent(event); }
    // The client, once connected (for requests such as start_run); null before.
    telemetry::DaemonClient *client() const { return m_client; }

Q_SIGNALS:
    // New events were taken (emitted once per burst, from a posted call, not per event).
    void metricsChanged();
    void connectionChanged(tenkai::ui::SiteFeed::Connection connection);

private:
    void resolve();
    void makeClient();
    void setConnection(Connection connection, const QString &problem = {});
    void onEvent(const QJsonObject &event);
    void retryLater(const QString &problem);

    fleet::Site m_site;
    fleet::SshOptions m_options;
    SiteMetrics m_metrics;
    telemetry::DaemonClient *m_client = nullptr;
    std::shared_ptr<telemetry::DaemonEndpoint> m_endpoint;
    Connection m_connection = Connection::Idle;
    QString m_problem;
    QJsonObject m_welcome;
    QString m_storeId;
    QTimer m_retry;
    bool m_running = false;
    bool m_notifyPending = false;
    int m_disconnects = 0;
    int m_retryMs = 3000;     // the next wait after a failed resolve (grows to 30 s)
    quint64 m_generation = 0; // ignores results of a resolve started before the last stop()
};

} // namespace tenkai::ui
