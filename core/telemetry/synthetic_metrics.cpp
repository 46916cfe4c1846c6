#include "telemetry/synthetic_metrics.h"

#include <chrono>
#include <cstdlib>
#include <thread>

namespace tenkai::telemetry {

double syntheticMetricsRate()
{
    const char *value = std::getenv("TENKAI_SYNTHETIC_METRICS");
    if (!value || !*value)
        return 0;
    char *end = nullptr;
    const double rate = std::strtod(value, &end);
    return (end && *end == '\0' && rate > 0 && rate <= 1e6) ? rate : 0;
}

bool isSyntheticRun(const train::TrainConfig &config)
{
    return config.dataset == kSyntheticDataset;
}

train::Result<train::TrainSummary> runSyntheticMetrics(const train::TrainConfig &config,
                                                       const train::TrainCallbacks &callbacks,
                                                       std::stop_token stop)
{
    using Clock = std::chrono::steady_clock;
    const double rate = std::max(1.0, syntheticMetricsRate());
    const std::int64_t reports = config.limit > 0 ? config.limit : 1000;
    const auto interval = std::chrono::duration<double>(3.0 / rate); // three metric events per report
    const auto begin = Clock::now();
    train::TrainSummary summary;
    if (callbacks.onStart) {
        train::TrainStart start;
        start.model = "synthetic";
        start.dataset = kSyntheticDataset;
        start.members = 1;
        start.device = "cpu";
        callbacks.onStart(start);
    }
    std::int64_t made = 0;
    for (; made < reports; ++made) {
        if (stop.stop_requested()) {
            summary.cancelled = true;
            break;
        }
        std::this_thread::sleep_until(begin +
                                      std::chrono::duration_cast<Clock::duration>(interval * double(made)));
        train::StepMetrics m;
        m.member = 0;
        m.epoch = 1;
        m.step = made + 1;
        m.totalSteps = reports;
        m.loss = double(std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count()) /
                 1e6;
        m.learningRate = rate;
        m.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
        if (callbacks.onStep)
            callbacks.onStep(m);
    }
    summary.epochsCompleted = summary.cancelled ? 0 : 1;
    summary.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    return summary;
}

} // namespace tenkai::telemetry
