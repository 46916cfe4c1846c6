// `tenkai-cli train`: trains a model on an installed dataset and prints per-epoch figures.
#pragma once

#include <QStringList>

namespace tenkai::cli {

// Parses the arguments after "train" and runs it. Returns the process exit code.
int runTrainCommand(const QStringList &arguments);

} // namespace tenkai::cli
