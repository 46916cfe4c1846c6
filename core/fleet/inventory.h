// Inventory: the sites of a workspace (inventory.yaml), Ansible inventory import and --limit patterns.
#pragma once

#include "fleet/fleet_error.h"
#include "fleet/ssh_session.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace tenkai::fleet {

enum class Transport
{
    Ssh,   // reached over SSH
    Local, // this machine: the daemon runs as a child process, files are copied locally
};

// How a site's tenkaid is installed and run (docs/deployment.md).
enum class DaemonKind
{
    Binary,  // the console's own tenkaid, uploaded to ROOT/bin and run as the login user; state ROOT/state
    Package, // the tenkaid Debian package, installed with apt and run as its system service (user
             // tenkai); state /var/lib/tenkaid, read by the login user through the group tenkai
};

struct Site
{
    QString name;
    QString host;      // required for ssh; defaults to the name
    int port = 0;      // 0: the ssh config's, else 22
    QString user;      // empty: the ssh config's, else the current user
    QString identity;  // private key file; empty: ssh-agent and the default identities
    QString proxyJump; // jump hosts, "[user@]host[:port][,...]"; empty: the ssh config's
    QStringList groups;
    QMap<QString, QString> labels;
    QString root = QStringLiteral("tenkai"); // the site's base folder; relative to the user's home
    int daemonPort = 0;                      // tenkaid's port on the site's 127.0.0.1; 0: its default
    DaemonKind daemon = DaemonKind::Binary;
    Transport transport = Transport::Ssh;

    QString source; // "file:line" where the site is defined (for messages)

    SshTarget sshTarget() const { return SshTarget{name, host, port, user, identity, proxyJump}; }
    bool operator==(const Site &) const = default;
};

struct Inventory
{
    QString file; // where it was read from (empty when parsed from memory)
    std::vector<Site> sites;
    // Groups declared with children: group -> its child groups.
    QMap<QString, QStringList> children;

    const Site *find(const QString &name) const;
    // Every group name used by a site or declared with children, sorted.
    QStringList groupNames() const;
    // The names of the sites in `group`, directly or through child groups, in inventory order.
    QStringList members(const QString &group) const;
};

// The site with its root made absolute when it is a local site with a relative root: resolved against
// `baseDir` (the inventory's folder; empty: the current folder). SSH sites are returned as they are
// (their relative roots are relative to the remote user's home).
Site withResolvedRoot(const Site &site, const QString &baseDir);

// "binary" or "package", and back (nullopt for anything else).
QString daemonKindName(DaemonKind kind);
std::optional<DaemonKind> parseDaemonKind(const QString &text);

// Reads an inventory (format in docs/formats.md). Errors name "file:line", the site and the field.
Result<Inventory> loadInventory(const QString &path);
Result<Inventory> parseInventory(const QByteArray &yaml, const QString &fileName);
// The inventory as YAML that parseInventory reads back to an equal inventory.
QByteArray inventoryToYaml(const Inventory &inventory);

// Selects sites by a --limit pattern: terms separated by ',' or ':'; each term is "all", a site
// name, a group name or a glob (* ? [...]) over both; "!term" removes its sites, "&term" keeps only
// sites that are also in it. Sites come back in inventory order. A term that matches nothing is an
// error (a typo must not silently shrink a deployment). An empty pattern selects all sites.
Result<std::vector<Site>> selectSites(const Inventory &inventory, const QString &pattern);

// The result of reading an Ansible inventory: the sites it maps to, and one line per thing that
// has no Tenkai equivalent ("hosts.ini:7: ansible_become (group web) is not imported: ...").
struct AnsibleImport
{
    Inventory inventory;
    QStringList notMapped;
};

// Reads an Ansible inventory, INI or YAML (by extension .yml/.yaml, else by content): hosts and
// host ranges (edge[01:10], [a:f], [01:10:2]), [group], [group:vars], [group:children],
// ansible_host, ansible_port, ansible_user, ansible_ssh_private_key_file (and the old ansible_ssh_*
// names), ansible_connection=local; tenkai_root, tenkai_daemon_port and tenkai_daemon set root, daemon_port
// and daemon.
// group_vars/ and host_vars/ beside the file are read as Ansible reads them (NAME, NAME.yml,
// NAME.yaml, NAME.json, or a folder NAME/ of such files), with Ansible's precedence; a file there
// that names no group or host is listed in notMapped. ansible_become (sudo to root) matches what
// Tenkai does; a jump host in ansible_ssh_common_args / ansible_ssh_extra_args becomes proxy_jump.
// Vault-encrypted files and values of mapped variables are refused (others are listed); lists and
// maps are listed, never made labels. A file holding `ansible-inventory --list` output (JSON with
// _meta) is read as such.
Result<AnsibleImport> importAnsibleInventory(const QString &path);
// From memory: no group_vars/host_vars folders.
Result<AnsibleImport> parseAnsibleInventory(const QByteArray &text, const QString &fileName, bool yaml);
// `ansible-inventory -i INVENTORY --list` output, which Ansible has merged already.
Result<AnsibleImport> parseAnsibleInventoryList(const QByteArray &json, const QString &fileName);

// The sites as an Ansible YAML inventory (all: hosts with ansible_host, ansible_port, ansible_user,
// ansible_ssh_private_key_file, ansible_ssh_common_args for a jump host, ansible_connection=local,
// tenkai_root, tenkai_daemon_port, tenkai_daemon and the labels; children for groups), so that
// existing playbooks can target the same sites. importAnsibleInventory reads it back to the same sites.
QByteArray inventoryToAnsibleYaml(const Inventory &inventory);

} // namespace tenkai::fleet
