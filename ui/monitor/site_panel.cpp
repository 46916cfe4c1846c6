#include "site_panel.h"

#include "live_chart.h"
#include "overview_model.h"
#include "site_feed.h"
#include "telemetry/daemon_client.h"
#include "telemetry/protocol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace tenkai::ui {
namespace {

// The charts take new data at most ten times a second, however fast events arrive.
constexpr int kRedrawIntervalMs = 100;

QColor memberColor(int member)
{
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                     QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                                     QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    return palette[(std::max(1, member) - 1) % 10];
}

// The points of a series up to seq `cutoff` (points are in seq order).
std::span<const MetricPoint> upTo(const std::vector<MetricPoint> &points, qint64 cutoff)
{
    const auto end = std::upper_bound(points.begin(), points.end(), cutoff,
                                      [](qint64 seq, const MetricPoint &p) { return seq < p.seq; });
    return {points.data(), std::size_t(end - points.begin())};
}

} // namespace

SitePanel::SitePanel(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("siteTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("siteStatus"));
    m_status->setTextFormat(Qt::PlainText);

    m_run = new QComboBox(this);
    m_run->setObjectName(QStringLiteral("runCombo"));
    m_run->setMinimumContentsLength(10);
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runAction = new QPushButton(this);
    m_runAction->setObjectName(QStringLiteral("runActionButton"));
    m_axis = new QComboBox(this);
    m_axis->setObjectName(QStringLiteral("xAxisCombo"));
    m_axis->addItem(tr("Step"), int(XAxisMode::Step));
    m_axis->addItem(tr("Epoch"), int(XAxisMode::Epoch));
    m_axis->addItem(tr("Time"), int(XAxisMode::Time));
    m_smoothing = new QSlider(Qt::Horizontal, this);
    m_smoothing->setObjectName(QStringLiteral("smoothingSlider"));
    m_smoothing->setRange(0, 99);
    m_smoothing->setValue(0);
    m_smoothing->setFixedWidth(110);
    m_smoothing->setToolTip(tr("Exponential moving average of the loss curves (0: raw values)."));
    m_smoothingValue = new QLabel(QStringLiteral("0.00"), this);
    m_smoothingValue->setMinimumWidth(
        m_smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    m_log = new QCheckBox(tr("Log scale"), this);
    m_log->setObjectName(QStringLiteral("logScaleCheck"));
    m_log->setToolTip(tr("Show the loss on a logarithmic scale."));
    m_pause = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the charts; new points are kept and appear on resume."));
    m_fit = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Fit"), this);
    m_fit->setObjectName(QStringLiteral("fitButton"));
    m_fit->setToolTip(tr("Undo the zoom and follow the data again."));
    m_fit->setEnabled(false);
    m_csv = new QPushButton(tr("Export CSV…"), this);
    m_csv->setObjectName(QStringLiteral("exportCsvButton"));
    m_png = new QPushButton(tr("Export PNG…"), this);
    m_png->setObjectName(QStringLiteral("exportPngButton"));

    auto *controls = new QHBoxLayout;
    controls->setSpacing(8);
    controls->addWidget(new QLabel(tr("Run"), this));
    controls->addWidget(m_run);
    controls->addWidget(m_runAction);
    controls->addSpacing(6);
    controls->addWidget(new QLabel(tr("X axis"), this));
    controls->addWidget(m_axis);
    controls->addSpacing(6);
    controls->addWidget(new QLabel(tr("Smoothing"), this));
    controls->addWidget(m_smoothing);
    controls->addWidget(m_smoothingValue);
    controls->addWidget(m_log);
    controls->addStretch(1);
    controls->addWidget(m_pause);
    controls->addWidget(m_fit);
    controls->addWidget(m_csv);
    controls->addWidget(m_png);

    m_loss = new LiveChart(tr("Training loss per member"), tr("Loss"), this);
    m_loss->setObjectName(QStringLiteral("lossChart"));
    m_accuracy = new LiveChart(tr("Accuracy on the test split (the ensemble also on validation)"),
                               tr("Accuracy (%)"), this);
    m_accuracy->setObjectName(QStringLiteral("accuracyChart"));
    m_accuracy->setYLimits(0, 100);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_loss);
    splitter->addWidget(m_accuracy);
    splitter->setChildrenCollapsible(false);
    m_charts = splitter;

    m_hover = new QLabel(this);
    m_hover->setObjectName(QStringLiteral("hoverReadout"));
    m_hover->setTextFormat(Qt::PlainText);
    m_hover->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addSpacing(12);
    header->addWidget(m_status, 1);
    header->addWidget(m_hover);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(header);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(m_run, &QComboBox::activated, this, [this](int index) {
        m_followLatest = index == m_run->count() - 1;
        m_dirty = true;
        m_loss->fitToData();
        m_accuracy->fitToData();
    });
    connect(m_axis, &QComboBox::currentIndexChanged, this,
            [this] { setXAxisMode(XAxisMode(m_axis->currentData().toInt())); });
    connect(m_smoothing, &QSlider::valueChanged, this, [this](int value) {
        m_smoothingValue->setText(QLocale().toString(value / 100.0, 'f', 2));
        m_dirty = true;
    });
    connect(m_log, &QCheckBox::toggled, this, [this](bool on) { m_loss->setLogScale(on); });
    connect(m_pause, &QPushButton::toggled, this, &SitePanel::setPaused);
    connect(m_fit, &QPushButton::clicked, this, [this] {
        m_loss->fitToData();
        m_accuracy->fitToData();
    });
    for (LiveChart *chart : {m_loss, m_accuracy}) {
        connect(chart, &LiveChart::zoomChanged, this,
                [this] { m_fit->setEnabled(m_loss->userZoomed() || m_accuracy->userZoomed()); });
        connect(chart, &LiveChart::hoverText, m_hover, &QLabel::setText);
    }
    connect(m_runAction, &QPushButton::clicked, this, &SitePanel::runActionClicked);
    connect(m_csv, &QPushButton::clicked, this, &SitePanel::chooseCsv);
    connect(m_png, &QPushButton::clicked, this, &SitePanel::choosePng);

    setXAxisMode(XAxisMode::Step);
    m_timer = new QTimer(this);
    m_timer->setInterval(kRedrawIntervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] { tick(false); });
    m_timer->start();
    setFeed(nullptr);
}

void SitePanel::setFeed(SiteFeed *feed)
{
    m_feed = feed;
    m_followLatest = true;
    m_run->clear();
    m_dirty = true;
    m_drawnVersion = 0;
    m_hover->clear();
    m_pendingAction = 0;
    m_actionProblem.clear();
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_run, m_axis, m_smoothing, m_log, m_pause, m_csv, m_png})
        w->setEnabled(feed != nullptr);
    m_loss->fitToData();
    m_accuracy->fitToData();
    tick(true);
}

QString SitePanel::currentRun() const
{
    return m_run->currentText();
}

void SitePanel::setXAxisMode(XAxisMode mode)
{
    m_mode = mode;
    const int index = m_axis->findData(int(mode));
    if (m_axis->currentIndex() != index)
        m_axis->setCurrentIndex(index); // comes back here through currentIndexChanged
    for (LiveChart *chart : {m_loss, m_accuracy}) {
        switch (mode) {
        case XAxisMode::Step:
            chart->setXTitle(tr("Optimizer step"), QStringLiteral("%d"));
            break;
        case XAxisMode::Epoch:
            chart->setXTitle(tr("Epoch"), QStringLiteral("%.1f"));
            break;
        case XAxisMode::Time:
            chart->setXTitle(tr("Seconds since the run started"), QStringLiteral("%.0f"));
            break;
        }
        chart->fitToData();
    }
    m_dirty = true;
}

void SitePanel::setSmoothing(double weight)
{
    m_smoothing->setValue(int(std::lround(std::clamp(weight, 0.0, 0.99) * 100)));
}

void SitePanel::setLogScale(bool log)
{
    m_log->setChecked(log);
}

void SitePanel::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused) {
        m_pause->setChecked(paused); // comes back here through toggled
        return;
    }
    m_paused = paused;
    m_pausedSeq = m_feed ? m_feed->metrics().lastSeq() : 0;
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_dirty = true;
    tick(true);
}

qint64 SitePanel::pendingWhilePaused() const
{
    if (!m_paused || !m_feed)
        return 0;
    return m_feed->metrics().lastSeq() - m_pausedSeq;
}

void SitePanel::tick(bool force)
{
    // A hidden panel (another area or tab) costs nothing; it catches up when shown.
    if (!force && !isVisible())
        return;
    updateRuns();
    updateRunAction();
    updateStatus();
    if (!m_feed) {
        if (m_dirty) {
            m_loss->setCurves({});
            m_accuracy->setCurves({});
            m_dirty = false;
        }
        return;
    }
    const quint64 version = m_feed->metrics().version();
    if (m_dirty || (!m_paused && version != m_drawnVersion))
        rebuild();
}

void SitePanel::refreshNow()
{
    tick(true);
}

void SitePanel::updateRuns()
{
    const QStringList runs = m_feed ? m_feed->metrics().runIds() : QStringList();
    if (runs.size() == m_run->count())
        return;
    const QString current = m_run->currentText();
    m_run->clear();
    m_run->addItems(runs);
    const int index = m_followLatest || current.isEmpty() ? int(runs.size()) - 1 : int(runs.indexOf(current));
    m_run->setCurrentIndex(index);
    m_dirty = true;
}

void SitePanel::updateStatus()
{
    if (!m_feed) {
        m_title->setText(tr("No site selected"));
        m_status->setText(tr("Choose a site in the overview to see its charts."));
        return;
    }
    m_title->setText(m_feed->site().name);
    QStringList parts{m_feed->connectionText()};
    if (!m_feed->daemonVersion().isEmpty())
        parts << tr("tenkaid %1").arg(m_feed->daemonVersion());
    if (const RunMetrics *run = m_feed->metrics().run(currentRun())) {
        if (!run->state.isEmpty())
            parts << tr("run %1: %2, %3%")
                         .arg(run->id, OverviewModel::runStateText(run->state))
                         .arg(int(std::lround(run->progress * 100)));
        if (!run->error.isEmpty())
            parts << run->error;
    }
    if (!m_actionProblem.isEmpty())
        parts << m_actionProblem;
    if (m_paused)
        parts << tr("paused, %n new event(s) waiting", nullptr, int(pendingWhilePaused()));
    if (!m_feed->problem().isEmpty() && m_feed->connection() != SiteFeed::Connection::Connected)
        parts << m_feed->problem();
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

// One button for the shown run: Stop while it is queued or running, Resume once it failed or was
// stopped (it carries on from its last checkpoint); disabled while a request is out, while the
// site is not connected, and for a run that is done or stopping.
void SitePanel::updateRunAction()
{
    const RunMetrics *run = m_feed ? m_feed->metrics().run(currentRun()) : nullptr;
    const QString state = run ? run->state : QString();
    namespace st = telemetry::state;
    const bool resumable = state == QLatin1String(st::Failed) || state == QLatin1String(st::Stopped);
    const bool stoppable = state == QLatin1String(st::Queued) || state == QLatin1String(st::Running);
    const QString type = resumable ? QStringLiteral("resume_run") : QStringLiteral("stop_run");
    if (type != m_runActionType || m_runAction->text().isEmpty()) {
        m_runActionType = type;
        m_runAction->setText(resumable ? tr("Resume run") : tr("Stop run"));
        m_runAction->setIcon(
            style()->standardIcon(resumable ? QStyle::SP_MediaSeekForward : QStyle::SP_MediaStop));
        m_runAction->setToolTip(
            resumable ? tr("Queue this run again at its site; it carries on from its last checkpoint.")
                      : tr("Stop this run at its next optimizer step; it can be resumed later from its last "
                           "checkpoint."));
    }
    const bool connected =
        m_feed && m_feed->client() && m_feed->connection() == SiteFeed::Connection::Connected;
    m_runAction->setEnabled(connected && (resumable || stoppable) && m_pendingAction == 0);
}

void SitePanel::runActionClicked()
{
    telemetry::DaemonClient *client = m_feed ? m_feed->client() : nullptr;
    const QString run = currentRun();
    if (!client || run.isEmpty() || m_pendingAction != 0)
        return;
    if (m_actionClient != client) {
        if (m_actionClient)
            disconnect(m_actionClient, nullptr, this, nullptr);
        m_actionClient = client;
        connect(client, &telemetry::DaemonClient::reply, this, &SitePanel::onReply);
    }
    m_actionProblem.clear();
    m_pendingAction = client->request(m_runActionType, QJsonObject{{QStringLiteral("run"), run}});
    tick(true);
}

void SitePanel::onReply(qint64 id, const QJsonObject &message)
{
    if (id != m_pendingAction || id == 0)
        return;
    m_pendingAction = 0;
    if (message.value(QStringLiteral("type")).toString() == QLatin1String("error"))
        m_actionProblem = message.value(QStringLiteral("message")).toString();
    tick(true);
}

void SitePanel::rebuild()
{
    m_dirty = false;
    const SiteMetrics &metrics = m_feed->metrics();
    m_drawnVersion = metrics.version();
    const RunMetrics *run = metrics.run(currentRun());
    const qint64 cutoff = m_paused ? m_pausedSeq : metrics.lastSeq();
    const double weight = m_smoothing->value() / 100.0;
    std::vector<Curve> losses;
    std::vector<Curve> accuracies;
    qint64 newest = 0;
    if (run) {
        const auto take = [&](int member, const QString &name, bool epochEnd) {
            const auto *points = run->find(member, name);
            if (!points)
                return std::vector<QPointF>();
            const auto span = upTo(*points, cutoff);
            if (!span.empty())
                newest = std::max(newest, span.back().seq);
            return curvePoints(span, m_mode, run->firstT, epochEnd);
        };
        for (int member : run->members()) {
            Curve loss{{member, QStringLiteral("loss")},
                       tr("Member %1").arg(member),
                       memberColor(member),
                       1.6,
                       false,
                       take(member, QStringLiteral("loss"), false)};
            smooth(loss.points, weight);
            losses.push_back(std::move(loss));
            Curve accuracy{{member, QStringLiteral("test_accuracy")},
                           tr("Member %1").arg(member),
                           memberColor(member),
                           1.4,
                           true,
                           take(member, QStringLiteral("test_accuracy"), true)};
            for (QPointF &p : accuracy.points)
                p.setY(p.y() * 100);
            accuracies.push_back(std::move(accuracy));
        }
        // The ensemble's curves, in percent: its soft vote on the test split, and on the validation
        // split the figure every choice is made on (target accuracy, vote weights).
        const auto addEnsemble = [&](const QString &metric, const QString &label, const QColor &color,
                                     qreal width) {
            Curve curve{{0, metric}, label, color, width, true, take(0, metric, true)};
            for (QPointF &p : curve.points)
                p.setY(p.y() * 100);
            if (!curve.points.empty())
                accuracies.push_back(std::move(curve));
        };
        addEnsemble(QStringLiteral("test_accuracy"), tr("Ensemble (soft vote)"), QColor(0x20, 0x20, 0x20),
                    3.0);
        addEnsemble(QStringLiteral("validation_accuracy"), tr("Ensemble (validation)"),
                    QColor(0x90, 0x90, 0x90), 2.0);
    }
    m_loss->setCurves(std::move(losses));
    // Both charts of a run share their x range, so an epoch's end sits under its steps.
    const auto [low, high] = m_loss->dataXRange();
    m_accuracy->setXExtent(m_mode == XAxisMode::Epoch ? std::min(low, 0.0) : low, high);
    m_accuracy->setCurves(std::move(accuracies));
    Q_EMIT redrawn(newest);
}

bool SitePanel::exportCsv(const QString &path, QString *error) const
{
    if (!m_feed) {
        *error = tr("No site is selected.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_feed->metrics().toCsv()) < 0 || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SitePanel::exportPng(const QString &path, QString *error)
{
    const QPixmap image = m_charts->grab();
    if (!image.save(path, "PNG")) {
        *error = tr("Could not write the image %1.").arg(path);
        return false;
    }
    return true;
}

void SitePanel::chooseCsv()
{
    if (!m_feed)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export metrics as CSV"),
                                                      m_feed->site().name + QStringLiteral("-metrics.csv"),
                                                      tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void SitePanel::choosePng()
{
    if (!m_feed)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export charts as PNG"),
                                                      m_feed->site().name + QStringLiteral("-charts.png"),
                                                      tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportPng(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace tenkai::ui
