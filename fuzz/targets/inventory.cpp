// Fuzz target: Tenkai inventories (YAML) and Ansible inventories (INI and YAML) take any bytes.
#include "fleet/inventory.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)tenkai::fleet::parseInventory(text, QStringLiteral("fuzz.yaml"));
    (void)tenkai::fleet::parseAnsibleInventory(text, QStringLiteral("hosts"), false);
    (void)tenkai::fleet::parseAnsibleInventory(text, QStringLiteral("hosts.yml"), true);
    return 0;
}
