// Runs one training in a worker thread and hands its metrics to the GUI thread in batches.
#pragma once

#include "train_api.h"

#include <QObject>
#include <QString>
#include <mutex>
#include <thread>
#include <vector>

namespace tenkai {

class TrainingJob : public QObject
{
    Q_OBJECT

public:
    // What arrived since the last takePending().
    struct Batch
    {
        std::vector<train::TrainStart> starts;
        std::vector<train::StepMetrics> steps;
        std::vector<train::EpochMetrics> epochs;
        bool empty() const { return starts.empty() && steps.empty() && epochs.empty(); }
    };

    explicit TrainingJob(QObject *parent = nullptr);
    ~TrainingJob() override; // stops the training and waits for the worker

    // Starts training in a worker thread; false when one is already running.
    bool start(const train::TrainConfig &config);
    // Asks the training to stop after the current step; finished() follows.
    void stop();
    bool isRunning() const { return m_running; }

    // Takes everything buffered so far; safe from any thread.
    Batch takePending();

    // The last finished training's summary (valid after finished()).
    const train::TrainSummary &summary() const { return m_summary; }

Q_SIGNALS:
    // Emitted once when the buffer goes from empty to non-empty, so a burst costs one event.
    void pendingAvailable();
    // The training ended: completed, cancelled (summary().cancelled) or failed (error not empty).
    void finished(const QString &error);

private:
    void push(const std::function<void(Batch &)> &add);

    std::jthread m_worker;
    std::mutex m_mutex;
    Batch m_pending;
    bool m_notified = false;
    bool m_running = false;
    train::TrainSummary m_summary;
};

} // namespace tenkai
