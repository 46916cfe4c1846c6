// `tenkai-cli sites check` and `tenkai-cli import-inventory` (and tenkai-fleet, the same commands
// without LibTorch), run as programs against real sshd sites.
#include "fleet/inventory.h"
#include "sshd_sites.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using tenkai::test::SshdSites;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run runProgram(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished();
        result.err = program + QStringLiteral(" did not finish");
        return result;
    }
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

Run cli(const QStringList &arguments)
{
    return runProgram(QStringLiteral(TENKAI_CLI), arguments);
}

// tenkai-fleet: the same fleet commands without LibTorch.
Run fleet(const QStringList &arguments)
{
    return runProgram(QStringLiteral(TENKAI_FLEET), arguments);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

} // namespace

class TestSitesCli : public QObject
{
    Q_OBJECT

private:
    SshdSites m_sites;
    QString m_inventory;
    QString m_daemonRoot;

    QStringList check(const QStringList &more) const
    {
        return QStringList{QStringLiteral("sites"),        QStringLiteral("check"),
                           QStringLiteral("--inventory"),  m_inventory,
                           QStringLiteral("--ssh-config"), m_sites.clientConfig(),
                           QStringLiteral("--timeout"),    QStringLiteral("5")} +
               more;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_sites.start(3), qPrintable(m_sites.error()));
        // Site "edge 1" has a real tenkaid installed in its root; the others have none.
        m_daemonRoot = m_sites.scratch() + QStringLiteral("/root with 'quotes' $(x)");
        QVERIFY(QDir().mkpath(m_daemonRoot + QStringLiteral("/bin")));
        QVERIFY(QFile::link(QStringLiteral(TENKAID), m_daemonRoot + QStringLiteral("/bin/tenkaid")));
        QByteArray yaml = "format: tenkai-inventory\nsites:\n";
        const QStringList names{QStringLiteral("edge 1"), QStringLiteral("edge-2"), QStringLiteral("edge-3")};
        for (int i = 0; i < 3; ++i) {
            yaml += QStringLiteral("  - name: \"%1\"\n    host: 127.0.0.1\n    port: %2\n    user: root\n"
                                   "    identity: %3\n    groups: [%4]\n")
                        .arg(names[i])
                        .arg(m_sites.site(i).port)
                        .arg(m_sites.clientKey(), i == 0 ? QStringLiteral("gpu") : QStringLiteral("cpu"))
                        .toUtf8();
            if (i == 0)
                yaml += QStringLiteral("    root: \"%1\"\n").arg(m_daemonRoot).toUtf8();
        }
        QVERIFY(QDir().mkpath(m_sites.scratch() + QStringLiteral("/ws")));
        m_inventory = m_sites.scratch() + QStringLiteral("/ws/inventory.yaml");
        writeFile(m_inventory, yaml);
    }

    void unknownHostsNeedAcceptNew()
    {
        const Run run = cli(check({}));
        QCOMPARE(run.code, 1);
        QCOMPARE(run.out.count(QStringLiteral("FAILED")), 3);
        QVERIFY2(run.out.contains(QStringLiteral("--accept-new")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("0 of 3 sites passed.")));
        QVERIFY(!QFile::exists(m_sites.scratch() + QStringLiteral("/ws/known_hosts")));
    }

    void checksEverySite()
    {
        Run run = cli(check({QStringLiteral("--accept-new")}));
        QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
        qInfo().noquote() << run.out;
        QVERIFY(run.out.contains(QStringLiteral("3 of 3 sites passed.")));
        QCOMPARE(run.out.count(QStringLiteral("pinned new host key SHA256:")), 3);
        // The table: a header and one row per site, in inventory order.
        const QStringList lines = run.out.split(QLatin1Char('\n'));
        QVERIFY(lines.at(0).startsWith(QStringLiteral("SITE")));
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("edge 1")) &&
                     lines.at(1).contains(QStringLiteral(" ok ")),
                 qPrintable(run.out));
        QVERIFY(lines.at(1).contains(QStringLiteral("tenkaid ")));
        QVERIFY(lines.at(2).contains(QStringLiteral("not installed")));

        // JSON, now with the keys pinned (no --accept-new needed).
        run = cli(check({QStringLiteral("--json"), QStringLiteral("--forks"), QStringLiteral("2")}));
        QCOMPARE(run.code, 0);
        const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(result.value(QStringLiteral("type")).toString(), QStringLiteral("sites_check"));
        const QJsonArray sites = result.value(QStringLiteral("sites")).toArray();
        QCOMPARE(sites.size(), 3);
        QProcess uname;
        uname.start(QStringLiteral("uname"), {QStringLiteral("-m")});
        QVERIFY(uname.waitForFinished());
        const QString arch = QString::fromUtf8(uname.readAllStandardOutput()).trimmed();
        QProcess nproc;
        nproc.start(QStringLiteral("nproc"));
        QVERIFY(nproc.waitForFinished());
        const int cores = nproc.readAllStandardOutput().trimmed().toInt();
        for (int i = 0; i < 3; ++i) {
            const QJsonObject site = sites.at(i).toObject();
            QVERIFY(site.value(QStringLiteral("ok")).toBool());
            QCOMPARE(site.value(QStringLiteral("arch")).toString(), arch);
            QVERIFY(site.value(QStringLiteral("free_bytes")).toDouble() > 0);
            // The sites are this machine: its CPUs and memory.
            QCOMPARE(site.value(QStringLiteral("cores")).toInt(), cores);
            QVERIFY(site.value(QStringLiteral("memory_bytes")).toDouble() > 256.0 * 1024 * 1024);
            QVERIFY(!site.value(QStringLiteral("pinned_now")).toBool());
            QCOMPARE(site.value(QStringLiteral("host_key")).toString(), m_sites.hostKeyFingerprint(i));
        }
        QVERIFY(sites.at(0)
                    .toObject()
                    .value(QStringLiteral("tenkaid"))
                    .toString()
                    .startsWith(QStringLiteral("tenkaid")));
        QCOMPARE(sites.at(1).toObject().value(QStringLiteral("tenkaid")).toString(), QString());
    }

    void checkWithARecipeComparesFreeDisk()
    {
        // A sparse 15 TiB model: more than any test machine has free, and nothing is read.
        const QString dir = m_sites.scratch() + QStringLiteral("/big recipe");
        QVERIFY(QDir().mkpath(dir));
        {
            QFile huge(dir + QStringLiteral("/huge.pt"));
            QVERIFY(huge.open(QIODevice::WriteOnly));
            QVERIFY(huge.resize(qint64(15) << 40));
        }
        writeFile(dir + QStringLiteral("/small.yaml"), "format: tenkai-recipe\nresources:\n"
                                                       "  - directory: \"{{ root }}/m\"\n");
        writeFile(dir + QStringLiteral("/huge.yaml"), "format: tenkai-recipe\nresources:\n"
                                                      "  - model: \"{{ root }}/m/huge.pt\"\n"
                                                      "    source: huge.pt\n");
        Run run = cli(check({QStringLiteral("--recipe"), dir + QStringLiteral("/small.yaml"),
                             QStringLiteral("--limit"), QStringLiteral("edge-2")}));
        QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.split(QLatin1Char('\n')).at(0).contains(QStringLiteral("UPLOAD")),
                 qPrintable(run.out));
        run = cli(check({QStringLiteral("--recipe"), dir + QStringLiteral("/huge.yaml"),
                         QStringLiteral("--limit"), QStringLiteral("edge-2")}));
        QCOMPARE(run.code, 1);
        QVERIFY2(run.out.contains(
                     QStringLiteral("Site edge-2: not enough disk space in its root: the recipe uploads "
                                    "15360.0 GiB")),
                 qPrintable(run.out));
    }

    void limitAndFailures()
    {
        m_sites.kill(2);
        Run run = cli(check({QStringLiteral("--limit"), QStringLiteral("cpu"), QStringLiteral("--json")}));
        QCOMPARE(run.code, 1);
        qInfo().noquote() << cli(check({QStringLiteral("--limit"), QStringLiteral("cpu")})).out;
        const QJsonArray sites =
            QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("sites")).toArray();
        QCOMPARE(sites.size(), 2);
        QCOMPARE(sites.at(0).toObject().value(QStringLiteral("site")).toString(), QStringLiteral("edge-2"));
        QVERIFY(sites.at(0).toObject().value(QStringLiteral("ok")).toBool());
        const QJsonObject dead = sites.at(1).toObject();
        QVERIFY(!dead.value(QStringLiteral("ok")).toBool());
        QVERIFY2(dead.value(QStringLiteral("error")).toString().contains(QStringLiteral("refused")),
                 qPrintable(dead.value(QStringLiteral("error")).toString()));
        QVERIFY(m_sites.restart(2));

        run = cli(check({QStringLiteral("--limit"), QStringLiteral("nosuch")}));
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(QStringLiteral("\"nosuch\" matches no site")), qPrintable(run.err));

        run = cli({QStringLiteral("sites"), QStringLiteral("check")});
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(QStringLiteral("--inventory")));

        const QString broken = m_sites.scratch() + QStringLiteral("/ws/broken.yaml");
        writeFile(broken, "format: tenkai-inventory\nsites:\n  - name: a\n    port: x\n");
        run = cli({QStringLiteral("sites"), QStringLiteral("check"), QStringLiteral("--inventory"), broken});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(broken + QStringLiteral(":4")), qPrintable(run.err));
    }

    void planApplyAndRetryFailed()
    {
        const QString dir = m_sites.scratch() + QStringLiteral("/ws");
        writeFile(dir + QStringLiteral("/payload.txt"), "version 1\n");
        const QString recipe = dir + QStringLiteral("/recipe.yaml");
        writeFile(recipe, "format: tenkai-recipe\nresources:\n"
                          "  - directory: \"{{ root }}/deploy\"\n"
                          "  - file: \"{{ root }}/deploy/payload.txt\"\n    source: payload.txt\n");
        // An inventory of its own, with every root inside the site's scratch folder.
        QByteArray yaml = "format: tenkai-inventory\nsites:\n";
        for (int i = 0; i < 3; ++i)
            yaml +=
                QStringLiteral("  - name: \"deploy %1\"\n    host: 127.0.0.1\n    port: %2\n    user: root\n"
                               "    identity: %3\n    root: \"%4\"\n")
                    .arg(QString::number(i + 1), QString::number(m_sites.site(i).port), m_sites.clientKey(),
                         m_sites.site(i).dir + QStringLiteral("/apply root"))
                    .toUtf8();
        const QString inventory = dir + QStringLiteral("/deploy-inventory.yaml");
        writeFile(inventory, yaml);
        const QStringList common{QStringLiteral("--inventory"),  inventory,
                                 QStringLiteral("--recipe"),     recipe,
                                 QStringLiteral("--ssh-config"), m_sites.clientConfig()};
        const QString payload = QStringLiteral("/apply root/deploy/payload.txt");

        Run run =
            cli(QStringList{QStringLiteral("sites"), QStringLiteral("plan"), QStringLiteral("--accept-new")} +
                common);
        QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
        QCOMPARE(run.out.count(QStringLiteral("  + directory ")), 3);
        QCOMPARE(run.out.count(QStringLiteral("  + file ")), 3);
        QVERIFY(!QFile::exists(m_sites.site(0).dir + payload));

        run = cli(QStringList{QStringLiteral("sites"), QStringLiteral("apply")} + common);
        QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
        qInfo().noquote() << run.out;
        QVERIFY(run.out.contains(QStringLiteral("3 changed, 0 unchanged, 0 failed, 0 skipped.")));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(readAll(m_sites.site(i).dir + payload), QByteArray("version 1\n"));

        run = cli(QStringList{QStringLiteral("sites"), QStringLiteral("apply")} + common);
        QCOMPARE(run.code, 0);
        QVERIFY2(
            run.out.contains(QStringLiteral("Nothing changed: all 3 site(s) are in the declared state.")) ||
                run.out.contains(QStringLiteral("Nothing changed: all 3 sites are in the declared state.")),
            qPrintable(run.out));

        // A new version while one site is down: the others get it, the retry only that one.
        writeFile(dir + QStringLiteral("/payload.txt"), "version 2\n");
        m_sites.kill(1);
        run = cli(QStringList{QStringLiteral("sites"), QStringLiteral("apply")} + common);
        QCOMPARE(run.code, 1);
        QVERIFY(run.out.contains(QStringLiteral("--retry-failed")));
        QVERIFY(run.out.contains(QStringLiteral("refused")));
        QCOMPARE(readAll(m_sites.site(0).dir + payload), QByteArray("version 2\n"));
        QCOMPARE(readAll(m_sites.site(1).dir + payload), QByteArray("version 1\n"));
        QVERIFY(m_sites.restart(1));
        run = cli(QStringList{QStringLiteral("sites"), QStringLiteral("apply"),
                              QStringLiteral("--retry-failed"), QStringLiteral("--json")} +
                  common);
        QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
        const QJsonArray sites =
            QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("sites")).toArray();
        QCOMPARE(sites.size(), 1);
        QCOMPARE(sites.at(0).toObject().value(QStringLiteral("site")).toString(), QStringLiteral("deploy 2"));
        QCOMPARE(readAll(m_sites.site(1).dir + payload), QByteArray("version 2\n"));
        run = cli(
            QStringList{QStringLiteral("sites"), QStringLiteral("apply"), QStringLiteral("--retry-failed")} +
            common);
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains(QStringLiteral("No failed site to retry.")));

        run = cli(QStringList{QStringLiteral("sites"), QStringLiteral("apply"), QStringLiteral("--max-fail"),
                              QStringLiteral("x%")} +
                  common);
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(QStringLiteral("--max-fail")));
    }

    void fleetProgramIsTheSameWithoutLibTorch()
    {
        // No LibTorch library is even loaded: the whole point of tenkai-fleet.
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(TENKAI_FLEET)});
        QVERIFY(ldd.waitForFinished(30000));
        const QString libraries = QString::fromUtf8(ldd.readAllStandardOutput());
        QVERIFY2(libraries.contains(QStringLiteral("libssh")), qPrintable(libraries));
        for (const auto *name : {"libtorch", "libc10", "libopencv"})
            QVERIFY2(!libraries.contains(QLatin1String(name)), qPrintable(libraries));

        // Same commands, same output and exit codes, its own name in messages.
        Run run =
            fleet(check({QStringLiteral("--accept-new"), QStringLiteral("--limit"), QStringLiteral("gpu")}));
        QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("1 of 1 sites passed.")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("tenkaid 0.")), qPrintable(run.out));
        run = fleet({QStringLiteral("sites"), QStringLiteral("plan")});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.startsWith(QStringLiteral("tenkai-fleet sites plan: ")), qPrintable(run.err));
        run = fleet({QStringLiteral("sites"), QStringLiteral("check"), QStringLiteral("--help")});
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains(QStringLiteral("--inventory")));
        run = fleet({QStringLiteral("train")});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(QStringLiteral("unknown command")), qPrintable(run.err));
        run = fleet({QStringLiteral("--version")});
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("tenkai-fleet ")));
    }

    // `sites show` prints the connection as `ssh -G` does for the same settings (the inventory's
    // user, port and key act as -l, -p and -i), and the known_hosts line that trusts the key
    // (pinned by checksEverySite above), without connecting.
    void showPrintsTheConnectionAsSshDoes()
    {
        const QStringList show{QStringLiteral("sites"),        QStringLiteral("show"),
                               QStringLiteral("--inventory"),  m_inventory,
                               QStringLiteral("--ssh-config"), m_sites.clientConfig()};
        const Run run = fleet(show + QStringList{QStringLiteral("edge-2")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QProcess ssh;
        ssh.start(QStringLiteral("ssh"),
                  {QStringLiteral("-G"), QStringLiteral("-F"), m_sites.clientConfig(), QStringLiteral("-l"),
                   QStringLiteral("root"), QStringLiteral("-p"), QString::number(m_sites.site(1).port),
                   QStringLiteral("-i"), m_sites.clientKey(), QStringLiteral("127.0.0.1")});
        QVERIFY(ssh.waitForFinished(15000) && ssh.exitCode() == 0);
        const QStringList openssh = QString::fromUtf8(ssh.readAllStandardOutput()).split(QLatin1Char('\n'));
        for (const QString &line : run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1String("serveralive")))
                continue;
            QVERIFY2(openssh.contains(line),
                     qPrintable(QStringLiteral("ssh -G does not print \"%1\"").arg(line)));
        }
        const QString knownHosts = m_sites.scratch() + QStringLiteral("/ws/known_hosts");
        QVERIFY2(run.out.contains(knownHosts + QStringLiteral(":")) &&
                     run.out.contains(m_sites.hostKeyFingerprint(1)),
                 qPrintable(run.out));

        const Run json = fleet(show + QStringList{QStringLiteral("--json"), QStringLiteral("edge-2")});
        QCOMPARE(json.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("connection")).toString(),
                 QStringLiteral("root@127.0.0.1:%1").arg(m_sites.site(1).port));
        const QJsonArray keys = o.value(QStringLiteral("trusted_keys")).toArray();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.at(0).toObject().value(QStringLiteral("fingerprint")).toString(),
                 m_sites.hostKeyFingerprint(1));
        QCOMPARE(keys.at(0).toObject().value(QStringLiteral("file")).toString(), knownHosts);

        const Run missing = fleet(show + QStringList{QStringLiteral("edge-9")});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("edge-9")) &&
                     missing.err.contains(QStringLiteral("edge-2")),
                 qPrintable(missing.err));
    }

    void importsAnAnsibleInventory()
    {
        const QString ini = m_sites.scratch() + QStringLiteral("/hosts.ini");
        writeFile(ini, "[edge]\nedge[01:03] ansible_user=deploy ansible_become=no\n");
        const QString out = m_sites.scratch() + QStringLiteral("/ws/imported.yaml");
        Run run = cli({QStringLiteral("import-inventory"), ini, QStringLiteral("--out"), out});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(ini + QStringLiteral(":2: ansible_become is not imported")),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("Wrote 3 sites")));
        const auto inventory = tenkai::fleet::loadInventory(out);
        QVERIFY2(inventory, inventory ? "" : qPrintable(inventory.error().message));
        QCOMPARE(inventory.value().sites.size(), std::size_t(3));
        QCOMPARE(inventory.value().sites.at(2).name, QStringLiteral("edge03"));
        QCOMPARE(inventory.value().sites.at(2).user, QStringLiteral("deploy"));

        run = cli({QStringLiteral("import-inventory"), m_sites.scratch() + QStringLiteral("/missing.ini")});
        QCOMPARE(run.code, 1);
        QVERIFY(run.err.contains(QStringLiteral("missing.ini")));

        // The same through Ansible's own reader, where it is installed.
        if (!QStandardPaths::findExecutable(QStringLiteral("ansible-inventory")).isEmpty()) {
            const QString viaAnsible = m_sites.scratch() + QStringLiteral("/ws/via-ansible.yaml");
            run = fleet({QStringLiteral("import-inventory"), QStringLiteral("--with-ansible"), ini,
                         QStringLiteral("--out"), viaAnsible});
            QVERIFY2(run.code == 0, qPrintable(run.err));
            const auto same = tenkai::fleet::loadInventory(viaAnsible);
            QVERIFY(same);
            QCOMPARE(same.value().sites.size(), std::size_t(3));
            QCOMPARE(same.value().find(QStringLiteral("edge03"))->user, QStringLiteral("deploy"));
        }
        run = fleet({QStringLiteral("import-inventory"), QStringLiteral("--with-ansible"),
                     m_sites.scratch() + QStringLiteral("/missing.ini")});
        QCOMPARE(run.code, 1);

        // And back to Ansible for existing playbooks.
        run = fleet({QStringLiteral("export-inventory"), QStringLiteral("--inventory"), out,
                     QStringLiteral("--format"), QStringLiteral("ansible")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("ansible_user: deploy")) &&
                     run.out.contains(QStringLiteral("edge03")),
                 qPrintable(run.out));
        run = fleet({QStringLiteral("export-inventory"), QStringLiteral("--inventory"), out});
        QCOMPARE(run.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestSitesCli)
#include "tst_fleet_sites_cli.moc"
