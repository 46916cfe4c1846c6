// The flow editor with real widgets, driven by real mouse and key events: a palette drag creates a
// node where it is dropped, dragging from port to port links (and an incompatible pair is refused
// with the model's sentence), moves and parameter edits are single undo steps, files round-trip,
// problems are marked, and the run-status API shows on the canvas.
#include "flow/catalogue.h"
#include "flow/flow_file.h"
#include "flow/validation.h"
#include "flow_editor/flow_autosave.h"
#include "flow_editor/flow_editor.h"
#include "flow_editor/flow_palette.h"
#include "flow_editor/flow_problems.h"
#include "flow_editor/flow_properties.h"
#include "flow_editor/flow_scene.h"
#include "flow_editor/flow_style.h"
#include "flow_editor/flow_view.h"
#include "flow_editor/link_item.h"
#include "flow_editor/node_item.h"
#include "flow_editor/policy_preview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

using namespace tenkai;
using tenkai::ui::FlowEditor;
using tenkai::ui::NodeItem;
using tenkai::ui::SiteRunState;

namespace {

QString flowsDir()
{
    return QStringLiteral(TENKAI_FLOWS_DIR);
}

// The viewport point of a scene point.
QPoint at(FlowEditor &editor, QPointF scenePos)
{
    return editor.view()->mapFromScene(scenePos);
}

// Drags with the left button from one viewport point to another in a few steps.
void drag(QWidget *viewport, QPoint from, QPoint to)
{
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / 4);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

} // namespace

class TestFlowEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void paletteDragCreatesNodeWhereDropped();
    void paletteSearchAndDoubleClick();
    void dragBetweenPortsLinks();
    void incompatibleLinkIsRefusedWithReason();
    void moveIsOneUndoStep();
    void parameterEditIsUndoable();
    void titleAndTargetsEditable();
    void policyListWithPreview();
    void saveReopenCompare();
    void undoSurvivesSave();
    void problemsAreMarkedAndListed();
    void markersFollowEdits();
    void copyPasteDuplicateDelete();
    void wheelZoomKeepsPointUnderCursor();
    void siteStatusShowsAndClicks();
    void runActionsEmitAndDisable();
    void autosaveAndRecovery();

private:
    std::unique_ptr<FlowEditor> m_editor;
    QTemporaryDir m_dir;
};

void TestFlowEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TenkaiTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_flow_editor"));
    QVERIFY(m_dir.isValid());
}

void TestFlowEditor::init()
{
    m_editor = std::make_unique<FlowEditor>();
    m_editor->resize(1400, 900);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    QCoreApplication::processEvents();
    m_editor->view()->setZoom(1.0);
    m_editor->view()->centerOn(QPointF(300, 200));
}

void TestFlowEditor::cleanup()
{
    m_editor.reset();
}

void TestFlowEditor::paletteDragCreatesNodeWhereDropped()
{
    auto *tree = m_editor->palette()->tree();
    QTreeWidgetItem *item = m_editor->palette()->itemOf(QStringLiteral("train-ensemble"));
    QVERIFY(item);
    const QPoint start = tree->visualItemRect(item).center();
    QWidget *viewport = m_editor->view()->viewport();
    const QPoint drop = viewport->rect().center() + QPoint(-100, 60);
    const QPointF dropScene = m_editor->view()->mapToScene(drop);

    QTest::mousePress(tree->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(tree->viewport(), start + QPoint(QApplication::startDragDistance() + 2, 0));
    QVERIFY(m_editor->palette()->isDragging());
    QTest::mouseMove(viewport, drop - QPoint(30, 10));
    QTest::mouseMove(viewport, drop);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, drop);
    QVERIFY(!m_editor->palette()->isDragging());

    const auto &nodes = m_editor->graph()->nodes();
    QCOMPARE(nodes.size(), size_t(1));
    QCOMPARE(nodes[0].type, QStringLiteral("train-ensemble"));
    QCOMPARE(nodes[0].params,
             flow::Catalogue::instance().find(QStringLiteral("train-ensemble"))->defaultParams());
    // The header's centre lands where it was dropped (to the grid).
    const QPointF header =
        nodes[0].pos + QPointF(ui::flowstyle::kNodeWidth / 2, ui::flowstyle::kHeaderHeight / 2);
    QVERIFY2(QLineF(header, dropScene).length() <= ui::flowstyle::kGridSize,
             qPrintable(QStringLiteral("node at %1,%2; dropped at %3,%4")
                            .arg(header.x())
                            .arg(header.y())
                            .arg(dropScene.x())
                            .arg(dropScene.y())));
    QVERIFY(m_editor->scene()->nodeItem(nodes[0].id)->isSelected());

    // Dropping outside the canvas creates nothing; the creation is one undo step.
    QTest::mousePress(tree->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(tree->viewport(), start + QPoint(0, QApplication::startDragDistance() + 2));
    QTest::mouseRelease(tree->viewport(), Qt::LeftButton, {}, start + QPoint(0, 20));
    QCOMPARE(m_editor->graph()->nodes().size(), size_t(1));
    m_editor->undoStack()->undo();
    QVERIFY(m_editor->graph()->nodes().empty());
    QVERIFY(m_editor->scene()->nodeItems().isEmpty());
}

void TestFlowEditor::paletteSearchAndDoubleClick()
{
    QTest::keyClicks(m_editor->palette()->searchField(), QStringLiteral("teacher"));
    auto *tree = m_editor->palette()->tree();
    QVERIFY(!m_editor->palette()->itemOf(QStringLiteral("generate-teacher-data"))->isHidden());
    QVERIFY(m_editor->palette()->itemOf(QStringLiteral("pretrain"))->isHidden());
    QTreeWidgetItem *item = m_editor->palette()->itemOf(QStringLiteral("generate-teacher-data"));
    const QPoint p = tree->visualItemRect(item).center();
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, p);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, p);
    QCOMPARE(m_editor->graph()->nodes().size(), size_t(1));
    const flow::Node &n = m_editor->graph()->nodes()[0];
    QCOMPARE(n.type, QStringLiteral("generate-teacher-data"));
    // At the view's centre.
    const QPointF centre = m_editor->view()->visibleCentre();
    QVERIFY(QLineF(n.pos + QPointF(ui::flowstyle::kNodeWidth / 2, ui::flowstyle::kHeaderHeight / 2), centre)
                .length() <= ui::flowstyle::kGridSize);
}

void TestFlowEditor::dragBetweenPortsLinks()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("pretrain"), QPointF(100, 100));
    const QString b = m_editor->scene()->addNode(QStringLiteral("deploy-model"), QPointF(500, 140));
    NodeItem *from = m_editor->scene()->nodeItem(a);
    NodeItem *to = m_editor->scene()->nodeItem(b);
    const QPoint out = at(*m_editor, from->portScenePos(QStringLiteral("model"), true));
    const QPoint in = at(*m_editor, to->portScenePos(QStringLiteral("model"), false));
    const int steps = m_editor->undoStack()->count();
    drag(m_editor->view()->viewport(), out, in);

    QCOMPARE(m_editor->graph()->links().size(), size_t(1));
    const flow::Link l = m_editor->graph()->links()[0]; // a copy: the model changes below
    QCOMPARE(l.from, (flow::Endpoint{a, QStringLiteral("model")}));
    QCOMPARE(l.to, (flow::Endpoint{b, QStringLiteral("model")}));
    QVERIFY(m_editor->scene()->linkItem(l.id()));
    QCOMPARE(m_editor->undoStack()->count(), steps + 1);
    QVERIFY(!m_editor->scene()->connectionDrag()); // the drag is over
    // Nodes did not move: the press on a port starts a link, not a move.
    QCOMPARE(m_editor->graph()->node(a)->pos, from->pos());

    // From an input back to an output works too (the link still goes output -> input).
    const QString c = m_editor->scene()->addNode(QStringLiteral("provision-edge"), QPointF(100, 400));
    const QPoint sitesIn = at(*m_editor, to->portScenePos(QStringLiteral("sites"), false));
    const QPoint sitesOut =
        at(*m_editor, m_editor->scene()->nodeItem(c)->portScenePos(QStringLiteral("sites"), true));
    drag(m_editor->view()->viewport(), sitesIn, sitesOut);
    QCOMPARE(m_editor->graph()->links().size(), size_t(2));
    QCOMPARE(m_editor->graph()->links()[1].from, (flow::Endpoint{c, QStringLiteral("sites")}));

    for (int i = 0; i < 3; ++i) // the second link, the third node, the first link
        m_editor->undoStack()->undo();
    QVERIFY(m_editor->graph()->links().empty());
    QVERIFY(!m_editor->scene()->linkItem(l.id()));
}

void TestFlowEditor::incompatibleLinkIsRefusedWithReason()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("pretrain"), QPointF(100, 100));
    const QString b = m_editor->scene()->addNode(QStringLiteral("evaluate"), QPointF(500, 100));
    const QPoint out =
        at(*m_editor, m_editor->scene()->nodeItem(a)->portScenePos(QStringLiteral("model"), true));
    const QPoint in =
        at(*m_editor, m_editor->scene()->nodeItem(b)->portScenePos(QStringLiteral("data"), false));
    const QString expected =
        m_editor->graph()->canLink({a, QStringLiteral("model")}, {b, QStringLiteral("data")});
    QVERIFY(!expected.isEmpty());

    QSignalSpy refused(m_editor->scene(), &ui::FlowScene::linkRefused);
    QSignalSpy hints(m_editor->scene(), &ui::FlowScene::connectionHint);
    QWidget *viewport = m_editor->view()->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, out);
    QTest::mouseMove(viewport, (out + in) / 2);
    QTest::mouseMove(viewport, in);
    // While over the port, the refusal is known and shown near the cursor.
    QVERIFY(m_editor->scene()->connectionDrag());
    QCOMPARE(m_editor->scene()->connectionDrag()->overNode, b);
    QCOMPARE(m_editor->scene()->connectionDrag()->refusal, expected);
    QVERIFY(!m_editor->scene()->dragCompatible(
        m_editor->scene()->nodeItem(b), m_editor->scene()->nodeItem(b)->port(QStringLiteral("data"), false)));
    QVERIFY(m_editor->scene()->dragCompatible(
        m_editor->scene()->nodeItem(b),
        m_editor->scene()->nodeItem(b)->port(QStringLiteral("model"), false)));
    QCOMPARE(hints.last().at(0).toString(), expected);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, in);

    QVERIFY(m_editor->graph()->links().empty());
    QCOMPARE(refused.count(), 1);
    QCOMPARE(refused.first().at(0).toString(), expected);
    QVERIFY(hints.last().at(0).toString().isEmpty()); // the hint goes away with the drag
}

void TestFlowEditor::moveIsOneUndoStep()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("evaluate"), QPointF(200, 200));
    const QPointF before = m_editor->graph()->node(a)->pos;
    const int steps = m_editor->undoStack()->count();
    // Grab the header (not a port) and drag in several steps.
    const QPoint grab = at(*m_editor, before + QPointF(60, 12));
    drag(m_editor->view()->viewport(), grab, grab + QPoint(200, 120));
    const QPointF after = m_editor->graph()->node(a)->pos;
    QCOMPARE(after, before + QPointF(200, 120)); // the grid is 20: a 200 x 120 move stays on it
    QCOMPARE(m_editor->scene()->nodeItem(a)->pos(), after);
    QCOMPARE(m_editor->undoStack()->count(), steps + 1);
    m_editor->undoStack()->undo();
    QCOMPARE(m_editor->graph()->node(a)->pos, before);
    QCOMPARE(m_editor->scene()->nodeItem(a)->pos(), before);

    // The arrow keys nudge the selection by the grid, Shift by five; Escape clears the selection.
    m_editor->scene()->selectNodes({a});
    m_editor->view()->setFocus();
    QTest::keyClick(m_editor->view(), Qt::Key_Right);
    QTest::keyClick(m_editor->view(), Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(m_editor->graph()->node(a)->pos,
             before + QPointF(ui::flowstyle::kGridSize, 5 * ui::flowstyle::kGridSize));
    QCOMPARE(m_editor->scene()->nodeItem(a)->pos(), m_editor->graph()->node(a)->pos);
    QTest::keyClick(m_editor->view(), Qt::Key_Escape);
    QVERIFY(m_editor->scene()->selectedNodeIds().isEmpty());
}

void TestFlowEditor::parameterEditIsUndoable()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("train-ensemble"), QPointF(200, 200));
    NodeItem *item = m_editor->scene()->nodeItem(a);
    m_editor->scene()->clearSelection();
    QTest::mouseClick(m_editor->view()->viewport(), Qt::LeftButton, {},
                      at(*m_editor, item->pos() + QPointF(80, 12)));
    QCOMPARE(m_editor->properties()->nodeId(), a);
    auto *epochs = m_editor->properties()->findChild<QSpinBox *>(QStringLiteral("param_epochs"));
    QVERIFY(epochs);
    QCOMPARE(epochs->value(), 5);
    QCOMPARE(epochs->suffix(), QStringLiteral(" epochs"));
    QCOMPARE(epochs->maximum(), 1000);

    epochs->setFocus();
    epochs->selectAll();
    QTest::keyClicks(epochs, QStringLiteral("12"));
    QTest::keyClick(epochs, Qt::Key_Return);
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("epochs")).toInt(), 12);
    QCOMPARE(m_editor->undoStack()->undoText(), QStringLiteral("Change epochs"));

    // Undo with the keyboard from the canvas; the panel follows the model.
    m_editor->view()->setFocus();
    QTest::keyClick(m_editor->view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("epochs")).toInt(), 5);
    QTRY_COMPARE(m_editor->properties()->findChild<QSpinBox *>(QStringLiteral("param_epochs"))->value(), 5);
    QTest::keyClick(m_editor->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("epochs")).toInt(), 12);

    // A value the schema refuses is not applied, and the panel says why.
    QVERIFY(!m_editor->properties()->applyParam(QStringLiteral("members"), 99).isEmpty());
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("members")).toInt(), 3);
}

void TestFlowEditor::titleAndTargetsEditable()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("evaluate"), QPointF(200, 200));
    QCOMPARE(m_editor->properties()->nodeId(), a);
    auto *title = m_editor->properties()->findChild<QLineEdit *>(QStringLiteral("nodeTitle"));
    auto *targets = m_editor->properties()->findChild<QLineEdit *>(QStringLiteral("nodeTargets"));
    QVERIFY(title && targets);
    title->setFocus();
    QTest::keyClicks(title, QStringLiteral("Score the edges"));
    QTest::keyClick(title, Qt::Key_Return);
    QCOMPARE(m_editor->graph()->node(a)->title, QStringLiteral("Score the edges"));
    targets = m_editor->properties()->findChild<QLineEdit *>(QStringLiteral("nodeTargets"));
    targets->setFocus();
    QTest::keyClicks(targets, QStringLiteral("group:edges, site:kyoto"));
    QTest::keyClick(targets, Qt::Key_Return);
    QCOMPARE(m_editor->graph()->node(a)->targets,
             (QStringList{QStringLiteral("group:edges"), QStringLiteral("site:kyoto")}));
    // "cloud" is refused for a per-site node, with the model's sentence.
    targets = m_editor->properties()->findChild<QLineEdit *>(QStringLiteral("nodeTargets"));
    targets->setFocus();
    targets->selectAll();
    QTest::keyClicks(targets, QStringLiteral("cloud"));
    QTest::keyClick(targets, Qt::Key_Return);
    QCOMPARE(m_editor->graph()->node(a)->targets.size(), 2);
    auto *refusal = m_editor->properties()->findChild<QLabel *>(QStringLiteral("propertyRefusal"));
    QVERIFY(refusal->isVisible());
    QVERIFY(refusal->text().contains(QStringLiteral("cloud")));
    m_editor->undoStack()->undo();
    QVERIFY(m_editor->graph()->node(a)->targets.isEmpty());
    m_editor->undoStack()->undo();
    QVERIFY(m_editor->graph()->node(a)->title.isEmpty());
}

void TestFlowEditor::policyListWithPreview()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("generate-teacher-data"), QPointF(200, 200));
    QCOMPARE(m_editor->properties()->nodeId(), a);
    const QJsonArray before = m_editor->graph()->node(a)->params.value(QStringLiteral("policies")).toArray();
    QCOMPARE(before.size(), 3);
    auto *table = m_editor->properties()->findChild<QTableWidget *>(QStringLiteral("param_policies_table"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 3);
    auto *second = qobject_cast<QComboBox *>(table->cellWidget(1, 0));
    QVERIFY(second);

    // A text form typed into member 2 is applied once it is valid, and previewed as it is typed.
    auto *preview = m_editor->properties()->findChild<ui::PolicyPreview *>(QStringLiteral("policyPreview"));
    QVERIFY(preview);
    QCOMPARE(preview->copies(), 5);
    QVERIFY(preview->error().isEmpty());
    second->lineEdit()->selectAll();
    QTest::keyClicks(second->lineEdit(), QStringLiteral("rotate:abc"));
    QVERIFY(!preview->error().isEmpty()); // the engine's reason, shown instead of images
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("policies")).toArray().at(1),
             before.at(1));
    second->lineEdit()->selectAll();
    QTest::keyClicks(second->lineEdit(), QStringLiteral("hflip,rotate:20"));
    QVERIFY(preview->error().isEmpty());
    QCOMPARE(preview->copies(), 5);
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("policies")).toArray().at(1).toString(),
             QStringLiteral("hflip,rotate:20"));
    // Typing is one undo step.
    m_editor->undoStack()->undo();
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("policies")).toArray(), before);

    // Adding a member adds a policy.
    table = m_editor->properties()->findChild<QTableWidget *>(QStringLiteral("param_policies_table"));
    auto *add = m_editor->properties()->findChild<QPushButton *>(QStringLiteral("param_policies_add"));
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(m_editor->graph()->node(a)->params.value(QStringLiteral("policies")).toArray().size(), 4);
}

void TestFlowEditor::saveReopenCompare()
{
    const QString paper = QDir(flowsDir()).filePath(QStringLiteral("paper.tenkai-flow.json"));
    QString error;
    QVERIFY2(m_editor->openFile(paper, &error), qPrintable(error));
    QCOMPARE(m_editor->scene()->nodeItems().size(), 9);
    QVERIFY(!m_editor->isModified());
    // Edit through the canvas and the panel, then save.
    const QString added = m_editor->scene()->addNode(QStringLiteral("wait-until"), QPointF(1300, 500));
    QVERIFY(m_editor->scene()
                ->connectPorts({QStringLiteral("report"), QStringLiteral("report")},
                               {added, QStringLiteral("report")})
                .isEmpty());
    QVERIFY(m_editor->isModified());
    const QString file = m_dir.filePath(QStringLiteral("saved.tenkai-flow.json"));
    QVERIFY2(m_editor->saveTo(file, &error), qPrintable(error));
    QVERIFY(!m_editor->isModified());
    QCOMPARE(m_editor->recentFiles().value(0), QFileInfo(file).absoluteFilePath());
    QCOMPARE(m_editor->recentMenu()->actions().value(0)->text(), QStringLiteral("saved.tenkai-flow.json"));
    // Export as an image: the whole flow, at twice the scene's scale.
    const QString png = m_dir.filePath(QStringLiteral("flow.png"));
    QVERIFY(m_editor->exportImage(png));
    const QImage image(png);
    QVERIFY(image.width() > 2 * 1500 && image.height() > 2 * 400);
    // Import adds another flow's nodes as one undo step.
    const int steps = m_editor->undoStack()->count();
    QVERIFY(m_editor->importFile(QDir(flowsDir()).filePath(QStringLiteral("demo.tenkai-flow.json")), &error));
    QCOMPARE(m_editor->undoStack()->count(), steps + 1);
    QVERIFY(m_editor->graph()->nodes().size() > 10);
    m_editor->undoStack()->undo();
    QCOMPARE(m_editor->graph()->nodes().size(), size_t(10));

    FlowEditor reopened;
    QVERIFY2(reopened.openFile(file, &error), qPrintable(error));
    QVERIFY(reopened.graph()->sameContent(*m_editor->graph()));
    QCOMPARE(reopened.scene()->nodeItems().size(), 10);
    QCOMPARE(flow::flowToJson(*reopened.graph()), flow::flowToJson(*m_editor->graph()));
    QVERIFY(reopened.scene()->linkItem(flow::linkId({QStringLiteral("report"), QStringLiteral("report")},
                                                    {added, QStringLiteral("report")})));
}

void TestFlowEditor::undoSurvivesSave()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("pretrain"), QPointF(0, 0));
    const QString file = m_dir.filePath(QStringLiteral("undo.tenkai-flow.json"));
    QVERIFY(m_editor->saveTo(file));
    QVERIFY(m_editor->undoStack()->canUndo());
    m_editor->undoStack()->undo();
    QVERIFY(!m_editor->graph()->node(a));
    QVERIFY(m_editor->isModified());
    m_editor->undoStack()->redo();
    QVERIFY(!m_editor->isModified());
}

void TestFlowEditor::problemsAreMarkedAndListed()
{
    // A node with an out-of-range parameter and no model input, and one of an unknown type.
    const QString file = m_dir.filePath(QStringLiteral("problems.tenkai-flow.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"format":"tenkai-flow","version":1,"name":"broken","nodes":[
        {"id":"train","type":"train-ensemble","pos":[0,0],"params":{"epochs":0},"targets":"group:edges"},
        {"id":"ok","type":"note","pos":[0,300],"params":{"text":"fine"}},
        {"id":"odd","type":"teleport","pos":[300,0]}],"links":[]})");
    out.close();
    QString error;
    QVERIFY2(m_editor->openFile(file, &error), qPrintable(error));
    const std::vector<flow::Problem> expected = flow::validateFlow(*m_editor->graph());
    QVERIFY(!expected.empty());
    QCOMPARE(m_editor->problems().size(), expected.size());

    NodeItem *train = m_editor->scene()->nodeItem(QStringLiteral("train"));
    QVERIFY(!train->problems().empty());
    QVERIFY(std::any_of(train->problems().begin(), train->problems().end(),
                        [](const flow::Problem &p) { return p.param == QStringLiteral("epochs"); }));
    QVERIFY(std::any_of(train->problems().begin(), train->problems().end(),
                        [](const flow::Problem &p) { return p.port == QStringLiteral("model"); }));
    QVERIFY(m_editor->scene()->nodeItem(QStringLiteral("ok"))->problems().empty());
    QVERIFY(!m_editor->scene()->nodeItem(QStringLiteral("odd"))->problems().empty());

    // The list holds every problem; clicking one selects its node and shows it in the panel.
    QTreeWidget *list = m_editor->problemList()->tree();
    QCOMPARE(list->topLevelItemCount(), int(expected.size()));
    QTreeWidgetItem *oddRow = nullptr;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(1) == QStringLiteral("odd"))
            oddRow = list->topLevelItem(i);
    }
    QVERIFY(oddRow);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(oddRow).center());
    QCOMPARE(m_editor->scene()->selectedNodeIds(), QStringList{QStringLiteral("odd")});
    QCOMPARE(m_editor->properties()->nodeId(), QStringLiteral("odd"));
    const QPointF centre = m_editor->view()->visibleCentre();
    QVERIFY(m_editor->scene()
                ->nodeItem(QStringLiteral("odd"))
                ->sceneBoundingRect()
                .adjusted(-50, -50, 50, 50)
                .contains(centre));

    // The panel marks the parameter; hovering the node gives the messages.
    m_editor->showNode(QStringLiteral("train"));
    auto *marker = m_editor->properties()->findChild<QLabel *>(QStringLiteral("problem_epochs"));
    QVERIFY(marker);
    QVERIFY(!marker->isHidden());
    QVERIFY(marker->text().contains(QStringLiteral("epochs")));
}

void TestFlowEditor::markersFollowEdits()
{
    const QString train = m_editor->scene()->addNode(QStringLiteral("evaluate"), QPointF(400, 100));
    m_editor->validateNow();
    const auto missingModel = [&] {
        const auto &p = m_editor->scene()->nodeItem(train)->problems();
        return std::any_of(p.begin(), p.end(), [](const flow::Problem &x) {
            return x.kind == flow::ProblemKind::MissingInput && x.port == QStringLiteral("model");
        });
    };
    QVERIFY(missingModel());
    const QString model = m_editor->scene()->addNode(QStringLiteral("model-file"), QPointF(0, 100));
    const QPoint out =
        at(*m_editor, m_editor->scene()->nodeItem(model)->portScenePos(QStringLiteral("model"), true));
    const QPoint in =
        at(*m_editor, m_editor->scene()->nodeItem(train)->portScenePos(QStringLiteral("model"), false));
    drag(m_editor->view()->viewport(), out, in);
    QCOMPARE(m_editor->graph()->links().size(), size_t(1));
    QTRY_VERIFY(!missingModel()); // revalidated after the edit, without asking
    m_editor->undoStack()->undo();
    QTRY_VERIFY(missingModel());
}

void TestFlowEditor::copyPasteDuplicateDelete()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("pretrain"), QPointF(100, 100));
    const QString b = m_editor->scene()->addNode(QStringLiteral("deploy-model"), QPointF(500, 100));
    QVERIFY(m_editor->scene()
                ->connectPorts({a, QStringLiteral("model")}, {b, QStringLiteral("model")})
                .isEmpty());
    m_editor->view()->setFocus();
    QTest::keyClick(m_editor->view(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_editor->scene()->selectedNodeIds().size(), 2);
    QTest::keyClick(m_editor->view(), Qt::Key_C, Qt::ControlModifier);
    // The clipboard holds flow JSON as text, so another window (or program) can read it.
    const QString text = QApplication::clipboard()->text();
    QVERIFY(flow::readFlow(text.toUtf8()).ok());
    QTest::keyClick(m_editor->view(), Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_editor->graph()->nodes().size(), size_t(4));
    QCOMPARE(m_editor->graph()->links().size(), size_t(2));
    QCOMPARE(m_editor->scene()->selectedNodeIds().size(), 2);
    QVERIFY(!m_editor->scene()->selectedNodeIds().contains(a));

    QTest::keyClick(m_editor->view(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(m_editor->graph()->nodes().size(), size_t(6));
    QCOMPARE(m_editor->graph()->links().size(), size_t(3));
    QTest::keyClick(m_editor->view(), Qt::Key_Delete);
    QCOMPARE(m_editor->graph()->nodes().size(), size_t(4));
    QCOMPARE(m_editor->graph()->links().size(), size_t(2));
    m_editor->undoStack()->undo();
    QCOMPARE(m_editor->graph()->nodes().size(), size_t(6));
    QCOMPARE(m_editor->graph()->links().size(), size_t(3));

    // A second editor (another window) takes the same clipboard.
    FlowEditor other;
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    other.action(QStringLiteral("actionPaste"))->trigger();
    QCOMPARE(other.graph()->nodes().size(), size_t(2));
    QCOMPARE(other.graph()->links().size(), size_t(1));
}

void TestFlowEditor::wheelZoomKeepsPointUnderCursor()
{
    m_editor->scene()->addNode(QStringLiteral("pretrain"), QPointF(0, 0));
    ui::FlowView *view = m_editor->view();
    const QPoint cursor = view->viewport()->rect().center() + QPoint(150, -80);
    const QPointF before = view->mapToScene(cursor);
    const qreal zoom = view->zoom();
    QWheelEvent wheel(cursor, view->viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(view->zoom() > zoom * 1.2);
    QVERIFY2(
        QLineF(view->mapToScene(cursor), before).length() < 2.0 / view->zoom(),
        qPrintable(QStringLiteral("moved by %1").arg(QLineF(view->mapToScene(cursor), before).length())));
    view->fitToView();
    QVERIFY(view->zoom() <= 1.0);
    // The overview shows only while part of the flow is out of sight.
    QVERIFY(view->overview()->isHidden());
    m_editor->scene()->addNode(QStringLiteral("evaluate"), QPointF(3000, 2000));
    view->setZoom(1.0);
    view->centerOn(QPointF(0, 0));
    QVERIFY(!view->overview()->isHidden());
}

void TestFlowEditor::siteStatusShowsAndClicks()
{
    const QString a = m_editor->scene()->addNode(QStringLiteral("train-ensemble"), QPointF(200, 100));
    NodeItem *item = m_editor->scene()->nodeItem(a);
    const qreal height = item->height();
    QVERIFY(item->statusRect().isEmpty());
    m_editor->setSiteStatus(a, QStringLiteral("kyoto"), SiteRunState::Done, 1);
    m_editor->setSiteStatus(a, QStringLiteral("osaka"), SiteRunState::Running, 0.4);
    m_editor->setSiteStatus(a, QStringLiteral("nara"), SiteRunState::Failed);
    m_editor->setSiteStatus(a, QStringLiteral("osaka"), SiteRunState::Running, 0.6); // updates, not adds
    const auto sites = m_editor->siteStatuses(a);
    QCOMPARE(sites.size(), size_t(3));
    QCOMPARE(sites[1], (ui::SiteRunStatus{QStringLiteral("osaka"), SiteRunState::Running, 0.6}));
    QVERIFY(item->height() > height); // the strip takes room on the node
    QVERIFY(!item->statusRect().isEmpty());
    const ui::RunStatusSummary summary = ui::summarizeRun(sites);
    QCOMPARE(summary.done, 1);
    QCOMPARE(summary.running, 1);
    QCOMPARE(summary.failed, 1);
    QCOMPARE(summary.progress, (1 + 0.6 + 1) / 3);

    // A click on the second site's cell names that site.
    QSignalSpy clicked(m_editor.get(), &FlowEditor::siteStatusClicked);
    const QRectF strip = item->statusRect();
    const QPointF cell = item->mapToScene(QPointF(ui::flowstyle::kPadding + 13 + 5, strip.top() + 9));
    QCOMPARE(item->siteAt(item->mapFromScene(cell)), QStringLiteral("osaka"));
    QTest::mouseClick(m_editor->view()->viewport(), Qt::LeftButton, {}, at(*m_editor, cell));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(0).toString(), a);
    QCOMPARE(clicked.first().at(1).toString(), QStringLiteral("osaka"));
    QCOMPARE(m_editor->graph()->node(a)->pos, item->pos()); // a click on the strip does not move the node

    // Many sites: counts instead of cells, the click names no site.
    std::vector<ui::SiteRunStatus> many;
    for (int i = 0; i < 40; ++i)
        many.push_back(
            {QStringLiteral("site-%1").arg(i), i < 30 ? SiteRunState::Done : SiteRunState::Waiting, 0});
    m_editor->setNodeStatuses(a, many);
    QVERIFY(item->siteAt(item->mapFromScene(cell)).isEmpty());
    m_editor->clearRunStatus();
    QVERIFY(m_editor->siteStatuses(a).empty());
    QCOMPARE(item->height(), height);
}

void TestFlowEditor::runActionsEmitAndDisable()
{
    QAction *run = m_editor->action(QStringLiteral("actionRun"));
    QAction *dry = m_editor->action(QStringLiteral("actionDryRun"));
    QAction *from = m_editor->action(QStringLiteral("actionRunFrom"));
    QAction *cancel = m_editor->action(QStringLiteral("actionCancel"));
    QVERIFY(run && dry && from && cancel);
    QVERIFY(run->isEnabled() && dry->isEnabled());
    QVERIFY(!from->isEnabled()); // nothing selected
    QVERIFY(!cancel->isEnabled());
    QSignalSpy runs(m_editor.get(), &FlowEditor::runRequested);
    QSignalSpy cancels(m_editor.get(), &FlowEditor::cancelRequested);

    m_editor->view()->setFocus();
    QTest::keyClick(m_editor->view(), Qt::Key_F5);
    dry->trigger();
    const QString a = m_editor->scene()->addNode(QStringLiteral("pretrain"), QPointF(0, 0));
    QVERIFY(from->isEnabled());
    from->trigger();
    QCOMPARE(runs.count(), 3);
    QCOMPARE(runs.at(0), (QList<QVariant>{false, QString()}));
    QCOMPARE(runs.at(1), (QList<QVariant>{true, QString()}));
    QCOMPARE(runs.at(2), (QList<QVariant>{false, a}));

    m_editor->setRunning(true);
    QVERIFY(!run->isEnabled() && !dry->isEnabled() && !from->isEnabled());
    QVERIFY(cancel->isEnabled());
    cancel->trigger();
    QCOMPARE(cancels.count(), 1);
    m_editor->setRunning(false);
    QVERIFY(run->isEnabled() && !cancel->isEnabled());
}

void TestFlowEditor::autosaveAndRecovery()
{
    m_editor->scene()->addNode(QStringLiteral("pretrain"), QPointF(0, 0));
    QVERIFY(m_editor->autosaveNow());
    QVERIFY(QFile::exists(m_editor->autosavePath()));
    // What a crash leaves: the copy of a process that is gone.
    const QString orphan =
        QDir(ui::FlowAutosave::folder()).filePath(QStringLiteral("flow-999999999.tenkai-flow.json"));
    QFile::remove(orphan);
    QVERIFY(QFile::copy(m_editor->autosavePath(), orphan));
    const auto copies = ui::FlowAutosave::recoverable();
    QCOMPARE(copies.size(), size_t(1)); // this process's own copy is not offered
    QCOMPARE(copies[0].file, orphan);

    FlowEditor second;
    QVERIFY(second.recover(orphan));
    QVERIFY(second.graph()->sameContent(*m_editor->graph()));
    QVERIFY(second.isModified());
    QVERIFY(!QFile::exists(orphan));

    // A flow saved cleanly leaves no copy.
    QVERIFY(m_editor->saveTo(m_dir.filePath(QStringLiteral("clean.tenkai-flow.json"))));
    QVERIFY(!QFile::exists(m_editor->autosavePath()));
}

QTEST_MAIN(TestFlowEditor)
#include "tst_flow_editor.moc"
