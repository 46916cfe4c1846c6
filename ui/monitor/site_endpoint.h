// How the console reaches a site's tenkaid (core/telemetry/site_daemon.h). Resolving blocks (SSH),
// so it runs on a worker thread (runInBackground) and hands its result to the GUI thread.
#pragma once

#include "fleet/inventory.h"
#include "telemetry/site_daemon.h"

#include <QObject>
#include <QString>
#include <functional>

namespace tenkai::ui {

// Runs `work` on a pool thread (never the GUI thread) and then `done` on `receiver`'s thread, unless
// `receiver` was destroyed meanwhile. The pool is Qt's global one, which the application waits for
// when it ends, so a late result never reaches a destroyed application.
void runInBackground(QObject *receiver, std::function<void()> work, std::function<void()> done);

// The workspace's known_hosts: the file beside the inventory (as tenkai-cli does).
QString workspaceKnownHosts(const QString &inventoryFile);

} // namespace tenkai::ui
