#include "teacher_data.h"

#include "augment.h"
#include "dataset.h"
#include "model_io.h"

#ifdef TENKAI_HAVE_OPENCV
#include "augment_cv.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <torch/torch.h>
#include <zlib.h>

namespace tenkai::train {

std::vector<std::string> demoSiteConditions()
{
    return {"low light",  "mirrored and tilted camera", "sensor noise", "washed out",
            "soft focus", "inverted (thermal camera)",  "upside down",  "zoomed in"};
}

#ifndef TENKAI_HAVE_OPENCV

Result<TeacherDataSummary> generateTeacherData(const TeacherDataRequest &, const ProgressCallback &)
{
    return Error{ErrorCode::InvalidArgument, "teacher data", "this Tenkai was built without OpenCV"};
}

Result<DemoDataSummary> generateDemoData(const DemoDataRequest &, const ProgressCallback &)
{
    return Error{ErrorCode::InvalidArgument, "demo data", "this Tenkai was built without OpenCV"};
}

#else

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

int workerCount(int threads)
{
    return threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
}

// A file-system-safe folder name for a class ("T-shirt/top" -> "T-shirt-top").
std::vector<std::string> classFolderNames(const std::vector<std::string> &classes)
{
    std::vector<std::string> folders;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        std::string f;
        for (const unsigned char c : classes[i])
            f += (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80) ? char(c) : '-';
        if (f.empty() || f.front() == '.')
            f = std::string("class-").append(std::to_string(i)).append(f);
        while (std::find(folders.begin(), folders.end(), f) != folders.end())
            f.append("-").append(std::to_string(i));
        folders.push_back(f);
    }
    return folders;
}

Status writeText(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text) || !out.flush())
        return writeFailure(path.parent_path().string(), path.filename().string(), 0);
    return Done{};
}

// classes.txt keeps the label order and the display names (image_folder.cpp reads it).
Status writeClassList(const std::filesystem::path &dir, const std::vector<std::string> &folders,
                      const std::vector<std::string> &classes)
{
    std::string text;
    for (std::size_t i = 0; i < folders.size(); ++i)
        text += folders[i] + (folders[i] == classes[i] ? "" : "\t" + classes[i]) + "\n";
    return writeText(dir / "classes.txt", text);
}

// One C x H x W uint8 image as an OpenCV matrix (gray or BGR) ready for imwrite.
cv::Mat toMat(const std::uint8_t *chw, int channels, int height, int width)
{
    const int plane = height * width;
    if (channels == 1)
        return cv::Mat(height, width, CV_8UC1, const_cast<std::uint8_t *>(chw)).clone();
    cv::Mat bgr(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        auto *row = bgr.ptr<std::uint8_t>(y);
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c)
                row[x * 3 + (2 - c)] = chw[c * plane + y * width + x];
    }
    return bgr;
}

// Writes images[i] to pathOf(i) on `threads` threads; the first failure wins.
Status writePngs(const std::uint8_t *images, std::int64_t count, int channels, int height, int width,
                 const std::function<std::filesystem::path(std::int64_t)> &pathOf, int threads,
                 const std::function<void(std::int64_t)> &written)
{
    const std::int64_t workers = std::clamp<std::int64_t>(threads, 1, std::max<std::int64_t>(count, 1));
    const auto size = std::size_t(channels) * std::size_t(height) * std::size_t(width);
    std::mutex mutex;
    std::optional<Error> failure;
    std::atomic<bool> failed{false};
    useOwnThreadsOnly();
    {
        std::vector<std::jthread> pool;
        for (std::int64_t t = 0; t < workers; ++t)
            pool.emplace_back([&, t] {
                const auto begin = count * t / workers;
                const auto end = count * (t + 1) / workers;
                for (auto i = begin; i < end && !failed; ++i) {
                    const auto path = pathOf(i);
                    bool ok = false;
                    try {
                        ok = cv::imwrite(path.string(),
                                         toMat(images + std::size_t(i) * size, channels, height, width));
                    } catch (const cv::Exception &) {
                        ok = false;
                    }
                    if (!ok) {
                        std::lock_guard lock(mutex);
                        if (!failure)
                            failure = writeFailure(path.parent_path().string(), path.filename().string(), 0);
                        failed = true;
                        return;
                    }
                    if (written && (i - begin) % 256 == 255)
                        written(256);
                }
                if (written)
                    written((end - begin) % 256);
            });
    }
    if (failure)
        return *failure;
    return Done{};
}

Status makeFolders(const std::filesystem::path &root, const std::vector<std::string> &folders)
{
    std::error_code ec;
    for (const auto &f : folders) {
        std::filesystem::create_directories(root / f, ec);
        if (ec)
            return Error{ErrorCode::OutputUnwritable, (root / f).string(), ec.message()};
    }
    return Done{};
}

// A folder is taken over only when it is absent or empty: generating never overwrites anything.
Status claimFolder(const std::filesystem::path &dir)
{
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec))
        return Error{ErrorCode::OutputUnwritable, dir.string(),
                     "it already holds files; choose a new folder or remove it first"};
    return Done{};
}

// Builds the final folder under a temporary name and renames it into place once complete, so an
// interrupted run never leaves a folder that looks finished.
struct StagedFolder
{
    std::filesystem::path final;
    std::filesystem::path staging;

    explicit StagedFolder(const std::filesystem::path &target)
        : final(target), staging(target.parent_path() /
                                 (std::string(".").append(target.filename().string()).append(".partial")))
    {
        std::error_code ec;
        std::filesystem::remove_all(staging, ec);
    }
    Status commit()
    {
        std::error_code ec;
        std::filesystem::remove(final, ec); // an empty folder only (claimFolder checked)
        std::filesystem::rename(staging, final, ec);
        if (ec)
            return Error{ErrorCode::OutputUnwritable, final.string(), ec.message()};
        return Done{};
    }
    void abandon()
    {
        std::error_code ec;
        std::filesystem::remove_all(staging, ec);
    }
};

// The preview grid: a row per sample image (one per class first), the original in the first
// column, then `columns` augmented copies, each cell scaled up to at least 64 pixels.
Status writePreview(const std::filesystem::path &path, const ImageSet &set, const Policy &policy,
                    std::uint64_t seed, int rows, int columns)
{
    const std::int64_t n = set.size();
    const int c = int(set.images.size(1));
    const int h = int(set.images.size(2));
    const int w = int(set.images.size(3));
    std::vector<std::int64_t> samples;
    const auto labels = set.labels.contiguous();
    const auto *label = labels.data_ptr<std::int64_t>();
    for (std::int64_t cls = 0; std::int64_t(samples.size()) < rows && cls < 1000; ++cls) {
        bool any = false;
        for (std::int64_t i = 0; i < n; ++i)
            if (label[i] == cls) {
                samples.push_back(i);
                any = true;
                break;
            }
        if (!any)
            break;
    }
    for (std::int64_t i = 0; std::int64_t(samples.size()) < rows && i < n; ++i)
        if (std::find(samples.begin(), samples.end(), i) == samples.end())
            samples.push_back(i);
    const int scale = std::max(1, (64 + std::max(h, w) - 1) / std::max(h, w));
    const int cellH = h * scale;
    const int cellW = w * scale;
    constexpr int kGap = 4;
    const int gridRows = int(samples.size());
    cv::Mat grid(gridRows * (cellH + kGap) + kGap, (columns + 1) * (cellW + kGap) + kGap * 3, CV_8UC3,
                 cv::Scalar(48, 48, 48));
    const auto images = set.images.contiguous();
    const auto *pixels = images.data_ptr<std::uint8_t>();
    const auto size = std::size_t(c) * std::size_t(h) * std::size_t(w);
    std::vector<std::uint8_t> copy(size);
    for (int r = 0; r < gridRows; ++r) {
        const auto *original = pixels + std::size_t(samples[std::size_t(r)]) * size;
        for (int col = 0; col <= columns; ++col) {
            if (col == 0) {
                std::copy(original, original + size, copy.begin());
            } else {
                // The same draw as copy (col - 1) of this image in the generated files.
                const std::int64_t index = std::int64_t(col - 1) * n + samples[std::size_t(r)];
                if (auto ok = augmentBuffer(policy, original, copy.data(), {1, c, h, w}, seed, 1, index); !ok)
                    return ok;
            }
            cv::Mat cell = toMat(copy.data(), c, h, w);
            if (c == 1)
                cv::cvtColor(cell, cell, cv::COLOR_GRAY2BGR);
            cv::resize(cell, cell, cv::Size(cellW, cellH), 0, 0, cv::INTER_NEAREST);
            const int x = kGap + col * (cellW + kGap) + (col > 0 ? kGap * 2 : 0);
            cell.copyTo(grid(cv::Rect(x, kGap + r * (cellH + kGap), cellW, cellH)));
        }
    }
    bool ok = false;
    try {
        ok = cv::imwrite(path.string(), grid);
    } catch (const cv::Exception &) {
        ok = false;
    }
    if (!ok)
        return writeFailure(path.parent_path().string(), path.filename().string(), 0);
    return Done{};
}

std::string jsonString(const std::string &s)
{
    std::string out = "\"";
    for (const unsigned char ch : s) {
        if (ch == '"' || ch == '\\')
            out += '\\', out += char(ch);
        else if (ch < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", ch);
            out += buf;
        } else
            out += char(ch);
    }
    return out + "\"";
}

// Writes an IDX file compressed with gzip (the layout of the Fashion-MNIST package).
Status writeIdxGz(const std::filesystem::path &path, std::uint8_t dims,
                  const std::vector<std::int64_t> &shape, const std::uint8_t *data, std::size_t bytes)
{
    gzFile f = gzopen(path.c_str(), "wb6");
    if (!f)
        return Error{ErrorCode::OutputUnwritable, path.parent_path().string(),
                     "cannot create " + path.filename().string()};
    std::vector<std::uint8_t> header{0, 0, 0x08, dims};
    for (const auto d : shape)
        for (int b = 3; b >= 0; --b)
            header.push_back(std::uint8_t((std::uint64_t(d) >> (8 * b)) & 0xff));
    bool ok = gzwrite(f, header.data(), unsigned(header.size())) == int(header.size());
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; ok && at < bytes; at += kChunk) {
        const auto len = unsigned(std::min(kChunk, bytes - at));
        ok = gzwrite(f, data + at, len) == int(len);
    }
    ok = (gzclose(f) == Z_OK) && ok;
    if (!ok)
        return writeFailure(path.parent_path().string(), path.filename().string(), 0);
    return Done{};
}

Status writeIdxSet(const std::filesystem::path &dir, const std::string &prefix, const ImageSet &set)
{
    const auto images = set.images.contiguous();
    const auto labels = set.labels.to(torch::kUInt8).contiguous();
    if (auto ok = writeIdxGz(dir / (prefix + "-images-idx3-ubyte.gz"), 3,
                             {set.size(), images.size(2), images.size(3)}, images.data_ptr<std::uint8_t>(),
                             std::size_t(images.numel()));
        !ok)
        return ok;
    return writeIdxGz(dir / (prefix + "-labels-idx1-ubyte.gz"), 1, {set.size()},
                      labels.data_ptr<std::uint8_t>(), std::size_t(labels.numel()));
}

// A site's capture condition applied to one 0..1 float image (H x W x C, interleaved).
void capture(cv::Mat &image, std::size_t condition, std::mt19937_64 &rng)
{
    const auto noisy = [&](double sigma) {
        cv::Mat n(image.size(), image.type());
        cv::randn(n, 0.0, sigma);
        image += n;
    };
    // cv::randn draws from OpenCV's per-thread generator: seed it from ours, image by image.
    cv::theRNG().state = rng();
    switch (condition % 8) {
    case 0: // low light: dark, compressed highlights, a little noise
        cv::pow(image, 1.5, image);
        image *= 0.35;
        noisy(0.02);
        break;
    case 1: { // mirrored and tilted camera
        cv::flip(image, image, 1);
        const cv::Point2f centre(float(image.cols) / 2.0f, float(image.rows) / 2.0f);
        cv::warpAffine(image, image, cv::getRotationMatrix2D(centre, 12.0, 1.0), image.size(),
                       cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(0));
        break;
    }
    case 2: // sensor noise
        noisy(0.18);
        break;
    case 3: // washed out: low contrast, bright
        image = image * 0.45 + 0.35;
        break;
    case 4: // soft focus
        cv::GaussianBlur(image, image, cv::Size(0, 0), 1.3);
        break;
    case 5: // inverted polarity, as a thermal camera shows warm objects
        image = 1.0 - image;
        break;
    case 6: // upside down
        cv::flip(image, image, 0);
        break;
    default: { // zoomed in: the centre 70% fills the frame
        const int ch = std::max(1, image.rows * 7 / 10);
        const int cw = std::max(1, image.cols * 7 / 10);
        const cv::Mat centre = image(cv::Rect((image.cols - cw) / 2, (image.rows - ch) / 2, cw, ch)).clone();
        cv::resize(centre, image, image.size(), 0, 0, cv::INTER_LINEAR);
        break;
    }
    }
    cv::min(image, 1.0, image);
    cv::max(image, 0.0, image);
}

// The site's images under its capture condition, as uint8 C x H x W.
std::vector<std::uint8_t> captureAll(const ImageSet &set, std::size_t condition, std::uint64_t seed)
{
    const auto images = set.images.contiguous();
    const int c = int(images.size(1));
    const int h = int(images.size(2));
    const int w = int(images.size(3));
    const auto size = std::size_t(c * h * w);
    std::vector<std::uint8_t> out(std::size_t(set.size()) * size);
    const auto *in = images.data_ptr<std::uint8_t>();
    for (std::int64_t i = 0; i < set.size(); ++i) {
        std::mt19937_64 rng(seed * 1000003ULL + std::uint64_t(i));
        std::vector<cv::Mat> planes;
        for (int ch = 0; ch < c; ++ch) {
            cv::Mat p(h, w, CV_8UC1,
                      const_cast<std::uint8_t *>(in + std::size_t(i) * size + std::size_t(ch * h * w)));
            cv::Mat f;
            p.convertTo(f, CV_32F, 1.0 / 255.0);
            planes.push_back(f);
        }
        cv::Mat image;
        cv::merge(planes, image);
        capture(image, condition, rng);
        cv::split(image, planes);
        for (int ch = 0; ch < c; ++ch) {
            cv::Mat u8;
            planes[std::size_t(ch)].convertTo(u8, CV_8U, 255.0);
            std::copy(u8.datastart, u8.dataend,
                      out.begin() + std::ptrdiff_t(std::size_t(i) * size + std::size_t(ch * h * w)));
        }
    }
    return out;
}

// Writes a labelled set as train/ or test/ class folders; file names carry the source index.
Status writeLabelled(const std::filesystem::path &root, const std::uint8_t *pixels, const ImageSet &set,
                     const std::vector<std::string> &folders, std::int64_t firstSourceIndex, int threads,
                     const std::function<void(std::int64_t)> &written)
{
    if (auto ok = makeFolders(root, folders); !ok)
        return ok;
    const auto labels = set.labels.contiguous();
    const auto *label = labels.data_ptr<std::int64_t>();
    return writePngs(
        pixels, set.size(), int(set.images.size(1)), int(set.images.size(2)), int(set.images.size(3)),
        [&](std::int64_t i) {
            char name[32];
            std::snprintf(name, sizeof name, "%06lld.png", static_cast<long long>(firstSourceIndex + i));
            return root / folders[std::size_t(label[i])] / name;
        },
        threads, written);
}

Result<TeacherDataSummary> generateTeacherDataUnguarded(const TeacherDataRequest &request,
                                                        const ProgressCallback &progress)
{
    const auto start = Clock::now();
    if (request.policies.empty())
        return Error{ErrorCode::InvalidArgument, "policy", "give at least one augmentation policy"};
    if (request.copies < 1 || request.copies > 1000)
        return Error{ErrorCode::InvalidArgument, "copies", "expected 1..1000"};
    if (request.outDir.empty())
        return Error{ErrorCode::InvalidArgument, "output folder", "give the folder to write to"};
    if (request.previewRows < 1 || request.previewRows > 64 || request.previewColumns < 1 ||
        request.previewColumns > 32)
        return Error{ErrorCode::InvalidArgument, "preview", "expected 1..64 rows and 1..32 columns"};
    std::vector<Policy> policies;
    std::vector<std::string> folderNames;
    const auto builtIn = policyNames();
    for (std::size_t i = 0; i < request.policies.size(); ++i) {
        auto policy = policyFor(request.policies[i]);
        if (!policy)
            return policy.error();
        policies.push_back(std::move(policy).value());
        const auto &given = request.policies[i];
        std::string folder = std::find(builtIn.begin(), builtIn.end(), given) != builtIn.end()
                                 ? given
                                 : "policy-" + std::to_string(i + 1);
        if (std::find(folderNames.begin(), folderNames.end(), folder) != folderNames.end())
            return Error{ErrorCode::InvalidArgument, "policy", "\"" + given + "\" is given twice"};
        folderNames.push_back(folder);
    }
    std::error_code ec;
    const bool outCreated = !std::filesystem::exists(request.outDir, ec);
    std::filesystem::create_directories(request.outDir, ec);
    if (ec)
        return Error{ErrorCode::OutputUnwritable, request.outDir.string(), ec.message()};
    // A failure takes back the output folder when this call made it and it is still empty
    // (remove() leaves a folder that holds anything).
    const auto giveUp = [&](const Error &e) {
        std::error_code ignored;
        if (outCreated)
            std::filesystem::remove(request.outDir, ignored);
        return e;
    };
    for (const auto &f : folderNames)
        if (auto ok = claimFolder(request.outDir / f); !ok)
            return giveUp(ok.error());

    ImageFolderOptions folder;
    folder.width = request.source.imageWidth;
    folder.height = request.source.imageHeight;
    folder.channels = request.source.channels;
    auto loaded = loadDataset(request.source.dataset, request.source.dataDir, folder);
    if (!loaded)
        return giveUp(loaded.error());
    const DatasetSplit &split = loaded.value();
    const auto classCount = std::int64_t(split.classes.size());
    const ImageSet train =
        stratifiedSample(split.train, request.source.limit, classCount, request.source.seed);
    const ImageSet test = stratifiedSample(split.test, request.source.testLimit, classCount, kTestSampleSeed);
    const std::int64_t n = train.size();
    const int c = int(train.images.size(1));
    const int h = int(train.images.size(2));
    const int w = int(train.images.size(3));
    const int threads = workerCount(request.source.threads);
    const auto classFolders = classFolderNames(split.classes);

    TeacherDataSummary summary;
    summary.sourceImages = n;
    const std::int64_t total = std::int64_t(policies.size()) * (n * request.copies + test.size());
    std::atomic<std::int64_t> done{0};
    const auto written = [&](std::int64_t k) {
        const auto now = done += k;
        if (progress)
            progress(now, total);
    };
    const auto trainImages = train.images.contiguous();
    const auto testImages = test.images.contiguous();
    const auto trainLabels = train.labels.contiguous();
    const auto *label = trainLabels.data_ptr<std::int64_t>();
    std::vector<std::uint8_t> buffer(std::size_t(trainImages.numel()));
    for (std::size_t p = 0; p < policies.size(); ++p) {
        StagedFolder staged(request.outDir / folderNames[p]);
        const auto fail = [&](const Error &e) {
            staged.abandon();
            return giveUp(e);
        };
        TeacherDataPolicyResult result{
            request.policies[p], policyToText(policies[p]), staged.final, staged.final / "preview.png", 0, 0};
        if (auto ok = makeFolders(staged.staging / "train", classFolders); !ok)
            return fail(ok.error());
        for (int copy = 0; copy < request.copies; ++copy) {
            if (auto ok = augmentBuffer(policies[p], trainImages.data_ptr<std::uint8_t>(), buffer.data(),
                                        {n, c, h, w}, request.seed, threads, std::int64_t(copy) * n);
                !ok)
                return fail(ok.error());
            auto ok = writePngs(
                buffer.data(), n, c, h, w,
                [&](std::int64_t i) {
                    char name[40];
                    std::snprintf(name, sizeof name, "%06lld-%d.png", static_cast<long long>(i), copy + 1);
                    return staged.staging / "train" / classFolders[std::size_t(label[i])] / name;
                },
                threads, written);
            if (!ok)
                return fail(ok.error());
            result.trainImages += n;
        }
        if (auto ok = writeLabelled(staged.staging / "test", testImages.data_ptr<std::uint8_t>(), test,
                                    classFolders, 0, threads, written);
            !ok)
            return fail(ok.error());
        result.testImages = test.size();
        if (auto ok = writeClassList(staged.staging, classFolders, split.classes); !ok)
            return fail(ok.error());
        if (auto ok = writeText(staged.staging / "policy.txt", result.policyText + "\n"); !ok)
            return fail(ok.error());
        if (auto ok = writePreview(staged.staging / "preview.png", train, policies[p], request.seed,
                                   request.previewRows, request.previewColumns);
            !ok)
            return fail(ok.error());
        if (auto ok = staged.commit(); !ok)
            return fail(ok.error());
        summary.policies.push_back(std::move(result));
    }
    summary.seconds = secondsSince(start);
    summary.imagesPerSecond = summary.seconds > 0 ? double(total) / summary.seconds : 0;
    return summary;
}

Result<DemoDataSummary> generateDemoDataUnguarded(const DemoDataRequest &request,
                                                  const ProgressCallback &progress)
{
    const auto start = Clock::now();
    if (request.sites < 1 || request.sites > 100)
        return Error{ErrorCode::InvalidArgument, "sites", "expected 1..100"};
    if (request.outDir.empty())
        return Error{ErrorCode::InvalidArgument, "output folder", "give the folder to write to"};
    if (auto ok = claimFolder(request.outDir); !ok)
        return ok.error();
    auto loaded =
        loadFashionMnist(request.sourceDir.empty() ? defaultDataDir("fashion-mnist") : request.sourceDir);
    if (!loaded)
        return loaded.error();
    const DatasetSplit &source = loaded.value();
    const std::int64_t trainTotal = source.train.size();
    const std::int64_t testTotal = source.test.size();
    if (request.genericImages < 1000 || request.genericImages >= trainTotal)
        return Error{ErrorCode::InvalidArgument, "generic images",
                     "expected 1000.." + std::to_string(trainTotal - 1) + " of the " +
                         std::to_string(trainTotal) + " training images"};
    const std::int64_t leftForSites = trainTotal - request.genericImages;
    const std::int64_t perTrain = request.siteTrainImages > 0
                                      ? request.siteTrainImages
                                      : std::min<std::int64_t>(1000, leftForSites / request.sites);
    const std::int64_t genericTest = testTotal / 2;
    const std::int64_t perTest = request.siteTestImages > 0
                                     ? request.siteTestImages
                                     : std::min<std::int64_t>(500, (testTotal - genericTest) / request.sites);
    if (perTrain < 20 || perTrain * request.sites > leftForSites)
        return Error{ErrorCode::InvalidArgument, "site images",
                     std::to_string(request.sites) + " sites need " + std::to_string(perTrain) +
                         " training images each, but only " + std::to_string(leftForSites) +
                         " are left after the generic set"};
    if (perTest < 10 || perTest * request.sites > testTotal - genericTest)
        return Error{ErrorCode::InvalidArgument, "site images",
                     "not enough test images for " + std::to_string(request.sites) + " sites"};

    StagedFolder staged(request.outDir);
    const auto fail = [&](const Error &e) {
        staged.abandon();
        return e;
    };
    const int threads = workerCount(request.threads);
    const std::int64_t total = request.sites * (perTrain + perTest);
    std::atomic<std::int64_t> done{0};
    const auto written = [&](std::int64_t k) {
        const auto now = done += k;
        if (progress)
            progress(now, total);
    };
    const auto slice = [](const ImageSet &set, std::int64_t begin, std::int64_t len) {
        return ImageSet{set.images.narrow(0, begin, len).contiguous(),
                        set.labels.narrow(0, begin, len).contiguous()};
    };

    DemoDataSummary summary;
    summary.genericFolder = request.outDir / "generic";
    std::filesystem::path genericStaging = staged.staging / "generic";
    std::error_code ec;
    std::filesystem::create_directories(genericStaging, ec);
    if (ec)
        return fail(Error{ErrorCode::OutputUnwritable, genericStaging.string(), ec.message()});
    const ImageSet genericTrain = slice(source.train, 0, request.genericImages);
    const ImageSet genericTestSet = slice(source.test, 0, genericTest);
    if (auto ok = writeIdxSet(genericStaging, "train", genericTrain); !ok)
        return fail(ok.error());
    if (auto ok = writeIdxSet(genericStaging, "t10k", genericTestSet); !ok)
        return fail(ok.error());
    summary.genericTrainImages = genericTrain.size();
    summary.genericTestImages = genericTestSet.size();

    const auto conditions = demoSiteConditions();
    const auto classFolders = classFolderNames(source.classes);
    std::string sitesJson;
    for (int s = 0; s < request.sites; ++s) {
        char name[16];
        std::snprintf(name, sizeof name, "site-%02d", s + 1);
        DemoSite site{name, conditions[std::size_t(s) % conditions.size()], request.outDir / "sites" / name,
                      perTrain, perTest};
        const auto root = staged.staging / "sites" / name;
        const std::int64_t trainBegin = request.genericImages + std::int64_t(s) * perTrain;
        const std::int64_t testBegin = genericTest + std::int64_t(s) * perTest;
        const ImageSet train = slice(source.train, trainBegin, perTrain);
        const ImageSet test = slice(source.test, testBegin, perTest);
        const auto siteSeed = request.seed * 7919ULL + std::uint64_t(s);
        const auto trainPixels = captureAll(train, std::size_t(s), siteSeed);
        const auto testPixels = captureAll(test, std::size_t(s), siteSeed + 0x9e3779b9ULL);
        if (auto ok = writeLabelled(root / "train", trainPixels.data(), train, classFolders, trainBegin,
                                    threads, written);
            !ok)
            return fail(ok.error());
        if (auto ok = writeLabelled(root / "test", testPixels.data(), test, classFolders, testBegin, threads,
                                    written);
            !ok)
            return fail(ok.error());
        if (auto ok = writeClassList(root, classFolders, source.classes); !ok)
            return fail(ok.error());
        sitesJson += std::string(sitesJson.empty() ? "" : ",") + "\n    {\"name\": " + jsonString(site.name) +
                     ", \"condition\": " + jsonString(site.condition) +
                     ", \"folder\": " + jsonString("sites/" + site.name) +
                     ", \"train_images\": " + std::to_string(perTrain) +
                     ", \"test_images\": " + std::to_string(perTest) + "}";
        summary.sites.push_back(std::move(site));
    }
    const std::string manifest = "{\n  \"format\": \"tenkai-demo-data\",\n  \"version\": 1,\n  \"source\": " +
                                 jsonString("Fashion-MNIST") +
                                 ",\n  \"generic\": {\"folder\": \"generic\", \"train_images\": " +
                                 std::to_string(summary.genericTrainImages) +
                                 ", \"test_images\": " + std::to_string(summary.genericTestImages) +
                                 "},\n  \"sites\": [" + sitesJson + "\n  ]\n}\n";
    if (auto ok = writeText(staged.staging / "demo.json", manifest); !ok)
        return fail(ok.error());
    if (auto ok = staged.commit(); !ok)
        return fail(ok.error());
    summary.seconds = secondsSince(start);
    return summary;
}

} // namespace

// Job boundaries: an exception from OpenCV, LibTorch or the C++ library is this job's error.
Result<TeacherDataSummary> generateTeacherData(const TeacherDataRequest &request,
                                               const ProgressCallback &progress)
{
    try {
        return generateTeacherDataUnguarded(request, progress);
    } catch (...) {
        return caughtError(ErrorCode::TrainingFailed, {}, "while generating teacher data: ");
    }
}

Result<DemoDataSummary> generateDemoData(const DemoDataRequest &request, const ProgressCallback &progress)
{
    try {
        return generateDemoDataUnguarded(request, progress);
    } catch (...) {
        return caughtError(ErrorCode::TrainingFailed, {}, "while making the demo data: ");
    }
}

#endif

} // namespace tenkai::train
