// Generated teacher data on disk and the demo scenario's data (torch-free API of tenkai_train; both
// need OpenCV to write PNG files and give ErrorCode::InvalidArgument without it).
#pragma once

#include "result.h"
#include "train_api.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace tenkai::train {

// Materialises augmented training images: for each policy, `copies` augmented versions of every
// training image of the source dataset, as an image folder that trains like any other:
//   OUT/<policy>/train/<class>/<image>-<copy>.png   augmented copies
//   OUT/<policy>/test/<class>/<image>.png           the source's test split, untouched
//   OUT/<policy>/preview.png                        a grid: originals left, augmented copies right
// Copy c of image i is drawn with index c * N + i from `seed`, so the files do not depend on the
// thread count and match what on-the-fly augmentation gives the same policy and seed.
struct TeacherDataRequest
{
    TrainConfig source; // dataset, dataDir, imageWidth/Height, channels, limit, testLimit, threads
    std::vector<std::string> policies; // names or text forms, at least one
    int copies = 1;
    std::uint64_t seed = 1;
    std::filesystem::path outDir;
    int previewRows = 8;    // sample images in the preview grid (one per class first)
    int previewColumns = 7; // augmented copies shown per sample
};

struct TeacherDataPolicyResult
{
    std::string policy;     // as given
    std::string policyText; // its canonical text form
    std::filesystem::path folder;
    std::filesystem::path preview;
    std::int64_t trainImages = 0; // files written to train/
    std::int64_t testImages = 0;
};

struct TeacherDataSummary
{
    std::vector<TeacherDataPolicyResult> policies;
    std::int64_t sourceImages = 0;
    double seconds = 0;
    double imagesPerSecond = 0; // augmented and written images per second
};

// Progress: images written so far over all policies, and the total to write.
using ProgressCallback = std::function<void(std::int64_t done, std::int64_t total)>;

Result<TeacherDataSummary> generateTeacherData(const TeacherDataRequest &request,
                                               const ProgressCallback &progress = {});

// The demo scenario (DESIGN section 8) made from the installed Fashion-MNIST:
//   OUT/generic/        a clean generic set for cloud pretraining (IDX files, Fashion-MNIST layout)
//   OUT/sites/<name>/   per site: train/<class>/ and test/<class>/ PNGs under the site's own capture
//                       conditions (low light, a mirrored and tilted camera, sensor noise, ...)
//   OUT/demo.json       what was made: sites, their conditions, image counts
// Site images are disjoint from the generic ones and from each other's.
struct DemoDataRequest
{
    std::filesystem::path sourceDir; // Fashion-MNIST IDX files (empty: the installed package)
    std::filesystem::path outDir;
    int sites = 3;
    std::int64_t genericImages = 50000; // taken from the start of the training split
    std::int64_t siteTrainImages = 0;   // per site (0: min(1000, what is left / sites))
    std::int64_t siteTestImages = 0;    // per site (0: min(500, half the test split / sites))
    std::uint64_t seed = 1;
    int threads = 0;
};

struct DemoSite
{
    std::string name;      // "site-01"
    std::string condition; // "low light", ...
    std::filesystem::path folder;
    std::int64_t trainImages = 0;
    std::int64_t testImages = 0;
};

struct DemoDataSummary
{
    std::filesystem::path genericFolder;
    std::int64_t genericTrainImages = 0;
    std::int64_t genericTestImages = 0;
    std::vector<DemoSite> sites;
    double seconds = 0;
};

Result<DemoDataSummary> generateDemoData(const DemoDataRequest &request,
                                         const ProgressCallback &progress = {});

// The capture conditions the demo's sites cycle through, in order.
std::vector<std::string> demoSiteConditions();

} // namespace tenkai::train
