#include "site_endpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>
#include <memory>

namespace tenkai::ui {

void runInBackground(QObject *receiver, std::function<void()> work, std::function<void()> done)
{
    QThreadPool *pool = QThreadPool::globalInstance();
    // Site work waits on the network, not the CPU: allow more than one thread per core.
    if (pool->maxThreadCount() < 32)
        pool->setMaxThreadCount(32);
    pool->start([guard = QPointer<QObject>(receiver), work = std::move(work), done = std::move(done)] {
        work();
        QObject *app = QCoreApplication::instance();
        if (!app)
            return;
        QMetaObject::invokeMethod(
            app,
            [guard, done] {
                if (guard)
                    done();
            },
            Qt::QueuedConnection);
    });
}

QString workspaceKnownHosts(const QString &inventoryFile)
{
    return QFileInfo(inventoryFile).absoluteDir().filePath(QStringLiteral("known_hosts"));
}

} // namespace tenkai::ui
