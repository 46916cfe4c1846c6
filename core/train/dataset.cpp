#include "dataset.h"

#include "idx_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
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

namespace {

// SplitMix64: a small generator whose output is fixed by its seed on every platform.
struct SplitMix
{
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound) without modulo bias.
    std::uint64_t below(std::uint64_t bound)
    {
        const std::uint64_t limit = ~std::uint64_t(0) - (~std::uint64_t(0) % bound);
        std::uint64_t v = 0;
        do
            v = next();
        while (v >= limit);
        return v % bound;
    }
};

// Each class's item indices in set order, each list then shuffled by `rng` (Fisher-Yates).
std::vector<std::vector<std::int64_t>> shuffledByClass(const ImageSet &set, std::int64_t classes,
                                                       std::uint64_t seed)
{
    std::vector<std::vector<std::int64_t>> byClass(std::size_t(std::max<std::int64_t>(classes, 0)));
    const auto labels = set.labels.to(torch::kCPU).contiguous();
    const auto *label = labels.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < set.size(); ++i)
        if (label[i] >= 0 && label[i] < classes)
            byClass[std::size_t(label[i])].push_back(i);
    SplitMix rng{seed};
    for (auto &items : byClass)
        for (std::size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[rng.below(i)]);
    return byClass;
}

ImageSet select(const ImageSet &set, std::vector<std::int64_t> indices)
{
    std::sort(indices.begin(), indices.end());
    const auto index = torch::tensor(indices, torch::kInt64).to(set.labels.device());
    return ImageSet{set.images.index_select(0, index.to(set.images.device())),
                    set.labels.index_select(0, index)};
}

} // namespace

std::vector<std::int64_t> classCounts(const ImageSet &set, std::int64_t classes)
{
    std::vector<std::int64_t> counts(std::size_t(std::max<std::int64_t>(classes, 0)));
    if (set.size() == 0 || classes <= 0)
        return counts;
    const auto bins = torch::bincount(set.labels.to(torch::kCPU).clamp(0, classes - 1), {}, classes);
    for (std::int64_t c = 0; c < classes; ++c)
        counts[std::size_t(c)] = bins[c].item<std::int64_t>();
    return counts;
}

ImageSet stratifiedSample(const ImageSet &set, std::int64_t n, std::int64_t classes, std::uint64_t seed)
{
    if (n <= 0 || n >= set.size() || classes <= 0)
        return set;
    const auto byClass = shuffledByClass(set, classes, seed);
    const auto total = double(set.size());
    // Largest remainders: each class's exact share, rounded down, then one more for the classes
    // with the largest fractions (the lower class first on a tie) until n is reached.
    std::vector<std::int64_t> take(byClass.size());
    std::vector<std::pair<double, std::size_t>> fractions;
    std::int64_t taken = 0;
    for (std::size_t c = 0; c < byClass.size(); ++c) {
        const double share = double(n) * double(byClass[c].size()) / total;
        take[c] = std::int64_t(share);
        taken += take[c];
        fractions.push_back({share - double(take[c]), c});
    }
    std::stable_sort(fractions.begin(), fractions.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (std::size_t i = 0; taken < n && i < fractions.size(); ++i) {
        const std::size_t c = fractions[i].second;
        if (take[c] < std::int64_t(byClass[c].size())) {
            ++take[c];
            ++taken;
        }
    }
    std::vector<std::int64_t> chosen;
    for (std::size_t c = 0; c < byClass.size(); ++c)
        chosen.insert(chosen.end(), byClass[c].begin(), byClass[c].begin() + take[c]);
    return select(set, std::move(chosen));
}

HeldOut holdOut(const ImageSet &set, double fraction, std::int64_t classes, std::uint64_t seed)
{
    if (!(fraction > 0) || set.size() == 0 || classes <= 0)
        return HeldOut{set, ImageSet{set.images.narrow(0, 0, 0), set.labels.narrow(0, 0, 0)}};
    const auto byClass = shuffledByClass(set, classes, seed);
    std::vector<std::int64_t> kept;
    std::vector<std::int64_t> held;
    for (const auto &items : byClass) {
        const auto count = std::int64_t(items.size());
        std::int64_t out = std::llround(double(count) * std::min(fraction, 1.0));
        if (count >= 2)
            out = std::clamp<std::int64_t>(out, 1, count - 1);
        else
            out = 0;
        held.insert(held.end(), items.begin(), items.begin() + out);
        kept.insert(kept.end(), items.begin() + out, items.end());
    }
    return HeldOut{select(set, std::move(kept)), select(set, std::move(held))};
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
