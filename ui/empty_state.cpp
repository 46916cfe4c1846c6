#include "empty_state.h"

#include <QLabel>
#include <QVBoxLayout>

namespace tenkai::ui {

EmptyState::EmptyState(const QString &title, const QString &text, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    auto *heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("emptyStateTitle"));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    auto *body = new QLabel(text, this);
    body->setObjectName(QStringLiteral("emptyStateText"));
    body->setWordWrap(true);
    body->setAlignment(Qt::AlignCenter);
    // A word-wrapped label centred in a box layout gets one line's height: fix its width and
    // give it the height that width needs.
    constexpr int kTextWidth = 520;
    body->setFixedWidth(kTextWidth);
    body->setMinimumHeight(body->heightForWidth(kTextWidth));
    layout->addWidget(heading);
    layout->addWidget(body, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

} // namespace tenkai::ui
