// Model architectures by name (internal to tenkai_train: includes LibTorch).
#pragma once

#include "result.h"

#include <string>
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>
#include <vector>

namespace tenkai::train {

struct InputShape
{
    std::int64_t channels = 1;
    std::int64_t height = 28;
    std::int64_t width = 28;
};

// `groups` linear layers side by side: the input N x G*in holds group g's features at
// [g*in, (g+1)*in), the output N x G*out likewise. weight is G x out x in, bias G x out.
class GroupedLinearImpl : public torch::nn::Cloneable<GroupedLinearImpl>
{
public:
    GroupedLinearImpl(std::int64_t groups, std::int64_t in, std::int64_t out);
    void reset() override;
    torch::Tensor forward(const torch::Tensor &x);

    torch::Tensor weight;
    torch::Tensor bias;

private:
    std::int64_t m_groups;
    std::int64_t m_in;
    std::int64_t m_out;
};
TORCH_MODULE(GroupedLinear);

// "lenet": LeNet-5 (two 5x5 convolutions, three linear layers).
// "alexnet": the small AlexNet of the paper's edge setting (conv 32/64/128, fc 256).
// "resnet8", "resnet20": CIFAR-style residual networks (16/32/64 channels, batch normalisation).
//
// members > 1 builds a packed ensemble: `members` networks of that architecture in one, every
// convolution grouped (one group per member), every linear layer a GroupedLinear. Its input is
// N x members*C x H x W (member k's images in channels [k*C, (k+1)*C)), its output
// N x members*classes. Its parameters and buffers have the single network's names, each holding
// every member's tensor (see packed.h).
Result<torch::nn::Sequential> makeModel(const std::string &name, InputShape input, std::int64_t classes,
                                        std::int64_t members = 1);

// The number of trainable parameters makeModel(name, input, classes) has, computed without building
// anything (0 for an unknown name): what a model file must at least hold, and what the size limit
// below is checked against before anything is allocated.
std::int64_t parameterCount(const std::string &name, InputShape input, std::int64_t classes);

// The most parameters makeModel builds for one member (1 GiB of float32 weights): a larger network
// is refused with its size and what to change, instead of an allocation that fails or swaps.
inline constexpr std::int64_t kMaxParameters = std::int64_t(1) << 28;

// The architectures makeModel builds (also declared in train_api.h, the library's public face; this
// file stays C++17 so the model-file fuzz target, built by clang, can compile it).
std::vector<std::string> modelNames();

// "known models: lenet, alexnet, ..." for error messages.
std::string knownModels();

} // namespace tenkai::train
