#include "common/runtime_report.h"

#include "tenkai/version.h"
#include "train_api.h"

#include <QCoreApplication>
#include <QStringList>

#ifdef TENKAI_HAVE_LIBSSH
#include <libssh/libssh.h>
#endif

namespace tenkai {

QString versionReport(const QString &program)
{
    const auto info = train::runtimeInfo();
    QStringList lines;
    lines << program + QLatin1Char(' ') + QStringLiteral(TENKAI_VERSION_STRING);
    lines << QStringLiteral("LibTorch %1, Qt %2")
                 .arg(QString::fromStdString(info.torchVersion), QString::fromLatin1(qVersion()));
    if (!info.opencvVersion.empty())
        lines.last() += QStringLiteral(", OpenCV %1").arg(QString::fromStdString(info.opencvVersion));
#ifdef TENKAI_HAVE_LIBSSH
    lines.last() += QStringLiteral(", libssh %1").arg(QString::fromLatin1(ssh_version(0)));
#endif
    lines << QCoreApplication::translate("tenkai::Runtime", "BLAS: %1 (%2)")
                 .arg(QString::fromStdString(info.blasName), QString::fromStdString(info.blasLibrary));
    lines << QCoreApplication::translate("tenkai::Runtime", "CUDA: %1")
                 .arg(info.cudaAvailable ? QCoreApplication::translate("tenkai::Runtime", "available")
                                         : QCoreApplication::translate("tenkai::Runtime", "not available"));
    return lines.join(QLatin1Char('\n'));
}

QString computeSummary()
{
    const auto info = train::runtimeInfo();
    return QCoreApplication::translate("tenkai::Runtime", "%1, %n thread(s)", nullptr, info.threads)
        .arg(QString::fromStdString(info.blasName));
}

} // namespace tenkai
