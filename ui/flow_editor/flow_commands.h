// Undo commands of the flow editor: every edit of a FlowGraph goes through one of these on the
// editor's QUndoStack. They change the model only; the scene follows the model's signals.
#pragma once

#include "flow/graph.h"

#include <QHash>
#include <QJsonValue>
#include <QPointF>
#include <QUndoCommand>
#include <vector>

namespace tenkai::ui {

// Adds nodes and the links among them (a new node, a paste, a duplicate, an import).
class AddNodesCommand : public QUndoCommand
{
public:
    AddNodesCommand(flow::FlowGraph *graph, std::vector<flow::Node> nodes, std::vector<flow::Link> links,
                    const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    flow::FlowGraph *m_graph;
    std::vector<flow::Node> m_nodes;
    std::vector<flow::Link> m_links;
};

// Removes nodes (with every link touching them) and links.
class RemoveCommand : public QUndoCommand
{
public:
    RemoveCommand(flow::FlowGraph *graph, const QStringList &nodeIds, const QStringList &linkIds,
                  QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    flow::FlowGraph *m_graph;
    std::vector<flow::Node> m_nodes;
    std::vector<flow::Link> m_links;
};

// Moves nodes; one drag of any number of nodes is one command.
class MoveNodesCommand : public QUndoCommand
{
public:
    struct Move
    {
        QString node;
        QPointF from;
        QPointF to;
    };
    MoveNodesCommand(flow::FlowGraph *graph, std::vector<Move> moves, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    flow::FlowGraph *m_graph;
    std::vector<Move> m_moves;
};

class LinkCommand : public QUndoCommand
{
public:
    LinkCommand(flow::FlowGraph *graph, const flow::Link &link, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    flow::FlowGraph *m_graph;
    flow::Link m_link;
};

// Sets one parameter; consecutive edits of the same parameter (spin box steps) merge into one step.
class SetParamCommand : public QUndoCommand
{
public:
    SetParamCommand(flow::FlowGraph *graph, const QString &node, const QString &key, const QJsonValue &value,
                    QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    flow::FlowGraph *m_graph;
    QString m_node;
    QString m_key;
    QJsonValue m_before;
    QJsonValue m_after;
};

class SetTitleCommand : public QUndoCommand
{
public:
    SetTitleCommand(flow::FlowGraph *graph, const QString &node, const QString &title,
                    QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    flow::FlowGraph *m_graph;
    QString m_node;
    QString m_before;
    QString m_after;
};

// Sets a node's targets; the caller checks them first (FlowGraph::setTargets refuses bad ones).
class SetTargetsCommand : public QUndoCommand
{
public:
    SetTargetsCommand(flow::FlowGraph *graph, const QString &node, const QStringList &targets,
                      QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    flow::FlowGraph *m_graph;
    QString m_node;
    QStringList m_before;
    QStringList m_after;
};

class SetFlowNameCommand : public QUndoCommand
{
public:
    SetFlowNameCommand(flow::FlowGraph *graph, const QString &name, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    flow::FlowGraph *m_graph;
    QString m_before;
    QString m_after;
};

} // namespace tenkai::ui
