// SshdSites: N real OpenSSH servers on 127.0.0.1 for integration tests, each in its own folder.
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>
#include <sys/types.h>
#include <vector>

namespace tenkai::test {

// One sshd site: its folder holds sshd_config, the host key, authorized_keys, the pid file and
// the log. Logins are as root (the tests run as root) with the client key of SshdSites.
struct SshdSite
{
    QString name; // "site01", ...
    quint16 port = 0;
    QString dir; // the site's own folder
    QString config;
    QString hostKey;
    QString log;
    pid_t pid = 0; // the listening sshd (0 when stopped)
};

// Starts, kills, freezes, re-keys and stops real `sshd -D` processes. Every process is found and
// signalled by PID (never by name); the destructor kills them all and removes the folders.
// Not thread-safe: drive it from the test's main thread.
class SshdSites
{
public:
    SshdSites();
    ~SshdSites();
    SshdSites(const SshdSites &) = delete;
    SshdSites &operator=(const SshdSites &) = delete;

    // Empty when sshd and ssh-keygen are installed; otherwise the reason tests should skip.
    static QString unavailableReason();

    // Starts `sites` more sites and waits until each one answers with its SSH banner. False (with
    // `error()` set) when a site could not start.
    bool start(int sites);
    const QString &error() const { return m_error; }

    int count() const { return int(m_sites.size()); }
    const SshdSite &site(int index) const { return m_sites.at(std::size_t(index)); }

    // The client identity authorised on every site (OpenSSH format, no passphrase).
    QString clientKey() const { return m_root + QStringLiteral("/client_key"); }
    // A valid key that no site authorises.
    QString strangerKey() const { return m_root + QStringLiteral("/stranger_key"); }
    // An empty ssh client config, so tests do not read the user's ~/.ssh/config.
    QString clientConfig() const { return m_root + QStringLiteral("/ssh_config"); }
    // A scratch folder that lives as long as this object.
    QString scratch() const { return m_root; }

    // SHA256 fingerprint of a site's current host key, as `ssh-keygen -l` prints it ("SHA256:...").
    QString hostKeyFingerprint(int index) const;

    // Kills the site: the listener and every session process below it (SIGKILL), so open
    // connections drop as if the host died.
    void kill(int index);
    // SIGSTOP / SIGCONT to the listener and its session processes: a hung host.
    void freeze(int index);
    void thaw(int index);
    // A new host key and a restart on the same port (kills the running site first).
    bool rekey(int index);
    // Starts a killed site again on its port with its current key.
    bool restart(int index);

    // The PIDs of the listener and every process below it (from /proc/PID/task/*/children).
    static std::vector<pid_t> processTree(pid_t root);
    // The site's log as text (sshd runs with LogLevel DEBUG1).
    QString logText(int index) const;

private:
    bool runTool(const QStringList &arguments);
    bool writeSite(SshdSite &site);
    bool launch(SshdSite &site);
    bool waitReady(SshdSite &site, int timeoutMs);
    void stopSite(SshdSite &site);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_error;
    std::vector<SshdSite> m_sites;
};

} // namespace tenkai::test
