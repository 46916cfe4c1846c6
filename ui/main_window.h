// The console's main window: navigation between the Flows, Fleet and Monitor areas.
#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace tenkai::ui {

class FleetView;
class FlowEditor;
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
    FleetView *m_fleet = nullptr;
    LiveMonitor *m_live = nullptr;
};

} // namespace tenkai::ui
