#include "tenkai-cli/cli_options.h"

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
        {QStringLiteral("test-limit"), CliOptions::tr("Evaluate on the first N test images only (0: all)."),
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
    QStringList members;
    for (double a : report.memberAccuracy)
        members << percent(a);
    if (report.memberAccuracy.size() > 1) {
        out << CliOptions::tr("Members: %1; ensemble: soft vote %2, majority vote %3, disagreement %4.")
                   .arg(members.join(QStringLiteral(", ")), percent(report.accuracy),
                        percent(report.majorityAccuracy), percent(report.disagreement))
            << QLatin1Char('\n');
    } else {
        out << CliOptions::tr("Test accuracy %1 on %2 images.")
                   .arg(percent(report.accuracy))
                   .arg(report.testImages)
            << QLatin1Char('\n');
    }
    for (std::size_t c = 0; c < report.classes.size() && c < report.perClassAccuracy.size(); ++c)
        out << QStringLiteral("  %1  %2\n")
                   .arg(QString::fromStdString(report.classes[c]), -16)
                   .arg(percent(report.perClassAccuracy[c]), 8);
}

} // namespace tenkai::cli
