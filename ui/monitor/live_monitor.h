// LiveMonitor: the Monitor area's "Sites" page. One SiteFeed per site of the inventory, an
// overview table of every site (connection, run, state, progress, ensemble accuracy) and the live
// charts of the site chosen in it.
#pragma once

#include "fleet/inventory.h"

#include <QWidget>
#include <optional>
#include <vector>

class QLabel;
class QTableView;
class QTimer;

namespace tenkai::ui {

class OverviewModel;
class SiteFeed;
class SitePanel;

class LiveMonitor : public QWidget
{
    Q_OBJECT

public:
    explicit LiveMonitor(QWidget *parent = nullptr);
    ~LiveMonitor() override;

    // Connects to every site's tenkaid (local roots resolved against the inventory's folder; the
    // workspace known_hosts beside it). Replaces the previous inventory's feeds. `connect` false
    // makes the feeds without connecting them (fed with SiteFeed::takeEvent by benchmarks).
    void setInventory(const fleet::Inventory &inventory, bool connect = true);

    // The ssh client config to read instead of ~/.ssh/config and /etc/ssh/ssh_config (tests).
    void setSshConfig(const QString &file) { m_sshConfig = file; }

    const std::vector<SiteFeed *> &feeds() const { return m_feeds; }
    SiteFeed *feed(const QString &site) const;
    SitePanel *panel() const { return m_panel; }
    QTableView *overview() const { return m_table; }
    // Shows the site's charts (as a click in the overview does).
    void showSite(const QString &site);

Q_SIGNALS:
    // A site's training state as the live feed sees it, for the fleet view's state column.
    void siteActivity(const QString &site, const QString &runState, const QString &daemonVersion);

private:
    void onFeedChanged(SiteFeed *feed);

    std::vector<SiteFeed *> m_feeds;
    std::optional<QString> m_sshConfig;
    OverviewModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    SitePanel *m_panel = nullptr;
    QLabel *m_empty = nullptr;
    QTimer *m_overviewTimer = nullptr;
};

} // namespace tenkai::ui
