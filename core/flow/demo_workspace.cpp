#include "flow/demo_workspace.h"

#include "fleet/inventory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

class DemoWorkspaceText
{
    Q_DECLARE_TR_FUNCTIONS(DemoWorkspaceText)
};

namespace tenkai::flow {

using namespace Qt::StringLiterals;

QByteArray builtInFlow(const QString &name)
{
    QFile file(u":/flows/%1.tenkai-flow.json"_s.arg(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeDemoWorkspace(const QString &dir, const QList<DemoSiteSpec> &sites, int basePort)
{
    fleet::Inventory inventory;
    for (qsizetype i = 0; i < sites.size(); ++i) {
        fleet::Site site;
        site.name = sites[i].name;
        site.transport = fleet::Transport::Local;
        site.root = u"sites/"_s + sites[i].name;
        site.daemonPort = basePort + int(i);
        site.groups = {u"demo"_s};
        if (!sites[i].condition.isEmpty())
            site.labels.insert(u"camera"_s, sites[i].condition);
        inventory.sites.push_back(site);
    }
    const QByteArray header =
        "# The demo's sites: local sites on this machine. Each site's daemon runs as a process of this\n"
        "# user in the site's folder (sites/NAME), on its own loopback port.\n";
    const QByteArray flow = builtInFlow(u"demo"_s);
    if (flow.isEmpty())
        return DemoWorkspaceText::tr("The built-in demo flow is missing from this program.");
    const std::pair<QString, QByteArray> files[] = {
        {u"inventory.yaml"_s, header + fleet::inventoryToYaml(inventory)},
        {u"demo.tenkai-flow.json"_s, flow},
    };
    if (!QDir().mkpath(dir))
        return DemoWorkspaceText::tr("Cannot create the folder %1.").arg(dir);
    for (const auto &[name, bytes] : files) {
        const QString path = QDir(dir).filePath(name);
        if (QFile::exists(path))
            return DemoWorkspaceText::tr("%1 exists already; it was left as it is.").arg(path);
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
            return DemoWorkspaceText::tr("Cannot write %1: %2.").arg(path, out.errorString());
    }
    return QString();
}

} // namespace tenkai::flow
