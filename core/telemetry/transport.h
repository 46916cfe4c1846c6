// A byte stream to a tenkaid: a loopback TCP socket for local sites, an SSH direct-tcpip channel
// for remote ones. DaemonClient speaks the protocol over any Transport.
//
// Contract: open() starts connecting and is followed by exactly one of opened() or closed(error).
// After opened(), readyRead() says that read() has bytes; write() queues bytes. closed() comes once
// per open(), with an empty error when close() was called, else one sentence saying what happened.
// Signals are emitted on the thread the transport lives in, never from inside open(), write() or
// close() (queue them if the implementation learns of an event synchronously).
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

class QTcpSocket;

namespace tenkai::telemetry {

class Transport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~Transport() override = default;

    virtual void open() = 0;
    virtual void write(const QByteArray &data) = 0;
    virtual QByteArray read() = 0; // everything received so far
    virtual void close() = 0;
    // Where it leads, for messages: "127.0.0.1:7470", "site-a (ssh) -> 127.0.0.1:7470".
    virtual QString description() const = 0;

Q_SIGNALS:
    void opened();
    void readyRead();
    void closed(const QString &error);
};

// A TCP connection to a daemon on this machine's loopback address.
class TcpTransport : public Transport
{
    Q_OBJECT

public:
    TcpTransport(QString host, quint16 port, QObject *parent = nullptr);
    ~TcpTransport() override;

    void open() override;
    void write(const QByteArray &data) override;
    QByteArray read() override;
    void close() override;
    QString description() const override;

private:
    void finish(const QString &error);

    QString m_host;
    quint16 m_port;
    QTcpSocket *m_socket = nullptr;
    bool m_open = false;
};

} // namespace tenkai::telemetry
