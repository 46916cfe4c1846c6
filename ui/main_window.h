// The console's main window: navigation between the Flows, Fleet and Monitor areas.
#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace tenkai::ui {

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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void showAbout();

    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    MonitorPage *m_monitor = nullptr;
};

} // namespace tenkai::ui
