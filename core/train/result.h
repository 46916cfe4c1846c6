// Result<T>: the outcome of an operation that can fail for reasons the user must hear about.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tenkai::train {

// What went wrong, by kind. The console and the CLI turn a code plus its subject into a translated
// sentence (tenkai::describe in tenkai_core); message() is the English fallback used without Qt.
enum class ErrorCode
{
    UnknownDataset,     // subject: the name given
    UnknownModel,       // subject: the name given
    UnknownDevice,      // subject: the name given
    DataMissing,        // subject: the file or folder that was looked for
    DataCorrupt,        // subject: the file; detail: what is wrong with it
    ModelUnusable,      // subject: the model file; detail: missing, unreadable, or not what is needed
    OutputUnwritable,   // subject: the folder; detail: why
    InvalidArgument,    // subject: the option; detail: the accepted range
    DeviceUnavailable,  // subject: the device name; detail: why
    TrainingFailed,     // detail: what the training library reported
    CheckpointUnusable, // subject: the checkpoint folder; detail: why it cannot be resumed or used
    DiskFull,           // subject: the folder whose disk (or the user's quota there) is full
    NoRoom,             // subject: the folder; detail: the space free there and the space needed
};

struct Error
{
    ErrorCode code;
    std::string subject;
    std::string detail;

    // One English sentence naming the subject and what is wrong.
    std::string message() const;
};

// The error for a file (named by `what`) that could not be written into `folder`: DiskFull when the
// disk or the quota is full, judged from errnoValue (ENOSPC, EDQUOT) or, where the writer does not
// say why (errnoValue 0), from the space left in the folder; OutputUnwritable with the system's
// reason otherwise. Call it before removing what was partly written, so the space is still taken.
Error writeFailure(const std::string &folder, const std::string &what, int errnoValue);

// A value or an error of type E (train::Error here; other libraries bring their own error type).
template<typename T, typename E>
class [[nodiscard]] BasicResult
{
public:
    BasicResult(T value) : m_state(std::move(value)) {}
    BasicResult(E error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() &
    {
        assert(ok());
        return std::get<T>(m_state);
    }
    const T &value() const &
    {
        assert(ok());
        return std::get<T>(m_state);
    }
    T &&value() &&
    {
        assert(ok());
        return std::get<T>(std::move(m_state));
    }
    const E &error() const
    {
        assert(!ok());
        return std::get<E>(m_state);
    }

private:
    std::variant<T, E> m_state;
};

template<typename T>
using Result = BasicResult<T, Error>;

// For operations that produce nothing but can fail.
struct Done
{};
using Status = Result<Done>;

} // namespace tenkai::train
