// HostKeyDialog: the first contact with new hosts, in one dialog: every site of a check whose key
// is not pinned yet, with its SHA256 fingerprint, to accept (pin) or reject one by one.
#pragma once

#include "fleet/ssh_session.h"

#include <QDialog>
#include <QString>
#include <QStringList>
#include <vector>

class QComboBox;
class QTableWidget;

namespace tenkai::ui {

struct NewHostKey
{
    QString site;
    QString address;
    QString fingerprint; // "SHA256:..."
};

class HostKeyDialog : public QDialog
{
    Q_OBJECT

public:
    HostKeyDialog(std::vector<NewHostKey> keys, const QString &knownHostsFile, QWidget *parent = nullptr);

    // The sites whose keys are ticked for pinning.
    QStringList acceptedSites() const;
    void setAccepted(const QString &site, bool accepted);
    const std::vector<NewHostKey> &keys() const { return m_keys; }
    // Where the ticked keys are pinned: the workspace's known_hosts (the default) or the operator's
    // own ~/.ssh/known_hosts (the ssh config's UserKnownHostsFile), so that ssh trusts them too.
    fleet::PinTarget pinTarget() const;
    void setPinTarget(fleet::PinTarget target);

private:
    std::vector<NewHostKey> m_keys;
    QTableWidget *m_table = nullptr;
    QComboBox *m_pinTo = nullptr;
};

} // namespace tenkai::ui
