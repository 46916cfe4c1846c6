// Turns tenkai_train's structured errors into one translated sentence for the user.
#pragma once

#include "result.h"

#include <QString>

namespace tenkai {

QString describe(const train::Error &error);

} // namespace tenkai
