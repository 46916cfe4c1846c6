// Images per second of the two augmentation implementations on the 60,000 Fashion-MNIST training
// images with a policy ("heavy" unless named), on 1 and 2 threads.
// Usage: augment_throughput [policy-or-text] [data-dir]
#include "augment.h"
#include "augment_cv.h"
#include "augment_tensor.h"
#include "dataset.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <torch/torch.h>
#include <vector>

using namespace tenkai::train;

namespace {

constexpr std::uint64_t kSeed = 1;
constexpr std::int64_t kBatch = 1024;

double seconds(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The tensor path over the whole set in batches, as a training loop would call it (uint8 in).
bool timeTensor(const Policy &policy, const torch::Tensor &images, const torch::Device &device, int threads)
{
    torch::set_num_threads(threads);
    const auto n = images.size(0);
    const auto onDevice = images.to(device);
    double checksum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::int64_t at = 0; at < n; at += kBatch) {
        const auto count = std::min(kBatch, n - at);
        auto out = augmentBatch(policy, onDevice.narrow(0, at, count), kSeed, at);
        if (!out) {
            std::fprintf(stderr, "tensor: %s\n", out.error().message().c_str());
            return false;
        }
        checksum += out.value().sum().item<double>(); // also waits for a GPU
    }
    const double s = seconds(start);
    std::printf("tensor %-4s threads %d  batch %lld  %9.0f images/s  (%.2f s, mean %.4f)\n",
                device.is_cuda() ? "cuda" : "cpu", threads, static_cast<long long>(kBatch), double(n) / s, s,
                checksum / double(images.numel()));
    return true;
}

#ifdef TENKAI_HAVE_OPENCV
bool timeOpenCv(const Policy &policy, const torch::Tensor &images, int threads)
{
    const auto n = images.size(0);
    std::vector<std::uint8_t> out(static_cast<std::size_t>(images.numel()));
    const ImageBufferShape shape{n, int(images.size(1)), int(images.size(2)), int(images.size(3))};
    const auto start = std::chrono::steady_clock::now();
    const auto status =
        augmentBuffer(policy, images.data_ptr<std::uint8_t>(), out.data(), shape, kSeed, threads);
    const double s = seconds(start);
    if (!status) {
        std::fprintf(stderr, "opencv: %s\n", status.error().message().c_str());
        return false;
    }
    double checksum = 0;
    for (const auto v : out)
        checksum += v;
    std::printf("opencv cpu  threads %d  uint8       %9.0f images/s  (%.2f s, mean %.4f)\n", threads,
                double(n) / s, s, checksum / 255.0 / double(out.size()));
    return true;
}
#endif

} // namespace

int main(int argc, char **argv)
{
    const std::string policyText = argc > 1 ? argv[1] : "heavy";
    const std::string dir = argc > 2 ? argv[2] : "/usr/share/datasets/fashion-mnist";
    const auto policy = policyFor(policyText);
    if (!policy) {
        std::fprintf(stderr, "%s\n", policy.error().message().c_str());
        return 2;
    }
    const auto data = loadFashionMnist(dir);
    if (!data) {
        std::fprintf(stderr, "%s\n", data.error().message().c_str());
        return 1;
    }
    const auto images = data.value().train.images.contiguous();
    std::printf("policy %s: %s\n%lld images %lldx%lld\n", policyText.c_str(),
                policyToText(policy.value()).c_str(), static_cast<long long>(images.size(0)),
                static_cast<long long>(images.size(2)), static_cast<long long>(images.size(3)));
    bool ok = true;
    for (const int threads : {1, 2}) {
#ifdef TENKAI_HAVE_OPENCV
        ok = timeOpenCv(policy.value(), images, threads) && ok;
#endif
        ok = timeTensor(policy.value(), images, torch::kCPU, threads) && ok;
    }
    if (torch::cuda::is_available())
        ok = timeTensor(policy.value(), images, torch::kCUDA, 1) && ok;
    return ok ? 0 : 1;
}
