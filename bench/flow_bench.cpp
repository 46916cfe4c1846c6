// Issue 6's figures for the flow engine, one JSON line each:
//  1. load + validate: a 500-node flow (50 copies of the paper's pipeline) read from its JSON text
//     and validated against a 10-site inventory; medians and p99 over N repetitions.
//  2. executor overhead per node per site: a chain of Wait until nodes (a time in the past: the step
//     itself does nothing) on 10 local sites, run by the real executor with its worker threads and
//     history.sqlite; (wall time) / (steps), and the scheduler's own share.
//   flow_bench [--repeat N] [--chain N] [--sites N]
#include "fleet/inventory.h"
#include "flow/executor.h"
#include "flow/flow_file.h"
#include "flow/validation.h"
#include "large_flow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace tenkai;
using namespace Qt::StringLiterals;

namespace {

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size() - 1) + 0.5))];
}

fleet::Inventory inventory(int sites, const QString &group, bool local)
{
    fleet::Inventory inv;
    for (int i = 0; i < sites; ++i) {
        fleet::Site s;
        s.name = u"edge%1"_s.arg(i + 1, 2, 10, QLatin1Char('0'));
        s.host = u"10.0.0.%1"_s.arg(11 + i);
        s.groups = {group};
        if (local) {
            s.transport = fleet::Transport::Local;
            s.root = u"sites/"_s + s.name;
        }
        inv.sites.push_back(s);
    }
    return inv;
}

int intArg(const QStringList &args, const QString &name, int fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int repeat = intArg(args, u"--repeat"_s, 50);
    const int chain = intArg(args, u"--chain"_s, 50);
    const int sites = intArg(args, u"--sites"_s, 10);

    // 1. Load and validate a 500-node flow.
    QByteArray json;
    {
        flow::FlowGraph graph;
        graph.setName(u"500 nodes"_s);
        bench::addPaperGroups(graph, 50);
        json = flow::flowToJson(graph);
    }
    const fleet::Inventory edges = inventory(sites, u"edges"_s, false);
    std::vector<double> loadMs, validateMs, totalMs;
    int nodes = 0, problems = 0;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer t;
        t.start();
        auto read = flow::readFlow(json);
        const qint64 loaded = t.nsecsElapsed();
        if (!read) {
            std::fprintf(stderr, "flow_bench: %s\n", qPrintable(read.error().text()));
            return 1;
        }
        const auto found = flow::validateFlow(read.graph(), &edges);
        const qint64 validated = t.nsecsElapsed();
        nodes = int(read.graph().nodes().size());
        problems = int(found.size());
        if (r == 0 && args.contains(u"--problems"_s))
            for (const auto &p : found)
                std::fprintf(stderr, "%s: %s\n", qPrintable(p.node), qPrintable(p.message));
        loadMs.push_back(double(loaded) / 1e6);
        validateMs.push_back(double(validated - loaded) / 1e6);
        totalMs.push_back(double(validated) / 1e6);
    }
    std::printf("{\"figure\":\"load_validate\",\"nodes\":%d,\"bytes\":%lld,\"problems\":%d,\"repeat\":%d,"
                "\"load_ms_median\":%.2f,\"validate_ms_median\":%.2f,\"total_ms_median\":%.2f,"
                "\"total_ms_p99\":%.2f}\n",
                nodes, qint64(json.size()), problems, repeat, percentile(loadMs, 0.5),
                percentile(validateMs, 0.5), percentile(totalMs, 0.5), percentile(totalMs, 0.99));
    std::fflush(stdout);

    // 2. Executor overhead: a chain of steps that do nothing, on `sites` local sites.
    for (const bool history : {false, true}) {
        QTemporaryDir workspace;
        flow::FlowGraph graph;
        graph.setName(u"chain"_s);
        QString previous;
        for (int i = 0; i < chain; ++i) {
            QString id;
            (void)graph.addNode(u"wait-until"_s, QPointF(i * 200.0, 0), u"w%1"_s.arg(i), &id);
            (void)graph.setParam(id, u"until"_s, u"time"_s);
            (void)graph.setParam(id, u"time"_s, u"2000-01-01T00:00:00"_s);
            (void)graph.setTargets(id, {u"group:local"_s});
            if (!previous.isEmpty())
                (void)graph.link(flow::Endpoint{previous, u"then"_s}, flow::Endpoint{id, u"after"_s});
            previous = id;
        }
        flow::RunOptions options;
        options.workspace = workspace.path();
        options.inventoryDir = workspace.path();
        options.historyFile = history ? QString() : u"-"_s;
        options.forks = sites;
        const fleet::Inventory local = inventory(sites, u"local"_s, true);
        flow::FlowExecutor executor(graph, local, options);
        QEventLoop loop;
        flow::RunSummary summary;
        QObject::connect(&executor, &flow::FlowExecutor::finished, &loop, [&](const flow::RunSummary &s) {
            summary = s;
            loop.quit();
        });
        QElapsedTimer t;
        t.start();
        QString error;
        if (!executor.start(&error)) {
            std::fprintf(stderr, "flow_bench: %s\n", qPrintable(error));
            return 1;
        }
        loop.exec();
        const double wallMs = double(t.nsecsElapsed()) / 1e6;
        const int steps = chain * sites;
        if (summary.done != steps) {
            std::fprintf(stderr, "flow_bench: %d of %d steps done\n", summary.done, steps);
            return 1;
        }
        std::printf("{\"figure\":\"executor_overhead\",\"history\":%s,\"nodes\":%d,\"sites\":%d,\"steps\":%d,"
                    "\"wall_ms\":%.1f,\"ms_per_step\":%.3f,\"scheduler_ms_per_step\":%.4f}\n",
                    history ? "true" : "false", chain, sites, steps, wallMs, wallMs / steps,
                    executor.schedulingMs() / steps);
        std::fflush(stdout);
    }
    return 0;
}
