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

void printJson(QTextStream &out, const QJsonObject &object)
{
    out << QJsonDocument(object).toJson(QJsonDocument::Compact) << QLatin1Char('\n');
    out.flush();
}

std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max,
                                qint64 fallback, QTextStream &err, const QString &prefix)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const QString text = parser.value(name);
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max) {
        err << prefix
            << CliOptions::tr("--%1 expects a whole number from %2 to %3, got \"%4\".")
                   .arg(name)
                   .arg(min)
                   .arg(max)
                   .arg(text)
            << QLatin1Char('\n');
        return std::nullopt;
    }
    return value;
}

std::optional<double> realOption(const QCommandLineParser &parser, const QString &name, double fallback,
                                 QTextStream &err, const QString &prefix)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const QString text = parser.value(name);
    const double value = text.toDouble(&ok);
    if (!ok) {
        err << prefix << CliOptions::tr("--%1 expects a number, got \"%2\".").arg(name, text)
            << QLatin1Char('\n');
        return std::nullopt;
    }
    return value;
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments,
                               const QString &prefix, QTextStream &out, QTextStream &err)
{
    if (!parser.parse(arguments)) {
        err << prefix << parser.errorText() << QLatin1Char('\n');
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    return std::nullopt;
}

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

// Columns a text takes in a terminal: East Asian wide and full-width characters take two.
qsizetype displayWidth(const QString &text)
{
    qsizetype width = 0;
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        const bool wide = (u >= 0x1100 && u <= 0x115f) || (u >= 0x2e80 && u <= 0xa4cf) ||
                          (u >= 0xac00 && u <= 0xd7a3) || (u >= 0xf900 && u <= 0xfaff) ||
                          (u >= 0xfe30 && u <= 0xfe4f) || (u >= 0xff00 && u <= 0xff60) ||
                          (u >= 0xffe0 && u <= 0xffe6);
        width += ch.isLowSurrogate() ? 0 : wide ? 2 : 1;
    }
    return width;
}

void printTable(QTextStream &out, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const auto &row : rows)
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths << 0;
            widths[c] = std::max(widths[c], displayWidth(row[c]));
        }
    for (const auto &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size()
                        ? row[c] + QString(widths[c] + 2 - displayWidth(row[c]), QLatin1Char(' '))
                        : row[c];
        out << line.trimmed() << QLatin1Char('\n');
    }
}

} // namespace tenkai::cli
