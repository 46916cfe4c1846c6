// Option parsing and output that every command shares, tenkai-cli's and tenkai-fleet's: nothing
// here touches the training library, so tenkai-fleet links it without LibTorch.
#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTextStream>
#include <optional>

namespace tenkai::cli {

// Writes one compact JSON object and a newline, flushed (for --json output).
void printJson(QTextStream &out, const QJsonObject &object);

// An integer option within [min, max] (its fallback when absent); prints one sentence after
// `prefix` ("tenkai-cli train: ") and returns nullopt when the value is not one.
std::optional<qint64> intOption(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max,
                                qint64 fallback, QTextStream &err, const QString &prefix);
std::optional<double> realOption(const QCommandLineParser &parser, const QString &name, double fallback,
                                 QTextStream &err, const QString &prefix);

// Parses `arguments`; when the command should end here (--help shown, or a parse error said in one
// sentence after `prefix`), returns its exit code.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments,
                               const QString &prefix, QTextStream &out, QTextStream &err);

// Columns a text takes in a terminal: East Asian wide and full-width characters take two.
qsizetype displayWidth(const QString &text);
// Prints rows as a table, each column padded to its widest cell.
void printTable(QTextStream &out, const QList<QStringList> &rows);

} // namespace tenkai::cli
