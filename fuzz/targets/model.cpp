// Fuzz target: model files, as `init_from`, `tenkai-cli evaluate` and a deployment read them
// (readModelInfo, then loadModel with and without an expected architecture), each input first in a
// forked child as the product does (see runOne). A model file is a
// zip archive of LibTorch's (pickled description, tensors, TorchScript code), so random bytes
// rarely pass the zip reader; the first input byte therefore chooses what the rest is:
//   byte % (records + 1) == records: the whole file;
//   otherwise: the contents of that record of a small real model, the archive rebuilt around it
//   (so the pickle, the code and each tensor's bytes are fuzzed behind a valid zip).
// The seed model (lenet, 16x16x1, 3 classes) is built in-process; the empty input runs the seeds
// themselves, so the suite's replay of fuzz/regressions/model covers them. With
// TENKAI_FUZZ_WRITE_SEEDS=DIR the seeds are written to DIR as a starting corpus (scripts/fuzz.sh);
// with TENKAI_FUZZ_KEEP_FILE=FILE the model file an input makes is copied to FILE (to turn a crash
// into a test's model file).
//
// Built as C++17 by clang (fuzz/CMakeLists.txt): LibTorch 1.13's headers do not compile as C++20
// under clang 14.
#include "model_io.h"
#include "models.h"

#include <caffe2/serialize/inline_container.h>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

namespace tt = tenkai::train;

struct Record
{
    std::string name;
    std::string bytes;
};

std::string scratchPath(const char *what)
{
    const char *dir = std::getenv("TMPDIR");
    return std::string(access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                       : dir                         ? dir
                                                     : "/tmp") +
           "/tenkai-fuzz-model-" + what + "-" + std::to_string(getpid());
}

std::string readWhole(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Seed
{
    std::string file;            // the whole model file
    std::vector<Record> records; // its archive's records, in the reader's order
};

const Seed &seed()
{
    static const Seed s = [] {
        Seed out;
        auto net = tt::makeModel("lenet", tt::InputShape{1, 16, 16}, 3);
        if (!net)
            std::abort();
        tt::ModelInfo info;
        info.architecture = "lenet";
        info.channels = 1;
        info.height = 16;
        info.width = 16;
        info.classes = {"a", "b", "c"};
        info.mean = {0.5};
        info.stddev = {0.25};
        info.dataset = "fuzz";
        info.tenkaiVersion = "fuzz";
        const std::string path = scratchPath("seed");
        if (!tt::saveModel(path, net.value(), info))
            std::abort();
        out.file = readWhole(path);
        caffe2::serialize::PyTorchStreamReader reader(path);
        for (const auto &name : reader.getAllRecords()) {
            auto [data, size] = reader.getRecord(name);
            out.records.push_back({name, std::string(static_cast<const char *>(data.get()), size)});
        }
        std::remove(path.c_str());
        return out;
    }();
    return s;
}

void writeFile(const std::string &path, const char *data, std::size_t size)
{
    FILE *file = std::fopen(path.c_str(), "wb");
    if (!file)
        return;
    if (size > 0)
        std::fwrite(data, 1, size, file);
    std::fclose(file);
}

// The seed's archive with record `replaced` holding `bytes` instead.
void writeArchive(const std::string &path, std::size_t replaced, const char *bytes, std::size_t size)
{
    caffe2::serialize::PyTorchStreamWriter writer(path);
    const auto &records = seed().records;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (records[i].name == "version")
            continue; // the writer adds its own "version" record
        if (i == replaced)
            writer.writeRecord(records[i].name, bytes, size);
        else
            writer.writeRecord(records[i].name, records[i].bytes.data(), records[i].bytes.size());
    }
    writer.writeEndOfFile();
}

void readBothWays(const std::string &path)
{
    (void)tt::readModelInfo(path);
    (void)tt::loadModel(path);
    tt::ModelInfo expected;
    expected.architecture = "lenet";
    expected.channels = 1;
    expected.height = 16;
    expected.width = 16;
    (void)tt::loadModel(path, expected);
}

// How many inputs crashed the child: reported at exit, as LibTorch's findings rather than ours.
int &refusedByChild()
{
    static int count = 0;
    static const bool reported = [] {
        std::atexit([] {
            std::fprintf(stderr, "fuzz_model: %d input(s) crashed LibTorch's reader in the vetting child\n",
                         refusedByChild());
        });
        return true;
    }();
    (void)reported;
    return count;
}

void runOne(std::uint8_t selector, const char *rest, std::size_t size)
{
    static const std::string path = scratchPath("input");
    const std::size_t records = seed().records.size();
    const std::size_t choice = selector % (records + 1);
    if (choice == records) {
        writeFile(path, rest, size);
    } else {
        try {
            writeArchive(path, choice, rest, size);
        } catch (...) {
            return; // the writer refused (a record name it will not write): nothing to read
        }
    }
    if (const char *keep = std::getenv("TENKAI_FUZZ_KEEP_FILE")) // the model file an input makes
        std::filesystem::copy_file(path, keep, std::filesystem::copy_options::overwrite_existing);
    // As the product does (vetModelFilesInChildProcesses): a child opens the file first, and only a
    // file that did not crash it is opened here. A crash inside LibTorch's reader is what the child
    // is there to take (the product refuses such a file); a crash here is a bug of ours.
    const pid_t child = fork();
    if (child == 0) {
        // The child dies of a crash as the product's child would: no libFuzzer or ASan handler
        // writing an artifact for it, nothing printed.
        for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE})
            std::signal(sig, SIG_DFL);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        readBothWays(path);
        ::_exit(0);
    }
    if (child < 0)
        std::abort();
    int status = 0;
    pid_t waited = 0;
    do // libFuzzer's timer (SIGALRM, for -timeout) interrupts the wait
        waited = ::waitpid(child, &status, 0);
    while (waited < 0 && errno == EINTR);
    if (waited != child)
        std::abort();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        readBothWays(path);
    else
        ++refusedByChild();
    std::remove(path.c_str());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const char *dir = std::getenv("TENKAI_FUZZ_WRITE_SEEDS");
    if (!dir)
        return 0;
    const auto &s = seed();
    const std::size_t records = s.records.size();
    const auto write = [&](const std::string &name, std::uint8_t selector, const std::string &bytes) {
        std::string content(1, char(selector));
        content += bytes;
        writeFile(std::string(dir) + "/" + name, content.data(), content.size());
    };
    write("seed-whole-file", std::uint8_t(records), s.file);
    for (std::size_t i = 0; i < records; ++i)
        if (s.records[i].name != "version")
            write("seed-record-" + std::to_string(i), std::uint8_t(i), s.records[i].bytes);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) {
        // The seeds, unchanged: a real model file must load, and each record as it is.
        const auto &s = seed();
        const std::string path = scratchPath("check");
        writeFile(path, s.file.data(), s.file.size());
        const auto loaded = tt::loadModel(path);
        std::remove(path.c_str());
        if (!loaded) {
            std::fprintf(stderr, "the seed model does not load: %s\n", loaded.error().message().c_str());
            std::abort();
        }
        runOne(std::uint8_t(s.records.size()), s.file.data(), s.file.size());
        for (std::size_t i = 0; i < s.records.size(); ++i)
            runOne(std::uint8_t(i), s.records[i].bytes.data(), s.records[i].bytes.size());
        return 0;
    }
    runOne(data[0], reinterpret_cast<const char *>(data + 1), size - 1);
    return 0;
}
