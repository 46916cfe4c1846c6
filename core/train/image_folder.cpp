// Labelled images in class subfolders, decoded and resized with OpenCV.
#include "dataset.h"
#include "train_api.h"

#include <torch/torch.h>

#ifdef TENKAI_HAVE_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include <algorithm>
#include <fstream>
#include <optional>
#include <random>
#include <utility>
#include <vector>

namespace tenkai::train {

#ifndef TENKAI_HAVE_OPENCV

Result<DatasetSplit> loadImageFolder(const std::filesystem::path &dir, const ImageFolderOptions &)
{
    return Error{ErrorCode::InvalidArgument, "image-folder",
                 "this build has no OpenCV, which image folders need (" + dir.string() + ")"};
}

#else

namespace {

// The largest image decoded: 64 megapixels (a 192 MB color image). OpenCV's own bound is a
// gigapixel, so a small PNG of one color that says 20000x20000 would be decoded into 1.2 GB. The
// size is read from the file's header (PNG, JPEG, BMP) before OpenCV sees the file.
constexpr std::uint64_t kMaxImagePixels = std::uint64_t(64) << 20;

// Width and height from an image file's header; nullopt when it cannot tell (OpenCV then decides).
std::optional<std::pair<std::uint64_t, std::uint64_t>> headerSize(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> h(1 << 16);
    in.read(reinterpret_cast<char *>(h.data()), std::streamsize(h.size()));
    const std::size_t n = std::size_t(in.gcount());
    const auto be16 = [&](std::size_t at) {
        return std::uint64_t(h[at]) << 8 | h[at + 1];
    };
    const auto be32 = [&](std::size_t at) {
        return be16(at) << 16 | be16(at + 2);
    };
    const auto le32 = [&](std::size_t at) {
        return std::uint64_t(h[at]) | std::uint64_t(h[at + 1]) << 8 | std::uint64_t(h[at + 2]) << 16 |
               std::uint64_t(h[at + 3]) << 24;
    };
    if (n >= 24 && h[0] == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G' && h[12] == 'I' &&
        h[13] == 'H' && h[14] == 'D' && h[15] == 'R')
        return std::pair{be32(16), be32(20)};
    if (n >= 26 && h[0] == 'B' && h[1] == 'M') {
        const std::uint64_t height = le32(22);
        return std::pair{le32(18),
                         height >= (std::uint64_t(1) << 31) ? (std::uint64_t(1) << 32) - height : height};
    }
    if (n >= 4 && h[0] == 0xFF && h[1] == 0xD8) {
        for (std::size_t at = 2; at + 9 < n;) {
            if (h[at] != 0xFF)
                return std::nullopt;
            const unsigned marker = h[at + 1];
            if (marker == 0xFF) {
                ++at;
                continue;
            }
            const bool sof =
                marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof)
                return std::pair{be16(at + 7), be16(at + 5)};
            at += 2 + std::size_t(be16(at + 2));
        }
    }
    return std::nullopt;
}

struct Item
{
    std::filesystem::path path;
    std::int64_t label;
};

bool isImage(const std::filesystem::path &p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp";
}

std::vector<std::string> classFolders(const std::filesystem::path &dir)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.is_directory(ec) && entry.path().filename().string().front() != '.')
            names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The optional classes.txt at the dataset's root: one class per line in label order, as its folder
// name, optionally followed by a tab and the class's display name ("T-shirt-top\tT-shirt/top").
// Without it, classes are the sorted folder names.
Status readClassList(const std::filesystem::path &dir, std::vector<std::string> &folders,
                     std::vector<std::string> &names)
{
    const auto path = dir / "classes.txt";
    std::error_code ec;
    names = folders;
    if (!std::filesystem::exists(path, ec))
        return Done{};
    std::ifstream in(path);
    if (!in)
        return Error{ErrorCode::DataCorrupt, path.string(), "cannot be read"};
    std::vector<std::string> listedFolders;
    std::vector<std::string> listedNames;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        const auto tab = line.find('\t');
        const std::string folder = line.substr(0, tab);
        const std::string name = tab == std::string::npos ? folder : line.substr(tab + 1);
        if (folder.empty() || name.empty())
            return Error{ErrorCode::DataCorrupt, path.string(),
                         "line " + std::to_string(number) + " names no class folder"};
        if (std::find(folders.begin(), folders.end(), folder) == folders.end())
            return Error{ErrorCode::DataCorrupt, path.string(),
                         "line " + std::to_string(number) + " names the class folder \"" + folder +
                             "\", which does not exist"};
        if (std::find(listedFolders.begin(), listedFolders.end(), folder) != listedFolders.end())
            return Error{ErrorCode::DataCorrupt, path.string(),
                         "line " + std::to_string(number) + " lists \"" + folder + "\" a second time"};
        listedFolders.push_back(folder);
        listedNames.push_back(name);
    }
    for (const auto &folder : folders)
        if (std::find(listedFolders.begin(), listedFolders.end(), folder) == listedFolders.end())
            return Error{ErrorCode::DataCorrupt, path.string(),
                         "does not list the class folder \"" + folder + "\""};
    folders = std::move(listedFolders);
    names = std::move(listedNames);
    return Done{};
}

// The images of every class folder under `dir`, labelled by the index of their class in `classes`.
Result<std::vector<Item>> listItems(const std::filesystem::path &dir, const std::vector<std::string> &classes)
{
    std::vector<Item> items;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        const auto folder = dir / classes[c];
        std::vector<std::filesystem::path> files;
        std::error_code ec;
        for (const auto &entry : std::filesystem::directory_iterator(folder, ec)) {
            if (entry.is_regular_file(ec) && isImage(entry.path()))
                files.push_back(entry.path());
        }
        if (ec)
            return Error{ErrorCode::DataMissing, folder.string(), ec.message()};
        if (files.empty())
            return Error{ErrorCode::DataCorrupt, folder.string(),
                         "class folder holds no PNG, JPEG or BMP image"};
        std::sort(files.begin(), files.end());
        for (auto &f : files)
            items.push_back({std::move(f), std::int64_t(c)});
    }
    return items;
}

struct Decoder
{
    ImageFolderOptions options;
    std::int64_t width = 0;
    std::int64_t height = 0;
    int channels = 0;

    // Decodes one file and appends it to `pixels` as C x H x W bytes; the first image fixes size and
    // channels for the rest.
    std::optional<Error> decode(const std::filesystem::path &path, std::vector<std::uint8_t> &pixels)
    {
        if (const auto size = headerSize(path); size && size->first * size->second > kMaxImagePixels)
            return Error{ErrorCode::DataCorrupt, path.string(),
                         "says it is " + std::to_string(size->first) + "x" + std::to_string(size->second) +
                             " pixels, more than the " + std::to_string(kMaxImagePixels >> 20) +
                             " megapixels an image may have here"};
        cv::Mat image;
        try {
            const int mode = channels == 1   ? cv::IMREAD_GRAYSCALE
                             : channels == 3 ? cv::IMREAD_COLOR
                                             : cv::IMREAD_UNCHANGED;
            image = cv::imread(path.string(), mode);
        } catch (const cv::Exception &e) {
            return Error{ErrorCode::DataCorrupt, path.string(), e.what()};
        }
        if (image.empty())
            return Error{ErrorCode::DataCorrupt, path.string(), "cannot be decoded as an image"};
        if (channels == 0) { // the first image decides
            channels = image.channels() == 1 ? 1 : 3;
            if (image.channels() == 4)
                cv::cvtColor(image, image, cv::COLOR_BGRA2BGR);
            else if (image.channels() == 2)
                return Error{ErrorCode::DataCorrupt, path.string(), "gray+alpha images are not supported"};
        }
        if (image.depth() != CV_8U)
            image.convertTo(image, CV_8U, image.depth() == CV_16U ? 1.0 / 257.0 : 1.0);
        if (width == 0) {
            width = options.width > 0 ? options.width : image.cols;
            height = options.height > 0 ? options.height : image.rows;
        }
        if (image.cols != width || image.rows != height) {
            if (options.width <= 0)
                return Error{ErrorCode::DataCorrupt, path.string(),
                             "is " + std::to_string(image.cols) + "x" + std::to_string(image.rows) +
                                 " but earlier images are " + std::to_string(width) + "x" +
                                 std::to_string(height) + "; give an image size to resize them all"};
            cv::resize(image, image, cv::Size(int(width), int(height)), 0, 0, cv::INTER_AREA);
        }
        if (channels == 3)
            cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
        // HWC -> CHW
        const std::int64_t plane = width * height;
        const std::size_t at = pixels.size();
        pixels.resize(at + std::size_t(channels * plane));
        std::uint8_t *out = pixels.data() + at;
        for (std::int64_t y = 0; y < height; ++y) {
            const std::uint8_t *row = image.ptr<std::uint8_t>(int(y));
            for (std::int64_t x = 0; x < width; ++x)
                for (int c = 0; c < channels; ++c)
                    out[c * plane + y * width + x] = row[x * channels + c];
        }
        return std::nullopt;
    }
};

Result<ImageSet> decodeAll(const std::vector<Item> &items, Decoder &decoder)
{
    std::vector<std::uint8_t> pixels;
    std::vector<std::int64_t> labels;
    for (const auto &item : items) {
        if (auto e = decoder.decode(item.path, pixels))
            return *e;
        labels.push_back(item.label);
    }
    const auto n = std::int64_t(labels.size());
    ImageSet set;
    set.images =
        torch::from_blob(pixels.data(), {n, decoder.channels, decoder.height, decoder.width}, torch::kUInt8)
            .clone();
    set.labels = torch::from_blob(labels.data(), {n}, torch::kInt64).clone();
    return set;
}

} // namespace

Result<DatasetSplit> loadImageFolder(const std::filesystem::path &dir, const ImageFolderOptions &options)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return Error{ErrorCode::DataMissing, dir.string(), "no such folder"};
    if (options.channels != 0 && options.channels != 1 && options.channels != 3)
        return Error{ErrorCode::InvalidArgument, "channels", "expected 1 or 3"};
    if ((options.width > 0) != (options.height > 0) || options.width < 0 || options.width > 4096 ||
        options.height > 4096)
        return Error{ErrorCode::InvalidArgument, "image size", "expected width and height in 1..4096"};
    if (!(options.testFraction > 0 && options.testFraction <= 1))
        return Error{ErrorCode::InvalidArgument, "test fraction", "expected a number in (0, 1]"};

    DatasetSplit split;
    split.name = "image-folder";
    std::vector<Item> trainItems;
    std::vector<Item> testItems;
    const bool presplit =
        std::filesystem::is_directory(dir / "train", ec) && std::filesystem::is_directory(dir / "test", ec);
    const auto trainDir = presplit ? dir / "train" : dir;
    std::vector<std::string> folders = classFolders(trainDir);
    if (folders.size() < 2)
        return Error{ErrorCode::DataCorrupt, trainDir.string(),
                     "needs at least two class subfolders, found " + std::to_string(folders.size())};
    const auto sortedFolders = folders;
    // A split evaluated on its own (ROOT/test) takes its dataset's class list (ROOT/classes.txt).
    auto listDir = dir;
    if (options.testFraction >= 1 && !std::filesystem::exists(dir / "classes.txt", ec) &&
        std::filesystem::exists(dir.parent_path() / "classes.txt", ec))
        listDir = dir.parent_path();
    if (auto ok = readClassList(listDir, folders, split.classes); !ok)
        return ok.error();
    auto listed = listItems(trainDir, folders);
    if (!listed)
        return listed.error();
    if (presplit) {
        trainItems = std::move(listed).value();
        const auto testClasses = classFolders(dir / "test");
        if (testClasses != sortedFolders)
            return Error{ErrorCode::DataCorrupt, (dir / "test").string(),
                         "its class subfolders differ from those of " + trainDir.string()};
        auto test = listItems(dir / "test", folders);
        if (!test)
            return test.error();
        testItems = std::move(test).value();
    } else if (options.testFraction >= 1) {
        // The whole folder is a test set (evaluation; listItems refused an empty class).
        testItems = std::move(listed).value();
    } else {
        // Deterministic per-class split: the same files always land in the same split.
        std::mt19937_64 rng(options.splitSeed);
        std::vector<Item> all = std::move(listed).value();
        for (std::size_t c = 0; c < split.classes.size(); ++c) {
            std::vector<Item> ofClass;
            for (const auto &item : all)
                if (item.label == std::int64_t(c))
                    ofClass.push_back(item);
            std::shuffle(ofClass.begin(), ofClass.end(), rng);
            const auto nTest =
                std::max<std::size_t>(1, std::size_t(double(ofClass.size()) * options.testFraction));
            if (ofClass.size() < 2)
                return Error{ErrorCode::DataCorrupt, (trainDir / folders[c]).string(),
                             "needs at least two images to have one for testing"};
            testItems.insert(testItems.end(), ofClass.begin(), ofClass.begin() + std::ptrdiff_t(nTest));
            trainItems.insert(trainItems.end(), ofClass.begin() + std::ptrdiff_t(nTest), ofClass.end());
        }
    }

    Decoder decoder{options, 0, 0, options.channels};
    auto train = decodeAll(trainItems, decoder);
    if (!train)
        return train.error();
    auto test = decodeAll(testItems, decoder);
    if (!test)
        return test.error();
    setSplits(split, std::move(train).value(), std::move(test).value());
    return split;
}

#endif

Result<DatasetSplit> loadDataset(const std::string &name, const std::filesystem::path &dir,
                                 const ImageFolderOptions &folderOptions)
{
    if (name == "fashion-mnist" || name == "fashion-mnist-idx")
        return loadFashionMnist(dir.empty() ? defaultDataDir("fashion-mnist") : dir);
    if (name == "cifar10" || name == "cifar10-bin") {
        if (dir.empty())
            return Error{ErrorCode::InvalidArgument, "data folder",
                         "CIFAR-10 is not packaged by Debian; give the folder holding its .bin batches"};
        return loadCifar10(dir);
    }
    if (name == "image-folder") {
        if (dir.empty())
            return Error{ErrorCode::InvalidArgument, "data folder",
                         "an image folder dataset needs its folder"};
        return loadImageFolder(dir, folderOptions);
    }
    return Error{ErrorCode::UnknownDataset, name, "known datasets: fashion-mnist, cifar10, image-folder"};
}

} // namespace tenkai::train
