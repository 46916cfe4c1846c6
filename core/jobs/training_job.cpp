#include "jobs/training_job.h"

#include "common/errors.h"
#include "telemetry/synthetic_metrics.h"

#include <QMetaObject>

namespace tenkai {

TrainingJob::TrainingJob(QObject *parent) : QObject(parent) {}

TrainingJob::~TrainingJob()
{
    if (m_worker.joinable()) {
        m_worker.request_stop();
        m_worker.join();
    }
}

bool TrainingJob::start(const train::TrainConfig &config)
{
    if (m_running)
        return false;
    if (m_worker.joinable())
        m_worker.join();
    m_running = true;
    {
        std::lock_guard lock(m_mutex);
        m_pending = {};
        m_notified = false;
    }
    m_worker = std::jthread([this, config](std::stop_token stop) {
        train::TrainCallbacks callbacks;
        callbacks.onStep = [this](const train::StepMetrics &m) {
            push([&](Batch &b) { b.steps.push_back(m); });
        };
        callbacks.onEpoch = [this](const train::EpochMetrics &m) {
            push([&](Batch &b) { b.epochs.push_back(m); });
        };
        callbacks.onStart = [this](const train::TrainStart &s) {
            push([&](Batch &b) { b.starts.push_back(s); });
        };
        // The benchmark's synthetic source (telemetry/synthetic_metrics.h) takes the same path.
        auto result = telemetry::isSyntheticRun(config)
                          ? telemetry::runSyntheticMetrics(config, callbacks, stop)
                          : train::runTraining(config, callbacks, stop);
        QString error;
        train::TrainSummary summary;
        if (result)
            summary = result.value();
        else
            error = describe(result.error());
        // Back on the object's thread: publish the outcome. Dropped if the job was destroyed.
        QMetaObject::invokeMethod(
            this,
            [this, error, summary] {
                m_summary = summary;
                m_running = false;
                if (m_worker.joinable())
                    m_worker.join();
                Q_EMIT finished(error);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void TrainingJob::stop()
{
    if (m_worker.joinable())
        m_worker.request_stop();
}

TrainingJob::Batch TrainingJob::takePending()
{
    std::lock_guard lock(m_mutex);
    Batch out = std::move(m_pending);
    m_pending = {};
    m_notified = false;
    return out;
}

void TrainingJob::push(const std::function<void(Batch &)> &add)
{
    bool notify = false;
    {
        std::lock_guard lock(m_mutex);
        add(m_pending);
        notify = !m_notified;
        m_notified = true;
    }
    if (notify)
        Q_EMIT pendingAvailable();
}

} // namespace tenkai
