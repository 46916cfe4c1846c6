// Fuzz target: recipes (YAML) take any bytes, and the shell expander any command and any value. The
// input's first line is a site label's value, the rest a command; a command without variables must
// come back unchanged, and a bare {{ labels.x }} must come back as one single-quoted word.
#include "fleet/recipe.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace tenkai::fleet;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)parseRecipe(bytes, QStringLiteral("fuzz.recipe"));

    const qsizetype newline = bytes.indexOf('\n');
    const QString value = QString::fromUtf8(newline < 0 ? bytes : bytes.left(newline));
    const QString code = newline < 0 ? QString() : QString::fromUtf8(bytes.mid(newline + 1));
    Site site;
    site.name = value;
    site.root = value;
    site.labels.insert(QStringLiteral("x"), value);
    const auto expanded = expandShellVariables(code, site, QStringLiteral("fuzz:1"));
    if (!code.contains(QLatin1String("{{")) && (!expanded || expanded.value() != code))
        std::abort();
    const auto bare =
        expandShellVariables(QStringLiteral("echo {{ labels.x }}"), site, QStringLiteral("fuzz:2"));
    if (!bare || bare.value() != QStringLiteral("echo ") + shellQuote(value))
        std::abort();
    return 0;
}
