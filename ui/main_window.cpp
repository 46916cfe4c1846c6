#include "main_window.h"

#include "common/runtime_report.h"
#include "empty_state.h"
#include "fleet/fleet_view.h"
#include "flow_editor/flow_editor.h"
#include "monitor/live_monitor.h"
#include "monitor_page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>

namespace tenkai::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tenkai"));

    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("areaList"));
    m_nav->setViewMode(QListView::ListMode);
    m_nav->setIconSize(QSize(24, 24));
    m_nav->setSpacing(2);
    m_nav->setFixedWidth(150);
    m_nav->setFrameShape(QFrame::NoFrame);
    const auto addArea = [this](QStyle::StandardPixmap icon, const QString &text) {
        auto *item = new QListWidgetItem(style()->standardIcon(icon), text, m_nav);
        item->setSizeHint(QSize(0, 40));
    };
    addArea(QStyle::SP_FileDialogDetailedView, tr("Flows"));
    addArea(QStyle::SP_DriveNetIcon, tr("Fleet"));
    addArea(QStyle::SP_ComputerIcon, tr("Monitor"));

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("areaStack"));
    m_flows = new FlowEditor(m_stack);
    m_stack->addWidget(m_flows);
    m_fleet = new FleetView(m_stack);
    m_fleet->setObjectName(QStringLiteral("fleetView"));
    m_stack->addWidget(m_fleet);
    // The Monitor area: a training on this computer, and the live trainings of the fleet's sites.
    auto *monitorTabs = new QTabWidget(m_stack);
    monitorTabs->setObjectName(QStringLiteral("monitorTabs"));
    monitorTabs->setDocumentMode(true);
    m_monitor = new MonitorPage(monitorTabs);
    m_monitor->setObjectName(QStringLiteral("monitorPage"));
    monitorTabs->addTab(m_monitor, tr("This computer"));
    m_live = new LiveMonitor(monitorTabs);
    m_live->setObjectName(QStringLiteral("liveMonitor"));
    monitorTabs->addTab(m_live, tr("Sites (live)"));
    m_stack->addWidget(monitorTabs);
    connect(m_fleet, &FleetView::inventoryChanged, m_live,
            [this](const fleet::Inventory &inventory) { m_live->setInventory(inventory); });
    connect(m_live, &LiveMonitor::siteActivity, m_fleet, &FleetView::setSiteActivity);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    createMenus();

    auto *compute = new QLabel(computeSummary(), this);
    compute->setObjectName(QStringLiteral("computeLabel"));
    statusBar()->addPermanentWidget(compute);
    connect(m_monitor, &MonitorPage::trainingStarted, this,
            [this] { statusBar()->showMessage(tr("Training started"), 3000); });
    connect(m_flows, &FlowEditor::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_fleet, &FleetView::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_flows, &FlowEditor::fileNameChanged, this, &MainWindow::updateTitle);
    connect(m_flows, &FlowEditor::modificationChanged, this, &MainWindow::updateTitle);
    updateTitle();

    showArea(Area::Flows);
    resize(1200, 760);
}

void MainWindow::showArea(Area area)
{
    m_nav->setCurrentRow(int(area));
}

MainWindow::Area MainWindow::currentArea() const
{
    return Area(m_stack->currentIndex());
}

void MainWindow::createMenus()
{
    auto *file = menuBar()->addMenu(tr("&File"));
    for (QAction *action : m_flows->fileActions()) {
        // The file actions work from every area, not only while the editor has the focus.
        action->setShortcutContext(Qt::WindowShortcut);
        file->addAction(action);
    }
    file->addSeparator();
    file->addAction(m_fleet->openAction());
    file->addAction(m_fleet->importAction());
    file->addSeparator();
    auto *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    auto *view = menuBar()->addMenu(tr("&View"));
    const QList<QPair<QString, Area>> areas = {
        {tr("&Flows"), Area::Flows}, {tr("F&leet"), Area::Fleet}, {tr("&Monitor"), Area::Monitor}};
    int key = Qt::Key_1;
    for (const auto &[text, area] : areas) {
        auto *action = view->addAction(text, this, [this, a = area] { showArea(a); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(key++)));
    }

    auto *fleetMenu = menuBar()->addMenu(tr("Fl&eet"));
    fleetMenu->addAction(m_fleet->checkAction());
    fleetMenu->addAction(m_fleet->deployAction());

    auto *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Tenkai"), this, &MainWindow::showAbout);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Tenkai"),
                       tr("Tenkai deploys deep-learning models from the cloud to edge sites, fine-tunes them "
                          "there and monitors their training.") +
                           QStringLiteral("\n\n") + versionReport(QStringLiteral("Tenkai")));
}

void MainWindow::offerRecovery()
{
    m_flows->offerRecovery();
}

void MainWindow::updateTitle()
{
    const QString file = m_flows->fileName();
    const QString name = file.isEmpty() ? m_flows->graph()->name() : QFileInfo(file).fileName();
    setWindowTitle(tr("%1[*] — Tenkai").arg(name));
    setWindowModified(m_flows->isModified());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_flows->maybeSave()) {
        event->ignore();
        return;
    }
    if (m_monitor->isTraining()) {
        const auto answer = QMessageBox::question(this, tr("Training in progress"),
                                                  tr("A training is still running. Stop it and quit?"),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    event->accept();
}

} // namespace tenkai::ui
