#include "fleet_view.h"

#include "empty_state.h"
#include "fleet_model.h"
#include "host_key_dialog.h"
#include "monitor/site_endpoint.h"
#include "site_probe.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <memory>
#include <utility>

namespace tenkai::ui {

FleetView::FleetView(QWidget *parent) : QWidget(parent)
{
    // hostKeysAsked() carries the dialog; its header declares it only ahead.
    qRegisterMetaType<HostKeyDialog *>();
    m_model = new FleetModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_open = new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open &inventory…"), this);
    m_open->setObjectName(QStringLiteral("openInventoryAction"));
    m_open->setToolTip(tr("Open the workspace's inventory.yaml"));
    m_import = new QAction(tr("Import &Ansible inventory…"), this);
    m_import->setObjectName(QStringLiteral("importAnsibleAction"));
    m_check = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Check sites"), this);
    m_check->setObjectName(QStringLiteral("checkSitesAction"));
    m_check->setToolTip(tr("Check the selected sites (all when none is selected): reachable, disk, CUDA, "
                           "cores and their daemon"));
    m_check->setEnabled(false);
    m_deploy = new QAction(tr("&Deploy to selected sites…"), this);
    m_deploy->setObjectName(QStringLiteral("deployAction"));
    m_deploy->setVisible(false);
    m_deploy->setEnabled(false);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("fleetFilter"));
    m_filter->setPlaceholderText(tr("Filter by site, group, label or state"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(320);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("fleetToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_open);
    toolbar->addAction(m_import);
    toolbar->addSeparator();
    toolbar->addAction(m_check);
    toolbar->addAction(m_deploy);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_filter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("fleetTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // inventory order until a header is clicked
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setHighlightSections(false);

    m_emptyState =
        new EmptyState(tr("No inventory loaded"),
                       tr("Open an inventory (File > Open inventory…) or import an Ansible one to list "
                          "your edge sites, check them and watch their daemons."),
                       this);
    // Under the table: everything about the current site, the full sentence of its last problem
    // included (a changed host key names both fingerprints and the known_hosts line).
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("siteDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setContentsMargins(10, 8, 10, 8);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMinimumHeight(90);
    auto *tablePage = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->setSpacing(0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_details);

    auto *stackHolder = new QWidget(this);
    auto *stack = new QStackedLayout(stackHolder);
    stack->addWidget(m_emptyState);
    stack->addWidget(tablePage);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fleetSummary"));
    m_summary->setContentsMargins(8, 2, 8, 4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(stackHolder, 1);
    layout->addWidget(m_summary);

    connect(m_open, &QAction::triggered, this, &FleetView::chooseInventory);
    connect(m_import, &QAction::triggered, this, &FleetView::chooseAnsibleInventory);
    connect(m_check, &QAction::triggered, this, [this] { checkSites(selectedSiteNames()); });
    connect(m_deploy, &QAction::triggered, this, [this] { Q_EMIT deployRequested(selectedSites()); });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filter, &QLineEdit::textChanged, this, &FleetView::updateSummary);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QStringList names = selectedSiteNames();
        m_deploy->setEnabled(!names.isEmpty());
        m_check->setText(names.isEmpty() ? tr("&Check sites")
                                         : tr("&Check %n site(s)", nullptr, int(names.size())));
        updateSummary();
        Q_EMIT selectionChanged(names);
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT siteActivated(index.data(FleetModel::SiteNameRole).toString());
    });
    connect(m_model, &FleetModel::dataChanged, this, &FleetView::updateSummary);
    connect(m_model, &FleetModel::dataChanged, this, &FleetView::updateDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FleetView::updateDetails);
    updateSummary();
}

QString FleetView::knownHostsFile() const
{
    return workspaceKnownHosts(m_inventory.file);
}

bool FleetView::openInventory(const QString &path, QString *error)
{
    auto inventory = fleet::loadInventory(path);
    if (!inventory) {
        *error = inventory.error().message;
        return false;
    }
    setInventory(inventory.value());
    return true;
}

void FleetView::setInventory(const fleet::Inventory &inventory)
{
    ++m_generation;
    m_pending = 0;
    m_checked.clear();
    m_inventory = inventory;
    const QString baseDir = inventory.file.isEmpty() ? QString() : QFileInfo(inventory.file).absolutePath();
    std::vector<fleet::Site> sites;
    for (const fleet::Site &site : inventory.sites)
        sites.push_back(fleet::withResolvedRoot(site, baseDir));
    m_model->setSites(sites);
    m_table->resizeColumnsToContents();
    updateDetails();
    static_cast<QStackedLayout *>(m_emptyState->parentWidget()->layout())
        ->setCurrentIndex(sites.empty() ? 0 : 1);
    m_check->setEnabled(!sites.empty());
    updateSummary();
    Q_EMIT inventoryChanged(m_inventory);
}

bool FleetView::importAnsibleInventory(const QString &source, const QString &target, QStringList *notMapped,
                                       QString *error)
{
    auto imported = fleet::importAnsibleInventory(source);
    if (!imported) {
        *error = imported.error().message;
        return false;
    }
    *notMapped = imported.value().notMapped;
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(fleet::inventoryToYaml(imported.value().inventory)) < 0 || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(target, file.errorString());
        return false;
    }
    return openInventory(target, error);
}

std::vector<fleet::Site> FleetView::selectedSites() const
{
    const QStringList names = selectedSiteNames();
    std::vector<fleet::Site> sites;
    for (const FleetRow &row : m_model->rows())
        if (names.contains(row.site.name))
            sites.push_back(row.site);
    return sites;
}

QStringList FleetView::selectedSiteNames() const
{
    QStringList names;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        names << index.data(FleetModel::SiteNameRole).toString();
    // Inventory order, whatever the sort or the click order.
    QStringList ordered;
    for (const FleetRow &row : m_model->rows())
        if (names.contains(row.site.name))
            ordered << row.site.name;
    return ordered;
}

void FleetView::selectSites(const QStringList &names)
{
    QItemSelection selection;
    for (const QString &name : names) {
        const int row = m_model->rowOf(name);
        if (row < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (index.isValid())
            selection.select(index, index);
    }
    m_table->selectionModel()->select(selection,
                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void FleetView::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void FleetView::checkSites(const QStringList &names, fleet::HostKeyPolicy policy, fleet::PinTarget pinTo)
{
    fleet::SshOptions options;
    options.knownHosts = knownHostsFile();
    options.hostKeyPolicy = policy;
    options.pinTo = pinTo;
    options.sshConfig = m_sshConfig;
    options.connectTimeout = std::chrono::seconds(10);
    options.ioTimeout = std::chrono::seconds(20);
    const quint64 generation = m_generation;
    for (const FleetRow &row : m_model->rows()) {
        if (!names.isEmpty() && !names.contains(row.site.name))
            continue;
        if (row.state == FleetState::Checking)
            continue;
        m_model->setChecking(row.site.name);
        m_checked << row.site.name;
        ++m_pending;
        auto probe = std::make_shared<SiteProbe>();
        const bool pinning = policy == fleet::HostKeyPolicy::AcceptNew;
        runInBackground(
            this, [site = row.site, options, probe] { *probe = probeSite(site, options); },
            [this, name = row.site.name, probe, generation, pinning] {
                if (generation == m_generation)
                    onProbed(name, *probe, pinning);
            });
    }
    m_check->setEnabled(m_pending == 0 && !m_model->rows().empty());
    if (m_pending > 0)
        Q_EMIT message(tr("Checking %n site(s)…", nullptr, m_pending));
    updateSummary();
}

void FleetView::onProbed(const QString &site, const SiteProbe &probe, bool pinning)
{
    Q_UNUSED(pinning);
    m_model->setProbe(site, probe);
    if (--m_pending == 0)
        checkDone();
}

void FleetView::checkDone()
{
    m_check->setEnabled(!m_model->rows().empty());
    std::vector<NewHostKey> keys;
    int failed = 0;
    int alarms = 0;
    const QStringList checked = std::exchange(m_checked, {});
    for (const FleetRow &row : m_model->rows()) {
        if (!checked.contains(row.site.name))
            continue;
        if (row.state == FleetState::HostKeyUnknown)
            keys.push_back(NewHostKey{
                row.site.name,
                m_model->index(m_model->rowOf(row.site.name), FleetModel::Address).data().toString(),
                row.probe.check.error ? row.probe.check.error->offeredFingerprint : QString()});
        if (row.state == FleetState::Failed)
            ++failed;
        if (row.state == FleetState::HostKeyChanged)
            ++alarms;
    }
    if (alarms > 0)
        Q_EMIT message(
            tr("%n site(s) offered a different host key than the pinned one: nothing was sent to them.",
               nullptr, alarms));
    else if (failed > 0)
        Q_EMIT message(tr("%n site(s) could not be checked.", nullptr, failed));
    else
        Q_EMIT message(tr("Check finished."));
    if (!keys.empty()) {
        auto *dialog = new HostKeyDialog(std::move(keys), knownHostsFile(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            const QStringList accepted = dialog->acceptedSites();
            if (!accepted.isEmpty())
                checkSites(accepted, fleet::HostKeyPolicy::AcceptNew, dialog->pinTarget());
        });
        dialog->open();
        Q_EMIT hostKeysAsked(dialog);
    }
    Q_EMIT checkFinished();
}

void FleetView::setSiteActivity(const QString &site, const QString &runState, const QString &daemonVersion)
{
    m_model->setActivity(site, runState, daemonVersion);
}

void FleetView::updateSummary()
{
    const auto &rows = m_model->rows();
    if (rows.empty()) {
        m_summary->clear();
        return;
    }
    int running = 0;
    int training = 0;
    int problems = 0;
    for (const FleetRow &row : rows) {
        running += row.state == FleetState::DaemonRunning || row.state == FleetState::Training;
        training += row.state == FleetState::Training;
        problems += row.state == FleetState::Failed || row.state == FleetState::HostKeyChanged ||
                    row.state == FleetState::HostKeyUnknown;
    }
    QStringList parts;
    parts << tr("%n site(s)", nullptr, int(rows.size()));
    if (m_proxy->rowCount() != int(rows.size()))
        parts << tr("%n shown", nullptr, m_proxy->rowCount());
    parts << tr("%n selected", nullptr, int(m_table->selectionModel()->selectedRows().size()));
    parts << tr("%n daemon(s) running", nullptr, running);
    if (training > 0)
        parts << tr("%n training", nullptr, training);
    if (problems > 0)
        parts << tr("%n need(s) attention", nullptr, problems);
    if (m_pending > 0)
        parts << tr("checking %n…", nullptr, m_pending);
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void FleetView::updateDetails()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const FleetRow *row =
        current.isValid() ? m_model->row(current.data(FleetModel::SiteNameRole).toString()) : nullptr;
    if (!row) {
        m_details->setText(tr("<span style='color:gray'>Select a site to see its details. Ctrl-click or "
                              "Shift-click selects several.</span>"));
        return;
    }
    const int r = m_model->rowOf(row->site.name);
    const auto cell = [&](int column) {
        return m_model->index(r, column).data().toString().toHtmlEscaped();
    };
    QStringList facts;
    facts << tr("<b>%1</b> — %2").arg(row->site.name.toHtmlEscaped(), cell(FleetModel::Address));
    facts << tr("root %1").arg(row->site.root.toHtmlEscaped());
    if (!row->site.groups.isEmpty())
        facts << tr("groups: %1").arg(cell(FleetModel::Groups));
    facts << FleetModel::stateText(row->state);
    if (row->checked)
        facts << tr("checked at %1").arg(QLocale().toString(row->checkedAt.time(), QLocale::ShortFormat));
    if (!row->probe.check.connection.isEmpty())
        facts << tr("connects as %1").arg(row->probe.check.connection.toHtmlEscaped());
    if (!row->probe.check.hostKey.isEmpty() && !row->probe.check.hostKeyTrustedBy.isEmpty())
        facts << tr("host key %1, trusted by %2")
                     .arg(row->probe.check.hostKey, row->probe.check.hostKeyTrustedBy.toHtmlEscaped());
    else if (!row->probe.check.hostKey.isEmpty())
        facts << tr("host key %1").arg(row->probe.check.hostKey);
    QString text = facts.join(QStringLiteral(" · "));
    if (!row->message.isEmpty()) {
        const bool alarm = row->state == FleetState::HostKeyChanged || row->state == FleetState::Failed;
        text += QStringLiteral("<br><span style='color:%1'>%2</span>")
                    .arg(alarm ? QStringLiteral("#b71c1c") : QStringLiteral("#555555"),
                         row->message.toHtmlEscaped());
    }
    m_details->setText(text);
}

void FleetView::chooseInventory()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open inventory"), QString(),
                                                      tr("Inventories (*.yaml *.yml);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openInventory(path, &error))
        QMessageBox::warning(this, tr("Could not open the inventory"), error);
}

void FleetView::chooseAnsibleInventory()
{
    const QString source =
        QFileDialog::getOpenFileName(this, tr("Import an Ansible inventory"), QString(),
                                     tr("Ansible inventories (*.ini *.yaml *.yml hosts);;All files (*)"));
    if (source.isEmpty())
        return;
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Save as Tenkai inventory"),
        QFileInfo(source).absoluteDir().filePath(QStringLiteral("inventory.yaml")),
        tr("Inventories (*.yaml)"));
    if (target.isEmpty())
        return;
    QStringList notMapped;
    QString error;
    if (!importAnsibleInventory(source, target, &notMapped, &error)) {
        QMessageBox::warning(this, tr("Could not import the inventory"), error);
        return;
    }
    if (notMapped.isEmpty()) {
        Q_EMIT message(tr("Imported %n site(s).", nullptr, int(m_inventory.sites.size())));
        return;
    }
    QMessageBox box(QMessageBox::Information, tr("Inventory imported"),
                    tr("Imported %n site(s). Some settings have no Tenkai equivalent and were not imported.",
                       nullptr, int(m_inventory.sites.size())),
                    QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("notMappedBox"));
    box.setDetailedText(notMapped.join(QLatin1Char('\n')));
    box.exec();
}

} // namespace tenkai::ui
