// In-memory labelled image sets as tensors (internal to tenkai_train: includes LibTorch).
#pragma once

#include "result.h"

#include <filesystem>
#include <string>
#include <torch/types.h>
#include <vector>

namespace tenkai::train {

// Images stay uint8 (N x C x H x W) until a batch is drawn, to keep memory small.
struct ImageSet
{
    torch::Tensor images; // uint8, N x C x H x W
    torch::Tensor labels; // int64, N
    std::int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
};

struct DatasetSplit
{
    std::string name;
    std::vector<std::string> classes;
    ImageSet train;
    ImageSet test;
    // Per-channel statistics of the training images on the 0..1 scale, used to normalise batches.
    std::vector<double> mean;
    std::vector<double> stddev;
};

// Fashion-MNIST from its four IDX files (.gz or raw) in `dir`.
Result<DatasetSplit> loadFashionMnist(const std::filesystem::path &dir);

// Keeps the first `n` items (n <= 0 or n >= size: unchanged).
ImageSet firstN(const ImageSet &set, std::int64_t n);

// Per-channel mean and standard deviation of uint8 images on the 0..1 scale.
void computeNormalisation(const ImageSet &set, std::vector<double> &mean, std::vector<double> &stddev);

} // namespace tenkai::train
