// `tenkai-cli sites check|plan|apply|show`, `import-inventory` and `export-inventory`.
#pragma once

#include <QStringList>

namespace tenkai::cli {

// Parses the arguments after "sites" ("check ...") and runs it. Returns the process exit code:
// 0 when every selected site passed, 1 when one failed, 2 for a usage error.
int runSitesCommand(const QStringList &arguments);

// Parses the arguments after "import-inventory" (an Ansible inventory) and writes a Tenkai
// inventory. Returns the process exit code.
int runImportInventoryCommand(const QStringList &arguments);

// `export-inventory --format ansible`: the inventory's sites as an Ansible YAML inventory.
int runExportInventoryCommand(const QStringList &arguments);

} // namespace tenkai::cli
