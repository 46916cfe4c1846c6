// tenkai-cli: the headless twin of the console.
#include "common/runtime_report.h"
#include "common/translations.h"
#include "model_file.h"
#include "tenkai-cli/daemon_commands.h"
#include "tenkai-cli/data_commands.h"
#include "tenkai-cli/evaluate_command.h"
#ifdef TENKAI_HAVE_LIBSSH
#include "tenkai-cli/flow_commands.h"
#include "tenkai-cli/sites_command.h"
#endif
#include "tenkai-cli/train_command.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

QString usage()
{
    return QCoreApplication::translate(
        "tenkai::Cli",
        "Usage: tenkai-cli COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n"
        "  train      Train a model on an installed dataset and report each epoch\n"
        "  pretrain   Train a model on generic data and save it (--out)\n"
        "  finetune   Fine-tune a saved model (--from) on a site's data\n"
        "  evaluate   Score saved models, alone or as an ensemble, on a test split\n"
        "  augment    Write generated teacher data and a preview grid per policy\n"
        "  demo-data  Make the demo scenario: generic data and per-site image folders\n"
        "  monitor    Print a daemon's metrics and run states live (--local PORT)\n"
        "  start-run  Queue a training run at a daemon (--run-id ID --config FILE)\n"
        "  stop-run   Stop a run at a daemon (--run ID)\n"
        "  resume-run Queue a failed or stopped run again, from its checkpoint (--run ID)\n"
        "  run        Run a flow on the inventory's sites (--inventory FILE)\n"
        "  validate   Check a flow (and its targets against --inventory FILE)\n"
        "  sites check        Pre-flight the inventory's sites over SSH\n"
        "  sites plan|apply   Show or apply a recipe's changes to the inventory's sites\n"
        "  sites show         Print how a site is reached (as ssh -G) and what trusts its key\n"
        "  import-inventory   Convert an Ansible inventory into a Tenkai inventory\n"
        "  export-inventory   Write the inventory's sites as an Ansible inventory\n"
        "\n"
        "Options:\n"
        "  -h, --help       Show this help (tenkai-cli COMMAND --help for a command)\n"
        "  -v, --version    Show versions and the BLAS in use\n");
}

} // namespace

int main(int argc, char *argv[])
{
    // Model files from elsewhere are opened by a child process first (LibTorch's reader can crash).
    if (const int vetted = tenkai::train::vetModelFilesInChildProcesses(argc, argv); vetted >= 0)
        return vetted;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenkai-cli"));
    tenkai::installTranslations();

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
    if (command == QLatin1String("augment"))
        return tenkai::cli::runAugmentCommand(args.mid(1));
    if (command == QLatin1String("demo-data"))
        return tenkai::cli::runDemoDataCommand(args.mid(1));
    if (command == QLatin1String("monitor"))
        return tenkai::cli::runMonitorCommand(args.mid(1));
    if (command == QLatin1String("start-run"))
        return tenkai::cli::runStartRunCommand(args.mid(1));
    if (command == QLatin1String("stop-run"))
        return tenkai::cli::runStopRunCommand(args.mid(1));
    if (command == QLatin1String("resume-run"))
        return tenkai::cli::runResumeRunCommand(args.mid(1));
#ifdef TENKAI_HAVE_LIBSSH
    if (command == QLatin1String("run"))
        return tenkai::cli::runFlowCommand(args.mid(1));
    if (command == QLatin1String("validate"))
        return tenkai::cli::runValidateCommand(args.mid(1));
    if (command == QLatin1String("sites"))
        return tenkai::cli::runSitesCommand(args.mid(1));
    if (command == QLatin1String("import-inventory"))
        return tenkai::cli::runImportInventoryCommand(args.mid(1));
    if (command == QLatin1String("export-inventory"))
        return tenkai::cli::runExportInventoryCommand(args.mid(1));
#endif
    err << QCoreApplication::translate("tenkai::Cli",
                                       "tenkai-cli: unknown command \"%1\"; see tenkai-cli --help.")
               .arg(command)
        << QLatin1Char('\n');
    return 2;
}
