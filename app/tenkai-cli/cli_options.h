// Option parsing and output shared by tenkai-cli's commands (the training-free part, which
// tenkai-fleet shares too, is in cli_output.h).
#pragma once

#include "tenkai-cli/cli_output.h"
#include "train_api.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>
#include <optional>

namespace tenkai::cli {

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

} // namespace tenkai::cli
