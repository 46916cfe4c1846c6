// The bare training step, without any data pipeline: forward, loss, backward and an SGD-momentum
// update on one fixed random batch, repeated. Prints one JSON line with steps/s, images/s and the
// GFLOP/s achieved, counting the multiply-adds of convolutions and linear layers (2 FLOPs each)
// for the forward pass and twice that for the backward pass (the usual 3x convention).
//   train_step [--model lenet|alexnet|resnet8|resnet20] [--batch N] [--steps N] [--threads N]
//              [--channels C] [--size S]
#include "models.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <torch/torch.h>

namespace {

// Forward multiply-adds x 2 for one image, walking the network with a probe image.
double forwardFlopsPerImage(torch::nn::Sequential &net, torch::Tensor x)
{
    torch::NoGradGuard noGrad;
    const auto convFlops = [](const torch::nn::Conv2dImpl &c, std::int64_t outH, std::int64_t outW) {
        const auto &w = c.weight;
        return 2.0 * double(w.size(1) * w.size(2) * w.size(3)) * double(w.size(0) * outH * outW);
    };
    double flops = 0;
    for (auto &layer : *net) {
        const auto y = layer.forward(x);
        const auto module = layer.ptr();
        if (auto *conv = module->as<torch::nn::Conv2d>()) {
            flops += convFlops(*conv, y.size(2), y.size(3));
        } else if (auto *linear = module->as<torch::nn::Linear>()) {
            flops += 2.0 * double(linear->weight.size(0) * linear->weight.size(1));
        } else {
            // A residual block: its 3x3 (padding 1) and 1x1 (no padding) convolutions all produce
            // the block's output resolution.
            for (auto &child : module->modules(/*include_self=*/false))
                if (auto *c = child->as<torch::nn::Conv2d>())
                    flops += convFlops(*c, y.size(2), y.size(3));
        }
        x = y;
    }
    return flops;
}

} // namespace

int main(int argc, char *argv[])
{
    std::string model = "alexnet";
    int batch = 128;
    int steps = 50;
    int threads = 2;
    std::int64_t channels = 1;
    std::int64_t size = 28;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        const std::string value = argv[i + 1];
        if (arg == "--model")
            model = value;
        else if (arg == "--batch")
            batch = std::stoi(value);
        else if (arg == "--steps")
            steps = std::stoi(value);
        else if (arg == "--threads")
            threads = std::stoi(value);
        else if (arg == "--channels")
            channels = std::stoll(value);
        else if (arg == "--size")
            size = std::stoll(value);
        else {
            std::fprintf(stderr, "train_step: unknown option %s\n", arg.c_str());
            return 2;
        }
    }
    torch::set_num_threads(threads);
    torch::manual_seed(1);
    auto made = tenkai::train::makeModel(model, {channels, size, size}, 10);
    if (!made) {
        std::fprintf(stderr, "train_step: %s\n", made.error().message().c_str());
        return 1;
    }
    auto net = made.value();
    const double flops = 3.0 * forwardFlopsPerImage(net, torch::randn({1, channels, size, size}));
    torch::optim::SGD optimizer(net->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
    const auto x = torch::randn({batch, channels, size, size});
    const auto y = torch::randint(0, 10, {batch}, torch::kInt64);
    net->train();
    const auto step = [&] {
        optimizer.zero_grad();
        auto loss = torch::nn::functional::cross_entropy(net->forward(x), y);
        loss.backward();
        optimizer.step();
    };
    for (int i = 0; i < 5; ++i)
        step();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i)
        step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double images = double(steps) * batch / seconds;
    std::printf("{\"impl\":\"tenkai\",\"model\":\"%s\",\"batch\":%d,\"threads\":%d,\"steps_per_second\":%.3f,"
                "\"images_per_second\":%.1f,\"mflop_per_image\":%.3f,\"gflops\":%.2f}\n",
                model.c_str(), batch, threads, steps / seconds, images, flops / 1e6, flops * images / 1e9);
    return 0;
}
