// Validation of a flow: every problem attached to its node (and port or parameter), so an editor can
// mark it, with one translated sentence saying what is wrong.
#pragma once

#include "flow/graph.h"

#include <QString>
#include <vector>

namespace tenkai::fleet {
struct Inventory;
}

namespace tenkai::flow {

enum class Severity
{
    Error,   // the flow cannot run
    Warning, // it can run, but probably not as meant (an unknown parameter, say)
};

enum class ProblemKind
{
    Cycle,           // the node is on a cycle (the message names the nodes on it)
    DanglingLink,    // a link names a node or a port that does not exist
    MistypedLink,    // a link joins ports of incompatible types
    TooManyLinks,    // an input that takes one link has several
    MissingInput,    // a required input has no link
    UnknownNodeType, // the node's type is not in the catalogue
    MissingParam,    // a required parameter is absent or empty
    BadParam,        // a parameter of the wrong type or out of its range
    UnknownParam,    // a parameter the node type does not have (warning)
    BadTarget,       // a target the node's kind cannot take, or none where one is needed
    UnknownTarget,   // a target names a site or group absent from the inventory
};

struct Problem
{
    Severity severity = Severity::Error;
    ProblemKind kind = ProblemKind::BadParam;
    QString node;    // the node it concerns (empty: the flow as a whole)
    QString port;    // the port it concerns, if any
    QString param;   // the parameter it concerns, if any
    QString message; // one translated sentence
};

// Every problem of the flow, node by node in the flow's order (links after the nodes they concern).
// With an inventory, targets are also checked against its sites and groups; without one (nullptr)
// that check is skipped.
std::vector<Problem> validateFlow(const FlowGraph &graph, const fleet::Inventory *inventory = nullptr);

// Whether any problem is an error.
bool hasErrors(const std::vector<Problem> &problems);

} // namespace tenkai::flow
