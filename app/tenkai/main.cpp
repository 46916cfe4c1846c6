// tenkai: the operator's console.
#include "common/runtime_report.h"
#include "common/translations.h"
#include "main_window.h"
#include "tenkai/version.h"
#include "train_api.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

namespace {

// Qt aborts with a core dump when the xcb platform finds no X server; say it in one sentence instead.
bool displayAvailable()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && !platform.startsWith("xcb"))
        return true; // offscreen, wayland, vnc...: Qt handles them
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char *argv[])
{
    {
        // Answer --help, --version and "no display" before any window system is touched.
        QCoreApplication probe(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("tenkai"));
        tenkai::installTranslations();
        QCommandLineParser parser;
        parser.setApplicationDescription(QCoreApplication::translate(
            "tenkai", "Tenkai console: design flows, deploy to edge sites and monitor training."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(
            {QStringLiteral("workspace"),
             QCoreApplication::translate("tenkai", "Open this workspace folder: its inventory.yaml and "
                                                   "its flow (tenkai-cli demo-data --workspace makes one)."),
             QCoreApplication::translate("tenkai", "DIR")});
        parser.parse(QCoreApplication::arguments()); // Qt's own options (-platform ...) pass through
        QTextStream out(stdout);
        if (parser.isSet(QStringLiteral("help"))) {
            out << parser.helpText();
            return 0;
        }
        if (parser.isSet(QStringLiteral("version"))) {
            tenkai::train::configureThreads(0);
            out << tenkai::versionReport(QStringLiteral("tenkai")) << QLatin1Char('\n');
            return 0;
        }
        if (!displayAvailable() && !QCoreApplication::arguments().contains(QStringLiteral("-platform"))) {
            QTextStream(stderr) << QCoreApplication::translate(
                                       "tenkai",
                                       "tenkai: no display found (DISPLAY is not set). Run it in a desktop "
                                       "session, use tenkai-cli for headless work, or set "
                                       "QT_QPA_PLATFORM=offscreen.")
                                << QLatin1Char('\n');
            return 1;
        }
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tenkai"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tenkai"));
    QApplication::setApplicationVersion(QStringLiteral(TENKAI_VERSION_STRING));
    QApplication::setOrganizationName(QStringLiteral("Tenkai"));
    tenkai::installTranslations();
    tenkai::train::configureThreads(0);

    tenkai::ui::MainWindow window;
    window.show();
    // --workspace DIR (read again: the probe's parser is gone with its application object).
    const QStringList arguments = QApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        QString dir;
        if (arguments[i] == QLatin1String("--workspace") && i + 1 < arguments.size())
            dir = arguments[i + 1];
        else if (arguments[i].startsWith(QLatin1String("--workspace=")))
            dir = arguments[i].mid(12);
        if (dir.isEmpty())
            continue;
        QString error;
        if (!window.openWorkspace(dir, &error))
            QTextStream(stderr) << QCoreApplication::translate("tenkai", "tenkai: %1").arg(error)
                                << QLatin1Char('\n');
        break;
    }
    // Flows a crash left unsaved are offered once the window is up.
    QTimer::singleShot(0, &window, &tenkai::ui::MainWindow::offerRecovery);
    return QApplication::exec();
}
