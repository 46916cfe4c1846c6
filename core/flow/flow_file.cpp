#include "flow/flow_file.h"

#include "common/read_limited.h"
#include "flow/catalogue.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <cmath>

namespace tenkai::flow {

namespace {

class FlowFileText
{
    Q_DECLARE_TR_FUNCTIONS(FlowFileText)
};

const QString kFormat = QStringLiteral("tenkai-flow");

FlowFileError expected(const QString &path, const QString &what, const QJsonValue &got)
{
    return {path, FlowFileText::tr("expected %1, got %2").arg(what, jsonText(got))};
}

bool isInteger(const QJsonValue &v)
{
    // In range before the conversion (found by fuzz_flow: 1.9e41 to qint64 is undefined behaviour);
    // 2^53 is where doubles stop holding every whole number.
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::fabs(d) <= 9007199254740992.0 && d == std::trunc(d);
}

// --- Writing ---------------------------------------------------------------------------------------

QByteArray quoted(const QString &s)
{
    return jsonText(QJsonValue(s)).toUtf8();
}

bool isScalar(const QJsonValue &v)
{
    return !v.isArray() && !v.isObject();
}

void writeValue(QByteArray &out, const QJsonValue &value, int indent);

void writeMember(QByteArray &out, const QString &key, const QJsonValue &value, int indent, bool last)
{
    out += QByteArray(indent, ' ') + quoted(key) + ": ";
    writeValue(out, value, indent);
    out += last ? "\n" : ",\n";
}

void writeValue(QByteArray &out, const QJsonValue &value, int indent)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        qsizetype i = 0;
        for (auto it = object.begin(); it != object.end(); ++it, ++i)
            writeMember(out, it.key(), it.value(), indent + 2, i == object.size() - 1);
        out += QByteArray(indent, ' ') + "}";
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        bool flat = true;
        for (const QJsonValue &v : array)
            flat = flat && isScalar(v);
        if (flat) {
            out += "[";
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (i > 0)
                    out += ", ";
                out += jsonText(array[i]).toUtf8();
            }
            out += "]";
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += QByteArray(indent + 2, ' ');
            writeValue(out, array[i], indent + 2);
            out += i == array.size() - 1 ? "\n" : ",\n";
        }
        out += QByteArray(indent, ' ') + "]";
        return;
    }
    out += jsonText(value).toUtf8();
}

// An object with its keys in a given order.
using Ordered = std::vector<std::pair<QString, QJsonValue>>;

void writeOrdered(QByteArray &out, const Ordered &members, int indent)
{
    out += "{\n";
    for (size_t i = 0; i < members.size(); ++i)
        writeMember(out, members[i].first, members[i].second, indent + 2, i + 1 == members.size());
    out += QByteArray(indent, ' ') + "}";
}

void appendExtra(Ordered &members, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        members.emplace_back(it.key(), it.value());
}

QByteArray endpointText(const Endpoint &e)
{
    return "[" + quoted(e.node) + ", " + quoted(e.port) + "]";
}

// --- Reading ---------------------------------------------------------------------------------------

std::optional<FlowFileError> readEndpoint(const QJsonValue &value, const QString &path, Endpoint &out)
{
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.size() != 2 || !array[0].isString() || !array[1].isString() ||
        array[0].toString().isEmpty() || array[1].toString().isEmpty())
        return expected(path, FlowFileText::tr("[nodeId, port]"), value);
    out = Endpoint{array[0].toString(), array[1].toString()};
    return std::nullopt;
}

std::optional<FlowFileError> readTargets(const QJsonValue &value, const QString &path, QStringList &out)
{
    const QString what = FlowFileText::tr("\"cloud\", \"group:NAME\", \"site:NAME\" or a list of them");
    if (value.isString()) {
        const QString bad = checkTargetSyntax(value.toString());
        if (!bad.isEmpty())
            return FlowFileError{path, bad};
        out = QStringList{value.toString()};
        return std::nullopt;
    }
    if (!value.isArray())
        return expected(path, what, value);
    const QJsonArray array = value.toArray();
    for (qsizetype j = 0; j < array.size(); ++j) {
        const QString at = path + QStringLiteral("[%1]").arg(j);
        if (!array[j].isString())
            return expected(at, what, array[j]);
        const QString bad = checkTargetSyntax(array[j].toString());
        if (!bad.isEmpty())
            return FlowFileError{at, bad};
        out << array[j].toString();
    }
    return std::nullopt;
}

std::optional<FlowFileError> readNode(const QJsonValue &value, const QString &path, Node &node)
{
    if (!value.isObject())
        return expected(path, FlowFileText::tr("a node object"), value);
    const QJsonObject object = value.toObject();
    static const QStringList known{QStringLiteral("id"),     QStringLiteral("type"),
                                   QStringLiteral("title"),  QStringLiteral("pos"),
                                   QStringLiteral("params"), QStringLiteral("targets")};
    const QJsonValue id = object.value(QStringLiteral("id"));
    if (!id.isString() || id.toString().isEmpty())
        return expected(path + QStringLiteral(".id"), FlowFileText::tr("a non-empty text"), id);
    node.id = id.toString();
    const QJsonValue type = object.value(QStringLiteral("type"));
    if (!type.isString() || type.toString().isEmpty())
        return expected(path + QStringLiteral(".type"), FlowFileText::tr("a node type"), type);
    node.type = type.toString();
    const QJsonValue title = object.value(QStringLiteral("title"));
    if (!title.isUndefined() && !title.isString())
        return expected(path + QStringLiteral(".title"), FlowFileText::tr("text"), title);
    node.title = title.toString();
    const QJsonValue pos = object.value(QStringLiteral("pos"));
    if (!pos.isUndefined()) {
        const QJsonArray xy = pos.toArray();
        if (!pos.isArray() || xy.size() != 2 || !xy[0].isDouble() || !xy[1].isDouble())
            return expected(path + QStringLiteral(".pos"), FlowFileText::tr("[x, y] numbers"), pos);
        node.pos = QPointF(xy[0].toDouble(), xy[1].toDouble());
    }
    const QJsonValue params = object.value(QStringLiteral("params"));
    if (!params.isUndefined() && !params.isObject())
        return expected(path + QStringLiteral(".params"), FlowFileText::tr("an object"), params);
    node.params = params.toObject();
    if (const NodeType *spec = Catalogue::instance().find(node.type)) {
        for (auto it = node.params.begin(); it != node.params.end(); ++it) {
            const ParamSpec *param = spec->param(it.key());
            if (!param)
                continue; // kept; validation warns about it
            const std::vector<ParamIssue> issues = checkParam(*param, it.value(), false);
            if (!issues.empty())
                return FlowFileError{path + QStringLiteral(".params.") + it.key() + issues.front().subPath,
                                     issues.front().message};
        }
    }
    const QJsonValue targets = object.value(QStringLiteral("targets"));
    if (!targets.isUndefined()) {
        if (auto error = readTargets(targets, path + QStringLiteral(".targets"), node.targets))
            return error;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            node.extra.insert(it.key(), it.value());
    }
    return std::nullopt;
}

} // namespace

QString FlowFileError::text() const
{
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

FlowReadOptions FlowReadOptions::defaults()
{
    return FlowReadOptions{};
}

FlowReadResult readFlow(const QByteArray &json, const FlowReadOptions &options)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        return FlowFileError{QString(), FlowFileText::tr("not valid JSON at line %1, column %2: %3")
                                            .arg(line)
                                            .arg(column)
                                            .arg(parseError.errorString())};
    }
    if (!document.isObject())
        return FlowFileError{QString(), FlowFileText::tr("expected a JSON object, got %1")
                                            .arg(document.isArray() ? FlowFileText::tr("an array")
                                                                    : FlowFileText::tr("nothing"))};
    QJsonObject root = document.object();
    const QJsonValue format = root.value(QStringLiteral("format"));
    if (format.toString() != kFormat || !format.isString())
        return expected(QStringLiteral("format"), jsonText(QJsonValue(kFormat)), format);
    const QJsonValue versionValue = root.value(QStringLiteral("version"));
    if (!isInteger(versionValue) || versionValue.toInteger() < 1)
        return expected(QStringLiteral("version"),
                        FlowFileText::tr("integer 1..%1").arg(options.currentVersion), versionValue);
    int version = int(versionValue.toInteger());
    if (version > options.currentVersion)
        return FlowFileError{QStringLiteral("version"),
                             FlowFileText::tr("version %1 is newer than this Tenkai reads (up to %2)")
                                 .arg(version)
                                 .arg(options.currentVersion)};
    while (version < options.currentVersion) {
        const auto migration = options.migrations.find(version);
        if (migration == options.migrations.end())
            return FlowFileError{
                QStringLiteral("version"),
                FlowFileText::tr("no migration from version %1 to %2").arg(version).arg(version + 1)};
        if (auto error = migration->second(root))
            return *error;
        ++version;
        root.insert(QStringLiteral("version"), version);
    }

    auto graph = std::make_unique<FlowGraph>();
    const QJsonValue name = root.value(QStringLiteral("name"));
    if (!name.isUndefined() && !name.isString())
        return expected(QStringLiteral("name"), FlowFileText::tr("text"), name);
    graph->setName(name.toString());

    const QJsonValue nodes = root.value(QStringLiteral("nodes"));
    if (!nodes.isArray())
        return expected(QStringLiteral("nodes"), FlowFileText::tr("a list of nodes"), nodes);
    const QJsonArray nodeArray = nodes.toArray();
    QHash<QString, qsizetype> firstIndex;
    for (qsizetype i = 0; i < nodeArray.size(); ++i) {
        const QString path = QStringLiteral("nodes[%1]").arg(i);
        Node node;
        if (auto error = readNode(nodeArray[i], path, node))
            return *error;
        if (firstIndex.contains(node.id))
            return FlowFileError{path + QStringLiteral(".id"),
                                 FlowFileText::tr("\"%1\" is the id of nodes[%2] already")
                                     .arg(node.id)
                                     .arg(firstIndex.value(node.id))};
        firstIndex.insert(node.id, i);
        (void)graph->insertNode(node);
    }

    const QJsonValue links = root.value(QStringLiteral("links"));
    if (!links.isUndefined() && !links.isArray())
        return expected(QStringLiteral("links"), FlowFileText::tr("a list of links"), links);
    const QJsonArray linkArray = links.toArray();
    QHash<QString, qsizetype> firstLink;
    for (qsizetype i = 0; i < linkArray.size(); ++i) {
        const QString path = QStringLiteral("links[%1]").arg(i);
        if (!linkArray[i].isObject())
            return expected(path, FlowFileText::tr("a link object"), linkArray[i]);
        const QJsonObject object = linkArray[i].toObject();
        Link link;
        if (auto error =
                readEndpoint(object.value(QStringLiteral("from")), path + QStringLiteral(".from"), link.from))
            return *error;
        if (auto error =
                readEndpoint(object.value(QStringLiteral("to")), path + QStringLiteral(".to"), link.to))
            return *error;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() != QLatin1String("from") && it.key() != QLatin1String("to"))
                link.extra.insert(it.key(), it.value());
        }
        if (firstLink.contains(link.id()))
            return FlowFileError{
                path, FlowFileText::tr("the same link as links[%1]").arg(firstLink.value(link.id()))};
        firstLink.insert(link.id(), i);
        (void)graph->insertLink(link);
    }

    static const QStringList known{QStringLiteral("format"), QStringLiteral("version"),
                                   QStringLiteral("name"), QStringLiteral("nodes"), QStringLiteral("links")};
    QJsonObject extra;
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!known.contains(it.key()))
            extra.insert(it.key(), it.value());
    }
    graph->setExtra(extra);
    return FlowReadResult(std::move(graph));
}

FlowReadResult loadFlow(const QString &fileName, const FlowReadOptions &options)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return FlowFileError{QString(),
                             FlowFileText::tr("cannot read %1: %2").arg(fileName, file.errorString())};
    const auto text = readAtMost(file);
    if (!text)
        return FlowFileError{QString(), FlowFileText::tr("%1 holds more than %2 MB: it is not a flow file")
                                            .arg(fileName)
                                            .arg(kMaxTextInput >> 20)};
    return readFlow(*text, options);
}

QByteArray flowToJson(const FlowGraph &graph)
{
    QByteArray out;
    out += "{\n";
    Ordered top;
    top.emplace_back(QStringLiteral("format"), kFormat);
    top.emplace_back(QStringLiteral("version"), kFlowFormatVersion);
    top.emplace_back(QStringLiteral("name"), graph.name());
    appendExtra(top, graph.extra());
    for (const auto &[key, value] : top) {
        out += "  " + quoted(key) + ": ";
        writeValue(out, value, 2);
        out += ",\n";
    }

    out += "  \"nodes\": [";
    const std::vector<Node> &nodes = graph.nodes();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node &node = nodes[i];
        Ordered members;
        members.emplace_back(QStringLiteral("id"), node.id);
        members.emplace_back(QStringLiteral("type"), node.type);
        if (!node.title.isEmpty())
            members.emplace_back(QStringLiteral("title"), node.title);
        members.emplace_back(QStringLiteral("pos"), QJsonArray{node.pos.x(), node.pos.y()});
        members.emplace_back(QStringLiteral("params"), node.params);
        if (node.targets.size() == 1)
            members.emplace_back(QStringLiteral("targets"), node.targets.front());
        else if (!node.targets.isEmpty())
            members.emplace_back(QStringLiteral("targets"), QJsonArray::fromStringList(node.targets));
        appendExtra(members, node.extra);
        out += i == 0 ? "\n    " : ",\n    ";
        writeOrdered(out, members, 4);
    }
    out += nodes.empty() ? "],\n" : "\n  ],\n";

    out += "  \"links\": [";
    const std::vector<Link> &links = graph.links();
    for (size_t i = 0; i < links.size(); ++i) {
        const Link &link = links[i];
        out += i == 0 ? "\n    " : ",\n    ";
        out += "{\"from\": " + endpointText(link.from) + ", \"to\": " + endpointText(link.to);
        for (auto it = link.extra.begin(); it != link.extra.end(); ++it)
            out += ", " + quoted(it.key()) + ": " + jsonText(it.value()).toUtf8();
        out += "}";
    }
    out += links.empty() ? "]\n" : "\n  ]\n";
    out += "}\n";
    return out;
}

std::optional<FlowFileError> saveFlow(const FlowGraph &graph, const QString &fileName)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return FlowFileError{QString(),
                             FlowFileText::tr("cannot write %1: %2").arg(fileName, file.errorString())};
    const QByteArray json = flowToJson(graph);
    if (file.write(json) != json.size() || !file.commit())
        return FlowFileError{QString(),
                             FlowFileText::tr("cannot write %1: %2").arg(fileName, file.errorString())};
    return std::nullopt;
}

} // namespace tenkai::flow
