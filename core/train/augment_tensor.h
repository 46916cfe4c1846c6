// Applies an augmentation policy to a whole batch with LibTorch ops (internal to tenkai_train).
#pragma once

#include "augment.h"

#include <cstdint>
#include <torch/types.h>

namespace tenkai::train {

// Augments a batch of N x C x H x W images on its own device (CPU or CUDA) with the semantics of
// augment.h. `batch` is floating point on the 0..1 scale, or uint8 on 0..255 (divided by 255 first);
// the result is a new float32 tensor on the 0..1 scale on the same device, `batch` is left untouched.
// Image i gets drawImage(policy, seed, firstIndex + i): the same seed and input give the same output,
// and a batch split in two with the right firstIndex gives the same images as in one piece. Random
// values are drawn on the CPU (per-pixel noise too) and copied to the device, so a CUDA batch gets the
// same parameters as on the CPU.
// Errors: InvalidArgument for a bad policy or a batch that is not 4-D float/uint8; TrainingFailed
// with LibTorch's message if an op fails (e.g. out of device memory).
Result<torch::Tensor> augmentBatch(const Policy &policy, const torch::Tensor &batch, std::uint64_t seed,
                                   std::int64_t firstIndex = 0);

} // namespace tenkai::train
