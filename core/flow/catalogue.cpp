#include "flow/catalogue.h"

#include "augment.h"
#include "train_api.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace tenkai::flow {

namespace {

constexpr const char *kContext = "tenkai::flow::Catalogue";

class CatalogueText
{
    Q_DECLARE_TR_FUNCTIONS(CatalogueText)
};

QString translated(const char *source)
{
    return QCoreApplication::translate(kContext, source);
}

QStringList names(const std::vector<std::string> &list)
{
    QStringList out;
    for (const std::string &s : list)
        out << QString::fromStdString(s);
    return out;
}

const QStringList kResourceKinds{QStringLiteral("directory"), QStringLiteral("file"),
                                 QStringLiteral("template"),  QStringLiteral("command"),
                                 QStringLiteral("package"),   QStringLiteral("service"),
                                 QStringLiteral("tenkaid"),   QStringLiteral("model")};

ParamSpec intParam(const QString &name, int def, double min, double max, const QString &unit,
                   const char *help, bool required = false)
{
    ParamSpec p;
    p.name = name;
    p.type = ParamType::Int;
    p.defaultValue = def;
    p.min = min;
    p.max = max;
    p.unit = unit;
    p.helpSource = help;
    p.required = required;
    return p;
}

ParamSpec realParam(const QString &name, double def, double min, double max, const QString &unit,
                    const char *help)
{
    ParamSpec p;
    p.name = name;
    p.type = ParamType::Real;
    p.defaultValue = def;
    p.min = min;
    p.max = max;
    p.unit = unit;
    p.helpSource = help;
    return p;
}

ParamSpec enumParam(const QString &name, const QStringList &choices, const QString &def, const char *help)
{
    ParamSpec p;
    p.name = name;
    p.type = ParamType::Enum;
    p.choices = choices;
    p.defaultValue = def;
    p.helpSource = help;
    p.required = true;
    return p;
}

ParamSpec textParam(const QString &name, ParamType type, const QJsonValue &def, bool required,
                    const char *help)
{
    ParamSpec p;
    p.name = name;
    p.type = type;
    p.defaultValue = def.isNull() ? QJsonValue(QJsonValue::Undefined) : def; // null: no default
    p.required = required;
    p.helpSource = help;
    return p;
}

PortSpec port(const QString &name, PortType type, bool required, bool multiple, const char *help)
{
    return PortSpec{name, type, required, multiple, help};
}

PortSpec afterPort()
{
    return port(QStringLiteral("after"), PortType::Trigger, false, true,
                QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Runs only after the linked nodes are done."));
}

PortSpec sitesIn()
{
    return port(QStringLiteral("sites"), PortType::Sites, false, false,
                QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                  "Runs on the sites the linked step succeeded on (when the node names no "
                                  "targets itself)."));
}

PortSpec sitesOut()
{
    return port(QStringLiteral("sites"), PortType::Sites, false, false,
                QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The sites this step succeeded on."));
}

std::vector<NodeType> builtInTypes()
{
    const QStringList models = names(train::modelNames());
    const QStringList datasets = names(train::datasetNames());
    const QStringList devices{QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")};
    const QStringList optimizers{QStringLiteral("sgd"), QStringLiteral("adam")};
    const QStringList ensembles{QStringLiteral("auto"), QStringLiteral("threads"), QStringLiteral("packed")};
    const QStringList freezes{QStringLiteral("none"), QStringLiteral("features"),
                              QStringLiteral("all-but-head")};
    const QString lenet =
        models.contains(QStringLiteral("lenet")) ? QStringLiteral("lenet") : models.value(0);
    const QString fashion = datasets.contains(QStringLiteral("fashion-mnist"))
                                ? QStringLiteral("fashion-mnist")
                                : datasets.value(0);
    QStringList imageDatasets = datasets;
    if (!imageDatasets.contains(QStringLiteral("image-folder")))
        imageDatasets << QStringLiteral("image-folder");

    std::vector<NodeType> types;

    // Pretrain (cloud)
    {
        NodeType t;
        t.id = QStringLiteral("pretrain");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Pretrain");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Model");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Trains a model on generic data on the console's machine.");
        t.target = TargetKind::Cloud;
        t.inputs = {afterPort()};
        t.outputs = {port(QStringLiteral("model"), PortType::Model, false, false,
                          QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The pretrained model file."))};
        t.params = {
            enumParam(QStringLiteral("model"), models, lenet,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The network architecture.")),
            enumParam(QStringLiteral("dataset"), datasets, fashion,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The generic data set to train on.")),
            textParam(QStringLiteral("data_dir"), ParamType::Path, QJsonValue(), false,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "Where the data set is; empty: its installed location.")),
            intParam(QStringLiteral("epochs"), 5, 1, 1000, QStringLiteral("epochs"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Passes over the training data.")),
            intParam(QStringLiteral("batch"), 64, 1, 65536, QStringLiteral("images"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Images per optimizer step.")),
            realParam(QStringLiteral("lr"), 0.05, 1e-6, 10, QString(),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The learning rate.")),
            enumParam(QStringLiteral("optimizer"), optimizers, QStringLiteral("sgd"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "SGD with momentum, or Adam.")),
            enumParam(QStringLiteral("device"), devices, QStringLiteral("auto"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "Where to train: auto takes a GPU when there is one.")),
            intParam(QStringLiteral("limit"), 0, 0, 1e9, QStringLiteral("images"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                       "Train on the first N images only (0: all of them).")),
            textParam(QStringLiteral("output"), ParamType::Path, QStringLiteral("models/pretrained.pt"), true,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "Where the model file is written, relative to the workspace.")),
        };
        types.push_back(t);
    }
    // Model file (cloud)
    {
        NodeType t;
        t.id = QStringLiteral("model-file");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Model file");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Model");
        t.helpSource =
            QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "An existing model file on the console's machine.");
        t.target = TargetKind::Cloud;
        t.outputs = {port(QStringLiteral("model"), PortType::Model, false, false,
                          QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The model file."))};
        t.params = {textParam(QStringLiteral("path"), ParamType::Path, QJsonValue(), true,
                              QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                                "The model file (*.pt), relative to the workspace."))};
        types.push_back(t);
    }
    // Provision edge (per site)
    {
        NodeType t;
        t.id = QStringLiteral("provision-edge");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Provision edge");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Sites");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Brings each site to the state a recipe declares, over SSH.");
        t.inputs = {afterPort()};
        t.outputs = {sitesOut()};
        t.params = {
            textParam(QStringLiteral("recipe"), ParamType::Recipe, QJsonValue(), true,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "A recipe file, or the recipe's resources written in the flow.")),
            intParam(QStringLiteral("forks"), 10, 1, 256, QStringLiteral("sites"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Sites worked on at the same time.")),
            intParam(QStringLiteral("max_failures"), 0, 0, 100000, QStringLiteral("sites"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                       "Failed sites tolerated before no new site is started.")),
        };
        types.push_back(t);
    }
    // Install daemon (per site)
    {
        NodeType t;
        t.id = QStringLiteral("install-daemon");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Install daemon");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Sites");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Uploads the matching tenkaid, starts it and checks its version.");
        t.inputs = {sitesIn(), afterPort()};
        t.outputs = {sitesOut()};
        t.params = {
            textParam(QStringLiteral("binary"), ParamType::Path, QString(), false,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "The tenkaid program to install; empty: the one installed with this "
                                        "console (the same version).")),
            textParam(QStringLiteral("remote_path"), ParamType::String,
                      QStringLiteral("{{ root }}/bin/tenkaid"), true,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Where it goes on the site.")),
            intParam(QStringLiteral("port"), 0, 0, 65535, QString(),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                       "The daemon's port on the site's loopback (0: the inventory's).")),
        };
        types.push_back(t);
    }
    // Deploy model (per site)
    {
        NodeType t;
        t.id = QStringLiteral("deploy-model");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Deploy model");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Sites");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Uploads a model file to each site, checksummed and atomic.");
        t.inputs = {port(QStringLiteral("model"), PortType::Model, true, false,
                         QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The model file to deploy.")),
                    sitesIn(), afterPort()};
        t.outputs = {
            port(QStringLiteral("model"), PortType::Model, false, false,
                 QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The model as deployed on each site.")),
            sitesOut()};
        t.params = {textParam(
            QStringLiteral("remote_path"), ParamType::String, QStringLiteral("{{ root }}/models/base.pt"),
            true, QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Where the model goes on the site."))};
        types.push_back(t);
    }
    // Generate teacher data (per site)
    {
        NodeType t;
        t.id = QStringLiteral("generate-teacher-data");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Generate teacher data");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Training");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Augments the site's own labelled images, one policy per member.");
        t.inputs = {sitesIn(), afterPort()};
        t.outputs = {
            port(QStringLiteral("data"), PortType::Dataset, false, false,
                 QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The teacher data, one stream per member."))};
        ParamSpec policies = textParam(QStringLiteral("policies"), ParamType::PolicyList, QJsonValue(), true,
                                       QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                                         "One augmentation policy per ensemble member: a "
                                                         "built-in name or a text form."));
        QJsonArray defaults;
        for (const std::string &name : train::memberPolicyNames(3))
            defaults.append(QString::fromStdString(name));
        policies.defaultValue = defaults;
        policies.min = 1;
        policies.max = 32;
        t.params = {
            enumParam(QStringLiteral("dataset"), imageDatasets, QStringLiteral("image-folder"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The kind of the site's data set.")),
            textParam(QStringLiteral("data_dir"), ParamType::String, QStringLiteral("{{ root }}/data"), true,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "The site's labelled images, on the site (never copied off it).")),
            policies,
            intParam(QStringLiteral("seed"), 1, 0, 2147483647, QString(),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                       "The first member's seed; member K uses seed + K.")),
        };
        types.push_back(t);
    }
    // Train ensemble (per site)
    {
        NodeType t;
        t.id = QStringLiteral("train-ensemble");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Train ensemble");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Training");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Fine-tunes the members in parallel on each site's daemon.");
        t.inputs = {port(QStringLiteral("model"), PortType::Model, true, false,
                         QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The deployed model to start from.")),
                    port(QStringLiteral("data"), PortType::Dataset, true, false,
                         QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The teacher data.")),
                    sitesIn(), afterPort()};
        t.outputs = {port(QStringLiteral("model"), PortType::Model, false, false,
                          QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The trained ensemble on each site.")),
                     sitesOut()};
        t.params = {
            enumParam(QStringLiteral("model"), models, lenet,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "The architecture (the deployed model file's must match).")),
            intParam(QStringLiteral("members"), 3, 1, 32, QStringLiteral("models"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Ensemble members trained in parallel.")),
            intParam(QStringLiteral("epochs"), 5, 1, 1000, QStringLiteral("epochs"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Passes over the teacher data.")),
            intParam(QStringLiteral("batch"), 64, 1, 65536, QStringLiteral("images"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Images per optimizer step.")),
            realParam(QStringLiteral("lr"), 0.01, 1e-6, 10, QString(),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The learning rate.")),
            enumParam(QStringLiteral("optimizer"), optimizers, QStringLiteral("sgd"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "SGD with momentum, or Adam.")),
            enumParam(QStringLiteral("freeze"), freezes, QStringLiteral("features"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "Which pretrained layers stay fixed: none, the features, or all "
                                        "but the classifier head.")),
            realParam(QStringLiteral("target_accuracy"), 0, 0, 1, QString(),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "Stop after the first epoch whose test accuracy reaches it (0: "
                                        "never).")),
            enumParam(QStringLiteral("device"), devices, QStringLiteral("auto"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "Where to train: auto takes a GPU when there is one.")),
            enumParam(QStringLiteral("ensemble"), ensembles, QStringLiteral("auto"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "How the members share the site's machine: threads (a thread each), "
                                        "packed (one network of grouped layers), or auto (packed on a GPU, "
                                        "threads on the CPU).")),
        };
        types.push_back(t);
    }
    // Evaluate (per site)
    {
        NodeType t;
        t.id = QStringLiteral("evaluate");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Evaluate");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Reports");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Member and ensemble accuracy on each site's test split.");
        t.inputs = {port(QStringLiteral("model"), PortType::Model, true, false,
                         QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The model or ensemble to evaluate.")),
                    port(QStringLiteral("data"), PortType::Dataset, false, false,
                         QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                           "The test data; without a link, the site's test split.")),
                    sitesIn(), afterPort()};
        t.outputs = {port(QStringLiteral("report"), PortType::Report, false, false,
                          QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "One evaluation report per site."))};
        t.params = {
            textParam(QStringLiteral("test_dir"), ParamType::String, QStringLiteral("{{ root }}/data/test"),
                      false,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "The test images on the site: the training's test split (its "
                                        "report is used as it is), or another folder of class subfolders, "
                                        "on every image of which the site's daemon evaluates the ensemble.")),
            intParam(QStringLiteral("limit"), 0, 0, 1e9, QStringLiteral("images"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                       "Evaluate on the first N test images only (0: all of them).")),
        };
        types.push_back(t);
    }
    // Collect report (cloud)
    {
        NodeType t;
        t.id = QStringLiteral("collect-report");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Collect report");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Reports");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                         "Brings the sites' reports back to the console as one report.");
        t.target = TargetKind::Cloud;
        t.inputs = {port(QStringLiteral("reports"), PortType::Report, true, true,
                         QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The reports to collect.")),
                    afterPort()};
        t.outputs = {port(QStringLiteral("report"), PortType::Report, false, false,
                          QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The collected report."))};
        t.params = {
            textParam(QStringLiteral("output"), ParamType::Path, QStringLiteral("reports"), true,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "The folder the report goes to, relative to the workspace.")),
            enumParam(QStringLiteral("format"), {QStringLiteral("json"), QStringLiteral("markdown")},
                      QStringLiteral("json"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The report's format.")),
        };
        types.push_back(t);
    }
    // Wait until (per site)
    {
        NodeType t;
        t.id = QStringLiteral("wait-until");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Wait until");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Control");
        t.helpSource =
            QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                              "Waits until every targeted site reached an accuracy, or until a time.");
        t.inputs = {
            port(QStringLiteral("report"), PortType::Report, false, false,
                 QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The reports whose accuracy is watched.")),
            sitesIn(), afterPort()};
        t.outputs = {port(QStringLiteral("then"), PortType::Trigger, false, false,
                          QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Fires when the condition holds."))};
        t.params = {
            enumParam(QStringLiteral("until"), {QStringLiteral("accuracy"), QStringLiteral("time")},
                      QStringLiteral("accuracy"),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "Wait for an accuracy on all targeted sites, or for a time.")),
            realParam(QStringLiteral("accuracy"), 0.9, 0, 1, QString(),
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The accuracy every site must reach.")),
            textParam(QStringLiteral("time"), ParamType::String, QJsonValue(), false,
                      QT_TRANSLATE_NOOP("tenkai::flow::Catalogue",
                                        "The time to wait for (ISO 8601, e.g. 2026-12-01T06:00).")),
            intParam(QStringLiteral("timeout"), 0, 0, 10080, QStringLiteral("min"),
                     QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Give up after this long (0: never).")),
        };
        types.push_back(t);
    }
    // Note
    {
        NodeType t;
        t.id = QStringLiteral("note");
        t.titleSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Note");
        t.categorySource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Documentation");
        t.helpSource = QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "Text on the canvas; it does not run.");
        t.target = TargetKind::None;
        t.params = {textParam(QStringLiteral("text"), ParamType::String, QString(), false,
                              QT_TRANSLATE_NOOP("tenkai::flow::Catalogue", "The note's text."))};
        types.push_back(t);
    }
    return types;
}

QString rangeText(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

QString paramTypeName(ParamType type)
{
    switch (type) {
    case ParamType::Int:
        return QStringLiteral("int");
    case ParamType::Real:
        return QStringLiteral("real");
    case ParamType::Bool:
        return QStringLiteral("bool");
    case ParamType::Enum:
        return QStringLiteral("enum");
    case ParamType::String:
        return QStringLiteral("string");
    case ParamType::Path:
        return QStringLiteral("path");
    case ParamType::PolicyList:
        return QStringLiteral("policy-list");
    case ParamType::Recipe:
        return QStringLiteral("recipe");
    }
    return {};
}

QString ParamSpec::help() const
{
    return translated(helpSource);
}

QString PortSpec::help() const
{
    return translated(helpSource);
}

QString NodeType::title() const
{
    return translated(titleSource);
}

QString NodeType::category() const
{
    return translated(categorySource);
}

QString NodeType::help() const
{
    return translated(helpSource);
}

const ParamSpec *NodeType::param(const QString &name) const
{
    for (const ParamSpec &p : params) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const PortSpec *NodeType::input(const QString &name) const
{
    for (const PortSpec &p : inputs) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const PortSpec *NodeType::output(const QString &name) const
{
    for (const PortSpec &p : outputs) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QJsonObject NodeType::defaultParams() const
{
    QJsonObject out;
    for (const ParamSpec &p : params) {
        if (!p.defaultValue.isUndefined())
            out.insert(p.name, p.defaultValue);
    }
    return out;
}

Catalogue::Catalogue() : m_types(builtInTypes()) {}

const Catalogue &Catalogue::instance()
{
    static const Catalogue catalogue;
    return catalogue;
}

const NodeType *Catalogue::find(const QString &id) const
{
    for (const NodeType &t : m_types) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

QStringList Catalogue::typeIds() const
{
    QStringList ids;
    for (const NodeType &t : m_types)
        ids << t.id;
    return ids;
}

bool portsCompatible(PortType from, PortType to)
{
    return to == PortType::Trigger || from == to;
}

QString jsonText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("nothing");
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

std::vector<ParamIssue> checkParam(const ParamSpec &spec, const QJsonValue &value, bool rangeToo)
{
    std::vector<ParamIssue> issues;
    const QString got = jsonText(value);
    auto fail = [&](const QString &expected) {
        issues.push_back({QString(), CatalogueText::tr("expected %1, got %2").arg(expected, got)});
    };
    switch (spec.type) {
    case ParamType::Int: {
        const QString expected =
            CatalogueText::tr("integer %1..%2").arg(rangeText(spec.min), rangeText(spec.max));
        const double v = value.toDouble();
        if (!value.isDouble() || std::floor(v) != v)
            fail(expected);
        else if (rangeToo && (v < spec.min || v > spec.max))
            fail(expected);
        break;
    }
    case ParamType::Real: {
        const QString expected =
            CatalogueText::tr("number %1..%2").arg(rangeText(spec.min), rangeText(spec.max));
        if (!value.isDouble())
            fail(expected);
        else if (rangeToo && (value.toDouble() < spec.min || value.toDouble() > spec.max))
            fail(expected);
        break;
    }
    case ParamType::Bool:
        if (!value.isBool())
            fail(CatalogueText::tr("true or false"));
        break;
    case ParamType::Enum: {
        const QString expected = CatalogueText::tr("one of %1").arg(spec.choices.join(QStringLiteral(", ")));
        if (!value.isString())
            fail(expected);
        else if (rangeToo && !spec.choices.contains(value.toString()))
            fail(expected);
        break;
    }
    case ParamType::String:
        if (!value.isString())
            fail(CatalogueText::tr("text"));
        break;
    case ParamType::Path:
        // An empty path means "the default" where the parameter is optional.
        if (!value.isString() || (rangeToo && spec.required && value.toString().isEmpty()))
            fail(CatalogueText::tr("a path"));
        break;
    case ParamType::PolicyList: {
        const QString expected = CatalogueText::tr("a list of %1..%2 augmentation policies")
                                     .arg(rangeText(spec.min), rangeText(spec.max));
        if (!value.isArray()) {
            fail(expected);
            break;
        }
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at = QStringLiteral("[%1]").arg(i);
            if (!list[i].isString()) {
                issues.push_back({at, CatalogueText::tr("expected a policy name or text form, got %1")
                                          .arg(jsonText(list[i]))});
            } else if (rangeToo) {
                const auto policy = train::policyFor(list[i].toString().toStdString());
                if (!policy.ok())
                    issues.push_back({at, QString::fromStdString(policy.error().detail)});
            }
        }
        if (issues.empty() && rangeToo && (list.size() < spec.min || list.size() > spec.max))
            fail(expected);
        break;
    }
    case ParamType::Recipe: {
        const QString expected = CatalogueText::tr("a recipe file or a list of resources");
        if (value.isString()) {
            if (rangeToo && value.toString().isEmpty())
                fail(expected);
            break;
        }
        if (!value.isArray()) {
            fail(expected);
            break;
        }
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at = QStringLiteral("[%1]").arg(i);
            const QString expectedResource =
                CatalogueText::tr("a resource with one of %1").arg(kResourceKinds.join(QStringLiteral(", ")));
            if (!list[i].isObject()) {
                issues.push_back(
                    {at, CatalogueText::tr("expected %1, got %2").arg(expectedResource, jsonText(list[i]))});
                continue;
            }
            const QJsonObject resource = list[i].toObject();
            QStringList kinds;
            for (const QString &kind : kResourceKinds) {
                if (resource.contains(kind))
                    kinds << kind;
            }
            if (kinds.size() != 1) {
                issues.push_back(
                    {at, CatalogueText::tr("expected %1, got %2").arg(expectedResource, jsonText(list[i]))});
                continue;
            }
            for (auto it = resource.begin(); it != resource.end(); ++it) {
                if (!it.value().isString() && !it.value().isDouble())
                    issues.push_back({at + QLatin1Char('.') + it.key(),
                                      CatalogueText::tr("expected text, got %1").arg(jsonText(it.value()))});
            }
        }
        if (issues.empty() && rangeToo && list.isEmpty())
            fail(expected);
        break;
    }
    }
    return issues;
}

} // namespace tenkai::flow
