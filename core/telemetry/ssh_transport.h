// SshTransport: the byte stream to a remote site's tenkaid, carried by an SSH direct-tcpip channel
// to the daemon's 127.0.0.1:PORT as seen from the site (DESIGN section 5: no daemon port is ever
// opened to the network).
//
// One worker thread per transport owns the SshSession and its channel (libssh 0.10: a session and
// its channels belong to one thread). It connects with the site's target and options, opens the
// channel, then loops: it drains the outgoing buffer (filled by write() under a mutex), waits up to
// 50 ms for the channel to become readable, reads, and hands what arrived to the transport's thread
// with a queued call. Every failure (connect, host key, authentication, channel opening, the site or
// the daemon closing the stream) ends the worker and arrives as closed(error) with the fleet's
// sentence. close() and the destructor stop the worker at its next 50 ms poll (a worker still
// connecting is left to finish on its own, bounded by SshOptions::connectTimeout, and touches
// nothing of the transport afterwards).
//
// DaemonClient makes one SshTransport per connection attempt, so every reconnect gets a fresh SSH
// session (the old one may have died with the site).
#pragma once

#include "fleet/fleet_error.h"
#include "fleet/ssh_session.h"
#include "telemetry/transport.h"

#include <QString>
#include <functional>
#include <memory>
#include <thread>

namespace tenkai::telemetry {

class SshTransport : public Transport
{
    Q_OBJECT

public:
    SshTransport(fleet::SshTarget target, fleet::SshOptions options, quint16 daemonPort,
                 QObject *parent = nullptr);
    ~SshTransport() override;

    void open() override;
    void write(const QByteArray &data) override;
    QByteArray read() override;
    void close() override;
    // "site-a (ssh) -> 127.0.0.1:7470"
    QString description() const override;

    // A factory for DaemonClient: a new SshTransport (thus a new SSH session) per attempt.
    static std::function<Transport *(QObject *)> factory(fleet::SshTarget target, fleet::SshOptions options,
                                                         quint16 daemonPort);

    struct Shared; // state shared with the worker thread

private:
    void stopWorker();
    void finish(const QString &error);

    fleet::SshTarget m_target;
    fleet::SshOptions m_options;
    quint16 m_port;
    std::shared_ptr<Shared> m_shared;
    std::thread m_worker;
    bool m_open = false;
};

// The daemon's token at a site, read through `session` (SSH, connected, or a local shell) with `cat`
// of STATE/token.
// `stateDir` empty: the daemon's default, ${XDG_DATA_HOME:-$HOME/.local/share}/tenkaid. The error
// is one sentence naming the site and the file.
fleet::Result<QString> readDaemonTokenOnSite(fleet::SiteShell &session, const QString &stateDir = {});

} // namespace tenkai::telemetry
