// Running from the flow editor (issue 7): the demo flow on real local sites with real daemons,
// started with the editor's Run key (F5), each node's per-site state reaching done on the canvas, a
// step's log on click; then Run from the selected node, and Cancel.
#include "../support/flow_workspace.h"
#include "flow_editor/flow_editor.h"
#include "flow_editor/flow_view.h"
#include "run/flow_run_controller.h"

#include <QAction>
#include <QSignalSpy>
#include <QTest>

using namespace tenkai;
using namespace Qt::StringLiterals;
using tenkai::ui::FlowEditor;
using tenkai::ui::FlowRunController;
using tenkai::ui::SiteRunState;

namespace {

bool allIn(const std::vector<ui::SiteRunStatus> &sites, SiteRunState state, std::size_t count)
{
    if (sites.size() != count)
        return false;
    for (const auto &s : sites)
        if (s.state != state)
            return false;
    return true;
}

} // namespace

class TestFlowRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runFromTheEditor()
    {
        test::Workspace w;
        QVERIFY(w.make(2));
        const QString file = w.path(u"demo.tenkai-flow.json"_s);
        QVERIFY(!flow::saveFlow(*w.graph, file));

        FlowEditor editor;
        editor.resize(1200, 800);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QString error;
        QVERIFY2(editor.openFile(file, &error), qPrintable(error));
        FlowRunController controller(&editor);
        controller.setInventoryProvider(
            [&](const QString &, QString *) { return std::optional<fleet::Inventory>(w.inventory); });
        controller.setBaseOptions(test::optionsFor(w));
        QSignalSpy finished(&controller, &FlowRunController::finished);

        // F5 on the canvas: Run.
        editor.view()->setFocus();
        QTest::keyClick(editor.view(), Qt::Key_F5);
        QVERIFY(controller.isRunning());
        QVERIFY(editor.isRunning());
        QVERIFY(!editor.action(u"actionRun"_s)->isEnabled());
        QVERIFY(editor.action(u"actionCancel"_s)->isEnabled());
        QVERIFY(finished.wait(180000));
        const auto summary = finished.first().first().value<flow::RunSummary>();
        QVERIFY2(summary.ok(), qPrintable(controller.stepLog(u"train"_s, w.inventory.sites[0].name)));
        QVERIFY(!editor.isRunning());
        // Every node shows its sites done on the canvas.
        QVERIFY(allIn(editor.siteStatuses(u"pretrain"_s), SiteRunState::Done, 1));
        for (const QString &node : {u"daemon"_s, u"deploy"_s, u"teacher"_s, u"train"_s, u"evaluate"_s})
            QVERIFY2(allIn(editor.siteStatuses(node), SiteRunState::Done, 2), qPrintable(node));
        // A click on a site's state shows that step's log.
        const QString log = controller.stepLog(u"train"_s, w.inventory.sites[1].name);
        QVERIFY2(log.contains(u"epoch 2"_s), qPrintable(log));

        // Run from the selected node: the ones before it come from the history.
        editor.showNode(u"train"_s);
        finished.clear();
        editor.action(u"actionRunFrom"_s)->trigger();
        QVERIFY(finished.wait(180000));
        const auto from = finished.first().first().value<flow::RunSummary>();
        QVERIFY(from.ok());
        QCOMPARE(from.stored, 1 + 2 * 3);
        QCOMPARE(from.done, 2 * 2 + 1);

        // Cancel while training.
        editor.graph()->setParamUnchecked(u"train"_s, u"epochs"_s, 500);
        QVERIFY(editor.saveTo(file));
        finished.clear();
        bool cancelled = false;
        editor.action(u"actionRun"_s)->trigger();
        connect(controller.executor(), &flow::FlowExecutor::stepChanged, this,
                [&](const flow::StepStatus &s) {
                    if (!cancelled && s.node == u"train"_s && s.state == flow::StepState::Running &&
                        s.progress > 0) {
                        cancelled = true;
                        editor.action(u"actionCancel"_s)->trigger();
                    }
                });
        QVERIFY(finished.wait(180000));
        QVERIFY(cancelled);
        QVERIFY(finished.first().first().value<flow::RunSummary>().cancelled);
        QVERIFY(allIn(editor.siteStatuses(u"train"_s), SiteRunState::Cancelled, 2));
        QVERIFY(editor.action(u"actionRun"_s)->isEnabled());
    }
};

QTEST_MAIN(TestFlowRun)
#include "tst_flow_run.moc"
