#include "flow_editor/run_status.h"

#include <QCoreApplication>
#include <algorithm>

namespace tenkai::ui {

namespace {

class RunStatusText
{
    Q_DECLARE_TR_FUNCTIONS(RunStatusText)
};

} // namespace

QString siteRunStateName(SiteRunState state)
{
    switch (state) {
    case SiteRunState::Waiting:
        return RunStatusText::tr("waiting");
    case SiteRunState::Running:
        return RunStatusText::tr("running");
    case SiteRunState::Done:
        return RunStatusText::tr("done");
    case SiteRunState::Failed:
        return RunStatusText::tr("failed");
    case SiteRunState::Skipped:
        return RunStatusText::tr("skipped");
    case SiteRunState::Cancelled:
        return RunStatusText::tr("cancelled");
    }
    return {};
}

RunStatusSummary summarizeRun(const std::vector<SiteRunStatus> &sites)
{
    RunStatusSummary s;
    double sum = 0;
    for (const SiteRunStatus &site : sites) {
        switch (site.state) {
        case SiteRunState::Waiting:
            ++s.waiting;
            break;
        case SiteRunState::Running:
            ++s.running;
            sum += std::clamp(site.progress, 0.0, 1.0);
            break;
        case SiteRunState::Done:
            ++s.done;
            sum += 1;
            break;
        case SiteRunState::Failed:
            ++s.failed;
            sum += 1;
            break;
        case SiteRunState::Skipped:
            ++s.skipped;
            sum += 1;
            break;
        case SiteRunState::Cancelled:
            ++s.cancelled;
            sum += 1;
            break;
        }
    }
    s.progress = sites.empty() ? 0 : sum / double(sites.size());
    return s;
}

} // namespace tenkai::ui
