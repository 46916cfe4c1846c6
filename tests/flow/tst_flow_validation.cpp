// Validation as a data-driven table (each problem, its node, port or parameter, and its message), and
// the example flows of resources/flows, which load, validate clean against their inventories and are
// written in the canonical form.
#include "fleet/inventory.h"
#include "flow/catalogue.h"
#include "flow/flow_file.h"
#include "flow/validation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tenkai::flow;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kPre = R"({"id": "pre", "type": "pretrain", "targets": "cloud"})";
const QByteArray kModelFile =
    R"({"id": "mf", "type": "model-file", "params": {"path": "m.pt"}, "targets": "cloud"})";
const QByteArray kDeploy = R"({"id": "dep", "type": "deploy-model", "targets": "group:g"})";
const QByteArray kTeacher =
    R"({"id": "tea", "type": "generate-teacher-data", "targets": "site:a", "params": {"policies": ["flip", "noise", "cutout"]}})";
const QByteArray kTrain = R"({"id": "tra", "type": "train-ensemble", "targets": "site:a"})";
const QByteArray kEvaluate = R"({"id": "eva", "type": "evaluate", "targets": "site:a"})";

QByteArray provision(const char *id)
{
    return QByteArray(R"({"id": ")") + id +
           R"(", "type": "provision-edge", "params": {"recipe": "r.yaml"}, "targets": "group:g"})";
}

QByteArray link(const char *from, const char *fromPort, const char *to, const char *toPort)
{
    return QByteArray(R"({"from": [")") + from + R"(", ")" + fromPort + R"("], "to": [")" + to + R"(", ")" +
           toPort + R"("]})";
}

QByteArray flow(const QList<QByteArray> &nodes, const QList<QByteArray> &links = {})
{
    return R"({"format": "tenkai-flow", "version": 1, "name": "t", "nodes": [)" + nodes.join(", ") +
           R"(], "links": [)" + links.join(", ") + "]}";
}

const QByteArray kInventory = R"(format: tenkai-inventory
version: 1
sites:
  - name: a
    transport: local
    groups: [g]
  - name: b
    transport: local
    groups: [g]
groups:
  hollow: {children: [nothing]}
)";

QString kindName(ProblemKind kind)
{
    switch (kind) {
    case ProblemKind::Cycle:
        return u"Cycle"_s;
    case ProblemKind::DanglingLink:
        return u"DanglingLink"_s;
    case ProblemKind::MistypedLink:
        return u"MistypedLink"_s;
    case ProblemKind::TooManyLinks:
        return u"TooManyLinks"_s;
    case ProblemKind::MissingInput:
        return u"MissingInput"_s;
    case ProblemKind::UnknownNodeType:
        return u"UnknownNodeType"_s;
    case ProblemKind::MissingParam:
        return u"MissingParam"_s;
    case ProblemKind::BadParam:
        return u"BadParam"_s;
    case ProblemKind::UnknownParam:
        return u"UnknownParam"_s;
    case ProblemKind::BadTarget:
        return u"BadTarget"_s;
    case ProblemKind::UnknownTarget:
        return u"UnknownTarget"_s;
    }
    return {};
}

// "E|Kind|node|port|param|message"
QString describe(const Problem &p)
{
    return QStringList{
        p.severity == Severity::Error ? u"E"_s : u"W"_s, kindName(p.kind), p.node, p.port, p.param, p.message}
        .join(u'|');
}

tenkai::fleet::Inventory inventory()
{
    auto parsed = tenkai::fleet::parseInventory(kInventory, u"inventory.yaml"_s);
    if (!parsed.ok())
        qFatal("inventory: %s", qPrintable(parsed.error().message));
    return parsed.value();
}

} // namespace

class TestFlowValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problems_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("raw"); // node, key, JSON value: set without checks after loading
        QTest::addColumn<bool>("withInventory");
        QTest::addColumn<QStringList>("expected");
        using L = QStringList;
        const QByteArray clean =
            flow({kPre, kDeploy, kTeacher, kTrain, kEvaluate},
                 {link("pre", "model", "dep", "model"), link("dep", "model", "tra", "model"),
                  link("tea", "data", "tra", "data"), link("tra", "model", "eva", "model")});
        QTest::newRow("clean") << clean << L{} << true << L{};
        QTest::newRow("clean without inventory") << clean << L{} << false << L{};
        QTest::newRow("unknown node type")
            << flow({kPre, R"({"id": "x", "type": "warp-drive"})"}) << L{} << true
            << L{u"E|UnknownNodeType|x|||The node type \"warp-drive\" is unknown (known types: pretrain, "
                 u"model-file, "
                 "provision-edge, install-daemon, deploy-model, generate-teacher-data, train-ensemble, "
                 "evaluate, "
                 "collect-report, wait-until, note)."_s};
        const QString cycle = u"The nodes p1 -> p2 -> p3 -> p1 form a cycle; a flow must run one way."_s;
        QTest::newRow("cycle")
            << flow({provision("p0"), provision("p1"), provision("p2"), provision("p3"), provision("p4")},
                    {link("p0", "sites", "p1", "after"), link("p1", "sites", "p2", "after"),
                     link("p2", "sites", "p3", "after"), link("p3", "sites", "p1", "after"),
                     link("p3", "sites", "p4", "after")})
            << L{} << true
            << L{u"E|Cycle|p1|||"_s + cycle, u"E|Cycle|p2|||"_s + cycle, u"E|Cycle|p3|||"_s + cycle};
        QTest::newRow("self link")
            << flow({provision("p1")}, {link("p1", "sites", "p1", "after")}) << L{} << true
            << L{u"E|Cycle|p1|||The nodes p1 -> p1 form a cycle; a flow must run one way."_s};
        QTest::newRow("dangling to") << flow({kPre}, {link("pre", "model", "ghost", "model")}) << L{} << true
                                     << L{u"E|DanglingLink|pre|model||The link from \"pre.model\" leads to "
                                          u"the node \"ghost\", which does "
                                          "not exist."_s};
        QTest::newRow("dangling from")
            << flow({kDeploy}, {link("ghost", "model", "dep", "model")}) << L{} << true
            << L{u"E|DanglingLink|dep|model||The link into \"dep.model\" comes from the node \"ghost\", "
                 u"which "
                 "does not exist."_s,
                 u"E|MissingInput|dep|model||The input \"model\" needs a link (a model)."_s};
        QTest::newRow("dangling both")
            << flow({kPre}, {link("ghost", "model", "spook", "model")}) << L{} << true
            << L{u"E|DanglingLink||||The link ghost.model -> spook.model joins nodes that do not exist."_s};
        QTest::newRow("no such output")
            << flow({kPre, kDeploy}, {link("pre", "weights", "dep", "model")}) << L{} << true
            << L{u"E|DanglingLink|pre|weights||The node \"pre\" has no output \"weights\" (its outputs: model)."_s,
                 u"E|MissingInput|dep|model||The input \"model\" needs a link (a model)."_s};
        QTest::newRow("no such input")
            << flow({kPre, kDeploy}, {link("pre", "model", "dep", "weights")}) << L{} << true
            << L{u"E|DanglingLink|dep|weights||The node \"dep\" has no input \"weights\" (its inputs: model, "
                 "sites, after)."_s,
                 u"E|MissingInput|dep|model||The input \"model\" needs a link (a model)."_s};
        QTest::newRow("mistyped")
            << flow({kTeacher, kEvaluate}, {link("tea", "data", "eva", "model")}) << L{} << true
            << L{u"E|MistypedLink|eva|model||The input \"model\" takes a model, but the link brings a "
                 u"dataset "
                 "from \"tea.data\"."_s,
                 u"E|MissingInput|eva|model||The input \"model\" needs a link (a model)."_s};
        QTest::newRow("too many links")
            << flow({kPre, kModelFile, kDeploy},
                    {link("pre", "model", "dep", "model"), link("mf", "model", "dep", "model")})
            << L{} << true
            << L{u"E|TooManyLinks|dep|model||The input \"model\" takes one link but has several."_s};
        QTest::newRow("missing inputs")
            << flow({kTrain}) << L{} << true
            << L{u"E|MissingInput|tra|model||The input \"model\" needs a link (a model)."_s,
                 u"E|MissingInput|tra|data||The input \"data\" needs a link (a dataset)."_s};
        QTest::newRow("missing param")
            << flow({R"({"id": "mf", "type": "model-file", "targets": "cloud"})"}) << L{} << true
            << L{u"E|MissingParam|mf||path|The parameter \"path\" is required."_s};
        QTest::newRow("empty param")
            << flow({R"({"id": "mf", "type": "model-file", "params": {"path": ""}, "targets": "cloud"})"})
            << L{} << true << L{u"E|MissingParam|mf||path|The parameter \"path\" must not be empty."_s};
        QTest::newRow("out of range")
            << flow({R"({"id": "pre", "type": "pretrain", "params": {"epochs": 5000}, "targets": "cloud"})"})
            << L{} << true << L{u"E|BadParam|pre||epochs|epochs: expected integer 1..1000, got 5000"_s};
        QTest::newRow("wrong type") << flow({kPre}) << L{u"pre"_s, u"lr"_s, u"\"fast\""_s} << true
                                    << L{u"E|BadParam|pre||lr|lr: expected number 1e-06..10, got \"fast\""_s};
        QTest::newRow("bad choice")
            << flow({R"({"id": "pre", "type": "pretrain", "params": {"device": "tpu"}, "targets": "cloud"})"})
            << L{} << true
            << L{u"E|BadParam|pre||device|device: expected one of auto, cpu, cuda, got \"tpu\""_s};
        QTest::newRow("bad policy")
            << flow(
                   {R"({"id": "tea", "type": "generate-teacher-data", "targets": "site:a", "params": {"policies": ["flip", "rotate:abc"]}})"})
            << L{} << true
            << L{u"E|BadParam|tea||policies|policies[1]: rotate: expected degrees 0..180 or low/high in "
                 u"-180..180, "
                 "got \"abc\""_s};
        QTest::newRow("unknown param")
            << flow({R"({"id": "pre", "type": "pretrain", "params": {"speed": 1}, "targets": "cloud"})"})
            << L{} << true
            << L{u"W|UnknownParam|pre||speed|A Pretrain node has no parameter \"speed\"; it is kept but not used."_s};
        QTest::newRow("cloud node on a site")
            << flow({R"({"id": "pre", "type": "pretrain", "targets": "site:a"})"}) << L{} << true
            << L{u"E|BadTarget|pre|||A Pretrain node runs on the console's machine: its only target is \"cloud\"."_s};
        QTest::newRow("site node on cloud")
            << flow(
                   {R"({"id": "dep", "type": "provision-edge", "params": {"recipe": "r.yaml"}, "targets": "cloud"})"})
            << L{} << true
            << L{u"E|BadTarget|dep|||A Provision edge node runs on sites: name sites or groups, not \"cloud\"."_s};
        QTest::newRow("no targets")
            << flow({R"({"id": "p", "type": "provision-edge", "params": {"recipe": "r.yaml"}})"}) << L{}
            << true << L{u"E|BadTarget|p|||A Provision edge node needs targets (sites or groups)."_s};
        QTest::newRow("no targets, no sites link")
            << flow({R"({"id": "i", "type": "install-daemon"})"}) << L{} << true
            << L{u"E|BadTarget|i|||A Install daemon node needs targets (sites or groups) or a link into its "
                 "\"sites\" input."_s};
        QTest::newRow("targets from the sites link")
            << flow({provision("p"), R"({"id": "i", "type": "install-daemon"})"},
                    {link("p", "sites", "i", "sites")})
            << L{} << true << L{};
        QTest::newRow("wait for no time")
            << flow(
                   {R"({"id": "w", "type": "wait-until", "params": {"until": "time"}, "targets": "site:a"})"})
            << L{} << true
            << L{u"E|MissingParam|w||time|Waiting until a time needs the parameter \"time\"."_s};
        QTest::newRow("wait for a bad time")
            << flow(
                   {R"({"id": "w", "type": "wait-until", "params": {"until": "time", "time": "dawn"}, "targets": "site:a"})"})
            << L{} << true
            << L{u"E|BadParam|w||time|time: expected an ISO 8601 date and time or a time of day, got \"dawn\""_s};
        QTest::newRow("wait for a time")
            << flow(
                   {R"({"id": "w", "type": "wait-until", "params": {"until": "time", "time": "2026-12-01T06:00"}, "targets": "site:a"})"})
            << L{} << true << L{};
        QTest::newRow("note with targets")
            << flow({R"({"id": "n", "type": "note", "targets": "site:a"})"}) << L{} << true
            << L{u"E|BadTarget|n|||A Note node runs nowhere and takes no targets."_s};
        const QByteArray strangers =
            flow({R"({"id": "p", "type": "provision-edge", "params": {"recipe": "r.yaml"},
            "targets": ["site:a", "site:zz", "group:g", "group:nope", "group:hollow"]})"});
        QTest::newRow("unknown site and group")
            << strangers << L{} << true
            << L{u"E|UnknownTarget|p|||The site \"zz\" is not in the inventory (its sites: a, b)."_s,
                 u"E|UnknownTarget|p|||The group \"nope\" is not in the inventory (its groups: g, hollow, "
                 "nothing)."_s,
                 u"W|UnknownTarget|p|||The group \"hollow\" has no sites in the inventory."_s};
        QTest::newRow("no inventory, no target check") << strangers << L{} << false << L{};
        QTest::newRow("members and policies")
            << flow(
                   {kModelFile, kTeacher,
                    R"({"id": "tra", "type": "train-ensemble", "targets": "site:a", "params": {"members": 5}})"},
                   {link("mf", "model", "tra", "model"), link("tea", "data", "tra", "data")})
            << L{} << true
            << L{u"W|BadParam|tra||members|The ensemble has 5 members but the teacher data of \"tea\" has 3 "
                 "policies; members repeat or skip policies."_s};
    }

    void problems()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, raw);
        QFETCH(bool, withInventory);
        QFETCH(QStringList, expected);
        FlowReadResult r = readFlow(json);
        QVERIFY2(r.ok(), qPrintable(r.error().text()));
        if (!raw.isEmpty()) {
            const QJsonValue value = QJsonDocument::fromJson("[" + raw[2].toUtf8() + "]").array().at(0);
            QCOMPARE(r.graph().setParamUnchecked(raw[0], raw[1], value), QString());
        }
        const tenkai::fleet::Inventory inv = inventory();
        const std::vector<Problem> problems = validateFlow(r.graph(), withInventory ? &inv : nullptr);
        QStringList got;
        for (const Problem &p : problems)
            got << describe(p);
        QCOMPARE(got, expected);
        bool errors = false;
        for (const QString &e : expected)
            errors = errors || e.startsWith(u'E');
        QCOMPARE(hasErrors(problems), errors);
    }

    void editedGraphsValidateToo()
    {
        // Problems follow edits: a flow built through the editing API and then broken.
        FlowGraph g;
        QVERIFY(g.addNode(u"model-file"_s, {}, u"mf"_s).isEmpty());
        QCOMPARE(validateFlow(g).size(), size_t(1)); // path is required and has no default
        QVERIFY(g.setParam(u"mf"_s, u"path"_s, u"a.pt"_s).isEmpty());
        QVERIFY(validateFlow(g).empty());
        QVERIFY(g.addNode(u"evaluate"_s, {}, u"eva"_s).isEmpty());
        QVERIFY(g.setTargets(u"eva"_s, {u"site:a"_s}).isEmpty());
        QCOMPARE(validateFlow(g).front().kind, ProblemKind::MissingInput);
        QVERIFY(g.link({u"mf"_s, u"model"_s}, {u"eva"_s, u"model"_s}).isEmpty());
        QVERIFY(validateFlow(g).empty());
    }

    void examples_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<QString>("inventory");
        QTest::addColumn<int>("sites");
        QTest::addColumn<int>("members");
        QTest::newRow("demo") << u"demo.tenkai-flow.json"_s << u"demo-inventory.yaml"_s << 3 << 3;
        QTest::newRow("paper") << u"paper.tenkai-flow.json"_s << u"paper-inventory.yaml"_s << 10 << 5;
    }

    void examples()
    {
        QFETCH(QString, flow);
        QFETCH(QString, inventory);
        QFETCH(int, sites);
        QFETCH(int, members);
        const QString dir = QStringLiteral(TENKAI_FLOWS_DIR);
        FlowReadResult r = loadFlow(dir + u'/' + flow);
        QVERIFY2(r.ok(), qPrintable(r.error().text()));
        auto inv = tenkai::fleet::loadInventory(dir + u'/' + inventory);
        if (!inv.ok())
            QFAIL(qPrintable(inv.error().message));
        QCOMPARE(int(inv.value().sites.size()), sites);
        const std::vector<Problem> problems = validateFlow(r.graph(), &inv.value());
        QStringList got;
        for (const Problem &p : problems)
            got << describe(p);
        QCOMPARE(got, QStringList{});
        // Every per-site node reaches all the inventory's sites; the ensemble has its members.
        const Node *train = r.graph().node(u"train"_s);
        QVERIFY(train);
        QCOMPARE(train->params.value(u"members"_s).toInt(), members);
        QCOMPARE(r.graph().node(u"pretrain"_s)->targets, QStringList{u"cloud"_s});
        // The file is in the canonical form: saving it gives the same bytes.
        QFile file(dir + u'/' + flow);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(flowToJson(r.graph()), file.readAll());
    }
};

QTEST_GUILESS_MAIN(TestFlowValidation)
#include "tst_flow_validation.moc"
