// Fuzz target: the daemon's request parser and the client's message parser take any line.
#include "telemetry/protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)tenkai::telemetry::parseRequest(line);
    (void)tenkai::telemetry::parseServerMessage(line);
    return 0;
}
