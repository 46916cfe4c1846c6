#include "flow_editor/link_item.h"

#include "flow_editor/flow_style.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <cmath>

namespace tenkai::ui {

LinkItem::LinkItem(const flow::Link &link, QGraphicsItem *parent)
    : QGraphicsPathItem(parent), m_link(link), m_color(flowstyle::portColor(flow::PortType::Trigger))
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(-1);
}

QPainterPath LinkItem::curve(QPointF from, QPointF to)
{
    // Horizontal tangents at both ends; the bend grows with the distance, and stays visible when the
    // input lies left of the output.
    const qreal dx = std::max(std::abs(to.x() - from.x()) * 0.5, 40.0);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(dx, 0), to - QPointF(dx, 0), to);
    return path;
}

void LinkItem::setEnds(QPointF from, QPointF to)
{
    setPath(curve(from, to));
}

void LinkItem::setColor(const QColor &color)
{
    m_color = color;
    update();
}

void LinkItem::setProblem(const QString &message)
{
    if (m_problem == message)
        return;
    m_problem = message;
    setToolTip(message);
    update();
}

QPainterPath LinkItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path());
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool problem = !m_problem.isEmpty();
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < 0.35) {
        // Far out: a thin cosmetic line without antialiasing keeps hundreds of links cheap.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(problem ? flowstyle::errorColor() : m_color, isSelected() ? 2 : 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path());
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    QColor color = problem ? flowstyle::errorColor() : m_color;
    if (isSelected()) {
        QColor glow = color;
        glow.setAlpha(70);
        painter->setPen(QPen(glow, 7, Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(path());
    }
    QPen pen(color, (m_hovered || isSelected()) ? 2.6 : 2.0, problem ? Qt::DashLine : Qt::SolidLine,
             Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
}

void LinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsPathItem::hoverEnterEvent(event);
}

void LinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsPathItem::hoverLeaveEvent(event);
}

} // namespace tenkai::ui
