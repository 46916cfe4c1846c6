#include "telemetry/transport.h"

#include <QCoreApplication>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

// Translation context for transport errors.
class TransportText
{
    Q_DECLARE_TR_FUNCTIONS(TransportText)
};

namespace tenkai::telemetry {

TcpTransport::TcpTransport(QString host, quint16 port, QObject *parent)
    : Transport(parent), m_host(std::move(host)), m_port(port)
{}

TcpTransport::~TcpTransport()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void TcpTransport::open()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_open = true;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &Transport::opened);
    connect(m_socket, &QTcpSocket::readyRead, this, &Transport::readyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        finish(TransportText::tr("the daemon at %1 closed the connection").arg(description()));
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            return; // disconnected() follows
        finish(TransportText::tr("cannot reach the daemon at %1: %2")
                   .arg(description(), m_socket->errorString()));
    });
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // requests are small writes
    m_socket->connectToHost(m_host, m_port);
}

void TcpTransport::write(const QByteArray &data)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(data);
}

QByteArray TcpTransport::read()
{
    return m_socket ? m_socket->readAll() : QByteArray();
}

void TcpTransport::close()
{
    if (!m_socket || !m_open)
        return;
    m_socket->disconnect(this);
    m_socket->flush();
    m_socket->disconnectFromHost();
    m_socket->deleteLater();
    m_socket = nullptr;
    m_open = false;
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT closed(QString()); }, Qt::QueuedConnection);
}

QString TcpTransport::description() const
{
    return u"%1:%2"_s.arg(m_host).arg(m_port);
}

void TcpTransport::finish(const QString &error)
{
    if (!m_open)
        return;
    m_open = false;
    Q_EMIT closed(error);
}

} // namespace tenkai::telemetry
