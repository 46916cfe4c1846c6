// Option parsing and output shared by tenkai-cli's commands.
#pragma once

#include "train_api.h"

#include <QCommandLineParser>
#include <QJsonObject>
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

// The options that say which data to use and where to compute: --dataset, --data-dir,
// --image-size, --channels, --test-limit, --threads, --device.
void addDataOptions(QCommandLineParser &parser);
// Reads them into `config`; false (after one sentence on `err`) when one is malformed.
bool readDataOptions(const QCommandLineParser &parser, train::TrainConfig &config, QTextStream &err,
                     const QString &prefix);

// An evaluation as JSON fields (member_accuracy, accuracy, majority_accuracy, disagreement,
// per_class_accuracy, confusion, classes) merged into `object`.
void addReportJson(QJsonObject &object, const train::EvaluationReport &report);
// An evaluation as text: each member's accuracy, the ensemble's, and the per-class table.
void printReport(QTextStream &out, const train::EvaluationReport &report);

// Columns a text takes in a terminal: East Asian wide and full-width characters take two.
qsizetype displayWidth(const QString &text);
// Prints rows as a table, each column padded to its widest cell.
void printTable(QTextStream &out, const QList<QStringList> &rows);

} // namespace tenkai::cli
