// The work of each node type on one site (or on the cloud), run by FlowExecutor in a worker thread.
// Internal to core/flow.
#pragma once

#include "fleet/inventory.h"
#include "flow/executor.h"
#include "flow/graph.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>

namespace tenkai::flow {

struct StepContext
{
    Node node;
    QString flowRunId;
    // The site (its root absolute for a local site); nullopt for a cloud step.
    std::optional<fleet::Site> site;
    // Input port -> value: a per-site input the upstream step's output on this site; a cloud input
    // the cloud step's output; a cloud step's per-site input {site: output, ...} of the sites that
    // succeeded. Ports taking several links get an array of those.
    std::map<QString, QJsonValue> inputs;
    // Parameters of other nodes a step needs (the daemon port that an upstream Install daemon set).
    int daemonPort = 0;
    // What this node's latest real attempt at this site left in the run history, when it ended
    // failed or cancelled (a training's interrupted run, to carry on); empty otherwise.
    QJsonObject previousOutputs;
    RunOptions options;
    std::stop_token stop;
    std::function<void(double progress, const QString &message)> progress;
    std::function<void(const QString &line)> log;
};

struct StepOutcome
{
    StepState state = StepState::Done;
    QString message;
    QJsonObject outputs; // output port -> value
    QString problem;     // see StepStatus::problem
    QString fingerprint;
};

// Runs one step of the node's type (dry or real, as the options say).
StepOutcome runStep(StepContext &context);

} // namespace tenkai::flow
