#include "main_window.h"

#include "common/runtime_report.h"
#include "empty_state.h"
#include "monitor_page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>

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
    m_stack->addWidget(new EmptyState(
        tr("No flow open"),
        tr("Flows describe provisioning, deployment and training as node graphs. The flow editor comes "
           "with a later release; until then, train on this computer from the Monitor area."),
        m_stack));
    m_stack->addWidget(new EmptyState(
        tr("No inventory loaded"),
        tr("The fleet lists your edge sites, their state and their daemons once an inventory is loaded."),
        m_stack));
    m_monitor = new MonitorPage(m_stack);
    m_monitor->setObjectName(QStringLiteral("monitorPage"));
    m_stack->addWidget(m_monitor);

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

    showArea(Area::Monitor);
    resize(1100, 700);
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

void MainWindow::closeEvent(QCloseEvent *event)
{
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
