// Real tenkaid processes as local sites of an inventory: each site has a root folder whose state/
// is the daemon's state folder, a free loopback port, and the daemon started, killed (SIGKILL) and
// restarted on the same folder and port. What the console's fleet and monitor tests share.
#pragma once

#include "../support/daemon_runs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <memory>
#include <vector>

namespace tenkai::test {

struct LocalDaemonSite
{
    QString name;
    QString root; // the site's root; the daemon's state folder is root/state
    quint16 port = 0;
    std::unique_ptr<QProcess> process;

    QString stateDir() const { return root + QStringLiteral("/state"); }

    // Starts tenkaid on the site's folder and port and waits until it accepts connections.
    bool start(const QString &tenkaid, const QStringList &environment = {})
    {
        process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        if (!environment.isEmpty()) {
            QStringList env = QProcess::systemEnvironment();
            env << environment;
            process->setEnvironment(env);
        }
        process->start(tenkaid, {QStringLiteral("--state-dir"), stateDir(), QStringLiteral("--port"),
                                 QString::number(port), QStringLiteral("--site"), name});
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000) {
            if (process->state() == QProcess::NotRunning)
                return false;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(200)) {
                probe.abort();
                return true;
            }
            process->waitForFinished(50);
        }
        return false;
    }

    // SIGKILL: the daemon dies mid-whatever, as in a power cut.
    void kill()
    {
        if (process && process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(10000);
        }
    }

    ~LocalDaemonSite() { kill(); }
};

// N local sites in one temporary workspace with its inventory.yaml.
class LocalDaemonSites
{
public:
    explicit LocalDaemonSites(int count)
    {
        for (int i = 0; i < count; ++i) {
            auto site = std::make_unique<LocalDaemonSite>();
            site->name = QStringLiteral("site-%1").arg(QChar(u'a' + i));
            site->root = m_dir.filePath(site->name);
            QDir().mkpath(site->root);
            site->port = freePort();
            m_sites.push_back(std::move(site));
        }
    }

    bool isValid() const { return m_dir.isValid(); }
    QString workspace() const { return m_dir.path(); }
    LocalDaemonSite &site(int index) { return *m_sites.at(std::size_t(index)); }
    int count() const { return int(m_sites.size()); }

    // Writes inventory.yaml (local sites with absolute roots; groups and labels for the filters)
    // and returns its path. `extraSites` is appended verbatim to the sites list.
    QString writeInventory(const QString &extraSites = {}) const
    {
        QString yaml = QStringLiteral("format: tenkai-inventory\nversion: 1\nsites:\n");
        for (std::size_t i = 0; i < m_sites.size(); ++i) {
            const LocalDaemonSite &s = *m_sites[i];
            yaml += QStringLiteral("  - name: %1\n    transport: local\n    root: %2\n    daemon_port: %3\n"
                                   "    groups: [%4]\n    labels: {line: \"%5\"}\n")
                        .arg(s.name, s.root)
                        .arg(s.port)
                        .arg(i % 2 == 0 ? QStringLiteral("factory-a") : QStringLiteral("factory-b"))
                        .arg(i + 1);
        }
        yaml += extraSites;
        const QString path = m_dir.filePath(QStringLiteral("inventory.yaml"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(yaml.toUtf8());
        return path;
    }

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<LocalDaemonSite>> m_sites;
};

} // namespace tenkai::test
