// Sentences about a training that the console and the CLI both show.
#pragma once

#include "train_api.h"

#include <QString>

namespace tenkai {

// "Fashion-MNIST: 2,000 training and 10,000 test images of 28x28x1. LeNet-5 on cpu, 2 threads, OpenBLAS."
QString describeStart(const train::TrainStart &start);

} // namespace tenkai
