#include "models.h"

#include <torch/torch.h>

namespace tenkai::train {
namespace {

namespace nn = torch::nn;

// The layers of one network, or of `members` networks packed into one: a convolution of every
// member becomes one convolution with a group per member, a batch normalisation one over every
// member's channels, a linear layer one GroupedLinear. Channels and features are member-major
// throughout, so pooling, activations and flattening need no change.
class Layers
{
public:
    explicit Layers(std::int64_t members) : m_k(members) {}

    std::int64_t members() const { return m_k; }

    nn::Conv2d conv(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride,
                    std::int64_t padding, bool bias) const
    {
        return nn::Conv2d(nn::Conv2dOptions(in * m_k, out * m_k, kernel)
                              .stride(stride)
                              .padding(padding)
                              .bias(bias)
                              .groups(m_k));
    }
    nn::BatchNorm2d batchNorm(std::int64_t channels) const { return nn::BatchNorm2d(channels * m_k); }
    nn::AnyModule linear(std::int64_t in, std::int64_t out) const
    {
        if (m_k == 1)
            return nn::AnyModule(nn::Linear(in, out));
        return nn::AnyModule(GroupedLinear(m_k, in, out));
    }

private:
    std::int64_t m_k;
};

nn::Sequential lenet(InputShape in, std::int64_t classes, const Layers &l)
{
    // The 5x5 "same" first convolution keeps 28x28 inputs at the classic 32x32 geometry.
    nn::Sequential net(l.conv(in.channels, 6, 5, 1, 2, true), nn::ReLU(), nn::MaxPool2d(2),
                       l.conv(6, 16, 5, 1, 0, true), nn::ReLU(), nn::MaxPool2d(2), nn::Flatten());
    const std::int64_t h = ((in.height / 2) - 4) / 2;
    const std::int64_t w = ((in.width / 2) - 4) / 2;
    net->push_back(l.linear(16 * h * w, 120));
    net->push_back(nn::ReLU());
    net->push_back(l.linear(120, 84));
    net->push_back(nn::ReLU());
    net->push_back(l.linear(84, classes));
    return net;
}

nn::Sequential alexnetSmall(InputShape in, std::int64_t classes, const Layers &l)
{
    nn::Sequential net(l.conv(in.channels, 32, 3, 1, 1, true), nn::ReLU(), nn::MaxPool2d(2),
                       l.conv(32, 64, 3, 1, 1, true), nn::ReLU(), nn::MaxPool2d(2),
                       l.conv(64, 128, 3, 1, 1, true), nn::ReLU(), nn::MaxPool2d(2), nn::Flatten());
    const std::int64_t h = in.height / 8;
    const std::int64_t w = in.width / 8;
    net->push_back(l.linear(128 * h * w, 256));
    net->push_back(nn::ReLU());
    net->push_back(nn::Dropout(0.5));
    net->push_back(l.linear(256, classes));
    return net;
}

// A basic residual block: two 3x3 convolutions with batch normalisation, and a 1x1 projection on
// the shortcut when the block changes the channel count or the resolution.
class BasicBlockImpl : public nn::Cloneable<BasicBlockImpl>
{
public:
    BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride, std::int64_t members)
        : m_in(in), m_out(out), m_stride(stride), m_members(members)
    {
        reset();
    }

    void reset() override
    {
        const Layers l(m_members);
        m_conv1 = register_module("conv1", l.conv(m_in, m_out, 3, m_stride, 1, false));
        m_bn1 = register_module("bn1", l.batchNorm(m_out));
        m_conv2 = register_module("conv2", l.conv(m_out, m_out, 3, 1, 1, false));
        m_bn2 = register_module("bn2", l.batchNorm(m_out));
        if (m_stride != 1 || m_in != m_out) {
            m_project = register_module("project", l.conv(m_in, m_out, 1, m_stride, 0, false));
            m_projectBn = register_module("project_bn", l.batchNorm(m_out));
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
    std::int64_t m_members;
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
nn::Sequential resnet(InputShape in, std::int64_t classes, int blocksPerStage, const Layers &l)
{
    nn::Sequential net(l.conv(in.channels, 16, 3, 1, 1, false), l.batchNorm(16), nn::ReLU());
    std::int64_t channels = 16;
    for (const std::int64_t width : {16, 32, 64}) {
        for (int b = 0; b < blocksPerStage; ++b) {
            const std::int64_t stride = (b == 0 && width != 16) ? 2 : 1;
            net->push_back(BasicBlock(channels, width, stride, l.members()));
            channels = width;
        }
    }
    net->push_back(nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions({1, 1})));
    net->push_back(nn::Flatten());
    net->push_back(l.linear(channels, classes));
    return net;
}

} // namespace

GroupedLinearImpl::GroupedLinearImpl(std::int64_t groups, std::int64_t in, std::int64_t out)
    : m_groups(groups), m_in(in), m_out(out)
{
    reset();
}

void GroupedLinearImpl::reset()
{
    // nn::Linear's initialisation, per group (packed weights are normally copied from members).
    // Uniform in [-bound, bound), drawn with torch::rand (uniform_ trips a false GCC warning).
    const double bound = 1.0 / std::sqrt(double(m_in));
    weight = register_parameter("weight", (torch::rand({m_groups, m_out, m_in}) * 2 - 1) * bound);
    bias = register_parameter("bias", (torch::rand({m_groups, m_out}) * 2 - 1) * bound);
}

torch::Tensor GroupedLinearImpl::forward(const torch::Tensor &x)
{
    const auto n = x.size(0);
    // N x G*in -> G x N x in, one matrix product per group, back to N x G*out.
    const auto grouped = x.view({n, m_groups, m_in}).transpose(0, 1);
    return torch::baddbmm(bias.unsqueeze(1), grouped, weight.transpose(1, 2))
        .transpose(0, 1)
        .reshape({n, m_groups * m_out});
}

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

std::int64_t parameterCount(const std::string &name, InputShape in, std::int64_t classes)
{
    // Each term mirrors one layer of the builders above (tests compare it with the built networks).
    const auto conv = [](std::int64_t i, std::int64_t o, std::int64_t k, bool bias) {
        return i * o * k * k + (bias ? o : 0);
    };
    const auto linear = [](std::int64_t i, std::int64_t o) {
        return i * o + o;
    };
    if (name == "lenet")
        return conv(in.channels, 6, 5, true) + conv(6, 16, 5, true) +
               linear(16 * (((in.height / 2) - 4) / 2) * (((in.width / 2) - 4) / 2), 120) + linear(120, 84) +
               linear(84, classes);
    if (name == "alexnet")
        return conv(in.channels, 32, 3, true) + conv(32, 64, 3, true) + conv(64, 128, 3, true) +
               linear(128 * (in.height / 8) * (in.width / 8), 256) + linear(256, classes);
    const int blocks = name == "resnet8" ? 1 : name == "resnet20" ? 3 : 0;
    if (blocks == 0)
        return 0;
    std::int64_t count = conv(in.channels, 16, 3, false) + 2 * 16;
    std::int64_t channels = 16;
    for (const std::int64_t width : {16, 32, 64}) {
        for (int b = 0; b < blocks; ++b) {
            const bool stride = b == 0 && width != 16;
            count += conv(channels, width, 3, false) + 2 * width + conv(width, width, 3, false) + 2 * width;
            if (stride || channels != width)
                count += conv(channels, width, 1, false) + 2 * width;
            channels = width;
        }
    }
    return count + linear(channels, classes);
}

Result<torch::nn::Sequential> makeModel(const std::string &name, InputShape input, std::int64_t classes,
                                        std::int64_t members)
{
    if (members < 1)
        return Error{ErrorCode::InvalidArgument, "members", "expected at least one member"};
    const Layers layers(members);
    if (input.height < 16 || input.width < 16)
        return Error{ErrorCode::InvalidArgument, "input size",
                     "models need images of at least 16x16 pixels, got " + std::to_string(input.height) +
                         "x" + std::to_string(input.width)};
    // Bounds first, so the count below cannot overflow: what the datasets and the model files allow.
    if (input.channels < 1 || input.channels > 4 || input.height > 4096 || input.width > 4096)
        return Error{ErrorCode::InvalidArgument, "input size",
                     "expected 1 to 4 channels of at most 4096x4096 pixels, got " +
                         std::to_string(input.width) + "x" + std::to_string(input.height) + "x" +
                         std::to_string(input.channels)};
    if (classes < 1 || classes > 100000)
        return Error{ErrorCode::InvalidArgument, "classes",
                     "expected 1 to 100000 classes, got " + std::to_string(classes)};
    if (const std::int64_t count = parameterCount(name, input, classes); count > kMaxParameters)
        return Error{ErrorCode::InvalidArgument, "image size",
                     name + " for " + std::to_string(input.width) + "x" + std::to_string(input.height) +
                         " images would have " + std::to_string(count / 1000000) +
                         " million parameters per member, more than the " +
                         std::to_string(kMaxParameters / 1000000) +
                         " million Tenkai builds; resize the images smaller or choose a model that pools "
                         "them (resnet8, resnet20)"};
    if (name == "lenet")
        return lenet(input, classes, layers);
    if (name == "alexnet")
        return alexnetSmall(input, classes, layers);
    if (name == "resnet8")
        return resnet(input, classes, 1, layers);
    if (name == "resnet20")
        return resnet(input, classes, 3, layers);
    return Error{ErrorCode::UnknownModel, name, knownModels()};
}

} // namespace tenkai::train
