// The deploy dialog with real widgets on real local sites: it opens on the plan, one click deploys
// (real tenkaid processes, real training), the grid follows every step to done, the report opens;
// a broken site fails alone, and after the fix "Retry failed sites" completes it.
#include "../support/flow_workspace.h"
#include "deploy/deploy_dialog.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace tenkai;
using namespace Qt::StringLiterals;
using tenkai::flow::StepState;
using tenkai::ui::DeployDialog;

class TestDeployDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planDeployReportRetry()
    {
        test::Workspace w;
        QVERIFY(w.make(2));
        const QString broken = w.inventory.sites[1].name;
        // The second site's folder is elsewhere for now: its teacher data fails.
        QVERIFY(QDir().rename(w.siteRoot(broken), w.path(u"hidden-site"_s)));

        DeployDialog dialog(*w.graph, w.inventory, test::optionsFor(w));
        int actions = 0;
        dialog.show(); // the operator opened it: the plan starts by itself
        ++actions;
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), DeployDialog::Phase::Planned, 60000);
        // Rows: the cloud and the two sites; columns: progress and the seven runnable nodes.
        QCOMPARE(dialog.grid()->rowCount(), 3);
        QCOMPARE(dialog.grid()->columnCount(), 1 + 7);
        const QString ok = w.inventory.sites[0].name;
        QVERIFY2(dialog.status(u"daemon"_s, ok).message.contains(u"would change 1"_s),
                 qPrintable(dialog.status(u"daemon"_s, ok).message));
        QCOMPARE(dialog.status(u"teacher"_s, broken).state, StepState::Failed);
        QVERIFY(dialog.deployButton()->isEnabled());
        // Nothing was changed by the plan.
        QVERIFY(!QFile::exists(w.siteRoot(ok) + u"/bin/tenkaid"_s));

        QTest::mouseClick(dialog.deployButton(), Qt::LeftButton);
        ++actions;
        QCOMPARE(dialog.phase(), DeployDialog::Phase::Running);
        QVERIFY(!dialog.deployButton()->isEnabled());
        QVERIFY(dialog.cancelButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), DeployDialog::Phase::Finished, 180000);
        for (const QString &node : {u"daemon"_s, u"deploy"_s, u"teacher"_s, u"train"_s, u"evaluate"_s})
            QCOMPARE(dialog.status(node, ok).state, StepState::Done);
        QCOMPARE(dialog.status(u"teacher"_s, broken).state, StepState::Failed);
        QCOMPARE(dialog.status(u"train"_s, broken).state, StepState::Skipped);
        QCOMPARE(dialog.status(u"report"_s, QString()).state, StepState::Done);
        QCOMPARE(dialog.failedSites(), QStringList{broken});
        // The per-site progress column: the good site complete, the broken one marked failed.
        QCOMPARE(dialog.grid()->item(1, 0)->data(Qt::UserRole).toInt(), int(StepState::Done));
        QCOMPARE(dialog.grid()->item(2, 0)->data(Qt::UserRole).toInt(), int(StepState::Failed));

        // The report, one click away.
        QVERIFY(dialog.reportButton()->isEnabled());
        QSignalSpy report(&dialog, &DeployDialog::reportRequested);
        QTest::mouseClick(dialog.reportButton(), Qt::LeftButton);
        ++actions;
        QCOMPARE(report.count(), 1);
        const QString shown = dialog.findChild<QPlainTextEdit *>()->toPlainText();
        QVERIFY2(shown.contains(u"| "_s + ok + u" |"_s), qPrintable(shown));

        // Fixed, the failed site alone is retried.
        w.stopDaemon(broken); // what the failed run left there: a daemon in the stand-in folder
        QVERIFY(QDir(w.siteRoot(broken)).removeRecursively());
        QVERIFY(QDir().rename(w.path(u"hidden-site"_s), w.siteRoot(broken)));
        QVERIFY(dialog.retryButton()->isVisible() && dialog.retryButton()->isEnabled());
        QTest::mouseClick(dialog.retryButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.phase(), DeployDialog::Phase::Finished, 180000);
        QCOMPARE(dialog.grid()->rowCount(), 2); // the cloud and the retried site
        QCOMPARE(dialog.status(u"evaluate"_s, broken).state, StepState::Done);
        QVERIFY(dialog.summary().ok());
        QVERIFY(dialog.failedSites().isEmpty());
        QCOMPARE(actions, 3); // open, deploy, report
    }

    void provisioningPartKeepsWhatItNeeds()
    {
        auto read = flow::loadFlow(QStringLiteral(TENKAI_FLOWS_DIR) + u"/paper.tenkai-flow.json"_s);
        QVERIFY(read.ok());
        const auto part = DeployDialog::provisioningPart(read.graph());
        QStringList ids = part->nodeIds();
        ids.sort();
        QCOMPARE(ids, (QStringList{u"daemon"_s, u"deploy"_s, u"pretrain"_s, u"provision"_s}));
        QCOMPARE(int(part->links().size()), 3);
    }
};

QTEST_MAIN(TestDeployDialog)
#include "tst_deploy_dialog.moc"
