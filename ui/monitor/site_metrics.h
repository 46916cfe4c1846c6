// SiteMetrics: every metric and run state one site's tenkaid has sent, kept in seq order, appended
// by seq only (an event at or below the last seq is dropped), so reconnects and replays never
// duplicate a point. Widget-free: the live monitor's charts and overview read it.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <map>
#include <vector>

namespace tenkai::ui {

// One metric value as the daemon stored it.
struct MetricPoint
{
    qint64 seq = 0;
    qint64 step = 0;
    int epoch = 0;
    double t = 0;     // Unix time in seconds at the daemon
    double value = 0; // NaN when the daemon sent null
};

// Which curve a point belongs to: member 1..K, or 0 for the ensemble.
struct SeriesKey
{
    int member = 0;
    QString name;
    bool operator==(const SeriesKey &) const = default;
    bool operator<(const SeriesKey &other) const
    {
        return member != other.member ? member < other.member : name < other.name;
    }
};

struct RunMetrics
{
    QString id;
    QString state; // queued, running, stopping, done, failed, stopped ("" before any run_state)
    double progress = 0;
    QString error;
    double firstT = 0; // time of the run's first event (x origin of the time axis)
    std::map<SeriesKey, std::vector<MetricPoint>> series;

    const std::vector<MetricPoint> *find(int member, const QString &name) const;
    // The members (1..K) that sent at least one metric, ascending.
    std::vector<int> members() const;
    // The newest ensemble test accuracy (member 1's for a single model); negative when none yet.
    double latestEnsembleAccuracy() const;
};

class SiteMetrics
{
public:
    // Takes one event (metric, run_state; others are ignored). False when it was dropped: a seq at or
    // below the last one taken (a duplicate), or not a metric/run_state.
    bool append(const QJsonObject &event);
    // Forgets everything (the daemon's store was replaced).
    void clear();

    qint64 lastSeq() const { return m_lastSeq; }
    // Increases with every accepted event: a cheap "has anything changed" for repaint timers.
    quint64 version() const { return m_version; }
    qint64 pointCount() const { return m_points; }
    qint64 droppedDuplicates() const { return m_duplicates; }

    // Run ids in the order of their first event.
    QStringList runIds() const { return m_order; }
    const RunMetrics *run(const QString &id) const;
    const RunMetrics *latestRun() const;
    // The seq of every metric event taken, ascending (for checks against the daemon's store).
    std::vector<qint64> metricSeqs() const;

    // Every metric point as CSV: run,member,name,seq,epoch,step,t,value (member "ensemble" for 0),
    // in seq order, with a header line.
    QByteArray toCsv() const;

private:
    std::map<QString, RunMetrics> m_runs;
    QStringList m_order;
    qint64 m_lastSeq = 0;
    quint64 m_version = 0;
    qint64 m_points = 0;
    qint64 m_duplicates = 0;
};

} // namespace tenkai::ui
