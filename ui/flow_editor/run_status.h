// What the flow executor reports per node and site while a flow runs, as the canvas shows it.
#pragma once

#include <QMetaType>
#include <QString>
#include <vector>

namespace tenkai::ui {

enum class SiteRunState
{
    Waiting,
    Running, // with a progress 0..1
    Done,
    Failed,
    Skipped,
    Cancelled,
};

struct SiteRunStatus
{
    QString site; // "cloud" for nodes that run on the console's machine
    SiteRunState state = SiteRunState::Waiting;
    double progress = 0; // 0..1; meaningful while running (done counts as 1)

    bool operator==(const SiteRunStatus &) const = default;
};

// The translated name of a state ("running").
QString siteRunStateName(SiteRunState state);

// Counts of the sites of one node in each state, and the node's overall progress (0..1).
struct RunStatusSummary
{
    int waiting = 0, running = 0, done = 0, failed = 0, skipped = 0, cancelled = 0;
    double progress = 0;
    int total() const { return waiting + running + done + failed + skipped + cancelled; }
};
RunStatusSummary summarizeRun(const std::vector<SiteRunStatus> &sites);

} // namespace tenkai::ui

Q_DECLARE_METATYPE(tenkai::ui::SiteRunState)
