// FleetView: the console's Fleet area. The sites of the workspace's inventory with their groups,
// labels, state and pre-flight facts; "Check sites" gathers the facts on worker threads (never on
// the GUI thread); first contact with new hosts is decided in one dialog for the whole check; a
// changed host key shows as an alarm on its site. The selection is public for the deploy dialog.
#pragma once

#include "fleet/inventory.h"

#include <QStringList>
#include <QWidget>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace tenkai::ui {

class FleetModel;
class HostKeyDialog;
struct SiteProbe;

class FleetView : public QWidget
{
    Q_OBJECT

public:
    explicit FleetView(QWidget *parent = nullptr);

    // Loads an inventory.yaml; false with the loader's sentence in `error` (the view is unchanged).
    bool openInventory(const QString &path, QString *error);
    void setInventory(const fleet::Inventory &inventory);
    const fleet::Inventory &inventory() const { return m_inventory; }
    // Reads an Ansible inventory, writes it as a Tenkai inventory to `target` and opens that.
    // `notMapped` receives what could not be mapped ("hosts.ini:7: ...").
    bool importAnsibleInventory(const QString &source, const QString &target, QStringList *notMapped,
                                QString *error);
    QString knownHostsFile() const;
    // The ssh client config to read instead of ~/.ssh/config and /etc/ssh/ssh_config (tests).
    void setSshConfig(const QString &file) { m_sshConfig = file; }

    FleetModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    // The sites selected in the table, in inventory order (the deploy dialog's input).
    std::vector<fleet::Site> selectedSites() const;
    QStringList selectedSiteNames() const;
    void selectSites(const QStringList &names);
    void setFilterText(const QString &text);

    // Checks the given sites (all when empty) on worker threads; `policy` AcceptNew pins unknown
    // keys where `pinTo` says (used for the sites accepted in the host key dialog).
    void checkSites(const QStringList &names = {}, fleet::HostKeyPolicy policy = fleet::HostKeyPolicy::Strict,
                    fleet::PinTarget pinTo = fleet::PinTarget::Workspace);
    bool isChecking() const { return m_pending > 0; }

    // The menu and toolbar actions (File > Open inventory…, Import Ansible inventory…, Check sites).
    QAction *openAction() const { return m_open; }
    QAction *importAction() const { return m_import; }
    QAction *checkAction() const { return m_check; }
    // Hidden until a deploy dialog is connected to deployRequested().
    QAction *deployAction() const { return m_deploy; }

    // The live monitor's view of a site (its latest run's state, the daemon's version).
    void setSiteActivity(const QString &site, const QString &runState, const QString &daemonVersion);

Q_SIGNALS:
    void inventoryChanged(const tenkai::fleet::Inventory &inventory);
    void selectionChanged(const QStringList &sites);
    void deployRequested(const std::vector<tenkai::fleet::Site> &sites);
    // A check ended (every site answered or failed), after the host key dialog was opened if needed.
    void checkFinished();
    // The dialog for the new keys of the last check (open, not yet answered).
    void hostKeysAsked(tenkai::ui::HostKeyDialog *dialog);
    void message(const QString &text);
    // A site's row was double-clicked (or Enter pressed on it): show its live charts.
    void siteActivated(const QString &site);

private:
    void chooseInventory();
    void chooseAnsibleInventory();
    void onProbed(const QString &site, const SiteProbe &probe, bool pinning);
    void checkDone();
    void updateSummary();
    void updateDetails();

    fleet::Inventory m_inventory;
    FleetModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_details = nullptr;
    QWidget *m_emptyState = nullptr;
    QAction *m_open = nullptr;
    QAction *m_import = nullptr;
    QAction *m_check = nullptr;
    QAction *m_deploy = nullptr;
    std::optional<QString> m_sshConfig;
    QStringList m_checked; // the sites of the check under way
    int m_pending = 0;
    quint64 m_generation = 0; // results of a check of a previous inventory are ignored
};

} // namespace tenkai::ui
