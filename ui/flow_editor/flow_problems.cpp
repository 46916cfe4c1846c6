#include "flow_editor/flow_problems.h"

#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace tenkai::ui {

FlowProblemList::FlowProblemList(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("flowProblems"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(4);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("problemsHeading"));
    m_heading->setContentsMargins(12, 0, 12, 0);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    layout->addWidget(m_heading);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("problemList"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Problem"), tr("Node")});
    m_tree->setRootIsDecorated(false);
    m_tree->setWordWrap(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree, 1);
    auto activate = [this](QTreeWidgetItem *item) {
        const QString node = item ? item->data(0, Qt::UserRole).toString() : QString();
        if (!node.isEmpty())
            Q_EMIT nodeActivated(node);
    };
    connect(m_tree, &QTreeWidget::itemActivated, this, activate);
    connect(m_tree, &QTreeWidget::itemClicked, this, activate);
    setProblems({});
}

void FlowProblemList::setProblems(const std::vector<flow::Problem> &problems)
{
    m_tree->clear();
    std::vector<flow::Problem> sorted = problems;
    std::stable_sort(sorted.begin(), sorted.end(), [](const flow::Problem &a, const flow::Problem &b) {
        return a.severity == flow::Severity::Error && b.severity != flow::Severity::Error;
    });
    int errors = 0;
    for (const flow::Problem &p : sorted) {
        const bool error = p.severity == flow::Severity::Error;
        errors += error ? 1 : 0;
        auto *item = new QTreeWidgetItem(m_tree, QStringList{p.message, p.node});
        item->setIcon(
            0, style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning));
        item->setToolTip(0, p.message);
        item->setData(0, Qt::UserRole, p.node);
    }
    const int warnings = int(problems.size()) - errors;
    if (problems.empty())
        m_heading->setText(tr("Problems: none"));
    else
        m_heading->setText(tr("Problems: %n error(s)", nullptr, errors) +
                           tr(", %n warning(s)", nullptr, warnings));
}

} // namespace tenkai::ui
