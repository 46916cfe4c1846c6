// Model architectures by name (internal to tenkai_train: includes LibTorch).
#pragma once

#include "result.h"

#include <string>
#include <torch/nn/modules/container/sequential.h>
#include <vector>

namespace tenkai::train {

struct InputShape
{
    std::int64_t channels = 1;
    std::int64_t height = 28;
    std::int64_t width = 28;
};

// "lenet": LeNet-5 (two 5x5 convolutions, three linear layers).
// "alexnet": the small AlexNet of the paper's edge setting (conv 32/64/128, fc 256).
// "resnet8", "resnet20": CIFAR-style residual networks (16/32/64 channels, batch normalisation).
Result<torch::nn::Sequential> makeModel(const std::string &name, InputShape input, std::int64_t classes);

// "known models: lenet, alexnet, ..." for error messages.
std::string knownModels();

} // namespace tenkai::train
