#include "tenkai-cli/cli_output.h"

#include <QCoreApplication>
#include <QJsonDocument>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS); the
// same context as cli_options.cpp, where these helpers used to live.
class CliOptions
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)
};

namespace tenkai::cli {

void printJson(QTextStream &out, const QJsonObject &object)
{
    out << QJsonDocument(object).toJson(QJsonDocument::Compact) << QLatin1Char('\n');
    out.flush();
}

std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max,
                                qint64 fallback, QTextStream &err, const QString &prefix)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const QString text = parser.value(name);
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min || value > max) {
        err << prefix
            << CliOptions::tr("--%1 expects a whole number from %2 to %3, got \"%4\".")
                   .arg(name)
                   .arg(min)
                   .arg(max)
                   .arg(text)
            << QLatin1Char('\n');
        return std::nullopt;
    }
    return value;
}

std::optional<double> realOption(const QCommandLineParser &parser, const QString &name, double fallback,
                                 QTextStream &err, const QString &prefix)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const QString text = parser.value(name);
    const double value = text.toDouble(&ok);
    if (!ok) {
        err << prefix << CliOptions::tr("--%1 expects a number, got \"%2\".").arg(name, text)
            << QLatin1Char('\n');
        return std::nullopt;
    }
    return value;
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments,
                               const QString &prefix, QTextStream &out, QTextStream &err)
{
    if (!parser.parse(arguments)) {
        err << prefix << parser.errorText() << QLatin1Char('\n');
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // The parser names the program by its path; the command line a user types is
        // "tenkai-cli COMMAND", which the prefix holds ("tenkai-cli train: ").
        QString help = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        const qsizetype at = program.isEmpty() ? -1 : help.indexOf(program);
        if (at >= 0 && at < help.indexOf(QLatin1Char('\n')) && prefix.endsWith(QLatin1String(": ")))
            help.replace(at, program.size(), prefix.chopped(2));
        out << help;
        return 0;
    }
    return std::nullopt;
}

// Columns a text takes in a terminal: East Asian wide and full-width characters take two.
qsizetype displayWidth(const QString &text)
{
    qsizetype width = 0;
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        const bool wide = (u >= 0x1100 && u <= 0x115f) || (u >= 0x2e80 && u <= 0xa4cf) ||
                          (u >= 0xac00 && u <= 0xd7a3) || (u >= 0xf900 && u <= 0xfaff) ||
                          (u >= 0xfe30 && u <= 0xfe4f) || (u >= 0xff00 && u <= 0xff60) ||
                          (u >= 0xffe0 && u <= 0xffe6);
        width += ch.isLowSurrogate() ? 0 : wide ? 2 : 1;
    }
    return width;
}

void printTable(QTextStream &out, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const auto &row : rows)
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (widths.size() <= c)
                widths << 0;
            widths[c] = std::max(widths[c], displayWidth(row[c]));
        }
    for (const auto &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size()
                        ? row[c] + QString(widths[c] + 2 - displayWidth(row[c]), QLatin1Char(' '))
                        : row[c];
        out << line.trimmed() << QLatin1Char('\n');
    }
}

} // namespace tenkai::cli
