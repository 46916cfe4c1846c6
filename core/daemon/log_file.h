// The daemon's log: every Qt message (qInfo, qWarning, ...) from any thread, with a UTC time stamp
// and level, appended to STATE/tenkaid.log and copied to stderr.
#pragma once

#include <QString>

namespace tenkai::daemon {

// Starts logging to `path` (a log over 10 MB is moved to PATH.1 first); false with one sentence
// in `error` when the file cannot be opened.
bool installLogFile(const QString &path, QString *error);
// Back to Qt's default handler; closes the file.
void removeLogFile();

} // namespace tenkai::daemon
