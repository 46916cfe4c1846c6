#include "fleet/ssh_config.h"

#include "fleet/known_hosts.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <glob.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tenkai::fleet {

class SshConfigText
{
    Q_DECLARE_TR_FUNCTIONS(SshConfigText)
};

namespace {

constexpr int kMaxIncludeDepth = 16;
constexpr qint64 kMaxConfigBytes = 4 << 20;

// Keywords whose every line adds a value; every other keyword keeps the first value obtained.
const QSet<QString> &accumulating()
{
    static const QSet<QString> set{QStringLiteral("identityfile"),   QStringLiteral("certificatefile"),
                                   QStringLiteral("localforward"),   QStringLiteral("remoteforward"),
                                   QStringLiteral("dynamicforward"), QStringLiteral("sendenv")};
    return set;
}

// Keywords Tenkai applies (the rest that apply to a host are listed in notApplied).
const QSet<QString> &applied()
{
    static const QSet<QString> set{
        QStringLiteral("hostname"), QStringLiteral("user"), QStringLiteral("port"),
        QStringLiteral("identityfile"), QStringLiteral("identitiesonly"), QStringLiteral("proxyjump"),
        QStringLiteral("proxycommand"), QStringLiteral("connecttimeout"),
        QStringLiteral("userknownhostsfile"), QStringLiteral("globalknownhostsfile"),
        QStringLiteral("hashknownhosts"), QStringLiteral("hostkeyalias"),
        // Harmless to leave to Tenkai's own behaviour: it asks for no terminal and logs its own way.
        QStringLiteral("loglevel"), QStringLiteral("requesttty"),
        // Resolved and shown, not applied (listed as not used): ServerAliveInterval and
        // ServerAliveCountMax (libssh 0.10 sends no keepalives), StrictHostKeyChecking and BatchMode
        // (first contact is the operator's decision in the console, --accept-new in the CLI).
    };
    return set;
}

struct Setting
{
    QStringList args;
    QString at;
};

struct LocalUser
{
    QString name;
    QString home;
    uid_t uid = 0;
};

LocalUser localUser()
{
    LocalUser user;
    user.uid = ::getuid();
    if (const passwd *pw = ::getpwuid(user.uid)) {
        user.name = QString::fromLocal8Bit(pw->pw_name);
        user.home = QString::fromLocal8Bit(pw->pw_dir);
    }
    if (user.home.isEmpty())
        user.home = QDir::homePath();
    return user;
}

FleetError invalid(const QString &message)
{
    return FleetError{FleetErrorCode::InvalidTarget, {}, message};
}

// OpenSSH's argv_split: words separated by blanks, "double" or 'single' quotes around a word,
// backslash escapes of a quote or a backslash; an unquoted word starting with '#' ends the line.
std::optional<QStringList> splitArguments(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\') && i + 1 < line.size() &&
                (line[i + 1] == quote || line[i + 1] == QLatin1Char('\\'))) {
                word += line[++i];
            } else if (c == quote) {
                quote = QChar();
            } else {
                word += c;
            }
            continue;
        }
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t')) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else if (c == QLatin1Char('#') && !inWord) {
            break;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < line.size() &&
                   (line[i + 1] == QLatin1Char('"') || line[i + 1] == QLatin1Char('\'') ||
                    line[i + 1] == QLatin1Char('\\'))) {
            word += line[++i];
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return std::nullopt;
    if (inWord)
        words << word;
    return words;
}

// OpenSSH's match_pattern_list over `patterns` (each possibly "!negated"): false when a negated
// pattern matches, else true when a plain one does. Host names compare in lower case.
bool patternListMatches(const QString &text, const QStringList &patterns, bool lowerCase)
{
    const QString subject = lowerCase ? text.toLower() : text;
    bool matched = false;
    for (QString pattern : patterns) {
        const bool negated = pattern.startsWith(QLatin1Char('!'));
        if (negated)
            pattern.remove(0, 1);
        if (lowerCase)
            pattern = pattern.toLower();
        if (sshWildcardMatch(subject, pattern)) {
            if (negated)
                return false;
            matched = true;
        }
    }
    return matched;
}

// Seconds from OpenSSH's time format ("30", "1m30s", "2h"); nullopt when malformed.
std::optional<int> parseDuration(const QString &text)
{
    static const QRegularExpression part(QStringLiteral("^(\\d+)([sSmMhHdDwW]?)"));
    if (text.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    QString rest = text;
    while (!rest.isEmpty()) {
        const auto m = part.match(rest);
        if (!m.hasMatch())
            return std::nullopt;
        qint64 n = m.captured(1).toLongLong();
        switch (m.captured(2).isEmpty() ? 's' : m.captured(2).at(0).toLower().toLatin1()) {
        case 'w':
            n *= 7;
            [[fallthrough]];
        case 'd':
            n *= 24;
            [[fallthrough]];
        case 'h':
            n *= 60;
            [[fallthrough]];
        case 'm':
            n *= 60;
            break;
        default:
            break;
        }
        total += n;
        if (total > 0x7fffffff)
            return std::nullopt;
        rest = rest.mid(m.capturedLength());
    }
    return int(total);
}

std::optional<bool> parseFlag(const QString &text)
{
    const QString t = text.toLower();
    if (t == QLatin1String("yes") || t == QLatin1String("true"))
        return true;
    if (t == QLatin1String("no") || t == QLatin1String("false"))
        return false;
    return std::nullopt;
}

class Resolver;
QString expandTokens(const Resolver &r, const QString &text, const QString &host, const QString &user,
                     int port);

class Resolver
{
public:
    explicit Resolver(const SshConfigQuery &query) : m_query(query), m_user(localUser())
    {
        m_originalHost = query.host;
        if (!query.user.isEmpty())
            m_settings.insert(QStringLiteral("user"), Setting{{query.user}, QString()});
        if (query.port > 0)
            m_settings.insert(QStringLiteral("port"), Setting{{QString::number(query.port)}, QString()});
        if (!query.identity.isEmpty())
            m_identities << Setting{{query.identity}, QString()};
        if (!query.proxyJump.isEmpty())
            m_settings.insert(QStringLiteral("proxyjump"), Setting{{query.proxyJump}, QString()});
    }

    Status readAll(bool final)
    {
        m_final = final;
        if (m_query.configFile)
            return readFile(*m_query.configFile, true, false, 0);
        const QString user = m_user.home + QStringLiteral("/.ssh/config");
        if (auto ok = readFile(user, true, false, 0); !ok)
            return ok;
        return readFile(QStringLiteral("/etc/ssh/ssh_config"), false, false, 0);
    }

    bool wantsFinalPass() const { return m_wantFinal; }

    Result<ResolvedSsh> result() const;

private:
    QString current(const QString &key) const
    {
        const auto it = m_settings.find(key);
        return it == m_settings.end() || it->args.isEmpty() ? QString() : it->args.front();
    }
    QString hostSoFar() const
    {
        const QString name = current(QStringLiteral("hostname"));
        return name.isEmpty() ? m_originalHost : expandHostName(name);
    }
    QString expandHostName(const QString &name) const
    {
        QString out;
        for (qsizetype i = 0; i < name.size(); ++i) {
            if (name[i] == QLatin1Char('%') && i + 1 < name.size()) {
                const QChar t = name[++i];
                if (t == QLatin1Char('h'))
                    out += m_originalHost;
                else if (t == QLatin1Char('%'))
                    out += QLatin1Char('%');
                else
                    out += QLatin1Char('%') + t;
            } else {
                out += name[i];
            }
        }
        return out;
    }
    QString userSoFar() const
    {
        const QString u = current(QStringLiteral("user"));
        return u.isEmpty() ? m_user.name : u;
    }
    int portSoFar() const
    {
        const int p = current(QStringLiteral("port")).toInt();
        return p > 0 ? p : 22;
    }

    Status readFile(const QString &path, bool userFile, bool neverMatch, int depth);
    Status line(const QString &text, const QString &at, bool userFile, bool &active, bool neverMatch,
                int depth);
    Result<bool> match(const QStringList &args, const QString &at);

    friend QString expandTokens(const Resolver &, const QString &, const QString &, const QString &, int);

    const SshConfigQuery &m_query;
    LocalUser m_user;
    QString m_originalHost;
    QMap<QString, Setting> m_settings;
    QList<Setting> m_identities;
    QStringList m_files;
    QStringList m_notApplied;
    QSet<QString> m_notAppliedSeen;
    bool m_final = false;
    bool m_wantFinal = false;
};

// %-tokens of IdentityFile, UserKnownHostsFile, ProxyCommand and Match exec (ssh_config(5),
// TOKENS), with a leading "~/" made the local user's home.
QString expandTokens(const Resolver &r, const QString &text, const QString &host, const QString &user,
                     int port)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != QLatin1Char('%') || i + 1 >= text.size()) {
            out += text[i];
            continue;
        }
        const char t = text[++i].toLatin1();
        const QString local = QHostInfo::localHostName();
        switch (t) {
        case '%':
            out += QLatin1Char('%');
            break;
        case 'h':
            out += host;
            break;
        case 'n':
            out += r.m_originalHost;
            break;
        case 'p':
            out += QString::number(port);
            break;
        case 'r':
            out += user;
            break;
        case 'u':
            out += r.m_user.name;
            break;
        case 'd':
            out += r.m_user.home;
            break;
        case 'i':
            out += QString::number(r.m_user.uid);
            break;
        case 'l':
            out += local;
            break;
        case 'L':
            out += local.section(QLatin1Char('.'), 0, 0);
            break;
        case 'k': {
            const QString alias = r.current(QStringLiteral("hostkeyalias"));
            out += alias.isEmpty() ? host : alias;
            break;
        }
        case 'C':
            out += QString::fromLatin1(
                QCryptographicHash::hash((local + host + QString::number(port) + user).toUtf8(),
                                         QCryptographicHash::Sha1)
                    .toHex());
            break;
        default:
            out += QLatin1Char('%') + QChar::fromLatin1(t);
            break;
        }
    }
    if (out == QLatin1String("~"))
        return r.m_user.home;
    if (out.startsWith(QLatin1String("~/")))
        return r.m_user.home + out.mid(1);
    return out;
}

Status Resolver::readFile(const QString &path, bool userFile, bool neverMatch, int depth)
{
    if (depth > kMaxIncludeDepth)
        return invalid(SshConfigText::tr("%1: Include goes deeper than %2 files (an Include loop?).")
                           .arg(path)
                           .arg(kMaxIncludeDepth));
    QFile file(path);
    if (!file.exists())
        return Done{};
    // As ssh: a user's config that someone else could change is refused.
    struct stat st = {};
    if (userFile && ::stat(QFile::encodeName(path).constData(), &st) == 0 &&
        ((st.st_uid != 0 && st.st_uid != m_user.uid) || (st.st_mode & 022) != 0))
        return invalid(SshConfigText::tr("the ssh config %1 has bad owner or permissions (ssh refuses it "
                                         "too): make it yours and not writable by others (chmod 600).")
                           .arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return invalid(SshConfigText::tr("cannot read the ssh config %1: %2.").arg(path, file.errorString()));
    const QByteArray text = file.read(kMaxConfigBytes + 1);
    if (text.size() > kMaxConfigBytes)
        return invalid(SshConfigText::tr("the ssh config %1 holds more than %2 MB: it is not an ssh config.")
                           .arg(path)
                           .arg(kMaxConfigBytes >> 20));
    m_files << path;
    bool active = !neverMatch; // lines before the first Host or Match apply to every host
    int number = 0;
    for (const QByteArray &raw : text.split('\n')) {
        ++number;
        if (auto ok = line(QString::fromUtf8(raw), path + QLatin1Char(':') + QString::number(number),
                           userFile, active, neverMatch, depth);
            !ok)
            return ok;
    }
    return Done{};
}

Result<bool> Resolver::match(const QStringList &args, const QString &at)
{
    if (args.isEmpty())
        return invalid(
            SshConfigText::tr("%1: Match needs a criterion (all, host, user, exec, ...).").arg(at));
    bool result = true;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString criterion = args[i].toLower();
        const bool negated = criterion.startsWith(QLatin1Char('!'));
        if (negated)
            criterion.remove(0, 1);
        bool matched = false;
        if (criterion == QLatin1String("all")) {
            matched = true;
        } else if (criterion == QLatin1String("canonical") || criterion == QLatin1String("final")) {
            // One pass without, then a final pass with (as ssh does when a config asks for it).
            m_wantFinal = true;
            matched = m_final;
        } else {
            if (i + 1 >= args.size())
                return invalid(SshConfigText::tr("%1: Match %2 needs an argument.").arg(at, criterion));
            const QString arg = args[++i];
            const QStringList list = arg.split(QLatin1Char(','));
            if (criterion == QLatin1String("host")) {
                matched = patternListMatches(hostSoFar(), list, true);
            } else if (criterion == QLatin1String("originalhost")) {
                matched = patternListMatches(m_originalHost, list, true);
            } else if (criterion == QLatin1String("user")) {
                matched = patternListMatches(userSoFar(), list, false);
            } else if (criterion == QLatin1String("localuser")) {
                matched = patternListMatches(m_user.name, list, false);
            } else if (criterion == QLatin1String("exec")) {
                // As ssh: the command runs through the shell, only when the criteria before it held;
                // exit status 0 is a match.
                if (!result)
                    continue;
                const QString command = expandTokens(*this, arg, hostSoFar(), userSoFar(), portSoFar());
                QProcess shell;
                shell.setProcessChannelMode(QProcess::ForwardedErrorChannel);
                shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
                matched = shell.waitForFinished(30000) && shell.exitStatus() == QProcess::NormalExit &&
                          shell.exitCode() == 0;
                if (shell.state() != QProcess::NotRunning)
                    shell.kill();
            } else {
                return invalid(SshConfigText::tr("%1: Match %2 is a criterion Tenkai does not evaluate "
                                                 "(known: all, canonical, final, exec, host, originalhost, "
                                                 "user, localuser).")
                                   .arg(at, criterion));
            }
        }
        if (matched == negated)
            result = false; // every criterion must hold; the rest are still checked for errors
    }
    return result;
}

Status Resolver::line(const QString &text, const QString &at, bool userFile, bool &active, bool neverMatch,
                      int depth)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
        return Done{};
    // "Keyword value", "Keyword=value" or "Keyword = value".
    static const QRegularExpression head(QStringLiteral("^([A-Za-z0-9]+)\\s*(=\\s*|\\s+|$)"));
    const auto m = head.match(trimmed);
    if (!m.hasMatch())
        return invalid(SshConfigText::tr("%1: \"%2\" is not a \"Keyword value\" line.").arg(at, trimmed));
    const QString keyword = m.captured(1).toLower();
    const auto args = splitArguments(trimmed.mid(m.capturedLength()));
    if (!args)
        return invalid(SshConfigText::tr("%1: a quote is not closed.").arg(at));

    if (keyword == QLatin1String("host")) {
        if (args->isEmpty())
            return invalid(SshConfigText::tr("%1: Host needs at least one pattern.").arg(at));
        // As ssh: Host patterns compare case-sensitively with the name as given (Match host does not).
        active = !neverMatch && patternListMatches(m_originalHost, *args, false);
        return Done{};
    }
    if (keyword == QLatin1String("match")) {
        auto matched = match(*args, at);
        if (!matched)
            return matched.error();
        active = !neverMatch && matched.value();
        return Done{};
    }
    if (keyword == QLatin1String("include")) {
        if (args->isEmpty())
            return invalid(SshConfigText::tr("%1: Include needs a file.").arg(at));
        for (const QString &arg : *args) {
            QString pattern = expandTokens(*this, arg, hostSoFar(), userSoFar(), portSoFar());
            if (!pattern.startsWith(QLatin1Char('/')))
                pattern = (userFile ? m_user.home + QStringLiteral("/.ssh/") : QStringLiteral("/etc/ssh/")) +
                          pattern;
            glob_t found = {};
            if (::glob(QFile::encodeName(pattern).constData(), 0, nullptr, &found) == 0) {
                for (std::size_t i = 0; i < found.gl_pathc; ++i) {
                    const bool outer = active;
                    auto ok = readFile(QFile::decodeName(found.gl_pathv[i]), userFile, neverMatch || !active,
                                       depth + 1);
                    active = outer;
                    if (!ok) {
                        ::globfree(&found);
                        return ok;
                    }
                }
            }
            ::globfree(&found);
        }
        return Done{};
    }
    if (!active)
        return Done{};
    if (args->isEmpty())
        return invalid(SshConfigText::tr("%1: %2 has no value.").arg(at, m.captured(1)));

    // Values checked where a bad one would mislead later.
    if (keyword == QLatin1String("port")) {
        bool ok = false;
        const int port = args->front().toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return invalid(SshConfigText::tr("%1: Port \"%2\" is not a port number from 1 to 65535.")
                               .arg(at, args->front()));
    } else if (keyword == QLatin1String("connecttimeout") ||
               keyword == QLatin1String("serveraliveinterval")) {
        if (args->front().toLower() != QLatin1String("none") && !parseDuration(args->front()))
            return invalid(SshConfigText::tr("%1: %2 \"%3\" is not a time (30, 1m, 1m30s).")
                               .arg(at, m.captured(1), args->front()));
    } else if (keyword == QLatin1String("identitiesonly") || keyword == QLatin1String("hashknownhosts") ||
               keyword == QLatin1String("batchmode")) {
        if (!parseFlag(args->front()))
            return invalid(SshConfigText::tr("%1: %2 must be yes or no (got \"%3\").")
                               .arg(at, m.captured(1), args->front()));
    }

    if (!applied().contains(keyword)) {
        const QString id = keyword + QLatin1Char('@') + at;
        if (!m_notAppliedSeen.contains(id)) {
            m_notAppliedSeen.insert(id);
            m_notApplied << SshConfigText::tr("%1: %2 %3 is not used by Tenkai.")
                                .arg(at, m.captured(1), args->join(QLatin1Char(' ')));
        }
    }
    if (keyword == QLatin1String("identityfile")) {
        m_identities << Setting{*args, at};
        return Done{};
    }
    if (accumulating().contains(keyword))
        return Done{};
    // ProxyJump and ProxyCommand exclude each other: the first one set wins.
    if ((keyword == QLatin1String("proxyjump") && m_settings.contains(QStringLiteral("proxycommand"))) ||
        (keyword == QLatin1String("proxycommand") && m_settings.contains(QStringLiteral("proxyjump"))))
        return Done{};
    if (!m_settings.contains(keyword)) {
        // ProxyCommand is the rest of the line as written, not split into words.
        if (keyword == QLatin1String("proxycommand"))
            m_settings.insert(keyword, Setting{{trimmed.mid(m.capturedLength()).trimmed()}, at});
        else
            m_settings.insert(keyword, Setting{*args, at});
    }
    return Done{};
}

Result<ResolvedSsh> Resolver::result() const
{
    ResolvedSsh r;
    r.originalHost = m_originalHost;
    r.hostName = hostSoFar().toLower(); // ssh connects to (and looks keys up for) the name in lower case
    r.user = userSoFar();
    r.port = portSoFar();
    for (auto it = m_settings.begin(); it != m_settings.end(); ++it)
        if (!it->at.isEmpty())
            r.setAt.insert(it.key(), it->at);
    const auto value = [&](const char *key) {
        return current(QLatin1String(key));
    };
    const auto expand = [&](const QString &text) {
        return expandTokens(*this, text, r.hostName, r.user, r.port);
    };

    if (m_identities.isEmpty()) {
        for (const char *name :
             {"id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa"})
            r.identityFilesAsWritten << QStringLiteral("~/.ssh/") + QLatin1String(name);
    } else {
        for (const auto &identity : m_identities) {
            r.identityFilesAsWritten << identity.args.front();
            if (r.setAt.value(QStringLiteral("identityfile")).isEmpty() && !identity.at.isEmpty())
                r.setAt.insert(QStringLiteral("identityfile"), identity.at);
        }
    }
    for (const auto &identity : r.identityFilesAsWritten)
        r.identityFiles << expand(identity);
    r.identitiesOnly = parseFlag(value("identitiesonly")).value_or(false);

    const QString jump = value("proxyjump");
    if (!jump.isEmpty() && jump.toLower() != QLatin1String("none"))
        for (const auto &hop : jump.split(QLatin1Char(','), Qt::SkipEmptyParts))
            r.proxyJump << hop.trimmed();
    const QString command = value("proxycommand");
    if (!command.isEmpty() && command.toLower() != QLatin1String("none"))
        r.proxyCommand = command; // libssh expands %h, %p and %r itself when it runs the command
    if (const QString t = value("connecttimeout"); !t.isEmpty() && t.toLower() != QLatin1String("none"))
        r.connectTimeout = parseDuration(t).value_or(0);
    if (const QString t = value("serveraliveinterval"); !t.isEmpty() && t.toLower() != QLatin1String("none"))
        r.serverAliveInterval = parseDuration(t).value_or(0);
    if (const QString t = value("serveralivecountmax"); !t.isEmpty())
        r.serverAliveCountMax = t.toInt();

    const auto files = [&](const char *key, const QStringList &defaults) {
        const auto it = m_settings.find(QLatin1String(key));
        QStringList out;
        for (const auto &file : it == m_settings.end() ? defaults : it->args)
            if (file.toLower() != QLatin1String("none"))
                out << expand(file);
        return out;
    };
    r.userKnownHostsFiles = files(
        "userknownhostsfile", {QStringLiteral("~/.ssh/known_hosts"), QStringLiteral("~/.ssh/known_hosts2")});
    r.globalKnownHostsFiles = files("globalknownhostsfile", {QStringLiteral("/etc/ssh/ssh_known_hosts"),
                                                             QStringLiteral("/etc/ssh/ssh_known_hosts2")});
    r.hashKnownHosts = parseFlag(value("hashknownhosts")).value_or(false);
    r.hostKeyAlias = value("hostkeyalias");
    if (const QString s = value("stricthostkeychecking").toLower(); !s.isEmpty())
        r.strictHostKeyChecking =
            s == QLatin1String("yes") || s == QLatin1String("true") ? QStringLiteral("true")
            : s == QLatin1String("no") || s == QLatin1String("off") || s == QLatin1String("false")
                ? QStringLiteral("false")
                : s;
    if (const auto b = parseFlag(value("batchmode")))
        r.batchMode = *b ? QStringLiteral("yes") : QStringLiteral("no");
    // ssh's default: BatchMode without a ServerAliveInterval of its own checks every 300 s.
    if (r.batchMode == QLatin1String("yes") && value("serveraliveinterval").isEmpty())
        r.serverAliveInterval = 300;
    r.filesRead = m_files;
    r.filesRead.removeDuplicates();
    r.notApplied = m_notApplied;
    return r;
}

} // namespace

Result<ResolvedSsh> resolveSshConfig(const SshConfigQuery &query)
{
    if (query.configFile && !QFileInfo::exists(*query.configFile))
        return invalid(SshConfigText::tr("the ssh config file %1 does not exist.").arg(*query.configFile));
    Resolver resolver(query);
    if (auto ok = resolver.readAll(false); !ok)
        return ok.error();
    if (resolver.wantsFinalPass())
        if (auto ok = resolver.readAll(true); !ok)
            return ok.error();
    return resolver.result();
}

QString describeConnection(const ResolvedSsh &r)
{
    const QString host =
        r.hostName.contains(QLatin1Char(':')) ? QLatin1Char('[') + r.hostName + QLatin1Char(']') : r.hostName;
    QString text = QStringLiteral("%1@%2:%3").arg(r.user, host).arg(r.port);
    if (!r.proxyJump.isEmpty())
        text += SshConfigText::tr(" via %1").arg(r.proxyJump.join(QLatin1Char(',')));
    else if (!r.proxyCommand.isEmpty())
        text += SshConfigText::tr(" via its ProxyCommand");
    return text;
}

QString sshConfigAsOpenSshPrints(const ResolvedSsh &r)
{
    QStringList lines;
    lines << QStringLiteral("hostname ") + r.hostName << QStringLiteral("user ") + r.user
          << QStringLiteral("port ") + QString::number(r.port);
    for (const auto &identity : r.identityFilesAsWritten)
        lines << QStringLiteral("identityfile ") + identity;
    lines << QStringLiteral("identitiesonly ") +
                 (r.identitiesOnly ? QStringLiteral("yes") : QStringLiteral("no"));
    if (!r.proxyJump.isEmpty())
        lines << QStringLiteral("proxyjump ") + r.proxyJump.join(QLatin1Char(','));
    if (!r.proxyCommand.isEmpty())
        lines << QStringLiteral("proxycommand ") + r.proxyCommand;
    lines << QStringLiteral("connecttimeout ") +
                 (r.connectTimeout > 0 ? QString::number(r.connectTimeout) : QStringLiteral("none"));
    lines << QStringLiteral("serveraliveinterval ") + QString::number(r.serverAliveInterval)
          << QStringLiteral("serveralivecountmax ") + QString::number(r.serverAliveCountMax);
    lines << QStringLiteral("userknownhostsfile ") + r.userKnownHostsFiles.join(QLatin1Char(' '))
          << QStringLiteral("globalknownhostsfile ") + r.globalKnownHostsFiles.join(QLatin1Char(' '))
          << QStringLiteral("hashknownhosts ") +
                 (r.hashKnownHosts ? QStringLiteral("yes") : QStringLiteral("no"));
    if (!r.hostKeyAlias.isEmpty())
        lines << QStringLiteral("hostkeyalias ") + r.hostKeyAlias;
    lines << QStringLiteral("stricthostkeychecking ") + r.strictHostKeyChecking
          << QStringLiteral("batchmode ") + r.batchMode;
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace tenkai::fleet
