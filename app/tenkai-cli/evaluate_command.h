// `tenkai-cli evaluate`: scores saved models, alone or as an ensemble, on a dataset's test split.
#pragma once

#include <QStringList>

namespace tenkai::cli {

// Parses the arguments after "evaluate" and runs it. Returns the process exit code.
int runEvaluateCommand(const QStringList &arguments);

} // namespace tenkai::cli
