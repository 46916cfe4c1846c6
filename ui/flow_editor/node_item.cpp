#include "flow_editor/node_item.h"

#include "flow_editor/flow_scene.h"
#include "flow_editor/flow_style.h"
#include "flow_editor/link_item.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QJsonArray>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QTextOption>
#include <algorithm>

namespace tenkai::ui {

using namespace flowstyle;

namespace {

class NodeText
{
    Q_DECLARE_TR_FUNCTIONS(NodeText)
};

constexpr int kMaxNoteLines = 8;

const QFont &titleFont()
{
    static const QFont font = [] {
        QFont f = QApplication::font();
        f.setPixelSize(13);
        f.setBold(true);
        return f;
    }();
    return font;
}

const QFont &smallFont()
{
    static const QFont font = [] {
        QFont f = QApplication::font();
        f.setPixelSize(11);
        return f;
    }();
    return font;
}

// Below this scale the 11 px texts are under 6 px on screen: nodes show their title and ports only.
constexpr qreal kSmallTextLod = 0.55;
constexpr qreal kPortLabelWidth = kNodeWidth / 2 - 14;

// The parameters a node shows on the canvas, by type.
QStringList keyParams(const QString &type)
{
    static const QHash<QString, QStringList> keys{
        {QStringLiteral("pretrain"),
         {QStringLiteral("model"), QStringLiteral("dataset"), QStringLiteral("epochs")}},
        {QStringLiteral("model-file"), {QStringLiteral("path")}},
        {QStringLiteral("provision-edge"), {QStringLiteral("recipe"), QStringLiteral("forks")}},
        {QStringLiteral("install-daemon"), {QStringLiteral("binary")}},
        {QStringLiteral("deploy-model"), {QStringLiteral("remote_path")}},
        {QStringLiteral("generate-teacher-data"), {QStringLiteral("policies"), QStringLiteral("dataset")}},
        {QStringLiteral("train-ensemble"),
         {QStringLiteral("members"), QStringLiteral("epochs"), QStringLiteral("model")}},
        {QStringLiteral("evaluate"), {QStringLiteral("test_dir")}},
        {QStringLiteral("collect-report"), {QStringLiteral("format"), QStringLiteral("output")}},
        {QStringLiteral("wait-until"), {QStringLiteral("until"), QStringLiteral("accuracy")}},
    };
    return keys.value(type);
}

QString valueText(const flow::ParamSpec *spec, const QJsonValue &value)
{
    if (value.isArray()) {
        const int n = int(value.toArray().size());
        if (spec && spec->type == flow::ParamType::PolicyList)
            return NodeText::tr("%n policies", nullptr, n);
        if (spec && spec->type == flow::ParamType::Recipe)
            return NodeText::tr("%n resources", nullptr, n);
        return NodeText::tr("%n entries", nullptr, n);
    }
    QString text = value.isString() ? value.toString() : flow::jsonText(value);
    if (spec && !spec->unit.isEmpty() && value.isDouble())
        text += QLatin1Char(' ') + spec->unit;
    return text;
}

QColor stateColor(SiteRunState state)
{
    switch (state) {
    case SiteRunState::Waiting:
        return QColor(0xcb, 0xd5, 0xe1);
    case SiteRunState::Running:
        return QColor(0x25, 0x63, 0xeb);
    case SiteRunState::Done:
        return QColor(0x16, 0xa3, 0x4a);
    case SiteRunState::Failed:
        return errorColor();
    case SiteRunState::Skipped:
        return QColor(0xa8, 0xa2, 0x9e);
    case SiteRunState::Cancelled:
        return warningColor();
    }
    return Qt::gray;
}

constexpr qreal kCell = 10;
constexpr qreal kCellGap = 3;

int maxCells()
{
    return int((kNodeWidth - 2 * kPadding - 48) / (kCell + kCellGap));
}

} // namespace

NodeItem::NodeItem(FlowScene *scene, const flow::Node &node) : m_scene(scene)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    // Panning then only blits each node; a zoom step re-renders the visible ones.
    setCacheMode(DeviceCoordinateCache);
    sync(node);
}

void NodeItem::sync(const flow::Node &node)
{
    prepareGeometryChange();
    m_node = node;
    m_type = flow::Catalogue::instance().find(node.type);
    m_summary = summary();
    relayout();
    update();
}

qreal NodeItem::portsTop() const
{
    return kHeaderHeight + kSubtitleHeight;
}

void NodeItem::relayout()
{
    const QFontMetricsF titleMetrics(titleFont());
    const QFontMetricsF small(smallFont());
    const QString title = m_node.title.isEmpty() ? (m_type ? m_type->title() : m_node.type) : m_node.title;
    const qreal titleWidth = kNodeWidth - (kPadding + 22) - (m_problems.empty() ? kPadding : 30);
    m_titleText = titleMetrics.elidedText(title, Qt::ElideRight, titleWidth);
    m_subtitleText = small.elidedText(subtitle(), Qt::ElideRight, kNodeWidth - 2 * kPadding);
    m_summaryText = small.elidedText(m_summary, Qt::ElideRight, kNodeWidth - 2 * kPadding);
    m_inLabels.clear();
    m_outLabels.clear();
    if (m_type) {
        for (const flow::PortSpec &p : m_type->inputs)
            m_inLabels << small.elidedText(p.required ? p.name + QStringLiteral(" *") : p.name,
                                           Qt::ElideRight, kPortLabelWidth);
        for (const flow::PortSpec &p : m_type->outputs)
            m_outLabels << small.elidedText(p.name, Qt::ElideRight, kPortLabelWidth);
    }
    if (isNote()) {
        const QString text = m_node.params.value(QStringLiteral("text")).toString();
        const QFontMetricsF fm(smallFont());
        const QRectF box = fm.boundingRect(QRectF(0, 0, kNodeWidth - 2 * kPadding, 1e6), Qt::TextWordWrap,
                                           text.isEmpty() ? QStringLiteral(" ") : text);
        const qreal lines = std::min<qreal>(kMaxNoteLines * fm.lineSpacing(), box.height());
        m_height = kHeaderHeight + lines + kPadding + 2;
        return;
    }
    const std::size_t rows = m_type ? std::max(m_type->inputs.size(), m_type->outputs.size()) : 0;
    m_height = portsTop() + qreal(rows) * kPortRow + 4;
    if (!m_summary.isEmpty())
        m_height += kSummaryLine + 6;
    if (!m_sites.empty())
        m_height += kStatusHeight;
    m_height += 4;
}

QString NodeItem::subtitle() const
{
    if (!m_type)
        return NodeText::tr("Unknown type \"%1\"").arg(m_node.type);
    QString where;
    if (!m_node.targets.isEmpty())
        where = m_node.targets.join(QStringLiteral(", "));
    else if (m_type->target == flow::TargetKind::PerSite)
        where = m_type->input(QStringLiteral("sites")) ? NodeText::tr("sites from input")
                                                       : NodeText::tr("no targets");
    const QString title = m_node.title.isEmpty() ? QString() : m_type->title();
    if (title.isEmpty())
        return where;
    return where.isEmpty() ? title : title + QStringLiteral(" · ") + where;
}

QString NodeItem::summary() const
{
    if (!m_type || isNote())
        return {};
    QStringList parts;
    for (const QString &key : keyParams(m_node.type)) {
        const QJsonValue v = m_node.params.value(key);
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
            continue;
        parts << valueText(m_type->param(key), v);
    }
    return parts.join(QStringLiteral(" · "));
}

std::vector<PortRef> NodeItem::ports() const
{
    std::vector<PortRef> out;
    if (!m_type)
        return out;
    for (const flow::PortSpec &p : m_type->inputs)
        out.push_back({p.name, false, p.type});
    for (const flow::PortSpec &p : m_type->outputs)
        out.push_back({p.name, true, p.type});
    return out;
}

PortRef NodeItem::port(const QString &name, bool output) const
{
    if (m_type) {
        if (const flow::PortSpec *p = output ? m_type->output(name) : m_type->input(name))
            return {p->name, output, p->type};
    }
    return {};
}

QPointF NodeItem::portScenePos(const QString &name, bool output) const
{
    int row = 0;
    if (m_type) {
        const auto &list = output ? m_type->outputs : m_type->inputs;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].name == name)
                row = int(i);
        }
    }
    const QPointF local(output ? kNodeWidth : 0, portsTop() + (row + 0.5) * kPortRow);
    return mapToScene(local);
}

PortRef NodeItem::portAt(QPointF pos) const
{
    if (!m_type)
        return {};
    const qreal y = pos.y() - portsTop();
    if (y < 0)
        return {};
    const int row = int(y / kPortRow);
    // The circle and the half of the node on its side both pick the port.
    if (pos.x() < kNodeWidth * 0.5 && pos.x() >= -kPortRadius - 4 && row < int(m_type->inputs.size()))
        return {m_type->inputs[size_t(row)].name, false, m_type->inputs[size_t(row)].type};
    if (pos.x() >= kNodeWidth * 0.5 && pos.x() <= kNodeWidth + kPortRadius + 4 &&
        row < int(m_type->outputs.size()))
        return {m_type->outputs[size_t(row)].name, true, m_type->outputs[size_t(row)].type};
    return {};
}

void NodeItem::updateLinks()
{
    for (LinkItem *link : std::as_const(m_links)) {
        const flow::Link &l = link->link();
        NodeItem *from = m_scene->nodeItem(l.from.node);
        NodeItem *to = m_scene->nodeItem(l.to.node);
        if (from && to)
            link->setEnds(from->portScenePos(l.from.port, true), to->portScenePos(l.to.port, false));
    }
}

void NodeItem::setProblems(std::vector<flow::Problem> problems)
{
    const bool badge = m_problems.empty() != problems.empty();
    m_problems = std::move(problems);
    if (badge)
        relayout(); // the badge takes room from the title
    update();
}

void NodeItem::setSiteStatuses(std::vector<SiteRunStatus> sites)
{
    const bool resize = sites.empty() != m_sites.empty();
    if (resize)
        prepareGeometryChange();
    m_sites = std::move(sites);
    if (resize) {
        relayout();
        updateLinks();
    }
    update();
}

QRectF NodeItem::statusRect() const
{
    if (m_sites.empty())
        return {};
    return QRectF(0, m_height - 4 - kStatusHeight, kNodeWidth, kStatusHeight);
}

QString NodeItem::siteAt(QPointF pos) const
{
    const QRectF strip = statusRect();
    if (!strip.contains(pos) || int(m_sites.size()) > maxCells())
        return {};
    const int i = int((pos.x() - kPadding) / (kCell + kCellGap));
    if (i < 0 || i >= int(m_sites.size()))
        return {};
    return m_sites[size_t(i)].site;
}

QRectF NodeItem::boundingRect() const
{
    return QRectF(-kPortRadius - 4, -4, kNodeWidth + 2 * kPortRadius + 8, m_height + 8);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRect(QRectF(-kPortRadius - 2, 0, kNodeWidth + 2 * kPortRadius + 4, m_height));
    return path;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor accent = categoryColor(m_node.type);
    const QRectF body(0, 0, kNodeWidth, m_height);
    const bool note = isNote();
    const bool error = std::any_of(m_problems.begin(), m_problems.end(), [](const flow::Problem &p) {
        return p.severity == flow::Severity::Error;
    });

    if (lod < kBoxLod) { // far out: a plain box in the category's colour keeps large flows fast and legible
        painter->setPen(isSelected() ? QPen(QColor(0x25, 0x63, 0xeb), 3 / lod) : QPen(accent.darker(120), 0));
        painter->setBrush(note ? QColor(0xfe, 0xf3, 0xc7) : accent.lighter(170));
        painter->drawRect(body);
        if (!m_problems.empty()) {
            painter->setBrush(error ? errorColor() : warningColor());
            painter->setPen(Qt::NoPen);
            painter->drawEllipse(QPointF(kNodeWidth - 14, 14), 12, 12);
        }
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing);
    // Body and header band.
    const QColor background = note ? QColor(0xfe, 0xf9, 0xe7) : QColor(Qt::white);
    QColor border = note ? QColor(0xe6, 0xd3, 0x8a) : QColor(0xc4, 0xcb, 0xd4);
    if (!m_problems.empty())
        border = error ? errorColor() : warningColor();
    painter->setPen(QPen(border, m_problems.empty() ? 1.0 : 1.5));
    painter->setBrush(background);
    painter->drawRoundedRect(body, kCornerRadius, kCornerRadius);

    QPainterPath header;
    header.addRoundedRect(QRectF(0.5, 0.5, kNodeWidth - 1, kHeaderHeight), kCornerRadius - 0.5,
                          kCornerRadius - 0.5);
    QPainterPath bottomHalf;
    bottomHalf.addRect(QRectF(0.5, kHeaderHeight / 2, kNodeWidth - 1, kHeaderHeight / 2 + 0.5));
    header = header.united(bottomHalf);
    QColor band = accent;
    band.setAlpha(note ? 40 : 28);
    painter->setPen(Qt::NoPen);
    painter->setBrush(band);
    painter->drawPath(header);
    painter->setPen(QPen(QColor(0, 0, 0, 25), 1));
    painter->drawLine(QPointF(1, kHeaderHeight + 0.5), QPointF(kNodeWidth - 1, kHeaderHeight + 0.5));

    paintGlyph(painter, m_node.type, QRectF(kPadding, (kHeaderHeight - 16) / 2, 16, 16), accent);
    painter->setFont(titleFont());
    painter->setPen(QColor(0x1f, 0x29, 0x37));
    const qreal titleLeft = kPadding + 22;
    painter->drawText(QRectF(titleLeft, 0, kNodeWidth - titleLeft - kPadding, kHeaderHeight),
                      Qt::AlignVCenter | Qt::AlignLeft, m_titleText);
    paintBadge(painter);

    const bool smallText = lod >= kSmallTextLod;
    painter->setFont(smallFont());
    if (note && !smallText) {
        painter->setPen(QPen(QColor(0xd6, 0xc2, 0x7a), 3, Qt::SolidLine, Qt::RoundCap));
        for (qreal y = kHeaderHeight + 10; y < m_height - kPadding; y += 10)
            painter->drawLine(QPointF(kPadding, y), QPointF(kNodeWidth - 2 * kPadding, y));
    } else if (note) {
        painter->setPen(QColor(0x57, 0x4a, 0x1e));
        const QString text = m_node.params.value(QStringLiteral("text")).toString();
        painter->save();
        const QRectF textRect(kPadding, kHeaderHeight + 4, kNodeWidth - 2 * kPadding,
                              m_height - kHeaderHeight - kPadding);
        painter->setClipRect(textRect);
        painter->drawText(textRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
        painter->restore();
    } else {
        if (smallText) {
            painter->setPen(QColor(0x64, 0x74, 0x8b));
            painter->drawText(QRectF(kPadding, kHeaderHeight, kNodeWidth - 2 * kPadding, kSubtitleHeight),
                              Qt::AlignVCenter | Qt::AlignLeft, m_subtitleText);
        }
        paintPorts(painter, smallText);
        if (!m_summary.isEmpty()) {
            const std::size_t rows = m_type ? std::max(m_type->inputs.size(), m_type->outputs.size()) : 0;
            const qreal y = portsTop() + qreal(rows) * kPortRow + 4;
            painter->setPen(QPen(QColor(0xe5, 0xe7, 0xeb), 1));
            painter->drawLine(QPointF(kPadding, y + 0.5), QPointF(kNodeWidth - kPadding, y + 0.5));
            if (smallText) {
                painter->setPen(QColor(0x37, 0x41, 0x51));
                painter->drawText(QRectF(kPadding, y + 3, kNodeWidth - 2 * kPadding, kSummaryLine),
                                  Qt::AlignVCenter | Qt::AlignLeft, m_summaryText);
            }
        }
        paintStatus(painter);
    }

    if (isSelected()) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(QColor(0x25, 0x63, 0xeb), 2));
        painter->drawRoundedRect(body.adjusted(-2, -2, 2, 2), kCornerRadius + 2, kCornerRadius + 2);
    }
}

void NodeItem::paintBadge(QPainter *painter) const
{
    if (m_problems.empty())
        return;
    const bool error = std::any_of(m_problems.begin(), m_problems.end(), [](const flow::Problem &p) {
        return p.severity == flow::Severity::Error;
    });
    const QRectF badge(kNodeWidth - kPadding - 18, (kHeaderHeight - 18) / 2, 18, 18);
    painter->setPen(Qt::NoPen);
    painter->setBrush(error ? errorColor() : warningColor());
    painter->drawEllipse(badge);
    QFont f = smallFont();
    f.setBold(true);
    painter->setFont(f);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter,
                      m_problems.size() > 1 ? QString::number(m_problems.size()) : QStringLiteral("!"));
}

void NodeItem::paintPorts(QPainter *painter, bool labels) const
{
    if (!m_type)
        return;
    const FlowScene::ConnectionDrag *drag = m_scene->connectionDrag();
    const qreal labelWidth = kPortLabelWidth;
    auto draw = [&](const flow::PortSpec &spec, int row, bool output) {
        const QPointF c(output ? kNodeWidth : 0, portsTop() + (row + 0.5) * kPortRow);
        const PortRef ref{spec.name, output, spec.type};
        QColor color = portColor(spec.type);
        bool dim = false;
        if (drag) {
            const bool source =
                drag->node == m_node.id && drag->port.port == spec.name && drag->port.output == output;
            const bool compatible = m_scene->dragCompatible(this, ref);
            dim = !source && !compatible;
            const bool over = drag->overNode == m_node.id && drag->overPort.port == spec.name &&
                              drag->overPort.output == output;
            if (over || compatible) {
                QColor halo =
                    over ? (drag->refusal.isEmpty() ? QColor(0x16, 0xa3, 0x4a) : errorColor()) : color;
                halo.setAlpha(over ? 110 : 60);
                painter->setPen(Qt::NoPen);
                painter->setBrush(halo);
                painter->drawEllipse(c, kPortRadius + 5, kPortRadius + 5);
            }
        }
        if (dim)
            color.setAlpha(70);
        // A problem names a port, not its side: it marks the input of that name, or the output
        // when there is no such input.
        const bool problem = std::any_of(m_problems.begin(), m_problems.end(), [&](const flow::Problem &p) {
            return p.port == spec.name && (!output || !m_type->input(spec.name));
        });
        const bool linked = std::any_of(m_links.begin(), m_links.end(), [&](const LinkItem *l) {
            const flow::Endpoint &e = output ? l->link().from : l->link().to;
            return e.node == m_node.id && e.port == spec.name;
        });
        if (problem) {
            painter->setPen(QPen(errorColor(), 2));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(c, kPortRadius + 3.5, kPortRadius + 3.5);
        }
        painter->setPen(QPen(color, 1.6));
        painter->setBrush(linked ? color : QColor(Qt::white));
        painter->drawEllipse(c, kPortRadius, kPortRadius);
        const bool hovered =
            m_hoverPort == (output ? QStringLiteral("out:") : QStringLiteral("in:")) + spec.name;
        QColor text = hovered ? QColor(0x11, 0x18, 0x27) : QColor(0x4b, 0x55, 0x63);
        if (dim)
            text.setAlpha(90);
        if (!labels)
            return;
        painter->setPen(text);
        const QString &label = output ? m_outLabels.at(row) : m_inLabels.at(row);
        const QRectF box =
            output ? QRectF(kNodeWidth - 12 - labelWidth, c.y() - kPortRow / 2, labelWidth, kPortRow)
                   : QRectF(12, c.y() - kPortRow / 2, labelWidth, kPortRow);
        painter->drawText(box, Qt::AlignVCenter | (output ? Qt::AlignRight : Qt::AlignLeft), label);
    };
    for (std::size_t i = 0; i < m_type->inputs.size(); ++i)
        draw(m_type->inputs[i], int(i), false);
    for (std::size_t i = 0; i < m_type->outputs.size(); ++i)
        draw(m_type->outputs[i], int(i), true);
}

void NodeItem::paintStatus(QPainter *painter) const
{
    if (m_sites.empty())
        return;
    const QRectF strip = statusRect();
    const RunStatusSummary s = summarizeRun(m_sites);
    painter->setPen(QPen(QColor(0xe5, 0xe7, 0xeb), 1));
    painter->drawLine(QPointF(kPadding, strip.top() + 0.5),
                      QPointF(kNodeWidth - kPadding, strip.top() + 0.5));
    const qreal y = strip.top() + 4;
    if (int(m_sites.size()) <= maxCells()) {
        for (std::size_t i = 0; i < m_sites.size(); ++i) {
            const SiteRunStatus &site = m_sites[i];
            const QRectF cell(kPadding + qreal(i) * (kCell + kCellGap), y, kCell, kCell);
            const QColor c = stateColor(site.state);
            painter->setPen(QPen(c.darker(115), 1));
            if (site.state == SiteRunState::Running) {
                painter->setBrush(QColor(0xdb, 0xea, 0xfe));
                painter->drawRoundedRect(cell, 2, 2);
                painter->setPen(Qt::NoPen);
                painter->setBrush(c);
                const qreal h = cell.height() * std::clamp(site.progress, 0.0, 1.0);
                painter->drawRect(QRectF(cell.left(), cell.bottom() - h, cell.width(), h));
            } else {
                painter->setBrush(c);
                painter->drawRoundedRect(cell, 2, 2);
            }
        }
    } else { // many sites: counts by state
        qreal x = kPadding;
        painter->setFont(smallFont());
        const QFontMetricsF small(smallFont());
        const std::pair<SiteRunState, int> counts[] = {
            {SiteRunState::Done, s.done},       {SiteRunState::Running, s.running},
            {SiteRunState::Failed, s.failed},   {SiteRunState::Waiting, s.waiting},
            {SiteRunState::Skipped, s.skipped}, {SiteRunState::Cancelled, s.cancelled}};
        for (const auto &[state, n] : counts) {
            if (n == 0)
                continue;
            painter->setPen(Qt::NoPen);
            painter->setBrush(stateColor(state));
            painter->drawEllipse(QRectF(x, y + 1, 8, 8));
            painter->setPen(QColor(0x37, 0x41, 0x51));
            const QString text = QString::number(n);
            painter->drawText(QRectF(x + 10, y - 2, 40, 14), Qt::AlignVCenter | Qt::AlignLeft, text);
            x += 16 + small.horizontalAdvance(text);
        }
    }
    painter->setFont(smallFont());
    painter->setPen(QColor(0x37, 0x41, 0x51));
    painter->drawText(QRectF(kNodeWidth - kPadding - 46, y - 2, 46, 14), Qt::AlignVCenter | Qt::AlignRight,
                      QStringLiteral("%1/%2").arg(s.done).arg(s.total()));
    const QRectF bar(kPadding, y + kCell + 4, kNodeWidth - 2 * kPadding, 4);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xe5, 0xe7, 0xeb));
    painter->drawRoundedRect(bar, 2, 2);
    painter->setBrush(s.failed > 0 ? errorColor() : QColor(0x25, 0x63, 0xeb));
    painter->drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * s.progress, bar.height()), 2, 2);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && m_scene && !m_scene->isSyncing() && m_scene->snapToGrid())
        return m_scene->snapped(value.toPointF());
    if (change == ItemPositionHasChanged)
        updateLinks();
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const PortRef hit = portAt(event->pos());
        if (hit.isValid()) {
            m_connecting = true;
            m_scene->beginConnection(this, hit);
            event->accept();
            return;
        }
        if (statusRect().contains(event->pos())) {
            m_scene->notifySiteClicked(m_node.id, siteAt(event->pos()));
            event->accept();
            return;
        }
    }
    QGraphicsItem::mousePressEvent(event);
}

void NodeItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connecting) {
        m_scene->updateConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseMoveEvent(event);
}

void NodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connecting) {
        m_connecting = false;
        m_scene->endConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
}

void NodeItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    m_scene->notifyDoubleClicked(m_node.id);
    event->accept();
}

QString NodeItem::tooltipAt(QPointF pos) const
{
    QStringList lines;
    const PortRef hit = portAt(pos);
    const bool onBadge = pos.y() < kHeaderHeight && pos.x() > kNodeWidth - 34;
    if (hit.isValid() && m_type) {
        const flow::PortSpec *spec = hit.output ? m_type->output(hit.port) : m_type->input(hit.port);
        lines << QStringLiteral("<b>%1</b> (%2)").arg(hit.port.toHtmlEscaped(), flow::portTypeName(hit.type));
        if (spec)
            lines << spec->help().toHtmlEscaped();
        for (const flow::Problem &p : m_problems) {
            if (p.port == hit.port)
                lines
                    << QStringLiteral("<span style='color:#dc2626'>%1</span>").arg(p.message.toHtmlEscaped());
        }
    } else if (!m_sites.empty() && statusRect().contains(pos)) {
        const QString site = siteAt(pos);
        for (const SiteRunStatus &s : m_sites) {
            if (!site.isEmpty() && s.site != site)
                continue;
            QString line = QStringLiteral("%1: %2").arg(s.site.toHtmlEscaped(), siteRunStateName(s.state));
            if (s.state == SiteRunState::Running)
                line += QStringLiteral(" %1%").arg(qRound(s.progress * 100));
            lines << line;
        }
        lines << NodeText::tr("Click to show the log.");
    } else if (onBadge || !m_problems.empty()) {
        for (const flow::Problem &p : m_problems) {
            const QString color =
                p.severity == flow::Severity::Error ? QStringLiteral("#dc2626") : QStringLiteral("#b45309");
            lines << QStringLiteral("<span style='color:%1'>%2</span>").arg(color, p.message.toHtmlEscaped());
        }
    } else if (m_type) {
        lines << QStringLiteral("<b>%1</b>").arg(m_type->title().toHtmlEscaped())
              << m_type->help().toHtmlEscaped();
    }
    return lines.join(QStringLiteral("<br>"));
}

void NodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const PortRef hit = portAt(event->pos());
    const QString hover =
        hit.isValid() ? (hit.output ? QStringLiteral("out:") : QStringLiteral("in:")) + hit.port : QString();
    if (hover != m_hoverPort) {
        m_hoverPort = hover;
        update();
    }
    setCursor(hit.isValid() ? Qt::CrossCursor : Qt::ArrowCursor);
    setToolTip(tooltipAt(event->pos()));
    QGraphicsItem::hoverMoveEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    if (!m_hoverPort.isEmpty()) {
        m_hoverPort.clear();
        update();
    }
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace tenkai::ui
