// FlowRunController: runs the flow open in a FlowEditor with the flow executor when the editor asks
// (Run, Dry run, Run from the selected node, Cancel), and shows each node's per-site state on the
// canvas as it changes; a click on a site's state shows that step's log. The workspace is the
// flow file's folder; the inventory comes from a provider (the fleet view's, or inventory.yaml
// beside the flow).
#pragma once

#include "fleet/inventory.h"
#include "flow/executor.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>

class QDialog;
class QPlainTextEdit;

namespace tenkai::ui {

class FlowEditor;

class FlowRunController : public QObject
{
    Q_OBJECT

public:
    // Returns the inventory to run on, or nullopt with a sentence in *error.
    using InventoryProvider =
        std::function<std::optional<fleet::Inventory>(const QString &flowFile, QString *error)>;

    explicit FlowRunController(FlowEditor *editor, QObject *parent = nullptr);
    ~FlowRunController() override;

    void setInventoryProvider(InventoryProvider provider) { m_inventory = std::move(provider); }
    // Options applied to every run (threads, forks, known_hosts...); workspace and dry run are set per run.
    void setBaseOptions(const flow::RunOptions &options) { m_base = options; }

    flow::FlowExecutor *executor() const { return m_executor.get(); }
    bool isRunning() const;

    // The default provider: inventory.yaml beside the flow file.
    static std::optional<fleet::Inventory> inventoryBesideFlow(const QString &flowFile, QString *error);

    void run(bool dryRun, const QString &fromNode);
    void cancel();
    // The log of one step, as the click on its state shows it.
    QString stepLog(const QString &node, const QString &site) const;

Q_SIGNALS:
    void started(const QString &runId);
    void finished(const tenkai::flow::RunSummary &summary);
    // A sentence for the status bar or a message box.
    void message(const QString &text);

private:
    void onStep(const flow::StepStatus &status);
    void onFinished(const flow::RunSummary &summary);
    void showLog(const QString &node, const QString &site);

    FlowEditor *m_editor;
    InventoryProvider m_inventory;
    flow::RunOptions m_base;
    std::unique_ptr<flow::FlowExecutor> m_executor;
    QPointer<QDialog> m_logDialog;
    QPlainTextEdit *m_logText = nullptr;
    QString m_logNode, m_logSite;
};

} // namespace tenkai::ui
