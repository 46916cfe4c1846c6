#include "deploy/deploy_dialog.h"

#include "flow/catalogue.h"
#include "flow/flow_file.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QShowEvent>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTextLayout>
#include <QVBoxLayout>
#include <algorithm>

namespace tenkai::ui {

using namespace Qt::StringLiterals;
using flow::StepState;
using flow::StepStatus;

namespace {

constexpr int kStateRole = Qt::UserRole;
constexpr int kProgressRole = Qt::UserRole + 1;
constexpr int kNodeRole = Qt::UserRole + 2;

QColor stateColor(StepState s)
{
    switch (s) {
    case StepState::Waiting:
        return QColor(0xe8, 0xea, 0xed);
    case StepState::Running:
        return QColor(0xd2, 0xe3, 0xfc);
    case StepState::Done:
        return QColor(0xce, 0xea, 0xd6);
    case StepState::Failed:
        return QColor(0xfa, 0xd2, 0xcf);
    case StepState::Skipped:
        return QColor(0xf1, 0xf3, 0xf4);
    case StepState::Cancelled:
        return QColor(0xfe, 0xef, 0xc3);
    }
    return {};
}

QColor barColor(StepState s)
{
    switch (s) {
    case StepState::Failed:
        return QColor(0xd9, 0x30, 0x25);
    case StepState::Done:
        return QColor(0x1e, 0x8e, 0x3e);
    case StepState::Cancelled:
        return QColor(0xe3, 0x74, 0x00);
    default:
        return QColor(0x1a, 0x73, 0xe8);
    }
}

// `text` in at most two lines of `width` (broken where the language allows, Japanese anywhere),
// elided at the end of the second.
QString twoLines(const QFont &font, const QString &text, int width)
{
    const QFontMetrics metrics(font);
    if (width <= 0 || metrics.horizontalAdvance(text) <= width)
        return text;
    QTextLayout layout(text, font);
    layout.beginLayout();
    QTextLine first = layout.createLine();
    first.setLineWidth(width);
    layout.endLayout();
    const int cut = first.isValid() ? first.textLength() : 0;
    if (cut <= 0 || cut >= text.size())
        return metrics.elidedText(text, Qt::ElideRight, width);
    return text.left(cut).trimmed() + u'\n' +
           metrics.elidedText(text.mid(cut).trimmed(), Qt::ElideRight, width);
}

// A cell: its state as a coloured tile with the text, and a thin progress bar while it runs (the
// progress column always shows its bar).
class StepDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariant stateValue = index.data(kStateRole);
        if (!stateValue.isValid()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        const auto state = StepState(stateValue.toInt());
        const double progress = index.data(kProgressRole).toDouble();
        const bool bar = index.column() == 0 || state == StepState::Running;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF tile = QRectF(option.rect).adjusted(2, 2, -2, -2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(stateColor(state));
        painter->drawRoundedRect(tile, 4, 4);
        if (option.state & QStyle::State_Selected) {
            painter->setBrush(Qt::NoBrush);
            painter->setPen(QPen(option.palette.highlight(), 2));
            painter->drawRoundedRect(tile.adjusted(1, 1, -1, -1), 4, 4);
        }
        if (bar) {
            const QRectF track(tile.left() + 6, tile.bottom() - 7, tile.width() - 12, 3);
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(0, 0, 0, 28));
            painter->drawRoundedRect(track, 1.5, 1.5);
            painter->setBrush(barColor(state));
            painter->drawRoundedRect(
                QRectF(track.topLeft(),
                       QSizeF(track.width() * std::clamp(progress, 0.0, 1.0), track.height())),
                1.5, 1.5);
        }
        painter->setPen(QColor(0x20, 0x21, 0x24));
        painter->drawText(
            tile.adjusted(6, 0, -6, bar ? -8 : 0), Qt::AlignVCenter | Qt::AlignLeft,
            twoLines(painter->font(), index.data(Qt::DisplayRole).toString(), int(tile.width()) - 12));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        return QSize(std::max(s.width() + 16, 96), std::max(s.height() + 14, 34));
    }
};

// A plan's cells say what the step would do; a run's say its state.
QString cellText(const StepStatus &s, bool dryRun)
{
    if (dryRun && s.state == StepState::Done && !s.message.isEmpty())
        return s.message;
    if (s.state == StepState::Running && s.progress > 0)
        return u"%1 %2%"_s.arg(flow::stepStateText(s.state)).arg(int(s.progress * 100));
    if (s.stored)
        return DeployDialog::tr("%1 (earlier)").arg(flow::stepStateText(s.state));
    return flow::stepStateText(s.state);
}

} // namespace

DeployDialog::DeployDialog(const flow::FlowGraph &graph, const fleet::Inventory &inventory,
                           flow::RunOptions options, QWidget *parent)
    : QDialog(parent), m_flowBytes(flow::flowToJson(graph)), m_inventory(inventory),
      m_options(std::move(options))
{
    setWindowTitle(tr("Deploy %1").arg(graph.name().isEmpty() ? tr("the flow") : graph.name()));
    resize(980, 620);

    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    QFont big = m_header->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_header->setFont(big);

    m_keysPanel = new QFrame(this);
    m_keysPanel->setFrameShape(QFrame::StyledPanel);
    m_keysPanel->setStyleSheet(
        u"QFrame { background: #fef7e0; border: 1px solid #f9ab00; border-radius: 4px; }"_s);
    m_keysText = new QLabel(m_keysPanel);
    m_keysText->setWordWrap(true);
    m_keysText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keysText->setStyleSheet(u"border: none;"_s);
    m_acceptKeys = new QPushButton(tr("Accept these keys and plan again"), m_keysPanel);
    auto *keysLayout = new QHBoxLayout(m_keysPanel);
    keysLayout->addWidget(m_keysText, 1);
    keysLayout->addWidget(m_acceptKeys, 0, Qt::AlignTop);
    m_keysPanel->hide();

    m_grid = new QTableWidget(this);
    m_grid->setItemDelegate(new StepDelegate(m_grid));
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setShowGrid(false);
    // Two lines of text in a tile, and the progress bar under them.
    m_grid->verticalHeader()->setDefaultSectionSize(2 * m_grid->fontMetrics().lineSpacing() + 16);
    // Node titles are the operator's and can be long: they wrap onto a second line.
    m_grid->horizontalHeader()->setDefaultAlignment(
        Qt::Alignment::fromInt(Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap));
    m_grid->horizontalHeader()->setMinimumHeight(2 * m_grid->fontMetrics().lineSpacing() + 8);
    m_details = new QPlainTextEdit(this);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a cell to see what the step plans or did on that site."));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_grid);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    m_deploy = new QPushButton(tr("&Deploy"), this);
    m_deploy->setDefault(true);
    m_retry = new QPushButton(tr("&Retry failed sites"), this);
    m_cancel = new QPushButton(tr("&Cancel run"), this);
    m_report = new QPushButton(tr("Show &report"), this);
    m_close = new QPushButton(tr("Close"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_report);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_deploy);
    buttons->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_keysPanel);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_deploy, &QPushButton::clicked, this, &DeployDialog::deploy);
    connect(m_retry, &QPushButton::clicked, this, &DeployDialog::retryFailed);
    connect(m_cancel, &QPushButton::clicked, this, &DeployDialog::cancelRun);
    connect(m_close, &QPushButton::clicked, this, &DeployDialog::reject);
    connect(m_acceptKeys, &QPushButton::clicked, this, [this] {
        // Pin only the listed sites' keys (a plan limited to them, accepting new keys), then plan
        // everything again strictly.
        QStringList sites;
        for (const auto &[site, key] : m_unknownKeys)
            sites << site;
        m_options.ssh.hostKeyPolicy = fleet::HostKeyPolicy::AcceptNew;
        const QString limit = sites.join(u',');
        m_pinning = true;
        start(true, limit);
    });
    connect(m_report, &QPushButton::clicked, this, [this] {
        const QString file = reportFile();
        QFile in(file);
        if (in.open(QIODevice::ReadOnly))
            m_details->setPlainText(QString::fromUtf8(in.readAll()));
        Q_EMIT reportRequested(file);
    });
    connect(m_grid, &QTableWidget::currentCellChanged, this, [this] { showDetails(); });
    setPhase(Phase::Planning);
}

DeployDialog::~DeployDialog() = default;

void DeployDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (!m_started)
        plan();
}

void DeployDialog::reject()
{
    if (m_phase == Phase::Running || m_phase == Phase::Planning) {
        if (m_executor && m_executor->isRunning()) {
            if (m_phase == Phase::Running &&
                QMessageBox::question(this, tr("Deployment running"),
                                      tr("The deployment is still running. Cancel it? Sites finish or stop "
                                         "their current step and stay consistent.")) != QMessageBox::Yes)
                return;
            m_closeWhenDone = true;
            m_executor->cancel();
            return;
        }
    }
    QDialog::reject();
}

void DeployDialog::plan()
{
    m_started = true;
    m_options.ssh.hostKeyPolicy = fleet::HostKeyPolicy::Strict;
    start(true, m_options.limit);
}

void DeployDialog::deploy()
{
    if (m_phase != Phase::Planned && m_phase != Phase::Finished)
        return;
    start(false, m_options.limit);
}

void DeployDialog::retryFailed()
{
    const QStringList sites = failedSites();
    if (sites.isEmpty() || m_phase != Phase::Finished)
        return;
    start(false, sites.join(u','));
}

void DeployDialog::cancelRun()
{
    if (m_executor && m_executor->isRunning())
        m_executor->cancel();
}

QStringList DeployDialog::failedSites() const
{
    QStringList sites;
    for (const auto &[key, s] : m_status)
        if (!key.second.isEmpty() && (s.state == StepState::Failed || s.state == StepState::Cancelled) &&
            !sites.contains(key.second))
            sites << key.second;
    return sites;
}

StepStatus DeployDialog::status(const QString &node, const QString &site) const
{
    auto it = m_status.find({node, site});
    return it == m_status.end() ? StepStatus{} : it->second;
}

void DeployDialog::start(bool dryRun, const QString &limit)
{
    auto read = flow::readFlow(m_flowBytes);
    if (!read) {
        m_details->setPlainText(read.error().text());
        return;
    }
    const std::unique_ptr<flow::FlowGraph> graph = read.take();
    flow::RunOptions options = m_options;
    options.dryRun = dryRun;
    m_dryRun = dryRun;
    options.limit = limit;
    m_executor = std::make_unique<flow::FlowExecutor>(*graph, m_inventory, options);
    connect(m_executor.get(), &flow::FlowExecutor::stepChanged, this, &DeployDialog::onStep);
    connect(m_executor.get(), &flow::FlowExecutor::finished, this, &DeployDialog::onFinished);
    connect(m_executor.get(), &flow::FlowExecutor::logLine, this,
            [this](const QString &node, const QString &site, const QString &) {
                const int row = m_grid->currentRow(), column = m_grid->currentColumn();
                if (row >= 0 && column > 0 && m_sites.value(row) == site && m_nodes.value(column - 1) == node)
                    showDetails();
            });
    m_status.clear();
    m_unknownKeys.clear();
    QString error;
    if (!m_executor->start(&error)) {
        m_executor.reset();
        m_pinning = false;
        m_header->setText(tr("The flow cannot run: %1").arg(error));
        setPhase(Phase::Finished);
        m_deploy->setEnabled(false);
        return;
    }
    for (const StepStatus &s : m_executor->steps())
        m_status[{s.node, s.site}] = s;
    buildGrid();
    setPhase(dryRun ? Phase::Planning : Phase::Running);
}

void DeployDialog::buildGrid()
{
    m_nodes.clear();
    m_sites.clear();
    bool cloud = false;
    for (const StepStatus &s : m_executor->steps()) {
        if (!m_nodes.contains(s.node))
            m_nodes << s.node;
        if (s.site.isEmpty())
            cloud = true;
        else if (!m_sites.contains(s.site))
            m_sites << s.site;
    }
    if (cloud)
        m_sites.prepend(QString());
    auto read = flow::readFlow(m_flowBytes);
    m_grid->clear();
    m_grid->setRowCount(int(m_sites.size()));
    m_grid->setColumnCount(int(m_nodes.size()) + 1);
    QStringList headers{tr("Progress")};
    for (const QString &node : m_nodes) {
        QString title = node;
        if (read)
            if (const flow::Node *n = read.graph().node(node)) {
                const flow::NodeType *type = flow::Catalogue::instance().find(n->type);
                title = !n->title.isEmpty() ? n->title : type ? type->title() : node;
            }
        headers << title;
    }
    m_grid->setHorizontalHeaderLabels(headers);
    for (int c = 1; c < m_grid->columnCount(); ++c)
        m_grid->horizontalHeaderItem(c)->setToolTip(headers.at(c) + u" ("_s + m_nodes.at(c - 1) + u')');
    QStringList rows;
    for (const QString &site : m_sites)
        rows << (site.isEmpty() ? tr("Cloud (this machine)") : site);
    m_grid->setVerticalHeaderLabels(rows);
    for (int r = 0; r < m_grid->rowCount(); ++r) {
        auto *progress = new QTableWidgetItem;
        m_grid->setItem(r, 0, progress);
        for (int c = 0; c < int(m_nodes.size()); ++c) {
            auto *item = new QTableWidgetItem;
            item->setData(kNodeRole, m_nodes[c]);
            const auto it = m_status.find({m_nodes[c], m_sites[r]});
            if (it == m_status.end()) {
                item->setFlags(Qt::NoItemFlags);
            } else {
                item->setText(cellText(it->second, m_dryRun));
                item->setData(kStateRole, int(it->second.state));
                item->setData(kProgressRole, it->second.progress);
            }
            m_grid->setItem(r, c + 1, item);
        }
        updateSiteProgress(m_sites[r]);
    }
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_grid->setColumnWidth(0, 120);
}

void DeployDialog::updateSiteProgress(const QString &site)
{
    const int row = int(m_sites.indexOf(site));
    if (row < 0)
        return;
    int steps = 0, ended = 0, failed = 0, running = 0;
    double progress = 0;
    for (const QString &node : m_nodes) {
        auto it = m_status.find({node, site});
        if (it == m_status.end())
            continue;
        ++steps;
        const StepState s = it->second.state;
        if (s == StepState::Failed || s == StepState::Cancelled)
            ++failed;
        if (s == StepState::Running)
            ++running;
        if (s != StepState::Waiting && s != StepState::Running)
            ++ended;
        progress += s == StepState::Running ? it->second.progress : (s == StepState::Waiting ? 0 : 1);
    }
    QTableWidgetItem *item = m_grid->item(row, 0);
    if (!item || steps == 0)
        return;
    const StepState summary = failed             ? StepState::Failed
                              : ended == steps   ? StepState::Done
                              : running || ended ? StepState::Running
                                                 : StepState::Waiting;
    item->setData(kStateRole, int(summary));
    item->setData(kProgressRole, progress / steps);
    item->setText(tr("%1 of %2").arg(ended).arg(steps));
}

void DeployDialog::onStep(const StepStatus &s)
{
    m_status[{s.node, s.site}] = s;
    const int row = int(m_sites.indexOf(s.site));
    const int column = int(m_nodes.indexOf(s.node));
    if (row < 0 || column < 0)
        return;
    if (QTableWidgetItem *item = m_grid->item(row, column + 1)) {
        item->setText(cellText(s, m_dryRun));
        item->setData(kStateRole, int(s.state));
        item->setData(kProgressRole, s.progress);
        item->setToolTip(s.message);
    }
    updateSiteProgress(s.site);
    if (m_grid->currentRow() == row && m_grid->currentColumn() == column + 1)
        showDetails();
}

void DeployDialog::onFinished(const flow::RunSummary &summary)
{
    m_summary = summary;
    if (m_closeWhenDone) {
        m_closeWhenDone = false;
        QDialog::reject();
        return;
    }
    if (m_pinning) {
        // The accepted keys are pinned now: the full plan again, strictly.
        m_pinning = false;
        plan();
        return;
    }
    for (const auto &[key, s] : m_status)
        if (s.problem == u"host-key-unknown"_s && !key.second.isEmpty())
            m_unknownKeys[key.second] = s.fingerprint;
    updateKeysPanel();
    setPhase(summary.dryRun ? Phase::Planned : Phase::Finished);
    Q_EMIT finished(summary);
}

void DeployDialog::updateKeysPanel()
{
    if (m_unknownKeys.empty()) {
        m_keysPanel->hide();
        return;
    }
    QStringList lines;
    for (const auto &[site, key] : m_unknownKeys)
        lines << u"%1: %2"_s.arg(site, key);
    m_keysText->setText(tr("%n site(s) are contacted for the first time. Check their host key fingerprints "
                           "before accepting them (they are then pinned in the workspace's known_hosts):",
                           "", int(m_unknownKeys.size())) +
                        u"\n"_s + lines.join(u'\n'));
    m_acceptKeys->setText(tr("Accept %n key(s) and plan again", "", int(m_unknownKeys.size())));
    m_keysPanel->show();
}

void DeployDialog::setPhase(Phase phase)
{
    m_phase = phase;
    int sites = 0;
    for (const QString &s : m_sites)
        sites += s.isEmpty() ? 0 : 1;
    const int failed = int(failedSites().size());
    switch (phase) {
    case Phase::Planning:
        m_header->setText(tr("Planning: checking what the flow would change on each site…"));
        break;
    case Phase::Planned:
        m_header->setText(
            m_summary.failed
                ? tr("Plan for %n site(s): %1 step(s) cannot run as things are; see the red cells.", "",
                     sites)
                      .arg(m_summary.failed)
                : tr("Plan for %n site(s): nothing is changed until you click Deploy.", "", sites));
        break;
    case Phase::Running:
        m_header->setText(tr("Deploying to %n site(s)…", "", sites));
        break;
    case Phase::Finished:
        if (m_executor)
            m_header->setText(
                m_summary.cancelled ? tr("Cancelled. The sites stay as the steps left them; a new "
                                         "deployment continues from there.")
                : failed
                    ? tr("Done with %n failed site(s): see the red cells, fix, then retry them.", "", failed)
                    : tr("Deployed to %n site(s) in %1 s.", "", sites).arg(m_summary.seconds, 0, 'f', 1));
        break;
    }
    const bool idle = phase == Phase::Planned || phase == Phase::Finished;
    m_deploy->setEnabled(idle && m_executor);
    m_deploy->setText(phase == Phase::Finished ? tr("&Deploy again") : tr("&Deploy"));
    m_retry->setVisible(phase == Phase::Finished && failed > 0);
    m_retry->setEnabled(phase == Phase::Finished && failed > 0);
    m_cancel->setEnabled(phase == Phase::Running || phase == Phase::Planning);
    m_report->setEnabled(phase == Phase::Finished && QFile::exists(reportFile()));
    m_acceptKeys->setEnabled(idle);
    Q_EMIT phaseChanged(phase);
}

QString DeployDialog::reportFile() const
{
    if (!m_executor)
        return QString();
    for (const StepStatus &s : m_executor->steps())
        if (s.state == StepState::Done && s.site.isEmpty()) {
            const QString path =
                m_executor->outputs(s.node, s.site).value(u"report"_s).toObject().value(u"path"_s).toString();
            if (!path.isEmpty())
                return path;
        }
    return QString();
}

void DeployDialog::showDetails()
{
    const int row = m_grid->currentRow(), column = m_grid->currentColumn();
    if (!m_executor || row < 0 || row >= m_sites.size())
        return;
    const QString site = m_sites[row];
    QStringList text;
    if (column <= 0) {
        for (const QString &node : m_nodes) {
            auto it = m_status.find({node, site});
            if (it != m_status.end())
                text << u"%1: %2  %3"_s.arg(node, flow::stepStateText(it->second.state), it->second.message);
        }
    } else {
        const QString node = m_nodes.value(column - 1);
        auto it = m_status.find({node, site});
        if (it == m_status.end())
            return;
        text << u"%1 — %2"_s.arg(node, site.isEmpty() ? tr("cloud") : site)
             << u"%1: %2"_s.arg(flow::stepStateText(it->second.state), it->second.message) << QString();
        text << m_executor->log(node, site);
    }
    m_details->setPlainText(text.join(u'\n'));
}

std::unique_ptr<flow::FlowGraph> DeployDialog::provisioningPart(const flow::FlowGraph &graph)
{
    static const QSet<QString> provisioning{u"provision-edge"_s, u"install-daemon"_s, u"deploy-model"_s};
    QSet<QString> keep;
    // The provisioning nodes and everything they depend on.
    QStringList todo;
    for (const flow::Node &n : graph.nodes())
        if (provisioning.contains(n.type))
            todo << n.id;
    while (!todo.isEmpty()) {
        const QString id = todo.takeLast();
        if (keep.contains(id))
            continue;
        keep.insert(id);
        for (const flow::Link &l : graph.linksInto(id))
            todo << l.from.node;
    }
    auto part = std::make_unique<flow::FlowGraph>();
    part->setName(graph.name());
    for (const flow::Node &n : graph.nodes())
        if (keep.contains(n.id))
            (void)part->insertNode(n);
    for (const flow::Link &l : graph.links())
        if (keep.contains(l.from.node) && keep.contains(l.to.node))
            (void)part->insertLink(l);
    return part;
}

} // namespace tenkai::ui
