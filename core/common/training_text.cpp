#include "common/training_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

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
    if (s.validationImages > 0)
        members += QLatin1Char(' ') + QCoreApplication::translate(
                                          "tenkai::Training",
                                          "%1 images held out of the training images for validation "
                                          "(every choice is made on them; the test images are only scored).")
                                          .arg(locale.toString(qint64(s.validationImages)));
    const QString warning = missingClassesWarning(s.missingClasses, s.classes);
    if (!warning.isEmpty())
        members += QLatin1Char(' ') + warning;
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

QString missingClassesWarning(const std::vector<std::string> &missing, int classes)
{
    if (missing.empty())
        return {};
    QStringList names;
    for (const auto &name : missing)
        names << QString::fromStdString(name);
    return QCoreApplication::translate("tenkai::Training",
                                       "Warning: the training images hold no example of %n of the %1 classes "
                                       "that the test images have (%2): the model cannot learn them and its "
                                       "test accuracy is capped. Give more images (a larger limit) or data "
                                       "with every class.",
                                       nullptr, int(missing.size()))
        .arg(classes)
        .arg(names.join(QStringLiteral(", ")));
}

namespace {

QString percent(double v)
{
    return QLocale().toString(v * 100.0, 'f', 1) + QLatin1Char('%');
}

} // namespace

QString signedPoints(double v)
{
    return (v >= 0 ? QStringLiteral("+") : QString()) + QLocale().toString(v * 100.0, 'f', 1);
}

QString describeEnsembleGain(const train::EvaluationReport &r)
{
    if (r.memberAccuracy.size() < 2)
        return {};
    const std::string verdict = train::ensembleVerdict(r);
    const QString judged =
        verdict == "helps" ? QCoreApplication::translate("tenkai::Training", "the ensemble helps")
        : verdict == "hurts"
            ? QCoreApplication::translate("tenkai::Training",
                                          "the ensemble hurts here: deploy a single model")
            : QCoreApplication::translate("tenkai::Training",
                                          "no difference that this test set can show (the interval holds 0)");
    return QCoreApplication::translate("tenkai::Training",
                                       "Ensemble %1 (95%: %2-%3) against a single model's %4 on average: %5 "
                                       "points (95%: %6 to %7), %8.")
        .arg(percent(r.accuracy), percent(r.accuracyInterval.low), percent(r.accuracyInterval.high),
             percent(r.meanMemberAccuracy), signedPoints(r.gainOverMeanMember),
             signedPoints(r.gainOverMeanMemberInterval.low), signedPoints(r.gainOverMeanMemberInterval.high),
             judged);
}

} // namespace tenkai
