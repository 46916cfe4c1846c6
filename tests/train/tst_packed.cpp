// Packed ensembles: K members as one network of grouped layers. Packing and unpacking lose
// nothing, the packed network computes what the members compute (forward, gradients, SGD and Adam
// steps, batch normalisation), and a packed training ends where a threaded one does.
#include "models.h"
#include "packed.h"
#include "train_api.h"

#include <QScopeGuard>
#include <QTest>
#include <torch/torch.h>

using namespace tenkai::train;

namespace {

constexpr std::int64_t kClasses = 10;

std::vector<torch::nn::Sequential> makeMembers(const std::string &model, InputShape shape, int k)
{
    std::vector<torch::nn::Sequential> members;
    for (int i = 0; i < k; ++i) {
        torch::manual_seed(100 + i);
        members.push_back(makeModel(model, shape, kClasses).value());
    }
    return members;
}

torch::nn::Sequential makePacked(const std::string &model, InputShape shape,
                                 const std::vector<torch::nn::Sequential> &members)
{
    auto packed = makeModel(model, shape, kClasses, std::int64_t(members.size())).value();
    packMembers(members, packed);
    return packed;
}

// The largest difference between two lists of tensors of the same shapes.
double maxDifference(const std::vector<torch::Tensor> &a, const std::vector<torch::Tensor> &b)
{
    if (a.size() != b.size())
        return INFINITY;
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].sizes() != b[i].sizes())
            return INFINITY;
        worst =
            std::max(worst, (a[i].to(torch::kFloat64) - b[i].to(torch::kFloat64)).abs().max().item<double>());
    }
    return worst;
}

std::vector<torch::Tensor> stateOf(const torch::nn::Sequential &net)
{
    std::vector<torch::Tensor> all;
    for (const auto &p : net->parameters())
        all.push_back(p.detach().clone());
    for (const auto &b : net->buffers())
        all.push_back(b.clone());
    return all;
}

// Member k's logits from a packed network's output.
torch::Tensor memberLogits(const torch::Tensor &packedOut, int k, int members)
{
    return packedOut.view({packedOut.size(0), members, kClasses}).select(1, k);
}

torch::Tensor sumOfMemberLosses(const torch::Tensor &packedOut, const std::vector<torch::Tensor> &labels)
{
    const int k = int(labels.size());
    auto total = torch::zeros({});
    for (int i = 0; i < k; ++i)
        total = total +
                torch::nn::functional::cross_entropy(memberLogits(packedOut, i, k), labels[std::size_t(i)]);
    return total;
}

std::unique_ptr<torch::optim::Optimizer> optimizerFor(const torch::nn::Sequential &net, const QString &kind)
{
    if (kind == QLatin1String("adam"))
        return std::make_unique<torch::optim::Adam>(net->parameters(), torch::optim::AdamOptions(0.01));
    return std::make_unique<torch::optim::SGD>(
        net->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9).weight_decay(1e-4));
}

TrainConfig smallEnsemble(const std::string &ensemble)
{
    TrainConfig c;
    c.model = "lenet";
    c.limit = 2048;
    c.testLimit = 500;
    c.epochs = 2;
    c.batchSize = 32;
    c.learningRate = 0.02;
    c.threads = 2;
    c.stepReportInterval = 1000;
    c.members = {{21, "geometric"}, {22, "photometric"}, {23, ""}};
    c.ensemble = ensemble;
    return c;
}

} // namespace

class TestPacked : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { configureThreads(2); }
    void architectures_data();
    void roundTripLosesNothing_data() { architectures_data(); }
    void roundTripLosesNothing();
    void computesWhatTheMembersCompute_data() { architectures_data(); }
    void computesWhatTheMembersCompute();
    void stepsAsTheMembersStep_data();
    void stepsAsTheMembersStep();
    void trainsLikeThreadedMembers_data();
    void trainsLikeThreadedMembers();
    void reportsPackedStartAndRefusesUnknownModes();
};

void TestPacked::architectures_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("size");
    QTest::newRow("lenet 28x28x1") << "lenet" << 1 << 28;
    QTest::newRow("alexnet 32x32x3") << "alexnet" << 3 << 32;
    QTest::newRow("resnet8 32x32x3") << "resnet8" << 3 << 32;
}

void TestPacked::roundTripLosesNothing()
{
    QFETCH(QString, model);
    QFETCH(int, channels);
    QFETCH(int, size);
    const InputShape shape{channels, size, size};
    auto members = makeMembers(model.toStdString(), shape, 3);
    auto packed = makePacked(model.toStdString(), shape, members);
    // Same names as one network, each holding three members' tensors.
    QCOMPARE(packed->named_parameters().keys(), members.front()->named_parameters().keys());
    QCOMPARE(packed->parameters().front().size(0), 3 * members.front()->parameters().front().size(0));
    auto copies = makeMembers(model.toStdString(), shape, 3);
    for (auto &c : copies)
        for (auto &p : c->parameters())
            p.detach().zero_();
    unpackMembers(packed, copies);
    for (std::size_t i = 0; i < members.size(); ++i)
        QCOMPARE(maxDifference(stateOf(copies[i]), stateOf(members[i])), 0.0);
    // Members that differ give a packed network that differs member by member.
    QVERIFY(maxDifference(stateOf(members[0]), stateOf(members[1])) > 0);
}

void TestPacked::computesWhatTheMembersCompute()
{
    QFETCH(QString, model);
    QFETCH(int, channels);
    QFETCH(int, size);
    const InputShape shape{channels, size, size};
    const int k = 3;
    // Double precision, so that the comparison is tight: in single precision the two ways of
    // summing differ by rounding, which batch normalisation's cancellations magnify.
    torch::set_default_dtype(caffe2::TypeMeta::Make<double>());
    const auto restore = qScopeGuard([] { torch::set_default_dtype(caffe2::TypeMeta::Make<float>()); });
    auto members = makeMembers(model.toStdString(), shape, k);
    auto packed = makePacked(model.toStdString(), shape, members);
    torch::manual_seed(7);
    std::vector<torch::Tensor> inputs;
    std::vector<torch::Tensor> labels;
    for (int i = 0; i < k; ++i) {
        inputs.push_back(torch::randn({16, channels, size, size}));
        labels.push_back(torch::randint(kClasses, {16}, torch::kInt64));
    }
    // Training mode (batch statistics per member) for the networks without dropout; evaluation
    // mode for AlexNet, whose dropout masks are random.
    const bool trainMode = model != QLatin1String("alexnet");
    packed->train(trainMode);
    const auto out = packed->forward(torch::stack(inputs, 1).flatten(1, 2));
    QCOMPARE(out.sizes(), (std::vector<std::int64_t>{16, k * kClasses}));
    sumOfMemberLosses(out, labels).backward();
    for (int i = 0; i < k; ++i) {
        auto &m = members[std::size_t(i)];
        m->train(trainMode);
        const auto own = m->forward(inputs[std::size_t(i)]);
        const double forwardDiff = maxDifference({memberLogits(out, i, k)}, {own});
        QVERIFY2(forwardDiff < 1e-10,
                 qPrintable(QStringLiteral("member %1 differs by %2").arg(i).arg(forwardDiff)));
        torch::nn::functional::cross_entropy(own, labels[std::size_t(i)]).backward();
        // Each member's share of the packed gradient is its own gradient.
        const auto packedParams = packed->parameters();
        const auto memberParams = m->parameters();
        for (std::size_t p = 0; p < packedParams.size(); ++p) {
            const auto share = memberSlice(packedParams[p].grad(), memberParams[p], i, k);
            const auto &own = memberParams[p].grad();
            const double gradDiff = maxDifference({share}, {own});
            QVERIFY2(gradDiff < 1e-10,
                     qPrintable(QStringLiteral("member %1 parameter %2 gradient differs by %3")
                                    .arg(i)
                                    .arg(p)
                                    .arg(gradDiff)));
        }
    }
    // Batch normalisation's running statistics were updated per member, as by the members.
    auto copies = makeMembers(model.toStdString(), shape, k);
    unpackMembers(packed, copies);
    for (int i = 0; i < k; ++i) {
        std::vector<torch::Tensor> got;
        std::vector<torch::Tensor> want;
        for (const auto &b : copies[std::size_t(i)]->buffers())
            got.push_back(b);
        for (const auto &b : members[std::size_t(i)]->buffers())
            want.push_back(b);
        QVERIFY(maxDifference(got, want) < 1e-10);
    }
}

void TestPacked::stepsAsTheMembersStep_data()
{
    QTest::addColumn<QString>("optimizer");
    QTest::newRow("sgd, momentum, weight decay") << "sgd";
    QTest::newRow("adam") << "adam";
}

// A packed network and its optimizer, or the members' networks and optimizers.
struct Trainee
{
    std::vector<torch::nn::Sequential> nets; // one packed network, or the members
    std::vector<std::unique_ptr<torch::optim::Optimizer>> optimizers;
    bool packed = false;

    std::vector<torch::optim::Optimizer *> optimizerPointers() const
    {
        std::vector<torch::optim::Optimizer *> all;
        for (const auto &o : optimizers)
            all.push_back(o.get());
        return all;
    }
};

void TestPacked::stepsAsTheMembersStep()
{
    QFETCH(QString, optimizer);
    // Double precision: Adam divides by the root of tiny second moments, which would blow single
    // precision's rounding differences between the two ways of computing up to visible steps.
    torch::set_default_dtype(caffe2::TypeMeta::Make<double>());
    const auto restore = qScopeGuard([] { torch::set_default_dtype(caffe2::TypeMeta::Make<float>()); });
    const InputShape shape{1, 28, 28};
    const int k = 2;
    const auto membersOf = [&](std::vector<torch::nn::Sequential> nets) {
        Trainee t;
        t.nets = std::move(nets);
        for (auto &n : t.nets)
            t.optimizers.push_back(optimizerFor(n, optimizer));
        return t;
    };
    const auto packedOf = [&](const std::vector<torch::nn::Sequential> &members) {
        Trainee t;
        t.packed = true;
        t.nets.push_back(makePacked("lenet", shape, members));
        t.optimizers.push_back(optimizerFor(t.nets.front(), optimizer));
        return t;
    };
    const auto membersNow = [&](Trainee &t) {
        if (!t.packed)
            return t.nets;
        auto out = makeMembers("lenet", shape, k);
        unpackMembers(t.nets.front(), out);
        return out;
    };
    const auto step = [&](std::vector<Trainee *> trainees, int steps) {
        for (int s = 0; s < steps; ++s) {
            std::vector<torch::Tensor> inputs;
            std::vector<torch::Tensor> labels;
            for (int i = 0; i < k; ++i) {
                inputs.push_back(torch::randn({8, 1, 28, 28}));
                labels.push_back(torch::randint(kClasses, {8}, torch::kInt64));
            }
            for (auto *t : trainees) {
                for (auto &o : t->optimizers)
                    o->zero_grad();
                if (t->packed) {
                    sumOfMemberLosses(t->nets.front()->forward(torch::stack(inputs, 1).flatten(1, 2)), labels)
                        .backward();
                } else {
                    for (int i = 0; i < k; ++i)
                        torch::nn::functional::cross_entropy(
                            t->nets[std::size_t(i)]->forward(inputs[std::size_t(i)]), labels[std::size_t(i)])
                            .backward();
                }
                for (auto &o : t->optimizers)
                    o->step();
            }
        }
    };
    const auto agree = [&](Trainee &a, Trainee &b) {
        auto x = membersNow(a);
        auto y = membersNow(b);
        double worst = 0;
        for (int i = 0; i < k; ++i)
            worst = std::max(worst, maxDifference(stateOf(x[std::size_t(i)]), stateOf(y[std::size_t(i)])));
        return worst;
    };

    auto members = membersOf(makeMembers("lenet", shape, k));
    auto packed = packedOf(members.nets);
    torch::manual_seed(8);
    step({&members, &packed}, 3);
    QVERIFY2(agree(members, packed) < 1e-9, qPrintable(QString::number(agree(members, packed))));
    QVERIFY(maxDifference(stateOf(members.nets[0]), stateOf(makeMembers("lenet", shape, 1)[0])) > 1e-3);

    // The optimizer state moves with the weights. Members that take the packed state over (a
    // checkpoint), and a packed network rebuilt from those (a resumed training), step on exactly
    // as the packed network does.
    auto takenOver = membersOf(membersNow(packed));
    unpackOptimizerState(*packed.optimizers.front(), takenOver.optimizerPointers());
    auto rebuilt = packedOf(takenOver.nets);
    packOptimizerState(takenOver.optimizerPointers(), *rebuilt.optimizers.front());
    // Without the state, the steps differ (so the comparisons below can fail).
    auto forgetful = packedOf(takenOver.nets);
    step({&members, &packed, &takenOver, &rebuilt, &forgetful}, 2);
    QVERIFY2(agree(takenOver, packed) < 1e-9, "members stepping on the unpacked optimizer state drift");
    QVERIFY2(agree(rebuilt, packed) < 1e-9, "a packed network rebuilt from members' state steps differently");
    QVERIFY2(agree(members, packed) < 1e-9, "packed and separate members drift apart");
    QVERIFY(agree(forgetful, packed) > 1e-6);
}

void TestPacked::trainsLikeThreadedMembers_data()
{
    QTest::addColumn<bool>("augmented");
    QTest::newRow("teacher data per member") << true;
    QTest::newRow("no teacher data (batches gathered at once)") << false;
}

void TestPacked::trainsLikeThreadedMembers()
{
    QFETCH(bool, augmented);
    const auto configFor = [augmented](const std::string &ensemble) {
        TrainConfig c = smallEnsemble(ensemble);
        c.validationFraction = 0; // every image of the limit trains: the step counts below
        if (!augmented)
            for (auto &m : c.members)
                m.augment.clear();
        return c;
    };
    std::vector<EpochMetrics> threadedEpochs;
    std::vector<EpochMetrics> packedEpochs;
    bool packedStart = false;
    TrainCallbacks cb;
    cb.onEpoch = [&](const EpochMetrics &m) {
        threadedEpochs.push_back(m);
    };
    auto threaded = runTraining(configFor("threads"), cb);
    QVERIFY2(threaded, threaded ? "" : threaded.error().message().c_str());
    cb.onEpoch = [&](const EpochMetrics &m) {
        packedEpochs.push_back(m);
    };
    cb.onStart = [&](const TrainStart &s) {
        packedStart = s.packed;
    };
    std::vector<StepMetrics> steps;
    cb.onStep = [&](const StepMetrics &m) {
        steps.push_back(m);
    };
    TrainConfig packedConfig = configFor("packed");
    packedConfig.stepReportInterval = 16;
    auto packed = runTraining(packedConfig, cb);
    QVERIFY2(packed, packed ? "" : packed.error().message().c_str());
    QVERIFY(packedStart);
    // Every member reports its own steps: 64 a epoch, a report every 16.
    QCOMPARE(steps.size(), std::size_t(3 * 2 * 4));
    for (int member = 0; member < 3; ++member) {
        std::vector<std::int64_t> reported;
        for (const auto &m : steps)
            if (m.member == member) {
                reported.push_back(m.step);
                QVERIFY2(m.loss > 0.1 && m.loss < 3, qPrintable(QString::number(m.loss)));
                QVERIFY(m.imagesPerSecond > 0);
                QCOMPARE(m.totalSteps, std::int64_t(128));
            }
        QCOMPARE(reported, (std::vector<std::int64_t>{16, 32, 48, 64, 80, 96, 112, 128}));
    }
    QCOMPARE(packedEpochs.size(), threadedEpochs.size());
    // The same training up to rounding: 128 steps of SGD keep the members' figures close.
    const auto &a = threaded.value().report;
    const auto &b = packed.value().report;
    QCOMPARE(b.memberAccuracy.size(), std::size_t(3));
    for (std::size_t i = 0; i < 3; ++i)
        QVERIFY2(std::abs(a.memberAccuracy[i] - b.memberAccuracy[i]) <= 0.03,
                 qPrintable(QStringLiteral("member %1: threads %2, packed %3")
                                .arg(i)
                                .arg(a.memberAccuracy[i])
                                .arg(b.memberAccuracy[i])));
    for (std::size_t i = 0; i < packedEpochs.size(); ++i) {
        QCOMPARE(packedEpochs[i].member, threadedEpochs[i].member);
        QVERIFY2(std::abs(packedEpochs[i].trainLoss - threadedEpochs[i].trainLoss) < 0.02,
                 qPrintable(QStringLiteral("epoch %1 member %2: train loss %3 vs %4")
                                .arg(packedEpochs[i].epoch)
                                .arg(packedEpochs[i].member)
                                .arg(packedEpochs[i].trainLoss)
                                .arg(threadedEpochs[i].trainLoss)));
    }
    QVERIFY(b.accuracy > 0.6);
}

void TestPacked::reportsPackedStartAndRefusesUnknownModes()
{
    TrainConfig config = smallEnsemble("streams");
    auto r = runTraining(config, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(r.error().message().find("auto, threads or packed") != std::string::npos,
             r.error().message().c_str());
    // auto on the CPU: threads (one member per thread).
    config = smallEnsemble("auto");
    config.epochs = 1;
    config.limit = 128;
    bool packed = true;
    int threads = 0;
    TrainCallbacks cb;
    cb.onStart = [&](const TrainStart &s) {
        packed = s.packed;
        threads = s.threads;
    };
    QVERIFY(runTraining(config, cb));
    QVERIFY(!packed);
    QCOMPARE(threads, 1);
}

QTEST_GUILESS_MAIN(TestPacked)
#include "tst_packed.moc"
