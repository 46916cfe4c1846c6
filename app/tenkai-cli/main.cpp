// tenkai-cli: the headless twin of the console.
#include "common/runtime_report.h"
#include "common/translations.h"
#include "tenkai-cli/evaluate_command.h"
#include "tenkai-cli/train_command.h"
#include "train_api.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

QString usage()
{
    return QCoreApplication::translate(
        "tenkai::Cli", "Usage: tenkai-cli COMMAND [OPTIONS]\n"
                       "\n"
                       "Commands:\n"
                       "  train      Train a model on an installed dataset and report each epoch\n"
                       "  pretrain   Train a model on generic data and save it (--out)\n"
                       "  finetune   Fine-tune a saved model (--from) on a site's data\n"
                       "  evaluate   Score saved models, alone or as an ensemble, on a test split\n"
                       "\n"
                       "Options:\n"
                       "  -h, --help       Show this help (tenkai-cli COMMAND --help for a command)\n"
                       "  -v, --version    Show versions and the BLAS in use\n");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenkai-cli"));
    tenkai::installTranslations();
    tenkai::train::configureThreads(0);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        err << usage();
        return 2;
    }
    const QString command = args.at(1);
    if (command == QLatin1String("-h") || command == QLatin1String("--help") ||
        command == QLatin1String("help")) {
        out << usage();
        return 0;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        out << tenkai::versionReport(QStringLiteral("tenkai-cli")) << QLatin1Char('\n');
        return 0;
    }
    using tenkai::cli::TrainMode;
    if (command == QLatin1String("train"))
        return tenkai::cli::runTrainCommand(args.mid(1), TrainMode::Train);
    if (command == QLatin1String("pretrain"))
        return tenkai::cli::runTrainCommand(args.mid(1), TrainMode::Pretrain);
    if (command == QLatin1String("finetune"))
        return tenkai::cli::runTrainCommand(args.mid(1), TrainMode::Finetune);
    if (command == QLatin1String("evaluate"))
        return tenkai::cli::runEvaluateCommand(args.mid(1));
    err << QCoreApplication::translate("tenkai::Cli",
                                       "tenkai-cli: unknown command \"%1\"; see tenkai-cli --help.")
               .arg(command)
        << QLatin1Char('\n');
    return 2;
}
