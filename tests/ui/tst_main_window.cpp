// The console's window with real widgets: train from the Monitor area and see points arrive live
// while the GUI thread stays responsive; Japanese when the locale is Japanese.
#include "common/translations.h"
#include "main_window.h"
#include "monitor_page.h"

#include <QElapsedTimer>
#include <QLineSeries>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

using tenkai::ui::MainWindow;
using tenkai::ui::MonitorPage;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hasThreeAreas();
    void trainsLiveAndStaysResponsive();
    void stopButtonStopsTraining();
    void japaneseWindow();
};

void TestMainWindow::hasThreeAreas()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *areas = window.findChild<QListWidget *>(QStringLiteral("areaList"));
    QVERIFY(areas);
    QCOMPARE(areas->count(), 3);
    QCOMPARE(areas->item(0)->text(), QStringLiteral("Flows"));
    QCOMPARE(areas->item(1)->text(), QStringLiteral("Fleet"));
    QCOMPARE(areas->item(2)->text(), QStringLiteral("Monitor"));
    // A real click switches the area.
    QTest::mouseClick(areas->viewport(), Qt::LeftButton, {}, areas->visualItemRect(areas->item(1)).center());
    QCOMPARE(window.currentArea(), MainWindow::Area::Fleet);
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentArea(), MainWindow::Area::Monitor);
}

void TestMainWindow::trainsLiveAndStaysResponsive()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *page = window.findChild<MonitorPage *>(QStringLiteral("monitorPage"));
    QVERIFY(page);
    auto *limit = page->findChild<QSpinBox *>(QStringLiteral("limitSpin"));
    auto *epochs = page->findChild<QSpinBox *>(QStringLiteral("epochsSpin"));
    auto *start = page->findChild<QPushButton *>(QStringLiteral("startButton"));
    auto *progress = page->findChild<QProgressBar *>(QStringLiteral("trainingProgress"));
    QVERIFY(limit && epochs && start && progress);
    limit->setValue(3000);
    epochs->setValue(2);

    // A 10 ms heartbeat on the GUI thread: its longest gap shows whether anything blocked it.
    QTimer heartbeat;
    heartbeat.setInterval(10);
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 worstGap = 0;
    connect(&heartbeat, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        worstGap = std::max(worstGap, now - last);
        last = now;
    });

    QSignalSpy finished(page, &MonitorPage::trainingFinished);
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(page->isTraining());
    QVERIFY(!start->isEnabled());
    clock.start();
    heartbeat.start();

    // Loss points arrive while training is still running: live, not at the end.
    QTRY_VERIFY_WITH_TIMEOUT(page->lossSeries()->count() > 0, 60000);
    const bool stillRunningWhenFirstPointArrived = page->isTraining();
    QVERIFY(finished.wait(120000));
    heartbeat.stop();
    QVERIFY(stillRunningWhenFirstPointArrived);
    QCOMPARE(finished.first().first().toBool(), true);

    // 3000 images, batch 64: 47 steps per epoch, one point per 10 steps plus each epoch's last step.
    QCOMPARE(page->lossSeries()->count(), 2 * 5);
    QCOMPARE(page->accuracySeries()->count(), 2);
    QVERIFY(page->accuracySeries()->at(1).y() > 30.0); // percent; chance is 10
    QCOMPARE(progress->value(), progress->maximum());
    QVERIFY(start->isEnabled());
    QVERIFY2(worstGap < 500, qPrintable(QStringLiteral("GUI thread blocked for %1 ms").arg(worstGap)));
}

void TestMainWindow::stopButtonStopsTraining()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *page = window.monitorPage();
    page->findChild<QSpinBox *>(QStringLiteral("epochsSpin"))->setValue(50);
    QSignalSpy finished(page, &MonitorPage::trainingFinished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("startButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->lossSeries()->count() > 0, 60000);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("stopButton")), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY(!page->isTraining());
    QVERIFY(page->accuracySeries()->count() < 50);
}

void TestMainWindow::japaneseWindow()
{
    QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
    QVERIFY(tenkai::installTranslations().startsWith(QStringLiteral("ja")));
    MainWindow window;
    auto *areas = window.findChild<QListWidget *>(QStringLiteral("areaList"));
    QCOMPARE(areas->item(0)->text(), QStringLiteral("フロー"));
    QCOMPARE(areas->item(1)->text(), QStringLiteral("フリート"));
    QCOMPARE(areas->item(2)->text(), QStringLiteral("モニター"));
    auto *start = window.monitorPage()->findChild<QPushButton *>(QStringLiteral("startButton"));
    QCOMPARE(start->text(), QStringLiteral("学習を開始"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
