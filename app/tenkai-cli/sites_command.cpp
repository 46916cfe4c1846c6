#include "tenkai-cli/sites_command.h"

#include "fleet/deployer.h"
#include "fleet/inventory.h"
#include "fleet/preflight.h"
#include "tenkai-cli/cli_output.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <cmath>
#include <variant>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class SitesCommand
{
    Q_DECLARE_TR_FUNCTIONS(SitesCommand)
};

namespace tenkai::cli {
namespace {

// "tenkai-cli" or "tenkai-fleet": the program these commands run in, for messages.
QString program()
{
    return QCoreApplication::applicationName();
}

QString gib(qint64 bytes)
{
    return bytes < 0 ? QStringLiteral("?")
                     : QString::number(double(bytes) / (1024.0 * 1024.0 * 1024.0), 'f', 1);
}

// What check, plan and apply share: the inventory, the selection and how to connect.
struct Context
{
    bool json = false;
    int forks = 10;
    QString inventoryPath;
    std::vector<fleet::Site> sites;
    fleet::SshOptions options;
};

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addOption({QStringLiteral("inventory"), SitesCommand::tr("The inventory file (inventory.yaml)."),
                      SitesCommand::tr("FILE")});
    parser.addOption({QStringLiteral("limit"),
                      SitesCommand::tr("Only these sites: names, groups, globs, !exclusions, &intersections, "
                                       "separated by ',' or ':'."),
                      SitesCommand::tr("PATTERN")});
    parser.addOption({QStringLiteral("forks"),
                      SitesCommand::tr("Sites handled at the same time (default 10)."),
                      SitesCommand::tr("N")});
    parser.addOption(
        {QStringLiteral("accept-new"),
         SitesCommand::tr("Pin the host keys of sites contacted for the first time (a changed key is "
                          "still refused).")});
    parser.addOption(
        {QStringLiteral("known-hosts"),
         SitesCommand::tr("The known_hosts file holding the pinned host keys (default: known_hosts "
                          "beside the inventory)."),
         SitesCommand::tr("FILE")});
    parser.addOption(
        {QStringLiteral("ssh-config"),
         SitesCommand::tr("Read this ssh config instead of ~/.ssh/config and /etc/ssh/ssh_config."),
         SitesCommand::tr("FILE")});
    parser.addOption(
        {QStringLiteral("pin-to"),
         SitesCommand::tr("Where --accept-new pins new host keys: workspace (the known_hosts beside "
                          "the inventory, the default) or user (the ssh config's UserKnownHostsFile, "
                          "~/.ssh/known_hosts, so that ssh trusts them too)."),
         SitesCommand::tr("WHERE")});
    parser.addOption({QStringLiteral("timeout"),
                      SitesCommand::tr("Seconds allowed for connecting and for each step (default 10)."),
                      SitesCommand::tr("SECONDS")});
    parser.addOption({QStringLiteral("json"), SitesCommand::tr("Print the results as one JSON object.")});
}

// Reads the common options; on failure prints one sentence and returns the exit code.
std::variant<Context, int> readCommon(const QCommandLineParser &parser, QTextStream &out, QTextStream &err,
                                      const QString &prefix)
{
    Context context;
    context.json = parser.isSet(QStringLiteral("json"));
    auto fail = [&](const QString &sentence) {
        if (context.json)
            printJson(out, {{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("message"), sentence}});
        err << prefix << sentence << QLatin1Char('\n');
        return 2;
    };
    if (!parser.isSet(QStringLiteral("inventory")))
        return fail(SitesCommand::tr("give the inventory with --inventory FILE."));
    const auto forks = intOption(parser, QStringLiteral("forks"), 1, 1000, 10, err, prefix);
    const auto timeout = intOption(parser, QStringLiteral("timeout"), 1, 3600, 10, err, prefix);
    if (!forks || !timeout)
        return 2;
    context.forks = int(*forks);
    context.inventoryPath = parser.value(QStringLiteral("inventory"));
    const auto inventory = fleet::loadInventory(context.inventoryPath);
    if (!inventory)
        return fail(inventory.error().message);
    auto sites = fleet::selectSites(inventory.value(), parser.value(QStringLiteral("limit")));
    if (!sites)
        return fail(sites.error().message);
    if (sites.value().empty())
        return fail(SitesCommand::tr("no site is selected."));
    context.sites = std::move(sites).value();

    fleet::SshOptions &options = context.options;
    options.knownHosts =
        parser.isSet(QStringLiteral("known-hosts"))
            ? parser.value(QStringLiteral("known-hosts"))
            : QFileInfo(context.inventoryPath).absoluteDir().filePath(QStringLiteral("known_hosts"));
    options.hostKeyPolicy = parser.isSet(QStringLiteral("accept-new")) ? fleet::HostKeyPolicy::AcceptNew
                                                                       : fleet::HostKeyPolicy::Strict;
    if (parser.isSet(QStringLiteral("ssh-config")))
        options.sshConfig = parser.value(QStringLiteral("ssh-config"));
    const auto pinTo = fleet::parsePinTarget(parser.value(QStringLiteral("pin-to")));
    if (!pinTo)
        return fail(SitesCommand::tr("--pin-to takes workspace or user, not \"%1\".")
                        .arg(parser.value(QStringLiteral("pin-to"))));
    options.pinTo = *pinTo;
    options.connectTimeout = std::chrono::seconds(*timeout);
    options.ioTimeout = std::chrono::seconds(*timeout);
    return context;
}

int runCheck(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = program() + QStringLiteral(" sites check: ");
    QCommandLineParser parser;
    parser.setApplicationDescription(SitesCommand::tr(
        "Pre-flight the inventory's sites over SSH: reachable, architecture, free disk in the "
        "site root, tenkaid version, GPU."));
    addCommonOptions(parser);
    parser.addOption(
        {QStringLiteral("recipe"),
         SitesCommand::tr("Also check that each site root has room for what this recipe uploads."),
         SitesCommand::tr("FILE")});
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    auto common = readCommon(parser, out, err, prefix);
    if (const int *code = std::get_if<int>(&common))
        return *code;
    const Context &context = std::get<Context>(common);
    const bool json = context.json;
    const fleet::SshOptions &options = context.options;

    // What the recipe would upload to a site that has none of it, per site (variables may differ).
    std::vector<qint64> uploadBytes(context.sites.size(), -1);
    const bool withRecipe = parser.isSet(QStringLiteral("recipe"));
    if (withRecipe) {
        const auto recipe =
            fleet::loadRecipe(QFileInfo(parser.value(QStringLiteral("recipe"))).absoluteFilePath());
        auto fail = [&](const QString &sentence) {
            if (json)
                printJson(out, {{QStringLiteral("type"), QStringLiteral("error")},
                                {QStringLiteral("message"), sentence}});
            err << prefix << sentence << QLatin1Char('\n');
            return 2;
        };
        if (!recipe)
            return fail(recipe.error().message);
        for (std::size_t i = 0; i < context.sites.size(); ++i) {
            const auto bytes = fleet::recipeUploadBytes(recipe.value(), context.sites[i]);
            if (!bytes)
                return fail(bytes.error().message);
            uploadBytes[i] = bytes.value();
        }
    }

    auto checks = fleet::checkSites(context.sites, options, context.forks);
    for (std::size_t i = 0; i < checks.size(); ++i) {
        auto &check = checks[i];
        if (check.ok && uploadBytes[i] >= 0 && check.freeBytes >= 0 && uploadBytes[i] > check.freeBytes) {
            check.ok = false;
            check.error = fleet::FleetError(
                fleet::FleetErrorCode::CommandFailed, check.site,
                SitesCommand::tr(
                    "Site %1: not enough disk space in its root: the recipe uploads %2, %3 are free.")
                    .arg(check.site, fleet::formatBytes(uploadBytes[i]),
                         fleet::formatBytes(check.freeBytes)));
        }
    }
    int failed = 0;
    for (const auto &check : checks)
        failed += check.ok ? 0 : 1;

    if (json) {
        QJsonArray array;
        for (std::size_t i = 0; i < checks.size(); ++i) {
            const auto &check = checks[i];
            QJsonObject site{{QStringLiteral("site"), check.site},
                             {QStringLiteral("ok"), check.ok},
                             {QStringLiteral("elapsed_ms"), check.elapsedMs}};
            if (withRecipe)
                site.insert(QStringLiteral("upload_bytes"), uploadBytes[i]);
            if (check.ok || check.freeBytes >= 0) {
                site.insert(QStringLiteral("arch"), check.architecture);
                site.insert(QStringLiteral("cores"), check.cores);
                site.insert(QStringLiteral("memory_bytes"), check.memoryBytes);
                site.insert(QStringLiteral("free_bytes"), check.freeBytes);
                site.insert(QStringLiteral("tenkaid"), check.daemonVersion);
                site.insert(QStringLiteral("gpu"), check.gpu);
            }
            if (!check.hostKey.isEmpty())
                site.insert(QStringLiteral("host_key"), check.hostKey);
            site.insert(QStringLiteral("pinned_now"), check.pinnedNow);
            if (!check.hostKeyTrustedBy.isEmpty())
                site.insert(QStringLiteral("host_key_trusted_by"), check.hostKeyTrustedBy);
            if (!check.connection.isEmpty())
                site.insert(QStringLiteral("connection"), check.connection);
            if (check.error)
                site.insert(QStringLiteral("error"), check.error->message);
            array.append(site);
        }
        printJson(out, {{QStringLiteral("type"), QStringLiteral("sites_check")},
                        {QStringLiteral("sites"), array},
                        {QStringLiteral("failed"), failed}});
        return failed ? 1 : 0;
    }

    QStringList header{SitesCommand::tr("SITE"), SitesCommand::tr("STATUS"),  SitesCommand::tr("ARCH"),
                       SitesCommand::tr("CPUS"), SitesCommand::tr("MEM GiB"), SitesCommand::tr("FREE GiB")};
    if (withRecipe)
        header << SitesCommand::tr("UPLOAD");
    header << SitesCommand::tr("TENKAID") << SitesCommand::tr("GPU");
    QList<QStringList> rows{header};
    QStringList notes;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const auto &check = checks[i];
        const QString none = QStringLiteral("-");
        QStringList row{check.site, check.ok ? SitesCommand::tr("ok") : SitesCommand::tr("FAILED")};
        // A site that answered keeps its facts even when it failed (not enough disk).
        const bool answered = !check.architecture.isEmpty() || check.freeBytes >= 0;
        row << (answered && !check.architecture.isEmpty() ? check.architecture : none)
            << (answered && check.cores > 0 ? QString::number(check.cores) : none)
            << (answered && check.memoryBytes >= 0 ? gib(check.memoryBytes) : none)
            << (answered ? gib(check.freeBytes) : none);
        if (withRecipe)
            row << fleet::formatBytes(uploadBytes[i]);
        row << (!answered                       ? none
                : check.daemonVersion.isEmpty() ? SitesCommand::tr("not installed")
                                                : check.daemonVersion)
            << (!answered             ? none
                : check.gpu.isEmpty() ? SitesCommand::tr("none")
                                      : check.gpu);
        rows << row;
        if (check.pinnedNow)
            notes << SitesCommand::tr("%1: pinned new host key %2 in %3.")
                         .arg(check.site, check.hostKey, check.hostKeyTrustedBy);
        if (check.error)
            notes << check.error->message;
    }
    printTable(out, rows);
    for (const auto &note : notes)
        out << note << QLatin1Char('\n');
    out << SitesCommand::tr("%1 of %2 sites passed.")
               .arg(checks.size() - std::size_t(failed))
               .arg(checks.size())
        << QLatin1Char('\n');
    return failed ? 1 : 0;
}

QString outcomeSymbol(fleet::Outcome outcome)
{
    switch (outcome) {
    case fleet::Outcome::Unchanged:
        return QStringLiteral("=");
    case fleet::Outcome::WouldChange:
        return QStringLiteral("~");
    case fleet::Outcome::Changed:
        return QStringLiteral("+");
    case fleet::Outcome::Failed:
        return QStringLiteral("!");
    case fleet::Outcome::NotRun:
        break;
    }
    return QStringLiteral(".");
}

QString outcomeName(fleet::Outcome outcome)
{
    switch (outcome) {
    case fleet::Outcome::Unchanged:
        return QStringLiteral("unchanged");
    case fleet::Outcome::WouldChange:
        return QStringLiteral("would_change");
    case fleet::Outcome::Changed:
        return QStringLiteral("changed");
    case fleet::Outcome::Failed:
        return QStringLiteral("failed");
    case fleet::Outcome::NotRun:
        break;
    }
    return QStringLiteral("not_run");
}

// The last apply's failed and skipped sites, kept beside the inventory for --retry-failed.
QString statePath(const QString &inventoryPath)
{
    return QFileInfo(inventoryPath).absoluteDir().filePath(QStringLiteral(".tenkai/last-apply.json"));
}

int runPlanOrApply(const QStringList &arguments, bool apply)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix =
        program() + (apply ? QStringLiteral(" sites apply: ") : QStringLiteral(" sites plan: "));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        apply
            ? SitesCommand::tr("Bring the selected sites to the state the recipe declares.")
            : SitesCommand::tr("Show what applying the recipe would change on each site (changes nothing)."));
    addCommonOptions(parser);
    parser.addOption(
        {QStringLiteral("recipe"), SitesCommand::tr("The recipe file."), SitesCommand::tr("FILE")});
    if (apply) {
        parser.addOption({QStringLiteral("batch"),
                          SitesCommand::tr("Apply in rolling batches of N sites (default: all at once)."),
                          SitesCommand::tr("N")});
        parser.addOption(
            {QStringLiteral("max-fail"),
             SitesCommand::tr("Start no new site once more than N sites (or P% of them) failed."),
             SitesCommand::tr("N|P%")});
        parser.addOption({QStringLiteral("retry-failed"),
                          SitesCommand::tr("Only the sites that failed or were skipped in the last apply.")});
    }
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    auto common = readCommon(parser, out, err, prefix);
    if (const int *code = std::get_if<int>(&common))
        return *code;
    Context &context = std::get<Context>(common);
    auto fail = [&](const QString &sentence) {
        if (context.json)
            printJson(out, {{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("message"), sentence}});
        err << prefix << sentence << QLatin1Char('\n');
        return 2;
    };
    if (!parser.isSet(QStringLiteral("recipe")))
        return fail(SitesCommand::tr("give the recipe with --recipe FILE."));
    const QString recipePath = QFileInfo(parser.value(QStringLiteral("recipe"))).absoluteFilePath();
    const auto recipe = fleet::loadRecipe(recipePath);
    if (!recipe)
        return fail(recipe.error().message);

    fleet::DeployOptions options;
    options.ssh = context.options;
    options.apply = apply;
    options.forks = context.forks;
    if (apply) {
        const auto batch = intOption(parser, QStringLiteral("batch"), 1, 100000, 0, err, prefix);
        if (!batch)
            return 2;
        options.batch = int(*batch);
        if (parser.isSet(QStringLiteral("max-fail"))) {
            QString text = parser.value(QStringLiteral("max-fail"));
            const bool percent = text.endsWith(QLatin1Char('%'));
            if (percent)
                text.chop(1);
            bool ok = false;
            const double value = text.toDouble(&ok);
            if (!ok || value < 0 || (percent && value > 100) || (!percent && value != std::floor(value)))
                return fail(
                    SitesCommand::tr("--max-fail expects a number of sites or a percentage such as 20%, "
                                     "got \"%1\".")
                        .arg(parser.value(QStringLiteral("max-fail"))));
            if (percent)
                options.maxFailPercent = value;
            else
                options.maxFail = int(value);
        }
        if (parser.isSet(QStringLiteral("retry-failed"))) {
            QFile state(statePath(context.inventoryPath));
            if (!state.open(QIODevice::ReadOnly))
                return fail(SitesCommand::tr("there is no earlier apply to retry (%1 is missing).")
                                .arg(state.fileName()));
            const QJsonObject last = QJsonDocument::fromJson(state.readAll()).object();
            if (last.value(QStringLiteral("recipe")).toString() != recipePath)
                return fail(SitesCommand::tr("the last apply used the recipe %1, not %2.")
                                .arg(last.value(QStringLiteral("recipe")).toString(), recipePath));
            QStringList retry;
            for (const auto &name : last.value(QStringLiteral("failed")).toArray())
                retry << name.toString();
            std::erase_if(context.sites, [&](const fleet::Site &site) { return !retry.contains(site.name); });
            if (context.sites.empty()) {
                out << SitesCommand::tr("No failed site to retry.") << QLatin1Char('\n');
                return 0;
            }
        }
    }

    const auto reports = fleet::deploy(context.sites, recipe.value(), options);
    int failed = 0, skipped = 0, changedSites = 0;
    QJsonArray failedNames;
    for (const auto &report : reports) {
        failed += report.error ? 1 : 0;
        skipped += report.skipped ? 1 : 0;
        changedSites += report.ok() && report.changes() > 0 ? 1 : 0;
        if (!report.ok())
            failedNames.append(report.site);
    }
    if (apply) {
        // Kept for --retry-failed; a failure to write it is said, not fatal.
        QDir().mkpath(QFileInfo(statePath(context.inventoryPath)).absolutePath());
        QSaveFile state(statePath(context.inventoryPath));
        const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("recipe"), recipePath},
                                                          {QStringLiteral("failed"), failedNames}})
                                    .toJson();
        if (!state.open(QIODevice::WriteOnly) || state.write(json) != json.size() || !state.commit())
            err << prefix
                << SitesCommand::tr("cannot write %1: %2.").arg(state.fileName(), state.errorString())
                << QLatin1Char('\n');
    }

    if (context.json) {
        QJsonArray sites;
        for (const auto &report : reports) {
            QJsonArray resources;
            for (std::size_t i = 0; i < report.outcomes.size(); ++i) {
                QJsonObject resource{{QStringLiteral("resource"), report.labels.value(qsizetype(i))},
                                     {QStringLiteral("outcome"), outcomeName(report.outcomes[i])}};
                if (i < report.plan.size() && !report.plan[i].detail.isEmpty())
                    resource.insert(QStringLiteral("detail"), report.plan[i].detail);
                resources.append(resource);
            }
            QJsonObject site{{QStringLiteral("site"), report.site},
                             {QStringLiteral("ok"), report.ok()},
                             {QStringLiteral("skipped"), report.skipped},
                             {QStringLiteral("changes"), report.changes()},
                             {QStringLiteral("resources"), resources},
                             {QStringLiteral("elapsed_ms"), report.elapsedMs}};
            if (report.error)
                site.insert(QStringLiteral("error"), report.error->message);
            sites.append(site);
        }
        printJson(out, {{QStringLiteral("type"),
                         apply ? QStringLiteral("sites_apply") : QStringLiteral("sites_plan")},
                        {QStringLiteral("sites"), sites},
                        {QStringLiteral("changed"), changedSites},
                        {QStringLiteral("failed"), failed},
                        {QStringLiteral("skipped"), skipped}});
        return failed + skipped > 0 ? 1 : 0;
    }

    if (!apply) {
        // The plan: per site, what would change and how.
        for (const auto &report : reports) {
            if (report.error) {
                out << SitesCommand::tr("%1: FAILED: %2").arg(report.site, report.error->message)
                    << QLatin1Char('\n');
                continue;
            }
            const int changes = report.changes();
            out << (changes ? SitesCommand::tr("%1: %n change(s)", nullptr, changes).arg(report.site)
                            : SitesCommand::tr("%1: no changes").arg(report.site))
                << QLatin1Char('\n');
            for (std::size_t i = 0; i < report.plan.size(); ++i) {
                if (report.plan[i].change == fleet::Change::None)
                    continue;
                out << QStringLiteral("  ") << fleet::changeSymbol(report.plan[i].change) << QLatin1Char(' ')
                    << report.labels.value(qsizetype(i));
                if (!report.plan[i].detail.isEmpty())
                    out << QStringLiteral(" (") << report.plan[i].detail << QLatin1Char(')');
                out << QLatin1Char('\n');
            }
        }
    } else {
        // The grid: one row per site, one column per resource.
        QList<QStringList> rows;
        QStringList header{SitesCommand::tr("SITE"), SitesCommand::tr("RESULT")};
        for (std::size_t i = 0; i < recipe.value().resources.size(); ++i)
            header << QStringLiteral("R%1").arg(i + 1);
        rows << header;
        for (const auto &report : reports) {
            QStringList row{report.site, report.skipped         ? SitesCommand::tr("skipped")
                                         : report.error         ? SitesCommand::tr("FAILED")
                                         : report.changes() > 0 ? SitesCommand::tr("changed")
                                                                : SitesCommand::tr("unchanged")};
            for (const auto outcome : report.outcomes)
                row << outcomeSymbol(outcome);
            rows << row;
        }
        printTable(out, rows);
        for (std::size_t i = 0; i < recipe.value().resources.size(); ++i) {
            const auto &resource = recipe.value().resources[i];
            out << QStringLiteral("R%1 %2 %3 (%4)")
                       .arg(QString::number(i + 1), fleet::resourceKindName(resource.kind),
                            resource.kind == fleet::ResourceKind::Command ? resource.run : resource.path,
                            resource.at)
                << QLatin1Char('\n');
        }
        out << SitesCommand::tr("(= unchanged, + changed, ! failed, . not run)") << QLatin1Char('\n');
        for (const auto &report : reports)
            if (report.error)
                out << report.error->message << QLatin1Char('\n');
    }
    if (failed + skipped == 0 && changedSites == 0)
        out << (apply ? SitesCommand::tr("Nothing changed: all %n site(s) are in the declared state.",
                                         nullptr, int(reports.size()))
                      : SitesCommand::tr("Nothing to change: all %n site(s) are in the declared state.",
                                         nullptr, int(reports.size())))
            << QLatin1Char('\n');
    else
        out << (apply ? SitesCommand::tr("%1 changed, %2 unchanged, %3 failed, %4 skipped.")
                      : SitesCommand::tr("%1 would change, %2 unchanged, %3 failed, %4 skipped."))
                   .arg(QString::number(changedSites),
                        QString::number(int(reports.size()) - changedSites - failed - skipped),
                        QString::number(failed), QString::number(skipped))
            << QLatin1Char('\n');
    if (apply && failed + skipped > 0)
        out << SitesCommand::tr("Run again with --retry-failed to retry only those sites.")
            << QLatin1Char('\n');
    return failed + skipped > 0 ? 1 : 0;
}

int runShow(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = program() + QStringLiteral(" sites show: ");
    QCommandLineParser parser;
    parser.setApplicationDescription(SitesCommand::tr(
        "Print how a site is reached, without connecting: its connection as the ssh config resolves it "
        "(the lines `ssh -G` prints), the known_hosts lines that trust its host key, and what of the ssh "
        "config Tenkai does not use."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("inventory"), SitesCommand::tr("The inventory file (inventory.yaml)."),
                      SitesCommand::tr("FILE")});
    parser.addOption(
        {QStringLiteral("known-hosts"),
         SitesCommand::tr("The workspace's known_hosts file (default: known_hosts beside the inventory)."),
         SitesCommand::tr("FILE")});
    parser.addOption(
        {QStringLiteral("ssh-config"),
         SitesCommand::tr("Read this ssh config instead of ~/.ssh/config and /etc/ssh/ssh_config."),
         SitesCommand::tr("FILE")});
    parser.addOption({QStringLiteral("json"), SitesCommand::tr("Print the result as one JSON object.")});
    parser.addPositionalArgument(QStringLiteral("site"), SitesCommand::tr("The site's name."),
                                 SitesCommand::tr("SITE"));
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    if (!parser.isSet(QStringLiteral("inventory")) || parser.positionalArguments().size() != 1) {
        err << prefix << SitesCommand::tr("give the inventory with --inventory FILE and one site.")
            << QLatin1Char('\n');
        return 2;
    }
    const QString inventoryPath = parser.value(QStringLiteral("inventory"));
    const auto inventory = fleet::loadInventory(inventoryPath);
    if (!inventory) {
        err << prefix << inventory.error().message << QLatin1Char('\n');
        return 1;
    }
    const QString name = parser.positionalArguments().constFirst();
    const fleet::Site *site = inventory.value().find(name);
    if (!site) {
        QStringList names;
        for (const auto &s : inventory.value().sites)
            names << s.name;
        err << prefix
            << SitesCommand::tr("%1 has no site \"%2\" (its sites: %3).")
                   .arg(inventoryPath, name, names.join(QStringLiteral(", ")))
            << QLatin1Char('\n');
        return 1;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    if (site->transport == fleet::Transport::Local) {
        const QString sentence =
            SitesCommand::tr("%1 is this machine (transport local): it is reached without SSH.").arg(name);
        if (json)
            printJson(out, {{QStringLiteral("type"), QStringLiteral("site_connection")},
                            {QStringLiteral("site"), name},
                            {QStringLiteral("transport"), QStringLiteral("local")}});
        else
            out << sentence << QLatin1Char('\n');
        return 0;
    }
    fleet::SshOptions options;
    options.knownHosts = parser.isSet(QStringLiteral("known-hosts"))
                             ? parser.value(QStringLiteral("known-hosts"))
                             : QFileInfo(inventoryPath).absoluteDir().filePath(QStringLiteral("known_hosts"));
    if (parser.isSet(QStringLiteral("ssh-config")))
        options.sshConfig = parser.value(QStringLiteral("ssh-config"));
    const auto plan = fleet::planConnection(site->sshTarget(), options);
    if (!plan) {
        err << prefix << SitesCommand::tr("site %1: %2").arg(name, plan.error().message) << QLatin1Char('\n');
        return 1;
    }
    const fleet::ConnectionPlan &p = plan.value();
    const auto markerName = [](fleet::KnownHostKey::Marker marker) {
        return marker == fleet::KnownHostKey::Marker::Revoked         ? QStringLiteral("revoked")
               : marker == fleet::KnownHostKey::Marker::CertAuthority ? QStringLiteral("cert-authority")
                                                                      : QString();
    };
    if (json) {
        QJsonArray keys;
        for (const auto &key : p.knownKeys.keys)
            keys.append(QJsonObject{{QStringLiteral("file"), key.file},
                                    {QStringLiteral("line"), key.line},
                                    {QStringLiteral("type"), key.type},
                                    {QStringLiteral("fingerprint"), key.fingerprint()},
                                    {QStringLiteral("marker"), markerName(key.marker)}});
        printJson(out,
                  {{QStringLiteral("type"), QStringLiteral("site_connection")},
                   {QStringLiteral("site"), name},
                   {QStringLiteral("source"), site->source},
                   {QStringLiteral("transport"), QStringLiteral("ssh")},
                   {QStringLiteral("connection"), fleet::describeConnection(p.config)},
                   {QStringLiteral("hostname"), p.config.hostName},
                   {QStringLiteral("user"), p.config.user},
                   {QStringLiteral("port"), p.config.port},
                   {QStringLiteral("identity_files"), QJsonArray::fromStringList(p.config.identityFiles)},
                   {QStringLiteral("identities_only"), p.config.identitiesOnly},
                   {QStringLiteral("proxy_jump"), QJsonArray::fromStringList(p.config.proxyJump)},
                   {QStringLiteral("proxy_command"), p.config.proxyCommand},
                   {QStringLiteral("connect_timeout"), p.config.connectTimeout},
                   {QStringLiteral("config_files"), QJsonArray::fromStringList(p.config.filesRead)},
                   {QStringLiteral("known_hosts_files"), QJsonArray::fromStringList(p.knownHostsFiles)},
                   {QStringLiteral("known_hosts_name"), p.knownHostsName},
                   {QStringLiteral("trusted_keys"), keys},
                   {QStringLiteral("notes"), QJsonArray::fromStringList(p.knownKeys.notes)},
                   {QStringLiteral("not_used"), QJsonArray::fromStringList(p.config.notApplied)},
                   {QStringLiteral("ssh_g"), fleet::sshConfigAsOpenSshPrints(p.config)}});
        return 0;
    }
    out << SitesCommand::tr("# %1 (%2): connects as %3")
               .arg(name, site->source, fleet::describeConnection(p.config))
        << QLatin1Char('\n');
    out << fleet::sshConfigAsOpenSshPrints(p.config);
    out << SitesCommand::tr("# ssh config files read: %1")
               .arg(p.config.filesRead.isEmpty() ? SitesCommand::tr("none")
                                                 : p.config.filesRead.join(QStringLiteral(", ")))
        << QLatin1Char('\n');
    out << SitesCommand::tr("# host keys for %1, looked up in %2:")
               .arg(p.knownHostsName, p.knownHostsFiles.join(QStringLiteral(", ")))
        << QLatin1Char('\n');
    if (p.knownKeys.keys.empty())
        out << SitesCommand::tr("#   none yet: the first connection asks to accept the key (--accept-new).")
            << QLatin1Char('\n');
    for (const auto &key : p.knownKeys.keys)
        out << QStringLiteral("#   %1 %2 %3 %4")
                   .arg(key.where(), key.type, key.fingerprint(), markerName(key.marker))
                   .trimmed()
            << QLatin1Char('\n');
    for (const auto &note : p.knownKeys.notes)
        out << QStringLiteral("#   ") << note << QLatin1Char('\n');
    if (!p.config.notApplied.isEmpty()) {
        out << SitesCommand::tr("# set in the ssh config and not used by Tenkai:") << QLatin1Char('\n');
        for (const auto &line : p.config.notApplied)
            out << QStringLiteral("#   ") << line << QLatin1Char('\n');
    }
    return 0;
}

} // namespace

int runSitesCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString sub = arguments.value(1);
    if (sub == QLatin1String("check"))
        return runCheck(arguments.mid(1));
    if (sub == QLatin1String("plan"))
        return runPlanOrApply(arguments.mid(1), false);
    if (sub == QLatin1String("apply"))
        return runPlanOrApply(arguments.mid(1), true);
    if (sub == QLatin1String("show"))
        return runShow(arguments.mid(1));
    if (sub.isEmpty() || sub == QLatin1String("-h") || sub == QLatin1String("--help")) {
        (sub.isEmpty() ? err : out)
            << SitesCommand::tr(
                   "Usage: %1 sites check|plan|apply --inventory FILE [--limit PATTERN] [--forks N] "
                   "[--accept-new [--pin-to workspace|user]] [--recipe FILE] [--json]\n"
                   "       %1 sites show --inventory FILE SITE [--json]\n"
                   "See %1 sites check --help (plan, apply, show) for every option.\n")
                   .arg(program());
        return sub.isEmpty() ? 2 : 0;
    }
    err << SitesCommand::tr("%1 sites: unknown subcommand \"%2\"; use check, plan, apply or show.")
               .arg(program(), sub)
        << QLatin1Char('\n');
    return 2;
}

int runImportInventoryCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = program() + QStringLiteral(" import-inventory: ");
    QCommandLineParser parser;
    parser.setApplicationDescription(SitesCommand::tr(
        "Convert an Ansible inventory (INI or YAML, with the group_vars/ and host_vars/ beside "
        "it, or the JSON that ansible-inventory --list prints) into a Tenkai inventory; what "
        "cannot be mapped is listed on stderr."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("out"), SitesCommand::tr("Write the inventory here instead of stdout."),
                      SitesCommand::tr("FILE")});
    parser.addOption(
        {QStringLiteral("with-ansible"),
         SitesCommand::tr("Let Ansible read the inventory (ansible-inventory -i ANSIBLE_INVENTORY "
                          "--list, with your ansible.cfg, plugins, scripts and vault password) and "
                          "import what it prints.")});
    parser.addPositionalArgument(QStringLiteral("ansible"), SitesCommand::tr("The Ansible inventory file."),
                                 SitesCommand::tr("ANSIBLE_INVENTORY"));
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    if (parser.positionalArguments().size() != 1) {
        err << prefix << SitesCommand::tr("give exactly one Ansible inventory file.") << QLatin1Char('\n');
        return 2;
    }
    const QString source = parser.positionalArguments().constFirst();
    auto read = [&]() -> fleet::Result<fleet::AnsibleImport> {
        if (!parser.isSet(QStringLiteral("with-ansible")))
            return fleet::importAnsibleInventory(source);
        QProcess ansible;
        ansible.setProcessChannelMode(QProcess::SeparateChannels);
        // A source Ansible cannot parse is its warning and an empty inventory; make it a failure.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ANSIBLE_INVENTORY_UNPARSED_FAILED"), QStringLiteral("True"));
        ansible.setProcessEnvironment(environment);
        ansible.start(QStringLiteral("ansible-inventory"),
                      {QStringLiteral("-i"), source, QStringLiteral("--list")});
        if (!ansible.waitForStarted(10000))
            return fleet::FleetError{
                fleet::FleetErrorCode::InventoryInvalid,
                {},
                SitesCommand::tr("ansible-inventory cannot be started (%1); install Ansible "
                                 "(apt install ansible-core), or leave out --with-ansible "
                                 "for Tenkai to read INI and YAML inventories itself.")
                    .arg(ansible.errorString())};
        if (!ansible.waitForFinished(300000)) {
            ansible.kill();
            ansible.waitForFinished();
            return fleet::FleetError{fleet::FleetErrorCode::InventoryInvalid,
                                     {},
                                     SitesCommand::tr("ansible-inventory did not finish within 5 minutes.")};
        }
        if (ansible.exitStatus() != QProcess::NormalExit || ansible.exitCode() != 0)
            return fleet::FleetError{
                fleet::FleetErrorCode::InventoryInvalid,
                {},
                SitesCommand::tr("ansible-inventory -i %1 --list failed (exit status %2): %3")
                    .arg(source)
                    .arg(ansible.exitCode())
                    .arg(QString::fromUtf8(ansible.readAllStandardError()).trimmed().left(2000))};
        for (const QString &line : QString::fromUtf8(ansible.readAllStandardError()).split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty())
                err << QStringLiteral("ansible-inventory: ") << line << QLatin1Char('\n');
        auto parsed = fleet::parseAnsibleInventoryList(ansible.readAllStandardOutput(),
                                                       QStringLiteral("ansible-inventory -i %1").arg(source));
        if (parsed && parsed.value().inventory.sites.empty())
            return fleet::FleetError{fleet::FleetErrorCode::InventoryInvalid,
                                     {},
                                     SitesCommand::tr("Ansible finds no host in %1.").arg(source)};
        return parsed;
    };
    const auto imported = read();
    if (!imported) {
        err << prefix << imported.error().message << QLatin1Char('\n');
        return 1;
    }
    for (const auto &line : imported.value().notMapped)
        err << line << QLatin1Char('\n');
    const QByteArray yaml = fleet::inventoryToYaml(imported.value().inventory);
    if (!parser.isSet(QStringLiteral("out"))) {
        out << QString::fromUtf8(yaml);
        return 0;
    }
    QSaveFile file(parser.value(QStringLiteral("out")));
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size() || !file.commit()) {
        err << prefix
            << SitesCommand::tr("cannot write %1: %2.")
                   .arg(parser.value(QStringLiteral("out")), file.errorString())
            << QLatin1Char('\n');
        return 1;
    }
    err << SitesCommand::tr("Wrote %1 sites to %2.")
               .arg(imported.value().inventory.sites.size())
               .arg(parser.value(QStringLiteral("out")))
        << QLatin1Char('\n');
    return 0;
}

int runExportInventoryCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString prefix = program() + QStringLiteral(" export-inventory: ");
    QCommandLineParser parser;
    parser.setApplicationDescription(SitesCommand::tr(
        "Write the inventory's sites for another tool: --format ansible writes an Ansible YAML inventory "
        "(ansible_host, ansible_port, ansible_user, the key file, a jump host, the labels as host variables, "
        "groups as children), so that existing playbooks can target the same sites."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("inventory"), SitesCommand::tr("The inventory file (inventory.yaml)."),
                      SitesCommand::tr("FILE")});
    parser.addOption({QStringLiteral("format"), SitesCommand::tr("The format to write: ansible."),
                      SitesCommand::tr("FORMAT")});
    parser.addOption(
        {QStringLiteral("out"), SitesCommand::tr("Write here instead of stdout."), SitesCommand::tr("FILE")});
    if (const auto exitCode = parseOrExit(parser, arguments, prefix, out, err))
        return *exitCode;
    if (!parser.isSet(QStringLiteral("inventory"))) {
        err << prefix << SitesCommand::tr("give the inventory with --inventory FILE.") << QLatin1Char('\n');
        return 2;
    }
    if (parser.value(QStringLiteral("format")) != QLatin1String("ansible")) {
        err << prefix << SitesCommand::tr("--format takes ansible (the only format so far).")
            << QLatin1Char('\n');
        return 2;
    }
    const auto inventory = fleet::loadInventory(parser.value(QStringLiteral("inventory")));
    if (!inventory) {
        err << prefix << inventory.error().message << QLatin1Char('\n');
        return 1;
    }
    const QByteArray yaml = fleet::inventoryToAnsibleYaml(inventory.value());
    if (!parser.isSet(QStringLiteral("out"))) {
        out << QString::fromUtf8(yaml);
        return 0;
    }
    QSaveFile file(parser.value(QStringLiteral("out")));
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size() || !file.commit()) {
        err << prefix
            << SitesCommand::tr("cannot write %1: %2.")
                   .arg(parser.value(QStringLiteral("out")), file.errorString())
            << QLatin1Char('\n');
        return 1;
    }
    return 0;
}

} // namespace tenkai::cli
