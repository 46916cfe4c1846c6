// A demo workspace for tests: tiny demo data (tenkai-cli demo-data's generator), the demo flow and
// an inventory of local sites on free ports, with the flow tuned to train in seconds; the daemons the
// flow starts are killed when it goes. Tests that use it define TENKAID (the built tenkaid).
#pragma once

#include "daemon_runs.h"
#include "fleet/inventory.h"
#include "flow/demo_workspace.h"
#include "flow/executor.h"
#include "flow/flow_file.h"
#include "teacher_data.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <csignal>
#include <memory>

namespace tenkai::test {

using namespace Qt::StringLiterals;
using flow::DemoSiteSpec;
using flow::FlowGraph;
using flow::RunOptions;

inline QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

// The workspace of the demo with tiny data and a flow tuned to train in seconds.
struct Workspace
{
    QTemporaryDir dir;
    fleet::Inventory inventory;
    std::unique_ptr<FlowGraph> graph;

    QString path(const QString &relative) const { return dir.filePath(relative); }
    QString siteRoot(const QString &site) const { return dir.filePath(u"sites/"_s + site); }

    bool make(int sites)
    {
        train::DemoDataRequest request;
        request.outDir = dir.filePath(u"data"_s).toStdString();
        request.sites = sites;
        request.genericImages = 2000;
        request.siteTrainImages = 100;
        request.siteTestImages = 100;
        auto made = train::generateDemoData(request);
        if (!made) {
            qWarning("demo data: %s", made.error().message().c_str());
            return false;
        }
        QList<DemoSiteSpec> specs;
        for (const auto &s : made.value().sites)
            specs.append({QString::fromStdString(s.name), QString::fromStdString(s.condition)});
        // Free ports, one apart at least.
        const int base = test::freePort();
        if (const QString error = flow::writeDemoWorkspace(dir.path(), specs, base); !error.isEmpty()) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        // The sites' data where the flow expects it (ROOT is sites/NAME), the generic set as the flow names
        // it.
        QDir().mkpath(dir.filePath(u"sites"_s));
        for (const auto &s : made.value().sites)
            if (!QDir().rename(QString::fromStdString(s.folder.string()),
                               siteRoot(QString::fromStdString(s.name))))
                return false;
        if (!QDir().rename(dir.filePath(u"data/generic"_s), dir.filePath(u"generic"_s)))
            return false;
        auto inventory = fleet::loadInventory(dir.filePath(u"inventory.yaml"_s));
        if (!inventory)
            return false;
        this->inventory = inventory.value();
        // Each site's own free port (the base's neighbours may be taken).
        for (auto &site : this->inventory.sites)
            site.daemonPort = test::freePort();
        auto read = flow::loadFlow(dir.filePath(u"demo.tenkai-flow.json"_s));
        if (!read)
            return false;
        graph = read.take();
        graph->setParamUnchecked(u"pretrain"_s, u"limit"_s, 2000);
        graph->setParamUnchecked(u"pretrain"_s, u"epochs"_s, 1);
        graph->setParamUnchecked(u"train"_s, u"epochs"_s, 2);
        graph->setParamUnchecked(u"daemon"_s, u"binary"_s, QStringLiteral(TENKAID));
        return true;
    }

    // Stops the daemon the flow started on a site (its pid file is ROOT/run/tenkaid.pid).
    void stopDaemon(const QString &site) const
    {
        QFile pidFile(siteRoot(site) + u"/run/tenkaid.pid"_s);
        if (pidFile.open(QIODevice::ReadOnly))
            if (const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong()); pid > 0)
                ::kill(pid, SIGKILL);
    }

    void stopDaemons()
    {
        for (const auto &site : inventory.sites)
            stopDaemon(site.name);
    }

    ~Workspace() { stopDaemons(); }
};

inline RunOptions optionsFor(const Workspace &w)
{
    RunOptions o;
    o.workspace = w.dir.path();
    o.inventoryDir = w.dir.path();
    o.ssh.knownHosts = w.path(u"known_hosts"_s);
    o.flowKey = w.path(u"demo.tenkai-flow.json"_s);
    o.threads = 1;
    return o;
}

} // namespace tenkai::test
