// A link between two ports on the canvas: a curve coloured by the type it carries.
#pragma once

#include "flow/graph.h"

#include <QGraphicsPathItem>

namespace tenkai::ui {

class LinkItem : public QGraphicsPathItem
{
public:
    enum
    {
        Type = UserType + 2
    };

    explicit LinkItem(const flow::Link &link, QGraphicsItem *parent = nullptr);
    int type() const override { return Type; }

    const flow::Link &link() const { return m_link; }
    QString linkId() const { return m_link.id(); }

    void setEnds(QPointF from, QPointF to);
    void setColor(const QColor &color);
    // A problem of this link (a mistyped or dangling one): drawn dashed in the error colour.
    void setProblem(const QString &message);

    // The curve from an output at `from` to an input at `to` (also used for the link being dragged).
    static QPainterPath curve(QPointF from, QPointF to);

    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    flow::Link m_link;
    QColor m_color;
    QString m_problem;
    bool m_hovered = false;
};

} // namespace tenkai::ui
