// LocalShell: a site on this machine (`transport: local`): commands run through /bin/sh in the
// inventory's folder, files are copied into place atomically (temporary name, fsync, rename).
#pragma once

#include "fleet/site_shell.h"

#include <QString>

namespace tenkai::fleet {

class LocalShell : public SiteShell
{
public:
    // `workingDir`: where commands run and relative paths resolve (the inventory's folder).
    LocalShell(QString siteName, QString workingDir);

    QString siteName() const override { return m_site; }
    QString describeTarget() const override;
    Result<ExecResult> exec(const QString &command, const ExecOptions &options = {}) override;
    Status upload(const QString &localPath, const QString &remotePath,
                  const UploadOptions &options = {}) override;
    Status uploadData(const QByteArray &data, const QString &remotePath,
                      const UploadOptions &options = {}) override;

private:
    QString absolute(const QString &path) const;
    Status write(const QByteArray *data, const QString &localPath, const QString &remotePath,
                 const UploadOptions &options);

    QString m_site;
    QString m_dir;
};

} // namespace tenkai::fleet
