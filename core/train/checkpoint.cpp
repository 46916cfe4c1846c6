#include "checkpoint.h"

#include "model_io.h"

#include <sstream>

namespace tenkai::train {
namespace {

constexpr std::int64_t kCheckpointFormat = 1;
const char *const kHeaderFile = "checkpoint.pt";

template<typename T>
bool readValue(torch::serialize::InputArchive &archive, const char *key, T &out)
{
    c10::IValue v;
    if (!archive.try_read(key, v))
        return false;
    if constexpr (std::is_same_v<T, std::string>) {
        if (!v.isString())
            return false;
        out = v.toStringRef();
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!v.isBool())
            return false;
        out = v.toBool();
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!v.isDouble())
            return false;
        out = v.toDouble();
    } else {
        if (!v.isInt())
            return false;
        out = T(v.toInt());
    }
    return true;
}

} // namespace

std::string configFingerprint(const TrainConfig &c)
{
    std::ostringstream f;
    f.precision(17);
    f << "dataset=" << c.dataset << ";data=" << c.dataDir.string() << ";size=" << c.imageWidth << "x"
      << c.imageHeight << "x" << c.channels << ";model=" << c.model << ";device=" << c.device
      << ";epochs=" << c.epochs << ";batch=" << c.batchSize << ";lr=" << c.learningRate
      << ";momentum=" << c.momentum << ";limit=" << c.limit << ";test_limit=" << c.testLimit
      << ";validation=" << c.validationFraction << ";seed=" << c.seed << ";from=" << c.initFrom.string()
      << ";freeze=" << c.freeze << ";optimizer=" << c.optimizer << ";weight_decay=" << c.weightDecay
      << ";schedule=" << c.schedule << "/" << c.stepEvery << "/" << c.stepGamma
      << ";target=" << c.targetAccuracy << ";augment=" << c.augment << ";members=";
    for (const auto &m : c.members)
        f << m.seed << ":" << m.augment << ",";
    return f.str();
}

std::filesystem::path memberCheckpointPath(const std::filesystem::path &dir, int member, int epoch)
{
    return dir / ("member-" + std::to_string(member + 1) + "-epoch-" + std::to_string(epoch) + ".pt");
}

Status writeMemberCheckpoint(const std::filesystem::path &path, torch::nn::Sequential &net,
                             torch::optim::Optimizer &optimizer, const MemberResumeState &state)
{
    torch::serialize::OutputArchive archive;
    archive.write("tenkai/checkpoint", c10::IValue(kCheckpointFormat));
    archive.write("tenkai/shuffle", c10::IValue(state.shuffleState));
    archive.write("tenkai/step", c10::IValue(state.step));
    archive.write("tenkai/epoch_loss", c10::IValue(state.epochLoss));
    archive.write("tenkai/test_accuracy", c10::IValue(state.testAccuracy));
    torch::serialize::OutputArchive netArchive;
    net->save(netArchive);
    archive.write("net", netArchive);
    torch::serialize::OutputArchive optimizerArchive;
    optimizer.save(optimizerArchive);
    archive.write("optimizer", optimizerArchive);
    return saveArchiveAtomically(archive, path);
}

Result<MemberResumeState> readMemberCheckpoint(const std::filesystem::path &path, torch::nn::Sequential &net,
                                               torch::optim::Optimizer &optimizer, torch::Device device)
{
    const auto damaged = [&](const std::string &what) {
        return Error{ErrorCode::CheckpointUnusable, path.parent_path().string(),
                     path.filename().string() + " " + what};
    };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return damaged("is missing");
    if (auto vetted = vetInChild(path, VetKind::Checkpoint); !vetted)
        return damaged(vetted.error().detail);
    MemberResumeState state;
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path.string(), device);
        std::int64_t format = 0;
        if (!readValue(archive, "tenkai/checkpoint", format) || format != kCheckpointFormat ||
            !readValue(archive, "tenkai/shuffle", state.shuffleState) ||
            !readValue(archive, "tenkai/step", state.step) ||
            !readValue(archive, "tenkai/epoch_loss", state.epochLoss) ||
            !readValue(archive, "tenkai/test_accuracy", state.testAccuracy))
            return damaged("is not a Tenkai member checkpoint");
        torch::serialize::InputArchive netArchive;
        archive.read("net", netArchive);
        net->load(netArchive);
        torch::serialize::InputArchive optimizerArchive;
        archive.read("optimizer", optimizerArchive);
        optimizer.load(optimizerArchive);
    } catch (...) {
        return damaged("is damaged: " + caughtError(ErrorCode::CheckpointUnusable, {}, {}).detail);
    }
    return state;
}

Status commitCheckpoint(const std::filesystem::path &dir, const CheckpointHeader &h)
{
    torch::serialize::OutputArchive archive;
    archive.write("tenkai/checkpoint", c10::IValue(kCheckpointFormat));
    archive.write("tenkai/fingerprint", c10::IValue(h.fingerprint));
    archive.write("tenkai/epoch", c10::IValue(std::int64_t(h.epoch)));
    archive.write("tenkai/members", c10::IValue(std::int64_t(h.members)));
    archive.write("tenkai/train_seconds", c10::IValue(h.trainSeconds));
    archive.write("tenkai/seconds", c10::IValue(h.seconds));
    archive.write("tenkai/member_images", c10::IValue(h.memberImages));
    archive.write("tenkai/reached_target", c10::IValue(h.reachedTarget));
    archive.write("tenkai/seconds_to_target", c10::IValue(h.secondsToTarget));
    archive.write("tenkai/generator", h.generatorState, /*is_buffer=*/true);
    if (auto ok = saveArchiveAtomically(archive, dir / kHeaderFile); !ok)
        return ok;
    // Only now is the previous epoch's checkpoint no longer needed.
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("member-", 0) != 0 || entry.path().extension() != ".pt")
            continue;
        if (!name.ends_with("-epoch-" + std::to_string(h.epoch) + ".pt"))
            std::filesystem::remove(entry.path(), ec);
    }
    return Done{};
}

Result<std::optional<CheckpointHeader>> readCheckpoint(const std::filesystem::path &dir)
{
    const auto path = dir / kHeaderFile;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return std::optional<CheckpointHeader>{};
    const auto damaged = [&](const std::string &what) {
        return Error{ErrorCode::CheckpointUnusable, dir.string(), std::string(kHeaderFile) + " " + what};
    };
    if (auto vetted = vetInChild(path, VetKind::Checkpoint); !vetted)
        return damaged(vetted.error().detail);
    CheckpointHeader h;
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path.string());
        std::int64_t format = 0;
        if (!readValue(archive, "tenkai/checkpoint", format))
            return damaged("is not a Tenkai checkpoint");
        if (format != kCheckpointFormat)
            return damaged("was written by another Tenkai version (checkpoint format " +
                           std::to_string(format) + ")");
        if (!readValue(archive, "tenkai/fingerprint", h.fingerprint) ||
            !readValue(archive, "tenkai/epoch", h.epoch) ||
            !readValue(archive, "tenkai/members", h.members) ||
            !readValue(archive, "tenkai/train_seconds", h.trainSeconds) ||
            !readValue(archive, "tenkai/seconds", h.seconds) ||
            !readValue(archive, "tenkai/member_images", h.memberImages) ||
            !readValue(archive, "tenkai/reached_target", h.reachedTarget) ||
            !readValue(archive, "tenkai/seconds_to_target", h.secondsToTarget))
            return damaged("is incomplete");
        archive.read("tenkai/generator", h.generatorState, /*is_buffer=*/true);
    } catch (...) {
        return damaged("is damaged: " + caughtError(ErrorCode::CheckpointUnusable, {}, {}).detail);
    }
    if (h.epoch < 1 || h.members < 1)
        return damaged("describes no completed epoch");
    return std::optional<CheckpointHeader>(std::move(h));
}

} // namespace tenkai::train
