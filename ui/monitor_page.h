// The Monitor area: start a training and watch its loss and accuracy arrive live.
#pragma once

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QTimer;
class QValueAxis;

namespace tenkai {
class TrainingJob;
}

namespace tenkai::ui {

class MonitorPage : public QWidget
{
    Q_OBJECT

public:
    explicit MonitorPage(QWidget *parent = nullptr);
    ~MonitorPage() override;

    QLineSeries *lossSeries() const { return m_loss; }
    QLineSeries *accuracySeries() const { return m_accuracy; }
    bool isTraining() const;

public Q_SLOTS:
    void startTraining();
    void stopTraining();

Q_SIGNALS:
    void trainingStarted();
    void trainingFinished(bool ok);

private:
    void scheduleRepaint();
    void drainPending();
    void onFinished(const QString &error);
    void resetChart();
    void setRunning(bool running);

    TrainingJob *m_job = nullptr;
    QComboBox *m_dataset = nullptr;
    QComboBox *m_model = nullptr;
    QSpinBox *m_epochs = nullptr;
    QSpinBox *m_limit = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QLineSeries *m_loss = nullptr;
    QLineSeries *m_accuracy = nullptr;
    QScatterSeries *m_accuracyPoints = nullptr;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisLoss = nullptr;
    QValueAxis *m_axisAccuracy = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QTimer *m_repaint = nullptr;
    double m_maxLoss = 0;
    int m_epochTotal = 0;
};

} // namespace tenkai::ui
