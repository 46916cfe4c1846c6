// Writes small IDX files (raw or gzip) for tests, including deliberately malformed ones.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <cstdint>
#include <vector>
#include <zlib.h>

namespace tenkai::test {

inline QByteArray idxHeader(const std::vector<std::uint32_t> &dims, unsigned char type = 0x08)
{
    QByteArray out;
    out.append(char(0)).append(char(0)).append(char(type)).append(char(dims.size()));
    for (auto d : dims) {
        out.append(char((d >> 24) & 0xff)).append(char((d >> 16) & 0xff));
        out.append(char((d >> 8) & 0xff)).append(char(d & 0xff));
    }
    return out;
}

inline QByteArray gzip(const QByteArray &raw)
{
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&zs, uLong(raw.size()))) + 64, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.data()));
    zs.avail_in = uInt(raw.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(int(zs.total_out));
    deflateEnd(&zs);
    return out;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace tenkai::test
