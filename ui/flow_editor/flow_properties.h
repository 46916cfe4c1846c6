// The property panel: a form generated from the selected node's parameter schema (spin boxes with
// units and ranges, combos, file pickers, a recipe table, a per-member policy list), its title and
// targets, and the flow's name when no node is selected. Every edit is an undo command.
#pragma once

#include "flow/graph.h"
#include "flow/validation.h"

#include <QJsonValue>
#include <QPointer>
#include <QWidget>
#include <vector>

class QFormLayout;
class QLabel;
class QScrollArea;
class QUndoStack;

namespace tenkai::ui {

class FlowPropertyPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FlowPropertyPanel(QUndoStack *undoStack, QWidget *parent = nullptr);

    void setGraph(flow::FlowGraph *graph);
    // The node whose properties are shown (empty: the flow's).
    void setNode(const QString &id);
    QString nodeId() const { return m_node; }
    void setProblems(const std::vector<flow::Problem> &problems);
    // Relative file paths picked in file dialogs are made relative to this folder.
    void setBaseDir(const QString &dir) { m_baseDir = dir; }
    // Moves the keyboard focus to the title field.
    void focusTitle();

    // Applies a parameter edit as an undo step; refuses (with the sentence, also shown in the panel)
    // a value the schema does not accept.
    QString applyParam(const QString &key, const QJsonValue &value);

private:
    void rebuild();
    void refreshFromModel(const QString &id);
    QWidget *editorFor(const QString &key, const QJsonValue &value, int paramType);
    QWidget *policyEditor(const QString &key, const QJsonValue &value);
    QWidget *recipeEditor(const QString &key, const QJsonValue &value);
    void applyTargets(const QString &text);
    void updateProblemLabels();

    QUndoStack *m_undo;
    QPointer<flow::FlowGraph> m_graph;
    QString m_node;
    QString m_baseDir;
    std::vector<flow::Problem> m_problems;
    QScrollArea *m_scroll;
    QPointer<QWidget> m_form;
    QLabel *m_refusal;
    bool m_applying = false;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace tenkai::ui
