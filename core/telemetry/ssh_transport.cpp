#include "telemetry/ssh_transport.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QRegularExpression>
#include <atomic>
#include <mutex>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Translation context for the SSH transport's messages.
class SshTransportText
{
    Q_DECLARE_TR_FUNCTIONS(SshTransportText)
};

namespace tenkai::telemetry {

struct SshTransport::Shared
{
    std::mutex mutex;
    SshTransport *receiver = nullptr; // null once the transport stopped listening (guarded by mutex)
    QByteArray outgoing;              // written by the transport's thread, drained by the worker
    QByteArray incoming;              // filled by the worker, taken by read()
    bool readyPending = false;        // a readyRead() is queued and not yet delivered
    std::atomic<bool> stop{false};
    std::atomic<bool> connecting{true}; // still in connect() or opening the channel
};

namespace {

constexpr auto kPollInterval = 50ms;
constexpr qsizetype kReadChunk = 256 * 1024;

// Workers whose transport went away while they were still connecting: they end on their own
// (bounded by the connect timeout) and are joined here at exit, so none outlives the process's
// static objects.
class LingeringWorkers
{
public:
    static LingeringWorkers &instance()
    {
        static LingeringWorkers workers;
        return workers;
    }
    void adopt(std::thread thread)
    {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_threads, [](const std::thread &t) { return !t.joinable(); });
        m_threads.push_back(std::move(thread));
    }
    ~LingeringWorkers()
    {
        std::lock_guard lock(m_mutex);
        for (auto &thread : m_threads) {
            if (thread.joinable())
                thread.join();
        }
    }

private:
    std::mutex m_mutex;
    std::vector<std::thread> m_threads;
};

// Runs `call(transport)` on the transport's thread, unless the transport stopped listening.
template<typename F>
void post(const std::shared_ptr<SshTransport::Shared> &shared, F call)
{
    std::lock_guard lock(shared->mutex);
    if (SshTransport *receiver = shared->receiver) {
        QMetaObject::invokeMethod(
            receiver, [receiver, call = std::move(call)] { call(receiver); }, Qt::QueuedConnection);
    }
}

} // namespace

SshTransport::SshTransport(fleet::SshTarget target, fleet::SshOptions options, quint16 daemonPort,
                           QObject *parent)
    : Transport(parent), m_target(std::move(target)), m_options(std::move(options)), m_port(daemonPort)
{}

SshTransport::~SshTransport()
{
    stopWorker();
}

std::function<Transport *(QObject *)> SshTransport::factory(fleet::SshTarget target,
                                                            fleet::SshOptions options, quint16 daemonPort)
{
    return [target = std::move(target), options = std::move(options), daemonPort](QObject *parent) {
        return new SshTransport(target, options, daemonPort, parent);
    };
}

QString SshTransport::description() const
{
    return SshTransportText::tr("%1 (ssh) -> 127.0.0.1:%2").arg(m_target.name).arg(m_port);
}

void SshTransport::stopWorker()
{
    if (!m_shared)
        return;
    m_shared->stop = true;
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->receiver = nullptr;
    }
    if (m_worker.joinable()) {
        if (m_shared->connecting.load())
            LingeringWorkers::instance().adopt(std::move(m_worker));
        else
            m_worker.join(); // within one poll interval
    }
    m_shared.reset();
}

void SshTransport::open()
{
    stopWorker();
    m_open = true;
    auto shared = std::make_shared<Shared>();
    shared->receiver = this;
    m_shared = shared;
    m_worker = std::thread([shared, target = m_target, options = m_options, port = m_port] {
        auto fail = [&shared](const QString &error) {
            post(shared, [shared, error](SshTransport *t) {
                if (t->m_shared == shared)
                    t->finish(error);
            });
        };
        fleet::SshSession session(target, options);
        if (auto connected = session.connect(); !connected) {
            fail(connected.error().message);
            return;
        }
        if (shared->stop)
            return;
        auto opened = session.openTcpChannel(port);
        shared->connecting = false;
        if (!opened) {
            fail(opened.error().message);
            return;
        }
        std::unique_ptr<fleet::SshTcpChannel> channel = std::move(opened).value();
        post(shared, [shared](SshTransport *t) {
            if (t->m_shared == shared && t->m_open)
                Q_EMIT t->opened();
        });

        QString error;
        while (!shared->stop) {
            QByteArray out;
            {
                std::lock_guard lock(shared->mutex);
                out.swap(shared->outgoing);
            }
            if (!out.isEmpty()) {
                if (auto written = channel->write(out, options.ioTimeout); !written) {
                    error = written.error().message;
                    break;
                }
            }
            if (!channel->waitReadable(kPollInterval))
                continue;
            auto chunk = channel->read(kReadChunk, 0ms);
            if (!chunk) {
                error = chunk.error().message;
                if (chunk.error().code == fleet::FleetErrorCode::ChannelClosed && !session.isConnected())
                    error =
                        SshTransportText::tr("Site %1: the SSH connection was lost while streaming from the "
                                             "daemon at 127.0.0.1:%2.")
                            .arg(session.describeTarget())
                            .arg(port);
                break;
            }
            if (chunk.value().isEmpty())
                continue;
            bool notify = false;
            {
                std::lock_guard lock(shared->mutex);
                shared->incoming.append(chunk.value());
                notify = !std::exchange(shared->readyPending, true);
            }
            if (notify) {
                post(shared, [shared](SshTransport *t) {
                    {
                        std::lock_guard lock(shared->mutex);
                        shared->readyPending = false;
                    }
                    if (t->m_shared == shared && t->m_open)
                        Q_EMIT t->readyRead();
                });
            }
        }
        channel->close();
        channel.reset();
        session.disconnect();
        if (!shared->stop)
            fail(error);
    });
}

void SshTransport::write(const QByteArray &data)
{
    if (!m_shared || !m_open)
        return;
    std::lock_guard lock(m_shared->mutex);
    m_shared->outgoing.append(data);
}

QByteArray SshTransport::read()
{
    if (!m_shared)
        return {};
    std::lock_guard lock(m_shared->mutex);
    return std::exchange(m_shared->incoming, {});
}

void SshTransport::close()
{
    if (!m_open)
        return;
    m_open = false;
    stopWorker();
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT closed(QString()); }, Qt::QueuedConnection);
}

void SshTransport::finish(const QString &error)
{
    if (!m_open)
        return;
    m_open = false;
    Q_EMIT closed(error.isEmpty() ? SshTransportText::tr("the stream to %1 ended").arg(description())
                                  : error);
}

fleet::Result<QString> readDaemonTokenOnSite(fleet::SiteShell &session, const QString &stateDir)
{
    const QString site = session.siteName();
    const QString path = stateDir.isEmpty() ? u"${XDG_DATA_HOME:-$HOME/.local/share}/tenkaid/token"_s
                                            : QString(stateDir + u"/token"_s);
    // The default path is our own literal and must be expanded by the shell; a given one is quoted.
    const QString command =
        stateDir.isEmpty() ? u"cat -- \"%1\""_s.arg(path) : u"cat -- %1"_s.arg(fleet::shellQuote(path));
    auto result = session.exec(command, fleet::ExecOptions{{}, 30s});
    if (!result)
        return result.error();
    const fleet::ExecResult &run = result.value();
    if (run.exitStatus != 0) {
        const QString detail = QString::fromUtf8(run.err).trimmed();
        return fleet::FleetError{
            fleet::FleetErrorCode::CommandFailed, site,
            SshTransportText::tr("Site %1: cannot read the daemon's token %2: %3")
                .arg(site, path,
                     detail.isEmpty() ? SshTransportText::tr("cat ended with status %1").arg(run.exitStatus)
                                      : detail)};
    }
    const QString token = QString::fromUtf8(run.out).trimmed();
    static const QRegularExpression hex(u"^[0-9A-Fa-f]{64}$"_s);
    if (!hex.match(token).hasMatch())
        return fleet::FleetError{
            fleet::FleetErrorCode::CommandFailed, site,
            SshTransportText::tr("Site %1: the file %2 does not hold a tenkaid token.").arg(site, path)};
    return token;
}

} // namespace tenkai::telemetry
