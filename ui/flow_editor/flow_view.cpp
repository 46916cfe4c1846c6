#include "flow_editor/flow_view.h"

#include "flow_editor/flow_scene.h"
#include "flow_editor/flow_style.h"
#include "flow_editor/node_item.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

namespace tenkai::ui {

FlowView::FlowView(FlowScene *scene, QWidget *parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setObjectName(QStringLiteral("flowView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState);
    setFrameShape(QFrame::NoFrame);
    // The overview, the wheel and the middle button navigate; scroll bars would only take room.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setAcceptDrops(false);
    setFocusPolicy(Qt::StrongFocus);
    m_overview = new FlowOverview(this);
    m_overview->setObjectName(QStringLiteral("flowOverview"));
    connect(scene, &QGraphicsScene::changed, this, &FlowView::updateOverview);
}

void FlowView::zoomBy(qreal factor, QPoint viewportPos)
{
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    const QPointF before = mapToScene(viewportPos);
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(NoAnchor);
    const qreal f = target / zoom();
    scale(f, f);
    // Keep `before` under the same viewport point.
    const QPoint off = mapFromScene(before) - viewportPos;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + off.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() + off.y());
    setTransformationAnchor(anchor);
    m_scene->setFarView(zoom() < NodeItem::kBoxLod);
    updateOverview();
    Q_EMIT zoomChanged(zoom());
}

void FlowView::setZoom(qreal value)
{
    zoomBy(value / zoom(), viewport()->rect().center());
}

void FlowView::fitToView()
{
    QRectF rect = m_scene->nodesRect();
    if (rect.isEmpty())
        rect = QRectF(-200, -150, 400, 300);
    rect.adjust(-40, -40, 40, 40);
    fitInView(rect, Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setZoom(1.0);
    else if (zoom() < kMinZoom)
        setZoom(kMinZoom);
    centerOn(rect.center());
    m_scene->setFarView(zoom() < NodeItem::kBoxLod);
    updateOverview();
    Q_EMIT zoomChanged(zoom());
}

QPointF FlowView::visibleCentre() const
{
    return mapToScene(viewport()->rect().center());
}

void FlowView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || (event->modifiers() & Qt::ShiftModifier)) {
        QGraphicsView::wheelEvent(event); // horizontal wheels and Shift+wheel scroll
        return;
    }
    zoomBy(std::pow(1.0015, delta), event->position().toPoint());
    event->accept();
}

void FlowView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void FlowView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint d = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void FlowView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void FlowView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    const qreal step = flowstyle::kGridSize * ((event->modifiers() & Qt::ShiftModifier) ? 5 : 1);
    QPointF nudge;
    switch (event->key()) {
    case Qt::Key_Left:
        nudge = QPointF(-step, 0);
        break;
    case Qt::Key_Right:
        nudge = QPointF(step, 0);
        break;
    case Qt::Key_Up:
        nudge = QPointF(0, -step);
        break;
    case Qt::Key_Down:
        nudge = QPointF(0, step);
        break;
    case Qt::Key_Escape:
        m_scene->clearSelection();
        event->accept();
        return;
    default:
        break;
    }
    if (!nudge.isNull() && !m_scene->selectedNodeIds().isEmpty()) {
        m_scene->nudgeSelection(nudge);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void FlowView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void FlowView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeOverview();
    updateOverview();
}

void FlowView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    updateOverview();
}

void FlowView::updateOverview()
{
    // The scene detaches itself while it is destroyed (and scrolls the view doing so): nothing to show.
    if (scene() != m_scene)
        return;
    // Only worth its room when part of the flow is out of sight.
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const QRectF nodes = m_scene->nodesRect();
    m_overview->setVisible(!nodes.isEmpty() && !visible.contains(nodes));
    m_overview->update();
}

void FlowView::placeOverview()
{
    const QSize size(std::min(180, viewport()->width() / 4), std::min(120, viewport()->height() / 4));
    const QRect area = viewport()->geometry();
    m_overview->setGeometry(QRect(area.bottomRight() - QPoint(size.width() + 12, size.height() + 12), size));
    m_overview->raise();
}

// --- Overview -------------------------------------------------------------------------------------

FlowOverview::FlowOverview(FlowView *view) : QWidget(view), m_view(view)
{
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
}

QRectF FlowOverview::contentRect() const
{
    QRectF rect = m_view->flowScene()->nodesRect();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    return (rect.isEmpty() ? visible : rect | visible).adjusted(-40, -40, 40, 40);
}

QTransform FlowOverview::sceneToOverview() const
{
    const QRectF content = contentRect();
    const QRectF target = QRectF(rect()).adjusted(6, 6, -6, -6);
    const qreal s = std::min(target.width() / content.width(), target.height() / content.height());
    const QPointF offset = target.center() - QPointF(content.center().x() * s, content.center().y() * s);
    return QTransform(s, 0, 0, s, offset.x(), offset.y());
}

void FlowOverview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0xc4, 0xcb, 0xd4), 1));
    p.setBrush(QColor(255, 255, 255, 230));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    const QTransform t = sceneToOverview();
    p.setPen(Qt::NoPen);
    for (const NodeItem *node : m_view->flowScene()->nodeItems()) {
        QColor c = flowstyle::categoryColor(node->node().type);
        if (!node->problems().empty())
            c = flowstyle::errorColor();
        p.setBrush(c.lighter(node->isSelected() ? 100 : 130));
        p.drawRect(t.mapRect(QRectF(node->pos(), QSizeF(flowstyle::kNodeWidth, node->height()))));
    }
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    p.setPen(QPen(QColor(0x25, 0x63, 0xeb), 1.5));
    p.setBrush(QColor(0x25, 0x63, 0xeb, 25));
    p.drawRect(t.mapRect(visible));
}

void FlowOverview::mousePressEvent(QMouseEvent *event)
{
    m_view->centerOn(sceneToOverview().inverted().map(event->position()));
    update();
}

void FlowOverview::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_view->centerOn(sceneToOverview().inverted().map(event->position()));
        update();
    }
}

} // namespace tenkai::ui
