#include "flow_editor/flow_properties.h"

#include "augment.h"
#include "flow/catalogue.h"
#include "flow_editor/flow_commands.h"
#include "flow_editor/flow_style.h"
#include "flow_editor/policy_preview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

namespace tenkai::ui {

namespace {

const QStringList kResourceKinds{QStringLiteral("directory"), QStringLiteral("file"),
                                 QStringLiteral("template"),  QStringLiteral("command"),
                                 QStringLiteral("package"),   QStringLiteral("service"),
                                 QStringLiteral("tenkaid"),   QStringLiteral("model")};

// A double spin box that shows 0.01, not 0.010000, however many decimals it accepts.
class CompactDoubleSpinBox : public QDoubleSpinBox
{
public:
    QString textFromValue(double value) const override
    {
        return locale().toString(value, 'g', std::max(6, decimals()));
    }
};

QString objectNameFor(const QString &key)
{
    return QStringLiteral("param_") + key;
}

QLabel *problemLabel(const QString &key, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("problem_") + key);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #dc2626;"));
    label->hide();
    return label;
}

// A recipe resource's options other than its kind, as "key=value, key=value".
QString optionsText(const QJsonObject &resource, const QString &kind)
{
    QStringList parts;
    for (auto it = resource.begin(); it != resource.end(); ++it) {
        if (it.key() != kind)
            parts << it.key() + QLatin1Char('=') +
                         (it.value().isString() ? it.value().toString() : flow::jsonText(it.value()));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

FlowPropertyPanel::FlowPropertyPanel(QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent), m_undo(undoStack)
{
    setObjectName(QStringLiteral("flowProperties"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll, 1);
    m_refusal = new QLabel(this);
    m_refusal->setObjectName(QStringLiteral("propertyRefusal"));
    m_refusal->setWordWrap(true);
    m_refusal->setContentsMargins(10, 4, 10, 6);
    m_refusal->setStyleSheet(QStringLiteral("color: #dc2626;"));
    m_refusal->hide();
    layout->addWidget(m_refusal);
    rebuild();
}

void FlowPropertyPanel::setGraph(flow::FlowGraph *graph)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_graph = graph;
    m_node.clear();
    if (graph) {
        auto changed = [this](const QString &id) {
            refreshFromModel(id);
        };
        m_connections << connect(graph, &flow::FlowGraph::titleChanged, this, changed)
                      << connect(graph, &flow::FlowGraph::targetsChanged, this, changed)
                      << connect(graph, &flow::FlowGraph::paramChanged, this,
                                 [this](const QString &id, const QString &) { refreshFromModel(id); })
                      << connect(graph, &flow::FlowGraph::nodeRemoved, this,
                                 [this](const QString &id) {
                                     if (id == m_node)
                                         setNode(QString());
                                 })
                      << connect(graph, &flow::FlowGraph::nameChanged, this, [this] {
                             if (m_node.isEmpty() && !m_applying)
                                 rebuild();
                         });
    }
    rebuild();
}

void FlowPropertyPanel::setNode(const QString &id)
{
    if (id == m_node && m_form)
        return;
    m_node = id;
    rebuild();
}

void FlowPropertyPanel::refreshFromModel(const QString &id)
{
    if (id == m_node && !m_applying)
        rebuild();
}

void FlowPropertyPanel::setProblems(const std::vector<flow::Problem> &problems)
{
    m_problems = problems;
    updateProblemLabels();
}

void FlowPropertyPanel::focusTitle()
{
    if (m_form) {
        if (auto *title = m_form->findChild<QLineEdit *>(QStringLiteral("nodeTitle"))) {
            title->setFocus();
            title->selectAll();
        }
    }
}

void FlowPropertyPanel::updateProblemLabels()
{
    if (!m_form)
        return;
    for (QLabel *label : m_form->findChildren<QLabel *>()) {
        if (!label->objectName().startsWith(QLatin1String("problem_")))
            continue;
        const QString key = label->objectName().mid(8);
        QStringList messages;
        for (const flow::Problem &p : m_problems) {
            if (p.node != m_node)
                continue;
            const bool general = key == QLatin1String("_node") && p.param.isEmpty() && p.port.isEmpty();
            const bool targets = key == QLatin1String("_targets") && p.kind == flow::ProblemKind::BadTarget;
            const bool ports = key == QLatin1String("_ports") && !p.port.isEmpty();
            if ((p.param == key && !key.startsWith(QLatin1Char('_'))) || ports ||
                (general && p.kind != flow::ProblemKind::BadTarget) || targets)
                messages << p.message;
        }
        label->setText(messages.join(QLatin1Char('\n')));
        label->setVisible(!messages.isEmpty());
    }
}

QString FlowPropertyPanel::applyParam(const QString &key, const QJsonValue &value)
{
    if (!m_graph)
        return {};
    const flow::Node *n = m_graph->node(m_node);
    const flow::NodeType *type = n ? flow::Catalogue::instance().find(n->type) : nullptr;
    const flow::ParamSpec *spec = type ? type->param(key) : nullptr;
    if (!n || !spec)
        return {};
    QString refusal;
    if ((value.isUndefined() || value.isNull()) && spec->required) {
        refusal = tr("The parameter \"%1\" is required.").arg(key);
    } else if (!value.isUndefined() && !value.isNull()) {
        const std::vector<flow::ParamIssue> issues = flow::checkParam(*spec, value);
        if (!issues.empty())
            refusal = QStringLiteral("%1%2: %3").arg(key, issues.front().subPath, issues.front().message);
    }
    m_refusal->setText(refusal);
    m_refusal->setVisible(!refusal.isEmpty());
    if (!refusal.isEmpty() || n->params.value(key) == value)
        return refusal;
    m_applying = true;
    m_undo->push(new SetParamCommand(m_graph, m_node, key, value));
    m_applying = false;
    return {};
}

void FlowPropertyPanel::applyTargets(const QString &text)
{
    const flow::Node *n = m_graph ? m_graph->node(m_node) : nullptr;
    if (!n)
        return;
    QStringList targets;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            targets << part.trimmed();
    }
    if (targets == n->targets)
        return;
    // Try the edit on a scratch copy of the node first: the model's own check gives the sentence.
    flow::FlowGraph scratch;
    flow::Node copy = *n;
    copy.targets.clear();
    (void)scratch.insertNode(copy);
    const QString refusal = scratch.setTargets(copy.id, targets);
    m_refusal->setText(refusal);
    m_refusal->setVisible(!refusal.isEmpty());
    if (!refusal.isEmpty())
        return;
    m_applying = true;
    m_undo->push(new SetTargetsCommand(m_graph, m_node, targets));
    m_applying = false;
}

void FlowPropertyPanel::rebuild()
{
    m_refusal->hide();
    auto *form = new QWidget;
    form->setObjectName(QStringLiteral("propertyForm"));
    auto *outer = new QVBoxLayout(form);
    outer->setContentsMargins(12, 10, 12, 10);
    outer->setSpacing(8);
    auto *layout = new QFormLayout;
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setLabelAlignment(Qt::AlignLeft);
    layout->setHorizontalSpacing(10);
    layout->setVerticalSpacing(6);

    const flow::Node *n = (m_graph && !m_node.isEmpty()) ? m_graph->node(m_node) : nullptr;
    auto *heading = new QLabel(form);
    heading->setObjectName(QStringLiteral("propertyHeading"));
    QFont big = heading->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    heading->setFont(big);
    auto *help = new QLabel(form);
    help->setWordWrap(true);
    help->setStyleSheet(QStringLiteral("color: palette(mid);"));

    if (!m_graph) {
        heading->setText(tr("No flow"));
        outer->addWidget(heading);
    } else if (!n) {
        heading->setText(tr("Flow"));
        help->setText(tr("Select a node to edit its parameters. The flow has %n node(s)", nullptr,
                         int(m_graph->nodes().size())) +
                      tr(" and %n link(s).", nullptr, int(m_graph->links().size())));
        outer->addWidget(heading);
        outer->addWidget(help);
        auto *name = new QLineEdit(m_graph->name(), form);
        name->setObjectName(QStringLiteral("flowName"));
        connect(name, &QLineEdit::editingFinished, this, [this, name] {
            if (m_graph && name->text() != m_graph->name()) {
                m_applying = true;
                m_undo->push(new SetFlowNameCommand(m_graph, name->text()));
                m_applying = false;
            }
        });
        layout->addRow(tr("Name"), name);
        outer->addLayout(layout);
    } else {
        const flow::NodeType *type = flow::Catalogue::instance().find(n->type);
        auto *top = new QHBoxLayout;
        auto *icon = new QLabel(form);
        icon->setPixmap(flowstyle::typeIcon(n->type).pixmap(QSize(24, 24)));
        top->addWidget(icon);
        heading->setText(type ? type->title() : tr("Unknown type \"%1\"").arg(n->type));
        top->addWidget(heading, 1);
        outer->addLayout(top);
        if (type)
            help->setText(type->help());
        outer->addWidget(help);
        outer->addWidget(problemLabel(QStringLiteral("_node"), form));
        outer->addWidget(problemLabel(QStringLiteral("_ports"), form));

        auto *id = new QLabel(n->id, form);
        id->setObjectName(QStringLiteral("nodeId"));
        id->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addRow(tr("Id"), id);
        auto *title = new QLineEdit(n->title, form);
        title->setObjectName(QStringLiteral("nodeTitle"));
        title->setPlaceholderText(type ? type->title() : QString());
        connect(title, &QLineEdit::editingFinished, this, [this, title] {
            const flow::Node *node = m_graph ? m_graph->node(m_node) : nullptr;
            if (node && node->title != title->text()) {
                m_applying = true;
                m_undo->push(new SetTitleCommand(m_graph, m_node, title->text()));
                m_applying = false;
            }
        });
        layout->addRow(tr("Title"), title);
        if (!type || type->target != flow::TargetKind::None) {
            auto *targets = new QLineEdit(n->targets.join(QStringLiteral(", ")), form);
            targets->setObjectName(QStringLiteral("nodeTargets"));
            const bool cloud = type && type->target == flow::TargetKind::Cloud;
            targets->setPlaceholderText(cloud ? QStringLiteral("cloud") : tr("group:edges, site:NAME"));
            targets->setToolTip(
                cloud ? tr("This node runs on the console's machine.")
                      : tr("Sites and groups, separated by commas: site:NAME, group:NAME. Empty: "
                           "the sites of the \"sites\" input."));
            connect(targets, &QLineEdit::editingFinished, this,
                    [this, targets] { applyTargets(targets->text()); });
            layout->addRow(tr("Targets"), targets);
            layout->addRow(QString(), problemLabel(QStringLiteral("_targets"), form));
        }
        outer->addLayout(layout);

        if (type && !type->params.empty()) {
            auto *section = new QLabel(tr("Parameters"), form);
            QFont bold = section->font();
            bold.setBold(true);
            section->setFont(bold);
            outer->addSpacing(4);
            outer->addWidget(section);
            auto *params = new QFormLayout;
            params->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            params->setHorizontalSpacing(10);
            params->setVerticalSpacing(6);
            for (const flow::ParamSpec &spec : type->params) {
                QWidget *editor = editorFor(spec.name, n->params.value(spec.name), int(spec.type));
                editor->setToolTip(spec.help());
                QString label = spec.name;
                if (spec.required)
                    label += QStringLiteral(" *");
                auto *labelWidget = new QLabel(label, form);
                labelWidget->setToolTip(spec.help());
                if (spec.type == flow::ParamType::PolicyList || spec.type == flow::ParamType::Recipe) {
                    params->addRow(labelWidget);
                    params->addRow(editor);
                } else {
                    params->addRow(labelWidget, editor);
                }
                params->addRow(problemLabel(spec.name, form));
            }
            outer->addLayout(params);
        }
    }
    outer->addStretch(1);
    if (!layout->parent())
        delete layout; // no node, or nothing to show: the form layout was never used
    // The old form may hold the button whose click asked for this rebuild: delete it later, kept as
    // a child of the panel so that it goes with the panel if no event loop runs again (no leak).
    if (QWidget *old = m_scroll->takeWidget()) {
        old->hide();
        old->setParent(this);
        old->deleteLater();
    }
    m_scroll->setWidget(form);
    m_form = form;
    updateProblemLabels();
}

QWidget *FlowPropertyPanel::editorFor(const QString &key, const QJsonValue &value, int paramType)
{
    const flow::Node *n = m_graph->node(m_node);
    const flow::ParamSpec *spec = flow::Catalogue::instance().find(n->type)->param(key);
    QWidget *editor = nullptr;
    switch (flow::ParamType(paramType)) {
    case flow::ParamType::Int: {
        auto *spin = new QSpinBox;
        spin->setRange(int(std::max<double>(spec->min, std::numeric_limits<int>::min())),
                       int(std::min<double>(spec->max, std::numeric_limits<int>::max())));
        spin->setValue(value.toInt(spec->defaultValue.toInt()));
        if (!spec->unit.isEmpty())
            spin->setSuffix(QLatin1Char(' ') + spec->unit);
        spin->setKeyboardTracking(false);
        spin->setAccelerated(true);
        connect(spin, &QSpinBox::valueChanged, this, [this, key](int v) { applyParam(key, v); });
        editor = spin;
        break;
    }
    case flow::ParamType::Real: {
        auto *spin = new CompactDoubleSpinBox;
        const int decimals = spec->min > 0 && spec->min < 1e-3 ? 6 : 3;
        spin->setDecimals(decimals);
        spin->setRange(spec->min, spec->max);
        spin->setSingleStep(spec->max <= 1 ? 0.01 : (decimals == 6 ? 0.001 : 0.1));
        spin->setValue(value.toDouble(spec->defaultValue.toDouble()));
        if (!spec->unit.isEmpty())
            spin->setSuffix(QLatin1Char(' ') + spec->unit);
        spin->setKeyboardTracking(false);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, key](double v) { applyParam(key, v); });
        editor = spin;
        break;
    }
    case flow::ParamType::Bool: {
        auto *check = new QCheckBox;
        check->setChecked(value.toBool());
        connect(check, &QCheckBox::toggled, this, [this, key](bool v) { applyParam(key, v); });
        editor = check;
        break;
    }
    case flow::ParamType::Enum: {
        auto *combo = new QComboBox;
        combo->addItems(spec->choices);
        const QString current = value.toString();
        if (!current.isEmpty() && !spec->choices.contains(current))
            combo->addItem(current); // out of range from a file: shown, and marked by validation
        combo->setCurrentText(current);
        connect(combo, &QComboBox::currentTextChanged, this,
                [this, key](const QString &v) { applyParam(key, v); });
        editor = combo;
        break;
    }
    case flow::ParamType::String: {
        auto *line = new QLineEdit(value.toString());
        connect(line, &QLineEdit::editingFinished, this, [this, key, line] {
            applyParam(key, line->text().isEmpty() ? QJsonValue() : QJsonValue(line->text()));
        });
        editor = line;
        break;
    }
    case flow::ParamType::Path: {
        auto *box = new QWidget;
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(4);
        auto *line = new QLineEdit(value.toString(), box);
        line->setObjectName(objectNameFor(key) + QStringLiteral("_path"));
        auto *browse = new QToolButton(box);
        browse->setText(QStringLiteral("…"));
        browse->setToolTip(tr("Choose a file"));
        row->addWidget(line, 1);
        row->addWidget(browse);
        auto apply = [this, key, line] {
            applyParam(key, line->text().isEmpty() ? QJsonValue() : QJsonValue(line->text()));
        };
        connect(line, &QLineEdit::editingFinished, this, apply);
        connect(browse, &QToolButton::clicked, this, [this, line, apply] {
            const QString base = m_baseDir.isEmpty() ? QDir::currentPath() : m_baseDir;
            const QString file = QFileDialog::getOpenFileName(this, tr("Choose a file"), base);
            if (file.isEmpty())
                return;
            const QString relative = QDir(base).relativeFilePath(file);
            line->setText(relative.startsWith(QLatin1String("..")) ? file : relative);
            apply();
        });
        editor = box;
        break;
    }
    case flow::ParamType::PolicyList:
        editor = policyEditor(key, value);
        break;
    case flow::ParamType::Recipe:
        editor = recipeEditor(key, value);
        break;
    }
    editor->setObjectName(objectNameFor(key));
    return editor;
}

QWidget *FlowPropertyPanel::policyEditor(const QString &key, const QJsonValue &value)
{
    // One row per ensemble member: its augmentation policy, a built-in name or a text form.
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *table = new QTableWidget(box);
    table->setObjectName(objectNameFor(key) + QStringLiteral("_table"));
    table->setColumnCount(1);
    table->setHorizontalHeaderLabels({tr("Policy")});
    table->horizontalHeaderItem(0)->setToolTip(tr("A built-in policy name or a text form"));
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setDefaultSectionSize(26);
    QStringList names;
    for (const std::string &name : train::policyNames())
        names << QString::fromStdString(name);
    const QJsonArray list = value.toArray();
    table->setRowCount(int(list.size()));
    QStringList members;
    for (qsizetype i = 0; i < list.size(); ++i)
        members << tr("Member %1").arg(i + 1);
    table->setVerticalHeaderLabels(members);
    auto collect = [table] {
        QJsonArray out;
        for (int r = 0; r < table->rowCount(); ++r) {
            auto *combo = qobject_cast<QComboBox *>(table->cellWidget(r, 0));
            out.append(combo ? combo->currentText().trimmed() : QString());
        }
        return out;
    };
    // A live preview: the sample as member K's teacher data shows it (seed + K, as the engine trains).
    PolicyPreview *preview = PolicyPreview::available() ? new PolicyPreview(box) : nullptr;
    const flow::Node *node = m_graph->node(m_node);
    const qint64 seed = node ? node->params.value(QStringLiteral("seed")).toInteger(1) : 1;
    auto showMember = [this, preview, seed](int member, const QString &policy) {
        if (preview)
            preview->setPolicy(policy, quint64(seed + member),
                               tr("Preview, member %1: %2").arg(member + 1).arg(policy));
    };
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto *combo = new QComboBox(table);
        combo->setEditable(true);
        combo->addItems(names);
        combo->setCurrentText(list[i].toString());
        combo->setToolTip(tr("Built-in: %1. Or a text form such as hflip:0.5,rotate:10,noise:0.05@0.5.")
                              .arg(names.join(QStringLiteral(", "))));
        connect(combo, &QComboBox::currentTextChanged, this,
                [this, key, collect] { applyParam(key, collect()); });
        // The preview follows the member being edited, as it is typed.
        connect(combo, &QComboBox::editTextChanged, this,
                [showMember, member = int(i)](const QString &text) { showMember(member, text); });
        table->setCellWidget(int(i), 0, combo);
    }
    table->setFixedHeight(std::min(6, int(list.size()) + 1) * 26 + 6);
    layout->addWidget(table);
    if (preview) {
        layout->addWidget(preview);
        if (!list.isEmpty())
            showMember(0, list[0].toString());
    }
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add member"), box);
    add->setObjectName(objectNameFor(key) + QStringLiteral("_add"));
    auto *remove = new QPushButton(tr("Remove last"), box);
    remove->setEnabled(list.size() > 1);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this, key, list, names] {
        QJsonArray more = list;
        more.append(
            names.value(int(list.size()) % std::max<qsizetype>(1, names.size()), QStringLiteral("none")));
        applyParam(key, more);
        rebuild();
    });
    connect(remove, &QPushButton::clicked, this, [this, key, list] {
        QJsonArray fewer = list;
        fewer.removeLast();
        applyParam(key, fewer);
        rebuild();
    });
    return box;
}

QWidget *FlowPropertyPanel::recipeEditor(const QString &key, const QJsonValue &value)
{
    // A recipe is a file, or its resources written in the flow: one row per resource.
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    if (!value.isArray()) {
        auto *row = new QHBoxLayout;
        auto *line = new QLineEdit(value.toString(), box);
        line->setObjectName(objectNameFor(key) + QStringLiteral("_file"));
        line->setPlaceholderText(tr("recipe.yaml"));
        connect(line, &QLineEdit::editingFinished, this, [this, key, line] {
            applyParam(key, line->text().isEmpty() ? QJsonValue() : QJsonValue(line->text()));
        });
        row->addWidget(line, 1);
        layout->addLayout(row);
        auto *inline_ = new QPushButton(tr("Write the resources in the flow"), box);
        connect(inline_, &QPushButton::clicked, this, [this, key] {
            applyParam(key,
                       QJsonArray{QJsonObject{{QStringLiteral("directory"), QStringLiteral("{{ root }}")}}});
            rebuild();
        });
        layout->addWidget(inline_);
        return box;
    }
    const QJsonArray list = value.toArray();
    auto *table = new QTableWidget(int(list.size()), 3, box);
    table->setObjectName(objectNameFor(key) + QStringLiteral("_table"));
    table->setHorizontalHeaderLabels({tr("Resource"), tr("Value"), tr("Options")});
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setDefaultSectionSize(26);
    table->verticalHeader()->hide();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject resource = list[i].toObject();
        QString kind;
        for (const QString &k : kResourceKinds) {
            if (resource.contains(k))
                kind = k;
        }
        auto *combo = new QComboBox(table);
        combo->addItems(kResourceKinds);
        combo->setCurrentText(kind);
        table->setCellWidget(int(i), 0, combo);
        table->setItem(int(i), 1, new QTableWidgetItem(resource.value(kind).toString()));
        table->setItem(int(i), 2, new QTableWidgetItem(optionsText(resource, kind)));
        connect(combo, &QComboBox::currentTextChanged, table,
                [table] { Q_EMIT table->itemChanged(nullptr); });
    }
    auto collect = [table] {
        QJsonArray out;
        for (int r = 0; r < table->rowCount(); ++r) {
            QJsonObject resource;
            const QString kind = qobject_cast<QComboBox *>(table->cellWidget(r, 0))->currentText();
            resource.insert(kind, table->item(r, 1) ? table->item(r, 1)->text() : QString());
            const QString options = table->item(r, 2) ? table->item(r, 2)->text() : QString();
            for (const QString &part : options.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const qsizetype eq = part.indexOf(QLatin1Char('='));
                if (eq > 0)
                    resource.insert(part.left(eq).trimmed(), part.mid(eq + 1).trimmed());
            }
            out.append(resource);
        }
        return out;
    };
    connect(table, &QTableWidget::itemChanged, this, [this, key, collect] { applyParam(key, collect()); });
    table->setFixedHeight(std::min(8, int(list.size()) + 1) * 26 + 6);
    layout->addWidget(table);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add resource"), box);
    auto *remove = new QPushButton(tr("Remove selected"), box);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this, key, list] {
        QJsonArray more = list;
        more.append(QJsonObject{{QStringLiteral("directory"), QStringLiteral("{{ root }}")}});
        applyParam(key, more);
        rebuild();
    });
    connect(remove, &QPushButton::clicked, this, [this, key, list, table] {
        const int row = table->currentRow();
        if (row < 0 || list.size() <= 1)
            return;
        QJsonArray fewer = list;
        fewer.removeAt(row);
        applyParam(key, fewer);
        rebuild();
    });
    return box;
}

} // namespace tenkai::ui
