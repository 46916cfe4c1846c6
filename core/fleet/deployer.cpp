#include "fleet/deployer.h"

#include "fleet/local_shell.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class DeployerText
{
    Q_DECLARE_TR_FUNCTIONS(DeployerText)
};

namespace tenkai::fleet {

int SiteReport::changes() const
{
    return int(std::count_if(outcomes.begin(), outcomes.end(),
                             [](Outcome o) { return o == Outcome::Changed || o == Outcome::WouldChange; }));
}

namespace {

SiteReport runSite(const Site &given, const Recipe &recipe, const DeployOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    const Site site = withResolvedRoot(given, options.localDir);
    SiteReport report;
    report.site = site.name;
    for (const auto &resource : recipe.resources)
        report.labels << resource.at;
    report.outcomes.assign(recipe.resources.size(), Outcome::NotRun);
    auto finish = [&] {
        report.elapsedMs = timer.elapsed();
        return report;
    };
    auto resolved = resolveRecipe(recipe, site);
    if (!resolved) {
        report.error = resolved.error();
        return finish();
    }
    report.labels.clear();
    for (const auto &resource : resolved.value())
        report.labels << resource.label;

    std::unique_ptr<SiteShell> shell;
    if (site.transport == Transport::Local) {
        shell = std::make_unique<LocalShell>(site.name, options.localDir);
    } else {
        auto ssh = std::make_unique<SshSession>(site.sshTarget(), options.ssh);
        if (auto connected = ssh->connect(); !connected) {
            report.error = connected.error();
            return finish();
        }
        shell = std::move(ssh);
    }
    SiteShell &session = *shell;
    auto plan = checkResources(session, resolved.value());
    if (!plan) {
        report.error = plan.error();
        return finish();
    }
    report.plan = plan.value();
    // Pre-flight of disk space: what the changed resources upload against the free space where
    // they land, before anything is sent.
    if (auto space = checkDiskSpace(session.describeTarget(), site.name, resolved.value(), report.plan);
        !space) {
        report.error = space.error();
        return finish();
    }
    // A tenkaid binary only goes where it can start: the site's machine and libraries.
    if (auto fits = checkProgramFits(session.describeTarget(), site.name, resolved.value(), report.plan);
        !fits) {
        report.error = fits.error();
        return finish();
    }
    for (std::size_t i = 0; i < report.plan.size(); ++i) {
        if (report.plan[i].change == Change::None) {
            report.outcomes[i] = Outcome::Unchanged;
            continue;
        }
        if (!options.apply) {
            report.outcomes[i] = Outcome::WouldChange;
            continue;
        }
        if (options.cancelled && options.cancelled()) {
            report.error = FleetError(
                FleetErrorCode::Cancelled, site.name,
                DeployerText::tr("Site %1: cancelled before %2.").arg(site.name, resolved.value()[i].label));
            return finish();
        }
        // Resources run in order: a later one may need an earlier one (a folder before its files).
        if (auto applied = applyResource(session, resolved.value()[i], report.plan[i]); !applied) {
            report.outcomes[i] = Outcome::Failed;
            report.error = applied.error();
            return finish();
        }
        report.outcomes[i] = Outcome::Changed;
        if (options.progress)
            options.progress(int(i) + 1, int(report.plan.size()), resolved.value()[i].label);
    }
    return finish();
}

} // namespace

SiteReport deploySite(const Site &site, const Recipe &recipe, const DeployOptions &options)
{
    return runSite(site, recipe, options);
}

std::vector<SiteReport> deploy(const std::vector<Site> &sites, const Recipe &recipe,
                               const DeployOptions &options,
                               const std::function<void(const SiteReport &)> &done)
{
    std::vector<SiteReport> reports(sites.size());
    int budget = -1; // failures tolerated; -1: no limit
    if (options.maxFail)
        budget = *options.maxFail;
    if (options.maxFailPercent)
        budget = int(std::floor(double(sites.size()) * *options.maxFailPercent / 100.0));
    std::atomic<int> failed = 0;
    std::mutex reporting;
    const std::size_t batch =
        options.batch > 0 ? std::size_t(options.batch) : std::max<std::size_t>(1, sites.size());

    for (std::size_t start = 0; start < sites.size(); start += batch) {
        const std::size_t end = std::min(sites.size(), start + batch);
        std::atomic<std::size_t> next = start;
        const std::size_t workers =
            std::min<std::size_t>(std::size_t(std::max(1, options.forks)), end - start);
        std::vector<std::thread> threads;
        for (std::size_t w = 0; w < workers; ++w)
            threads.emplace_back([&] {
                for (std::size_t i = next++; i < end; i = next++) {
                    SiteReport report;
                    if (budget >= 0 && failed.load() > budget) {
                        report.site = sites[i].name;
                        report.skipped = true;
                        report.outcomes.assign(recipe.resources.size(), Outcome::NotRun);
                    } else {
                        report = runSite(sites[i], recipe, options);
                        if (!report.ok())
                            ++failed;
                    }
                    std::lock_guard lock(reporting);
                    reports[i] = std::move(report);
                    if (done)
                        done(reports[i]);
                }
            });
        for (auto &thread : threads)
            thread.join();
    }
    return reports;
}

} // namespace tenkai::fleet
