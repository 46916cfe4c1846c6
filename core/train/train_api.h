// The torch-free face of tenkai_train: what to train, the metrics it reports, and how to run it.
#pragma once

#include "result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

namespace tenkai::train {

struct TrainConfig
{
    std::string dataset = "fashion-mnist";
    std::filesystem::path dataDir; // empty: the dataset's installed location
    std::int64_t imageWidth = 0;   // image folders: resize to this size (0: keep; sizes must agree)
    std::int64_t imageHeight = 0;
    int channels = 0; // image folders: 1 or 3 (0: from the first image)
    std::string model = "lenet";
    std::string device = "cpu"; // cpu | cuda | auto
    int epochs = 1;
    int batchSize = 64;
    double learningRate = 0.01;
    double momentum = 0.9;
    // Subsets are seeded (by `seed`), stratified samples: every class keeps its share.
    std::int64_t limit = 0;     // take N images of the training split (0: all); validation comes out of them
    std::int64_t testLimit = 0; // score on N test images (0: all)
    // Held out of the training images (stratified, seeded): every choice is made on it (the target
    // accuracy, the ensemble's vote weights, the member a report compares against); the test split
    // is only scored. 0: none (then no target accuracy).
    double validationFraction = 0.1;
    // Image folders without train/ and test/ subfolders: every image is a test image (evaluating on
    // a folder of its own) instead of the usual split.
    bool wholeFolderIsTest = false;
    std::uint64_t seed = 1;
    int threads = 0;                 // intra-op threads (0: every core)
    int stepReportInterval = 10;     // a StepMetrics every N optimizer steps
    std::filesystem::path outputDir; // where the trained model is written (empty: not saved)

    // Fine-tuning: start from this model file (its architecture, input and normalisation are kept;
    // the head is replaced when the dataset's classes differ from the model's).
    std::filesystem::path initFrom;
    std::string freeze = "none";   // none | features (layers before the classifier) | all-but-head
    std::string optimizer = "sgd"; // sgd (with momentum) | adam
    double weightDecay = 0;
    std::string schedule = "constant"; // constant | step (x stepGamma every stepEvery epochs) | cosine
    int stepEvery = 10;
    double stepGamma = 0.1;
    double targetAccuracy = 0; // stop after the first epoch whose test accuracy reaches it (0: never)

    // Parallel ensemble: one entry per member, trained concurrently, combined by soft vote. Empty:
    // a single model seeded with `seed`.
    struct Member
    {
        std::uint64_t seed = 1;
        std::string augment; // teacher-data policy (name or text form); empty: none
    };
    std::vector<Member> members;
    // How the members share the machine: "threads" (a thread and a share of the cores each),
    // "packed" (one network of grouped layers holding every member, trained by one optimizer;
    // the same training with other kernels), or "auto" (packed on a GPU, threads on the CPU).
    std::string ensemble = "auto";
    std::string augment; // the single model's teacher-data policy (name or text form; empty: none)

    // Checkpoints: after every epoch each member's weights, optimizer and random state are written
    // to checkpointDir (atomically, the previous epoch's kept until the new one is complete). With
    // `resume`, a training whose checkpointDir holds a checkpoint of the same configuration carries
    // on after its last completed epoch and ends exactly as an uninterrupted run would on the CPU.
    std::filesystem::path checkpointDir; // empty: no checkpoints
    bool resume = false;
};

// One optimizer step's figures, reported every stepReportInterval steps.
// EpochMetrics::member of the ensemble's own figures.
constexpr int kEnsemble = -1;

struct StepMetrics
{
    int member = 0;              // ensemble member, 0-based (0 for a single model)
    int epoch = 0;               // 1-based
    std::int64_t step = 0;       // global optimizer step, 1-based
    std::int64_t totalSteps = 0; // steps the whole training will take
    double loss = 0;             // mean training loss over the steps since the last report
    double learningRate = 0;
    double imagesPerSecond = 0;
    double seconds = 0; // since training started
};

// The end of one epoch, with its evaluation on the test split.
struct EpochMetrics
{
    int member = 0; // kEnsemble for the ensemble's figures
    int epoch = 0;
    std::int64_t step = 0;
    double trainLoss = 0;
    double testLoss = 0;
    double testAccuracy = 0; // 0..1; the ensemble's: soft vote (mean of the members' probabilities)
    double imagesPerSecond = 0;
    double seconds = 0;          // since training started
    double majorityAccuracy = 0; // ensemble only: one vote per member, ties to the soft vote
    double disagreement = 0;     // ensemble only: mean fraction of test images two members label differently
    double validationAccuracy =
        0; // on the validation split (0 without one); the ensemble's: its weighted vote
};

// What a training is about to do, once its data is loaded (for the user's log).
struct TrainStart
{
    std::string dataset;
    std::int64_t trainImages = 0;
    std::int64_t testImages = 0;
    std::int64_t channels = 0;
    std::int64_t height = 0;
    std::int64_t width = 0;
    std::string model;
    std::string device; // "cpu", "cuda:0"
    int threads = 0;    // compute threads per member
    std::string blasName;
    int members = 1;           // ensemble members trained in parallel
    int resumedAfterEpoch = 0; // carrying on from the checkpoint of this epoch (0: a fresh start)
    bool packed = false;       // the members are trained as one packed network (TrainConfig::ensemble)
    std::int64_t validationImages = 0;
    int classes = 0;
    // Classes the test images have and the training images lack: the model cannot learn them (a
    // limit too small for the classes, or a site without examples of them). Empty: none missing.
    std::vector<std::string> missingClasses;
};

struct TrainCallbacks
{
    std::function<void(const TrainStart &)> onStart;
    std::function<void(const StepMetrics &)> onStep;
    std::function<void(const EpochMetrics &)> onEpoch;
};

// A 95% interval.
struct Interval
{
    double low = 0;
    double high = 0;
};

// A model's or an ensemble's evaluation on a test split.
struct EvaluationReport
{
    std::int64_t testImages = 0;
    std::vector<std::string> classes;
    std::vector<double> memberAccuracy; // one per member (one entry for a single model)
    double accuracy = 0;                // soft vote: the mean of the members' probabilities
    double loss = 0;                    // the soft vote's cross entropy
    double majorityAccuracy = 0;        // one vote per member, ties broken by the soft vote
    double disagreement = 0; // mean over member pairs of the fraction of images labelled differently
    std::vector<std::vector<std::int64_t>> confusion; // [true class][predicted class], soft vote
    std::vector<double> perClassAccuracy;

    // Where another test sample of the same size could put the figures: Wilson's 95% interval.
    Interval accuracyInterval;
    std::vector<Interval> memberIntervals;
    // The soft vote's member weights: fitted on the validation split (the most likely weights for
    // the vote's probability of the right class, by EM with a small prior), equal without one.
    // `accuracy`, `loss`, `confusion` are the weighted vote's.
    std::vector<double> weights;
    bool weightsFitted = false; // false: equal (no validation, or fitted ones voted no better on it)
    double equalWeightAccuracy = 0;
    // The ensemble against a single model, each a 95% interval of the per-image difference (paired):
    // against the members' mean (what training one model gives on average) and, with a validation
    // split, against the member that validation picks. Ensembles only.
    double meanMemberAccuracy = 0;
    double gainOverMeanMember = 0;
    Interval gainOverMeanMemberInterval;
    std::int64_t validationImages = 0; // 0: no validation split (evaluating saved models)
    std::vector<double> memberValidationAccuracy;
    double validationAccuracy = 0; // the weighted vote's
    int chosenMember = -1;         // 0-based, the best on validation; -1 without a validation split
    double gainOverChosenMember = 0;
    Interval gainOverChosenMemberInterval;
    // Fine-tuning a model that keeps its classes: that model as deployed, before any training here,
    // on the same test images, and what the training bought over it (paired 95% interval).
    bool hasDeployed = false;
    double deployedAccuracy = 0;
    Interval deployedInterval;
    double gainOverDeployed = 0;
    Interval gainOverDeployedInterval;
};

// The ensemble against the members' mean, by its interval: "helps" (above 0), "hurts" (below 0),
// "within noise" (0 inside), or "" for a single model.
std::string ensembleVerdict(const EvaluationReport &report);

struct TrainSummary
{
    int epochsCompleted = 0;
    bool cancelled = false;
    std::int64_t trainImages = 0;
    std::int64_t testImages = 0;
    double testAccuracy = 0;
    double seconds = 0;
    double imagesPerSecond = 0;      // training images per second over all epochs, evaluation excluded
    std::filesystem::path modelPath; // empty when not saved
    bool reachedTarget = false;      // config.targetAccuracy was reached (training stopped there)
    double secondsToTarget = 0;      // training seconds until then, evaluation included
    bool newHead = false;            // fine-tuning replaced the model's classifier
    EvaluationReport report;         // the final evaluation on the test split (empty if no epoch completed)
    std::vector<std::filesystem::path> memberPaths; // ensembles: member-1.pt ... when saved
    int resumedAfterEpoch = 0; // resume: the epochs the checkpoint already held (0: started afresh)
    std::int64_t validationImages = 0;
    std::vector<std::string> missingClasses; // as TrainStart's
};

// Facts about the numeric runtime, for reports and diagnostics.
struct RuntimeInfo
{
    std::string torchVersion;
    std::string opencvVersion; // empty when built without OpenCV
    std::string blasLibrary;   // resolved path of the BLAS the process loaded
    std::string blasName;      // "OpenBLAS (openmp)", "reference BLAS", ...
    int threads = 0;
    bool cudaAvailable = false;
};

RuntimeInfo runtimeInfo();

// Sets LibTorch's intra-op thread count (0: one per core). Call before training.
void configureThreads(int threads);

// Names accepted by TrainConfig.
std::vector<std::string> datasetNames();
std::vector<std::string> modelNames();

// The folder a dataset is installed in by the Debian package, or empty.
std::filesystem::path defaultDataDir(const std::string &dataset);

// Evaluates saved model files, alone or as an ensemble, on the test split of the dataset that
// `data` names (dataset, dataDir, image size, channels, testLimit, device, threads are used). The
// models must agree on input shape and classes, and the classes must be the dataset's.
Result<EvaluationReport> evaluateModels(const std::vector<std::filesystem::path> &models,
                                        const TrainConfig &data);

// Trains as configured, calling back from the calling thread. Returns early with
// summary.cancelled set when the stop token is triggered.
Result<TrainSummary> runTraining(const TrainConfig &config, const TrainCallbacks &callbacks,
                                 std::stop_token stop = {});

} // namespace tenkai::train
