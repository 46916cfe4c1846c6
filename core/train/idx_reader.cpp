#include "idx_reader.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <zlib.h>

namespace tenkai::train {
namespace {

struct GzCloser
{
    void operator()(gzFile f) const { gzclose(f); }
};
using GzHandle = std::unique_ptr<std::remove_pointer_t<gzFile>, GzCloser>;

Error corrupt(const std::filesystem::path &path, std::string what)
{
    return Error{ErrorCode::DataCorrupt, path.string(), std::move(what)};
}

// Reads exactly `size` bytes. A short read returns `shortMessage`; a damaged or cut gzip stream
// says so instead, whatever part of the file it was in.
std::optional<Error> readExactly(gzFile file, void *buffer, std::size_t size,
                                 const std::filesystem::path &path, const std::string &shortMessage)
{
    auto *out = static_cast<unsigned char *>(buffer);
    while (size > 0) {
        const unsigned chunk = size > (1u << 30) ? (1u << 30) : static_cast<unsigned>(size);
        const int got = gzread(file, out, chunk);
        if (got <= 0) {
            int zerr = Z_OK;
            const char *text = gzerror(file, &zerr);
            if (zerr != Z_OK && zerr != Z_STREAM_END)
                return corrupt(path,
                               std::string("gzip data is damaged or cut short (") + (text ? text : "") + ")");
            return corrupt(path, shortMessage);
        }
        out += got;
        size -= static_cast<std::size_t>(got);
    }
    return std::nullopt;
}

} // namespace

Result<IdxArray> readIdx(const std::filesystem::path &path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error{ErrorCode::DataMissing, path.string(), {}};

    GzHandle file(gzopen(path.c_str(), "rb"));
    if (!file)
        return Error{ErrorCode::DataMissing, path.string(), "cannot be opened"};

    std::array<unsigned char, 4> magic{};
    if (auto e = readExactly(file.get(), magic.data(), magic.size(), path, "too short for an IDX header"))
        return *e;
    if (magic[0] != 0 || magic[1] != 0)
        return corrupt(path, "not an IDX file (wrong magic number)");
    if (magic[2] != 0x08)
        return corrupt(path, "IDX element type " + std::to_string(magic[2]) + " is not unsigned bytes (8)");
    const int rank = magic[3];
    if (rank < 1 || rank > 4)
        return corrupt(path, "IDX rank " + std::to_string(rank) + " is outside 1..4");

    IdxArray array;
    std::uint64_t total = 1;
    for (int i = 0; i < rank; ++i) {
        std::array<unsigned char, 4> b{};
        if (auto e = readExactly(file.get(), b.data(), b.size(), path, "header ends before its dimensions"))
            return *e;
        const std::uint32_t dim = (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) |
                                  (std::uint32_t(b[2]) << 8) | std::uint32_t(b[3]);
        if (dim == 0)
            return corrupt(path, "dimension " + std::to_string(i) + " is zero");
        array.dims.push_back(dim);
        total *= dim;
        if (total > (std::uint64_t(1) << 34))
            return corrupt(path, "declares more than 16 GiB of data");
    }

    // The header's sizes are the file's word, not the truth: an uncompressed file must be exactly
    // that long, and a compressed one is read in pieces, so a header that claims gigabytes over a
    // few bytes fails at the file's real end instead of allocating what it claims.
    const std::string truncated =
        "truncated: the header declares " + std::to_string(total) + " bytes of data but the file ends early";
    const std::uint64_t header = 4 + 4 * std::uint64_t(rank);
    const auto fileSize = std::filesystem::file_size(path, ec);
    if (!ec && gzdirect(file.get()) && fileSize < header + total)
        return corrupt(path, truncated + " (it holds " + std::to_string(fileSize - header) + ")");
    constexpr std::uint64_t kPiece = std::uint64_t(64) << 20;
    while (array.data.size() < total) {
        const std::size_t done = array.data.size();
        const std::size_t piece = std::size_t(std::min(kPiece, total - done));
        array.data.resize(done + piece);
        if (auto e = readExactly(file.get(), array.data.data() + done, piece, path, truncated))
            return *e;
    }
    unsigned char extra = 0;
    const int more = gzread(file.get(), &extra, 1);
    if (more > 0)
        return corrupt(path, "has bytes after the data its header declares");
    if (more < 0 || !gzeof(file.get())) {
        int zerr = Z_OK;
        const char *text = gzerror(file.get(), &zerr);
        return corrupt(path, std::string("gzip data is damaged or cut short (") + (text ? text : "") + ")");
    }
    return array;
}

} // namespace tenkai::train
