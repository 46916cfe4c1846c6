#include "dataset.h"
#include "models.h"
#include "train_api.h"

#include <torch/torch.h>
#include <torch/version.h>

#ifdef TENKAI_HAVE_OPENCV
#include <opencv2/core/version.hpp>
#endif

#include <algorithm>
#include <chrono>
#include <fstream>
#include <numeric>
#include <random>
#include <thread>

namespace tenkai::train {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Status checkConfig(const TrainConfig &c)
{
    const auto bad = [](const char *option, const char *range) {
        return Error{ErrorCode::InvalidArgument, option, range};
    };
    if (c.epochs < 1 || c.epochs > 1000)
        return bad("epochs", "expected 1..1000");
    if (c.batchSize < 1 || c.batchSize > 65536)
        return bad("batch size", "expected 1..65536");
    if (!(c.learningRate > 0 && c.learningRate <= 10))
        return bad("learning rate", "expected a number in (0, 10]");
    if (!(c.momentum >= 0 && c.momentum < 1))
        return bad("momentum", "expected a number in [0, 1)");
    if (c.limit < 0 || c.testLimit < 0)
        return bad("image limit", "expected 0 (all) or a positive count");
    if (c.threads < 0 || c.threads > 1024)
        return bad("threads", "expected 0 (every core) or 1..1024");
    if (c.stepReportInterval < 1)
        return bad("step report interval", "expected at least 1");
    return Done{};
}

Result<torch::Device> pickDevice(const std::string &name)
{
    if (name == "cpu")
        return torch::Device(torch::kCPU);
    if (name == "cuda") {
        if (!torch::cuda::is_available())
            return Error{ErrorCode::DeviceUnavailable, "cuda",
                         "this LibTorch build or machine has no usable GPU"};
        return torch::Device(torch::kCUDA);
    }
    if (name == "auto")
        return torch::Device(torch::cuda::is_available() ? torch::kCUDA : torch::kCPU);
    return Error{ErrorCode::UnknownDevice, name, {}};
}

// Creates the folder and proves a file can be written there, before any time is spent training.
Status prepareOutput(const std::filesystem::path &dir)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return Error{ErrorCode::OutputUnwritable, dir.string(), ec.message()};
    if (!std::filesystem::is_directory(dir, ec))
        return Error{ErrorCode::OutputUnwritable, dir.string(), "it is not a folder"};
    const auto probe = dir / ".tenkai-write-test";
    {
        std::ofstream out(probe, std::ios::binary | std::ios::trunc);
        if (!out || !(out << "ok") || !out.flush())
            return Error{ErrorCode::OutputUnwritable, dir.string(), "a file cannot be created there"};
    }
    std::filesystem::remove(probe, ec);
    return Done{};
}

Result<DatasetSplit> loadDataset(const TrainConfig &config)
{
    if (config.dataset != "fashion-mnist")
        return Error{ErrorCode::UnknownDataset, config.dataset, "known datasets: fashion-mnist"};
    const auto dir = config.dataDir.empty() ? defaultDataDir(config.dataset) : config.dataDir;
    return loadFashionMnist(dir);
}

// Turns a uint8 batch into normalised floats on the training device.
torch::Tensor prepareBatch(const torch::Tensor &images, const torch::Tensor &mean,
                           const torch::Tensor &stddev, torch::Device device)
{
    return images.to(device, /*non_blocking=*/true).to(torch::kFloat32).div_(255.0f).sub_(mean).div_(stddev);
}

struct Evaluation
{
    double loss = 0;
    double accuracy = 0;
};

Evaluation evaluate(torch::nn::Sequential &model, const ImageSet &set, const torch::Tensor &mean,
                    const torch::Tensor &stddev, torch::Device device)
{
    torch::NoGradGuard noGrad;
    model->eval();
    const std::int64_t n = set.size();
    double lossSum = 0;
    std::int64_t correct = 0;
    constexpr std::int64_t kChunk = 1000;
    for (std::int64_t begin = 0; begin < n; begin += kChunk) {
        const auto len = std::min(kChunk, n - begin);
        const auto x = prepareBatch(set.images.narrow(0, begin, len), mean, stddev, device);
        const auto y = set.labels.narrow(0, begin, len).to(device);
        const auto logits = model->forward(x);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        correct += logits.argmax(1).eq(y).sum().item<std::int64_t>();
    }
    model->train();
    if (n == 0)
        return {};
    return {lossSum / double(n), double(correct) / double(n)};
}

} // namespace

std::vector<std::string> datasetNames()
{
    return {"fashion-mnist"};
}

std::vector<std::string> modelNames()
{
    return {"lenet", "alexnet"};
}

std::filesystem::path defaultDataDir(const std::string &dataset)
{
    if (dataset == "fashion-mnist")
        return "/usr/share/datasets/fashion-mnist";
    return {};
}

void configureThreads(int threads)
{
    const int cores = std::max(1u, std::thread::hardware_concurrency());
    torch::set_num_threads(threads > 0 ? threads : cores);
}

RuntimeInfo runtimeInfo()
{
    RuntimeInfo info;
    info.torchVersion = TORCH_VERSION;
#ifdef TENKAI_HAVE_OPENCV
    info.opencvVersion = CV_VERSION;
#endif
    info.threads = torch::get_num_threads();
    info.cudaAvailable = torch::cuda::is_available();
    // The BLAS actually mapped into this process, whatever the alternatives system points at.
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos)
            continue;
        const std::string path = line.substr(slash);
        const auto name = std::filesystem::path(path).filename().string();
        if (name.rfind("libblas.so", 0) == 0 || name.rfind("libopenblas", 0) == 0 ||
            name.rfind("libblis", 0) == 0 || name.rfind("libmkl_rt", 0) == 0) {
            info.blasLibrary = path;
            break;
        }
    }
    const auto &p = info.blasLibrary;
    if (p.empty())
        info.blasName = "none loaded";
    else if (p.find("openblas-openmp") != std::string::npos)
        info.blasName = "OpenBLAS (OpenMP)";
    else if (p.find("openblas-pthread") != std::string::npos)
        info.blasName = "OpenBLAS (pthreads)";
    else if (p.find("openblas") != std::string::npos)
        info.blasName = "OpenBLAS";
    else if (p.find("blis") != std::string::npos)
        info.blasName = "BLIS";
    else if (p.find("mkl") != std::string::npos)
        info.blasName = "Intel MKL";
    else if (p.find("atlas") != std::string::npos)
        info.blasName = "ATLAS";
    else if (p.find("/blas/") != std::string::npos)
        info.blasName = "reference BLAS (slow)";
    else
        info.blasName = "unknown";
    return info;
}

Result<TrainSummary> runTraining(const TrainConfig &config, const TrainCallbacks &callbacks,
                                 std::stop_token stop)
{
    if (auto ok = checkConfig(config); !ok)
        return ok.error();
    auto device = pickDevice(config.device);
    if (!device)
        return device.error();
    if (std::find(modelNames().begin(), modelNames().end(), config.model) == modelNames().end())
        return Error{ErrorCode::UnknownModel, config.model, "known models: lenet, alexnet"};
    if (!config.outputDir.empty()) {
        if (auto ok = prepareOutput(config.outputDir); !ok)
            return ok.error();
    }
    auto loaded = loadDataset(config);
    if (!loaded)
        return loaded.error();
    const DatasetSplit &split = loaded.value();

    try {
        configureThreads(config.threads);
        torch::manual_seed(config.seed);
        const ImageSet train = firstN(split.train, config.limit);
        const ImageSet test = firstN(split.test, config.testLimit);
        const InputShape shape{split.train.images.size(1), split.train.images.size(2),
                               split.train.images.size(3)};
        auto model = makeModel(config.model, shape, static_cast<std::int64_t>(split.classes.size()));
        if (!model)
            return model.error();
        auto net = model.value();
        net->to(device.value());
        torch::optim::SGD optimizer(net->parameters(),
                                    torch::optim::SGDOptions(config.learningRate).momentum(config.momentum));

        if (callbacks.onStart) {
            const auto info = runtimeInfo();
            callbacks.onStart(TrainStart{split.name, train.size(), test.size(), shape.channels, shape.height,
                                         shape.width, config.model, device.value().str(), info.threads,
                                         info.blasName});
        }

        const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(device.value());
        const auto mean = torch::tensor(std::vector<float>(split.mean.begin(), split.mean.end()), opts)
                              .view({1, shape.channels, 1, 1});
        const auto stddev = torch::tensor(std::vector<float>(split.stddev.begin(), split.stddev.end()), opts)
                                .view({1, shape.channels, 1, 1});

        TrainSummary summary;
        summary.trainImages = train.size();
        summary.testImages = test.size();
        const auto start = Clock::now();
        double trainSeconds = 0;
        std::int64_t imagesSeen = 0;
        std::int64_t step = 0;
        std::mt19937_64 rng(config.seed);
        std::vector<std::int64_t> order(static_cast<std::size_t>(train.size()));
        const std::int64_t n = train.size();
        const std::int64_t totalSteps = config.epochs * ((n + config.batchSize - 1) / config.batchSize);

        for (int epoch = 1; epoch <= config.epochs; ++epoch) {
            std::iota(order.begin(), order.end(), 0);
            std::shuffle(order.begin(), order.end(), rng);
            const auto perm = torch::from_blob(order.data(), {n}, torch::kInt64);
            net->train();
            double epochLoss = 0;
            std::int64_t epochBatches = 0;
            double windowLoss = 0;
            int windowSteps = 0;
            std::int64_t windowImages = 0;
            auto windowStart = Clock::now();
            const auto epochStart = Clock::now();

            for (std::int64_t begin = 0; begin < n; begin += config.batchSize) {
                if (stop.stop_requested()) {
                    summary.cancelled = true;
                    break;
                }
                const auto len = std::min<std::int64_t>(config.batchSize, n - begin);
                const auto idx = perm.narrow(0, begin, len);
                const auto x = prepareBatch(train.images.index_select(0, idx), mean, stddev, device.value());
                const auto y = train.labels.index_select(0, idx).to(device.value());
                optimizer.zero_grad();
                const auto loss = torch::nn::functional::cross_entropy(net->forward(x), y);
                loss.backward();
                optimizer.step();
                ++step;
                const double lossValue = loss.item<double>();
                epochLoss += lossValue;
                ++epochBatches;
                windowLoss += lossValue;
                ++windowSteps;
                windowImages += len;
                if (windowSteps >= config.stepReportInterval || begin + len >= n) {
                    const double windowSeconds = secondsSince(windowStart);
                    if (callbacks.onStep)
                        callbacks.onStep(StepMetrics{
                            0, epoch, step, totalSteps, windowLoss / windowSteps, config.learningRate,
                            windowSeconds > 0 ? double(windowImages) / windowSeconds : 0,
                            secondsSince(start)});
                    windowLoss = 0;
                    windowSteps = 0;
                    windowImages = 0;
                    windowStart = Clock::now();
                }
            }
            const double epochTrainSeconds = secondsSince(epochStart);
            trainSeconds += epochTrainSeconds;
            const std::int64_t epochImages = summary.cancelled ? 0 : n;
            imagesSeen += epochImages;
            if (summary.cancelled)
                break;

            const auto eval = evaluate(net, test, mean, stddev, device.value());
            summary.epochsCompleted = epoch;
            summary.testAccuracy = eval.accuracy;
            if (callbacks.onEpoch)
                callbacks.onEpoch(EpochMetrics{
                    0, epoch, step, epochBatches ? epochLoss / double(epochBatches) : 0, eval.loss,
                    eval.accuracy, epochTrainSeconds > 0 ? double(n) / epochTrainSeconds : 0,
                    secondsSince(start)});
        }
        summary.seconds = secondsSince(start);
        summary.imagesPerSecond = trainSeconds > 0 ? double(imagesSeen) / trainSeconds : 0;

        if (!config.outputDir.empty() && summary.epochsCompleted > 0) {
            const auto finalPath = config.outputDir / "model.pt";
            const auto tmpPath = config.outputDir / ".model.pt.partial";
            net->to(torch::kCPU);
            torch::save(net, tmpPath.string());
            std::error_code ec;
            std::filesystem::rename(tmpPath, finalPath, ec);
            if (ec)
                return Error{ErrorCode::OutputUnwritable, config.outputDir.string(), ec.message()};
            summary.modelPath = finalPath;
        }
        return summary;
    } catch (const c10::Error &e) {
        return Error{ErrorCode::TrainingFailed, {}, e.what_without_backtrace()};
    } catch (const std::exception &e) {
        return Error{ErrorCode::TrainingFailed, {}, e.what()};
    }
}

} // namespace tenkai::train
