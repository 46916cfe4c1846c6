// Pretrain on generic data, fine-tune at a "site" on its own image folder: new heads, frozen layers,
// optimizers and schedules, early stop at a target accuracy, and refusals of mismatched models.
#include "model_io.h"
#include "models.h"
#include "train_api.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <torch/torch.h>

using namespace tenkai::train;

namespace {

// A site's own data: 28x28 gray images of three easy patterns (stripes across, stripes down, checks)
// with noise, in train/ and test/ class folders.
void writeSiteFolder(const QString &root, int perClass)
{
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 25.0);
    const char *classes[] = {"across", "down", "checks"};
    for (const char *split : {"train", "test"}) {
        for (int c = 0; c < 3; ++c) {
            const QString dir =
                QStringLiteral("%1/%2/%3").arg(root, QLatin1String(split), QLatin1String(classes[c]));
            QDir().mkpath(dir);
            for (int i = 0; i < perClass; ++i) {
                cv::Mat m(28, 28, CV_8UC1);
                const int phase = i % 4;
                for (int y = 0; y < 28; ++y)
                    for (int x = 0; x < 28; ++x) {
                        const bool on = c == 0   ? ((y + phase) / 3) % 2
                                        : c == 1 ? ((x + phase) / 3) % 2
                                                 : ((x / 4) + (y / 4) + phase) % 2;
                        m.at<std::uint8_t>(y, x) =
                            cv::saturate_cast<std::uint8_t>((on ? 200 : 40) + noise(rng));
                    }
                cv::imwrite(QStringLiteral("%1/%2.png").arg(dir).arg(i).toStdString(), m);
            }
        }
    }
}

} // namespace

class TestFinetune : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newHeadWithFrozenFeatures();
    void sameClassesKeepHeadAdamCosine();
    void stopsAtTargetAccuracy();
    void refusesMismatchedModels();
    void parameterCountsMatchTheBuiltNetworks();
    void damagedAndLyingModelFilesAreRefusedBeforeTheyAllocate();

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_pretrained;
};

void TestFinetune::initTestCase()
{
    configureThreads(0);
    TrainConfig pre;
    pre.limit = 2000;
    pre.testLimit = 1000;
    pre.epochs = 2;
    pre.learningRate = 0.05;
    pre.outputDir = m_dir.filePath(QStringLiteral("cloud")).toStdString();
    const auto r = runTraining(pre, {});
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    m_pretrained = r.value().modelPath;
    writeSiteFolder(m_dir.filePath(QStringLiteral("site")), 30);
}

void TestFinetune::newHeadWithFrozenFeatures()
{
    TrainConfig fine;
    fine.dataset = "image-folder";
    fine.dataDir = m_dir.filePath(QStringLiteral("site")).toStdString();
    fine.initFrom = m_pretrained;
    fine.freeze = "features";
    fine.epochs = 4;
    fine.batchSize = 16;
    fine.learningRate = 0.05;
    fine.outputDir = m_dir.filePath(QStringLiteral("site-model")).toStdString();
    TrainStart started;
    TrainCallbacks callbacks;
    callbacks.onStart = [&](const TrainStart &s) {
        started = s;
    };
    const auto r = runTraining(fine, callbacks);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    QVERIFY(r.value().newHead);
    QCOMPARE(started.model, std::string("lenet"));   // the architecture comes from the file
    QCOMPARE(started.trainImages, std::int64_t(81)); // 90, of which 9 (one per class) for validation
    QCOMPARE(started.validationImages, std::int64_t(9));
    QVERIFY2(r.value().testAccuracy > 0.9, qPrintable(QString::number(r.value().testAccuracy)));

    const auto before = loadModel(m_pretrained, {});
    const auto after = loadModel(r.value().modelPath, {});
    QVERIFY(before.ok() && after.ok());
    QCOMPARE(after.value().info.classes, (std::vector<std::string>{"across", "checks", "down"}));
    // The pretrained normalisation travels with the fine-tuned model.
    QCOMPARE(after.value().info.mean, before.value().info.mean);
    const auto b = before.value().net->named_parameters();
    const auto a = after.value().net->named_parameters();
    // Features (the two convolutions) untouched, the rest trained, the head reshaped to 3 classes.
    QVERIFY(torch::equal(a["0.weight"], b["0.weight"]));
    QVERIFY(torch::equal(a["3.bias"], b["3.bias"]));
    QVERIFY(!torch::equal(a["7.weight"], b["7.weight"]));
    QCOMPARE(a["11.weight"].size(0), std::int64_t(3));
    QCOMPARE(b["11.weight"].size(0), std::int64_t(10));
}

void TestFinetune::sameClassesKeepHeadAdamCosine()
{
    TrainConfig fine;
    fine.initFrom = m_pretrained;
    fine.freeze = "all-but-head";
    fine.optimizer = "adam";
    fine.learningRate = 0.001;
    fine.schedule = "cosine";
    fine.epochs = 2;
    fine.limit = 1000;
    fine.testLimit = 500;
    fine.stepReportInterval = 1;
    std::vector<double> rates;
    TrainCallbacks callbacks;
    callbacks.onStep = [&](const StepMetrics &m) {
        rates.push_back(m.learningRate);
    };
    const auto r = runTraining(fine, callbacks);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    QVERIFY(!r.value().newHead);
    QCOMPARE(rates.front(), 0.001); // cosine starts at the base rate
    QCOMPARE(rates.back(), 0.0005); // and is halfway down in the second of two epochs
    QVERIFY(r.value().testAccuracy > 0.5);
}

void TestFinetune::stopsAtTargetAccuracy()
{
    TrainConfig config;
    config.limit = 2000;
    config.testLimit = 1000;
    config.epochs = 30;
    config.learningRate = 0.05;
    config.targetAccuracy = 0.6;
    int epochs = 0;
    std::vector<double> validation;
    TrainCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochMetrics &m) {
        ++epochs;
        validation.push_back(m.validationAccuracy);
    };
    const auto r = runTraining(config, callbacks);
    QVERIFY(r.ok());
    QVERIFY(r.value().reachedTarget);
    // Judged on the validation split, never the test split: the first epoch at 60% there ends it.
    QVERIFY(validation.back() >= 0.6);
    for (std::size_t i = 0; i + 1 < validation.size(); ++i)
        QVERIFY(validation[i] < 0.6);
    QCOMPARE(r.value().report.validationAccuracy, validation.back());
    QVERIFY(r.value().testAccuracy > 0.4);
    QVERIFY(r.value().epochsCompleted < 30);
    QCOMPARE(epochs, r.value().epochsCompleted);
    QVERIFY(r.value().secondsToTarget > 0);
}

void TestFinetune::refusesMismatchedModels()
{
    // A CIFAR-shaped dataset (3x32x32) cannot fine-tune a model made for 28x28x1.
    QTemporaryDir cifar;
    QByteArray batch;
    for (int i = 0; i < 4; ++i) {
        batch.append(char(i));
        batch.append(QByteArray(3072, char(i * 9)));
    }
    for (const char *name : {"data_batch_1.bin", "test_batch.bin"}) {
        QFile f(cifar.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(batch);
    }
    TrainConfig config;
    config.dataset = "cifar10";
    config.dataDir = cifar.path().toStdString();
    config.initFrom = m_pretrained;
    auto r = runTraining(config, {});
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.error().subject), QString::fromStdString(m_pretrained.string()));
    QVERIFY2(QString::fromStdString(r.error().detail)
                 .contains(
                     QStringLiteral("holds a lenet for 28x28x1 images, 10 classes, but a lenet for 32x32x3")),
             r.error().detail.c_str());

    TrainConfig missing;
    missing.initFrom = m_dir.filePath(QStringLiteral("no-such-model.pt")).toStdString();
    r = runTraining(missing, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::ModelUnusable);

    TrainConfig freezeAlone;
    freezeAlone.freeze = "features";
    r = runTraining(freezeAlone, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
}

// The size check reads parameterCount: it must say what makeModel builds, for every architecture.
void TestFinetune::parameterCountsMatchTheBuiltNetworks()
{
    for (const std::string name : {"lenet", "alexnet", "resnet8", "resnet20"}) {
        for (const auto &[shape, classes] :
             {std::pair{InputShape{1, 28, 28}, 10}, std::pair{InputShape{3, 32, 32}, 10},
              std::pair{InputShape{3, 48, 64}, 7}}) {
            auto net = makeModel(name, shape, classes);
            QVERIFY2(net, net ? "" : net.error().message().c_str());
            std::int64_t built = 0;
            for (const auto &p : net.value()->parameters())
                built += p.numel();
            QCOMPARE(parameterCount(name, shape, classes), built);
        }
    }
    // Too large to build: refused with its size, nothing allocated.
    const auto huge = makeModel("lenet", {1, 4096, 4096}, 10);
    QVERIFY(!huge);
    QVERIFY2(QString::fromStdString(huge.error().detail).contains(QStringLiteral("million parameters")),
             huge.error().detail.c_str());
}

void TestFinetune::damagedAndLyingModelFilesAreRefusedBeforeTheyAllocate()
{
    QTemporaryDir dir;
    const auto info = readModelInfo(m_pretrained);
    QVERIFY(info);
    auto net = makeModel("lenet", {1, 28, 28}, 10);
    QVERIFY(net);

    // A description of a 1024x1024x3 lenet (123 million weights) over a small file's weights.
    ModelInfo lying = info.value();
    lying.channels = 3;
    lying.height = lying.width = 1024;
    lying.mean = lying.stddev = {0.5, 0.5, 0.5};
    const std::filesystem::path lyingPath = dir.filePath(QStringLiteral("lying.pt")).toStdString();
    QVERIFY(saveModel(lyingPath, net.value(), lying));
    auto loaded = loadModel(lyingPath);
    QVERIFY(!loaded);
    QVERIFY2(QString::fromStdString(loaded.error().detail).contains(QStringLiteral("but the file is only")),
             loaded.error().detail.c_str());

    // Descriptions no Tenkai writes.
    const auto refused = [&](ModelInfo bad, const char *expected) {
        const std::filesystem::path path = dir.filePath(QStringLiteral("bad.pt")).toStdString();
        if (!saveModel(path, net.value(), bad))
            return false;
        const auto r = readModelInfo(path);
        if (r || r.error().detail.find(expected) == std::string::npos) {
            qWarning("%s", r ? "accepted" : r.error().message().c_str());
            return false;
        }
        return !loadModel(path);
    };
    ModelInfo noClasses = info.value();
    noClasses.classes.clear();
    QVERIFY(refused(noClasses, "classes"));
    ModelInfo zeroChannels = info.value();
    zeroChannels.channels = 0;
    QVERIFY(refused(zeroChannels, "input shape"));
    ModelInfo flatDeviation = info.value();
    flatDeviation.stddev = {0.0};
    QVERIFY(refused(flatDeviation, "normalisation"));

    // TorchScript code that no longer parses (LibTorch throws its ErrorReport, not a c10::Error),
    // and a file cut short: errors, not an abort.
    QFile original(QString::fromStdString(m_pretrained.string()));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray bytes = original.readAll();
    const qsizetype at = bytes.indexOf("class Module(Module):", bytes.indexOf("___torch_mangle_0.py") + 20);
    QVERIFY(at > 0);
    QByteArray mutated = bytes;
    mutated.replace(at, 5, "clas$");
    for (const auto &[name, content] :
         {std::pair{"mutated.pt", mutated}, std::pair{"cut.pt", bytes.left(bytes.size() / 2)}}) {
        const QString path = dir.filePath(QLatin1String(name));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
        out.close();
        const auto r = readModelInfo(path.toStdString());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::ModelUnusable);
        QVERIFY(!loadModel(path.toStdString()));
        TrainConfig config;
        config.initFrom = path.toStdString();
        config.freeze = "features";
        const auto trained = runTraining(config, {});
        QVERIFY(!trained);
        QCOMPARE(QString::fromStdString(trained.error().subject), path);
    }
}

QTEST_GUILESS_MAIN(TestFinetune)
#include "tst_finetune.moc"
