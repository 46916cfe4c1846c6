// OpenSSH's known_hosts files, read as ssh reads them (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT): host
// patterns with '*', '?' and '!' negation, "[host]:port" names, hashed names (|1|salt|hash),
// @revoked and @cert-authority markers. A host's key is trusted when any file trusts it: the
// workspace's own pin file, then the ssh config's UserKnownHostsFile and GlobalKnownHostsFile.
#pragma once

#include "fleet/fleet_error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace tenkai::fleet {

// One key line of a known_hosts file.
struct KnownHostKey
{
    enum class Marker
    {
        None,
        Revoked,       // @revoked: this key is never accepted
        CertAuthority, // @cert-authority: a CA for host certificates
    };
    QString file;
    int line = 0; // 1-based
    Marker marker = Marker::None;
    QString type;    // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
    QByteArray blob; // the decoded key (its wire form, which names its type)

    QString fingerprint() const; // "SHA256:..." as ssh-keygen -l prints it
    QString where() const;       // "file:line"
};

// OpenSSH's match_pattern: '*' and '?' wildcards over the whole text (ssh_config and known_hosts).
bool sshWildcardMatch(const QString &text, const QString &pattern);

// The name ssh looks up: "host" on port 22, "[host]:port" otherwise.
QString knownHostsName(const QString &host, int port);

// True when the host field of a known_hosts line (a comma-separated pattern list, or one hashed
// name) names `name` (knownHostsName's form). Host names compare in lower case.
bool knownHostsFieldMatches(const QByteArray &field, const QString &name);

// "|1|salt|hash" for `name`, with a random salt (or `salt` when given: 20 bytes).
QByteArray hashKnownHostsName(const QString &name, const QByteArray &salt = {});

// "SHA256:..." of a key blob.
QString keyFingerprint(const QByteArray &blob);

enum class HostKeyTrust
{
    Trusted, // a line trusts exactly this key
    Unknown, // no line names the host
    Changed, // lines name the host, with other keys only
    Revoked, // a @revoked line holds this key
};

struct HostKeyCheck
{
    HostKeyTrust trust = HostKeyTrust::Unknown;
    // Trusted: the line that trusts the key; Changed: the first line with another key for the host;
    // Revoked: the @revoked line.
    std::optional<KnownHostKey> line;
    // Lines read and not used for this host, and files that could not be read, one sentence each
    // (a @cert-authority line: libssh 0.10 does not check host certificates).
    QStringList notes;
};

// Every key line that names one of `names` in `files` (in order; files that do not exist are
// skipped, as ssh skips them), plus what could not be used.
struct KnownHostsLookup
{
    std::vector<KnownHostKey> keys;
    QStringList notes;
};
KnownHostsLookup lookUpKnownHosts(const QStringList &files, const QStringList &names);

// The verdict for a server's key (`blob`) from the lines of lookUpKnownHosts.
HostKeyCheck checkKnownHost(const KnownHostsLookup &lookup, const QByteArray &blob);

// The key types trusted for the names (plain lines only), first seen first: the host key
// algorithms to ask the server for first, as ssh does.
QStringList knownKeyTypes(const KnownHostsLookup &lookup);

// Appends a line for `name` and the key to `file` (created with its folder, mode 0600 when new),
// with a hashed name when `hashed`. A file that does not end in a line break gets one first.
Status appendKnownHost(const QString &file, const QString &name, const QString &type, const QByteArray &blob,
                       bool hashed);

} // namespace tenkai::fleet
