#include "augment_tensor.h"

#include <ATen/Parallel.h>
#include <cmath>
#include <numbers>
#include <torch/torch.h>

namespace tenkai::train {
namespace {

namespace F = torch::nn::functional;

// The images one transform applies to, with the values drawn for them (all on the CPU).
struct Selection
{
    std::vector<std::int64_t> index; // positions in the batch
    std::vector<const TransformDraw *> draws;
};

// Per-image values as an n x 1 x 1 x 1 float tensor on `device`, for broadcasting over C x H x W.
template<typename Get>
torch::Tensor perImage(const Selection &sel, const torch::Device &device, Get get)
{
    std::vector<float> values;
    values.reserve(sel.draws.size());
    for (const auto *d : sel.draws)
        values.push_back(float(get(*d)));
    return torch::tensor(values).view({-1, 1, 1, 1}).to(device);
}

torch::Tensor perImageLong(const Selection &sel, const torch::Device &device, int TransformDraw::*member)
{
    std::vector<std::int64_t> values;
    values.reserve(sel.draws.size());
    for (const auto *d : sel.draws)
        values.push_back(d->*member);
    return torch::tensor(values).to(device);
}

torch::Tensor rotateImages(const torch::Tensor &x, const Selection &sel)
{
    const auto n = x.size(0);
    const auto h = x.size(2);
    const auto w = x.size(3);
    if (h < 2 || w < 2)
        return x;
    const auto device = x.device();
    constexpr double kRadians = std::numbers::pi / 180.0;
    const auto cosA = perImage(sel, device, [](const TransformDraw &d) {
                          return std::cos(d.value * kRadians);
                      }).view({n, 1, 1});
    const auto sinA = perImage(sel, device, [](const TransformDraw &d) {
                          return std::sin(d.value * kRadians);
                      }).view({n, 1, 1});
    const double cx = double(w - 1) / 2;
    const double cy = double(h - 1) / 2;
    const auto opts = torch::TensorOptions().dtype(torch::kFloat).device(device);
    const auto dx = (torch::arange(w, opts) - cx).view({1, 1, w});
    const auto dy = (torch::arange(h, opts) - cy).view({1, h, 1});
    // Where each output pixel samples the input, then in grid_sample's -1..1 (align_corners: the
    // centres of the corner pixels are -1 and 1).
    const auto srcX = cosA * dx - sinA * dy + cx;
    const auto srcY = sinA * dx + cosA * dy + cy;
    const auto grid = torch::stack({srcX * (2.0 / double(w - 1)) - 1, srcY * (2.0 / double(h - 1)) - 1}, 3);
    return F::grid_sample(
        x, grid,
        F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(true));
}

torch::Tensor shiftImages(const torch::Tensor &x, const Selection &sel, int padding)
{
    if (padding == 0)
        return x;
    const auto n = x.size(0);
    const auto c = x.size(1);
    const auto h = x.size(2);
    const auto w = x.size(3);
    const auto device = x.device();
    const auto padded = F::pad(x, F::PadFuncOptions({padding, padding, padding, padding}));
    const auto longs = torch::TensorOptions().dtype(torch::kLong).device(device);
    // out(x, y) = in(x + sx, y + sy) = padded(x + sx + P, y + sy + P).
    const auto rows = (torch::arange(h, longs) + padding).view({1, h}) +
                      perImageLong(sel, device, &TransformDraw::y).view({n, 1});
    const auto cols = (torch::arange(w, longs) + padding).view({1, w}) +
                      perImageLong(sel, device, &TransformDraw::x).view({n, 1});
    const auto byRows = padded.gather(2, rows.view({n, 1, h, 1}).expand({n, c, h, w + 2 * padding}));
    return byRows.gather(3, cols.view({n, 1, 1, w}).expand({n, c, h, w}));
}

torch::Tensor noiseImages(const torch::Tensor &x, const Selection &sel)
{
    const auto n = x.size(0);
    const auto perImageCount = x[0].numel();
    auto noise = torch::empty({n, x.size(1), x.size(2), x.size(3)}, torch::kFloat);
    float *data = noise.data_ptr<float>();
    // Each image's noise comes from its own seed, so threads do not change the values.
    at::parallel_for(0, n, 16, [&](std::int64_t begin, std::int64_t end) {
        for (auto i = begin; i < end; ++i)
            fillNormal(data + i * perImageCount, std::size_t(perImageCount),
                       sel.draws[std::size_t(i)]->noiseSeed, float(sel.draws[std::size_t(i)]->value));
    });
    return x + noise.to(x.device());
}

torch::Tensor blurImages(const torch::Tensor &x, const Selection &sel)
{
    const auto n = x.size(0);
    const auto h = x.size(2);
    const auto w = x.size(3);
    std::vector<float> taps;
    taps.reserve(sel.draws.size() * 5);
    for (const auto *d : sel.draws) {
        const auto t = blurTaps(d->value);
        taps.insert(taps.end(), t.begin(), t.end());
    }
    const auto weights = torch::tensor(taps).view({n, 5}).to(x.device());
    const auto tap = [&](int k) {
        return weights.select(1, k).view({n, 1, 1, 1});
    };
    // Separable: rows, then columns, over the image with its border replicated by 2 pixels.
    const auto padded = F::pad(x, F::PadFuncOptions({2, 2, 2, 2}).mode(torch::kReplicate));
    auto rows = tap(0) * padded.narrow(3, 0, w);
    for (int k = 1; k < 5; ++k)
        rows = rows + tap(k) * padded.narrow(3, k, w);
    auto out = tap(0) * rows.narrow(2, 0, h);
    for (int k = 1; k < 5; ++k)
        out = out + tap(k) * rows.narrow(2, k, h);
    return out;
}

torch::Tensor cutoutImages(const torch::Tensor &x, const Selection &sel, int size)
{
    const auto n = x.size(0);
    const auto h = x.size(2);
    const auto w = x.size(3);
    const auto device = x.device();
    const auto longs = torch::TensorOptions().dtype(torch::kLong).device(device);
    const auto left = (perImageLong(sel, device, &TransformDraw::x) - size / 2).view({n, 1, 1, 1});
    const auto top = (perImageLong(sel, device, &TransformDraw::y) - size / 2).view({n, 1, 1, 1});
    const auto cols = torch::arange(w, longs).view({1, 1, 1, w});
    const auto rows = torch::arange(h, longs).view({1, 1, h, 1});
    const auto inside = (cols >= left) & (cols < left + size) & (rows >= top) & (rows < top + size);
    return x.masked_fill(inside, 0.0);
}

// Flips, shifts and cutouts only move pixels or set them to 0: their results need no clamping.
bool staysInRange(TransformKind kind)
{
    return kind == TransformKind::HFlip || kind == TransformKind::VFlip || kind == TransformKind::Crop ||
           kind == TransformKind::Cutout;
}

torch::Tensor applyTransform(const Transform &t, const torch::Tensor &x, const Selection &sel)
{
    const auto device = x.device();
    switch (t.kind) {
    case TransformKind::HFlip:
        return x.flip({3});
    case TransformKind::VFlip:
        return x.flip({2});
    case TransformKind::Rotate:
        return rotateImages(x, sel);
    case TransformKind::Crop:
        return shiftImages(x, sel, t.size);
    case TransformKind::Brightness:
        return x + perImage(sel, device, [](const TransformDraw &d) { return d.value; });
    case TransformKind::Contrast: {
        const auto mean = x.mean({1, 2, 3}, true);
        return (x - mean) * perImage(sel, device, [](const TransformDraw &d) { return d.value; }) + mean;
    }
    case TransformKind::Gamma:
        return x.pow(perImage(sel, device, [](const TransformDraw &d) { return d.value; }));
    case TransformKind::Noise:
        return noiseImages(x, sel);
    case TransformKind::Blur:
        return blurImages(x, sel);
    case TransformKind::Cutout:
        return cutoutImages(x, sel, t.size);
    }
    return x;
}

} // namespace

Result<torch::Tensor> augmentBatch(const Policy &policy, const torch::Tensor &batch, std::uint64_t seed,
                                   std::int64_t firstIndex)
{
    if (auto valid = validatePolicy(policy); !valid)
        return valid.error();
    if (!batch.defined() || batch.dim() != 4)
        return Error{
            ErrorCode::InvalidArgument, "augmentation batch",
            "expected N x C x H x W images, got " +
                (batch.defined() ? std::to_string(batch.dim()) + " dimensions" : std::string("none"))};
    if (batch.scalar_type() != torch::kByte && !batch.is_floating_point())
        return Error{ErrorCode::InvalidArgument, "augmentation batch",
                     std::string("expected float (0..1) or uint8 (0..255) images, got ") +
                         c10::toString(batch.scalar_type())};
    try {
        torch::NoGradGuard noGrad; // augmentation is data preparation, never part of a graph
        torch::Tensor x = batch.scalar_type() == torch::kByte ? batch.to(torch::kFloat).div_(255.0)
                                                              : batch.to(torch::kFloat, false, true);
        x = x.contiguous().clamp_(0, 1);
        const auto n = x.size(0);
        const int height = int(x.size(2));
        const int width = int(x.size(3));
        if (n == 0 || policy.empty())
            return x;

        std::vector<std::vector<TransformDraw>> draws(static_cast<std::size_t>(n));
        at::parallel_for(0, n, 256, [&](std::int64_t begin, std::int64_t end) {
            for (auto i = begin; i < end; ++i)
                draws[std::size_t(i)] = drawImage(policy, seed, firstIndex + i, height, width);
        });

        for (std::size_t j = 0; j < policy.transforms.size(); ++j) {
            Selection sel;
            for (std::int64_t i = 0; i < n; ++i) {
                const auto &d = draws[std::size_t(i)][j];
                if (d.apply) {
                    sel.index.push_back(i);
                    sel.draws.push_back(&d);
                }
            }
            if (sel.index.empty())
                continue;
            const auto &t = policy.transforms[j];
            const bool all = std::int64_t(sel.index.size()) == n;
            const auto index = all ? torch::Tensor() : torch::tensor(sel.index).to(x.device());
            auto out = applyTransform(t, all ? x : x.index_select(0, index), sel);
            if (!staysInRange(t.kind))
                out = out.clamp(0, 1);
            if (all)
                x = out;
            else
                x.index_copy_(0, index, out);
        }
        return x;
    } catch (const c10::Error &e) {
        return Error{ErrorCode::TrainingFailed, "augmentation", e.what_without_backtrace()};
    }
}

} // namespace tenkai::train
