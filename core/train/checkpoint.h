// Per-member, per-epoch training checkpoints and the folder that holds them (internal to
// tenkai_train: includes LibTorch).
//
// Folder layout: member-K-epoch-E.pt for every member K (1-based) of the last completed epoch E,
// and checkpoint.pt, which names E and describes the training. A checkpoint is written member
// files first, then checkpoint.pt (each one atomically: temporary file, fsync, rename), and the
// previous epoch's member files are removed only after that, so a process killed at any point
// leaves one complete checkpoint behind.
#pragma once

#include "result.h"
#include "train_api.h"

#include <filesystem>
#include <optional>
#include <string>
#include <torch/torch.h>

namespace tenkai::train {

// What one member needs to carry on exactly where it stopped.
struct MemberResumeState
{
    std::string shuffleState; // the member's shuffling generator, in its text form
    std::int64_t step = 0;
    double epochLoss = 0;
    double testAccuracy = 0;
};

// The training as a whole at the end of an epoch.
struct CheckpointHeader
{
    std::string fingerprint; // configFingerprint() of the training that wrote it
    int epoch = 0;           // epochs completed
    int members = 0;
    double trainSeconds = 0; // wall time spent training (evaluation excluded) so far
    double seconds = 0;      // wall time since the training started, evaluation included
    std::int64_t memberImages = 0;
    bool reachedTarget = false;
    double secondsToTarget = 0;
    torch::Tensor generatorState; // LibTorch's default CPU generator (dropout), for exact resumes
};

// Everything in a configuration that changes what the training computes, in readable form
// ("epochs=3;batch=64;..."), so a checkpoint is never resumed into a different training.
std::string configFingerprint(const TrainConfig &config);

std::filesystem::path memberCheckpointPath(const std::filesystem::path &dir, int member, int epoch);

Status writeMemberCheckpoint(const std::filesystem::path &path, torch::nn::Sequential &net,
                             torch::optim::Optimizer &optimizer, const MemberResumeState &state);
// Loads a member's checkpoint into `net` and `optimizer` (built as for a fresh start, on `device`).
Result<MemberResumeState> readMemberCheckpoint(const std::filesystem::path &path, torch::nn::Sequential &net,
                                               torch::optim::Optimizer &optimizer, torch::Device device);

// Writes checkpoint.pt, then removes member files of other epochs.
Status commitCheckpoint(const std::filesystem::path &dir, const CheckpointHeader &header);

// The folder's checkpoint, or nothing when the folder has none.
Result<std::optional<CheckpointHeader>> readCheckpoint(const std::filesystem::path &dir);

} // namespace tenkai::train
