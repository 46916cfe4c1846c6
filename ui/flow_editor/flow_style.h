// The flow editor's look in one place: colours of port types and node categories, node metrics,
// and the vector glyph of each node type (drawn, so it stays sharp at any zoom and pixel ratio).
#pragma once

#include "flow/graph.h"

#include <QColor>
#include <QIcon>
#include <QRectF>
#include <QString>

class QPainter;

namespace tenkai::ui::flowstyle {

// Node geometry in scene units (a node's position is its top-left corner).
inline constexpr qreal kNodeWidth = 200;
inline constexpr qreal kHeaderHeight = 30;
inline constexpr qreal kSubtitleHeight = 18;
inline constexpr qreal kPortRow = 20;
inline constexpr qreal kSummaryLine = 16;
inline constexpr qreal kStatusHeight = 24;
inline constexpr qreal kPadding = 8;
inline constexpr qreal kPortRadius = 5;
inline constexpr qreal kCornerRadius = 6;
inline constexpr qreal kGridSize = 20;

QColor portColor(flow::PortType type);
// The accent of a node type's category (by type id, so it does not depend on the translation).
QColor categoryColor(const QString &typeId);

QColor errorColor();
QColor warningColor();

// Draws the glyph of a node type inside `rect` in `color`.
void paintGlyph(QPainter *painter, const QString &typeId, const QRectF &rect, const QColor &color);
// The glyph as an icon for lists and the palette, rendered for the screen's pixel ratio.
QIcon typeIcon(const QString &typeId);
// The editor's toolbar icons: "zoom-in", "zoom-out", "zoom-fit", "grid", "duplicate", "run",
// "dry-run", "run-from", "cancel".
QIcon actionIcon(const QString &name);

} // namespace tenkai::ui::flowstyle
