// The demo workspace (DESIGN section 8): the demo flow and an inventory of local sites beside the
// data `tenkai-cli demo-data` makes (generic/ and sites/<name>/), so that one command runs the whole
// scenario on this machine with no SSH set up.
#pragma once

#include <QString>
#include <QStringList>

namespace tenkai::flow {

struct DemoSiteSpec
{
    QString name;      // "site-01"
    QString condition; // "low light": the site's camera, as a label
};

// Writes DIR/demo.tenkai-flow.json (the built-in demo flow) and DIR/inventory.yaml (one local site
// per entry, root sites/<name>, daemon ports basePort, basePort + 1, ...; group "demo"). Refuses to
// overwrite either file. The error is one sentence naming the file.
QString writeDemoWorkspace(const QString &dir, const QList<DemoSiteSpec> &sites, int basePort = 7471);

// A built-in example flow from the program's resources ("demo", "paper"), as the file's bytes.
QByteArray builtInFlow(const QString &name);

} // namespace tenkai::flow
