#include "live_monitor.h"

#include "overview_model.h"
#include "site_endpoint.h"
#include "site_feed.h"
#include "site_panel.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace tenkai::ui {
namespace {

// The overview is text: twice a second is plenty, and it costs nothing between.
constexpr int kOverviewIntervalMs = 500;

} // namespace

LiveMonitor::LiveMonitor(QWidget *parent) : QWidget(parent)
{
    m_model = new OverviewModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("siteOverview"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setMinimumHeight(110);

    m_panel = new SitePanel(this);
    m_panel->setObjectName(QStringLiteral("sitePanel"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 560});
    splitter->setChildrenCollapsible(false);

    m_empty = new QLabel(tr("<h3>No sites to watch</h3><p>Open an inventory (File &gt; Open inventory…) and "
                            "the live charts of every site's training appear here: loss per member, "
                            "test accuracy and the ensemble's accuracy.</p>"),
                         this);
    m_empty->setObjectName(QStringLiteral("liveMonitorEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(40);

    auto *stack = new QStackedLayout;
    stack->addWidget(m_empty);
    stack->addWidget(splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(stack);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_panel->setFeed(m_model->feedAt(current.row())); });
    m_overviewTimer = new QTimer(this);
    m_overviewTimer->setInterval(kOverviewIntervalMs);
    connect(m_overviewTimer, &QTimer::timeout, m_model, &OverviewModel::refresh);
    m_overviewTimer->start();
}

LiveMonitor::~LiveMonitor()
{
    // The feeds are children and are destroyed after this body, when this is only a QWidget any
    // more: they must not call back into the monitor while they go.
    m_panel->setFeed(nullptr);
    m_model->setFeeds({});
    for (SiteFeed *feed : m_feeds)
        QObject::disconnect(feed, nullptr, this, nullptr);
}

void LiveMonitor::setInventory(const fleet::Inventory &inventory, bool connect)
{
    m_panel->setFeed(nullptr);
    m_model->setFeeds({});
    for (SiteFeed *feed : m_feeds) {
        feed->stop();
        feed->deleteLater();
    }
    m_feeds.clear();
    fleet::SshOptions options;
    options.knownHosts = workspaceKnownHosts(inventory.file);
    options.sshConfig = m_sshConfig;
    const QString baseDir = inventory.file.isEmpty() ? QString() : QFileInfo(inventory.file).absolutePath();
    for (const fleet::Site &site : inventory.sites) {
        auto *feed = new SiteFeed(fleet::withResolvedRoot(site, baseDir), options, this);
        QObject::connect(feed, &SiteFeed::metricsChanged, this, [this, feed] { onFeedChanged(feed); });
        QObject::connect(feed, &SiteFeed::connectionChanged, this, [this, feed] { onFeedChanged(feed); });
        m_feeds.push_back(feed);
        if (connect)
            feed->start();
    }
    m_model->setFeeds(m_feeds);
    static_cast<QStackedLayout *>(layout()->itemAt(0)->layout())->setCurrentIndex(m_feeds.empty() ? 0 : 1);
    if (!m_feeds.empty())
        m_table->selectRow(0);
}

SiteFeed *LiveMonitor::feed(const QString &site) const
{
    for (SiteFeed *feed : m_feeds)
        if (feed->site().name == site)
            return feed;
    return nullptr;
}

void LiveMonitor::showSite(const QString &site)
{
    for (int row = 0; row < int(m_feeds.size()); ++row)
        if (m_feeds[std::size_t(row)]->site().name == site) {
            m_table->selectRow(row);
            if (m_panel->feed() != m_feeds[std::size_t(row)]) // the row was current already
                m_panel->setFeed(m_feeds[std::size_t(row)]);
        }
}

void LiveMonitor::onFeedChanged(SiteFeed *feed)
{
    const RunMetrics *run = feed->metrics().latestRun();
    Q_EMIT siteActivity(feed->site().name, run ? run->state : QString(),
                        feed->connection() == SiteFeed::Connection::Connected ? feed->daemonVersion()
                                                                              : QString());
}

} // namespace tenkai::ui
