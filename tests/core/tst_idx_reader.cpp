// IDX reading: exact contents for raw and gzip files, and one clear error per kind of damage.
#include "../support/idx_writer.h"
#include "idx_reader.h"

#include <QTemporaryDir>
#include <QTest>
#include <sys/resource.h>

using tenkai::train::ErrorCode;
using tenkai::train::readIdx;
namespace t = tenkai::test;

class TestIdxReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsExactContents_data();
    void readsExactContents();
    void rejectsDamage_data();
    void rejectsDamage();
    void missingFileIsNamed();
    void lyingHeaderAllocatesNothingLikeItsClaim();

private:
    QTemporaryDir m_dir;
};

void TestIdxReader::readsExactContents_data()
{
    QTest::addColumn<bool>("compressed");
    QTest::newRow("raw") << false;
    QTest::newRow("gzip") << true;
}

void TestIdxReader::readsExactContents()
{
    QFETCH(bool, compressed);
    QByteArray raw = t::idxHeader({3, 2, 2});
    for (int i = 0; i < 12; ++i)
        raw.append(char(i * 20));
    const QString path = m_dir.filePath(compressed ? QStringLiteral("a.gz") : QStringLiteral("a"));
    QVERIFY(t::writeFile(path, compressed ? t::gzip(raw) : raw));

    const auto result = readIdx(path.toStdString());
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message().c_str());
    QCOMPARE(result.value().dims, (std::vector<std::uint32_t>{3, 2, 2}));
    QCOMPARE(result.value().data.size(), std::size_t(12));
    for (int i = 0; i < 12; ++i)
        QCOMPARE(int(result.value().data[std::size_t(i)]), i * 20);
}

void TestIdxReader::rejectsDamage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    const QByteArray good = t::idxHeader({2, 2}) + QByteArray(4, 'x');
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("too short for an IDX header");
    QTest::newRow("wrong magic") << QByteArray("\x12\x34\x08\x01\0\0\0\1x", 9)
                                 << QStringLiteral("wrong magic number");
    QTest::newRow("float elements") << t::idxHeader({2}, 0x0D) + QByteArray(8, 'x')
                                    << QStringLiteral("is not unsigned bytes");
    QTest::newRow("rank zero") << t::idxHeader({}) << QStringLiteral("IDX rank 0 is outside 1..4");
    QTest::newRow("rank five") << t::idxHeader({1, 1, 1, 1, 1}) + QByteArray(1, 'x')
                               << QStringLiteral("IDX rank 5 is outside 1..4");
    QTest::newRow("header cut in dimensions")
        << t::idxHeader({2, 2}).left(6) << QStringLiteral("header ends before its dimensions");
    QTest::newRow("zero dimension") << t::idxHeader({0, 2}) << QStringLiteral("dimension 0 is zero");
    QTest::newRow("truncated data") << good.left(good.size() - 1) << QStringLiteral("truncated");
    QTest::newRow("trailing bytes") << good + "y" << QStringLiteral("has bytes after the data");
    QTest::newRow("absurd size") << t::idxHeader({65535, 65535, 65535}) << QStringLiteral("more than 16 GiB");
    const QByteArray bigger = t::idxHeader({4000}) + QByteArray(4000, 'z');
    QTest::newRow("gzip cut in the header")
        << t::gzip(bigger).left(20) << QStringLiteral("gzip data is damaged or cut short");
    QTest::newRow("gzip cut in the data")
        << t::gzip(bigger).chopped(12) << QStringLiteral("gzip data is damaged or cut short");
    QByteArray flipped = t::gzip(bigger);
    flipped[flipped.size() - 6] = char(flipped[flipped.size() - 6] ^ 0x55); // breaks the CRC
    QTest::newRow("gzip checksum wrong") << flipped << QStringLiteral("gzip data is damaged or cut short");
}

void TestIdxReader::rejectsDamage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    QVERIFY(t::writeFile(path, bytes));

    const auto result = readIdx(path.toStdString());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::DataCorrupt);
    QCOMPARE(QString::fromStdString(result.error().subject), path);
    QVERIFY2(QString::fromStdString(result.error().detail).contains(expected), result.error().detail.c_str());
    QVERIFY(QString::fromStdString(result.error().message()).contains(path));
}

void TestIdxReader::missingFileIsNamed()
{
    const QString path = m_dir.filePath(QStringLiteral("not-there.gz"));
    const auto result = readIdx(path.toStdString());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::DataMissing);
    QCOMPARE(QString::fromStdString(result.error().subject), path);
}

// An 800-byte file whose header declares 20,000,000 images of 28x28 (15.7 GB): refused at the
// file's real end, raw or compressed, without the process growing anywhere near the claim.
void TestIdxReader::lyingHeaderAllocatesNothingLikeItsClaim()
{
    const QByteArray lying = t::idxHeader({20000000, 28, 28}) + QByteArray(784, 'x');
    for (const bool compressed : {false, true}) {
        const QString path =
            m_dir.filePath(compressed ? QStringLiteral("lying.gz") : QStringLiteral("lying"));
        QVERIFY(t::writeFile(path, compressed ? t::gzip(lying) : lying));
        const auto result = readIdx(path.toStdString());
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error().detail).contains(QStringLiteral("truncated")),
                 result.error().detail.c_str());
    }
    rusage usage{};
    QCOMPARE(::getrusage(RUSAGE_SELF, &usage), 0);
    QVERIFY2(usage.ru_maxrss < 512 * 1024, qPrintable(QString::number(usage.ru_maxrss))); // KiB
}

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idx_reader.moc"
