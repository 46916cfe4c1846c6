// FleetModel: the sites of the workspace's inventory as table rows, with what the last check and
// the live monitor found out about each one.
#pragma once

#include "fleet/inventory.h"
#include "site_probe.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <vector>

namespace tenkai::ui {

enum class FleetState
{
    Unknown,        // not checked yet
    Checking,       // a check is under way
    Reachable,      // the site answered; no tenkaid answered
    DaemonRunning,  // its tenkaid answered
    Training,       // its tenkaid runs a training
    Failed,         // the site could not be checked
    HostKeyUnknown, // first contact: its key waits for the operator's decision
    HostKeyChanged, // alarm: the key differs from the pinned one
};

struct FleetRow
{
    fleet::Site site;
    FleetState state = FleetState::Unknown;
    SiteProbe probe; // the last check's findings
    bool checked = false;
    QString message; // the last problem or note, one sentence
    QDateTime checkedAt;
};

class FleetModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Groups,
        Labels,
        Address,
        State,
        Daemon,
        Architecture,
        Cores,
        DiskFree,
        Gpu,
        Message,
        ColumnCount
    };
    static constexpr int SiteNameRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setSites(const std::vector<fleet::Site> &sites);
    const std::vector<FleetRow> &rows() const { return m_rows; }
    const FleetRow *row(const QString &site) const;
    int rowOf(const QString &site) const;

    void setChecking(const QString &site);
    void setProbe(const QString &site, const SiteProbe &probe);
    // The live monitor's view of a site: its latest run's state and the daemon's version.
    void setActivity(const QString &site, const QString &runState, const QString &daemonVersion);

    static QString stateText(FleetState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void changed(int row);

    std::vector<FleetRow> m_rows;
};

} // namespace tenkai::ui
