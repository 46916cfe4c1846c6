// TrainingJob trains in a worker thread, batches metrics for the GUI thread, stops on request.
#include "jobs/training_job.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using tenkai::TrainingJob;

class TestTrainingJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void trainsAndDeliversAllMetrics();
    void stopEndsEarly();
    void failureIsReportedAsSentence();
};

void TestTrainingJob::trainsAndDeliversAllMetrics()
{
    TrainingJob job;
    QSignalSpy finished(&job, &TrainingJob::finished);
    QSignalSpy available(&job, &TrainingJob::pendingAvailable);
    tenkai::train::TrainConfig config;
    config.limit = 1000;
    config.testLimit = 1000;
    config.epochs = 2;
    config.stepReportInterval = 2;
    config.validationFraction = 0; // all 1000 images train: the step counts below
    QVERIFY(job.start(config));
    QVERIFY(job.isRunning());
    QVERIFY(!job.start(config)); // one at a time

    QVERIFY(finished.wait(120000));
    // Nothing was taken while it ran, so one take holds everything.
    const auto batch = job.takePending();
    const auto &steps = batch.steps;
    const auto &epochs = batch.epochs;
    QVERIFY(job.takePending().empty());
    QCOMPARE(finished.first().first().toString(), QString());
    QVERIFY(!job.isRunning());
    // 1000 images, batch 64: 16 steps per epoch, a report every 2 steps: 8 reports per epoch.
    QCOMPARE(int(steps.size()), 16);
    QCOMPARE(steps.back().step, std::int64_t(32));
    QCOMPARE(steps.back().totalSteps, std::int64_t(32));
    for (std::size_t i = 1; i < steps.size(); ++i)
        QVERIFY(steps[i].step > steps[i - 1].step);
    QCOMPARE(int(epochs.size()), 2);
    QCOMPARE(epochs[1].epoch, 2);
    QVERIFY(epochs[1].testAccuracy > 0.2);
    QCOMPARE(job.summary().epochsCompleted, 2);
    QCOMPARE(int(batch.starts.size()), 1);
    QCOMPARE(batch.starts[0].trainImages, std::int64_t(1000));
    QCOMPARE(batch.starts[0].testImages, std::int64_t(1000));
    QCOMPARE(batch.starts[0].model, std::string("lenet"));
    // Coalescing: the buffer was never drained, so exactly one notification was sent.
    QCOMPARE(available.count(), 1);
}

void TestTrainingJob::stopEndsEarly()
{
    TrainingJob job;
    QSignalSpy finished(&job, &TrainingJob::finished);
    QSignalSpy available(&job, &TrainingJob::pendingAvailable);
    tenkai::train::TrainConfig config;
    config.epochs = 50; // would take minutes
    config.stepReportInterval = 1;
    QVERIFY(job.start(config));
    QVERIFY(available.wait(60000));
    // Wait until training really runs (a step arrived), then stop.
    std::size_t steps = 0; // QTRY evaluates its expression once more at the end: accumulate
    QTRY_VERIFY_WITH_TIMEOUT((steps += job.takePending().steps.size()) > 0, 60000);
    job.stop();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toString(), QString());
    QVERIFY(job.summary().cancelled);
    QVERIFY(job.summary().epochsCompleted < 50);
}

void TestTrainingJob::failureIsReportedAsSentence()
{
    TrainingJob job;
    QSignalSpy finished(&job, &TrainingJob::finished);
    tenkai::train::TrainConfig config;
    config.dataDir = "/nonexistent/tenkai-data";
    QVERIFY(job.start(config));
    QVERIFY(finished.wait(30000));
    const QString error = finished.first().first().toString();
    QVERIFY2(error.contains(QStringLiteral("/nonexistent/tenkai-data")), qPrintable(error));
    QVERIFY(!job.isRunning());
}

QTEST_GUILESS_MAIN(TestTrainingJob)
#include "tst_training_job.moc"
