// tenkai-fleet: tenkai-cli's fleet commands (sites check|plan|apply, import-inventory) in a program
// that does not load LibTorch. tenkai-cli maps LibTorch's ~285 shared libraries before main() runs
// (about half a second of CPU); this program links the same core library, but with --as-needed
// and nothing that uses the training library, so it starts in a few milliseconds. The commands,
// options, output and exit codes are tenkai-cli's.
#include "common/translations.h"
#include "tenkai-cli/sites_command.h"
#include "tenkai/version.h"

#include <QCoreApplication>
#include <QTextStream>
#include <libssh/libssh.h>

namespace {

QString usage()
{
    return QCoreApplication::translate(
        "tenkai::Fleet",
        "Usage: tenkai-fleet COMMAND [OPTIONS]\n"
        "\n"
        "The fleet commands of tenkai-cli, in a program that starts without loading LibTorch.\n"
        "\n"
        "Commands:\n"
        "  sites check        Pre-flight the inventory's sites over SSH\n"
        "  sites plan|apply   Show or apply a recipe's changes to the inventory's sites\n"
        "  sites show         Print how a site is reached (as ssh -G) and what trusts its key\n"
        "  import-inventory   Convert an Ansible inventory into a Tenkai inventory\n"
        "  export-inventory   Write the inventory's sites as an Ansible inventory\n"
        "\n"
        "Options:\n"
        "  -h, --help       Show this help (tenkai-fleet COMMAND --help for a command)\n"
        "  -v, --version    Show versions\n");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenkai-fleet"));
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
        out << QStringLiteral("tenkai-fleet %1\nQt %2, libssh %3\n")
                   .arg(QStringLiteral(TENKAI_VERSION_STRING), QString::fromLatin1(qVersion()),
                        QString::fromLatin1(ssh_version(0)));
        return 0;
    }
    if (command == QLatin1String("sites"))
        return tenkai::cli::runSitesCommand(args.mid(1));
    if (command == QLatin1String("import-inventory"))
        return tenkai::cli::runImportInventoryCommand(args.mid(1));
    if (command == QLatin1String("export-inventory"))
        return tenkai::cli::runExportInventoryCommand(args.mid(1));
    err << QCoreApplication::translate("tenkai::Fleet",
                                       "tenkai-fleet: unknown command \"%1\"; see tenkai-fleet --help.")
               .arg(command)
        << QLatin1Char('\n');
    return 2;
}
