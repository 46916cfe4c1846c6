// FlowGraph: the widget-free model of a flow (nodes with typed ports, parameters, positions and
// targets, and the links between their ports), with fine-grained change signals an editor mirrors.
//
// Editing operations (addNode, link, setParam, setTargets...) check the edit against the node
// catalogue and refuse an invalid one with one translated sentence saying why. The insert*
// operations take a node or link as it is (a file may hold unknown node types, dangling links or
// out-of-range values); validation.h reports what is wrong with such a graph.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace tenkai::flow {

// What travels along a link. A `trigger` input accepts any output (it only orders the nodes).
enum class PortType
{
    Model,   // a model file (pretrained, deployed or trained)
    Dataset, // a data set (teacher data, a test split)
    Sites,   // the sites a step succeeded on
    Report,  // evaluation reports
    Trigger, // "after": ordering only
};

QString portTypeName(PortType type); // "model", "dataset", "sites", "report", "trigger"
std::optional<PortType> portTypeFromName(const QString &name);

// One end of a link: a node and one of its ports (an output for `from`, an input for `to`).
struct Endpoint
{
    QString node;
    QString port;
    bool operator==(const Endpoint &) const = default;
};

struct Link
{
    Endpoint from;     // an output port
    Endpoint to;       // an input port
    QJsonObject extra; // fields of the file's link object that this version does not know

    // The link's value id, "from.port->to.port": stable, and the same for equal links.
    QString id() const;
    bool operator==(const Link &) const = default;
};

QString linkId(const Endpoint &from, const Endpoint &to);

struct Node
{
    QString id;    // stable, unique in the flow
    QString type;  // a catalogue type id ("train-ensemble"); may be unknown when read from a file
    QString title; // empty: the type's title
    QPointF pos;   // on the canvas
    QJsonObject params;
    // "cloud", "group:NAME", "site:NAME"; empty: none given (per-site nodes then take the sites of
    // their `sites` input).
    QStringList targets;
    QJsonObject extra; // fields of the file's node object that this version does not know

    bool operator==(const Node &) const = default;
};

// Checks one target's form ("cloud", "group:NAME", "site:NAME"); empty when it is well-formed.
QString checkTargetSyntax(const QString &target);

class FlowGraph : public QObject
{
    Q_OBJECT

public:
    explicit FlowGraph(QObject *parent = nullptr);

    QString name() const { return m_name; }
    void setName(const QString &name);

    // Top-level fields of the file that this version does not know (written back on save).
    QJsonObject extra() const { return m_extra; }
    void setExtra(const QJsonObject &extra) { m_extra = extra; }

    // Nodes in insertion order.
    const std::vector<Node> &nodes() const { return m_nodes; }
    const Node *node(const QString &id) const;
    QStringList nodeIds() const;
    // Links in insertion order.
    const std::vector<Link> &links() const { return m_links; }
    const Link *link(const QString &linkId) const;
    // The links into / out of a node (optionally only those on one port).
    std::vector<Link> linksInto(const QString &node, const QString &port = {}) const;
    std::vector<Link> linksOutOf(const QString &node, const QString &port = {}) const;

    // An id not used yet, from the type ("train-ensemble-2").
    QString freshId(const QString &type) const;

    // --- Editing, checked (an empty QString means done; otherwise the reason it was refused) ----
    // Adds a node of a catalogue type with the schema's default parameters and, for cloud nodes,
    // the target "cloud". `id` empty: a fresh one. The new id goes to *newId.
    QString addNode(const QString &type, QPointF pos, const QString &id = {}, QString *newId = nullptr);
    QString removeNode(const QString &id); // its links go first (unlinked for each)
    QString moveNode(const QString &id, QPointF pos);
    QString setTitle(const QString &id, const QString &title);
    // A parameter of the node's schema, checked against its type and range; an undefined or null
    // value removes it (refused when it is required).
    QString setParam(const QString &id, const QString &key, const QJsonValue &value);
    QString setTargets(const QString &id, const QStringList &targets);
    // Links an output port to an input port: both must exist, types must be compatible, an input
    // takes one link unless the catalogue says it takes several, and no cycle may form.
    QString link(const Endpoint &from, const Endpoint &to);
    QString unlink(const QString &linkId);
    // Why link(from, to) would be refused (empty: it would be accepted); nothing changes.
    QString canLink(const Endpoint &from, const Endpoint &to) const;

    // --- Raw (for files and undo): no catalogue checks ----------------------------------------------
    // Refused only when the id is empty or taken.
    QString insertNode(const Node &node);
    // Refused only when the same link exists already.
    QString insertLink(const Link &link);
    // Sets a parameter without checking it (undefined or null removes it).
    QString setParamUnchecked(const QString &id, const QString &key, const QJsonValue &value);

    // Same name, nodes, links and unknown fields, in the same order.
    bool sameContent(const FlowGraph &other) const;

    // Whether `to` can be reached from `from` along links.
    bool reaches(const QString &from, const QString &to) const;

Q_SIGNALS:
    void nameChanged();
    void nodeAdded(const QString &id);
    void nodeRemoved(const QString &id);
    void nodeMoved(const QString &id, QPointF pos);
    void titleChanged(const QString &id);
    void paramChanged(const QString &id, const QString &key);
    void targetsChanged(const QString &id);
    void linked(const QString &linkId);
    // After the link is gone; the id names both ends (see Link::id).
    void unlinked(const QString &linkId);

private:
    Node *mutableNode(const QString &id);
    void reindex();

    QString m_name;
    QJsonObject m_extra;
    std::vector<Node> m_nodes;
    QHash<QString, qsizetype> m_index;
    std::vector<Link> m_links;
};

} // namespace tenkai::flow
