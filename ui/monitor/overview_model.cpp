#include "overview_model.h"

#include "site_feed.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <cmath>

namespace tenkai::ui {

QString OverviewModel::runStateText(const QString &state)
{
    if (state == u"queued")
        return tr("Queued");
    if (state == u"running")
        return tr("Running");
    if (state == u"stopping")
        return tr("Stopping");
    if (state == u"done")
        return tr("Done");
    if (state == u"failed")
        return tr("Failed");
    if (state == u"stopped")
        return tr("Stopped");
    return state;
}

void OverviewModel::setFeeds(const std::vector<SiteFeed *> &feeds)
{
    beginResetModel();
    m_feeds = feeds;
    endResetModel();
}

SiteFeed *OverviewModel::feedAt(int row) const
{
    return row >= 0 && row < int(m_feeds.size()) ? m_feeds[std::size_t(row)] : nullptr;
}

void OverviewModel::refresh()
{
    if (!m_feeds.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int OverviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_feeds.size());
}

int OverviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Site:
        return tr("Site");
    case Connection:
        return tr("Connection");
    case Run:
        return tr("Run");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case EnsembleAccuracy:
        return tr("Ensemble accuracy");
    case Epoch:
        return tr("Epoch");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

QVariant OverviewModel::data(const QModelIndex &index, int role) const
{
    const SiteFeed *feed = feedAt(index.row());
    if (!feed)
        return {};
    const RunMetrics *run = feed->metrics().latestRun();
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Site:
            return feed->site().name;
        case Connection:
            return feed->connectionText();
        case Run:
            return run ? run->id : QString();
        case State:
            return run ? runStateText(run->state) : QString();
        case Progress:
            return run ? locale.toString(int(std::lround(run->progress * 100))) + QLatin1Char('%')
                       : QString();
        case EnsembleAccuracy: {
            const double accuracy = run ? run->latestEnsembleAccuracy() : -1;
            return accuracy < 0 ? QStringLiteral("—")
                                : locale.toString(accuracy * 100, 'f', 1) + QLatin1Char('%');
        }
        case Epoch: {
            int epoch = 0;
            if (run)
                for (const auto &[key, points] : run->series)
                    if (!points.empty())
                        epoch = std::max(epoch, points.back().epoch);
            return epoch > 0 ? locale.toString(epoch) : QString();
        }
        case Details:
            if (feed->connection() != SiteFeed::Connection::Connected && !feed->problem().isEmpty())
                return feed->problem();
            return run ? run->error : QString();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Connection)
        return feed->problem();
    if (role == Qt::ToolTipRole && index.column() == State && run)
        return run->error;
    if (role == Qt::ForegroundRole) {
        if (index.column() == Connection) {
            switch (feed->connection()) {
            case SiteFeed::Connection::Connected:
                return QBrush(QColor(0x1b, 0x7f, 0x3b));
            case SiteFeed::Connection::Reconnecting:
                return QBrush(QColor(0xb3, 0x6b, 0x00));
            case SiteFeed::Connection::Unavailable:
                return QBrush(QColor(0xb0, 0x20, 0x20));
            default:
                return {};
            }
        }
        if (index.column() == State && run && run->state == u"failed")
            return QBrush(QColor(0xb0, 0x20, 0x20));
    }
    if (role == Qt::ToolTipRole && index.column() == Details)
        return data(index, Qt::DisplayRole);
    if (role == Qt::TextAlignmentRole && index.column() >= Progress && index.column() <= Epoch)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tenkai::ui
