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

// CIFAR-10's binary batches in `dir`: data_batch_1.bin .. data_batch_5.bin (those present, at least
// one) for training and test_batch.bin; class names from batches.meta.txt when present.
Result<DatasetSplit> loadCifar10(const std::filesystem::path &dir);

struct ImageFolderOptions
{
    std::int64_t width = 0; // resize every image to width x height (0: keep, sizes must agree)
    std::int64_t height = 0;
    int channels = 0; // 1 (gray) or 3 (RGB); 0: 1 if the first image is gray, else 3
    // Used when there are no train/ and test/ subfolders. 1: every image is a test image (a folder
    // evaluated on its own; without a classes.txt of its own it takes its parent's, as a split does).
    double testFraction = 0.2;
    std::uint64_t splitSeed = 1; // which images go to the test split in that case
};

// Labelled images in class subfolders (PNG, JPEG, BMP), decoded with OpenCV. Either `dir/train/<class>/`
// and `dir/test/<class>/`, or `dir/<class>/` split by options.testFraction. Class names are the sorted
// subfolder names. Needs OpenCV (ErrorCode::InvalidArgument without it).
Result<DatasetSplit> loadImageFolder(const std::filesystem::path &dir, const ImageFolderOptions &options);

// Any dataset by name ("fashion-mnist", "cifar10", "image-folder"; the design's "-idx"/"-bin" names too).
// An empty `dir` means the installed location (image-folder has none).
Result<DatasetSplit> loadDataset(const std::string &name, const std::filesystem::path &dir,
                                 const ImageFolderOptions &folderOptions = {});

// Stores the two splits and computes the normalisation statistics from the training split.
void setSplits(DatasetSplit &split, ImageSet train, ImageSet test);

// How many items of each of `classes` classes `set` holds.
std::vector<std::int64_t> classCounts(const ImageSet &set, std::int64_t classes);

// A seeded, stratified sample of `n` items (n <= 0 or n >= size: unchanged): every class keeps its
// share of the set (largest remainders, so the counts add up to n), the items of a class are drawn
// by a seeded shuffle, and the sample keeps the set's order. The same seed and set give the same
// sample on every machine (the shuffle is Tenkai's own, not the standard library's).
ImageSet stratifiedSample(const ImageSet &set, std::int64_t n, std::int64_t classes, std::uint64_t seed);

// The seed of every test sample (a test limit): one fixed sample, whatever a training's own seed, so
// that trainings, evaluations and their comparisons are scored on the very same test images.
inline constexpr std::uint64_t kTestSampleSeed = 1;

// A seeded, stratified hold-out: about `fraction` of every class (at least one item of a class that
// has two or more, never its last) goes to `heldOut`, the rest stays in `kept`; both keep the set's
// order. fraction <= 0: nothing is held out.
struct HeldOut
{
    ImageSet kept;
    ImageSet heldOut;
};
HeldOut holdOut(const ImageSet &set, double fraction, std::int64_t classes, std::uint64_t seed);

// Per-channel mean and standard deviation of uint8 images on the 0..1 scale.
void computeNormalisation(const ImageSet &set, std::vector<double> &mean, std::vector<double> &stddev);

} // namespace tenkai::train
