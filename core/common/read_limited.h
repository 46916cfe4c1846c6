// Reading a text input (inventory, recipe, flow, run configuration) whose size is the file's word:
// at most a bound, so a huge file or an endless one (/dev/zero, a FIFO) costs that much and no more.
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <optional>

namespace tenkai {

// What a text input may hold: every real inventory, recipe or flow is far smaller.
inline constexpr qint64 kMaxTextInput = qint64(16) << 20;

// Up to `limit` bytes of an open device; nullopt when it holds more.
inline std::optional<QByteArray> readAtMost(QIODevice &device, qint64 limit = kMaxTextInput)
{
    QByteArray data = device.read(limit + 1);
    if (data.size() > limit)
        return std::nullopt;
    return data;
}

} // namespace tenkai
