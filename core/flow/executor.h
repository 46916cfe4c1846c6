// FlowExecutor: runs a flow. Nodes go in topological order; a per-site node fans out to its sites
// (at most `forks` at once, a failure budget per node), and each site moves on as soon as its own
// inputs are done, so independent branches and sites run in parallel. Every step reports its state
// and progress per node and per site; a run can be cancelled, dry-run (the fleet's plan for the
// provisioning nodes, a description for the others) or started from a node, reusing the stored
// results of the nodes before it. Steps, results and logs are kept in the workspace's
// history.sqlite (history.h).
//
// The executor lives in the thread that starts it (it needs that thread's event loop) and never
// blocks it: every step runs in a worker thread of its own.
#pragma once

#include "fleet/inventory.h"
#include "fleet/ssh_session.h"
#include "flow/graph.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace tenkai::flow {

enum class StepState
{
    Waiting,   // not started yet
    Running,   // in progress (see progress)
    Done,      // succeeded
    Failed,    // failed (see message)
    Skipped,   // not run: an input failed on this site, the failure budget was spent, or nothing to do
    Cancelled, // the run was cancelled before or while it ran
};

QString stepStateName(StepState state); // "waiting", "running", "done", "failed", "skipped", "cancelled"
std::optional<StepState> stepStateFromName(const QString &name);
QString stepStateText(StepState state); // translated, for people

// One node on one site (or on the cloud: site empty).
struct StepStatus
{
    QString node;
    QString site; // empty: the console's machine
    StepState state = StepState::Waiting;
    double progress = 0; // 0..1
    QString message;     // one line: what it did or is doing, or why it failed or was skipped
    bool stored = false; // taken from an earlier run (run from a node)
    // Failures a console acts on: "host-key-unknown" (first contact: accept the key and run again),
    // "host-key-changed" (an alarm); empty otherwise. `fingerprint`: the key the site offered.
    QString problem;
    QString fingerprint;
    QDateTime started;
    QDateTime finished;
};

struct RunOptions
{
    // Where the flow's relative paths (model files, reports, the pretrain data) resolve, and where
    // history.sqlite lives. Required.
    QString workspace;
    // Local sites' relative roots resolve here (default: the inventory file's folder).
    QString inventoryDir;
    fleet::SshOptions ssh;
    bool dryRun = false;
    // Run this node and everything after it; the nodes before it take their results from the
    // latest run of the same flow in the history.
    QString fromNode;
    // Only these sites (a --limit pattern: names, groups, globs, !exclusions, see
    // fleet::selectSites); empty: every site the nodes target.
    QString limit;
    int forks = 10; // sites a node works on at once (Provision edge: its own `forks`)
    // Failed sites a node tolerates before it starts no more sites (Provision edge: its own
    // `max_failures`); nullopt: no limit.
    std::optional<int> maxFailures;
    // The flow's identity in the history (its file, absolute); runs from a node look it up.
    QString flowKey;
    // The history file; empty: WORKSPACE/history.sqlite. "-": no history (tests, benchmarks).
    QString historyFile;
    // tenkaid's threads per member and the pretrain's intra-op threads (0: the default).
    int threads = 0;
    // The tenkaid packages (and offline bundles) for sites with `daemon: package`
    // (fleet/daemon_package.h); relative to the workspace; empty: WORKSPACE/packages.
    QString packagesDir;
    // How long a train step waits for a silent daemon before it reports it lost.
    int daemonTimeoutMs = 120000;
};

struct RunSummary
{
    QString runId;
    bool dryRun = false;
    bool cancelled = false;
    int done = 0;
    int failed = 0;
    int skipped = 0;
    int stored = 0; // steps taken from an earlier run
    double seconds = 0;
    bool ok() const { return failed == 0 && !cancelled; }
};

class History;
struct ExecState;

class FlowExecutor : public QObject
{
    Q_OBJECT

public:
    // The graph and inventory are copied; they may change or go away while the flow runs.
    FlowExecutor(const FlowGraph &graph, const fleet::Inventory &inventory, RunOptions options,
                 QObject *parent = nullptr);
    ~FlowExecutor() override; // cancels and waits for the steps in flight

    // Checks the flow (validation errors, the node to start from and the stored results it needs),
    // opens the history and starts. On false, `error` says why (nothing was started).
    bool start(QString *error);
    // Cancels: no new step starts, running steps are asked to stop (a training is stopped on its
    // daemon, a recipe stops between resources); finished() follows once they have.
    void cancel();
    bool isRunning() const;
    QString runId() const;

    // Every step of the run, in flow order then site order.
    std::vector<StepStatus> steps() const;
    // The outputs of a finished step (port -> value), empty when it has none.
    QJsonObject outputs(const QString &node, const QString &site) const;
    // The log of one step so far.
    QStringList log(const QString &node, const QString &site) const;

    // Per-step overhead measure for benchmarks: time spent scheduling (not in steps), in ms.
    double schedulingMs() const;

Q_SIGNALS:
    void stepChanged(const tenkai::flow::StepStatus &status);
    void logLine(const QString &node, const QString &site, const QString &line);
    void finished(const tenkai::flow::RunSummary &summary);

private:
    void schedule();
    void launch(std::size_t step);
    void stepUpdate(std::size_t step, StepState state, double progress, const QString &message);
    // Records the end of a step (the caller schedules what may follow).
    void stepFinished(std::size_t step, StepState state, const QString &message, const QJsonObject &outputs,
                      const QString &problem = {}, const QString &fingerprint = {});
    void appendLog(std::size_t step, const QString &line);
    void finish();

    std::unique_ptr<ExecState> d;
};

} // namespace tenkai::flow

Q_DECLARE_METATYPE(tenkai::flow::StepStatus)
Q_DECLARE_METATYPE(tenkai::flow::RunSummary)
