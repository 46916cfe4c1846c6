// Augmentation policies for teacher data: seeded, composable image transforms (torch-free public API).
//
// A Policy is an ordered list of Transforms. Two implementations apply it with the same semantics:
// augment_tensor.h (LibTorch, a whole N x C x H x W batch at once, CPU or CUDA) and augment_cv.h
// (OpenCV, one image at a time on CPU threads). Both draw every random number from drawImage()
// below, so image i of a batch gets the same flips, angles, shifts, offsets and noise in both; they
// differ only in interpolation rounding and, for uint8 buffers, the final rounding to 0..255.
//
// Images are on the 0..1 scale. Pixel (x, y): column x in 0..W-1, row y in 0..H-1, (0, 0) top left.
// The input is clamped to [0, 1] first. Each transform runs with its own probability p (drawn per
// image) and its result is clamped to [0, 1] before the next transform runs. The transforms, with
// their text form (see parsePolicy):
//
//  hflip[:p]           out(x, y) = in(W-1-x, y).
//  vflip[:p]           out(x, y) = in(x, H-1-y).
//  rotate:d | lo/hi    angle a uniform in [-d, d] (or [lo, hi]) degrees, d in 0..180, about the centre
//                      ((W-1)/2, (H-1)/2); a > 0 turns the picture counter-clockwise on screen.
//                      out(x, y) = in(cx + cos a (x-cx) - sin a (y-cy), cy + sin a (x-cx) + cos a (y-cy)),
//                      sampled bilinearly; pixels outside the image count as 0 (black). Images less
//                      than 2 pixels wide or high are left unchanged.
//  crop:P              zero-pad by P whole pixels on every side, then take a random H x W window:
//                      shift (sx, sy), each an integer uniform in [-P, P]; out(x, y) = in(x+sx, y+sy),
//                      0 where that is outside the image. P in 0..64.
//  brightness:d | lo/hi  out = in + u, u uniform in [-d, d] (or [lo, hi]), the same u for every pixel
//                      and channel. d in 0..1, lo/hi in -1..1.
//  contrast:d | lo/hi  out = (in - m) * s + m, s = 1 + v, v uniform in [-d, d] (or [lo, hi]), m the
//                      mean of the image (all channels) before this transform. d in 0..1, lo/hi in -1..3.
//  gamma:g | lo/hi     out = in ^ g, g uniform in [lo, hi] (one number: exactly g). g in 0.1..10.
//  noise:s | lo/hi     out = in + s z, z ~ N(0, 1) independently per pixel and channel, s uniform in
//                      [lo, hi] (one number: exactly s). s in 0..1.
//  blur:s | lo/hi      gaussian blur, sigma uniform in [lo, hi] (one number: exactly s), s in 0.1..1.5.
//                      Separable kernel of radius 1 (3x3) when sigma <= 0.5, else radius 2 (5x5), taps
//                      exp(-k^2 / (2 sigma^2)) normalised to sum 1; the border is replicated.
//  cutout:S            an S x S square (S in 1..256 pixels) at a centre (cx, cy) uniform over the pixels
//                      (integers) is set to 0 in every channel: columns cx - S/2 .. cx - S/2 + S - 1
//                      (S/2 rounded down), rows likewise, clipped at the border.
#pragma once

#include "result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tenkai::train {

enum class TransformKind
{
    HFlip,
    VFlip,
    Rotate,
    Crop,
    Brightness,
    Contrast,
    Gamma,
    Noise,
    Blur,
    Cutout,
};

// One transform with its parameters. `low`/`high` is the range a per-image value is drawn from
// (rotate: degrees; brightness: offset; contrast: v of s = 1 + v; gamma: exponent; noise and blur:
// sigma); `size` is the crop padding or the cutout side in pixels. Flips use neither.
struct Transform
{
    TransformKind kind = TransformKind::HFlip;
    double low = 0;
    double high = 0;
    int size = 0;
    double probability = 1; // 0..1: the chance that an image gets this transform

    bool operator==(const Transform &) const = default;
};

struct Policy
{
    std::vector<Transform> transforms; // applied in order

    bool empty() const { return transforms.empty(); }
    bool operator==(const Policy &) const = default;
};

// Builders with the semantics of the table above (the probability defaults to 1, as in the text form).
Transform hflip(double p = 1);
Transform vflip(double p = 1);
Transform rotate(double maxDegrees, double p = 1);
Transform crop(int padding, double p = 1);
Transform brightness(double delta, double p = 1);
Transform contrast(double factor, double p = 1);
Transform gamma(double low, double high, double p = 1);
Transform noise(double sigma, double p = 1);
Transform blur(double sigmaLow, double sigmaHigh, double p = 1);
Transform cutout(int size, double p = 1);

// The transform's name in the text form ("hflip", "rotate", ...).
std::string transformName(TransformKind kind);

// The text form:
//   policy := "" | "none" | item { "," item }
//   item   := name [ ":" number [ "/" number ] ] [ "@" probability ]
// Spaces around items are ignored. Numbers are plain decimals ("0.5", "-10", "1e-2"). One number or
// a low/high pair per the table above; flips take no parameter, so for them ":p" is the probability
// (the same as "@p"). Without "@" the probability is 1. Example:
//   "hflip:0.5,rotate:10,crop:2,brightness:0.2,noise:0.05@0.5"
// A bad item gives ErrorCode::InvalidArgument with subject "augmentation" and a detail naming the
// transform and what is expected, e.g. `rotate: expected degrees 0..180 or low/high in -180..180, got
// "abc"`.
Result<Policy> parsePolicy(const std::string &text);

// Checks every parameter against the ranges above (parsePolicy's output always passes). The
// augmentation functions call it before touching any image.
Status validatePolicy(const Policy &policy);

// The canonical text form; parsePolicy(policyToText(p)) == p. An empty policy gives "none".
std::string policyToText(const Policy &policy);

// Built-in policies, tuned for small (28 x 28 to 64 x 64) images:
//   none, flip, geometric, photometric, noise, cutout, heavy, lowlight, mirror-tilt, sensor-noise.
std::vector<std::string> policyNames();

// A built-in policy by name, or else `nameOrText` parsed as the text form. Names win: "cutout" is the
// built-in policy, not a single cutout transform with probability 1.
Result<Policy> policyFor(const std::string &nameOrText);

// Default policies for the k members of an ensemble (k >= 0): names of the built-in policies, all
// different while k <= policyNames().size(), then repeating from the start. Member 0 trains on
// "geometric" data, member 1 on "photometric", and so on; members also need different seeds.
std::vector<std::string> memberPolicyNames(int k);
std::vector<Policy> memberPolicies(int k);

// ---- Shared by the two implementations (not needed to use them) -----------------------------------

// What one transform does to one image: whether it applies and the value drawn for it.
struct TransformDraw
{
    bool apply = false;
    double value = 0;            // degrees, brightness offset, contrast scale s, gamma, sigma
    int x = 0;                   // crop shift sx / cutout centre cx
    int y = 0;                   // crop shift sy / cutout centre cy
    std::uint64_t noiseSeed = 0; // noise: seed of the per-pixel values (fillNormal)
};

// The draws for image `index` of a batch augmented with `seed`, one per transform of the policy.
// Every image has its own stream (seeded from seed and index), so results do not depend on batch
// splitting or threads. Per transform, in order: one uniform u decides apply = u < p, then its values
// are drawn whether or not it applies (rotate, brightness, contrast, gamma, blur: one uniform; noise:
// one uniform for sigma and one 64-bit noise seed; crop: sx then sy; cutout: cx then cy).
std::vector<TransformDraw> drawImage(const Policy &policy, std::uint64_t seed, std::int64_t index, int height,
                                     int width);

// Writes n values sigma * z, z ~ N(0, 1) (polar method), determined by `seed` alone. The noise of an
// image is laid out plane by plane (c, y, x), as in N x C x H x W.
void fillNormal(float *out, std::size_t n, std::uint64_t seed, float sigma);

// The five taps (k = -2..2) of the blur kernel for sigma; the outer two are 0 when sigma <= 0.5.
std::array<float, 5> blurTaps(double sigma);

} // namespace tenkai::train
