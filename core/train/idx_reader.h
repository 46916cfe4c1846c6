// Reads IDX files (the MNIST family's format), gzip-compressed or raw, validating every header field.
#pragma once

#include "result.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace tenkai::train {

// An unsigned-byte IDX array: dims[0] items of dims[1] x dims[2] ... bytes each.
struct IdxArray
{
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> data;
};

// Reads `path` (gzip or raw). Only the unsigned-byte type (0x08) is accepted, with 1 to 4 dimensions.
// Errors name the file: missing, wrong magic, truncated, trailing bytes, absurd sizes.
Result<IdxArray> readIdx(const std::filesystem::path &path);

} // namespace tenkai::train
