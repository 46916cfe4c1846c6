// Links tenkai_core alone so the layering test can read what it needs at run time.
#include "common/runtime_report.h"

int main()
{
    return tenkai::computeSummary().isEmpty() ? 1 : 0;
}
