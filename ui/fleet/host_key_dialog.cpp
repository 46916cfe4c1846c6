#include "host_key_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tenkai::ui {

HostKeyDialog::HostKeyDialog(std::vector<NewHostKey> keys, const QString &knownHostsFile, QWidget *parent)
    : QDialog(parent), m_keys(std::move(keys))
{
    setObjectName(QStringLiteral("hostKeyDialog"));
    setWindowTitle(tr("New host keys"));
    auto *intro = new QLabel(
        tr("<p><b>%n site(s) answered with a host key that no known_hosts file trusts yet.</b></p><p>Compare "
           "each fingerprint with the one the site's administrator gives you (<code>ssh-keygen -lf</code> on "
           "the host key). Ticked keys are pinned where you choose below; the others stay unknown and those "
           "sites are not contacted.</p>",
           nullptr, int(m_keys.size())),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    m_table = new QTableWidget(int(m_keys.size()), 3, this);
    m_table->setObjectName(QStringLiteral("hostKeyTable"));
    m_table->setHorizontalHeaderLabels({tr("Site"), tr("Address"), tr("Key fingerprint (SHA256)")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int row = 0; row < int(m_keys.size()); ++row) {
        const NewHostKey &key = m_keys[std::size_t(row)];
        auto *site = new QTableWidgetItem(key.site);
        site->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        site->setCheckState(Qt::Unchecked);
        site->setData(Qt::UserRole, key.site);
        m_table->setItem(row, 0, site);
        m_table->setItem(row, 1, new QTableWidgetItem(key.address));
        auto *fingerprint = new QTableWidgetItem(key.fingerprint);
        fingerprint->setFont(fixed);
        m_table->setItem(row, 2, fingerprint);
    }
    m_table->resizeColumnsToContents();

    auto *buttons = new QDialogButtonBox(this);
    auto *all = buttons->addButton(tr("Tick all"), QDialogButtonBox::ResetRole);
    all->setObjectName(QStringLiteral("tickAllButton"));
    auto *pin = buttons->addButton(tr("Pin ticked keys"), QDialogButtonBox::AcceptRole);
    pin->setObjectName(QStringLiteral("pinButton"));
    auto *reject = buttons->addButton(tr("Reject all"), QDialogButtonBox::RejectRole);
    reject->setObjectName(QStringLiteral("rejectButton"));
    connect(all, &QPushButton::clicked, this, [this] {
        for (const NewHostKey &key : m_keys)
            setAccepted(key.site, true);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_pinTo = new QComboBox(this);
    m_pinTo->setObjectName(QStringLiteral("pinToCombo"));
    m_pinTo->addItem(tr("This workspace's known_hosts (%1)").arg(knownHostsFile),
                     int(fleet::PinTarget::Workspace));
    m_pinTo->addItem(tr("My ~/.ssh/known_hosts (the ssh config's UserKnownHostsFile): ssh trusts them too"),
                     int(fleet::PinTarget::UserKnownHosts));
    auto *where = new QFormLayout;
    where->addRow(tr("Pin in:"), m_pinTo);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(where);
    layout->addWidget(buttons);
    resize(760, 230 + 30 * std::min<int>(int(m_keys.size()), 10));
}

fleet::PinTarget HostKeyDialog::pinTarget() const
{
    return fleet::PinTarget(m_pinTo->currentData().toInt());
}

void HostKeyDialog::setPinTarget(fleet::PinTarget target)
{
    m_pinTo->setCurrentIndex(m_pinTo->findData(int(target)));
}

QStringList HostKeyDialog::acceptedSites() const
{
    QStringList sites;
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0)->checkState() == Qt::Checked)
            sites << m_table->item(row, 0)->data(Qt::UserRole).toString();
    return sites;
}

void HostKeyDialog::setAccepted(const QString &site, bool accepted)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0)->data(Qt::UserRole).toString() == site)
            m_table->item(row, 0)->setCheckState(accepted ? Qt::Checked : Qt::Unchecked);
}

} // namespace tenkai::ui
