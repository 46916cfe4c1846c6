// Every training error becomes one sentence that names its subject, in English and in Japanese.
#include "common/errors.h"
#include "common/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using tenkai::train::Error;
using tenkai::train::ErrorCode;

namespace {

const std::vector<ErrorCode> kAllCodes = {
    ErrorCode::UnknownDataset,   ErrorCode::UnknownModel,       ErrorCode::UnknownDevice,
    ErrorCode::DataMissing,      ErrorCode::DataCorrupt,        ErrorCode::ModelUnusable,
    ErrorCode::OutputUnwritable, ErrorCode::InvalidArgument,    ErrorCode::DeviceUnavailable,
    ErrorCode::TrainingFailed,   ErrorCode::CheckpointUnusable,
};

} // namespace

class TestErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeNamesSubjectAndDetail();
    void japaneseSentences();
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
        const QString sentence = tenkai::describe(Error{code, "/srv/site-a", "detail"});
        QVERIFY2(sentence.contains(japanese), qPrintable(sentence));
        if (code != ErrorCode::TrainingFailed)
            QVERIFY2(sentence.contains(QStringLiteral("/srv/site-a")), qPrintable(sentence));
    }
}

QTEST_GUILESS_MAIN(TestErrors)
#include "tst_errors.moc"
