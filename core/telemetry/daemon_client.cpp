#include "telemetry/daemon_client.h"

#include "telemetry/protocol.h"
#include "tenkai/version.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

// Translation context for the client's messages.
class DaemonClientText
{
    Q_DECLARE_TR_FUNCTIONS(DaemonClientText)
};

namespace tenkai::telemetry {
namespace {

constexpr int kMaxRetryDelayMs = 2000;
constexpr int kWelcomeTimeoutMs = 10000;

} // namespace

DaemonClient::DaemonClient(TransportFactory factory, QString token, QString clientName, QObject *parent)
    : QObject(parent), m_factory(std::move(factory)), m_token(std::move(token)),
      m_clientName(std::move(clientName))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DaemonClient::connectNow);
    m_welcomeTimer.setSingleShot(true);
    connect(&m_welcomeTimer, &QTimer::timeout, this, [this] {
        if (m_transport)
            m_transport->close(); // closed() follows and a reconnect is scheduled
    });
}

DaemonClient::~DaemonClient()
{
    if (m_transport)
        m_transport->disconnect(this);
}

QString DaemonClient::description() const
{
    return m_transport ? m_transport->description() : QString();
}

void DaemonClient::start()
{
    if (m_running)
        return;
    m_running = true;
    m_retryDelayMs = 100;
    connectNow();
}

void DaemonClient::stop()
{
    m_running = false;
    m_retryTimer.stop();
    m_welcomeTimer.stop();
    m_ready = false;
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->close();
        m_transport->deleteLater();
        m_transport = nullptr;
    }
}

void DaemonClient::connectNow()
{
    if (!m_running)
        return;
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->deleteLater();
    }
    m_in.clear();
    m_ready = false;
    m_transport = m_factory(this);
    connect(m_transport, &Transport::opened, this, &DaemonClient::onOpened);
    connect(m_transport, &Transport::readyRead, this, &DaemonClient::onReadyRead);
    connect(m_transport, &Transport::closed, this, &DaemonClient::onClosed);
    m_transport->open();
}

void DaemonClient::onOpened()
{
    // The handshake: the daemon proves it knows the token before anything derived from the token
    // is sent, and the token itself never is: a program that took the port learns nothing.
    m_helloId = m_nextId++;
    m_nonce = makeNonce();
    QJsonObject hello = makeMessage(u"hello"_s);
    hello.insert(u"id", m_helloId);
    hello.insert(u"nonce", m_nonce);
    hello.insert(u"client", QString(m_clientName + u" "_s + QStringLiteral(TENKAI_VERSION_STRING)));
    send(hello);
    m_welcomeTimer.start(kWelcomeTimeoutMs);
}

void DaemonClient::onClosed(const QString &error)
{
    m_welcomeTimer.stop();
    const bool wasReady = m_ready;
    m_ready = false;
    // Requests on the lost connection get an answer, so that no caller waits forever.
    const std::vector<qint64> lost = std::exchange(m_inFlight, {});
    for (qint64 id : lost) {
        if (id == m_helloId || id == m_subscribeId)
            continue;
        ProtocolError e{
            u"disconnected"_s,
            DaemonClientText::tr("The connection to the daemon was lost before it answered: %1.").arg(error),
            {},
            QJsonValue(id)};
        Q_EMIT reply(id, e.toJson());
    }
    if (!m_running)
        return;
    Q_EMIT disconnected(error.isEmpty() ? DaemonClientText::tr("the connection was closed") : error);
    if (!m_reconnect) {
        giveUp(error);
        return;
    }
    if (wasReady)
        m_retryDelayMs = 100;
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = std::min(kMaxRetryDelayMs, m_retryDelayMs * 2);
}

void DaemonClient::onReadyRead()
{
    if (!m_transport)
        return;
    m_in.append(m_transport->read());
    qsizetype start = 0;
    while (m_transport) {
        const qsizetype newline = m_in.indexOf('\n', start);
        if (newline < 0)
            break;
        const QByteArray line = m_in.mid(start, newline - start);
        start = newline + 1;
        handleLine(line);
    }
    m_in.remove(0, start);
    if (m_in.size() > kMaxServerLineBytes) {
        giveUp(DaemonClientText::tr("The daemon at %1 sent a message longer than %2 bytes.")
                   .arg(description())
                   .arg(kMaxServerLineBytes));
    }
}

void DaemonClient::handleLine(QByteArrayView line)
{
    if (line.trimmed().isEmpty())
        return;
    auto parsed = parseServerMessage(line);
    if (auto *error = std::get_if<ProtocolError>(&parsed)) {
        giveUp(DaemonClientText::tr("The daemon at %1 sent a message this client cannot read: %2")
                   .arg(description(), error->message));
        return;
    }
    const ServerMessage message = std::get<ServerMessage>(std::move(parsed));
    if (message.isEvent()) {
        if (message.seq <= m_lastSeq)
            return; // already seen (a reconnect's replay overlapping what arrived before)
        m_lastSeq = message.seq;
        Q_EMIT event(message.object);
        return;
    }
    const QJsonValue idValue = message.object.value(u"id");
    // Ids are ours (small whole numbers): anything else, however large, is no request of ours.
    const double idNumber = idValue.toDouble();
    const qint64 id =
        idValue.isDouble() && idNumber >= 1 && idNumber <= 9007199254740992.0 ? qint64(idNumber) : 0;
    std::erase(m_inFlight, id);
    const bool isError = message.type == u"error"_s;
    if (id != 0 && id == m_helloId) {
        if (isError) {
            giveUp(DaemonClientText::tr("The daemon at %1 refused this client: %2")
                       .arg(description(), message.object.value(u"message").toString()));
            return;
        }
        if (message.type == u"challenge"_s && !m_nonce.isEmpty()) {
            const QString daemonNonce = message.object.value(u"nonce").toString();
            if (daemonNonce.size() < 32 || !sameSecret(message.object.value(u"proof").toString(),
                                                       daemonProof(m_token, m_nonce, daemonNonce))) {
                giveUp(
                    DaemonClientText::tr("The program listening at %1 does not know this site's token, so it "
                                         "is not the site's tenkaid (did another program take its port while "
                                         "the daemon was down?). Nothing secret was sent to it.")
                        .arg(description()));
                return;
            }
            m_helloId = m_nextId++;
            QJsonObject answer = makeMessage(u"hello"_s);
            answer.insert(u"id", m_helloId);
            answer.insert(u"answer", clientAnswer(m_token, m_nonce, daemonNonce));
            answer.insert(u"client", QString(m_clientName + u" "_s + QStringLiteral(TENKAI_VERSION_STRING)));
            m_nonce.clear(); // one challenge per connection
            send(answer);
            return;
        }
        if (message.type != u"welcome"_s || !m_nonce.isEmpty()) {
            giveUp(
                message.type == u"welcome"_s
                    ? DaemonClientText::tr("The program listening at %1 welcomed this client without proving "
                                           "that it knows the site's token, so it is not the site's tenkaid "
                                           "(or a tenkaid too old for this console: update it).")
                          .arg(description())
                    : DaemonClientText::tr(
                          "The program at %1 is not a tenkaid (it answered hello with \"%2\").")
                          .arg(description(), message.type));
            return;
        }
        m_welcomeTimer.stop();
        m_ready = true;
        m_retryDelayMs = 100;
        m_welcome = message.object;
        const QString storeId = m_welcome.value(u"store_id").toString();
        if (!m_storeId.isEmpty() && storeId != m_storeId)
            m_lastSeq = 0; // a new store (the state folder was replaced): its seqs start again at 1
        m_storeId = storeId;
        if (m_subscribedRun)
            sendSubscribe();
        for (auto &[pendingId, pending] : std::exchange(m_unsent, {})) {
            m_inFlight.push_back(pendingId);
            send(pending);
        }
        Q_EMIT ready(m_welcome);
        return;
    }
    if (id != 0 && id == m_subscribeId) {
        if (isError) {
            giveUp(DaemonClientText::tr("The daemon at %1 refused the subscription: %2")
                       .arg(description(), message.object.value(u"message").toString()));
            return;
        }
        Q_EMIT subscribed(message.object);
        return;
    }
    if (id != 0) {
        Q_EMIT reply(id, message.object);
        return;
    }
    if (isError)
        Q_EMIT protocolError(message.object);
}

void DaemonClient::send(const QJsonObject &message)
{
    if (m_transport)
        m_transport->write(encode(message));
}

qint64 DaemonClient::request(const QString &type, const QJsonObject &fields)
{
    const qint64 id = m_nextId++;
    QJsonObject message = makeMessage(type);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        message.insert(it.key(), it.value());
    message.insert(u"id", id);
    if (m_ready) {
        m_inFlight.push_back(id);
        send(message);
    } else {
        m_unsent.emplace_back(id, message);
    }
    return id;
}

void DaemonClient::subscribe(const QString &run, qint64 sinceSeq)
{
    m_subscribedRun = run;
    m_lastSeq = std::max<qint64>(0, sinceSeq);
    if (m_ready)
        sendSubscribe();
}

void DaemonClient::sendSubscribe()
{
    m_subscribeId = m_nextId++;
    QJsonObject message = makeMessage(u"subscribe"_s);
    message.insert(u"id", m_subscribeId);
    message.insert(u"run", m_subscribedRun->isEmpty() ? u"all"_s : *m_subscribedRun);
    message.insert(u"since_seq", m_lastSeq);
    m_inFlight.push_back(m_subscribeId);
    send(message);
}

void DaemonClient::giveUp(const QString &reason)
{
    const bool wasRunning = m_running;
    stop();
    if (wasRunning)
        Q_EMIT failed(reason);
}

} // namespace tenkai::telemetry
