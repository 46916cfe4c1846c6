// tenkai-cli augment and demo-data: generated teacher data and the demo scenario on disk.
#pragma once

#include <QStringList>

namespace tenkai::cli {

int runAugmentCommand(const QStringList &arguments);
int runDemoDataCommand(const QStringList &arguments);

} // namespace tenkai::cli
