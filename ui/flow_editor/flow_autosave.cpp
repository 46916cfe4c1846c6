#include "flow_editor/flow_autosave.h"

#include "flow/flow_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

namespace tenkai::ui {

namespace {

const QString kSuffix = QStringLiteral(".tenkai-flow.json");

QString originFile(const QString &file)
{
    return file + QStringLiteral(".origin");
}

bool processAlive(qint64 pid)
{
    return pid > 0 && QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
}

} // namespace

QString FlowAutosave::folder()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString dir = QDir(base.isEmpty() ? QDir::tempPath() : base).filePath(QStringLiteral("autosave"));
    QDir().mkpath(dir);
    return dir;
}

QString FlowAutosave::path() const
{
    return QDir(folder()).filePath(QStringLiteral("flow-%1").arg(QCoreApplication::applicationPid()) +
                                   kSuffix);
}

bool FlowAutosave::write(const flow::FlowGraph &graph, const QString &origin) const
{
    if (flow::saveFlow(graph, path()))
        return false;
    QSaveFile note(originFile(path()));
    if (!note.open(QIODevice::WriteOnly))
        return false;
    note.write(origin.toUtf8());
    return note.commit();
}

void FlowAutosave::remove() const
{
    discard(path());
}

void FlowAutosave::discard(const QString &file)
{
    QFile::remove(file);
    QFile::remove(originFile(file));
}

std::vector<FlowAutosave::Recoverable> FlowAutosave::recoverable()
{
    std::vector<Recoverable> out;
    const QDir dir(folder());
    for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("flow-*") + kSuffix}, QDir::Files)) {
        const QString name = info.fileName();
        const qint64 pid = name.mid(5, name.size() - 5 - kSuffix.size()).toLongLong();
        if (pid == QCoreApplication::applicationPid() || processAlive(pid))
            continue;
        QFile note(originFile(info.filePath()));
        QString origin;
        if (note.open(QIODevice::ReadOnly))
            origin = QString::fromUtf8(note.readAll());
        out.push_back({info.filePath(), origin, info.lastModified()});
    }
    std::sort(out.begin(), out.end(),
              [](const Recoverable &a, const Recoverable &b) { return a.saved > b.saved; });
    return out;
}

} // namespace tenkai::ui
