// The flow file, *.tenkai-flow.json (docs/formats.md, "Flow"):
//   {"format":"tenkai-flow","version":1,"name":...,"nodes":[{"id","type","title","pos":[x,y],
//    "params":{},"targets":"cloud"|"group:NAME"|"site:NAME"|[...]}],
//    "links":[{"from":[nodeId,port],"to":[nodeId,port]}]}
//
// Reading migrates older versions step by step (a table of functions from version N to N + 1), keeps
// the fields it does not know (at the top level, per node and per link) and writes them back. What it
// cannot read is refused with the JSON path of the problem:
//   nodes[3].params.epochs: expected integer 1..1000, got "ten"
// A parameter of the right JSON type but out of its range is read (validation.h reports it), so an
// editor can open the flow and mark the node.
#pragma once

#include "flow/graph.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <functional>
#include <map>
#include <memory>
#include <variant>

namespace tenkai::flow {

inline constexpr int kFlowFormatVersion = 1;

struct FlowFileError
{
    QString path;    // "nodes[3].params.epochs"; empty for the document as a whole
    QString message; // "expected integer 1..1000, got \"ten\""

    // "path: message", or the message alone.
    QString text() const;
};

// Turns a document of version N into version N + 1 in place; an error when it cannot.
using FlowMigration = std::function<std::optional<FlowFileError>(QJsonObject &document)>;

struct FlowReadOptions
{
    // The version this reader produces, and the migrations keyed by the version they start from.
    int currentVersion = kFlowFormatVersion;
    std::map<int, FlowMigration> migrations;

    // The built-in table (empty while version 1 is the only one).
    static FlowReadOptions defaults();
};

class FlowReadResult
{
public:
    FlowReadResult(std::unique_ptr<FlowGraph> graph) : m_graph(std::move(graph)) {}
    FlowReadResult(FlowFileError error) : m_error(std::move(error)) {}

    bool ok() const { return m_graph != nullptr; }
    explicit operator bool() const { return ok(); }
    std::unique_ptr<FlowGraph> take() { return std::move(m_graph); }
    FlowGraph &graph() { return *m_graph; }
    const FlowFileError &error() const { return m_error; }

private:
    std::unique_ptr<FlowGraph> m_graph;
    FlowFileError m_error;
};

// Reads a flow from JSON text / from a file (the file's name is not part of the error's path).
FlowReadResult readFlow(const QByteArray &json, const FlowReadOptions &options = FlowReadOptions::defaults());
FlowReadResult loadFlow(const QString &fileName,
                        const FlowReadOptions &options = FlowReadOptions::defaults());

// The flow as JSON text: keys in the documented order, unknown fields after the known ones, two-space
// indentation, one line per link. Reading it back gives an equal graph, and writing that gives the
// same bytes.
QByteArray flowToJson(const FlowGraph &graph);

// Writes the file atomically (QSaveFile); the error says why it could not.
std::optional<FlowFileError> saveFlow(const FlowGraph &graph, const QString &fileName);

} // namespace tenkai::flow
