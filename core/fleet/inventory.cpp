#include "fleet/inventory.h"

#include "common/read_limited.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <functional>
#include <optional>
#include <yaml-cpp/yaml.h>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class InventoryText
{
    Q_DECLARE_TR_FUNCTIONS(InventoryText)
};

namespace tenkai::fleet {
namespace {

FleetError invalid(const QString &message)
{
    return FleetError{FleetErrorCode::InventoryInvalid, QString(), message};
}

QString where(const QString &file, int line)
{
    return QStringLiteral("%1:%2").arg(file.isEmpty() ? QStringLiteral("<inventory>") : file).arg(line);
}

QString where(const QString &file, const YAML::Node &node)
{
    return where(file, node.Mark().line + 1);
}

// Both inventory readers (ours and Ansible's YAML) parse the same way and say where YAML failed.
Result<YAML::Node> loadYaml(const QByteArray &text, const QString &fileName)
{
    try {
        return YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        return invalid(InventoryText::tr("%1: not valid YAML: %2.")
                           .arg(where(fileName, e.mark.line + 1), QString::fromStdString(e.msg)));
    }
}

// Names become log file names and appear in --limit patterns: no control characters, no pattern
// separators, no leading pattern operators. Shell metacharacters are fine (every use is quoted).
bool validName(const QString &name)
{
    if (name.trimmed().isEmpty() || name.startsWith(QLatin1Char('!')) || name.startsWith(QLatin1Char('&')))
        return false;
    return std::none_of(name.begin(), name.end(), [](QChar c) {
        return c.category() == QChar::Other_Control || c == QLatin1Char(',') || c == QLatin1Char(':') ||
               c == QLatin1Char('/');
    });
}

QString scalarText(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

std::optional<int> parsePort(const QString &text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return std::nullopt;
    return value;
}

std::optional<Transport> parseTransport(const QString &text)
{
    if (text == QLatin1String("ssh"))
        return Transport::Ssh;
    if (text == QLatin1String("local"))
        return Transport::Local;
    return std::nullopt;
}

QString transportName(Transport transport)
{
    return transport == Transport::Local ? QStringLiteral("local") : QStringLiteral("ssh");
}

// Fills one site field from a YAML node; an error names file:line, the site and the field.
std::optional<FleetError> setField(Site &site, const QString &key, const YAML::Node &value,
                                   const QString &file, const QString &siteName)
{
    const QString at = where(file, value);
    const QString subject =
        siteName.isEmpty() ? InventoryText::tr("defaults") : InventoryText::tr("site \"%1\"").arg(siteName);
    auto fieldError = [&](const QString &what) {
        return invalid(InventoryText::tr("%1: %2: field \"%3\" %4").arg(at, subject, key, what));
    };
    auto scalar = [&]() -> std::optional<QString> {
        if (!value.IsScalar())
            return std::nullopt;
        return scalarText(value);
    };
    if (key == QLatin1String("host") || key == QLatin1String("user") || key == QLatin1String("identity") ||
        key == QLatin1String("root") || key == QLatin1String("proxy_jump")) {
        const auto text = scalar();
        if (!text || text->isEmpty())
            return fieldError(InventoryText::tr("must be a non-empty text."));
        if (key == QLatin1String("host"))
            site.host = *text;
        else if (key == QLatin1String("user"))
            site.user = *text;
        else if (key == QLatin1String("identity"))
            site.identity = *text;
        else if (key == QLatin1String("proxy_jump"))
            site.proxyJump = *text;
        else
            site.root = *text;
        return std::nullopt;
    }
    if (key == QLatin1String("port") || key == QLatin1String("daemon_port")) {
        const auto text = scalar();
        const auto port = text ? parsePort(*text) : std::nullopt;
        if (!port)
            return fieldError(InventoryText::tr("must be a port number from 1 to 65535 (got \"%1\").")
                                  .arg(text.value_or(QStringLiteral("..."))));
        (key == QLatin1String("port") ? site.port : site.daemonPort) = *port;
        return std::nullopt;
    }
    if (key == QLatin1String("daemon")) {
        const auto text = scalar();
        const auto kind = text ? parseDaemonKind(*text) : std::nullopt;
        if (!kind)
            return fieldError(InventoryText::tr("must be binary or package (got \"%1\").")
                                  .arg(text.value_or(QStringLiteral("..."))));
        site.daemon = *kind;
        return std::nullopt;
    }
    if (key == QLatin1String("transport")) {
        const auto text = scalar();
        const auto transport = text ? parseTransport(*text) : std::nullopt;
        if (!transport)
            return fieldError(InventoryText::tr("must be ssh or local (got \"%1\").")
                                  .arg(text.value_or(QStringLiteral("..."))));
        site.transport = *transport;
        return std::nullopt;
    }
    if (key == QLatin1String("groups")) {
        if (!value.IsSequence())
            return fieldError(InventoryText::tr("must be a list of group names."));
        for (const auto &item : value) {
            const QString group = item.IsScalar() ? scalarText(item) : QString();
            if (!validName(group))
                return invalid(
                    InventoryText::tr("%1: %2: field \"groups\": \"%3\" is not a valid group name.")
                        .arg(where(file, item), subject, group));
            if (!site.groups.contains(group))
                site.groups << group;
        }
        return std::nullopt;
    }
    if (key == QLatin1String("labels")) {
        if (!value.IsMap())
            return fieldError(InventoryText::tr("must be a map of names to values."));
        for (const auto &item : value) {
            if (!item.first.IsScalar() || !item.second.IsScalar())
                return invalid(InventoryText::tr("%1: %2: field \"labels\": each label must be name: value.")
                                   .arg(where(file, item.first), subject));
            site.labels.insert(scalarText(item.first), scalarText(item.second));
        }
        return std::nullopt;
    }
    return invalid(InventoryText::tr("%1: %2: unknown field \"%3\" (known: name, host, port, user, identity, "
                                     "proxy_jump, groups, labels, root, daemon_port, daemon, transport).")
                       .arg(at, subject, key));
}

} // namespace

QString daemonKindName(DaemonKind kind)
{
    return kind == DaemonKind::Package ? QStringLiteral("package") : QStringLiteral("binary");
}

std::optional<DaemonKind> parseDaemonKind(const QString &text)
{
    if (text == QLatin1String("binary"))
        return DaemonKind::Binary;
    if (text == QLatin1String("package"))
        return DaemonKind::Package;
    return std::nullopt;
}

Site withResolvedRoot(const Site &site, const QString &baseDir)
{
    if (site.transport != Transport::Local || QDir::isAbsolutePath(site.root))
        return site;
    Site resolved = site;
    resolved.root =
        QDir::cleanPath(QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir)
                            .absoluteFilePath(site.root.isEmpty() ? QStringLiteral(".") : site.root));
    return resolved;
}

const Site *Inventory::find(const QString &name) const
{
    const auto it = std::find_if(sites.begin(), sites.end(), [&](const Site &s) { return s.name == name; });
    return it == sites.end() ? nullptr : &*it;
}

QStringList Inventory::groupNames() const
{
    QSet<QString> names;
    for (const auto &site : sites)
        for (const auto &group : site.groups)
            names.insert(group);
    for (auto it = children.begin(); it != children.end(); ++it) {
        names.insert(it.key());
        for (const auto &child : it.value())
            names.insert(child);
    }
    QStringList sorted(names.begin(), names.end());
    sorted.sort();
    return sorted;
}

QStringList Inventory::members(const QString &group) const
{
    // The group and every group below it (declared children; cycles are rejected at load).
    QSet<QString> groups{group};
    QStringList pending{group};
    while (!pending.isEmpty()) {
        for (const auto &child : children.value(pending.takeLast()))
            if (!groups.contains(child)) {
                groups.insert(child);
                pending << child;
            }
    }
    QStringList names;
    for (const auto &site : sites)
        if (std::any_of(site.groups.begin(), site.groups.end(),
                        [&](const QString &g) { return groups.contains(g); }))
            names << site.name;
    return names;
}

Result<Inventory> loadInventory(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(InventoryText::tr("Cannot read the inventory %1: %2.").arg(path, file.errorString()));
    const auto text = readAtMost(file);
    if (!text)
        return invalid(InventoryText::tr("The inventory %1 holds more than %2 MB: it is not an inventory.")
                           .arg(path)
                           .arg(kMaxTextInput >> 20));
    return parseInventory(*text, path);
}

Result<Inventory> parseInventory(const QByteArray &yaml, const QString &fileName)
{
    auto parsed = loadYaml(yaml, fileName);
    if (!parsed)
        return parsed.error();
    YAML::Node root = parsed.value();
    if (!root.IsMap())
        return invalid(InventoryText::tr("%1: an inventory is a map with \"format: tenkai-inventory\" and "
                                         "\"sites\".")
                           .arg(where(fileName, root.IsNull() ? 1 : root.Mark().line + 1)));
    Inventory inventory;
    inventory.file = fileName;
    Site defaults;
    YAML::Node sites;
    bool sawFormat = false;
    bool sawSites = false;
    for (const auto &entry : root) {
        const QString key = scalarText(entry.first);
        const YAML::Node &value = entry.second;
        if (key == QLatin1String("format")) {
            if (!value.IsScalar() || value.Scalar() != "tenkai-inventory")
                return invalid(InventoryText::tr("%1: field \"format\" must be tenkai-inventory.")
                                   .arg(where(fileName, value)));
            sawFormat = true;
        } else if (key == QLatin1String("version")) {
            if (!value.IsScalar() || value.Scalar() != "1")
                return invalid(
                    InventoryText::tr("%1: field \"version\": this Tenkai reads inventory version 1 "
                                      "(got \"%2\").")
                        .arg(where(fileName, value), value.IsScalar() ? scalarText(value) : QString()));
        } else if (key == QLatin1String("defaults")) {
            if (!value.IsMap())
                return invalid(InventoryText::tr("%1: field \"defaults\" must be a map of site fields.")
                                   .arg(where(fileName, value)));
            for (const auto &field : value) {
                const QString name = scalarText(field.first);
                if (name == QLatin1String("name"))
                    return invalid(InventoryText::tr("%1: defaults: a default name makes no sense.")
                                       .arg(where(fileName, field.first)));
                if (auto error = setField(defaults, name, field.second, fileName, QString()))
                    return *error;
            }
        } else if (key == QLatin1String("sites")) {
            if (!value.IsSequence())
                return invalid(InventoryText::tr("%1: field \"sites\" must be a list of sites.")
                                   .arg(where(fileName, value)));
            sites = value;
            sawSites = true;
        } else if (key == QLatin1String("groups")) {
            if (!value.IsMap())
                return invalid(
                    InventoryText::tr("%1: field \"groups\" must map group names to {children: [...]}.")
                        .arg(where(fileName, value)));
            for (const auto &group : value) {
                const QString name = scalarText(group.first);
                if (!validName(name))
                    return invalid(InventoryText::tr("%1: \"%2\" is not a valid group name.")
                                       .arg(where(fileName, group.first), name));
                const YAML::Node kids = group.second.IsMap() ? group.second["children"] : YAML::Node();
                if (!kids || !kids.IsSequence() || group.second.size() != 1)
                    return invalid(InventoryText::tr("%1: group \"%2\" must be {children: [group, ...]}.")
                                       .arg(where(fileName, group.second), name));
                QStringList list;
                for (const auto &kid : kids) {
                    const QString child = kid.IsScalar() ? scalarText(kid) : QString();
                    if (!validName(child))
                        return invalid(
                            InventoryText::tr("%1: group \"%2\": \"%3\" is not a valid group name.")
                                .arg(where(fileName, kid), name, child));
                    list << child;
                }
                inventory.children.insert(name, list);
            }
        } else {
            return invalid(
                InventoryText::tr("%1: unknown field \"%2\" (known: format, version, defaults, sites, "
                                  "groups).")
                    .arg(where(fileName, entry.first), key));
        }
    }
    if (!sawFormat)
        return invalid(
            InventoryText::tr("%1: field \"format: tenkai-inventory\" is missing.").arg(where(fileName, 1)));
    if (!sawSites)
        return invalid(InventoryText::tr("%1: field \"sites\" is missing.").arg(where(fileName, 1)));

    for (const auto &node : sites) {
        const QString at = where(fileName, node);
        if (!node.IsMap())
            return invalid(InventoryText::tr("%1: each site must be a map with at least \"name\".").arg(at));
        Site site = defaults;
        const YAML::Node nameNode = node["name"];
        site.name = nameNode && nameNode.IsScalar() ? scalarText(nameNode) : QString();
        if (!validName(site.name))
            return invalid(
                InventoryText::tr("%1: a site needs a \"name\": non-empty, without control characters, "
                                  "',', ':' or '/', not starting with '!' or '&' (got \"%2\").")
                    .arg(at, site.name));
        if (const Site *previous = inventory.find(site.name))
            return invalid(InventoryText::tr("%1: site \"%2\" is defined twice (first at %3).")
                               .arg(at, site.name, previous->source));
        site.source = at;
        for (const auto &field : node) {
            const QString key = scalarText(field.first);
            if (key == QLatin1String("name"))
                continue;
            if (key == QLatin1String("groups"))
                site.groups.clear(); // a site's own list replaces the default one
            if (auto error = setField(site, key, field.second, fileName, site.name))
                return *error;
        }
        if (site.host.isEmpty() && site.transport == Transport::Ssh)
            site.host = site.name;
        if (site.daemon == DaemonKind::Package && site.transport == Transport::Local)
            return invalid(InventoryText::tr("%1: site \"%2\": daemon: package needs an ssh site (a local "
                                             "site runs the console's own tenkaid).")
                               .arg(at, site.name));
        inventory.sites.push_back(site);
    }

    // Group children must not form a cycle (members() would still end, but the intent is lost).
    for (auto it = inventory.children.begin(); it != inventory.children.end(); ++it) {
        QSet<QString> seen;
        QStringList pending = it.value();
        while (!pending.isEmpty()) {
            const QString group = pending.takeLast();
            if (group == it.key())
                return invalid(InventoryText::tr("%1: group \"%2\" contains itself through its children.")
                                   .arg(fileName, it.key()));
            if (!seen.contains(group)) {
                seen.insert(group);
                pending << inventory.children.value(group);
            }
        }
    }
    return inventory;
}

QByteArray inventoryToYaml(const Inventory &inventory)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << "tenkai-inventory";
    out << YAML::Key << "version" << YAML::Value << 1;
    out << YAML::Key << "sites" << YAML::Value << YAML::BeginSeq;
    const Site plain;
    for (const Site &site : inventory.sites) {
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << site.name.toStdString();
        if (!site.host.isEmpty())
            out << YAML::Key << "host" << YAML::Value << site.host.toStdString();
        if (site.port)
            out << YAML::Key << "port" << YAML::Value << site.port;
        if (!site.user.isEmpty())
            out << YAML::Key << "user" << YAML::Value << site.user.toStdString();
        if (!site.identity.isEmpty())
            out << YAML::Key << "identity" << YAML::Value << site.identity.toStdString();
        if (!site.proxyJump.isEmpty())
            out << YAML::Key << "proxy_jump" << YAML::Value << site.proxyJump.toStdString();
        if (!site.groups.isEmpty()) {
            out << YAML::Key << "groups" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const auto &group : site.groups)
                out << group.toStdString();
            out << YAML::EndSeq;
        }
        if (!site.labels.isEmpty()) {
            out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
            for (auto it = site.labels.begin(); it != site.labels.end(); ++it)
                out << YAML::Key << it.key().toStdString() << YAML::Value << it.value().toStdString();
            out << YAML::EndMap;
        }
        if (site.root != plain.root)
            out << YAML::Key << "root" << YAML::Value << site.root.toStdString();
        if (site.daemonPort)
            out << YAML::Key << "daemon_port" << YAML::Value << site.daemonPort;
        if (site.daemon != plain.daemon)
            out << YAML::Key << "daemon" << YAML::Value << daemonKindName(site.daemon).toStdString();
        if (site.transport != plain.transport)
            out << YAML::Key << "transport" << YAML::Value << transportName(site.transport).toStdString();
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    if (!inventory.children.isEmpty()) {
        out << YAML::Key << "groups" << YAML::Value << YAML::BeginMap;
        for (auto it = inventory.children.begin(); it != inventory.children.end(); ++it) {
            out << YAML::Key << it.key().toStdString() << YAML::Value << YAML::BeginMap;
            out << YAML::Key << "children" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const auto &child : it.value())
                out << child.toStdString();
            out << YAML::EndSeq << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

QByteArray inventoryToAnsibleYaml(const Inventory &inventory)
{
    YAML::Emitter out;
    const Site plain;
    const auto text = [](const QString &value) {
        return value.toStdString();
    };
    out << YAML::Comment("Written by tenkai-cli export-inventory from " + text(inventory.file));
    out << YAML::BeginMap << YAML::Key << "all" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "hosts" << YAML::Value << YAML::BeginMap;
    QMap<QString, QStringList> groupHosts;
    for (const Site &site : inventory.sites) {
        out << YAML::Key << text(site.name) << YAML::Value << YAML::BeginMap;
        if (site.transport == Transport::Local) {
            out << YAML::Key << "ansible_connection" << YAML::Value << "local";
        } else {
            if (!site.host.isEmpty() && site.host != site.name)
                out << YAML::Key << "ansible_host" << YAML::Value << text(site.host);
            if (site.port)
                out << YAML::Key << "ansible_port" << YAML::Value << site.port;
            if (!site.user.isEmpty())
                out << YAML::Key << "ansible_user" << YAML::Value << text(site.user);
            if (!site.identity.isEmpty())
                out << YAML::Key << "ansible_ssh_private_key_file" << YAML::Value << text(site.identity);
            if (!site.proxyJump.isEmpty())
                out << YAML::Key << "ansible_ssh_common_args" << YAML::Value
                    << text(QStringLiteral("-o ProxyJump=") + site.proxyJump);
        }
        if (site.root != plain.root)
            out << YAML::Key << "tenkai_root" << YAML::Value << text(site.root);
        if (site.daemonPort)
            out << YAML::Key << "tenkai_daemon_port" << YAML::Value << site.daemonPort;
        if (site.daemon != plain.daemon)
            out << YAML::Key << "tenkai_daemon" << YAML::Value << text(daemonKindName(site.daemon));
        for (auto it = site.labels.begin(); it != site.labels.end(); ++it)
            out << YAML::Key << text(it.key()) << YAML::Value << YAML::DoubleQuoted << text(it.value());
        out << YAML::EndMap;
        for (const QString &group : site.groups)
            groupHosts[group] << site.name;
    }
    out << YAML::EndMap;
    QStringList groups = groupHosts.keys();
    for (auto it = inventory.children.begin(); it != inventory.children.end(); ++it)
        if (!groups.contains(it.key()))
            groups << it.key();
    if (!groups.isEmpty()) {
        out << YAML::Key << "children" << YAML::Value << YAML::BeginMap;
        for (const QString &group : groups) {
            out << YAML::Key << text(group) << YAML::Value << YAML::BeginMap;
            if (groupHosts.contains(group)) {
                out << YAML::Key << "hosts" << YAML::Value << YAML::BeginMap;
                for (const QString &host : groupHosts.value(group))
                    out << YAML::Key << text(host) << YAML::Value << YAML::Null;
                out << YAML::EndMap;
            }
            if (inventory.children.contains(group)) {
                out << YAML::Key << "children" << YAML::Value << YAML::BeginMap;
                for (const QString &child : inventory.children.value(group))
                    out << YAML::Key << text(child) << YAML::Value << YAML::Null;
                out << YAML::EndMap;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

// --- --limit ------------------------------------------------------------------------------------

Result<std::vector<Site>> selectSites(const Inventory &inventory, const QString &pattern)
{
    const QStringList terms = pattern.split(QRegularExpression(QStringLiteral("[,:]")), Qt::SkipEmptyParts);
    const QStringList groups = inventory.groupNames();
    auto matching = [&](const QString &term) -> std::optional<QSet<QString>> {
        QSet<QString> names;
        if (term == QLatin1String("all") || term == QLatin1String("*")) {
            for (const auto &site : inventory.sites)
                names.insert(site.name);
            return names;
        }
        const bool glob = term.contains(QLatin1Char('*')) || term.contains(QLatin1Char('?')) ||
                          term.contains(QLatin1Char('['));
        const QRegularExpression expression(
            glob ? QRegularExpression::wildcardToRegularExpression(term)
                 : QRegularExpression::anchoredPattern(QRegularExpression::escape(term)));
        bool matched = false;
        for (const auto &site : inventory.sites)
            if (expression.match(site.name).hasMatch()) {
                names.insert(site.name);
                matched = true;
            }
        for (const auto &group : groups)
            if (expression.match(group).hasMatch()) {
                matched = true;
                for (const auto &name : inventory.members(group))
                    names.insert(name);
            }
        if (!matched)
            return std::nullopt;
        return names;
    };

    QSet<QString> selected;
    bool anyPositive = false;
    std::vector<QSet<QString>> removals, intersections;
    for (QString term : terms) {
        term = term.trimmed();
        const QChar op = term.isEmpty() ? QChar() : term.front();
        const bool exclude = op == QLatin1Char('!');
        const bool intersect = op == QLatin1Char('&');
        if (exclude || intersect)
            term.remove(0, 1);
        const auto names = matching(term);
        if (!names)
            return invalid(InventoryText::tr("--limit: \"%1\" matches no site or group of %2.")
                               .arg(term, inventory.file.isEmpty() ? InventoryText::tr("the inventory")
                                                                   : inventory.file));
        if (exclude)
            removals.push_back(*names);
        else if (intersect)
            intersections.push_back(*names);
        else {
            anyPositive = true;
            selected.unite(*names);
        }
    }
    if (!anyPositive)
        for (const auto &site : inventory.sites)
            selected.insert(site.name);
    for (const auto &names : intersections)
        selected.intersect(names);
    for (const auto &names : removals)
        selected.subtract(names);
    std::vector<Site> result;
    for (const auto &site : inventory.sites)
        if (selected.contains(site.name))
            result.push_back(site);
    return result;
}

// --- Ansible import -----------------------------------------------------------------------------

namespace {

// The most hosts one import makes: a range or a file beyond it is refused before it is expanded.
constexpr qint64 kMaxHosts = 10000;

// Expands Ansible host ranges: "edge[01:03]" -> edge01 edge02 edge03; "[a:c]"; "[0:10:5]". Every
// count is worked out in 64 bits and checked against kMaxHosts before a name is made.
Result<QStringList> expandHostPattern(const QString &pattern, const QString &at)
{
    const qsizetype open = pattern.indexOf(QLatin1Char('['));
    if (open < 0)
        return QStringList{pattern};
    const qsizetype close = pattern.indexOf(QLatin1Char(']'), open);
    const QString prefix = pattern.left(open);
    const QStringList parts =
        close < 0 ? QStringList() : pattern.mid(open + 1, close - open - 1).split(QLatin1Char(':'));
    auto bad = [&] {
        return invalid(InventoryText::tr("%1: host range \"%2\" is not start:end or start:end:step "
                                         "(numbers or single letters).")
                           .arg(at, pattern));
    };
    if (parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return bad();
    int step = 1;
    if (parts.size() == 3) {
        bool ok = false;
        step = parts[2].toInt(&ok);
        if (!ok || step < 1)
            return bad();
    }
    auto rest = expandHostPattern(pattern.mid(close + 1), at);
    if (!rest)
        return rest.error();
    const auto tooMany = [&](qint64 count) {
        return invalid(
            InventoryText::tr("%1: host range \"%2\" makes %3 hosts; an inventory holds at most %4.")
                .arg(at, pattern)
                .arg(count)
                .arg(kMaxHosts));
    };
    QStringList middles;
    bool startNumber = false, endNumber = false;
    const qint64 start = parts[0].toLongLong(&startNumber);
    const qint64 end = parts[1].toLongLong(&endNumber);
    if (startNumber && endNumber) {
        if (start < 0 || end < start || end > 999999999)
            return bad();
        const qint64 count = (end - start) / step + 1;
        if (count * qint64(rest.value().size()) > kMaxHosts)
            return tooMany(count * qint64(rest.value().size()));
        // A leading zero means a fixed width (Ansible: edge[01:10] -> edge01 ... edge10).
        const int width = parts[0].startsWith(QLatin1Char('0')) ? int(parts[0].size()) : 0;
        for (qint64 i = start; i <= end; i += step)
            middles << QStringLiteral("%1").arg(i, width, 10, QLatin1Char('0'));
    } else if (parts[0].size() == 1 && parts[1].size() == 1 && parts[0][0].isLetter() &&
               parts[1][0].isLetter() && parts[0] <= parts[1]) {
        for (int c = parts[0][0].unicode(); c <= parts[1][0].unicode(); c += step)
            middles << QString(QChar(char16_t(c)));
        if (qint64(middles.size()) * qint64(rest.value().size()) > kMaxHosts)
            return tooMany(qint64(middles.size()) * qint64(rest.value().size()));
    } else {
        return bad();
    }
    QStringList names;
    names.reserve(middles.size() * rest.value().size());
    for (const auto &middle : middles)
        for (const auto &tail : rest.value())
            names << prefix + middle + tail;
    return names;
}

// Splits "name a=1 b='x y'" into words, honouring single and double quotes.
QStringList splitWords(const QString &line)
{
    QStringList words;
    QString word;
    QChar quote;
    bool inWord = false;
    for (const QChar c : line) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

struct Variable
{
    QString value;
    QString at;           // file:line where it was set
    bool complex = false; // a list or a map (value holds no text then)
    bool vaulted = false; // encrypted with ansible-vault (!vault)
};

// A YAML variable value as an inventory or a group_vars file holds it.
Variable yamlVariable(const YAML::Node &node, const QString &at)
{
    Variable v{QString(), at};
    if (node.Tag() == "!vault")
        v.vaulted = true;
    else if (node.IsScalar())
        v.value = QString::fromStdString(node.Scalar());
    else if (!node.IsNull())
        v.complex = true;
    return v;
}
using Variables = QMap<QString, Variable>;

struct AnsibleModel
{
    QStringList hostOrder;
    QSet<QString> hosts; // hostOrder's names, for a constant-time look-up
    QMap<QString, Variables> hostVars;
    QMap<QString, QStringList> hostGroups; // host -> groups it is listed in directly
    QMap<QString, Variables> groupVars;    // includes "all"
    QMap<QString, QStringList> groupChildren;
    QMap<QString, QString> groupAt;
    // group_vars/ and host_vars/ beside the inventory (they override the inventory file's own).
    QMap<QString, Variables> groupFileVars;
    QMap<QString, Variables> hostFileVars;
    QStringList notes; // what of those folders was not read, one line each

    void addHost(const QString &host, const QString &group)
    {
        if (!hosts.contains(host)) {
            hosts.insert(host);
            hostOrder << host;
        }
        hostVars[host];
        if (!group.isEmpty() && group != QLatin1String("all") && group != QLatin1String("ungrouped") &&
            !hostGroups[host].contains(group))
            hostGroups[host] << group;
    }
};

Result<AnsibleModel> parseIni(const QByteArray &text, const QString &fileName)
{
    AnsibleModel model;
    enum class Section
    {
        Hosts,
        Vars,
        Children
    } section = Section::Hosts;
    QString group = QStringLiteral("ungrouped");
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString at = where(fileName, i + 1);
        const QString line = QString::fromUtf8(lines[i]).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return invalid(
                    InventoryText::tr("%1: section header \"%2\" does not end with ']'.").arg(at, line));
            const QString header = line.mid(1, line.size() - 2).trimmed();
            const qsizetype colon = header.indexOf(QLatin1Char(':'));
            group = colon < 0 ? header : header.left(colon);
            const QString kind = colon < 0 ? QString() : header.mid(colon + 1);
            if (kind.isEmpty())
                section = Section::Hosts;
            else if (kind == QLatin1String("vars"))
                section = Section::Vars;
            else if (kind == QLatin1String("children"))
                section = Section::Children;
            else
                return invalid(
                    InventoryText::tr("%1: unknown section kind \":%2\" (known: :vars, :children).")
                        .arg(at, kind));
            if (!validName(group))
                return invalid(InventoryText::tr("%1: \"%2\" is not a valid group name.").arg(at, group));
            if (!model.groupAt.contains(group))
                model.groupAt.insert(group, at);
            model.groupVars[group];
            continue;
        }
        if (section == Section::Children) {
            if (!validName(line))
                return invalid(InventoryText::tr("%1: \"%2\" is not a valid group name.").arg(at, line));
            model.groupChildren[group] << line;
            if (!model.groupAt.contains(line))
                model.groupAt.insert(line, at);
            model.groupVars[line];
            continue;
        }
        if (section == Section::Vars) {
            const qsizetype equals = line.indexOf(QLatin1Char('='));
            if (equals <= 0)
                return invalid(InventoryText::tr("%1: expected name=value in [%2:vars], got \"%3\".")
                                   .arg(at, group, line));
            const QStringList value = splitWords(line.mid(equals + 1).trimmed());
            model.groupVars[group].insert(line.left(equals).trimmed(),
                                          Variable{value.join(QLatin1Char(' ')), at});
            continue;
        }
        const QStringList words = splitWords(line);
        auto hosts = expandHostPattern(words.front(), at);
        if (!hosts)
            return hosts.error();
        Variables vars;
        for (const auto &word : words.mid(1)) {
            const qsizetype equals = word.indexOf(QLatin1Char('='));
            if (equals <= 0)
                return invalid(
                    InventoryText::tr("%1: expected name=value after the host, got \"%2\".").arg(at, word));
            vars.insert(word.left(equals), Variable{word.mid(equals + 1), at});
        }
        for (const auto &host : hosts.value()) {
            if (!validName(host))
                return invalid(
                    InventoryText::tr("%1: \"%2\" is not a valid host name for a site.").arg(at, host));
            model.addHost(host, group);
            for (auto it = vars.begin(); it != vars.end(); ++it)
                model.hostVars[host].insert(it.key(), it.value());
        }
        if (qint64(model.hosts.size()) > kMaxHosts)
            return invalid(
                InventoryText::tr("%1: the inventory lists more than %2 hosts.").arg(at).arg(kMaxHosts));
    }
    return model;
}

QString yamlScalar(const YAML::Node &node)
{
    return node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

std::optional<FleetError> readYamlGroup(AnsibleModel &model, const QString &group, const YAML::Node &node,
                                        const QString &fileName)
{
    const QString at = where(fileName, node);
    if (!validName(group))
        return invalid(InventoryText::tr("%1: \"%2\" is not a valid group name.").arg(at, group));
    if (!model.groupAt.contains(group))
        model.groupAt.insert(group, at);
    model.groupVars[group];
    if (node.IsNull())
        return std::nullopt;
    if (!node.IsMap())
        return invalid(
            InventoryText::tr("%1: group \"%2\" must be a map of hosts, vars and children.").arg(at, group));
    for (const auto &entry : node) {
        const QString key = yamlScalar(entry.first);
        const YAML::Node &value = entry.second;
        const QString valueAt = where(fileName, entry.first);
        if (key == QLatin1String("hosts")) {
            if (value.IsNull())
                continue;
            if (!value.IsMap())
                return invalid(
                    InventoryText::tr("%1: \"hosts\" of group \"%2\" must be a map.").arg(valueAt, group));
            for (const auto &host : value) {
                const QString hostAt = where(fileName, host.first);
                auto names = expandHostPattern(yamlScalar(host.first), hostAt);
                if (!names)
                    return names.error();
                Variables vars;
                if (host.second.IsMap()) {
                    for (const auto &var : host.second)
                        vars.insert(yamlScalar(var.first),
                                    yamlVariable(var.second, where(fileName, var.first)));
                } else if (!host.second.IsNull()) {
                    return invalid(InventoryText::tr("%1: host \"%2\" must map to its variables or nothing.")
                                       .arg(hostAt, yamlScalar(host.first)));
                }
                for (const auto &name : names.value()) {
                    if (!validName(name))
                        return invalid(InventoryText::tr("%1: \"%2\" is not a valid host name for a site.")
                                           .arg(hostAt, name));
                    model.addHost(name, group);
                    for (auto it = vars.begin(); it != vars.end(); ++it)
                        model.hostVars[name].insert(it.key(), it.value());
                }
                if (qint64(model.hosts.size()) > kMaxHosts)
                    return invalid(InventoryText::tr("%1: the inventory lists more than %2 hosts.")
                                       .arg(hostAt)
                                       .arg(kMaxHosts));
            }
        } else if (key == QLatin1String("vars")) {
            if (value.IsNull())
                continue;
            if (!value.IsMap())
                return invalid(
                    InventoryText::tr("%1: \"vars\" of group \"%2\" must be a map.").arg(valueAt, group));
            for (const auto &var : value)
                model.groupVars[group].insert(yamlScalar(var.first),
                                              yamlVariable(var.second, where(fileName, var.first)));
        } else if (key == QLatin1String("children")) {
            if (value.IsNull())
                continue;
            if (!value.IsMap())
                return invalid(
                    InventoryText::tr("%1: \"children\" of group \"%2\" must be a map.").arg(valueAt, group));
            for (const auto &child : value) {
                const QString name = yamlScalar(child.first);
                if (!model.groupChildren[group].contains(name))
                    model.groupChildren[group] << name;
                if (auto error = readYamlGroup(model, name, child.second, fileName))
                    return error;
            }
        } else {
            return invalid(
                InventoryText::tr("%1: group \"%2\": unknown key \"%3\" (known: hosts, vars, children).")
                    .arg(valueAt, group, key));
        }
    }
    return std::nullopt;
}

Result<AnsibleModel> parseAnsibleYaml(const QByteArray &text, const QString &fileName)
{
    auto parsed = loadYaml(text, fileName);
    if (!parsed)
        return parsed.error();
    YAML::Node root = parsed.value();
    if (!root.IsMap())
        return invalid(
            InventoryText::tr("%1: an Ansible YAML inventory is a map of groups (usually \"all\").")
                .arg(where(fileName, 1)));
    AnsibleModel model;
    for (const auto &group : root)
        if (auto error = readYamlGroup(model, yamlScalar(group.first), group.second, fileName))
            return *error;
    return model;
}

// The variables of group_vars/NAME or host_vars/NAME, read as Ansible's host_group_vars plugin
// reads them: NAME, NAME.yml, NAME.yaml, NAME.json, and every such file in a folder NAME/ (sorted,
// recursively). A vault-encrypted file cannot be read and is an error.
std::optional<FleetError> readVarsFor(const QString &dir, const QString &name, Variables &into,
                                      QStringList &notes)
{
    static const QStringList extensions{QString(), QStringLiteral(".yml"), QStringLiteral(".yaml"),
                                        QStringLiteral(".json")};
    QStringList files;
    for (const QString &extension : extensions)
        if (QFileInfo(dir + QLatin1Char('/') + name + extension).isFile())
            files << dir + QLatin1Char('/') + name + extension;
    if (QFileInfo(dir + QLatin1Char('/') + name).isDir()) {
        QStringList inside;
        QDirIterator it(dir + QLatin1Char('/') + name, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString suffix = QFileInfo(file).suffix().toLower();
            if (QFileInfo(file).fileName().startsWith(QLatin1Char('.')))
                continue;
            if (QFileInfo(file).completeSuffix().isEmpty() || suffix == QLatin1String("yml") ||
                suffix == QLatin1String("yaml") || suffix == QLatin1String("json"))
                inside << file;
            else
                notes << InventoryText::tr("%1: not read (Ansible reads .yml, .yaml, .json and files without "
                                           "an extension there).")
                             .arg(file);
        }
        std::sort(inside.begin(), inside.end());
        files << inside;
    }
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return invalid(InventoryText::tr("Cannot read %1: %2.").arg(path, file.errorString()));
        const auto text = readAtMost(file);
        if (!text)
            return invalid(InventoryText::tr("%1 holds more than %2 MB: it is not a variables file.")
                               .arg(path)
                               .arg(kMaxTextInput >> 20));
        if (text->startsWith("$ANSIBLE_VAULT;"))
            return invalid(
                InventoryText::tr("%1 is encrypted with ansible-vault, which Tenkai does not read. Import "
                                  "what Ansible itself reads instead: tenkai-cli import-inventory "
                                  "--with-ansible INVENTORY (ansible-inventory decrypts it with your vault "
                                  "password).")
                    .arg(path));
        auto parsed = loadYaml(*text, path);
        if (!parsed)
            return parsed.error();
        const YAML::Node root = parsed.value();
        if (root.IsNull())
            continue;
        if (!root.IsMap())
            return invalid(InventoryText::tr("%1: a variables file is a map of names to values.")
                               .arg(where(path, root)));
        for (const auto &entry : root)
            into.insert(yamlScalar(entry.first), yamlVariable(entry.second, where(path, entry.first)));
    }
    return std::nullopt;
}

// Reads group_vars/ and host_vars/ beside the inventory for its groups and hosts, and notes the
// files there that name no group or host of it (Ansible ignores them too).
std::optional<FleetError> readVarsFolders(AnsibleModel &model, const QString &inventoryDir)
{
    QSet<QString> groups{QStringLiteral("all")};
    for (auto it = model.groupVars.begin(); it != model.groupVars.end(); ++it)
        groups.insert(it.key());
    for (const auto &[folder, names, vars] :
         {std::tuple{QStringLiteral("group_vars"), groups, &model.groupFileVars},
          std::tuple{QStringLiteral("host_vars"), model.hosts, &model.hostFileVars}}) {
        const QString dir = inventoryDir + QLatin1Char('/') + folder;
        if (!QFileInfo(dir).isDir())
            continue;
        for (const QString &name : names)
            if (auto error = readVarsFor(dir, name, (*vars)[name], model.notes))
                return error;
        for (const QFileInfo &entry :
             QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString base = entry.isDir() ? entry.fileName() : entry.completeBaseName();
            if (!names.contains(base) && !names.contains(entry.fileName()))
                model.notes << InventoryText::tr(
                                   "%1: names no %2 of the inventory, so it is not read (as Ansible "
                                   "does).")
                                   .arg(entry.filePath(), folder == QLatin1String("group_vars")
                                                              ? InventoryText::tr("group")
                                                              : InventoryText::tr("host"));
        }
    }
    return std::nullopt;
}

// `ansible-inventory --list` output: groups with their hosts and children, every host's
// variables (already merged by Ansible) under _meta.hostvars.
Result<AnsibleModel> parseInventoryList(const QByteArray &text, const QString &fileName)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (!document.isObject())
        return invalid(InventoryText::tr("%1: not the JSON that ansible-inventory --list prints (%2).")
                           .arg(fileName, error.errorString()));
    const QJsonObject root = document.object();
    const QJsonObject hostvars =
        root.value(QStringLiteral("_meta")).toObject().value(QStringLiteral("hostvars")).toObject();
    AnsibleModel model;
    const auto text_ = [](const QJsonValue &v, const QString &at) {
        Variable out{QString(), at};
        if (v.isString())
            out.value = v.toString();
        else if (v.isBool())
            out.value = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (v.isDouble())
            out.value = QString::number(v.toDouble(), 'g', 17);
        else if (v.isObject() && v.toObject().contains(QStringLiteral("__ansible_vault")))
            out.vaulted = true;
        else if (!v.isNull())
            out.complex = true;
        return out;
    };
    // Groups from "all" down, in the order Ansible lists them (a JSON object's keys carry none).
    QStringList pending{QStringLiteral("all")};
    QSet<QString> seen;
    while (!pending.isEmpty()) {
        const QString group = pending.takeFirst();
        if (seen.contains(group))
            continue;
        seen.insert(group);
        const QJsonObject entry = root.value(group).toObject();
        if (!validName(group))
            return invalid(InventoryText::tr("%1: \"%2\" is not a valid group name.").arg(fileName, group));
        model.groupVars[group];
        model.groupAt.insert(group, fileName);
        for (const QJsonValue &host : entry.value(QStringLiteral("hosts")).toArray()) {
            const QString name = host.toString();
            if (!validName(name))
                return invalid(
                    InventoryText::tr("%1: \"%2\" is not a valid host name for a site.").arg(fileName, name));
            const bool fresh = !model.hosts.contains(name);
            model.addHost(name, group);
            if (fresh) {
                const QJsonObject vars = hostvars.value(name).toObject();
                const QString at = InventoryText::tr("%1 (host %2)").arg(fileName, name);
                for (auto it = vars.begin(); it != vars.end(); ++it)
                    model.hostVars[name].insert(it.key(), text_(it.value(), at));
            }
            if (qint64(model.hosts.size()) > kMaxHosts)
                return invalid(InventoryText::tr("%1: the inventory lists more than %2 hosts.")
                                   .arg(fileName)
                                   .arg(kMaxHosts));
        }
        const QJsonObject groupVars = entry.value(QStringLiteral("vars")).toObject();
        for (auto it = groupVars.begin(); it != groupVars.end(); ++it)
            model.groupVars[group].insert(
                it.key(), text_(it.value(), InventoryText::tr("%1 (group %2)").arg(fileName, group)));
        for (const QJsonValue &child : entry.value(QStringLiteral("children")).toArray()) {
            if (!model.groupChildren[group].contains(child.toString()))
                model.groupChildren[group] << child.toString();
            pending << child.toString();
        }
    }
    return model;
}

Result<AnsibleImport> mapAnsibleModel(AnsibleModel &model, const QString &fileName);

} // namespace

Result<AnsibleImport> parseAnsibleInventory(const QByteArray &text, const QString &fileName, bool yaml)
{
    auto parsed = yaml ? parseAnsibleYaml(text, fileName) : parseIni(text, fileName);
    if (!parsed)
        return parsed.error();
    return mapAnsibleModel(parsed.value(), fileName);
}

Result<AnsibleImport> parseAnsibleInventoryList(const QByteArray &json, const QString &fileName)
{
    auto parsed = parseInventoryList(json, fileName);
    if (!parsed)
        return parsed.error();
    return mapAnsibleModel(parsed.value(), fileName);
}

namespace {

bool isTrue(const QString &value)
{
    const QString v = value.toLower();
    return v == QLatin1String("yes") || v == QLatin1String("true") || v == QLatin1String("1") ||
           v == QLatin1String("on") || v == QLatin1String("y");
}

// The jump hosts of ssh arguments (-J HOPS, -o ProxyJump=HOPS, -o ProxyCommand="ssh -W %h:%p HOST",
// with its -p and -l), and in `rest` every argument that says something else.
QString proxyJumpFromSshArguments(const QStringList &words, QStringList &rest)
{
    QString jump;
    const auto fromProxyCommand = [](const QString &command) -> QString {
        const QStringList w = splitWords(command);
        if (w.isEmpty() ||
            (w.front() != QLatin1String("ssh") && !w.front().endsWith(QLatin1String("/ssh"))) ||
            !w.contains(QLatin1String("-W")))
            return {};
        QString host, user, port;
        for (qsizetype i = 1; i < w.size(); ++i) {
            const QString &a = w[i];
            if ((a == QLatin1String("-W") || a == QLatin1String("-p") || a == QLatin1String("-l") ||
                 a == QLatin1String("-o") || a == QLatin1String("-i") || a == QLatin1String("-F")) &&
                i + 1 < w.size()) {
                if (a == QLatin1String("-p"))
                    port = w[i + 1];
                else if (a == QLatin1String("-l"))
                    user = w[i + 1];
                else if (a != QLatin1String("-W"))
                    return {}; // options for the jump that a ProxyJump cannot carry
                ++i;
            } else if (a == QLatin1String("-q") || a == QLatin1String("-T") || a == QLatin1String("-N")) {
                continue;
            } else if (a.startsWith(QLatin1Char('-')) || !host.isEmpty()) {
                return {};
            } else {
                host = a;
            }
        }
        if (host.isEmpty())
            return {};
        return (user.isEmpty() ? QString() : user + QLatin1Char('@')) + host +
               (port.isEmpty() ? QString() : QLatin1Char(':') + port);
    };
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words[i];
        QString option;
        if (word == QLatin1String("-o") && i + 1 < words.size())
            option = words[++i];
        else if (word.startsWith(QLatin1String("-o")) && word.size() > 2)
            option = word.mid(2);
        if (word == QLatin1String("-J") && i + 1 < words.size()) {
            jump = words[++i];
            continue;
        }
        const qsizetype equals = option.indexOf(QLatin1Char('='));
        const QString name = option.left(equals).trimmed().toLower();
        const QString value = equals < 0 ? QString() : option.mid(equals + 1).trimmed();
        if (name == QLatin1String("proxyjump") && !value.isEmpty()) {
            jump = value;
            continue;
        }
        if (name == QLatin1String("proxycommand")) {
            if (const QString hop = fromProxyCommand(value); !hop.isEmpty()) {
                jump = hop;
                continue;
            }
        }
        rest << (option.isEmpty() ? word : QStringLiteral("-o ") + option);
    }
    return jump;
}

Result<AnsibleImport> mapAnsibleModel(AnsibleModel &model, const QString &fileName)
{
    // Group depth: variables of a child group override its parents' (Ansible's precedence), and
    // "all" comes first.
    QMap<QString, QStringList> parents;
    for (auto it = model.groupChildren.begin(); it != model.groupChildren.end(); ++it)
        for (const auto &child : it.value())
            parents[child] << it.key();
    std::function<int(const QString &, int)> depth = [&](const QString &group, int guard) -> int {
        if (guard > 64)
            return 0;
        int d = 0;
        for (const auto &parent : parents.value(group))
            d = std::max(d, depth(parent, guard + 1) + 1);
        return d;
    };
    for (auto it = model.groupChildren.begin(); it != model.groupChildren.end(); ++it) {
        QSet<QString> seen;
        QStringList pending = it.value();
        while (!pending.isEmpty()) {
            const QString group = pending.takeLast();
            if (group == it.key())
                return invalid(InventoryText::tr("%1: group \"%2\" contains itself through its children.")
                                   .arg(model.groupAt.value(group, fileName), group));
            if (!seen.contains(group)) {
                seen.insert(group);
                pending << model.groupChildren.value(group);
            }
        }
    }

    AnsibleImport result;
    result.inventory.file = fileName;
    result.notMapped = model.notes;
    for (auto it = model.groupChildren.begin(); it != model.groupChildren.end(); ++it)
        if (it.key() != QLatin1String("all") && it.key() != QLatin1String("ungrouped"))
            result.inventory.children.insert(it.key(), it.value());

    // Every group a host is in, directly or as a descendant, for variable lookup.
    auto groupsOf = [&](const QString &host) {
        QStringList all{QStringLiteral("all")};
        QStringList pending = model.hostGroups.value(host);
        while (!pending.isEmpty()) {
            const QString group = pending.takeFirst();
            if (all.contains(group))
                continue;
            all << group;
            pending << parents.value(group);
        }
        std::stable_sort(all.begin(), all.end(), [&](const QString &a, const QString &b) {
            if (a == QLatin1String("all") || b == QLatin1String("all"))
                return a == QLatin1String("all") && b != QLatin1String("all");
            const int da = depth(a, 0), db = depth(b, 0);
            return da != db ? da < db : a < b;
        });
        return all;
    };

    QSet<QString> reported; // "variable@file:line": each unmapped setting is reported once
    for (const QString &host : model.hostOrder) {
        // Ansible's precedence: the inventory file's group variables ("all" first, then by depth),
        // group_vars/ files in the same order, the inventory file's host variables, host_vars/.
        Variables vars;
        const auto merge = [&](const Variables &more) {
            for (auto it = more.begin(); it != more.end(); ++it)
                vars.insert(it.key(), it.value());
        };
        const QStringList groups = groupsOf(host);
        for (const auto &group : groups)
            merge(model.groupVars.value(group));
        for (const auto &group : groups)
            merge(model.groupFileVars.value(group));
        merge(model.hostVars.value(host));
        merge(model.hostFileVars.value(host));

        Site site;
        site.name = host;
        site.host = host;
        site.groups = model.hostGroups.value(host);
        site.source = model.hostVars.value(host).isEmpty() ? fileName : model.hostVars.value(host).first().at;
        for (auto it = vars.begin(); it != vars.end(); ++it) {
            const QString &key = it.key();
            const QString &value = it.value().value;
            const QString &at = it.value().at;
            auto report = [&](const QString &why) {
                const QString id = key + QLatin1Char('@') + at;
                if (!reported.contains(id)) {
                    reported.insert(id);
                    result.notMapped << InventoryText::tr("%1: %2 is not imported: %3").arg(at, key, why);
                }
            };
            static const QSet<QString> mapped{QStringLiteral("ansible_host"),
                                              QStringLiteral("ansible_ssh_host"),
                                              QStringLiteral("ansible_port"),
                                              QStringLiteral("ansible_ssh_port"),
                                              QStringLiteral("tenkai_daemon_port"),
                                              QStringLiteral("ansible_user"),
                                              QStringLiteral("ansible_ssh_user"),
                                              QStringLiteral("ansible_ssh_private_key_file"),
                                              QStringLiteral("ansible_private_key_file"),
                                              QStringLiteral("tenkai_root"),
                                              QStringLiteral("tenkai_daemon"),
                                              QStringLiteral("ansible_connection"),
                                              QStringLiteral("ansible_ssh_common_args"),
                                              QStringLiteral("ansible_ssh_extra_args")};
            if (it.value().vaulted) {
                if (mapped.contains(key))
                    return invalid(
                        InventoryText::tr("%1: %2 (host %3) is encrypted with ansible-vault, which Tenkai "
                                          "does not read. Import what Ansible reads instead: tenkai-cli "
                                          "import-inventory --with-ansible INVENTORY.")
                            .arg(at, key, host));
                report(InventoryText::tr("it is encrypted with ansible-vault, which Tenkai does not read."));
                continue;
            }
            if (it.value().complex) {
                if (mapped.contains(key))
                    return invalid(
                        InventoryText::tr("%1: %2 (host %3) must be a single value, not a list or a map.")
                            .arg(at, key, host));
                report(InventoryText::tr("it is a list or a map; a site's labels hold text only."));
                continue;
            }
            if (key == QLatin1String("ansible_host") || key == QLatin1String("ansible_ssh_host")) {
                site.host = value;
            } else if (key == QLatin1String("ansible_port") || key == QLatin1String("ansible_ssh_port") ||
                       key == QLatin1String("tenkai_daemon_port")) {
                const auto port = parsePort(value);
                if (!port)
                    return invalid(
                        InventoryText::tr("%1: %2 must be a port number from 1 to 65535 (got \"%3\").")
                            .arg(at, key, value));
                (key == QLatin1String("tenkai_daemon_port") ? site.daemonPort : site.port) = *port;
            } else if (key == QLatin1String("ansible_user") || key == QLatin1String("ansible_ssh_user")) {
                site.user = value;
            } else if (key == QLatin1String("ansible_ssh_private_key_file") ||
                       key == QLatin1String("ansible_private_key_file")) {
                site.identity = value;
            } else if (key == QLatin1String("tenkai_root")) {
                site.root = value;
            } else if (key == QLatin1String("tenkai_daemon")) {
                const auto kind = parseDaemonKind(value);
                if (!kind)
                    return invalid(InventoryText::tr("%1: %2 must be binary or package (got \"%3\").")
                                       .arg(at, key, value));
                site.daemon = *kind;
            } else if (key == QLatin1String("ansible_connection")) {
                if (value == QLatin1String("local"))
                    site.transport = Transport::Local;
                else if (value != QLatin1String("ssh") && value != QLatin1String("smart") &&
                         value != QLatin1String("paramiko"))
                    report(InventoryText::tr("connection \"%1\" is not supported; the site uses ssh.")
                               .arg(value));
            } else if (key == QLatin1String("ansible_ssh_common_args") ||
                       key == QLatin1String("ansible_ssh_extra_args")) {
                QStringList rest;
                const QString jump = proxyJumpFromSshArguments(splitWords(value), rest);
                if (!jump.isEmpty())
                    site.proxyJump = jump;
                if (!rest.isEmpty())
                    report(InventoryText::tr(
                               "only a jump host (-J, -o ProxyJump=, -o ProxyCommand=\"ssh -W %h:%p "
                               "HOST\") is taken from it; set \"%1\" in ~/.ssh/config.")
                               .arg(rest.join(QLatin1Char(' '))));
            } else if (key.contains(QLatin1String("pass"))) {
                report(InventoryText::tr(
                    "Tenkai stores no passwords; use a key or ssh-agent (and sudo rules that "
                    "ask for no password)."));
            } else if (key == QLatin1String("ansible_become") || key == QLatin1String("ansible_sudo")) {
                // Tenkai becomes root with `sudo -n` exactly where a step needs it (packages, the
                // daemon's service), whatever this says; only "no" is worth a word.
                if (!isTrue(value))
                    report(
                        InventoryText::tr("Tenkai still uses sudo -n where a step needs root (packages, the "
                                          "daemon's service)."));
            } else if (key == QLatin1String("ansible_become_method")) {
                if (value != QLatin1String("sudo"))
                    report(InventoryText::tr("Tenkai becomes root with sudo -n only."));
            } else if (key == QLatin1String("ansible_become_user")) {
                if (value != QLatin1String("root"))
                    report(InventoryText::tr("Tenkai becomes root only, with sudo -n."));
            } else if (key.startsWith(QLatin1String("ansible_become"))) {
                report(InventoryText::tr("Tenkai becomes root with a plain sudo -n."));
            } else if (key.startsWith(QLatin1String("ansible_"))) {
                report(InventoryText::tr(
                    "no Tenkai equivalent (set it in ~/.ssh/config if it is an ssh option)."));
            } else {
                site.labels.insert(key, value);
            }
        }
        result.inventory.sites.push_back(site);
    }
    return result;
}

} // namespace

Result<AnsibleImport> importAnsibleInventory(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(
            InventoryText::tr("Cannot read the Ansible inventory %1: %2.").arg(path, file.errorString()));
    const auto read = readAtMost(file);
    if (!read)
        return invalid(
            InventoryText::tr("The Ansible inventory %1 holds more than %2 MB: it is not an inventory.")
                .arg(path)
                .arg(kMaxTextInput >> 20));
    const QByteArray &text = *read;
    // What ansible-inventory --list printed (inventory scripts and plugins then work too).
    if (text.trimmed().startsWith('{') && text.contains("\"_meta\""))
        return parseAnsibleInventoryList(text, path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool yaml = suffix == QLatin1String("yml") || suffix == QLatin1String("yaml");
    if (!yaml && suffix != QLatin1String("ini")) {
        // No telling extension: YAML inventories start with a group map ("all:") or "---".
        const QString first = QString::fromUtf8(text).trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
        yaml = first == QLatin1String("---") ||
               QRegularExpression(QStringLiteral("^[A-Za-z0-9_.-]+:\\s*$")).match(first).hasMatch();
    }
    auto parsed = yaml ? parseAnsibleYaml(text, path) : parseIni(text, path);
    if (!parsed)
        return parsed.error();
    if (auto error = readVarsFolders(parsed.value(), QFileInfo(path).absolutePath()))
        return *error;
    return mapAnsibleModel(parsed.value(), path);
}

} // namespace tenkai::fleet
