// Synthetic metrics: a test-only "training" that produces step metrics at a fixed rate through the
// same TrainingJob callbacks as a real training, for the telemetry benchmark (bench/telemetry.sh).
//
// Hidden: the run configuration's dataset "synthetic" is accepted only when the daemon's environment
// sets TENKAI_SYNTHETIC_METRICS to a rate in metric events per second (each step report becomes three
// metric events: loss, lr and img_per_s). Such a run makes `limit` step reports (default 1,000) at
// rate/3 per second, without touching a dataset or a model. The `loss` of each report is the Unix time
// in seconds at which its callback ran (microsecond precision), so a subscriber can measure the
// callback-to-subscriber latency exactly; `lr` holds the rate.
#pragma once

#include "train_api.h"

#include <stop_token>

namespace tenkai::telemetry {

inline constexpr const char *kSyntheticDataset = "synthetic";

// Metric events per second from TENKAI_SYNTHETIC_METRICS; 0 when unset or not a positive number.
double syntheticMetricsRate();

bool isSyntheticRun(const train::TrainConfig &config);

// Runs the synthetic source until `limit` reports were made or `stop` is requested.
train::Result<train::TrainSummary> runSyntheticMetrics(const train::TrainConfig &config,
                                                       const train::TrainCallbacks &callbacks,
                                                       std::stop_token stop);

} // namespace tenkai::telemetry
