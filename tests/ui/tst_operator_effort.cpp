// Operator effort (issue 8): the paper's scenario played in the console on 10 real sshd sites,
// counting every click and key press after the flow and the imported inventory are open: deploy
// (the plan opens), accept the ten new host keys in one go, deploy, see the report. The live
// monitor follows every site's training with no action. docs/operator-effort.md compares the count
// with the same scenario done by hand.
#include "../support/daemon_runs.h"
#include "../support/paper_sites.h"
#include "../support/sshd_sites.h"
#include "deploy/deploy_dialog.h"
#include "fleet/fleet_view.h"
#include "flow/flow_file.h"
#include "flow_editor/flow_editor.h"
#include "main_window.h"
#include "monitor/live_monitor.h"
#include "monitor/site_feed.h"
#include "teacher_data.h"

#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace tenkai;
using namespace Qt::StringLiterals;
using tenkai::ui::DeployDialog;

class TestOperatorEffort : public QObject
{
    Q_OBJECT

    test::SshdSites m_sites;
    QTemporaryDir m_workspace;

    QString rootOf(int i) const { return m_sites.site(i).dir + u"/srv"_s; }

    // Why each failed site failed, step by step.
    static QString failures(const DeployDialog &dialog, const flow::FlowGraph &graph)
    {
        QStringList lines;
        for (const QString &site : dialog.failedSites())
            for (const QString &node : graph.nodeIds())
                if (const auto s = dialog.status(node, site); s.state == flow::StepState::Failed)
                    lines << site + u" / "_s + node + u": "_s + s.message;
        return lines.join(u"\n"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = test::SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_sites.start(10), qPrintable(m_sites.error()));
        QVERIFY(test::placePaperSiteData(m_sites, [this](int i) { return rootOf(i); }));
    }

    void cleanupTestCase()
    {
        test::killPaperDaemons(m_sites.count(), [this](int i) { return rootOf(i); });
    }

    void paperScenarioInFourActions()
    {
        // The paper's flow as saved by the operator (tiny training for the test).
        auto graph = test::tinyPaperFlow(2);
        QVERIFY(graph);
        const QString flowFile = m_workspace.filePath(u"paper.tenkai-flow.json"_s);
        QVERIFY(!flow::saveFlow(*graph, flowFile));
        // The operator's Ansible inventory of the ten edges.
        QByteArray ini = "[edges]\n";
        for (int i = 0; i < 10; ++i)
            ini += u"edge%1 ansible_host=127.0.0.1 ansible_port=%2 ansible_user=root "
                   u"ansible_ssh_private_key_file=%3 tenkai_root='%4' tenkai_daemon_port=%5\n"_s
                       .arg(i + 1, 2, 10, QLatin1Char('0'))
                       .arg(m_sites.site(i).port)
                       .arg(m_sites.clientKey(), rootOf(i))
                       .arg(test::freePort())
                       .toUtf8();
        QFile hosts(m_workspace.filePath(u"hosts.ini"_s));
        QVERIFY(hosts.open(QIODevice::WriteOnly) && hosts.write(ini) == ini.size());
        hosts.close();

        ui::MainWindow window;
        window.setSshConfig(m_sites.clientConfig());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Opening the flow and importing the inventory (not counted: the starting point).
        QString error;
        QVERIFY2(window.flowEditor()->openFile(flowFile, &error), qPrintable(error));
        QStringList notMapped;
        QVERIFY2(window.fleetView()->importAnsibleInventory(
                     hosts.fileName(), m_workspace.filePath(u"inventory.yaml"_s), &notMapped, &error),
                 qPrintable(error));
        QCOMPARE(int(window.fleetView()->inventory().sites.size()), 10);

        int actions = 0;
        // 1. Ctrl+Shift+D: the deploy dialog opens on the plan.
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        ++actions;
        auto *dialog = window.findChild<DeployDialog *>();
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->phase(), DeployDialog::Phase::Planned, 120000);
        // First contact: all ten fingerprints in one list.
        QCOMPARE(int(dialog->unknownHostKeys().size()), 10);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(dialog->unknownHostKeys().at(u"edge%1"_s.arg(i + 1, 2, 10, QLatin1Char('0'))),
                     m_sites.hostKeyFingerprint(i));
        // 2. Accept them; the plan is made again.
        QTest::mouseClick(dialog->acceptKeysButton(), Qt::LeftButton);
        ++actions;
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->phase() == DeployDialog::Phase::Planned && dialog->unknownHostKeys().empty(), 120000);
        QCOMPARE(dialog->summary().failed, 0);
        // 3. Deploy: provisioning, daemons, model, teacher data, ten ensembles of 5, evaluation, report.
        QTest::mouseClick(dialog->deployButton(), Qt::LeftButton);
        ++actions;
        QTRY_COMPARE_WITH_TIMEOUT(dialog->phase(), DeployDialog::Phase::Finished, 600000);
        QVERIFY2(dialog->summary().ok(), qPrintable(failures(*dialog, *graph)));
        // 4. The report.
        QTest::mouseClick(dialog->reportButton(), Qt::LeftButton);
        ++actions;
        const QString report = dialog->findChild<QPlainTextEdit *>()->toPlainText();
        for (int i = 0; i < 10; ++i)
            QVERIFY2(report.contains(u"| edge%1 |"_s.arg(i + 1, 2, 10, QLatin1Char('0'))),
                     qPrintable(report));
        QCOMPARE(actions, 4);

        // Convergence was followed live with no action: every edge's feed holds its ensemble's points.
        for (int i = 0; i < 10; ++i) {
            const QString site = u"edge%1"_s.arg(i + 1, 2, 10, QLatin1Char('0'));
            ui::SiteFeed *feed = window.liveMonitor()->feed(site);
            QVERIFY2(feed, qPrintable(site));
            QTRY_VERIFY2_WITH_TIMEOUT(feed->metrics().pointCount() > 0,
                                      qPrintable(site + u": "_s + feed->problem()), 60000);
        }
    }
};

QTEST_MAIN(TestOperatorEffort)
#include "tst_operator_effort.moc"
