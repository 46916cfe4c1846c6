#include "flow_editor/flow_editor.h"

#include "flow/catalogue.h"
#include "flow/flow_file.h"
#include "flow_editor/flow_palette.h"
#include "flow_editor/flow_problems.h"
#include "flow_editor/flow_properties.h"
#include "flow_editor/flow_scene.h"
#include "flow_editor/flow_style.h"
#include "flow_editor/flow_view.h"
#include "flow_editor/node_item.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tenkai::ui {

namespace {

const QString kMimeType = QStringLiteral("application/x-tenkai-flow+json");
const QString kRecentKey = QStringLiteral("flowEditor/recentFiles");
constexpr int kMaxRecent = 8;
constexpr int kDefaultAutosaveMs = 30000;

} // namespace

FlowEditor::FlowEditor(QWidget *parent)
    : QWidget(parent), m_undo(new QUndoStack(this)), m_validateTimer(new QTimer(this)),
      m_autosaveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("flowEditor"));
    m_scene = new FlowScene(m_undo, this);
    m_view = new FlowView(m_scene, this);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_palette = new FlowPalette(this);
    m_properties = new FlowPropertyPanel(m_undo, this);
    m_problemList = new FlowProblemList(this);

    createActions();
    createToolBar();

    auto *side = new QSplitter(Qt::Vertical, this);
    side->setObjectName(QStringLiteral("flowSidebar"));
    side->addWidget(m_properties);
    side->addWidget(m_problemList);
    side->setStretchFactor(0, 4);
    side->setStretchFactor(1, 1);
    side->setSizes({560, 160});
    side->setChildrenCollapsible(false);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("flowSplitter"));
    split->addWidget(m_palette);
    split->addWidget(m_view);
    split->addWidget(side);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 0);
    split->setSizes({210, 780, 310});
    split->setChildrenCollapsible(false);
    m_palette->setMinimumWidth(180);
    side->setMinimumWidth(260);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(split, 1);

    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(60);
    connect(m_validateTimer, &QTimer::timeout, this, &FlowEditor::validateNow);
    m_autosaveTimer->setInterval(kDefaultAutosaveMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, [this] {
        if (m_autosaveDirty)
            autosaveNow();
    });
    m_autosaveTimer->start();

    connect(m_undo, &QUndoStack::cleanChanged, this, [this] { Q_EMIT modificationChanged(isModified()); });
    connect(m_undo, &QUndoStack::indexChanged, this, [this] {
        m_autosaveDirty = true;
        updateActions();
    });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &FlowEditor::updateSelection);
    connect(m_scene, &FlowScene::linkRefused, this,
            [this](const QString &why) { Q_EMIT message(tr("Link refused: %1").arg(why)); });
    connect(m_scene, &FlowScene::connectionHint, this, [this](const QString &text, QPointF scenePos) {
        if (text.isEmpty()) {
            QToolTip::hideText();
            return;
        }
        const QPoint at = m_view->viewport()->mapToGlobal(m_view->mapFromScene(scenePos)) + QPoint(14, 14);
        QToolTip::showText(at, text, m_view->viewport());
    });
    connect(m_scene, &FlowScene::siteStatusClicked, this, &FlowEditor::siteStatusClicked);
    connect(m_scene, &FlowScene::nodeDoubleClicked, this, [this](const QString &id) {
        m_scene->selectNodes({id});
        m_properties->focusTitle();
    });
    connect(m_palette, &FlowPalette::dropped, this, &FlowEditor::dropType);
    connect(m_palette, &FlowPalette::activated, this, &FlowEditor::addAtCentre);
    connect(m_problemList, &FlowProblemList::nodeActivated, this, &FlowEditor::showNode);
    connect(m_view, &QWidget::customContextMenuRequested, this, &FlowEditor::showContextMenu);
    connect(m_view, &FlowView::zoomChanged, this,
            [this](qreal zoom) { m_zoomLabel->setText(tr("%1%").arg(qRound(zoom * 100))); });

    newFlow();
}

FlowEditor::~FlowEditor()
{
    // A clean close leaves no copy to recover; the scene lets go of the graph before it is destroyed.
    m_autosave.remove();
    disconnect(m_undo, nullptr, this, nullptr);
    disconnect(m_scene, nullptr, this, nullptr);
    m_scene->setGraph(nullptr);
    // The property panel holds the graph by QPointer and is not rebuilt here: the window around it
    // may be half destroyed already.
}

QAction *FlowEditor::makeAction(const QString &objectName, const QString &text, const QKeySequence &shortcut,
                                std::function<void()> slot, const QIcon &icon)
{
    auto *action = new QAction(icon, text, this);
    action->setObjectName(objectName);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setToolTip(QStringLiteral("%1 (%2)")
                               .arg(text, shortcut.toString(QKeySequence::NativeText))
                               .remove(QLatin1Char('&')));
    }
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, std::move(slot));
    addAction(action);
    m_actions.insert(objectName, action);
    return action;
}

QAction *FlowEditor::action(const QString &objectName) const
{
    return m_actions.value(objectName);
}

void FlowEditor::createActions()
{
    QStyle *s = style();
    makeAction(
        QStringLiteral("actionNew"), tr("&New flow"), QKeySequence::New,
        [this] {
            if (maybeSave())
                newFlow();
        },
        s->standardIcon(QStyle::SP_FileIcon));
    makeAction(
        QStringLiteral("actionOpen"), tr("&Open flow…"), QKeySequence::Open, [this] { openWithDialog(); },
        s->standardIcon(QStyle::SP_DialogOpenButton));
    makeAction(
        QStringLiteral("actionSave"), tr("&Save flow"), QKeySequence::Save, [this] { save(); },
        s->standardIcon(QStyle::SP_DialogSaveButton));
    makeAction(QStringLiteral("actionSaveAs"), tr("Save flow &as…"), QKeySequence::SaveAs,
               [this] { saveAs(); });
    makeAction(QStringLiteral("actionImport"), tr("&Import flow…"), QKeySequence(),
               [this] { importWithDialog(); });
    makeAction(QStringLiteral("actionExport"), tr("&Export image…"), QKeySequence(),
               [this] { exportWithDialog(); });
    m_recentMenu = new QMenu(tr("Open &recent"), this);
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();

    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    undo->setIcon(s->standardIcon(QStyle::SP_ArrowBack));
    addAction(undo);
    m_actions.insert(undo->objectName(), undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    // Both common bindings, whatever the platform's key scheme says.
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    redo->setIcon(s->standardIcon(QStyle::SP_ArrowForward));
    addAction(redo);
    m_actions.insert(redo->objectName(), redo);

    QAction *del = makeAction(
        QStringLiteral("actionDelete"), tr("&Delete"), QKeySequence::Delete,
        [this] { m_scene->deleteSelection(); }, s->standardIcon(QStyle::SP_TrashIcon));
    del->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    makeAction(
        QStringLiteral("actionDuplicate"), tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
        [this] { m_scene->duplicateSelection(); }, flowstyle::actionIcon(QStringLiteral("duplicate")));
    makeAction(QStringLiteral("actionCopy"), tr("&Copy"), QKeySequence::Copy, [this] { copySelection(); });
    makeAction(QStringLiteral("actionCut"), tr("Cu&t"), QKeySequence::Cut, [this] {
        copySelection();
        m_scene->deleteSelection();
    });
    makeAction(QStringLiteral("actionPaste"), tr("&Paste"), QKeySequence::Paste, [this] { paste(); });
    makeAction(QStringLiteral("actionSelectAll"), tr("Select &all"), QKeySequence::SelectAll, [this] {
        for (NodeItem *item : m_scene->nodeItems())
            item->setSelected(true);
    });
    makeAction(
        QStringLiteral("actionZoomIn"), tr("Zoom &in"), QKeySequence::ZoomIn,
        [this] { m_view->zoomBy(1.25, m_view->viewport()->rect().center()); },
        flowstyle::actionIcon(QStringLiteral("zoom-in")))
        ->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    makeAction(
        QStringLiteral("actionZoomOut"), tr("Zoom &out"), QKeySequence::ZoomOut,
        [this] { m_view->zoomBy(0.8, m_view->viewport()->rect().center()); },
        flowstyle::actionIcon(QStringLiteral("zoom-out")));
    makeAction(QStringLiteral("actionZoomReset"), tr("Actual si&ze"), QKeySequence(Qt::CTRL | Qt::Key_0),
               [this] { m_view->setZoom(1.0); });
    makeAction(
        QStringLiteral("actionFit"), tr("&Fit to view"), QKeySequence(Qt::Key_Home),
        [this] { m_view->fitToView(); }, flowstyle::actionIcon(QStringLiteral("zoom-fit")))
        ->setShortcuts({QKeySequence(Qt::Key_Home), QKeySequence(Qt::SHIFT | Qt::Key_1)});
    QAction *snap = makeAction(
        QStringLiteral("actionSnap"), tr("Snap to &grid"), QKeySequence(),
        [this] { m_scene->setSnapToGrid(m_actions.value(QStringLiteral("actionSnap"))->isChecked()); },
        flowstyle::actionIcon(QStringLiteral("grid")));
    snap->setCheckable(true);
    snap->setChecked(m_scene->snapToGrid());
    makeAction(QStringLiteral("actionFind"), tr("Find node &type"), QKeySequence::Find, [this] {
        m_palette->searchField()->setFocus();
        m_palette->searchField()->selectAll();
    });

    makeAction(
        QStringLiteral("actionRun"), tr("Run"), QKeySequence(Qt::Key_F5),
        [this] { Q_EMIT runRequested(false, QString()); }, flowstyle::actionIcon(QStringLiteral("run")));
    makeAction(
        QStringLiteral("actionDryRun"), tr("Dry run"), QKeySequence(Qt::CTRL | Qt::Key_F5),
        [this] { Q_EMIT runRequested(true, QString()); }, flowstyle::actionIcon(QStringLiteral("dry-run")));
    makeAction(
        QStringLiteral("actionRunFrom"), tr("Run from selected"), QKeySequence(Qt::Key_F6),
        [this] {
            const QStringList ids = m_scene->selectedNodeIds();
            if (ids.size() == 1)
                Q_EMIT runRequested(false, ids.first());
        },
        flowstyle::actionIcon(QStringLiteral("run-from")));
    makeAction(
        QStringLiteral("actionCancel"), tr("Cancel"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
        [this] { Q_EMIT cancelRequested(); }, flowstyle::actionIcon(QStringLiteral("cancel")));
    for (const QString &name : {QStringLiteral("actionRun"), QStringLiteral("actionDryRun"),
                                QStringLiteral("actionRunFrom"), QStringLiteral("actionCancel")})
        m_actions.value(name)->setPriority(QAction::NormalPriority);
}

void FlowEditor::createToolBar()
{
    m_toolBar = new QToolBar(tr("Flow"), this);
    m_toolBar->setObjectName(QStringLiteral("flowToolBar"));
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto add = [this](const QString &name, bool lowPriority = true) {
        QAction *a = m_actions.value(name);
        if (lowPriority)
            a->setPriority(QAction::LowPriority); // icon only in text-beside-icon mode
        m_toolBar->addAction(a);
    };
    add(QStringLiteral("actionNew"));
    add(QStringLiteral("actionOpen"));
    if (auto *open = qobject_cast<QToolButton *>(
            m_toolBar->widgetForAction(m_actions.value(QStringLiteral("actionOpen"))))) {
        open->setMenu(m_recentMenu);
        open->setPopupMode(QToolButton::MenuButtonPopup);
    }
    add(QStringLiteral("actionSave"));
    m_toolBar->addSeparator();
    add(QStringLiteral("actionUndo"));
    add(QStringLiteral("actionRedo"));
    m_toolBar->addSeparator();
    add(QStringLiteral("actionDelete"));
    add(QStringLiteral("actionDuplicate"));
    m_toolBar->addSeparator();
    add(QStringLiteral("actionZoomOut"));
    m_zoomLabel = new QLabel(tr("%1%").arg(100), m_toolBar);
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_zoomLabel->setMinimumWidth(44);
    m_zoomLabel->setAlignment(Qt::AlignCenter);
    m_toolBar->addWidget(m_zoomLabel);
    add(QStringLiteral("actionZoomIn"));
    add(QStringLiteral("actionFit"));
    add(QStringLiteral("actionSnap"));
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    add(QStringLiteral("actionRun"), false);
    add(QStringLiteral("actionDryRun"), false);
    add(QStringLiteral("actionRunFrom"), false);
    add(QStringLiteral("actionCancel"), false);
}

QList<QAction *> FlowEditor::fileActions() const
{
    return {m_actions.value(QStringLiteral("actionNew")),
            m_actions.value(QStringLiteral("actionOpen")),
            m_recentMenu->menuAction(),
            m_actions.value(QStringLiteral("actionSave")),
            m_actions.value(QStringLiteral("actionSaveAs")),
            m_actions.value(QStringLiteral("actionImport")),
            m_actions.value(QStringLiteral("actionExport"))};
}

// --- The graph ---------------------------------------------------------------------------------------

void FlowEditor::setGraph(std::unique_ptr<flow::FlowGraph> graph, const QString &fileName)
{
    m_undo->clear();
    m_scene->clearStatuses();
    std::unique_ptr<flow::FlowGraph> old = std::move(m_graph);
    m_graph = std::move(graph);
    m_scene->setGraph(m_graph.get());
    m_properties->setGraph(m_graph.get());
    old.reset();
    for (auto signal :
         {&flow::FlowGraph::nodeAdded, &flow::FlowGraph::nodeRemoved, &flow::FlowGraph::titleChanged,
          &flow::FlowGraph::targetsChanged, &flow::FlowGraph::linked, &flow::FlowGraph::unlinked})
        connect(m_graph.get(), signal, this, &FlowEditor::scheduleValidation);
    connect(m_graph.get(), &flow::FlowGraph::paramChanged, this, &FlowEditor::scheduleValidation);
    m_fileName = fileName;
    m_recovered = false;
    m_autosaveDirty = false;
    m_properties->setBaseDir(fileName.isEmpty() ? QString() : QFileInfo(fileName).absolutePath());
    m_undo->setClean();
    validateNow();
    updateActions();
    Q_EMIT fileNameChanged(m_fileName);
    Q_EMIT modificationChanged(false);
    QTimer::singleShot(0, m_view, [this] { m_view->fitToView(); });
}

void FlowEditor::newFlow()
{
    auto graph = std::make_unique<flow::FlowGraph>();
    graph->setName(tr("Untitled flow"));
    setGraph(std::move(graph), QString());
    m_autosave.remove();
}

bool FlowEditor::isModified() const
{
    return m_recovered || !m_undo->isClean();
}

bool FlowEditor::openFile(const QString &fileName, QString *error)
{
    flow::FlowReadResult read = flow::loadFlow(fileName);
    if (!read) {
        if (error)
            *error = read.error().text();
        return false;
    }
    setGraph(read.take(), QFileInfo(fileName).absoluteFilePath());
    addRecent(m_fileName);
    Q_EMIT message(tr("Opened %1").arg(QFileInfo(fileName).fileName()));
    return true;
}

bool FlowEditor::saveTo(const QString &fileName, QString *error)
{
    if (const auto failed = flow::saveFlow(*m_graph, fileName)) {
        if (error)
            *error = failed->text();
        return false;
    }
    const QString absolute = QFileInfo(fileName).absoluteFilePath();
    const bool renamed = absolute != m_fileName;
    m_fileName = absolute;
    m_recovered = false;
    m_properties->setBaseDir(QFileInfo(absolute).absolutePath());
    m_undo->setClean(); // the stack stays: undo goes on past a save
    m_autosave.remove();
    m_autosaveDirty = false;
    addRecent(absolute);
    if (renamed)
        Q_EMIT fileNameChanged(m_fileName);
    Q_EMIT modificationChanged(false);
    Q_EMIT message(tr("Saved %1").arg(QFileInfo(fileName).fileName()));
    return true;
}

bool FlowEditor::importFile(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QString why;
    const QStringList ids = m_scene->pasteJson(file.readAll(), pastePosition(), &why);
    if (ids.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    return true; // the paste is the import's one undo step
}

bool FlowEditor::exportImage(const QString &fileName)
{
    const QRectF source = m_scene->nodesRect().adjusted(-30, -30, 30, 30);
    if (source.isEmpty())
        return false;
    const qreal scale = 2.0;
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    m_scene->clearSelection();
    m_scene->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    painter.end();
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
    return image.save(fileName);
}

bool FlowEditor::maybeSave()
{
    if (!isModified())
        return true;
    const QString name = m_fileName.isEmpty() ? m_graph->name() : QFileInfo(m_fileName).fileName();
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("The flow \"%1\" has unsaved changes. Save them?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool FlowEditor::save()
{
    if (m_fileName.isEmpty())
        return saveAs();
    QString error;
    if (!saveTo(m_fileName, &error)) {
        QMessageBox::critical(this, tr("Cannot save the flow"), error);
        return false;
    }
    return true;
}

bool FlowEditor::saveAs()
{
    QString file = QFileDialog::getSaveFileName(this, tr("Save flow"), m_fileName,
                                                tr("Tenkai flows (*.tenkai-flow.json)"));
    if (file.isEmpty())
        return false;
    if (!file.endsWith(QLatin1String(".json")))
        file += QStringLiteral(".tenkai-flow.json");
    QString error;
    if (!saveTo(file, &error)) {
        QMessageBox::critical(this, tr("Cannot save the flow"), error);
        return false;
    }
    return true;
}

void FlowEditor::openWithDialog()
{
    if (!maybeSave())
        return;
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open flow"), m_fileName.isEmpty() ? QString() : QFileInfo(m_fileName).absolutePath(),
        tr("Tenkai flows (*.tenkai-flow.json);;JSON files (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!openFile(file, &error))
        QMessageBox::critical(this, tr("Cannot open the flow"), tr("%1\n\n%2").arg(file, error));
}

void FlowEditor::importWithDialog()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import flow"), QString(),
                                                      tr("Tenkai flows (*.tenkai-flow.json);;All files (*)"));
    QString error;
    if (!file.isEmpty() && !importFile(file, &error))
        QMessageBox::critical(this, tr("Cannot import the flow"), tr("%1\n\n%2").arg(file, error));
}

void FlowEditor::exportWithDialog()
{
    QString file =
        QFileDialog::getSaveFileName(this, tr("Export image"), QString(), tr("PNG images (*.png)"));
    if (file.isEmpty())
        return;
    if (!file.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        file += QStringLiteral(".png");
    if (!exportImage(file))
        QMessageBox::critical(this, tr("Cannot export the image"), file);
}

QStringList FlowEditor::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void FlowEditor::addRecent(const QString &fileName)
{
    QStringList files = recentFiles();
    files.removeAll(fileName);
    files.prepend(fileName);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(kRecentKey, files);
    rebuildRecentMenu();
}

void FlowEditor::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString &file : files) {
        QAction *a = m_recentMenu->addAction(QFileInfo(file).fileName(), this, [this, file] {
            if (!maybeSave())
                return;
            QString error;
            if (!openFile(file, &error))
                QMessageBox::critical(this, tr("Cannot open the flow"), tr("%1\n\n%2").arg(file, error));
        });
        a->setToolTip(file);
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent flows"))->setEnabled(false);
    m_recentMenu->menuAction()->setEnabled(!files.isEmpty());
}

void FlowEditor::setAutosaveInterval(int ms)
{
    m_autosaveTimer->setInterval(ms);
}

bool FlowEditor::autosaveNow()
{
    m_autosaveDirty = false;
    if (!isModified()) {
        m_autosave.remove();
        return true;
    }
    return m_autosave.write(*m_graph, m_fileName);
}

bool FlowEditor::recover(const QString &autosaveFile)
{
    flow::FlowReadResult read = flow::loadFlow(autosaveFile);
    if (!read)
        return false;
    QFile note(autosaveFile + QStringLiteral(".origin"));
    QString origin;
    if (note.open(QIODevice::ReadOnly))
        origin = QString::fromUtf8(note.readAll());
    setGraph(read.take(), origin);
    m_recovered = true;
    FlowAutosave::discard(autosaveFile);
    autosaveNow(); // the recovered flow is now this process's copy
    Q_EMIT modificationChanged(true);
    return true;
}

void FlowEditor::offerRecovery()
{
    const auto copies = FlowAutosave::recoverable();
    for (const FlowAutosave::Recoverable &copy : copies) {
        const QString name =
            copy.origin.isEmpty() ? tr("an untitled flow") : QFileInfo(copy.origin).fileName();
        const auto answer = QMessageBox::question(
            this, tr("Recover unsaved flow"),
            tr("The console stopped while %1 had unsaved changes (autosaved %2). Recover them?")
                .arg(name, QLocale().toString(copy.saved, QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::Discard | QMessageBox::Ignore, QMessageBox::Yes);
        if (answer == QMessageBox::Yes) {
            recover(copy.file);
            return; // one flow open at a time; others stay for the next start
        }
        if (answer == QMessageBox::Discard)
            FlowAutosave::discard(copy.file);
    }
}

// --- Validation and selection ----------------------------------------------------------------------------

void FlowEditor::scheduleValidation()
{
    m_validateTimer->start();
}

void FlowEditor::validateNow()
{
    m_validateTimer->stop();
    m_problems = m_graph ? flow::validateFlow(*m_graph) : std::vector<flow::Problem>{};
    m_scene->setProblems(m_problems);
    m_properties->setProblems(m_problems);
    m_problemList->setProblems(m_problems);
}

void FlowEditor::updateSelection()
{
    const QStringList ids = m_scene->selectedNodeIds();
    m_properties->setNode(ids.size() == 1 ? ids.first() : QString());
    updateActions();
}

void FlowEditor::updateActions()
{
    const QStringList nodes = m_scene->selectedNodeIds();
    const bool any = !nodes.isEmpty() || !m_scene->selectedLinkIds().isEmpty();
    m_actions.value(QStringLiteral("actionDelete"))->setEnabled(any);
    m_actions.value(QStringLiteral("actionDuplicate"))->setEnabled(!nodes.isEmpty());
    m_actions.value(QStringLiteral("actionCopy"))->setEnabled(!nodes.isEmpty());
    m_actions.value(QStringLiteral("actionCut"))->setEnabled(!nodes.isEmpty());
    m_actions.value(QStringLiteral("actionRun"))->setEnabled(!m_running);
    m_actions.value(QStringLiteral("actionDryRun"))->setEnabled(!m_running);
    m_actions.value(QStringLiteral("actionRunFrom"))->setEnabled(!m_running && nodes.size() == 1);
    m_actions.value(QStringLiteral("actionCancel"))->setEnabled(m_running);
}

void FlowEditor::showNode(const QString &id)
{
    NodeItem *item = m_scene->nodeItem(id);
    if (!item)
        return;
    m_scene->selectNodes({id});
    m_view->centerOn(item);
    m_view->setFocus();
}

// --- Clipboard, palette and context menu ---------------------------------------------------------------

QPointF FlowEditor::pastePosition() const
{
    const QPoint cursor = m_view->viewport()->mapFromGlobal(QCursor::pos());
    if (m_view->viewport()->rect().contains(cursor))
        return m_view->mapToScene(cursor);
    return m_view->visibleCentre() - QPointF(flowstyle::kNodeWidth / 2, 40);
}

void FlowEditor::copySelection()
{
    if (m_scene->selectedNodeIds().isEmpty())
        return;
    const QByteArray json = m_scene->selectionJson();
    auto *data = new QMimeData;
    data->setData(kMimeType, json);
    data->setText(QString::fromUtf8(json)); // other windows and programs get the flow JSON as text
    QApplication::clipboard()->setMimeData(data);
}

void FlowEditor::paste()
{
    const QMimeData *data = QApplication::clipboard()->mimeData();
    if (!data)
        return;
    const QByteArray json = data->hasFormat(kMimeType) ? data->data(kMimeType) : data->text().toUtf8();
    QString error;
    if (m_scene->pasteJson(json, pastePosition(), &error).isEmpty())
        Q_EMIT message(tr("Nothing to paste: %1").arg(error));
}

void FlowEditor::addAtCentre(const QString &type)
{
    QPointF at = m_view->visibleCentre();
    // Do not stack new nodes exactly on each other.
    for (int i = 0; i < 20 && !m_scene->items(at).isEmpty(); ++i)
        at += QPointF(flowstyle::kGridSize * 2, flowstyle::kGridSize * 2);
    m_scene->addNode(type, at);
    m_view->setFocus();
}

void FlowEditor::dropType(const QString &type, QPoint globalPos)
{
    const QPoint local = m_view->viewport()->mapFromGlobal(globalPos);
    if (!m_view->isVisible() || !m_view->viewport()->rect().contains(local))
        return;
    m_scene->addNode(type, m_view->mapToScene(local));
    m_view->setFocus();
}

void FlowEditor::showContextMenu(QPoint viewportPos)
{
    const QPointF scenePos = m_view->mapToScene(viewportPos);
    QMenu menu(this);
    QGraphicsItem *item = m_scene->itemAt(scenePos, m_view->transform());
    if (item && item->type() == NodeItem::Type && !item->isSelected())
        m_scene->selectNodes({static_cast<NodeItem *>(item)->nodeId()});
    if (!m_scene->selectedNodeIds().isEmpty() || !m_scene->selectedLinkIds().isEmpty()) {
        for (const QString &name : {QStringLiteral("actionCut"), QStringLiteral("actionCopy"),
                                    QStringLiteral("actionDuplicate"), QStringLiteral("actionDelete")})
            menu.addAction(m_actions.value(name));
        if (m_scene->selectedNodeIds().size() == 1)
            menu.addAction(m_actions.value(QStringLiteral("actionRunFrom")));
        menu.addSeparator();
    }
    QMenu *add = menu.addMenu(tr("Add node"));
    QHash<QString, QMenu *> categories;
    for (const flow::NodeType &type : flow::Catalogue::instance().types()) {
        QMenu *&sub = categories[type.category()];
        if (!sub)
            sub = add->addMenu(type.category());
        const QString id = type.id;
        sub->addAction(flowstyle::typeIcon(id), type.title(), this,
                       [this, id, scenePos] { m_scene->addNode(id, scenePos); });
    }
    menu.addAction(m_actions.value(QStringLiteral("actionPaste")));
    menu.addAction(m_actions.value(QStringLiteral("actionSelectAll")));
    menu.addAction(m_actions.value(QStringLiteral("actionFit")));
    menu.exec(m_view->viewport()->mapToGlobal(viewportPos));
}

// --- Run status ---------------------------------------------------------------------------------------

void FlowEditor::setSiteStatus(const QString &node, const QString &site, SiteRunState state, double progress)
{
    m_scene->setSiteStatus(node, SiteRunStatus{site, state, progress});
}

void FlowEditor::setNodeStatuses(const QString &node, const std::vector<SiteRunStatus> &sites)
{
    m_scene->setNodeStatuses(node, sites);
}

std::vector<SiteRunStatus> FlowEditor::siteStatuses(const QString &node) const
{
    return m_scene->siteStatuses(node);
}

void FlowEditor::clearRunStatus()
{
    m_scene->clearStatuses();
}

void FlowEditor::setRunning(bool running)
{
    m_running = running;
    updateActions();
}

} // namespace tenkai::ui
