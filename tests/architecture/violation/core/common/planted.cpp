// A planted violation: tenkai_core must never include widgets. Used by layering_detects_violation.
#include <QWidget>
