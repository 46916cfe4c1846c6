// Every training error becomes one sentence that names its subject, in English and in Japanese.
#include "common/errors.h"
#include "common/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cstring>

using tenkai::train::Error;
using tenkai::train::ErrorCode;

namespace {

const std::vector<ErrorCode> kAllCodes = {
    ErrorCode::UnknownDataset,   ErrorCode::UnknownModel,       ErrorCode::UnknownDevice,
    ErrorCode::DataMissing,      ErrorCode::DataCorrupt,        ErrorCode::ModelUnusable,
    ErrorCode::OutputUnwritable, ErrorCode::InvalidArgument,    ErrorCode::DeviceUnavailable,
    ErrorCode::TrainingFailed,   ErrorCode::CheckpointUnusable, ErrorCode::DiskFull,
    ErrorCode::NoRoom,
};

} // namespace

class TestErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeNamesSubjectAndDetail();
    void japaneseSentences();
    void writeFailuresSayWhy();
};

void TestErrors::everyCodeNamesSubjectAndDetail()
{
    for (const auto code : kAllCodes) {
        const Error error{code, "/data/train-images-idx3-ubyte.gz", "truncated"};
        const QString sentence = tenkai::describe(error);
        if (code != ErrorCode::TrainingFailed)
            QVERIFY2(sentence.contains(QStringLiteral("/data/train-images-idx3-ubyte.gz")),
                     qPrintable(sentence));
        QVERIFY2(sentence.contains(QStringLiteral("truncated")), qPrintable(sentence));
        QVERIFY2(!sentence.contains(QLatin1Char('\n')), qPrintable(sentence));
        // The English fallback without Qt says the same thing.
        if (code != ErrorCode::TrainingFailed)
            QVERIFY(QString::fromStdString(error.message()).contains(QStringLiteral("train-images")));
    }
}

void TestErrors::japaneseSentences()
{
    QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
    const QString language = tenkai::installTranslations();
    QVERIFY2(language.startsWith(QStringLiteral("ja")), qPrintable(language));
    const QRegularExpression japanese(QStringLiteral("[\\x{3040}-\\x{30ff}\\x{4e00}-\\x{9fff}]"));
    for (const auto code : kAllCodes) {
        // Without a detail: the translated "Details:" must not hide an untranslated sentence.
        const QString sentence = tenkai::describe(Error{code, "/srv/site-a", {}});
        QVERIFY2(sentence.contains(japanese), qPrintable(sentence));
        if (code != ErrorCode::TrainingFailed)
            QVERIFY2(sentence.contains(QStringLiteral("/srv/site-a")), qPrintable(sentence));
    }
}

// A failed write is a full disk when the system says so, or when it does not say and the folder has
// no room left; otherwise the system's reason is kept.
void TestErrors::writeFailuresSayWhy()
{
    using tenkai::train::writeFailure;
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString();
    QCOMPARE(int(writeFailure(folder, "model.pt", ENOSPC).code), int(ErrorCode::DiskFull));
    QCOMPARE(int(writeFailure(folder, "model.pt", EDQUOT).code), int(ErrorCode::DiskFull));
    const Error denied = writeFailure(folder, "model.pt", EACCES);
    QCOMPARE(int(denied.code), int(ErrorCode::OutputUnwritable));
    QCOMPARE(denied.subject, folder);
    QVERIFY2(denied.detail.find("model.pt") != std::string::npos &&
                 denied.detail.find(std::strerror(EACCES)) != std::string::npos,
             denied.detail.c_str());
    // The temporary folder has room: an unexplained failure is not called a full disk.
    QCOMPARE(int(writeFailure(folder, "model.pt", 0).code), int(ErrorCode::OutputUnwritable));
}

QTEST_GUILESS_MAIN(TestErrors)
#include "tst_errors.moc"
