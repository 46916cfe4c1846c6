// The palette: node types by category with their glyphs and a search field. Drag a type onto the
// canvas to create it where it is dropped; double-click (or Enter) adds it at the view's centre.
//
// The drag is the palette's own (it follows the mouse through an application event filter) rather
// than a QDrag: a type only ever goes to this window's canvas, and it behaves the same on every
// platform, the offscreen one of the tests included.
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace tenkai::ui {

class FlowPalette : public QWidget
{
    Q_OBJECT

public:
    explicit FlowPalette(QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    QTreeWidget *tree() const { return m_tree; }
    // The item of a type, for tests and screenshots.
    QTreeWidgetItem *itemOf(const QString &type) const;
    bool isDragging() const { return !m_dragType.isEmpty() && m_dragging; }

Q_SIGNALS:
    // A type was dropped at a global screen position (the receiver decides whether that is on the canvas).
    void dropped(const QString &type, QPoint globalPos);
    // A type was double-clicked or activated with the keyboard.
    void activated(const QString &type);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void populate();
    void filter(const QString &text);
    void startDrag();
    void finishDrag(bool drop, QPoint globalPos);

    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QString m_dragType;
    QPoint m_pressPos;
    bool m_dragging = false;
    QPointer<QLabel> m_dragLabel;
};

} // namespace tenkai::ui
