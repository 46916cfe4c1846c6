#include "flow/validation.h"

#include "fleet/inventory.h"
#include "flow/catalogue.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <algorithm>
#include <functional>

namespace tenkai::flow {

namespace {

class ValidationText
{
    Q_DECLARE_TR_FUNCTIONS(ValidationText)
};

QString endpointText(const Endpoint &e)
{
    return e.node + QLatin1Char('.') + e.port;
}

struct Collector
{
    const FlowGraph &graph;
    QHash<QString, qsizetype> order; // node id -> its place in the flow
    std::vector<std::pair<qsizetype, Problem>> found;

    void add(Severity severity, ProblemKind kind, const QString &node, const QString &port,
             const QString &param, const QString &message)
    {
        found.emplace_back(order.value(node, qsizetype(graph.nodes().size())),
                           Problem{severity, kind, node, port, param, message});
    }
    void error(ProblemKind kind, const QString &node, const QString &port, const QString &message)
    {
        add(Severity::Error, kind, node, port, QString(), message);
    }
};

void checkParams(Collector &c, const Node &node, const NodeType &type)
{
    for (const ParamSpec &spec : type.params) {
        const QJsonValue value = node.params.value(spec.name);
        const bool empty = value.isUndefined() || value.isNull() ||
                           (value.isString() && value.toString().isEmpty()) ||
                           (value.isArray() && value.toArray().isEmpty());
        if (empty) {
            if (spec.required && !value.isUndefined())
                c.add(Severity::Error, ProblemKind::MissingParam, node.id, QString(), spec.name,
                      ValidationText::tr("The parameter \"%1\" must not be empty.").arg(spec.name));
            else if (spec.required && spec.defaultValue.isUndefined())
                c.add(Severity::Error, ProblemKind::MissingParam, node.id, QString(), spec.name,
                      ValidationText::tr("The parameter \"%1\" is required.").arg(spec.name));
            continue;
        }
        for (const ParamIssue &issue : checkParam(spec, value, true))
            c.add(Severity::Error, ProblemKind::BadParam, node.id, QString(), spec.name,
                  QStringLiteral("%1%2: %3").arg(spec.name, issue.subPath, issue.message));
    }
    for (auto it = node.params.begin(); it != node.params.end(); ++it) {
        if (!type.param(it.key()))
            c.add(Severity::Warning, ProblemKind::UnknownParam, node.id, QString(), it.key(),
                  ValidationText::tr("A %1 node has no parameter \"%2\"; it is kept but not used.")
                      .arg(type.title(), it.key()));
    }
}

void checkTargets(Collector &c, const FlowGraph &graph, const Node &node, const NodeType &type,
                  const fleet::Inventory *inventory)
{
    for (const QString &target : node.targets) {
        const QString bad = checkTargetSyntax(target);
        if (!bad.isEmpty()) {
            c.error(ProblemKind::BadTarget, node.id, QString(), bad);
            return;
        }
    }
    const bool cloud = node.targets.contains(QStringLiteral("cloud"));
    switch (type.target) {
    case TargetKind::None:
        if (!node.targets.isEmpty())
            c.error(ProblemKind::BadTarget, node.id, QString(),
                    ValidationText::tr("A %1 node runs nowhere and takes no targets.").arg(type.title()));
        return;
    case TargetKind::Cloud:
        if (!node.targets.isEmpty() && (!cloud || node.targets.size() > 1))
            c.error(
                ProblemKind::BadTarget, node.id, QString(),
                ValidationText::tr("A %1 node runs on the console's machine: its only target is \"cloud\".")
                    .arg(type.title()));
        return;
    case TargetKind::PerSite:
        break;
    }
    if (cloud) {
        c.error(ProblemKind::BadTarget, node.id, QString(),
                ValidationText::tr("A %1 node runs on sites: name sites or groups, not \"cloud\".")
                    .arg(type.title()));
        return;
    }
    if (node.targets.isEmpty()) {
        if (type.input(QStringLiteral("sites")) && !graph.linksInto(node.id, QStringLiteral("sites")).empty())
            return;
        c.error(
            ProblemKind::BadTarget, node.id, QString(),
            type.input(QStringLiteral("sites"))
                ? ValidationText::tr("A %1 node needs targets (sites or groups) or a link into its \"sites\" "
                                     "input.")
                      .arg(type.title())
                : ValidationText::tr("A %1 node needs targets (sites or groups).").arg(type.title()));
        return;
    }
    if (!inventory)
        return;
    const QStringList groups = inventory->groupNames();
    for (const QString &target : node.targets) {
        if (target.startsWith(QLatin1String("site:"))) {
            const QString name = target.mid(5);
            if (!inventory->find(name)) {
                QStringList sites;
                for (const fleet::Site &site : inventory->sites)
                    sites << site.name;
                c.error(ProblemKind::UnknownTarget, node.id, QString(),
                        ValidationText::tr("The site \"%1\" is not in the inventory (its sites: %2).")
                            .arg(name, sites.join(QStringLiteral(", "))));
            }
        } else if (target.startsWith(QLatin1String("group:"))) {
            const QString name = target.mid(6);
            if (!groups.contains(name))
                c.error(ProblemKind::UnknownTarget, node.id, QString(),
                        ValidationText::tr("The group \"%1\" is not in the inventory (its groups: %2).")
                            .arg(name, groups.isEmpty() ? ValidationText::tr("none")
                                                        : groups.join(QStringLiteral(", "))));
            else if (inventory->members(name).isEmpty())
                c.add(Severity::Warning, ProblemKind::UnknownTarget, node.id, QString(), QString(),
                      ValidationText::tr("The group \"%1\" has no sites in the inventory.").arg(name));
        }
    }
}

void checkLinks(Collector &c, const FlowGraph &graph)
{
    const Catalogue &catalogue = Catalogue::instance();
    QHash<QString, int> intoPort; // "node.port" -> valid links
    for (const Link &link : graph.links()) {
        const Node *from = graph.node(link.from.node);
        const Node *to = graph.node(link.to.node);
        if (!from || !to) {
            if (to)
                c.error(ProblemKind::DanglingLink, to->id, link.to.port,
                        ValidationText::tr(
                            "The link into \"%1\" comes from the node \"%2\", which does not exist.")
                            .arg(endpointText(link.to), link.from.node));
            else if (from)
                c.error(
                    ProblemKind::DanglingLink, from->id, link.from.port,
                    ValidationText::tr("The link from \"%1\" leads to the node \"%2\", which does not exist.")
                        .arg(endpointText(link.from), link.to.node));
            else
                c.error(ProblemKind::DanglingLink, QString(), QString(),
                        ValidationText::tr("The link %1 -> %2 joins nodes that do not exist.")
                            .arg(endpointText(link.from), endpointText(link.to)));
            continue;
        }
        const NodeType *fromType = catalogue.find(from->type);
        const NodeType *toType = catalogue.find(to->type);
        if (!fromType || !toType)
            continue; // the unknown type is reported on its node
        const PortSpec *out = fromType->output(link.from.port);
        const PortSpec *in = toType->input(link.to.port);
        if (!out) {
            QStringList outs;
            for (const PortSpec &p : fromType->outputs)
                outs << p.name;
            c.error(ProblemKind::DanglingLink, from->id, link.from.port,
                    ValidationText::tr("The node \"%1\" has no output \"%2\" (its outputs: %3).")
                        .arg(from->id, link.from.port,
                             outs.isEmpty() ? ValidationText::tr("none") : outs.join(QStringLiteral(", "))));
        }
        if (!in) {
            QStringList ins;
            for (const PortSpec &p : toType->inputs)
                ins << p.name;
            c.error(ProblemKind::DanglingLink, to->id, link.to.port,
                    ValidationText::tr("The node \"%1\" has no input \"%2\" (its inputs: %3).")
                        .arg(to->id, link.to.port,
                             ins.isEmpty() ? ValidationText::tr("none") : ins.join(QStringLiteral(", "))));
        }
        if (!out || !in)
            continue;
        if (!portsCompatible(out->type, in->type)) {
            c.error(ProblemKind::MistypedLink, to->id, link.to.port,
                    ValidationText::tr("The input \"%1\" takes a %2, but the link brings a %3 from \"%4\".")
                        .arg(link.to.port, portTypeName(in->type), portTypeName(out->type),
                             endpointText(link.from)));
            continue;
        }
        const QString key = endpointText(link.to);
        if (++intoPort[key] == 2 && !in->multiple)
            c.error(ProblemKind::TooManyLinks, to->id, link.to.port,
                    ValidationText::tr("The input \"%1\" takes one link but has several.").arg(link.to.port));
    }
    for (const Node &node : graph.nodes()) {
        const NodeType *type = catalogue.find(node.type);
        if (!type)
            continue;
        for (const PortSpec &in : type->inputs) {
            if (in.required && intoPort.value(endpointText(Endpoint{node.id, in.name})) == 0)
                c.error(ProblemKind::MissingInput, node.id, in.name,
                        ValidationText::tr("The input \"%1\" needs a link (a %2).")
                            .arg(in.name, portTypeName(in.type)));
        }
    }
}

// Strongly connected components (Tarjan); every component with a cycle is reported on each of its
// nodes, with the nodes of one cycle through it in order.
void checkCycles(Collector &c, const FlowGraph &graph)
{
    const std::vector<Node> &nodes = graph.nodes();
    QHash<QString, int> index;
    for (size_t i = 0; i < nodes.size(); ++i)
        index.insert(nodes[i].id, int(i));
    std::vector<std::vector<int>> next(nodes.size());
    std::vector<bool> selfLoop(nodes.size(), false);
    for (const Link &link : graph.links()) {
        const auto a = index.constFind(link.from.node);
        const auto b = index.constFind(link.to.node);
        if (a == index.cend() || b == index.cend())
            continue;
        next[size_t(*a)].push_back(*b);
        if (*a == *b)
            selfLoop[size_t(*a)] = true;
    }
    const int n = int(nodes.size());
    std::vector<int> order(size_t(n), -1), low(size_t(n), 0), component(size_t(n), -1);
    std::vector<bool> onStack(size_t(n), false);
    std::vector<int> stack;
    int counter = 0, components = 0;
    std::function<void(int)> visit = [&](int v) {
        order[size_t(v)] = low[size_t(v)] = counter++;
        stack.push_back(v);
        onStack[size_t(v)] = true;
        for (int w : next[size_t(v)]) {
            if (order[size_t(w)] < 0) {
                visit(w);
                low[size_t(v)] = std::min(low[size_t(v)], low[size_t(w)]);
            } else if (onStack[size_t(w)]) {
                low[size_t(v)] = std::min(low[size_t(v)], order[size_t(w)]);
            }
        }
        if (low[size_t(v)] == order[size_t(v)]) {
            int w;
            do {
                w = stack.back();
                stack.pop_back();
                onStack[size_t(w)] = false;
                component[size_t(w)] = components;
            } while (w != v);
            ++components;
        }
    };
    for (int v = 0; v < n; ++v) {
        if (order[size_t(v)] < 0)
            visit(v);
    }
    std::vector<int> size(size_t(components), 0);
    for (int v = 0; v < n; ++v)
        ++size[size_t(component[size_t(v)])];
    std::vector<bool> reported(size_t(components), false);
    for (int start = 0; start < n; ++start) {
        const int comp = component[size_t(start)];
        if (reported[size_t(comp)] || (size[size_t(comp)] < 2 && !selfLoop[size_t(start)]))
            continue;
        reported[size_t(comp)] = true;
        // A path from start back to start inside the component (depth first).
        std::vector<int> path{start};
        std::vector<bool> seen(size_t(n), false);
        seen[size_t(start)] = true;
        std::function<bool(int)> walk = [&](int v) {
            for (int w : next[size_t(v)]) {
                if (w == start)
                    return true;
                if (component[size_t(w)] != comp || seen[size_t(w)])
                    continue;
                seen[size_t(w)] = true;
                path.push_back(w);
                if (walk(w))
                    return true;
                path.pop_back();
            }
            return false;
        };
        walk(start);
        QStringList names;
        for (int v : path)
            names << nodes[size_t(v)].id;
        names << nodes[size_t(start)].id;
        const QString message = ValidationText::tr("The nodes %1 form a cycle; a flow must run one way.")
                                    .arg(names.join(QStringLiteral(" -> ")));
        for (int v = 0; v < n; ++v) {
            if (component[size_t(v)] == comp)
                c.error(ProblemKind::Cycle, nodes[size_t(v)].id, QString(), message);
        }
    }
}

// The ensemble's members against the policies of the teacher data it trains on.
void checkMembers(Collector &c, const FlowGraph &graph, const Node &node)
{
    if (node.type != QLatin1String("train-ensemble"))
        return;
    const QJsonValue members = node.params.value(QStringLiteral("members"));
    for (const Link &link : graph.linksInto(node.id, QStringLiteral("data"))) {
        const Node *source = graph.node(link.from.node);
        if (!source || source->type != QLatin1String("generate-teacher-data"))
            continue;
        const QJsonValue policies = source->params.value(QStringLiteral("policies"));
        if (!members.isDouble() || !policies.isArray())
            continue;
        if (policies.toArray().size() != members.toInteger())
            c.add(Severity::Warning, ProblemKind::BadParam, node.id, QString(), QStringLiteral("members"),
                  ValidationText::tr("The ensemble has %1 members but the teacher data of \"%2\" has %3 "
                                     "policies; members repeat or skip policies.")
                      .arg(members.toInteger())
                      .arg(source->id)
                      .arg(policies.toArray().size()));
    }
}

// Wait until a time: the time must be given, as an ISO 8601 date and time or a time of day.
void checkWaitUntil(Collector &c, const Node &node)
{
    if (node.type != QLatin1String("wait-until") ||
        node.params.value(QStringLiteral("until")).toString() != QLatin1String("time"))
        return;
    const QString time = node.params.value(QStringLiteral("time")).toString();
    if (time.isEmpty()) {
        c.add(Severity::Error, ProblemKind::MissingParam, node.id, QString(), QStringLiteral("time"),
              ValidationText::tr("Waiting until a time needs the parameter \"time\"."));
        return;
    }
    if (!QDateTime::fromString(time, Qt::ISODate).isValid() &&
        !QTime::fromString(time, Qt::ISODate).isValid())
        c.add(Severity::Error, ProblemKind::BadParam, node.id, QString(), QStringLiteral("time"),
              ValidationText::tr("time: expected an ISO 8601 date and time or a time of day, got \"%1\"")
                  .arg(time));
}

} // namespace

std::vector<Problem> validateFlow(const FlowGraph &graph, const fleet::Inventory *inventory)
{
    Collector c{graph, {}, {}};
    for (size_t i = 0; i < graph.nodes().size(); ++i)
        c.order.insert(graph.nodes()[i].id, qsizetype(i));
    const Catalogue &catalogue = Catalogue::instance();
    for (const Node &node : graph.nodes()) {
        const NodeType *type = catalogue.find(node.type);
        if (!type) {
            c.error(ProblemKind::UnknownNodeType, node.id, QString(),
                    ValidationText::tr("The node type \"%1\" is unknown (known types: %2).")
                        .arg(node.type, catalogue.typeIds().join(QStringLiteral(", "))));
            continue;
        }
        checkParams(c, node, *type);
        checkTargets(c, graph, node, *type, inventory);
        checkMembers(c, graph, node);
        checkWaitUntil(c, node);
    }
    checkLinks(c, graph);
    checkCycles(c, graph);
    std::stable_sort(c.found.begin(), c.found.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<Problem> problems;
    problems.reserve(c.found.size());
    for (auto &entry : c.found)
        problems.push_back(std::move(entry.second));
    return problems;
}

bool hasErrors(const std::vector<Problem> &problems)
{
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem &p) { return p.severity == Severity::Error; });
}

} // namespace tenkai::flow
