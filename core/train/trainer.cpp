#include "augment_tensor.h"
#include "checkpoint.h"
#include "dataset.h"
#include "model_io.h"
#include "models.h"
#include "packed.h"
#include "train_api.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>
#include <torch/version.h>

#ifdef TENKAI_HAVE_OPENCV
#include <opencv2/core/version.hpp>
#endif
#ifdef TENKAI_CUDA_STREAMS
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <sys/statvfs.h>
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
    if (c.imageWidth < 0 || c.imageWidth > 4096 || c.imageHeight < 0 || c.imageHeight > 4096 ||
        (c.imageWidth > 0) != (c.imageHeight > 0))
        return bad("image size", "expected width and height in 1..4096, or neither");
    if (c.channels != 0 && c.channels != 1 && c.channels != 3)
        return bad("channels", "expected 1 or 3");
    if (c.freeze != "none" && c.freeze != "features" && c.freeze != "all-but-head")
        return bad("freeze", "expected none, features or all-but-head");
    if (c.optimizer != "sgd" && c.optimizer != "adam")
        return bad("optimizer", "expected sgd or adam");
    if (c.schedule != "constant" && c.schedule != "step" && c.schedule != "cosine")
        return bad("schedule", "expected constant, step or cosine");
    if (c.stepEvery < 1 || !(c.stepGamma > 0 && c.stepGamma <= 1))
        return bad("step schedule", "expected a period of at least 1 epoch and a factor in (0, 1]");
    if (!(c.weightDecay >= 0 && c.weightDecay < 1))
        return bad("weight decay", "expected a number in [0, 1)");
    if (!(c.targetAccuracy >= 0 && c.targetAccuracy <= 1))
        return bad("target accuracy", "expected a fraction in [0, 1]");
    if (!(c.validationFraction >= 0 && c.validationFraction <= 0.5))
        return bad("validation fraction", "expected a fraction in [0, 0.5]");
    if (c.targetAccuracy > 0 && c.validationFraction == 0)
        return bad(
            "target accuracy",
            "is judged on the validation split, never the test split: set a validation fraction above 0");
    if (c.freeze != "none" && c.initFrom.empty())
        return bad("freeze", "freezing layers needs a model to start from");
    if (c.members.size() > 64)
        return bad("members", "expected at most 64 ensemble members");
    if (c.stepReportInterval < 1)
        return bad("step report interval", "expected at least 1");
    if (c.ensemble != "auto" && c.ensemble != "threads" && c.ensemble != "packed")
        return bad("ensemble", "expected auto, threads or packed");
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

Result<DatasetSplit> loadConfiguredDataset(const TrainConfig &config)
{
    ImageFolderOptions folder;
    folder.width = config.imageWidth;
    folder.height = config.imageHeight;
    folder.channels = config.channels;
    if (config.wholeFolderIsTest)
        folder.testFraction = 1;
    return loadDataset(config.dataset, config.dataDir, folder);
}

// Fine-tuning and evaluation keep a model's input: image folders are decoded to it unless the
// configuration names a size or channel count itself.
void adoptModelInput(TrainConfig &config, const ModelInfo &model)
{
    if (config.imageWidth == 0 && config.channels == 0) {
        config.imageWidth = model.width;
        config.imageHeight = model.height;
        config.channels = int(model.channels);
    }
}

// Per-channel normalisation values as a 1 x C x 1 x 1 tensor on the device.
torch::Tensor channelTensor(const std::vector<double> &values, std::int64_t channels, torch::Device device)
{
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    return torch::tensor(std::vector<float>(values.begin(), values.end()), opts).view({1, channels, 1, 1});
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
    torch::Tensor probabilities; // N x classes, float, on the CPU
};

// Evaluates a network, or each of the `members` networks a packed ensemble holds (every member
// sees the same test images), on a test set.
std::vector<Evaluation> evaluateMembers(torch::nn::Sequential &model, std::int64_t members,
                                        const ImageSet &set, const torch::Tensor &mean,
                                        const torch::Tensor &stddev, torch::Device device)
{
    torch::NoGradGuard noGrad;
    model->eval();
    const std::int64_t n = set.size();
    const auto k = std::size_t(members);
    std::vector<double> lossSum(k);
    std::vector<std::vector<torch::Tensor>> chunks(k);
    constexpr std::int64_t kChunk = 1000;
    for (std::int64_t begin = 0; begin < n; begin += kChunk) {
        const auto len = std::min(kChunk, n - begin);
        auto x = prepareBatch(set.images.narrow(0, begin, len), mean, stddev, device);
        if (members > 1)
            x = x.repeat({1, members, 1, 1});
        const auto y = set.labels.narrow(0, begin, len).to(device);
        const auto logits = model->forward(x).view({len, members, -1});
        for (std::size_t i = 0; i < k; ++i) {
            const auto memberLogits = logits.select(1, std::int64_t(i));
            lossSum[i] +=
                torch::nn::functional::cross_entropy(
                    memberLogits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                    .item<double>();
            chunks[i].push_back(torch::softmax(memberLogits, 1).to(torch::kCPU));
        }
    }
    model->train();
    std::vector<Evaluation> result(k);
    if (n == 0)
        return result;
    for (std::size_t i = 0; i < k; ++i) {
        auto &e = result[i];
        e.probabilities = torch::cat(chunks[i]);
        e.loss = lossSum[i] / double(n);
        e.accuracy = e.probabilities.argmax(1).eq(set.labels).to(torch::kFloat64).mean().item<double>();
    }
    return result;
}

Evaluation evaluate(torch::nn::Sequential &model, const ImageSet &set, const torch::Tensor &mean,
                    const torch::Tensor &stddev, torch::Device device)
{
    return evaluateMembers(model, 1, set, mean, stddev, device).front();
}

constexpr double kZ95 = 1.959963984540054;

// Wilson's score interval for a proportion `p` of `n` trials.
Interval wilson(double p, std::int64_t n)
{
    if (n <= 0)
        return {};
    const double z2 = kZ95 * kZ95 / double(n);
    const double centre = (p + z2 / 2) / (1 + z2);
    const double half = kZ95 * std::sqrt(p * (1 - p) / double(n) + z2 / (4 * double(n))) / (1 + z2);
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

// The mean of per-image differences and its 95% interval (normal approximation of the paired mean).
std::pair<double, Interval> pairedDifference(const torch::Tensor &difference)
{
    const auto n = difference.size(0);
    const double mean = n > 0 ? difference.mean().item<double>() : 0;
    if (n < 2)
        return {mean, {mean, mean}};
    const double half = kZ95 * difference.std().item<double>() / std::sqrt(double(n));
    return {mean, {mean - half, mean + half}};
}

// The soft vote's member weights that make the vote's probability of the right class most likely
// on `labels` (the validation split): EM for the weights of a mixture, with a Dirichlet(2) prior
// that keeps a member's weight from reaching 0 on a few hundred images.
std::vector<double> fitVoteWeights(const std::vector<torch::Tensor> &probabilities,
                                   const torch::Tensor &labels)
{
    const auto k = std::int64_t(probabilities.size());
    std::vector<double> equal(std::size_t(k), k > 0 ? 1.0 / double(k) : 0.0);
    const auto n = labels.size(0);
    if (k < 2 || n == 0)
        return equal;
    std::vector<torch::Tensor> right;
    for (const auto &p : probabilities)
        right.push_back(p.to(torch::kFloat64).gather(1, labels.view({-1, 1})).view({-1}).clamp_min(1e-12));
    const auto p = torch::stack(right); // k x n
    auto w = torch::full({k, 1}, 1.0 / double(k), torch::kFloat64);
    constexpr double kPrior = 1.0; // pseudo-count per member
    for (int iteration = 0; iteration < 500; ++iteration) {
        const auto mix = w * p;
        const auto responsibility = mix / mix.sum(0, true);
        const auto next = (responsibility.sum(1, true) + kPrior) / (double(n) + double(k) * kPrior);
        const double change = (next - w).abs().max().item<double>();
        w = next;
        if (change < 1e-10)
            break;
    }
    std::vector<double> out(static_cast<std::size_t>(k));
    for (std::int64_t i = 0; i < k; ++i)
        out[std::size_t(i)] = w[i][0].item<double>();
    return out;
}

// Scores members' test probabilities: each member, the weighted soft vote (weights fitted on the
// validation probabilities when given) and the majority vote, their intervals, the ensemble against
// a single model, disagreement and the vote's confusion matrix.
EvaluationReport scoreMembers(const std::vector<torch::Tensor> &probabilities, const torch::Tensor &labels,
                              const std::vector<std::string> &classes,
                              const std::vector<torch::Tensor> &validationProbabilities = {},
                              const torch::Tensor &validationLabels = {},
                              const torch::Tensor &deployedProbabilities = {})
{
    EvaluationReport r;
    r.testImages = labels.size(0);
    r.classes = classes;
    const auto k = std::int64_t(probabilities.size());
    const bool validated = validationLabels.defined() && validationLabels.size(0) > 0 &&
                           std::int64_t(validationProbabilities.size()) == k;
    const std::vector<double> equalWeights(std::size_t(k), 1.0 / double(k));
    r.weights = equalWeights;
    const auto vote = [&](const std::vector<torch::Tensor> &p) {
        const auto w = torch::tensor(r.weights, torch::kFloat64).to(p.front().dtype()).view({k, 1, 1});
        return (torch::stack(p) * w).sum(0);
    };
    const auto validationAccuracy = [&] {
        return vote(validationProbabilities)
            .argmax(1)
            .eq(validationLabels)
            .to(torch::kFloat64)
            .mean()
            .item<double>();
    };
    if (validated && k > 1) {
        // Fitted weights are kept only where they vote better than equal ones on validation too
        // (likelihood and accuracy can disagree while members are still near uniform).
        const double equal = validationAccuracy();
        r.weights = fitVoteWeights(validationProbabilities, validationLabels);
        const double fitted = validationAccuracy();
        r.weightsFitted = fitted >= equal;
        if (!r.weightsFitted)
            r.weights = equalWeights;
        r.validationAccuracy = std::max(fitted, equal); // the kept weights' vote
    }
    const auto weighted = vote(probabilities);
    const auto soft = weighted.argmax(1);
    const auto correct = soft.eq(labels).to(torch::kFloat64);
    r.accuracy = correct.mean().item<double>();
    r.accuracyInterval = wilson(r.accuracy, r.testImages);
    r.equalWeightAccuracy =
        torch::stack(probabilities).mean(0).argmax(1).eq(labels).to(torch::kFloat64).mean().item<double>();
    r.loss = -weighted.clamp_min(1e-12).log().gather(1, labels.view({-1, 1})).mean().item<double>();
    std::vector<torch::Tensor> votes;
    std::vector<torch::Tensor> memberCorrect;
    for (const auto &p : probabilities) {
        votes.push_back(p.argmax(1));
        memberCorrect.push_back(votes.back().eq(labels).to(torch::kFloat64));
        r.memberAccuracy.push_back(memberCorrect.back().mean().item<double>());
        r.memberIntervals.push_back(wilson(r.memberAccuracy.back(), r.testImages));
    }
    r.meanMemberAccuracy = std::accumulate(r.memberAccuracy.begin(), r.memberAccuracy.end(), 0.0) / double(k);
    if (k > 1) {
        std::tie(r.gainOverMeanMember, r.gainOverMeanMemberInterval) =
            pairedDifference(correct - torch::stack(memberCorrect).mean(0));
    }
    if (validated) {
        r.validationImages = validationLabels.size(0);
        for (const auto &p : validationProbabilities)
            r.memberValidationAccuracy.push_back(
                p.argmax(1).eq(validationLabels).to(torch::kFloat64).mean().item<double>());
        if (k == 1)
            r.validationAccuracy = validationAccuracy();
        r.chosenMember =
            int(std::max_element(r.memberValidationAccuracy.begin(), r.memberValidationAccuracy.end()) -
                r.memberValidationAccuracy.begin());
        if (k > 1)
            std::tie(r.gainOverChosenMember, r.gainOverChosenMemberInterval) =
                pairedDifference(correct - memberCorrect[std::size_t(r.chosenMember)]);
    }
    if (deployedProbabilities.defined() && deployedProbabilities.size(0) == r.testImages) {
        const auto deployedCorrect = deployedProbabilities.argmax(1).eq(labels).to(torch::kFloat64);
        r.hasDeployed = true;
        r.deployedAccuracy = deployedCorrect.mean().item<double>();
        r.deployedInterval = wilson(r.deployedAccuracy, r.testImages);
        std::tie(r.gainOverDeployed, r.gainOverDeployedInterval) =
            pairedDifference(correct - deployedCorrect);
    }
    const auto classCount = std::int64_t(classes.size());
    auto counts = torch::zeros_like(weighted);
    for (const auto &v : votes)
        counts += torch::one_hot(v, classCount).to(counts.dtype());
    // A vote counts 1; the soft probability (< 1) only separates tied classes.
    r.majorityAccuracy =
        (counts + weighted * 0.5).argmax(1).eq(labels).to(torch::kFloat64).mean().item<double>();
    double pairs = 0;
    for (std::size_t i = 0; i < votes.size(); ++i)
        for (std::size_t j = i + 1; j < votes.size(); ++j) {
            r.disagreement += votes[i].ne(votes[j]).to(torch::kFloat64).mean().item<double>();
            pairs += 1;
        }
    if (pairs > 0)
        r.disagreement /= pairs;
    const auto cells = torch::bincount(labels * classCount + soft, {}, classCount * classCount)
                           .view({classCount, classCount});
    r.confusion.assign(std::size_t(classCount), std::vector<std::int64_t>(std::size_t(classCount)));
    for (std::int64_t t = 0; t < classCount; ++t) {
        std::int64_t row = 0;
        for (std::int64_t p = 0; p < classCount; ++p) {
            r.confusion[std::size_t(t)][std::size_t(p)] = cells[t][p].item<std::int64_t>();
            row += r.confusion[std::size_t(t)][std::size_t(p)];
        }
        r.perClassAccuracy.push_back(row ? double(r.confusion[std::size_t(t)][std::size_t(t)]) / double(row)
                                         : 0);
    }
    return r;
}

// The classes the test split has and the training images lack (the model cannot learn them).
std::vector<std::string> missingClasses(const ImageSet &train, const ImageSet &test,
                                        const std::vector<std::string> &classes)
{
    const auto k = std::int64_t(classes.size());
    const auto trainCounts = classCounts(train, k);
    const auto testCounts = classCounts(test, k);
    std::vector<std::string> missing;
    for (std::size_t c = 0; c < classes.size(); ++c)
        if (trainCounts[c] == 0 && testCounts[c] > 0)
            missing.push_back(classes[c]);
    return missing;
}

// Index of the Flatten module: everything before it is the feature extractor.
std::size_t featureEnd(torch::nn::Sequential &net)
{
    for (std::size_t i = 0; i < net->size(); ++i)
        if (net[i]->as<torch::nn::Flatten>())
            return i;
    return 0;
}

// Index of the last linear module: the classifier head.
std::size_t headIndex(torch::nn::Sequential &net)
{
    std::size_t head = net->size();
    for (std::size_t i = 0; i < net->size(); ++i)
        if (net[i]->as<torch::nn::Linear>() || net[i]->as<GroupedLinear>())
            head = i;
    return head;
}

// Freezes the modules before the returned index (their parameters get no gradient; the trainer also
// keeps them in evaluation mode, so batch normalisation statistics stay as pretrained).
std::size_t applyFreeze(torch::nn::Sequential &net, const std::string &policy)
{
    const std::size_t frozenEnd = policy == "features"       ? featureEnd(net)
                                  : policy == "all-but-head" ? headIndex(net)
                                                             : 0;
    for (std::size_t i = 0; i < net->size(); ++i)
        for (auto &p : net[i]->parameters())
            p.set_requires_grad(i >= frozenEnd);
    return frozenEnd;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(torch::nn::Sequential &net, const TrainConfig &c)
{
    std::vector<torch::Tensor> trainable;
    for (auto &p : net->parameters())
        if (p.requires_grad())
            trainable.push_back(p);
    if (c.optimizer == "adam")
        return std::make_unique<torch::optim::Adam>(
            trainable, torch::optim::AdamOptions(c.learningRate).weight_decay(c.weightDecay));
    return std::make_unique<torch::optim::SGD>(
        trainable, torch::optim::SGDOptions(c.learningRate).momentum(c.momentum).weight_decay(c.weightDecay));
}

double learningRateFor(const TrainConfig &c, int epoch)
{
    if (c.schedule == "step")
        return c.learningRate * std::pow(c.stepGamma, (epoch - 1) / c.stepEvery);
    if (c.schedule == "cosine")
        return c.learningRate * 0.5 * (1.0 + std::cos(M_PI * double(epoch - 1) / double(c.epochs)));
    return c.learningRate;
}

void setLearningRate(torch::optim::Optimizer &optimizer, double lr)
{
    for (auto &group : optimizer.param_groups())
        group.options().set_lr(lr);
}

// The network to train: built fresh for the dataset, or loaded from config.initFrom with a new head
// when the dataset's classes differ from the model's.
struct Prepared
{
    torch::nn::Sequential net;
    std::string architecture;
    std::vector<double> mean;
    std::vector<double> stddev;
    bool newHead = false;
    std::size_t frozenEnd = 0; // modules before it are frozen
};

// `base` is the model file loaded once for all members (null: train from scratch); each member
// gets its own copy.
Result<Prepared> prepareModel(const TrainConfig &config, const DatasetSplit &split, const InputShape &shape,
                              const LoadedModel *base)
{
    if (!base) {
        auto model = makeModel(config.model, shape, static_cast<std::int64_t>(split.classes.size()));
        if (!model)
            return model.error();
        return Prepared{model.value(), config.model, split.mean, split.stddev, false, 0};
    }
    Prepared p{
        torch::nn::Sequential(std::dynamic_pointer_cast<torch::nn::SequentialImpl>(base->net->clone())),
        base->info.architecture,
        base->info.mean,
        base->info.stddev,
        false,
        0};
    if (base->info.classes != split.classes) {
        // A fresh network for the new classes takes every pretrained tensor but the head's.
        auto fresh = makeModel(p.architecture, shape, std::int64_t(split.classes.size()));
        if (!fresh)
            return fresh.error();
        const std::string headPrefix = std::to_string(headIndex(p.net)) + ".";
        torch::NoGradGuard noGrad;
        const auto pretrained = p.net->named_parameters();
        for (auto &param : fresh.value()->named_parameters()) {
            const auto *source = pretrained.find(param.key());
            if (param.key().rfind(headPrefix, 0) != 0 && source && source->sizes() == param.value().sizes())
                param.value().copy_(*source);
        }
        const auto pretrainedBuffers = p.net->named_buffers();
        for (auto &buffer : fresh.value()->named_buffers()) {
            if (const auto *source = pretrainedBuffers.find(buffer.key()))
                buffer.value().copy_(*source);
        }
        p.net = fresh.value();
        p.newHead = true;
    }
    p.frozenEnd = applyFreeze(p.net, config.freeze);
    return p;
}

// One ensemble member's model, optimizer and running figures.
struct MemberState
{
    int index = 0;
    std::uint64_t seed = 1;
    Policy augment; // teacher data generation: empty for none
    torch::nn::Sequential net{nullptr};
    std::size_t frozenEnd = 0;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::mt19937_64 order;
    std::int64_t step = 0;
    double epochLoss = 0;
    double trainSeconds = 0;
    Evaluation eval;           // on the test split
    Evaluation validationEval; // on the validation split (empty without one)
};

// Refuses a training whose checkpoints or model files would not fit, before it spends hours on
// epochs it cannot keep. A member's model file holds its parameters and buffers; its checkpoint
// also the optimizer's state per trainable parameter (SGD with momentum: one tensor, Adam: two).
// Checkpoints need room for two epochs while the newer one is written (one more when resuming:
// the older is already on the disk); model files once, at the end. Folders on one file system
// share its free space.
Status checkRoom(const TrainConfig &config, const std::vector<MemberState> &members, bool resuming)
{
    const auto bytes = [](const torch::Tensor &t) {
        return std::uint64_t(t.numel()) * t.element_size();
    };
    const std::uint64_t slots = config.optimizer == "adam" ? 2 : config.momentum > 0 ? 1 : 0;
    std::uint64_t model = 0;
    std::uint64_t state = 0;
    for (const auto &m : members) {
        for (const auto &p : m.net->parameters()) {
            model += bytes(p);
            if (p.requires_grad())
                state += slots * bytes(p);
        }
        for (const auto &b : m.net->buffers())
            model += bytes(b);
    }
    constexpr std::uint64_t kPerFile = 64 * 1024; // the archive's directory, keys, the header file
    const std::uint64_t files = members.size() + 1;
    struct Need
    {
        std::filesystem::path dir;
        std::uint64_t bytes;
        dev_t device = 0;
        std::uint64_t free = 0;
    };
    std::vector<Need> needs;
    if (!config.checkpointDir.empty())
        needs.push_back({config.checkpointDir, (resuming ? 1 : 2) * (model + state + files * kPerFile)});
    if (!config.outputDir.empty())
        needs.push_back({config.outputDir, model + files * kPerFile});
    std::map<dev_t, std::uint64_t> total; // per file system
    for (auto &need : needs) {
        struct stat st
        {};
        struct statvfs fs
        {};
        // A file system that reports no size (some FUSE ones) cannot be judged: its writes will say.
        if (::stat(need.dir.c_str(), &st) != 0 || ::statvfs(need.dir.c_str(), &fs) != 0 || fs.f_blocks == 0 ||
            fs.f_frsize == 0)
            return Done{};
        need.device = st.st_dev;
        need.free = std::uint64_t(fs.f_bavail) * fs.f_frsize;
        total[need.device] += need.bytes;
    }
    const auto mb = [](std::uint64_t b) {
        std::ostringstream text;
        text.setf(std::ios::fixed);
        text.precision(1);
        text << double(b) / (1024.0 * 1024.0) << " MB";
        return text.str();
    };
    for (const auto &need : needs)
        if (need.free < total[need.device])
            return Error{ErrorCode::NoRoom, need.dir.string(),
                         mb(need.free) + " free, about " + mb(total[need.device]) +
                             " needed for the checkpoints and model files"};
    return Done{};
}

// Shared, read-only inputs of every member's epoch.
struct EpochInputs
{
    const TrainConfig &config;
    const ImageSet &train;
    const torch::Tensor &mean;
    const torch::Tensor &stddev;
    torch::Device device;
    std::int64_t totalSteps;
    Clock::time_point start;
    const TrainCallbacks &callbacks;
    std::mutex &callbackMutex;
    std::stop_token stop;
};

// A member's order of the training images for one epoch, drawn from its shuffling generator.
torch::Tensor shuffledOrder(MemberState &m, std::int64_t n)
{
    auto perm = torch::empty({n}, torch::kInt64);
    auto *order = perm.data_ptr<std::int64_t>();
    std::iota(order, order + n, std::int64_t(0));
    std::shuffle(order, order + n, m.order);
    return perm;
}

// Member m's training batch of `len` images from position `begin` of its epoch order: normalised
// images on the device, augmented by its policy, and their labels.
std::pair<torch::Tensor, torch::Tensor> memberBatch(const MemberState &m, const torch::Tensor &perm,
                                                    int epoch, std::int64_t begin, std::int64_t len,
                                                    const EpochInputs &in)
{
    const auto idx = perm.narrow(0, begin, len).to(in.train.images.device());
    torch::Tensor x;
    if (m.augment.empty()) {
        x = prepareBatch(in.train.images.index_select(0, idx), in.mean, in.stddev, in.device);
    } else {
        // Every image of every epoch gets its own draw: index = epoch * n + position in the epoch.
        auto augmented = augmentBatch(m.augment, in.train.images.index_select(0, idx).to(in.device), m.seed,
                                      std::int64_t(epoch) * in.train.size() + begin);
        if (!augmented)
            throw std::runtime_error(augmented.error().message());
        x = augmented.value().sub_(in.mean).div_(in.stddev);
    }
    return {x, in.train.labels.index_select(0, idx).to(in.device)};
}

// A member's running step figures between two StepMetrics reports.
class StepWindow
{
public:
    // Adds `steps` optimizer steps whose losses sum to `loss`.
    void add(double loss, int steps, std::int64_t images)
    {
        m_loss += loss;
        m_steps += steps;
        m_images += images;
    }
    // Whether a report is due: the window is full, or the epoch's last step is done.
    bool due(const EpochInputs &in, bool lastOfEpoch) const
    {
        return m_steps >= in.config.stepReportInterval || lastOfEpoch;
    }
    // Reports the window's figures and starts a new window.
    void report(const MemberState &m, int epoch, double lr, const EpochInputs &in)
    {
        const double seconds = secondsSince(m_start);
        if (in.callbacks.onStep) {
            std::lock_guard lock(in.callbackMutex);
            in.callbacks.onStep(StepMetrics{m.index, epoch, m.step, in.totalSteps, m_loss / m_steps, lr,
                                            seconds > 0 ? double(m_images) / seconds : 0,
                                            secondsSince(in.start)});
        }
        *this = StepWindow();
    }

private:
    double m_loss = 0;
    int m_steps = 0;
    std::int64_t m_images = 0;
    Clock::time_point m_start = Clock::now();
};

// Calls step(begin, len) for every batch of an epoch of n images; false when stopped part way.
template<typename Step>
bool forEachBatch(std::int64_t n, const EpochInputs &in, Step step)
{
    for (std::int64_t begin = 0; begin < n; begin += in.config.batchSize) {
        if (in.stop.stop_requested())
            return false;
        step(begin, std::min<std::int64_t>(in.config.batchSize, n - begin));
    }
    return true;
}

// Puts frozen modules (the trainer keeps their batch normalisation statistics) in evaluation mode.
void enterTraining(torch::nn::Sequential &net, std::size_t frozenEnd)
{
    net->train();
    for (std::size_t i = 0; i < frozenEnd; ++i)
        net[i]->eval();
}

// Trains one member for one epoch; false when cancelled part way.
bool trainEpoch(MemberState &m, int epoch, double lr, const EpochInputs &in)
{
    const std::int64_t n = in.train.size();
    const auto perm = shuffledOrder(m, n);
    setLearningRate(*m.optimizer, lr);
    enterTraining(m.net, m.frozenEnd);
    double lossSum = 0;
    std::int64_t batches = 0;
    StepWindow window;
    const auto epochStart = Clock::now();
    const bool complete = forEachBatch(n, in, [&](std::int64_t begin, std::int64_t len) {
        const auto [x, y] = memberBatch(m, perm, epoch, begin, len, in);
        m.optimizer->zero_grad();
        const auto loss = torch::nn::functional::cross_entropy(m.net->forward(x), y);
        loss.backward();
        m.optimizer->step();
        ++m.step;
        const double lossValue = loss.item<double>();
        lossSum += lossValue;
        ++batches;
        window.add(lossValue, 1, len);
        if (window.due(in, begin + len >= n))
            window.report(m, epoch, lr, in);
    });
    m.trainSeconds = secondsSince(epochStart);
    m.epochLoss = batches ? lossSum / double(batches) : 0;
    return complete;
}

// A packed ensemble: every member's network in one of grouped layers (see packed.h), trained by
// one optimizer. The members' own networks and optimizers are brought up to date from it only
// when they are needed (checkpoints, model files).
struct PackedEnsemble
{
    torch::nn::Sequential net{nullptr};
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::size_t frozenEnd = 0;
    std::int64_t classes = 0;
};

// Trains every member of a packed ensemble for one epoch: each step feeds every member its own
// batch (its own order and teacher-data policy) and sums the members' losses, so each member's
// gradient is the one it would get alone. False when cancelled part way.
bool trainPackedEpoch(std::vector<MemberState> &members, PackedEnsemble &packed, int epoch, double lr,
                      const EpochInputs &in)
{
    const std::int64_t n = in.train.size();
    const auto k = std::int64_t(members.size());
    std::vector<torch::Tensor> perms;
    bool anyAugmented = false;
    for (auto &m : members) {
        perms.push_back(shuffledOrder(m, n));
        anyAugmented = anyAugmented || !m.augment.empty();
    }
    setLearningRate(*packed.optimizer, lr);
    enterTraining(packed.net, packed.frozenEnd);
    std::vector<double> lossSum(members.size());
    std::int64_t batches = 0;
    std::vector<StepWindow> windows(members.size());
    // The members' losses are summed where they are computed and read once per report, so that a
    // GPU is not made to wait for the host after every step.
    auto windowLoss = torch::zeros({k}, torch::TensorOptions().dtype(torch::kFloat64).device(in.device));
    int windowSteps = 0;
    std::int64_t windowImages = 0;
    const auto epochStart = Clock::now();
    const bool complete = forEachBatch(n, in, [&](std::int64_t begin, std::int64_t len) {
        // Image-major throughout: row i holds the i-th image of every member's batch, member k's
        // in channels [k*C, (k+1)*C), and its labels and logits likewise.
        torch::Tensor x;
        torch::Tensor y;
        if (anyAugmented) {
            std::vector<torch::Tensor> xs;
            std::vector<torch::Tensor> ys;
            for (std::size_t i = 0; i < members.size(); ++i) {
                auto [memberX, memberY] = memberBatch(members[i], perms[i], epoch, begin, len, in);
                xs.push_back(std::move(memberX));
                ys.push_back(std::move(memberY));
            }
            x = torch::stack(xs, 1).flatten(1, 2);
            y = torch::stack(ys, 1).view({len * k});
        } else {
            // No teacher data: every member's images gathered and normalised at once.
            std::vector<torch::Tensor> slices;
            for (const auto &perm : perms)
                slices.push_back(perm.narrow(0, begin, len));
            const auto idx = torch::stack(slices, 1).view({len * k}).to(in.train.images.device());
            x = prepareBatch(in.train.images.index_select(0, idx), in.mean, in.stddev, in.device)
                    .view({len, -1, in.train.images.size(2), in.train.images.size(3)});
            y = in.train.labels.index_select(0, idx).to(in.device);
        }
        packed.optimizer->zero_grad();
        const auto logits = packed.net->forward(x).view({len * k, packed.classes});
        const auto memberLoss =
            torch::nn::functional::cross_entropy(
                logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone))
                .view({len, k})
                .mean(0);
        memberLoss.sum().backward();
        packed.optimizer->step();
        windowLoss += memberLoss.detach().to(torch::kFloat64);
        ++windowSteps;
        windowImages += len;
        ++batches;
        for (auto &m : members)
            ++m.step;
        if (windowSteps < in.config.stepReportInterval && begin + len < n)
            return;
        const auto values = windowLoss.to(torch::kCPU, /*non_blocking=*/false, /*copy=*/true);
        windowLoss.zero_();
        for (std::size_t i = 0; i < members.size(); ++i) {
            const double loss = values[std::int64_t(i)].item<double>();
            lossSum[i] += loss;
            windows[i].add(loss, windowSteps, windowImages);
            windows[i].report(members[i], epoch, lr, in);
        }
        windowSteps = 0;
        windowImages = 0;
    });
    const double seconds = secondsSince(epochStart);
    for (std::size_t i = 0; i < members.size(); ++i) {
        members[i].trainSeconds = seconds;
        members[i].epochLoss = batches ? lossSum[i] / double(batches) : 0;
    }
    return complete;
}

// The members' networks and optimizers, as packed.h takes them.
std::pair<std::vector<torch::nn::Sequential>, std::vector<torch::optim::Optimizer *>>
netsAndOptimizers(std::vector<MemberState> &members)
{
    std::vector<torch::nn::Sequential> nets;
    std::vector<torch::optim::Optimizer *> optimizers;
    for (auto &m : members) {
        nets.push_back(m.net);
        optimizers.push_back(m.optimizer.get());
    }
    return {nets, optimizers};
}

// Copies the members' networks and optimizer state into the packed ensemble.
void packFromMembers(std::vector<MemberState> &members, PackedEnsemble &packed)
{
    const auto [nets, optimizers] = netsAndOptimizers(members);
    packMembers(nets, packed.net);
    packOptimizerState(optimizers, *packed.optimizer);
}

// Brings the members' networks and optimizers up to date from the packed ensemble.
void syncMembers(PackedEnsemble &packed, std::vector<MemberState> &members)
{
    const auto [nets, optimizers] = netsAndOptimizers(members);
    unpackMembers(packed.net, nets);
    unpackOptimizerState(*packed.optimizer, optimizers);
}

// Runs `work(member)` for every member: inline for one, on one thread each for several, each thread
// with its share of the cores (LibTorch's thread count is per calling thread) and, on a GPU (with
// a CUDA LibTorch), a CUDA stream of its own so that the members' kernels can overlap.
void forEachMember(std::vector<MemberState> &members, int threadsPerMember, torch::Device device,
                   const std::function<void(MemberState &)> &work)
{
    if (members.size() == 1) {
        work(members.front());
        return;
    }
#ifdef TENKAI_CUDA_STREAMS
    // "cuda" names no index: the current device's (new threads start on device 0 too).
    const c10::DeviceIndex gpu =
        device.is_cuda() ? (device.has_index() ? device.index() : c10::cuda::current_device()) : 0;
    if (device.is_cuda())
        torch::cuda::synchronize(gpu); // what the default stream holds is complete
#else
    (void)device;
#endif
    std::vector<std::exception_ptr> errors(members.size());
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < members.size(); ++i)
            threads.emplace_back([&, i] {
                try {
                    torch::set_num_threads(threadsPerMember);
#ifdef TENKAI_CUDA_STREAMS
                    if (device.is_cuda()) {
                        const c10::cuda::CUDAStreamGuard stream(
                            c10::cuda::getStreamFromPool(/*isHighPriority=*/false, gpu));
                        work(members[i]);
                        stream.current_stream().synchronize();
                        return;
                    }
#endif
                    work(members[i]);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            });
    }
    for (const auto &e : errors)
        if (e)
            std::rethrow_exception(e);
}

Result<TrainSummary> trainMembers(const TrainConfig &config, const TrainConfig &effective,
                                  const DatasetSplit &split, const TrainCallbacks &callbacks,
                                  torch::Device device, std::stop_token stop)
{
    configureThreads(config.threads);
    const int totalThreads = torch::get_num_threads();
    // Seeded, stratified subsets: the limit's sample, the validation split held out of it, the
    // test sample. Every choice below is made on validation; the test split is only scored.
    const auto classCount = std::int64_t(split.classes.size());
    const HeldOut held = holdOut(stratifiedSample(split.train, config.limit, classCount, config.seed),
                                 config.validationFraction, classCount, config.seed ^ 0x76616c6964ULL);
    const ImageSet &train = held.kept;
    const ImageSet &validation = held.heldOut;
    const ImageSet test = stratifiedSample(split.test, config.testLimit, classCount, kTestSampleSeed);
    const std::vector<std::string> missing = missingClasses(train, test, split.classes);
    // Every step has the same shapes (but an epoch's last): cuDNN may time its algorithms once
    // per shape and keep the fastest.
    if (device.is_cuda())
        at::globalContext().setBenchmarkCuDNN(true);
    // On a GPU the images wait there when they fit easily (2 GiB), so that batches are gathered
    // and augmented without a copy from the host per step. Test labels stay with the scoring.
    const bool dataOnDevice =
        device.is_cuda() &&
        train.images.numel() + validation.images.numel() + test.images.numel() <= (std::int64_t(1) << 31);
    const ImageSet trainData =
        dataOnDevice ? ImageSet{train.images.to(device), train.labels.to(device)} : train;
    const ImageSet testData = dataOnDevice ? ImageSet{test.images.to(device), test.labels} : test;
    const ImageSet validationData =
        dataOnDevice ? ImageSet{validation.images.to(device), validation.labels} : validation;
    const InputShape shape{split.train.images.size(1), split.train.images.size(2),
                           split.train.images.size(3)};

    std::vector<TrainConfig::Member> specs = config.members;
    if (specs.empty())
        specs.push_back({config.seed, config.augment});
    const int k = int(specs.size());
    // A packed ensemble runs on every core from this thread; otherwise each member gets a share.
    const bool packed =
        k > 1 && (config.ensemble == "packed" || (config.ensemble == "auto" && device.is_cuda()));
    const int threadsPerMember = packed ? totalThreads : std::max(1, totalThreads / k);

    std::optional<LoadedModel> base;
    if (!config.initFrom.empty()) {
        ModelInfo want;
        want.channels = shape.channels;
        want.height = shape.height;
        want.width = shape.width;
        auto loaded = loadModel(config.initFrom, want);
        if (!loaded)
            return loaded.error();
        base = std::move(loaded).value();
    }

    std::vector<MemberState> members(specs.size());
    std::optional<Prepared> first;
    for (int i = 0; i < k; ++i) {
        auto &m = members[std::size_t(i)];
        m.index = i;
        m.seed = specs[std::size_t(i)].seed;
        if (!specs[std::size_t(i)].augment.empty()) {
            auto policy = policyFor(specs[std::size_t(i)].augment);
            if (!policy)
                return policy.error();
            m.augment = std::move(policy).value();
        }
        m.order.seed(m.seed);
        torch::manual_seed(m.seed); // each member's initialisation (or new head) follows its seed
        auto prepared = prepareModel(config, split, shape, base ? &*base : nullptr);
        if (!prepared)
            return prepared.error();
        m.net = prepared.value().net;
        m.frozenEnd = prepared.value().frozenEnd;
        m.net->to(device);
        m.optimizer = makeOptimizer(m.net, config);
        if (!first)
            first = std::move(prepared).value();
    }

    // Checkpoints: carry on after the last completed epoch, never overwrite another training's.
    // A packed ensemble computes the same training with other kernels (results differ in rounding).
    const std::string fingerprint = configFingerprint(config) + (packed ? ";ensemble=packed" : "");
    std::optional<CheckpointHeader> resumed;
    if (!config.checkpointDir.empty()) {
        const auto &dir = config.checkpointDir;
        if (auto ok = prepareOutput(dir); !ok)
            return ok.error();
        auto header = readCheckpoint(dir);
        if (!header)
            return header.error();
        if (header.value()) {
            const auto unusable = [&](const std::string &why) {
                return Error{ErrorCode::CheckpointUnusable, dir.string(), why};
            };
            const CheckpointHeader &h = *header.value();
            if (!config.resume)
                return unusable("it holds the checkpoint of an earlier training (epoch " +
                                std::to_string(h.epoch) +
                                "); resume that training or choose an empty folder");
            if (h.fingerprint != fingerprint || h.members != k)
                return unusable("its checkpoint belongs to a training with a different configuration");
            for (auto &m : members) {
                auto state = readMemberCheckpoint(memberCheckpointPath(dir, m.index, h.epoch), m.net,
                                                  *m.optimizer, device);
                if (!state)
                    return state.error();
                std::istringstream shuffle(state.value().shuffleState);
                shuffle >> m.order;
                if (!shuffle)
                    return unusable("the shuffling state of member " + std::to_string(m.index + 1) +
                                    " is damaged");
                m.step = state.value().step;
                m.epochLoss = state.value().epochLoss;
            }
            if (h.generatorState.defined()) {
                auto generator = at::detail::getDefaultCPUGenerator();
                std::lock_guard lock(generator.mutex());
                generator.set_state(h.generatorState);
            }
            resumed = h;
        }
    }

    if (auto ok = checkRoom(config, members, resumed.has_value()); !ok)
        return ok.error();

    if (callbacks.onStart) {
        const auto info = runtimeInfo();
        callbacks.onStart(
            TrainStart{split.name, train.size(), test.size(), shape.channels, shape.height, shape.width,
                       effective.model, device.str(), k == 1 ? totalThreads : threadsPerMember, info.blasName,
                       k, resumed ? resumed->epoch : 0, packed, validation.size(), int(classCount), missing});
    }

    PackedEnsemble packedEnsemble;
    if (packed) {
        auto net = makeModel(first->architecture, shape, std::int64_t(split.classes.size()), k);
        if (!net)
            return net.error();
        packedEnsemble.net = net.value();
        packedEnsemble.classes = std::int64_t(split.classes.size());
        packedEnsemble.frozenEnd = applyFreeze(packedEnsemble.net, config.freeze);
        packedEnsemble.net->to(device);
        packedEnsemble.optimizer = makeOptimizer(packedEnsemble.net, config);
        packFromMembers(members, packedEnsemble);
    }

    const auto &normMean = first->mean;
    const auto &normStd = first->stddev;
    const auto mean = channelTensor(normMean, shape.channels, device);
    const auto stddev = channelTensor(normStd, shape.channels, device);

    TrainSummary summary;
    summary.trainImages = train.size();
    summary.testImages = test.size();
    summary.validationImages = validation.size();
    summary.missingClasses = missing;
    summary.newHead = first->newHead;
    // A resumed training's clock and counters continue from its checkpoint.
    const auto start = Clock::now() - std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(resumed ? resumed->seconds : 0.0));
    double trainWall = resumed ? resumed->trainSeconds : 0;
    std::int64_t memberImages = resumed ? resumed->memberImages : 0;
    const int startEpoch = resumed ? resumed->epoch + 1 : 1;
    summary.epochsCompleted = startEpoch - 1;
    summary.resumedAfterEpoch = startEpoch - 1;
    if (resumed && resumed->reachedTarget) {
        summary.reachedTarget = true;
        summary.secondsToTarget = resumed->secondsToTarget;
    }
    const std::int64_t n = train.size();
    std::mutex callbackMutex;
    const EpochInputs inputs{config,        trainData,
                             mean,          stddev,
                             device,        config.epochs * ((n + config.batchSize - 1) / config.batchSize),
                             start,         callbacks,
                             callbackMutex, stop};

    // The model as deployed, scored once on the same test images (when it keeps its classes).
    torch::Tensor deployedProbabilities;
    if (base && !first->newHead) {
        base->net->to(device);
        deployedProbabilities = evaluate(base->net, testData, mean, stddev, device).probabilities;
        base->net->to(torch::kCPU);
    }
    // Every member on the test and validation splits, then the ensemble scored from them.
    const auto evaluateAll = [&] {
        if (packed) {
            auto evals = evaluateMembers(packedEnsemble.net, k, testData, mean, stddev, device);
            auto validationEvals =
                evaluateMembers(packedEnsemble.net, k, validationData, mean, stddev, device);
            for (auto &m : members) {
                m.eval = std::move(evals[std::size_t(m.index)]);
                m.validationEval = std::move(validationEvals[std::size_t(m.index)]);
            }
        } else {
            forEachMember(members, threadsPerMember, device, [&](MemberState &m) {
                m.eval = evaluate(m.net, testData, mean, stddev, device);
                m.validationEval = evaluate(m.net, validationData, mean, stddev, device);
            });
        }
    };
    const auto scoreAll = [&] {
        std::vector<torch::Tensor> probabilities;
        std::vector<torch::Tensor> validationProbabilities;
        for (const auto &m : members) {
            probabilities.push_back(m.eval.probabilities);
            if (validation.size() > 0)
                validationProbabilities.push_back(m.validationEval.probabilities);
        }
        return scoreMembers(probabilities, test.labels, split.classes, validationProbabilities,
                            validation.labels, deployedProbabilities);
    };
    for (int epoch = startEpoch; epoch <= config.epochs && !summary.reachedTarget; ++epoch) {
        const double lr = learningRateFor(config, epoch);
        std::atomic<bool> complete{true};
        const auto epochStart = Clock::now();
        if (packed) {
            complete = trainPackedEpoch(members, packedEnsemble, epoch, lr, inputs);
        } else {
            forEachMember(members, threadsPerMember, device, [&](MemberState &m) {
                if (!trainEpoch(m, epoch, lr, inputs))
                    complete = false;
            });
        }
        const double epochWall = secondsSince(epochStart);
        if (!complete) {
            summary.cancelled = true;
            break;
        }
        trainWall += epochWall;
        memberImages += n * k;
        evaluateAll();
        for (const auto &m : members) {
            if (callbacks.onEpoch)
                callbacks.onEpoch(EpochMetrics{m.index, epoch, m.step, m.epochLoss, m.eval.loss,
                                               m.eval.accuracy,
                                               m.trainSeconds > 0 ? double(n) / m.trainSeconds : 0,
                                               secondsSince(start), 0, 0, m.validationEval.accuracy});
        }
        summary.report = scoreAll();
        summary.epochsCompleted = epoch;
        summary.testAccuracy = summary.report.accuracy;
        if (k > 1 && callbacks.onEpoch) {
            double loss = 0;
            for (const auto &m : members)
                loss += m.epochLoss / k;
            callbacks.onEpoch(EpochMetrics{kEnsemble, epoch, members.front().step, loss, summary.report.loss,
                                           summary.report.accuracy,
                                           epochWall > 0 ? double(n * k) / epochWall : 0, secondsSince(start),
                                           summary.report.majorityAccuracy, summary.report.disagreement,
                                           summary.report.validationAccuracy});
        }
        // The target is judged on validation (checkConfig refuses a target without it).
        if (config.targetAccuracy > 0 && summary.report.validationAccuracy >= config.targetAccuracy) {
            summary.reachedTarget = true;
            summary.secondsToTarget = secondsSince(start);
        }
        if (!config.checkpointDir.empty()) {
            if (packed)
                syncMembers(packedEnsemble, members);
            // A member file that cannot be written (a full disk) ends the training; this epoch's
            // files written so far go again, so the space is free and the previous checkpoint stays whole.
            const auto dropThisEpoch = [&] {
                std::error_code ec;
                for (const auto &m : members)
                    std::filesystem::remove(memberCheckpointPath(config.checkpointDir, m.index, epoch), ec);
            };
            for (auto &m : members) {
                const MemberResumeState state{(std::ostringstream() << m.order).str(), m.step, m.epochLoss,
                                              m.eval.accuracy};
                if (auto ok =
                        writeMemberCheckpoint(memberCheckpointPath(config.checkpointDir, m.index, epoch),
                                              m.net, *m.optimizer, state);
                    !ok) {
                    dropThisEpoch();
                    return ok.error();
                }
            }
            CheckpointHeader header{fingerprint,
                                    epoch,
                                    k,
                                    trainWall,
                                    secondsSince(start),
                                    memberImages,
                                    summary.reachedTarget,
                                    summary.secondsToTarget,
                                    {}};
            {
                auto generator = at::detail::getDefaultCPUGenerator();
                std::lock_guard lock(generator.mutex());
                header.generatorState = generator.get_state();
            }
            if (auto ok = commitCheckpoint(config.checkpointDir, header); !ok) {
                dropThisEpoch();
                return ok.error();
            }
        }
    }
    if (packed)
        syncMembers(packedEnsemble, members);
    // A resumed training that had nothing left to do (or was stopped before completing another
    // epoch) still reports its members' evaluation.
    if (summary.epochsCompleted > 0 && summary.report.testImages == 0) {
        evaluateAll();
        summary.report = scoreAll();
        summary.testAccuracy = summary.report.accuracy;
    }
    summary.seconds = secondsSince(start);
    summary.imagesPerSecond = trainWall > 0 ? double(memberImages) / trainWall : 0;

    if (!config.outputDir.empty() && summary.epochsCompleted > 0) {
        for (auto &m : members) {
            const auto path = config.outputDir / (k == 1 ? std::string("model.pt")
                                                         : "member-" + std::to_string(m.index + 1) + ".pt");
            m.net->to(torch::kCPU);
            ModelInfo info{first->architecture,
                           shape.channels,
                           shape.height,
                           shape.width,
                           split.classes,
                           normMean,
                           normStd,
                           split.name,
                           summary.epochsCompleted,
                           m.eval.accuracy,
                           TENKAI_VERSION_STRING};
            if (auto saved = saveModel(path, m.net, info); !saved)
                return saved.error();
            if (k == 1)
                summary.modelPath = path;
            else
                summary.memberPaths.push_back(path);
        }
    }
    return summary;
}

} // namespace

std::vector<std::string> datasetNames()
{
    return {"fashion-mnist", "cifar10", "image-folder"};
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

std::string ensembleVerdict(const EvaluationReport &report)
{
    if (report.memberAccuracy.size() < 2)
        return {};
    if (report.gainOverMeanMemberInterval.low > 0)
        return "helps";
    if (report.gainOverMeanMemberInterval.high < 0)
        return "hurts";
    return "within noise";
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

namespace {

Result<EvaluationReport> evaluateModelsUnguarded(const std::vector<std::filesystem::path> &models,
                                                 const TrainConfig &data)
{
    if (models.empty())
        return Error{ErrorCode::InvalidArgument, "models", "give at least one model file"};
    if (auto ok = checkConfig(data); !ok)
        return ok.error();
    auto device = pickDevice(data.device);
    if (!device)
        return device.error();
    auto first = readModelInfo(models.front());
    if (!first)
        return first.error();
    TrainConfig effective = data;
    adoptModelInput(effective, first.value());
    auto loaded = loadConfiguredDataset(effective);
    if (!loaded)
        return loaded.error();
    const DatasetSplit &split = loaded.value();
    const ImageSet test =
        stratifiedSample(split.test, data.testLimit, std::int64_t(split.classes.size()), kTestSampleSeed);
    const InputShape shape{test.images.size(1), test.images.size(2), test.images.size(3)};
    try {
        configureThreads(data.threads);
        std::vector<torch::Tensor> probabilities;
        for (const auto &path : models) {
            ModelInfo want;
            want.channels = shape.channels;
            want.height = shape.height;
            want.width = shape.width;
            auto model = loadModel(path, want);
            if (!model)
                return model.error();
            const auto &info = model.value().info;
            if (info.classes != split.classes) {
                std::string names;
                for (const auto &c : info.classes)
                    names += (names.empty() ? "" : ", ") + c;
                return Error{ErrorCode::ModelUnusable, path.string(),
                             "was trained for the classes " + names + ", which are not the dataset's"};
            }
            auto net = model.value().net;
            net->to(device.value());
            const auto mean = channelTensor(info.mean, shape.channels, device.value());
            const auto stddev = channelTensor(info.stddev, shape.channels, device.value());
            probabilities.push_back(evaluate(net, test, mean, stddev, device.value()).probabilities);
        }
        return scoreMembers(probabilities, test.labels, split.classes);
    } catch (...) {
        return caughtError(ErrorCode::TrainingFailed, {}, {});
    }
}

Result<TrainSummary> runTrainingUnguarded(const TrainConfig &config, const TrainCallbacks &callbacks,
                                          std::stop_token stop)
{
    if (auto ok = checkConfig(config); !ok)
        return ok.error();
    auto device = pickDevice(config.device);
    if (!device)
        return device.error();
    const auto models = modelNames();
    if (config.initFrom.empty() && std::find(models.begin(), models.end(), config.model) == models.end())
        return Error{ErrorCode::UnknownModel, config.model, knownModels()};
    TrainConfig effective = config;
    if (!config.initFrom.empty()) {
        auto info = readModelInfo(config.initFrom);
        if (!info)
            return info.error();
        adoptModelInput(effective, info.value());
        effective.model = info.value().architecture;
    }
    if (!config.outputDir.empty()) {
        if (auto ok = prepareOutput(config.outputDir); !ok)
            return ok.error();
    }
    auto loaded = loadConfiguredDataset(effective);
    if (!loaded)
        return loaded.error();
    const DatasetSplit &split = loaded.value();

    return trainMembers(config, effective, split, callbacks, device.value(), stop);
}

} // namespace

// The job boundary: whatever the model files, the data or LibTorch throw (a parser's ErrorReport, a
// failed allocation) becomes this job's error; nothing leaves to end the daemon or the CLI.
Result<EvaluationReport> evaluateModels(const std::vector<std::filesystem::path> &models,
                                        const TrainConfig &data)
{
    try {
        return evaluateModelsUnguarded(models, data);
    } catch (...) {
        return caughtError(ErrorCode::TrainingFailed, {}, {});
    }
}

Result<TrainSummary> runTraining(const TrainConfig &config, const TrainCallbacks &callbacks,
                                 std::stop_token stop)
{
    try {
        return runTrainingUnguarded(config, callbacks, stop);
    } catch (...) {
        return caughtError(ErrorCode::TrainingFailed, {}, {});
    }
}

} // namespace tenkai::train
