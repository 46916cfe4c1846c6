// The problems list: every validation problem of the flow, errors first; activating one jumps to
// its node.
#pragma once

#include "flow/validation.h"

#include <QWidget>
#include <vector>

class QLabel;
class QTreeWidget;

namespace tenkai::ui {

class FlowProblemList : public QWidget
{
    Q_OBJECT

public:
    explicit FlowProblemList(QWidget *parent = nullptr);

    void setProblems(const std::vector<flow::Problem> &problems);
    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void nodeActivated(const QString &node);

private:
    QLabel *m_heading;
    QTreeWidget *m_tree;
};

} // namespace tenkai::ui
