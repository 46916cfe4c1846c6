// OverviewModel: one row per site of the live monitor, refreshed on a timer from the feeds.
#pragma once

#include <QAbstractTableModel>
#include <vector>

namespace tenkai::ui {

class SiteFeed;

class OverviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Site,
        Connection,
        Run,
        State,
        Progress,
        EnsembleAccuracy,
        Epoch,
        Details,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    // A run state of the protocol (queued, running, done...) as the operator reads it.
    static QString runStateText(const QString &state);

    void setFeeds(const std::vector<SiteFeed *> &feeds);
    SiteFeed *feedAt(int row) const;
    // Announces that every cell may have changed (the feeds' data moved on).
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<SiteFeed *> m_feeds;
};

} // namespace tenkai::ui
