#include "tenkai-cli/data_commands.h"

#ifdef TENKAI_HAVE_LIBSSH
#include "flow/demo_workspace.h"
#endif

#include "common/errors.h"
#include "teacher_data.h"
#include "tenkai-cli/cli_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QLocale>
#include <QTextStream>
#include <unistd.h>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class DataCommands
{
    Q_DECLARE_TR_FUNCTIONS(DataCommands)
};

namespace tenkai::cli {
namespace {

QString path(const std::filesystem::path &p)
{
    return QString::fromStdString(p.string());
}

// Progress on stderr for people watching a terminal, at most every 5%.
train::ProgressCallback progressPrinter(QTextStream &err, bool quiet)
{
    if (quiet || !::isatty(STDERR_FILENO))
        return {};
    auto last = std::make_shared<int>(-1);
    return [&err, last](std::int64_t done, std::int64_t total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent / 5 != *last / 5) {
            *last = percent;
            err << DataCommands::tr("  %1% written").arg(percent) << QLatin1Char('\r') << Qt::flush;
        }
    };
}

// Runs a generator with the progress line, then clears that line.
template<typename Generate>
auto withProgress(QTextStream &err, bool json, Generate generate)
{
    auto result = generate(progressPrinter(err, json));
    if (!json && ::isatty(STDERR_FILENO))
        err << QStringLiteral("                    \r") << Qt::flush;
    return result;
}

int fail(QTextStream &out, QTextStream &err, const QString &prefix, bool json, const train::Error &error)
{
    const QString sentence = describe(error);
    if (json)
        printJson(out,
                  {{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("message"), sentence}});
    err << prefix << sentence << QLatin1Char('\n');
    return 1;
}

} // namespace

int runAugmentCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = QStringLiteral("tenkai-cli augment: ");
    QCommandLineParser parser;
    parser.setApplicationDescription(DataCommands::tr(
        "Write generated teacher data: augmented copies of a dataset's training images as an image "
        "folder per policy (train/ and test/ class folders, classes.txt, policy.txt) with a preview "
        "grid (preview.png)."));
    parser.addHelpOption();
    addDataOptions(parser);
    parser.addOptions({
        {QStringLiteral("policy"),
         DataCommands::tr(
             "Augmentation policy: a name (geometric, photometric, heavy, ...) or a list such as "
             "\"hflip:0.5,rotate:10\". Give it several times for several policies."),
         DataCommands::tr("policy")},
        {QStringLiteral("copies"), DataCommands::tr("Augmented copies of every training image."),
         DataCommands::tr("n"), QStringLiteral("1")},
        {QStringLiteral("limit"), DataCommands::tr("Use the first N training images only (0: all)."),
         DataCommands::tr("n")},
        {QStringLiteral("seed"), DataCommands::tr("Random seed of the augmentation."), DataCommands::tr("n")},
        {QStringLiteral("out"), DataCommands::tr("Folder to write to (one subfolder per policy)."),
         DataCommands::tr("folder")},
        {QStringLiteral("json"), DataCommands::tr("Print the result as JSON.")},
    });
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    if (!parser.isSet(QStringLiteral("out")) || !parser.isSet(QStringLiteral("policy"))) {
        err << prefix << DataCommands::tr("give --policy P and --out FOLDER.") << QLatin1Char('\n');
        return 2;
    }
    train::TeacherDataRequest request;
    if (!readDataOptions(parser, request.source, err, prefix))
        return 2;
    const auto copies = intOption(parser, QStringLiteral("copies"), 1, 1000, 1, err, prefix);
    const auto limit = intOption(parser, QStringLiteral("limit"), 0, 1LL << 40, 0, err, prefix);
    const auto seed = intOption(parser, QStringLiteral("seed"), 0, 1LL << 62, 1, err, prefix);
    if (!copies || !limit || !seed)
        return 2;
    request.copies = int(*copies);
    request.source.limit = *limit;
    request.seed = std::uint64_t(*seed);
    request.outDir = parser.value(QStringLiteral("out")).toStdString();
    for (const auto &p : parser.values(QStringLiteral("policy")))
        request.policies.push_back(p.toStdString());
    const bool json = parser.isSet(QStringLiteral("json"));

    const auto result = withProgress(err, json, [&](const train::ProgressCallback &progress) {
        return train::generateTeacherData(request, progress);
    });
    if (!result)
        return fail(out, err, prefix, json, result.error());
    const auto &s = result.value();
    if (json) {
        QJsonArray policies;
        for (const auto &p : s.policies)
            policies.append(QJsonObject{{QStringLiteral("policy"), QString::fromStdString(p.policy)},
                                        {QStringLiteral("text"), QString::fromStdString(p.policyText)},
                                        {QStringLiteral("folder"), path(p.folder)},
                                        {QStringLiteral("preview"), path(p.preview)},
                                        {QStringLiteral("train_images"), qint64(p.trainImages)},
                                        {QStringLiteral("test_images"), qint64(p.testImages)}});
        printJson(out, {{QStringLiteral("type"), QStringLiteral("teacher_data")},
                        {QStringLiteral("source_images"), qint64(s.sourceImages)},
                        {QStringLiteral("policies"), policies},
                        {QStringLiteral("seconds"), s.seconds},
                        {QStringLiteral("images_per_second"), s.imagesPerSecond}});
        return 0;
    }
    const QLocale locale;
    for (const auto &p : s.policies)
        out << DataCommands::tr("Policy %1 (%2): %3 training images in %4, preview %5")
                   .arg(QString::fromStdString(p.policy), QString::fromStdString(p.policyText),
                        locale.toString(qint64(p.trainImages)), path(p.folder), path(p.preview))
            << QLatin1Char('\n');
    out << DataCommands::tr("Done in %1 s (%2 images/s).")
               .arg(s.seconds, 0, 'f', 1)
               .arg(locale.toString(qint64(s.imagesPerSecond)))
        << QLatin1Char('\n');
    return 0;
}

int runDemoDataCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = QStringLiteral("tenkai-cli demo-data: ");
    QCommandLineParser parser;
    parser.setApplicationDescription(DataCommands::tr(
        "Make the demo scenario from the installed Fashion-MNIST: a clean generic set for pretraining in "
        "the cloud and, per site, labelled images under that site's own capture conditions with their "
        "own test split."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("sites"), DataCommands::tr("Number of edge sites."), DataCommands::tr("n"),
         QStringLiteral("3")},
        {QStringLiteral("out"), DataCommands::tr("Folder to create (it must not exist or be empty)."),
         DataCommands::tr("folder")},
        {QStringLiteral("data-dir"),
         DataCommands::tr("Fashion-MNIST's IDX files (default: the installed package)."),
         DataCommands::tr("folder")},
        {QStringLiteral("generic"), DataCommands::tr("Training images in the generic set."),
         DataCommands::tr("n"), QStringLiteral("50000")},
        {QStringLiteral("site-train"), DataCommands::tr("Training images per site (0: up to 1,000)."),
         DataCommands::tr("n")},
        {QStringLiteral("site-test"), DataCommands::tr("Test images per site (0: up to 500)."),
         DataCommands::tr("n")},
        {QStringLiteral("seed"), DataCommands::tr("Random seed of the capture conditions."),
         DataCommands::tr("n")},
        {QStringLiteral("workspace"),
         DataCommands::tr(
             "Also write the demo flow and an inventory of local sites, so that "
             "`tenkai-cli run OUT/demo.tenkai-flow.json --inventory OUT/inventory.yaml` runs it.")},
        {QStringLiteral("json"), DataCommands::tr("Print the result as JSON.")},
    });
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    if (!parser.isSet(QStringLiteral("out"))) {
        err << prefix << DataCommands::tr("give --out FOLDER.") << QLatin1Char('\n');
        return 2;
    }
    train::DemoDataRequest request;
    const auto sites = intOption(parser, QStringLiteral("sites"), 1, 100, 3, err, prefix);
    const auto generic = intOption(parser, QStringLiteral("generic"), 1000, 59999, 50000, err, prefix);
    const auto siteTrain = intOption(parser, QStringLiteral("site-train"), 0, 59000, 0, err, prefix);
    const auto siteTest = intOption(parser, QStringLiteral("site-test"), 0, 10000, 0, err, prefix);
    const auto seed = intOption(parser, QStringLiteral("seed"), 0, 1LL << 62, 1, err, prefix);
    if (!sites || !generic || !siteTrain || !siteTest || !seed)
        return 2;
    request.sites = int(*sites);
    request.genericImages = *generic;
    request.siteTrainImages = *siteTrain;
    request.siteTestImages = *siteTest;
    request.seed = std::uint64_t(*seed);
    request.outDir = parser.value(QStringLiteral("out")).toStdString();
    if (parser.isSet(QStringLiteral("data-dir")))
        request.sourceDir = parser.value(QStringLiteral("data-dir")).toStdString();
    const bool json = parser.isSet(QStringLiteral("json"));

    const auto result = withProgress(err, json, [&](const train::ProgressCallback &progress) {
        return train::generateDemoData(request, progress);
    });
    if (!result)
        return fail(out, err, prefix, json, result.error());
    const auto &s = result.value();
#ifdef TENKAI_HAVE_LIBSSH
    if (parser.isSet(QStringLiteral("workspace"))) {
        QList<flow::DemoSiteSpec> specs;
        for (const auto &site : s.sites)
            specs.append({QString::fromStdString(site.name), QString::fromStdString(site.condition)});
        if (const QString error = flow::writeDemoWorkspace(parser.value(QStringLiteral("out")), specs);
            !error.isEmpty()) {
            err << prefix << error << QLatin1Char('\n');
            return 1;
        }
    }
#endif
    if (json) {
        QJsonArray sitesJson;
        for (const auto &site : s.sites)
            sitesJson.append(
                QJsonObject{{QStringLiteral("name"), QString::fromStdString(site.name)},
                            {QStringLiteral("condition"), QString::fromStdString(site.condition)},
                            {QStringLiteral("folder"), path(site.folder)},
                            {QStringLiteral("train_images"), qint64(site.trainImages)},
                            {QStringLiteral("test_images"), qint64(site.testImages)}});
        printJson(out, {{QStringLiteral("type"), QStringLiteral("demo_data")},
                        {QStringLiteral("generic"), path(s.genericFolder)},
                        {QStringLiteral("generic_train_images"), qint64(s.genericTrainImages)},
                        {QStringLiteral("generic_test_images"), qint64(s.genericTestImages)},
                        {QStringLiteral("sites"), sitesJson},
                        {QStringLiteral("seconds"), s.seconds}});
        return 0;
    }
    const QLocale locale;
    out << DataCommands::tr("Generic set for pretraining: %1 (%2 training, %3 test images)")
               .arg(path(s.genericFolder), locale.toString(qint64(s.genericTrainImages)),
                    locale.toString(qint64(s.genericTestImages)))
        << QLatin1Char('\n');
    for (const auto &site : s.sites)
        out << DataCommands::tr("Site %1 (%2): %3 (%4 training, %5 test images)")
                   .arg(QString::fromStdString(site.name), QString::fromStdString(site.condition),
                        path(site.folder), locale.toString(qint64(site.trainImages)),
                        locale.toString(qint64(site.testImages)))
            << QLatin1Char('\n');
    out << DataCommands::tr("Done in %1 s.").arg(s.seconds, 0, 'f', 1) << QLatin1Char('\n');
    if (parser.isSet(QStringLiteral("workspace"))) {
        const QDir dir(parser.value(QStringLiteral("out")));
        out << DataCommands::tr("Run the demo flow with:\n  tenkai-cli run %1 --inventory %2")
                   .arg(dir.filePath(QStringLiteral("demo.tenkai-flow.json")),
                        dir.filePath(QStringLiteral("inventory.yaml")))
            << QLatin1Char('\n');
    }
    return 0;
}

} // namespace tenkai::cli
