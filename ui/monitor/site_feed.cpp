#include "site_feed.h"

#include "site_endpoint.h"
#include "telemetry/daemon_client.h"

#include <QCoreApplication>
#include <algorithm>
#include <memory>

namespace tenkai::ui {
namespace {

// After a token that could not be read or a refusal: the daemon may not be installed or started yet.
// Tried again after 3 s, then less often, up to every 30 s.
constexpr int kFirstRetryMs = 3000;
constexpr int kMaxRetryMs = 30000;

} // namespace

SiteFeed::SiteFeed(fleet::Site site, fleet::SshOptions options, QObject *parent)
    : QObject(parent), m_site(std::move(site)), m_options(std::move(options))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SiteFeed::resolve);
}

SiteFeed::~SiteFeed()
{
    stop();
}

void SiteFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    resolve();
}

void SiteFeed::stop()
{
    m_running = false;
    ++m_generation;
    m_retry.stop();
    if (m_client) {
        m_client->stop();
        m_client->deleteLater();
        m_client = nullptr;
    }
    if (m_connection != Connection::Idle)
        setConnection(Connection::Idle);
}

QString SiteFeed::connectionText() const
{
    switch (m_connection) {
    case Connection::Idle:
        return tr("Not connected");
    case Connection::Resolving:
    case Connection::Connecting:
        return tr("Connecting…");
    case Connection::Connected:
        return tr("Live");
    case Connection::Reconnecting:
        return tr("Reconnecting…");
    case Connection::Unavailable:
        return tr("Unavailable");
    }
    return {};
}

void SiteFeed::setConnection(Connection connection, const QString &problem)
{
    const bool changed = connection != m_connection || problem != m_problem;
    m_connection = connection;
    m_problem = problem;
    if (changed)
        Q_EMIT connectionChanged(connection);
}

void SiteFeed::resolve()
{
    if (!m_running)
        return;
    if (m_connection != Connection::Reconnecting && m_connection != Connection::Unavailable)
        setConnection(Connection::Resolving, m_problem);
    auto result = std::make_shared<fleet::Result<telemetry::DaemonEndpoint>>(fleet::FleetError{});
    const quint64 generation = m_generation;
    runInBackground(
        this,
        [site = m_site, options = m_options, result] {
            *result = telemetry::resolveDaemonEndpoint(site, options);
        },
        [this, result, generation] {
            if (generation != m_generation || !m_running)
                return;
            if (!*result) {
                retryLater(result->error().message);
                return;
            }
            m_endpoint = std::make_shared<telemetry::DaemonEndpoint>(result->value());
            makeClient();
        });
}

void SiteFeed::makeClient()
{
    if (m_client) {
        m_client->stop();
        m_client->deleteLater();
    }
    m_client = new telemetry::DaemonClient(m_endpoint->transport, m_endpoint->token,
                                           QStringLiteral("tenkai console"), this);
    connect(m_client, &telemetry::DaemonClient::ready, this, [this](const QJsonObject &welcome) {
        m_welcome = welcome;
        const QString storeId = welcome.value(u"store_id").toString();
        const bool replaced = !m_storeId.isEmpty() && storeId != m_storeId && m_metrics.lastSeq() > 0;
        m_storeId = storeId;
        if (replaced) {
            // Another store: its seqs mean other events. Start again from its seq 0 with a fresh
            // client (this one already asked for events after our last seq of the old store).
            m_metrics.clear();
            Q_EMIT metricsChanged();
            QMetaObject::invokeMethod(this, &SiteFeed::makeClient, Qt::QueuedConnection);
        }
    });
    connect(m_client, &telemetry::DaemonClient::subscribed, this, [this](const QJsonObject &) {
        m_retryMs = kFirstRetryMs;
        setConnection(Connection::Connected);
    });
    connect(m_client, &telemetry::DaemonClient::event, this, &SiteFeed::onEvent);
    connect(m_client, &telemetry::DaemonClient::disconnected, this, [this](const QString &reason) {
        ++m_disconnects;
        setConnection(Connection::Reconnecting, reason);
    });
    connect(m_client, &telemetry::DaemonClient::failed, this, [this](const QString &reason) {
        // A refused token may come from a replaced state folder: read the token again later.
        if (m_client) {
            m_client->deleteLater();
            m_client = nullptr;
        }
        retryLater(reason);
    });
    if (m_connection == Connection::Resolving)
        setConnection(Connection::Connecting);
    m_client->subscribe(QString(), m_metrics.lastSeq());
    m_client->start();
}

void SiteFeed::retryLater(const QString &problem)
{
    setConnection(Connection::Unavailable, problem);
    if (!m_running)
        return;
    m_retry.start(m_retryMs);
    m_retryMs = std::min(kMaxRetryMs, m_retryMs * 2);
}

void SiteFeed::onEvent(const QJsonObject &event)
{
    if (!m_metrics.append(event))
        return;
    // One notification per burst: a replay of thousands of events costs one posted call.
    if (m_notifyPending)
        return;
    m_notifyPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_notifyPending = false;
            Q_EMIT metricsChanged();
        },
        Qt::QueuedConnection);
}

} // namespace tenkai::ui
