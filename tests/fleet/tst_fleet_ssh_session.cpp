// SshSession against real OpenSSH sites: exec, quoting, upload, host keys, failures, channels.
#include "fleet/local_shell.h"
#include "fleet/ssh_session.h"
#include "sshd_sites.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <atomic>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace tenkai::fleet;
using namespace std::chrono_literals;
using tenkai::test::SshdSites;

class TestSshSession : public QObject
{
    Q_OBJECT

private:
    SshdSites m_sites;
    QString m_knownHosts;

    // Sites: 0 general use, 1 host keys, 2 killed, 3 uploads that get killed.
    SshTarget target(int index, const QString &identity = {}) const
    {
        const auto &site = m_sites.site(index);
        return SshTarget{site.name,
                         QStringLiteral("127.0.0.1"),
                         site.port,
                         QStringLiteral("root"),
                         identity.isEmpty() ? m_sites.clientKey() : identity,
                         {}};
    }
    SshOptions options(HostKeyPolicy policy = HostKeyPolicy::AcceptNew, const QString &knownHosts = {}) const
    {
        SshOptions o;
        o.knownHosts = knownHosts.isEmpty() ? m_knownHosts : knownHosts;
        o.hostKeyPolicy = policy;
        o.sshConfig = m_sites.clientConfig();
        o.useAgent = false;
        o.connectTimeout = 5s;
        o.ioTimeout = 5s;
        return o;
    }
    static QByteArray randomBytes(qsizetype size)
    {
        QByteArray data(size, Qt::Uninitialized);
        for (auto &c : data)
            c = char(QRandomGenerator::global()->bounded(256));
        return data;
    }
    // The process's peak resident memory so far, in MiB; under AddressSanitizer, whose quarantine
    // keeps up to 256 MB of freed buffers, 0 (the bound is then not measurable this way).
    static long peakMiB()
    {
#if defined(__SANITIZE_ADDRESS__)
        return 0;
#endif
        rusage usage{};
        return ::getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_maxrss / 1024 : -1;
    }
    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_sites.start(4), qPrintable(m_sites.error()));
        m_knownHosts = m_sites.scratch() + QStringLiteral("/workspace/known_hosts");
    }

    void shellQuoteIsOneWord_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("'abc'");
        QTest::newRow("empty") << QString() << QStringLiteral("''");
        QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
        QTest::newRow("dollar") << QStringLiteral("$(id)") << QStringLiteral("'$(id)'");
    }
    void shellQuoteIsOneWord()
    {
        QFETCH(QString, argument);
        QFETCH(QString, quoted);
        QCOMPARE(shellQuote(argument), quoted);
    }

    void connectAndExec()
    {
        SshSession session(target(0), options());
        const auto connected = session.connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
        QVERIFY(session.isConnected());
        QCOMPARE(session.hostKeyFingerprint(), m_sites.hostKeyFingerprint(0));
        QVERIFY(session.pinnedNewHostKey());

        auto result = session.exec(QStringLiteral("printf hello; printf oops >&2; exit 7"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value().out, QByteArray("hello"));
        QCOMPARE(result.value().err, QByteArray("oops"));
        QCOMPARE(result.value().exitStatus, 7);

        // Input reaches stdin byte for byte, then EOF.
        const QByteArray input = randomBytes(300000);
        result = session.exec(QStringLiteral("cat"), ExecOptions{input, 30s});
        QVERIFY(result);
        QCOMPARE(result.value().out, input);

        // Large output on both streams at once is drained without stalling.
        result =
            session.exec(QStringLiteral("head -c 3000000 /dev/zero & head -c 2000000 /dev/zero >&2; wait"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value().out.size(), 3000000);
        QCOMPARE(result.value().err.size(), 2000000);
        QCOMPARE(result.value().exitStatus, 0);

        // A site that prints without end fills no memory here: the first maxOutput bytes are kept,
        // the rest read and counted (300 MB through the real sshd).
        const long before = peakMiB();
        result = session.exec(QStringLiteral("head -c 300000000 /dev/zero; printf tail >&2"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value().out.size(), ExecOptions().maxOutput);
        QCOMPARE(result.value().outDropped, 300000000 - ExecOptions().maxOutput);
        QCOMPARE(result.value().err, QByteArray("tail"));
        QVERIFY2(peakMiB() - before < 100,
                 qPrintable(QStringLiteral("%1 -> %2 MiB").arg(before).arg(peakMiB())));

        result = session.exec(QStringLiteral("kill -TERM $$"));
        QVERIFY(result);
        QCOMPARE(result.value().exitStatus, -1);
        QCOMPARE(result.value().exitSignal, QStringLiteral("TERM"));
    }

    // A local site's shell: the same results as over SSH, and the same bound on what is kept.
    void localShellKeepsAtMostMaxOutput()
    {
        LocalShell shell(QStringLiteral("here"), m_sites.scratch());
        auto result = shell.exec(QStringLiteral("printf hello; printf oops >&2; exit 7"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value().out, QByteArray("hello"));
        QCOMPARE(result.value().err, QByteArray("oops"));
        QCOMPARE(result.value().exitStatus, 7);
        const QByteArray input = randomBytes(300000);
        result = shell.exec(QStringLiteral("cat"), ExecOptions{input, 30s});
        QVERIFY(result);
        QCOMPARE(result.value().out, input);
        const long before = peakMiB();
        result = shell.exec(QStringLiteral("head -c 300000000 /dev/zero; head -c 20000000 /dev/zero >&2"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value().out.size(), ExecOptions().maxOutput);
        QCOMPARE(result.value().outDropped, 300000000 - ExecOptions().maxOutput);
        QCOMPARE(result.value().err.size(), ExecOptions().maxOutput);
        QCOMPARE(result.value().errDropped, 20000000 - ExecOptions().maxOutput);
        QVERIFY2(peakMiB() - before < 100,
                 qPrintable(QStringLiteral("%1 -> %2 MiB").arg(before).arg(peakMiB())));
        const auto slow = shell.exec(QStringLiteral("sleep 5"), ExecOptions{{}, 300ms});
        QVERIFY(!slow);
        QCOMPARE(slow.error().code, FleetErrorCode::Timeout);
    }

    void hostileArgumentsDoNotInject()
    {
        const QString canary = m_sites.scratch() + QStringLiteral("/canary");
        const QStringList arguments{
            QStringLiteral("two words"),
            QStringLiteral("it's"),
            QStringLiteral("\"double\""),
            QStringLiteral("$(touch %1)").arg(canary),
            QStringLiteral("`touch %1`").arg(canary),
            QStringLiteral("line\nbreak"),
            QStringLiteral("-n"),
            QStringLiteral("--help"),
            QStringLiteral("*"),
            QStringLiteral("~"),
            QString(),
            QStringLiteral("a; touch %1 && b | c > d").arg(canary),
            QStringLiteral("back\\slash\\"),
            QStringLiteral("'; touch %1; '").arg(canary),
            QStringLiteral("展開 ${HOME} %s"),
        };
        SshSession session(target(0), options());
        QVERIFY(session.connect());
        const auto result = session.exec(QStringLiteral("printf '%s\\0' ") + shellCommand(arguments));
        QVERIFY(result);
        QCOMPARE(result.value().exitStatus, 0);
        QList<QByteArray> echoed = result.value().out.split('\0');
        QCOMPARE(echoed.takeLast(), QByteArray());
        QStringList back;
        for (const QByteArray &word : echoed)
            back << QString::fromUtf8(word);
        QCOMPARE(back, arguments);
        QVERIFY(!QFile::exists(canary));

        // The same names as an upload destination (checksum and rename run through the shell).
        // Path components hold no '/', so the canary is relative: remote commands run in the home folder.
        const QString relative =
            QStringLiteral("tenkai-canary-%1").arg(QRandomGenerator::global()->generate());
        const QString homeCanary = QDir::home().filePath(relative);
        const QString folder = m_sites.scratch() + QStringLiteral("/hostile $(touch %1) 'dir'").arg(relative);
        QVERIFY(QDir().mkpath(folder));
        const QString name =
            folder + QStringLiteral("/-n 'q' $(touch %1) `touch %1`\nnext; touch %1").arg(relative);
        const QByteArray data = randomBytes(1000);
        const auto uploaded = session.uploadData(data, name);
        QVERIFY2(uploaded, uploaded ? "" : qPrintable(uploaded.error().message));
        QCOMPARE(readFile(name), data);
        QVERIFY(!QFile::exists(canary));
        QVERIFY(!QFile::exists(homeCanary));
        QVERIFY(!QFile::exists(folder + QLatin1Char('/') + relative));
    }

    void uploadReplacesAtomicallyWithChecksum()
    {
        SshSession session(target(0), options());
        QVERIFY(session.connect());
        const QString folder = m_sites.scratch() + QStringLiteral("/uploads");
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/model.pt");

        const QByteArray first = randomBytes(1000);
        QVERIFY(session.uploadData(first, path));
        QCOMPARE(readFile(path), first);

        // Several chunks from a local file, over the existing one, with a mode.
        const QByteArray second = randomBytes(3 * 128 * 1024 + 12345);
        const QString local = m_sites.scratch() + QStringLiteral("/local.bin");
        {
            QFile file(local);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(second);
        }
        const auto uploaded = session.upload(local, path, UploadOptions{0600});
        QVERIFY2(uploaded, uploaded ? "" : qPrintable(uploaded.error().message));
        QCOMPARE(readFile(path), second);
        struct stat info
        {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        // No temporary file is left beside it.
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("model.pt")});

        // An upload into a missing folder says which path failed and why.
        const auto missing = session.uploadData(first, folder + QStringLiteral("/no/such/file"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, FleetErrorCode::TransferFailed);
        QVERIFY2(missing.error().message.contains(QStringLiteral("no such folder")),
                 qPrintable(missing.error().message));
        QVERIFY(missing.error().message.contains(m_sites.site(0).name));
    }

    void uploadChecksAgainstTheGivenChecksumAndRunsAScript()
    {
        SshSession session(target(0), options());
        QVERIFY(session.connect());
        const QString folder = m_sites.scratch() + QStringLiteral("/upload-then");
        const QString path = folder + QStringLiteral("/new 'dir'/model.pt");
        const QByteArray data = randomBytes(300 * 1024 + 7);
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());

        // A checksum the bytes do not have: refused on the site, nothing under the final name, no
        // temporary file left (the folder was made for it).
        auto refused =
            session.uploadData(data, path, UploadOptions{0644, true, QString(64, QLatin1Char('b'))});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, FleetErrorCode::ChecksumMismatch);
        QVERIFY2(refused.error().message.contains(sha), qPrintable(refused.error().message));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(folder + QStringLiteral("/new 'dir'")).entryList(QDir::Files | QDir::Hidden),
                 QStringList());

        // The right one, then a script in the same command: it sees the file in place as "$f".
        const QString local = m_sites.scratch() + QStringLiteral("/then.bin");
        {
            QFile file(local);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(data);
        }
        auto ran = session.uploadThenRun(local, path, UploadOptions{0600, true, sha},
                                         QStringLiteral("stat -c %s -- \"$f\"; echo oops >&2; exit 3"), 10s);
        QVERIFY2(ran, ran ? "" : qPrintable(ran.error().message));
        QCOMPARE(ran.value().exitStatus, 3);
        QCOMPARE(ran.value().out.trimmed(), QByteArray::number(data.size()));
        QCOMPARE(ran.value().err.trimmed(), QByteArray("oops"));
        QCOMPARE(readFile(path), data);
        struct stat info
        {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);

        // An upload that fails runs nothing of the script.
        const QString marker = folder + QStringLiteral("/script-ran");
        ran = session.uploadThenRun(local, folder + QStringLiteral("/missing/x.bin"), UploadOptions{0644},
                                    QStringLiteral("touch ") + shellQuote(marker), 10s);
        QVERIFY(!ran);
        QCOMPARE(ran.error().code, FleetErrorCode::TransferFailed);
        QVERIFY2(ran.error().message.contains(QStringLiteral("no such folder")),
                 qPrintable(ran.error().message));
        QVERIFY(!QFile::exists(marker));
    }

    void killedMidUploadKeepsTheOldFile()
    {
        const QString folder = m_sites.scratch() + QStringLiteral("/killed-upload");
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/big.bin");
        const QByteArray old("the old contents");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(old);
        }
        SshSession session(target(3), options());
        QVERIFY(session.connect());
        std::atomic<bool> finished = false;
        std::optional<Status> outcome;
        std::thread worker([&] {
            outcome.emplace(session.uploadData(QByteArray(256 * 1024 * 1024, 'x'), path));
            finished = true;
        });
        // Kill the site once the temporary file is growing.
        const bool started = QTest::qWaitFor(
            [&] {
                const auto parts = QDir(folder).entryInfoList(QDir::Files | QDir::Hidden);
                for (const auto &part : parts)
                    if (part.fileName().endsWith(QLatin1String(".part")) && part.size() > 1024 * 1024)
                        return true;
                return finished.load();
            },
            20000);
        m_sites.kill(3);
        worker.join();
        QVERIFY(started);
        QVERIFY(outcome.has_value());
        QVERIFY2(!*outcome, "the upload finished before the site was killed");
        const FleetError &error = outcome->error();
        QVERIFY2(error.code == FleetErrorCode::Disconnected || error.code == FleetErrorCode::TransferFailed,
                 qPrintable(error.message));
        QVERIFY2(error.message.contains(m_sites.site(3).name), qPrintable(error.message));
        QCOMPARE(readFile(path), old);
        QVERIFY(m_sites.restart(3));
    }

    void staleTemporaryFilesOfGoneShellsAreRemoved()
    {
        // Temporary files left by cut-off uploads carry their shell's PID. The next upload of the same
        // file removes those whose shell is gone: exited, or killed and never reaped (a zombie still
        // answers `kill -0`, as in a container whose PID 1 does not reap orphans), and keeps one whose
        // shell still runs.
        const QString folder = m_sites.scratch() + QStringLiteral("/stale-parts");
        QVERIFY(QDir().mkpath(folder));
        const pid_t zombie = ::fork();
        QVERIFY(zombie >= 0);
        if (zombie == 0)
            ::_exit(0);
        const auto reap = qScopeGuard([zombie] { ::waitpid(zombie, nullptr, 0); });
        QVERIFY(QTest::qWaitFor(
            [&] {
                QFile status(QStringLiteral("/proc/%1/status").arg(zombie));
                return status.open(QIODevice::ReadOnly) && status.readAll().contains("State:\tZ");
            },
            5000));
        const pid_t exited = ::fork();
        QVERIFY(exited >= 0);
        if (exited == 0)
            ::_exit(0);
        QCOMPARE(::waitpid(exited, nullptr, 0), exited);
        const auto part = [&](pid_t pid) -> QString {
            return folder + QStringLiteral("/.data.bin.tenkai-%1.part").arg(pid);
        };
        for (const pid_t pid : {zombie, exited, ::getpid()}) {
            QFile file(part(pid));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("cut off");
        }
        SshSession session(target(0), options());
        QVERIFY(session.connect());
        const auto done = session.uploadData("new contents", folder + QStringLiteral("/data.bin"));
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(readFile(folder + QStringLiteral("/data.bin")), QByteArray("new contents"));
        QVERIFY2(!QFile::exists(part(zombie)), "a zombie shell's temporary file was kept");
        QVERIFY(!QFile::exists(part(exited)));
        QVERIFY2(QFile::exists(part(::getpid())), "a running shell's temporary file was removed");
    }

    void unknownHostRefusedUnlessAccepted()
    {
        const QString knownHosts = m_sites.scratch() + QStringLiteral("/hostkeys/known_hosts");
        const qsizetype logBefore = m_sites.logText(1).size();
        SshSession strict(target(1), options(HostKeyPolicy::Strict, knownHosts));
        const auto refused = strict.connect();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, FleetErrorCode::HostKeyUnknown);
        QCOMPARE(refused.error().offeredFingerprint, m_sites.hostKeyFingerprint(1));
        QVERIFY(refused.error().message.contains(m_sites.hostKeyFingerprint(1)));
        QVERIFY(refused.error().message.contains(m_sites.site(1).name));
        QVERIFY(!QFile::exists(knownHosts));
        // The server saw the connection but no authentication request.
        QVERIFY(QTest::qWaitFor(
            [&] { return m_sites.logText(1).mid(logBefore).contains(QLatin1String("Connection")); }, 5000));
        QVERIFY(!m_sites.logText(1).mid(logBefore).contains(QLatin1String("userauth-request")));

        SshSession accepting(target(1), options(HostKeyPolicy::AcceptNew, knownHosts));
        QVERIFY(accepting.connect());
        QVERIFY(accepting.pinnedNewHostKey());
        const QByteArray pinned = readFile(knownHosts);
        QVERIFY2(pinned.startsWith(QStringLiteral("[127.0.0.1]:%1 ").arg(m_sites.site(1).port).toUtf8()),
                 pinned);
        QVERIFY(m_sites.logText(1).mid(logBefore).contains(QLatin1String("userauth-request")));

        SshSession again(target(1), options(HostKeyPolicy::Strict, knownHosts));
        QVERIFY(again.connect());
        QVERIFY(!again.pinnedNewHostKey());
    }

    void changedHostKeyStopsBeforeAuthentication()
    {
        const QString knownHosts = m_sites.scratch() + QStringLiteral("/rekey/known_hosts");
        {
            SshSession first(target(1), options(HostKeyPolicy::AcceptNew, knownHosts));
            QVERIFY(first.connect());
        }
        const QString oldFingerprint = m_sites.hostKeyFingerprint(1);
        QVERIFY2(m_sites.rekey(1), qPrintable(m_sites.error()));
        const QString newFingerprint = m_sites.hostKeyFingerprint(1);
        QVERIFY(oldFingerprint != newFingerprint);

        const qsizetype logBefore = m_sites.logText(1).size();
        SshSession session(target(1), options(HostKeyPolicy::AcceptNew, knownHosts));
        const auto refused = session.connect();
        QVERIFY(!refused);
        const FleetError &error = refused.error();
        QCOMPARE(error.code, FleetErrorCode::HostKeyChanged);
        QCOMPARE(error.offeredFingerprint, newFingerprint);
        QCOMPARE(error.pinnedFingerprint, oldFingerprint);
        QCOMPARE(error.knownHostsFile, knownHosts);
        QCOMPARE(error.knownHostsLine, 1);
        QVERIFY2(error.message.contains(newFingerprint) && error.message.contains(oldFingerprint) &&
                     error.message.contains(knownHosts) && error.message.contains(m_sites.site(1).name),
                 qPrintable(error.message));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_sites.logText(1).mid(logBefore).contains(QLatin1String("Connection")); }, 5000));
        QVERIFY(!m_sites.logText(1).mid(logBefore).contains(QLatin1String("userauth-request")));
        // The pinned key is left alone.
        QVERIFY(readFile(knownHosts).count('\n') == 1);
    }

    // An ssh client config naming the given known_hosts files (as an operator's ~/.ssh/config may).
    QString configWithKnownHosts(const QString &name, const QString &user, const QString &global,
                                 const QString &extra = {})
    {
        const QString path = m_sites.scratch() + QStringLiteral("/") + name;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QStringLiteral("UserKnownHostsFile %1\nGlobalKnownHostsFile %2\n%3")
                       .arg(user, global, extra)
                       .toUtf8());
        return path;
    }

    // Keys that OpenSSH already trusts (a hashed ~/.ssh/known_hosts made by ssh-keyscan -H, the
    // files the ssh config names) need no first contact; a @revoked key and a key that differs from
    // the one OpenSSH trusts are refused before any credential is sent, naming the file and line.
    void openSshTrustIsHonoured()
    {
        const auto &site = m_sites.site(0);
        QProcess keyscan;
        keyscan.start(QStringLiteral("ssh-keyscan"),
                      {QStringLiteral("-H"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                       QStringLiteral("-p"), QString::number(site.port), QStringLiteral("127.0.0.1")});
        QVERIFY(keyscan.waitForFinished(15000));
        const QByteArray scanned = keyscan.readAllStandardOutput();
        QVERIFY2(scanned.startsWith("|1|"), scanned);
        const QString userFile = m_sites.scratch() + QStringLiteral("/openssh/known_hosts");
        QVERIFY(QDir().mkpath(QFileInfo(userFile).absolutePath()));
        QFile user(userFile);
        QVERIFY(user.open(QIODevice::WriteOnly));
        user.write("# trusted by OpenSSH already\n" + scanned);
        user.close();
        const QString workspace = m_sites.scratch() + QStringLiteral("/openssh/workspace_known_hosts");

        auto o = options(HostKeyPolicy::Strict, workspace);
        o.sshConfig =
            configWithKnownHosts(QStringLiteral("trusting_config"), userFile, QStringLiteral("/dev/null"));
        SshSession trusted(target(0), o);
        const auto connected = trusted.connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
        QVERIFY(!trusted.pinnedNewHostKey());
        QCOMPARE(trusted.hostKeyTrustedBy(), userFile + QStringLiteral(":2"));
        QVERIFY(!QFile::exists(workspace));
        trusted.disconnect();

        // The same key revoked in the global file: refused, even though the user's file trusts it.
        QFile pub(site.hostKey + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QByteArray hostKey = pub.readAll().split(' ').mid(0, 2).join(' ');
        const QString globalFile = m_sites.scratch() + QStringLiteral("/openssh/ssh_known_hosts");
        QFile global(globalFile);
        QVERIFY(global.open(QIODevice::WriteOnly));
        global.write("@revoked * " + hostKey + "\n");
        global.close();
        const qsizetype logBefore = m_sites.logText(0).size();
        o.sshConfig = configWithKnownHosts(QStringLiteral("revoking_config"), userFile, globalFile);
        o.hostKeyPolicy = HostKeyPolicy::AcceptNew;
        SshSession revoked(target(0), o);
        const auto refused = revoked.connect();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, FleetErrorCode::HostKeyChanged);
        QCOMPARE(refused.error().knownHostsFile, globalFile);
        QCOMPARE(refused.error().knownHostsLine, 1);
        QVERIFY2(refused.error().message.contains(QStringLiteral("REVOKED")) &&
                     refused.error().message.contains(globalFile + QStringLiteral(":1")),
                 qPrintable(refused.error().message));

        // Another key trusted for the host by OpenSSH: a changed key, with both fingerprints.
        QFile stranger(m_sites.strangerKey() + QStringLiteral(".pub"));
        QVERIFY(stranger.open(QIODevice::ReadOnly));
        const QString otherFile = m_sites.scratch() + QStringLiteral("/openssh/other_known_hosts");
        QFile other(otherFile);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(QStringLiteral("[127.0.0.1]:%1 ").arg(site.port).toUtf8() +
                    stranger.readAll().split(' ').mid(0, 2).join(' ') + "\n");
        other.close();
        o.sshConfig =
            configWithKnownHosts(QStringLiteral("changed_config"), otherFile, QStringLiteral("/dev/null"));
        SshSession changed(target(0), o);
        const auto differs = changed.connect();
        QVERIFY(!differs);
        QCOMPARE(differs.error().code, FleetErrorCode::HostKeyChanged);
        QCOMPARE(differs.error().knownHostsFile, otherFile);
        QCOMPARE(differs.error().knownHostsLine, 1);
        QCOMPARE(differs.error().offeredFingerprint, m_sites.hostKeyFingerprint(0));
        QVERIFY(!differs.error().pinnedFingerprint.isEmpty() &&
                differs.error().message.contains(differs.error().pinnedFingerprint));
        // Neither refused connection got as far as authenticating.
        QVERIFY(QTest::qWaitFor(
            [&] { return m_sites.logText(0).mid(logBefore).count(QLatin1String("Connection from")) >= 2; },
            5000));
        QVERIFY(!m_sites.logText(0).mid(logBefore).contains(QLatin1String("userauth-request")));
        QVERIFY(!QFile::exists(workspace));
    }

    // A new key pinned where the operator chose: the ssh config's UserKnownHostsFile, hashed as its
    // HashKnownHosts says. OpenSSH's own ssh then trusts the site without asking.
    void pinnedForOpenSshToo()
    {
        const auto &site = m_sites.site(0);
        const QString userFile = m_sites.scratch() + QStringLiteral("/pin_user/known_hosts");
        const QString workspace = m_sites.scratch() + QStringLiteral("/pin_user/workspace_known_hosts");
        auto o = options(HostKeyPolicy::AcceptNew, workspace);
        o.sshConfig =
            configWithKnownHosts(QStringLiteral("pin_config"), userFile, QStringLiteral("/dev/null"),
                                 QStringLiteral("HashKnownHosts yes\n"));
        o.pinTo = PinTarget::UserKnownHosts;
        SshSession session(target(0), o);
        const auto connected = session.connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
        QVERIFY(session.pinnedNewHostKey());
        QVERIFY(!QFile::exists(workspace));
        const QByteArray pinned = readFile(userFile);
        QVERIFY2(pinned.startsWith("|1|") && pinned.count('\n') == 1, pinned);
        QProcess ssh;
        ssh.start(QStringLiteral("ssh"),
                  {QStringLiteral("-F"), QStringLiteral("/dev/null"), QStringLiteral("-o"),
                   QStringLiteral("UserKnownHostsFile=") + userFile, QStringLiteral("-o"),
                   QStringLiteral("GlobalKnownHostsFile=/dev/null"), QStringLiteral("-o"),
                   QStringLiteral("StrictHostKeyChecking=yes"), QStringLiteral("-o"),
                   QStringLiteral("BatchMode=yes"), QStringLiteral("-i"), m_sites.clientKey(),
                   QStringLiteral("-p"), QString::number(site.port), QStringLiteral("root@127.0.0.1"),
                   QStringLiteral("echo trusted")});
        QVERIFY(ssh.waitForFinished(15000));
        QVERIFY2(ssh.exitCode() == 0 && ssh.readAllStandardOutput().trimmed() == "trusted",
                 ssh.readAllStandardError().constData());
    }

    // A host name that is no host name is said to be one, not blamed on the ssh config.
    void invalidHostNameIsNamed()
    {
        for (const QString &host : {QStringLiteral("edge 01"), QStringLiteral("edge_$(id)")}) {
            SshTarget t = target(0);
            t.host = host;
            SshSession session(t, options());
            const auto connected = session.connect();
            QVERIFY(!connected);
            const QString message = connected.error().message;
            QVERIFY2(message.contains(QStringLiteral("is not a valid host name")) && message.contains(host) &&
                         !message.contains(QStringLiteral("config")),
                     qPrintable(message));
        }
    }

    void authenticationFailuresAreOneClearLine()
    {
        SshSession stranger(target(0, m_sites.strangerKey()), options());
        auto failed = stranger.connect();
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, FleetErrorCode::AuthDenied);
        QVERIFY2(failed.error().message.contains(m_sites.strangerKey()), qPrintable(failed.error().message));
        QVERIFY(failed.error().message.contains(QLatin1String("root")));
        QVERIFY(!failed.error().message.contains(QLatin1Char('\n')));

        const QString missing = m_sites.scratch() + QStringLiteral("/no_such_key");
        SshSession missingKey(target(0, missing), options());
        failed = missingKey.connect();
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, FleetErrorCode::KeyFileMissing);
        QVERIFY(failed.error().message.contains(missing));

        const QString notAKey = m_sites.scratch() + QStringLiteral("/not_a_key");
        {
            QFile file(notAKey);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("hello\n");
        }
        SshSession badKey(target(0, notAKey), options());
        failed = badKey.connect();
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, FleetErrorCode::KeyFileUnusable);
        QVERIFY(failed.error().message.contains(notAKey));
    }

    void killedSiteGivesClearErrors()
    {
        SshSession open(target(2), options());
        QVERIFY(open.connect());
        m_sites.kill(2);
        // An open session notices at its next step, quickly.
        QElapsedTimer timer;
        timer.start();
        const auto lost = open.exec(QStringLiteral("true"));
        QVERIFY(!lost);
        QVERIFY2(lost.error().code == FleetErrorCode::Disconnected, qPrintable(lost.error().message));
        QVERIFY(lost.error().message.contains(m_sites.site(2).name));
        QVERIFY(timer.elapsed() < 3000);

        SshSession session(target(2), options());
        const auto refused = session.connect();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, FleetErrorCode::ConnectionRefused);
        QVERIFY2(refused.error().message.contains(QLatin1String("refused")),
                 qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QString::number(m_sites.site(2).port)));
        QVERIFY(m_sites.restart(2));
        QVERIFY(session.connect());
    }

    void frozenSiteTimesOutAtItsDeadline()
    {
        SshSession open(target(2), options());
        QVERIFY(open.connect());
        m_sites.freeze(2);
        auto o = options();
        o.connectTimeout = 1500ms;
        SshSession fresh(target(2), o);
        QElapsedTimer timer;
        timer.start();
        const auto connected = fresh.connect();
        const qint64 connectMs = timer.elapsed();
        timer.restart();
        const auto ran = open.exec(QStringLiteral("true"), ExecOptions{{}, 1500ms});
        const qint64 execMs = timer.elapsed();
        m_sites.thaw(2);
        QVERIFY(!connected);
        QCOMPARE(connected.error().code, FleetErrorCode::Timeout);
        QVERIFY2(connectMs >= 1400 && connectMs < 3000, qPrintable(QString::number(connectMs)));
        QVERIFY(!ran);
        QCOMPARE(ran.error().code, FleetErrorCode::Timeout);
        QVERIFY2(execMs >= 1400 && execMs < 4000, qPrintable(QString::number(execMs)));
        QVERIFY(ran.error().message.contains(m_sites.site(2).name));
        QVERIFY(!open.isConnected());
    }

    void sshConfigIsApplied()
    {
        // A host alias resolved by the ssh config: HostName, Port, User and IdentityFile come from it.
        const QString config = m_sites.scratch() + QStringLiteral("/ssh_config_alias");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral(
                       "Host edge-alias\n  HostName 127.0.0.1\n  Port %1\n  User root\n  IdentityFile %2\n"
                       "Host edge-wrong-port\n  HostName 127.0.0.1\n  Port 1\n")
                       .arg(m_sites.site(0).port)
                       .arg(m_sites.clientKey())
                       .toUtf8());
        file.close();
        auto o = options();
        o.sshConfig = config;
        SshSession aliased(SshTarget{QStringLiteral("aliased"), QStringLiteral("edge-alias"), 0, {}, {}, {}},
                           o);
        const auto connected = aliased.connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
        QCOMPARE(aliased.describeTarget(),
                 QStringLiteral("aliased (root@127.0.0.1:%1)").arg(m_sites.site(0).port));
        // The inventory's port wins over the config's.
        SshSession overridden(SshTarget{QStringLiteral("overridden"),
                                        QStringLiteral("edge-wrong-port"),
                                        m_sites.site(0).port,
                                        QStringLiteral("root"),
                                        m_sites.clientKey(),
                                        {}},
                              o);
        QVERIFY(overridden.connect());
        // A missing config file is named.
        o.sshConfig = m_sites.scratch() + QStringLiteral("/no_config");
        SshSession missing(target(0), o);
        const auto failed = missing.connect();
        QVERIFY(!failed);
        QVERIFY(failed.error().message.contains(QStringLiteral("no_config")));
    }

    void agentIsTriedAfterTheIdentityFile()
    {
        const QString socket = m_sites.scratch() + QStringLiteral("/agent.sock");
        QProcess agent;
        agent.start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), socket});
        QVERIFY(agent.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(socket); }, 5000));
        const QByteArray previous = qgetenv("SSH_AUTH_SOCK");
        qputenv("SSH_AUTH_SOCK", QFile::encodeName(socket));
        auto restore = qScopeGuard([&] {
            if (previous.isEmpty())
                qunsetenv("SSH_AUTH_SOCK");
            else
                qputenv("SSH_AUTH_SOCK", previous);
            agent.kill();
            agent.waitForFinished();
        });
        QProcess add;
        add.start(QStringLiteral("ssh-add"), {m_sites.clientKey()});
        QVERIFY(add.waitForFinished() && add.exitCode() == 0);

        auto o = options();
        o.useAgent = true;
        // The stranger key is refused, then the agent's key is accepted.
        SshSession session(target(0, m_sites.strangerKey()), o);
        const auto connected = session.connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
        // Without the agent the same target is denied, naming what was tried.
        o.useAgent = false;
        SshSession without(target(0, m_sites.strangerKey()), o);
        const auto denied = without.connect();
        QVERIFY(!denied);
        QCOMPARE(denied.error().code, FleetErrorCode::AuthDenied);
        QVERIFY(!denied.error().message.contains(QStringLiteral("ssh-agent")));
    }

    // A site that only its jump host can reach: both sshds run in a network namespace of their own,
    // the jump host listening on a veth address this machine reaches, the site on the namespace's
    // own 127.0.0.1, which this machine cannot reach. The ssh config's ProxyJump takes the session
    // through the jump host (OpenSSH's ssh -W, as ssh itself does it); the site's own key is still
    // checked by Tenkai, and `sites show`'s plan names the hop.
    void jumpHostReachesASiteOnlyItCanReach()
    {
        const QString ns = QStringLiteral("tenkai-jump-%1").arg(::getpid());
        const QString hostSide = QStringLiteral("tkj%1a").arg(::getpid() % 100000);
        const QString nsSide = QStringLiteral("tkj%1b").arg(::getpid() % 100000);
        const QString subnet = QStringLiteral("10.231.%1").arg(::getpid() % 250);
        const auto ip = [](const QStringList &arguments) {
            QProcess p;
            p.start(QStringLiteral("ip"), arguments);
            return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        };
        if (!ip({QStringLiteral("netns"), QStringLiteral("add"), ns}))
            QSKIP("no network namespaces here (ip netns add needs CAP_NET_ADMIN)");
        std::vector<std::unique_ptr<QProcess>> daemons;
        auto cleanup = qScopeGuard([&] {
            for (auto &d : daemons) {
                d->kill();
                d->waitForFinished(5000);
            }
            ip({QStringLiteral("netns"), QStringLiteral("del"), ns});
            ip({QStringLiteral("link"), QStringLiteral("del"), hostSide});
        });
        const QString inNs = QStringLiteral("netns");
        QVERIFY(ip({QStringLiteral("link"), QStringLiteral("add"), hostSide, QStringLiteral("type"),
                    QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), nsSide}));
        QVERIFY(ip({QStringLiteral("link"), QStringLiteral("set"), nsSide, inNs, ns}));
        QVERIFY(ip({QStringLiteral("addr"), QStringLiteral("add"), subnet + QStringLiteral(".1/30"),
                    QStringLiteral("dev"), hostSide}));
        QVERIFY(ip({QStringLiteral("link"), QStringLiteral("set"), hostSide, QStringLiteral("up")}));
        for (const QStringList &inside :
             {QStringList{QStringLiteral("addr"), QStringLiteral("add"), subnet + QStringLiteral(".2/30"),
                          QStringLiteral("dev"), nsSide},
              QStringList{QStringLiteral("link"), QStringLiteral("set"), nsSide, QStringLiteral("up")},
              QStringList{QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                          QStringLiteral("up")}})
            QVERIFY(ip(QStringList{inNs, QStringLiteral("exec"), ns, QStringLiteral("ip")} + inside));

        // Two more sites, moved into the namespace: the jump host on the veth address, the site
        // on the namespace's loopback.
        const int first = m_sites.count();
        QVERIFY2(m_sites.start(2), qPrintable(m_sites.error()));
        const tenkai::test::SshdSite jump = m_sites.site(first), behind = m_sites.site(first + 1);
        m_sites.kill(first);
        m_sites.kill(first + 1);
        const QString jumpAddress = subnet + QStringLiteral(".2");
        {
            QFile config(jump.config);
            QVERIFY(config.open(QIODevice::ReadOnly));
            QByteArray text = config.readAll();
            config.close();
            text.replace("ListenAddress 127.0.0.1:",
                         QByteArray("ListenAddress " + jumpAddress.toUtf8() + ':'));
            QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
            config.write(text);
        }
        for (const tenkai::test::SshdSite &site : {jump, behind}) {
            auto d = std::make_unique<QProcess>();
            d->start(QStringLiteral("ip"),
                     {inNs, QStringLiteral("exec"), ns, QStringLiteral("/usr/sbin/sshd"),
                      QStringLiteral("-D"), QStringLiteral("-f"), site.config, QStringLiteral("-E"),
                      site.log});
            QVERIFY(d->waitForStarted());
            daemons.push_back(std::move(d));
        }

        const QString knownHosts = m_sites.scratch() + QStringLiteral("/jump/known_hosts");
        const QString opensshKnown = m_sites.scratch() + QStringLiteral("/jump/openssh_known_hosts");
        QVERIFY(QDir().mkpath(QFileInfo(knownHosts).absolutePath()));
        // The jump host is the operator's ssh's to trust (as with ssh -J): scanned into its file.
        QByteArray scanned;
        QVERIFY(QTest::qWaitFor(
            [&] {
                QProcess scan;
                scan.start(QStringLiteral("ssh-keyscan"),
                           {QStringLiteral("-p"), QString::number(jump.port), jumpAddress});
                scan.waitForFinished(10000);
                scanned = scan.readAllStandardOutput();
                return !scanned.isEmpty();
            },
            15000));
        QFile known(opensshKnown);
        QVERIFY(known.open(QIODevice::WriteOnly));
        known.write(scanned);
        known.close();
        const QString config = m_sites.scratch() + QStringLiteral("/jump/ssh_config");
        QFile configFile(config);
        QVERIFY(configFile.open(QIODevice::WriteOnly));
        configFile.write(
            QStringLiteral("Host gateway\n  HostName %1\n  Port %2\n  User root\n  IdentityFile %3\n"
                           "Host behind\n  HostName 127.0.0.1\n  Port %4\n  User root\n"
                           "  IdentityFile %3\n  ProxyJump gateway\n"
                           "Host *\n  UserKnownHostsFile %5\n  GlobalKnownHostsFile /dev/null\n")
                .arg(jumpAddress)
                .arg(jump.port)
                .arg(m_sites.clientKey())
                .arg(behind.port)
                .arg(opensshKnown)
                .toUtf8());
        configFile.close();

        // Straight to the site: nothing listens there on this machine's loopback.
        auto o = options(HostKeyPolicy::AcceptNew, knownHosts);
        o.sshConfig = config;
        SshSession direct(SshTarget{QStringLiteral("direct"),
                                    QStringLiteral("127.0.0.1"),
                                    behind.port,
                                    QStringLiteral("root"),
                                    m_sites.clientKey(),
                                    {}},
                          o);
        const auto refused = direct.connect();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, FleetErrorCode::ConnectionRefused);

        // Through the jump host, as the ssh config says.
        SshSession session(SshTarget{QStringLiteral("behind"), QStringLiteral("behind"), 0, {}, {}, {}}, o);
        const auto connected = session.connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
        QVERIFY(session.pinnedNewHostKey());
        QCOMPARE(session.hostKeyFingerprint(), m_sites.hostKeyFingerprint(first + 1));
        QVERIFY(session.describeTarget().contains(QStringLiteral("root@127.0.0.1:%1").arg(behind.port)));
        const auto ran = session.exec(QStringLiteral("ip -o link | grep -c %1 || true").arg(nsSide));
        QVERIFY(ran);
        QCOMPARE(ran.value().out.trimmed(), QByteArray("1")); // the command ran inside the namespace
        session.disconnect();
        // The jump host's log shows the forwarding it did.
        QFile jumpLog(jump.log);
        QVERIFY(jumpLog.open(QIODevice::ReadOnly));
        QVERIFY2(jumpLog.readAll().contains("direct-tcpip"), "the jump host forwarded nothing");

        // The inventory's proxy_jump does the same without the config's ProxyJump (as ssh -J).
        SshSession viaInventory(SshTarget{QStringLiteral("behind2"), QStringLiteral("127.0.0.1"), behind.port,
                                          QStringLiteral("root"), m_sites.clientKey(),
                                          QStringLiteral("gateway")},
                                o);
        const auto again = viaInventory.connect();
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QVERIFY(!viaInventory.pinnedNewHostKey());

        const auto plan =
            planConnection(SshTarget{QStringLiteral("behind"), QStringLiteral("behind"), 0, {}, {}, {}}, o);
        QVERIFY(plan);
        QCOMPARE(describeConnection(plan.value().config),
                 QStringLiteral("root@127.0.0.1:%1 via gateway").arg(behind.port));
    }

    void directTcpipRoundTrips()
    {
        QTcpServer echo;
        QVERIFY(echo.listen(QHostAddress::LocalHost));
        connect(&echo, &QTcpServer::newConnection, this, [&echo] {
            while (QTcpSocket *socket = echo.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket,
                        [socket] { socket->write(socket->readAll()); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        const QByteArray message = randomBytes(200000) + QByteArray("\nend\n");
        QByteArray received;
        std::optional<FleetError> failure;
        std::atomic<bool> done = false;
        std::thread worker([&] {
            SshSession session(target(0), options());
            auto connected = session.connect();
            if (!connected) {
                failure = connected.error();
                done = true;
                return;
            }
            auto channel = session.openTcpChannel(echo.serverPort());
            if (!channel) {
                failure = channel.error();
                done = true;
                return;
            }
            auto &stream = *channel.value();
            if (auto written = stream.write(message, 10s); !written)
                failure = written.error();
            while (!failure && received.size() < message.size()) {
                auto chunk = stream.read(65536, 5s);
                if (!chunk) {
                    failure = chunk.error();
                    break;
                }
                if (chunk.value().isEmpty()) {
                    failure =
                        FleetError{FleetErrorCode::Timeout, QString(), QStringLiteral("no echo in 5 s")};
                    break;
                }
                received += chunk.value();
            }
            // Nothing more arrives: a read with a short timeout returns empty, not an error.
            if (!failure) {
                auto nothing = stream.read(100, 200ms);
                if (!nothing || !nothing.value().isEmpty())
                    failure = FleetError{FleetErrorCode::ProtocolError, QString(),
                                         QStringLiteral("unexpected data")};
            }
            // A closed port on the site is refused with libssh's reason and the destination.
            auto closed = session.openTcpChannel(1);
            if (closed)
                failure =
                    FleetError{FleetErrorCode::ProtocolError, QString(), QStringLiteral("port 1 opened")};
            else if (!closed.error().message.contains(QLatin1String("127.0.0.1:1")) ||
                     closed.error().code != FleetErrorCode::ChannelFailed)
                failure = closed.error();
            done = true;
        });
        const bool finished = QTest::qWaitFor([&] { return done.load(); }, 30000);
        worker.join();
        QVERIFY(finished);
        QVERIFY2(!failure, failure ? qPrintable(failure->message) : "");
        QCOMPARE(received, message);
    }
};

QTEST_GUILESS_MAIN(TestSshSession)
#include "tst_fleet_ssh_session.moc"
