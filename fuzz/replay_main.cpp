// The fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput once on every file named or found
// in the folders named (the seed corpus and the crashes kept as regressions), so the suite's own
// build replays them. Exit 0 when all ran; a crash or an abort ends it like the fuzzer would.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

int main(int argc, char **argv)
{
    int ran = 0;
    const auto runOne = [&](const std::filesystem::path &path) {
        std::ifstream in(path, std::ios::binary);
        const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
        ++ran;
    };
    for (int i = 1; i < argc; ++i) {
        std::error_code ec;
        if (std::filesystem::is_directory(argv[i], ec)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(argv[i], ec))
                if (entry.is_regular_file(ec))
                    runOne(entry.path());
        } else if (std::filesystem::is_regular_file(argv[i], ec)) {
            runOne(argv[i]);
        } else {
            std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
            return 2;
        }
    }
    std::printf("replayed %d input(s)\n", ran);
    return ran > 0 ? 0 : 2;
}
