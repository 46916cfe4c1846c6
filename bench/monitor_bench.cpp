// Issue 8's live monitor figures (docs/benchmarks.md): the console's live monitor with N sites of
// K members, each member streaming R loss points a second. History of M minutes is fed first, then
// points stream live at that rate for S seconds while a 10 ms QTimer probe measures its own
// lateness (the GUI event loop's latency), the time from a point's arrival to the paint of the chart
// that shows it, and the console's memory. Events go through the same path as a daemon's: a JSON
// line parsed on the GUI thread and handed to SiteFeed, the charts redraw on their 10 Hz timer.
//
//   monitor_bench [--sites 10] [--members 5] [--rate 20] [--history-minutes 10] [--live-seconds 60]
//   monitor_bench --first-frame     (a child: the console's start as app/tenkai/main.cpp does it,
//                                    printing CLOCK_MONOTONIC at the end of the first paint)
//   monitor_bench --cold-start N    (runs N children and reports exec-to-first-frame times)
#include "common/translations.h"
#include "fleet/inventory.h"
#include "main_window.h"
#include "monitor/live_chart.h"
#include "monitor/live_monitor.h"
#include "monitor/site_feed.h"
#include "monitor/site_panel.h"
#include "train_api.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTableView>
#include <QTextStream>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <vector>

using namespace Qt::StringLiterals;
using namespace tenkai::ui;

namespace {

double monotonicSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

double wallSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

qint64 statusKb(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(std::ceil(p * double(values.size()))) - 1)];
}

// Paint events of a widget, with the time the first paint after a mark ended.
class PaintWatch : public QObject
{
public:
    double lastPaintEnd = 0;
    int paints = 0;
    std::function<void()> afterPaint;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            // The paint runs after the filter: note the end once the event is done.
            QTimer::singleShot(0, this, [this] {
                lastPaintEnd = monotonicSeconds();
                if (afterPaint)
                    afterPaint();
            });
        }
        return false;
    }
};

// The application, timing in GUI-thread CPU time every event the event loop dispatches (the
// outermost ones): on a busy machine the wall clock also counts the time the thread waited for a
// core, the CPU time counts only what the console itself did.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    double longestSinceReset = 0; // ms of CPU time of the longest event since the last reset

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        const double start = threadCpuSeconds();
        const bool result = QApplication::notify(receiver, event);
        longestSinceReset = std::max(longestSinceReset, (threadCpuSeconds() - start) * 1000.0);
        --m_depth;
        return result;
    }

private:
    int m_depth = 0;
};

// A synthetic training at one site: K members' loss every step, test accuracy per member and the
// ensemble's every `epochSteps` steps. Makes the JSON line a daemon would send.
struct SyntheticSite
{
    SiteFeed *feed = nullptr;
    int members = 5;
    qint64 seq = 0;
    qint64 step = 0;
    int epochSteps = 600;

    QByteArray line(int member, const QString &name, double value, double t)
    {
        QJsonObject e{{u"v"_s, 1},
                      {u"type"_s, u"metric"_s},
                      {u"seq"_s, ++seq},
                      {u"run"_s, u"bench"_s},
                      {u"epoch"_s, int(step / epochSteps) + 1},
                      {u"step"_s, step},
                      {u"name"_s, name},
                      {u"value"_s, value},
                      {u"t"_s, t}};
        if (member == 0)
            e.insert(u"member"_s, u"ensemble"_s);
        else
            e.insert(u"member"_s, member);
        return QJsonDocument(e).toJson(QJsonDocument::Compact);
    }

    // One step of every member: parsed and handed over as DaemonClient would.
    void advance(double t)
    {
        ++step;
        for (int m = 1; m <= members; ++m) {
            const double loss =
                2.3 * std::exp(-double(step) / 4000.0) + 0.2 + 0.05 * std::sin(double(step * m));
            feed->takeEvent(QJsonDocument::fromJson(line(m, u"loss"_s, loss, t)).object());
        }
        if (step % epochSteps == 0) {
            for (int m = 0; m <= members; ++m) {
                const double accuracy = 0.9 - 0.5 * std::exp(-double(step) / 5000.0) + 0.002 * m;
                feed->takeEvent(QJsonDocument::fromJson(line(m, u"test_accuracy"_s, accuracy, t)).object());
            }
        }
    }
};

int firstFrameChild(int argc, char **argv)
{
    // What app/tenkai/main.cpp does before its window appears.
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"tenkai"_s);
    tenkai::installTranslations();
    tenkai::train::configureThreads(0);
    MainWindow window;
    PaintWatch watch;
    window.installEventFilter(&watch);
    watch.afterPaint = [&] {
        timespec cpu{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
        QTextStream(stdout) << QString::number(monotonicSeconds(), 'f', 6) << ' '
                            << QString::number(double(cpu.tv_sec) + double(cpu.tv_nsec) * 1e-9, 'f', 6)
                            << Qt::endl;
        app.quit();
    };
    window.show();
    QTimer::singleShot(20000, &app, &QApplication::quit);
    return QApplication::exec();
}

int coldStart(int runs, const QString &self)
{
    std::vector<double> times;
    std::vector<double> cpuTimes;
    for (int i = 0; i < runs; ++i) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(u"QT_QPA_PLATFORM"_s))
            env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        child.setProcessEnvironment(env);
        const double started = monotonicSeconds();
        child.start(self, {u"--first-frame"_s});
        if (!child.waitForFinished(30000)) {
            QTextStream(stderr) << "the child did not paint within 30 s\n";
            return 1;
        }
        const QStringList reply =
            QString::fromUtf8(child.readAllStandardOutput()).trimmed().split(QLatin1Char(' '));
        times.push_back((reply.value(0).toDouble() - started) * 1000.0);
        cpuTimes.push_back(reply.value(1).toDouble() * 1000.0);
    }
    QTextStream out(stdout);
    out << "cold start to first frame (" << runs << " runs, ms): median " << percentile(times, 0.5)
        << ", max " << *std::max_element(times.begin(), times.end()) << ", all";
    for (double t : times)
        out << ' ' << QString::number(t, 'f', 0);
    out << Qt::endl;
    out << "  the child's CPU time (all its threads) until then (ms): median " << percentile(cpuTimes, 0.5)
        << ", max " << *std::max_element(cpuTimes.begin(), cpuTimes.end()) << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.contains(u"--first-frame"_s))
        return firstFrameChild(argc, argv);
    const auto option = [&](const QString &name, double fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args[at + 1].toDouble() : fallback;
    };
    if (args.contains(u"--cold-start"_s)) {
        QCoreApplication probe(argc, argv);
        return coldStart(int(option(u"--cold-start"_s, 10)), QCoreApplication::applicationFilePath());
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    const int siteCount = int(option(u"--sites"_s, 10));
    const int members = int(option(u"--members"_s, 5));
    const double rate = option(u"--rate"_s, 20);
    const double historyMinutes = option(u"--history-minutes"_s, 10);
    const double liveSeconds = option(u"--live-seconds"_s, 60);
    QTextStream out(stdout);

    tenkai::fleet::Inventory inventory;
    for (int i = 0; i < siteCount; ++i) {
        tenkai::fleet::Site site;
        site.name = u"edge%1"_s.arg(i + 1, 2, 10, QLatin1Char('0'));
        site.transport = tenkai::fleet::Transport::Local;
        site.root = u"/nonexistent"_s;
        inventory.sites.push_back(site);
    }
    LiveMonitor monitor;
    monitor.resize(1400, 900);
    monitor.setInventory(inventory, false);
    monitor.show();
    std::vector<SyntheticSite> sites;
    sites.resize(std::size_t(siteCount));
    for (int i = 0; i < siteCount; ++i) {
        sites[std::size_t(i)].feed = monitor.feeds()[std::size_t(i)];
        sites[std::size_t(i)].members = members;
        sites[std::size_t(i)].epochSteps = int(rate * 30); // an epoch every 30 s
    }
    const qint64 rssStart = statusKb("VmRSS:");

    // History: what M minutes at the rate would have produced, fed as fast as it parses.
    const qint64 historySteps = qint64(historyMinutes * 60 * rate);
    QElapsedTimer clock;
    clock.start();
    const double t0 = wallSeconds() - historyMinutes * 60;
    for (qint64 s = 0; s < historySteps; ++s)
        for (SyntheticSite &site : sites)
            site.advance(t0 + double(s) / rate);
    const double historyMs = double(clock.elapsed());
    QCoreApplication::processEvents();
    monitor.panel()->refreshNow();
    const qint64 historyEvents = sites.front().seq * siteCount;
    out << "history: " << historyEvents << " events (" << siteCount << " sites x " << members << " members x "
        << historySteps << " steps) fed in " << historyMs << " ms ("
        << qint64(double(historyEvents) / historyMs * 1000) << " events/s), RSS " << statusKb("VmRSS:") / 1024
        << " MiB (start " << rssStart / 1024 << " MiB)" << Qt::endl;

    // Live: every member gets `rate` points a second, delivered in 50 ms batches as a socket would.
    SitePanel *panel = monitor.panel();
    LiveChart *chart = panel->lossChart();
    PaintWatch watch;
    chart->viewport()->installEventFilter(&watch);
    std::map<qint64, double> arrival; // seq of the shown site -> monotonic time it arrived
    std::vector<double> onScreen;
    qint64 drawnSeq = 0;
    QObject::connect(panel, &SitePanel::redrawn, [&](qint64 newest) { drawnSeq = newest; });
    watch.afterPaint = [&] {
        // Every point of the shown site drawn by this paint: arrival -> end of paint.
        while (!arrival.empty() && arrival.begin()->first <= drawnSeq) {
            onScreen.push_back((watch.lastPaintEnd - arrival.begin()->second) * 1000.0);
            arrival.erase(arrival.begin());
        }
    };
    SyntheticSite &shown = sites.front(); // the overview selects the first site
    const double liveStart = monotonicSeconds();
    double stepsDue = 0;
    qint64 stepsDone = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(50);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        stepsDue = (monotonicSeconds() - liveStart) * rate;
        while (double(stepsDone) < stepsDue) {
            ++stepsDone;
            for (SyntheticSite &site : sites) {
                const qint64 before = site.seq;
                site.advance(wallSeconds());
                if (&site == &shown)
                    for (qint64 s = before + 1; s <= site.seq; ++s)
                        arrival.emplace(s, monotonicSeconds());
            }
        }
    });
    // The probe: a 10 ms timer that measures how late it fires.
    std::vector<double> lateness;
    std::vector<double> busiest; // per probe interval: the CPU time of its longest event
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    double expected = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double now = monotonicSeconds();
        if (expected > 0) {
            lateness.push_back(std::max(0.0, (now - expected) * 1000.0));
            busiest.push_back(app.longestSinceReset);
        }
        app.longestSinceReset = 0;
        expected = now + 0.010;
    });
    const int paintsBefore = watch.paints;
    const double cpuBefore = threadCpuSeconds();
    feeder.start();
    probe.start();
    QTimer::singleShot(int(liveSeconds * 1000), &app, &QApplication::quit);
    QApplication::exec();
    const double liveElapsed = monotonicSeconds() - liveStart;
    const double guiCpu = threadCpuSeconds() - cpuBefore;
    const qint64 liveEvents = (sites.front().seq * siteCount) - historyEvents;

    out << "live: " << liveSeconds << " s, " << liveEvents << " events ("
        << qint64(double(liveEvents) / liveElapsed) << " events/s), " << (watch.paints - paintsBefore)
        << " chart paints, " << chart->drawnPoints() << " points drawn in the loss chart for " << shown.seq
        << " events of the shown site" << Qt::endl;
    out << "event-loop latency (10 ms probe lateness, ms): p50 "
        << QString::number(percentile(lateness, 0.5), 'f', 1) << ", p99 "
        << QString::number(percentile(lateness, 0.99), 'f', 1) << ", max "
        << QString::number(lateness.empty() ? 0 : *std::max_element(lateness.begin(), lateness.end()), 'f', 1)
        << " (" << lateness.size() << " samples)" << Qt::endl;
    out << "longest event per probe interval, GUI-thread CPU time (ms): p50 "
        << QString::number(percentile(busiest, 0.5), 'f', 1) << ", p99 "
        << QString::number(percentile(busiest, 0.99), 'f', 1) << ", max "
        << QString::number(busiest.empty() ? 0 : *std::max_element(busiest.begin(), busiest.end()), 'f', 1)
        << Qt::endl;
    out << "point on screen (arrival to end of the paint that shows it, ms): p50 "
        << QString::number(percentile(onScreen, 0.5), 'f', 0) << ", p99 "
        << QString::number(percentile(onScreen, 0.99), 'f', 0) << ", max "
        << QString::number(onScreen.empty() ? 0 : *std::max_element(onScreen.begin(), onScreen.end()), 'f', 0)
        << " (" << onScreen.size() << " points)" << Qt::endl;
    out << "GUI thread CPU time: " << QString::number(guiCpu, 'f', 1) << " s of "
        << QString::number(liveElapsed, 'f', 1) << " s ("
        << QString::number(100 * guiCpu / liveElapsed, 'f', 0)
        << " %: parsing, storing, redrawing and painting everything)" << Qt::endl;
    out << "memory: RSS " << statusKb("VmRSS:") / 1024 << " MiB, peak " << statusKb("VmHWM:") / 1024 << " MiB"
        << Qt::endl;
    return 0;
}
