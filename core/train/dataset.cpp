#include "dataset.h"

#include "idx_reader.h"

#include <array>
#include <torch/torch.h>

namespace tenkai::train {
namespace {

constexpr std::array<const char *, 10> kFashionClasses = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

// The .gz file if present, else the raw one, else the .gz name (so the error names what we expected).
std::filesystem::path locate(const std::filesystem::path &dir, const std::string &stem)
{
    const auto gz = dir / (stem + ".gz");
    const auto raw = dir / stem;
    std::error_code ec;
    if (std::filesystem::exists(gz, ec))
        return gz;
    if (std::filesystem::exists(raw, ec))
        return raw;
    return gz;
}

Result<ImageSet> loadIdxPair(const std::filesystem::path &dir, const std::string &imagesStem,
                             const std::string &labelsStem, std::size_t classCount)
{
    const auto imagesPath = locate(dir, imagesStem);
    const auto labelsPath = locate(dir, labelsStem);
    auto images = readIdx(imagesPath);
    if (!images)
        return images.error();
    auto labels = readIdx(labelsPath);
    if (!labels)
        return labels.error();

    const auto &idims = images.value().dims;
    if (idims.size() != 3)
        return Error{ErrorCode::DataCorrupt, imagesPath.string(),
                     "expected 3 dimensions (count, rows, columns), found " + std::to_string(idims.size())};
    if (labels.value().dims.size() != 1)
        return Error{ErrorCode::DataCorrupt, labelsPath.string(),
                     "expected 1 dimension (count), found " + std::to_string(labels.value().dims.size())};
    if (labels.value().dims[0] != idims[0])
        return Error{ErrorCode::DataCorrupt, labelsPath.string(),
                     "holds " + std::to_string(labels.value().dims[0]) + " labels but " +
                         imagesPath.filename().string() + " holds " + std::to_string(idims[0]) + " images"};
    const auto &labelBytes = labels.value().data;
    for (std::size_t i = 0; i < labelBytes.size(); ++i) {
        if (labelBytes[i] >= classCount)
            return Error{ErrorCode::DataCorrupt, labelsPath.string(),
                         "label " + std::to_string(labelBytes[i]) + " of item " + std::to_string(i) +
                             " is outside 0.." + std::to_string(classCount - 1)};
    }

    const auto n = static_cast<std::int64_t>(idims[0]);
    ImageSet set;
    set.images =
        torch::from_blob(images.value().data.data(),
                         {n, 1, static_cast<std::int64_t>(idims[1]), static_cast<std::int64_t>(idims[2])},
                         torch::kUInt8)
            .clone();
    set.labels = torch::from_blob(labels.value().data.data(), {n}, torch::kUInt8).to(torch::kInt64);
    return set;
}

} // namespace

Result<DatasetSplit> loadFashionMnist(const std::filesystem::path &dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return Error{ErrorCode::DataMissing, dir.string(), "no such folder"};

    DatasetSplit split;
    split.name = "fashion-mnist";
    split.classes.assign(kFashionClasses.begin(), kFashionClasses.end());
    auto train = loadIdxPair(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", split.classes.size());
    if (!train)
        return train.error();
    auto test = loadIdxPair(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", split.classes.size());
    if (!test)
        return test.error();
    if (train.value().images.sizes().slice(1) != test.value().images.sizes().slice(1))
        return Error{ErrorCode::DataCorrupt, dir.string(), "training and test images differ in size"};
    setSplits(split, std::move(train).value(), std::move(test).value());
    return split;
}

void setSplits(DatasetSplit &split, ImageSet train, ImageSet test)
{
    split.train = std::move(train);
    split.test = std::move(test);
    computeNormalisation(split.train, split.mean, split.stddev);
}

ImageSet firstN(const ImageSet &set, std::int64_t n)
{
    if (n <= 0 || n >= set.size())
        return set;
    return ImageSet{set.images.narrow(0, 0, n), set.labels.narrow(0, 0, n)};
}

void computeNormalisation(const ImageSet &set, std::vector<double> &mean, std::vector<double> &stddev)
{
    mean.clear();
    stddev.clear();
    if (set.size() == 0)
        return;
    const auto channels = set.images.size(1);
    for (std::int64_t c = 0; c < channels; ++c) {
        const auto plane = set.images.select(1, c).to(torch::kFloat64).div_(255.0);
        mean.push_back(plane.mean().item<double>());
        stddev.push_back(std::max(plane.std().item<double>(), 1e-6));
    }
}

} // namespace tenkai::train
