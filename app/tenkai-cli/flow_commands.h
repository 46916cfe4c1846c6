// `tenkai-cli run FLOW --inventory INV` (the flow executor, headless) and `tenkai-cli validate FLOW`.
#pragma once

#include <QStringList>

namespace tenkai::cli {

// Runs a flow; the exit code is 0 when every step succeeded, 1 when one failed or the run was
// cancelled, 2 when it could not start (usage, unreadable files, validation errors).
int runFlowCommand(const QStringList &arguments);

// Validates a flow (against an inventory when given); 0 without errors, 1 with, 2 when unreadable.
int runValidateCommand(const QStringList &arguments);

} // namespace tenkai::cli
