#include "tenkai-cli/cli_options.h"

#include "common/training_text.h"
#include "telemetry/run_config.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class CliOptions
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
};

namespace tenkai::cli {
namespace {

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 2) + QLatin1Char('%');
}

} // namespace

void addDataOptions(QCommandLineParser &parser)
{
    const train::TrainConfig defaults;
    parser.addOptions({
        {QStringLiteral("dataset"), CliOptions::tr("Dataset: fashion-mnist, cifar10 or image-folder."),
         CliOptions::tr("name"), QString::fromStdString(defaults.dataset)},
        {QStringLiteral("data-dir"),
         CliOptions::tr("Folder holding the dataset files (default: the installed package's)."),
         CliOptions::tr("folder")},
        {QStringLiteral("image-size"),
         CliOptions::tr(
             "Image folders: resize every image to WIDTHxHEIGHT (default: keep; sizes must agree)."),
         CliOptions::tr("WxH")},
        {QStringLiteral("channels"),
         CliOptions::tr("Image folders: 1 (gray) or 3 (color); default: as the first image."),
         CliOptions::tr("n")},
        {QStringLiteral("test-limit"),
         CliOptions::tr(
             "Score on N test images: a seeded sample in which every class keeps its share (0: all)."),
         CliOptions::tr("n")},
        {QStringLiteral("threads"), CliOptions::tr("Compute threads (0: one per core)."),
         CliOptions::tr("n")},
        {QStringLiteral("device"), CliOptions::tr("Where to compute: cpu, cuda or auto."),
         CliOptions::tr("device"), QString::fromStdString(defaults.device)},
    });
}

bool readDataOptions(const QCommandLineParser &parser, train::TrainConfig &config, QTextStream &err,
                     const QString &prefix)
{
    config.dataset = parser.value(QStringLiteral("dataset")).toStdString();
    config.device = parser.value(QStringLiteral("device")).toStdString();
    if (parser.isSet(QStringLiteral("data-dir")))
        config.dataDir = parser.value(QStringLiteral("data-dir")).toStdString();
    if (parser.isSet(QStringLiteral("image-size"))) {
        const QString text = parser.value(QStringLiteral("image-size"));
        const QStringList parts = text.split(QLatin1Char('x'));
        bool okW = false;
        bool okH = false;
        const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
        const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 1 || h < 1 || w > 4096 || h > 4096) {
            err << prefix
                << CliOptions::tr("--image-size expects WIDTHxHEIGHT such as 32x32, got \"%1\".").arg(text)
                << QLatin1Char('\n');
            return false;
        }
        config.imageWidth = w;
        config.imageHeight = h;
    }
    const auto channels = intOption(parser, QStringLiteral("channels"), 1, 3, 0, err, prefix);
    const auto testLimit = intOption(parser, QStringLiteral("test-limit"), 0, 1LL << 40, 0, err, prefix);
    const auto threads = intOption(parser, QStringLiteral("threads"), 0, 1024, 0, err, prefix);
    if (!channels || !testLimit || !threads)
        return false;
    config.channels = int(*channels);
    config.testLimit = *testLimit;
    config.threads = int(*threads);
    return true;
}

void addReportJson(QJsonObject &object, const train::EvaluationReport &report)
{
    // The same fields the daemon's reports carry (telemetry::evaluationToJson).
    const QJsonObject fields = telemetry::evaluationToJson(report);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        object.insert(it.key(), it.value());
}

void printReport(QTextStream &out, const train::EvaluationReport &report)
{
    const auto withInterval = [](double value, const train::Interval &i) {
        return CliOptions::tr("%1 (95%: %2-%3)").arg(percent(value), percent(i.low), percent(i.high));
    };
    if (report.memberAccuracy.size() > 1) {
        QStringList members;
        for (std::size_t i = 0; i < report.memberAccuracy.size(); ++i)
            members << withInterval(report.memberAccuracy[i], i < report.memberIntervals.size()
                                                                  ? report.memberIntervals[i]
                                                                  : train::Interval{});
        QStringList weights;
        for (double w : report.weights)
            weights << QString::number(w, 'f', 2);
        out << CliOptions::tr("Members on %n test image(s): %1.", nullptr, int(report.testImages))
                   .arg(members.join(QStringLiteral(", ")))
            << QLatin1Char('\n');
        out << CliOptions::tr("Ensemble: soft vote %1 with weights %2%3, equal weights %4, majority vote %5, "
                              "disagreement %6.")
                   .arg(withInterval(report.accuracy, report.accuracyInterval),
                        weights.join(QStringLiteral(", ")),
                        report.weightsFitted ? CliOptions::tr(" (fitted on the validation images)")
                        : report.validationImages > 0
                            ? CliOptions::tr(
                                  " (equal: weights fitted on the validation images voted no better there)")
                            : QString(),
                        percent(report.equalWeightAccuracy), percent(report.majorityAccuracy),
                        percent(report.disagreement))
            << QLatin1Char('\n');
        out << describeEnsembleGain(report) << QLatin1Char('\n');
        if (report.chosenMember >= 0) {
            const auto chosen = std::size_t(report.chosenMember);
            out << CliOptions::tr("The member that validation picks, %1 (%2 on %3 validation images), scores "
                                  "%4 on the test images; the ensemble %5 points against it (95%: %6 to %7).")
                       .arg(report.chosenMember + 1)
                       .arg(percent(report.memberValidationAccuracy[chosen]))
                       .arg(report.validationImages)
                       .arg(percent(report.memberAccuracy[chosen]), signedPoints(report.gainOverChosenMember),
                            signedPoints(report.gainOverChosenMemberInterval.low),
                            signedPoints(report.gainOverChosenMemberInterval.high))
                << QLatin1Char('\n');
        }
    } else {
        out << CliOptions::tr("Test accuracy %1 on %2 images.")
                   .arg(withInterval(report.accuracy, report.accuracyInterval))
                   .arg(report.testImages)
            << QLatin1Char('\n');
    }
    if (report.hasDeployed)
        out << CliOptions::tr(
                   "The model as deployed scores %1 on the same test images; training here added %2 "
                   "points (95%: %3 to %4).")
                   .arg(withInterval(report.deployedAccuracy, report.deployedInterval),
                        signedPoints(report.gainOverDeployed),
                        signedPoints(report.gainOverDeployedInterval.low),
                        signedPoints(report.gainOverDeployedInterval.high))
            << QLatin1Char('\n');
    for (std::size_t c = 0; c < report.classes.size() && c < report.perClassAccuracy.size(); ++c)
        out << QStringLiteral("  %1  %2\n")
                   .arg(QString::fromStdString(report.classes[c]), -16)
                   .arg(percent(report.perClassAccuracy[c]), 8);
}

} // namespace tenkai::cli
