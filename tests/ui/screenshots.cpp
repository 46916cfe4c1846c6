// Makes the documentation's screenshots: the console after a short real training, and the flow
// editor with the paper's flow open, in one language.
//   tenkai_screenshots OUT_DIR [ja] [--flows-only] [--select NODE]
#include "common/translations.h"
#include "flow_editor/flow_editor.h"
#include "flow_editor/flow_scene.h"
#include "flow_editor/flow_view.h"
#include "flow_editor/node_item.h"
#include "main_window.h"
#include "monitor_page.h"
#include "train_api.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QSpinBox>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        qCritical("usage: tenkai_screenshots OUT_DIR [ja]");
        return 2;
    }
    const QString lang = args.value(2, QStringLiteral("en"));
    if (lang == QLatin1String("ja"))
        QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
    else
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    tenkai::installTranslations();
    tenkai::train::configureThreads(0);
    QDir().mkpath(args.at(1));

    tenkai::ui::MainWindow window;
    window.resize(1200, 720);
    window.show();
    QEventLoop loop;
    const auto settle = [&loop](int ms) {
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };

    // The flow editor: the paper's flow, one node selected, a run under way on some sites.
    {
        window.resize(1600, 900);
        window.showArea(tenkai::ui::MainWindow::Area::Flows);
        tenkai::ui::FlowEditor *editor = window.flowEditor();
        QString error;
        if (!editor->openFile(QStringLiteral(TENKAI_FLOWS_DIR "/paper.tenkai-flow.json"), &error)) {
            qCritical("cannot open the paper flow: %s", qPrintable(error));
            return 1;
        }
        settle(100);
        editor->view()->fitToView();
        // --select NODE: another node's properties (default: the teacher data's).
        const qsizetype select = args.indexOf(QStringLiteral("--select"));
        editor->scene()->selectNodes(
            {select > 0 && select + 1 < args.size() ? args.at(select + 1) : QStringLiteral("teacher")});
        using tenkai::ui::SiteRunState;
        const QStringList sites{QStringLiteral("edge-01"), QStringLiteral("edge-02"),
                                QStringLiteral("edge-03"), QStringLiteral("edge-04"),
                                QStringLiteral("edge-05"), QStringLiteral("edge-06"),
                                QStringLiteral("edge-07"), QStringLiteral("edge-08"),
                                QStringLiteral("edge-09"), QStringLiteral("edge-10")};
        editor->setSiteStatus(QStringLiteral("pretrain"), QStringLiteral("cloud"), SiteRunState::Done, 1);
        for (int i = 0; i < sites.size(); ++i) {
            for (const QString &node :
                 {QStringLiteral("provision"), QStringLiteral("daemon"), QStringLiteral("deploy")})
                editor->setSiteStatus(node, sites[i], i == 6 ? SiteRunState::Failed : SiteRunState::Done, 1);
            if (i == 6)
                continue;
            editor->setSiteStatus(QStringLiteral("teacher"), sites[i], SiteRunState::Done, 1);
            editor->setSiteStatus(QStringLiteral("train"), sites[i],
                                  i < 3 ? SiteRunState::Done : SiteRunState::Running,
                                  i < 3 ? 1.0 : 0.25 + 0.07 * i);
        }
        editor->setRunning(true);
        settle(200);
        const QString file = QDir(args.at(1)).filePath(QStringLiteral("flow-editor-%1.png").arg(lang));
        if (!window.grab().save(file)) {
            qCritical("cannot write %s", qPrintable(file));
            return 1;
        }
        if (args.contains(QStringLiteral("--detail"))) { // a close-up at 100 % for reviewing the drawing
            editor->view()->setZoom(1.0);
            editor->view()->centerOn(QPointF(700, 260));
            settle(100);
            editor->view()->grab().save(
                QDir(args.at(1)).filePath(QStringLiteral("flow-detail-%1.png").arg(lang)));
            // A link being dragged from the teacher data over an input that refuses it.
            tenkai::ui::FlowScene *scene = editor->scene();
            tenkai::ui::NodeItem *teacher = scene->nodeItem(QStringLiteral("teacher"));
            scene->beginConnection(teacher, teacher->port(QStringLiteral("data"), true));
            scene->updateConnection(
                scene->nodeItem(QStringLiteral("evaluate"))->portScenePos(QStringLiteral("model"), false));
            settle(100);
            editor->view()->grab().save(
                QDir(args.at(1)).filePath(QStringLiteral("flow-drag-%1.png").arg(lang)));
            scene->endConnection(QPointF(-5000, -5000));
        }
        if (args.contains(QStringLiteral("--flows-only")))
            return 0;
        editor->setRunning(false);
        editor->clearRunStatus();
        window.resize(1200, 720);
        window.showArea(tenkai::ui::MainWindow::Area::Monitor);
    }

    auto *page = window.monitorPage();
    page->findChild<QSpinBox *>(QStringLiteral("limitSpin"))->setValue(12000);
    page->findChild<QSpinBox *>(QStringLiteral("epochsSpin"))->setValue(4);

    QObject::connect(page, &tenkai::ui::MonitorPage::trainingFinished, &loop, &QEventLoop::quit);
    page->startTraining();
    loop.exec();
    QTimer::singleShot(200, &loop, &QEventLoop::quit); // let the last repaint land
    loop.exec();
    const QString file = QDir(args.at(1)).filePath(QStringLiteral("console-monitor-%1.png").arg(lang));
    if (!window.grab().save(file)) {
        qCritical("cannot write %s", qPrintable(file));
        return 1;
    }
    window.showArea(tenkai::ui::MainWindow::Area::Flows);
    settle(100);
    // The paper's flow at a size where its nodes are readable, around the selected node.
    auto *view = window.findChild<tenkai::ui::FlowView *>();
    view->setZoom(0.6);
    view->centerOn(QPointF(560, 220));
    settle(100);
    window.grab().save(QDir(args.at(1)).filePath(QStringLiteral("console-flows-%1.png").arg(lang)));
    return 0;
}
