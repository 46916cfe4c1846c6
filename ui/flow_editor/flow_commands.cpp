#include "flow_editor/flow_commands.h"

#include <QCoreApplication>
#include <QSet>

namespace tenkai::ui {

namespace {

class CommandText
{
    Q_DECLARE_TR_FUNCTIONS(CommandText)
};

// Restoring a node that was removed with its links: the node keeps its fields, the raw insert
// skips the catalogue checks (a file may hold what the editor could not create).
void insertAll(flow::FlowGraph *graph, const std::vector<flow::Node> &nodes,
               const std::vector<flow::Link> &links)
{
    for (const flow::Node &n : nodes)
        (void)graph->insertNode(n);
    for (const flow::Link &l : links)
        (void)graph->insertLink(l);
}

} // namespace

AddNodesCommand::AddNodesCommand(flow::FlowGraph *graph, std::vector<flow::Node> nodes,
                                 std::vector<flow::Link> links, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_graph(graph), m_nodes(std::move(nodes)), m_links(std::move(links))
{}

void AddNodesCommand::redo()
{
    insertAll(m_graph, m_nodes, m_links);
}

void AddNodesCommand::undo()
{
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it)
        (void)m_graph->removeNode(it->id);
}

RemoveCommand::RemoveCommand(flow::FlowGraph *graph, const QStringList &nodeIds, const QStringList &linkIds,
                             QUndoCommand *parent)
    : QUndoCommand(parent), m_graph(graph)
{
    const QSet<QString> gone(nodeIds.begin(), nodeIds.end());
    for (const flow::Node &n : graph->nodes()) {
        if (gone.contains(n.id))
            m_nodes.push_back(n);
    }
    for (const flow::Link &l : graph->links()) {
        if (gone.contains(l.from.node) || gone.contains(l.to.node) || linkIds.contains(l.id()))
            m_links.push_back(l);
    }
    if (m_nodes.empty())
        setText(CommandText::tr("Delete %n link(s)", nullptr, int(m_links.size())));
    else
        setText(CommandText::tr("Delete %n node(s)", nullptr, int(m_nodes.size())));
}

void RemoveCommand::redo()
{
    for (const flow::Link &l : m_links)
        (void)m_graph->unlink(l.id());
    for (const flow::Node &n : m_nodes)
        (void)m_graph->removeNode(n.id);
}

void RemoveCommand::undo()
{
    insertAll(m_graph, m_nodes, m_links);
}

MoveNodesCommand::MoveNodesCommand(flow::FlowGraph *graph, std::vector<Move> moves, QUndoCommand *parent)
    : QUndoCommand(CommandText::tr("Move %n node(s)", nullptr, int(moves.size())), parent), m_graph(graph),
      m_moves(std::move(moves))
{}

void MoveNodesCommand::redo()
{
    for (const Move &m : m_moves)
        (void)m_graph->moveNode(m.node, m.to);
}

void MoveNodesCommand::undo()
{
    for (const Move &m : m_moves)
        (void)m_graph->moveNode(m.node, m.from);
}

LinkCommand::LinkCommand(flow::FlowGraph *graph, const flow::Link &link, QUndoCommand *parent)
    : QUndoCommand(CommandText::tr("Link %1 to %2").arg(link.from.port, link.to.port), parent),
      m_graph(graph), m_link(link)
{}

void LinkCommand::redo()
{
    (void)m_graph->insertLink(m_link);
}

void LinkCommand::undo()
{
    (void)m_graph->unlink(m_link.id());
}

SetParamCommand::SetParamCommand(flow::FlowGraph *graph, const QString &node, const QString &key,
                                 const QJsonValue &value, QUndoCommand *parent)
    : QUndoCommand(CommandText::tr("Change %1").arg(key), parent), m_graph(graph), m_node(node), m_key(key),
      m_after(value)
{
    if (const flow::Node *n = graph->node(node))
        m_before = n->params.value(key);
}

void SetParamCommand::redo()
{
    (void)m_graph->setParamUnchecked(m_node, m_key, m_after);
}

void SetParamCommand::undo()
{
    (void)m_graph->setParamUnchecked(m_node, m_key, m_before);
}

bool SetParamCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetParamCommand *>(other);
    if (next->m_graph != m_graph || next->m_node != m_node || next->m_key != m_key)
        return false;
    m_after = next->m_after;
    setObsolete(m_after == m_before);
    return true;
}

SetTitleCommand::SetTitleCommand(flow::FlowGraph *graph, const QString &node, const QString &title,
                                 QUndoCommand *parent)
    : QUndoCommand(CommandText::tr("Rename node"), parent), m_graph(graph), m_node(node), m_after(title)
{
    if (const flow::Node *n = graph->node(node))
        m_before = n->title;
}

void SetTitleCommand::redo()
{
    (void)m_graph->setTitle(m_node, m_after);
}

void SetTitleCommand::undo()
{
    (void)m_graph->setTitle(m_node, m_before);
}

SetTargetsCommand::SetTargetsCommand(flow::FlowGraph *graph, const QString &node, const QStringList &targets,
                                     QUndoCommand *parent)
    : QUndoCommand(CommandText::tr("Change targets"), parent), m_graph(graph), m_node(node), m_after(targets)
{
    if (const flow::Node *n = graph->node(node))
        m_before = n->targets;
}

void SetTargetsCommand::redo()
{
    (void)m_graph->setTargets(m_node, m_after);
}

void SetTargetsCommand::undo()
{
    // FlowGraph has no unchecked setter for targets: a node whose file gave it targets its kind
    // cannot take keeps the new ones here (the file's old ones come back by reopening it).
    (void)m_graph->setTargets(m_node, m_before);
}

SetFlowNameCommand::SetFlowNameCommand(flow::FlowGraph *graph, const QString &name, QUndoCommand *parent)
    : QUndoCommand(CommandText::tr("Rename flow"), parent), m_graph(graph), m_before(graph->name()),
      m_after(name)
{}

void SetFlowNameCommand::redo()
{
    m_graph->setName(m_after);
}

void SetFlowNameCommand::undo()
{
    m_graph->setName(m_before);
}

} // namespace tenkai::ui
