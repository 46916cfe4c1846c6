#include "common/errors.h"

#include <QCoreApplication>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
};

namespace tenkai {
namespace {} // namespace

QString describe(const train::Error &error)
{
    const QString subject = QString::fromStdString(error.subject);
    const QString detail = QString::fromStdString(error.detail);
    QString sentence;
    switch (error.code) {
    case train::ErrorCode::UnknownDataset:
        sentence = ErrorText::tr("Unknown dataset \"%1\".").arg(subject);
        break;
    case train::ErrorCode::UnknownModel:
        sentence = ErrorText::tr("Unknown model \"%1\".").arg(subject);
        break;
    case train::ErrorCode::UnknownDevice:
        sentence = ErrorText::tr("Unknown device \"%1\"; use cpu, cuda or auto.").arg(subject);
        break;
    case train::ErrorCode::DataMissing:
        sentence = ErrorText::tr("The dataset file or folder %1 was not found.").arg(subject);
        break;
    case train::ErrorCode::DataCorrupt:
        sentence = ErrorText::tr("The dataset file %1 cannot be used.").arg(subject);
        break;
    case train::ErrorCode::ModelUnusable:
        sentence = ErrorText::tr("The model file %1 cannot be used.").arg(subject);
        break;
    case train::ErrorCode::OutputUnwritable:
        sentence = ErrorText::tr("Cannot write to the output folder %1.").arg(subject);
        break;
    case train::ErrorCode::InvalidArgument:
        sentence = ErrorText::tr("Invalid value for %1.").arg(subject);
        break;
    case train::ErrorCode::DeviceUnavailable:
        sentence = ErrorText::tr("The device %1 is not available.").arg(subject);
        break;
    case train::ErrorCode::TrainingFailed:
        sentence = ErrorText::tr("Training failed.");
        break;
    case train::ErrorCode::CheckpointUnusable:
        sentence = ErrorText::tr("The checkpoint folder %1 cannot be used.").arg(subject);
        break;
    case train::ErrorCode::NoRoom:
        sentence =
            ErrorText::tr("The disk holding %1 has too little free space for this training.").arg(subject);
        break;
    case train::ErrorCode::DiskFull:
        sentence =
            ErrorText::tr("The disk holding %1 is full: free some space there and try again.").arg(subject);
        break;
    }
    // The detail comes from the data or the system (file contents, errno text): it stays as reported.
    if (!detail.isEmpty())
        sentence += QLatin1Char(' ') + ErrorText::tr("Details: %1").arg(detail);
    return sentence;
}

} // namespace tenkai
