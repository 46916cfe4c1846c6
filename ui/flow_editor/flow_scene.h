// The canvas' scene: mirrors a FlowGraph (one NodeItem per node, one LinkItem per link) by
// following its change signals, and turns the user's gestures into undo commands on the editor's
// stack. The scene never changes the model directly.
#pragma once

#include "flow/graph.h"
#include "flow/validation.h"
#include "flow_editor/node_item.h"
#include "flow_editor/run_status.h"

#include <QGraphicsScene>
#include <QHash>
#include <optional>

class QUndoStack;
class QGraphicsPathItem;

namespace tenkai::ui {

class LinkItem;

class FlowScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit FlowScene(QUndoStack *undoStack, QObject *parent = nullptr);
    ~FlowScene() override;

    // Mirrors `graph` (not owned; nullptr: nothing). Replaces every item.
    void setGraph(flow::FlowGraph *graph);
    flow::FlowGraph *graph() const { return m_graph; }
    QUndoStack *undoStack() const { return m_undo; }

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    LinkItem *linkItem(const QString &linkId) const { return m_links.value(linkId); }
    QList<NodeItem *> nodeItems() const { return m_nodes.values(); }
    // The rectangle of every node (for fitting and the overview); empty when there is none.
    QRectF nodesRect() const;

    // --- Edits, each one undo step -------------------------------------------------------------
    // Adds a node of a catalogue type with its header centred on `pos`; returns its id (empty when
    // the type is unknown).
    QString addNode(const QString &type, QPointF pos);
    // Links two ports, or says why not (nothing changes then).
    QString connectPorts(const flow::Endpoint &from, const flow::Endpoint &to);
    void deleteSelection();
    void duplicateSelection();
    // Moves the selected nodes by `delta` (the arrow keys).
    void nudgeSelection(QPointF delta);
    // Pastes flow JSON (what copySelection put on the clipboard) with the pasted nodes' top-left at
    // `at`; selects and returns the new ids. *error says why nothing was pasted.
    QStringList pasteJson(const QByteArray &json, QPointF at, QString *error = nullptr);

    QStringList selectedNodeIds() const;
    QStringList selectedLinkIds() const;
    void selectNodes(const QStringList &ids);
    // The selected nodes and the links among them as flow JSON.
    QByteArray selectionJson() const;

    // Far out, nodes are plain boxes that are cheaper to draw than to cache: the view says when.
    void setFarView(bool far);

    bool snapToGrid() const { return m_snap; }
    void setSnapToGrid(bool snap) { m_snap = snap; }
    QPointF snapped(QPointF pos) const;

    // --- Validation markers -----------------------------------------------------------------------
    void setProblems(const std::vector<flow::Problem> &problems);

    // --- Run status (the executor's view on the canvas) ----------------------------------------------
    void setSiteStatus(const QString &node, const SiteRunStatus &status);
    void setNodeStatuses(const QString &node, const std::vector<SiteRunStatus> &sites);
    std::vector<SiteRunStatus> siteStatuses(const QString &node) const;
    void clearStatuses();

    // --- A link being dragged from a port (driven by NodeItem) -------------------------------------
    struct ConnectionDrag
    {
        QString node;
        PortRef port;     // where the drag started
        QString overNode; // the port under the cursor, if any
        PortRef overPort;
        QString refusal; // why linking to it would be refused (empty: accepted)
    };
    const ConnectionDrag *connectionDrag() const { return m_drag ? &*m_drag : nullptr; }
    // Whether `port` of `node` could take the dragged link by type (for highlighting).
    bool dragCompatible(const NodeItem *node, const PortRef &port) const;
    void beginConnection(NodeItem *node, const PortRef &port);
    void updateConnection(QPointF scenePos);
    void endConnection(QPointF scenePos);

    // Set while the scene follows the model (item moves then are not user edits).
    bool isSyncing() const { return m_syncing; }
    void notifySiteClicked(const QString &node, const QString &site) { Q_EMIT siteStatusClicked(node, site); }
    void notifyDoubleClicked(const QString &node) { Q_EMIT nodeDoubleClicked(node); }

Q_SIGNALS:
    // A link the user dropped was refused; the sentence says why.
    void linkRefused(const QString &reason);
    // While a link is dragged over a port: the sentence to show near the cursor (empty: none).
    void connectionHint(const QString &text, QPointF scenePos);
    void siteStatusClicked(const QString &node, const QString &site);
    void nodeDoubleClicked(const QString &node);

protected:
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void onNodeAdded(const QString &id);
    void onNodeRemoved(const QString &id);
    void onNodeMoved(const QString &id, QPointF pos);
    void onNodeChanged(const QString &id);
    void onLinked(const QString &linkId);
    void onUnlinked(const QString &linkId);
    void placeLink(LinkItem *link);
    void commitMoves();
    void updateSceneRect();
    std::pair<QString, PortRef> portUnder(QPointF scenePos) const;

    QUndoStack *m_undo;
    flow::FlowGraph *m_graph = nullptr;
    QHash<QString, NodeItem *> m_nodes;
    QHash<QString, LinkItem *> m_links;
    QHash<QString, std::vector<SiteRunStatus>> m_statuses;
    std::optional<ConnectionDrag> m_drag;
    QGraphicsPathItem *m_dragPath = nullptr;
    QList<QMetaObject::Connection> m_connections;
    bool m_snap = true;
    bool m_farView = false;
    bool m_syncing = false;
};

} // namespace tenkai::ui
