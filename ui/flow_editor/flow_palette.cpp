#include "flow_editor/flow_palette.h"

#include "flow/catalogue.h"
#include "flow_editor/flow_style.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tenkai::ui {

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;

} // namespace

FlowPalette::FlowPalette(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("flowPalette"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 4, 8);
    layout->setSpacing(6);
    auto *heading = new QLabel(tr("Node types"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    layout->addWidget(heading);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Search node types"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("paletteTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(8);
    m_tree->setIconSize(QSize(20, 20));
    m_tree->setUniformRowHeights(true);
    m_tree->setDragEnabled(false);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->viewport()->installEventFilter(this);
    layout->addWidget(m_tree, 1);
    auto *hint = new QLabel(tr("Drag a type onto the canvas, or double-click it."), this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(hint);
    populate();
    connect(m_search, &QLineEdit::textChanged, this, &FlowPalette::filter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { // Enter adds the first match
        QTreeWidgetItem *item = m_tree->currentItem();
        if (item && !item->isHidden() && !item->data(0, kTypeRole).toString().isEmpty())
            Q_EMIT activated(item->data(0, kTypeRole).toString());
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString type = item->data(0, kTypeRole).toString();
        if (!type.isEmpty())
            Q_EMIT activated(type);
    });
}

void FlowPalette::populate()
{
    QHash<QString, QTreeWidgetItem *> categories;
    for (const flow::NodeType &type : flow::Catalogue::instance().types()) {
        QTreeWidgetItem *&category = categories[type.category()];
        if (!category) {
            category = new QTreeWidgetItem(m_tree, QStringList{type.category()});
            QFont f = category->font(0);
            f.setBold(true);
            category->setFont(0, f);
            category->setFlags(Qt::ItemIsEnabled);
            category->setForeground(0, palette().color(QPalette::PlaceholderText));
        }
        auto *item = new QTreeWidgetItem(category, QStringList{type.title()});
        item->setIcon(0, flowstyle::typeIcon(type.id));
        item->setData(0, kTypeRole, type.id);
        item->setToolTip(
            0,
            QStringLiteral("<b>%1</b><br>%2").arg(type.title().toHtmlEscaped(), type.help().toHtmlEscaped()));
    }
    m_tree->expandAll();
}

QTreeWidgetItem *FlowPalette::itemOf(const QString &type) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, kTypeRole).toString() == type)
            return *it;
    }
    return nullptr;
}

void FlowPalette::filter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *category = m_tree->topLevelItem(i);
        int shown = 0;
        for (int j = 0; j < category->childCount(); ++j) {
            QTreeWidgetItem *item = category->child(j);
            const flow::NodeType *type =
                flow::Catalogue::instance().find(item->data(0, kTypeRole).toString());
            const bool match = needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive) ||
                               (type && (type->id.contains(needle, Qt::CaseInsensitive) ||
                                         type->help().contains(needle, Qt::CaseInsensitive) ||
                                         category->text(0).contains(needle, Qt::CaseInsensitive)));
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        category->setHidden(shown == 0);
    }
    // Enter in the search field takes the first match.
    for (QTreeWidgetItemIterator it(m_tree, QTreeWidgetItemIterator::NotHidden); *it; ++it) {
        if (!(*it)->data(0, kTypeRole).toString().isEmpty()) {
            m_tree->setCurrentItem(*it);
            break;
        }
    }
}

bool FlowPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (m_dragging) { // the drag follows the mouse wherever its events go
        switch (event->type()) {
        case QEvent::MouseMove: {
            const auto *e = static_cast<QMouseEvent *>(event);
            if (m_dragLabel)
                m_dragLabel->move(e->globalPosition().toPoint() + QPoint(12, 8));
            return true;
        }
        case QEvent::MouseButtonRelease: {
            const auto *e = static_cast<QMouseEvent *>(event);
            finishDrag(true, e->globalPosition().toPoint());
            return true;
        }
        case QEvent::KeyPress:
            if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
                finishDrag(false, {});
                return true;
            }
            break;
        default:
            break;
        }
        return false;
    }
    if (watched != m_tree->viewport())
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::MouseButtonPress) {
        const auto *e = static_cast<QMouseEvent *>(event);
        QTreeWidgetItem *item = m_tree->itemAt(e->position().toPoint());
        m_dragType =
            (e->button() == Qt::LeftButton && item) ? item->data(0, kTypeRole).toString() : QString();
        m_pressPos = e->position().toPoint();
    } else if (event->type() == QEvent::MouseMove && !m_dragType.isEmpty()) {
        const auto *e = static_cast<QMouseEvent *>(event);
        if ((e->buttons() & Qt::LeftButton) &&
            (e->position().toPoint() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            startDrag();
            return true;
        }
    } else if (event->type() == QEvent::MouseButtonRelease) {
        m_dragType.clear();
    }
    return QWidget::eventFilter(watched, event);
}

void FlowPalette::startDrag()
{
    m_dragging = true;
    qApp->installEventFilter(this);
    QApplication::setOverrideCursor(Qt::DragCopyCursor);
    const flow::NodeType *type = flow::Catalogue::instance().find(m_dragType);
    auto *label = new QLabel(nullptr, Qt::ToolTip | Qt::FramelessWindowHint);
    label->setObjectName(QStringLiteral("paletteDragLabel"));
    label->setText(type ? type->title() : m_dragType);
    label->setStyleSheet(QStringLiteral("QLabel { background: white; border: 1px solid #2563eb; "
                                        "border-radius: 4px; padding: 4px 8px; }"));
    label->adjustSize();
    label->move(QCursor::pos() + QPoint(12, 8));
    label->show();
    m_dragLabel = label;
}

void FlowPalette::finishDrag(bool drop, QPoint globalPos)
{
    const QString type = m_dragType;
    m_dragging = false;
    m_dragType.clear();
    qApp->removeEventFilter(this);
    QApplication::restoreOverrideCursor();
    delete m_dragLabel;
    if (drop)
        Q_EMIT dropped(type, globalPos);
}

} // namespace tenkai::ui
