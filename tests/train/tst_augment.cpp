// Augmentation policies: the text form, the built-in policies, each transform's exact effect in both
// implementations (LibTorch batches and OpenCV per image), and the two compared on real images.
#include "augment.h"
#include "augment_cv.h"
#include "augment_tensor.h"
#include "dataset.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <set>
#include <torch/torch.h>

using namespace tenkai::train;

namespace {

constexpr std::uint64_t kSeed = 20240611;

constexpr const char *kFashionDir = "/usr/share/datasets/fashion-mnist";

bool haveOpenCv()
{
#ifdef TENKAI_HAVE_OPENCV
    return true;
#else
    return false;
#endif
}

Policy parsed(const char *text)
{
    auto p = parsePolicy(text);
    if (!p)
        qFatal("test policy \"%s\" does not parse: %s", text, p.error().message().c_str());
    return std::move(p).value();
}

// Runs one implementation on float images (N x C x H x W, 0..1, CPU): "tensor" is augmentBatch,
// "cv" the OpenCV float buffer path on two threads. Empty string on success, else the error.
std::string run(const QString &impl, const Policy &policy, const torch::Tensor &x, std::uint64_t seed,
                torch::Tensor &out, std::int64_t firstIndex = 0)
{
    if (impl == QLatin1String("tensor")) {
        auto r = augmentBatch(policy, x, seed, firstIndex);
        if (!r)
            return r.error().message();
        out = std::move(r).value();
        return {};
    }
#ifdef TENKAI_HAVE_OPENCV
    const auto in = x.contiguous();
    out = torch::empty_like(in);
    const ImageBufferShape shape{in.size(0), int(in.size(1)), int(in.size(2)), int(in.size(3))};
    const auto status =
        augmentBuffer(policy, in.data_ptr<float>(), out.data_ptr<float>(), shape, seed, 2, firstIndex);
    return status ? std::string() : status.error().message();
#else
    return "built without OpenCV";
#endif
}

double maxAbsDiff(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

// Independent reference implementations of the geometric transforms, by plain loops over pixels.
torch::Tensor referenceShift(const torch::Tensor &x, const Policy &p, std::uint64_t seed)
{
    const auto n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    auto out = torch::zeros_like(x);
    auto src = x.accessor<float, 4>();
    auto dst = out.accessor<float, 4>();
    for (std::int64_t i = 0; i < n; ++i) {
        const auto d = drawImage(p, seed, i, int(h), int(w))[0];
        const int sx = d.apply ? d.x : 0;
        const int sy = d.apply ? d.y : 0;
        for (std::int64_t ch = 0; ch < c; ++ch)
            for (std::int64_t y = 0; y < h; ++y)
                for (std::int64_t xx = 0; xx < w; ++xx)
                    if (xx + sx >= 0 && xx + sx < w && y + sy >= 0 && y + sy < h)
                        dst[i][ch][y][xx] = src[i][ch][y + sy][xx + sx];
    }
    return out;
}

torch::Tensor referenceCutout(const torch::Tensor &x, const Policy &p, std::uint64_t seed)
{
    const auto n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    const int size = p.transforms[0].size;
    auto out = x.clone();
    auto dst = out.accessor<float, 4>();
    for (std::int64_t i = 0; i < n; ++i) {
        const auto d = drawImage(p, seed, i, int(h), int(w))[0];
        if (!d.apply)
            continue;
        for (std::int64_t ch = 0; ch < c; ++ch)
            for (std::int64_t y = d.y - size / 2; y < d.y - size / 2 + size; ++y)
                for (std::int64_t xx = d.x - size / 2; xx < d.x - size / 2 + size; ++xx)
                    if (y >= 0 && y < h && xx >= 0 && xx < w)
                        dst[i][ch][y][xx] = 0;
    }
    return out;
}

torch::Tensor referenceBlur(const torch::Tensor &x, const Policy &p, std::uint64_t seed)
{
    const auto n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    auto out = x.clone();
    auto src = x.accessor<float, 4>();
    auto dst = out.accessor<float, 4>();
    for (std::int64_t i = 0; i < n; ++i) {
        const auto d = drawImage(p, seed, i, int(h), int(w))[0];
        if (!d.apply)
            continue;
        const auto taps = blurTaps(d.value);
        for (std::int64_t ch = 0; ch < c; ++ch)
            for (std::int64_t y = 0; y < h; ++y)
                for (std::int64_t xx = 0; xx < w; ++xx) {
                    double sum = 0;
                    for (int dy = -2; dy <= 2; ++dy)
                        for (int dx = -2; dx <= 2; ++dx)
                            sum += double(taps[std::size_t(dy + 2)]) * taps[std::size_t(dx + 2)] *
                                   src[i][ch][std::clamp<std::int64_t>(y + dy, 0, h - 1)]
                                      [std::clamp<std::int64_t>(xx + dx, 0, w - 1)];
                    dst[i][ch][y][xx] = float(std::clamp(sum, 0.0, 1.0));
                }
    }
    return out;
}

#ifdef TENKAI_HAVE_OPENCV
struct Stats
{
    double mean = 0;
    double stddev = 0;
    double meanAbsChange = 0; // mean |out - in|
};

Stats statsOf(const torch::Tensor &out, const torch::Tensor &in)
{
    const auto o = out.to(torch::kDouble);
    return {o.mean().item<double>(), o.std().item<double>(),
            (o - in.to(torch::kDouble)).abs().mean().item<double>()};
}
#endif

} // namespace

class TestAugment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parsesGoodText_data();
    void parsesGoodText();
    void parsedValues();
    void rejectsBadText_data();
    void rejectsBadText();
    void rejectsBadHandBuiltPolicy_data();
    void rejectsBadHandBuiltPolicy();
    void builtInPolicies();
    void memberPoliciesDiffer();
    void drawsFollowTheRanges();
    void exactEffects_data();
    void exactEffects();
    void deterministicPerSeed_data();
    void deterministicPerSeed();
    void staysInUnitRange_data();
    void staysInUnitRange();
    void noiseIsGaussian_data();
    void noiseIsGaussian();
    void rejectsBadBatch();
    void tensorAndOpenCvAgree_data();
    void tensorAndOpenCvAgree();
    void cudaMatchesCpu();

private:
    torch::Tensor m_fashion8; // 1000 test images, uint8 N x 1 x 28 x 28
    torch::Tensor m_fashion;  // the same on the 0..1 scale, float
    torch::Tensor m_colour;   // 6 random 3-channel 20 x 24 images, 0..1
};

void TestAugment::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")),
             "the dataset-fashion-mnist package is required (scripts/setup-debian.sh installs it)");
    auto data = loadFashionMnist(kFashionDir);
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().message().c_str());
    m_fashion8 = data.value().test.images.narrow(0, 0, 1000).contiguous();
    m_fashion = m_fashion8.to(torch::kFloat).div(255.0);
    torch::manual_seed(7);
    m_colour = torch::rand({6, 3, 20, 24});
}

void TestAugment::parsesGoodText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("count");
    QTest::newRow("the brief's example")
        << QStringLiteral("hflip:0.5,rotate:10,crop:2,brightness:0.2,noise:0.05")
        << QStringLiteral("hflip:0.5,rotate:10,crop:2,brightness:0.2,noise:0.05") << 5;
    QTest::newRow("spaces, @ and a pair") << QStringLiteral(" hflip , vflip@0.25 , rotate:-5/15@0.5 ")
                                          << QStringLiteral("hflip,vflip:0.25,rotate:-5/15@0.5") << 3;
    QTest::newRow("empty") << QString() << QStringLiteral("none") << 0;
    QTest::newRow("none") << QStringLiteral("none") << QStringLiteral("none") << 0;
    QTest::newRow("contrast factor") << QStringLiteral("contrast:0.3") << QStringLiteral("contrast:0.3") << 1;
    QTest::newRow("contrast pair") << QStringLiteral("contrast:-0.5/-0.2")
                                   << QStringLiteral("contrast:-0.5/-0.2") << 1;
    QTest::newRow("gamma pair") << QStringLiteral("gamma:0.5/2") << QStringLiteral("gamma:0.5/2") << 1;
    QTest::newRow("fixed noise") << QStringLiteral("noise:0.1") << QStringLiteral("noise:0.1") << 1;
    QTest::newRow("equal pair is fixed") << QStringLiteral("blur:0.7/0.7") << QStringLiteral("blur:0.7") << 1;
    QTest::newRow("symmetric pair") << QStringLiteral("brightness:-0.1/0.1")
                                    << QStringLiteral("brightness:0.1") << 1;
    QTest::newRow("whole number written as 8.0")
        << QStringLiteral("cutout:8.0@1") << QStringLiteral("cutout:8") << 1;
    QTest::newRow("plus sign and exponent")
        << QStringLiteral("brightness:+1e-1") << QStringLiteral("brightness:0.1") << 1;
    QTest::newRow("flip probability with @")
        << QStringLiteral("hflip@0.5") << QStringLiteral("hflip:0.5") << 1;
    QTest::newRow("repeated transform")
        << QStringLiteral("crop:1,crop:2") << QStringLiteral("crop:1,crop:2") << 2;
}

void TestAugment::parsesGoodText()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(int, count);
    const auto policy = parsePolicy(text.toStdString());
    QVERIFY2(policy.ok(), policy.ok() ? "" : policy.error().message().c_str());
    QCOMPARE(int(policy.value().transforms.size()), count);
    QCOMPARE(QString::fromStdString(policyToText(policy.value())), canonical);
    // The canonical text reads back to the same policy.
    const auto again = parsePolicy(canonical.toStdString());
    QVERIFY(again.ok());
    QVERIFY(again.value() == policy.value());
}

void TestAugment::parsedValues()
{
    const auto p = parsed("hflip:0.5,rotate:10,crop:2,contrast:0.25,gamma:0.5/2@0.3,cutout:6");
    const std::vector<Transform> expected = {
        {TransformKind::HFlip, 0, 0, 0, 0.5},   {TransformKind::Rotate, -10, 10, 0, 1},
        {TransformKind::Crop, 0, 0, 2, 1},      {TransformKind::Contrast, -0.25, 0.25, 0, 1},
        {TransformKind::Gamma, 0.5, 2, 0, 0.3}, {TransformKind::Cutout, 0, 0, 6, 1},
    };
    QCOMPARE(p.transforms.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(p.transforms[i] == expected[i], qPrintable(QString::number(i)));
    // The builders make the same transforms.
    const Policy built{{hflip(0.5), rotate(10), crop(2), contrast(0.25), gamma(0.5, 2, 0.3), cutout(6)}};
    QVERIFY(built == p);
}

void TestAugment::rejectsBadText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("detail");
    QTest::newRow("not a number")
        << QStringLiteral("hflip,rotate:abc")
        << QStringLiteral("rotate: expected degrees 0..180 or low/high in -180..180, got \"abc\"");
    QTest::newRow("too many degrees")
        << QStringLiteral("rotate:181")
        << QStringLiteral("rotate: expected degrees 0..180 or low/high in -180..180, got \"181\"");
    QTest::newRow("unknown name") << QStringLiteral("rotat:10")
                                  << QStringLiteral(
                                         "unknown transform \"rotat\" (expected one of hflip, vflip, "
                                         "rotate, crop, brightness, contrast, gamma, noise, blur, "
                                         "cutout)");
    QTest::newRow("names are lower case")
        << QStringLiteral("HFlip")
        << QStringLiteral("unknown transform \"HFlip\" (expected one of "
                          "hflip, vflip, rotate, crop, brightness, contrast, "
                          "gamma, noise, blur, cutout)");
    QTest::newRow("flip probability above 1")
        << QStringLiteral("hflip:2") << QStringLiteral("hflip: expected probability 0..1, got \"2\"");
    QTest::newRow("flip probability twice")
        << QStringLiteral("hflip:0.5@0.5")
        << QStringLiteral("hflip: expected the probability once (\":p\" or \"@p\"), got \"0.5@0.5\"");
    QTest::newRow("fractional padding")
        << QStringLiteral("crop:1.5")
        << QStringLiteral("crop: expected padding 0..64 (whole pixels), got \"1.5\"");
    QTest::newRow("pair for a size") << QStringLiteral("crop:1/2")
                                     << QStringLiteral(
                                            "crop: expected padding 0..64 (whole pixels), got \"1/2\"");
    QTest::newRow("zero cutout") << QStringLiteral("cutout:0")
                                 << QStringLiteral("cutout: expected size 1..256 (whole pixels), got \"0\"");
    QTest::newRow("missing numbers")
        << QStringLiteral("gamma")
        << QStringLiteral("gamma: expected exponent 0.1..10 or low/high in 0.1..10, got nothing");
    QTest::newRow("empty numbers") << QStringLiteral("noise:")
                                   << QStringLiteral(
                                          "noise: expected sigma 0..1 or low/high in 0..1, got \"\"");
    QTest::newRow("low above high") << QStringLiteral("brightness:0.3/0.1")
                                    << QStringLiteral("brightness: expected low <= high, got \"0.3/0.1\"");
    QTest::newRow("bad probability") << QStringLiteral("noise:0.05@1.5")
                                     << QStringLiteral(
                                            "noise: expected probability 0..1 after \"@\", got \"1.5\"");
    QTest::newRow("empty item") << QStringLiteral("hflip,,vflip")
                                << QStringLiteral("empty item 2 (expected name[:numbers][@probability])");
    QTest::newRow("trailing comma") << QStringLiteral("hflip,")
                                    << QStringLiteral("empty item 2 (expected name[:numbers][@probability])");
    QTest::newRow("three numbers")
        << QStringLiteral("blur:0.1/0.5/0.9")
        << QStringLiteral("blur: expected sigma 0.1..1.5 or low/high in 0.1..1.5, got \"0.1/0.5/0.9\"");
    QTest::newRow("not finite") << QStringLiteral("noise:nan")
                                << QStringLiteral(
                                       "noise: expected sigma 0..1 or low/high in 0..1, got \"nan\"");
    QTest::newRow("negative factor")
        << QStringLiteral("contrast:-0.2")
        << QStringLiteral("contrast: expected factor 0..1 or low/high in -1..3, got \"-0.2\"");
    QTest::newRow("trailing junk")
        << QStringLiteral("rotate:10deg")
        << QStringLiteral("rotate: expected degrees 0..180 or low/high in -180..180, got \"10deg\"");
}

void TestAugment::rejectsBadText()
{
    QFETCH(QString, text);
    QFETCH(QString, detail);
    const auto policy = parsePolicy(text.toStdString());
    QVERIFY(!policy.ok());
    QCOMPARE(int(policy.error().code), int(ErrorCode::InvalidArgument));
    QCOMPARE(QString::fromStdString(policy.error().subject), QStringLiteral("augmentation"));
    QCOMPARE(QString::fromStdString(policy.error().detail), detail);
    QCOMPARE(QString::fromStdString(policy.error().message()),
             QStringLiteral("Invalid value for augmentation: ") + detail);
    // policyFor gives the same error for text that is not a built-in name.
    const auto viaFor = policyFor(text.toStdString());
    QVERIFY(!viaFor.ok());
    QCOMPARE(QString::fromStdString(viaFor.error().detail), detail);
}

void TestAugment::rejectsBadHandBuiltPolicy_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("detail");
    QTest::newRow("rotate beyond 180")
        << 0
        << QStringLiteral("rotate: expected degrees 0..180 or low/high in -180..180, got \"rotate:200\"");
    QTest::newRow("probability above 1")
        << 1 << QStringLiteral("hflip: expected probability 0..1, got \"hflip:1.5\"");
    QTest::newRow("gamma low above high")
        << 2 << QStringLiteral("gamma: expected low <= high, got \"gamma:2/1\"");
    QTest::newRow("huge cutout") << 3
                                 << QStringLiteral(
                                        "cutout: expected size 1..256 (whole pixels), got \"cutout:300\"");
}

void TestAugment::rejectsBadHandBuiltPolicy()
{
    QFETCH(int, which);
    QFETCH(QString, detail);
    const Transform bad[] = {rotate(200), hflip(1.5), gamma(2, 1), cutout(300)};
    const Policy policy{{hflip(), bad[which]}};
    const auto status = validatePolicy(policy);
    QVERIFY(!status.ok());
    QCOMPARE(int(status.error().code), int(ErrorCode::InvalidArgument));
    QCOMPARE(QString::fromStdString(status.error().detail), detail);
    // Both implementations refuse it before touching an image.
    const auto batch = augmentBatch(policy, m_fashion.narrow(0, 0, 2), kSeed);
    QVERIFY(!batch.ok());
    QCOMPARE(QString::fromStdString(batch.error().detail), detail);
#ifdef TENKAI_HAVE_OPENCV
    std::vector<std::uint8_t> out(2 * 784);
    const auto cv =
        augmentBuffer(policy, m_fashion8.data_ptr<std::uint8_t>(), out.data(), {2, 1, 28, 28}, kSeed, 1);
    QVERIFY(!cv.ok());
    QCOMPARE(QString::fromStdString(cv.error().detail), detail);
#endif
}

void TestAugment::builtInPolicies()
{
    const std::vector<std::string> names = {"none",   "flip",  "geometric", "photometric", "noise",
                                            "cutout", "heavy", "lowlight",  "mirror-tilt", "sensor-noise"};
    QVERIFY(policyNames() == names);
    for (const auto &name : names) {
        const auto p = policyFor(name);
        QVERIFY2(p.ok(), name.c_str());
        QCOMPARE(p.value().empty(), name == "none");
        QVERIFY2(validatePolicy(p.value()).ok(), name.c_str());
        const auto again = parsePolicy(policyToText(p.value()));
        QVERIFY2(again.ok() && again.value() == p.value(), name.c_str());
    }
    QVERIFY(policyFor("geometric").value() == parsed("hflip:0.5,rotate:10,crop:2"));
    QVERIFY(policyFor("flip").value() == parsed("hflip:0.5"));
    // A name wins over the text form; anything else is read as text.
    QVERIFY(policyFor("cutout").value() == parsed("cutout:8"));
    QVERIFY(policyFor(" rotate:5 ").value() == parsed("rotate:5"));
    QVERIFY(policyFor("heavy").value().transforms.size() >= 8);
    const auto unknown = policyFor("sepia");
    QVERIFY(!unknown.ok());
    QVERIFY2(QString::fromStdString(unknown.error().detail)
                 .startsWith(QStringLiteral("unknown transform \"sepia\"")),
             unknown.error().detail.c_str());
}

void TestAugment::memberPoliciesDiffer()
{
    QVERIFY(memberPolicyNames(0).empty());
    const auto ten = memberPolicyNames(10);
    QCOMPARE(ten.size(), std::size_t(10));
    QCOMPARE(std::set<std::string>(ten.begin(), ten.end()).size(), std::size_t(10));
    QCOMPARE(QString::fromStdString(ten[0]), QStringLiteral("geometric"));
    QCOMPARE(QString::fromStdString(ten[1]), QStringLiteral("photometric"));
    const auto twelve = memberPolicyNames(12);
    QVERIFY(twelve[10] == ten[0]);
    QVERIFY(twelve[11] == ten[1]);
    const auto policies = memberPolicies(3);
    QCOMPARE(policies.size(), std::size_t(3));
    QVERIFY(policies[0] == policyFor("geometric").value());
    QVERIFY(policies[1] == policyFor("photometric").value());
    QVERIFY(policies[2] == policyFor("noise").value());
    QVERIFY(!(policies[0] == policies[1]));
}

void TestAugment::drawsFollowTheRanges()
{
    // Over many images the draws cover their ranges (and only them), and p is honoured.
    const auto p = parsed("rotate:-5/15,crop:2,cutout:4,brightness:0.2@0.25");
    std::set<int> shifts;
    std::set<int> centres;
    double minAngle = 1e9, maxAngle = -1e9;
    int applied = 0;
    const int n = 4000;
    for (int i = 0; i < n; ++i) {
        const auto d = drawImage(p, kSeed, i, 20, 24);
        QCOMPARE(d.size(), std::size_t(4));
        QVERIFY(d[0].apply && d[1].apply && d[2].apply);
        minAngle = std::min(minAngle, d[0].value);
        maxAngle = std::max(maxAngle, d[0].value);
        shifts.insert(d[1].x);
        shifts.insert(d[1].y);
        QVERIFY(d[2].x >= 0 && d[2].x < 24 && d[2].y >= 0 && d[2].y < 20);
        centres.insert(d[2].x);
        applied += d[3].apply ? 1 : 0;
        QVERIFY(d[3].value >= -0.2 && d[3].value <= 0.2);
    }
    QVERIFY2(minAngle >= -5 && minAngle < -4.9 && maxAngle <= 15 && maxAngle > 14.9,
             qPrintable(QStringLiteral("%1 .. %2").arg(minAngle).arg(maxAngle)));
    QVERIFY(shifts == (std::set<int>{-2, -1, 0, 1, 2}));
    QCOMPARE(int(centres.size()), 24);
    // Binomial(4000, 0.25): mean 1000, standard deviation 27; 4 standard deviations either way.
    QVERIFY2(std::abs(applied - 1000) < 110, qPrintable(QString::number(applied)));
    // Different images and seeds get different values.
    QVERIFY(drawImage(p, kSeed, 0, 20, 24)[0].value != drawImage(p, kSeed, 1, 20, 24)[0].value);
    QVERIFY(drawImage(p, kSeed, 0, 20, 24)[0].value != drawImage(p, kSeed + 1, 0, 20, 24)[0].value);
    // The blur kernel: 3 taps up to sigma 0.5, 5 above, gaussian, summing to 1.
    const auto small = blurTaps(0.5);
    QCOMPARE(small[0], 0.0f);
    QCOMPARE(small[4], 0.0f);
    QCOMPARE(small[1], small[3]);
    QVERIFY(std::abs(small[1] / small[2] - std::exp(-2.0)) < 1e-6);
    const auto wide = blurTaps(1.0);
    QVERIFY(wide[0] > 0);
    QVERIFY(std::abs(wide[1] / wide[2] - std::exp(-0.5)) < 1e-6);
    QVERIFY(std::abs(wide[0] / wide[2] - std::exp(-2.0)) < 1e-6);
    QVERIFY(std::abs(wide[0] + wide[1] + wide[2] + wide[3] + wide[4] - 1.0f) < 1e-6);
}

void TestAugment::exactEffects_data()
{
    QTest::addColumn<QString>("impl");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("channels"); // 1: Fashion-MNIST 28 x 28; 3: random 3 x 20 x 24
    QTest::addColumn<double>("tolerance");
    struct Row
    {
        const char *name;
        const char *policy;
        int channels;
        double tolerance;
    };
    // Tolerances: 0 where the result is a copy of input pixels; 1e-6 for one float add or multiply;
    // 1e-5 where a mean, a power or 25 blur taps are summed in a different order; rotate 90 exactly:
    // cos 90 is 6e-17, not 0, and the coordinates pass through grid_sample's -1..1 scale (1e-5).
    const Row rows[] = {
        {"hflip", "hflip", 1, 0},
        {"hflip colour", "hflip", 3, 0},
        {"vflip", "vflip", 1, 0},
        {"vflip colour", "vflip", 3, 0},
        {"brightness fixed", "brightness:0.1/0.1", 1, 1e-6},
        {"brightness fixed down", "brightness:-0.3/-0.3", 3, 1e-6},
        {"contrast fixed", "contrast:0.5/0.5", 1, 1e-5},
        {"contrast fixed colour", "contrast:-0.4/-0.4", 3, 1e-5},
        {"gamma fixed", "gamma:2", 1, 1e-5},
        {"gamma fixed colour", "gamma:0.5", 3, 1e-5},
        {"crop 0 is identity", "crop:0", 1, 0},
        {"crop shifts", "crop:3", 1, 0},
        {"crop shifts colour", "crop:4@0.7", 3, 0},
        {"cutout", "cutout:9", 1, 0},
        {"cutout colour", "cutout:7@0.5", 3, 0},
        {"blur", "blur:1", 1, 1e-5},
        {"blur 3x3 colour", "blur:0.4", 3, 1e-5},
        {"blur random sigma", "blur:0.2/1.5@0.6", 3, 1e-5},
        {"rotate 0", "rotate:0", 3, 1e-5},
        {"rotate 90 counter-clockwise", "rotate:90/90", 1, 1e-5},
        {"rotate -90 clockwise", "rotate:-90/-90", 1, 1e-5},
        {"rotate 180", "rotate:180/180", 1, 1e-5},
        {"p 0 is identity",
         "hflip:0,vflip:0,rotate:30@0,crop:3@0,brightness:0.5@0,contrast:0.5@0,gamma:0.5/2@0,noise:0.2@0,"
         "blur:0.3/1@0,cutout:8@0",
         3, 0},
        {"none", "none", 1, 0},
    };
    for (const char *impl : {"tensor", "cv"}) {
        for (const auto &r : rows)
            QTest::addRow("%s: %s", impl, r.name)
                << QString::fromLatin1(impl) << QString::fromLatin1(r.policy) << r.channels << r.tolerance;
    }
}

void TestAugment::exactEffects()
{
    QFETCH(QString, impl);
    QFETCH(QString, policy);
    QFETCH(int, channels);
    QFETCH(double, tolerance);
    if (impl == QLatin1String("cv") && !haveOpenCv())
        QSKIP("built without OpenCV");
    const auto p = parsed(policy.toLatin1().constData());
    const auto x = channels == 1 ? m_fashion.narrow(0, 0, 16).contiguous() : m_colour;
    torch::Tensor out;
    const auto error = run(impl, p, x, kSeed, out);
    QVERIFY2(error.empty(), error.c_str());
    QVERIFY(out.sizes() == x.sizes());
    QVERIFY(out.scalar_type() == torch::kFloat);

    torch::Tensor expected;
    const auto kind = p.empty() ? TransformKind::HFlip : p.transforms[0].kind;
    if (p.empty() || p.transforms.size() > 1 || policy == QLatin1String("crop:0") ||
        policy == QLatin1String("rotate:0"))
        expected = x;
    else if (kind == TransformKind::HFlip)
        expected = torch::flip(x, {3});
    else if (kind == TransformKind::VFlip)
        expected = torch::flip(x, {2});
    else if (kind == TransformKind::Brightness)
        expected = (x + float(p.transforms[0].low)).clamp(0, 1);
    else if (kind == TransformKind::Contrast) {
        const auto m = x.mean({1, 2, 3}, true);
        expected = ((x - m) * float(1 + p.transforms[0].low) + m).clamp(0, 1);
    } else if (kind == TransformKind::Gamma)
        expected = x.pow(p.transforms[0].low);
    else if (kind == TransformKind::Crop)
        expected = referenceShift(x, p, kSeed);
    else if (kind == TransformKind::Cutout)
        expected = referenceCutout(x, p, kSeed);
    else if (kind == TransformKind::Blur)
        expected = referenceBlur(x, p, kSeed);
    else if (kind == TransformKind::Rotate) {
        // rot90 with k = 1 turns the picture counter-clockwise: out[y][x] = in[x][W-1-y].
        const auto degrees = p.transforms[0].low;
        expected = torch::rot90(x, degrees == 90 ? 1 : degrees == -90 ? -1 : 2, {2, 3});
    }
    QVERIFY(expected.defined());
    const double diff = maxAbsDiff(out, expected);
    QVERIFY2(diff <= tolerance, qPrintable(QStringLiteral("max |out - expected| = %1").arg(diff)));
    // Each row changes the images unless it is an identity row, so a no-op implementation fails.
    if (!torch::equal(expected, x))
        QVERIFY(maxAbsDiff(out, x) > 0.05);
    else if (tolerance == 0)
        QVERIFY(torch::equal(out, x));
}

void TestAugment::deterministicPerSeed_data()
{
    QTest::addColumn<QString>("impl");
    QTest::newRow("tensor") << QStringLiteral("tensor");
    QTest::newRow("cv") << QStringLiteral("cv");
}

void TestAugment::deterministicPerSeed()
{
    QFETCH(QString, impl);
    if (impl == QLatin1String("cv") && !haveOpenCv())
        QSKIP("built without OpenCV");
    const auto p = policyFor("heavy").value();
    const auto x = m_fashion.narrow(0, 0, 64).contiguous();
    torch::Tensor a, b, c, first, second;
    QVERIFY(run(impl, p, x, kSeed, a).empty());
    QVERIFY(run(impl, p, x, kSeed, b).empty());
    QVERIFY(run(impl, p, x, kSeed + 1, c).empty());
    QVERIFY(torch::equal(a, b));
    QVERIFY(!torch::equal(a, c));
    QVERIFY(maxAbsDiff(a, x) > 0.1);
    // Image i depends on (seed, firstIndex + i) only: a batch in two pieces gives the same images.
    QVERIFY(run(impl, p, x.narrow(0, 0, 24), kSeed, first).empty());
    QVERIFY(run(impl, p, x.narrow(0, 24, 40), kSeed, second, 24).empty());
    QVERIFY(torch::equal(torch::cat({first, second}), a));
    QVERIFY(!torch::equal(second, a.narrow(0, 0, 40)));
#ifdef TENKAI_HAVE_OPENCV
    if (impl == QLatin1String("cv")) {
        // The thread count does not change the result, for uint8 buffers too.
        const auto in = m_fashion8.narrow(0, 0, 64).contiguous();
        std::vector<std::vector<std::uint8_t>> outs;
        for (int threads : {1, 2, 3, 64}) {
            std::vector<std::uint8_t> out(std::size_t(in.numel()));
            QVERIFY(augmentBuffer(p, in.data_ptr<std::uint8_t>(), out.data(), {64, 1, 28, 28}, kSeed, threads)
                        .ok());
            outs.push_back(std::move(out));
        }
        QVERIFY(outs[0] == outs[1] && outs[0] == outs[2] && outs[0] == outs[3]);
        // In place works too.
        auto inPlace =
            std::vector<std::uint8_t>(in.data_ptr<std::uint8_t>(), in.data_ptr<std::uint8_t>() + in.numel());
        QVERIFY(augmentBuffer(p, inPlace.data(), inPlace.data(), {64, 1, 28, 28}, kSeed, 2).ok());
        QVERIFY(inPlace == outs[0]);
    }
#endif
}

void TestAugment::staysInUnitRange_data()
{
    QTest::addColumn<QString>("impl");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<double>("offset"); // brightness offset whose clamping is counted; 0: none
    for (const char *impl : {"tensor", "cv"}) {
        QTest::addRow("%s: brightness up", impl)
            << QString::fromLatin1(impl) << QStringLiteral("brightness:0.6/0.6") << 0.6;
        QTest::addRow("%s: brightness down", impl)
            << QString::fromLatin1(impl) << QStringLiteral("brightness:-0.6/-0.6") << -0.6;
        QTest::addRow("%s: strong contrast and noise", impl)
            << QString::fromLatin1(impl) << QStringLiteral("contrast:2/2,noise:0.3,blur:0.5") << 0.0;
        QTest::addRow("%s: heavy", impl) << QString::fromLatin1(impl) << QStringLiteral("heavy") << 0.0;
    }
}

void TestAugment::staysInUnitRange()
{
    QFETCH(QString, impl);
    QFETCH(QString, policy);
    QFETCH(double, offset);
    if (impl == QLatin1String("cv") && !haveOpenCv())
        QSKIP("built without OpenCV");
    const auto x = m_fashion.narrow(0, 0, 200).contiguous();
    torch::Tensor out;
    const auto error = run(impl, policyFor(policy.toStdString()).value(), x, kSeed, out);
    QVERIFY2(error.empty(), error.c_str());
    if (offset <= 0)
        QCOMPARE(out.min().item<float>(), 0.0f);
    else
        QVERIFY(out.min().item<float>() > 0.55f);
    if (offset != 0) {
        // Exactly the pixels pushed past the end are held there.
        const auto pushed = offset > 0 ? (x + float(offset) >= 1) : (x + float(offset) <= 0);
        const auto held = offset > 0 ? (out == 1) : (out == 0);
        QCOMPARE(held.sum().item<std::int64_t>(), pushed.sum().item<std::int64_t>());
        QVERIFY(pushed.sum().item<std::int64_t>() > 1000);
    }
    if (offset >= 0)
        QCOMPARE(out.max().item<float>(), 1.0f);
    else
        QVERIFY(out.max().item<float>() < 0.45f);
}

void TestAugment::noiseIsGaussian_data()
{
    deterministicPerSeed_data();
}

void TestAugment::noiseIsGaussian()
{
    QFETCH(QString, impl);
    if (impl == QLatin1String("cv") && !haveOpenCv())
        QSKIP("built without OpenCV");
    // 64 grey images, 50,176 pixels: sigma 0.1 keeps all but 1 in 10^6 of them clear of 0 and 1.
    const auto x = torch::full({64, 1, 28, 28}, 0.5f);
    torch::Tensor out;
    QVERIFY(run(impl, parsed("noise:0.1"), x, kSeed, out).empty());
    const auto z = (out - x).to(torch::kDouble) / 0.1;
    const double mean = z.mean().item<double>();
    const double sd = z.std().item<double>();
    const double within1 = (z.abs() < 1).to(torch::kDouble).mean().item<double>();
    const double within2 = (z.abs() < 2).to(torch::kDouble).mean().item<double>();
    // Standard errors for n = 50,176: mean 0.0045, sd 0.0032, P(|z|<1) 0.0021, P(|z|<2) 0.0010.
    // Limits of about 4 standard errors (the seed is fixed, so this cannot flicker).
    QVERIFY2(std::abs(mean) < 0.02, qPrintable(QString::number(mean)));
    QVERIFY2(std::abs(sd - 1) < 0.013, qPrintable(QString::number(sd)));
    QVERIFY2(std::abs(within1 - 0.6827) < 0.009, qPrintable(QString::number(within1)));
    QVERIFY2(std::abs(within2 - 0.9545) < 0.004, qPrintable(QString::number(within2)));
    // Each image has its own noise.
    QVERIFY(!torch::equal(out[0], out[1]));
}

void TestAugment::rejectsBadBatch()
{
    const auto p = parsed("hflip");
    const auto threeD = augmentBatch(p, torch::zeros({2, 28, 28}), kSeed);
    QVERIFY(!threeD.ok());
    QCOMPARE(int(threeD.error().code), int(ErrorCode::InvalidArgument));
    QCOMPARE(QString::fromStdString(threeD.error().detail),
             QStringLiteral("expected N x C x H x W images, got 3 dimensions"));
    const auto ints = augmentBatch(p, torch::zeros({2, 1, 4, 4}, torch::kInt), kSeed);
    QVERIFY(!ints.ok());
    QCOMPARE(QString::fromStdString(ints.error().detail),
             QStringLiteral("expected float (0..1) or uint8 (0..255) images, got Int"));
    // uint8 input is read on the 0..255 scale and gives the same as its float form.
    const auto fromBytes = augmentBatch(policyFor("heavy").value(), m_fashion8.narrow(0, 0, 32), kSeed);
    const auto fromFloats = augmentBatch(policyFor("heavy").value(), m_fashion.narrow(0, 0, 32), kSeed);
    QVERIFY(fromBytes.ok() && fromFloats.ok());
    QVERIFY(maxAbsDiff(fromBytes.value(), fromFloats.value()) < 1e-6);
    // The input batch is left alone.
    const auto before = m_fashion.narrow(0, 0, 32).clone();
    QVERIFY(torch::equal(before, m_fashion.narrow(0, 0, 32)));
#ifdef TENKAI_HAVE_OPENCV
    std::vector<std::uint8_t> out(16);
    const auto bad =
        augmentBuffer(p, m_fashion8.data_ptr<std::uint8_t>(), out.data(), {1, 5, 4, 4}, kSeed, 1);
    QVERIFY(!bad.ok());
    QCOMPARE(int(bad.error().code), int(ErrorCode::InvalidArgument));
#endif
}

void TestAugment::tensorAndOpenCvAgree_data()
{
    QTest::addColumn<QString>("policy");
    for (const auto &name : policyNames())
        QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

void TestAugment::tensorAndOpenCvAgree()
{
    QFETCH(QString, policy);
    if (!haveOpenCv())
        QSKIP("built without OpenCV");
#ifdef TENKAI_HAVE_OPENCV
    const auto p = policyFor(policy.toStdString()).value();
    // The tensor path on the 1,000 images as floats; the OpenCV path on the same uint8 buffer, as the
    // training pipeline uses it (two threads).
    const auto tensor = augmentBatch(p, m_fashion, kSeed);
    QVERIFY(tensor.ok());
    const auto t = tensor.value();
    auto cv8 = torch::empty_like(m_fashion8);
    QVERIFY(augmentBuffer(p, m_fashion8.data_ptr<std::uint8_t>(), cv8.data_ptr<std::uint8_t>(),
                          {1000, 1, 28, 28}, kSeed, 2)
                .ok());
    const auto c = cv8.to(torch::kFloat).div(255.0);

    const auto st = statsOf(t, m_fashion);
    const auto sc = statsOf(c, m_fashion);
    const double perPixel = (t - c).abs().mean().item<double>();
    qInfo("%-12s tensor mean %.5f sd %.5f change %.5f | cv mean %.5f sd %.5f change %.5f | |t-cv| %.6f",
          qPrintable(policy), st.mean, st.stddev, st.meanAbsChange, sc.mean, sc.stddev, sc.meanAbsChange,
          perPixel);

    // Both implementations take every random value from drawImage (flips, angles, shifts, offsets,
    // scales, exponents, sigmas, cutout centres, and the per-pixel noise itself), so they are meant to
    // give the same images. What remains: OpenCV rounds its uint8 output (at most 0.5/255 = 0.002 per
    // pixel, 0.001 on average, unbiased, so about 1e-6 on statistics over 784,000 pixels), warpAffine
    // snaps sample positions to 1/32 pixel and cv::pow is approximate. Measured: statistics differ by at
    // most 4e-5, images by at most 0.0013 per pixel on average. The limits, 2e-4 and 0.002, leave a
    // margin of 5x and 1.5x, yet are tight: the same implementation with 20 different seeds spreads its
    // mean by 4e-4 ("geometric") to 0.016 ("heavy") and its mean change by 0.002 to 0.008, so a value
    // drawn differently in one implementation fails the statistics. The per-pixel limit also catches what
    // statistics cannot see: a rotation the wrong way round differs by 0.13 per pixel.
    QVERIFY2(std::abs(st.mean - sc.mean) < 2e-4, "mean");
    QVERIFY2(std::abs(st.stddev - sc.stddev) < 2e-4, "standard deviation");
    QVERIFY2(std::abs(st.meanAbsChange - sc.meanAbsChange) < 2e-4, "mean change");
    QVERIFY2(perPixel < 0.002, qPrintable(QString::number(perPixel)));
    // And every policy other than "none" really changes the images (else the comparison is empty).
    if (policy == QLatin1String("none")) {
        QCOMPARE(st.meanAbsChange, 0.0);
        QCOMPARE(sc.meanAbsChange, 0.0);
    } else {
        QVERIFY2(st.meanAbsChange > 0.01, qPrintable(QString::number(st.meanAbsChange)));
    }
#endif
}

void TestAugment::cudaMatchesCpu()
{
    if (!torch::cuda::is_available())
        QSKIP("no CUDA device");
    const auto p = policyFor("heavy").value();
    const auto x = m_fashion.narrow(0, 0, 256);
    const auto cpu = augmentBatch(p, x, kSeed);
    const auto gpu = augmentBatch(p, x.to(torch::kCUDA), kSeed);
    QVERIFY(cpu.ok() && gpu.ok());
    QVERIFY(gpu.value().is_cuda());
    // Same draws and noise; only float rounding inside the kernels differs.
    const double diff = maxAbsDiff(cpu.value(), gpu.value().cpu());
    QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));
}

QTEST_GUILESS_MAIN(TestAugment)
#include "tst_augment.moc"
