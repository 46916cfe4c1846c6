// The workspace's run history, history.sqlite (SQLite, WAL): every flow run with its steps (state,
// message, outputs per node and site) and their logs. A run from a node reads the latest results
// of the nodes before it from here; the console's history and comparison views read it too.
//
// One History object per thread (it owns a QSqlDatabase connection).
#pragma once

#include "flow/executor.h"

#include <QJsonObject>
#include <QString>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace tenkai::flow {

struct RunRecord
{
    QString id;
    QString flowKey;
    QString flowName;
    QString state; // "running", "done", "failed", "cancelled", "interrupted" (its program ended)
    bool dryRun = false;
    QString fromNode;
    QDateTime started;
    QDateTime finished;
};

struct StoredStep
{
    StepStatus status;
    QJsonObject outputs;
};

class History
{
public:
    History();
    ~History();
    History(const History &) = delete;
    History &operator=(const History &) = delete;

    // Opens (creating) the file; the error says why it cannot. A run left "running" whose program
    // is gone (killed, crashed, the machine went down: nothing holds its lock file) is marked
    // "interrupted", and its unfinished steps failed with a message that says so.
    bool open(const QString &file, QString *error);
    bool isOpen() const;

    bool beginRun(const RunRecord &run, const QByteArray &flowJson, QString *error);
    void finishRun(const QString &runId, const QString &state, const QDateTime &finished);
    void saveStep(const QString &runId, const StepStatus &status, const QJsonObject &outputs);
    void appendLog(const QString &runId, const QString &node, const QString &site, const QString &line);

    // Runs, newest first (of one flow when flowKey is given).
    std::vector<RunRecord> runs(const QString &flowKey = {}, int limit = 100) const;
    // The steps of a run, keyed by (node, site).
    std::map<std::pair<QString, QString>, StoredStep> steps(const QString &runId) const;
    QStringList log(const QString &runId, const QString &node, const QString &site) const;
    // The latest result of each step of a flow over its real (not dry) runs: for every (node, site),
    // the step of the newest run that ran it and did not leave it waiting or running.
    std::map<std::pair<QString, QString>, StoredStep> latestSteps(const QString &flowKey) const;

private:
    void markInterrupted();

    QString m_connection;
    QString m_lockDir;              // HISTORY.runs/: RUN.lock, flocked while that run goes on
    std::map<QString, int> m_locks; // run id -> the descriptor that holds its lock
};

} // namespace tenkai::flow
