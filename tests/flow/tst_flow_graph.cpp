// FlowGraph editing operations and their signals, and the node catalogue's schemas, table-driven.
#include "flow/catalogue.h"
#include "flow/graph.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace tenkai::flow;
using namespace Qt::StringLiterals;

namespace {

// A small graph: pretrain -> deploy -> train <- teacher, train -> evaluate.
void build(FlowGraph &g)
{
    QVERIFY(g.addNode(QStringLiteral("pretrain"), {0, 0}, QStringLiteral("pre")).isEmpty());
    QVERIFY(g.addNode(QStringLiteral("deploy-model"), {1, 0}, QStringLiteral("dep")).isEmpty());
    QVERIFY(g.addNode(QStringLiteral("generate-teacher-data"), {1, 1}, QStringLiteral("tea")).isEmpty());
    QVERIFY(g.addNode(QStringLiteral("train-ensemble"), {2, 0}, QStringLiteral("tra")).isEmpty());
    QVERIFY(g.addNode(QStringLiteral("evaluate"), {3, 0}, QStringLiteral("eva")).isEmpty());
    QVERIFY(g.addNode(QStringLiteral("note"), {0, 3}, QStringLiteral("not")).isEmpty());
    QCOMPARE(g.link({u"pre"_s, u"model"_s}, {u"dep"_s, u"model"_s}), QString());
    QCOMPARE(g.link({u"dep"_s, u"model"_s}, {u"tra"_s, u"model"_s}), QString());
    QCOMPARE(g.link({u"tea"_s, u"data"_s}, {u"tra"_s, u"data"_s}), QString());
}

} // namespace

class TestFlowGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addNodeFillsDefaults()
    {
        FlowGraph g;
        QSignalSpy added(&g, &FlowGraph::nodeAdded);
        QString id;
        QCOMPARE(g.addNode(QStringLiteral("train-ensemble"), {10, 20}, {}, &id), QString());
        QCOMPARE(id, QStringLiteral("train-ensemble"));
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.at(0).at(0).toString(), id);
        const Node *n = g.node(id);
        QVERIFY(n);
        QCOMPARE(n->pos, QPointF(10, 20));
        QCOMPARE(n->params.value(QStringLiteral("members")).toInt(), 3);
        QCOMPARE(n->params.value(QStringLiteral("epochs")).toInt(), 5);
        QVERIFY(n->targets.isEmpty());
        // A second one gets a fresh id; cloud nodes get the target "cloud".
        QCOMPARE(g.addNode(QStringLiteral("train-ensemble"), {}, {}, &id), QString());
        QCOMPARE(id, QStringLiteral("train-ensemble-2"));
        QCOMPARE(g.addNode(QStringLiteral("pretrain"), {}, {}, &id), QString());
        QCOMPARE(g.node(id)->targets, QStringList{QStringLiteral("cloud")});
        QCOMPARE(g.nodeIds(), (QStringList{QStringLiteral("train-ensemble"),
                                           QStringLiteral("train-ensemble-2"), QStringLiteral("pretrain")}));
    }

    void refusedEdits_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("why");
        using L = QStringList;
        QTest::newRow("unknown type")
            << u"add"_s << L{u"frobnicate"_s, u"x"_s} << u"There is no node type \"frobnicate\"."_s;
        QTest::newRow("taken id") << u"add"_s << L{u"note"_s, u"pre"_s}
                                  << u"There is a node \"pre\" already."_s;
        QTest::newRow("remove missing") << u"remove"_s << L{u"zzz"_s} << u"There is no node \"zzz\"."_s;
        QTest::newRow("move missing") << u"move"_s << L{u"zzz"_s} << u"There is no node \"zzz\"."_s;
        QTest::newRow("param missing node")
            << u"param"_s << L{u"zzz"_s, u"epochs"_s, u"3"_s} << u"There is no node \"zzz\"."_s;
        QTest::newRow("param unknown") << u"param"_s << L{u"tra"_s, u"speed"_s, u"3"_s}
                                       << u"A Train ensemble node has no parameter \"speed\"."_s;
        QTest::newRow("param out of range") << u"param"_s << L{u"tra"_s, u"epochs"_s, u"5000"_s}
                                            << u"epochs: expected integer 1..1000, got 5000"_s;
        QTest::newRow("param wrong type") << u"param"_s << L{u"tra"_s, u"epochs"_s, u"\"ten\""_s}
                                          << u"epochs: expected integer 1..1000, got \"ten\""_s;
        QTest::newRow("param not integer") << u"param"_s << L{u"tra"_s, u"members"_s, u"2.5"_s}
                                           << u"members: expected integer 1..32, got 2.5"_s;
        QTest::newRow("param enum") << u"param"_s << L{u"tra"_s, u"optimizer"_s, u"\"rmsprop\""_s}
                                    << u"optimizer: expected one of sgd, adam, got \"rmsprop\""_s;
        QTest::newRow("param policy")
            << u"param"_s << L{u"tea"_s, u"policies"_s, u"[\"geometric\", \"rotate:abc\"]"_s}
            << u"policies[1]: rotate: expected degrees 0..180 or low/high in -180..180, "
               "got \"abc\""_s;
        QTest::newRow("param required removed") << u"param"_s << L{u"tea"_s, u"policies"_s, u""_s}
                                                << u"The parameter \"policies\" is required."_s;
        QTest::newRow("target syntax")
            << u"targets"_s << L{u"dep"_s, u"edge01"_s}
            << u"The target \"edge01\" is not \"cloud\", \"group:NAME\" or \"site:NAME\"."_s;
        QTest::newRow("target empty name")
            << u"targets"_s << L{u"dep"_s, u"site:"_s} << u"The target \"site:\" names no site."_s;
        QTest::newRow("cloud node on a site")
            << u"targets"_s << L{u"pre"_s, u"site:a"_s}
            << u"A Pretrain node runs on the console's machine: its only target "
               "is \"cloud\"."_s;
        QTest::newRow("site node on cloud")
            << u"targets"_s << L{u"dep"_s, u"cloud"_s}
            << u"A Deploy model node runs on sites: name sites or groups, not "
               "\"cloud\"."_s;
        QTest::newRow("note targets") << u"targets"_s << L{u"not"_s, u"site:a"_s}
                                      << u"A Note node runs nowhere and takes no targets."_s;
        QTest::newRow("duplicate targets") << u"targets"_s << L{u"dep"_s, u"site:a"_s, u"site:a"_s}
                                           << u"The targets name the same site or group twice."_s;
        QTest::newRow("link missing node")
            << u"link"_s << L{u"zzz"_s, u"model"_s, u"dep"_s, u"model"_s} << u"There is no node \"zzz\"."_s;
        QTest::newRow("link no output") << u"link"_s << L{u"pre"_s, u"sites"_s, u"eva"_s, u"model"_s}
                                        << u"Node \"pre\" has no output \"sites\" (its outputs: model)."_s;
        QTest::newRow("link no input")
            << u"link"_s << L{u"tra"_s, u"model"_s, u"eva"_s, u"weights"_s}
            << u"Node \"eva\" has no input \"weights\" (its inputs: model, data, sites, "
               "after)."_s;
        QTest::newRow("link note") << u"link"_s << L{u"not"_s, u"out"_s, u"eva"_s, u"model"_s}
                                   << u"Node \"not\" has no output \"out\" (its outputs: none)."_s;
        QTest::newRow("link mistyped")
            << u"link"_s << L{u"tea"_s, u"data"_s, u"eva"_s, u"model"_s}
            << u"The output \"data\" gives a dataset, but the input \"model\" takes a "
               "model."_s;
        QTest::newRow("link self") << u"link"_s << L{u"tra"_s, u"model"_s, u"tra"_s, u"model"_s}
                                   << u"A node cannot be linked to itself."_s;
        QTest::newRow("link twice") << u"link"_s << L{u"pre"_s, u"model"_s, u"dep"_s, u"model"_s}
                                    << u"These ports are linked already."_s;
        QTest::newRow("link input full") << u"link"_s << L{u"pre"_s, u"model"_s, u"tra"_s, u"model"_s}
                                         << u"The input \"model\" of node \"tra\" takes one link and has one "
                                            "already."_s;
        QTest::newRow("link cycle") << u"link"_s << L{u"tra"_s, u"model"_s, u"dep"_s, u"after"_s}
                                    << u"This link would close a cycle: node \"dep\" already leads to node "
                                       "\"tra\"."_s;
        QTest::newRow("unlink missing")
            << u"unlink"_s << L{u"a.b->c.d"_s} << u"There is no link \"a.b->c.d\"."_s;
    }

    void refusedEdits()
    {
        QFETCH(QString, op);
        QFETCH(QStringList, args);
        QFETCH(QString, why);
        FlowGraph g;
        build(g);
        QSignalSpy added(&g, &FlowGraph::nodeAdded);
        QSignalSpy removed(&g, &FlowGraph::nodeRemoved);
        QSignalSpy params(&g, &FlowGraph::paramChanged);
        QSignalSpy targets(&g, &FlowGraph::targetsChanged);
        QSignalSpy linked(&g, &FlowGraph::linked);
        QSignalSpy unlinked(&g, &FlowGraph::unlinked);
        const auto before = g.nodes();
        const auto links = g.links();
        QString got;
        if (op == QLatin1String("add"))
            got = g.addNode(args[0], {}, args[1]);
        else if (op == QLatin1String("remove"))
            got = g.removeNode(args[0]);
        else if (op == QLatin1String("move"))
            got = g.moveNode(args[0], {5, 5});
        else if (op == QLatin1String("param"))
            got =
                g.setParam(args[0], args[1],
                           args[2].isEmpty()
                               ? QJsonValue(QJsonValue::Undefined)
                               : QJsonDocument::fromJson((u"["_s + args[2] + u"]"_s).toUtf8()).array().at(0));
        else if (op == QLatin1String("targets"))
            got = g.setTargets(args[0], args.mid(1));
        else if (op == QLatin1String("link"))
            got = g.link({args[0], args[1]}, {args[2], args[3]});
        else if (op == QLatin1String("unlink"))
            got = g.unlink(args[0]);
        QCOMPARE(got, why);
        QVERIFY(g.nodes() == before);
        QVERIFY(g.links() == links);
        QCOMPARE(added.count() + removed.count() + params.count() + targets.count() + linked.count() +
                     unlinked.count(),
                 0);
    }

    void canLinkChangesNothing()
    {
        FlowGraph g;
        build(g);
        QSignalSpy linked(&g, &FlowGraph::linked);
        QCOMPARE(g.canLink({u"tra"_s, u"model"_s}, {u"eva"_s, u"model"_s}), QString());
        QCOMPARE(linked.count(), 0);
        QVERIFY(g.linksInto(QStringLiteral("eva")).empty());
        // Any output may feed a trigger input.
        QCOMPARE(g.canLink({u"tea"_s, u"data"_s}, {u"eva"_s, u"after"_s}), QString());
    }

    void editsEmitFineGrainedSignals()
    {
        FlowGraph g;
        build(g);
        QSignalSpy moved(&g, &FlowGraph::nodeMoved);
        QSignalSpy params(&g, &FlowGraph::paramChanged);
        QSignalSpy titles(&g, &FlowGraph::titleChanged);
        QSignalSpy targets(&g, &FlowGraph::targetsChanged);
        QSignalSpy linked(&g, &FlowGraph::linked);
        QSignalSpy unlinked(&g, &FlowGraph::unlinked);
        QSignalSpy removed(&g, &FlowGraph::nodeRemoved);
        QSignalSpy named(&g, &FlowGraph::nameChanged);

        QCOMPARE(g.moveNode(QStringLiteral("tra"), {7, 8}), QString());
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.at(0).at(0).toString(), QStringLiteral("tra"));
        QCOMPARE(moved.at(0).at(1).toPointF(), QPointF(7, 8));
        QCOMPARE(g.moveNode(QStringLiteral("tra"), {7, 8}), QString()); // no change, no signal
        QCOMPARE(moved.count(), 1);

        QCOMPARE(g.setParam(QStringLiteral("tra"), QStringLiteral("epochs"), 12), QString());
        QCOMPARE(params.count(), 1);
        QCOMPARE(params.at(0).at(0).toString(), QStringLiteral("tra"));
        QCOMPARE(params.at(0).at(1).toString(), QStringLiteral("epochs"));
        QCOMPARE(g.node(QStringLiteral("tra"))->params.value(QStringLiteral("epochs")).toInt(), 12);
        QCOMPARE(g.setParam(QStringLiteral("tra"), QStringLiteral("epochs"), 12), QString());
        QCOMPARE(params.count(), 1);
        QCOMPARE(g.setParam(QStringLiteral("tra"), QStringLiteral("target_accuracy"), QJsonValue()),
                 QString());
        QCOMPARE(params.count(), 2);
        QVERIFY(!g.node(QStringLiteral("tra"))->params.contains(QStringLiteral("target_accuracy")));

        QCOMPARE(g.setTitle(QStringLiteral("tra"), QStringLiteral("Five members")), QString());
        QCOMPARE(titles.count(), 1);
        QCOMPARE(g.node(QStringLiteral("tra"))->title, QStringLiteral("Five members"));

        QCOMPARE(
            g.setTargets(QStringLiteral("tra"), {QStringLiteral("group:edges"), QStringLiteral("site:x")}),
            QString());
        QCOMPARE(targets.count(), 1);
        QCOMPARE(targets.at(0).at(0).toString(), QStringLiteral("tra"));

        QCOMPARE(g.link({u"tra"_s, u"model"_s}, {u"eva"_s, u"model"_s}), QString());
        QCOMPARE(linked.count(), 1);
        QCOMPARE(linked.at(0).at(0).toString(), QStringLiteral("tra.model->eva.model"));
        QVERIFY(g.link(QStringLiteral("tra.model->eva.model")));

        QCOMPARE(g.unlink(QStringLiteral("tra.model->eva.model")), QString());
        QCOMPARE(unlinked.count(), 1);
        QCOMPARE(unlinked.at(0).at(0).toString(), QStringLiteral("tra.model->eva.model"));

        // Removing a node unlinks its links first, then removes it.
        QCOMPARE(g.removeNode(QStringLiteral("tra")), QString());
        QCOMPARE(unlinked.count(), 3);
        QCOMPARE(unlinked.at(1).at(0).toString(), QStringLiteral("dep.model->tra.model"));
        QCOMPARE(unlinked.at(2).at(0).toString(), QStringLiteral("tea.data->tra.data"));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!g.node(QStringLiteral("tra")));
        QCOMPARE(g.links().size(), size_t(1));
        QVERIFY(g.node(QStringLiteral("eva"))); // the index still finds the nodes after it

        g.setName(QStringLiteral("x"));
        g.setName(QStringLiteral("x"));
        QCOMPARE(named.count(), 1);
    }

    void catalogueHasEveryType()
    {
        const Catalogue &c = Catalogue::instance();
        QCOMPARE(c.typeIds(),
                 (QStringList{u"pretrain"_s, u"model-file"_s, u"provision-edge"_s, u"install-daemon"_s,
                              u"deploy-model"_s, u"generate-teacher-data"_s, u"train-ensemble"_s,
                              u"evaluate"_s, u"collect-report"_s, u"wait-until"_s, u"note"_s}));
        for (const NodeType &t : c.types()) {
            QVERIFY2(!t.title().isEmpty(), qPrintable(t.id));
            QVERIFY2(!t.help().isEmpty(), qPrintable(t.id));
            QStringList seen;
            for (const ParamSpec &p : t.params) {
                QVERIFY2(!p.help().isEmpty(), qPrintable(t.id + u"."_s + p.name));
                QVERIFY2(!seen.contains(p.name), qPrintable(t.id + u"."_s + p.name));
                seen << p.name;
                // Every default passes its own schema.
                if (!p.defaultValue.isUndefined() &&
                    !(p.type == ParamType::String && p.defaultValue.toString().isEmpty()))
                    QVERIFY2(checkParam(p, p.defaultValue).empty(), qPrintable(t.id + u"."_s + p.name));
            }
            for (const PortSpec &port : t.inputs)
                QVERIFY2(!port.help().isEmpty(), qPrintable(t.id + u"."_s + port.name));
            for (const PortSpec &port : t.outputs)
                QVERIFY2(!port.help().isEmpty(), qPrintable(t.id + u"."_s + port.name));
        }
    }

    void schemas_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("inputs"); // name:type[!required][*multiple]
        QTest::addColumn<QString>("outputs");
        QTest::addColumn<QString>("params"); // name:type
        QTest::newRow("pretrain") << u"pretrain"_s << u"cloud"_s << u"after:trigger*"_s << u"model:model"_s
                                  << u"model:enum! dataset:enum! data_dir:path epochs:int batch:int lr:real "
                                     "optimizer:enum! device:enum! limit:int output:path!"_s;
        QTest::newRow("model-file") << u"model-file"_s << u"cloud"_s << u""_s << u"model:model"_s
                                    << u"path:path!"_s;
        QTest::newRow("provision-edge") << u"provision-edge"_s << u"site"_s << u"after:trigger*"_s
                                        << u"sites:sites"_s << u"recipe:recipe! forks:int max_failures:int"_s;
        QTest::newRow("install-daemon") << u"install-daemon"_s << u"site"_s << u"sites:sites after:trigger*"_s
                                        << u"sites:sites"_s << u"binary:path remote_path:string! port:int"_s;
        QTest::newRow("deploy-model")
            << u"deploy-model"_s << u"site"_s << u"model:model! sites:sites after:trigger*"_s
            << u"model:model sites:sites"_s << u"remote_path:string!"_s;
        QTest::newRow("generate-teacher-data")
            << u"generate-teacher-data"_s << u"site"_s << u"sites:sites after:trigger*"_s << u"data:dataset"_s
            << u"dataset:enum! data_dir:string! policies:policy-list! seed:int"_s;
        QTest::newRow("train-ensemble")
            << u"train-ensemble"_s << u"site"_s << u"model:model! data:dataset! sites:sites after:trigger*"_s
            << u"model:model sites:sites"_s
            << u"model:enum! members:int epochs:int batch:int lr:real optimizer:enum! "
               "freeze:enum! target_accuracy:real device:enum! ensemble:enum!"_s;
        QTest::newRow("evaluate") << u"evaluate"_s << u"site"_s
                                  << u"model:model! data:dataset sites:sites after:trigger*"_s
                                  << u"report:report"_s << u"test_dir:string limit:int"_s;
        QTest::newRow("collect-report")
            << u"collect-report"_s << u"cloud"_s << u"reports:report!* after:trigger*"_s << u"report:report"_s
            << u"output:path! format:enum!"_s;
        QTest::newRow("wait-until") << u"wait-until"_s << u"site"_s
                                    << u"report:report sites:sites after:trigger*"_s << u"then:trigger"_s
                                    << u"until:enum! accuracy:real time:string timeout:int"_s;
        QTest::newRow("note") << u"note"_s << u"none"_s << u""_s << u""_s << u"text:string"_s;
    }

    void schemas()
    {
        QFETCH(QString, type);
        QFETCH(QString, target);
        QFETCH(QString, inputs);
        QFETCH(QString, outputs);
        QFETCH(QString, params);
        const NodeType *t = Catalogue::instance().find(type);
        QVERIFY(t);
        const QString kind = t->target == TargetKind::Cloud  ? QStringLiteral("cloud")
                             : t->target == TargetKind::None ? QStringLiteral("none")
                                                             : QStringLiteral("site");
        QCOMPARE(kind, target);
        auto ports = [](const std::vector<PortSpec> &list) {
            QStringList out;
            for (const PortSpec &p : list)
                out << p.name + u":"_s + portTypeName(p.type) + (p.required ? u"!"_s : u""_s) +
                           (p.multiple ? u"*"_s : u""_s);
            return out.join(u' ');
        };
        QCOMPARE(ports(t->inputs), inputs);
        QCOMPARE(ports(t->outputs), outputs);
        QStringList ps;
        for (const ParamSpec &p : t->params)
            ps << p.name + u":"_s + paramTypeName(p.type) + (p.required ? u"!"_s : u""_s);
        QCOMPARE(ps.join(u' '), params);
    }

    void paramRanges()
    {
        const NodeType *t = Catalogue::instance().find(QStringLiteral("train-ensemble"));
        const ParamSpec *epochs = t->param(QStringLiteral("epochs"));
        QCOMPARE(epochs->min, 1.0);
        QCOMPARE(epochs->max, 1000.0);
        QCOMPARE(epochs->unit, QStringLiteral("epochs"));
        QCOMPARE(epochs->defaultValue.toInt(), 5);
        QCOMPARE(t->param(QStringLiteral("freeze"))->choices,
                 (QStringList{u"none"_s, u"features"_s, u"all-but-head"_s}));
        QCOMPARE(t->param(QStringLiteral("device"))->choices, (QStringList{u"auto"_s, u"cpu"_s, u"cuda"_s}));
        QCOMPARE(t->param(QStringLiteral("ensemble"))->choices,
                 (QStringList{u"auto"_s, u"threads"_s, u"packed"_s}));
        QVERIFY(t->param(QStringLiteral("model"))->choices.contains(QStringLiteral("lenet")));
        QCOMPARE(t->param(QStringLiteral("target_accuracy"))->max, 1.0);
        const NodeType *teacher = Catalogue::instance().find(QStringLiteral("generate-teacher-data"));
        QCOMPARE(teacher->param(QStringLiteral("policies"))->defaultValue.toArray().size(), 3);
        // Out of range is a problem only when ranges are checked; the wrong type always is.
        QVERIFY(checkParam(*epochs, 5000, false).empty());
        QCOMPARE(checkParam(*epochs, 5000).front().message,
                 QStringLiteral("expected integer 1..1000, got 5000"));
        QCOMPARE(checkParam(*epochs, QStringLiteral("ten"), false).front().message,
                 QStringLiteral("expected integer 1..1000, got \"ten\""));
        const ParamSpec *recipe =
            Catalogue::instance().find(QStringLiteral("provision-edge"))->param(u"recipe"_s);
        QVERIFY(checkParam(*recipe, QStringLiteral("recipes/edge.yaml")).empty());
        QVERIFY(checkParam(*recipe, QJsonArray{QJsonObject{{u"directory"_s, u"{{ root }}/x"_s},
                                                           {u"mode"_s, u"0750"_s}}})
                    .empty());
        const auto bad = checkParam(*recipe, QJsonArray{QJsonObject{{u"folder"_s, u"x"_s}}});
        QCOMPARE(bad.size(), size_t(1));
        QCOMPARE(bad.front().subPath, QStringLiteral("[0]"));
        QVERIFY(bad.front().message.startsWith(
            QStringLiteral("expected a resource with one of directory, file")));
    }
};

QTEST_GUILESS_MAIN(TestFlowGraph)
#include "tst_flow_graph.moc"
