#include "flow_editor/policy_preview.h"

#include "augment.h"
#ifdef TENKAI_HAVE_OPENCV
#include "augment_cv.h"
#endif

#include <QPainter>
#include <QPainterPath>
#include <vector>

namespace tenkai::ui {

namespace {

constexpr int kSide = 48;  // the sample's size in pixels (the engine's images are 28 to 64)
constexpr int kCopies = 5; // augmented copies shown
constexpr int kThumb = 40; // drawn size of each image
constexpr int kGap = 4;

} // namespace

PolicyPreview::PolicyPreview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("policyPreview"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

bool PolicyPreview::available()
{
#ifdef TENKAI_HAVE_OPENCV
    return true;
#else
    return false;
#endif
}

QImage PolicyPreview::sample()
{
    // An asymmetric picture, so flips, turns, shifts and tone changes all show: a shaded background,
    // a bold "F" and a spot in one corner.
    QImage image(kSide, kSide, QImage::Format_RGB888);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient shade(0, 0, kSide, kSide);
    shade.setColorAt(0, QColor(0x2b, 0x4c, 0x7e));
    shade.setColorAt(1, QColor(0x9c, 0xc3, 0xe6));
    p.fillRect(image.rect(), shade);
    p.setBrush(QColor(0xf5, 0xb7, 0x00));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(kSide * 0.78, kSide * 0.22), kSide * 0.12, kSide * 0.12);
    QFont font;
    font.setPixelSize(int(kSide * 0.7));
    font.setBold(true);
    QPainterPath glyph;
    glyph.addText(kSide * 0.2, kSide * 0.82, font, QStringLiteral("F"));
    p.setBrush(Qt::white);
    p.drawPath(glyph);
    p.end();
    return image;
}

void PolicyPreview::setPolicy(const QString &policy, quint64 seed, const QString &caption)
{
    m_caption = caption;
    m_error.clear();
    m_images.clear();
    m_original = sample();
#ifdef TENKAI_HAVE_OPENCV
    const auto parsed = train::policyFor(policy.toStdString());
    if (!parsed.ok()) {
        m_error = QString::fromStdString(parsed.error().detail);
        update();
        return;
    }
    // The engine's buffers are planar (count x channels x height x width).
    const int plane = kSide * kSide;
    std::vector<std::uint8_t> in(std::size_t(kCopies) * 3 * plane);
    for (int i = 0; i < kCopies; ++i)
        for (int y = 0; y < kSide; ++y) {
            const uchar *row = m_original.constScanLine(y);
            for (int x = 0; x < kSide; ++x)
                for (int c = 0; c < 3; ++c)
                    in[std::size_t((i * 3 + c) * plane + y * kSide + x)] = row[x * 3 + c];
        }
    std::vector<std::uint8_t> out(in.size());
    const train::ImageBufferShape shape{kCopies, 3, kSide, kSide};
    if (const auto done = train::augmentBuffer(parsed.value(), in.data(), out.data(), shape, seed, 1);
        !done.ok()) {
        m_error = QString::fromStdString(done.error().detail);
        update();
        return;
    }
    for (int i = 0; i < kCopies; ++i) {
        QImage image(kSide, kSide, QImage::Format_RGB888);
        for (int y = 0; y < kSide; ++y) {
            uchar *row = image.scanLine(y);
            for (int x = 0; x < kSide; ++x)
                for (int c = 0; c < 3; ++c)
                    row[x * 3 + c] = out[std::size_t((i * 3 + c) * plane + y * kSide + x)];
        }
        m_images.push_back(image);
    }
#else
    Q_UNUSED(policy)
    Q_UNUSED(seed)
#endif
    updateGeometry();
    update();
}

QSize PolicyPreview::sizeHint() const
{
    return QSize((kCopies + 1) * (kThumb + kGap) + 12, kThumb + 24);
}

void PolicyPreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QFontMetrics fm(font());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(0, 0, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(m_caption, Qt::ElideRight, width()));
    const int top = fm.height() + 4;
    if (!m_error.isEmpty()) {
        p.setPen(QColor(0xdc, 0x26, 0x26));
        p.drawText(QRect(0, top, width(), height() - top), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   m_error);
        return;
    }
    if (m_original.isNull())
        return;
    int x = 0;
    p.drawImage(QRect(x, top, kThumb, kThumb), m_original);
    x += kThumb + kGap + 8; // the original stands apart from its copies
    for (const QImage &image : m_images) {
        if (x + kThumb > width())
            break;
        p.drawImage(QRect(x, top, kThumb, kThumb), image);
        x += kThumb + kGap;
    }
}

} // namespace tenkai::ui
