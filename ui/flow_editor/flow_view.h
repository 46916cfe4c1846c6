// The canvas' view: zoom with the wheel around the cursor, pan with the middle button (or Space and
// drag), rubber-band selection, fit to view, and an overview of the whole flow in a corner.
#pragma once

#include <QGraphicsView>

namespace tenkai::ui {

class FlowScene;
class FlowOverview;

class FlowView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit FlowView(FlowScene *scene, QWidget *parent = nullptr);

    FlowScene *flowScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }
    // Zooms by `factor` keeping the scene point under `viewportPos` in place.
    void zoomBy(qreal factor, QPoint viewportPos);
    void setZoom(qreal zoom);
    void fitToView();
    // The scene point at the centre of the viewport.
    QPointF visibleCentre() const;
    FlowOverview *overview() const { return m_overview; }

    static constexpr qreal kMinZoom = 0.1;
    static constexpr qreal kMaxZoom = 3.0;

Q_SIGNALS:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void placeOverview();
    void updateOverview();

    FlowScene *m_scene;
    FlowOverview *m_overview;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panFrom;
};

// The overview: every node as a small box and the visible area as a frame; a click or drag there
// centres the view on that point. Cheap to paint whatever the size of the flow.
class FlowOverview : public QWidget
{
    Q_OBJECT

public:
    explicit FlowOverview(FlowView *view);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QTransform sceneToOverview() const;
    QRectF contentRect() const;

    FlowView *m_view;
};

} // namespace tenkai::ui
