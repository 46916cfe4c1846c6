// Fuzz target: flow files (JSON) take any bytes.
#include "flow/flow_file.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto read = tenkai::flow::readFlow(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    (void)read;
    return 0;
}
