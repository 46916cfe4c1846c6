#include "flow_editor/flow_scene.h"

#include "flow/catalogue.h"
#include "flow/flow_file.h"
#include "flow_editor/flow_commands.h"
#include "flow_editor/flow_style.h"
#include "flow_editor/link_item.h"

#include <QCoreApplication>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QSet>
#include <QUndoStack>
#include <cmath>

namespace tenkai::ui {

using namespace flowstyle;

namespace {

class SceneText
{
    Q_DECLARE_TR_FUNCTIONS(SceneText)
};

// A fresh id for a pasted node: not in the graph and not taken by another pasted node.
QString pasteId(const flow::FlowGraph &graph, const QString &type, const QSet<QString> &taken)
{
    QString id = graph.freshId(type);
    for (int i = 2; taken.contains(id) || graph.node(id); ++i)
        id = type + QLatin1Char('-') + QString::number(i);
    return id;
}

} // namespace

FlowScene::FlowScene(QUndoStack *undoStack, QObject *parent) : QGraphicsScene(parent), m_undo(undoStack)
{
    setItemIndexMethod(BspTreeIndex);
    setSceneRect(-2000, -2000, 4000, 4000);
}

FlowScene::~FlowScene()
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
}

void FlowScene::setGraph(flow::FlowGraph *graph)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_drag.reset();
    m_dragPath = nullptr;
    clear();
    m_nodes.clear();
    m_links.clear();
    m_statuses.clear();
    m_graph = graph;
    if (!graph)
        return;
    m_connections << connect(graph, &flow::FlowGraph::nodeAdded, this, &FlowScene::onNodeAdded)
                  << connect(graph, &flow::FlowGraph::nodeRemoved, this, &FlowScene::onNodeRemoved)
                  << connect(graph, &flow::FlowGraph::nodeMoved, this, &FlowScene::onNodeMoved)
                  << connect(graph, &flow::FlowGraph::titleChanged, this, &FlowScene::onNodeChanged)
                  << connect(graph, &flow::FlowGraph::targetsChanged, this, &FlowScene::onNodeChanged)
                  << connect(graph, &flow::FlowGraph::paramChanged, this,
                             [this](const QString &id, const QString &) { onNodeChanged(id); })
                  << connect(graph, &flow::FlowGraph::linked, this, &FlowScene::onLinked)
                  << connect(graph, &flow::FlowGraph::unlinked, this, &FlowScene::onUnlinked);
    for (const flow::Node &n : graph->nodes())
        onNodeAdded(n.id);
    for (const flow::Link &l : graph->links())
        onLinked(l.id());
    updateSceneRect();
}

QRectF FlowScene::nodesRect() const
{
    QRectF rect;
    for (const NodeItem *item : m_nodes)
        rect |= item->sceneBoundingRect();
    return rect;
}

void FlowScene::updateSceneRect()
{
    // Room around the nodes to pan into and drop onto; it only grows while editing.
    const QRectF wanted = nodesRect().adjusted(-1500, -1500, 1500, 1500) | QRectF(-2000, -2000, 4000, 4000);
    if (!sceneRect().contains(wanted))
        setSceneRect(sceneRect() | wanted);
}

void FlowScene::onNodeAdded(const QString &id)
{
    const flow::Node *n = m_graph->node(id);
    if (!n || m_nodes.contains(id))
        return;
    auto *item = new NodeItem(this, *n);
    if (m_farView)
        item->setCacheMode(QGraphicsItem::NoCache);
    m_syncing = true;
    item->setPos(n->pos);
    m_syncing = false;
    addItem(item);
    m_nodes.insert(id, item);
    // Links may name it before it exists (raw inserts in any order).
    for (const flow::Link &l : m_graph->links()) {
        if ((l.from.node == id || l.to.node == id) && !m_links.contains(l.id()))
            onLinked(l.id());
    }
    if (const auto it = m_statuses.constFind(id); it != m_statuses.cend())
        item->setSiteStatuses(*it);
    updateSceneRect();
}

void FlowScene::onNodeRemoved(const QString &id)
{
    NodeItem *item = m_nodes.take(id);
    if (!item)
        return;
    for (LinkItem *link : item->links()) {
        m_links.remove(link->linkId());
        const flow::Link &l = link->link();
        const QString other = l.from.node == id ? l.to.node : l.from.node;
        if (NodeItem *o = m_nodes.value(other))
            o->removeLink(link);
        delete link;
    }
    delete item;
}

void FlowScene::onNodeMoved(const QString &id, QPointF pos)
{
    if (NodeItem *item = m_nodes.value(id); item && item->pos() != pos) {
        m_syncing = true;
        item->setPos(pos);
        m_syncing = false;
        updateSceneRect();
    }
}

void FlowScene::onNodeChanged(const QString &id)
{
    NodeItem *item = m_nodes.value(id);
    const flow::Node *n = m_graph->node(id);
    if (!item || !n)
        return;
    item->sync(*n);
    item->updateLinks();
}

void FlowScene::onLinked(const QString &linkId)
{
    const flow::Link *l = m_graph->link(linkId);
    if (!l || m_links.contains(linkId))
        return;
    NodeItem *from = m_nodes.value(l->from.node);
    NodeItem *to = m_nodes.value(l->to.node);
    if (!from || !to)
        return; // dangling: validation reports it; nothing to draw between
    auto *item = new LinkItem(*l);
    const PortRef port = from->port(l->from.port, true);
    item->setColor(portColor(port.isValid() ? port.type : flow::PortType::Trigger));
    addItem(item);
    m_links.insert(linkId, item);
    from->addLink(item);
    if (to != from)
        to->addLink(item);
    placeLink(item);
    from->update();
    to->update();
}

void FlowScene::onUnlinked(const QString &linkId)
{
    LinkItem *item = m_links.take(linkId);
    if (!item)
        return;
    for (const QString &end : {item->link().from.node, item->link().to.node}) {
        if (NodeItem *n = m_nodes.value(end)) {
            n->removeLink(item);
            n->update();
        }
    }
    delete item;
}

void FlowScene::placeLink(LinkItem *link)
{
    const flow::Link &l = link->link();
    NodeItem *from = m_nodes.value(l.from.node);
    NodeItem *to = m_nodes.value(l.to.node);
    if (from && to)
        link->setEnds(from->portScenePos(l.from.port, true), to->portScenePos(l.to.port, false));
}

void FlowScene::setFarView(bool far)
{
    if (far == m_farView)
        return;
    m_farView = far;
    for (NodeItem *item : std::as_const(m_nodes))
        item->setCacheMode(far ? QGraphicsItem::NoCache : QGraphicsItem::DeviceCoordinateCache);
}

QPointF FlowScene::snapped(QPointF pos) const
{
    return QPointF(std::round(pos.x() / kGridSize) * kGridSize, std::round(pos.y() / kGridSize) * kGridSize);
}

QString FlowScene::addNode(const QString &type, QPointF pos)
{
    const flow::NodeType *spec = flow::Catalogue::instance().find(type);
    if (!m_graph || !spec)
        return {};
    flow::Node n;
    n.id = m_graph->freshId(type);
    n.type = type;
    QPointF topLeft = pos - QPointF(kNodeWidth / 2, kHeaderHeight / 2);
    n.pos = m_snap ? snapped(topLeft) : topLeft;
    n.params = spec->defaultParams();
    if (spec->target == flow::TargetKind::Cloud)
        n.targets = QStringList{QStringLiteral("cloud")};
    const QString id = n.id;
    m_undo->push(new AddNodesCommand(m_graph, {n}, {}, SceneText::tr("Add %1").arg(spec->title())));
    selectNodes({id});
    return id;
}

QString FlowScene::connectPorts(const flow::Endpoint &from, const flow::Endpoint &to)
{
    if (!m_graph)
        return SceneText::tr("No flow is open.");
    const QString refused = m_graph->canLink(from, to);
    if (!refused.isEmpty())
        return refused;
    m_undo->push(new LinkCommand(m_graph, flow::Link{from, to, {}}));
    return {};
}

QStringList FlowScene::selectedNodeIds() const
{
    QStringList ids;
    // In the flow's order, so copies keep it.
    if (!m_graph)
        return ids;
    for (const flow::Node &n : m_graph->nodes()) {
        if (NodeItem *item = m_nodes.value(n.id); item && item->isSelected())
            ids << n.id;
    }
    return ids;
}

QStringList FlowScene::selectedLinkIds() const
{
    QStringList ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == LinkItem::Type)
            ids << static_cast<LinkItem *>(item)->linkId();
    }
    return ids;
}

void FlowScene::selectNodes(const QStringList &ids)
{
    clearSelection();
    for (const QString &id : ids) {
        if (NodeItem *item = m_nodes.value(id))
            item->setSelected(true);
    }
}

void FlowScene::deleteSelection()
{
    const QStringList nodes = selectedNodeIds();
    const QStringList links = selectedLinkIds();
    if (!m_graph || (nodes.isEmpty() && links.isEmpty()))
        return;
    m_undo->push(new RemoveCommand(m_graph, nodes, links));
}

QByteArray FlowScene::selectionJson() const
{
    flow::FlowGraph copy;
    if (!m_graph)
        return {};
    copy.setName(m_graph->name());
    const QStringList ids = selectedNodeIds();
    for (const QString &id : ids)
        (void)copy.insertNode(*m_graph->node(id));
    for (const flow::Link &l : m_graph->links()) {
        if (ids.contains(l.from.node) && ids.contains(l.to.node))
            (void)copy.insertLink(l);
    }
    return flow::flowToJson(copy);
}

QStringList FlowScene::pasteJson(const QByteArray &json, QPointF at, QString *error)
{
    if (!m_graph)
        return {};
    flow::FlowReadResult read = flow::readFlow(json);
    if (!read) {
        if (error)
            *error = read.error().text();
        return {};
    }
    const flow::FlowGraph &source = read.graph();
    if (source.nodes().empty()) {
        if (error)
            *error = SceneText::tr("There are no nodes to paste.");
        return {};
    }
    QRectF box;
    for (const flow::Node &n : source.nodes())
        box |= QRectF(n.pos, QSizeF(1, 1));
    QPointF shift = at - box.topLeft();
    if (m_snap)
        shift = snapped(shift);
    QHash<QString, QString> renamed;
    QSet<QString> taken;
    std::vector<flow::Node> nodes;
    for (flow::Node n : source.nodes()) {
        const QString id = pasteId(*m_graph, n.type.isEmpty() ? QStringLiteral("node") : n.type, taken);
        taken.insert(id);
        renamed.insert(n.id, id);
        n.id = id;
        n.pos += shift;
        nodes.push_back(n);
    }
    std::vector<flow::Link> links;
    for (flow::Link l : source.links()) {
        if (!renamed.contains(l.from.node) || !renamed.contains(l.to.node))
            continue;
        l.from.node = renamed.value(l.from.node);
        l.to.node = renamed.value(l.to.node);
        links.push_back(l);
    }
    QStringList ids;
    for (const flow::Node &n : nodes)
        ids << n.id;
    m_undo->push(new AddNodesCommand(m_graph, std::move(nodes), std::move(links),
                                     SceneText::tr("Paste %n node(s)", nullptr, int(ids.size()))));
    selectNodes(ids);
    return ids;
}

void FlowScene::nudgeSelection(QPointF delta)
{
    std::vector<MoveNodesCommand::Move> moves;
    for (const QString &id : selectedNodeIds()) {
        const QPointF from = m_graph->node(id)->pos;
        moves.push_back({id, from, from + delta});
    }
    if (!moves.empty())
        m_undo->push(new MoveNodesCommand(m_graph, std::move(moves)));
}

void FlowScene::duplicateSelection()
{
    const QStringList ids = selectedNodeIds();
    if (ids.isEmpty())
        return;
    QRectF box;
    for (const QString &id : ids)
        box |= QRectF(m_graph->node(id)->pos, QSizeF(1, 1));
    pasteJson(selectionJson(), box.topLeft() + QPointF(2 * kGridSize, 2 * kGridSize));
}

void FlowScene::setProblems(const std::vector<flow::Problem> &problems)
{
    QHash<QString, std::vector<flow::Problem>> byNode;
    QHash<QString, QString> byLink;
    for (const flow::Problem &p : problems) {
        if (!p.node.isEmpty())
            byNode[p.node].push_back(p);
    }
    for (NodeItem *item : std::as_const(m_nodes)) {
        std::vector<flow::Problem> mine = byNode.value(item->nodeId());
        if (mine.size() != item->problems().size() ||
            !std::equal(
                mine.begin(), mine.end(), item->problems().begin(),
                [](const flow::Problem &a, const flow::Problem &b) { return a.message == b.message; }))
            item->setProblems(std::move(mine));
    }
    // A mistyped link is drawn as a problem too (the problem names its input).
    for (LinkItem *link : std::as_const(m_links)) {
        QString message;
        for (const flow::Problem &p : byNode.value(link->link().to.node)) {
            if (p.port == link->link().to.port &&
                (p.kind == flow::ProblemKind::MistypedLink || p.kind == flow::ProblemKind::TooManyLinks))
                message = p.message;
        }
        link->setProblem(message);
    }
}

void FlowScene::setSiteStatus(const QString &node, const SiteRunStatus &status)
{
    std::vector<SiteRunStatus> &sites = m_statuses[node];
    auto it = std::find_if(sites.begin(), sites.end(),
                           [&](const SiteRunStatus &s) { return s.site == status.site; });
    if (it == sites.end())
        sites.push_back(status);
    else
        *it = status;
    if (NodeItem *item = m_nodes.value(node))
        item->setSiteStatuses(sites);
}

void FlowScene::setNodeStatuses(const QString &node, const std::vector<SiteRunStatus> &sites)
{
    m_statuses.insert(node, sites);
    if (NodeItem *item = m_nodes.value(node))
        item->setSiteStatuses(sites);
}

std::vector<SiteRunStatus> FlowScene::siteStatuses(const QString &node) const
{
    return m_statuses.value(node);
}

void FlowScene::clearStatuses()
{
    m_statuses.clear();
    for (NodeItem *item : std::as_const(m_nodes))
        item->setSiteStatuses({});
}

bool FlowScene::dragCompatible(const NodeItem *node, const PortRef &port) const
{
    if (!m_drag || node->nodeId() == m_drag->node || port.output == m_drag->port.output)
        return false;
    return m_drag->port.output ? flow::portsCompatible(m_drag->port.type, port.type)
                               : flow::portsCompatible(port.type, m_drag->port.type);
}

void FlowScene::beginConnection(NodeItem *node, const PortRef &port)
{
    m_drag = ConnectionDrag{node->nodeId(), port, {}, {}, {}};
    m_dragPath = new QGraphicsPathItem;
    QPen pen(portColor(port.type), 2, Qt::DashLine, Qt::RoundCap);
    m_dragPath->setPen(pen);
    m_dragPath->setZValue(10);
    addItem(m_dragPath);
    for (NodeItem *item : std::as_const(m_nodes))
        item->update();
    updateConnection(node->portScenePos(port.port, port.output));
}

std::pair<QString, PortRef> FlowScene::portUnder(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder)) {
        if (item->type() != NodeItem::Type)
            continue;
        auto *node = static_cast<NodeItem *>(item);
        const PortRef port = node->portAt(node->mapFromScene(scenePos));
        if (port.isValid())
            return {node->nodeId(), port};
        return {};
    }
    return {};
}

void FlowScene::updateConnection(QPointF scenePos)
{
    if (!m_drag)
        return;
    NodeItem *source = m_nodes.value(m_drag->node);
    if (!source)
        return;
    const auto [overNode, overPort] = portUnder(scenePos);
    const QString oldNode = m_drag->overNode;
    m_drag->overNode.clear();
    m_drag->overPort = {};
    m_drag->refusal.clear();
    QPointF end = scenePos;
    if (!overNode.isEmpty() && !(overNode == m_drag->node && overPort.port == m_drag->port.port &&
                                 overPort.output == m_drag->port.output)) {
        m_drag->overNode = overNode;
        m_drag->overPort = overPort;
        if (overPort.output == m_drag->port.output) {
            m_drag->refusal = overPort.output ? tr("An output links to an input, not to another output.")
                                              : tr("An input links to an output, not to another input.");
        } else {
            const flow::Endpoint a{m_drag->node, m_drag->port.port};
            const flow::Endpoint b{overNode, overPort.port};
            m_drag->refusal = m_drag->port.output ? m_graph->canLink(a, b) : m_graph->canLink(b, a);
        }
        if (m_drag->refusal.isEmpty())
            end = m_nodes.value(overNode)->portScenePos(overPort.port, overPort.output);
    }
    const QPointF start = source->portScenePos(m_drag->port.port, m_drag->port.output);
    m_dragPath->setPath(m_drag->port.output ? LinkItem::curve(start, end) : LinkItem::curve(end, start));
    QPen pen = m_dragPath->pen();
    pen.setColor(!m_drag->refusal.isEmpty() ? errorColor() : portColor(m_drag->port.type));
    pen.setStyle(m_drag->overNode.isEmpty() ? Qt::DashLine : Qt::SolidLine);
    m_dragPath->setPen(pen);
    if (NodeItem *n = m_nodes.value(oldNode))
        n->update();
    if (NodeItem *n = m_nodes.value(m_drag->overNode))
        n->update();
    Q_EMIT connectionHint(m_drag->refusal, scenePos);
}

void FlowScene::endConnection(QPointF scenePos)
{
    if (!m_drag)
        return;
    updateConnection(scenePos);
    const ConnectionDrag drag = *m_drag;
    m_drag.reset();
    delete m_dragPath;
    m_dragPath = nullptr;
    for (NodeItem *item : std::as_const(m_nodes))
        item->update();
    Q_EMIT connectionHint(QString(), scenePos);
    if (drag.overNode.isEmpty())
        return; // dropped on nothing: no link, nothing to say
    if (!drag.refusal.isEmpty()) {
        Q_EMIT linkRefused(drag.refusal);
        return;
    }
    const flow::Endpoint a{drag.node, drag.port.port};
    const flow::Endpoint b{drag.overNode, drag.overPort.port};
    const QString refused = drag.port.output ? connectPorts(a, b) : connectPorts(b, a);
    if (!refused.isEmpty())
        Q_EMIT linkRefused(refused);
}

void FlowScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton)
        commitMoves();
}

void FlowScene::commitMoves()
{
    if (!m_graph)
        return;
    std::vector<MoveNodesCommand::Move> moves;
    for (const flow::Node &n : m_graph->nodes()) {
        NodeItem *item = m_nodes.value(n.id);
        if (item && item->pos() != n.pos)
            moves.push_back({n.id, n.pos, item->pos()});
    }
    if (moves.empty())
        return;
    m_undo->push(new MoveNodesCommand(m_graph, std::move(moves)));
    updateSceneRect();
}

void FlowScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, QColor(0xf6, 0xf7, 0xf9));
    const qreal scale = painter->worldTransform().m11();
    // Axis-aligned hairlines need no antialiasing, and are several times cheaper without.
    painter->setRenderHint(QPainter::Antialiasing, false);
    // Minor lines only when they are at least 8 px apart; major lines every five.
    const qreal major = kGridSize * 5;
    auto lines = [&](qreal step) {
        QVector<QLineF> out;
        const qreal left = std::floor(rect.left() / step) * step;
        const qreal top = std::floor(rect.top() / step) * step;
        for (qreal x = left; x < rect.right(); x += step)
            out << QLineF(x, rect.top(), x, rect.bottom());
        for (qreal y = top; y < rect.bottom(); y += step)
            out << QLineF(rect.left(), y, rect.right(), y);
        return out;
    };
    if (kGridSize * scale >= 10) {
        painter->setPen(QPen(QColor(0xe9, 0xec, 0xf0), 0));
        painter->drawLines(lines(kGridSize));
    }
    if (major * scale >= 16) {
        painter->setPen(QPen(QColor(0xdc, 0xe0, 0xe6), 0));
        painter->drawLines(lines(major));
    }
}

} // namespace tenkai::ui
