// A large flow for the benchmarks: N copies of the paper's pipeline (ten nodes, nine links each),
// per-site nodes targeting the group "edges".
#pragma once

#include "flow/graph.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointF>
#include <QString>

namespace tenkai::bench {

// One copy of the paper's pipeline, its ids prefixed "gN-", placed at `at`.
inline void addPaperGroup(flow::FlowGraph &graph, int g, QPointF at)
{
    using flow::Endpoint;
    const QString p = QStringLiteral("g%1-").arg(g);
    struct N
    {
        const char *id;
        const char *type;
        qreal x, y;
    };
    const N nodes[] = {{"note", "note", 0, -180},
                       {"pretrain", "pretrain", 0, 0},
                       {"provision", "provision-edge", 0, 200},
                       {"daemon", "install-daemon", 260, 200},
                       {"deploy", "deploy-model", 520, 100},
                       {"teacher", "generate-teacher-data", 520, 300},
                       {"train", "train-ensemble", 780, 200},
                       {"evaluate", "evaluate", 1040, 200},
                       {"report", "collect-report", 1300, 200},
                       {"wait", "wait-until", 1300, 0}};
    for (const N &n : nodes) {
        const QString type = QString::fromLatin1(n.type);
        (void)graph.addNode(type, at + QPointF(n.x, n.y), p + QString::fromLatin1(n.id));
        if (type != QLatin1String("note") && type != QLatin1String("pretrain") &&
            type != QLatin1String("collect-report"))
            (void)graph.setTargets(p + QString::fromLatin1(n.id), {QStringLiteral("group:edges")});
    }
    (void)graph.setParam(p + QStringLiteral("note"), QStringLiteral("text"),
                         QStringLiteral("Group %1: pretrain, provision, deploy, fine-tune an ensemble of 5 "
                                        "on every edge, evaluate and collect.")
                             .arg(g));
    (void)graph.setParam(
        p + QStringLiteral("provision"), QStringLiteral("recipe"),
        QJsonArray{QJsonObject{{QStringLiteral("directory"), QStringLiteral("{{ root }}/models")}},
                   QJsonObject{{QStringLiteral("package"), QStringLiteral("libopenblas0-openmp")}}});
    const auto link = [&](const char *a, const char *ap, const char *b, const char *bp) {
        (void)graph.link(Endpoint{p + QString::fromLatin1(a), QString::fromLatin1(ap)},
                         Endpoint{p + QString::fromLatin1(b), QString::fromLatin1(bp)});
    };
    link("provision", "sites", "daemon", "sites");
    link("pretrain", "model", "deploy", "model");
    link("daemon", "sites", "deploy", "sites");
    link("deploy", "sites", "teacher", "after");
    link("deploy", "model", "train", "model");
    link("teacher", "data", "train", "data");
    link("train", "model", "evaluate", "model");
    link("evaluate", "report", "report", "reports");
    link("evaluate", "report", "wait", "report");
}

// `groups` copies in a grid (50 groups: 500 nodes).
inline void addPaperGroups(flow::FlowGraph &graph, int groups)
{
    for (int g = 0; g < groups; ++g)
        addPaperGroup(graph, g, QPointF((g % 5) * 1700.0, (g / 5) * 700.0));
}

} // namespace tenkai::bench
