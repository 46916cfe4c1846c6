// Checkpoints per member per epoch: a training stopped part way and resumed ends exactly as an
// uninterrupted one (CPU, fixed seeds), for an augmented ensemble, a batch-normalised ResNet and a
// dropout AlexNet; checkpoints of other trainings and damaged ones are refused clearly. ResNet
// models train, save and load like the others.
#include "model_io.h"
#include "train_api.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <torch/torch.h>

using namespace tenkai::train;

namespace {

TrainConfig smallConfig(const std::string &model)
{
    TrainConfig c;
    c.model = model;
    c.limit = 512;
    c.testLimit = 256;
    c.epochs = 3;
    c.batchSize = 64;
    c.learningRate = 0.05;
    c.threads = 2;
    c.stepReportInterval = 1000;
    return c;
}

struct Outcome
{
    TrainSummary summary;
    std::vector<EpochMetrics> epochs;
};

Outcome train(const TrainConfig &config, int stopAfterEpoch = 0)
{
    Outcome o;
    std::stop_source stop;
    TrainCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochMetrics &m) {
        o.epochs.push_back(m);
        if (stopAfterEpoch > 0 && m.epoch == stopAfterEpoch)
            stop.request_stop();
    };
    auto r = runTraining(config, callbacks, stop.get_token());
    if (!r)
        qFatal("training failed: %s", r.error().message().c_str());
    o.summary = std::move(r).value();
    return o;
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resumesExactly_data();
    void resumesExactly();
    void resumeAfterTheEndOnlyReports();
    void refusesOtherTrainings();
    void refusesDamagedCheckpoints();
    void checkpointThatCrashesTheReaderIsRefused();
    void resnetTrainsSavesAndLoads();

private:
    QTemporaryDir m_dir;
};

void TestCheckpoint::initTestCase()
{
    QVERIFY(m_dir.isValid());
    configureThreads(2);
}

void TestCheckpoint::resumesExactly_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("members");
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<QString>("ensemble");
    QTest::newRow("lenet ensemble of 2, augmented") << "lenet" << 2 << "sgd"
                                                    << "threads";
    QTest::newRow("resnet8, batch norm, adam") << "resnet8" << 1 << "adam"
                                               << "auto";
    QTest::newRow("alexnet, dropout") << "alexnet" << 1 << "sgd"
                                      << "auto";
    // A packed ensemble's checkpoint holds each member's own weights and optimizer state.
    QTest::newRow("lenet packed ensemble of 2, augmented") << "lenet" << 2 << "sgd"
                                                           << "packed";
    QTest::newRow("resnet8 packed ensemble of 2, adam") << "resnet8" << 2 << "adam"
                                                        << "packed";
}

void TestCheckpoint::resumesExactly()
{
    QFETCH(QString, model);
    QFETCH(int, members);
    QFETCH(QString, optimizer);
    QFETCH(QString, ensemble);
    TrainConfig config = smallConfig(model.toStdString());
    config.optimizer = optimizer.toStdString();
    config.ensemble = ensemble.toStdString();
    config.schedule = "cosine";
    if (members > 1)
        config.members = {{11, "geometric"}, {12, "photometric"}};
    const auto tag = QString::fromLatin1(QTest::currentDataTag()).section(QLatin1Char(','), 0, 0);

    config.checkpointDir = m_dir.filePath(tag + QStringLiteral("-whole")).toStdString();
    const Outcome whole = train(config);
    QCOMPARE(whole.summary.epochsCompleted, 3);
    QCOMPARE(whole.summary.resumedAfterEpoch, 0);

    config.checkpointDir = m_dir.filePath(tag + QStringLiteral("-parts")).toStdString();
    const Outcome first = train(config, /*stopAfterEpoch=*/1);
    QVERIFY(first.summary.cancelled);
    QCOMPARE(first.summary.epochsCompleted, 1);
    QVERIFY(QFile::exists(QString::fromStdString((config.checkpointDir / "checkpoint.pt").string())));
    // Only the last completed epoch's member files are kept.
    const QStringList files = QDir(QString::fromStdString(config.checkpointDir.string()))
                                  .entryList({QStringLiteral("member-*.pt")}, QDir::Files);
    QCOMPARE(files.size(), members);
    for (const auto &f : files)
        QVERIFY2(f.endsWith(QStringLiteral("-epoch-1.pt")), qPrintable(f));

    config.resume = true;
    const Outcome rest = train(config);
    QCOMPARE(rest.summary.resumedAfterEpoch, 1);
    QCOMPARE(rest.summary.epochsCompleted, 3);
    QVERIFY(!rest.summary.cancelled);
    // Epochs 2 and 3 are reported once more, and only they.
    QCOMPARE(rest.epochs.front().epoch, 2);

    // Exactly the same training: every member's figures and the ensemble's, bit for bit.
    const auto &a = whole.summary.report;
    const auto &b = rest.summary.report;
    QCOMPARE(b.memberAccuracy, a.memberAccuracy);
    QCOMPARE(b.accuracy, a.accuracy);
    QCOMPARE(b.loss, a.loss);
    QCOMPARE(b.confusion, a.confusion);
    const auto lastOf = [](const Outcome &o, int member) {
        for (auto it = o.epochs.rbegin(); it != o.epochs.rend(); ++it)
            if (it->member == member)
                return *it;
        return EpochMetrics{};
    };
    for (int m = 0; m < members; ++m) {
        QCOMPARE(lastOf(rest, m).trainLoss, lastOf(whole, m).trainLoss);
        QCOMPARE(lastOf(rest, m).testLoss, lastOf(whole, m).testLoss);
        QCOMPARE(lastOf(rest, m).step, lastOf(whole, m).step);
    }
}

void TestCheckpoint::resumeAfterTheEndOnlyReports()
{
    TrainConfig config = smallConfig("lenet");
    config.epochs = 1;
    config.checkpointDir = m_dir.filePath(QStringLiteral("finished")).toStdString();
    const Outcome done = train(config);
    config.resume = true;
    const Outcome again = train(config);
    QCOMPARE(again.summary.resumedAfterEpoch, 1);
    QCOMPARE(again.summary.epochsCompleted, 1);
    QVERIFY(again.epochs.empty()); // nothing trained
    QCOMPARE(again.summary.report.accuracy, done.summary.report.accuracy);
}

void TestCheckpoint::refusesOtherTrainings()
{
    TrainConfig config = smallConfig("lenet");
    config.epochs = 1;
    config.checkpointDir = m_dir.filePath(QStringLiteral("taken")).toStdString();
    train(config);

    // Without resume, an existing checkpoint is never overwritten.
    auto r = runTraining(config, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::CheckpointUnusable);
    QVERIFY2(r.error().message().find("taken") != std::string::npos, r.error().message().c_str());
    QVERIFY2(r.error().message().find("earlier training") != std::string::npos, r.error().message().c_str());

    // Resuming into a different configuration is refused.
    config.resume = true;
    config.learningRate = 0.01;
    r = runTraining(config, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::CheckpointUnusable);
    QVERIFY2(r.error().message().find("different configuration") != std::string::npos,
             r.error().message().c_str());
}

void TestCheckpoint::refusesDamagedCheckpoints()
{
    TrainConfig config = smallConfig("lenet");
    config.epochs = 2;
    config.checkpointDir = m_dir.filePath(QStringLiteral("damaged")).toStdString();
    train(config, 1);
    config.resume = true;
    const QString dir = QString::fromStdString(config.checkpointDir.string());

    // A member file cut short.
    QFile member(dir + QStringLiteral("/member-1-epoch-1.pt"));
    QVERIFY(member.open(QIODevice::ReadWrite));
    const QByteArray bytes = member.readAll();
    member.resize(bytes.size() / 2);
    member.close();
    auto r = runTraining(config, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::CheckpointUnusable);
    QVERIFY2(r.error().message().find("member-1-epoch-1.pt") != std::string::npos,
             r.error().message().c_str());

    // The member file gone.
    QVERIFY(QFile::remove(member.fileName()));
    r = runTraining(config, {});
    QVERIFY(!r);
    QVERIFY2(r.error().message().find("is missing") != std::string::npos, r.error().message().c_str());

    // The header replaced by garbage.
    QFile header(dir + QStringLiteral("/checkpoint.pt"));
    QVERIFY(header.open(QIODevice::WriteOnly | QIODevice::Truncate));
    header.write("not a checkpoint at all");
    header.close();
    r = runTraining(config, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::CheckpointUnusable);
    QVERIFY2(r.error().message().find("checkpoint.pt") != std::string::npos, r.error().message().c_str());
}

// A member checkpoint changed on disk so that LibTorch's reader dereferences null (the crash the
// model fuzz target found: one class attribute misspelt, the zip's offsets intact) fails the resume
// with a clear error instead of ending the process: it is opened in a vetting child first (main()
// below turns vetting on, as tenkaid's does).
void TestCheckpoint::checkpointThatCrashesTheReaderIsRefused()
{
    TrainConfig config = smallConfig("lenet");
    config.epochs = 2;
    config.checkpointDir = m_dir.filePath(QStringLiteral("crashing")).toStdString();
    train(config, 1);
    config.resume = true;
    QFile member(QString::fromStdString(config.checkpointDir.string()) +
                 QStringLiteral("/member-1-epoch-1.pt"));
    QVERIFY(member.open(QIODevice::ReadWrite));
    QByteArray bytes = member.readAll();
    const qsizetype attribute = bytes.indexOf("__parameters__");
    QVERIFY(attribute >= 0);
    bytes.replace(attribute, 14, "__praameters__");
    QVERIFY(member.seek(0));
    QCOMPARE(member.write(bytes), bytes.size());
    member.close();

    const auto r = runTraining(config, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::CheckpointUnusable);
    QVERIFY2(r.error().message().find("member-1-epoch-1.pt") != std::string::npos &&
                 r.error().message().find("separate process") != std::string::npos,
             r.error().message().c_str());
}

void TestCheckpoint::resnetTrainsSavesAndLoads()
{
    for (const std::string model : {"resnet8", "resnet20"}) {
        TrainConfig config = smallConfig(model);
        config.epochs = 1;
        config.limit = model == "resnet8" ? 2048 : 256;
        config.validationFraction = 0; // all 2048 to train on: the loss bound below is for 32 steps
        config.outputDir = m_dir.filePath(QString::fromStdString(model)).toStdString();
        const Outcome o = train(config);
        if (model == "resnet8") {
            // It learns: the training loss falls well below chance's ln(10) = 2.3 and the test accuracy
            // beats chance (batch statistics are still settling after 32 steps; PyTorch's own ResNet-8
            // scores ~40% at this point).
            QVERIFY2(o.epochs.back().trainLoss < 1.6, std::to_string(o.epochs.back().trainLoss).c_str());
            QVERIFY2(o.summary.testAccuracy > 0.2, std::to_string(o.summary.testAccuracy).c_str());
        }
        auto loaded = loadModel(o.summary.modelPath);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message().c_str());
        QCOMPARE(loaded.value().info.architecture, model);
        // Batch normalisation's running statistics travel with the weights.
        std::int64_t buffers = 0;
        for (const auto &b : loaded.value().net->named_buffers())
            buffers += b.key().find("running_mean") != std::string::npos;
        QVERIFY(buffers >= (model == "resnet8" ? 7 : 19));
        // A ResNet file is not an AlexNet.
        ModelInfo want;
        want.architecture = "alexnet";
        const auto wrong = loadModel(o.summary.modelPath, want);
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().message().find(model) != std::string::npos, wrong.error().message().c_str());
    }
}

int main(int argc, char **argv)
{
    // As tenkaid: this executable, started with --tenkai-vet-archive FILE, is the vetting child.
    if (const int vetted = vetModelFilesInChildProcesses(argc, argv); vetted >= 0)
        return vetted;
    QCoreApplication app(argc, argv);
    TestCheckpoint test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_checkpoint.moc"
