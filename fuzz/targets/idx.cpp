// Fuzz target: the IDX reader (raw or gzip, as Fashion-MNIST ships) takes any file. The reader reads
// paths, so each input is written to a file in /dev/shm (or $TMPDIR) first.
#include "idx_reader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::string path = [] {
        const char *dir = std::getenv("TMPDIR");
        return std::string(access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                           : dir                         ? dir
                                                         : "/tmp") +
               "/tenkai-fuzz-idx-" + std::to_string(getpid());
    }();
    FILE *file = std::fopen(path.c_str(), "wb");
    if (!file)
        return 0;
    if (size > 0) // the empty input comes with no buffer at all
        std::fwrite(data, 1, size, file);
    std::fclose(file);
    (void)tenkai::train::readIdx(path);
    std::remove(path.c_str());
    return 0;
}
