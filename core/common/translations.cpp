#include "common/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace tenkai {

QString installTranslations()
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return {};
    const QLocale locale;
    auto *ours = new QTranslator(app);
    // Languages without a catalogue get English, whose catalogue holds the plural forms.
    if (!ours->load(locale, QStringLiteral("tenkai"), QStringLiteral("_"), QStringLiteral(":/i18n")) &&
        !ours->load(QStringLiteral(":/i18n/tenkai_en.qm"))) {
        delete ours;
        return {};
    }
    QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return ours->language();
}

} // namespace tenkai
