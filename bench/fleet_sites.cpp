// fleet_sites N FOLDER [USER]: starts N real sshd sites on 127.0.0.1 (tests/support/sshd_sites) for
// bench/fleet_deploy.sh; both sides log in as USER (default root; another user must exist, and gets
// each site's folder). It writes into FOLDER:
//   inventory.yaml   a Tenkai inventory (root SITE_DIR/tenkai, a free daemon port per site)
//   hosts.ini        the same sites as an Ansible inventory (tenkai_root SITE_DIR/ansible)
//   ssh_config       an empty ssh client config (so ~/.ssh/config is not read)
//   client_key       the path of the client key every site authorises
//   roots            one line per site: its Tenkai root, its Ansible root
//   ready            written last, once every site answers
// It stays up until its stdin closes or it gets SIGTERM/SIGINT, then stops the sites by PID.
#include "free_port.h"
#include "sshd_sites.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using tenkai::test::freePort;

std::atomic<bool> g_stop = false;

void onSignal(int)
{
    g_stop = true;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// YAML single-quoted scalar.
QByteArray yamlQuote(const QString &text)
{
    return "'" + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")).toUtf8() + "'";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    const QStringList arguments = QCoreApplication::arguments();
    bool ok = false;
    const int count = arguments.value(1).toInt(&ok);
    if (arguments.size() < 3 || arguments.size() > 4 || !ok || count < 1 || count > 100) {
        err << "usage: fleet_sites N FOLDER [USER] (1 <= N <= 100)\n";
        return 2;
    }
    const QString user = arguments.value(3, QStringLiteral("root"));
    const passwd *account = ::getpwnam(user.toLocal8Bit().constData());
    if (!account) {
        err << "fleet_sites: there is no user " << user << " on this machine\n";
        return 2;
    }
    const uid_t uid = account->pw_uid;
    const gid_t gid = account->pw_gid;
    const QString folder = QDir(arguments.at(2)).absolutePath();
    if (!QDir().mkpath(folder)) {
        err << "fleet_sites: cannot create " << folder << "\n";
        return 1;
    }
    if (const QString why = tenkai::test::SshdSites::unavailableReason(); !why.isEmpty()) {
        err << "fleet_sites: " << why << "\n";
        return 1;
    }
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    std::signal(SIGPIPE, SIG_IGN);

    tenkai::test::SshdSites sites;
    if (!sites.start(count)) {
        err << "fleet_sites: " << sites.error() << "\n";
        return 1;
    }
    // Another login user: it can reach the sites' folders and owns each site's folder (its roots go
    // there).
    if (uid != 0) {
        const QByteArray base = QFile::encodeName(QFileInfo(sites.site(0).dir).path());
        bool owned = ::chmod(base.constData(), 0711) == 0;
        for (int i = 0; i < count; ++i)
            owned = owned && ::chown(QFile::encodeName(sites.site(i).dir).constData(), uid, gid) == 0;
        if (!owned) {
            err << "fleet_sites: cannot hand the sites' folders to " << user << ": " << strerror(errno)
                << "\n";
            return 1;
        }
    }
    QByteArray inventory = "format: tenkai-inventory\nversion: 1\nsites:\n";
    QByteArray hosts = "[edge]\n";
    QByteArray roots;
    for (int i = 0; i < count; ++i) {
        const auto &site = sites.site(i);
        const QString tenkaiRoot = site.dir + QStringLiteral("/tenkai");
        const QString ansibleRoot = site.dir + QStringLiteral("/ansible");
        const quint16 tenkaiPort = freePort();
        const quint16 ansiblePort = freePort();
        inventory += "  - name: " + site.name.toUtf8() +
                     "\n    host: 127.0.0.1\n    port: " + QByteArray::number(site.port) +
                     "\n    user: " + user.toUtf8() + "\n    identity: " + yamlQuote(sites.clientKey()) +
                     "\n    root: " + yamlQuote(tenkaiRoot) +
                     "\n    daemon_port: " + QByteArray::number(tenkaiPort) + "\n";
        hosts +=
            site.name.toUtf8() + " ansible_host=127.0.0.1 ansible_port=" + QByteArray::number(site.port) +
            " ansible_user=" + user.toUtf8() + " ansible_ssh_private_key_file=" + sites.clientKey().toUtf8() +
            " tenkai_root=" + ansibleRoot.toUtf8() +
            " tenkai_daemon_port=" + QByteArray::number(ansiblePort) + "\n";
        roots += tenkaiRoot.toUtf8() + "\n" + ansibleRoot.toUtf8() + "\n";
    }
    hosts += "\n[edge:vars]\nansible_python_interpreter=/usr/bin/python3\n";
    if (!writeFile(folder + QStringLiteral("/inventory.yaml"), inventory) ||
        !writeFile(folder + QStringLiteral("/hosts.ini"), hosts) ||
        !writeFile(folder + QStringLiteral("/ssh_config"), QByteArray()) ||
        !writeFile(folder + QStringLiteral("/client_key"), sites.clientKey().toUtf8() + "\n") ||
        !writeFile(folder + QStringLiteral("/roots"), roots) ||
        !writeFile(folder + QStringLiteral("/ready"), QByteArray::number(count) + "\n")) {
        err << "fleet_sites: cannot write into " << folder << "\n";
        return 1;
    }
    err << "fleet_sites: " << count << " sites up; inventory in " << folder << "\n";
    err.flush();

    // Until stdin closes (or is not readable at all) or a signal asks to stop.
    char buffer[256];
    while (!g_stop.load()) {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        const int ready = ::poll(&in, 1, 200);
        if (ready < 0 && errno != EINTR)
            break;
        if (ready > 0) {
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n <= 0)
                break;
        }
    }
    QFile::remove(folder + QStringLiteral("/ready"));
    return 0; // ~SshdSites stops every site by PID
}
