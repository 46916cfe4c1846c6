// A planted violation: tenkai_train must never include Qt. Used by layering_detects_violation.
#include <QString>
