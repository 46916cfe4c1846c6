#include "flow/executor_steps.h"

#include "common/errors.h"
#include "common/training_text.h"
#include "fleet/daemon_package.h"
#include "fleet/deployer.h"
#include "fleet/local_shell.h"
#include "fleet/recipe.h"
#include "flow/catalogue.h"
#include "telemetry/daemon_client.h"
#include "telemetry/run_config.h"
#include "telemetry/site_daemon.h"
#include "telemetry/ssh_transport.h"
#include "train_api.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QScopeGuard>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

class FlowStepText
{
    Q_DECLARE_TR_FUNCTIONS(FlowStepText)
};

namespace tenkai::flow {

namespace {

using namespace Qt::StringLiterals;

StepOutcome done(const QString &message, const QJsonObject &outputs = {})
{
    return StepOutcome{StepState::Done, message, outputs, {}, {}};
}

StepOutcome failed(const QString &message)
{
    return StepOutcome{StepState::Failed, message, {}, {}, {}};
}

// A failure from the fleet, with what a console needs to act on a host key.
StepOutcome failed(const fleet::FleetError &error)
{
    StepOutcome outcome = failed(error.message);
    if (error.code == fleet::FleetErrorCode::HostKeyUnknown)
        outcome.problem = QStringLiteral("host-key-unknown");
    else if (error.code == fleet::FleetErrorCode::HostKeyChanged)
        outcome.problem = QStringLiteral("host-key-changed");
    outcome.fingerprint = error.offeredFingerprint;
    return outcome;
}

StepOutcome cancelled()
{
    return StepOutcome{StepState::Cancelled, FlowStepText::tr("cancelled"), {}, {}, {}};
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 1) + u'%';
}

// "84.2% (82.5-85.8%)" from a value and its [low, high] interval (the value alone without one).
QString withInterval(double value, const QJsonValue &interval)
{
    const QJsonArray i = interval.toArray();
    if (i.size() != 2)
        return percent(value);
    return FlowStepText::tr("%1 (%2-%3)")
        .arg(percent(value), percent(i.at(0).toDouble()), percent(i.at(1).toDouble()));
}

// "ensemble +2.3 points over a single model (95%: +1.1 to +3.5): it helps", empty for one model.
QString gainSentence(const QJsonObject &evaluation)
{
    const QJsonObject single = evaluation.value(u"single_model"_s).toObject();
    if (single.isEmpty())
        return {};
    const QJsonArray i = single.value(u"gain_interval"_s).toArray();
    const QString verdict = evaluation.value(u"verdict"_s).toString();
    const QString judged = verdict == u"helps"_s   ? FlowStepText::tr("it helps")
                           : verdict == u"hurts"_s ? FlowStepText::tr("it hurts here")
                                                   : FlowStepText::tr("no difference this test set can show");
    return FlowStepText::tr("ensemble %1 points over a single model (95%: %2 to %3): %4")
        .arg(signedPoints(single.value(u"gain"_s).toDouble()), signedPoints(i.at(0).toDouble()),
             signedPoints(i.at(1).toDouble()), judged);
}

// --- Parameters -------------------------------------------------------------------------------------

QJsonValue param(const StepContext &c, const QString &key)
{
    const QJsonValue value = c.node.params.value(key);
    if (!value.isUndefined() && !value.isNull())
        return value;
    if (const NodeType *type = Catalogue::instance().find(c.node.type))
        if (const ParamSpec *spec = type->param(key))
            return spec->defaultValue;
    return QJsonValue();
}

QString textParam(const StepContext &c, const QString &key)
{
    return param(c, key).toString();
}

int intParam(const StepContext &c, const QString &key)
{
    return param(c, key).toInt();
}

double realParam(const StepContext &c, const QString &key)
{
    return param(c, key).toDouble();
}

// A text parameter with the site's {{ variables }} filled in.
fleet::Result<QString> siteText(const StepContext &c, const QString &key)
{
    return fleet::expandVariables(textParam(c, key), *c.site,
                                  FlowStepText::tr("node %1, parameter %2").arg(c.node.id, key));
}

// A path of the flow on the console's machine: relative ones are relative to the workspace.
QString workspacePath(const StepContext &c, const QString &path)
{
    return QDir::cleanPath(QDir(c.options.workspace).absoluteFilePath(path));
}

// --- Sites ----------------------------------------------------------------------------------------------

// A shell on the step's site, and the site's absolute paths (SSH roots may be relative to the
// remote user's home).
class SiteAccess
{
public:
    explicit SiteAccess(const StepContext &c) : m_c(c) {}

    fleet::Result<fleet::SiteShell *> shell()
    {
        if (m_shell)
            return m_shell.get();
        const fleet::Site &site = *m_c.site;
        if (site.transport == fleet::Transport::Local) {
            m_shell = std::make_unique<fleet::LocalShell>(site.name, m_c.options.inventoryDir);
        } else {
            auto ssh = std::make_unique<fleet::SshSession>(site.sshTarget(), m_c.options.ssh);
            if (auto connected = ssh->connect(); !connected)
                return connected.error();
            m_ssh = ssh.get();
            m_shell = std::move(ssh);
        }
        return m_shell.get();
    }

    // The SSH session (connected) when the site is reached over SSH, else nullptr.
    fleet::SshSession *ssh() const { return m_ssh; }

    fleet::Result<QString> absolute(const QString &path)
    {
        if (path.startsWith(u'/'))
            return path;
        if (m_home.isEmpty()) {
            auto sh = shell();
            if (!sh)
                return sh.error();
            auto ran = sh.value()->exec(u"pwd"_s);
            if (!ran)
                return ran.error();
            m_home = QString::fromUtf8(ran.value().out).trimmed();
            if (ran.value().exitStatus != 0 || !m_home.startsWith(u'/'))
                return fleet::FleetError(
                    fleet::FleetErrorCode::CommandFailed, m_c.site->name,
                    FlowStepText::tr("Site %1: cannot tell the home folder (pwd gave \"%2\").")
                        .arg(m_c.site->name, m_home));
        }
        return QDir::cleanPath(m_home + u'/' + path);
    }

    // The site daemon's token (read where the daemon keeps it) and a transport to it: loopback for a
    // local site, a channel of its own SSH session otherwise.
    struct DaemonLink
    {
        QString token;
        telemetry::DaemonClient::TransportFactory transport;
    };
    fleet::Result<DaemonLink> daemonLink(int port)
    {
        auto state = absolute(telemetry::siteStateDir(*m_c.site));
        if (!state)
            return state.error();
        auto sh = shell();
        if (!sh)
            return sh.error();
        auto token = telemetry::readDaemonTokenOnSite(*sh.value(), state.value());
        if (!token)
            return token.error();
        return DaemonLink{token.value(),
                          telemetry::siteDaemonTransport(*m_c.site, m_c.options.ssh, quint16(port))};
    }

private:
    const StepContext &m_c;
    std::unique_ptr<fleet::SiteShell> m_shell;
    fleet::SshSession *m_ssh = nullptr;
    QString m_home;
};

// --- Recipes (Provision edge, Install daemon, Deploy model) ------------------------------------------

StepOutcome applyRecipe(StepContext &c, const fleet::Recipe &recipe, const QJsonObject &outputs)
{
    fleet::DeployOptions options;
    options.ssh = c.options.ssh;
    options.apply = !c.options.dryRun;
    options.localDir = c.options.inventoryDir;
    options.cancelled = [&c] {
        return c.stop.stop_requested();
    };
    options.progress = [&c](int doneCount, int total, const QString &label) {
        c.progress(total > 0 ? double(doneCount) / total : 0, label);
    };
    const fleet::SiteReport report = fleet::deploySite(*c.site, recipe, options);
    int changed = 0, unchanged = 0;
    for (std::size_t i = 0; i < report.outcomes.size(); ++i) {
        const fleet::Outcome outcome = report.outcomes[i];
        const QString label = report.labels.value(qsizetype(i));
        const QString detail = i < report.plan.size() ? report.plan[i].detail : QString();
        const QString symbol = i < report.plan.size() ? fleet::changeSymbol(report.plan[i].change) : u"?"_s;
        if (outcome == fleet::Outcome::Changed || outcome == fleet::Outcome::WouldChange)
            ++changed;
        if (outcome == fleet::Outcome::Unchanged)
            ++unchanged;
        if (outcome != fleet::Outcome::NotRun)
            c.log(detail.isEmpty() ? u"%1 %2"_s.arg(symbol, label)
                                   : u"%1 %2: %3"_s.arg(symbol, label, detail));
    }
    if (c.stop.stop_requested() && report.error)
        return cancelled();
    if (report.error)
        return failed(*report.error);
    const int total = changed + unchanged;
    const QString message =
        changed == 0       ? FlowStepText::tr("up to date (%n resource(s))", "", total)
        : c.options.dryRun ? FlowStepText::tr("would change %1 of %n resource(s)", "", total).arg(changed)
                           : FlowStepText::tr("changed %1 of %n resource(s)", "", total).arg(changed);
    return done(message, outputs);
}

fleet::Resource resource(fleet::ResourceKind kind, const QString &path, const QString &at)
{
    fleet::Resource r;
    r.kind = kind;
    r.path = path;
    r.at = at;
    return r;
}

int daemonPortOf(const StepContext &c);

// A site with `daemon: package`: pre-flight, then the tenkaid package and its service (idempotent;
// fleet::ensurePackagedDaemon). Provision edge does it first, so the recipe finds the site root
// made and shared with the daemon; Install daemon does it again at no cost. Nothing when it is done
// (its one-line summary in `summary`), else the step's outcome: failed or cancelled.
std::optional<StepOutcome> ensurePackage(StepContext &c, QString *summary)
{
    SiteAccess access(c);
    auto sh = access.shell();
    if (!sh)
        return failed(sh.error());
    fleet::Site site = *c.site;
    site.daemonPort = daemonPortOf(c);
    fleet::PackageInstallOptions options;
    options.packagesDir = c.options.packagesDir.isEmpty() ? workspacePath(c, u"packages"_s)
                                                          : workspacePath(c, c.options.packagesDir);
    options.dryRun = c.options.dryRun;
    options.log = [&c](const QString &line) {
        c.log(line);
    };
    options.cancelled = [&c] {
        return c.stop.stop_requested();
    };
    c.progress(0, FlowStepText::tr("tenkaid package: pre-flight"));
    auto installed = fleet::ensurePackagedDaemon(*sh.value(), site, options);
    if (c.stop.stop_requested())
        return cancelled();
    if (!installed)
        return failed(installed.error());
    if (summary)
        *summary = installed.value();
    return std::nullopt;
}

StepOutcome provisionEdge(StepContext &c)
{
    if (c.site->daemon == fleet::DaemonKind::Package)
        if (auto stopped = ensurePackage(c, nullptr))
            return *stopped;
    const QJsonValue value = param(c, u"recipe"_s);
    fleet::Result<fleet::Recipe> recipe =
        fleet::FleetError(fleet::FleetErrorCode::InvalidTarget, QString(), {});
    if (value.isString()) {
        recipe = fleet::loadRecipe(workspacePath(c, value.toString()));
    } else {
        // Resources written in the flow: JSON is YAML, so the recipe reader reads them as they are.
        QJsonObject document{
            {u"format"_s, u"tenkai-recipe"_s}, {u"version"_s, 1}, {u"resources"_s, value.toArray()}};
        recipe = fleet::parseRecipe(QJsonDocument(document).toJson(QJsonDocument::Indented),
                                    FlowStepText::tr("the recipe of node %1").arg(c.node.id));
        if (recipe)
            recipe.value().file = QDir(c.options.workspace).filePath(u"%1.recipe"_s.arg(c.node.id));
    }
    if (!recipe)
        return failed(recipe.error());
    return applyRecipe(c, recipe.value(), {{u"sites"_s, QJsonObject{}}});
}

int daemonPortOf(const StepContext &c)
{
    return c.daemonPort > 0 ? c.daemonPort : telemetry::siteDaemonPort(*c.site);
}

QString stateDirOf(const StepContext &c)
{
    return telemetry::siteStateDir(*c.site);
}

// The tenkaid to install: the parameter, or (empty) the one beside this program, which has this
// program's version.
QString tenkaidBinary(const StepContext &c)
{
    const QString given = textParam(c, u"binary"_s);
    if (!given.isEmpty())
        return workspacePath(c, given);
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"tenkaid"_s);
}

StepOutcome installDaemon(StepContext &c)
{
    if (c.site->daemon == fleet::DaemonKind::Package) {
        QString summary;
        if (auto stopped = ensurePackage(c, &summary))
            return *stopped;
        return done(summary, {{u"sites"_s, QJsonObject{{u"daemon_port"_s, daemonPortOf(c)},
                                                       {u"state_dir"_s, stateDirOf(c)}}}});
    }
    auto path = siteText(c, u"remote_path"_s);
    if (!path)
        return failed(path.error());
    const int port = daemonPortOf(c);
    fleet::Resource r =
        resource(fleet::ResourceKind::Tenkaid, path.value(), FlowStepText::tr("node %1").arg(c.node.id));
    r.source = tenkaidBinary(c);
    r.port = QString::number(port);
    fleet::Recipe recipe;
    recipe.file = QDir(c.options.workspace).filePath(u"flow.recipe"_s);
    recipe.resources.push_back(r);
    QJsonObject sites{{u"daemon_port"_s, port}, {u"state_dir"_s, stateDirOf(c)}};
    return applyRecipe(c, recipe, {{u"sites"_s, sites}});
}

StepOutcome deployModel(StepContext &c)
{
    const QJsonObject model = c.inputs[u"model"_s].toObject();
    auto path = siteText(c, u"remote_path"_s);
    if (!path)
        return failed(path.error());
    const QString source = model.value(u"path"_s).toString();
    QJsonObject deployed{{u"site_path"_s, path.value()}};
    for (const QString &key : {u"model"_s, u"accuracy"_s})
        if (model.contains(key))
            deployed.insert(key, model.value(key));
    const QJsonObject outputs{{u"model"_s, deployed}, {u"sites"_s, QJsonObject{}}};
    if (source.isEmpty())
        return failed(
            FlowStepText::tr("the model input holds no model file on this machine (deploy a model made "
                             "by Pretrain or named by Model file)."));
    if (c.options.dryRun && !QFileInfo::exists(source))
        return done(
            FlowStepText::tr("would upload the model %1 (not made yet) to %2").arg(source, path.value()),
            outputs);
    fleet::Resource r =
        resource(fleet::ResourceKind::Model, path.value(), FlowStepText::tr("node %1").arg(c.node.id));
    r.source = source;
    fleet::Recipe recipe;
    recipe.file = QDir(c.options.workspace).filePath(u"flow.recipe"_s);
    recipe.resources.push_back(r);
    return applyRecipe(c, recipe, outputs);
}

// --- Teacher data ------------------------------------------------------------------------------------------

StepOutcome generateTeacherData(StepContext &c)
{
    auto dir = siteText(c, u"data_dir"_s);
    if (!dir)
        return failed(dir.error());
    QStringList policies;
    for (const QJsonValue &p : param(c, u"policies"_s).toArray())
        policies << p.toString();
    const QString dataset = textParam(c, u"dataset"_s);
    SiteAccess site(c);
    auto absolute = site.absolute(dir.value());
    if (!absolute)
        return failed(absolute.error());
    QJsonObject data{{u"dataset"_s, dataset},
                     {u"data_dir"_s, absolute.value()},
                     {u"policies"_s, QJsonArray::fromStringList(policies)},
                     {u"seed"_s, intParam(c, u"seed"_s)}};
    const QJsonObject outputs{{u"data"_s, data}};
    auto shell = site.shell();
    if (!shell)
        return failed(shell.error());
    // One round trip: the folder exists, and (image folders) its classes and images.
    const QString script =
        u"d=%1; [ -d \"$d\" ] || exit 3; t=\"$d\"; [ -d \"$d/train\" ] && t=\"$d/train\"; "
        u"printf '%s %s\\n' \"$(find \"$t\" -mindepth 1 -maxdepth 1 -type d | wc -l)\" "
        u"\"$(find \"$t\" -mindepth 2 -type f | wc -l)\""_s.arg(fleet::shellQuote(absolute.value()));
    auto ran = shell.value()->exec(script);
    if (!ran)
        return failed(ran.error());
    if (ran.value().exitStatus == 3)
        return failed(FlowStepText::tr("the site's data folder %1 does not exist.").arg(absolute.value()));
    if (ran.value().exitStatus != 0)
        return failed(FlowStepText::tr("cannot look into the data folder %1: %2")
                          .arg(absolute.value(), QString::fromUtf8(ran.value().err).trimmed()));
    const QStringList counts = QString::fromUtf8(ran.value().out).simplified().split(u' ');
    const int classes = counts.value(0).toInt();
    const int images = counts.value(1).toInt();
    if (dataset == u"image-folder"_s && (classes == 0 || images == 0))
        return failed(
            FlowStepText::tr("the site's data folder %1 holds no labelled images (one subfolder per class).")
                .arg(absolute.value()));
    const QString what = FlowStepText::tr("%1 policies (augmented on the fly while training): %2")
                             .arg(policies.size())
                             .arg(policies.join(u", "_s));
    if (dataset == u"image-folder"_s)
        return done(FlowStepText::tr("%1 images in %2 classes; %3").arg(images).arg(classes).arg(what),
                    outputs);
    return done(what, outputs);
}

// --- Training on the site's daemon ------------------------------------------------------------------------

QString runIdFor(const StepContext &c)
{
    QString id = u"flow-%1-%2"_s.arg(c.flowRunId, c.node.id);
    for (QChar &ch : id)
        if (!(ch.isLetterOrNumber() && ch.unicode() < 128) && ch != u'-' && ch != u'_' && ch != u'.')
            ch = u'_';
    return id.left(64);
}

QString describeTraining(const StepContext &c, int members)
{
    return FlowStepText::tr("an ensemble of %1 %2 members, %3 epochs, batch %4, lr %5, freeze %6")
        .arg(members)
        .arg(textParam(c, u"model"_s))
        .arg(intParam(c, u"epochs"_s))
        .arg(intParam(c, u"batch"_s))
        .arg(realParam(c, u"lr"_s))
        .arg(textParam(c, u"freeze"_s));
}

StepOutcome trainEnsemble(StepContext &c)
{
    const QJsonObject model = c.inputs[u"model"_s].toObject();
    const QJsonObject data = c.inputs[u"data"_s].toObject();
    const int members = intParam(c, u"members"_s);
    const int port = daemonPortOf(c);
    if (c.options.dryRun)
        return done(FlowStepText::tr("would train %1 on the daemon at port %2")
                        .arg(describeTraining(c, members))
                        .arg(port));

    SiteAccess site(c);
    QString initFrom = model.value(u"site_path"_s).toString();
    if (initFrom.isEmpty())
        return failed(
            FlowStepText::tr("the model input is not a model on the site (link a Deploy model node)."));
    auto absoluteModel = site.absolute(initFrom);
    if (!absoluteModel)
        return failed(absoluteModel.error());
    QJsonArray policies = data.value(u"policies"_s).toArray();
    if (policies.isEmpty())
        policies.append(QString());
    QJsonArray memberList;
    for (int k = 0; k < members; ++k)
        memberList.append(QJsonObject{{u"augment"_s, policies.at(k % policies.size())},
                                      {u"seed"_s, data.value(u"seed"_s).toInt(1) + k}});
    QJsonObject config{{u"model"_s, textParam(c, u"model"_s)},
                       {u"dataset"_s, data.value(u"dataset"_s).toString()},
                       {u"data_dir"_s, data.value(u"data_dir"_s).toString()},
                       {u"init_from"_s, absoluteModel.value()},
                       {u"members"_s, memberList},
                       {u"epochs"_s, intParam(c, u"epochs"_s)},
                       {u"batch"_s, intParam(c, u"batch"_s)},
                       {u"lr"_s, realParam(c, u"lr"_s)},
                       {u"optimizer"_s, textParam(c, u"optimizer"_s)},
                       {u"freeze"_s, textParam(c, u"freeze"_s)},
                       {u"device"_s, textParam(c, u"device"_s)},
                       {u"ensemble"_s, textParam(c, u"ensemble"_s)},
                       {u"target_accuracy"_s, realParam(c, u"target_accuracy"_s)}};
    if (c.options.threads > 0)
        config.insert(u"threads"_s, c.options.threads);

    auto link = site.daemonLink(port);
    if (!link)
        return failed(link.error());

    // The latest attempt here was interrupted (failed, stopped, cancelled) with these very settings:
    // its run carries on from its last checkpoint instead of training again from the start.
    const QJsonObject interrupted = c.previousOutputs.value(u"interrupted_run"_s).toObject();
    QString resumeRun;
    if (interrupted.value(u"config"_s).toObject() == config &&
        interrupted.value(u"model"_s).toObject() == model)
        resumeRun = interrupted.value(u"run"_s).toString();
    QString runId = runIdFor(c);
    bool accepted = false;
    if (resumeRun.isEmpty())
        c.log(FlowStepText::tr("training %1 as run %2").arg(describeTraining(c, members), runId));
    QEventLoop loop;
    telemetry::DaemonClient client(link.value().transport, link.value().token, u"tenkai flow"_s);
    StepOutcome outcome = failed(FlowStepText::tr("the daemon did not answer."));
    bool finished = false;
    bool stopSent = false;
    qint64 startId = 0, reportId = 0;
    QTimer watch;
    QElapsedTimer silence;
    silence.start();
    QElapsedTimer stopClock;
    auto end = [&](StepOutcome result) {
        if (finished)
            return;
        finished = true;
        outcome = std::move(result);
        loop.quit();
    };
    qint64 resumeId = 0;
    qint64 resumeSince = 0;
    QObject::connect(&client, &telemetry::DaemonClient::ready, &loop, [&](const QJsonObject &welcome) {
        if (startId || resumeId)
            return;
        if (!resumeRun.isEmpty()) {
            // Only what happens from now on: the interrupted attempt's events are in its history.
            resumeSince = qint64(welcome.value(u"last_seq"_s).toDouble());
            resumeId = client.request(u"resume_run"_s, {{u"run"_s, resumeRun}});
        } else {
            startId = client.request(u"start_run"_s, {{u"run_id"_s, runId}, {u"config"_s, config}});
        }
    });
    qint64 probeId = 0; // get_report for a run the site still has: a report if it is done
    const auto takeReport = [&](const QJsonObject &m) {
        const QJsonObject report = m.value(u"report"_s).toObject();
        const QJsonObject evaluation = report.value(u"evaluation"_s).toObject();
        QJsonObject trained{{u"run"_s, runId},
                            {u"model"_s, textParam(c, u"model"_s)},
                            {u"member_paths"_s, report.value(u"member_paths"_s)},
                            {u"data_dir"_s, data.value(u"data_dir"_s)},
                            {u"report"_s, report}};
        const double accuracy = evaluation.value(u"accuracy"_s).toDouble();
        end(done(FlowStepText::tr("ensemble accuracy %1 after %2 epochs (run %3)")
                     .arg(percent(accuracy))
                     .arg(report.value(u"epochs_completed"_s).toInt())
                     .arg(runId),
                 {{u"model"_s, trained}, {u"sites"_s, QJsonObject{}}}));
    };
    QObject::connect(&client, &telemetry::DaemonClient::reply, &loop, [&](qint64 id, const QJsonObject &m) {
        silence.restart();
        const QString type = m.value(u"type"_s).toString();
        const QString code = m.value(u"code"_s).toString();
        if (id == resumeId) {
            // Not resumable: the site still has the run, queued, training or done (the flow lost
            // it, not the site); it is followed to its end, or its report is taken.
            const bool following = code == u"run_not_resumable"_s;
            if (type == u"run_accepted"_s || following) {
                runId = resumeRun;
                accepted = true;
                c.log(following ? FlowStepText::tr("following run %1, which the site still has (%2)")
                                      .arg(runId, m.value(u"message"_s).toString())
                                : FlowStepText::tr("carrying on run %1 (%2) from its last checkpoint")
                                      .arg(runId, describeTraining(c, members)));
                client.subscribe(runId, resumeSince);
                if (following)
                    probeId = client.request(u"get_report"_s, {{u"run"_s, runId}});
            } else {
                c.log(FlowStepText::tr("run %1 cannot carry on (%2); training %3 as run %4")
                          .arg(resumeRun, m.value(u"message"_s).toString(), describeTraining(c, members),
                               runId));
                startId = client.request(u"start_run"_s, {{u"run_id"_s, runId}, {u"config"_s, config}});
            }
        } else if (id == startId) {
            if (type == u"error"_s && code != u"run_exists"_s) {
                end(failed(FlowStepText::tr("the daemon refused the run: %1")
                               .arg(m.value(u"message"_s).toString())));
            } else {
                accepted = true;
                client.subscribe(runId, 0);
            }
        } else if (id == reportId) {
            if (type != u"report"_s)
                return end(failed(
                    FlowStepText::tr("the daemon gave no report: %1").arg(m.value(u"message"_s).toString())));
            takeReport(m);
        } else if (id == probeId && type == u"report"_s) {
            takeReport(m); // not done yet: its events say when
        }
    });
    QObject::connect(&client, &telemetry::DaemonClient::event, &loop, [&](const QJsonObject &e) {
        silence.restart();
        const QString type = e.value(u"type"_s).toString();
        if (type == u"run_state"_s) {
            const QString state = e.value(u"state"_s).toString();
            const double progress = e.value(u"progress"_s).toDouble();
            if (state == u"running"_s)
                c.progress(progress, FlowStepText::tr("training on the site's daemon"));
            else if (state == u"queued"_s)
                c.progress(progress, FlowStepText::tr("queued on the site's daemon"));
            else if (state == u"stopping"_s)
                c.progress(progress, FlowStepText::tr("stopping"));
            else if (state == u"done"_s)
                reportId = client.request(u"get_report"_s, {{u"run"_s, runId}});
            else if (state == u"stopped"_s)
                end(stopSent ? cancelled() : failed(FlowStepText::tr("the run was stopped on the site.")));
            else if (state == u"failed"_s)
                end(failed(FlowStepText::tr("the training failed on the site: %1")
                               .arg(e.value(u"error"_s).toString())));
        } else if (type == u"metric"_s && e.value(u"name"_s).toString() == u"test_accuracy"_s) {
            const QJsonValue member = e.value(u"member"_s);
            const QString who = member.isString() ? FlowStepText::tr("ensemble")
                                                  : FlowStepText::tr("member %1").arg(member.toInt());
            c.log(FlowStepText::tr("epoch %1: %2 test accuracy %3")
                      .arg(e.value(u"epoch"_s).toInt())
                      .arg(who, percent(e.value(u"value"_s).toDouble())));
        } else if (type == u"log"_s) {
            c.log(e.value(u"text"_s).toString());
        }
    });
    QObject::connect(&client, &telemetry::DaemonClient::disconnected, &loop, [&](const QString &why) {
        c.log(FlowStepText::tr("lost the daemon (%1); reconnecting").arg(why));
    });
    QObject::connect(&client, &telemetry::DaemonClient::failed, &loop,
                     [&](const QString &why) { end(failed(why)); });
    QObject::connect(&watch, &QTimer::timeout, &loop, [&] {
        if (stopSent && stopClock.elapsed() > 15000)
            return end(StepOutcome{
                StepState::Cancelled,
                FlowStepText::tr("cancelled; the daemon did not confirm the stop within 15 s (run %1 "
                                 "may still be running on the site)")
                    .arg(runId),
                {},
                {},
                {}});
        if (c.stop.stop_requested() && !stopSent) {
            stopSent = true;
            stopClock.start();
            c.log(FlowStepText::tr("cancelling: asking the daemon to stop run %1").arg(runId));
            // Requests go in order: a stop sent before the start (or resume) is answered still stops it.
            if (startId)
                client.request(u"stop_run"_s, {{u"run"_s, runId}});
            else if (resumeId)
                client.request(u"stop_run"_s, {{u"run"_s, resumeRun}});
            else
                end(cancelled());
        }
        if (silence.elapsed() > c.options.daemonTimeoutMs)
            end(failed(
                FlowStepText::tr("the daemon sent nothing for %1 s.").arg(c.options.daemonTimeoutMs / 1000)));
    });
    watch.start(100);
    client.start();
    loop.exec();
    client.stop();
    // An interrupted training is recorded with its settings, so that the next attempt with the same
    // ones carries it on (previousOutputs above).
    if (outcome.state != StepState::Done && accepted)
        outcome.outputs.insert(u"interrupted_run"_s,
                               QJsonObject{{u"run"_s, runId}, {u"config"_s, config}, {u"model"_s, model}});
    return outcome;
}

// --- Reports -----------------------------------------------------------------------------------------------

// Asks the site's daemon to evaluate the trained run on another folder of the site (every image of it
// a test image, or its test/ when it has train/ and test/): the evaluation, or why not.
fleet::Result<QJsonObject> evaluateOnDaemon(StepContext &c, SiteAccess &site, const QString &run,
                                            const QString &folder, int limit)
{
    auto link = site.daemonLink(daemonPortOf(c));
    if (!link)
        return link.error();
    QEventLoop loop;
    telemetry::DaemonClient client(link.value().transport, link.value().token, u"tenkai flow"_s);
    std::optional<fleet::Result<QJsonObject>> result;
    qint64 requestId = 0;
    const auto end = [&](fleet::Result<QJsonObject> r) {
        if (!result) {
            result.emplace(std::move(r));
            loop.quit();
        }
    };
    const auto error = [&](const QString &text) {
        return fleet::FleetError(fleet::FleetErrorCode::CommandFailed, c.site->name, text);
    };
    QObject::connect(&client, &telemetry::DaemonClient::ready, &loop, [&] {
        if (!requestId)
            requestId = client.request(u"evaluate"_s,
                                       {{u"run"_s, run}, {u"data_dir"_s, folder}, {u"test_limit"_s, limit}});
    });
    QObject::connect(&client, &telemetry::DaemonClient::reply, &loop, [&](qint64 id, const QJsonObject &m) {
        if (id != requestId)
            return;
        if (m.value(u"type"_s).toString() == u"evaluation"_s)
            end(m.value(u"evaluation"_s).toObject());
        else
            end(error(
                FlowStepText::tr("the daemon could not evaluate: %1").arg(m.value(u"message"_s).toString())));
    });
    QObject::connect(&client, &telemetry::DaemonClient::failed, &loop,
                     [&](const QString &why) { end(error(why)); });
    QTimer watch;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&watch, &QTimer::timeout, &loop, [&] {
        if (c.stop.stop_requested())
            end(error(FlowStepText::tr("cancelled")));
        else if (clock.elapsed() > c.options.daemonTimeoutMs)
            end(error(FlowStepText::tr("the daemon gave no evaluation within %1 s.")
                          .arg(c.options.daemonTimeoutMs / 1000)));
    });
    watch.start(100);
    client.start();
    loop.exec();
    client.stop();
    return std::move(*result);
}

StepOutcome evaluate(StepContext &c)
{
    const QJsonObject model = c.inputs[u"model"_s].toObject();
    auto testDir = siteText(c, u"test_dir"_s);
    if (!testDir)
        return failed(testDir.error());
    if (c.options.dryRun)
        return done(
            testDir.value().isEmpty()
                ? FlowStepText::tr(
                      "would report the members' and the ensemble's accuracy on the site's test split")
                : FlowStepText::tr("would report the members' and the ensemble's accuracy on %1")
                      .arg(testDir.value()));
    const QJsonObject report = model.value(u"report"_s).toObject();
    if (report.isEmpty())
        return failed(
            FlowStepText::tr("Evaluate reads the report of the ensemble trained on the site: link the model "
                             "output of a Train ensemble node."));
    // The training's own test split: its report has the evaluation. Another folder: the site's
    // daemon evaluates the run's members on it.
    QJsonObject evaluation = report.value(u"evaluation"_s).toObject();
    QString evaluatedOn = QDir::cleanPath(model.value(u"data_dir"_s).toString() + u"/test"_s);
    if (!testDir.value().isEmpty()) {
        SiteAccess site(c);
        auto absolute = site.absolute(testDir.value());
        if (!absolute)
            return failed(absolute.error());
        const int limit = intParam(c, u"limit"_s);
        if (QDir::cleanPath(absolute.value()) != evaluatedOn || limit > 0) {
            evaluatedOn = QDir::cleanPath(absolute.value());
            const QString run = model.value(u"run"_s).toString();
            c.log(FlowStepText::tr("evaluating run %1 on %2").arg(run, evaluatedOn));
            c.progress(0, FlowStepText::tr("evaluating on the site's daemon"));
            auto evaluated = evaluateOnDaemon(c, site, run, evaluatedOn, limit);
            if (c.stop.stop_requested())
                return cancelled();
            if (!evaluated)
                return failed(evaluated.error());
            evaluation = evaluated.value();
        }
    }
    QJsonObject out{{u"site"_s, c.site->name},
                    {u"run"_s, model.value(u"run"_s)},
                    {u"model"_s, model.value(u"model"_s)},
                    {u"test_dir"_s, evaluatedOn},
                    {u"accuracy"_s, evaluation.value(u"accuracy"_s)},
                    {u"missing_classes"_s, report.value(u"missing_classes"_s)},
                    {u"evaluation"_s, evaluation}};
    QStringList members;
    for (const QJsonValue &a : evaluation.value(u"member_accuracy"_s).toArray())
        members << percent(a.toDouble());
    QString message =
        FlowStepText::tr("ensemble %1, majority vote %2, members %3 on %4 test images")
            .arg(withInterval(evaluation.value(u"accuracy"_s).toDouble(),
                              evaluation.value(u"accuracy_interval"_s)),
                 percent(evaluation.value(u"majority_accuracy"_s).toDouble()), members.join(u", "_s))
            .arg(evaluation.value(u"test_images"_s).toInteger());
    if (const QString gain = gainSentence(evaluation); !gain.isEmpty())
        message += u"; "_s + gain;
    c.log(message);
    return done(message, {{u"report"_s, out}});
}

QString markdownReport(const QString &title, const QJsonObject &sites)
{
    QString md = u"# %1\n\n"_s.arg(title);
    md += FlowStepText::tr(
              "Test accuracy with its 95% interval for the test images' number. \"Single model\" is "
              "the members' mean (what training one model gives on average); the member picked "
              "on validation is chosen without looking at the test images.") +
          u"\n\n"_s;
    md += FlowStepText::tr(
              "| site | ensemble | single model | ensemble - single (points) | member picked on "
              "validation | cloud model as deployed | majority vote | disagreement | test images |") +
          u'\n';
    md += u"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"_s;
    QStringList plain;
    for (auto it = sites.begin(); it != sites.end(); ++it) {
        const QJsonObject e = it.value().toObject().value(u"evaluation"_s).toObject();
        const QJsonObject single = e.value(u"single_model"_s).toObject();
        const QJsonObject chosen = e.value(u"chosen_member"_s).toObject();
        const QJsonArray gain = single.value(u"gain_interval"_s).toArray();
        const QJsonObject deployed = e.value(u"deployed_model"_s).toObject();
        md += u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |\n"_s
                  .arg(it.key(),
                       withInterval(e.value(u"accuracy"_s).toDouble(), e.value(u"accuracy_interval"_s)),
                       single.isEmpty() ? u"-"_s : percent(single.value(u"accuracy"_s).toDouble()),
                       single.isEmpty() ? u"-"_s
                                        : FlowStepText::tr("%1 (%2 to %3)")
                                              .arg(signedPoints(single.value(u"gain"_s).toDouble()),
                                                   signedPoints(gain.at(0).toDouble()),
                                                   signedPoints(gain.at(1).toDouble())),
                       chosen.isEmpty() ? u"-"_s
                                        : FlowStepText::tr("%1 (member %2)")
                                              .arg(percent(chosen.value(u"accuracy"_s).toDouble()))
                                              .arg(chosen.value(u"member"_s).toInt()),
                       deployed.isEmpty() ? u"-"_s
                                          : withInterval(deployed.value(u"accuracy"_s).toDouble(),
                                                         deployed.value(u"interval"_s)),
                       percent(e.value(u"majority_accuracy"_s).toDouble()),
                       QString::number(e.value(u"disagreement"_s).toDouble(), 'f', 3))
                  .arg(e.value(u"test_images"_s).toInteger());
        const QString verdict = e.value(u"verdict"_s).toString();
        if (verdict == u"hurts"_s)
            plain << FlowStepText::tr(
                         "At %1 the ensemble does worse than a single model: deploy one model there.")
                         .arg(it.key());
        else if (verdict == u"within noise"_s)
            plain << FlowStepText::tr(
                         "At %1 the ensemble shows no gain that %2 test images can tell from noise.")
                         .arg(it.key())
                         .arg(e.value(u"test_images"_s).toInteger());
        const QJsonArray deployedGain = deployed.value(u"gain_interval"_s).toArray();
        if (deployedGain.size() == 2 && deployedGain.at(1).toDouble() < 0)
            plain << FlowStepText::tr(
                         "At %1 the model trained there does worse than the cloud model as deployed "
                         "(%2 points): keep the deployed model, or give the site more data.")
                         .arg(it.key(), signedPoints(deployed.value(u"gain"_s).toDouble()));
        else if (deployedGain.size() == 2 && deployedGain.at(0).toDouble() <= 0)
            plain << FlowStepText::tr("At %1 the model trained there shows no gain over the cloud model as "
                                      "deployed that %2 test images can tell from noise (%3 points).")
                         .arg(it.key())
                         .arg(e.value(u"test_images"_s).toInteger())
                         .arg(signedPoints(deployed.value(u"gain"_s).toDouble()));
        const QJsonArray missing = it.value().toObject().value(u"missing_classes"_s).toArray();
        if (!missing.isEmpty()) {
            QStringList names;
            for (const QJsonValue &name : missing)
                names << name.toString();
            plain << FlowStepText::tr(
                         "At %1 the training images hold no example of %2: the model cannot learn "
                         "them.")
                         .arg(it.key(), names.join(u", "_s));
        }
    }
    if (!plain.isEmpty())
        md += u"\n"_s + plain.join(u"\n\n"_s) + u"\n"_s;
    return md;
}

StepOutcome collectReport(StepContext &c)
{
    // reports: one entry per link, each {site: report}.
    QJsonObject sites;
    for (const QJsonValue &link : c.inputs[u"reports"_s].toArray()) {
        const QJsonObject perSite = link.toObject();
        for (auto it = perSite.begin(); it != perSite.end(); ++it)
            sites.insert(it.key(), it.value());
    }
    const QString folder = workspacePath(c, textParam(c, u"output"_s));
    const bool markdown = textParam(c, u"format"_s) == u"markdown"_s;
    const QString file = QDir(folder).filePath(markdown ? u"report.md"_s : u"report.json"_s);
    if (c.options.dryRun)
        return done(FlowStepText::tr("would write the report of the sites to %1").arg(file));
    if (!QDir().mkpath(folder))
        return failed(FlowStepText::tr("cannot create the folder %1.").arg(folder));
    const QJsonObject document{{u"format"_s, u"tenkai-report"_s},
                               {u"version"_s, 1},
                               {u"run"_s, c.flowRunId},
                               {u"created"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                               {u"sites"_s, sites}};
    QSaveFile out(file);
    const QByteArray bytes = markdown
                                 ? markdownReport(FlowStepText::tr("Run %1").arg(c.flowRunId), sites).toUtf8()
                                 : QJsonDocument(document).toJson(QJsonDocument::Indented);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return failed(FlowStepText::tr("cannot write %1: %2.").arg(file, out.errorString()));
    double sum = 0;
    for (const QJsonValue &site : sites)
        sum += site.toObject().value(u"accuracy"_s).toDouble();
    const QString message = sites.isEmpty()
                                ? FlowStepText::tr("no site reported; wrote %1").arg(file)
                                : FlowStepText::tr("%1 sites, mean ensemble accuracy %2; wrote %3")
                                      .arg(sites.size())
                                      .arg(percent(sum / sites.size()), file);
    return done(message, {{u"report"_s, QJsonObject{{u"path"_s, file}, {u"sites"_s, sites}}}});
}

StepOutcome waitUntil(StepContext &c)
{
    const int timeoutMin = intParam(c, u"timeout"_s);
    if (textParam(c, u"until"_s) == u"time"_s) {
        const QDateTime when = QDateTime::fromString(textParam(c, u"time"_s), Qt::ISODate);
        if (!when.isValid())
            return failed(FlowStepText::tr("the time \"%1\" is not an ISO 8601 time (e.g. 2026-12-01T06:00).")
                              .arg(textParam(c, u"time"_s)));
        if (c.options.dryRun)
            return done(FlowStepText::tr("would wait until %1").arg(when.toString(Qt::ISODate)));
        QElapsedTimer timer;
        timer.start();
        while (QDateTime::currentDateTime() < when) {
            if (c.stop.stop_requested())
                return cancelled();
            if (timeoutMin > 0 && timer.elapsed() > qint64(timeoutMin) * 60000)
                return failed(FlowStepText::tr("gave up after %1 min.").arg(timeoutMin));
            c.progress(0, FlowStepText::tr("waiting until %1").arg(when.toString(Qt::ISODate)));
            QThread::msleep(100);
        }
        return done(FlowStepText::tr("reached %1").arg(when.toString(Qt::ISODate)),
                    {{u"then"_s, QJsonObject{}}});
    }
    const double target = realParam(c, u"accuracy"_s);
    if (c.options.dryRun)
        return done(FlowStepText::tr("would check that the accuracy reaches %1").arg(percent(target)));
    const QJsonValue report = c.inputs[u"report"_s];
    if (!report.isObject())
        return failed(FlowStepText::tr("link a report to wait for an accuracy."));
    const double accuracy = report.toObject().value(u"accuracy"_s).toDouble(-1);
    if (accuracy < 0)
        return failed(FlowStepText::tr("the linked report holds no accuracy."));
    if (accuracy < target)
        return failed(
            FlowStepText::tr("accuracy %1 is below the target %2.").arg(percent(accuracy), percent(target)));
    return done(FlowStepText::tr("accuracy %1 reached the target %2").arg(percent(accuracy), percent(target)),
                {{u"then"_s, QJsonObject{}}});
}

// --- Cloud models
// ----------------------------------------------------------------------------------------------

StepOutcome modelFile(StepContext &c)
{
    const QString path = workspacePath(c, textParam(c, u"path"_s));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(FlowStepText::tr("cannot read the model file %1: %2.").arg(path, file.errorString()));
    // Model files are zip archives (LibTorch's format): "PK" first.
    if (file.read(2) != "PK")
        return failed(FlowStepText::tr("%1 is not a Tenkai model file.").arg(path));
    return done(FlowStepText::tr("%1 (%2)").arg(path, fleet::formatBytes(file.size())),
                {{u"model"_s, QJsonObject{{u"path"_s, path}}}});
}

StepOutcome pretrain(StepContext &c)
{
    const QString output = workspacePath(c, textParam(c, u"output"_s));
    const QJsonObject outputs{
        {u"model"_s, QJsonObject{{u"path"_s, output}, {u"model"_s, textParam(c, u"model"_s)}}}};
    const QString what = FlowStepText::tr("%1 on %2, %3 epochs, batch %4")
                             .arg(textParam(c, u"model"_s), textParam(c, u"dataset"_s))
                             .arg(intParam(c, u"epochs"_s))
                             .arg(intParam(c, u"batch"_s));
    if (c.options.dryRun)
        return done(FlowStepText::tr("would train %1 and write %2").arg(what, output), outputs);
    train::TrainConfig config;
    config.model = textParam(c, u"model"_s).toStdString();
    config.dataset = textParam(c, u"dataset"_s).toStdString();
    if (const QString dir = textParam(c, u"data_dir"_s); !dir.isEmpty())
        config.dataDir = workspacePath(c, dir).toStdString();
    config.epochs = intParam(c, u"epochs"_s);
    config.batchSize = intParam(c, u"batch"_s);
    config.learningRate = realParam(c, u"lr"_s);
    config.optimizer = textParam(c, u"optimizer"_s).toStdString();
    config.device = textParam(c, u"device"_s).toStdString();
    config.limit = intParam(c, u"limit"_s);
    config.threads = c.options.threads;
    const QFileInfo target(output);
    if (!QDir().mkpath(target.absolutePath()))
        return failed(FlowStepText::tr("cannot create the folder %1.").arg(target.absolutePath()));
    // Trained into a fresh folder beside the output, then renamed over it: the old model stays until
    // the new one is complete.
    const QString scratch =
        target.absoluteDir().filePath(u".%1.partial-%2"_s.arg(target.fileName(), c.flowRunId));
    QDir(scratch).removeRecursively();
    // Each scratch folder has a lock beside it, held while it trains: what a killed run left is
    // removed here, what a run still going on (another console) uses is not.
    for (const QFileInfo &left : target.absoluteDir().entryInfoList(
             {u".%1.partial-*"_s.arg(target.fileName())}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot)) {
        const QByteArray lock = QFile::encodeName(left.absoluteFilePath() + u".lock"_s);
        const int fd = ::open(lock.constData(), O_RDWR | O_CLOEXEC);
        const bool held = fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) != 0;
        if (!held) {
            QDir(left.absoluteFilePath()).removeRecursively();
            ::unlink(lock.constData());
        }
        if (fd >= 0)
            ::close(fd);
    }
    const QByteArray scratchLock = QFile::encodeName(scratch + u".lock"_s);
    const int lockFd = ::open(scratchLock.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lockFd >= 0)
        ::flock(lockFd, LOCK_EX | LOCK_NB);
    auto unlock = qScopeGuard([&] {
        ::unlink(scratchLock.constData());
        if (lockFd >= 0)
            ::close(lockFd);
    });
    config.outputDir = scratch.toStdString();
    c.log(FlowStepText::tr("training %1").arg(what));
    train::TrainCallbacks callbacks;
    callbacks.onEpoch = [&](const train::EpochMetrics &m) {
        const QString line = FlowStepText::tr("epoch %1/%2: test accuracy %3")
                                 .arg(m.epoch)
                                 .arg(config.epochs)
                                 .arg(percent(m.testAccuracy));
        c.log(line);
        c.progress(double(m.epoch) / config.epochs, line);
    };
    callbacks.onStep = [&](const train::StepMetrics &m) {
        if (m.totalSteps > 0)
            c.progress(double(m.step) / double(m.totalSteps), QString());
    };
    auto summary = train::runTraining(config, callbacks, c.stop);
    auto cleanup = qScopeGuard([&] { QDir(scratch).removeRecursively(); });
    if (!summary)
        return failed(tenkai::describe(summary.error()));
    if (summary.value().cancelled)
        return cancelled();
    std::error_code ec;
    std::filesystem::rename(summary.value().modelPath, output.toStdString(), ec);
    if (ec)
        return failed(FlowStepText::tr("cannot move the model to %1: %2.")
                          .arg(output, QString::fromStdString(ec.message())));
    QJsonObject model = outputs.value(u"model"_s).toObject();
    model.insert(u"accuracy"_s, summary.value().testAccuracy);
    return done(FlowStepText::tr("test accuracy %1 after %2 epochs; wrote %3")
                    .arg(percent(summary.value().testAccuracy))
                    .arg(summary.value().epochsCompleted)
                    .arg(output),
                {{u"model"_s, model}});
}

} // namespace

StepOutcome runStep(StepContext &c)
{
    if (c.stop.stop_requested())
        return cancelled();
    const QString &type = c.node.type;
    if (type == u"pretrain"_s)
        return pretrain(c);
    if (type == u"model-file"_s)
        return modelFile(c);
    if (type == u"provision-edge"_s)
        return provisionEdge(c);
    if (type == u"install-daemon"_s)
        return installDaemon(c);
    if (type == u"deploy-model"_s)
        return deployModel(c);
    if (type == u"generate-teacher-data"_s)
        return generateTeacherData(c);
    if (type == u"train-ensemble"_s)
        return trainEnsemble(c);
    if (type == u"evaluate"_s)
        return evaluate(c);
    if (type == u"collect-report"_s)
        return collectReport(c);
    if (type == u"wait-until"_s)
        return waitUntil(c);
    return failed(FlowStepText::tr("the node type \"%1\" cannot run.").arg(type));
}

} // namespace tenkai::flow
