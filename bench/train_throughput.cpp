// Training throughput without Qt, for machines that have only LibTorch (the GPU box): trains as told
// and prints one JSON line with images/s, member-images/s and accuracies.
//   train_throughput [--data-dir DIR] [--model lenet|alexnet] [--device cpu|cuda|auto] [--epochs N]
//                    [--batch N] [--members K] [--ensemble auto|threads|packed] [--augment POLICY]
//                    [--limit N] [--threads N]
#include "augment.h"
#include "train_api.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

int usage(const char *why)
{
    std::fprintf(stderr,
                 "train_throughput: %s\nusage: train_throughput [--data-dir DIR] [--model NAME] [--device D] "
                 "[--epochs N] [--batch N] [--members K] [--ensemble MODE] [--augment POLICY] [--limit N] "
                 "[--threads N]\n",
                 why);
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    using namespace tenkai::train;
    TrainConfig config;
    config.batchSize = 128;
    int members = 1;
    std::string augment;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            return usage(("missing value after " + arg).c_str());
        const std::string value = argv[++i];
        try {
            if (arg == "--data-dir")
                config.dataDir = value;
            else if (arg == "--model")
                config.model = value;
            else if (arg == "--device")
                config.device = value;
            else if (arg == "--epochs")
                config.epochs = std::stoi(value);
            else if (arg == "--batch")
                config.batchSize = std::stoi(value);
            else if (arg == "--members")
                members = std::stoi(value);
            else if (arg == "--ensemble")
                config.ensemble = value;
            else if (arg == "--augment")
                augment = value;
            else if (arg == "--limit")
                config.limit = std::stoll(value);
            else if (arg == "--threads")
                config.threads = std::stoi(value);
            else
                return usage(("unknown option " + arg).c_str());
        } catch (const std::exception &) {
            return usage((arg + " expects a number, got " + value).c_str());
        }
    }
    if (members < 1 || members > 64)
        return usage("--members expects 1..64");
    if (members == 1) {
        config.augment = augment;
    } else {
        const auto policies = memberPolicyNames(members);
        for (int i = 0; i < members; ++i)
            config.members.push_back(
                {config.seed + std::uint64_t(i), augment.empty() ? policies[std::size_t(i)] : augment});
    }

    bool packed = false;
    TrainCallbacks callbacks;
    callbacks.onStart = [&](const TrainStart &start) {
        packed = start.packed;
    };
    const auto result = runTraining(config, callbacks);
    if (!result) {
        std::fprintf(stderr, "train_throughput: %s\n", result.error().message().c_str());
        return 1;
    }
    const auto &s = result.value();
    const auto info = runtimeInfo();
    double best = 0;
    for (double a : s.report.memberAccuracy)
        best = std::max(best, a);
    std::cout << "{\"model\":\"" << config.model << "\",\"device\":\"" << config.device
              << "\",\"members\":" << members << ",\"ensemble\":\""
              << (members == 1 ? "none"
                  : packed     ? "packed"
                               : "threads")
              << "\",\"batch\":" << config.batchSize << ",\"epochs\":" << s.epochsCompleted
              << ",\"train_images\":" << s.trainImages
              << ",\"member_images_per_second\":" << s.imagesPerSecond << ",\"seconds\":" << s.seconds
              << ",\"ensemble_accuracy\":" << s.testAccuracy << ",\"best_member_accuracy\":" << best
              << ",\"cuda\":" << (info.cudaAvailable ? "true" : "false") << ",\"torch\":\""
              << info.torchVersion << "\"}" << std::endl;
    return 0;
}
