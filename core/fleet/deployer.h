// Deployer: plans or applies a recipe to many sites, with bounded parallelism, rolling batches and a
// failure budget. One thread and one SSH session per site in flight.
#pragma once

#include "fleet/inventory.h"
#include "fleet/recipe.h"
#include "fleet/ssh_session.h"

#include <functional>
#include <optional>
#include <vector>

namespace tenkai::fleet {

struct DeployOptions
{
    SshOptions ssh;
    bool apply = false; // false: plan only (checks, changes nothing)
    int forks = 10;     // sites in flight at once
    int batch = 0;      // sites per rolling batch (0: all in one batch)
    // Failed sites allowed before no new site is started: an absolute count, or a percentage of
    // the selected sites (rounded down). Neither set: no limit.
    std::optional<int> maxFail;
    std::optional<double> maxFailPercent;
    // Local sites (`transport: local`): where commands run and relative roots resolve, normally the
    // inventory's folder (empty: the current folder).
    QString localDir;
    // Asked before each resource is applied: true stops the site there (its error says so).
    std::function<bool()> cancelled;
    // Called as each resource of a site ends (done of total, the resource's label), from the site's
    // worker thread.
    std::function<void(int done, int total, const QString &label)> progress;
};

enum class Outcome
{
    Unchanged,   // already in the declared state
    WouldChange, // plan: would change
    Changed,     // apply: changed
    Failed,      // the resource failed (the rest of the site is not run)
    NotRun,      // not reached (an earlier failure, or the site was skipped)
};

struct SiteReport
{
    QString site;
    bool skipped = false; // not started: the failure budget was spent
    std::optional<FleetError> error;
    std::vector<PlannedChange> plan; // one per resource (empty when the site could not be checked)
    std::vector<Outcome> outcomes;   // one per resource
    QStringList labels;              // one per resource ("file /srv/tenkai/model.pt")
    qint64 elapsedMs = 0;

    bool ok() const { return !skipped && !error; }
    int changes() const;
};

// Plans or applies `recipe` to one site (one SSH session, or this machine for a local site).
SiteReport deploySite(const Site &site, const Recipe &recipe, const DeployOptions &options);

// Plans or applies `recipe` to `sites`; `done` (optional) is called, serialised, as each site ends.
std::vector<SiteReport> deploy(const std::vector<Site> &sites, const Recipe &recipe,
                               const DeployOptions &options,
                               const std::function<void(const SiteReport &)> &done = {});

} // namespace tenkai::fleet
