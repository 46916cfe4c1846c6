#include "common/training_text.h"

#include <QCoreApplication>
#include <QLocale>

namespace tenkai {

QString describeStart(const train::TrainStart &s)
{
    const QLocale locale;
    QString members;
    if (s.members > 1 && s.packed)
        members =
            QLatin1Char(' ') +
            QCoreApplication::translate(
                "tenkai::Training",
                "%n ensemble members train as one packed network (grouped layers, one member per group).",
                nullptr, s.members);
    else if (s.members > 1)
        members =
            QLatin1Char(' ') +
            QCoreApplication::translate("tenkai::Training",
                                        "%n ensemble members train in parallel, each with that many threads.",
                                        nullptr, s.members);
    if (s.resumedAfterEpoch > 0)
        members += QLatin1Char(' ') + QCoreApplication::translate(
                                          "tenkai::Training", "Resuming after the checkpoint of epoch %1.")
                                          .arg(s.resumedAfterEpoch);
    return QCoreApplication::translate(
               "tenkai::Training", "Dataset %1: %2 training and %3 test images of %4x%5x%6. Model %7 on %8, "
                                   "%9 compute threads, BLAS: %10.")
               .arg(QString::fromStdString(s.dataset), locale.toString(qint64(s.trainImages)),
                    locale.toString(qint64(s.testImages)), QString::number(s.width),
                    QString::number(s.height), QString::number(s.channels), QString::fromStdString(s.model),
                    QString::fromStdString(s.device), QString::number(s.threads))
               .arg(QString::fromStdString(s.blasName)) +
           members;
}

} // namespace tenkai
