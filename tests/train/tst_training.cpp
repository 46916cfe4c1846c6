// Real LibTorch training on a small subset of the installed Fashion-MNIST, and the loader's errors.
#include "../support/idx_writer.h"
#include "dataset.h"
#include "model_io.h"
#include "models.h"
#include "train_api.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <set>
#include <torch/serialize.h>

using namespace tenkai::train;
namespace t = tenkai::test;

class TestTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void learnsWellAboveChance();
    void sameSeedSameResult();
    void stopTokenCancels();
    void savedModelLoadsBack();
    void ensembleTrainsMembersInParallel();
    void rejectsBadConfig_data();
    void rejectsBadConfig();
    void loaderNamesBadFile_data();
    void loaderNamesBadFile();

private:
    QTemporaryDir m_dir;
};

void TestTraining::initTestCase()
{
    configureThreads(0);
    QVERIFY2(QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")),
             "the dataset-fashion-mnist package is required (scripts/setup-debian.sh installs it)");
}

void TestTraining::learnsWellAboveChance()
{
    TrainConfig config;
    config.limit = 2000;
    config.epochs = 3;
    config.learningRate = 0.05;
    int epochs = 0;
    std::int64_t lastStep = 0;
    bool stepsIncrease = true;
    TrainCallbacks callbacks;
    callbacks.onStep = [&](const StepMetrics &m) {
        stepsIncrease = stepsIncrease && m.step > lastStep;
        lastStep = m.step;
    };
    callbacks.onEpoch = [&](const EpochMetrics &) {
        ++epochs;
    };
    const auto result = runTraining(config, callbacks);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message().c_str());
    const auto &s = result.value();
    QCOMPARE(s.epochsCompleted, 3);
    QCOMPARE(epochs, 3);
    QVERIFY(stepsIncrease);
    // 2000 images, 200 of them (10%, by class) held out for validation: 1800 / batch 64 = 29 steps.
    QCOMPARE(lastStep, std::int64_t(3 * 29));
    QCOMPARE(s.trainImages, std::int64_t(1800));
    QCOMPARE(s.validationImages, std::int64_t(200));
    QCOMPARE(s.testImages, std::int64_t(10000));
    // Ten classes: chance is 10%. A working pipeline reaches well over half of the test split.
    QVERIFY2(s.testAccuracy > 0.55, qPrintable(QString::number(s.testAccuracy)));
    QVERIFY(s.imagesPerSecond > 0);
}

void TestTraining::sameSeedSameResult()
{
    TrainConfig config;
    config.limit = 500;
    config.testLimit = 500;
    config.threads = 1;
    const auto a = runTraining(config, {});
    const auto b = runTraining(config, {});
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a.value().testAccuracy, b.value().testAccuracy);
    QCOMPARE(a.value().report.loss, b.value().report.loss);
    // Another seed: another initialisation, order and validation split (the loss tells them apart
    // where 500 test images may give the same accuracy).
    config.seed = 2;
    const auto c = runTraining(config, {});
    QVERIFY(c.ok());
    QVERIFY(c.value().report.loss != a.value().report.loss);
}

void TestTraining::stopTokenCancels()
{
    TrainConfig config;
    config.epochs = 20;
    config.stepReportInterval = 1;
    std::stop_source stop;
    int steps = 0;
    TrainCallbacks callbacks;
    callbacks.onStep = [&](const StepMetrics &) {
        if (++steps == 5)
            stop.request_stop();
    };
    const auto result = runTraining(config, callbacks, stop.get_token());
    QVERIFY(result.ok());
    QVERIFY(result.value().cancelled);
    QCOMPARE(result.value().epochsCompleted, 0);
    QCOMPARE(steps, 5);
}

void TestTraining::savedModelLoadsBack()
{
    TrainConfig config;
    config.limit = 300;
    config.testLimit = 300;
    config.outputDir = m_dir.filePath(QStringLiteral("out/nested")).toStdString();
    const auto result = runTraining(config, {});
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message().c_str());
    const auto path = result.value().modelPath;
    QCOMPARE(QString::fromStdString(path.string()), m_dir.filePath(QStringLiteral("out/nested/model.pt")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("out/nested/.model.pt.partial"))));

    // The file describes itself.
    const auto info = readModelInfo(path);
    QVERIFY2(info.ok(), info.ok() ? "" : info.error().message().c_str());
    QCOMPARE(info.value().architecture, std::string("lenet"));
    QCOMPARE(info.value().channels, std::int64_t(1));
    QCOMPARE(info.value().height, std::int64_t(28));
    QCOMPARE(info.value().classes.size(), std::size_t(10));
    QCOMPARE(info.value().classes[9], std::string("Ankle boot"));
    QCOMPARE(info.value().dataset, std::string("fashion-mnist"));
    QCOMPARE(info.value().epochs, 1);
    QCOMPARE(info.value().testAccuracy, result.value().testAccuracy);
    QCOMPARE(info.value().mean.size(), std::size_t(1));

    // Loaded back, the architecture is rebuilt from the description and the weights fit it.
    auto loaded = loadModel(path, {});
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message().c_str());
    QCOMPARE(loaded.value().net->forward(torch::zeros({2, 1, 28, 28})).size(1), std::int64_t(10));

    // Asking for another architecture or shape names both.
    ModelInfo want;
    want.architecture = "alexnet";
    const auto wrongArch = loadModel(path, want);
    QVERIFY(!wrongArch.ok());
    QVERIFY2(QString::fromStdString(wrongArch.error().detail)
                 .contains(QStringLiteral(
                     "holds a lenet for 28x28x1 images, 10 classes, but a alexnet for 28x28x1")),
             wrongArch.error().detail.c_str());
    ModelInfo cifarShape;
    cifarShape.channels = 3;
    cifarShape.height = 32;
    cifarShape.width = 32;
    const auto wrongShape = loadModel(path, cifarShape);
    QVERIFY(!wrongShape.ok());
    QVERIFY2(QString::fromStdString(wrongShape.error().detail).contains(QStringLiteral("lenet for 32x32x3")),
             wrongShape.error().detail.c_str());

    // Not a model file at all, and a plain torch::save without a description.
    QVERIFY(t::writeFile(m_dir.filePath(QStringLiteral("junk.pt")), "this is not a zip archive"));
    const auto junk = readModelInfo(m_dir.filePath(QStringLiteral("junk.pt")).toStdString());
    QVERIFY(!junk.ok());
    QCOMPARE(junk.error().code, ErrorCode::ModelUnusable);
    auto bare = makeModel("lenet", {1, 28, 28}, 10).value();
    const auto barePath = m_dir.filePath(QStringLiteral("bare.pt")).toStdString();
    torch::save(bare, barePath);
    const auto undescribed = loadModel(barePath, {});
    QVERIFY(!undescribed.ok());
    QVERIFY(
        QString::fromStdString(undescribed.error().detail).contains(QStringLiteral("no model description")));
}

void TestTraining::ensembleTrainsMembersInParallel()
{
    TrainConfig config;
    config.limit = 3000;
    config.testLimit = 2000;
    config.epochs = 2;
    config.learningRate = 0.05;
    config.members = {{1, {}}, {2, {}}, {3, {}}};
    config.outputDir = m_dir.filePath(QStringLiteral("ensemble")).toStdString();
    std::set<int> steppingMembers;
    std::vector<EpochMetrics> memberEpochs;
    std::vector<EpochMetrics> ensembleEpochs;
    TrainCallbacks callbacks;
    callbacks.onStep = [&](const StepMetrics &m) {
        steppingMembers.insert(m.member);
    };
    callbacks.onEpoch = [&](const EpochMetrics &m) {
        (m.member == kEnsemble ? ensembleEpochs : memberEpochs).push_back(m);
    };
    const auto result = runTraining(config, callbacks);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message().c_str());
    const auto &s = result.value();
    QCOMPARE(steppingMembers, (std::set<int>{0, 1, 2}));
    QCOMPARE(int(memberEpochs.size()), 6);
    QCOMPARE(int(ensembleEpochs.size()), 2);
    QCOMPARE(s.report.memberAccuracy.size(), std::size_t(3));
    // Different seeds give different members: they disagree on some images, and not on most.
    QVERIFY2(s.report.disagreement > 0.01 && s.report.disagreement < 0.5,
             qPrintable(QString::number(s.report.disagreement)));
    QCOMPARE(ensembleEpochs.back().disagreement, s.report.disagreement);
    // The soft vote is at least as good as the weakest member and close to or above the best.
    const auto [worst, best] =
        std::minmax_element(s.report.memberAccuracy.begin(), s.report.memberAccuracy.end());
    QVERIFY(s.testAccuracy >= *worst);
    QVERIFY2(s.testAccuracy >= *best - 0.02,
             qPrintable(QStringLiteral("%1 vs %2").arg(s.testAccuracy).arg(*best)));
    QVERIFY(s.report.majorityAccuracy > 0.5);
    // The confusion matrix covers the test split and its diagonal is the soft vote's accuracy.
    std::int64_t total = 0;
    std::int64_t diagonal = 0;
    for (std::size_t t = 0; t < s.report.confusion.size(); ++t)
        for (std::size_t p = 0; p < s.report.confusion[t].size(); ++p) {
            total += s.report.confusion[t][p];
            diagonal += t == p ? s.report.confusion[t][p] : 0;
        }
    QCOMPARE(total, std::int64_t(2000));
    QCOMPARE(double(diagonal) / 2000.0, s.testAccuracy);
    QCOMPARE(s.report.perClassAccuracy.size(), std::size_t(10));
    QCOMPARE(s.memberPaths.size(), std::size_t(3));
    for (const auto &path : s.memberPaths)
        QVERIFY(readModelInfo(path).ok());
    QVERIFY(s.modelPath.empty());
}

void TestTraining::rejectsBadConfig_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown dataset") << QStringLiteral("dataset") << int(ErrorCode::UnknownDataset);
    QTest::newRow("unknown model") << QStringLiteral("model") << int(ErrorCode::UnknownModel);
    QTest::newRow("unknown device") << QStringLiteral("device") << int(ErrorCode::UnknownDevice);
    QTest::newRow("zero epochs") << QStringLiteral("epochs") << int(ErrorCode::InvalidArgument);
    QTest::newRow("negative limit") << QStringLiteral("limit") << int(ErrorCode::InvalidArgument);
    QTest::newRow("output is a file") << QStringLiteral("output") << int(ErrorCode::OutputUnwritable);
    QTest::newRow("missing data folder") << QStringLiteral("dataDir") << int(ErrorCode::DataMissing);
}

void TestTraining::rejectsBadConfig()
{
    QFETCH(QString, field);
    QFETCH(int, code);
    TrainConfig config;
    if (field == QLatin1String("dataset"))
        config.dataset = "imagenet-22k";
    else if (field == QLatin1String("model"))
        config.model = "gpt";
    else if (field == QLatin1String("device"))
        config.device = "tpu";
    else if (field == QLatin1String("epochs"))
        config.epochs = 0;
    else if (field == QLatin1String("limit"))
        config.limit = -1;
    else if (field == QLatin1String("output")) {
        QVERIFY(t::writeFile(m_dir.filePath(QStringLiteral("plain-file")), "x"));
        config.outputDir = m_dir.filePath(QStringLiteral("plain-file/sub")).toStdString();
    } else if (field == QLatin1String("dataDir"))
        config.dataDir = m_dir.filePath(QStringLiteral("no-such-folder")).toStdString();
    const auto result = runTraining(config, {});
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().code), code);
}

void TestTraining::loaderNamesBadFile_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("label out of range")
        << QStringLiteral("label") << QStringLiteral("train-labels-idx1-ubyte")
        << QStringLiteral("label 12 of item 1 is outside 0..9");
    QTest::newRow("count mismatch") << QStringLiteral("count") << QStringLiteral("t10k-labels-idx1-ubyte")
                                    << QStringLiteral(
                                           "holds 2 labels but t10k-images-idx3-ubyte holds 3 images");
    QTest::newRow("missing test images")
        << QStringLiteral("missing") << QStringLiteral("t10k-images-idx3-ubyte.gz") << QString();
    QTest::newRow("images not 3-D") << QStringLiteral("rank") << QStringLiteral("train-images-idx3-ubyte")
                                    << QStringLiteral("expected 3 dimensions");
}

void TestTraining::loaderNamesBadFile()
{
    QFETCH(QString, damage);
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const auto images = [](std::uint32_t n) -> QByteArray {
        return t::idxHeader({n, 28, 28}) + QByteArray(int(n) * 784, '\x7f');
    };
    const auto labels = [](const QByteArray &values) {
        QByteArray out = t::idxHeader({std::uint32_t(values.size())});
        out += values;
        return out;
    };
    const QByteArray threeLabels("\x01\x02\x03", 3);
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("train-images-idx3-ubyte")),
                         damage == QLatin1String("rank") ? t::idxHeader({3, 784}) + QByteArray(3 * 784, 'x')
                                                         : images(3)));
    QVERIFY(
        t::writeFile(dir.filePath(QStringLiteral("train-labels-idx1-ubyte")),
                     labels(damage == QLatin1String("label") ? QByteArray("\x01\x0c\x02", 3) : threeLabels)));
    if (damage != QLatin1String("missing"))
        QVERIFY(t::writeFile(dir.filePath(QStringLiteral("t10k-images-idx3-ubyte")), images(3)));
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte")),
                         labels(damage == QLatin1String("count") ? threeLabels.left(2) : threeLabels)));

    const auto result = loadFashionMnist(dir.path().toStdString());
    QVERIFY(!result.ok());
    QCOMPARE(QString::fromStdString(result.error().subject), dir.filePath(file));
    QVERIFY2(QString::fromStdString(result.error().detail).contains(expected), result.error().detail.c_str());
}

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
