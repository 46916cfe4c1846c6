// Ansible inventories as Ansible reads them: an INI inventory with group_vars/ (files, a folder of
// .yml and .json files, a file without an extension) and host_vars/, read by Tenkai and by the
// installed ansible-inventory (Debian's ansible-core), which must agree site by site; vault files
// and values refused clearly; host patterns; export to Ansible and back through ansible-inventory.
#include "fleet/inventory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tenkai::fleet;

namespace {

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// `ansible-inventory -i PATH --list`, or an empty array with `why` set.
QByteArray ansibleList(const QString &path, QString *why)
{
    QProcess ansible;
    ansible.start(QStringLiteral("ansible-inventory"),
                  {QStringLiteral("-i"), path, QStringLiteral("--list")});
    if (!ansible.waitForFinished(120000) || ansible.exitCode() != 0) {
        *why = QString::fromUtf8(ansible.readAllStandardError());
        return {};
    }
    return ansible.readAllStandardOutput();
}

const Site *siteNamed(const Inventory &inventory, const QString &name)
{
    return inventory.find(name);
}

} // namespace

class TestAnsible : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_inventory;

    // Every field of every site, in one line per site, sorted by name: what must agree.
    static QStringList described(const Inventory &inventory)
    {
        QStringList lines;
        for (const Site &s : inventory.sites) {
            QStringList labels;
            for (auto it = s.labels.begin(); it != s.labels.end(); ++it)
                labels << it.key() + QLatin1Char('=') + it.value();
            QStringList groups = s.groups;
            groups.sort();
            lines << QStringLiteral(
                         "%1 host=%2 port=%3 user=%4 identity=%5 jump=%6 root=%7 daemon=%8 local=%9 "
                         "groups=%10 labels=%11")
                         .arg(s.name, s.host)
                         .arg(s.port)
                         .arg(s.user, s.identity, s.proxyJump, s.root, daemonKindName(s.daemon))
                         .arg(s.transport == Transport::Local)
                         .arg(groups.join(QLatin1Char(',')), labels.join(QLatin1Char(',')));
        }
        lines.sort();
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString d = m_dir.path();
        m_inventory = d + QStringLiteral("/hosts.ini");
        QVERIFY(writeFile(m_inventory, R"(bastion ansible_host=192.0.2.1

[edge]
edge[01:03]

[osaka]
edge02
edge03

[factories:children]
edge

[edge:vars]
ansible_port=2201
camera=from-inventory
ansible_become=yes
)"));
        QVERIFY(writeFile(d + QStringLiteral("/group_vars/all.yml"), "ansible_user: ops\nregion: jp\n"));
        QVERIFY(writeFile(d + QStringLiteral("/group_vars/edge/10-conn.yml"),
                          "ansible_ssh_private_key_file: ~/.ssh/edge\ncamera: from-group-vars\n"));
        QVERIFY(writeFile(d + QStringLiteral("/group_vars/edge/20-more.json"), "{\"line\": \"3\"}\n"));
        QVERIFY(writeFile(d + QStringLiteral("/group_vars/edge/README.txt"), "notes for people\n"));
        QVERIFY(writeFile(d + QStringLiteral("/group_vars/osaka"),
                          "region: osaka\nansible_ssh_common_args: \"-o ProxyJump=ops@gw.osaka:2222 -o "
                          "Compression=yes\"\n"));
        QVERIFY(writeFile(d + QStringLiteral("/group_vars/tokyo.yml"), "region: tokyo\n"));
        QVERIFY(
            writeFile(d + QStringLiteral("/host_vars/edge03.yaml"),
                      "ansible_port: 2203\ncamera: host-specific\nmounts: [a, b]\ntenkai_root: /srv/t\n"));
    }

    // Tenkai's reader applies group_vars/ and host_vars/ with Ansible's precedence and says what it
    // did not take.
    void readsVarsFolders()
    {
        const auto imported = importAnsibleInventory(m_inventory);
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        const Inventory &inventory = imported.value().inventory;
        const Site *edge01 = siteNamed(inventory, QStringLiteral("edge01"));
        QVERIFY(edge01);
        QCOMPARE(edge01->user, QStringLiteral("ops")); // group_vars/all.yml
        QCOMPARE(edge01->port, 2201);                  // [edge:vars]
        QCOMPARE(edge01->identity, QStringLiteral("~/.ssh/edge"));
        QCOMPARE(edge01->labels.value(QStringLiteral("camera")), QStringLiteral("from-group-vars"));
        QCOMPARE(edge01->labels.value(QStringLiteral("line")), QStringLiteral("3"));
        QCOMPARE(edge01->labels.value(QStringLiteral("region")), QStringLiteral("jp"));
        const Site *edge02 = siteNamed(inventory, QStringLiteral("edge02"));
        QCOMPARE(edge02->labels.value(QStringLiteral("region")), QStringLiteral("osaka"));
        QCOMPARE(edge02->proxyJump, QStringLiteral("ops@gw.osaka:2222"));
        const Site *edge03 = siteNamed(inventory, QStringLiteral("edge03"));
        QCOMPARE(edge03->port, 2203);
        QCOMPARE(edge03->root, QStringLiteral("/srv/t"));
        QCOMPARE(edge03->labels.value(QStringLiteral("camera")), QStringLiteral("host-specific"));
        QVERIFY(!edge03->labels.contains(QStringLiteral("mounts")));

        const QString notMapped = imported.value().notMapped.join(QLatin1Char('\n'));
        for (const QString &expected :
             {QStringLiteral("edge03.yaml:3: mounts is not imported"), QStringLiteral("README.txt: not read"),
              QStringLiteral("tokyo.yml: names no group"), QStringLiteral("-o Compression=yes")})
            QVERIFY2(notMapped.contains(expected),
                     qPrintable(expected + QStringLiteral(" in:\n") + notMapped));
        QVERIFY2(!notMapped.contains(QStringLiteral("ansible_become")), qPrintable(notMapped));
    }

    // The same files through the real ansible-inventory: the same sites, field by field.
    void agreesWithAnsibleInventory()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ansible-inventory")).isEmpty())
            QSKIP("ansible-inventory is not installed (apt install ansible-core)");
        QString why;
        const QByteArray json = ansibleList(m_inventory, &why);
        QVERIFY2(!json.isEmpty(), qPrintable(why));
        const auto fromAnsible = parseAnsibleInventoryList(json, QStringLiteral("ansible-inventory"));
        QVERIFY2(fromAnsible, fromAnsible ? "" : qPrintable(fromAnsible.error().message));
        const auto ours = importAnsibleInventory(m_inventory);
        QVERIFY(ours);
        QCOMPARE(described(fromAnsible.value().inventory), described(ours.value().inventory));
        QStringList theirs = fromAnsible.value().inventory.members(QStringLiteral("factories"));
        QStringList mine = ours.value().inventory.members(QStringLiteral("factories"));
        theirs.sort();
        mine.sort();
        QCOMPARE(theirs, mine); // (in their inventory order, which differs)
        QCOMPARE(mine.size(), 3);
        // A file holding that JSON imports the same.
        const QString saved = m_dir.filePath(QStringLiteral("list.json"));
        QVERIFY(writeFile(saved, json));
        const auto fromFile = importAnsibleInventory(saved);
        QVERIFY(fromFile);
        QCOMPARE(described(fromFile.value().inventory), described(ours.value().inventory));
    }

    // Export to Ansible, read back by ansible-inventory and by Tenkai: the same sites.
    void exportsWhatAnsibleReadsBack()
    {
        auto ours = importAnsibleInventory(m_inventory);
        QVERIFY(ours);
        Inventory inventory = ours.value().inventory;
        Site local;
        local.name = QStringLiteral("here");
        local.host = QStringLiteral("here");
        local.transport = Transport::Local;
        local.daemon = DaemonKind::Package;
        local.daemonPort = 7471;
        local.labels.insert(QStringLiteral("note"), QStringLiteral("yes")); // a YAML boolean word, kept text
        inventory.sites.push_back(local);
        const QString exported = m_dir.filePath(QStringLiteral("exported/inventory.yml"));
        QVERIFY(writeFile(exported, inventoryToAnsibleYaml(inventory)));
        const auto back = importAnsibleInventory(exported);
        QVERIFY2(back, back ? "" : qPrintable(back.error().message));
        QCOMPARE(described(back.value().inventory), described(inventory));
        QVERIFY2(back.value().notMapped.isEmpty(),
                 qPrintable(back.value().notMapped.join(QLatin1Char('\n'))));
        if (QStandardPaths::findExecutable(QStringLiteral("ansible-inventory")).isEmpty())
            QSKIP("ansible-inventory is not installed (apt install ansible-core)");
        QString why;
        const QByteArray json = ansibleList(exported, &why);
        QVERIFY2(!json.isEmpty(), qPrintable(why));
        const auto fromAnsible = parseAnsibleInventoryList(json, QStringLiteral("ansible-inventory"));
        QVERIFY(fromAnsible);
        QCOMPARE(described(fromAnsible.value().inventory), described(inventory));
    }

    // Ansible host patterns select the same sites as Ansible's --limit.
    void hostPatternsSelectAsAnsible_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("intersection and exclusion") << QStringLiteral("edge:&osaka:!edge03");
        QTest::newRow("union") << QStringLiteral("bastion,osaka");
        QTest::newRow("child groups") << QStringLiteral("factories:!edge01");
        QTest::newRow("glob") << QStringLiteral("edge0*");
    }

    void hostPatternsSelectAsAnsible()
    {
        QFETCH(QString, pattern);
        const auto ours = importAnsibleInventory(m_inventory);
        QVERIFY(ours);
        const auto selected = selectSites(ours.value().inventory, pattern);
        QVERIFY2(selected, selected ? "" : qPrintable(selected.error().message));
        QStringList names;
        for (const auto &s : selected.value())
            names << s.name;
        names.sort();
        if (QStandardPaths::findExecutable(QStringLiteral("ansible")).isEmpty())
            QSKIP("ansible is not installed (apt install ansible-core)");
        QProcess ansible;
        ansible.start(QStringLiteral("ansible"),
                      {QStringLiteral("-i"), m_inventory, pattern, QStringLiteral("--list-hosts")});
        QVERIFY(ansible.waitForFinished(60000) && ansible.exitCode() == 0);
        QStringList theirs;
        for (const QString &line :
             QString::fromUtf8(ansible.readAllStandardOutput()).split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty() && !line.contains(QLatin1String("hosts (")))
                theirs << line.trimmed();
        theirs.sort();
        QCOMPARE(names, theirs);
    }

    // Vault: a whole encrypted file is refused (naming it and --with-ansible); an encrypted value
    // of a variable Tenkai maps is refused; any other encrypted value is listed, not imported.
    void vaultIsRefusedClearly()
    {
        QTemporaryDir dir;
        const QString hosts = dir.filePath(QStringLiteral("hosts.ini"));
        QVERIFY(writeFile(hosts, "[secure]\nvault01\n"));
        const QByteArray vaulted =
            "$ANSIBLE_VAULT;1.1;AES256\n"
            "62313365396662343061393464336163383764373764613633653634306231386433626436623361\n";
        QVERIFY(writeFile(dir.filePath(QStringLiteral("group_vars/secure.yml")), vaulted));
        auto imported = importAnsibleInventory(hosts);
        QVERIFY(!imported);
        QVERIFY2(imported.error().message.contains(QStringLiteral("secure.yml")) &&
                     imported.error().message.contains(QStringLiteral("--with-ansible")),
                 qPrintable(imported.error().message));

        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("group_vars/secure.yml"))));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("group_vars/secure.yml")),
                          "db_secret: !vault |\n  " + vaulted.split('\n').join("\n  ") + "\n"));
        imported = importAnsibleInventory(hosts);
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        QVERIFY2(imported.value()
                     .notMapped.join(QLatin1Char(' '))
                     .contains(QStringLiteral("db_secret is not imported: "
                                              "it is encrypted")),
                 qPrintable(imported.value().notMapped.join(QLatin1Char('\n'))));
        QVERIFY(!imported.value().inventory.sites[0].labels.contains(QStringLiteral("db_secret")));

        QVERIFY(writeFile(dir.filePath(QStringLiteral("host_vars/vault01.yml")),
                          "ansible_user: !vault |\n  " + vaulted.split('\n').join("\n  ") + "\n"));
        imported = importAnsibleInventory(hosts);
        QVERIFY(!imported);
        QVERIFY2(
            imported.error().message.contains(QStringLiteral("vault01.yml:1: ansible_user (host vault01)")),
            qPrintable(imported.error().message));
    }
};

QTEST_GUILESS_MAIN(TestAnsible)
#include "tst_fleet_ansible.moc"
