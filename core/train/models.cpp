#include "models.h"

#include <torch/torch.h>

namespace tenkai::train {
namespace {

namespace nn = torch::nn;

nn::Sequential lenet(InputShape in, std::int64_t classes)
{
    // The 5x5 "same" first convolution keeps 28x28 inputs at the classic 32x32 geometry.
    nn::Sequential net(nn::Conv2d(nn::Conv2dOptions(in.channels, 6, 5).padding(2)), nn::ReLU(),
                       nn::MaxPool2d(2), nn::Conv2d(nn::Conv2dOptions(6, 16, 5)), nn::ReLU(),
                       nn::MaxPool2d(2), nn::Flatten());
    const std::int64_t h = ((in.height / 2) - 4) / 2;
    const std::int64_t w = ((in.width / 2) - 4) / 2;
    net->push_back(nn::Linear(16 * h * w, 120));
    net->push_back(nn::ReLU());
    net->push_back(nn::Linear(120, 84));
    net->push_back(nn::ReLU());
    net->push_back(nn::Linear(84, classes));
    return net;
}

nn::Sequential alexnetSmall(InputShape in, std::int64_t classes)
{
    nn::Sequential net(nn::Conv2d(nn::Conv2dOptions(in.channels, 32, 3).padding(1)), nn::ReLU(),
                       nn::MaxPool2d(2), nn::Conv2d(nn::Conv2dOptions(32, 64, 3).padding(1)), nn::ReLU(),
                       nn::MaxPool2d(2), nn::Conv2d(nn::Conv2dOptions(64, 128, 3).padding(1)), nn::ReLU(),
                       nn::MaxPool2d(2), nn::Flatten());
    const std::int64_t h = in.height / 8;
    const std::int64_t w = in.width / 8;
    net->push_back(nn::Linear(128 * h * w, 256));
    net->push_back(nn::ReLU());
    net->push_back(nn::Dropout(0.5));
    net->push_back(nn::Linear(256, classes));
    return net;
}

} // namespace

Result<torch::nn::Sequential> makeModel(const std::string &name, InputShape input, std::int64_t classes)
{
    if (input.height < 16 || input.width < 16)
        return Error{ErrorCode::InvalidArgument, "input size",
                     "models need images of at least 16x16 pixels, got " + std::to_string(input.height) +
                         "x" + std::to_string(input.width)};
    if (name == "lenet")
        return lenet(input, classes);
    if (name == "alexnet")
        return alexnetSmall(input, classes);
    return Error{ErrorCode::UnknownModel, name, "known models: lenet, alexnet"};
}

} // namespace tenkai::train
