#include "monitor_page.h"

#include "common/training_text.h"
#include "jobs/training_job.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace tenkai::ui {
namespace {

// The chart repaints at most this often, however fast metrics arrive (about 25 frames/s).
constexpr int kRepaintIntervalMs = 40;

} // namespace

MonitorPage::MonitorPage(QWidget *parent) : QWidget(parent), m_job(new TrainingJob(this))
{
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_dataset->addItem(tr("Fashion-MNIST (installed)"), QStringLiteral("fashion-mnist"));

    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_model->addItem(tr("LeNet-5"), QStringLiteral("lenet"));
    m_model->addItem(tr("AlexNet (small)"), QStringLiteral("alexnet"));

    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("epochsSpin"));
    m_epochs->setRange(1, 100);
    m_epochs->setValue(3);

    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("limitSpin"));
    m_limit->setRange(0, 60000);
    m_limit->setSingleStep(1000);
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setSuffix(tr(" images"));
    m_limit->setValue(0);

    m_start = new QPushButton(tr("Start training"), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Dataset"), m_dataset);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Training images"), m_limit);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    form->addRow(buttons);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("trainingProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_status = new QLabel(tr("Ready. Choose a model and start a training on this computer."), this);
    m_status->setObjectName(QStringLiteral("trainingStatus"));
    m_status->setWordWrap(true);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("trainingLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setPlaceholderText(tr("Training messages appear here."));

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addLayout(form);
    sideLayout->addWidget(m_progress);
    sideLayout->addWidget(m_status);
    sideLayout->addWidget(m_log, 1);
    side->setMinimumWidth(280);
    side->setMaximumWidth(420);

    m_chart = new QChart;
    m_chart->setTitle(tr("Training on this computer"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_loss = new QLineSeries;
    m_loss->setObjectName(QStringLiteral("lossSeries"));
    m_loss->setName(tr("Training loss"));
    m_accuracy = new QLineSeries;
    m_accuracy->setObjectName(QStringLiteral("accuracySeries"));
    m_accuracy->setName(tr("Test accuracy (%)"));
    m_accuracyPoints = new QScatterSeries;
    m_accuracyPoints->setMarkerSize(8);
    m_chart->addSeries(m_loss);
    m_chart->addSeries(m_accuracy);
    m_chart->addSeries(m_accuracyPoints);
    m_chart->legend()->markers(m_accuracyPoints).first()->setVisible(false);
    m_accuracyPoints->setColor(m_accuracy->color());

    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("Optimizer step"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisLoss = new QValueAxis;
    m_axisLoss->setTitleText(tr("Loss"));
    m_axisAccuracy = new QValueAxis;
    m_axisAccuracy->setTitleText(tr("Accuracy (%)"));
    m_axisAccuracy->setRange(0, 100);
    m_axisAccuracy->setLabelFormat(QStringLiteral("%d"));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisLoss, Qt::AlignLeft);
    m_chart->addAxis(m_axisAccuracy, Qt::AlignRight);
    m_loss->attachAxis(m_axisX);
    m_loss->attachAxis(m_axisLoss);
    for (QXYSeries *s : {static_cast<QXYSeries *>(m_accuracy), static_cast<QXYSeries *>(m_accuracyPoints)}) {
        s->attachAxis(m_axisX);
        s->attachAxis(m_axisAccuracy);
    }
    m_loss->setColor(QColor(0x1f, 0x77, 0xb4));
    m_accuracy->setColor(QColor(0xd6, 0x27, 0x28));
    m_accuracyPoints->setColor(QColor(0xd6, 0x27, 0x28));
    m_accuracyPoints->setBorderColor(QColor(0xd6, 0x27, 0x28));

    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName(QStringLiteral("trainingChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(420, 300);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(side);
    splitter->addWidget(m_chartView);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_repaint = new QTimer(this);
    m_repaint->setSingleShot(true);
    m_repaint->setInterval(kRepaintIntervalMs);
    connect(m_repaint, &QTimer::timeout, this, &MonitorPage::drainPending);
    connect(m_job, &TrainingJob::pendingAvailable, this, &MonitorPage::scheduleRepaint);
    connect(m_job, &TrainingJob::finished, this, &MonitorPage::onFinished);
    connect(m_start, &QPushButton::clicked, this, &MonitorPage::startTraining);
    connect(m_stop, &QPushButton::clicked, this, &MonitorPage::stopTraining);
    resetChart();
}

MonitorPage::~MonitorPage() = default;

bool MonitorPage::isTraining() const
{
    return m_job->isRunning();
}

void MonitorPage::startTraining()
{
    if (m_job->isRunning())
        return;
    train::TrainConfig config;
    config.dataset = m_dataset->currentData().toString().toStdString();
    config.model = m_model->currentData().toString().toStdString();
    config.epochs = m_epochs->value();
    config.limit = m_limit->value();
    m_epochTotal = config.epochs;
    resetChart();
    m_log->clear();
    m_status->setText(tr("Loading the dataset..."));
    if (!m_job->start(config))
        return;
    setRunning(true);
    Q_EMIT trainingStarted();
}

void MonitorPage::stopTraining()
{
    if (!m_job->isRunning())
        return;
    m_stop->setEnabled(false);
    m_status->setText(tr("Stopping after the current step..."));
    m_job->stop();
}

void MonitorPage::scheduleRepaint()
{
    if (!m_repaint->isActive())
        m_repaint->start();
}

void MonitorPage::drainPending()
{
    const TrainingJob::Batch batch = m_job->takePending();
    if (batch.empty())
        return;
    for (const auto &start : batch.starts)
        m_log->appendPlainText(describeStart(start));

    QList<QPointF> lossPoints;
    lossPoints.reserve(qsizetype(batch.steps.size()));
    for (const auto &m : batch.steps) {
        lossPoints.append(QPointF(double(m.step), m.loss));
        m_maxLoss = std::max(m_maxLoss, m.loss);
    }
    if (!lossPoints.isEmpty())
        m_loss->append(lossPoints);

    QList<QPointF> accuracyPoints;
    for (const auto &m : batch.epochs) {
        accuracyPoints.append(QPointF(double(m.step), m.testAccuracy * 100.0));
        m_log->appendPlainText(tr("Epoch %1: loss %2, test accuracy %3%")
                                   .arg(m.epoch)
                                   .arg(m.trainLoss, 0, 'f', 4)
                                   .arg(m.testAccuracy * 100.0, 0, 'f', 2));
    }
    if (!accuracyPoints.isEmpty()) {
        m_accuracy->append(accuracyPoints);
        m_accuracyPoints->append(accuracyPoints);
    }

    if (!batch.steps.empty()) {
        const auto &last = batch.steps.back();
        m_axisX->setRange(0, double(std::max<std::int64_t>(last.totalSteps, 1)));
        m_axisLoss->setRange(0, std::ceil(m_maxLoss * 10.0) / 10.0);
        m_progress->setValue(last.totalSteps > 0 ? int(1000 * last.step / last.totalSteps) : 0);
        QString text = tr("Epoch %1 of %2, %3 images/s")
                           .arg(last.epoch)
                           .arg(m_epochTotal)
                           .arg(QLocale().toString(qint64(last.imagesPerSecond)));
        if (m_accuracy->count() > 0)
            text += QStringLiteral(" · ") +
                    tr("test accuracy %1%").arg(m_accuracy->at(m_accuracy->count() - 1).y(), 0, 'f', 2);
        m_status->setText(text);
    }
}

void MonitorPage::onFinished(const QString &error)
{
    drainPending();
    setRunning(false);
    const auto &summary = m_job->summary();
    if (!error.isEmpty()) {
        m_status->setText(error);
        m_log->appendPlainText(error);
    } else if (summary.cancelled) {
        m_status->setText(tr("Stopped after %n complete epoch(s).", nullptr, summary.epochsCompleted));
    } else {
        m_progress->setValue(m_progress->maximum());
        m_status->setText(
            tr("Done: test accuracy %1% after %n epoch(s), %2 images/s.", nullptr, summary.epochsCompleted)
                .arg(summary.testAccuracy * 100.0, 0, 'f', 2)
                .arg(QLocale().toString(qint64(summary.imagesPerSecond))));
    }
    Q_EMIT trainingFinished(error.isEmpty());
}

void MonitorPage::resetChart()
{
    m_loss->clear();
    m_accuracy->clear();
    m_accuracyPoints->clear();
    m_maxLoss = 0;
    m_axisX->setRange(0, 100);
    m_axisLoss->setRange(0, 2.5);
    m_progress->setValue(0);
}

void MonitorPage::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_dataset->setEnabled(!running);
    m_model->setEnabled(!running);
    m_epochs->setEnabled(!running);
    m_limit->setEnabled(!running);
}

} // namespace tenkai::ui
