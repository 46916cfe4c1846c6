#include "result.h"

namespace tenkai::train {

std::string Error::message() const
{
    const auto with = [this](std::string text) {
        if (!detail.empty())
            text += ": " + detail;
        return text;
    };
    switch (code) {
    case ErrorCode::UnknownDataset:
        return "Unknown dataset '" + subject + "'";
    case ErrorCode::UnknownModel:
        return "Unknown model '" + subject + "'";
    case ErrorCode::UnknownDevice:
        return "Unknown device '" + subject + "' (expected cpu, cuda or auto)";
    case ErrorCode::DataMissing:
        return with("Dataset file not found: " + subject);
    case ErrorCode::DataCorrupt:
        return with("Dataset file " + subject + " is unusable");
    case ErrorCode::ModelUnusable:
        return with("Model file " + subject + " is unusable");
    case ErrorCode::OutputUnwritable:
        return with("Cannot write to the output folder " + subject);
    case ErrorCode::InvalidArgument:
        return with("Invalid value for " + subject);
    case ErrorCode::DeviceUnavailable:
        return with("Device " + subject + " is not available");
    case ErrorCode::TrainingFailed:
        return with("Training failed");
    case ErrorCode::CheckpointUnusable:
        return with("The checkpoint folder " + subject + " cannot be used");
    }
    return with("Error");
}

} // namespace tenkai::train
