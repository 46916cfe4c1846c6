// tenkaid: the edge daemon. Serves protocol v1 (docs/protocol.md) on 127.0.0.1 and trains the runs
// it is given, keeping every metric in its state folder.
#include "common/runtime_report.h"
#include "common/translations.h"
#include "daemon/daemon.h"
#include "daemon/log_file.h"
#include "daemon/signal_watcher.h"
#include "daemon/state_dir.h"
#include "model_file.h"
#include "train_api.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // Model files from elsewhere are opened by a child process first (LibTorch's reader can crash).
    if (const int vetted = tenkai::train::vetModelFilesInChildProcesses(argc, argv); vetted >= 0)
        return vetted;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenkaid"));
    tenkai::installTranslations();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("tenkaid", "Tenkai edge daemon: runs training jobs at an edge site."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("tenkaid", "Show this help and exit."));
    const QCommandLineOption version(
        {QStringLiteral("v"), QStringLiteral("version")},
        QCoreApplication::translate("tenkaid", "Show versions and the BLAS in use, then exit."));
    const QCommandLineOption stateDir(
        u"state-dir"_s,
        QCoreApplication::translate("tenkaid",
                                    "State folder: runs, events, checkpoints, token, log (default: %1).")
            .arg(tenkai::daemon::defaultStateDir()),
        QCoreApplication::translate("tenkaid", "folder"));
    const QCommandLineOption port(
        u"port"_s,
        QCoreApplication::translate("tenkaid",
                                    "TCP port on the loopback address (default %1; 0: any free port, "
                                    "written to STATE/tenkaid.port).")
            .arg(tenkai::daemon::kDefaultPort),
        QCoreApplication::translate("tenkaid", "n"));
    const QCommandLineOption listen(
        u"listen"_s,
        QCoreApplication::translate("tenkaid",
                                    "Address to listen on: 127.0.0.1 (default) or ::1; other addresses "
                                    "are refused, remote consoles come through SSH."),
        QCoreApplication::translate("tenkaid", "address"), u"127.0.0.1"_s);
    const QCommandLineOption site(
        u"site"_s,
        QCoreApplication::translate("tenkaid",
                                    "This site's name, reported to consoles (default: host name)."),
        QCoreApplication::translate("tenkaid", "name"));
    const QCommandLineOption maxRuns(
        u"max-runs"_s, QCoreApplication::translate("tenkaid", "Runs trained at the same time (default 1)."),
        QCoreApplication::translate("tenkaid", "n"));
    const QCommandLineOption groupAccess(
        u"group-access"_s,
        QCoreApplication::translate("tenkaid",
                                    "Let members of this daemon's group read its token (state folder 0750, "
                                    "token 0640, everything else private), so they can monitor it; the "
                                    "packaged system service uses it."));
    parser.addOptions({help, version, stateDir, port, listen, site, maxRuns, groupAccess});

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
        // The thread count a training would use by default. The daemon itself does not set it at
        // start: each run sets its own, and setting it starts LibTorch's thread pools, which cost
        // every freshly started daemon CPU time for nothing.
        tenkai::train::configureThreads(0);
        out << tenkai::versionReport(QStringLiteral("tenkaid")) << QLatin1Char('\n');
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("tenkaid",
                                           "tenkaid: unexpected argument \"%1\"; see tenkaid --help.")
                   .arg(parser.positionalArguments().constFirst())
            << QLatin1Char('\n');
        return 2;
    }

    tenkai::daemon::DaemonOptions options;
    options.stateDir = parser.value(stateDir);
    options.listen = parser.value(listen);
    options.site = parser.value(site);
    if (parser.isSet(groupAccess))
        options.access = tenkai::daemon::StateAccess::Group;
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            err << QCoreApplication::translate(
                       "tenkaid", "tenkaid: --port expects a number from 0 to 65535, got \"%1\".")
                       .arg(parser.value(port))
                << QLatin1Char('\n');
            return 2;
        }
        options.port = quint16(value);
    }
    if (parser.isSet(maxRuns)) {
        bool ok = false;
        const int value = parser.value(maxRuns).toInt(&ok);
        if (!ok || value < 1 || value > 64) {
            err << QCoreApplication::translate(
                       "tenkaid", "tenkaid: --max-runs expects a number from 1 to 64, got \"%1\".")
                       .arg(parser.value(maxRuns))
                << QLatin1Char('\n');
            return 2;
        }
        options.maxRuns = value;
    }
    if (options.stateDir.isEmpty())
        options.stateDir = tenkai::daemon::defaultStateDir();

    // Everything the daemon creates is its own (the state folder's modes: state_dir.h); a token
    // shared with the group gets its mode explicitly.
    ::umask(077);
    QString error;
    if (!tenkai::daemon::loopbackAddress(options.listen, &error)) {
        err << QStringLiteral("tenkaid: ") << error << QLatin1Char('\n');
        return 2;
    }
    if (!tenkai::daemon::prepareStateDir(options.stateDir, options.access, &error) ||
        !tenkai::daemon::installLogFile(tenkai::daemon::logPath(options.stateDir), &error)) {
        err << QStringLiteral("tenkaid: ") << error << QLatin1Char('\n');
        return 1;
    }
    // A console that went away must not kill the daemon by SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    tenkai::daemon::SignalWatcher watcher;
    tenkai::daemon::Daemon daemon(options);
    int signalsSeen = 0;
    QObject::connect(
        &watcher, &tenkai::daemon::SignalWatcher::terminationRequested, &daemon, [&](int number) {
            if (++signalsSeen > 1) {
                // A second signal: the operator does not want to wait for the runs to pause. Their state
                // is on disk (SQLite survives an abrupt exit); they resume from their last checkpoints.
                qWarning().noquote() << QCoreApplication::translate(
                    "tenkaid",
                    "tenkaid: second stop signal; exiting now, unfinished runs resume at the next start.");
                ::_exit(1);
            }
            daemon.shutdown(number == SIGINT ? u"SIGINT"_s : u"SIGTERM"_s);
        });
    QObject::connect(&daemon, &tenkai::daemon::Daemon::finished, &app, &QCoreApplication::exit);
    if (!daemon.start(&error)) {
        qCritical().noquote() << QStringLiteral("tenkaid: ") + error;
        tenkai::daemon::removeLogFile();
        return 1;
    }
    const int code = app.exec();
    tenkai::daemon::removeLogFile();
    return code;
}
