// Not a test: makes docs/images/deploy-plan-LANG.png and deploy-done-LANG.png, the deploy dialog on a
// tiny demo workspace of three local sites (real daemons, real training; see docs/testing.md).
//   tenkai_deploy_screenshots OUT_DIR [ja]
#include "../support/flow_workspace.h"
#include "common/translations.h"
#include "deploy/deploy_dialog.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QTableWidget>
#include <cstdio>

using namespace tenkai;
using tenkai::ui::DeployDialog;

namespace {

bool waitFor(DeployDialog &dialog, DeployDialog::Phase phase)
{
    QElapsedTimer timer;
    timer.start();
    while (dialog.phase() != phase && timer.elapsed() < 300000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return dialog.phase() == phase;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: tenkai_deploy_screenshots OUT_DIR [ja]\n");
        return 2;
    }
    const QString lang = args.value(2, QStringLiteral("en"));
    QLocale::setDefault(lang == QLatin1String("ja") ? QLocale(QLocale::Japanese, QLocale::Japan)
                                                    : QLocale(QLocale::English, QLocale::UnitedStates));
    installTranslations();
    test::Workspace w;
    if (!w.make(3))
        return 1;
    w.graph->setName(
        QStringLiteral("Demo: pretrain in the cloud, fine-tune an ensemble of 3 on three local sites"));
    DeployDialog dialog(*w.graph, w.inventory, test::optionsFor(w));
    dialog.resize(1180, 560);
    dialog.show();
    if (!waitFor(dialog, DeployDialog::Phase::Planned))
        return 1;
    dialog.grid()->setCurrentCell(1, 2);
    QCoreApplication::processEvents();
    const QDir out(args.at(1));
    if (!dialog.grab().save(out.filePath(QStringLiteral("deploy-plan-%1.png").arg(lang))))
        return 1;
    dialog.deploy();
    if (!waitFor(dialog, DeployDialog::Phase::Finished))
        return 1;
    dialog.grid()->setCurrentCell(2, 5);
    QCoreApplication::processEvents();
    if (!dialog.grab().save(out.filePath(QStringLiteral("deploy-done-%1.png").arg(lang))))
        return 1;
    return 0;
}
