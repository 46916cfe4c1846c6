// Issue 7's figures for the flow editor: a generated 500-node flow (50 copies of the paper's
// pipeline, 9 links each) is opened in the editor and painted once, then panned and zoomed in
// N steps, each followed by a forced, synchronous repaint of the canvas and its overview. Prints one
// JSON line: the open + first paint time and the median and 99th percentile frame times, overall and
// per zoom. Frames are timed twice: wall clock, and the GUI thread's CPU time (all painting is on
// that thread with the offscreen platform), which stays meaningful on a machine others are using.
//   flow_editor_bench [--groups N] [--steps N]     (run with QT_QPA_PLATFORM=offscreen)
#include "flow/flow_file.h"
#include "flow/graph.h"
#include "flow_editor/flow_editor.h"
#include "flow_editor/flow_scene.h"
#include "flow_editor/flow_view.h"
#include "large_flow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5));
    return v[i];
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// The calling thread's CPU time in ms.
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int groups = 50;
    int steps = 300;
    const QStringList args = QApplication::arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--groups"))
            groups = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--steps"))
            steps = args[i + 1].toInt();
    }

    // The flow: groups laid out five across.
    tenkai::flow::FlowGraph graph;
    graph.setName(QStringLiteral("Benchmark: %1 pipelines").arg(groups));
    tenkai::bench::addPaperGroups(graph, groups);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bench.tenkai-flow.json"));
    if (tenkai::flow::saveFlow(graph, file)) {
        std::fprintf(stderr, "cannot write the flow\n");
        return 1;
    }

    tenkai::ui::FlowEditor editor;
    editor.resize(1600, 900);
    editor.show();
    QCoreApplication::processEvents();
    tenkai::ui::FlowView *view = editor.view();

    // Open and show: read the file, build the scene, validate, lay out and paint the canvas once.
    QElapsedTimer clock;
    clock.start();
    const double openCpuStart = threadCpuMs();
    QString error;
    if (!editor.openFile(file, &error)) {
        std::fprintf(stderr, "cannot open the flow: %s\n", qPrintable(error));
        return 1;
    }
    QCoreApplication::processEvents(); // the queued fit to view
    view->viewport()->repaint();
    const qint64 openNs = clock.nsecsElapsed();
    const double openCpu = threadCpuMs() - openCpuStart;

    // Pan and zoom at three scales: the whole flow, half size and full size.
    struct Level
    {
        const char *name;
        qreal zoom; // 0: fit to view
        std::vector<double> frames;
        std::vector<double> pans;
        std::vector<double> zooms;
        std::vector<double> cpu;
    };
    std::vector<Level> levels{
        {"fit", 0, {}, {}, {}, {}}, {"zoom50", 0.5, {}, {}, {}, {}}, {"zoom100", 1.0, {}, {}, {}, {}}};
    std::vector<double> all;
    std::vector<double> allCpu;
    const QPoint cursor = view->viewport()->rect().center() + QPoint(120, -60);
    for (Level &level : levels) {
        if (level.zoom == 0)
            view->fitToView();
        else {
            view->setZoom(level.zoom);
            view->centerOn(QPointF(2 * 1700 + 650, 3 * 650 + 100));
        }
        view->viewport()->repaint();
        for (int i = 0; i < steps; ++i) {
            clock.restart();
            const double cpuStart = threadCpuMs();
            switch (i % 4) {
            case 0: // pan right and down
                view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() + 37);
                view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + 19);
                break;
            case 1:
                view->zoomBy(1.1, cursor);
                break;
            case 2: // pan back
                view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() - 37);
                view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() - 19);
                break;
            case 3:
                view->zoomBy(1 / 1.1, cursor);
                break;
            }
            view->viewport()->repaint();
            view->overview()->repaint(); // the overview follows every pan and zoom
            const double frame = ms(clock.nsecsElapsed());
            allCpu.push_back(threadCpuMs() - cpuStart);
            level.cpu.push_back(allCpu.back());
            level.frames.push_back(frame);
            (i % 2 == 0 ? level.pans : level.zooms).push_back(frame);
            all.push_back(frame);
        }
    }

    std::printf(
        "{\"nodes\": %zu, \"links\": %zu, \"problems\": %zu, \"viewport\": [%d, %d], \"open_and_paint_ms\": "
        "%.1f, "
        "\"open_and_paint_cpu_ms\": %.1f, \"steps\": %zu, \"frame_median_ms\": %.2f, \"frame_p99_ms\": %.2f, "
        "\"frame_max_ms\": %.2f, \"frame_cpu_median_ms\": %.2f, \"frame_cpu_p99_ms\": %.2f",
        graph.nodes().size(), graph.links().size(), editor.problems().size(), view->viewport()->width(),
        view->viewport()->height(), ms(openNs), openCpu, all.size(), percentile(all, 0.5),
        percentile(all, 0.99), percentile(all, 1.0), percentile(allCpu, 0.5), percentile(allCpu, 0.99));
    for (const Level &level : levels)
        std::printf(
            ", \"%s\": {\"median_ms\": %.2f, \"p99_ms\": %.2f, \"pan_median_ms\": %.2f, "
            "\"pan_p99_ms\": %.2f, "
            "\"zoom_median_ms\": %.2f, \"zoom_p99_ms\": %.2f, \"cpu_median_ms\": %.2f, \"cpu_p99_ms\": %.2f}",
            level.name, percentile(level.frames, 0.5), percentile(level.frames, 0.99),
            percentile(level.pans, 0.5), percentile(level.pans, 0.99), percentile(level.zooms, 0.5),
            percentile(level.zooms, 0.99), percentile(level.cpu, 0.5), percentile(level.cpu, 0.99));
    std::printf("}\n");
    return 0;
}
