// A page that has nothing to show yet: a title and a sentence on what will appear there.
#pragma once

#include <QWidget>

namespace tenkai::ui {

class EmptyState : public QWidget
{
    Q_OBJECT

public:
    EmptyState(const QString &title, const QString &text, QWidget *parent = nullptr);
};

} // namespace tenkai::ui
