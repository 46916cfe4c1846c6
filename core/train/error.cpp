#include "result.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <sys/statvfs.h>

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
    case ErrorCode::DiskFull:
        return with("The disk holding " + subject + " is full");
    case ErrorCode::NoRoom:
        return with("The disk holding " + subject + " has too little free space for this training");
    }
    return with("Error");
}

Error writeFailure(const std::string &folder, const std::string &what, int errnoValue)
{
    bool full = errnoValue == ENOSPC || errnoValue == EDQUOT;
    if (errnoValue == 0) {
        // Less than what one more file system block or two needs: the write ran out of room.
        struct statvfs fs
        {};
        full = ::statvfs(folder.c_str(), &fs) == 0 &&
               std::uint64_t(fs.f_bavail) * fs.f_frsize < std::max<std::uint64_t>(64 * 1024, 4 * fs.f_frsize);
    }
    if (full)
        return Error{ErrorCode::DiskFull, folder, {}};
    std::string detail = "cannot write " + what;
    if (errnoValue != 0)
        detail += " (" + std::string(std::strerror(errnoValue)) + ")";
    return Error{ErrorCode::OutputUnwritable, folder, detail};
}

} // namespace tenkai::train
