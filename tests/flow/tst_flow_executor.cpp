// The flow executor on real local sites: the demo flow end to end (real tenkaid processes started
// by the flow, real LibTorch training on small real data), a run from a node, a dry run that
// changes nothing, a failing site, the failure budget and a cancel in the middle of training.
#include "../support/flow_workspace.h"
#include "daemon/state_dir.h"
#include "fleet/inventory.h"
#include "flow/demo_workspace.h"
#include "flow/executor.h"
#include "flow/flow_file.h"
#include "flow/history.h"
#include "teacher_data.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace tenkai;
using namespace tenkai::flow;
using tenkai::test::optionsFor;
using tenkai::test::sha256;
using tenkai::test::Workspace;
using namespace Qt::StringLiterals;

namespace {

// Runs to the end; the summary.
RunSummary runToEnd(FlowExecutor &executor, int timeoutMs = 180000)
{
    QSignalSpy finished(&executor, &FlowExecutor::finished);
    QString error;
    if (!executor.start(&error)) {
        qWarning("start: %s", qPrintable(error));
        return RunSummary{};
    }
    if (!finished.wait(timeoutMs))
        return RunSummary{};
    return finished.first().first().value<RunSummary>();
}

std::map<std::pair<QString, QString>, StepStatus> byStep(const FlowExecutor &executor)
{
    std::map<std::pair<QString, QString>, StepStatus> out;
    for (const StepStatus &s : executor.steps())
        out[{s.node, s.site}] = s;
    return out;
}

QString describe(const std::map<std::pair<QString, QString>, StepStatus> &steps)
{
    QStringList lines;
    for (const auto &[key, s] : steps)
        lines << u"%1@%2=%3 %4"_s.arg(key.first, key.second, stepStateName(s.state), s.message);
    return lines.join(u"\n"_s);
}

} // namespace

class TestFlowExecutor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoFlowEndToEndThenFromNode()
    {
        Workspace w;
        QVERIFY(w.make(3));
        // The sites train their ensembles packed (grouped layers), as a GPU site would by default.
        QCOMPARE(w.graph->setParam(u"train"_s, u"ensemble"_s, u"packed"_s), QString());
        QStringList trainRuns;
        {
            FlowExecutor executor(*w.graph, w.inventory, optionsFor(w));
            QStringList states;
            connect(&executor, &FlowExecutor::stepChanged, this, [&](const StepStatus &s) {
                states << s.node + u'@' + s.site + u'=' + stepStateName(s.state);
            });
            const RunSummary summary = runToEnd(executor);
            const auto steps = byStep(executor);
            QVERIFY2(summary.ok(), qPrintable(describe(steps)));
            QCOMPARE(summary.done, 1 + 3 * 5 + 1); // pretrain, 5 per-site nodes x 3, the report
            QCOMPARE(summary.failed, 0);
            // Every step was seen running before done (progress events per node per site).
            for (const auto &[key, s] : steps) {
                QCOMPARE(s.state, StepState::Done);
                QVERIFY2(states.contains(key.first + u'@' + key.second + u"=running"_s),
                         qPrintable(key.first));
            }
            // A report per site, from real training on each site's daemon.
            for (const auto &site : w.inventory.sites) {
                const QJsonObject report =
                    executor.outputs(u"evaluate"_s, site.name).value(u"report"_s).toObject();
                const double accuracy = report.value(u"accuracy"_s).toDouble(-1);
                QVERIFY2(accuracy > 0 && accuracy <= 1.0, qPrintable(site.name));
                // The evaluation is the site's own test split: 100 images, every one in the confusion matrix.
                const QJsonObject evaluation = report.value(u"evaluation"_s).toObject();
                QCOMPARE(evaluation.value(u"test_images"_s).toInt(), 100);
                QCOMPARE(evaluation.value(u"member_accuracy"_s).toArray().size(), 3);
                int counted = 0, right = 0;
                const QJsonArray confusion = evaluation.value(u"confusion"_s).toArray();
                for (qsizetype t = 0; t < confusion.size(); ++t)
                    for (qsizetype p = 0; p < confusion[t].toArray().size(); ++p) {
                        counted += confusion[t].toArray()[p].toInt();
                        right += t == p ? confusion[t].toArray()[p].toInt() : 0;
                    }
                QCOMPARE(counted, 100);
                QCOMPARE(right, qRound(accuracy * 100));
                const QJsonObject trained =
                    executor.outputs(u"train"_s, site.name).value(u"model"_s).toObject();
                trainRuns << trained.value(u"run"_s).toString();
                const QJsonArray members = trained.value(u"member_paths"_s).toArray();
                QCOMPARE(members.size(), 3);
                for (const QJsonValue &m : members)
                    QVERIFY2(QFile::exists(m.toString()), qPrintable(m.toString()));
                // The deployed model is the pretrained one, byte for byte.
                QCOMPARE(sha256(w.siteRoot(site.name) + u"/models/base.pt"_s),
                         sha256(w.path(u"models/pretrained.pt"_s)));
                const QString trainLog = executor.log(u"train"_s, site.name).join(u'\n');
                QVERIFY2(trainLog.contains(u"packed network"_s), qPrintable(trainLog));
            }
            // The collected report names every site.
            QFile md(w.path(u"reports/demo/report.md"_s));
            QVERIFY(md.open(QIODevice::ReadOnly));
            const QByteArray text = md.readAll();
            for (const auto &site : w.inventory.sites) {
                QVERIFY2(text.contains(QByteArray("| " + site.name.toUtf8() + " |")), text.constData());
                // The report's figures are the evaluation's, with their intervals, and say what the
                // ensemble bought over a single model and over the member validation picks.
                const QJsonObject e = executor.outputs(u"evaluate"_s, site.name)
                                          .value(u"report"_s)
                                          .toObject()
                                          .value(u"evaluation"_s)
                                          .toObject();
                const QJsonArray interval = e.value(u"accuracy_interval"_s).toArray();
                QCOMPARE(interval.size(), 2);
                QVERIFY(interval.at(0).toDouble() <= e.value(u"accuracy"_s).toDouble() &&
                        e.value(u"accuracy"_s).toDouble() <= interval.at(1).toDouble());
                const QString cell =
                    u"%1% (%2%-%3%)"_s.arg(e.value(u"accuracy"_s).toDouble() * 100, 0, 'f', 1)
                        .arg(interval.at(0).toDouble() * 100, 0, 'f', 1)
                        .arg(interval.at(1).toDouble() * 100, 0, 'f', 1);
                QVERIFY2(text.contains(cell.toUtf8()), qPrintable(cell + u'\n' + QString::fromUtf8(text)));
                QVERIFY(e.value(u"single_model"_s).toObject().contains(u"gain_interval"_s));
                QVERIFY(e.value(u"validation_images"_s).toInt() > 0);
                const int picked = e.value(u"chosen_member"_s).toObject().value(u"member"_s).toInt();
                QVERIFY(picked >= 1 && picked <= 3);
                QVERIFY(!e.value(u"verdict"_s).toString().isEmpty());
            }
            QVERIFY2(text.contains("single model"), text.constData());
        }
        // The history has the run, its steps and logs.
        {
            History history;
            QString error;
            QVERIFY2(history.open(w.path(u"history.sqlite"_s), &error), qPrintable(error));
            const auto runs = history.runs(w.path(u"demo.tenkai-flow.json"_s));
            QCOMPARE(int(runs.size()), 1);
            QCOMPARE(runs.front().state, u"done"_s);
            const auto steps = history.steps(runs.front().id);
            QCOMPARE(int(steps.size()), 17);
            QCOMPARE(steps.at({u"pretrain"_s, QString()}).status.state, StepState::Done);
            QVERIFY(!history.log(runs.front().id, u"train"_s, w.inventory.sites.front().name).isEmpty());
        }
        // Run from the training node: what came before is taken from the history, not run again.
        const QDateTime pretrained = QFileInfo(w.path(u"models/pretrained.pt"_s)).lastModified();
        {
            RunOptions options = optionsFor(w);
            options.fromNode = u"train"_s;
            FlowExecutor executor(*w.graph, w.inventory, options);
            const RunSummary summary = runToEnd(executor);
            const auto steps = byStep(executor);
            QVERIFY2(summary.ok(), qPrintable(describe(steps)));
            QCOMPARE(summary.stored, 1 + 3 * 3); // pretrain, daemon, deploy, teacher
            QCOMPARE(summary.done, 3 * 2 + 1);   // train, evaluate, report
            QVERIFY(steps.at({u"pretrain"_s, QString()}).stored);
            QVERIFY(!steps.at({u"train"_s, w.inventory.sites.front().name}).stored);
            for (const auto &site : w.inventory.sites) {
                const QString run = executor.outputs(u"train"_s, site.name)
                                        .value(u"model"_s)
                                        .toObject()
                                        .value(u"run"_s)
                                        .toString();
                QVERIFY(!run.isEmpty());
                QVERIFY2(!trainRuns.contains(run), qPrintable(run)); // trained again, as a new run
            }
        }
        QCOMPARE(QFileInfo(w.path(u"models/pretrained.pt"_s)).lastModified(), pretrained);

        // A dry run after all that: nothing to change anywhere, nothing trained.
        {
            RunOptions options = optionsFor(w);
            options.dryRun = true;
            FlowExecutor executor(*w.graph, w.inventory, options);
            const RunSummary summary = runToEnd(executor);
            QVERIFY(summary.ok());
            for (const auto &site : w.inventory.sites)
                QVERIFY2(byStep(executor).at({u"deploy"_s, site.name}).message.contains(u"up to date"_s),
                         qPrintable(byStep(executor).at({u"deploy"_s, site.name}).message));
        }

        // Evaluate on another folder of each site (its training images, no train/ or test/ inside):
        // the site's daemon scores the stored run's members on every image there.
        {
            w.graph->setParamUnchecked(u"evaluate"_s, u"test_dir"_s, u"{{ root }}/train"_s);
            RunOptions options = optionsFor(w);
            options.fromNode = u"evaluate"_s;
            FlowExecutor executor(*w.graph, w.inventory, options);
            const RunSummary summary = runToEnd(executor);
            QVERIFY2(summary.ok(), qPrintable(describe(byStep(executor))));
            for (const auto &site : w.inventory.sites) {
                const QString folder = w.siteRoot(site.name) + u"/train"_s;
                int images = 0;
                for (QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories); it.hasNext();
                     it.next())
                    ++images;
                QVERIFY(images >= 20);
                const QJsonObject report =
                    executor.outputs(u"evaluate"_s, site.name).value(u"report"_s).toObject();
                QCOMPARE(report.value(u"test_dir"_s).toString(),
                         QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
                const QJsonObject evaluation = report.value(u"evaluation"_s).toObject();
                QCOMPARE(evaluation.value(u"test_images"_s).toInt(), images);
                QCOMPARE(evaluation.value(u"member_accuracy"_s).toArray().size(), 3);
            }
            w.graph->setParamUnchecked(u"evaluate"_s, u"test_dir"_s, u"{{ root }}/test"_s);
        }
    }

    void dryRunOnAFreshWorkspaceChangesNothing()
    {
        Workspace w;
        QVERIFY(w.make(2));
        RunOptions options = optionsFor(w);
        options.dryRun = true;
        FlowExecutor executor(*w.graph, w.inventory, options);
        const RunSummary summary = runToEnd(executor);
        const auto steps = byStep(executor);
        QVERIFY2(summary.ok(), qPrintable(describe(steps)));
        QVERIFY(summary.dryRun);
        QVERIFY(!QFile::exists(w.path(u"models"_s)));
        QVERIFY(!QFile::exists(w.path(u"reports"_s)));
        for (const auto &site : w.inventory.sites) {
            QVERIFY(!QFile::exists(w.siteRoot(site.name) + u"/bin"_s));
            QVERIFY(!QFile::exists(w.siteRoot(site.name) + u"/state"_s));
            QVERIFY2(steps.at({u"daemon"_s, site.name}).message.contains(u"would change 1"_s),
                     qPrintable(steps.at({u"daemon"_s, site.name}).message));
            QVERIFY(steps.at({u"train"_s, site.name}).message.contains(u"would train"_s));
        }
        QVERIFY(steps.at({u"pretrain"_s, QString()}).message.contains(u"would train"_s));
    }

    void failingSiteIsContainedAndBudgetStopsTheRest()
    {
        Workspace w;
        QVERIFY(w.make(3));
        const QString broken = w.inventory.sites[1].name;
        QVERIFY(QDir(w.siteRoot(broken)).removeRecursively());
        QVERIFY(QDir().mkpath(w.siteRoot(broken)));
        // Only the teacher data matters here: no pretraining, no daemons.
        w.graph->removeNode(u"pretrain"_s);
        w.graph->removeNode(u"daemon"_s);
        w.graph->removeNode(u"deploy"_s);
        w.graph->removeNode(u"train"_s);
        w.graph->removeNode(u"evaluate"_s);
        w.graph->removeNode(u"report"_s);
        {
            FlowExecutor executor(*w.graph, w.inventory, optionsFor(w));
            const RunSummary summary = runToEnd(executor);
            const auto steps = byStep(executor);
            QCOMPARE(summary.failed, 1);
            QCOMPARE(summary.done, 2);
            QCOMPARE(steps.at({u"teacher"_s, broken}).state, StepState::Failed);
            QVERIFY2(steps.at({u"teacher"_s, broken}).message.contains(w.siteRoot(broken)),
                     qPrintable(steps.at({u"teacher"_s, broken}).message));
        }
        // With one site at a time and no failure tolerated, the sites after the failed one are skipped.
        {
            RunOptions options = optionsFor(w);
            options.forks = 1;
            options.maxFailures = 0;
            FlowExecutor executor(*w.graph, w.inventory, options);
            const RunSummary summary = runToEnd(executor);
            const auto steps = byStep(executor);
            QCOMPARE(summary.failed, 1);
            QCOMPARE(steps.at({u"teacher"_s, w.inventory.sites[0].name}).state, StepState::Done);
            QCOMPARE(steps.at({u"teacher"_s, w.inventory.sites[2].name}).state, StepState::Skipped);
            QVERIFY(steps.at({u"teacher"_s, w.inventory.sites[2].name}).message.contains(u"budget"_s));
        }
        // Repaired, the failed site alone is run again (--limit): one step, on that site only.
        QVERIFY(QDir(w.siteRoot(broken)).removeRecursively());
        QVERIFY(QDir().rename(w.siteRoot(w.inventory.sites[0].name), w.siteRoot(broken)));
        {
            RunOptions options = optionsFor(w);
            options.limit = broken;
            FlowExecutor executor(*w.graph, w.inventory, options);
            const RunSummary summary = runToEnd(executor);
            const auto steps = byStep(executor);
            QVERIFY2(summary.ok(), qPrintable(describe(steps)));
            QCOMPARE(int(steps.size()), 1);
            QCOMPARE(steps.begin()->first.second, broken);
        }
        // A limit that names no site is refused before anything runs.
        {
            RunOptions options = optionsFor(w);
            options.limit = u"no-such-site"_s;
            FlowExecutor executor(*w.graph, w.inventory, options);
            QString error;
            QVERIFY(!executor.start(&error));
            QVERIFY2(error.contains(u"no-such-site"_s), qPrintable(error));
        }
    }

    void downstreamOfAFailedSiteIsSkippedThere()
    {
        Workspace w;
        QVERIFY(w.make(2));
        const QString broken = w.inventory.sites[0].name;
        QVERIFY(QDir(w.siteRoot(broken) + u"/train"_s).removeRecursively());
        QVERIFY(QDir(w.siteRoot(broken) + u"/test"_s).removeRecursively());
        FlowExecutor executor(*w.graph, w.inventory, optionsFor(w));
        const RunSummary summary = runToEnd(executor);
        const auto steps = byStep(executor);
        QCOMPARE(summary.failed, 1);
        QCOMPARE(steps.at({u"teacher"_s, broken}).state, StepState::Failed);
        QCOMPARE(steps.at({u"train"_s, broken}).state, StepState::Skipped);
        QCOMPARE(steps.at({u"evaluate"_s, broken}).state, StepState::Skipped);
        const QString ok = w.inventory.sites[1].name;
        QCOMPARE(steps.at({u"evaluate"_s, ok}).state, StepState::Done);
        // The report collects the site that succeeded.
        QCOMPARE(steps.at({u"report"_s, QString()}).state, StepState::Done);
        const QJsonObject sites = executor.outputs(u"report"_s, QString())
                                      .value(u"report"_s)
                                      .toObject()
                                      .value(u"sites"_s)
                                      .toObject();
        QCOMPARE(sites.keys(), QStringList{ok});
    }

    void cancelWhileTrainingStopsTheSites()
    {
        Workspace w;
        QVERIFY(w.make(2));
        w.graph->setParamUnchecked(u"train"_s, u"epochs"_s, 500);
        FlowExecutor executor(*w.graph, w.inventory, optionsFor(w));
        QSignalSpy finished(&executor, &FlowExecutor::finished);
        // Cancelled once every site's training runs on its daemon (progress comes from the daemon).
        bool cancelled = false;
        QSet<QString> training;
        connect(&executor, &FlowExecutor::stepChanged, this, [&](const StepStatus &s) {
            if (s.node == u"train"_s && s.state == StepState::Running && s.progress > 0)
                training.insert(s.site);
            if (!cancelled && training.size() == qsizetype(w.inventory.sites.size())) {
                cancelled = true;
                executor.cancel();
            }
        });
        QString error;
        QVERIFY2(executor.start(&error), qPrintable(error));
        QVERIFY(finished.wait(180000));
        const RunSummary summary = finished.first().first().value<RunSummary>();
        const auto steps = byStep(executor);
        QVERIFY(summary.cancelled);
        QVERIFY(!summary.ok());
        QCOMPARE(steps.at({u"report"_s, QString()}).state, StepState::Cancelled);
        for (const auto &site : w.inventory.sites) {
            QVERIFY2(steps.at({u"train"_s, site.name}).state == StepState::Cancelled,
                     qPrintable(describe(steps)));
            QCOMPARE(steps.at({u"evaluate"_s, site.name}).state, StepState::Cancelled);
            // The site is consistent. A model that was deployed is intact; one whose upload had not
            // started is absent (never a part under the final name).
            const QString model = w.siteRoot(site.name) + u"/models/base.pt"_s;
            if (steps.at({u"deploy"_s, site.name}).state == StepState::Done)
                QCOMPARE(sha256(model), sha256(w.path(u"models/pretrained.pt"_s)));
            else
                QVERIFY2(!QFile::exists(model), qPrintable(describe(steps)));
            // A training that had started is stopped on the daemon, which stays up.
            if (steps.at({u"train"_s, site.name}).message.contains(u"before it started"_s))
                continue;
            QProcess cli;
            cli.start(QStringLiteral(TENKAI_CLI),
                      {u"monitor"_s, u"--local"_s, QString::number(site.daemonPort), u"--state-dir"_s,
                       w.siteRoot(site.name) + u"/state"_s, u"--json"_s, u"--until-done"_s, u"--run"_s,
                       u"flow-%1-train"_s.arg(summary.runId)});
            QVERIFY(cli.waitForFinished(60000));
            QVERIFY2(cli.readAllStandardOutput().contains("\"state\":\"stopped\""),
                     "the daemon's run is not stopped");
        }
        History history;
        QVERIFY(history.open(w.path(u"history.sqlite"_s), &error));
        QCOMPARE(history.runs().front().state, u"cancelled"_s);
    }

    // A training cancelled mid-way (its daemon run stopped) carries on when the flow runs again with
    // the same settings: the same run resumes from its last checkpoint; other settings train anew.
    void interruptedTrainingCarriesOn()
    {
        Workspace w;
        QVERIFY(w.make(1));
        const fleet::Site &site = w.inventory.sites.front();
        w.graph->setParamUnchecked(u"train"_s, u"epochs"_s, 40);
        // Runs the training node (after the rest of the flow, the first time) and cancels it once a
        // few epochs and their checkpoints are done; the daemon run it leaves stopped.
        const auto cancelAtTenPercent = [&](bool fromTrain, QString *run) {
            RunOptions options = optionsFor(w);
            if (fromTrain)
                options.fromNode = u"train"_s;
            FlowExecutor executor(*w.graph, w.inventory, options);
            QSignalSpy finished(&executor, &FlowExecutor::finished);
            bool cancelled = false;
            connect(&executor, &FlowExecutor::stepChanged, this, [&](const StepStatus &s) {
                if (!cancelled && s.node == u"train"_s && s.state == StepState::Running &&
                    s.progress >= 0.1) {
                    cancelled = true;
                    executor.cancel();
                }
            });
            QString error;
            QVERIFY2(executor.start(&error), qPrintable(error));
            QVERIFY(finished.wait(180000));
            const RunSummary summary = finished.first().first().value<RunSummary>();
            QCOMPARE(byStep(executor).at({u"train"_s, site.name}).state, StepState::Cancelled);
            *run = u"flow-%1-train"_s.arg(summary.runId);
        };
        // Runs from the training node to the end: its model output, and its log in `log`.
        const auto trainAgain = [&](QJsonObject *trained, QString *log) {
            RunOptions options = optionsFor(w);
            options.fromNode = u"train"_s;
            FlowExecutor executor(*w.graph, w.inventory, options);
            const RunSummary summary = runToEnd(executor);
            QVERIFY2(summary.ok(), qPrintable(describe(byStep(executor))));
            *trained = executor.outputs(u"train"_s, site.name).value(u"model"_s).toObject();
            *log = executor.log(u"train"_s, site.name).join(u'\n') + u"\nflow run "_s + summary.runId;
        };
        QJsonObject trained;
        QString log;

        // Cancelled, then carried on by the next run with the same settings.
        QString first;
        cancelAtTenPercent(false, &first);
        if (QTest::currentTestFailed())
            return;
        trainAgain(&trained, &log);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(trained.value(u"run"_s).toString(), first);
        QJsonObject report = trained.value(u"report"_s).toObject();
        QVERIFY2(report.value(u"resumed_after_epoch"_s).toInt() >= 4,
                 QJsonDocument(report).toJson().constData());
        QCOMPARE(report.value(u"epochs_completed"_s).toInt(), 40);
        QVERIFY2(log.contains(u"carrying on run "_s + first), qPrintable(log));

        // Cancelled, then finished on the site by other means (tenkai-cli resume-run): the next run
        // follows the site's run and takes its report instead of training again.
        QString second;
        cancelAtTenPercent(true, &second);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(second != first);
        const QString state = w.siteRoot(site.name) + u"/state"_s;
        const QString port = QString::number(site.daemonPort);
        QProcess cli;
        cli.start(QStringLiteral(TENKAI_CLI),
                  {u"resume-run"_s, u"--local"_s, port, u"--state-dir"_s, state, u"--run"_s, second});
        QVERIFY(cli.waitForFinished(60000) && cli.exitCode() == 0);
        cli.start(QStringLiteral(TENKAI_CLI), {u"monitor"_s, u"--local"_s, port, u"--state-dir"_s, state,
                                               u"--run"_s, second, u"--until-done"_s, u"--json"_s});
        QVERIFY(cli.waitForFinished(120000));
        const QByteArray followed = cli.readAllStandardOutput();
        QVERIFY2(followed.contains("\"state\":\"done\""),
                 QByteArray(followed + cli.readAllStandardError()).constData());
        trainAgain(&trained, &log);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(trained.value(u"run"_s).toString(), second);
        QCOMPARE(trained.value(u"report"_s).toObject().value(u"epochs_completed"_s).toInt(), 40);
        QVERIFY2(log.contains(u"following run "_s + second), qPrintable(log));

        // Done now: the next run trains anew, as does one with other settings after an interruption.
        w.graph->setParamUnchecked(u"train"_s, u"epochs"_s, 2);
        trainAgain(&trained, &log);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(trained.value(u"run"_s).toString() != second, qPrintable(log));
        QVERIFY2(!log.contains(u"following"_s) && !log.contains(u"carrying on"_s), qPrintable(log));
        QCOMPARE(trained.value(u"report"_s).toObject().value(u"resumed_after_epoch"_s).toInt(), 0);
    }

    // A flow run whose program is killed (SIGKILL, mid-pretrain) is "interrupted" at the next open of
    // the history, its unfinished steps failed with a message saying so; the scratch folder it left
    // is removed by the next pretrain, while one that a live run holds is kept.
    void killedRunIsMarkedInterruptedAndItsScratchRemoved()
    {
        Workspace w;
        QVERIFY(w.make(1));
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        // The shipped demo flow as written to the workspace: its pretraining takes seconds.
        cli.start(QStringLiteral(TENKAI_CLI), {u"run"_s, w.path(u"demo.tenkai-flow.json"_s), u"--inventory"_s,
                                               w.path(u"inventory.yaml"_s), u"--threads"_s, u"1"_s});
        QVERIFY(cli.waitForStarted());
        const QDir models(w.path(u"models"_s));
        QStringList scratch;
        QElapsedTimer clock;
        clock.start();
        while (scratch.isEmpty() && clock.elapsed() < 60000 && cli.state() == QProcess::Running) {
            QTest::qWait(50);
            scratch = models.entryList({u".pretrained.pt.partial-*"_s}, QDir::Dirs | QDir::Hidden);
        }
        QVERIFY2(!scratch.isEmpty(), cli.readAll().constData());
        QTest::qWait(300);
        ::kill(pid_t(cli.processId()), SIGKILL);
        QVERIFY(cli.waitForFinished(10000));
        QVERIFY(models.exists(scratch.first()));

        {
            History history;
            QString error;
            QVERIFY2(history.open(w.path(u"history.sqlite"_s), &error), qPrintable(error));
            const auto runs = history.runs();
            QCOMPARE(runs.size(), std::size_t(1));
            QCOMPARE(runs.front().state, u"interrupted"_s);
            QVERIFY(runs.front().finished.isValid());
            const auto steps = history.steps(runs.front().id);
            const StoredStep &pretrain = steps.at({u"pretrain"_s, QString()});
            QCOMPARE(pretrain.status.state, StepState::Failed);
            QVERIFY2(pretrain.status.message.contains(u"interrupted"_s), qPrintable(pretrain.status.message));
        }

        // Another console's scratch, held by its lock: kept.
        const QString live = models.filePath(u".pretrained.pt.partial-live"_s);
        QVERIFY(QDir().mkpath(live));
        const int lock = ::open(QFile::encodeName(live + u".lock"_s).constData(), O_RDWR | O_CREAT, 0600);
        QVERIFY(lock >= 0 && ::flock(lock, LOCK_EX) == 0);
        auto release = qScopeGuard([&] { ::close(lock); });
        FlowExecutor executor(*w.graph, w.inventory, optionsFor(w));
        const RunSummary summary = runToEnd(executor);
        QVERIFY2(summary.ok(), qPrintable(describe(byStep(executor))));
        QVERIFY2(!models.exists(scratch.first()), qPrintable(scratch.first()));
        QVERIFY(QFileInfo::exists(live));
        QCOMPARE(models.entryList({u".pretrained.pt.partial-*"_s}, QDir::Dirs | QDir::Hidden),
                 QStringList{u".pretrained.pt.partial-live"_s});
    }

    void historyRefusesANewerSchema()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"history.sqlite"_s);
        QString error;
        {
            History history;
            QVERIFY2(history.open(file, &error), qPrintable(error));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA user_version=7"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"newer"_s);
        History history;
        QVERIFY(!history.open(file, &error));
        QVERIFY2(error.contains(file) && error.contains(u"newer Tenkai (schema 7"_s), qPrintable(error));
        QVERIFY(!history.isOpen());
    }

    void invalidFlowDoesNotStart()
    {
        Workspace w;
        QVERIFY(w.make(1));
        w.graph->setParamUnchecked(u"train"_s, u"epochs"_s, u"ten"_s);
        FlowExecutor executor(*w.graph, w.inventory, optionsFor(w));
        QString error;
        QVERIFY(!executor.start(&error));
        QVERIFY2(error.contains(u"train"_s) && error.contains(u"epochs"_s), qPrintable(error));
        QVERIFY(!QFile::exists(w.path(u"history.sqlite"_s)));
        // A run from a node needs an earlier run in the history.
        w.graph->setParamUnchecked(u"train"_s, u"epochs"_s, 1);
        RunOptions options = optionsFor(w);
        options.fromNode = u"train"_s;
        FlowExecutor from(*w.graph, w.inventory, options);
        QVERIFY(!from.start(&error));
        QVERIFY2(error.contains(u"run the whole flow first"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestFlowExecutor)
#include "tst_flow_executor.moc"
