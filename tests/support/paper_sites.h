// The paper's scenario for tests: each of N real sshd sites given its own labelled images at
// ROOT/data (tiny demo data), the shipped paper flow made to train in seconds, and the daemons the
// flow starts killed afterwards. Tests that use it define TENKAID and TENKAI_FLOWS_DIR.
#pragma once

#include "flow/flow_file.h"
#include "sshd_sites.h"
#include "teacher_data.h"

#include <QDir>
#include <QFile>
#include <csignal>
#include <functional>
#include <memory>

namespace tenkai::test {

// Puts each site's demo images (50 training, 100 test) at rootOf(i)/data; false on failure.
inline bool placePaperSiteData(const SshdSites &sites, const std::function<QString(int)> &rootOf)
{
    using namespace Qt::StringLiterals;
    train::DemoDataRequest request;
    request.outDir = QString(sites.scratch() + u"/demo"_s).toStdString();
    request.sites = sites.count();
    request.genericImages = 1000;
    request.siteTrainImages = 50;
    request.siteTestImages = 100;
    auto made = train::generateDemoData(request);
    if (!made) {
        qWarning("demo data: %s", made.error().message().c_str());
        return false;
    }
    for (int i = 0; i < sites.count(); ++i)
        if (!QDir().mkpath(rootOf(i)) ||
            !QDir().rename(QString::fromStdString(made.value().sites[std::size_t(i)].folder.string()),
                           rootOf(i) + u"/data"_s))
            return false;
    return true;
}

// The shipped paper flow with LeNet, one pretraining epoch on 1,000 images and `epochs` of
// fine-tuning; the daemon installed is the built tenkaid.
inline std::unique_ptr<flow::FlowGraph> tinyPaperFlow(int epochs)
{
    using namespace Qt::StringLiterals;
    auto read = flow::loadFlow(QStringLiteral(TENKAI_FLOWS_DIR) + u"/paper.tenkai-flow.json"_s);
    if (!read)
        return nullptr;
    auto graph = read.take();
    graph->setParamUnchecked(u"pretrain"_s, u"model"_s, u"lenet"_s);
    graph->setParamUnchecked(u"pretrain"_s, u"epochs"_s, 1);
    graph->setParamUnchecked(u"pretrain"_s, u"limit"_s, 1000);
    graph->setParamUnchecked(u"train"_s, u"model"_s, u"lenet"_s);
    graph->setParamUnchecked(u"train"_s, u"epochs"_s, epochs);
    graph->setParamUnchecked(u"train"_s, u"batch"_s, 25);
    graph->setParamUnchecked(u"train"_s, u"target_accuracy"_s, 0);
    graph->setParamUnchecked(u"daemon"_s, u"binary"_s, QStringLiteral(TENKAID));
    return graph;
}

// Kills the daemons the flow started (ROOT/run/tenkaid.pid) on the first `count` sites.
inline void killPaperDaemons(int count, const std::function<QString(int)> &rootOf)
{
    using namespace Qt::StringLiterals;
    for (int i = 0; i < count; ++i) {
        QFile pidFile(rootOf(i) + u"/run/tenkaid.pid"_s);
        if (pidFile.open(QIODevice::ReadOnly))
            if (const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong()); pid > 0)
                ::kill(pid, SIGKILL);
    }
}

} // namespace tenkai::test
