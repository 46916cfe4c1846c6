// The paper's scenario as shipped (resources/flows/paper.tenkai-flow.json) on 10 real sshd sites:
// provisioning recipe, tenkaid installed and started over SSH, the model deployed, an ensemble of 5
// trained on every edge's own data through each daemon's SSH channel, evaluated and collected.
// Training is made tiny (LeNet, one epoch, few images); everything else runs as in production.
#include "../support/daemon_runs.h"
#include "../support/paper_sites.h"
#include "../support/sshd_sites.h"
#include "fleet/inventory.h"
#include "flow/executor.h"
#include "flow/flow_file.h"
#include "teacher_data.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <csignal>

using namespace tenkai;
using namespace tenkai::flow;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestFlowPaper : public QObject
{
    Q_OBJECT

    test::SshdSites m_sites;
    fleet::Inventory m_inventory;

    QString rootOf(int i) const { return m_sites.site(i).dir + u"/srv tenkai"_s; }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = test::SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_sites.start(10), qPrintable(m_sites.error()));
        // Each edge's own labelled images, where the flow looks for them: ROOT/data/{train,test}.
        QVERIFY(test::placePaperSiteData(m_sites, [this](int i) { return rootOf(i); }));
        for (int i = 0; i < m_sites.count(); ++i) {
            fleet::Site site;
            site.name = u"edge%1"_s.arg(i + 1, 2, 10, QLatin1Char('0'));
            site.host = u"127.0.0.1"_s;
            site.port = m_sites.site(i).port;
            site.user = u"root"_s;
            site.identity = m_sites.clientKey();
            site.root = rootOf(i);
            site.daemonPort = test::freePort();
            site.groups = {u"edges"_s};
            m_inventory.sites.push_back(site);
        }
    }

    void cleanupTestCase()
    {
        test::killPaperDaemons(m_sites.count(), [this](int i) { return rootOf(i); });
    }

    void paperScenarioOnTenSshSites()
    {
        // Tiny training; the rest as shipped.
        std::unique_ptr<FlowGraph> graph = test::tinyPaperFlow(1);
        QVERIFY(graph);

        QTemporaryDir workspace;
        RunOptions options;
        options.workspace = workspace.path();
        options.ssh.knownHosts = workspace.filePath(u"known_hosts"_s);
        options.ssh.hostKeyPolicy = fleet::HostKeyPolicy::AcceptNew;
        options.ssh.sshConfig = m_sites.clientConfig();
        options.ssh.useAgent = false;
        options.ssh.connectTimeout = 20s;
        options.ssh.ioTimeout = 60s;
        options.threads = 1;
        FlowExecutor executor(*graph, m_inventory, options);
        QSignalSpy finished(&executor, &FlowExecutor::finished);
        QString error;
        QVERIFY2(executor.start(&error), qPrintable(error));
        QVERIFY(finished.wait(600000));
        const RunSummary summary = finished.first().first().value<RunSummary>();
        QStringList problems;
        for (const StepStatus &s : executor.steps())
            if (s.state != StepState::Done)
                problems << u"%1@%2: %3 %4"_s.arg(s.node, s.site, stepStateName(s.state), s.message);
        QVERIFY2(summary.ok(), qPrintable(problems.join(u'\n')));
        QCOMPARE(summary.done, 1 + 10 * 6 + 1);

        for (int i = 0; i < m_sites.count(); ++i) {
            const QString site = m_inventory.sites[std::size_t(i)].name;
            // Provisioned, the daemon installed from this build, the model deployed.
            QVERIFY(QFileInfo(rootOf(i) + u"/models"_s).isDir());
            QVERIFY(QFileInfo(rootOf(i) + u"/state"_s).isDir());
            QVERIFY(QFileInfo(rootOf(i) + u"/bin/tenkaid"_s).isExecutable());
            QVERIFY(QFile::exists(rootOf(i) + u"/models/base.pt"_s));
            // Five members trained on the edge, their files on the edge.
            const QJsonObject trained = executor.outputs(u"train"_s, site).value(u"model"_s).toObject();
            const QJsonArray members = trained.value(u"member_paths"_s).toArray();
            QCOMPARE(members.size(), 5);
            for (const QJsonValue &m : members)
                QVERIFY2(m.toString().startsWith(rootOf(i)) && QFile::exists(m.toString()),
                         qPrintable(m.toString()));
            const QJsonObject report = executor.outputs(u"evaluate"_s, site).value(u"report"_s).toObject();
            QCOMPARE(report.value(u"evaluation"_s).toObject().value(u"test_images"_s).toInt(), 100);
        }
        // One report for the ten edges, in the workspace.
        QFile md(workspace.filePath(u"reports/paper/report.md"_s));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QByteArray text = md.readAll();
        for (const auto &site : m_inventory.sites)
            QVERIFY2(text.contains(QByteArray("| " + site.name.toUtf8() + " |")), text.constData());
        QVERIFY(QFile::exists(workspace.filePath(u"history.sqlite"_s)));
    }
};

QTEST_GUILESS_MAIN(TestFlowPaper)
#include "tst_flow_paper.moc"
