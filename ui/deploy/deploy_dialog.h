// DeployDialog: one-click deployment of a flow to sites. It opens on the plan (a dry run of the flow
// on the chosen sites: the fleet's per-site diff for the provisioning nodes, a description for the
// others), one click deploys, and a site x step grid with a progress bar per site follows the run
// live. Failed sites can be retried alone; a run can be cancelled. Sites contacted for the first
// time are listed with their host key fingerprints to accept in one go.
#pragma once

#include "fleet/inventory.h"
#include "flow/executor.h"

#include <QDialog>
#include <QJsonObject>
#include <map>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QFrame;

namespace tenkai::ui {

class DeployDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Phase
    {
        Planning, // the dry run is going
        Planned,  // the plan is shown; Deploy is the next click
        Running,  // deploying
        Finished, // the deployment ended (see summary())
    };

    // `limit`: the sites to deploy to (a --limit pattern; empty: every site the flow targets).
    // `provisioningOnly`: only the nodes that bring sites to their state (provision, daemon, model).
    DeployDialog(const flow::FlowGraph &graph, const fleet::Inventory &inventory, flow::RunOptions options,
                 QWidget *parent = nullptr);
    ~DeployDialog() override;

    // Starts the plan (called by exec()/show() through showEvent too; idempotent).
    void plan();
    void deploy();
    void retryFailed();
    void cancelRun();

    Phase phase() const { return m_phase; }
    const flow::RunSummary &summary() const { return m_summary; }
    QStringList failedSites() const;
    // The unknown host keys the last plan met: site -> fingerprint.
    const std::map<QString, QString> &unknownHostKeys() const { return m_unknownKeys; }

    QTableWidget *grid() const { return m_grid; }
    QPushButton *deployButton() const { return m_deploy; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *acceptKeysButton() const { return m_acceptKeys; }
    QPushButton *reportButton() const { return m_report; }
    // The state of one step as shown ("" for the cloud's row).
    flow::StepStatus status(const QString &node, const QString &site) const;

    // The flow with only its provisioning nodes (Provision edge, Install daemon, Deploy model and what
    // they need), for "deploy the provisioning part".
    static std::unique_ptr<flow::FlowGraph> provisioningPart(const flow::FlowGraph &graph);

Q_SIGNALS:
    void phaseChanged(tenkai::ui::DeployDialog::Phase phase);
    void finished(const tenkai::flow::RunSummary &summary);
    // The report the run collected (Collect report's file), when the user asks to see it.
    void reportRequested(const QString &file);

protected:
    void showEvent(QShowEvent *event) override;
    void reject() override;

private:
    void start(bool dryRun, const QString &limit);
    void setPhase(Phase phase);
    void buildGrid();
    void onStep(const flow::StepStatus &status);
    void onFinished(const flow::RunSummary &summary);
    void showDetails();
    void updateSiteProgress(const QString &site);
    void updateKeysPanel();
    QString reportFile() const;

    QByteArray m_flowBytes;
    fleet::Inventory m_inventory;
    flow::RunOptions m_options;
    std::unique_ptr<flow::FlowExecutor> m_executor;
    Phase m_phase = Phase::Planning;
    bool m_started = false;
    bool m_dryRun = true;
    bool m_pinning = false;       // the current dry run pins accepted host keys; a full plan follows
    bool m_closeWhenDone = false; // closed while running: cancelled, closes once the run ended
    flow::RunSummary m_summary;
    QStringList m_nodes; // the grid's columns after the progress column
    QStringList m_sites; // the grid's rows ("" the cloud)
    std::map<std::pair<QString, QString>, flow::StepStatus> m_status;
    std::map<QString, QString> m_unknownKeys;

    QLabel *m_header = nullptr;
    QTableWidget *m_grid = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QFrame *m_keysPanel = nullptr;
    QLabel *m_keysText = nullptr;
    QPushButton *m_acceptKeys = nullptr;
    QPushButton *m_deploy = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_report = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace tenkai::ui
