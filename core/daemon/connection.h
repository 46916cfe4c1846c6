// One client connection of tenkaid: line framing, limits, authentication and the event stream.
//
// Input: lines of at most telemetry::kMaxLineBytes; a longer one gets `line_too_long` and is skipped
// up to its newline. At most telemetry::kMaxRequestsPerSecond lines a second (token bucket); excess
// lines get `rate_limited` and are not acted on. The first request must be hello: the handshake
// (hello with a nonce, `challenge` with the daemon's proof, hello with the client's answer) or, for
// scripts, hello with the token. A wrong answer or token gets `bad_token` and the connection is
// closed; no hello within kHelloTimeoutMs, `hello_timeout`. Everything else bad gets an `error`
// reply and the connection stays usable.
//
// Events: after subscribe the connection keeps a cursor, the last seq it has delivered (or skipped
// as belonging to another run). Live events are written directly when the cursor is right before
// them and the socket is keeping up; otherwise the connection catches up from the store in chunks
// as the socket drains. Every event therefore goes out exactly once, in seq order, with no gap at
// the seam between replay and live, and a slow reader costs the daemon bounded memory.
#pragma once

#include "telemetry/protocol.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <vector>

class QTcpSocket;

namespace tenkai::telemetry {
class EventStore;
}

namespace tenkai::daemon {

// How long a client has for its hello (the whole handshake): short, so that connections that say
// nothing give their place up soon.
inline constexpr int kHelloTimeoutMs = 5000;

// A stored event as the connections receive it: seq, run (empty for daemon-wide events), line.
struct LiveEvent
{
    qint64 seq = 0;
    QString run;
    QByteArray line; // the event's JSON and a newline
};

class Connection : public QObject
{
    Q_OBJECT

public:
    Connection(QTcpSocket *socket, const QString &token, const telemetry::EventStore &store,
               QObject *parent = nullptr);
    ~Connection() override;

    // A reply. The connection is dropped if the client has stopped reading (megabytes unsent).
    void send(const QJsonObject &message);
    void sendError(const telemetry::ProtocolError &error);
    void sendError(const char *code, const QString &message, const QJsonValue &id = QJsonValue::Undefined);

    // Starts (or replaces) the event stream: events with seq > sinceSeq, of `run` or all if empty.
    void subscribe(const QString &run, qint64 sinceSeq);
    bool isSubscribed() const { return m_subscribed; }

    // New events, just stored (consecutive seqs).
    void deliver(const std::vector<LiveEvent> &events);

    // Sends what is pending, then closes.
    void finish();

    QString peer() const { return m_peer; }
    QString clientName() const { return m_client; }
    bool isAuthenticated() const { return m_authenticated; }
    // The local user whose process holds the client's end (loopback: from /proc/net/tcp), or -1.
    qint64 peerUid() const { return m_peerUid; }
    void setPeerUid(qint64 uid) { m_peerUid = uid; }

Q_SIGNALS:
    // An authenticated request (hello included, after its token was checked).
    void requestReceived(const telemetry::Request &request);
    void closed();

private:
    void readInput();
    void processInput();
    void handleLine(QByteArrayView line);
    bool takeRateToken();
    void pump();
    void write(const QByteArray &data);

    QTcpSocket *m_socket;
    QString m_token;
    const telemetry::EventStore &m_store;
    QString m_peer;
    QString m_client;

    QByteArray m_in;
    qsizetype m_inPos = 0;
    bool m_discarding = false; // skipping the rest of an over-long line
    bool m_processScheduled = false;
    bool m_authenticated = false;
    bool m_finishing = false;
    QString m_clientNonce; // the handshake's, once the challenge is sent
    QString m_daemonNonce;
    qint64 m_peerUid = -1;

    double m_rateTokens;
    QElapsedTimer m_rateClock;
    QTimer m_helloTimer;

    bool m_subscribed = false;
    QString m_run;
    qint64 m_cursor = 0;
};

} // namespace tenkai::daemon
