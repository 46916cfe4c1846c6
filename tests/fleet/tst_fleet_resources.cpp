// The package, service, tenkaid and model resources against real sshd sites: check, plan, apply,
// a second apply that changes nothing, and hostile site names and paths.
#include "fleet/deployer.h"
#include "free_port.h"
#include "sshd_sites.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <csignal>
#include <sys/utsname.h>
#include <unistd.h>

using namespace tenkai::fleet;
using namespace std::chrono_literals;
using tenkai::test::freePort;
using tenkai::test::SshdSites;

namespace {

const QString kDummyPackage = QStringLiteral("tenkai-fleet-test-dummy");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (auto &c : data)
        c = char(QRandomGenerator::global()->bounded(256));
    return data;
}

pid_t pidIn(const QString &pidFile)
{
    bool ok = false;
    const int pid = QString::fromLatin1(readFile(pidFile)).trimmed().toInt(&ok);
    return ok ? pid_t(pid) : 0;
}

bool alive(pid_t pid)
{
    if (pid <= 0 || ::kill(pid, 0) != 0)
        return false;
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    return close < 0 || stat.mid(close + 2, 1) != "Z";
}

// Stops a process this test started on a site, by the PID in its pid file.
void stopByPidFile(const QString &pidFile)
{
    const pid_t pid = pidIn(pidFile);
    if (!alive(pid))
        return;
    ::kill(pid, SIGTERM);
    if (!QTest::qWaitFor([&] { return !alive(pid); }, 15000))
        ::kill(pid, SIGKILL);
}

int run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return -1;
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace

class TestFleetResources : public QObject
{
    Q_OBJECT

private:
    SshdSites m_sites;
    std::vector<Site> m_inventory;
    QString m_recipeDir;
    bool m_installedDummy = false;

    QString rootOf(int i) const { return m_sites.site(i).dir + QStringLiteral("/root 'x' $(touch pwned)"); }

    DeployOptions options(bool apply) const
    {
        DeployOptions o;
        o.apply = apply;
        o.ssh.knownHosts = m_sites.scratch() + QStringLiteral("/known_hosts");
        o.ssh.hostKeyPolicy = HostKeyPolicy::AcceptNew;
        o.ssh.sshConfig = m_sites.clientConfig();
        o.ssh.useAgent = false;
        o.ssh.connectTimeout = 10s;
        o.ssh.ioTimeout = 30s;
        return o;
    }

    Recipe recipe(const QByteArray &yaml) const
    {
        const QString path = m_recipeDir + QStringLiteral("/recipe.yaml");
        if (!writeFile(path, yaml))
            qFatal("cannot write the recipe");
        auto parsed = loadRecipe(path);
        if (!parsed)
            qFatal("%s", qPrintable(parsed.error().message));
        return parsed.value();
    }

    // Every site ok; returns the reports.
    std::vector<SiteReport> deployOk(const Recipe &r, bool apply)
    {
        auto reports = deploy(m_inventory, r, options(apply));
        for (const auto &report : reports)
            if (!report.ok())
                qWarning("%s: %s", qPrintable(report.site),
                         report.error ? qPrintable(report.error->message) : "skipped");
        return reports;
    }

    static bool allOk(const std::vector<SiteReport> &reports)
    {
        return std::all_of(reports.begin(), reports.end(), [](const SiteReport &r) { return r.ok(); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_sites.start(3), qPrintable(m_sites.error()));
        for (int i = 0; i < m_sites.count(); ++i) {
            Site site;
            site.name = QStringLiteral("edge %1 'q' $(id) `id`").arg(i + 1);
            site.host = QStringLiteral("127.0.0.1");
            site.port = m_sites.site(i).port;
            site.user = QStringLiteral("root");
            site.identity = m_sites.clientKey();
            site.root = rootOf(i);
            site.daemonPort = freePort();
            QVERIFY(site.daemonPort > 0);
            m_inventory.push_back(site);
        }
        m_recipeDir = m_sites.scratch() + QStringLiteral("/recipe dir $(x)");
        QVERIFY(QDir().mkpath(m_recipeDir));
    }

    void cleanupTestCase()
    {
        for (int i = 0; i < m_sites.count(); ++i)
            for (const auto &pidFile : QDir(rootOf(i) + QStringLiteral("/run"))
                                           .entryInfoList({QStringLiteral("*.pid")}, QDir::Files))
                stopByPidFile(pidFile.filePath());
        if (m_installedDummy)
            run(QStringLiteral("dpkg"), {QStringLiteral("-r"), kDummyPackage});
        QVERIFY(!QFile::exists(QDir::home().filePath(QStringLiteral("pwned"))));
    }

    void packageNamesAreChecked()
    {
        auto parsed =
            parseRecipe("format: tenkai-recipe\nresources:\n  - package: \"coreutils; touch /tmp/x\"\n",
                        QStringLiteral("r.yaml"));
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message.contains(QStringLiteral("r.yaml:3: ")),
                 qPrintable(parsed.error().message));
        QVERIFY(parsed.error().message.contains(QStringLiteral("not a Debian package name")));
        parsed = parseRecipe("format: tenkai-recipe\nresources:\n  - package: \"-oAPT::x\"\n", QString());
        QVERIFY(!parsed);
        parsed = parseRecipe("format: tenkai-recipe\nresources:\n  - service: \"a b\"\n    start: \"true\"\n",
                             QString());
        QVERIFY(!parsed);
        parsed = parseRecipe("format: tenkai-recipe\nresources:\n  - service: w\n", QString());
        QVERIFY(!parsed);
        QVERIFY(parsed.error().message.contains(QStringLiteral("\"start\"")));
        parsed = parseRecipe(
            "format: tenkai-recipe\nresources:\n  - model: m\n    source: m\n    deb: x.deb\n", QString());
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message.contains(QStringLiteral("a model takes no \"deb\"")),
                 qPrintable(parsed.error().message));
    }

    void packageInstalledIsUnchangedMissingIsPlanned()
    {
        const Recipe r = recipe("format: tenkai-recipe\nresources:\n  - package: coreutils\n"
                                "  - package: tenkai-no-such-package-xyz\n");
        const auto reports = deployOk(r, false);
        QVERIFY(allOk(reports));
        for (const auto &report : reports) {
            QCOMPARE(report.plan.at(0).change, Change::None);
            QCOMPARE(report.plan.at(1).change, Change::Create);
            QVERIFY2(report.plan.at(1).detail.contains(QStringLiteral("not installed")),
                     qPrintable(report.plan.at(1).detail));
        }
    }

    void packageFromAnUploadedDeb()
    {
        if (::geteuid() != 0)
            QSKIP("installing a package needs root here");
        if (QStandardPaths::findExecutable(QStringLiteral("dpkg-deb")).isEmpty())
            QSKIP("dpkg-deb is not installed");
        QCOMPARE(run(QStringLiteral("dpkg-query"), {QStringLiteral("-W"), kDummyPackage}) == 0 &&
                     run(QStringLiteral("dpkg"), {QStringLiteral("-r"), kDummyPackage}) != 0,
                 false);
        const QString tree = m_sites.scratch() + QStringLiteral("/deb tree");
        QVERIFY(QDir().mkpath(tree + QStringLiteral("/DEBIAN")));
        QVERIFY(QDir().mkpath(tree + QStringLiteral("/usr/share/doc/") + kDummyPackage));
        QVERIFY(writeFile(tree + QStringLiteral("/DEBIAN/control"),
                          "Package: tenkai-fleet-test-dummy\nVersion: 1.0-1\nArchitecture: all\n"
                          "Maintainer: Tenkai tests <tests@example.invalid>\n"
                          "Description: empty package for the Tenkai fleet tests\n"));
        QVERIFY(writeFile(
            tree + QStringLiteral("/usr/share/doc/") + kDummyPackage + QStringLiteral("/README"), "test\n"));
        QCOMPARE(
            run(QStringLiteral("dpkg-deb"), {QStringLiteral("--build"), QStringLiteral("--root-owner-group"),
                                             tree, m_recipeDir + QStringLiteral("/dummy 1.deb")}),
            0);
        const Recipe r = recipe("format: tenkai-recipe\nresources:\n"
                                "  - package: tenkai-fleet-test-dummy\n    deb: dummy 1.deb\n");
        auto reports = deployOk(r, false);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[0].plan[0].change, Change::Create);
        QVERIFY2(reports[0].plan[0].detail.contains(QStringLiteral("version 1.0-1 from dummy 1.deb")),
                 qPrintable(reports[0].plan[0].detail));
        m_installedDummy = true;
        // The sites share this machine's dpkg: one at a time keeps the log readable (apt waits for
        // the lock anyway).
        auto o = options(true);
        o.forks = 1;
        reports = deploy(m_inventory, r, o);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[0].outcomes[0], Outcome::Changed);
        QCOMPARE(run(QStringLiteral("dpkg-query"), {QStringLiteral("-W"), kDummyPackage}), 0);
        // The uploaded .deb is removed after installing.
        QVERIFY(QDir(rootOf(0) + QStringLiteral("/.tenkai")).entryList(QDir::Files | QDir::Hidden).isEmpty());
        reports = deployOk(r, true);
        QVERIFY(allOk(reports));
        for (const auto &report : reports)
            QCOMPARE(report.outcomes, std::vector<Outcome>{Outcome::Unchanged});
    }

    void serviceStartsOnceAndStops()
    {
        const Recipe running =
            recipe("format: tenkai-recipe\nresources:\n"
                   "  - service: worker\n"
                   "    start: \"printf '%s\\\\n' {{ name }} >> {{ root }}/svc.out; exec sleep 300\"\n");
        auto reports = deployOk(running, false);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[0].plan[0].change, Change::Create);
        reports = deployOk(running, true);
        QVERIFY(allOk(reports));
        for (int i = 0; i < m_sites.count(); ++i) {
            QCOMPARE(reports[std::size_t(i)].outcomes[0], Outcome::Changed);
            const pid_t pid = pidIn(rootOf(i) + QStringLiteral("/run/worker.pid"));
            QVERIFY2(alive(pid), qPrintable(rootOf(i)));
            // The site's name reached the command as one word, printed, not run.
            QCOMPARE(readFile(rootOf(i) + QStringLiteral("/svc.out")),
                     (m_inventory[std::size_t(i)].name + QLatin1Char('\n')).toUtf8());
        }
        const pid_t first = pidIn(rootOf(0) + QStringLiteral("/run/worker.pid"));
        reports = deployOk(running, true);
        QVERIFY(allOk(reports));
        for (const auto &report : reports)
            QCOMPARE(report.outcomes, std::vector<Outcome>{Outcome::Unchanged});
        QCOMPARE(pidIn(rootOf(0) + QStringLiteral("/run/worker.pid")), first);
        QCOMPARE(readFile(rootOf(0) + QStringLiteral("/svc.out")).count('\n'), 1);

        const Recipe stopped =
            recipe("format: tenkai-recipe\nresources:\n  - service: worker\n    state: stopped\n");
        reports = deployOk(stopped, false);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[0].plan[0].change, Change::Update);
        QVERIFY(alive(first));
        reports = deployOk(stopped, true);
        QVERIFY(allOk(reports));
        QVERIFY(QTest::qWaitFor([&] { return !alive(first); }, 5000));
        QVERIFY(!QFile::exists(rootOf(0) + QStringLiteral("/run/worker.pid")));
        reports = deployOk(stopped, true);
        for (const auto &report : reports)
            QCOMPARE(report.outcomes, std::vector<Outcome>{Outcome::Unchanged});
    }

    void serviceThatExitsAtOnceFails()
    {
        const Recipe r = recipe("format: tenkai-recipe\nresources:\n"
                                "  - service: broken\n    start: \"echo 'no config found'; exit 1\"\n");
        const auto reports = deploy({m_inventory[0]}, r, options(true));
        QVERIFY(!reports[0].ok());
        QCOMPARE(reports[0].outcomes[0], Outcome::Failed);
        QVERIFY2(reports[0].error->message.contains(QStringLiteral("exited at once")) &&
                     reports[0].error->message.contains(QStringLiteral("no config found")),
                 qPrintable(reports[0].error->message));
    }

    void modelDeployedWithChecksum()
    {
        const QByteArray model = randomBytes(2 * 1024 * 1024 + 3);
        QVERIFY(writeFile(m_recipeDir + QStringLiteral("/model $(1).pt"), model));
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(model, QCryptographicHash::Sha256).toHex());
        const QByteArray yaml = "format: tenkai-recipe\nresources:\n"
                                "  - model: \"{{ root }}/models/a b/model.pt\"\n"
                                "    source: \"model $(1).pt\"\n    sha256: " +
                                sha.toLatin1() + "\n";
        const Recipe r = recipe(yaml);
        auto reports = deployOk(r, false);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[0].plan[0].change, Change::Create);
        QVERIFY(reports[0].plan[0].freeBytes > 0);
        reports = deployOk(r, true);
        QVERIFY(allOk(reports));
        for (int i = 0; i < m_sites.count(); ++i) {
            QCOMPARE(reports[std::size_t(i)].outcomes[0], Outcome::Changed);
            QCOMPARE(readFile(rootOf(i) + QStringLiteral("/models/a b/model.pt")), model);
            QVERIFY(readFile(rootOf(i) + QStringLiteral("/models/a b/.model.pt.tenkai-stamp"))
                        .contains(sha.toLatin1()));
        }
        reports = deployOk(r, true);
        for (const auto &report : reports)
            QCOMPARE(report.outcomes, std::vector<Outcome>{Outcome::Unchanged});

        // A changed file on one site (new inode and time: the stamp no longer vouches for it).
        QVERIFY(writeFile(rootOf(1) + QStringLiteral("/models/a b/model.pt"), "tampered"));
        reports = deployOk(r, false);
        QCOMPARE(reports[0].plan[0].change, Change::None);
        QCOMPARE(reports[1].plan[0].change, Change::Update);
        QVERIFY2(reports[1].plan[0].detail.startsWith(QStringLiteral("sha256 ")),
                 qPrintable(reports[1].plan[0].detail));
        reports = deployOk(r, true);
        QCOMPARE(reports[1].outcomes[0], Outcome::Changed);
        QCOMPARE(readFile(rootOf(1) + QStringLiteral("/models/a b/model.pt")), model);

        // A source that is not the one the recipe names is refused before anything is sent.
        QByteArray wrong = yaml;
        wrong.replace(sha.toLatin1(), QByteArray(64, 'a'));
        reports = deploy({m_inventory[2]}, recipe(wrong), options(true));
        QCOMPARE(reports[0].error->code, FleetErrorCode::ChecksumMismatch);
        QVERIFY2(reports[0].error->message.contains(sha), qPrintable(reports[0].error->message));
    }

    void notEnoughDiskFailsBeforeUploading()
    {
        SiteResource model;
        model.resource.kind = ResourceKind::Model;
        model.uploadBytes = 3 * 1024 * 1024;
        SiteResource other = model;
        PlannedChange change;
        change.change = Change::Create;
        change.freeBytes = 5 * 1024 * 1024;
        change.mount = QStringLiteral("/srv");
        QVERIFY(checkDiskSpace(QStringLiteral("e1"), QStringLiteral("e1"), {model}, {change}));
        // Two files on one file system add up.
        const auto result = checkDiskSpace(QStringLiteral("e1 (root@h:22)"), QStringLiteral("e1"),
                                           {model, other}, {change, change});
        QVERIFY(!result);
        QCOMPARE(
            result.error().message,
            QStringLiteral("Site e1 (root@h:22): not enough disk space: the recipe uploads 6.0 MiB to /srv, "
                           "which has 5.0 MiB free; nothing was changed."));
        // Unchanged resources upload nothing.
        PlannedChange same = change;
        same.change = Change::None;
        QVERIFY(checkDiskSpace(QStringLiteral("e1"), QStringLiteral("e1"), {model, other}, {change, same}));
    }

    void tenkaidInstalledRunningAndAnswering()
    {
        const Recipe r = recipe("format: tenkai-recipe\nresources:\n"
                                "  - tenkaid: \"{{ root }}/bin/tenkaid\"\n    source: \"" TENKAID "\"\n"
                                "    port: \"{{ daemon_port }}\"\n");
        auto reports = deployOk(r, false);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[0].plan[0].change, Change::Create);
        QVERIFY2(reports[0].plan[0].detail.startsWith(QStringLiteral("install (")),
                 qPrintable(reports[0].plan[0].detail));
        reports = deployOk(r, true);
        QVERIFY(allOk(reports));
        const QByteArray daemonSha =
            QCryptographicHash::hash(readFile(QStringLiteral(TENKAID)), QCryptographicHash::Sha256).toHex();
        for (int i = 0; i < m_sites.count(); ++i) {
            QCOMPARE(reports[std::size_t(i)].outcomes[0], Outcome::Changed);
            QVERIFY(alive(pidIn(rootOf(i) + QStringLiteral("/run/tenkaid.pid"))));
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, quint16(m_inventory[std::size_t(i)].daemonPort));
            QVERIFY(socket.waitForConnected(5000));
            QVERIFY(QFile::exists(rootOf(i) + QStringLiteral("/state/token")));
            // Stamped with its SHA-256 (verified by the upload; the site did not run it).
            QVERIFY(readFile(rootOf(i) + QStringLiteral("/bin/.tenkaid.tenkai-stamp")).contains(daemonSha));
        }
        // Again: nothing changes (no upload, no restart, no --version run on the sites).
        const pid_t first = pidIn(rootOf(0) + QStringLiteral("/run/tenkaid.pid"));
        reports = deployOk(r, true);
        QVERIFY(allOk(reports));
        for (const auto &report : reports)
            QCOMPARE(report.outcomes, std::vector<Outcome>{Outcome::Unchanged});
        QCOMPARE(pidIn(rootOf(0) + QStringLiteral("/run/tenkaid.pid")), first);

        // A daemon that stopped is started again, without an upload.
        stopByPidFile(rootOf(2) + QStringLiteral("/run/tenkaid.pid"));
        reports = deployOk(r, false);
        QCOMPARE(reports[2].plan[0].change, Change::Update);
        QCOMPARE(reports[2].plan[0].steps, int(StepStart));
        QVERIFY2(reports[2].plan[0].detail.contains(QStringLiteral("not running")),
                 qPrintable(reports[2].plan[0].detail));
        QCOMPARE(reports[0].plan[0].change, Change::None);
        reports = deployOk(r, true);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[2].outcomes[0], Outcome::Changed);
        QVERIFY(alive(pidIn(rootOf(2) + QStringLiteral("/run/tenkaid.pid"))));

        // A different binary with another version is uploaded and the daemon restarted.
        const QString fake = m_recipeDir + QStringLiteral("/old tenkaid");
        QVERIFY(writeFile(fake, "#!/bin/sh\necho 'tenkaid 0.0.1-old'\n"));
        QVERIFY(QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner));
        stopByPidFile(rootOf(1) + QStringLiteral("/run/tenkaid.pid"));
        QVERIFY(QFile::remove(rootOf(1) + QStringLiteral("/bin/.tenkaid.tenkai-stamp")));
        QVERIFY(QFile::remove(rootOf(1) + QStringLiteral("/bin/tenkaid")));
        QVERIFY(QFile::copy(fake, rootOf(1) + QStringLiteral("/bin/tenkaid")));
        reports = deployOk(r, false);
        QCOMPARE(reports[1].plan[0].change, Change::Update);
        QVERIFY2(reports[1].plan[0].detail.contains(QStringLiteral("\"tenkaid 0.0.1-old\" -> \"tenkaid ")),
                 qPrintable(reports[1].plan[0].detail));
        reports = deployOk(r, true);
        QVERIFY(allOk(reports));
        QCOMPARE(reports[1].outcomes[0], Outcome::Changed);
        QCOMPARE(readFile(rootOf(1) + QStringLiteral("/bin/tenkaid")), readFile(QStringLiteral(TENKAID)));
    }

    // A tenkaid built for another machine (here: this build with its ELF header claiming another machine) is
    // refused before anything is sent, by plan and by apply, with the site's machine and the binary's.
    void tenkaidForAnotherMachineIsRefused()
    {
        QByteArray elf = readFile(QStringLiteral(TENKAID));
        QVERIFY(elf.size() > 64 && elf.startsWith("\x7f"
                                                  "ELF"));
        utsname machine{};
        QCOMPARE(::uname(&machine), 0);
        const QString here = QString::fromLatin1(machine.machine);
        const bool onArm = here == QLatin1String("aarch64");
        elf[18] = char(onArm ? 62 : 183); // e_machine: EM_X86_64 or EM_AARCH64, little-endian
        elf[19] = 0;
        const QString other = onArm ? QStringLiteral("x86_64") : QStringLiteral("aarch64");
        QVERIFY(writeFile(m_recipeDir + QStringLiteral("/tenkaid-foreign"), elf));
        const Recipe r = recipe("format: tenkai-recipe\nresources:\n"
                                "  - tenkaid: \"{{ root }}/arm/bin/tenkaid\"\n    source: tenkaid-foreign\n");
        for (const bool apply : {false, true}) {
            const auto reports = deploy(m_inventory, r, options(apply));
            for (std::size_t i = 0; i < reports.size(); ++i) {
                QVERIFY(!reports[i].ok());
                const QString message = reports[i].error->message;
                QVERIFY2(message.contains(QStringLiteral("is %1, and tenkaid-foreign").arg(here)) &&
                             message.contains(QStringLiteral("built for %1").arg(other)) &&
                             message.contains(m_inventory[i].name),
                         qPrintable(message));
                QVERIFY(!QFileInfo::exists(rootOf(int(i)) + QStringLiteral("/arm")));
            }
        }
    }

    // A tenkaid whose ELF headers point outside the file, cut short by a copy or crafted, is refused
    // before anything is sent, in a dry run and when applying; its sizes are never trusted.
    void damagedTenkaidIsRefused()
    {
        const QByteArray elf = readFile(QStringLiteral(TENKAID));
        QVERIFY(elf.size() > 1024 * 1024);
        QByteArray lying = elf;
        // e_shoff (offset 40) points 8 bytes before the end: the section table cannot be read.
        const quint64 shoff = quint64(lying.size()) - 8;
        for (int b = 0; b < 8; ++b)
            lying[40 + b] = char((shoff >> (8 * b)) & 0xff);
        const std::vector<std::pair<QString, QByteArray>> damaged{
            {QStringLiteral("tenkaid-cut"), elf.left(512 * 1024)}, {QStringLiteral("tenkaid-lying"), lying}};
        for (const auto &[name, bytes] : damaged) {
            QVERIFY(writeFile(m_recipeDir + QLatin1Char('/') + name, bytes));
            const Recipe r = recipe("format: tenkai-recipe\nresources:\n"
                                    "  - tenkaid: \"{{ root }}/cut/bin/tenkaid\"\n    source: " +
                                    name.toUtf8() + "\n");
            for (const bool apply : {false, true}) {
                const auto reports = deploy(m_inventory, r, options(apply));
                for (std::size_t i = 0; i < reports.size(); ++i) {
                    QVERIFY(!reports[i].ok());
                    const QString message = reports[i].error->message;
                    QVERIFY2(message.contains(QStringLiteral("damaged program")) && message.contains(name) &&
                                 message.contains(m_inventory[i].name),
                             qPrintable(message));
                    QVERIFY(!QFileInfo::exists(rootOf(int(i)) + QStringLiteral("/cut")));
                }
            }
        }
    }

    // `tenkaid --version` maps LibTorch (~0.4 s of CPU): a site runs it only for a binary that is
    // neither stamped nor this build. A fake tenkaid counts its --version runs, by path, in a file.
    void tenkaidVersionRunsOnlyWhenNeeded()
    {
        const QString counter = m_recipeDir + QStringLiteral("/version-calls");
        const QString fake = m_recipeDir + QStringLiteral("/counting tenkaid");
        const QByteArray script = "#!/bin/sh\nif [ \"$1\" = --version ]; then printf '%s\\n' \"$0\" >> '" +
                                  counter.toUtf8() + "'; echo 'tenkaid 9.9.9-fake'; exit 0; fi\nexec '" +
                                  QByteArray(TENKAID) + "' \"$@\"\n";
        QVERIFY(writeFile(fake, script));
        QVERIFY(QFile::setPermissions(fake, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner));
        const quint16 port = freePort();
        const Recipe r =
            recipe("format: tenkai-recipe\nresources:\n"
                   "  - tenkaid: \"{{ root }}/fake/bin/tenkaid\"\n    source: \"counting tenkaid\"\n"
                   "    port: \"" +
                   QByteArray::number(port) +
                   "\"\n    state_dir: \"{{ root }}/fake/state\"\n"
                   "    pid_file: \"{{ root }}/fake/run/tenkaid.pid\"\n");
        const QString binary = rootOf(0) + QStringLiteral("/fake/bin/tenkaid");
        const QString pidFile = rootOf(0) + QStringLiteral("/fake/run/tenkaid.pid");
        auto remoteRuns = [&] {
            return readFile(counter).count((binary + QLatin1Char('\n')).toUtf8());
        };
        auto localRuns = [&] {
            return readFile(counter).count((fake + QLatin1Char('\n')).toUtf8());
        };
        auto cleanup = qScopeGuard([&] { stopByPidFile(pidFile); });

        // Installed, started and answering: the site never ran it for its version (the SHA-256
        // proved the bytes), and nothing here needed the version either.
        auto reports = deploy({m_inventory[0]}, r, options(true));
        QVERIFY2(reports[0].ok(), reports[0].error ? qPrintable(reports[0].error->message) : "");
        QCOMPARE(reports[0].outcomes, std::vector<Outcome>{Outcome::Changed});
        QVERIFY(alive(pidIn(pidFile)));
        QCOMPARE(remoteRuns(), 0);
        QCOMPARE(localRuns(), 0);
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(readFile(fake), QCryptographicHash::Sha256).toHex());
        QVERIFY(
            readFile(rootOf(0) + QStringLiteral("/fake/bin/.tenkaid.tenkai-stamp")).contains(sha.toLatin1()));

        // Nothing changed: the stamp vouches for the binary, /proc for the daemon.
        reports = deploy({m_inventory[0]}, r, options(true));
        QCOMPARE(reports[0].outcomes, std::vector<Outcome>{Outcome::Unchanged});
        QCOMPARE(remoteRuns(), 0);

        // A stale stamp (the file was touched): hashed again, and being this build, not run.
        QVERIFY(QProcess::execute(QStringLiteral("touch"),
                                  {QStringLiteral("-d"), QStringLiteral("2001-01-01"), binary}) == 0);
        reports = deploy({m_inventory[0]}, r, options(false));
        QCOMPARE(reports[0].plan[0].change, Change::None);
        QCOMPARE(remoteRuns(), 0);

        // Another build of the same version, installed by hand (no stamp): the only case where
        // the site runs it. Same version: it stays, and the daemon keeps running.
        const pid_t daemon = pidIn(pidFile);
        QVERIFY(QFile::remove(binary));
        QVERIFY(writeFile(binary, script + "# another build\n"));
        QVERIFY(QFile::setPermissions(binary, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner));
        QVERIFY(QFile::remove(rootOf(0) + QStringLiteral("/fake/bin/.tenkaid.tenkai-stamp")));
        reports = deploy({m_inventory[0]}, r, options(true));
        QVERIFY2(reports[0].ok(), reports[0].error ? qPrintable(reports[0].error->message) : "");
        QCOMPARE(reports[0].outcomes, std::vector<Outcome>{Outcome::Unchanged});
        QCOMPARE(remoteRuns(), 1);
        QCOMPARE(localRuns(), 1);
        QCOMPARE(pidIn(pidFile), daemon);
    }
};

QTEST_GUILESS_MAIN(TestFleetResources)
#include "tst_fleet_resources.moc"
