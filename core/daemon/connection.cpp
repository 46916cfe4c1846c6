#include "daemon/connection.h"

#include "telemetry/event_store.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

// Translation context for the daemon's replies.
class DaemonText
{
    Q_DECLARE_TR_FUNCTIONS(DaemonText)
};

namespace tenkai::daemon {
namespace {

constexpr qint64 kReadChunk = 256 * 1024;       // input buffered ahead of processing
constexpr int kLinesPerTurn = 256;              // lines handled before yielding to other clients
constexpr qint64 kLowWater = 256 * 1024;        // replay refills the socket below this
constexpr qint64 kHighWater = 1024 * 1024;      // live events wait for the replay above this
constexpr qint64 kMaxUnsent = 16 * 1024 * 1024; // a client that reads nothing is dropped here
constexpr int kReplayChunk = 512;

} // namespace

Connection::Connection(QTcpSocket *socket, const QString &token, const telemetry::EventStore &store,
                       QObject *parent)
    : QObject(parent), m_socket(socket), m_token(token), m_store(store),
      m_rateTokens(telemetry::kMaxRequestsPerSecond)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadChunk); // a flooding client is held back by TCP, not by our memory
    // Events are small writes: without TCP_NODELAY, Nagle's algorithm and the client's delayed ACK
    // hold some of them back for up to 40 ms.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peer = u"%1:%2"_s.arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort());
    m_rateClock.start();
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::readInput);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::pump);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::closed);
    m_helloTimer.setSingleShot(true);
    connect(&m_helloTimer, &QTimer::timeout, this, [this] {
        sendError(telemetry::errc::HelloTimeout,
                  DaemonText::tr("No hello arrived within %1 seconds; closing the connection.")
                      .arg(kHelloTimeoutMs / 1000));
        finish();
    });
    m_helloTimer.start(kHelloTimeoutMs);
}

Connection::~Connection() = default;

void Connection::write(const QByteArray &data)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (m_socket->bytesToWrite() > kMaxUnsent) {
        qWarning().noquote()
            << DaemonText::tr("Dropping the client at %1: it has stopped reading its replies.").arg(m_peer);
        m_socket->abort();
        return;
    }
    m_socket->write(data);
}

void Connection::send(const QJsonObject &message)
{
    write(telemetry::encode(message));
}

void Connection::sendError(const telemetry::ProtocolError &error)
{
    send(error.toJson());
}

void Connection::sendError(const char *code, const QString &message, const QJsonValue &id)
{
    telemetry::ProtocolError error{QString::fromLatin1(code), message, {}, id};
    send(error.toJson());
}

void Connection::finish()
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_helloTimer.stop();
    m_socket->flush();
    m_socket->disconnectFromHost();
}

void Connection::readInput()
{
    if (m_finishing) {
        m_socket->readAll();
        return;
    }
    if (m_in.size() - m_inPos < kReadChunk)
        m_in.append(m_socket->read(kReadChunk));
    processInput();
}

void Connection::processInput()
{
    m_processScheduled = false;
    int handled = 0;
    while (!m_finishing && handled < kLinesPerTurn) {
        const qsizetype newline = m_in.indexOf('\n', m_inPos);
        if (m_discarding) {
            if (newline < 0) {
                m_in.clear();
                m_inPos = 0;
                break;
            }
            m_inPos = newline + 1;
            m_discarding = false;
            continue;
        }
        if (newline < 0) {
            if (m_in.size() - m_inPos > telemetry::kMaxLineBytes) {
                ++handled;
                if (takeRateToken())
                    sendError(
                        telemetry::errc::LineTooLong,
                        DaemonText::tr("A message is longer than the limit of %1 bytes; it was skipped.")
                            .arg(telemetry::kMaxLineBytes));
                m_in.clear();
                m_inPos = 0;
                m_discarding = true;
            }
            break;
        }
        QByteArrayView line(m_in.constData() + m_inPos, newline - m_inPos);
        m_inPos = newline + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue; // blank lines keep a connection alive and mean nothing
        ++handled;
        handleLine(line);
    }
    if (m_inPos > 0 && (m_inPos == m_in.size() || m_inPos > kReadChunk)) {
        m_in.remove(0, m_inPos);
        m_inPos = 0;
    }
    // More input waiting (here or in the socket): carry on after the other clients had their turn.
    const bool more = m_in.indexOf('\n', m_inPos) >= 0 || (m_socket->bytesAvailable() > 0);
    if (more && !m_finishing && !m_processScheduled) {
        m_processScheduled = true;
        QTimer::singleShot(0, this, [this] {
            if (m_socket->bytesAvailable() > 0 && m_in.size() - m_inPos < kReadChunk)
                m_in.append(m_socket->read(kReadChunk));
            processInput();
        });
    }
}

bool Connection::takeRateToken()
{
    const double elapsed = double(m_rateClock.restart()) / 1000.0;
    m_rateTokens = std::min<double>(telemetry::kMaxRequestsPerSecond,
                                    m_rateTokens + elapsed * telemetry::kMaxRequestsPerSecond);
    if (m_rateTokens < 1)
        return false;
    m_rateTokens -= 1;
    return true;
}

void Connection::handleLine(QByteArrayView line)
{
    if (!takeRateToken()) {
        sendError(telemetry::errc::RateLimited,
                  DaemonText::tr("Too many requests: at most %1 a second; this one was not acted on.")
                      .arg(telemetry::kMaxRequestsPerSecond));
        return;
    }
    auto parsed = telemetry::parseRequest(line);
    if (auto *error = std::get_if<telemetry::ProtocolError>(&parsed)) {
        sendError(*error);
        return;
    }
    const telemetry::Request &request = std::get<telemetry::Request>(parsed);
    if (request.type == telemetry::RequestType::Hello) {
        if (m_authenticated) {
            sendError(telemetry::errc::BadValue, DaemonText::tr("This connection has already said hello."),
                      request.id);
            return;
        }
        if (!request.nonce.isEmpty()) {
            // Step 1: prove that this daemon knows the token, without sending it.
            m_clientNonce = request.nonce;
            m_daemonNonce = telemetry::makeNonce();
            QJsonObject challenge = telemetry::makeMessage(u"challenge"_s);
            challenge.insert(u"nonce", m_daemonNonce);
            challenge.insert(u"proof", telemetry::daemonProof(m_token, m_clientNonce, m_daemonNonce));
            if (!request.id.isUndefined())
                challenge.insert(u"id", request.id);
            send(challenge);
            return;
        }
        if (!request.answer.isEmpty() && m_daemonNonce.isEmpty()) {
            sendError(
                telemetry::errc::HelloRequired,
                DaemonText::tr("Say hello with a nonce first; the answer is to the daemon's challenge."),
                request.id);
            return;
        }
        const bool known =
            request.answer.isEmpty()
                ? telemetry::sameSecret(request.token, m_token)
                : telemetry::sameSecret(request.answer,
                                        telemetry::clientAnswer(m_token, m_clientNonce, m_daemonNonce));
        if (!known) {
            qWarning().noquote() << DaemonText::tr("Refused a client at %1: wrong token.").arg(m_peer);
            sendError(
                telemetry::errc::BadToken,
                DaemonText::tr("The token is not this daemon's; closing the connection (the token is in "
                               "the daemon's state folder, file \"token\")."),
                request.id);
            finish();
            return;
        }
        m_authenticated = true;
        m_client = request.client;
        m_helloTimer.stop();
    } else if (!m_authenticated) {
        sendError(telemetry::errc::HelloRequired,
                  DaemonText::tr("Say hello with the daemon's token before \"%1\".")
                      .arg(telemetry::requestTypeName(request.type)),
                  request.id);
        return;
    }
    Q_EMIT requestReceived(request);
}

void Connection::subscribe(const QString &run, qint64 sinceSeq)
{
    m_subscribed = true;
    m_run = run;
    m_cursor = sinceSeq;
    pump();
}

void Connection::pump()
{
    if (!m_subscribed || m_finishing || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    while (m_socket->bytesToWrite() < kLowWater && m_cursor < m_store.lastSeq()) {
        qint64 scanned = m_cursor;
        const auto events = m_store.replay(m_cursor, m_run, kReplayChunk, &scanned);
        QByteArray chunk;
        for (const auto &event : events) {
            chunk.append(event.json);
            chunk.append('\n');
        }
        if (!chunk.isEmpty())
            m_socket->write(chunk);
        if (scanned <= m_cursor)
            break; // the store could not be read; the next bytesWritten or event tries again
        m_cursor = scanned;
    }
}

void Connection::deliver(const std::vector<LiveEvent> &events)
{
    if (!m_subscribed || m_finishing || events.empty())
        return;
    if (m_cursor != events.front().seq - 1 || m_socket->bytesToWrite() > kHighWater) {
        pump(); // behind: the store has these events too, and they follow the backlog in order
        return;
    }
    QByteArray chunk;
    for (const auto &event : events) {
        if (m_run.isEmpty() || event.run == m_run)
            chunk.append(event.line);
        m_cursor = event.seq;
    }
    if (!chunk.isEmpty())
        write(chunk);
}

} // namespace tenkai::daemon
