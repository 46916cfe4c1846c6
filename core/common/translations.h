// Loads the user's language for Tenkai's own strings and Qt's.
#pragma once

#include <QString>

namespace tenkai {

// Installs translators on the running QCoreApplication for the system locale (LANG/LC_ALL).
// Returns the language that was loaded ("ja"), or an empty string when English is used.
QString installTranslations();

} // namespace tenkai
