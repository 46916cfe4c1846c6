// Saving and loading model files with their ModelInfo (internal to tenkai_train: includes LibTorch).
#pragma once

#include "model_file.h"

#include <torch/nn/modules/container/sequential.h>
#include <torch/serialize/output-archive.h>

namespace tenkai::train {

struct LoadedModel
{
    torch::nn::Sequential net;
    ModelInfo info;
};

// Writes `net` and `info` to `path` atomically (a temporary file renamed over the final name).
Status saveModel(const std::filesystem::path &path, torch::nn::Sequential &net, const ModelInfo &info);

// Writes an archive to `path` atomically: a temporary file beside it, fsync, rename.
Status saveArchiveAtomically(torch::serialize::OutputArchive &archive, const std::filesystem::path &path);

// Builds the architecture the file describes and loads its weights. When `expected` names an
// architecture or an input shape (non-empty / non-zero fields), a file describing anything else is
// refused with both descriptions in the message.
Result<LoadedModel> loadModel(const std::filesystem::path &path, const ModelInfo &expected = {});

// What a file opened in a vetting child is (see vetModelFilesInChildProcesses).
enum class VetKind
{
    Model,      // a model file: opened as loadModel opens it
    Checkpoint, // a training checkpoint: its archive and every value in it
};

// When vetting is on (vetModelFilesInChildProcesses was called), opens `path` in a child process
// first and fails (ModelUnusable or CheckpointUnusable) when that child crashed, failed or stalled;
// otherwise, and for a file already vetted as it is now, Done.
Status vetInChild(const std::filesystem::path &path, VetKind kind);

// Called inside a catch block: the exception in flight (LibTorch's c10::Error or its script
// parser's ErrorReport, std::bad_alloc, any std::exception or anything else) as an Error for
// `subject`, `prefix` followed by the exception's first lines. Every entry point that takes input
// from a file or a client ends in `catch (...)` with this, so no exception leaves a job.
Error caughtError(ErrorCode code, const std::string &subject, const std::string &prefix);

// "lenet for 28x28x1 images, 10 classes"
std::string describe(const ModelInfo &info);

} // namespace tenkai::train
