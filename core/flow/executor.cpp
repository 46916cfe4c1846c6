#include "flow/executor.h"

#include "flow/catalogue.h"
#include "flow/executor_steps.h"
#include "flow/flow_file.h"
#include "flow/history.h"
#include "flow/validation.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>
#include <algorithm>
#include <map>
#include <stop_token>

class FlowExecutorText
{
    Q_DECLARE_TR_FUNCTIONS(FlowExecutorText)
};

namespace tenkai::flow {

using namespace Qt::StringLiterals;

QString stepStateName(StepState state)
{
    switch (state) {
    case StepState::Waiting:
        return u"waiting"_s;
    case StepState::Running:
        return u"running"_s;
    case StepState::Done:
        return u"done"_s;
    case StepState::Failed:
        return u"failed"_s;
    case StepState::Skipped:
        return u"skipped"_s;
    case StepState::Cancelled:
        return u"cancelled"_s;
    }
    return QString();
}

std::optional<StepState> stepStateFromName(const QString &name)
{
    for (StepState s : {StepState::Waiting, StepState::Running, StepState::Done, StepState::Failed,
                        StepState::Skipped, StepState::Cancelled})
        if (stepStateName(s) == name)
            return s;
    return std::nullopt;
}

QString stepStateText(StepState state)
{
    switch (state) {
    case StepState::Waiting:
        return FlowExecutorText::tr("waiting");
    case StepState::Running:
        return FlowExecutorText::tr("running");
    case StepState::Done:
        return FlowExecutorText::tr("done");
    case StepState::Failed:
        return FlowExecutorText::tr("failed");
    case StepState::Skipped:
        return FlowExecutorText::tr("skipped");
    case StepState::Cancelled:
        return FlowExecutorText::tr("cancelled");
    }
    return QString();
}

namespace {

bool ended(StepState s)
{
    return s != StepState::Waiting && s != StepState::Running;
}

} // namespace

struct ExecStep
{
    std::size_t node = 0;
    StepStatus status;
    QJsonObject outputs;
    QStringList log;
    std::vector<std::size_t> deps; // steps that must end before this one can start
    bool launched = false;
};

struct ExecNode
{
    Node node;
    const NodeType *type = nullptr;
    bool cloud = false;
    QStringList sites;              // per-site nodes: where they run, in inventory order
    std::vector<std::size_t> steps; // this node's steps
    std::vector<Link> inputs;       // links into this node
    int running = 0;
    int failures = 0;
    int forks = 10;
    std::optional<int> budget;
    bool rerun = true; // false: taken from the history (run from a node)
    int daemonPort = 0;
};

struct ExecState
{
    QByteArray flowJson;
    QString flowName;
    std::vector<Problem> problems;
    fleet::Inventory inventory;
    RunOptions options;
    std::vector<ExecNode> nodes;
    QHash<QString, std::size_t> nodeIndex;
    std::vector<ExecStep> steps;
    std::map<std::pair<std::size_t, QString>, std::size_t> stepIndex;
    std::vector<std::size_t> pending; // steps not launched nor ended
    std::stop_source stop;
    bool started = false;
    bool running = false;
    bool cancelled = false;
    QString runId;
    History history;
    bool useHistory = false;
    // The history's latest result per (node, site) of this flow, read when the run starts.
    std::map<std::pair<QString, QString>, StoredStep> previous;
    QElapsedTimer clock;
    QElapsedTimer schedulingClock;
    double schedulingMs = 0;
    std::vector<QThread *> threads;

    std::optional<std::size_t> step(std::size_t node, const QString &site) const
    {
        auto it = stepIndex.find({node, site});
        if (it == stepIndex.end())
            return std::nullopt;
        return it->second;
    }
};

FlowExecutor::FlowExecutor(const FlowGraph &graph, const fleet::Inventory &inventory, RunOptions options,
                           QObject *parent)
    : QObject(parent), d(std::make_unique<ExecState>())
{
    qRegisterMetaType<tenkai::flow::StepStatus>();
    qRegisterMetaType<tenkai::flow::RunSummary>();
    d->flowJson = flowToJson(graph);
    d->flowName = graph.name();
    d->problems = validateFlow(graph, &inventory);
    d->inventory = inventory;
    d->options = std::move(options);
    if (d->options.inventoryDir.isEmpty() && !inventory.file.isEmpty())
        d->options.inventoryDir = QFileInfo(inventory.file).absolutePath();
    if (d->options.flowKey.isEmpty())
        d->options.flowKey = graph.name();
    for (const Node &node : graph.nodes()) {
        const NodeType *type = Catalogue::instance().find(node.type);
        if (!type || type->target == TargetKind::None)
            continue; // notes do not run; unknown types are validation errors
        ExecNode n;
        n.node = node;
        n.type = type;
        n.cloud = type->target == TargetKind::Cloud;
        n.forks = std::max(1, d->options.forks);
        n.budget = d->options.maxFailures;
        if (node.type == u"provision-edge"_s) {
            n.forks = std::max(1, node.params.value(u"forks"_s).toInt(n.forks));
            if (node.params.contains(u"max_failures"_s))
                n.budget = node.params.value(u"max_failures"_s).toInt();
        }
        d->nodeIndex.insert(node.id, d->nodes.size());
        d->nodes.push_back(n);
    }
    for (const Link &link : graph.links())
        if (d->nodeIndex.contains(link.to.node) && d->nodeIndex.contains(link.from.node))
            d->nodes[d->nodeIndex.value(link.to.node)].inputs.push_back(link);
}

FlowExecutor::~FlowExecutor()
{
    d->stop.request_stop();
    for (QThread *thread : d->threads) {
        thread->wait();
        delete thread;
    }
}

bool FlowExecutor::isRunning() const
{
    return d->running;
}

QString FlowExecutor::runId() const
{
    return d->runId;
}

double FlowExecutor::schedulingMs() const
{
    return d->schedulingMs;
}

std::vector<StepStatus> FlowExecutor::steps() const
{
    std::vector<StepStatus> out;
    out.reserve(d->steps.size());
    for (const ExecStep &s : d->steps)
        out.push_back(s.status);
    return out;
}

QJsonObject FlowExecutor::outputs(const QString &node, const QString &site) const
{
    if (!d->nodeIndex.contains(node))
        return {};
    const auto step = d->step(d->nodeIndex.value(node), site);
    return step ? d->steps[*step].outputs : QJsonObject();
}

QStringList FlowExecutor::log(const QString &node, const QString &site) const
{
    if (!d->nodeIndex.contains(node))
        return {};
    const auto step = d->step(d->nodeIndex.value(node), site);
    return step ? d->steps[*step].log : QStringList();
}

bool FlowExecutor::start(QString *errorOut)
{
    auto fail = [&](const QString &message) {
        if (errorOut)
            *errorOut = message;
        return false;
    };
    if (d->started)
        return fail(FlowExecutorText::tr("This run was started already."));
    if (hasErrors(d->problems)) {
        int errors = 0;
        QString first;
        for (const Problem &p : d->problems)
            if (p.severity == Severity::Error && errors++ == 0)
                first = p.node.isEmpty() ? p.message : u"%1: %2"_s.arg(p.node, p.message);
        return fail(
            FlowExecutorText::tr("The flow has %n problem(s) to fix first; %1", "", errors).arg(first));
    }
    if (d->options.workspace.isEmpty())
        return fail(FlowExecutorText::tr("No workspace folder was given for the run."));
    const QDir workspace(d->options.workspace);
    if (!workspace.exists() && !QDir().mkpath(d->options.workspace))
        return fail(FlowExecutorText::tr("Cannot create the workspace folder %1.").arg(d->options.workspace));
    d->options.workspace = workspace.absolutePath();

    // Topological order (validation refused cycles).
    const std::size_t n = d->nodes.size();
    std::vector<int> indegree(n, 0);
    std::vector<std::vector<std::size_t>> downstream(n);
    for (std::size_t i = 0; i < n; ++i)
        for (const Link &link : d->nodes[i].inputs) {
            downstream[d->nodeIndex.value(link.from.node)].push_back(i);
            ++indegree[i];
        }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i)
        if (indegree[i] == 0)
            order.push_back(i);
    for (std::size_t k = 0; k < order.size(); ++k)
        for (std::size_t next : downstream[order[k]])
            if (--indegree[next] == 0)
                order.push_back(next);

    // Sites per node, in order: targets, else the sites input, else the per-site inputs' sites;
    // only those of the limit, when one is given.
    QStringList allSites;
    if (d->options.limit.isEmpty()) {
        for (const fleet::Site &s : d->inventory.sites)
            allSites << s.name;
    } else {
        auto selected = fleet::selectSites(d->inventory, d->options.limit);
        if (!selected)
            return fail(selected.error().message);
        for (const fleet::Site &s : selected.value())
            allSites << s.name;
    }
    for (std::size_t i : order) {
        ExecNode &node = d->nodes[i];
        if (node.cloud)
            continue;
        QSet<QString> chosen;
        for (const QString &target : node.node.targets) {
            if (target.startsWith(u"group:"_s))
                for (const QString &s : d->inventory.members(target.mid(6)))
                    chosen.insert(s);
            else if (target.startsWith(u"site:"_s))
                chosen.insert(target.mid(5));
        }
        if (node.node.targets.isEmpty()) {
            for (const bool sitesPortOnly : {true, false}) {
                for (const Link &link : node.inputs) {
                    const ExecNode &from = d->nodes[d->nodeIndex.value(link.from.node)];
                    if (!from.cloud && (!sitesPortOnly || link.to.port == u"sites"_s))
                        for (const QString &s : from.sites)
                            chosen.insert(s);
                }
                if (!chosen.isEmpty())
                    break;
            }
        }
        for (const QString &s : allSites)
            if (chosen.contains(s))
                node.sites << s;
        if (node.sites.isEmpty())
            return fail(d->options.limit.isEmpty()
                            ? FlowExecutorText::tr(
                                  "Node %1 has no site to run on: give it targets, or link its sites input.")
                                  .arg(node.node.id)
                            : FlowExecutorText::tr("Node %1 has no site to run on within the limit \"%2\".")
                                  .arg(node.node.id, d->options.limit));
        // The daemon port an upstream Install daemon set (0: the inventory's).
        for (const Link &link : node.inputs) {
            const ExecNode &from = d->nodes[d->nodeIndex.value(link.from.node)];
            if (from.node.type == u"install-daemon"_s && from.node.params.value(u"port"_s).toInt() > 0)
                node.daemonPort = from.node.params.value(u"port"_s).toInt();
            else if (from.daemonPort > 0 && node.daemonPort == 0)
                node.daemonPort = from.daemonPort;
        }
    }

    // Steps, in flow order then site order.
    for (std::size_t i = 0; i < n; ++i) {
        ExecNode &node = d->nodes[i];
        const QStringList sites = node.cloud ? QStringList{QString()} : node.sites;
        for (const QString &site : sites) {
            ExecStep step;
            step.node = i;
            step.status.node = node.node.id;
            step.status.site = site;
            d->stepIndex[{i, site}] = d->steps.size();
            node.steps.push_back(d->steps.size());
            d->steps.push_back(step);
        }
    }
    for (ExecStep &step : d->steps) {
        const ExecNode &node = d->nodes[step.node];
        for (const Link &link : node.inputs) {
            const std::size_t from = d->nodeIndex.value(link.from.node);
            if (d->nodes[from].cloud || node.cloud) {
                for (std::size_t s : d->nodes[from].steps)
                    step.deps.push_back(s);
            } else if (const auto s = d->step(from, step.status.site)) {
                step.deps.push_back(*s);
            }
        }
        std::sort(step.deps.begin(), step.deps.end());
        step.deps.erase(std::unique(step.deps.begin(), step.deps.end()), step.deps.end());
    }

    // History, and the stored results of the nodes before the one to start from.
    if (d->options.historyFile != u"-"_s) {
        const QString file = d->options.historyFile.isEmpty() ? workspace.filePath(u"history.sqlite"_s)
                                                              : d->options.historyFile;
        QString error;
        if (!d->history.open(file, &error))
            return fail(error);
        d->useHistory = true;
        d->previous = d->history.latestSteps(d->options.flowKey);
    }
    if (!d->options.fromNode.isEmpty()) {
        if (!d->nodeIndex.contains(d->options.fromNode))
            return fail(
                FlowExecutorText::tr("The flow has no node \"%1\" to run from.").arg(d->options.fromNode));
        if (!d->useHistory)
            return fail(FlowExecutorText::tr("A run from a node needs the run history."));
        // The node and everything after it run again.
        std::vector<bool> rerun(n, false);
        rerun[d->nodeIndex.value(d->options.fromNode)] = true;
        for (std::size_t i : order)
            if (rerun[i])
                for (std::size_t next : downstream[i])
                    rerun[next] = true;
        std::vector<bool> needed(n, false); // feeds a node that runs again
        for (auto it = order.rbegin(); it != order.rend(); ++it)
            for (std::size_t next : downstream[*it])
                if (rerun[next] || needed[next])
                    needed[*it] = true;
        const auto &stored = d->previous;
        for (std::size_t i = 0; i < n; ++i) {
            d->nodes[i].rerun = rerun[i];
            if (rerun[i])
                continue;
            for (std::size_t s : d->nodes[i].steps) {
                ExecStep &step = d->steps[s];
                auto it = stored.find({step.status.node, step.status.site});
                if (it == stored.end()) {
                    if (needed[i])
                        return fail(
                            FlowExecutorText::tr(
                                "Cannot run from %1: node %2 has no result%3 in the run history; "
                                "run the whole flow first.")
                                .arg(d->options.fromNode, step.status.node,
                                     step.status.site.isEmpty()
                                         ? QString()
                                         : FlowExecutorText::tr(" on site %1").arg(step.status.site)));
                    step.status.state = StepState::Skipped;
                    step.status.message = FlowExecutorText::tr("not part of this run");
                } else {
                    step.status = it->second.status;
                    step.outputs = it->second.outputs;
                }
                step.status.stored = true;
                step.launched = true;
            }
        }
    }
    for (std::size_t s = 0; s < d->steps.size(); ++s)
        if (!d->steps[s].launched)
            d->pending.push_back(s);

    d->runId = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u'-' +
               QString::number(QRandomGenerator::global()->generate() & 0xffff, 16).rightJustified(4, u'0');
    if (d->useHistory) {
        RunRecord record;
        record.id = d->runId;
        record.flowKey = d->options.flowKey;
        record.flowName = d->flowName;
        record.state = u"running"_s;
        record.dryRun = d->options.dryRun;
        record.fromNode = d->options.fromNode;
        record.started = QDateTime::currentDateTimeUtc();
        QString error;
        if (!d->history.beginRun(record, d->flowJson, &error))
            return fail(error);
        for (const ExecStep &step : d->steps)
            if (step.status.stored)
                d->history.saveStep(d->runId, step.status, step.outputs);
    }
    d->started = true;
    d->running = true;
    d->clock.start();
    for (const ExecStep &step : d->steps)
        Q_EMIT stepChanged(step.status);
    QMetaObject::invokeMethod(
        this, [this] { schedule(); }, Qt::QueuedConnection);
    return true;
}

void FlowExecutor::cancel()
{
    if (!d->running || d->cancelled)
        return;
    d->cancelled = true;
    d->stop.request_stop();
    schedule();
}

void FlowExecutor::schedule()
{
    d->schedulingClock.start();
    bool progressed = true;
    while (progressed) {
        progressed = false;
        for (std::size_t k = 0; k < d->pending.size();) {
            const std::size_t s = d->pending[k];
            ExecStep &step = d->steps[s];
            ExecNode &node = d->nodes[step.node];
            const bool depsEnded = std::all_of(step.deps.begin(), step.deps.end(), [&](std::size_t dep) {
                return ended(d->steps[dep].status.state);
            });
            if (!depsEnded) {
                ++k;
                continue;
            }
            // Why it cannot run, if it cannot.
            QString skip;
            StepState skipState = StepState::Skipped;
            if (d->cancelled) {
                skip = FlowExecutorText::tr("cancelled before it started");
                skipState = StepState::Cancelled;
            } else {
                QHash<std::size_t, bool> anyDone; // per-site upstream nodes of a cloud step
                for (std::size_t dep : step.deps) {
                    const ExecStep &before = d->steps[dep];
                    const bool fromCloudNode = d->nodes[before.node].cloud;
                    if (node.cloud && !fromCloudNode) {
                        anyDone[before.node] =
                            anyDone.value(before.node) || before.status.state == StepState::Done;
                        continue;
                    }
                    if (before.status.state != StepState::Done) {
                        skip = FlowExecutorText::tr("%1 %2").arg(before.status.node,
                                                                 stepStateText(before.status.state));
                        break;
                    }
                }
                for (auto it = anyDone.cbegin(); skip.isEmpty() && it != anyDone.cend(); ++it)
                    if (!it.value())
                        skip =
                            FlowExecutorText::tr("%1 succeeded on no site").arg(d->nodes[it.key()].node.id);
                if (skip.isEmpty() && !node.cloud)
                    for (const PortSpec &port : node.type->inputs)
                        for (const Link &link : node.inputs)
                            if (port.required && link.to.port == port.name &&
                                !d->nodes[d->nodeIndex.value(link.from.node)].cloud &&
                                !d->step(d->nodeIndex.value(link.from.node), step.status.site))
                                skip =
                                    FlowExecutorText::tr("%1 does not run on this site").arg(link.from.node);
                if (skip.isEmpty() && node.budget && node.failures > *node.budget)
                    skip = FlowExecutorText::tr("the failure budget of %1 is spent (%2 failed)")
                               .arg(node.node.id)
                               .arg(node.failures);
            }
            if (skip.isEmpty() && node.running >= node.forks) {
                ++k;
                continue;
            }
            d->pending.erase(d->pending.begin() + std::ptrdiff_t(k));
            progressed = true;
            if (!skip.isEmpty()) {
                step.launched = true;
                stepFinished(s, skipState, skip, {});
                continue;
            }
            launch(s);
        }
    }
    d->schedulingMs += double(d->schedulingClock.nsecsElapsed()) / 1e6;
    if (d->pending.empty())
        finish();
}

void FlowExecutor::launch(std::size_t s)
{
    ExecStep &step = d->steps[s];
    ExecNode &node = d->nodes[step.node];
    step.launched = true;
    ++node.running;

    StepContext context;
    context.node = node.node;
    context.flowRunId = d->runId;
    if (!node.cloud)
        if (const fleet::Site *site = d->inventory.find(step.status.site))
            context.site = fleet::withResolvedRoot(*site, d->options.inventoryDir);
    context.options = d->options;
    context.stop = d->stop.get_token();
    context.daemonPort = node.daemonPort;
    if (const auto it = d->previous.find({step.status.node, step.status.site});
        it != d->previous.end() &&
        (it->second.status.state == StepState::Failed || it->second.status.state == StepState::Cancelled))
        context.previousOutputs = it->second.outputs;
    for (const Link &link : node.inputs) {
        const std::size_t from = d->nodeIndex.value(link.from.node);
        QJsonValue value;
        if (d->nodes[from].cloud) {
            value = d->steps[d->nodes[from].steps.front()].outputs.value(link.from.port);
        } else if (!node.cloud) {
            if (const auto before = d->step(from, step.status.site))
                value = d->steps[*before].outputs.value(link.from.port);
        } else {
            QJsonObject perSite;
            for (std::size_t b : d->nodes[from].steps)
                if (d->steps[b].status.state == StepState::Done)
                    perSite.insert(d->steps[b].status.site, d->steps[b].outputs.value(link.from.port));
            value = perSite;
        }
        const PortSpec *port = node.type->input(link.to.port);
        if (port && port->multiple) {
            QJsonArray list = context.inputs[link.to.port].toArray();
            list.append(value);
            context.inputs[link.to.port] = list;
        } else {
            context.inputs[link.to.port] = value;
        }
    }
    QPointer<FlowExecutor> self(this);
    context.progress = [this, self, s](double progress, const QString &message) {
        QMetaObject::invokeMethod(
            this,
            [this, self, s, progress, message] {
                if (self)
                    stepUpdate(s, StepState::Running, progress, message);
            },
            Qt::QueuedConnection);
    };
    context.log = [this, self, s](const QString &line) {
        QMetaObject::invokeMethod(
            this,
            [this, self, s, line] {
                if (self)
                    appendLog(s, line);
            },
            Qt::QueuedConnection);
    };
    step.status.started = QDateTime::currentDateTimeUtc();
    stepUpdate(s, StepState::Running, 0, QString());
    QThread *thread = QThread::create([this, self, s, context = std::move(context)]() mutable {
        StepOutcome outcome = runStep(context);
        QMetaObject::invokeMethod(
            this,
            [this, self, s, outcome] {
                if (!self)
                    return;
                stepFinished(s, outcome.state, outcome.message, outcome.outputs, outcome.problem,
                             outcome.fingerprint);
                schedule();
            },
            Qt::QueuedConnection);
    });
    d->threads.push_back(thread);
    thread->start();
}

void FlowExecutor::stepUpdate(std::size_t s, StepState state, double progress, const QString &message)
{
    ExecStep &step = d->steps[s];
    if (ended(step.status.state))
        return;
    const bool changed =
        step.status.state != state || !message.isEmpty() || std::abs(progress - step.status.progress) >= 0.01;
    const bool stateChanged = step.status.state != state;
    step.status.state = state;
    step.status.progress = std::clamp(progress, 0.0, 1.0);
    if (!message.isEmpty())
        step.status.message = message;
    if (!changed)
        return;
    if (stateChanged && d->useHistory)
        d->history.saveStep(d->runId, step.status, {});
    Q_EMIT stepChanged(step.status);
}

void FlowExecutor::stepFinished(std::size_t s, StepState state, const QString &message,
                                const QJsonObject &outputs, const QString &problem,
                                const QString &fingerprint)
{
    ExecStep &step = d->steps[s];
    ExecNode &node = d->nodes[step.node];
    if (step.status.state == StepState::Running)
        --node.running;
    if (state == StepState::Failed)
        ++node.failures;
    step.status.state = state;
    step.status.message = message;
    step.status.problem = problem;
    step.status.fingerprint = fingerprint;
    if (state == StepState::Done)
        step.status.progress = 1;
    step.status.finished = QDateTime::currentDateTimeUtc();
    step.outputs = outputs;
    if (d->useHistory)
        d->history.saveStep(d->runId, step.status, outputs);
    Q_EMIT stepChanged(step.status);
    if (state == StepState::Failed && !message.isEmpty())
        appendLog(s, message);
    // A worker thread ends with its step: reap the finished ones.
    for (auto it = d->threads.begin(); it != d->threads.end();) {
        if ((*it)->isFinished()) {
            delete *it;
            it = d->threads.erase(it);
        } else {
            ++it;
        }
    }
}

void FlowExecutor::appendLog(std::size_t s, const QString &line)
{
    ExecStep &step = d->steps[s];
    step.log << line;
    if (d->useHistory)
        d->history.appendLog(d->runId, step.status.node, step.status.site, line);
    Q_EMIT logLine(step.status.node, step.status.site, line);
}

void FlowExecutor::finish()
{
    if (!d->running)
        return;
    for (const ExecStep &step : d->steps)
        if (!ended(step.status.state))
            return; // steps still in flight
    for (QThread *thread : d->threads) {
        thread->wait();
        delete thread;
    }
    d->threads.clear();
    d->running = false;
    RunSummary summary;
    summary.runId = d->runId;
    summary.dryRun = d->options.dryRun;
    summary.cancelled = d->cancelled;
    summary.seconds = double(d->clock.elapsed()) / 1000.0;
    for (const ExecStep &step : d->steps) {
        if (step.status.stored) {
            ++summary.stored;
            continue;
        }
        switch (step.status.state) {
        case StepState::Done:
            ++summary.done;
            break;
        case StepState::Failed:
            ++summary.failed;
            break;
        default:
            ++summary.skipped;
            break;
        }
    }
    if (d->useHistory)
        d->history.finishRun(d->runId,
                             d->cancelled ? u"cancelled"_s : (summary.failed ? u"failed"_s : u"done"_s),
                             QDateTime::currentDateTimeUtc());
    Q_EMIT finished(summary);
}

} // namespace tenkai::flow
