// A node on the canvas: title, type glyph, typed ports coloured by type, a summary of its key
// parameters, validation markers and, while a flow runs, a per-site status strip.
#pragma once

#include "flow/catalogue.h"
#include "flow/graph.h"
#include "flow/validation.h"
#include "flow_editor/run_status.h"

#include <QGraphicsItem>
#include <QList>
#include <vector>

namespace tenkai::ui {

class FlowScene;
class LinkItem;

// A port of a node as the canvas sees it.
struct PortRef
{
    QString port;
    bool output = false;
    flow::PortType type = flow::PortType::Trigger;
    bool isValid() const { return !port.isEmpty(); }
};

class NodeItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 1
    };

    // Below this scale a node is drawn as a plain box in its category's colour.
    static constexpr qreal kBoxLod = 0.35;

    NodeItem(FlowScene *scene, const flow::Node &node);
    int type() const override { return Type; }

    QString nodeId() const { return m_node.id; }
    const flow::Node &node() const { return m_node; }
    // Takes the model's node again (title, parameters, targets, type); the position is set apart.
    void sync(const flow::Node &node);

    // Ports, in the order they are drawn; their centres in scene coordinates.
    std::vector<PortRef> ports() const;
    PortRef port(const QString &name, bool output) const;
    QPointF portScenePos(const QString &name, bool output) const;
    // The port whose circle or label is at `pos` (item coordinates), if any.
    PortRef portAt(QPointF pos) const;

    void addLink(LinkItem *link) { m_links << link; }
    void removeLink(LinkItem *link) { m_links.removeAll(link); }
    const QList<LinkItem *> &links() const { return m_links; }
    void updateLinks();

    // Validation problems of this node (and its ports and parameters).
    void setProblems(std::vector<flow::Problem> problems);
    const std::vector<flow::Problem> &problems() const { return m_problems; }

    // Run status per site (empty: no strip).
    void setSiteStatuses(std::vector<SiteRunStatus> sites);
    const std::vector<SiteRunStatus> &siteStatuses() const { return m_sites; }
    // The status strip's area and the site drawn at `pos` (empty when the strip shows counts).
    QRectF statusRect() const;
    QString siteAt(QPointF pos) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    qreal height() const { return m_height; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void relayout();
    QString summary() const;
    QString subtitle() const;
    QString tooltipAt(QPointF pos) const;
    bool isNote() const { return m_node.type == QLatin1String("note"); }
    qreal portsTop() const;
    void paintPorts(QPainter *painter, bool labels) const;
    void paintStatus(QPainter *painter) const;
    void paintBadge(QPainter *painter) const;

    FlowScene *m_scene;
    flow::Node m_node;
    const flow::NodeType *m_type = nullptr;
    QList<LinkItem *> m_links;
    std::vector<flow::Problem> m_problems;
    std::vector<SiteRunStatus> m_sites;
    qreal m_height = 0;
    QString m_summary;
    // Texts as drawn (elided to their room), computed when the node changes rather than per paint.
    QString m_titleText;
    QString m_subtitleText;
    QString m_summaryText;
    QStringList m_inLabels;
    QStringList m_outLabels;
    QString m_hoverPort; // "in:NAME" / "out:NAME"
    bool m_connecting = false;
};

} // namespace tenkai::ui
