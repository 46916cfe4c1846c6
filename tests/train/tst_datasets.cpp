// CIFAR-10 binary batches and image folders: exact pixel layout, splits, and one clear error per damage.
#include "../support/idx_writer.h"
#include "dataset.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <sys/resource.h>
#include <torch/torch.h>
#include <vector>
#include <zlib.h>

using namespace tenkai::train;
namespace t = tenkai::test;

namespace {

// One CIFAR record: label, then 1024 red, 1024 green, 1024 blue bytes. Pixel (y, x) of channel c is
// (c * 50 + y + x + seed) % 256, so the layout can be checked exactly.
QByteArray cifarRecord(int label, int seed)
{
    QByteArray r;
    r.append(char(label));
    for (int c = 0; c < 3; ++c)
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x)
                r.append(char((c * 50 + y + x + seed) % 256));
    return r;
}

QByteArray cifarBatch(int records, int firstSeed)
{
    QByteArray out;
    for (int i = 0; i < records; ++i)
        out += cifarRecord(i % 10, firstSeed + i);
    return out;
}

// Writes a w x h PNG whose pixels are all `value` (gray) or (value, value/2, 255-value) (color).
bool writePng(const QString &path, int w, int h, int value, bool color)
{
    QDir().mkpath(QFileInfo(path).path());
    cv::Mat m = color ? cv::Mat(h, w, CV_8UC3, cv::Scalar(255 - value, value / 2, value)) // BGR
                      : cv::Mat(h, w, CV_8UC1, cv::Scalar(value));
    return cv::imwrite(path.toStdString(), m);
}

// A decompression bomb: a valid w x h RGB PNG of zero pixels, its rows deflated as they are made
// (a 12000x12000 image, 432 MB decoded, is a file of about 0.4 MB), so the test itself never holds it.
QByteArray bombPng(quint32 w, quint32 h)
{
    const auto be = [](quint32 v) {
        const char bytes[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
        return QByteArray(bytes, 4);
    };
    // Explicit QByteArray results: with QT_USE_QSTRINGBUILDER, `auto` would keep a builder that
    // refers to temporaries.
    const auto chunk = [&](const char *type, const QByteArray &data) -> QByteArray {
        const QByteArray body = QByteArray(type) + data;
        const auto crc =
            quint32(::crc32(0, reinterpret_cast<const Bytef *>(body.constData()), uInt(body.size())));
        return be(quint32(data.size())) + body + be(crc);
    };
    z_stream z{};
    deflateInit(&z, 9);
    QByteArray packed;
    const QByteArray row(qsizetype(1 + 3 * w), '\0'); // filter byte 0, then the pixels
    std::vector<char> out(1 << 16);
    for (quint32 y = 0; y < h; ++y) {
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(row.constData()));
        z.avail_in = uInt(row.size());
        const int flush = y + 1 == h ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = reinterpret_cast<Bytef *>(out.data());
            z.avail_out = uInt(out.size());
            deflate(&z, flush);
            packed.append(out.data(), qsizetype(out.size() - z.avail_out));
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    const QByteArray header = be(w) + be(h) + QByteArray("\x08\x02\x00\x00\x00", 5);
    return QByteArray(QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", packed) +
                      chunk("IEND", {}));
}

// `perClass[c]` images of class c, sorted by class as a folder read in order is; image i holds the
// number i in its first two pixels (i / 256, i % 256), so a sample can be traced back.
ImageSet classSorted(const std::vector<int> &perClass)
{
    std::vector<std::int64_t> labels;
    for (std::size_t c = 0; c < perClass.size(); ++c)
        labels.insert(labels.end(), std::size_t(perClass[c]), std::int64_t(c));
    const auto n = std::int64_t(labels.size());
    auto images = torch::zeros({n, 1, 2, 2}, torch::kUInt8);
    for (std::int64_t i = 0; i < n; ++i) {
        images[i][0][0][0] = int(i / 256);
        images[i][0][0][1] = int(i % 256);
    }
    return ImageSet{images, torch::tensor(labels, torch::kInt64)};
}

std::vector<std::int64_t> idsOf(const ImageSet &set)
{
    std::vector<std::int64_t> ids;
    for (std::int64_t i = 0; i < set.size(); ++i)
        ids.push_back(set.images[i][0][0][0].item<std::int64_t>() * 256 +
                      set.images[i][0][0][1].item<std::int64_t>());
    return ids;
}

} // namespace

class TestDatasets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cifarLayoutIsExact();
    void cifarDamage_data();
    void cifarDamage();
    void imageFolderPresplit();
    void imageFolderSplitIsDeterministic();
    void imageFolderResizesAndConverts();
    void imageFolderDamage_data();
    void imageFolderDamage();
    void imageFolderClassList();
    void imageFolderWholeFolderAsTest();
    void imageHeaderClaimingGigabytesIsRefused();
    void unknownNameListsKnownOnes();
    void stratifiedSampleOfAClassSortedSet();
    void stratifiedSampleOfUnevenClasses();
    void holdOutIsStratifiedAndDisjoint();
};

void TestDatasets::cifarLayoutIsExact()
{
    QTemporaryDir dir;
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("data_batch_1.bin")), cifarBatch(4, 0)));
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("data_batch_2.bin")), cifarBatch(3, 100)));
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("test_batch.bin")), cifarBatch(2, 7)));
    const auto r = loadCifar10(dir.path().toStdString());
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    const auto &s = r.value();
    QCOMPARE(s.train.size(), std::int64_t(7));
    QCOMPARE(s.test.size(), std::int64_t(2));
    QCOMPARE(s.train.images.sizes().vec(), (std::vector<std::int64_t>{7, 3, 32, 32}));
    QCOMPARE(s.classes.size(), std::size_t(10));
    QCOMPARE(s.classes[0], std::string("airplane"));
    // Record 5 is the second record of batch 2: seed 101, label 1.
    QCOMPARE(s.train.labels[5].item<std::int64_t>(), std::int64_t(1));
    for (int c = 0; c < 3; ++c)
        QCOMPARE(int(s.train.images[5][c][3][4].item<std::uint8_t>()), (c * 50 + 3 + 4 + 101) % 256);
    QCOMPARE(s.mean.size(), std::size_t(3));
}

void TestDatasets::cifarDamage_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cut record") << QStringLiteral("cut") << QStringLiteral("data_batch_1.bin")
                                << QStringLiteral("not a whole number of 3073-byte records");
    QTest::newRow("label out of range") << QStringLiteral("label") << QStringLiteral("test_batch.bin")
                                        << QStringLiteral("label 10 of record 1 is outside 0..9");
    QTest::newRow("no test batch") << QStringLiteral("notest") << QStringLiteral("test_batch.bin")
                                   << QString();
    QTest::newRow("bad class list") << QStringLiteral("meta") << QStringLiteral("batches.meta.txt")
                                    << QStringLiteral("lists 3 class names, expected 10");
}

void TestDatasets::cifarDamage()
{
    QFETCH(QString, damage);
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QByteArray train = cifarBatch(3, 0);
    if (damage == QLatin1String("cut"))
        train.chop(5);
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("data_batch_1.bin")), train));
    QByteArray test = cifarBatch(2, 0);
    if (damage == QLatin1String("label"))
        test[3073] = char(10);
    if (damage != QLatin1String("notest"))
        QVERIFY(t::writeFile(dir.filePath(QStringLiteral("test_batch.bin")), test));
    if (damage == QLatin1String("meta"))
        QVERIFY(t::writeFile(dir.filePath(QStringLiteral("batches.meta.txt")), "cat\ndog\nbird\n"));
    const auto r = loadCifar10(dir.path().toStdString());
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.error().subject), dir.filePath(file));
    QVERIFY2(QString::fromStdString(r.error().detail).contains(expected), r.error().detail.c_str());
}

void TestDatasets::imageFolderPresplit()
{
    QTemporaryDir dir;
    for (const char *split : {"train", "test"})
        for (int c = 0; c < 3; ++c)
            for (int i = 0; i < 2; ++i)
                QVERIFY(writePng(
                    dir.filePath(
                        QStringLiteral("%1/class-%2/img%3.png").arg(QLatin1String(split)).arg(c).arg(i)),
                    20, 20, 40 * c + i, false));
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("train/class-0/notes.txt")), "ignored"));
    const auto r = loadImageFolder(dir.path().toStdString(), {});
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    const auto &s = r.value();
    QCOMPARE(s.classes, (std::vector<std::string>{"class-0", "class-1", "class-2"}));
    QCOMPARE(s.train.images.sizes().vec(), (std::vector<std::int64_t>{6, 1, 20, 20}));
    QCOMPARE(s.test.size(), std::int64_t(6));
    QCOMPARE(s.train.labels[4].item<std::int64_t>(), std::int64_t(2));
    QCOMPARE(int(s.train.images[4][0][7][9].item<std::uint8_t>()), 80);
    QCOMPARE(int(s.train.images[5][0][0][0].item<std::uint8_t>()), 81);
}

void TestDatasets::imageFolderSplitIsDeterministic()
{
    QTemporaryDir dir;
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < 10; ++i)
            QVERIFY(writePng(dir.filePath(QStringLiteral("c%1/%2.png").arg(c).arg(i)), 16, 16, 10 * i + c,
                             false));
    ImageFolderOptions options;
    options.testFraction = 0.3;
    const auto a = loadImageFolder(dir.path().toStdString(), options);
    const auto b = loadImageFolder(dir.path().toStdString(), options);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a.value().test.size(), std::int64_t(6)); // 3 of 10 per class
    QCOMPARE(a.value().train.size(), std::int64_t(14));
    QVERIFY(torch::equal(a.value().test.images, b.value().test.images));
    options.splitSeed = 99;
    const auto c = loadImageFolder(dir.path().toStdString(), options);
    QVERIFY(c.ok());
    QVERIFY(!torch::equal(a.value().test.images, c.value().test.images));
}

void TestDatasets::imageFolderResizesAndConverts()
{
    QTemporaryDir dir;
    QVERIFY(writePng(dir.filePath(QStringLiteral("train/a/big.png")), 64, 48, 200, true));
    QVERIFY(writePng(dir.filePath(QStringLiteral("train/b/small.png")), 10, 10, 100, true));
    QVERIFY(writePng(dir.filePath(QStringLiteral("test/a/x.png")), 30, 30, 200, true));
    QVERIFY(writePng(dir.filePath(QStringLiteral("test/b/y.png")), 30, 30, 100, true));
    ImageFolderOptions options;
    options.width = 32;
    options.height = 32;
    const auto r = loadImageFolder(dir.path().toStdString(), options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    QCOMPARE(r.value().train.images.sizes().vec(), (std::vector<std::int64_t>{2, 3, 32, 32}));
    // RGB order after OpenCV's BGR: (value, value/2, 255-value).
    QCOMPARE(int(r.value().train.images[0][0][5][5].item<std::uint8_t>()), 200);
    QCOMPARE(int(r.value().train.images[0][1][5][5].item<std::uint8_t>()), 100);
    QCOMPARE(int(r.value().train.images[0][2][5][5].item<std::uint8_t>()), 55);
    options.channels = 1;
    const auto gray = loadImageFolder(dir.path().toStdString(), options);
    QVERIFY(gray.ok());
    QCOMPARE(gray.value().train.images.size(1), std::int64_t(1));
}

void TestDatasets::imageFolderDamage_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("expected");
    QTest::newRow("mixed sizes") << QStringLiteral("mixed") << QStringLiteral("b/1.png")
                                 << QStringLiteral("is 12x12 but earlier images are 16x16");
    QTest::newRow("empty class") << QStringLiteral("empty") << QStringLiteral("c")
                                 << QStringLiteral("class folder holds no PNG, JPEG or BMP image");
    QTest::newRow("corrupt png") << QStringLiteral("corrupt") << QStringLiteral("b/0.png")
                                 << QStringLiteral("cannot be decoded as an image");
    QTest::newRow("one class only") << QStringLiteral("oneclass") << QString()
                                    << QStringLiteral("needs at least two class subfolders, found 1");
    QTest::newRow("test classes differ") << QStringLiteral("testdiff") << QStringLiteral("test")
                                         << QStringLiteral("its class subfolders differ");
    QTest::newRow("class list names a missing folder")
        << QStringLiteral("list-missing") << QStringLiteral("classes.txt")
        << QStringLiteral("line 2 names the class folder \"c\", which does not exist");
    QTest::newRow("class list leaves a folder out")
        << QStringLiteral("list-short") << QStringLiteral("classes.txt")
        << QStringLiteral("does not list the class folder \"a\"");
}

// classes.txt orders the classes and gives them display names.
void TestDatasets::imageFolderClassList()
{
    QTemporaryDir dir;
    for (const char *c : {"a", "b-c"})
        for (int i = 0; i < 2; ++i)
            QVERIFY(writePng(dir.filePath(QStringLiteral("%1/%2.png").arg(QLatin1String(c)).arg(i)), 16, 16,
                             c[0] == 'a' ? 10 : 20, false));
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("classes.txt")), "b-c\tb/c\r\na\n\n"));
    const auto r = loadImageFolder(dir.path().toStdString(), {});
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    QCOMPARE(r.value().classes, (std::vector<std::string>{"b/c", "a"}));
    // Label 0 is now the "b-c" folder's images.
    for (const auto *set : {&r.value().train, &r.value().test})
        for (std::int64_t i = 0; i < set->size(); ++i)
            QCOMPARE(int(set->images[i][0][0][0].item<std::uint8_t>()),
                     set->labels[i].item<std::int64_t>() == 0 ? 20 : 10);
}

void TestDatasets::imageFolderWholeFolderAsTest()
{
    // A dataset's split evaluated on its own: every image is a test image (one each is enough), and
    // the class names come from the dataset's classes.txt one level up.
    QTemporaryDir dir;
    for (const char *c : {"a", "b-c"})
        for (int i = 0; i < (c[0] == 'a' ? 3 : 1); ++i)
            QVERIFY(writePng(dir.filePath(QStringLiteral("test/%1/%2.png").arg(QLatin1String(c)).arg(i)), 16,
                             16, c[0] == 'a' ? 10 : 20, false));
    QVERIFY(t::writeFile(dir.filePath(QStringLiteral("classes.txt")), "b-c\tb/c\na\n"));
    ImageFolderOptions options;
    options.testFraction = 1;
    const auto r = loadImageFolder(dir.filePath(QStringLiteral("test")).toStdString(), options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message().c_str());
    QCOMPARE(r.value().classes, (std::vector<std::string>{"b/c", "a"}));
    QCOMPARE(r.value().train.size(), 0);
    QCOMPARE(r.value().test.size(), 4);
    for (std::int64_t i = 0; i < 4; ++i)
        QCOMPARE(int(r.value().test.images[i][0][0][0].item<std::uint8_t>()),
                 r.value().test.labels[i].item<std::int64_t>() == 0 ? 20 : 10);
    // The usual split would have refused the class with one image.
    QVERIFY(!loadImageFolder(dir.filePath(QStringLiteral("test")).toStdString(), {}).ok());
}

void TestDatasets::imageFolderDamage()
{
    QFETCH(QString, damage);
    QFETCH(QString, subject);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const bool presplit = damage == QLatin1String("testdiff");
    const QString root = presplit ? dir.filePath(QStringLiteral("train")) : dir.path();
    if (damage == QLatin1String("oneclass")) {
        for (int i = 0; i < 2; ++i)
            QVERIFY(writePng(root + QStringLiteral("/a/%1.png").arg(i), 16, 16, 1, false));
    } else {
        for (const char *c : {"a", "b"})
            for (int i = 0; i < 2; ++i)
                QVERIFY(writePng(root + QStringLiteral("/%1/%2.png").arg(QLatin1String(c)).arg(i), 16, 16, 1,
                                 false));
    }
    if (damage == QLatin1String("mixed"))
        QVERIFY(writePng(root + QStringLiteral("/b/1.png"), 12, 12, 1, false));
    if (damage == QLatin1String("list-missing"))
        QVERIFY(t::writeFile(dir.filePath(QStringLiteral("classes.txt")), "a\nc\nb\n"));
    if (damage == QLatin1String("list-short"))
        QVERIFY(t::writeFile(dir.filePath(QStringLiteral("classes.txt")), "b\n"));
    if (damage == QLatin1String("empty"))
        QVERIFY(QDir().mkpath(root + QStringLiteral("/c")));
    if (damage == QLatin1String("corrupt"))
        QVERIFY(t::writeFile(root + QStringLiteral("/b/0.png"), "\x89PNG\r\n\x1a\n but then nothing"));
    if (presplit) {
        for (const char *c : {"a", "z"})
            QVERIFY(writePng(dir.filePath(QStringLiteral("test/%1/0.png").arg(QLatin1String(c))), 16, 16, 1,
                             false));
    }
    const auto r = loadImageFolder(dir.path().toStdString(), {});
    QVERIFY(!r.ok());
    const QString want = subject.isEmpty() ? dir.path() : dir.filePath(subject);
    QCOMPARE(QString::fromStdString(r.error().subject), want);
    QVERIFY2(QString::fromStdString(r.error().detail).contains(expected), r.error().detail.c_str());
}

void TestDatasets::unknownNameListsKnownOnes()
{
    const auto r = loadDataset("imagenet", {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::UnknownDataset);
    QVERIFY(QString::fromStdString(r.error().detail).contains(QStringLiteral("cifar10")));
    const auto cifar = loadDataset("cifar10", {});
    QVERIFY(!cifar.ok());
    QCOMPARE(cifar.error().code, ErrorCode::InvalidArgument);
}

// A small PNG that decodes to 432 MB (12000x12000) is refused without the process growing to it.
void TestDatasets::imageHeaderClaimingGigabytesIsRefused()
{
    QTemporaryDir dir;
    for (const char *c : {"a", "b"})
        for (int i = 0; i < 2; ++i)
            QVERIFY(writePng(dir.filePath(QStringLiteral("%1/%2.png").arg(QLatin1String(c)).arg(i)), 16, 16,
                             10, true));
    // Ordinary JPEG and BMP files pass the header check (their sizes are read right).
    QVERIFY(writePng(dir.filePath(QStringLiteral("a/2.jpg")), 16, 16, 10, true));
    QVERIFY(writePng(dir.filePath(QStringLiteral("a/3.bmp")), 16, 16, 10, true));
    {
        tenkai::train::ImageFolderOptions plain;
        const auto ok = tenkai::train::loadImageFolder(dir.path().toStdString(), plain);
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message().c_str());
    }
    QFile bomb(dir.filePath(QStringLiteral("b/2.png")));
    QVERIFY(bomb.open(QIODevice::WriteOnly));
    bomb.write(bombPng(12000, 12000));
    bomb.close();
    rusage before{};
    QCOMPARE(::getrusage(RUSAGE_SELF, &before), 0);
    tenkai::train::ImageFolderOptions options;
    const auto split = tenkai::train::loadImageFolder(dir.path().toStdString(), options);
    QVERIFY(!split.ok());
    QVERIFY2(QString::fromStdString(split.error().subject).endsWith(QStringLiteral("b/2.png")) &&
                 QString::fromStdString(split.error().detail).contains(QStringLiteral("12000x12000")),
             split.error().message().c_str());
    rusage after{};
    QCOMPARE(::getrusage(RUSAGE_SELF, &after), 0);
    QVERIFY2(after.ru_maxrss - before.ru_maxrss < 300 * 1024,
             qPrintable(QStringLiteral("%1 -> %2 KiB").arg(before.ru_maxrss).arg(after.ru_maxrss)));
}

QTEST_GUILESS_MAIN(TestDatasets)
// --limit on a folder read class by class: every class keeps its share (the first N would be
// classes 0 and 1 only), seeded, the same on every run, in the set's order.
void TestDatasets::stratifiedSampleOfAClassSortedSet()
{
    const ImageSet all = classSorted(std::vector<int>(10, 400));
    const ImageSet sample = stratifiedSample(all, 500, 10, 7);
    QCOMPARE(sample.size(), std::int64_t(500));
    QCOMPARE(classCounts(sample, 10), std::vector<std::int64_t>(10, 50));
    const auto ids = idsOf(sample);
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
    QCOMPARE(std::set<std::int64_t>(ids.begin(), ids.end()).size(), std::size_t(500));
    for (std::int64_t i = 0; i < sample.size(); ++i) // each image still carries its own label
        QCOMPARE(sample.labels[i].item<std::int64_t>(), ids[std::size_t(i)] / 400);
    QCOMPARE(idsOf(stratifiedSample(all, 500, 10, 7)), ids);
    QVERIFY(idsOf(stratifiedSample(all, 500, 10, 8)) != ids);
    // Not simply each class's first 50.
    QVERIFY(ids[49] != 49);
    // 0 and a limit beyond the set keep everything.
    QCOMPARE(stratifiedSample(all, 0, 10, 7).size(), std::int64_t(4000));
    QCOMPARE(stratifiedSample(all, 9000, 10, 7).size(), std::int64_t(4000));
}

void TestDatasets::stratifiedSampleOfUnevenClasses()
{
    const ImageSet all = classSorted({100, 300, 600});
    QCOMPARE(classCounts(stratifiedSample(all, 100, 3, 1), 3), (std::vector<std::int64_t>{10, 30, 60}));
    // Shares that do not divide: the largest remainders get the rest, and the total is exact.
    const auto odd = classCounts(stratifiedSample(all, 7, 3, 1), 3);
    QCOMPARE(odd, (std::vector<std::int64_t>{1, 2, 4}));
    // Fewer images than classes: some classes get none (what the trainer warns about), the total holds.
    const auto two = classCounts(stratifiedSample(all, 2, 3, 1), 3);
    QCOMPARE(two[0] + two[1] + two[2], std::int64_t(2));
    QCOMPARE(two[0], std::int64_t(0));
}

// The validation split: about the fraction of every class, disjoint from what is kept, together the
// whole set; a class of one image keeps it, a class of two gives one.
void TestDatasets::holdOutIsStratifiedAndDisjoint()
{
    const ImageSet all = classSorted({400, 400, 1, 2, 30});
    const HeldOut h = holdOut(all, 0.1, 5, 3);
    QCOMPARE(classCounts(h.heldOut, 5), (std::vector<std::int64_t>{40, 40, 0, 1, 3}));
    QCOMPARE(classCounts(h.kept, 5), (std::vector<std::int64_t>{360, 360, 1, 1, 27}));
    const auto kept = idsOf(h.kept);
    const auto held = idsOf(h.heldOut);
    std::set<std::int64_t> both(kept.begin(), kept.end());
    for (auto id : held)
        QVERIFY2(both.insert(id).second, "an image is both kept and held out");
    QCOMPARE(both.size(), std::size_t(all.size()));
    QCOMPARE(idsOf(holdOut(all, 0.1, 5, 3).heldOut), held);
    QVERIFY(idsOf(holdOut(all, 0.1, 5, 4).heldOut) != held);
    QCOMPARE(holdOut(all, 0, 5, 3).heldOut.size(), std::int64_t(0));
    QCOMPARE(holdOut(all, 0, 5, 3).kept.size(), all.size());
}

#include "tst_datasets.moc"
