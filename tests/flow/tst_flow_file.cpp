// *.tenkai-flow.json: byte-stable round trips with unknown fields, migrations, and every kind of bad
// file with the exact JSON path of its problem.
#include "flow/flow_file.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tenkai::flow;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kFlow = R"({
  "format": "tenkai-flow",
  "version": 1,
  "name": "round trip",
  "layout": {"grid": 20, "zoom": 1.5},
  "nodes": [
    {"id": "pre", "type": "pretrain", "title": "Pretrain", "pos": [0, 10.5],
     "params": {"epochs": 3, "lr": 0.05, "model": "lenet", "future_knob": [1, {"a": null}]},
     "targets": "cloud", "color": "#ff0000"},
    {"id": "dep", "type": "deploy-model", "pos": [200, 0], "params": {},
     "targets": ["group:edges", "site:bench"]},
    {"id": "alien", "type": "quantum-teleport", "pos": [400, 0], "params": {"qubits": "many"}},
    {"id": "tea", "type": "generate-teacher-data", "pos": [200, 200],
     "params": {"policies": ["geometric", "hflip:0.5,rotate:10"]}, "targets": "site:bench"}
  ],
  "links": [
    {"from": ["pre", "model"], "to": ["dep", "model"], "bend": [[1, 2]]},
    {"from": ["dep", "model"], "to": ["nowhere", "model"]}
  ]
})";

} // namespace

class TestFlowFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // An endless or huge file is refused after 16 MB, not read into memory.
    void endlessFileIsRefused()
    {
        FlowReadResult r = loadFlow(QStringLiteral("/dev/zero"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().text().contains(QStringLiteral("more than 16 MB")), qPrintable(r.error().text()));
    }

    void readsEveryField()
    {
        FlowReadResult r = readFlow(kFlow);
        QVERIFY2(r.ok(), qPrintable(r.error().text()));
        const FlowGraph &g = r.graph();
        QCOMPARE(g.name(), QStringLiteral("round trip"));
        QCOMPARE(g.extra().value(QStringLiteral("layout")).toObject().value(QStringLiteral("grid")).toInt(),
                 20);
        QCOMPARE(g.nodes().size(), size_t(4));
        const Node *pre = g.node(QStringLiteral("pre"));
        QCOMPARE(pre->type, QStringLiteral("pretrain"));
        QCOMPARE(pre->title, QStringLiteral("Pretrain"));
        QCOMPARE(pre->pos, QPointF(0, 10.5));
        QCOMPARE(pre->params.value(QStringLiteral("epochs")).toInt(), 3);
        QVERIFY(pre->params.contains(QStringLiteral("future_knob"))); // unknown params are kept
        QCOMPARE(pre->targets, QStringList{QStringLiteral("cloud")});
        QCOMPARE(pre->extra.value(QStringLiteral("color")).toString(), QStringLiteral("#ff0000"));
        QCOMPARE(g.node(QStringLiteral("dep"))->targets,
                 (QStringList{QStringLiteral("group:edges"), QStringLiteral("site:bench")}));
        // Unknown types and dangling links are read; validation reports them.
        QCOMPARE(g.node(QStringLiteral("alien"))->params.value(QStringLiteral("qubits")).toString(),
                 QStringLiteral("many"));
        QCOMPARE(g.links().size(), size_t(2));
        QCOMPARE(g.links()[0].extra.value(QStringLiteral("bend")).toArray().size(), 1);
        QCOMPARE(g.links()[1].to.node, QStringLiteral("nowhere"));
    }

    void roundTripIsByteStable()
    {
        FlowReadResult first = readFlow(kFlow);
        QVERIFY(first.ok());
        const QByteArray saved = flowToJson(first.graph());
        FlowReadResult second = readFlow(saved);
        QVERIFY2(second.ok(), qPrintable(second.error().text()));
        QVERIFY(first.graph().sameContent(second.graph()));
        QCOMPARE(flowToJson(second.graph()), saved);
        // The unknown fields are written back.
        QVERIFY(saved.contains("\"layout\""));
        QVERIFY(saved.contains("\"color\": \"#ff0000\""));
        QVERIFY(saved.contains("\"future_knob\""));
        QVERIFY(saved.contains("\"bend\": [[1,2]]"));
        QVERIFY(saved.contains("{\"from\": [\"pre\", \"model\"], \"to\": [\"dep\", \"model\"]"));
    }

    void saveIsAtomicAndLoads()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("x.tenkai-flow.json"));
        FlowGraph g;
        g.setName(QStringLiteral("built"));
        QVERIFY(g.addNode(QStringLiteral("model-file"), {1, 2}, QStringLiteral("m")).isEmpty());
        QVERIFY(
            g.setParam(QStringLiteral("m"), QStringLiteral("path"), QStringLiteral("models/a.pt")).isEmpty());
        QVERIFY(g.addNode(QStringLiteral("deploy-model"), {3, 4}, QStringLiteral("d")).isEmpty());
        QVERIFY(g.setTargets(QStringLiteral("d"), {QStringLiteral("site:a")}).isEmpty());
        QVERIFY(g.link({QStringLiteral("m"), QStringLiteral("model")},
                       {QStringLiteral("d"), QStringLiteral("model")})
                    .isEmpty());
        QVERIFY(!saveFlow(g, file));
        FlowReadResult r = loadFlow(file);
        QVERIFY2(r.ok(), qPrintable(r.error().text()));
        QVERIFY(g.sameContent(r.graph()));
        // Saving over it again gives the same bytes.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), flowToJson(r.graph()));

        const auto error = saveFlow(g, dir.filePath(QStringLiteral("no/such/folder/x.json")));
        QVERIFY(error);
        QVERIFY(error->message.startsWith(QStringLiteral("cannot write ")));
        const FlowReadResult missing = loadFlow(dir.filePath(QStringLiteral("absent.json")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.startsWith(QStringLiteral("cannot read ")));
    }

    void loadingEmitsNodeSignalsOnce()
    {
        FlowReadResult r = readFlow(kFlow);
        QVERIFY(r.ok());
        std::unique_ptr<FlowGraph> g = r.take();
        QSignalSpy moved(g.get(), &FlowGraph::nodeMoved);
        QVERIFY(g->moveNode(QStringLiteral("alien"), {1, 1}).isEmpty());
        QCOMPARE(moved.count(), 1);
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const QByteArray head = R"({"format": "tenkai-flow", "version": 1, "name": "x", )";
        const QByteArray ok = R"({"id": "a", "type": "note"})";
        auto nodes = [&](const QByteArray &list) -> QByteArray {
            return head + "\"nodes\": [" + list + "]}";
        };
        auto links = [&](const QByteArray &list) -> QByteArray {
            return head + "\"nodes\": [" + ok + R"(, {"id": "b", "type": "note"}], "links": [)" + list + "]}";
        };
        QTest::newRow("not json") << QByteArray("{\n  \"format\": \"tenkai-flow\",\n  \"version\" 1\n}")
                                  << u"not valid JSON at line 3, column 14: missing name separator"_s;
        QTest::newRow("array") << QByteArray("[]") << u"expected a JSON object, got an array"_s;
        QTest::newRow("format missing")
            << QByteArray("{}") << u"format: expected \"tenkai-flow\", got nothing"_s;
        QTest::newRow("format wrong") << QByteArray(R"({"format": "tenkai-recipe"})")
                                      << u"format: expected \"tenkai-flow\", got \"tenkai-recipe\""_s;
        QTest::newRow("version missing")
            << QByteArray(R"({"format": "tenkai-flow"})") << u"version: expected integer 1..1, got nothing"_s;
        QTest::newRow("version text") << QByteArray(R"({"format": "tenkai-flow", "version": "1"})")
                                      << u"version: expected integer 1..1, got \"1\""_s;
        QTest::newRow("version zero") << QByteArray(R"({"format": "tenkai-flow", "version": 0})")
                                      << u"version: expected integer 1..1, got 0"_s;
        QTest::newRow("version newer") << QByteArray(R"({"format": "tenkai-flow", "version": 2})")
                                       << u"version: version 2 is newer than this Tenkai reads (up to 1)"_s;
        QTest::newRow("name") << QByteArray(
                                     R"({"format": "tenkai-flow", "version": 1, "name": 7, "nodes": []})")
                              << u"name: expected text, got 7"_s;
        QTest::newRow("nodes missing")
            << head + "\"links\": []}" << u"nodes: expected a list of nodes, got nothing"_s;
        QTest::newRow("nodes object")
            << head + "\"nodes\": {}}" << u"nodes: expected a list of nodes, got {}"_s;
        QTest::newRow("node not object") << nodes(ok + ", 3") << u"nodes[1]: expected a node object, got 3"_s;
        QTest::newRow("id missing") << nodes(R"({"type": "note"})")
                                    << u"nodes[0].id: expected a non-empty text, got nothing"_s;
        QTest::newRow("id empty") << nodes(R"({"id": "", "type": "note"})")
                                  << u"nodes[0].id: expected a non-empty text, got \"\""_s;
        QTest::newRow("id duplicate")
            << nodes(ok + ", " + ok) << u"nodes[1].id: \"a\" is the id of nodes[0] already"_s;
        QTest::newRow("type missing")
            << nodes(R"({"id": "a"})") << u"nodes[0].type: expected a node type, got nothing"_s;
        QTest::newRow("title") << nodes(R"({"id": "a", "type": "note", "title": ["t"]})")
                               << u"nodes[0].title: expected text, got [\"t\"]"_s;
        QTest::newRow("pos short") << nodes(R"({"id": "a", "type": "note", "pos": [1]})")
                                   << u"nodes[0].pos: expected [x, y] numbers, got [1]"_s;
        QTest::newRow("pos text") << nodes(R"({"id": "a", "type": "note", "pos": ["1", 2]})")
                                  << u"nodes[0].pos: expected [x, y] numbers, got [\"1\",2]"_s;
        QTest::newRow("params") << nodes(R"({"id": "a", "type": "note", "params": []})")
                                << u"nodes[0].params: expected an object, got []"_s;
        QTest::newRow("param int text")
            << nodes(ok + ", " + QByteArray(ok).replace("\"a\"", "\"b\"") + ", " +
                     QByteArray(ok).replace("\"a\"", "\"c\"") +
                     R"(, {"id": "t", "type": "train-ensemble", "params": {"epochs": "ten"}})")
            << u"nodes[3].params.epochs: expected integer 1..1000, got \"ten\""_s;
        QTest::newRow("param int fraction")
            << nodes(R"({"id": "t", "type": "train-ensemble", "params": {"batch": 6.5}})")
            << u"nodes[0].params.batch: expected integer 1..65536, got 6.5"_s;
        QTest::newRow("param real")
            << nodes(R"({"id": "t", "type": "train-ensemble", "params": {"lr": "fast"}})")
            << u"nodes[0].params.lr: expected number 1e-06..10, got \"fast\""_s;
        QTest::newRow("param enum")
            << nodes(R"({"id": "t", "type": "train-ensemble", "params": {"device": 0}})")
            << u"nodes[0].params.device: expected one of auto, cpu, cuda, got 0"_s;
        QTest::newRow("param path") << nodes(
                                           R"({"id": "m", "type": "model-file", "params": {"path": false}})")
                                    << u"nodes[0].params.path: expected a path, got false"_s;
        QTest::newRow("param string") << nodes(R"({"id": "n", "type": "note", "params": {"text": {}}})")
                                      << u"nodes[0].params.text: expected text, got {}"_s;
        QTest::newRow("param policies")
            << nodes(R"({"id": "g", "type": "generate-teacher-data", "params": {"policies": "geometric"}})")
            << u"nodes[0].params.policies: expected a list of 1..32 augmentation policies, got \"geometric\""_s;
        QTest::newRow("param policy entry")
            << nodes(R"({"id": "g", "type": "generate-teacher-data", "params": {"policies": ["flip", 2]}})")
            << u"nodes[0].params.policies[1]: expected a policy name or text form, got 2"_s;
        QTest::newRow("param recipe")
            << nodes(R"({"id": "p", "type": "provision-edge", "params": {"recipe": 5}})")
            << u"nodes[0].params.recipe: expected a recipe file or a list of resources, got 5"_s;
        QTest::newRow("param recipe field")
            << nodes(
                   R"({"id": "p", "type": "provision-edge", "params": {"recipe": [{"directory": "d", "mode": [1]}]}})")
            << u"nodes[0].params.recipe[0].mode: expected text, got [1]"_s;
        QTest::newRow("targets number")
            << nodes(R"({"id": "a", "type": "deploy-model", "targets": 3})")
            << u"nodes[0].targets: expected \"cloud\", \"group:NAME\", \"site:NAME\" or a "
               "list of them, got 3"_s;
        QTest::newRow("targets form")
            << nodes(R"({"id": "a", "type": "deploy-model", "targets": "edge01"})")
            << u"nodes[0].targets: The target \"edge01\" is not \"cloud\", \"group:NAME\" or "
               "\"site:NAME\"."_s;
        QTest::newRow("targets entry")
            << nodes(R"({"id": "a", "type": "deploy-model", "targets": ["site:x", 1]})")
            << u"nodes[0].targets[1]: expected \"cloud\", \"group:NAME\", \"site:NAME\" or "
               "a list of them, got 1"_s;
        QTest::newRow("targets empty name")
            << nodes(R"({"id": "a", "type": "deploy-model", "targets": ["group:"]})")
            << u"nodes[0].targets[0]: The target \"group:\" names no group."_s;
        QTest::newRow("links object")
            << head + "\"nodes\": [], \"links\": {}}" << u"links: expected a list of links, got {}"_s;
        QTest::newRow("link not object") << links("[]") << u"links[0]: expected a link object, got []"_s;
        QTest::newRow("link from missing")
            << links(R"({"to": ["b", "x"]})") << u"links[0].from: expected [nodeId, port], got nothing"_s;
        QTest::newRow("link to short") << links(R"({"from": ["a", "x"], "to": ["b"]})")
                                       << u"links[0].to: expected [nodeId, port], got [\"b\"]"_s;
        QTest::newRow("link empty port") << links(R"({"from": ["a", ""], "to": ["b", "x"]})")
                                         << u"links[0].from: expected [nodeId, port], got [\"a\",\"\"]"_s;
        QTest::newRow("link duplicate")
            << links(R"({"from": ["a", "x"], "to": ["b", "y"]}, {"from": ["a", "x"], "to": ["b", "y"]})")
            << u"links[1]: the same link as links[0]"_s;
    }

    void badFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const FlowReadResult r = readFlow(json);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().text(), error);
    }

    void outOfRangeLoadsForValidation()
    {
        const FlowReadResult r = readFlow(
            R"({"format": "tenkai-flow", "version": 1, "nodes": [{"id": "t", "type": "train-ensemble", "params": {"epochs": 5000}}]})");
        QVERIFY2(r.ok(), qPrintable(r.error().text()));
    }

    void migrationsRunInOrder()
    {
        // A reader of version 3 with migrations 1 -> 2 (rename "nodez") and 2 -> 3 (add a name).
        FlowReadOptions options;
        options.currentVersion = 3;
        QStringList ran;
        options.migrations[1] = [&](QJsonObject &doc) -> std::optional<FlowFileError> {
            ran << QStringLiteral("1->2");
            doc.insert(QStringLiteral("nodes"), doc.take(QStringLiteral("nodez")));
            return std::nullopt;
        };
        options.migrations[2] = [&](QJsonObject &doc) -> std::optional<FlowFileError> {
            ran << QStringLiteral("2->3");
            if (doc.value(QStringLiteral("version")).toInt() != 2)
                return FlowFileError{QStringLiteral("version"), QStringLiteral("not 2")};
            doc.insert(QStringLiteral("name"), QStringLiteral("migrated"));
            return std::nullopt;
        };
        FlowReadResult r = readFlow(
            R"({"format": "tenkai-flow", "version": 1, "nodez": [{"id": "a", "type": "note"}]})", options);
        QVERIFY2(r.ok(), qPrintable(r.error().text()));
        QCOMPARE(ran, (QStringList{QStringLiteral("1->2"), QStringLiteral("2->3")}));
        QCOMPARE(r.graph().name(), QStringLiteral("migrated"));
        QVERIFY(r.graph().node(QStringLiteral("a")));

        // A version 2 file skips the first; a missing step and a failing one are refused.
        ran.clear();
        QVERIFY(readFlow(R"({"format": "tenkai-flow", "version": 2, "nodes": []})", options).ok());
        QCOMPARE(ran, QStringList{QStringLiteral("2->3")});
        options.migrations.erase(2);
        QCOMPARE(readFlow(R"({"format": "tenkai-flow", "version": 2, "nodes": []})", options).error().text(),
                 QStringLiteral("version: no migration from version 2 to 3"));
        options.migrations[2] = [](QJsonObject &) -> std::optional<FlowFileError> {
            return FlowFileError{QStringLiteral("nodes[0].kind"), QStringLiteral("cannot be migrated")};
        };
        QCOMPARE(readFlow(R"({"format": "tenkai-flow", "version": 2, "nodes": []})", options).error().text(),
                 QStringLiteral("nodes[0].kind: cannot be migrated"));
        QVERIFY(FlowReadOptions::defaults().migrations.empty());
        QCOMPARE(FlowReadOptions::defaults().currentVersion, kFlowFormatVersion);
    }
};

QTEST_GUILESS_MAIN(TestFlowFile)
#include "tst_flow_file.moc"
