#include "model_io.h"

#include "models.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <set>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <torch/torch.h>
#include <tuple>
#include <unistd.h>

extern char **environ;

namespace tenkai::train {
namespace {

constexpr std::int64_t kFormatVersion = 1;

c10::List<std::string> toList(const std::vector<std::string> &v)
{
    c10::List<std::string> out;
    for (const auto &s : v)
        out.push_back(s);
    return out;
}

// A model description that no Tenkai writes, or that would make the loader allocate without bound:
// the reason, or empty when it is one this Tenkai can build (makeModel checks its size too).
std::string implausible(const ModelInfo &info)
{
    if (info.channels < 1 || info.channels > 4 || info.height < 1 || info.height > 4096 || info.width < 1 ||
        info.width > 4096)
        return "its input shape " + std::to_string(info.width) + "x" + std::to_string(info.height) + "x" +
               std::to_string(info.channels) + " is outside 1..4096 pixels and 1..4 channels";
    if (info.classes.empty() || info.classes.size() > 100000)
        return "it describes " + std::to_string(info.classes.size()) + " classes (expected 1..100000)";
    for (const auto &name : info.classes)
        if (name.empty() || name.size() > 256)
            return "a class name is empty or longer than 256 bytes";
    if (info.mean.size() != std::size_t(info.channels) || info.stddev.size() != std::size_t(info.channels))
        return "its normalisation does not have one mean and one deviation per channel";
    for (std::size_t c = 0; c < info.mean.size(); ++c)
        if (!std::isfinite(info.mean[c]) || !std::isfinite(info.stddev[c]) || !(info.stddev[c] > 0))
            return "its normalisation holds a value that is not a finite number (or a deviation of 0)";
    if (info.architecture.size() > 64 || info.dataset.size() > 4096 || info.tenkaiVersion.size() > 256)
        return "its description holds names too long to be Tenkai's";
    return {};
}

// Reads the description stored under "tenkai/..." keys; the weights stay untouched.
Result<ModelInfo> readInfo(torch::serialize::InputArchive &archive, const std::filesystem::path &path)
{
    const auto corrupt = [&](const std::string &what) {
        return Error{ErrorCode::ModelUnusable, path.string(), what};
    };
    ModelInfo info;
    try {
        c10::IValue v;
        if (!archive.try_read("tenkai/format", v) || !v.isInt())
            return corrupt("is not a Tenkai model file (no model description inside)");
        if (v.toInt() > kFormatVersion)
            return corrupt("was written by a newer Tenkai (model format " + std::to_string(v.toInt()) + ")");
        archive.read("tenkai/architecture", v);
        info.architecture = v.toStringRef();
        archive.read("tenkai/input", v);
        const auto input = v.toIntVector();
        if (input.size() != 3)
            return corrupt("its input shape has " + std::to_string(input.size()) + " numbers, expected 3");
        info.channels = input[0];
        info.height = input[1];
        info.width = input[2];
        archive.read("tenkai/classes", v);
        for (const auto &c : v.toListRef())
            info.classes.push_back(c.toStringRef());
        archive.read("tenkai/mean", v);
        info.mean = v.toDoubleVector();
        archive.read("tenkai/stddev", v);
        info.stddev = v.toDoubleVector();
        archive.read("tenkai/dataset", v);
        info.dataset = v.toStringRef();
        archive.read("tenkai/epochs", v);
        info.epochs = int(v.toInt());
        archive.read("tenkai/test_accuracy", v);
        info.testAccuracy = v.toDouble();
        archive.read("tenkai/version", v);
        info.tenkaiVersion = v.toStringRef();
    } catch (...) {
        return caughtError(ErrorCode::ModelUnusable, path.string(), "its model description is damaged: ");
    }
    if (const std::string why = implausible(info); !why.empty())
        return corrupt("is not a model this Tenkai can use: " + why);
    return info;
}

constexpr const char *kVetModelFlag = "--tenkai-vet-model";
constexpr const char *kVetArchiveFlag = "--tenkai-vet-archive";
constexpr auto kVetTimeout = std::chrono::minutes(2);
std::atomic<bool> g_vetting{false};

// A file as it was when a child opened it without crashing.
using FileIdentity = std::tuple<dev_t, ino_t, off_t, std::int64_t, std::int64_t>;
std::mutex g_vettedMutex;
std::set<FileIdentity> g_vetted;

std::string signalName(int sig)
{
    const char *name = ::sigabbrev_np(sig);
    return name ? std::string("SIG") + name : "signal " + std::to_string(sig);
}

} // namespace

// Opens `path` in a child process first (see vetModelFilesInChildProcesses): an error when that
// child did not come back in one piece.
Status vetInChild(const std::filesystem::path &path, VetKind kind)
{
    if (!g_vetting.load())
        return Done{};
    struct stat st = {};
    if (::stat(path.c_str(), &st) != 0)
        return Done{}; // openArchive names the missing file
    const FileIdentity identity{st.st_dev, st.st_ino, st.st_size, std::int64_t(st.st_mtim.tv_sec),
                                std::int64_t(st.st_mtim.tv_nsec)};
    {
        std::lock_guard lock(g_vettedMutex);
        if (g_vetted.count(identity))
            return Done{};
    }
    const auto refused = [&](const std::string &why) {
        return Error{kind == VetKind::Model ? ErrorCode::ModelUnusable : ErrorCode::CheckpointUnusable,
                     path.string(), why};
    };
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd : {0, 1, 2})
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
    std::string program = "tenkai-vet", flag = kind == VetKind::Model ? kVetModelFlag : kVetArchiveFlag,
                file = path.string();
    char *argv[] = {program.data(), flag.data(), file.data(), nullptr};
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return refused("could not be checked: no process could be started to open it first (" +
                       std::string(std::strerror(spawned)) + ")");
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + kVetTimeout;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR)
            return refused("could not be checked: " + std::string(std::strerror(errno)));
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return refused("took LibTorch's reader over 2 minutes to open, in a separate process that was "
                           "then stopped: the file is damaged or made to stall the reader, so it is refused");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (WIFSIGNALED(status))
        return refused("crashed LibTorch's reader (" + signalName(WTERMSIG(status)) +
                       ") when opened in a separate process, so it is refused: the file is damaged or "
                       "crafted; nothing else was affected");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return refused("made LibTorch's reader fail in a separate process (exit status " +
                       std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                       "), so it is refused: the file is damaged or crafted");
    std::lock_guard lock(g_vettedMutex);
    g_vetted.insert(identity);
    return Done{};
}

namespace {

// Reads every value an archive holds, sub-archives included (a checkpoint's net and optimizer).
void readEverything(torch::serialize::InputArchive &archive)
{
    for (const auto &key : archive.keys()) {
        c10::IValue value;
        if (archive.try_read(key, value))
            continue;
        torch::serialize::InputArchive inner;
        if (archive.try_read(key, inner))
            readEverything(inner);
    }
}

Result<std::unique_ptr<torch::serialize::InputArchive>> openArchive(const std::filesystem::path &path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error{ErrorCode::ModelUnusable, path.string(), "no such file"};
    if (auto vetted = vetInChild(path, VetKind::Model); !vetted)
        return vetted.error();
    auto archive = std::make_unique<torch::serialize::InputArchive>();
    try {
        archive->load_from(path.string());
    } catch (...) {
        return caughtError(ErrorCode::ModelUnusable, path.string(), "is not a model file that can be read: ");
    }
    return archive;
}

// The first lines of an exception's text on one line, at most 400 bytes: LibTorch's can run to
// pages (a stack, a source excerpt) and start with a line break.
std::string firstLines(const char *text)
{
    std::string s = text ? text : "";
    if (const auto stack = s.find("Exception raised from"); stack != std::string::npos)
        s.resize(stack);
    std::string out;
    int lines = 0;
    for (char c : s) {
        if (c == '\n' || c == '\r') {
            if (!out.empty() && ++lines == 3)
                break;
            c = ' ';
        }
        if (c == ' ' && (out.empty() || out.back() == ' '))
            continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    if (out.size() > 400)
        out = out.substr(0, 400) + "...";
    return out;
}

void syncFolder(const std::filesystem::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Error caughtError(ErrorCode code, const std::string &subject, const std::string &prefix)
{
    std::string detail;
    try {
        throw;
    } catch (const c10::Error &e) {
        detail = firstLines(e.what_without_backtrace());
    } catch (const std::bad_alloc &) {
        detail = "not enough memory";
    } catch (const std::exception &e) {
        detail = firstLines(e.what());
    } catch (...) {
        detail = "an unexpected error";
    }
    return Error{code, subject, prefix + detail};
}

Status saveArchiveAtomically(torch::serialize::OutputArchive &archive, const std::filesystem::path &path)
{
    // Appended, not `"." + string`: GCC 12 at -O3 warns falsely (-Wrestrict) about the latter.
    std::string name = ".";
    name += path.filename().string();
    name += ".partial";
    const auto tmp = path.parent_path() / name;
    const auto folder = path.parent_path().string();
    std::error_code ec;
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return writeFailure(folder, tmp.filename().string(), errno);
    // LibTorch writes through this function. A short count would make its writer throw from its
    // destructor, which ends the process; so a failed write is remembered here, the rest of the
    // archive is dropped, and the failure is reported once the writer is done.
    int failure = 0;
    const auto write = [&](const void *data, std::size_t size) -> std::size_t {
        const char *at = static_cast<const char *>(data);
        std::size_t left = size;
        while (failure == 0 && left > 0) {
            const ssize_t n = ::write(fd, at, left);
            if (n < 0 && errno != EINTR)
                failure = errno;
            else if (n > 0)
                at += n, left -= std::size_t(n);
        }
        return size;
    };
    std::string thrown;
    try {
        archive.save_to(write);
    } catch (...) {
        thrown = caughtError(ErrorCode::OutputUnwritable, folder, {}).detail;
    }
    if (failure == 0 && thrown.empty() && ::fsync(fd) != 0)
        failure = errno;
    if (::close(fd) != 0 && failure == 0 && thrown.empty())
        failure = errno;
    if (failure != 0 || !thrown.empty()) {
        const Error error = failure != 0 ? writeFailure(folder, path.filename().string(), failure)
                                         : Error{ErrorCode::OutputUnwritable, folder, thrown};
        std::filesystem::remove(tmp, ec);
        return error;
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return Error{ErrorCode::OutputUnwritable, folder, ec.message()};
    }
    syncFolder(path.parent_path());
    return Done{};
}

std::string describe(const ModelInfo &info)
{
    return info.architecture + " for " + std::to_string(info.width) + "x" + std::to_string(info.height) +
           "x" + std::to_string(info.channels) + " images, " + std::to_string(info.classes.size()) +
           " classes";
}

Result<ModelInfo> readModelInfo(const std::filesystem::path &path)
{
    auto archive = openArchive(path);
    if (!archive)
        return archive.error();
    return readInfo(*archive.value(), path);
}

int vetModelFilesInChildProcesses(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], kVetModelFlag) == 0) {
        // The child: open the file as loadModel does (its archive, its description, then its weights:
        // everything readModelInfo reads too); any error is the parent's to report. It ends at once,
        // without exit handlers: only a crash while reading may make it fail (a sanitizer build's
        // leak check at exit would otherwise refuse every file).
        (void)loadModel(argv[2]);
        ::_exit(0);
    }
    if (argc == 3 && std::strcmp(argv[1], kVetArchiveFlag) == 0) {
        // The same for a checkpoint: its archive and every value in it.
        try {
            torch::serialize::InputArchive archive;
            archive.load_from(argv[2]);
            readEverything(archive);
        } catch (...) {
        }
        ::_exit(0);
    }
    g_vetting = true;
    return -1;
}

Status saveModel(const std::filesystem::path &path, torch::nn::Sequential &net, const ModelInfo &info)
{
    torch::serialize::OutputArchive archive;
    archive.write("tenkai/format", c10::IValue(kFormatVersion));
    archive.write("tenkai/architecture", c10::IValue(info.architecture));
    archive.write("tenkai/input",
                  c10::IValue(std::vector<std::int64_t>{info.channels, info.height, info.width}));
    archive.write("tenkai/classes", c10::IValue(toList(info.classes)));
    archive.write("tenkai/mean", c10::IValue(info.mean));
    archive.write("tenkai/stddev", c10::IValue(info.stddev));
    archive.write("tenkai/dataset", c10::IValue(info.dataset));
    archive.write("tenkai/epochs", c10::IValue(std::int64_t(info.epochs)));
    archive.write("tenkai/test_accuracy", c10::IValue(info.testAccuracy));
    archive.write("tenkai/version", c10::IValue(info.tenkaiVersion));
    net->save(archive);
    return saveArchiveAtomically(archive, path);
}

Result<LoadedModel> loadModel(const std::filesystem::path &path, const ModelInfo &expected)
{
    auto archive = openArchive(path);
    if (!archive)
        return archive.error();
    auto info = readInfo(*archive.value(), path);
    if (!info)
        return info.error();
    const ModelInfo &have = info.value();
    const bool wrongArchitecture =
        !expected.architecture.empty() && expected.architecture != have.architecture;
    const bool wrongShape =
        expected.channels > 0 && (expected.channels != have.channels || expected.height != have.height ||
                                  expected.width != have.width);
    if (wrongArchitecture || wrongShape) {
        ModelInfo want = expected;
        if (want.architecture.empty())
            want.architecture = have.architecture;
        if (want.channels == 0) {
            want.channels = have.channels;
            want.height = have.height;
            want.width = have.width;
        }
        want.classes = have.classes;
        return Error{ErrorCode::ModelUnusable, path.string(),
                     "holds a " + describe(have) + ", but a " + describe(want) + " is needed"};
    }
    // The weights it describes are in the file (4 bytes each): a description that claims more than
    // the file can hold is refused before a network of that size is built.
    const InputShape shape{have.channels, have.height, have.width};
    const std::int64_t parameters =
        parameterCount(have.architecture, shape, std::int64_t(have.classes.size()));
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    if (!ec && parameters > 0 && std::uint64_t(parameters) > bytes / 4)
        return Error{ErrorCode::ModelUnusable, path.string(),
                     "describes a " + describe(have) + " with " + std::to_string(parameters) +
                         " weights, but the file is only " + std::to_string(bytes) +
                         " bytes: it is cut short or not what it says"};
    try {
        auto model = makeModel(have.architecture, shape, std::int64_t(have.classes.size()));
        if (!model)
            return Error{ErrorCode::ModelUnusable, path.string(),
                         "describes an architecture this Tenkai cannot build: " + model.error().message()};
        LoadedModel loaded{model.value(), have};
        loaded.net->load(*archive.value());
        return loaded;
    } catch (...) {
        return caughtError(ErrorCode::ModelUnusable, path.string(),
                           "its weights do not fit its description: ");
    }
}

} // namespace tenkai::train
