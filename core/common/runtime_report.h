// The versions and numeric runtime a program runs with, for --version and the console's About box.
#pragma once

#include <QString>

namespace tenkai {

// "PROGRAM VERSION" followed by one line per dependency and the BLAS in use.
QString versionReport(const QString &program);

// "OpenBLAS (OpenMP), 2 threads" and similar, for status lines.
QString computeSummary();

} // namespace tenkai
