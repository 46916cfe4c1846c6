#include "tenkai-cli/train_command.h"

#include "augment.h"
#include "common/errors.h"
#include "common/training_text.h"
#include "tenkai-cli/cli_options.h"
#include "train_api.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>
#include <atomic>
#include <chrono>
#include <csignal>
#include <optional>
#include <thread>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class TrainCommand
{
    Q_DECLARE_TR_FUNCTIONS(TrainCommand)
};

namespace tenkai::cli {
namespace {

std::atomic<bool> g_interrupted{false};

QJsonArray missingClassesJson(const std::vector<std::string> &names)
{
    QJsonArray out;
    for (const auto &name : names)
        out.append(QString::fromStdString(name));
    return out;
}

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

} // namespace

int runTrainCommand(const QStringList &arguments, TrainMode mode)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const train::TrainConfig defaults;
    const QString command = mode == TrainMode::Pretrain   ? QStringLiteral("pretrain")
                            : mode == TrainMode::Finetune ? QStringLiteral("finetune")
                                                          : QStringLiteral("train");
    const QString prefix = QStringLiteral("tenkai-cli %1: ").arg(command);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        TrainCommand::tr("Train a model with LibTorch and report loss and test accuracy per epoch."));
    parser.addHelpOption();
    addDataOptions(parser);
    parser.addOptions({
        {QStringLiteral("model"), TrainCommand::tr("Model architecture (lenet, alexnet, resnet8, resnet20)."),
         TrainCommand::tr("name"), QString::fromStdString(defaults.model)},
        {QStringLiteral("epochs"), TrainCommand::tr("Number of passes over the training images."),
         TrainCommand::tr("n")},
        {QStringLiteral("batch"), TrainCommand::tr("Images per optimizer step."), TrainCommand::tr("n")},
        {QStringLiteral("lr"), TrainCommand::tr("Learning rate of SGD."), TrainCommand::tr("rate")},
        {QStringLiteral("momentum"), TrainCommand::tr("Momentum of SGD."), TrainCommand::tr("m")},
        {QStringLiteral("limit"),
         TrainCommand::tr(
             "Take N of the training images: a seeded sample in which every class keeps its share "
             "(0: all); the validation images are held out of them."),
         TrainCommand::tr("n")},
        {QStringLiteral("validation"),
         TrainCommand::tr("Fraction of the training images held out for validation, on which every choice is "
                          "made (target accuracy, the ensemble's weights): 0 to 0.5."),
         TrainCommand::tr("fraction"), QString::number(defaults.validationFraction)},
        {QStringLiteral("seed"), TrainCommand::tr("Random seed for initialisation and shuffling."),
         TrainCommand::tr("n")},
        {QStringLiteral("out"), TrainCommand::tr("Folder to save the trained model in (model.pt)."),
         TrainCommand::tr("folder")},
        {QStringLiteral("from"), TrainCommand::tr("Fine-tune: the model file to start from."),
         TrainCommand::tr("file")},
        {QStringLiteral("freeze"),
         TrainCommand::tr("Fine-tune: layers kept fixed: none, features or all-but-head."),
         TrainCommand::tr("policy"), QStringLiteral("none")},
        {QStringLiteral("optimizer"), TrainCommand::tr("sgd (with momentum) or adam."),
         TrainCommand::tr("name"), QStringLiteral("sgd")},
        {QStringLiteral("weight-decay"), TrainCommand::tr("L2 weight decay."), TrainCommand::tr("w")},
        {QStringLiteral("schedule"), TrainCommand::tr("Learning-rate schedule: constant, step or cosine."),
         TrainCommand::tr("name"), QStringLiteral("constant")},
        {QStringLiteral("step-every"), TrainCommand::tr("Step schedule: epochs between decays."),
         TrainCommand::tr("n")},
        {QStringLiteral("step-gamma"), TrainCommand::tr("Step schedule: factor applied at each decay."),
         TrainCommand::tr("f")},
        {QStringLiteral("target-accuracy"),
         TrainCommand::tr("Stop after the first epoch whose validation accuracy reaches this percentage."),
         TrainCommand::tr("percent")},
        {QStringLiteral("augment"),
         TrainCommand::tr(
             "Teacher-data policy: a name (geometric, photometric, noise, cutout, heavy, lowlight, "
             "mirror-tilt, sensor-noise, ...) or a list such as \"hflip:0.5,rotate:10,crop:2\". "
             "Ensemble members each get a different built-in policy unless this is given."),
         TrainCommand::tr("policy")},
        {QStringLiteral("members"),
         TrainCommand::tr(
             "Train an ensemble of N members in parallel (seeds SEED, SEED+1, ...), combined by soft "
             "vote."),
         TrainCommand::tr("n")},
        {QStringLiteral("ensemble"),
         TrainCommand::tr("How ensemble members share the machine: threads (a thread each), packed (one "
                          "network of grouped layers) or auto (packed on a GPU, threads on the CPU)."),
         TrainCommand::tr("mode"), QStringLiteral("auto")},
        {QStringLiteral("checkpoint-dir"),
         TrainCommand::tr("Write a checkpoint of every member after every epoch to this folder."),
         TrainCommand::tr("folder")},
        {QStringLiteral("resume"),
         TrainCommand::tr("Carry on the training whose checkpoint is in --checkpoint-dir (a fresh start "
                          "when the folder has none).")},
        {QStringLiteral("json"), TrainCommand::tr("Print one JSON object per line instead of text.")},
    });
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        err << prefix
            << TrainCommand::tr("unexpected argument \"%1\".").arg(parser.positionalArguments().first())
            << QLatin1Char('\n');
        return 2;
    }

    if (mode == TrainMode::Pretrain && !parser.isSet(QStringLiteral("out"))) {
        err << prefix << TrainCommand::tr("give --out FOLDER for the pretrained model.") << QLatin1Char('\n');
        return 2;
    }
    if (mode == TrainMode::Finetune && !parser.isSet(QStringLiteral("from"))) {
        err << prefix << TrainCommand::tr("give --from MODEL, the model file to start from.")
            << QLatin1Char('\n');
        return 2;
    }
    if (mode != TrainMode::Finetune &&
        (parser.isSet(QStringLiteral("from")) || parser.isSet(QStringLiteral("freeze")))) {
        err << prefix << TrainCommand::tr("--from and --freeze belong to tenkai-cli finetune.")
            << QLatin1Char('\n');
        return 2;
    }

    train::TrainConfig config;
    if (parser.isSet(QStringLiteral("from")))
        config.initFrom = parser.value(QStringLiteral("from")).toStdString();
    config.freeze = parser.value(QStringLiteral("freeze")).toStdString();
    config.optimizer = parser.value(QStringLiteral("optimizer")).toStdString();
    config.schedule = parser.value(QStringLiteral("schedule")).toStdString();
    config.ensemble = parser.value(QStringLiteral("ensemble")).toStdString();
    if (!readDataOptions(parser, config, err, prefix))
        return 2;
    config.model = parser.value(QStringLiteral("model")).toStdString();
    if (parser.isSet(QStringLiteral("out")))
        config.outputDir = parser.value(QStringLiteral("out")).toStdString();
    if (parser.isSet(QStringLiteral("checkpoint-dir")))
        config.checkpointDir = parser.value(QStringLiteral("checkpoint-dir")).toStdString();
    config.resume = parser.isSet(QStringLiteral("resume"));
    if (config.resume && config.checkpointDir.empty()) {
        err << prefix << TrainCommand::tr("--resume needs --checkpoint-dir FOLDER.") << QLatin1Char('\n');
        return 2;
    }
    const auto epochs = intOption(parser, QStringLiteral("epochs"), 1, 1000, defaults.epochs, err, prefix);
    const auto batch = intOption(parser, QStringLiteral("batch"), 1, 65536, defaults.batchSize, err, prefix);
    const auto limit = intOption(parser, QStringLiteral("limit"), 0, 1LL << 40, 0, err, prefix);
    const auto seed = intOption(parser, QStringLiteral("seed"), 0, 1LL << 62, 1, err, prefix);
    const auto lr = realOption(parser, QStringLiteral("lr"), defaults.learningRate, err, prefix);
    const auto weightDecay =
        realOption(parser, QStringLiteral("weight-decay"), defaults.weightDecay, err, prefix);
    const auto stepEvery =
        intOption(parser, QStringLiteral("step-every"), 1, 1000, defaults.stepEvery, err, prefix);
    const auto stepGamma = realOption(parser, QStringLiteral("step-gamma"), defaults.stepGamma, err, prefix);
    const auto target = realOption(parser, QStringLiteral("target-accuracy"), 0, err, prefix);
    const auto members = intOption(parser, QStringLiteral("members"), 1, 64, 1, err, prefix);
    const auto validation =
        realOption(parser, QStringLiteral("validation"), defaults.validationFraction, err, prefix);
    if (!weightDecay || !stepEvery || !stepGamma || !target || !members || !validation)
        return 2;
    if (!(*validation >= 0 && *validation <= 0.5)) {
        err << prefix
            << TrainCommand::tr("--validation expects a fraction from 0 to 0.5, got %1.").arg(*validation)
            << QLatin1Char('\n');
        return 2;
    }
    config.validationFraction = *validation;
    config.weightDecay = *weightDecay;
    config.stepEvery = int(*stepEvery);
    config.stepGamma = *stepGamma;
    config.targetAccuracy = *target / 100.0;
    const auto momentum = realOption(parser, QStringLiteral("momentum"), defaults.momentum, err, prefix);
    if (!epochs || !batch || !limit || !seed || !lr || !momentum)
        return 2;
    config.epochs = int(*epochs);
    config.batchSize = int(*batch);
    config.limit = *limit;
    config.seed = std::uint64_t(*seed);
    const std::string augment = parser.value(QStringLiteral("augment")).toStdString();
    if (*members > 1) {
        const auto policies = train::memberPolicyNames(int(*members));
        for (qint64 i = 0; i < *members; ++i)
            config.members.push_back({config.seed + std::uint64_t(i), parser.isSet(QStringLiteral("augment"))
                                                                          ? augment
                                                                          : policies[std::size_t(i)]});
    } else {
        config.augment = augment;
    }
    config.learningRate = *lr;
    config.momentum = *momentum;
    const bool json = parser.isSet(QStringLiteral("json"));

    // Ctrl-C stops after the current step and still reports what was done.
    std::stop_source stopSource;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    std::jthread watcher([&stopSource](std::stop_token own) {
        while (!own.stop_requested()) {
            if (g_interrupted.load()) {
                stopSource.request_stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });

    const QLocale locale;
    train::TrainCallbacks callbacks;
    callbacks.onStart = [&](const train::TrainStart &s) {
        if (!json) {
            out << describeStart(s) << QLatin1Char('\n') << Qt::flush;
            return;
        }
        printJson(out, {{QStringLiteral("type"), QStringLiteral("start")},
                        {QStringLiteral("dataset"), QString::fromStdString(s.dataset)},
                        {QStringLiteral("train_images"), qint64(s.trainImages)},
                        {QStringLiteral("validation_images"), qint64(s.validationImages)},
                        {QStringLiteral("test_images"), qint64(s.testImages)},
                        {QStringLiteral("missing_classes"), missingClassesJson(s.missingClasses)},
                        {QStringLiteral("warning"), missingClassesWarning(s.missingClasses, s.classes)},
                        {QStringLiteral("shape"),
                         QStringLiteral("%1x%2x%3").arg(s.width).arg(s.height).arg(s.channels)},
                        {QStringLiteral("model"), QString::fromStdString(s.model)},
                        {QStringLiteral("device"), QString::fromStdString(s.device)},
                        {QStringLiteral("threads"), s.threads},
                        {QStringLiteral("resumed_after_epoch"), s.resumedAfterEpoch},
                        {QStringLiteral("members"), s.members},
                        {QStringLiteral("ensemble"), s.members == 1 ? QStringLiteral("none")
                                                     : s.packed     ? QStringLiteral("packed")
                                                                    : QStringLiteral("threads")},
                        {QStringLiteral("blas"), QString::fromStdString(s.blasName)}});
    };
    if (json) {
        callbacks.onStep = [&](const train::StepMetrics &m) {
            printJson(out, {{QStringLiteral("type"), QStringLiteral("step")},
                            {QStringLiteral("member"), m.member + 1},
                            {QStringLiteral("epoch"), m.epoch},
                            {QStringLiteral("step"), qint64(m.step)},
                            {QStringLiteral("total_steps"), qint64(m.totalSteps)},
                            {QStringLiteral("loss"), m.loss},
                            {QStringLiteral("lr"), m.learningRate},
                            {QStringLiteral("images_per_second"), m.imagesPerSecond},
                            {QStringLiteral("t"), m.seconds}});
        };
    }
    const bool ensemble = config.members.size() > 1;
    const auto validationText = [&](const train::EpochMetrics &m) {
        return config.validationFraction > 0
                   ? TrainCommand::tr("validation %1%  ").arg(m.validationAccuracy * 100.0, 0, 'f', 2)
                   : QString();
    };
    callbacks.onEpoch = [&](const train::EpochMetrics &m) {
        if (json) {
            QJsonObject row{{QStringLiteral("type"), QStringLiteral("epoch")},
                            {QStringLiteral("epoch"), m.epoch},
                            {QStringLiteral("step"), qint64(m.step)},
                            {QStringLiteral("train_loss"), m.trainLoss},
                            {QStringLiteral("test_loss"), m.testLoss},
                            {QStringLiteral("test_accuracy"), m.testAccuracy},
                            {QStringLiteral("images_per_second"), m.imagesPerSecond},
                            {QStringLiteral("t"), m.seconds}};
            if (config.validationFraction > 0)
                row.insert(QStringLiteral("validation_accuracy"), m.validationAccuracy);
            if (m.member == train::kEnsemble) {
                row.insert(QStringLiteral("member"), QStringLiteral("ensemble"));
                row.insert(QStringLiteral("majority_accuracy"), m.majorityAccuracy);
                row.insert(QStringLiteral("disagreement"), m.disagreement);
            } else {
                row.insert(QStringLiteral("member"), m.member + 1);
            }
            printJson(out, row);
            return;
        }
        if (m.member == train::kEnsemble) {
            out << TrainCommand::tr("ensemble  epoch %1/%2  %7soft vote %3%  majority vote %4%  disagreement "
                                    "%5%  %6 member-img/s")
                       .arg(m.epoch)
                       .arg(config.epochs)
                       .arg(m.testAccuracy * 100.0, 0, 'f', 2)
                       .arg(m.majorityAccuracy * 100.0, 0, 'f', 2)
                       .arg(m.disagreement * 100.0, 0, 'f', 1)
                       .arg(locale.toString(qint64(m.imagesPerSecond)))
                       .arg(validationText(m))
                << QLatin1Char('\n') << Qt::flush;
            return;
        }
        if (ensemble)
            out << TrainCommand::tr("member %1  ").arg(m.member + 1);
        out << TrainCommand::tr("epoch %1/%2  loss %3  test loss %4  %8test accuracy %5%  %6 "
                                "img/s  %7 s")
                   .arg(m.epoch)
                   .arg(config.epochs)
                   .arg(m.trainLoss, 0, 'f', 4)
                   .arg(m.testLoss, 0, 'f', 4)
                   .arg(m.testAccuracy * 100.0, 0, 'f', 2)
                   .arg(locale.toString(qint64(m.imagesPerSecond)))
                   .arg(m.seconds, 0, 'f', 1)
                   .arg(validationText(m))
            << QLatin1Char('\n') << Qt::flush;
    };

    const auto result = train::runTraining(config, callbacks, stopSource.get_token());
    watcher.request_stop();
    if (!result) {
        QString sentence = describe(result.error());
        // A full disk (or one that refused a file) keeps the last completed epoch's checkpoint.
        const auto code = result.error().code;
        std::error_code ec;
        if ((code == train::ErrorCode::DiskFull || code == train::ErrorCode::OutputUnwritable) &&
            !config.checkpointDir.empty() &&
            std::filesystem::exists(config.checkpointDir / "checkpoint.pt", ec))
            sentence +=
                QLatin1Char(' ') + TrainCommand::tr("The checkpoint of the last completed epoch is kept: "
                                                    "the same command with --resume carries on from it.");
        if (json)
            printJson(out, {{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("message"), sentence}});
        err << prefix << sentence << QLatin1Char('\n');
        return 1;
    }
    const auto &s = result.value();
    if (json) {
        QJsonObject summary{{QStringLiteral("type"), QStringLiteral("summary")},
                            {QStringLiteral("epochs"), s.epochsCompleted},
                            {QStringLiteral("cancelled"), s.cancelled},
                            {QStringLiteral("train_images"), qint64(s.trainImages)},
                            {QStringLiteral("validation_images"), qint64(s.validationImages)},
                            {QStringLiteral("missing_classes"), missingClassesJson(s.missingClasses)},
                            {QStringLiteral("test_images"), qint64(s.testImages)},
                            {QStringLiteral("test_accuracy"), s.testAccuracy},
                            {QStringLiteral("images_per_second"), s.imagesPerSecond},
                            {QStringLiteral("seconds"), s.seconds},
                            {QStringLiteral("model"), QString::fromStdString(s.modelPath.string())},
                            {QStringLiteral("new_head"), s.newHead},
                            {QStringLiteral("reached_target"), s.reachedTarget},
                            {QStringLiteral("resumed_after_epoch"), s.resumedAfterEpoch},
                            {QStringLiteral("seconds_to_target"), s.secondsToTarget}};
        if (s.epochsCompleted > 0)
            addReportJson(summary, s.report);
        printJson(out, summary);
        return s.cancelled ? 130 : 0;
    }
    if (s.newHead)
        out << TrainCommand::tr(
                   "The dataset's classes differ from the model's: a new classifier head was trained.")
            << QLatin1Char('\n');
    if (s.reachedTarget)
        out << TrainCommand::tr("Reached the target accuracy after %1 s.").arg(s.secondsToTarget, 0, 'f', 1)
            << QLatin1Char('\n');
    if (const QString warning = missingClassesWarning(s.missingClasses, int(s.report.classes.size()));
        !warning.isEmpty())
        err << prefix << warning << QLatin1Char('\n');
    if (ensemble && s.epochsCompleted > 0) {
        printReport(out, s.report);
        for (const auto &path : s.memberPaths)
            out << TrainCommand::tr("Saved the model to %1.").arg(QString::fromStdString(path.string()))
                << QLatin1Char('\n');
    }
    if (!s.modelPath.empty())
        out << TrainCommand::tr("Saved the model to %1.").arg(QString::fromStdString(s.modelPath.string()))
            << QLatin1Char('\n');
    if (s.cancelled)
        out << TrainCommand::tr("Stopped after %n complete epoch(s).", nullptr, s.epochsCompleted)
            << QLatin1Char('\n');
    else
        out << TrainCommand::tr("Done: %n epoch(s), test accuracy %1%, %2 training images/s.", nullptr,
                                s.epochsCompleted)
                   .arg(s.testAccuracy * 100.0, 0, 'f', 2)
                   .arg(locale.toString(qint64(s.imagesPerSecond)))
            << QLatin1Char('\n');
    return s.cancelled ? 130 : 0;
}

} // namespace tenkai::cli
