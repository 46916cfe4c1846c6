#include "flow/graph.h"

#include "flow/catalogue.h"

#include <QCoreApplication>
#include <QSet>

namespace tenkai::flow {

namespace {

class GraphText
{
    Q_DECLARE_TR_FUNCTIONS(GraphText)
};

QString portList(const std::vector<PortSpec> &ports)
{
    QStringList names;
    for (const PortSpec &port : ports)
        names << port.name;
    return names.isEmpty() ? GraphText::tr("none") : names.join(QStringLiteral(", "));
}

} // namespace

QString portTypeName(PortType type)
{
    switch (type) {
    case PortType::Model:
        return QStringLiteral("model");
    case PortType::Dataset:
        return QStringLiteral("dataset");
    case PortType::Sites:
        return QStringLiteral("sites");
    case PortType::Report:
        return QStringLiteral("report");
    case PortType::Trigger:
        return QStringLiteral("trigger");
    }
    return {};
}

std::optional<PortType> portTypeFromName(const QString &name)
{
    for (PortType type :
         {PortType::Model, PortType::Dataset, PortType::Sites, PortType::Report, PortType::Trigger}) {
        if (portTypeName(type) == name)
            return type;
    }
    return std::nullopt;
}

QString linkId(const Endpoint &from, const Endpoint &to)
{
    return from.node + QLatin1Char('.') + from.port + QStringLiteral("->") + to.node + QLatin1Char('.') +
           to.port;
}

QString Link::id() const
{
    return linkId(from, to);
}

QString checkTargetSyntax(const QString &target)
{
    if (target == QLatin1String("cloud"))
        return {};
    for (const QLatin1String prefix : {QLatin1String("group:"), QLatin1String("site:")}) {
        if (target.startsWith(prefix)) {
            if (target.size() == prefix.size())
                return GraphText::tr("The target \"%1\" names no %2.").arg(target, prefix.chopped(1));
            return {};
        }
    }
    return GraphText::tr("The target \"%1\" is not \"cloud\", \"group:NAME\" or \"site:NAME\".").arg(target);
}

FlowGraph::FlowGraph(QObject *parent) : QObject(parent) {}

void FlowGraph::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    Q_EMIT nameChanged();
}

const Node *FlowGraph::node(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_nodes[size_t(*it)];
}

Node *FlowGraph::mutableNode(const QString &id)
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_nodes[size_t(*it)];
}

QStringList FlowGraph::nodeIds() const
{
    QStringList ids;
    ids.reserve(qsizetype(m_nodes.size()));
    for (const Node &n : m_nodes)
        ids << n.id;
    return ids;
}

const Link *FlowGraph::link(const QString &linkId) const
{
    for (const Link &l : m_links) {
        if (l.id() == linkId)
            return &l;
    }
    return nullptr;
}

std::vector<Link> FlowGraph::linksInto(const QString &node, const QString &port) const
{
    std::vector<Link> out;
    for (const Link &l : m_links) {
        if (l.to.node == node && (port.isEmpty() || l.to.port == port))
            out.push_back(l);
    }
    return out;
}

std::vector<Link> FlowGraph::linksOutOf(const QString &node, const QString &port) const
{
    std::vector<Link> out;
    for (const Link &l : m_links) {
        if (l.from.node == node && (port.isEmpty() || l.from.port == port))
            out.push_back(l);
    }
    return out;
}

QString FlowGraph::freshId(const QString &type) const
{
    const QString base = type.isEmpty() ? QStringLiteral("node") : type;
    if (!node(base))
        return base;
    for (int i = 2;; ++i) {
        const QString id = base + QLatin1Char('-') + QString::number(i);
        if (!node(id))
            return id;
    }
}

void FlowGraph::reindex()
{
    m_index.clear();
    for (size_t i = 0; i < m_nodes.size(); ++i)
        m_index.insert(m_nodes[i].id, qsizetype(i));
}

QString FlowGraph::addNode(const QString &type, QPointF pos, const QString &id, QString *newId)
{
    const NodeType *spec = Catalogue::instance().find(type);
    if (!spec)
        return GraphText::tr("There is no node type \"%1\".").arg(type);
    Node n;
    n.id = id.isEmpty() ? freshId(type) : id;
    n.type = type;
    n.pos = pos;
    n.params = spec->defaultParams();
    if (spec->target == TargetKind::Cloud)
        n.targets = QStringList{QStringLiteral("cloud")};
    const QString refused = insertNode(n);
    if (refused.isEmpty() && newId)
        *newId = n.id;
    return refused;
}

QString FlowGraph::insertNode(const Node &n)
{
    if (n.id.isEmpty())
        return GraphText::tr("A node needs a non-empty id.");
    if (node(n.id))
        return GraphText::tr("There is a node \"%1\" already.").arg(n.id);
    m_nodes.push_back(n);
    m_index.insert(n.id, qsizetype(m_nodes.size() - 1));
    Q_EMIT nodeAdded(n.id);
    return {};
}

QString FlowGraph::removeNode(const QString &id)
{
    if (!node(id))
        return GraphText::tr("There is no node \"%1\".").arg(id);
    QStringList gone;
    for (const Link &l : m_links) {
        if (l.from.node == id || l.to.node == id)
            gone << l.id();
    }
    for (const QString &lid : std::as_const(gone))
        (void)unlink(lid);
    m_nodes.erase(m_nodes.begin() + *m_index.constFind(id));
    reindex();
    Q_EMIT nodeRemoved(id);
    return {};
}

QString FlowGraph::moveNode(const QString &id, QPointF pos)
{
    Node *n = mutableNode(id);
    if (!n)
        return GraphText::tr("There is no node \"%1\".").arg(id);
    if (n->pos == pos)
        return {};
    n->pos = pos;
    Q_EMIT nodeMoved(id, pos);
    return {};
}

QString FlowGraph::setTitle(const QString &id, const QString &title)
{
    Node *n = mutableNode(id);
    if (!n)
        return GraphText::tr("There is no node \"%1\".").arg(id);
    if (n->title == title)
        return {};
    n->title = title;
    Q_EMIT titleChanged(id);
    return {};
}

QString FlowGraph::setParam(const QString &id, const QString &key, const QJsonValue &value)
{
    const Node *n = node(id);
    if (!n)
        return GraphText::tr("There is no node \"%1\".").arg(id);
    const NodeType *type = Catalogue::instance().find(n->type);
    if (!type)
        return GraphText::tr("Node \"%1\" has the unknown type \"%2\", so its parameters cannot be checked.")
            .arg(id, n->type);
    const ParamSpec *spec = type->param(key);
    if (!spec)
        return GraphText::tr("A %1 node has no parameter \"%2\".").arg(type->title(), key);
    if (value.isUndefined() || value.isNull()) {
        if (spec->required)
            return GraphText::tr("The parameter \"%1\" is required.").arg(key);
    } else {
        const std::vector<ParamIssue> issues = checkParam(*spec, value);
        if (!issues.empty())
            return GraphText::tr("%1%2: %3").arg(key, issues.front().subPath, issues.front().message);
    }
    return setParamUnchecked(id, key, value);
}

QString FlowGraph::setParamUnchecked(const QString &id, const QString &key, const QJsonValue &value)
{
    Node *n = mutableNode(id);
    if (!n)
        return GraphText::tr("There is no node \"%1\".").arg(id);
    if (value.isUndefined() || value.isNull()) {
        if (!n->params.contains(key))
            return {};
        n->params.remove(key);
    } else {
        if (n->params.value(key) == value)
            return {};
        n->params.insert(key, value);
    }
    Q_EMIT paramChanged(id, key);
    return {};
}

QString FlowGraph::setTargets(const QString &id, const QStringList &targets)
{
    Node *n = mutableNode(id);
    if (!n)
        return GraphText::tr("There is no node \"%1\".").arg(id);
    for (const QString &t : targets) {
        const QString bad = checkTargetSyntax(t);
        if (!bad.isEmpty())
            return bad;
    }
    if (const NodeType *type = Catalogue::instance().find(n->type)) {
        const bool cloud = targets.contains(QStringLiteral("cloud"));
        if (type->target == TargetKind::None && !targets.isEmpty())
            return GraphText::tr("A %1 node runs nowhere and takes no targets.").arg(type->title());
        if (type->target == TargetKind::Cloud && (targets.size() > 1 || (!targets.isEmpty() && !cloud)))
            return GraphText::tr("A %1 node runs on the console's machine: its only target is \"cloud\".")
                .arg(type->title());
        if (type->target == TargetKind::PerSite && cloud)
            return GraphText::tr("A %1 node runs on sites: name sites or groups, not \"cloud\".")
                .arg(type->title());
    }
    if (QStringList unique = targets; unique.removeDuplicates() != 0)
        return GraphText::tr("The targets name the same site or group twice.");
    if (n->targets == targets)
        return {};
    n->targets = targets;
    Q_EMIT targetsChanged(id);
    return {};
}

QString FlowGraph::canLink(const Endpoint &from, const Endpoint &to) const
{
    const Node *a = node(from.node);
    if (!a)
        return GraphText::tr("There is no node \"%1\".").arg(from.node);
    const Node *b = node(to.node);
    if (!b)
        return GraphText::tr("There is no node \"%1\".").arg(to.node);
    if (from.node == to.node)
        return GraphText::tr("A node cannot be linked to itself.");
    const NodeType *ta = Catalogue::instance().find(a->type);
    if (!ta)
        return GraphText::tr("Node \"%1\" has the unknown type \"%2\".").arg(a->id, a->type);
    const NodeType *tb = Catalogue::instance().find(b->type);
    if (!tb)
        return GraphText::tr("Node \"%1\" has the unknown type \"%2\".").arg(b->id, b->type);
    const PortSpec *out = ta->output(from.port);
    if (!out)
        return GraphText::tr("Node \"%1\" has no output \"%2\" (its outputs: %3).")
            .arg(a->id, from.port, portList(ta->outputs));
    const PortSpec *in = tb->input(to.port);
    if (!in)
        return GraphText::tr("Node \"%1\" has no input \"%2\" (its inputs: %3).")
            .arg(b->id, to.port, portList(tb->inputs));
    if (!portsCompatible(out->type, in->type))
        return GraphText::tr("The output \"%1\" gives a %2, but the input \"%3\" takes a %4.")
            .arg(from.port, portTypeName(out->type), to.port, portTypeName(in->type));
    if (link(linkId(from, to)))
        return GraphText::tr("These ports are linked already.");
    if (!in->multiple && !linksInto(to.node, to.port).empty())
        return GraphText::tr("The input \"%1\" of node \"%2\" takes one link and has one already.")
            .arg(to.port, to.node);
    if (reaches(to.node, from.node))
        return GraphText::tr("This link would close a cycle: node \"%1\" already leads to node \"%2\".")
            .arg(to.node, from.node);
    return {};
}

QString FlowGraph::link(const Endpoint &from, const Endpoint &to)
{
    const QString refused = canLink(from, to);
    if (!refused.isEmpty())
        return refused;
    return insertLink(Link{from, to, {}});
}

QString FlowGraph::insertLink(const Link &l)
{
    if (link(l.id()))
        return GraphText::tr("These ports are linked already.");
    m_links.push_back(l);
    Q_EMIT linked(l.id());
    return {};
}

QString FlowGraph::unlink(const QString &id)
{
    for (auto it = m_links.begin(); it != m_links.end(); ++it) {
        if (it->id() == id) {
            m_links.erase(it);
            Q_EMIT unlinked(id);
            return {};
        }
    }
    return GraphText::tr("There is no link \"%1\".").arg(id);
}

bool FlowGraph::sameContent(const FlowGraph &other) const
{
    return m_name == other.m_name && m_extra == other.m_extra && m_nodes == other.m_nodes &&
           m_links == other.m_links;
}

bool FlowGraph::reaches(const QString &from, const QString &to) const
{
    QSet<QString> seen{from};
    QStringList todo{from};
    while (!todo.isEmpty()) {
        const QString at = todo.takeLast();
        if (at == to)
            return true;
        for (const Link &l : m_links) {
            if (l.from.node == at && !seen.contains(l.to.node)) {
                seen.insert(l.to.node);
                todo << l.to.node;
            }
        }
    }
    return false;
}

} // namespace tenkai::flow
