// Self-describing model files: the weights plus what they are (architecture, input, classes,
// normalisation, provenance), so loading into the wrong architecture or shape fails clearly.
#pragma once

#include "result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tenkai::train {

struct ModelInfo
{
    std::string architecture; // "lenet", "alexnet"
    std::int64_t channels = 0;
    std::int64_t height = 0;
    std::int64_t width = 0;
    std::vector<std::string> classes;
    std::vector<double> mean;   // per channel, 0..1 scale
    std::vector<double> stddev; // per channel
    // Provenance
    std::string dataset;
    int epochs = 0;
    double testAccuracy = 0;
    std::string tenkaiVersion;
};

// Reads only the description of a model file (no weights are built).
Result<ModelInfo> readModelInfo(const std::filesystem::path &path);

// LibTorch's reader of model files can crash the process on a damaged or crafted file (one swapped
// byte in a file's TorchScript code makes LibTorch 1.13 dereference null), and no catch helps.
// Programs that open model files from elsewhere (tenkaid, tenkai-cli) call this first thing in
// main(): started as `PROGRAM --tenkai-vet-model FILE`, the process opens FILE as loadModel would and
// returns the status to exit with (0 when it did not crash); otherwise it returns -1 and, from then on,
// every model file is first opened in such a child process (this very executable, started afresh),
// and refused when the child crashes, is killed or takes over two minutes. A file that passed is not
// checked again while its size and modification time stay the same. Training checkpoints read at a
// resume are vetted the same way (`PROGRAM --tenkai-vet-archive FILE`).
int vetModelFilesInChildProcesses(int argc, char **argv);

} // namespace tenkai::train
