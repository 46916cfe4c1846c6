// SitePanel: the live charts of one site: loss per member, test accuracy per member and the
// ensemble's, with the x axis by step, epoch or time, smoothing, a log scale, hover readout, pause,
// zoom and CSV/PNG export. It repaints on a 10 Hz timer from the feed's SiteMetrics, never per event.
#pragma once

#include "series_math.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QJsonObject;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTimer;

namespace tenkai::ui {

class LiveChart;
class SiteFeed;

class SitePanel : public QWidget
{
    Q_OBJECT

public:
    explicit SitePanel(QWidget *parent = nullptr);

    void setFeed(SiteFeed *feed);
    SiteFeed *feed() const { return m_feed; }

    LiveChart *lossChart() const { return m_loss; }
    LiveChart *accuracyChart() const { return m_accuracy; }
    QString currentRun() const;

    void setXAxisMode(XAxisMode mode);
    XAxisMode xAxisMode() const { return m_mode; }
    void setSmoothing(double weight); // 0..0.99
    void setLogScale(bool log);
    // Pausing freezes what is drawn; the feed keeps every event, and resuming shows them all.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Events that arrived while paused and are not drawn yet.
    qint64 pendingWhilePaused() const;

    // Every metric of the site as CSV (SiteMetrics::toCsv) / the charts as a PNG image; false with a
    // sentence in `error`.
    bool exportCsv(const QString &path, QString *error) const;
    bool exportPng(const QString &path, QString *error);

    // Stops the shown run (queued or running) or resumes it (failed or stopped) at its daemon, as
    // the run button does; the daemon's run_state events then update the panel.
    QPushButton *runActionButton() const { return m_runAction; }

    // Draws now (tests and benchmarks; the timer does it otherwise).
    void refreshNow();
    // The feed version drawn last.
    quint64 drawnVersion() const { return m_drawnVersion; }

Q_SIGNALS:
    // After the charts took new data (from the timer): the newest seq now on the charts.
    void redrawn(qint64 newestSeq);

private:
    void tick(bool force);
    void rebuild();
    void updateRuns();
    void updateStatus();
    void chooseCsv();
    void choosePng();
    void updateRunAction();
    void runActionClicked();
    void onReply(qint64 id, const QJsonObject &message);

    QPointer<SiteFeed> m_feed;
    LiveChart *m_loss = nullptr;
    LiveChart *m_accuracy = nullptr;
    QComboBox *m_run = nullptr;
    QPushButton *m_runAction = nullptr;
    QString m_runActionType;          // "stop_run" or "resume_run": what the button sends now
    qint64 m_pendingAction = 0;       // the request id of a stop or resume not answered yet
    QString m_actionProblem;          // the daemon's refusal of the last stop or resume, shown in the status
    QPointer<QObject> m_actionClient; // the DaemonClient whose replies we listen to
    QComboBox *m_axis = nullptr;
    QSlider *m_smoothing = nullptr;
    QLabel *m_smoothingValue = nullptr;
    QCheckBox *m_log = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_fit = nullptr;
    QPushButton *m_csv = nullptr;
    QPushButton *m_png = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_hover = nullptr;
    QWidget *m_charts = nullptr;
    QTimer *m_timer = nullptr;
    XAxisMode m_mode = XAxisMode::Step;
    bool m_paused = false;
    bool m_followLatest = true;
    bool m_dirty = true;
    qint64 m_pausedSeq = 0;
    quint64 m_drawnVersion = 0;
};

} // namespace tenkai::ui
