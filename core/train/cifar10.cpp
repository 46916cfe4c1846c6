// CIFAR-10 binary batches: records of 1 label byte and 32x32x3 pixel bytes (all red, then green, then blue).
#include "dataset.h"

#include <fstream>
#include <torch/torch.h>

namespace tenkai::train {
namespace {

constexpr std::int64_t kSide = 32;
constexpr std::int64_t kPixels = kSide * kSide * 3;
constexpr std::int64_t kRecord = 1 + kPixels;

const std::vector<std::string> kDefaultClasses = {"airplane", "automobile", "bird",  "cat",  "deer",
                                                  "dog",      "frog",       "horse", "ship", "truck"};

Result<ImageSet> readBatches(const std::vector<std::filesystem::path> &files, std::size_t classCount)
{
    std::vector<std::uint8_t> labels;
    std::vector<std::uint8_t> pixels;
    for (const auto &file : files) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(file, ec);
        if (ec)
            return Error{ErrorCode::DataMissing, file.string(), {}};
        if (size == 0 || size % kRecord != 0)
            return Error{ErrorCode::DataCorrupt, file.string(),
                         "its size (" + std::to_string(size) + " bytes) is not a whole number of " +
                             std::to_string(kRecord) + "-byte records (1 label + 32x32x3 pixels)"};
        std::ifstream in(file, std::ios::binary);
        std::vector<std::uint8_t> bytes(size);
        if (!in.read(reinterpret_cast<char *>(bytes.data()), std::streamsize(size)))
            return Error{ErrorCode::DataCorrupt, file.string(), "cannot be read to its end"};
        const std::size_t records = size / kRecord;
        for (std::size_t r = 0; r < records; ++r) {
            const std::uint8_t *record = bytes.data() + r * kRecord;
            if (record[0] >= classCount)
                return Error{ErrorCode::DataCorrupt, file.string(),
                             "label " + std::to_string(record[0]) + " of record " + std::to_string(r) +
                                 " is outside 0.." + std::to_string(classCount - 1)};
            labels.push_back(record[0]);
            pixels.insert(pixels.end(), record + 1, record + kRecord);
        }
    }
    const auto n = static_cast<std::int64_t>(labels.size());
    ImageSet set;
    // The file's plane order (R, G, B, each row-major) is already N x C x H x W.
    set.images = torch::from_blob(pixels.data(), {n, 3, kSide, kSide}, torch::kUInt8).clone();
    set.labels = torch::from_blob(labels.data(), {n}, torch::kUInt8).to(torch::kInt64);
    return set;
}

} // namespace

Result<DatasetSplit> loadCifar10(const std::filesystem::path &dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return Error{ErrorCode::DataMissing, dir.string(), "no such folder"};

    DatasetSplit split;
    split.name = "cifar10";
    split.classes = kDefaultClasses;
    const auto meta = dir / "batches.meta.txt";
    if (std::filesystem::exists(meta, ec)) {
        std::ifstream in(meta);
        std::vector<std::string> names;
        for (std::string line; std::getline(in, line);) {
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.pop_back();
            if (!line.empty())
                names.push_back(line);
        }
        if (names.size() != kDefaultClasses.size())
            return Error{ErrorCode::DataCorrupt, meta.string(),
                         "lists " + std::to_string(names.size()) + " class names, expected 10"};
        split.classes = names;
    }

    std::vector<std::filesystem::path> trainFiles;
    for (int i = 1; i <= 5; ++i) {
        const auto f = dir / ("data_batch_" + std::to_string(i) + ".bin");
        if (std::filesystem::exists(f, ec))
            trainFiles.push_back(f);
    }
    if (trainFiles.empty())
        return Error{ErrorCode::DataMissing, (dir / "data_batch_1.bin").string(), {}};
    const auto testFile = dir / "test_batch.bin";
    if (!std::filesystem::exists(testFile, ec))
        return Error{ErrorCode::DataMissing, testFile.string(), {}};

    auto train = readBatches(trainFiles, split.classes.size());
    if (!train)
        return train.error();
    auto test = readBatches({testFile}, split.classes.size());
    if (!test)
        return test.error();
    setSplits(split, std::move(train).value(), std::move(test).value());
    return split;
}

} // namespace tenkai::train
