// Inventory YAML, --limit selection and the Ansible importer, table-driven, with bad input.
#include "fleet/inventory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tenkai::fleet;

namespace {

const QByteArray kInventory = R"INV(format: tenkai-inventory
version: 1
defaults:
  user: deploy
  root: /srv/tenkai
  daemon_port: 7450
sites:
  - name: edge01
    host: 10.0.0.11
    groups: [factory-a, gpu]
    labels: {camera: low-light}
  - name: edge02
    host: 10.0.0.12
    port: 2222
    groups: [factory-a]
  - name: "edge 03 $(x)"
    host: 10.0.0.13
    user: root
    identity: ~/.ssh/edge
    groups: [factory-b, gpu]
    transport: ssh
    daemon: package
  - name: bench
    transport: local
    root: /tmp/bench
groups:
  factories: {children: [factory-a, factory-b]}
)INV";

QStringList names(const std::vector<Site> &sites)
{
    QStringList out;
    for (const auto &site : sites)
        out << site.name;
    return out;
}

} // namespace

class TestInventory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryField()
    {
        const auto parsed = parseInventory(kInventory, QStringLiteral("inv.yaml"));
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        const Inventory &inventory = parsed.value();
        QCOMPARE(inventory.sites.size(), std::size_t(4));
        const Site &edge01 = inventory.sites[0];
        QCOMPARE(edge01.name, QStringLiteral("edge01"));
        QCOMPARE(edge01.host, QStringLiteral("10.0.0.11"));
        QCOMPARE(edge01.port, 0);
        QCOMPARE(edge01.user, QStringLiteral("deploy"));
        QCOMPARE(edge01.root, QStringLiteral("/srv/tenkai"));
        QCOMPARE(edge01.daemonPort, 7450);
        QCOMPARE(edge01.groups, (QStringList{QStringLiteral("factory-a"), QStringLiteral("gpu")}));
        QCOMPARE(edge01.labels.value(QStringLiteral("camera")), QStringLiteral("low-light"));
        QCOMPARE(edge01.source, QStringLiteral("inv.yaml:8"));
        QCOMPARE(inventory.sites[1].port, 2222);
        const Site &edge03 = inventory.sites[2];
        QCOMPARE(edge03.name, QStringLiteral("edge 03 $(x)"));
        QCOMPARE(edge03.user, QStringLiteral("root"));
        QCOMPARE(edge03.identity, QStringLiteral("~/.ssh/edge"));
        QCOMPARE(edge03.daemon, DaemonKind::Package);
        QCOMPARE(edge01.daemon, DaemonKind::Binary);
        const Site &bench = inventory.sites[3];
        QCOMPARE(bench.transport, Transport::Local);
        QCOMPARE(bench.host, QString());
        QCOMPARE(bench.root, QStringLiteral("/tmp/bench"));
        QCOMPARE(inventory.members(QStringLiteral("factories")),
                 (QStringList{QStringLiteral("edge01"), QStringLiteral("edge02"),
                              QStringLiteral("edge 03 $(x)")}));
        QCOMPARE(inventory.groupNames(),
                 (QStringList{QStringLiteral("factories"), QStringLiteral("factory-a"),
                              QStringLiteral("factory-b"), QStringLiteral("gpu")}));
        // An ssh site without a host is reached by its name.
        const auto minimal = parseInventory("format: tenkai-inventory\nsites:\n  - name: edge9\n", QString());
        QVERIFY(minimal);
        QCOMPARE(minimal.value().sites.at(0).host, QStringLiteral("edge9"));
        QCOMPARE(minimal.value().sites.at(0).root, QStringLiteral("tenkai"));
    }

    void writesWhatItReads()
    {
        auto parsed = parseInventory(kInventory, QStringLiteral("inv.yaml"));
        QVERIFY(parsed);
        const QByteArray yaml = inventoryToYaml(parsed.value());
        auto again = parseInventory(yaml, QStringLiteral("again.yaml"));
        QVERIFY2(again,
                 again ? ""
                       : qPrintable(again.error().message + QLatin1Char('\n') + QString::fromUtf8(yaml)));
        QCOMPARE(again.value().sites.size(), parsed.value().sites.size());
        for (std::size_t i = 0; i < parsed.value().sites.size(); ++i) {
            Site a = parsed.value().sites[i], b = again.value().sites[i];
            a.source.clear();
            b.source.clear();
            QVERIFY2(a == b, qPrintable(a.name));
        }
        QCOMPARE(again.value().children, parsed.value().children);
    }

    void rejectsBadInventories_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QStringList>("expected"); // every piece must be in the message
        const QByteArray head = "format: tenkai-inventory\nsites:\n";
        QTest::newRow("bad port") << head + "  - name: a\n    port: abc\n"
                                  << QStringList{QStringLiteral("inv.yaml:4"), QStringLiteral("site \"a\""),
                                                 QStringLiteral("\"port\""), QStringLiteral("abc")};
        QTest::newRow("port out of range")
            << head + "  - name: a\n    daemon_port: 70000\n"
            << QStringList{QStringLiteral("inv.yaml:4"), QStringLiteral("daemon_port")};
        QTest::newRow("bad daemon") << head + "  - name: a\n    daemon: apt\n"
                                    << QStringList{QStringLiteral("inv.yaml:4"), QStringLiteral("\"daemon\""),
                                                   QStringLiteral("binary or package"),
                                                   QStringLiteral("apt")};
        QTest::newRow("local package site")
            << head + "  - name: a\n    transport: local\n    daemon: package\n"
            << QStringList{QStringLiteral("inv.yaml:3"), QStringLiteral("site \"a\""),
                           QStringLiteral("daemon: package needs an ssh site")};
        QTest::newRow("typo field") << head + "  - name: a\n    hots: x\n"
                                    << QStringList{QStringLiteral("inv.yaml:4"),
                                                   QStringLiteral("unknown field \"hots\"")};
        QTest::newRow("duplicate") << head + "  - name: a\n  - name: a\n"
                                   << QStringList{QStringLiteral("inv.yaml:4"),
                                                  QStringLiteral("defined twice"),
                                                  QStringLiteral("inv.yaml:3")};
        QTest::newRow("no name") << head + "  - host: x\n"
                                 << QStringList{QStringLiteral("inv.yaml:3"), QStringLiteral("\"name\"")};
        QTest::newRow("comma in name") << head + "  - name: a,b\n" << QStringList{QStringLiteral("a,b")};
        QTest::newRow("control char in name")
            << head + "  - name: \"a\\tb\"\n"
            << QStringList{QStringLiteral("inv.yaml:3"), QStringLiteral("\"name\"")};
        QTest::newRow("bad transport") << head + "  - name: a\n    transport: ftp\n"
                                       << QStringList{QStringLiteral("transport"), QStringLiteral("ftp")};
        QTest::newRow("groups not a list")
            << head + "  - name: a\n    groups: gpu\n"
            << QStringList{QStringLiteral("inv.yaml:4"), QStringLiteral("groups")};
        QTest::newRow("labels not a map") << head + "  - name: a\n    labels: [x]\n"
                                          << QStringList{QStringLiteral("labels")};
        QTest::newRow("no format") << QByteArray("sites:\n  - name: a\n")
                                   << QStringList{QStringLiteral("format")};
        QTest::newRow("other format") << QByteArray("format: tenkai-flow\nsites: []\n")
                                      << QStringList{QStringLiteral("inv.yaml:1"), QStringLiteral("format")};
        QTest::newRow("future version")
            << QByteArray("format: tenkai-inventory\nversion: 2\nsites: []\n")
            << QStringList{QStringLiteral("inv.yaml:2"), QStringLiteral("version 1")};
        QTest::newRow("no sites") << QByteArray("format: tenkai-inventory\n")
                                  << QStringList{QStringLiteral("sites")};
        QTest::newRow("not yaml") << head + "  - name: [a\n" << QStringList{QStringLiteral("not valid YAML")};
        QTest::newRow("not a map") << QByteArray("- a\n- b\n") << QStringList{QStringLiteral("inv.yaml:1")};
        QTest::newRow("unknown top field")
            << head + "  - name: a\nsitse: []\n"
            << QStringList{QStringLiteral("inv.yaml:4"), QStringLiteral("sitse")};
        QTest::newRow("group cycle")
            << head + "  - name: a\ngroups:\n  x: {children: [y]}\n  y: {children: [x]}\n"
            << QStringList{QStringLiteral("contains itself")};
        QTest::newRow("empty host") << head + "  - name: a\n    host: \"\"\n"
                                    << QStringList{QStringLiteral("inv.yaml:4"), QStringLiteral("host")};
    }
    void rejectsBadInventories()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QStringList, expected);
        const auto parsed = parseInventory(yaml, QStringLiteral("inv.yaml"));
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, FleetErrorCode::InventoryInvalid);
        for (const auto &piece : expected)
            QVERIFY2(parsed.error().message.contains(piece),
                     qPrintable(QStringLiteral("\"%1\" not in: %2").arg(piece, parsed.error().message)));
    }

    void readsAFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("inventory.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kInventory);
        file.close();
        const auto loaded = loadInventory(path);
        QVERIFY(loaded);
        QCOMPARE(loaded.value().file, path);
        QCOMPARE(loaded.value().sites.at(1).source, path + QStringLiteral(":12"));
        const auto missing = loadInventory(dir.filePath(QStringLiteral("nope.yaml")));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("nope.yaml")));
    }

    void selectsByPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("expected");
        const QString e3 = QStringLiteral("edge 03 $(x)");
        QTest::newRow("empty is all")
            << QString()
            << QStringList{QStringLiteral("edge01"), QStringLiteral("edge02"), e3, QStringLiteral("bench")};
        QTest::newRow("all") << QStringLiteral("all")
                             << QStringList{QStringLiteral("edge01"), QStringLiteral("edge02"), e3,
                                            QStringLiteral("bench")};
        QTest::newRow("one name") << QStringLiteral("edge02") << QStringList{QStringLiteral("edge02")};
        QTest::newRow("name with spaces") << e3 << QStringList{e3};
        QTest::newRow("group") << QStringLiteral("factory-a")
                               << QStringList{QStringLiteral("edge01"), QStringLiteral("edge02")};
        QTest::newRow("parent group") << QStringLiteral("factories")
                                      << QStringList{QStringLiteral("edge01"), QStringLiteral("edge02"), e3};
        QTest::newRow("glob") << QStringLiteral("edge0*")
                              << QStringList{QStringLiteral("edge01"), QStringLiteral("edge02")};
        QTest::newRow("glob over groups")
            << QStringLiteral("factory-?")
            << QStringList{QStringLiteral("edge01"), QStringLiteral("edge02"), e3};
        QTest::newRow("union in inventory order")
            << QStringLiteral("bench,edge01")
            << QStringList{QStringLiteral("edge01"), QStringLiteral("bench")};
        QTest::newRow("exclusion") << QStringLiteral("factories,!edge02")
                                   << QStringList{QStringLiteral("edge01"), e3};
        QTest::newRow("exclusion only")
            << QStringLiteral("!gpu") << QStringList{QStringLiteral("edge02"), QStringLiteral("bench")};
        QTest::newRow("intersection")
            << QStringLiteral("gpu:&factory-a") << QStringList{QStringLiteral("edge01")};
        QTest::newRow("everything excluded") << QStringLiteral("gpu:!gpu") << QStringList{};
    }
    void selectsByPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, expected);
        const auto inventory = parseInventory(kInventory, QStringLiteral("inv.yaml"));
        QVERIFY(inventory);
        const auto selected = selectSites(inventory.value(), pattern);
        QVERIFY2(selected, selected ? "" : qPrintable(selected.error().message));
        QCOMPARE(names(selected.value()), expected);
    }

    void patternMatchingNothingIsAnError()
    {
        const auto inventory = parseInventory(kInventory, QStringLiteral("inv.yaml"));
        QVERIFY(inventory);
        for (const QString &pattern :
             {QStringLiteral("edge1"), QStringLiteral("gpu,!nosuch"), QStringLiteral("x*")}) {
            const auto selected = selectSites(inventory.value(), pattern);
            QVERIFY2(!selected, qPrintable(pattern));
            QVERIFY(selected.error().message.contains(QStringLiteral("inv.yaml")));
        }
    }

    void importsAnsibleIni()
    {
        const QByteArray ini = R"INV(# fleet
bastion ansible_host=192.0.2.1 ansible_user=admin

[factory_a]
edge[01:03] ansible_user=deploy
edge10 ansible_host="10.0.0.10" ansible_port=2222 ansible_ssh_private_key_file='~/.ssh/edge key'

[factory_b]
cam-[a:b].example.org

[factories:children]
factory_a
factory_b

[factories:vars]
ansible_become_user=postgres
tenkai_root=/srv/tenkai
tenkai_daemon=package
camera=low-light

[all:vars]
ansible_port=22
ansible_password=secret

[local]
here ansible_connection=local
)INV";
        const auto imported = parseAnsibleInventory(ini, QStringLiteral("hosts.ini"), false);
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        const Inventory &inventory = imported.value().inventory;
        QCOMPARE(names(inventory.sites),
                 (QStringList{QStringLiteral("bastion"), QStringLiteral("edge01"), QStringLiteral("edge02"),
                              QStringLiteral("edge03"), QStringLiteral("edge10"),
                              QStringLiteral("cam-a.example.org"), QStringLiteral("cam-b.example.org"),
                              QStringLiteral("here")}));
        const Site &bastion = inventory.sites[0];
        QCOMPARE(bastion.host, QStringLiteral("192.0.2.1"));
        QCOMPARE(bastion.user, QStringLiteral("admin"));
        QCOMPARE(bastion.port, 22);
        QCOMPARE(bastion.groups, QStringList());
        QCOMPARE(bastion.root, QStringLiteral("tenkai"));
        const Site &edge02 = inventory.sites[2];
        QCOMPARE(edge02.host, QStringLiteral("edge02"));
        QCOMPARE(edge02.user, QStringLiteral("deploy"));
        QCOMPARE(edge02.root, QStringLiteral("/srv/tenkai"));
        QCOMPARE(edge02.daemon, DaemonKind::Package);
        QCOMPARE(bastion.daemon, DaemonKind::Binary);
        QCOMPARE(edge02.groups, QStringList{QStringLiteral("factory_a")});
        QCOMPARE(edge02.labels.value(QStringLiteral("camera")), QStringLiteral("low-light"));
        const Site &edge10 = inventory.sites[4];
        QCOMPARE(edge10.host, QStringLiteral("10.0.0.10"));
        QCOMPARE(edge10.port, 2222); // host vars beat group vars
        QCOMPARE(edge10.identity, QStringLiteral("~/.ssh/edge key"));
        QCOMPARE(inventory.sites[5].groups, QStringList{QStringLiteral("factory_b")});
        QCOMPARE(inventory.sites[7].transport, Transport::Local);
        QCOMPARE(inventory.members(QStringLiteral("factories")).size(), 6);

        const QStringList &notMapped = imported.value().notMapped;
        QCOMPARE(notMapped.size(), 2);
        QVERIFY2(notMapped[0].startsWith(QStringLiteral("hosts.ini:23: ansible_password")),
                 qPrintable(notMapped[0]));
        QVERIFY2(notMapped[1].startsWith(QStringLiteral("hosts.ini:16: ansible_become_user")),
                 qPrintable(notMapped[1]));

        // What was imported is a valid Tenkai inventory.
        QVERIFY(parseInventory(inventoryToYaml(inventory), QStringLiteral("out.yaml")));
    }

    void importsAnsibleYaml()
    {
        const QByteArray yaml = R"INV(all:
  vars:
    ansible_user: deploy
  hosts:
    bastion:
      ansible_host: 192.0.2.1
  children:
    factories:
      vars:
        ansible_become_method: su
      children:
        factory_a:
          hosts:
            edge[01:02]:
            edge10:
              ansible_port: 2222
              ansible_ssh_private_key_file: ~/.ssh/edge
        factory_b:
          hosts:
            cam[1:5:2]:
)INV";
        const auto imported = parseAnsibleInventory(yaml, QStringLiteral("hosts.yml"), true);
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        const Inventory &inventory = imported.value().inventory;
        QCOMPARE(names(inventory.sites),
                 (QStringList{QStringLiteral("bastion"), QStringLiteral("edge01"), QStringLiteral("edge02"),
                              QStringLiteral("edge10"), QStringLiteral("cam1"), QStringLiteral("cam3"),
                              QStringLiteral("cam5")}));
        QCOMPARE(inventory.sites[0].host, QStringLiteral("192.0.2.1"));
        QCOMPARE(inventory.sites[0].user, QStringLiteral("deploy"));
        QCOMPARE(inventory.sites[3].port, 2222);
        QCOMPARE(inventory.sites[3].identity, QStringLiteral("~/.ssh/edge"));
        QCOMPARE(inventory.sites[3].groups, QStringList{QStringLiteral("factory_a")});
        QCOMPARE(inventory.members(QStringLiteral("factories")).size(), 6);
        QCOMPARE(imported.value().notMapped.size(), 1);
        QVERIFY2(
            imported.value().notMapped[0].startsWith(QStringLiteral("hosts.yml:10: ansible_become_method")),
            qPrintable(imported.value().notMapped[0]));
    }

    void rejectsBadAnsible_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("open range") << QByteArray("[g]\nedge[01:]\n") << false
                                    << QStringLiteral("hosts:2: host range");
        QTest::newRow("reversed range")
            << QByteArray("edge[5:1]\n") << false << QStringLiteral("hosts:1: host range");
        QTest::newRow("mixed range") << QByteArray("edge[a:5]\n") << false
                                     << QStringLiteral("hosts:1: host range");
        QTest::newRow("unclosed range")
            << QByteArray("edge[01:05\n") << false << QStringLiteral("hosts:1: host range");
        QTest::newRow("unknown section")
            << QByteArray("[g:hosts]\n") << false << QStringLiteral("hosts:1: unknown section");
        QTest::newRow("unclosed header")
            << QByteArray("[g\n") << false << QStringLiteral("hosts:1: section header");
        QTest::newRow("bad port") << QByteArray("a ansible_port=ssh\n") << false
                                  << QStringLiteral("hosts:1: ansible_port");
        QTest::newRow("word without value")
            << QByteArray("a ansible_port\n") << false << QStringLiteral("hosts:1: expected name=value");
        QTest::newRow("vars without value")
            << QByteArray("[g:vars]\njunk\n") << false << QStringLiteral("hosts:2: expected name=value");
        QTest::newRow("children cycle")
            << QByteArray("[a:children]\nb\n[b:children]\na\n") << false << QStringLiteral("contains itself");
        QTest::newRow("yaml unknown key") << QByteArray("all:\n  host:\n    a:\n") << true
                                          << QStringLiteral("hosts:2: group \"all\": unknown key \"host\"");
        QTest::newRow("yaml hosts list")
            << QByteArray("all:\n  hosts:\n    - a\n") << true << QStringLiteral("hosts:2: \"hosts\"");
        QTest::newRow("yaml broken") << QByteArray("all: [\n") << true << QStringLiteral("not valid YAML");
        // Sizes from the file are bounded before anything is made (these allocated until abort).
        QTest::newRow("range across all ints")
            << QByteArray("h[-2147483648:2147483647]\n") << false << QStringLiteral("hosts:1: host range");
        QTest::newRow("range to the int limit")
            << QByteArray("h[0:999999999]\n") << false << QStringLiteral("makes 1000000000 hosts");
        QTest::newRow("nested ranges")
            << QByteArray("h[0:100000][0:100000]\n") << false << QStringLiteral("makes 100001 hosts");
        QTest::newRow("product of ranges")
            << QByteArray("h[0:999][0:99]\n") << false << QStringLiteral("makes 100000 hosts");
        QTest::newRow("yaml range") << QByteArray("all:\n  hosts:\n    h[0:99999]:\n") << true
                                    << QStringLiteral("hosts:3: host range");
        QTest::newRow("many lines") << QByteArray("a[0:9999]\nb[0:9]\n") << false
                                    << QStringLiteral("hosts:2: the inventory lists more");
    }

    // Endless or huge files are refused after 16 MB, not read into memory.
    void endlessFilesAreRefused()
    {
        const auto inventory = loadInventory(QStringLiteral("/dev/zero"));
        QVERIFY(!inventory);
        QVERIFY2(inventory.error().message.contains(QStringLiteral("more than 16 MB")),
                 qPrintable(inventory.error().message));
        const auto ansible = importAnsibleInventory(QStringLiteral("/dev/zero"));
        QVERIFY(!ansible);
        QVERIFY2(ansible.error().message.contains(QStringLiteral("more than 16 MB")),
                 qPrintable(ansible.error().message));
    }

    void rejectsBadAnsible()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, yaml);
        QFETCH(QString, expected);
        const auto imported = parseAnsibleInventory(text, QStringLiteral("hosts"), yaml);
        QVERIFY(!imported);
        QVERIFY2(imported.error().message.contains(expected), qPrintable(imported.error().message));
    }

    // The largest inventory an import takes: 10,000 hosts from one range (bench figures in
    // docs/benchmarks.md; host look-ups are constant-time, 100,000 took 12 s when they were not).
    void largestRangeIsTaken()
    {
        const auto imported = parseAnsibleInventory("[edges]\nedge[00001:10000] ansible_user=ops\n",
                                                    QStringLiteral("hosts"), false);
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        QCOMPARE(imported.value().inventory.sites.size(), std::size_t(10000));
        QCOMPARE(imported.value().inventory.sites.back().name, QStringLiteral("edge10000"));
        QCOMPARE(imported.value().inventory.sites.back().user, QStringLiteral("ops"));
    }

    void detectsAnsibleFormatByContent()
    {
        QTemporaryDir dir;
        const QString yamlPath = dir.filePath(QStringLiteral("hosts"));
        QFile yaml(yamlPath);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("all:\n  hosts:\n    a:\n");
        yaml.close();
        auto imported = importAnsibleInventory(yamlPath);
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        QCOMPARE(names(imported.value().inventory.sites), QStringList{QStringLiteral("a")});

        const QString iniPath = dir.filePath(QStringLiteral("inventory"));
        QFile ini(iniPath);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[g]\nb\n");
        ini.close();
        imported = importAnsibleInventory(iniPath);
        QVERIFY(imported);
        QCOMPARE(names(imported.value().inventory.sites), QStringList{QStringLiteral("b")});
    }
};

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_fleet_inventory.moc"
