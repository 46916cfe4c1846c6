#include "tenkai-cli/flow_commands.h"

#include "daemon/signal_watcher.h"
#include "fleet/inventory.h"
#include "flow/catalogue.h"
#include "flow/executor.h"
#include "flow/flow_file.h"
#include "flow/validation.h"
#include "tenkai-cli/cli_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>
#include <algorithm>
#include <cstdlib>
#include <map>

class FlowCommands
{
    Q_DECLARE_TR_FUNCTIONS(FlowCommands)
};

namespace tenkai::cli {

using namespace Qt::StringLiterals;

namespace {

QString severityName(flow::Severity s)
{
    return s == flow::Severity::Error ? u"error"_s : u"warning"_s;
}

// Reads the flow and (optionally) the inventory; on failure prints one sentence and returns nullopt.
struct Loaded
{
    std::unique_ptr<flow::FlowGraph> graph;
    std::optional<fleet::Inventory> inventory;
};

std::optional<Loaded> load(const QCommandLineParser &parser, bool inventoryRequired, QTextStream &err,
                           const QString &prefix)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << prefix << FlowCommands::tr("give one flow file (*.tenkai-flow.json).") << u'\n';
        return std::nullopt;
    }
    auto read = flow::loadFlow(positional.first());
    if (!read) {
        err << prefix << FlowCommands::tr("%1: %2").arg(positional.first(), read.error().text()) << u'\n';
        return std::nullopt;
    }
    Loaded loaded;
    loaded.graph = read.take();
    if (!parser.isSet(u"inventory"_s)) {
        if (inventoryRequired) {
            err << prefix << FlowCommands::tr("give the inventory with --inventory FILE.") << u'\n';
            return std::nullopt;
        }
        return loaded;
    }
    auto inventory = fleet::loadInventory(parser.value(u"inventory"_s));
    if (!inventory) {
        err << prefix << inventory.error().message << u'\n';
        return std::nullopt;
    }
    loaded.inventory = std::move(inventory).value();
    return loaded;
}

// "nodes[3] train (parameter epochs)"
QString where(const flow::FlowGraph &graph, const flow::Problem &p)
{
    if (p.node.isEmpty())
        return FlowCommands::tr("the flow");
    QString text = p.node;
    if (const flow::Node *node = graph.node(p.node); node && !node->title.isEmpty())
        text += u" (%1)"_s.arg(node->title);
    if (!p.param.isEmpty())
        text += FlowCommands::tr(", parameter %1").arg(p.param);
    else if (!p.port.isEmpty())
        text += FlowCommands::tr(", port %1").arg(p.port);
    return text;
}

QString symbol(const flow::StepStatus &s)
{
    if (s.stored && s.state == flow::StepState::Done)
        return u"="_s;
    switch (s.state) {
    case flow::StepState::Waiting:
        return u"."_s;
    case flow::StepState::Running:
        return u">"_s;
    case flow::StepState::Done:
        return u"ok"_s;
    case flow::StepState::Failed:
        return u"FAIL"_s;
    case flow::StepState::Skipped:
        return u"-"_s;
    case flow::StepState::Cancelled:
        return u"x"_s;
    }
    return QString();
}

} // namespace

int runValidateCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = u"tenkai-cli validate: "_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        FlowCommands::tr("Check a flow: cycles, links, required inputs, parameters, and (with an inventory) "
                         "its targets. Exit status 1 when it has errors."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"flow"_s, FlowCommands::tr("The flow file (*.tenkai-flow.json)."));
    parser.addOption({u"inventory"_s, FlowCommands::tr("Also check the targets against this inventory."),
                      FlowCommands::tr("FILE")});
    parser.addOption({u"json"_s, FlowCommands::tr("Print the problems as one JSON object.")});
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    auto loaded = load(parser, false, err, prefix);
    if (!loaded)
        return 2;
    const auto problems =
        flow::validateFlow(*loaded->graph, loaded->inventory ? &*loaded->inventory : nullptr);
    const bool errors = flow::hasErrors(problems);
    if (parser.isSet(u"json"_s)) {
        QJsonArray list;
        for (const flow::Problem &p : problems)
            list.append(QJsonObject{{u"severity"_s, severityName(p.severity)},
                                    {u"node"_s, p.node},
                                    {u"port"_s, p.port},
                                    {u"param"_s, p.param},
                                    {u"message"_s, p.message}});
        printJson(out, {{u"type"_s, u"validation"_s},
                        {u"flow"_s, parser.positionalArguments().first()},
                        {u"ok"_s, !errors},
                        {u"problems"_s, list}});
        return errors ? 1 : 0;
    }
    for (const flow::Problem &p : problems)
        out << (p.severity == flow::Severity::Error ? FlowCommands::tr("error") : FlowCommands::tr("warning"))
            << u"  "_s << where(*loaded->graph, p) << u": "_s << p.message << u'\n';
    const int errorCount = int(std::count_if(problems.begin(), problems.end(), [](const flow::Problem &p) {
        return p.severity == flow::Severity::Error;
    }));
    const int warningCount = int(problems.size()) - errorCount;
    out << FlowCommands::tr("%1: %2 nodes, %3 links; %4 errors, %5 warnings.")
               .arg(parser.positionalArguments().first())
               .arg(loaded->graph->nodes().size())
               .arg(loaded->graph->links().size())
               .arg(errorCount)
               .arg(warningCount)
        << u'\n';
    return errors ? 1 : 0;
}

int runFlowCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = u"tenkai-cli run: "_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(FlowCommands::tr(
        "Run a flow on the inventory's sites: each node in order, independent branches and sites in "
        "parallel, with a line per node and site as they change. Results and logs go to the "
        "workspace's history.sqlite. Ctrl-C cancels (a second one quits at once)."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"flow"_s, FlowCommands::tr("The flow file (*.tenkai-flow.json)."));
    parser.addOption(
        {u"inventory"_s, FlowCommands::tr("The inventory file (inventory.yaml)."), FlowCommands::tr("FILE")});
    parser.addOption({u"dry-run"_s, FlowCommands::tr("Change nothing: the fleet's plan for the provisioning "
                                                     "nodes, a description for the others.")});
    parser.addOption({u"from"_s,
                      FlowCommands::tr("Run this node and those after it; the nodes before it take their "
                                       "results from the latest run in the history."),
                      FlowCommands::tr("NODE")});
    parser.addOption({u"workspace"_s,
                      FlowCommands::tr("Where the flow's relative paths and history.sqlite are (default: "
                                       "the flow file's folder)."),
                      FlowCommands::tr("DIR")});
    parser.addOption({u"limit"_s,
                      FlowCommands::tr("Only these sites: names, groups, globs, !exclusions, &intersections, "
                                       "separated by ',' or ':'."),
                      FlowCommands::tr("PATTERN")});
    parser.addOption({u"forks"_s, FlowCommands::tr("Sites a node works on at the same time (default 10)."),
                      FlowCommands::tr("N")});
    parser.addOption({u"max-fail"_s,
                      FlowCommands::tr("Failed sites a node tolerates before it starts no more (default: no "
                                       "limit)."),
                      FlowCommands::tr("N")});
    parser.addOption({u"threads"_s, FlowCommands::tr("Compute threads for training (default: every core)."),
                      FlowCommands::tr("N")});
    parser.addOption(
        {u"packages"_s,
         FlowCommands::tr("The folder holding tenkaid_VERSION_ARCH.deb (and offline bundles) for "
                          "sites with daemon: package (default: the workspace's packages/)."),
         FlowCommands::tr("DIR")});
    parser.addOption({u"accept-new"_s, FlowCommands::tr("Pin the host keys of sites contacted for the first "
                                                        "time (a changed key is still refused).")});
    parser.addOption({u"known-hosts"_s,
                      FlowCommands::tr("The known_hosts file (default: known_hosts beside the inventory)."),
                      FlowCommands::tr("FILE")});
    parser.addOption(
        {u"pin-to"_s,
         FlowCommands::tr("Where --accept-new pins new host keys: workspace (the default) or user "
                          "(the ssh config's UserKnownHostsFile, so that ssh trusts them too)."),
         FlowCommands::tr("WHERE")});
    parser.addOption(
        {u"ssh-config"_s,
         FlowCommands::tr("Read this ssh config instead of ~/.ssh/config and /etc/ssh/ssh_config."),
         FlowCommands::tr("FILE")});
    parser.addOption({u"timeout"_s,
                      FlowCommands::tr("Seconds allowed for connecting and for each SSH step (default 10)."),
                      FlowCommands::tr("SECONDS")});
    parser.addOption({u"json"_s, FlowCommands::tr("Print one JSON object per line: each step change, each "
                                                  "log line, and the summary.")});
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    const bool json = parser.isSet(u"json"_s);
    auto loaded = load(parser, true, err, prefix);
    if (!loaded)
        return 2;
    const auto forks = intOption(parser, u"forks"_s, 1, 1000, 10, err, prefix);
    const auto maxFail = intOption(parser, u"max-fail"_s, 0, 1000000, -1, err, prefix);
    const auto threads = intOption(parser, u"threads"_s, 0, 1024, 0, err, prefix);
    const auto timeout = intOption(parser, u"timeout"_s, 1, 3600, 10, err, prefix);
    if (!forks || !maxFail || !threads || !timeout)
        return 2;
    const auto pinTo = fleet::parsePinTarget(parser.value(u"pin-to"_s));
    if (!pinTo) {
        err << prefix
            << FlowCommands::tr("--pin-to takes workspace or user, not \"%1\".")
                   .arg(parser.value(u"pin-to"_s))
            << QLatin1Char('\n');
        return 2;
    }

    const QString flowFile = QFileInfo(parser.positionalArguments().first()).absoluteFilePath();
    const QString inventoryFile = QFileInfo(parser.value(u"inventory"_s)).absoluteFilePath();
    flow::RunOptions options;
    options.workspace =
        parser.isSet(u"workspace"_s) ? parser.value(u"workspace"_s) : QFileInfo(flowFile).absolutePath();
    options.dryRun = parser.isSet(u"dry-run"_s);
    options.fromNode = parser.value(u"from"_s);
    options.limit = parser.value(u"limit"_s);
    options.forks = int(*forks);
    if (*maxFail >= 0)
        options.maxFailures = int(*maxFail);
    options.threads = int(*threads);
    if (parser.isSet(u"packages"_s))
        options.packagesDir = QFileInfo(parser.value(u"packages"_s)).absoluteFilePath();
    options.flowKey = flowFile;
    options.ssh.knownHosts = parser.isSet(u"known-hosts"_s)
                                 ? parser.value(u"known-hosts"_s)
                                 : QFileInfo(inventoryFile).absoluteDir().filePath(u"known_hosts"_s);
    options.ssh.hostKeyPolicy =
        parser.isSet(u"accept-new"_s) ? fleet::HostKeyPolicy::AcceptNew : fleet::HostKeyPolicy::Strict;
    if (parser.isSet(u"ssh-config"_s))
        options.ssh.sshConfig = parser.value(u"ssh-config"_s);
    options.ssh.pinTo = *pinTo;
    options.ssh.connectTimeout = std::chrono::seconds(*timeout);
    options.ssh.ioTimeout = std::chrono::seconds(*timeout);

    flow::FlowExecutor executor(*loaded->graph, *loaded->inventory, options);
    std::map<QString, int> lastTenth; // node/site -> last progress tenth printed
    auto stepName = [](const QString &node, const QString &site) {
        return site.isEmpty() ? node : u"%1 @ %2"_s.arg(node, site);
    };
    QObject::connect(&executor, &flow::FlowExecutor::stepChanged, &executor, [&](const flow::StepStatus &s) {
        if (json) {
            printJson(out, {{u"type"_s, u"step"_s},
                            {u"node"_s, s.node},
                            {u"site"_s, s.site},
                            {u"state"_s, flow::stepStateName(s.state)},
                            {u"progress"_s, s.progress},
                            {u"message"_s, s.message},
                            {u"stored"_s, s.stored}});
            return;
        }
        if (s.state == flow::StepState::Waiting)
            return;
        const QString key = stepName(s.node, s.site);
        if (s.state == flow::StepState::Running) {
            const int tenth = int(s.progress * 10);
            auto it = lastTenth.find(key);
            if (it != lastTenth.end() && it->second == tenth)
                return;
            lastTenth[key] = tenth;
        }
        QString state = flow::stepStateText(s.state);
        if (s.state == flow::StepState::Running && s.progress > 0)
            state += u" %1%"_s.arg(int(s.progress * 100));
        if (s.stored)
            state = FlowCommands::tr("%1 (stored)").arg(state);
        out << QDateTime::currentDateTime().toString(u"HH:mm:ss"_s) << u"  "_s << key << u"  "_s << state;
        if (!s.message.isEmpty())
            out << u": "_s << s.message;
        out << u'\n';
        out.flush();
    });
    QObject::connect(
        &executor, &flow::FlowExecutor::logLine, &executor,
        [&](const QString &node, const QString &site, const QString &line) {
            if (json)
                printJson(out,
                          {{u"type"_s, u"log"_s}, {u"node"_s, node}, {u"site"_s, site}, {u"line"_s, line}});
        });
    int exitCode = 0;
    QObject::connect(
        &executor, &flow::FlowExecutor::finished, &executor, [&](const flow::RunSummary &summary) {
            exitCode = summary.ok() ? 0 : 1;
            if (json) {
                printJson(out, {{u"type"_s, u"summary"_s},
                                {u"run"_s, summary.runId},
                                {u"ok"_s, summary.ok()},
                                {u"dry_run"_s, summary.dryRun},
                                {u"cancelled"_s, summary.cancelled},
                                {u"done"_s, summary.done},
                                {u"failed"_s, summary.failed},
                                {u"skipped"_s, summary.skipped},
                                {u"stored"_s, summary.stored},
                                {u"seconds"_s, summary.seconds}});
            } else {
                // A grid: one row per node, one column per site (the cloud first).
                QStringList columns;
                bool cloud = false;
                std::map<QString, std::map<QString, QString>> cells;
                QStringList rows;
                for (const flow::StepStatus &s : executor.steps()) {
                    if (!rows.contains(s.node))
                        rows << s.node;
                    if (s.site.isEmpty())
                        cloud = true;
                    else if (!columns.contains(s.site))
                        columns << s.site;
                    cells[s.node][s.site] = symbol(s);
                }
                if (cloud)
                    columns.prepend(QString());
                QList<QStringList> table;
                QStringList header{FlowCommands::tr("node")};
                for (const QString &c : columns)
                    header << (c.isEmpty() ? FlowCommands::tr("cloud") : c);
                table << header;
                for (const QString &r : rows) {
                    QStringList line{r};
                    for (const QString &c : columns) {
                        auto it = cells[r].find(c);
                        line << (it == cells[r].end() ? QString() : it->second);
                    }
                    table << line;
                }
                out << u'\n';
                printTable(out, table);
                out << u'\n'
                    << (summary.dryRun ? FlowCommands::tr("Dry run %1").arg(summary.runId)
                                       : FlowCommands::tr("Run %1").arg(summary.runId))
                    << u": "_s
                    << (summary.cancelled ? FlowCommands::tr("cancelled")
                        : summary.ok()    ? FlowCommands::tr("succeeded")
                                          : FlowCommands::tr("failed"))
                    << u"; "_s
                    << FlowCommands::tr("%1 done, %2 failed, %3 skipped, %4 from the history, in %5 s.")
                           .arg(summary.done)
                           .arg(summary.failed)
                           .arg(summary.skipped)
                           .arg(summary.stored)
                           .arg(summary.seconds, 0, 'f', 1)
                    << u'\n'
                    << FlowCommands::tr(
                           "(ok done, FAIL failed, - skipped, x cancelled, = taken from an earlier run)")
                    << u'\n';
            }
            out.flush();
            QCoreApplication::exit(exitCode);
        });

    daemon::SignalWatcher watcher;
    int interrupts = 0;
    QObject::connect(&watcher, &daemon::SignalWatcher::terminationRequested, &executor, [&](int) {
        if (++interrupts > 1)
            std::_Exit(130);
        err << prefix
            << FlowCommands::tr("cancelling: running steps are asked to stop (again to quit at once).")
            << u'\n';
        err.flush();
        executor.cancel();
    });

    QString error;
    if (!executor.start(&error)) {
        if (json)
            printJson(out, {{u"type"_s, u"error"_s}, {u"message"_s, error}});
        err << prefix << error << u'\n';
        return 2;
    }
    if (!json)
        out << (options.dryRun ? FlowCommands::tr("Dry run of \"%1\" (run %2)")
                               : FlowCommands::tr("Running \"%1\" (run %2)"))
                   .arg(loaded->graph->name(), executor.runId())
            << u'\n';
    out.flush();
    return QCoreApplication::exec();
}

} // namespace tenkai::cli
