// A client of one tenkaid over a Transport: hello, requests and replies, and a subscription that
// survives reconnects (it resumes with since_seq = the last seq seen, and drops duplicates by seq).
#pragma once

#include "telemetry/transport.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace tenkai::telemetry {

class DaemonClient : public QObject
{
    Q_OBJECT

public:
    // Makes a fresh transport for each connection attempt (parented to the client).
    using TransportFactory = std::function<Transport *(QObject *parent)>;

    DaemonClient(TransportFactory factory, QString token, QString clientName, QObject *parent = nullptr);
    ~DaemonClient() override;

    // Connects, and reconnects after every loss until stop() or a refusal (failed()).
    void start();
    void stop();
    void setReconnect(bool enabled) { m_reconnect = enabled; }

    bool isReady() const { return m_ready; }
    const QJsonObject &welcome() const { return m_welcome; }
    QString description() const;

    // Sends a request ({"v":1,"type":type} plus fields and an id) as soon as the daemon has
    // welcomed us; returns the id its reply() will carry. A request sent on a connection that is
    // then lost gets an error reply with code "disconnected" (it may or may not have been acted on).
    qint64 request(const QString &type, const QJsonObject &fields = {});

    // Streams events of `run` (all runs if empty) with seq > sinceSeq, now and after every reconnect.
    void subscribe(const QString &run, qint64 sinceSeq);
    qint64 lastSeq() const { return m_lastSeq; }

Q_SIGNALS:
    void ready(const QJsonObject &welcome);
    // Each event once, in seq order.
    void event(const QJsonObject &event);
    void subscribed(const QJsonObject &reply);
    void reply(qint64 id, const QJsonObject &message);
    // An error reply that answers no request of ours (the daemon could not read one).
    void protocolError(const QJsonObject &error);
    // The connection was lost; a reconnect follows (unless stopped).
    void disconnected(const QString &reason);
    // Gave up: the daemon refused the token or the subscription, or speaks another protocol.
    void failed(const QString &reason);

private:
    void connectNow();
    void onOpened();
    void onReadyRead();
    void onClosed(const QString &error);
    void handleLine(QByteArrayView line);
    void send(const QJsonObject &message);
    void sendSubscribe();
    void giveUp(const QString &reason);

    TransportFactory m_factory;
    QString m_token;
    QString m_clientName;
    Transport *m_transport = nullptr;
    QByteArray m_in;
    bool m_running = false;
    bool m_reconnect = true;
    bool m_ready = false;
    QJsonObject m_welcome;
    QTimer m_retryTimer;
    QTimer m_welcomeTimer;
    int m_retryDelayMs = 100;

    qint64 m_nextId = 1;
    qint64 m_helloId = 0;
    QString m_nonce; // this connection's handshake nonce
    qint64 m_subscribeId = 0;
    std::vector<std::pair<qint64, QJsonObject>> m_unsent;
    std::vector<qint64> m_inFlight;

    std::optional<QString> m_subscribedRun; // set once subscribe() was called ("" = all)
    qint64 m_lastSeq = 0;
    QString m_storeId; // the daemon's event store, from welcome: seqs of another store start afresh
};

} // namespace tenkai::telemetry
