#include "augment_cv.h"

#ifdef TENKAI_HAVE_OPENCV

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <numbers>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

namespace tenkai::train {
namespace {

// Per-thread scratch, reused from image to image (same sizes: no allocation after the first image).
struct Workspace
{
    std::vector<cv::Mat> planes; // CV_32F, H x W, one per channel
    cv::Mat scratch;
    std::vector<float> noise;
};

// Sets every value v of every plane to clamp(f(v, channel, i), 0, 1), i the value's index in its plane.
// Plain loops: on small images, one pass beats a chain of OpenCV calls. Our planes are always
// continuous float (made by convertTo, split, create, warpAffine, flip or sepFilter2D).
template<typename F>
void mapClamped(std::vector<cv::Mat> &planes, F f)
{
    for (std::size_t c = 0; c < planes.size(); ++c) {
        auto &p = planes[c];
        CV_Assert(p.isContinuous() && p.type() == CV_32F);
        float *v = p.ptr<float>();
        const std::size_t n = p.total();
        for (std::size_t i = 0; i < n; ++i)
            v[i] = std::clamp(f(v[i], c, i), 0.0f, 1.0f);
    }
}

void clampAll(std::vector<cv::Mat> &planes)
{
    mapClamped(planes, [](float v, std::size_t, std::size_t) { return v; });
}

// One transform on every plane of one image, its result clamped to [0, 1].
void applyTransform(const Transform &t, const TransformDraw &d, Workspace &ws)
{
    auto &planes = ws.planes;
    const int h = planes[0].rows;
    const int w = planes[0].cols;
    switch (t.kind) {
    case TransformKind::HFlip:
    case TransformKind::VFlip:
        for (auto &p : planes) {
            cv::flip(p, ws.scratch, t.kind == TransformKind::HFlip ? 1 : 0);
            std::swap(p, ws.scratch);
        }
        break;
    case TransformKind::Rotate: {
        if (h < 2 || w < 2)
            break;
        const double a = d.value * std::numbers::pi / 180.0;
        const double c = std::cos(a);
        const double s = std::sin(a);
        const double cx = (w - 1) / 2.0;
        const double cy = (h - 1) / 2.0;
        // Maps an output pixel to where it samples the input (hence WARP_INVERSE_MAP).
        const cv::Matx23d toSource(c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy);
        for (auto &p : planes) {
            cv::warpAffine(p, ws.scratch, toSource, p.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                           cv::BORDER_CONSTANT, cv::Scalar(0));
            std::swap(p, ws.scratch);
        }
        clampAll(planes); // bilinear weights sum to 1 only up to rounding
        break;
    }
    case TransformKind::Crop: {
        // out(x, y) = in(x + sx, y + sy), 0 outside.
        const int sx = d.x;
        const int sy = d.y;
        const int cw = w - std::abs(sx);
        const int ch = h - std::abs(sy);
        for (auto &p : planes) {
            ws.scratch.create(h, w, CV_32F);
            ws.scratch.setTo(0);
            if (cw > 0 && ch > 0)
                p(cv::Rect(std::max(0, sx), std::max(0, sy), cw, ch))
                    .copyTo(ws.scratch(cv::Rect(std::max(0, -sx), std::max(0, -sy), cw, ch)));
            std::swap(p, ws.scratch);
        }
        break;
    }
    case TransformKind::Brightness: {
        const auto u = float(d.value);
        mapClamped(planes, [u](float v, std::size_t, std::size_t) { return v + u; });
        break;
    }
    case TransformKind::Contrast: {
        double sum = 0;
        for (const auto &p : planes)
            sum += cv::sum(p)[0];
        const auto mean = float(sum / (double(planes.size()) * h * w));
        const auto scale = float(d.value);
        mapClamped(planes,
                   [mean, scale](float v, std::size_t, std::size_t) { return (v - mean) * scale + mean; });
        break;
    }
    case TransformKind::Gamma:
        for (auto &p : planes)
            cv::pow(p, d.value, p);
        clampAll(planes);
        break;
    case TransformKind::Noise: {
        const auto area = std::size_t(h) * std::size_t(w);
        ws.noise.resize(area * planes.size());
        fillNormal(ws.noise.data(), ws.noise.size(), d.noiseSeed, float(d.value));
        const float *noise = ws.noise.data();
        mapClamped(planes,
                   [noise, area](float v, std::size_t c, std::size_t i) { return v + noise[c * area + i]; });
        break;
    }
    case TransformKind::Blur: {
        auto taps = blurTaps(d.value);
        const bool small = taps[0] == 0.0f;
        const cv::Mat kernel(1, small ? 3 : 5, CV_32F, taps.data() + (small ? 1 : 0));
        for (auto &p : planes) {
            cv::sepFilter2D(p, ws.scratch, CV_32F, kernel, kernel, cv::Point(-1, -1), 0,
                            cv::BORDER_REPLICATE);
            std::swap(p, ws.scratch);
        }
        clampAll(planes);
        break;
    }
    case TransformKind::Cutout: {
        const cv::Rect square =
            cv::Rect(d.x - t.size / 2, d.y - t.size / 2, t.size, t.size) & cv::Rect(0, 0, w, h);
        if (square.area() > 0) {
            for (auto &p : planes)
                p(square).setTo(0);
        }
        break;
    }
    }
}

// Runs the policy over ws.planes (float, 0..1) for image `index`.
void runPolicy(const Policy &policy, std::uint64_t seed, std::int64_t index, Workspace &ws)
{
    const auto draws = drawImage(policy, seed, index, ws.planes[0].rows, ws.planes[0].cols);
    clampAll(ws.planes);
    for (std::size_t j = 0; j < draws.size(); ++j) {
        if (draws[j].apply)
            applyTransform(policy.transforms[j], draws[j], ws);
    }
}

template<typename T>
constexpr int kDepth = std::is_same_v<T, float> ? CV_32F : CV_8U;

template<typename T>
constexpr double kScale = std::is_same_v<T, float> ? 1.0 : 255.0;

template<typename T>
void augmentOne(const Policy &policy, const T *in, T *out, const ImageBufferShape &shape, std::uint64_t seed,
                std::int64_t index, Workspace &ws)
{
    const auto area = std::size_t(shape.height) * std::size_t(shape.width);
    ws.planes.resize(std::size_t(shape.channels));
    for (int c = 0; c < shape.channels; ++c) {
        const cv::Mat src(shape.height, shape.width, kDepth<T>, const_cast<T *>(in + std::size_t(c) * area));
        src.convertTo(ws.planes[std::size_t(c)], CV_32F, 1.0 / kScale<T>);
    }
    runPolicy(policy, seed, index, ws);
    for (int c = 0; c < shape.channels; ++c) {
        cv::Mat dst(shape.height, shape.width, kDepth<T>, out + std::size_t(c) * area);
        ws.planes[std::size_t(c)].convertTo(dst, kDepth<T>, kScale<T>);
    }
}

Error failed(const std::string &what)
{
    return Error{ErrorCode::TrainingFailed, "augmentation", what};
}

template<typename T>
Status augmentBufferT(const Policy &policy, const T *in, T *out, const ImageBufferShape &shape,
                      std::uint64_t seed, int threads, std::int64_t firstIndex)
{
    if (auto valid = validatePolicy(policy); !valid)
        return valid;
    if (shape.count < 0 || shape.channels < 1 || shape.channels > 4 || shape.height < 1 || shape.width < 1)
        return Error{ErrorCode::InvalidArgument, "augmentation buffer",
                     "expected a count >= 0, 1..4 channels and a height and width of at least 1"};
    if (shape.count == 0)
        return Done{};
    if (!in || !out)
        return Error{ErrorCode::InvalidArgument, "augmentation buffer", "no image data"};
    const std::int64_t workers = std::clamp<std::int64_t>(threads, 1, shape.count);
    const auto imageSize = std::size_t(shape.channels) * std::size_t(shape.height) * std::size_t(shape.width);
    std::vector<std::optional<Error>> errors(static_cast<std::size_t>(workers));
    useOwnThreadsOnly();
    {
        std::vector<std::jthread> pool;
        for (std::int64_t t = 0; t < workers; ++t) {
            const auto begin = shape.count * t / workers;
            const auto end = shape.count * (t + 1) / workers;
            pool.emplace_back([&, t, begin, end] {
                Workspace ws;
                try {
                    for (auto i = begin; i < end; ++i)
                        augmentOne(policy, in + std::size_t(i) * imageSize, out + std::size_t(i) * imageSize,
                                   shape, seed, firstIndex + i, ws);
                } catch (const cv::Exception &e) {
                    errors[std::size_t(t)] = failed(e.what());
                } catch (const std::exception &e) {
                    errors[std::size_t(t)] = failed(e.what());
                }
            });
        }
    }
    for (auto &e : errors) {
        if (e)
            return *e;
    }
    return Done{};
}

} // namespace

void useOwnThreadsOnly()
{
    // With the TBB backend, cv::setNumThreads replaces a process-wide task arena: called from
    // several threads at once it crashed (seen under ASan). Once per process, before any worker.
    static std::once_flag once;
    std::call_once(once, [] { cv::setNumThreads(1); });
}

Status augmentImage(const Policy &policy, cv::Mat &image, std::uint64_t seed, std::int64_t index)
{
    if (auto valid = validatePolicy(policy); !valid)
        return valid;
    if (image.empty() || image.dims != 2 || (image.depth() != CV_8U && image.depth() != CV_32F) ||
        image.channels() > 4)
        return Error{ErrorCode::InvalidArgument, "augmentation image",
                     "expected a non-empty 2-D CV_8U or CV_32F image with 1..4 channels"};
    try {
        const double scale = image.depth() == CV_8U ? 255.0 : 1.0;
        Workspace ws;
        cv::split(image, ws.planes);
        for (auto &p : ws.planes)
            p.convertTo(p, CV_32F, 1.0 / scale);
        runPolicy(policy, seed, index, ws);
        cv::Mat merged;
        cv::merge(ws.planes, merged);
        merged.convertTo(image, image.depth(), scale);
    } catch (const cv::Exception &e) {
        return failed(e.what());
    }
    return Done{};
}

Status augmentBuffer(const Policy &policy, const std::uint8_t *in, std::uint8_t *out,
                     const ImageBufferShape &shape, std::uint64_t seed, int threads, std::int64_t firstIndex)
{
    return augmentBufferT(policy, in, out, shape, seed, threads, firstIndex);
}

Status augmentBuffer(const Policy &policy, const float *in, float *out, const ImageBufferShape &shape,
                     std::uint64_t seed, int threads, std::int64_t firstIndex)
{
    return augmentBufferT(policy, in, out, shape, seed, threads, firstIndex);
}

} // namespace tenkai::train

#endif // TENKAI_HAVE_OPENCV
