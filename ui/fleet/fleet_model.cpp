#include "fleet_model.h"

#include "monitor/site_endpoint.h"

#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace tenkai::ui {
namespace {

QColor stateColor(FleetState state)
{
    switch (state) {
    case FleetState::Unknown:
        return QColor(0xa0, 0xa0, 0xa0);
    case FleetState::Checking:
        return QColor(0x5b, 0x9b, 0xd5);
    case FleetState::Reachable:
        return QColor(0xe0, 0xa1, 0x00);
    case FleetState::DaemonRunning:
        return QColor(0x2c, 0xa0, 0x2c);
    case FleetState::Training:
        return QColor(0x1f, 0x77, 0xb4);
    case FleetState::Failed:
    case FleetState::HostKeyChanged:
        return QColor(0xc6, 0x28, 0x28);
    case FleetState::HostKeyUnknown:
        return QColor(0xe0, 0x7b, 0x00);
    }
    return {};
}

QIcon stateIcon(FleetState state)
{
    QPixmap pixmap(28, 28);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(stateColor(state));
    painter.drawEllipse(QRectF(6, 6, 16, 16));
    if (state == FleetState::HostKeyChanged || state == FleetState::Failed) {
        painter.setPen(QPen(Qt::white, 3));
        painter.drawLine(QPointF(14, 9), QPointF(14, 16));
        painter.drawPoint(QPointF(14, 20));
    }
    return QIcon(pixmap);
}

QString sizeText(qint64 bytes)
{
    return bytes < 0 ? QString() : QLocale().formattedDataSize(bytes, 1);
}

} // namespace

QString FleetModel::stateText(FleetState state)
{
    switch (state) {
    case FleetState::Unknown:
        return tr("Unknown");
    case FleetState::Checking:
        return tr("Checking…");
    case FleetState::Reachable:
        return tr("Reachable");
    case FleetState::DaemonRunning:
        return tr("Daemon running");
    case FleetState::Training:
        return tr("Training");
    case FleetState::Failed:
        return tr("Failed");
    case FleetState::HostKeyUnknown:
        return tr("New host key");
    case FleetState::HostKeyChanged:
        return tr("Host key changed!");
    }
    return {};
}

void FleetModel::setSites(const std::vector<fleet::Site> &sites)
{
    beginResetModel();
    m_rows.clear();
    for (const fleet::Site &site : sites)
        m_rows.push_back(FleetRow{site, FleetState::Unknown, {}, false, {}, {}});
    endResetModel();
}

const FleetRow *FleetModel::row(const QString &site) const
{
    const int index = rowOf(site);
    return index < 0 ? nullptr : &m_rows[std::size_t(index)];
}

int FleetModel::rowOf(const QString &site) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].site.name == site)
            return int(i);
    return -1;
}

void FleetModel::changed(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void FleetModel::setChecking(const QString &site)
{
    const int index = rowOf(site);
    if (index < 0)
        return;
    m_rows[std::size_t(index)].state = FleetState::Checking;
    changed(index);
}

void FleetModel::setProbe(const QString &site, const SiteProbe &probe)
{
    const int index = rowOf(site);
    if (index < 0)
        return;
    FleetRow &row = m_rows[std::size_t(index)];
    row.probe = probe;
    row.checked = true;
    row.checkedAt = QDateTime::currentDateTime();
    if (!probe.check.ok) {
        const auto code = probe.check.error ? probe.check.error->code : fleet::FleetErrorCode::ProtocolError;
        row.state = code == fleet::FleetErrorCode::HostKeyUnknown   ? FleetState::HostKeyUnknown
                    : code == fleet::FleetErrorCode::HostKeyChanged ? FleetState::HostKeyChanged
                                                                    : FleetState::Failed;
        row.message = probe.check.error ? probe.check.error->message : QString();
    } else if (probe.daemonAnswered) {
        row.state = probe.runningRuns > 0 ? FleetState::Training : FleetState::DaemonRunning;
        row.message =
            probe.check.pinnedNow ? tr("Pinned the new host key %1.").arg(probe.check.hostKey) : QString();
    } else {
        row.state = FleetState::Reachable;
        row.message = probe.daemonProblem;
    }
    changed(index);
}

void FleetModel::setActivity(const QString &site, const QString &runState, const QString &daemonVersion)
{
    const int index = rowOf(site);
    if (index < 0 || daemonVersion.isEmpty())
        return;
    FleetRow &row = m_rows[std::size_t(index)];
    if (row.state == FleetState::HostKeyChanged || row.state == FleetState::Checking)
        return;
    const bool training = runState == u"running" || runState == u"stopping";
    const FleetState state = training ? FleetState::Training : FleetState::DaemonRunning;
    if (state == row.state && row.probe.daemonVersion == daemonVersion)
        return;
    row.state = state;
    row.probe.daemonAnswered = true;
    row.probe.daemonVersion = daemonVersion;
    changed(index);
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Site");
    case Groups:
        return tr("Groups");
    case Labels:
        return tr("Labels");
    case Address:
        return tr("Address");
    case State:
        return tr("State");
    case Daemon:
        return tr("Daemon");
    case Architecture:
        return tr("Architecture");
    case Cores:
        return tr("Cores");
    case DiskFree:
        return tr("Disk free");
    case Gpu:
        return tr("GPU / CUDA");
    case Message:
        return tr("Details");
    default:
        return {};
    }
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const FleetRow &row = m_rows[std::size_t(index.row())];
    const fleet::Site &site = row.site;
    const SiteProbe &probe = row.probe;
    if (role == SiteNameRole)
        return site.name;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return site.name;
        case Groups:
            return site.groups.join(QStringLiteral(", "));
        case Labels: {
            QStringList labels;
            for (auto it = site.labels.begin(); it != site.labels.end(); ++it)
                labels << it.key() + QLatin1Char('=') + it.value();
            return labels.join(QStringLiteral(", "));
        }
        case Address:
            if (site.transport == fleet::Transport::Local)
                return tr("this computer, port %1").arg(telemetry::siteDaemonPort(site));
            return QString((site.user.isEmpty() ? QString() : site.user + QLatin1Char('@')) + site.host +
                           (site.port > 0 ? QStringLiteral(":%1").arg(site.port) : QString()));
        case State:
            return stateText(row.state);
        case Daemon:
            if (probe.daemonAnswered)
                return probe.daemonVersion;
            if (!probe.check.daemonVersion.isEmpty())
                return tr("%1 (not running)").arg(probe.check.daemonVersion);
            return row.checked && probe.check.ok ? tr("none") : QString();
        case Architecture:
            return probe.check.architecture;
        case Cores:
            if (probe.cores > 0)
                return QLocale().toString(probe.cores);
            return probe.check.cores > 0 ? QLocale().toString(probe.check.cores) : QString();
        case DiskFree:
            return sizeText(probe.check.freeBytes >= 0 ? probe.check.freeBytes : probe.daemonDiskFree);
        case Gpu:
            if (!probe.check.gpu.isEmpty())
                return probe.check.gpu;
            if (probe.daemonAnswered)
                return probe.cuda ? tr("CUDA") : tr("no CUDA");
            return row.checked && probe.check.ok ? tr("none") : QString();
        case Message:
            return row.message;
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == State)
        return stateIcon(row.state);
    if (role == Qt::ForegroundRole && index.column() == State &&
        (row.state == FleetState::Failed || row.state == FleetState::HostKeyChanged))
        return QBrush(stateColor(row.state));
    if (role == Qt::BackgroundRole && row.state == FleetState::HostKeyChanged)
        return QBrush(QColor(0xfd, 0xe8, 0xe8));
    if (role == Qt::ToolTipRole) {
        if (index.column() == Message || index.column() == State)
            return row.message.isEmpty() ? QVariant() : QVariant(row.message);
        if (index.column() == Name)
            return site.source;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Cores || index.column() == DiskFree))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace tenkai::ui
