#include "flow_editor/flow_style.h"

#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <cmath>

namespace tenkai::ui::flowstyle {

QColor portColor(flow::PortType type)
{
    switch (type) {
    case flow::PortType::Model:
        return QColor(0x25, 0x63, 0xeb);
    case flow::PortType::Dataset:
        return QColor(0x16, 0xa3, 0x4a);
    case flow::PortType::Sites:
        return QColor(0xd9, 0x77, 0x06);
    case flow::PortType::Report:
        return QColor(0x93, 0x33, 0xea);
    case flow::PortType::Trigger:
        return QColor(0x6b, 0x72, 0x80);
    }
    return Qt::gray;
}

QColor categoryColor(const QString &typeId)
{
    static const QHash<QString, QColor> colors{
        {QStringLiteral("pretrain"), QColor(0x25, 0x63, 0xeb)},
        {QStringLiteral("model-file"), QColor(0x25, 0x63, 0xeb)},
        {QStringLiteral("provision-edge"), QColor(0xd9, 0x77, 0x06)},
        {QStringLiteral("install-daemon"), QColor(0xd9, 0x77, 0x06)},
        {QStringLiteral("deploy-model"), QColor(0xd9, 0x77, 0x06)},
        {QStringLiteral("generate-teacher-data"), QColor(0x16, 0xa3, 0x4a)},
        {QStringLiteral("train-ensemble"), QColor(0x16, 0xa3, 0x4a)},
        {QStringLiteral("evaluate"), QColor(0x93, 0x33, 0xea)},
        {QStringLiteral("collect-report"), QColor(0x93, 0x33, 0xea)},
        {QStringLiteral("wait-until"), QColor(0x47, 0x55, 0x69)},
        {QStringLiteral("note"), QColor(0xa1, 0x86, 0x1a)},
    };
    return colors.value(typeId, QColor(0x64, 0x74, 0x8b));
}

QColor errorColor()
{
    return QColor(0xdc, 0x26, 0x26);
}

QColor warningColor()
{
    return QColor(0xea, 0x8a, 0x00);
}

namespace {

// Glyphs are drawn in a 16 x 16 box and scaled to the target rectangle.
void drawGlyph16(QPainter &p, const QString &t, const QColor &c)
{
    QPen pen(c, 1.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    QColor fill = c;
    fill.setAlpha(60);
    if (t == QLatin1String("pretrain")) { // a cloud
        QPainterPath cloud;
        cloud.addEllipse(QRectF(2, 6, 6, 6));
        cloud.addEllipse(QRectF(5, 3, 7, 7));
        cloud.addEllipse(QRectF(9, 6, 5.5, 5.5));
        cloud.addRect(QRectF(5, 8, 7, 3.5));
        p.setBrush(fill);
        p.drawPath(cloud.simplified());
        p.drawLine(QPointF(8, 12.5), QPointF(8, 15));
    } else if (t == QLatin1String("model-file")) { // a document with a folded corner
        QPainterPath doc;
        doc.moveTo(3.5, 1.5);
        doc.lineTo(10, 1.5);
        doc.lineTo(12.5, 4);
        doc.lineTo(12.5, 14.5);
        doc.lineTo(3.5, 14.5);
        doc.closeSubpath();
        p.setBrush(fill);
        p.drawPath(doc);
        p.drawEllipse(QPointF(8, 9.5), 2, 2);
    } else if (t == QLatin1String("provision-edge")) { // a stack of servers
        p.setBrush(fill);
        for (int i = 0; i < 3; ++i) {
            p.drawRoundedRect(QRectF(2.5, 2 + i * 4.3, 11, 3.4), 1, 1);
            p.drawPoint(QPointF(11, 3.7 + i * 4.3));
        }
    } else if (t == QLatin1String("install-daemon")) { // a gear
        p.setBrush(fill);
        p.drawEllipse(QPointF(8, 8), 4, 4);
        for (int i = 0; i < 8; ++i) {
            const double a = i * M_PI / 4;
            p.drawLine(QPointF(8 + 4.3 * std::cos(a), 8 + 4.3 * std::sin(a)),
                       QPointF(8 + 6.3 * std::cos(a), 8 + 6.3 * std::sin(a)));
        }
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(8, 8), 1.5, 1.5);
    } else if (t == QLatin1String("deploy-model")) { // an arrow into a tray
        p.drawLine(QPointF(8, 1.5), QPointF(8, 10));
        p.drawPolyline(QPolygonF{QPointF(4.5, 6.5), QPointF(8, 10), QPointF(11.5, 6.5)});
        p.drawPolyline(QPolygonF{QPointF(2, 10), QPointF(2, 14), QPointF(14, 14), QPointF(14, 10)});
    } else if (t == QLatin1String("generate-teacher-data")) { // a grid of images
        p.setBrush(fill);
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 2; ++j)
                p.drawRoundedRect(QRectF(2 + i * 6.5, 2 + j * 6.5, 5.2, 5.2), 1, 1);
    } else if (t == QLatin1String("train-ensemble")) { // overlapping members
        p.setBrush(fill);
        p.drawEllipse(QPointF(5.5, 6), 3.5, 3.5);
        p.drawEllipse(QPointF(10.5, 6), 3.5, 3.5);
        p.drawEllipse(QPointF(8, 10.5), 3.5, 3.5);
    } else if (t == QLatin1String("evaluate")) { // a bar chart
        p.setBrush(fill);
        p.drawRect(QRectF(2.5, 9, 2.8, 5));
        p.drawRect(QRectF(6.6, 5, 2.8, 9));
        p.drawRect(QRectF(10.7, 2, 2.8, 12));
    } else if (t == QLatin1String("collect-report")) { // a report with lines
        p.setBrush(fill);
        p.drawRoundedRect(QRectF(3, 1.5, 10, 13), 1, 1);
        p.drawLine(QPointF(5.5, 5), QPointF(10.5, 5));
        p.drawLine(QPointF(5.5, 8), QPointF(10.5, 8));
        p.drawLine(QPointF(5.5, 11), QPointF(9, 11));
    } else if (t == QLatin1String("wait-until")) { // a clock
        p.setBrush(fill);
        p.drawEllipse(QPointF(8, 8), 6, 6);
        p.drawPolyline(QPolygonF{QPointF(8, 4.5), QPointF(8, 8), QPointF(10.5, 9.5)});
    } else if (t == QLatin1String("note")) { // a sticky note
        QPainterPath note;
        note.moveTo(2, 2);
        note.lineTo(14, 2);
        note.lineTo(14, 10.5);
        note.lineTo(10.5, 14);
        note.lineTo(2, 14);
        note.closeSubpath();
        p.setBrush(fill);
        p.drawPath(note);
        p.drawLine(QPointF(4.5, 6), QPointF(11.5, 6));
        p.drawLine(QPointF(4.5, 9), QPointF(9, 9));
    } else { // unknown type: a question in a box
        p.drawRoundedRect(QRectF(2, 2, 12, 12), 2, 2);
        QFont f = p.font();
        f.setPixelSize(10);
        f.setBold(true);
        p.setFont(f);
        p.drawText(QRectF(2, 2, 12, 12), Qt::AlignCenter, QStringLiteral("?"));
    }
}

} // namespace

void paintGlyph(QPainter *painter, const QString &typeId, const QRectF &rect, const QColor &color)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(rect.topLeft());
    painter->scale(rect.width() / 16.0, rect.height() / 16.0);
    drawGlyph16(*painter, typeId, color);
    painter->restore();
}

QIcon typeIcon(const QString &typeId)
{
    QIcon icon;
    const qreal ratio = qGuiApp ? qGuiApp->devicePixelRatio() : 1.0;
    for (const int size : {16, 20, 24, 32}) {
        for (const qreal dpr : {1.0, std::max(2.0, ratio)}) {
            QPixmap pixmap(QSize(size, size) * dpr);
            pixmap.setDevicePixelRatio(dpr);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            paintGlyph(&painter, typeId, QRectF(0, 0, size, size), categoryColor(typeId));
            painter.end();
            icon.addPixmap(pixmap);
        }
    }
    return icon;
}

namespace {

void drawAction16(QPainter &p, const QString &name)
{
    const QColor ink(0x33, 0x41, 0x55);
    p.setPen(QPen(ink, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    if (name.startsWith(QLatin1String("zoom-")) && name != QLatin1String("zoom-fit")) {
        p.drawEllipse(QPointF(6.5, 6.5), 4.5, 4.5);
        p.drawLine(QPointF(10, 10), QPointF(14.5, 14.5));
        p.drawLine(QPointF(4.5, 6.5), QPointF(8.5, 6.5));
        if (name == QLatin1String("zoom-in"))
            p.drawLine(QPointF(6.5, 4.5), QPointF(6.5, 8.5));
    } else if (name == QLatin1String("zoom-fit")) {
        for (const QPointF &c : {QPointF(2, 2), QPointF(14, 2), QPointF(14, 14), QPointF(2, 14)}) {
            const qreal sx = c.x() < 8 ? 1 : -1;
            const qreal sy = c.y() < 8 ? 1 : -1;
            p.drawPolyline(QPolygonF{c + QPointF(0, 4 * sy), c, c + QPointF(4 * sx, 0)});
        }
        p.drawRect(QRectF(5.5, 5.5, 5, 5));
    } else if (name == QLatin1String("grid")) {
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                p.drawEllipse(QPointF(3 + i * 5, 3 + j * 5), 1.3, 1.3);
    } else if (name == QLatin1String("duplicate")) {
        p.drawRoundedRect(QRectF(1.5, 1.5, 9, 9), 1.5, 1.5);
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRectF(5.5, 5.5, 9, 9), 1.5, 1.5);
    } else if (name == QLatin1String("run") || name == QLatin1String("dry-run") ||
               name == QLatin1String("run-from")) {
        const QColor green(0x16, 0xa3, 0x4a);
        p.setPen(QPen(green, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(name == QLatin1String("dry-run") ? QBrush(Qt::NoBrush) : QBrush(green));
        const qreal left = name == QLatin1String("run-from") ? 6 : 3.5;
        p.drawPolygon(QPolygonF{QPointF(left, 2.5), QPointF(left + 10, 8), QPointF(left, 13.5)});
        if (name == QLatin1String("run-from"))
            p.drawLine(QPointF(2.5, 2.5), QPointF(2.5, 13.5));
    } else if (name == QLatin1String("cancel")) {
        p.setPen(Qt::NoPen);
        p.setBrush(errorColor());
        p.drawRoundedRect(QRectF(3, 3, 10, 10), 1.5, 1.5);
    }
}

} // namespace

QIcon actionIcon(const QString &name)
{
    QIcon icon;
    for (const int size : {16, 24}) {
        for (const qreal dpr : {1.0, 2.0}) {
            QPixmap pixmap(QSize(size, size) * dpr);
            pixmap.setDevicePixelRatio(dpr);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(size / 16.0, size / 16.0);
            drawAction16(painter, name);
            painter.end();
            icon.addPixmap(pixmap);
        }
    }
    return icon;
}

} // namespace tenkai::ui::flowstyle
