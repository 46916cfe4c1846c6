#include "main_window.h"

#include "common/runtime_report.h"
#include "deploy/deploy_dialog.h"
#include "empty_state.h"
#include "fleet/fleet_view.h"
#include "flow_editor/flow_editor.h"
#include "monitor/live_monitor.h"
#include "monitor_page.h"
#include "run/flow_run_controller.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
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
#include <QToolBar>

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

    // Running and deploying the flow open in the editor, on the fleet's inventory (or the
    // inventory.yaml beside the flow when none is open).
    m_runner = new FlowRunController(m_flows, this);
    m_runner->setInventoryProvider(
        [this](const QString &flowFile, QString *error) -> std::optional<fleet::Inventory> {
            if (!m_fleet->inventory().sites.empty())
                return m_fleet->inventory();
            return FlowRunController::inventoryBesideFlow(flowFile, error);
        });
    connect(m_runner, &FlowRunController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    m_deployAction = new QAction(style()->standardIcon(QStyle::SP_ArrowUp), tr("&Deploy…"), this);
    m_deployAction->setObjectName(QStringLiteral("actionDeploy"));
    // The toolbar's text, without the menu's mnemonic (in Japanese "(D)" would show on the button).
    m_deployAction->setIconText(tr("Deploy…"));
    m_deployAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_deployAction->setShortcutContext(Qt::WindowShortcut);
    m_deployAction->setToolTip(
        tr("Deploy the flow to the fleet: see the plan, then deploy in one click (Ctrl+Shift+D)"));
    connect(m_deployAction, &QAction::triggered, this,
            [this] { openDeployDialog(m_fleet->selectedSiteNames()); });
    if (QToolBar *bar = m_flows->toolBar())
        bar->addAction(m_deployAction);
    connect(m_fleet, &FleetView::deployRequested, this, [this](const std::vector<fleet::Site> &sites) {
        QStringList names;
        for (const fleet::Site &site : sites)
            names << site.name;
        openDeployDialog(names);
    });
    m_fleet->deployAction()->setVisible(true);
    connect(m_fleet, &FleetView::siteActivated, this, [this, monitorTabs](const QString &site) {
        showArea(Area::Monitor);
        monitorTabs->setCurrentWidget(m_live);
        m_live->showSite(site);
    });

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

bool MainWindow::openWorkspace(const QString &dir, QString *error)
{
    const QDir folder(dir);
    QStringList problems;
    bool opened = false;
    const QString inventory = folder.filePath(QStringLiteral("inventory.yaml"));
    if (QFileInfo::exists(inventory)) {
        QString why;
        if (m_fleet->openInventory(inventory, &why))
            opened = true;
        else
            problems << why;
    }
    QString flowFile = folder.filePath(QStringLiteral("demo.tenkai-flow.json"));
    if (!QFileInfo::exists(flowFile)) {
        const QStringList flows =
            folder.entryList({QStringLiteral("*.tenkai-flow.json")}, QDir::Files, QDir::Name);
        flowFile = flows.isEmpty() ? QString() : folder.filePath(flows.first());
    }
    if (!flowFile.isEmpty()) {
        QString why;
        if (m_flows->openFile(flowFile, &why))
            opened = true;
        else
            problems << why;
    }
    if (!opened && problems.isEmpty())
        problems << tr("The folder %1 holds no inventory.yaml and no *.tenkai-flow.json.").arg(dir);
    if (error)
        *error = problems.join(QLatin1Char('\n'));
    showArea(Area::Flows);
    return opened && problems.isEmpty();
}

DeployDialog *MainWindow::openDeployDialog(const QStringList &sites)
{
    QString error;
    std::optional<fleet::Inventory> inventory;
    if (!m_fleet->inventory().sites.empty())
        inventory = m_fleet->inventory();
    else if (!m_flows->fileName().isEmpty())
        inventory = FlowRunController::inventoryBesideFlow(m_flows->fileName(), &error);
    else
        error = tr("Open an inventory in the Fleet area first.");
    if (!inventory) {
        QMessageBox::warning(this, tr("Cannot deploy"), error);
        return nullptr;
    }
    flow::RunOptions options;
    const QString base = !m_flows->fileName().isEmpty() ? m_flows->fileName() : inventory->file;
    options.workspace = QFileInfo(base).absolutePath();
    if (!m_flows->fileName().isEmpty())
        options.flowKey = QFileInfo(m_flows->fileName()).absoluteFilePath();
    options.ssh.knownHosts = m_fleet->knownHostsFile();
    if (!m_sshConfig.isEmpty())
        options.ssh.sshConfig = m_sshConfig;
    options.limit = sites.join(QLatin1Char(','));
    auto *dialog = new DeployDialog(*m_flows->graph(), *inventory, options, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeployDialog::finished, this, [this](const flow::RunSummary &summary) {
        if (!summary.dryRun)
            statusBar()->showMessage(summary.ok()
                                         ? tr("Deployment %1 succeeded.").arg(summary.runId)
                                         : tr("Deployment %1 ended with failures.").arg(summary.runId),
                                     8000);
    });
    dialog->show();
    return dialog;
}

void MainWindow::setSshConfig(const QString &file)
{
    m_sshConfig = file;
    m_fleet->setSshConfig(file);
    m_live->setSshConfig(file);
    flow::RunOptions options;
    options.ssh.sshConfig = file;
    m_runner->setBaseOptions(options);
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
    fleetMenu->addAction(m_deployAction);

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
