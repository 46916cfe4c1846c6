#include "tenkai-cli/daemon_commands.h"

#include "common/read_limited.h"
#include "daemon/daemon.h"
#include "daemon/state_dir.h"
#ifdef TENKAI_HAVE_LIBSSH
#include "fleet/inventory.h"
#include "telemetry/site_daemon.h"
#endif
#include "telemetry/daemon_client.h"
#include "telemetry/protocol.h"
#include "telemetry/run_config.h"
#include "tenkai-cli/cli_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class DaemonCommands
{
    Q_DECLARE_TR_FUNCTIONS(DaemonCommands)
};

namespace tenkai::cli {
namespace {

struct Connection
{
    std::function<telemetry::Transport *(QObject *)> transport; // a new transport per attempt
    QString token;
    QString where; // "127.0.0.1:7470", "edge01 (ssh) -> 127.0.0.1:7470"
};

void addConnectionOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOptions({
        {u"local"_s, DaemonCommands::tr("Port of a tenkaid on this machine (127.0.0.1)."),
         DaemonCommands::tr("port")},
        {u"state-dir"_s,
         DaemonCommands::tr("The daemon's state folder, to read its token from (default: %1).")
             .arg(daemon::defaultStateDir()),
         DaemonCommands::tr("folder")},
        {u"token-file"_s, DaemonCommands::tr("File holding the daemon's token (overrides --state-dir)."),
         DaemonCommands::tr("file")},
#ifdef TENKAI_HAVE_LIBSSH
        {u"site"_s,
         DaemonCommands::tr(
             "The inventory's site whose daemon to reach: over SSH (its token read there, from "
             "--state-dir or the site root's state folder) or directly for a local site."),
         DaemonCommands::tr("name")},
        {u"inventory"_s, DaemonCommands::tr("The inventory file that names the site."),
         DaemonCommands::tr("file")},
        {u"known-hosts"_s,
         DaemonCommands::tr("The known_hosts file with the sites' pinned host keys (default: beside the "
                            "inventory; pin new sites with tenkai-cli sites check --accept-new)."),
         DaemonCommands::tr("file")},
        {u"ssh-config"_s, DaemonCommands::tr("Read this ssh config instead of ~/.ssh/config."),
         DaemonCommands::tr("file")},
#endif
    });
}

#ifdef TENKAI_HAVE_LIBSSH
// --site NAME: the inventory's site, reached through an SSH channel of our own session (or directly
// when the site is local); its token is read where the daemon keeps it.
std::optional<Connection> readSiteConnection(const QCommandLineParser &parser, QTextStream &err,
                                             const QString &prefix)
{
    const auto fail = [&](const QString &sentence) {
        err << prefix << sentence << QLatin1Char('\n');
        return std::nullopt;
    };
    if (!parser.isSet(u"inventory"_s))
        return fail(DaemonCommands::tr("--site needs --inventory FILE."));
    const QString inventoryPath = parser.value(u"inventory"_s);
    const auto inventory = fleet::loadInventory(inventoryPath);
    if (!inventory)
        return fail(inventory.error().message);
    const QString name = parser.value(u"site"_s);
    const auto &sites = inventory.value().sites;
    const auto site =
        std::find_if(sites.begin(), sites.end(), [&](const fleet::Site &s) { return s.name == name; });
    if (site == sites.end())
        return fail(DaemonCommands::tr("the inventory %1 has no site \"%2\".").arg(inventoryPath, name));
    fleet::SshOptions options;
    options.knownHosts = parser.isSet(u"known-hosts"_s)
                             ? parser.value(u"known-hosts"_s)
                             : QFileInfo(inventoryPath).absoluteDir().filePath(u"known_hosts"_s);
    if (parser.isSet(u"ssh-config"_s))
        options.sshConfig = parser.value(u"ssh-config"_s);
    const fleet::Site resolved = fleet::withResolvedRoot(*site, QFileInfo(inventoryPath).absolutePath());
    auto endpoint = telemetry::resolveDaemonEndpoint(
        resolved, options, parser.value(u"state-dir"_s),
        site->transport == fleet::Transport::Local ? parser.value(u"token-file"_s) : QString());
    if (!endpoint)
        return fail(endpoint.error().message);
    return Connection{endpoint.value().transport, endpoint.value().token, endpoint.value().where};
}
#endif

std::optional<Connection> readConnection(const QCommandLineParser &parser, QTextStream &err,
                                         const QString &prefix)
{
    Connection c;
#ifdef TENKAI_HAVE_LIBSSH
    if (parser.isSet(u"site"_s)) {
        if (parser.isSet(u"local"_s)) {
            err << prefix << DaemonCommands::tr("give --local PORT or --site NAME, not both.")
                << QLatin1Char('\n');
            return std::nullopt;
        }
        return readSiteConnection(parser, err, prefix);
    }
    if (!parser.isSet(u"local"_s)) {
        err << prefix << DaemonCommands::tr("say which daemon with --local PORT or --site NAME.")
            << QLatin1Char('\n');
        return std::nullopt;
    }
#else
    if (!parser.isSet(u"local"_s)) {
        err << prefix << DaemonCommands::tr("say which daemon with --local PORT.") << QLatin1Char('\n');
        return std::nullopt;
    }
#endif
    const auto port = intOption(parser, u"local"_s, 1, 65535, 0, err, prefix);
    if (!port)
        return std::nullopt;
    const quint16 localPort = quint16(*port);
    c.where = u"127.0.0.1:%1"_s.arg(localPort);
    c.transport = [localPort](QObject *parent) {
        return new telemetry::TcpTransport(u"127.0.0.1"_s, localPort, parent);
    };
    const QString tokenFile =
        parser.isSet(u"token-file"_s)
            ? parser.value(u"token-file"_s)
            : daemon::tokenPath(parser.isSet(u"state-dir"_s) ? parser.value(u"state-dir"_s)
                                                             : daemon::defaultStateDir());
    QString error;
    const auto token = daemon::readToken(tokenFile, &error);
    if (!token) {
        err << prefix << error << QLatin1Char('\n');
        return std::nullopt;
    }
    c.token = *token;
    return c;
}

std::unique_ptr<telemetry::DaemonClient> makeClient(const Connection &c, const QString &name)
{
    return std::make_unique<telemetry::DaemonClient>(c.transport, c.token, name);
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 0) + QLatin1Char('%');
}

QString eventText(const QJsonObject &e)
{
    const QString type = e.value(u"type").toString();
    const qint64 seq = qint64(e.value(u"seq").toDouble());
    const QString run = e.value(u"run").toString();
    if (type == QLatin1String(telemetry::kMetric)) {
        const QJsonValue member = e.value(u"member");
        const QString who = member.isString() ? DaemonCommands::tr("ensemble")
                                              : DaemonCommands::tr("member %1").arg(member.toInt());
        return DaemonCommands::tr("#%1 %2 %3 epoch %4 step %5: %6 %7")
            .arg(seq)
            .arg(run, who)
            .arg(e.value(u"epoch").toInt())
            .arg(qint64(e.value(u"step").toDouble()))
            .arg(e.value(u"name").toString())
            .arg(e.value(u"value").toDouble(), 0, 'g', 6);
    }
    if (type == QLatin1String(telemetry::kRunState)) {
        QString text = DaemonCommands::tr("#%1 %2: %3 (%4)")
                           .arg(seq)
                           .arg(run, e.value(u"state").toString(), percent(e.value(u"progress").toDouble()));
        if (e.contains(u"error"))
            text += u" "_s + e.value(u"error").toString();
        return text;
    }
    if (type == QLatin1String(telemetry::kLog))
        return DaemonCommands::tr("#%1 [%2] %3")
            .arg(seq)
            .arg(e.value(u"level").toString(), e.value(u"text").toString());
    return QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact));
}

// Sends one request and waits for its reply; prints the outcome. Returns the exit code.
int oneRequest(const Connection &c, const QString &prefix, const QString &type, const QJsonObject &fields,
               bool json, const std::function<QString(const QJsonObject &)> &describeReply)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    auto client = makeClient(c, u"tenkai-cli"_s);
    client->setReconnect(false);
    QEventLoop loop;
    int code = 1;
    const qint64 id = client->request(type, fields);
    QObject::connect(client.get(), &telemetry::DaemonClient::reply, &loop,
                     [&](qint64 replyId, const QJsonObject &r) {
                         if (replyId != id)
                             return;
                         if (json)
                             printJson(out, r);
                         if (r.value(u"type").toString() == u"error"_s) {
                             if (!json)
                                 err << prefix << r.value(u"message").toString() << QLatin1Char('\n');
                             code = 1;
                         } else {
                             if (!json)
                                 out << describeReply(r) << QLatin1Char('\n');
                             code = 0;
                         }
                         loop.quit();
                     });
    QObject::connect(client.get(), &telemetry::DaemonClient::failed, &loop, [&](const QString &reason) {
        err << prefix << reason << QLatin1Char('\n');
        code = 1;
        loop.quit();
    });
    client->start();
    loop.exec();
    client->stop();
    return code;
}

} // namespace

int runMonitorCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = u"tenkai-cli monitor: "_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        DaemonCommands::tr("Print a daemon's events live: metrics, run states and its log, from the start or "
                           "after a given seq; reconnects by itself and never shows an event twice."));
    addConnectionOptions(parser);
    parser.addOptions({
        {u"run"_s, DaemonCommands::tr("Only this run's events."), DaemonCommands::tr("id")},
        {u"since"_s, DaemonCommands::tr("Only events after this seq (default 0: everything stored)."),
         DaemonCommands::tr("seq")},
        {u"json"_s, DaemonCommands::tr("Print each event as one JSON object per line.")},
        {u"until-done"_s,
         DaemonCommands::tr("With --run: exit when the run ends (status 0 when it is done, 1 otherwise).")},
        {u"give-up-after"_s,
         DaemonCommands::tr("Exit when the daemon cannot be reached for this many seconds (default 60)."),
         DaemonCommands::tr("seconds")},
    });
    if (auto exit = parseOrExit(parser, arguments, prefix, out, err))
        return *exit;
    const auto connection = readConnection(parser, err, prefix);
    const auto since = intOption(parser, u"since"_s, 0, 1LL << 53, 0, err, prefix);
    const auto giveUpAfter = intOption(parser, u"give-up-after"_s, 1, 86400, 60, err, prefix);
    if (!connection || !since || !giveUpAfter)
        return 2;
    const QString run = parser.value(u"run"_s);
    const bool untilDone = parser.isSet(u"until-done"_s);
    const bool json = parser.isSet(u"json"_s);
    if (untilDone && run.isEmpty()) {
        err << prefix << DaemonCommands::tr("--until-done needs --run ID.") << QLatin1Char('\n');
        return 2;
    }
    if (!run.isEmpty() && !telemetry::isValidRunId(run)) {
        err << prefix << DaemonCommands::tr("\"%1\" is not a run id.").arg(run) << QLatin1Char('\n');
        return 2;
    }

    auto client = makeClient(*connection, u"tenkai-cli monitor"_s);
    QEventLoop loop;
    int code = 0;
    bool ended = false;
    QTimer giveUp;
    giveUp.setSingleShot(true);
    giveUp.setInterval(int(*giveUpAfter * 1000));
    QObject::connect(&giveUp, &QTimer::timeout, &loop, [&] {
        err << prefix
            << DaemonCommands::tr("the daemon at %1 could not be reached for %n second(s).", nullptr,
                                  int(*giveUpAfter))
                   .arg(connection->where)
            << QLatin1Char('\n');
        code = 1;
        loop.quit();
    });
    QObject::connect(client.get(), &telemetry::DaemonClient::ready, &loop, [&] { giveUp.stop(); });
    QObject::connect(client.get(), &telemetry::DaemonClient::disconnected, &loop, [&](const QString &reason) {
        if (!giveUp.isActive()) {
            giveUp.start();
            if (!json)
                err << prefix << DaemonCommands::tr("%1; reconnecting.").arg(reason) << QLatin1Char('\n');
        }
    });
    QObject::connect(client.get(), &telemetry::DaemonClient::failed, &loop, [&](const QString &reason) {
        err << prefix << reason << QLatin1Char('\n');
        code = 1;
        loop.quit();
    });
    // --until-done: a run's history may hold an end it was resumed from (resume_run), so only the
    // state its replay ends in counts, or a final state that happens live. The replay ends at the
    // run's newest stored event (run_last_seq of the subscription; absent from older daemons, whose
    // first final state counts).
    qint64 replayEnd = -1;
    QString lastState;
    const auto finish = [&] {
        code = lastState == QLatin1String(telemetry::state::Done) ? 0 : 1;
        ended = true;
        loop.quit();
    };
    QObject::connect(
        client.get(), &telemetry::DaemonClient::subscribed, &loop,
        [&](const QJsonObject &reply) { replayEnd = qint64(reply.value(u"run_last_seq").toDouble(-1)); });
    QObject::connect(client.get(), &telemetry::DaemonClient::event, &loop, [&](const QJsonObject &e) {
        if (ended)
            return; // events that arrived together with the run's end
        if (json)
            printJson(out, e);
        else {
            out << eventText(e) << QLatin1Char('\n');
            out.flush();
        }
        if (!untilDone)
            return;
        const qint64 seq = qint64(e.value(u"seq").toDouble());
        const bool isState = e.value(u"type").toString() == QLatin1String(telemetry::kRunState) &&
                             e.value(u"run").toString() == run;
        if (isState)
            lastState = e.value(u"state").toString();
        if (seq > replayEnd ? isState && telemetry::isFinalState(lastState)
                            : seq == replayEnd && telemetry::isFinalState(lastState))
            finish();
    });
    client->subscribe(run, *since);
    giveUp.start();
    client->start();
    loop.exec();
    client->stop();
    return code;
}

int runStartRunCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = u"tenkai-cli start-run: "_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(DaemonCommands::tr("Queue a training run at a daemon."));
    addConnectionOptions(parser);
    parser.addOptions({
        {u"run-id"_s, DaemonCommands::tr("The new run's id (letters, digits, . _ -)."),
         DaemonCommands::tr("id")},
        {u"config"_s, DaemonCommands::tr("The run configuration, a JSON file (docs/protocol.md)."),
         DaemonCommands::tr("file")},
        {u"json"_s, DaemonCommands::tr("Print the daemon's reply as JSON.")},
    });
    if (auto exit = parseOrExit(parser, arguments, prefix, out, err))
        return *exit;
    const QString runId = parser.value(u"run-id"_s);
    if (runId.isEmpty() || !parser.isSet(u"config"_s)) {
        err << prefix << DaemonCommands::tr("say --run-id ID and --config FILE.json.") << QLatin1Char('\n');
        return 2;
    }
    if (!telemetry::isValidRunId(runId)) {
        err << prefix
            << DaemonCommands::tr(
                   "\"%1\" is not a run id: use 1 to 64 letters, digits, dots, dashes or underscores, "
                   "not starting with a dot.")
                   .arg(runId)
            << QLatin1Char('\n');
        return 2;
    }
    const QString path = parser.value(u"config"_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << prefix << DaemonCommands::tr("cannot read %1: %2.").arg(path, file.errorString())
            << QLatin1Char('\n');
        return 2;
    }
    const auto text = tenkai::readAtMost(file);
    if (!text) {
        err << prefix
            << DaemonCommands::tr("%1 holds more than %2 MB: it is not a run configuration.")
                   .arg(path)
                   .arg(tenkai::kMaxTextInput >> 20)
            << QLatin1Char('\n');
        return 2;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*text, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        err << prefix
            << (parseError.error != QJsonParseError::NoError
                    ? DaemonCommands::tr("%1 is not JSON: %2 at offset %3.")
                          .arg(path, parseError.errorString())
                          .arg(parseError.offset)
                    : DaemonCommands::tr("%1 must hold a JSON object (the run configuration).").arg(path))
            << QLatin1Char('\n');
        return 2;
    }
    train::TrainConfig config;
    if (auto bad = telemetry::runConfigFromJson(document.object(), config)) {
        err << prefix << path << u": "_s << bad->message << QLatin1Char('\n');
        return 2;
    }
    const auto connection = readConnection(parser, err, prefix);
    if (!connection)
        return 2;
    return oneRequest(*connection, prefix, u"start_run"_s,
                      QJsonObject{{u"run_id"_s, runId}, {u"config"_s, document.object()}},
                      parser.isSet(u"json"_s), [](const QJsonObject &r) {
                          return DaemonCommands::tr("Run %1 is %2.")
                              .arg(r.value(u"run").toString(), r.value(u"state").toString());
                      });
}

namespace {

// stop-run and resume-run: one run named by --run, one request, the run's new state.
int runControlCommand(const QStringList &arguments, const QString &prefix, const QString &description,
                      const QString &runHelp, const QString &requestType)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    addConnectionOptions(parser);
    parser.addOptions({
        {u"run"_s, runHelp, DaemonCommands::tr("id")},
        {u"json"_s, DaemonCommands::tr("Print the daemon's reply as JSON.")},
    });
    if (auto exit = parseOrExit(parser, arguments, prefix, out, err))
        return *exit;
    const QString run = parser.value(u"run"_s);
    if (run.isEmpty() || !telemetry::isValidRunId(run)) {
        err << prefix << DaemonCommands::tr("say which run with --run ID.") << QLatin1Char('\n');
        return 2;
    }
    const auto connection = readConnection(parser, err, prefix);
    if (!connection)
        return 2;
    return oneRequest(*connection, prefix, requestType, QJsonObject{{u"run"_s, run}}, parser.isSet(u"json"_s),
                      [](const QJsonObject &r) {
                          return DaemonCommands::tr("Run %1 is %2.")
                              .arg(r.value(u"run").toString(), r.value(u"state").toString());
                      });
}

} // namespace

int runStopRunCommand(const QStringList &arguments)
{
    return runControlCommand(
        arguments, u"tenkai-cli stop-run: "_s,
        DaemonCommands::tr(
            "Stop a run at a daemon: a queued run is dropped, a running one stops at its next step."),
        DaemonCommands::tr("The run to stop."), u"stop_run"_s);
}

int runResumeRunCommand(const QStringList &arguments)
{
    return runControlCommand(
        arguments, u"tenkai-cli resume-run: "_s,
        DaemonCommands::tr("Queue a failed or stopped run at a daemon again: it carries on "
                           "from its last checkpoint."),
        DaemonCommands::tr("The run to resume."), u"resume_run"_s);
}

} // namespace tenkai::cli
