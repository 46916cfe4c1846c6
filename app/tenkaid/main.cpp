// tenkaid: the edge daemon. This build answers --version and --help; the job server follows.
#include "common/runtime_report.h"
#include "common/translations.h"
#include "train_api.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenkaid"));
    tenkai::installTranslations();
    tenkai::train::configureThreads(0);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("tenkaid", "Tenkai edge daemon: runs training jobs at an edge site."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("tenkaid", "Show this help and exit."));
    const QCommandLineOption version(
        {QStringLiteral("v"), QStringLiteral("version")},
        QCoreApplication::translate("tenkaid", "Show versions and the BLAS in use, then exit."));
    parser.addOption(help);
    parser.addOption(version);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.parse(QCoreApplication::arguments())) {
        err << QStringLiteral("tenkaid: ") << parser.errorText() << QLatin1Char('\n');
        return 2;
    }
    if (parser.isSet(help)) {
        out << parser.helpText();
        return 0;
    }
    if (parser.isSet(version)) {
        out << tenkai::versionReport(QStringLiteral("tenkaid")) << QLatin1Char('\n');
        return 0;
    }
    err << QCoreApplication::translate("tenkaid", "tenkaid: the job server is not part of this build yet; "
                                                  "use --version or --help.")
        << QLatin1Char('\n');
    return 2;
}
