// The ssh client configuration as OpenSSH applies it to one host (ssh_config(5)): the files in
// OpenSSH's order, Host and Match blocks, Include, "the first value obtained wins", %-tokens and
// OpenSSH's defaults. SshSession connects with what this resolves (libssh does not parse the files
// itself), and `tenkai-cli sites show` prints it the way `ssh -G` does; tst_fleet_ssh_config checks
// both against the installed `ssh -G`.
#pragma once

#include "fleet/fleet_error.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace tenkai::fleet {

struct SshConfigQuery
{
    QString host; // the name the site gives (OpenSSH's "original host")
    // Values of the site's own (the inventory's): they win over the files, as ssh's -l, -p and -i do.
    QString user;
    int port = 0;
    QString identity;
    QString proxyJump;
    // nullopt: ~/.ssh/config, then /etc/ssh/ssh_config (ssh's order); a path: only that file (ssh -F).
    std::optional<QString> configFile;
};

struct ResolvedSsh
{
    QString originalHost;
    QString hostName; // where to connect (HostName, %h expanded)
    QString user;     // the site's, the config's, or the local user
    int port = 22;
    // IdentityFile entries as written (tokens unexpanded, as `ssh -G` prints them) and expanded.
    QStringList identityFilesAsWritten;
    QStringList identityFiles;
    bool identitiesOnly = false;
    QStringList proxyJump;       // hops in the order they are visited, "[user@]host[:port]"; empty: none
    QString proxyCommand;        // %h, %p, %r, %n expanded; empty: none ("none" in a file also means none)
    int connectTimeout = 0;      // seconds; 0: not set
    int serverAliveInterval = 0; // seconds; 0: off
    int serverAliveCountMax = 3;
    QStringList userKnownHostsFiles;   // expanded
    QStringList globalKnownHostsFiles; // expanded
    bool hashKnownHosts = false;
    QString hostKeyAlias;
    QString strictHostKeyChecking = QStringLiteral("ask");
    QString batchMode = QStringLiteral("no");

    QStringList filesRead; // the config files that were read, in order (Includes too)
    // Keywords that applied to this host and that Tenkai does not use, one line each
    // ("~/.ssh/config:12: ForwardAgent yes is not used by Tenkai"), so nothing is dropped unsaid.
    QStringList notApplied;
    // Where each keyword used above was set ("hostname" -> "~/.ssh/config:4"); absent: a default.
    QMap<QString, QString> setAt;
};

// Resolves the configuration for one host. Errors (a malformed line, an unknown Match criterion,
// a bad port, an Include loop) name the file and line.
Result<ResolvedSsh> resolveSshConfig(const SshConfigQuery &query);

// "user@host:port", with " via HOP,HOP" (ProxyJump) or " via its ProxyCommand".
QString describeConnection(const ResolvedSsh &resolved);

// The resolution in `ssh -G`'s form: "keyword value" lines, lower-case keywords, for the keywords
// that ResolvedSsh holds.
QString sshConfigAsOpenSshPrints(const ResolvedSsh &resolved);

} // namespace tenkai::fleet
