#include "models.h"

#include "train_api.h"

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

// A basic residual block: two 3x3 convolutions with batch normalisation, and a 1x1 projection on
// the shortcut when the block changes the channel count or the resolution.
class BasicBlockImpl : public nn::Cloneable<BasicBlockImpl>
{
public:
    BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride)
        : m_in(in), m_out(out), m_stride(stride)
    {
        reset();
    }

    void reset() override
    {
        m_conv1 = register_module(
            "conv1", nn::Conv2d(nn::Conv2dOptions(m_in, m_out, 3).stride(m_stride).padding(1).bias(false)));
        m_bn1 = register_module("bn1", nn::BatchNorm2d(m_out));
        m_conv2 =
            register_module("conv2", nn::Conv2d(nn::Conv2dOptions(m_out, m_out, 3).padding(1).bias(false)));
        m_bn2 = register_module("bn2", nn::BatchNorm2d(m_out));
        if (m_stride != 1 || m_in != m_out) {
            m_project = register_module(
                "project", nn::Conv2d(nn::Conv2dOptions(m_in, m_out, 1).stride(m_stride).bias(false)));
            m_projectBn = register_module("project_bn", nn::BatchNorm2d(m_out));
        }
    }

    torch::Tensor forward(const torch::Tensor &x)
    {
        auto y = torch::relu(m_bn1->forward(m_conv1->forward(x)));
        y = m_bn2->forward(m_conv2->forward(y));
        const auto shortcut = m_project ? m_projectBn->forward(m_project->forward(x)) : x;
        return torch::relu(y + shortcut);
    }

private:
    std::int64_t m_in;
    std::int64_t m_out;
    std::int64_t m_stride;
    nn::Conv2d m_conv1{nullptr};
    nn::BatchNorm2d m_bn1{nullptr};
    nn::Conv2d m_conv2{nullptr};
    nn::BatchNorm2d m_bn2{nullptr};
    nn::Conv2d m_project{nullptr};
    nn::BatchNorm2d m_projectBn{nullptr};
};
TORCH_MODULE(BasicBlock);

// The CIFAR-style ResNet of He et al.: a 3x3 stem, three stages of `blocksPerStage` basic blocks
// with 16, 32 and 64 channels (the second and third halve the resolution), global average pooling
// and one linear layer. Depth 6n+2: n=1 is ResNet-8, n=3 ResNet-20.
nn::Sequential resnet(InputShape in, std::int64_t classes, int blocksPerStage)
{
    nn::Sequential net(nn::Conv2d(nn::Conv2dOptions(in.channels, 16, 3).padding(1).bias(false)),
                       nn::BatchNorm2d(16), nn::ReLU());
    std::int64_t channels = 16;
    for (const std::int64_t width : {16, 32, 64}) {
        for (int b = 0; b < blocksPerStage; ++b) {
            const std::int64_t stride = (b == 0 && width != 16) ? 2 : 1;
            net->push_back(BasicBlock(channels, width, stride));
            channels = width;
        }
    }
    net->push_back(nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions({1, 1})));
    net->push_back(nn::Flatten());
    net->push_back(nn::Linear(channels, classes));
    return net;
}

} // namespace

std::vector<std::string> modelNames()
{
    return {"lenet", "alexnet", "resnet8", "resnet20"};
}

std::string knownModels()
{
    std::string list;
    for (const auto &name : modelNames())
        list += (list.empty() ? "" : ", ") + name;
    return "known models: " + list;
}

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
    if (name == "resnet8")
        return resnet(input, classes, 1);
    if (name == "resnet20")
        return resnet(input, classes, 3);
    return Error{ErrorCode::UnknownModel, name, knownModels()};
}

} // namespace tenkai::train
