// A bare Debian 12 host becomes a Tenkai site: a minimal Debian root with nothing of Tenkai in it
// (tests/support/bare_site.sh: mmdebstrap, its own sshd in a mount and pid namespace), reached as
// the ordinary user "edge" with sudo. The shipped paper flow provisions it over SSH with the tenkaid
// package this build made (apt resolves its Depends from the Debian mirror), the packaged service
// runs as the system user tenkai, and the fine-tuning run's metrics reach `tenkai-cli monitor`,
// which reads the token as edge through the group tenkai. Before that, pre-flight refuses sites it
// cannot serve without changing them; after it, a second bare site without any apt source is
// provisioned from an offline bundle. Training is tiny (LeNet, one epoch).
#include "../support/free_port.h"
#include "../support/paper_sites.h"
#include "fleet/deployer.h"
#include "fleet/inventory.h"
#include "fleet/recipe.h"
#include "flow/executor.h"
#include "flow/flow_file.h"
#include "teacher_data.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace tenkai;
using namespace tenkai::flow;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kBareSite = QStringLiteral(TENKAI_TEST_SOURCE_DIR "/support/bare_site.sh");
const QString kSiteRoot = QStringLiteral("/srv/tenkai/bare-01");

struct Ran
{
    int code = -1;
    QString out;
};

Ran run(const QString &program, const QStringList &arguments, int timeoutMs = 600000,
        const QStringList &environment = {});

// tests/support/bare_site.sh with these arguments.
Ran bareSite(const QStringList &arguments, const QStringList &environment = {})
{
    return run(u"bash"_s, QStringList{kBareSite} + arguments, 600000, environment);
}

Ran run(const QString &program, const QStringList &arguments, int timeoutMs, const QStringList &environment)
{
    QProcess p;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &pair : environment)
            env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        p.setProcessEnvironment(env);
    }
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return Ran{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
               QString::fromUtf8(p.readAllStandardOutput())};
}

} // namespace

class TestFlowBareSite : public QObject
{
    Q_OBJECT

    QTemporaryDir m_scratch;
    QString m_work; // the first site's folder (its root file system in m_work/root)
    quint16 m_port = 0;
    QString m_deb;
    std::vector<QString> m_sites; // every site started, stopped at the end

    Ran inSite(const QStringList &command, const QString &work = {})
    {
        return bareSite(QStringList{u"exec"_s, work.isEmpty() ? m_work : work} + command);
    }

    // Starts a bare site in `work` on `port` and pins its host key; false with the reason logged.
    bool startSite(const QString &work, quint16 port, const QStringList &environment = {})
    {
        m_sites.push_back(work);
        const Ran started = bareSite(
            {u"start"_s, work, QString::number(port), m_scratch.filePath(u"id_ed25519.pub"_s)}, environment);
        if (started.code != 0) {
            qWarning("%s", qPrintable(started.out));
            return false;
        }
        QFile pub(started.out.trimmed().split(u'\n').last());
        QFile known(m_scratch.filePath(u"known_hosts"_s));
        if (!pub.open(QIODevice::ReadOnly) || !known.open(QIODevice::Append))
            return false;
        known.write("[127.0.0.1]:" + QByteArray::number(port) + ' ' +
                    pub.readAll().trimmed().split(' ').mid(0, 2).join(' ') + '\n');
        return true;
    }

    // Puts one site's camera images (train/ and test/) at ROOT/data inside the site, or at ROOT
    // itself where `folder` is empty, owned by edge (the operator's). The demo data's generic set is
    // left in `outDir` (default: the scratch folder).
    bool placeData(const QString &work, const QString &root, const QString &folder = u"/data"_s,
                   const QString &outDir = {})
    {
        train::DemoDataRequest request;
        request.outDir =
            (outDir.isEmpty() ? m_scratch.filePath(u"demo-%1"_s.arg(m_sites.size())) : outDir).toStdString();
        request.sites = 1;
        request.genericImages = 1000;
        request.siteTrainImages = 50;
        request.siteTestImages = 100;
        auto made = train::generateDemoData(request);
        if (!made) {
            qWarning("demo data: %s", made.error().message().c_str());
            return false;
        }
        const QString data = work + u"/root"_s + root;
        const QString from = QString::fromStdString(made.value().sites[0].folder.string());
        if (!QDir().mkpath(QFileInfo(data + folder).path()) || !QDir().rename(from, data + folder)) {
            qWarning("cannot move %s to %s", qPrintable(from), qPrintable(data + folder));
            return false;
        }
        return inSite({u"chown"_s, u"-R"_s, u"edge:edge"_s, root}, work).code == 0;
    }

    fleet::Inventory inventoryOf(const QString &name, quint16 port, const QString &root, int daemonPort = 0,
                                 const QString &group = u"edges"_s)
    {
        fleet::Site site;
        site.name = name;
        site.host = u"127.0.0.1"_s;
        site.port = port;
        site.user = u"edge"_s;
        site.identity = m_scratch.filePath(u"id_ed25519"_s);
        site.root = root;
        site.daemon = fleet::DaemonKind::Package;
        site.daemonPort = daemonPort;
        site.groups = {group};
        fleet::Inventory inventory;
        inventory.sites.push_back(site);
        inventory.file = m_scratch.filePath(name + u".yaml"_s);
        QFile file(inventory.file);
        if (file.open(QIODevice::WriteOnly))
            file.write(fleet::inventoryToYaml(inventory));
        return inventory;
    }

    RunOptions optionsFor(const QString &workspace)
    {
        RunOptions options;
        options.workspace = workspace;
        options.historyFile = u"-"_s;
        options.ssh.knownHosts = m_scratch.filePath(u"known_hosts"_s);
        options.ssh.hostKeyPolicy = fleet::HostKeyPolicy::Strict;
        options.ssh.sshConfig = m_scratch.filePath(u"ssh_config"_s);
        options.ssh.useAgent = false;
        options.ssh.connectTimeout = 20s;
        options.ssh.ioTimeout = 120s;
        options.threads = 1;
        return options;
    }

    struct FlowRun
    {
        RunSummary summary;
        std::vector<StepStatus> steps;
        QStringList log;
        QString trainRun;
        double provisionedSeconds = -1; // from the start until the daemon step is done
        double firstMetricSeconds = -1; // from the start until the first test accuracy of training
        QString message(const QString &node) const
        {
            for (const StepStatus &s : steps)
                if (s.node == node)
                    return s.message;
            return {};
        }
        QString problems() const
        {
            QStringList lines;
            for (const StepStatus &s : steps)
                if (s.state != StepState::Done)
                    lines << u"%1@%2: %3 %4"_s.arg(s.node, s.site, stepStateName(s.state), s.message);
            return (lines + log).join(u'\n');
        }
    };

    // Runs `graph` (default: the tiny paper flow) on `inventory`.
    static FlowRun runFlow(const fleet::Inventory &inventory, const RunOptions &options,
                           std::unique_ptr<FlowGraph> graph = test::tinyPaperFlow(1))
    {
        FlowRun result;
        result.summary.failed = 1; // until the executor says otherwise
        if (!graph)
            return result;
        FlowExecutor executor(*graph, inventory, options);
        QSignalSpy finished(&executor, &FlowExecutor::finished);
        QElapsedTimer clock;
        clock.start();
        QObject::connect(&executor, &FlowExecutor::logLine, &executor,
                         [&](const QString &node, const QString &site, const QString &line) {
                             result.log << u"%1@%2: %3"_s.arg(node, site, line);
                             if (node == u"train"_s && line.contains(u"test accuracy"_s) &&
                                 result.firstMetricSeconds < 0)
                                 result.firstMetricSeconds = clock.elapsed() / 1000.0;
                         });
        QObject::connect(&executor, &FlowExecutor::stepChanged, &executor, [&](const StepStatus &s) {
            if (s.node == u"daemon"_s && s.state == StepState::Done && result.provisionedSeconds < 0)
                result.provisionedSeconds = clock.elapsed() / 1000.0;
        });
        QString error;
        if (!executor.start(&error)) {
            result.log << error;
            return result;
        }
        if (!finished.wait(900000)) {
            result.log << u"the flow did not finish in 15 minutes"_s;
            return result;
        }
        result.summary = finished.first().first().value<RunSummary>();
        result.steps = executor.steps();
        result.trainRun = executor.outputs(u"train"_s, inventory.sites[0].name)
                              .value(u"model"_s)
                              .toObject()
                              .value(u"run"_s)
                              .toString();
        return result;
    }

    QString workspaceWithPackage(QTemporaryDir &workspace)
    {
        QDir().mkpath(workspace.filePath(u"packages"_s));
        QFile::copy(m_deb, workspace.filePath(u"packages/"_s + QFileInfo(m_deb).fileName()));
        return workspace.path();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("the bare site needs root (mount and pid namespaces, chroot)");
        const QStringList debs =
            QDir(QStringLiteral(TENKAI_PACKAGES_DIR)).entryList({u"tenkaid_*.deb"_s}, QDir::Files);
        QVERIFY2(debs.size() == 1,
                 qPrintable(u"expected one tenkaid .deb from the packaging_deb test in %1, "
                            "found: %2"_s.arg(QStringLiteral(TENKAI_PACKAGES_DIR), debs.join(u", "_s))));
        m_deb = QStringLiteral(TENKAI_PACKAGES_DIR) + u'/' + debs.first();
        // The packaged service listens on 7470 in the host's network namespace.
        const Ran listening = run(u"sh"_s, {u"-c"_s, u"grep -qi ':1D2E 00000000:0000 0A' /proc/net/tcp"_s});
        QVERIFY2(listening.code != 0, "port 7470 is taken on this machine: stop the tenkaid that holds it");

        QVERIFY(m_scratch.isValid());
        const QString key = m_scratch.filePath(u"id_ed25519"_s);
        QCOMPARE(
            run(u"ssh-keygen"_s, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-f"_s, key}).code, 0);
        QFile config(m_scratch.filePath(u"ssh_config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.close();
        m_work = m_scratch.filePath(u"site"_s);
        m_port = test::freePort();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(startSite(m_work, m_port));
        qInfo("bare site up in %.1f s (root from the cache or built by mmdebstrap)",
              clock.elapsed() / 1000.0);
        // Nothing of Tenkai, LibTorch or Qt on the site.
        for (const QString &absent : {u"/usr/bin/tenkaid"_s, u"/usr/lib/x86_64-linux-gnu/libtorch.so.1.13"_s,
                                      u"/usr/lib/x86_64-linux-gnu/libQt6Core.so.6"_s})
            QVERIFY2(!QFileInfo::exists(m_work + u"/root"_s + absent), qPrintable(absent));
        // The site's own camera images are already there, as on a real edge host.
        QVERIFY(placeData(m_work, kSiteRoot));
    }

    void cleanupTestCase()
    {
        for (const QString &work : m_sites)
            bareSite({u"stop"_s, work});
    }

    // What pre-flight cannot serve is refused with what to do, and nothing on the site changes.
    void preflightRefusesBeforeAnythingChanges()
    {
        QTemporaryDir workspace;
        const RunOptions options = optionsFor(workspaceWithPackage(workspace));
        const auto refused = [&](const fleet::Inventory &inventory, const RunOptions &o,
                                 const QString &expected) {
            const FlowRun r = runFlow(inventory, o);
            const QString message = r.message(u"provision"_s);
            if (r.summary.ok() || !message.contains(expected)) {
                qWarning("expected a refusal with \"%s\":\n%s", qPrintable(expected),
                         qPrintable(r.problems()));
                return false;
            }
            return !QFileInfo::exists(m_work + u"/root/usr/bin/tenkaid"_s) &&
                   inSite({u"stat"_s, u"-c"_s, u"%G"_s, kSiteRoot}).out.trimmed() == u"edge"_s;
        };
        // A root in the home folder, which the service cannot see.
        QVERIFY(refused(inventoryOf(u"bare-01"_s, m_port, u"tenkai"_s), options, u"home folder"_s));
        // No package for the site in the packages folder.
        QTemporaryDir empty;
        QVERIFY(
            refused(inventoryOf(u"bare-01"_s, m_port, kSiteRoot), optionsFor(empty.path()), u"holds none"_s));
        // A login user without sudo.
        QCOMPARE(inSite({u"mv"_s, u"/etc/sudoers.d/edge"_s, u"/root/sudoers-edge"_s}).code, 0);
        const bool noSudo =
            refused(inventoryOf(u"bare-01"_s, m_port, kSiteRoot), options, u"cannot use sudo"_s);
        QCOMPARE(inSite({u"mv"_s, u"/root/sudoers-edge"_s, u"/etc/sudoers.d/edge"_s}).code, 0);
        QVERIFY(noSudo);
    }

    // A site given this build's tenkaid binary (daemon: binary) that lacks its libraries is refused
    // before the upload, with the libraries named; nothing is sent.
    void binaryOnABareSiteIsRefusedBeforeTheUpload()
    {
        const QString root = u"/srv/tenkai/binary"_s;
        QFile file(m_scratch.filePath(u"binary.recipe"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "format: tenkai-recipe\nresources:\n  - tenkaid: \"{{ root }}/bin/tenkaid\"\n    source: \"" +
            QByteArray(TENKAID) + "\"\n");
        file.close();
        auto recipe = fleet::loadRecipe(file.fileName());
        QVERIFY2(recipe, recipe ? "" : qPrintable(recipe.error().message));
        fleet::Site site = inventoryOf(u"bare-binary"_s, m_port, root).sites[0];
        site.daemon = fleet::DaemonKind::Binary;
        fleet::DeployOptions options;
        options.apply = true;
        options.ssh = optionsFor(QString()).ssh;
        const fleet::SiteReport report = fleet::deploySite(site, recipe.value(), options);
        QVERIFY(!report.ok());
        const QString message = report.error->message;
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(u"lacks libraries"_s) && message.contains(u"libtorch.so.1.13"_s) &&
                     message.contains(u"libQt6Core.so.6"_s) && message.contains(u"daemon: package"_s) &&
                     !message.contains(u"libc.so.6"_s),
                 qPrintable(message));
        QVERIFY(!QFileInfo::exists(m_work + u"/root"_s + root + u"/bin/tenkaid"_s));
        QVERIFY(!QFileInfo::exists(m_work + u"/root"_s + root + u"/bin"_s));
    }

    void paperFlowProvisionsABareSiteFromThePackage()
    {
        const fleet::Inventory inventory = inventoryOf(u"bare-01"_s, m_port, kSiteRoot);
        QTemporaryDir workspace;
        RunOptions options = optionsFor(workspaceWithPackage(workspace));

        // A dry run is pre-flight only: it says what it would install and changes nothing.
        RunOptions dry = options;
        dry.dryRun = true;
        const FlowRun planned = runFlow(inventory, dry);
        QVERIFY2(planned.message(u"daemon"_s).contains(u"would install tenkaid"_s),
                 qPrintable(planned.problems()));
        QVERIFY(!QFileInfo::exists(m_work + u"/root/usr/bin/tenkaid"_s));

        QElapsedTimer clock;
        clock.start();
        const FlowRun first = runFlow(inventory, options);
        QVERIFY2(first.summary.ok(), qPrintable(first.problems()));
        for (const QString &line : first.log)
            if (line.startsWith(u"provision@"_s) || line.startsWith(u"daemon@"_s))
                qInfo("%s", qPrintable(line));
        qInfo("paper flow on the bare site: %.1f s (provisioning, package, tiny training); provisioned "
              "after %.1f s, first training metric after %.1f s",
              clock.elapsed() / 1000.0, first.provisionedSeconds, first.firstMetricSeconds);

        // Installed by apt from the package, running as the system user tenkai with the unit's options.
        const Ran status = inSite({u"dpkg-query"_s, u"-W"_s, u"-f=${Status} ${Version}"_s, u"tenkaid"_s});
        QVERIFY2(status.out.startsWith(u"install ok installed"_s), qPrintable(status.out));
        const Ran owner = inSite({u"sh"_s, u"-c"_s, u"stat -c %U /proc/$(cat /run/tenkaid.pid)"_s});
        QCOMPARE(owner.out.trimmed(), u"tenkai"_s);
        const Ran modes = inSite({u"stat"_s, u"-c"_s, u"%a %U:%G"_s, u"/var/lib/tenkaid"_s,
                                  u"/var/lib/tenkaid/token"_s, u"/var/lib/tenkaid/tenkaid.sqlite"_s});
        QCOMPARE(modes.out.split(u'\n', Qt::SkipEmptyParts),
                 QStringList({u"750 tenkai:tenkai"_s, u"640 tenkai:tenkai"_s, u"600 tenkai:tenkai"_s}));
        // Only the group may read the token: another ordinary user may not.
        QVERIFY(inSite({u"runuser"_s, u"-u"_s, u"nobody"_s, u"--"_s, u"cat"_s, u"/var/lib/tenkaid/token"_s})
                    .code != 0);

        // The run's metrics reach tenkai-cli monitor, as the ordinary user edge over SSH.
        QVERIFY(!first.trainRun.isEmpty());
        const Ran monitor =
            run(QStringLiteral(TENKAI_CLI),
                QStringList{u"monitor"_s, u"--site"_s, u"bare-01"_s, u"--inventory"_s, inventory.file,
                            u"--known-hosts"_s, m_scratch.filePath(u"known_hosts"_s), u"--ssh-config"_s,
                            m_scratch.filePath(u"ssh_config"_s), u"--run"_s, first.trainRun,
                            u"--until-done"_s, u"--json"_s},
                120000);
        QVERIFY2(monitor.code == 0, qPrintable(monitor.out));
        QVERIFY2(monitor.out.contains(u"\"type\":\"metric\""_s), qPrintable(monitor.out));

        // A second run changes nothing on the site: the package is there, the service answers.
        const FlowRun again = runFlow(inventory, options);
        QVERIFY2(again.summary.ok(), qPrintable(again.problems()));
        QVERIFY2(again.message(u"daemon"_s).contains(u"answering"_s), qPrintable(again.message(u"daemon"_s)));
    }

    // The shipped demo flow (no provisioning recipe: the daemon step installs the package) makes a
    // second bare site generate teacher data, fine-tune an ensemble of three, evaluate it and report.
    void demoFlowMakesABareSiteTrainAndReport()
    {
        QTemporaryDir workspace;
        RunOptions options = optionsFor(workspaceWithPackage(workspace));
        const QString work = m_scratch.filePath(u"demo-site"_s);
        const quint16 port = test::freePort();
        QVERIFY(startSite(work, port));
        const QString root = u"/srv/tenkai/demo-01"_s;
        // The site's images at its root, the generic set for pretraining in the workspace.
        QVERIFY(placeData(work, root, QString(), workspace.filePath(u"demo-data"_s)));
        QVERIFY(inSite({u"chown"_s, u"edge:edge"_s, root}, work).code == 0);

        auto read = loadFlow(QStringLiteral(TENKAI_FLOWS_DIR) + u"/demo.tenkai-flow.json"_s);
        QVERIFY2(read, read ? "" : qPrintable(read.error().message));
        std::unique_ptr<FlowGraph> graph = read.take();
        graph->setParamUnchecked(u"pretrain"_s, u"epochs"_s, 1);
        graph->setParamUnchecked(u"pretrain"_s, u"limit"_s, 1000);
        graph->setParamUnchecked(u"pretrain"_s, u"data_dir"_s, u"demo-data/generic"_s);
        graph->setParamUnchecked(u"train"_s, u"epochs"_s, 1);
        graph->setParamUnchecked(u"train"_s, u"batch"_s, 25);

        const fleet::Inventory inventory = inventoryOf(u"demo-01"_s, port, root, 7472, u"demo"_s);
        QElapsedTimer clock;
        clock.start();
        const FlowRun r = runFlow(inventory, options, std::move(graph));
        QVERIFY2(r.summary.ok(), qPrintable(r.problems()));
        qInfo(
            "demo flow on a bare site: %.1f s; provisioned after %.1f s, first training metric after %.1f s",
            clock.elapsed() / 1000.0, r.provisionedSeconds, r.firstMetricSeconds);
        QVERIFY(r.firstMetricSeconds > r.provisionedSeconds && r.provisionedSeconds > 0);
        const QString log = r.log.join(u'\n');
        QVERIFY2(log.contains(u"ensemble test accuracy"_s), qPrintable(log));
        QVERIFY(inSite({u"dpkg-query"_s, u"-W"_s, u"tenkaid"_s}, work).code == 0);
        // Teacher data: the site's own images, one augmentation policy per member.
        QVERIFY2(r.message(u"teacher"_s).contains(u"3 policies"_s), qPrintable(r.message(u"teacher"_s)));
        // The report reached the console's workspace and names the site and its ensemble.
        const QStringList reports =
            QDir(workspace.filePath(u"reports/demo"_s)).entryList({u"*.md"_s}, QDir::Files);
        QVERIFY2(!reports.isEmpty(), qPrintable(log));
        QFile report(workspace.filePath(u"reports/demo/"_s + reports.first()));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(report.readAll());
        QVERIFY2(text.contains(u"demo-01"_s) && text.contains(u"nsemble"_s), qPrintable(text));
    }

    // A site with no apt source at all (and no archive cache) gets everything from an offline
    // bundle made by scripts/make-offline-bundle.sh.
    void offlineBundleWithoutMirror()
    {
        QTemporaryDir workspace;
        RunOptions options = optionsFor(workspaceWithPackage(workspace));
        const Ran bundle =
            run(u"bash"_s, {QStringLiteral(TENKAI_SOURCE_DIR "/scripts/make-offline-bundle.sh"), m_deb,
                            workspace.filePath(u"packages/offline-bookworm-amd64"_s)});
        QVERIFY2(bundle.code == 0, qPrintable(bundle.out));
        const QString work = m_scratch.filePath(u"offline-site"_s);
        const quint16 port = test::freePort();
        QVERIFY(startSite(work, port, {u"BARE_SITE_APT_CACHE=none"_s}));
        QCOMPARE(
            inSite({u"sh"_s, u"-c"_s, u"rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*"_s}, work).code,
            0);
        QVERIFY(placeData(work, kSiteRoot));
        // Both sites share the host's network: this one's service listens where its inventory says.
        const fleet::Inventory inventory = inventoryOf(u"offline-01"_s, port, kSiteRoot, 7471);
        const FlowRun r = runFlow(inventory, options);
        QVERIFY2(r.summary.ok(), qPrintable(r.problems()));
        QVERIFY2(r.log.join(u'\n').contains(u"from the offline bundle offline-bookworm-amd64"_s),
                 qPrintable(r.log.join(u'\n')));
        const Ran status = inSite({u"dpkg-query"_s, u"-W"_s, u"-f=${Status}"_s, u"tenkaid"_s}, work);
        QCOMPARE(status.out.trimmed(), u"install ok installed"_s);
        const Ran defaults = inSite({u"grep"_s, u"^TENKAID_OPTS="_s, u"/etc/default/tenkaid"_s}, work);
        QCOMPARE(defaults.out.trimmed(), u"TENKAID_OPTS=\"--port 7471\""_s);
        QVERIFY2(r.log.join(u'\n').contains(u"service port set to 7471"_s), qPrintable(r.log.join(u'\n')));
        // The site's apt is as it was: no sources, no lists, no bundle left behind.
        QVERIFY(inSite({u"sh"_s, u"-c"_s,
                        u"! ls /var/lib/apt/lists/*_Packages* && ! ls -d /home/edge/.tenkai/offline-*"_s},
                       work)
                    .code == 0);
    }
};

QTEST_GUILESS_MAIN(TestFlowBareSite)
#include "tst_flow_bare_site.moc"
