// Makes the documentation's screenshots: the console after a short real training, in one language.
//   tenkai_screenshots OUT_DIR [ja]
#include "common/translations.h"
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
    auto *page = window.monitorPage();
    page->findChild<QSpinBox *>(QStringLiteral("limitSpin"))->setValue(12000);
    page->findChild<QSpinBox *>(QStringLiteral("epochsSpin"))->setValue(4);

    QEventLoop loop;
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
    QTimer::singleShot(100, &loop, &QEventLoop::quit);
    loop.exec();
    window.grab().save(QDir(args.at(1)).filePath(QStringLiteral("console-flows-%1.png").arg(lang)));
    return 0;
}
