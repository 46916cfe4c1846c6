// Sentences about a training that the console and the CLI both show.
#pragma once

#include "train_api.h"

#include <QString>

namespace tenkai {

// "Fashion-MNIST: 2,000 training and 10,000 test images of 28x28x1. LeNet-5 on cpu, 2 threads, OpenBLAS."
QString describeStart(const train::TrainStart &start);

// The warning for classes the test images have and the training images lack (empty when none).
QString missingClassesWarning(const std::vector<std::string> &missing, int classes);

// One line on what the ensemble bought over a single model, with its 95% intervals: "Ensemble
// 84.2% (82.5-85.8%) against a single model's 81.9%: +2.3 points (+1.1 to +3.5), it helps." Empty
// for a single model.
QString describeEnsembleGain(const train::EvaluationReport &report);

// A difference of two fractions in percentage points, signed, one decimal: "+2.3", "-0.4".
QString signedPoints(double fraction);

} // namespace tenkai
