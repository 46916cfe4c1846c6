// Packed ensembles (internal to tenkai_train: includes LibTorch): K members' networks trained as
// one network of grouped layers (makeModel(..., members = K)), and the copies between the packed
// network and the K single networks that checkpoints, model files and evaluation use.
//
// A packed tensor holds every member's tensor of the same name: stacked on a new first dimension
// (GroupedLinear's weight and bias), or concatenated along the first dimension (convolutions and
// batch normalisation, member-major), or, for a scalar that every member shares (batch
// normalisation's step count), once.
#pragma once

#include <torch/torch.h>
#include <vector>

namespace tenkai::train {

// Copies the members' parameters and buffers into the packed network. The members and the packed
// network must come from makeModel with the same architecture, input and classes.
void packMembers(const std::vector<torch::nn::Sequential> &members, torch::nn::Sequential &packed);

// Copies the packed network's parameters and buffers out to the members.
void unpackMembers(torch::nn::Sequential &packed, const std::vector<torch::nn::Sequential> &members);

// The same for optimizer state (SGD's momentum, Adam's moments and step count). The optimizers
// must have been made over the trainable parameters of the networks above, in their order.
void packOptimizerState(const std::vector<torch::optim::Optimizer *> &members,
                        torch::optim::Optimizer &packed);
void unpackOptimizerState(torch::optim::Optimizer &packed,
                          const std::vector<torch::optim::Optimizer *> &members);

// Member k's share of a packed tensor, shaped like `member` (a copy).
torch::Tensor memberSlice(const torch::Tensor &packed, const torch::Tensor &member, std::int64_t k,
                          std::int64_t members);

} // namespace tenkai::train
