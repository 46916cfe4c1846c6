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

} // namespace tenkai::train
