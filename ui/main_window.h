// The console's main window: navigation between the Flows, Fleet and Monitor areas.
#pragma once

#include <QMainWindow>

class QAction;
class QListWidget;
class QStackedWidget;

namespace tenkai::ui {

class FleetView;
class DeployDialog;
class FlowEditor;
class FlowRunController;
class LiveMonitor;
class MonitorPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Area
    {
        Flows = 0,
        Fleet = 1,
        Monitor = 2,
    };

    explicit MainWindow(QWidget *parent = nullptr);

    void showArea(Area area);
    Area currentArea() const;
    MonitorPage *monitorPage() const { return m_monitor; }
    FlowEditor *flowEditor() const { return m_flows; }
    FleetView *fleetView() const { return m_fleet; }
    LiveMonitor *liveMonitor() const { return m_live; }
    // Offers the flows a crash left unsaved (call once the window is shown).
    void offerRecovery();
    FlowRunController *flowRunner() const { return m_runner; }

    // Opens a workspace folder: its inventory.yaml in the Fleet area (and the live monitor) and its
    // flow (demo.tenkai-flow.json, else the first *.tenkai-flow.json) in the editor. False with a
    // sentence in `error` when neither could be opened.
    bool openWorkspace(const QString &dir, QString *error = nullptr);
    // Deploys the flow open in the editor to `sites` (all the flow targets when empty): the deploy
    // dialog opens on the plan. The dialog deletes itself when closed.
    DeployDialog *openDeployDialog(const QStringList &sites = {});
    QAction *deployAction() const { return m_deployAction; }
    // The ssh client config for every SSH connection of the console (tests; empty: ssh's own).
    void setSshConfig(const QString &file);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void showAbout();
    void updateTitle();

    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    MonitorPage *m_monitor = nullptr;
    FlowEditor *m_flows = nullptr;
    FlowRunController *m_runner = nullptr;
    QAction *m_deployAction = nullptr;
    QString m_sshConfig;
    FleetView *m_fleet = nullptr;
    LiveMonitor *m_live = nullptr;
};

} // namespace tenkai::ui
