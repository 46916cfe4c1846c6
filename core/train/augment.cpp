#include "augment.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

namespace tenkai::train {
namespace {

// How one kind's parameters are written and checked.
struct Spec
{
    TransformKind kind;
    const char *name;
    enum Form
    {
        Flip,      // no parameter (":p" is the probability)
        Size,      // one whole number in [lo, hi]
        Symmetric, // d in [0, singleMax] means [-d, d]; or a pair in [lo, hi]
        Fixed,     // v in [lo, hi] means [v, v]; or a pair in [lo, hi]
    } form;
    double lo;
    double hi;
    double singleMax; // Symmetric only
    const char *expected;
};

constexpr Spec kSpecs[] = {
    {TransformKind::HFlip, "hflip", Spec::Flip, 0, 1, 0, "probability 0..1"},
    {TransformKind::VFlip, "vflip", Spec::Flip, 0, 1, 0, "probability 0..1"},
    {TransformKind::Rotate, "rotate", Spec::Symmetric, -180, 180, 180,
     "degrees 0..180 or low/high in -180..180"},
    {TransformKind::Crop, "crop", Spec::Size, 0, 64, 0, "padding 0..64 (whole pixels)"},
    {TransformKind::Brightness, "brightness", Spec::Symmetric, -1, 1, 1, "offset 0..1 or low/high in -1..1"},
    {TransformKind::Contrast, "contrast", Spec::Symmetric, -1, 3, 1, "factor 0..1 or low/high in -1..3"},
    {TransformKind::Gamma, "gamma", Spec::Fixed, 0.1, 10, 0, "exponent 0.1..10 or low/high in 0.1..10"},
    {TransformKind::Noise, "noise", Spec::Fixed, 0, 1, 0, "sigma 0..1 or low/high in 0..1"},
    {TransformKind::Blur, "blur", Spec::Fixed, 0.1, 1.5, 0, "sigma 0.1..1.5 or low/high in 0.1..1.5"},
    {TransformKind::Cutout, "cutout", Spec::Size, 1, 256, 0, "size 1..256 (whole pixels)"},
};

const Spec &specOf(TransformKind kind)
{
    for (const auto &spec : kSpecs) {
        if (spec.kind == kind)
            return spec;
    }
    return kSpecs[0]; // unreachable: every kind has a row
}

struct BuiltIn
{
    const char *name;
    const char *text;
};

// Values for 28 x 28 .. 64 x 64 images. The last three mimic capture conditions at an edge site:
// a dark scene (darker, flatter, gamma-crushed, with the sensor noise that comes with gain), a camera
// mounted mirrored or tilted, and a cheap sensor (noise, some defocus, exposure jitter).
constexpr BuiltIn kBuiltIns[] = {
    {"none", ""},
    {"flip", "hflip:0.5"},
    {"geometric", "hflip:0.5,rotate:10,crop:2"},
    {"photometric", "brightness:0.2,contrast:0.2,gamma:0.8/1.25"},
    {"noise", "noise:0.02/0.08,blur:0.3/1@0.5"},
    {"cutout", "cutout:8"},
    {"heavy", "hflip:0.5,rotate:15,crop:3,brightness:0.25,contrast:0.3,gamma:0.7/1.4@0.5,"
              "noise:0.01/0.05@0.5,blur:0.3/1@0.3,cutout:8@0.5"},
    {"lowlight", "brightness:-0.25/-0.05,contrast:-0.5/-0.2,gamma:1.2/2,noise:0.02/0.06"},
    {"mirror-tilt", "hflip:0.5,rotate:25,crop:1"},
    {"sensor-noise", "brightness:0.05,blur:0.4/1@0.5,noise:0.03/0.1"},
};

// The order in which ensemble members get the built-in policies: the most different first.
constexpr const char *kMemberOrder[] = {"geometric", "photometric", "noise",    "cutout",       "flip",
                                        "heavy",     "mirror-tilt", "lowlight", "sensor-noise", "none"};

Error bad(std::string detail)
{
    return Error{ErrorCode::InvalidArgument, "augmentation", std::move(detail)};
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A whole finite number, or nothing.
bool parseNumber(std::string_view s, double &out)
{
    if (s.empty())
        return false;
    if (s.front() == '+')
        s.remove_prefix(1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

std::string formatNumber(double v)
{
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string expectedGot(const Spec &spec, std::string_view got)
{
    return std::string(spec.name) + ": expected " + spec.expected + ", got \"" + std::string(got) + "\"";
}

bool isWhole(double v)
{
    return std::floor(v) == v;
}

Result<Transform> parseItem(std::string_view item, std::size_t position)
{
    if (item.empty())
        return bad("empty item " + std::to_string(position) + " (expected name[:numbers][@probability])");
    std::string_view head = item;
    std::string_view probText;
    bool hasProbability = false;
    if (const auto at = item.find('@'); at != std::string_view::npos) {
        head = trim(item.substr(0, at));
        probText = trim(item.substr(at + 1));
        hasProbability = true;
    }
    std::string_view name = head;
    std::string_view args;
    bool hasArgs = false;
    if (const auto colon = head.find(':'); colon != std::string_view::npos) {
        name = trim(head.substr(0, colon));
        args = trim(head.substr(colon + 1));
        hasArgs = true;
    }
    const Spec *spec = nullptr;
    for (const auto &s : kSpecs) {
        if (name == s.name)
            spec = &s;
    }
    if (!spec) {
        std::string names;
        for (const auto &s : kSpecs)
            names += (names.empty() ? "" : ", ") + std::string(s.name);
        return bad("unknown transform \"" + std::string(name) + "\" (expected one of " + names + ")");
    }

    Transform t;
    t.kind = spec->kind;
    if (hasProbability) {
        if (spec->form == Spec::Flip && hasArgs)
            return bad(std::string(spec->name) +
                       ": expected the probability once (\":p\" or \"@p\"), got \"" +
                       std::string(trim(item.substr(item.find(':') + 1))) + "\"");
        if (!parseNumber(probText, t.probability) || t.probability < 0 || t.probability > 1)
            return bad(std::string(spec->name) + ": expected probability 0..1 after \"@\", got \"" +
                       std::string(probText) + "\"");
    }

    if (spec->form == Spec::Flip) {
        if (hasArgs && (!parseNumber(args, t.probability) || t.probability < 0 || t.probability > 1))
            return bad(expectedGot(*spec, args));
        return t;
    }
    if (!hasArgs)
        return bad(std::string(spec->name) + ": expected " + spec->expected + ", got nothing");

    double a = 0;
    double b = 0;
    const auto slash = args.find('/');
    const bool pair = slash != std::string_view::npos;
    if (pair) {
        if (spec->form == Spec::Size || !parseNumber(trim(args.substr(0, slash)), a) ||
            !parseNumber(trim(args.substr(slash + 1)), b) || a < spec->lo || a > spec->hi || b < spec->lo ||
            b > spec->hi)
            return bad(expectedGot(*spec, args));
        if (a > b)
            return bad(std::string(spec->name) + ": expected low <= high, got \"" + std::string(args) + "\"");
        t.low = a;
        t.high = b;
        return t;
    }
    if (!parseNumber(args, a))
        return bad(expectedGot(*spec, args));
    switch (spec->form) {
    case Spec::Size:
        if (!isWhole(a) || a < spec->lo || a > spec->hi)
            return bad(expectedGot(*spec, args));
        t.size = int(a);
        break;
    case Spec::Symmetric:
        if (a < 0 || a > spec->singleMax)
            return bad(expectedGot(*spec, args));
        t.low = -a;
        t.high = a;
        break;
    case Spec::Fixed:
        if (a < spec->lo || a > spec->hi)
            return bad(expectedGot(*spec, args));
        t.low = a;
        t.high = a;
        break;
    case Spec::Flip:
        break;
    }
    return t;
}

std::string itemToText(const Transform &t)
{
    const auto &spec = specOf(t.kind);
    std::string text = spec.name;
    switch (spec.form) {
    case Spec::Flip:
        if (t.probability != 1)
            text.append(":").append(formatNumber(t.probability));
        return text;
    case Spec::Size:
        text.append(":").append(std::to_string(t.size));
        break;
    case Spec::Symmetric:
        if (t.low == -t.high && t.high >= 0)
            text.append(":").append(formatNumber(t.high));
        else
            text.append(":").append(formatNumber(t.low)).append("/").append(formatNumber(t.high));
        break;
    case Spec::Fixed:
        if (t.low == t.high)
            text.append(":").append(formatNumber(t.low));
        else
            text.append(":").append(formatNumber(t.low)).append("/").append(formatNumber(t.high));
        break;
    }
    if (t.probability != 1)
        text.append("@").append(formatNumber(t.probability));
    return text;
}

std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// SplitMix64: a small, well-mixed generator that is cheap to seed once per image (mt19937_64 would
// fill 312 words per image). Uniforms are computed here, not by <random>'s distributions, so the
// values are the same with every standard library.
class Rng
{
public:
    explicit Rng(std::uint64_t state) : m_state(state) {}

    std::uint64_t next()
    {
        m_state += 0x9E3779B97F4A7C15ULL;
        return mix64(m_state);
    }
    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform integer in [low, high].
    int integer(int low, int high)
    {
        const auto span = std::uint64_t(std::int64_t(high) - low + 1);
        return int(low + std::int64_t(((next() >> 32) * span) >> 32));
    }

private:
    std::uint64_t m_state;
};

} // namespace

Transform hflip(double p)
{
    return Transform{TransformKind::HFlip, 0, 0, 0, p};
}

Transform vflip(double p)
{
    return Transform{TransformKind::VFlip, 0, 0, 0, p};
}

Transform rotate(double maxDegrees, double p)
{
    return Transform{TransformKind::Rotate, -maxDegrees, maxDegrees, 0, p};
}

Transform crop(int padding, double p)
{
    return Transform{TransformKind::Crop, 0, 0, padding, p};
}

Transform brightness(double delta, double p)
{
    return Transform{TransformKind::Brightness, -delta, delta, 0, p};
}

Transform contrast(double factor, double p)
{
    return Transform{TransformKind::Contrast, -factor, factor, 0, p};
}

Transform gamma(double low, double high, double p)
{
    return Transform{TransformKind::Gamma, low, high, 0, p};
}

Transform noise(double sigma, double p)
{
    return Transform{TransformKind::Noise, sigma, sigma, 0, p};
}

Transform blur(double sigmaLow, double sigmaHigh, double p)
{
    return Transform{TransformKind::Blur, sigmaLow, sigmaHigh, 0, p};
}

Transform cutout(int size, double p)
{
    return Transform{TransformKind::Cutout, 0, 0, size, p};
}

std::string transformName(TransformKind kind)
{
    return specOf(kind).name;
}

Result<Policy> parsePolicy(const std::string &text)
{
    Policy policy;
    const auto all = trim(text);
    if (all.empty() || all == "none")
        return policy;
    std::size_t position = 1;
    std::size_t start = 0;
    while (true) {
        const auto comma = all.find(',', start);
        const auto item = trim(all.substr(start, comma == std::string_view::npos ? all.npos : comma - start));
        auto parsed = parseItem(item, position);
        if (!parsed)
            return parsed.error();
        policy.transforms.push_back(parsed.value());
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
        ++position;
    }
    return policy;
}

Status validatePolicy(const Policy &policy)
{
    for (const auto &t : policy.transforms) {
        const auto &spec = specOf(t.kind);
        const auto fail = [&] {
            return bad(expectedGot(spec, itemToText(t)));
        };
        if (!(t.probability >= 0 && t.probability <= 1))
            return bad(std::string(spec.name) + ": expected probability 0..1, got \"" + itemToText(t) + "\"");
        switch (spec.form) {
        case Spec::Flip:
            break;
        case Spec::Size:
            if (t.size < spec.lo || t.size > spec.hi)
                return fail();
            break;
        case Spec::Symmetric:
        case Spec::Fixed:
            if (!(t.low >= spec.lo && t.high <= spec.hi))
                return fail();
            if (!(t.low <= t.high))
                return bad(std::string(spec.name) + ": expected low <= high, got \"" + itemToText(t) + "\"");
            break;
        }
    }
    return Done{};
}

std::string policyToText(const Policy &policy)
{
    if (policy.empty())
        return "none";
    std::string text;
    for (const auto &t : policy.transforms)
        text.append(text.empty() ? "" : ",").append(itemToText(t));
    return text;
}

std::vector<std::string> policyNames()
{
    std::vector<std::string> names;
    for (const auto &b : kBuiltIns)
        names.emplace_back(b.name);
    return names;
}

Result<Policy> policyFor(const std::string &nameOrText)
{
    const auto key = trim(nameOrText);
    for (const auto &b : kBuiltIns) {
        if (key == b.name)
            return parsePolicy(b.text);
    }
    return parsePolicy(nameOrText);
}

std::vector<std::string> memberPolicyNames(int k)
{
    std::vector<std::string> names;
    constexpr auto count = std::size(kMemberOrder);
    for (int i = 0; i < k; ++i)
        names.emplace_back(kMemberOrder[std::size_t(i) % count]);
    return names;
}

std::vector<Policy> memberPolicies(int k)
{
    std::vector<Policy> policies;
    for (const auto &name : memberPolicyNames(k))
        policies.push_back(std::move(policyFor(name)).value());
    return policies;
}

std::vector<TransformDraw> drawImage(const Policy &policy, std::uint64_t seed, std::int64_t index, int height,
                                     int width)
{
    Rng rng(seed ^ mix64(std::uint64_t(index) + 0x632BE59BD9B4E019ULL));
    std::vector<TransformDraw> draws(policy.transforms.size());
    for (std::size_t j = 0; j < draws.size(); ++j) {
        const auto &t = policy.transforms[j];
        auto &d = draws[j];
        d.apply = rng.uniform() < t.probability;
        switch (t.kind) {
        case TransformKind::HFlip:
        case TransformKind::VFlip:
            break;
        case TransformKind::Rotate:
        case TransformKind::Brightness:
        case TransformKind::Gamma:
        case TransformKind::Blur:
            d.value = rng.uniform(t.low, t.high);
            break;
        case TransformKind::Contrast:
            d.value = 1 + rng.uniform(t.low, t.high);
            break;
        case TransformKind::Noise:
            d.value = rng.uniform(t.low, t.high);
            d.noiseSeed = rng.next();
            break;
        case TransformKind::Crop:
            d.x = rng.integer(-t.size, t.size);
            d.y = rng.integer(-t.size, t.size);
            break;
        case TransformKind::Cutout:
            d.x = rng.integer(0, std::max(width, 1) - 1);
            d.y = rng.integer(0, std::max(height, 1) - 1);
            break;
        }
    }
    return draws;
}

void fillNormal(float *out, std::size_t n, std::uint64_t seed, float sigma)
{
    // Marsaglia's polar method: a point uniform in the unit disc gives two independent normals with
    // one log and one square root (no sine or cosine); 21% of the points fall outside and are redrawn.
    Rng rng(seed);
    for (std::size_t i = 0; i < n; i += 2) {
        float u = 0;
        float v = 0;
        float s = 0;
        do {
            // Two 24-bit uniforms in [-1, 1) from one draw.
            const auto bits = rng.next();
            u = float(bits >> 40) * 0x1.0p-23f - 1.0f;
            v = float((bits >> 16) & 0xFFFFFFu) * 0x1.0p-23f - 1.0f;
            s = u * u + v * v;
        } while (s >= 1.0f || s == 0.0f);
        const float f = sigma * std::sqrt(-2.0f * std::log(s) / s);
        out[i] = u * f;
        if (i + 1 < n)
            out[i + 1] = v * f;
    }
}

std::array<float, 5> blurTaps(double sigma)
{
    const int radius = sigma <= 0.5 ? 1 : 2;
    std::array<double, 5> w{};
    double sum = 0;
    for (int k = -radius; k <= radius; ++k) {
        w[std::size_t(k + 2)] = std::exp(-double(k * k) / (2 * sigma * sigma));
        sum += w[std::size_t(k + 2)];
    }
    std::array<float, 5> taps{};
    for (std::size_t i = 0; i < 5; ++i)
        taps[i] = float(w[i] / sum);
    return taps;
}

} // namespace tenkai::train
