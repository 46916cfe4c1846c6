// Loads the user's language for Tenkai's own strings and Qt's.
#pragma once

#include <QString>

namespace tenkai {

// Installs translators on the running QCoreApplication for the system locale (LANG/LC_ALL).
// Returns the catalogue's language ("ja_JP", or "en_US" for every language without a catalogue).
QString installTranslations();

} // namespace tenkai
