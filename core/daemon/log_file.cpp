#include "daemon/log_file.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <cstdio>
#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

// Translation context for the log's error sentences.
class LogFile
{
    Q_DECLARE_TR_FUNCTIONS(LogFile)
};

namespace tenkai::daemon {
namespace {

constexpr qint64 kRotateBytes = 10 * 1024 * 1024;

std::mutex g_mutex;
std::unique_ptr<QFile> g_file;

void handler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const char *level = "info";
    switch (type) {
    case QtDebugMsg:
        level = "debug";
        break;
    case QtInfoMsg:
        level = "info";
        break;
    case QtWarningMsg:
        level = "warning";
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        level = "error";
        break;
    }
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' +
                            level + ' ' + message.toUtf8() + '\n';
    std::lock_guard lock(g_mutex);
    if (g_file) {
        g_file->write(line);
        g_file->flush();
    }
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

bool installLogFile(const QString &path, QString *error)
{
    if (QFileInfo(path).size() > kRotateBytes) {
        QFile::remove(path + u".1"_s);
        QFile::rename(path, path + u".1"_s);
    }
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        if (error)
            *error = LogFile::tr("Cannot open the log file %1: %2.").arg(path, file->errorString());
        return false;
    }
    {
        std::lock_guard lock(g_mutex);
        g_file = std::move(file);
    }
    qInstallMessageHandler(handler);
    return true;
}

void removeLogFile()
{
    qInstallMessageHandler(nullptr);
    std::lock_guard lock(g_mutex);
    g_file.reset();
}

} // namespace tenkai::daemon
