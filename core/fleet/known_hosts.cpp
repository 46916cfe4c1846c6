#include "fleet/known_hosts.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace tenkai::fleet {

class KnownHostsText
{
    Q_DECLARE_TR_FUNCTIONS(KnownHostsText)
};

namespace {

constexpr qint64 kMaxKnownHostsBytes = 64 << 20;

QList<QByteArray> fields(const QByteArray &line)
{
    QList<QByteArray> out;
    for (const QByteArray &part : line.simplified().split(' '))
        if (!part.isEmpty())
            out << part;
    return out;
}

} // namespace

bool sshWildcardMatch(const QString &text, const QString &pattern)
{
    qsizetype t = 0, p = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == QLatin1Char('?') || pattern[p] == text[t])) {
            ++t;
            ++p;
        } else if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

QString KnownHostKey::fingerprint() const
{
    return keyFingerprint(blob);
}

QString KnownHostKey::where() const
{
    return file + QLatin1Char(':') + QString::number(line);
}

QString keyFingerprint(const QByteArray &blob)
{
    QByteArray digest = QCryptographicHash::hash(blob, QCryptographicHash::Sha256).toBase64();
    while (digest.endsWith('='))
        digest.chop(1);
    return QStringLiteral("SHA256:") + QString::fromLatin1(digest);
}

QString knownHostsName(const QString &host, int port)
{
    const QString lower = host.toLower();
    return port == 22 || port <= 0 ? lower : QStringLiteral("[%1]:%2").arg(lower).arg(port);
}

bool knownHostsFieldMatches(const QByteArray &field, const QString &name)
{
    const QString subject = name.toLower();
    if (field.startsWith("|1|")) {
        const QList<QByteArray> parts = field.split('|'); // "", "1", salt, hash
        if (parts.size() != 4)
            return false;
        const QByteArray salt = QByteArray::fromBase64(parts[2]);
        const QByteArray hash = QByteArray::fromBase64(parts[3]);
        return !salt.isEmpty() &&
               QMessageAuthenticationCode::hash(subject.toUtf8(), salt, QCryptographicHash::Sha1) == hash;
    }
    bool matched = false;
    for (const QByteArray &raw : field.split(',')) {
        QString pattern = QString::fromUtf8(raw).toLower();
        const bool negated = pattern.startsWith(QLatin1Char('!'));
        if (negated)
            pattern.remove(0, 1);
        if (pattern.isEmpty())
            continue;
        if (sshWildcardMatch(subject, pattern)) {
            if (negated)
                return false;
            matched = true;
        }
    }
    return matched;
}

QByteArray hashKnownHostsName(const QString &name, const QByteArray &salt)
{
    QByteArray s = salt;
    if (s.isEmpty()) {
        s.resize(20);
        QRandomGenerator::system()->generate(s.begin(), s.end());
    }
    const QByteArray hash =
        QMessageAuthenticationCode::hash(name.toLower().toUtf8(), s, QCryptographicHash::Sha1);
    return "|1|" + s.toBase64() + '|' + hash.toBase64();
}

KnownHostsLookup lookUpKnownHosts(const QStringList &files, const QStringList &names)
{
    KnownHostsLookup out;
    QStringList seen;
    for (const QString &path : files) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (seen.contains(absolute) || path == QLatin1String("/dev/null"))
            continue;
        seen << absolute;
        QFile file(path);
        if (!file.exists())
            continue;
        if (!file.open(QIODevice::ReadOnly)) {
            out.notes << KnownHostsText::tr("%1 cannot be read (%2), so the keys it may trust were not seen.")
                             .arg(path, file.errorString());
            continue;
        }
        const QByteArray text = file.read(kMaxKnownHostsBytes + 1);
        if (text.size() > kMaxKnownHostsBytes) {
            out.notes << KnownHostsText::tr("%1 holds more than %2 MB and was not read.")
                             .arg(path)
                             .arg(kMaxKnownHostsBytes >> 20);
            continue;
        }
        int number = 0;
        for (const QByteArray &raw : text.split('\n')) {
            ++number;
            const QByteArray line = raw.trimmed();
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            QList<QByteArray> f = fields(line);
            KnownHostKey key;
            key.file = path;
            key.line = number;
            if (f.front().startsWith('@')) {
                if (f.front() == "@revoked")
                    key.marker = KnownHostKey::Marker::Revoked;
                else if (f.front() == "@cert-authority")
                    key.marker = KnownHostKey::Marker::CertAuthority;
                else
                    continue; // ssh ignores lines with markers it does not know
                f.removeFirst();
            }
            if (f.size() < 3)
                continue; // not a key line (ssh skips it too)
            bool named = false;
            for (const QString &name : names)
                named = named || knownHostsFieldMatches(f[0], name);
            if (!named)
                continue;
            key.type = QString::fromLatin1(f[1]);
            key.blob = QByteArray::fromBase64(f[2], QByteArray::AbortOnBase64DecodingErrors);
            if (key.blob.isEmpty()) {
                out.notes << KnownHostsText::tr(
                                 "%1 names the host but its key is not valid base64; ssh skips "
                                 "that line too.")
                                 .arg(key.where());
                continue;
            }
            out.keys.push_back(std::move(key));
        }
    }
    return out;
}

HostKeyCheck checkKnownHost(const KnownHostsLookup &lookup, const QByteArray &blob)
{
    HostKeyCheck check;
    check.notes = lookup.notes;
    for (const auto &key : lookup.keys)
        if (key.marker == KnownHostKey::Marker::Revoked && key.blob == blob) {
            check.trust = HostKeyTrust::Revoked;
            check.line = key;
            return check;
        }
    for (const auto &key : lookup.keys) {
        if (key.marker == KnownHostKey::Marker::CertAuthority) {
            check.notes << KnownHostsText::tr("%1 names a certificate authority for this host; host "
                                              "certificates are not checked (libssh 0.10 cannot), so only "
                                              "plain key lines count.")
                               .arg(key.where());
            continue;
        }
        if (key.marker != KnownHostKey::Marker::None)
            continue;
        if (key.blob == blob) {
            check.trust = HostKeyTrust::Trusted;
            check.line = key;
            return check;
        }
        if (!check.line) {
            check.trust = HostKeyTrust::Changed;
            check.line = key;
        }
    }
    return check;
}

QStringList knownKeyTypes(const KnownHostsLookup &lookup)
{
    QStringList types;
    for (const auto &key : lookup.keys)
        if (key.marker == KnownHostKey::Marker::None && !types.contains(key.type))
            types << key.type;
    return types;
}

Status appendKnownHost(const QString &path, const QString &name, const QString &type, const QByteArray &blob,
                       bool hashed)
{
    const auto failed = [&](const QString &why) {
        return FleetError{FleetErrorCode::KnownHostsUnusable,
                          {},
                          KnownHostsText::tr("cannot add the host key to %1: %2.").arg(path, why)};
    };
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return failed(KnownHostsText::tr("its folder cannot be made"));
    QFile file(path);
    const bool existed = file.exists();
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append))
        return failed(file.errorString());
    if (!existed)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray line;
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n")
        line += '\n';
    line += (hashed ? hashKnownHostsName(name) : name.toLower().toUtf8()) + ' ' + type.toLatin1() + ' ' +
            blob.toBase64() + '\n';
    if (file.write(line) != line.size() || !file.flush())
        return failed(file.errorString());
    return Done{};
}

} // namespace tenkai::fleet
