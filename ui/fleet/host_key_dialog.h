// HostKeyDialog: the first contact with new hosts, in one dialog: every site of a check whose key
// is not pinned yet, with its SHA256 fingerprint, to accept (pin) or reject one by one.
#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>
#include <vector>

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

private:
    std::vector<NewHostKey> m_keys;
    QTableWidget *m_table = nullptr;
};

} // namespace tenkai::ui
