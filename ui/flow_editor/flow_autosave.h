// Autosave and crash recovery of the flow being edited: a copy in the application's data folder
// (autosave/), named by the console's process id, written on a timer while there are unsaved
// edits and removed when the flow is saved or closed cleanly. A copy whose process is gone is
// what a crash left behind, and is offered for recovery.
#pragma once

#include "flow/graph.h"

#include <QDateTime>
#include <QString>
#include <vector>

namespace tenkai::ui {

class FlowAutosave
{
public:
    struct Recoverable
    {
        QString file;    // the autosaved copy
        QString origin;  // the file it was edited from (empty: an untitled flow)
        QDateTime saved; // when it was written
    };

    // The folder the copies go to (created when needed).
    static QString folder();
    // The copies left by processes that are gone, newest first.
    static std::vector<Recoverable> recoverable();
    // Removes a copy (and its note of where it came from).
    static void discard(const QString &file);

    // This process's copy.
    QString path() const;
    // Writes the copy of `graph`, remembering the file it was edited from.
    bool write(const flow::FlowGraph &graph, const QString &origin) const;
    void remove() const;
};

} // namespace tenkai::ui
