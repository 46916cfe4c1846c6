// The node catalogue: every node type a flow can hold, with its ports, its parameter schema and
// where it runs (the console's "cloud" side or each targeted site).
#pragma once

#include "flow/graph.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <vector>

namespace tenkai::flow {

enum class ParamType
{
    Int,        // an integer in [min, max]
    Real,       // a number in [min, max]
    Bool,       // true or false
    Enum,       // one of `choices`
    String,     // text
    Path,       // a non-empty path (relative to the flow's folder, or absolute on the machine it names)
    PolicyList, // augmentation policies, one per ensemble member: names or text forms (augment.h)
    Recipe,     // a recipe file (path) or an inline list of recipe resources (fleet/recipe.h)
};

QString paramTypeName(ParamType type); // "int", "real", "bool", "enum", "string", "path", ...

enum class TargetKind
{
    None,    // documentation only (Note)
    Cloud,   // runs on the console's machine; its target is "cloud"
    PerSite, // runs on each targeted site
};

struct ParamSpec
{
    QString name;
    ParamType type = ParamType::String;
    QJsonValue defaultValue; // undefined: no default
    double min = 0;          // int, real; for policy-list: the least number of entries
    double max = 0;
    QStringList choices;         // enum
    QString unit;                // "epochs", "images", "min"... (not translated: a symbol or a plain unit)
    const char *helpSource = ""; // translated by help()
    bool required = false;

    QString help() const;
};

struct PortSpec
{
    QString name;
    PortType type = PortType::Trigger;
    bool required = false; // inputs: the node cannot run without a link here
    bool multiple = false; // inputs: takes several links
    const char *helpSource = "";

    QString help() const;
};

struct NodeType
{
    QString id;                   // "train-ensemble"
    const char *titleSource = ""; // translated by title()
    const char *categorySource = "";
    TargetKind target = TargetKind::PerSite;
    std::vector<PortSpec> inputs;
    std::vector<PortSpec> outputs;
    std::vector<ParamSpec> params;
    const char *helpSource = "";

    QString title() const;
    QString category() const;
    QString help() const;
    const ParamSpec *param(const QString &name) const;
    const PortSpec *input(const QString &name) const;
    const PortSpec *output(const QString &name) const;
    // The parameters with a default, as a node's initial params.
    QJsonObject defaultParams() const;
};

class Catalogue
{
public:
    // The built-in node types: pretrain, model-file, provision-edge, install-daemon, deploy-model,
    // generate-teacher-data, train-ensemble, evaluate, collect-report, wait-until, note.
    static const Catalogue &instance();

    const std::vector<NodeType> &types() const { return m_types; }
    const NodeType *find(const QString &id) const;
    QStringList typeIds() const;

private:
    Catalogue();
    std::vector<NodeType> m_types;
};

// Whether an output of type `from` may feed an input of type `to` (same type, or any into trigger).
bool portsCompatible(PortType from, PortType to);

// A JSON value in its compact text form, for messages ("ten" with quotes, 12, [1,2]).
QString jsonText(const QJsonValue &value);

// Problems of a parameter value against its schema: {relative path, message}, the path empty for the
// value itself or "[2]" for an entry of a list. `rangeToo` false checks only what a file must have to
// be readable (the JSON type), true also ranges, choices and policy texts.
struct ParamIssue
{
    QString subPath;
    QString message; // "expected integer 1..1000, got \"ten\""
};
std::vector<ParamIssue> checkParam(const ParamSpec &spec, const QJsonValue &value, bool rangeToo = true);

} // namespace tenkai::flow
