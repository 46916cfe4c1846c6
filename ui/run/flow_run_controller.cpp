#include "run/flow_run_controller.h"

#include "flow_editor/flow_editor.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace tenkai::ui {

using namespace Qt::StringLiterals;

namespace {

const QString kCloud = u"cloud"_s; // the editor's name for the console's machine

SiteRunState toEditor(flow::StepState s)
{
    switch (s) {
    case flow::StepState::Waiting:
        return SiteRunState::Waiting;
    case flow::StepState::Running:
        return SiteRunState::Running;
    case flow::StepState::Done:
        return SiteRunState::Done;
    case flow::StepState::Failed:
        return SiteRunState::Failed;
    case flow::StepState::Skipped:
        return SiteRunState::Skipped;
    case flow::StepState::Cancelled:
        return SiteRunState::Cancelled;
    }
    return SiteRunState::Waiting;
}

} // namespace

FlowRunController::FlowRunController(FlowEditor *editor, QObject *parent)
    : QObject(parent), m_editor(editor), m_inventory(&FlowRunController::inventoryBesideFlow)
{
    connect(editor, &FlowEditor::runRequested, this, &FlowRunController::run);
    connect(editor, &FlowEditor::cancelRequested, this, &FlowRunController::cancel);
    connect(editor, &FlowEditor::siteStatusClicked, this, &FlowRunController::showLog);
}

FlowRunController::~FlowRunController() = default;

bool FlowRunController::isRunning() const
{
    return m_executor && m_executor->isRunning();
}

std::optional<fleet::Inventory> FlowRunController::inventoryBesideFlow(const QString &flowFile,
                                                                       QString *error)
{
    const QString path = QFileInfo(flowFile).absoluteDir().filePath(u"inventory.yaml"_s);
    if (!QFileInfo::exists(path)) {
        *error =
            FlowRunController::tr("There is no inventory.yaml beside %1: open the workspace's inventory in "
                                  "the Fleet area, or put one there.")
                .arg(flowFile);
        return std::nullopt;
    }
    auto inventory = fleet::loadInventory(path);
    if (!inventory) {
        *error = inventory.error().message;
        return std::nullopt;
    }
    return inventory.value();
}

void FlowRunController::run(bool dryRun, const QString &fromNode)
{
    if (isRunning())
        return;
    const QString flowFile = m_editor->fileName();
    if (flowFile.isEmpty() || m_editor->isModified()) {
        // The run is recorded against the file: it must hold what is run.
        if (!m_editor->maybeSave() || m_editor->fileName().isEmpty() || m_editor->isModified()) {
            Q_EMIT message(tr("Save the flow to run it."));
            return;
        }
    }
    QString error;
    const auto inventory = m_inventory(m_editor->fileName(), &error);
    if (!inventory) {
        Q_EMIT message(error);
        QMessageBox::warning(m_editor, tr("Cannot run the flow"), error);
        return;
    }
    flow::RunOptions options = m_base;
    options.workspace = QFileInfo(m_editor->fileName()).absolutePath();
    options.flowKey = QFileInfo(m_editor->fileName()).absoluteFilePath();
    options.dryRun = dryRun;
    options.fromNode = fromNode;
    if (options.ssh.knownHosts.isEmpty())
        options.ssh.knownHosts = QFileInfo(inventory->file.isEmpty() ? m_editor->fileName() : inventory->file)
                                     .absoluteDir()
                                     .filePath(u"known_hosts"_s);
    m_executor = std::make_unique<flow::FlowExecutor>(*m_editor->graph(), *inventory, options);
    connect(m_executor.get(), &flow::FlowExecutor::stepChanged, this, &FlowRunController::onStep);
    connect(m_executor.get(), &flow::FlowExecutor::finished, this, &FlowRunController::onFinished);
    connect(m_executor.get(), &flow::FlowExecutor::logLine, this,
            [this](const QString &node, const QString &site, const QString &line) {
                if (m_logDialog && m_logText && node == m_logNode && site == m_logSite)
                    m_logText->appendPlainText(line);
            });
    m_editor->clearRunStatus();
    if (!m_executor->start(&error)) {
        m_executor.reset();
        Q_EMIT message(error);
        QMessageBox::warning(m_editor, tr("Cannot run the flow"), error);
        return;
    }
    m_editor->setRunning(true);
    Q_EMIT started(m_executor->runId());
    Q_EMIT message(dryRun ? tr("Dry run %1 started.").arg(m_executor->runId())
                          : tr("Run %1 started.").arg(m_executor->runId()));
}

void FlowRunController::cancel()
{
    if (isRunning()) {
        m_executor->cancel();
        Q_EMIT message(tr("Cancelling: running steps are asked to stop."));
    }
}

void FlowRunController::onStep(const flow::StepStatus &s)
{
    m_editor->setSiteStatus(s.node, s.site.isEmpty() ? kCloud : s.site, toEditor(s.state), s.progress);
}

void FlowRunController::onFinished(const flow::RunSummary &summary)
{
    m_editor->setRunning(false);
    Q_EMIT message(summary.cancelled ? tr("Run %1 cancelled.").arg(summary.runId)
                   : summary.ok()
                       ? tr("Run %1 succeeded: %2 steps in %3 s.")
                             .arg(summary.runId)
                             .arg(summary.done)
                             .arg(summary.seconds, 0, 'f', 1)
                       : tr("Run %1 ended with %n failed step(s).", "", summary.failed).arg(summary.runId));
    Q_EMIT finished(summary);
}

QString FlowRunController::stepLog(const QString &node, const QString &site) const
{
    if (!m_executor)
        return QString();
    const QString executorSite = site == kCloud ? QString() : site;
    QStringList lines;
    for (const flow::StepStatus &s : m_executor->steps())
        if (s.node == node && s.site == executorSite)
            lines << u"%1: %2"_s.arg(flow::stepStateText(s.state), s.message) << QString();
    lines << m_executor->log(node, executorSite);
    return lines.join(u'\n');
}

void FlowRunController::showLog(const QString &node, const QString &site)
{
    if (!m_executor || site.isEmpty())
        return;
    if (!m_logDialog) {
        auto *dialog = new QDialog(m_editor);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->resize(720, 420);
        m_logText = new QPlainTextEdit(dialog);
        m_logText->setReadOnly(true);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(m_logText);
        layout->addWidget(buttons);
        m_logDialog = dialog;
    }
    m_logNode = node;
    m_logSite = site == kCloud ? QString() : site;
    m_logDialog->setWindowTitle(tr("%1 on %2").arg(node, site == kCloud ? tr("the cloud") : site));
    m_logText->setPlainText(stepLog(node, site));
    m_logDialog->show();
    m_logDialog->raise();
}

} // namespace tenkai::ui
