#include "tenkai-cli/evaluate_command.h"

#include "common/errors.h"
#include "tenkai-cli/cli_options.h"
#include "train_api.h"

#include <QCommandLineParser>
#include <QCoreApplication>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class EvaluateCommand
{
    Q_DECLARE_TR_FUNCTIONS(EvaluateCommand)
};

namespace tenkai::cli {

int runEvaluateCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = QStringLiteral("tenkai-cli evaluate: ");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        EvaluateCommand::tr("Evaluate model files on a dataset's test split; several files are scored as an "
                            "ensemble (soft vote)."));
    parser.addHelpOption();
    addDataOptions(parser);
    parser.addOption({QStringLiteral("json"), EvaluateCommand::tr("Print the report as one JSON object.")});
    parser.addPositionalArgument(QStringLiteral("models"),
                                 EvaluateCommand::tr("Model files (.pt) to evaluate."),
                                 EvaluateCommand::tr("MODEL..."));
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    if (parser.positionalArguments().isEmpty()) {
        err << prefix << EvaluateCommand::tr("give at least one model file.") << QLatin1Char('\n');
        return 2;
    }
    train::TrainConfig data;
    if (!readDataOptions(parser, data, err, prefix))
        return 2;
    std::vector<std::filesystem::path> models;
    for (const QString &file : parser.positionalArguments())
        models.emplace_back(file.toStdString());

    const auto report = train::evaluateModels(models, data);
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!report) {
        const QString sentence = describe(report.error());
        if (json)
            printJson(out, {{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("message"), sentence}});
        err << prefix << sentence << QLatin1Char('\n');
        return 1;
    }
    if (json) {
        QJsonObject object{{QStringLiteral("type"), QStringLiteral("evaluation")}};
        addReportJson(object, report.value());
        printJson(out, object);
    } else {
        printReport(out, report.value());
    }
    return 0;
}

} // namespace tenkai::cli
