// The run configuration of protocol v1 (what start_run carries) <-> train::TrainConfig.
//
// {"model":"lenet", "dataset":"fashion-mnist", "data_dir":"/abs/path", "epochs":3, "batch":64,
//  "optimizer":"sgd", "lr":0.05, "momentum":0.9, "members":[{"augment":"geometric","seed":1}, ...],
//  "freeze":"none", "init_from":"/abs/model.pt", "device":"cpu", "target_accuracy":0.9,
//  "limit":600, "test_limit":200, "threads":0, ...}   (docs/protocol.md lists every field)
//
// Every field is optional (TrainConfig's defaults apply); unknown fields are refused so that a typo
// is not silently ignored. Paths must be absolute: they name files on the daemon's machine.
#pragma once

#include "train_api.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace tenkai::telemetry {

struct ConfigError
{
    QString field;   // "config.members[1].seed"
    QString message; // one sentence naming the field and what was expected
};

// Fills `out` (starting from TrainConfig's defaults) from `json`; the error names the first bad field.
std::optional<ConfigError> runConfigFromJson(const QJsonObject &json, train::TrainConfig &out);

// The JSON form of the fields above (checkpoint and output folders are the daemon's business).
QJsonObject runConfigToJson(const train::TrainConfig &config);

// An evaluation: test_images, classes, member_accuracy, accuracy, loss, majority_accuracy,
// disagreement, confusion ([true][predicted]), per_class_accuracy.
QJsonObject evaluationToJson(const train::EvaluationReport &report);
// A finished training: epochs_completed, resumed_after_epoch, train_images, test_images, seconds,
// images_per_second, reached_target, seconds_to_target, new_head, model_path, member_paths and
// `evaluation` (above).
QJsonObject summaryToJson(const train::TrainSummary &summary);

} // namespace tenkai::telemetry
