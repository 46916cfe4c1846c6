// A live preview of an augmentation policy: a sample image and copies of it augmented the way one
// ensemble member's teacher data would be (the engine's own augmentation, seeded like the member).
#pragma once

#include <QImage>
#include <QWidget>

namespace tenkai::ui {

class PolicyPreview : public QWidget
{
    Q_OBJECT

public:
    explicit PolicyPreview(QWidget *parent = nullptr);

    // Whether this build can augment images (the engine was built with OpenCV).
    static bool available();

    // Shows `policy` (a built-in name or a text form) with the member's seed; a policy the engine
    // refuses shows its reason instead.
    void setPolicy(const QString &policy, quint64 seed, const QString &caption);
    QString error() const { return m_error; }
    int copies() const { return int(m_images.size()); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    static QImage sample();

    QString m_caption;
    QString m_error;
    QImage m_original;
    std::vector<QImage> m_images;
};

} // namespace tenkai::ui
