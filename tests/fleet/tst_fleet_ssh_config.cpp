// The ssh config and known_hosts files read as OpenSSH reads them, checked against OpenSSH itself:
// every resolution against the installed `ssh -G`, every known_hosts look-up against
// `ssh-keygen -F`, hashed names against what ssh-keygen -H writes and finds.
#include "fleet/known_hosts.h"
#include "fleet/ssh_config.h"

#include <QFile>
#include <QMultiMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tenkai::fleet;

namespace {

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

QByteArray run(const QString &program, const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, arguments);
    process.waitForFinished(30000);
    if (exitCode)
        *exitCode = process.exitCode();
    return process.readAllStandardOutput();
}

// "keyword value" lines as a multimap (identityfile repeats).
QMultiMap<QString, QString> keywords(const QString &text, const QSet<QString> &wanted)
{
    QMultiMap<QString, QString> out;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString key = line.section(QLatin1Char(' '), 0, 0);
        if (wanted.contains(key))
            out.insert(key, line.section(QLatin1Char(' '), 1));
    }
    return out;
}

} // namespace

class TestSshConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_config;

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ssh")).isEmpty() ||
            QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
            QSKIP("OpenSSH's ssh and ssh-keygen are needed (apt install openssh-client)");
        QVERIFY(m_dir.isValid());
        const QString inc = m_dir.filePath(QStringLiteral("inc"));
        QVERIFY(QDir().mkpath(inc));
        QVERIFY(writeFile(inc + QStringLiteral("/early.conf"),
                          "Host included\n  HostName inc.example\n  Port 2299\n"));
        QVERIFY(writeFile(inc + QStringLiteral("/late.conf"), "Host late-only\n  Port 2300\n"));
        m_config = m_dir.filePath(QStringLiteral("config"));
        QVERIFY(writeFile(m_config,
                          QStringLiteral(R"(# A fixture: every rule of ssh_config(5) that Tenkai applies.
Include %1/early.conf
Host *.osaka !gw.osaka
  User osaka-ops
  Port 2201
  IdentityFile ~/.ssh/osaka_%h_%r
  ProxyJump gw.osaka
Host gw.osaka
  User jump
Host edge-*
  HostName %h.example.net
  IdentitiesOnly yes
  IdentityFile ~/.ssh/edge
  IdentityFile "~/.ssh/edge two"
  ConnectTimeout 1m5s
Match host *.example.net user root
  Port 2202
Match originalhost edge-03
  User third
  ServerAliveInterval 15
Match exec "test %n = execme"
  User exec-user
Host chain
  HostName 10.0.0.9
  ProxyJump a,b@hop2:2222
Host cmd
  ProxyCommand nc %h %p
  ProxyJump ignored
Host alias
  HostKeyAlias site-alias
  UserKnownHostsFile ~/kh/one %d/kh/two-%h
  GlobalKnownHostsFile /etc/kh/g
  HashKnownHosts yes
  StrictHostKeyChecking accept-new
  BatchMode yes
  ForwardAgent yes
  Include %1/late.conf
Host late-only
  HostName=late.example
Host *
  ServerAliveCountMax 5
  User default-user
)")
                              .arg(inc)
                              .toUtf8()));
    }

    void resolvesAsSshDoes_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("identity");
        for (const char *host : {"a.osaka", "gw.osaka", "edge-01", "edge-03", "chain", "cmd", "alias",
                                 "included", "late-only", "plain", "execme", "EDGE-02"})
            QTest::newRow(host) << QString::fromLatin1(host) << QString() << 0 << QString();
        // The inventory's user, port and identity act as ssh's -l, -p and -i.
        QTest::newRow("edge-01 as root")
            << QStringLiteral("edge-01") << QStringLiteral("root") << 0 << QString();
        QTest::newRow("a.osaka port 2222")
            << QStringLiteral("a.osaka") << QStringLiteral("ops") << 2222 << QString();
        QTest::newRow("plain with -i")
            << QStringLiteral("plain") << QString() << 0 << m_dir.filePath(QStringLiteral("config"));
    }

    void resolvesAsSshDoes()
    {
        QFETCH(QString, host);
        QFETCH(QString, user);
        QFETCH(int, port);
        QFETCH(QString, identity);
        const auto resolved = resolveSshConfig(SshConfigQuery{host, user, port, identity, {}, m_config});
        QVERIFY2(resolved, resolved ? "" : qPrintable(resolved.error().message));

        QStringList arguments{QStringLiteral("-G"), QStringLiteral("-F"), m_config};
        if (!user.isEmpty())
            arguments << QStringLiteral("-l") << user;
        if (port > 0)
            arguments << QStringLiteral("-p") << QString::number(port);
        if (!identity.isEmpty())
            arguments << QStringLiteral("-i") << identity;
        arguments << host;
        int exitCode = -1;
        const QString openssh = QString::fromUtf8(run(QStringLiteral("ssh"), arguments, &exitCode));
        QCOMPARE(exitCode, 0);
        const QSet<QString> compared{QStringLiteral("hostname"),
                                     QStringLiteral("user"),
                                     QStringLiteral("port"),
                                     QStringLiteral("identityfile"),
                                     QStringLiteral("identitiesonly"),
                                     QStringLiteral("proxyjump"),
                                     QStringLiteral("proxycommand"),
                                     QStringLiteral("connecttimeout"),
                                     QStringLiteral("serveraliveinterval"),
                                     QStringLiteral("serveralivecountmax"),
                                     QStringLiteral("userknownhostsfile"),
                                     QStringLiteral("globalknownhostsfile"),
                                     QStringLiteral("hashknownhosts"),
                                     QStringLiteral("hostkeyalias"),
                                     QStringLiteral("stricthostkeychecking"),
                                     QStringLiteral("batchmode")};
        auto theirs = keywords(openssh, compared);
        auto ours = keywords(sshConfigAsOpenSshPrints(resolved.value()), compared);
        // ssh -G prints the -i file expanded and only when it exists; ours is the path as given.
        if (!identity.isEmpty())
            QVERIFY(theirs.values(QStringLiteral("identityfile")).contains(identity));
        for (const QString &key : compared) {
            QStringList a = theirs.values(key), b = ours.values(key);
            std::reverse(a.begin(), a.end()); // QMultiMap keeps the last insert first
            std::reverse(b.begin(), b.end());
            QVERIFY2(a == b,
                     qPrintable(QStringLiteral("%1: ssh -G says [%2], Tenkai says [%3]")
                                    .arg(key, a.join(QLatin1String("; ")), b.join(QLatin1String("; ")))));
        }
    }

    void proxyJumpHopsKeepTheirOrder()
    {
        const auto chain = resolveSshConfig(SshConfigQuery{QStringLiteral("chain"), {}, 0, {}, {}, m_config});
        QVERIFY(chain);
        QCOMPARE(chain.value().proxyJump, (QStringList{QStringLiteral("a"), QStringLiteral("b@hop2:2222")}));
        // ProxyCommand set first: the later ProxyJump does not apply.
        const auto cmd = resolveSshConfig(SshConfigQuery{QStringLiteral("cmd"), {}, 0, {}, {}, m_config});
        QVERIFY(cmd);
        QVERIFY(cmd.value().proxyJump.isEmpty());
        QCOMPARE(cmd.value().proxyCommand, QStringLiteral("nc %h %p"));
    }

    // What applies to a host and is not used is listed with its file and line.
    void unusedKeywordsAreListed()
    {
        const auto alias = resolveSshConfig(SshConfigQuery{QStringLiteral("alias"), {}, 0, {}, {}, m_config});
        QVERIFY(alias);
        const QString forward = alias.value().notApplied.join(QLatin1Char('\n'));
        QVERIFY2(forward.contains(m_config + QStringLiteral(":36: ForwardAgent yes")), qPrintable(forward));
        QCOMPARE(alias.value().setAt.value(QStringLiteral("hostkeyalias")), m_config + QStringLiteral(":30"));
        const auto plain = resolveSshConfig(SshConfigQuery{QStringLiteral("plain"), {}, 0, {}, {}, m_config});
        QVERIFY(plain);
        QCOMPARE(plain.value().notApplied,
                 QStringList{m_config + QStringLiteral(":41: ServerAliveCountMax 5 is not used by Tenkai.")});
    }

    void malformedConfigsNameFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("port") << QByteArray("Host *\n  Port 70000\n") << QStringLiteral(":2: Port");
        QTest::newRow("criterion") << QByteArray("Match tagged x\n") << QStringLiteral(":1: Match tagged");
        QTest::newRow("quote") << QByteArray("\n\nHost \"open\n") << QStringLiteral(":3: a quote");
        QTest::newRow("time") << QByteArray("ConnectTimeout soon\n") << QStringLiteral(":1: ConnectTimeout");
        QTest::newRow("flag") << QByteArray("IdentitiesOnly maybe\n") << QStringLiteral(":1: IdentitiesOnly");
    }

    void malformedConfigsNameFileAndLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("bad_config"));
        QVERIFY(writeFile(path, text));
        const auto resolved = resolveSshConfig(SshConfigQuery{QStringLiteral("edge"), {}, 0, {}, {}, path});
        QVERIFY(!resolved);
        QVERIFY2(resolved.error().message.contains(path + expected), qPrintable(resolved.error().message));
    }

    void includeLoopIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("loop_config"));
        QVERIFY(writeFile(path, QStringLiteral("Include %1\n").arg(path).toUtf8()));
        const auto resolved = resolveSshConfig(SshConfigQuery{QStringLiteral("edge"), {}, 0, {}, {}, path});
        QVERIFY(!resolved);
        QVERIFY2(resolved.error().message.contains(QStringLiteral("Include")),
                 qPrintable(resolved.error().message));
    }

    // Which lines of a known_hosts file name a host: the same as ssh-keygen -F finds, in plain and
    // hashed form (wildcards, negation, [host]:port, @revoked and @cert-authority lines).
    void knownHostsLookUpAsSshKeygen()
    {
        const QString k1 = m_dir.filePath(QStringLiteral("k1")), k2 = m_dir.filePath(QStringLiteral("k2"));
        for (const QString &key : {k1, k2}) {
            int code = -1;
            run(QStringLiteral("ssh-keygen"),
                {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                 QString(), QStringLiteral("-f"), key},
                &code);
            QCOMPARE(code, 0);
        }
        const auto publicKey = [](const QString &path) {
            QFile f(path + QStringLiteral(".pub"));
            return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').mid(0, 2).join(' ') : QByteArray();
        };
        const QByteArray a = publicKey(k1), b = publicKey(k2);
        const QString plain = m_dir.filePath(QStringLiteral("known_hosts"));
        QVERIFY(writeFile(plain, "# comment\nplain.example " + a + "\n*.osaka,!gw.osaka " + a +
                                     "\n[127.0.0.1]:2222 " + b + "\n[*.port]:2200 " + b + "\n@revoked * " +
                                     b + "\n@cert-authority *.ca.example " + a + "\nHashMe.example " + b +
                                     "\n  \n"));
        const QString hashed = m_dir.filePath(QStringLiteral("known_hosts_hashed"));
        QVERIFY(QFile::copy(plain, hashed));
        // A line without its key: skipped (ssh-keygen -H would refuse to hash the file with it).
        QFile broken(plain);
        QVERIFY(broken.open(QIODevice::Append));
        broken.write("broken.example ssh-ed25519\n");
        broken.close();
        int code = -1;
        run(QStringLiteral("ssh-keygen"), {QStringLiteral("-H"), QStringLiteral("-f"), hashed}, &code);
        QCOMPARE(code, 0);
        QVERIFY(QFile(hashed).size() > 0);
        for (const QString &file : {plain, hashed}) {
            for (const char *name :
                 {"plain.example", "a.osaka", "gw.osaka", "[127.0.0.1]:2222", "127.0.0.1", "[x.port]:2200",
                  "hashme.example", "some.ca.example", "nothing", "PLAIN.example"}) {
                const QString n = QString::fromLatin1(name);
                const QString found =
                    QString::fromUtf8(run(QStringLiteral("ssh-keygen"),
                                          {QStringLiteral("-F"), n.toLower(), QStringLiteral("-f"), file}));
                QList<int> theirs;
                for (const QString &line : found.split(QLatin1Char('\n')))
                    if (line.startsWith(QLatin1String("# Host ")))
                        theirs << line.section(QLatin1String("found: line "), 1)
                                      .section(QLatin1Char(' '), 0, 0)
                                      .toInt();
                QList<int> ours;
                for (const auto &key : lookUpKnownHosts({file}, {n}).keys)
                    ours << key.line;
                QVERIFY2(ours == theirs, qPrintable(QStringLiteral("%1 in %2").arg(n, file)));
            }
        }
    }

    void verdicts()
    {
        const QString file = m_dir.filePath(QStringLiteral("known_hosts"));
        QFile f(m_dir.filePath(QStringLiteral("k1.pub")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray k1 = QByteArray::fromBase64(f.readAll().split(' ').value(1));
        QFile g(m_dir.filePath(QStringLiteral("k2.pub")));
        QVERIFY(g.open(QIODevice::ReadOnly));
        const QByteArray k2 = QByteArray::fromBase64(g.readAll().split(' ').value(1));
        QVERIFY(!k1.isEmpty() && !k2.isEmpty());

        auto check = checkKnownHost(lookUpKnownHosts({file}, {QStringLiteral("plain.example")}), k1);
        QCOMPARE(check.trust, HostKeyTrust::Trusted);
        QCOMPARE(check.line->where(), file + QStringLiteral(":2"));
        // The revoked key is refused for every host, even one whose line trusts it.
        check = checkKnownHost(lookUpKnownHosts({file}, {QStringLiteral("hashme.example")}), k2);
        QCOMPARE(check.trust, HostKeyTrust::Revoked);
        QCOMPARE(check.line->line, 6);
        check = checkKnownHost(lookUpKnownHosts({file}, {QStringLiteral("a.osaka")}), k2);
        QCOMPARE(check.trust, HostKeyTrust::Revoked);
        // A host trusted with another key.
        const QByteArray other = k1.left(k1.size() - 1) + char(k1.back() ^ 1);
        check = checkKnownHost(lookUpKnownHosts({file}, {QStringLiteral("plain.example")}), other);
        QCOMPARE(check.trust, HostKeyTrust::Changed);
        QCOMPARE(check.line->line, 2);
        QCOMPARE(check.line->fingerprint(), keyFingerprint(k1));
        // A CA line alone does not trust a plain key, and says why.
        check = checkKnownHost(lookUpKnownHosts({file}, {QStringLiteral("x.ca.example")}), k1);
        QCOMPARE(check.trust, HostKeyTrust::Unknown);
        QVERIFY(check.notes.join(QLatin1Char(' ')).contains(file + QStringLiteral(":7")));
        QCOMPARE(knownKeyTypes(lookUpKnownHosts({file}, {QStringLiteral("plain.example")})),
                 QStringList{QStringLiteral("ssh-ed25519")});
        // A file that does not exist is skipped, as ssh skips it.
        QCOMPARE(
            lookUpKnownHosts({m_dir.filePath(QStringLiteral("none"))}, {QStringLiteral("x")}).notes.size(),
            0);
    }

    // A pinned line, hashed or not, is found by ssh-keygen -F: OpenSSH trusts what Tenkai pins.
    void pinnedLinesAreWhatOpenSshFinds()
    {
        const QString file = m_dir.filePath(QStringLiteral("pins/known_hosts"));
        QFile f(m_dir.filePath(QStringLiteral("k1.pub")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> pub = f.readAll().split(' ');
        const QByteArray blob = QByteArray::fromBase64(pub.value(1));
        QVERIFY(appendKnownHost(file, QStringLiteral("[Edge.Example]:2222"),
                                QString::fromLatin1(pub.value(0)), blob, true));
        QVERIFY(appendKnownHost(file, QStringLiteral("edge2.example"), QString::fromLatin1(pub.value(0)),
                                blob, false));
        QCOMPARE(QFile(file).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        for (const auto &[name, line] :
             {std::pair{"[edge.example]:2222", 1}, std::pair{"edge2.example", 2}}) {
            const QString found = QString::fromUtf8(
                run(QStringLiteral("ssh-keygen"),
                    {QStringLiteral("-F"), QString::fromLatin1(name), QStringLiteral("-f"), file}));
            QVERIFY2(found.contains(QStringLiteral("found: line %1").arg(line)), qPrintable(found));
        }
        QVERIFY(QFile(file).open(QIODevice::ReadOnly));
    }
};

QTEST_GUILESS_MAIN(TestSshConfig)
#include "tst_fleet_ssh_config.moc"
