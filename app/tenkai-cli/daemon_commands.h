// `tenkai-cli monitor`, `start-run`, `stop-run`: talk to a tenkaid (protocol v1, docs/protocol.md).
#pragma once

#include <QStringList>

namespace tenkai::cli {

// Each parses the arguments after its command name and returns the process exit code.
int runMonitorCommand(const QStringList &arguments);
int runStartRunCommand(const QStringList &arguments);
int runStopRunCommand(const QStringList &arguments);
int runResumeRunCommand(const QStringList &arguments);

} // namespace tenkai::cli
