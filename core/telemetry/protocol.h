// The console <-> tenkaid wire protocol, version 1 (docs/protocol.md): newline-delimited JSON, every
// message an object {"v":1,"type":...}. This file parses and validates what each side receives and
// builds what each side sends; it knows nothing about sockets.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <variant>

namespace tenkai::telemetry {

inline constexpr int kProtocolVersion = 1;
// The longest line either side accepts, newline excluded.
inline constexpr qsizetype kMaxLineBytes = 64 * 1024;
// The longest line a client accepts from the daemon (reports of many classes are large).
inline constexpr qsizetype kMaxServerLineBytes = 16 * 1024 * 1024;
// Requests a connection may make per second (a burst of this many is allowed, then this many a second).
inline constexpr int kMaxRequestsPerSecond = 200;

// What was wrong with a message, as sent in an `error` reply: a machine-readable code, one sentence
// for the user, and the field it concerns (a path such as "config.members[1].seed"; empty if none).
struct ProtocolError
{
    QString code;
    QString message;
    QString field;
    QJsonValue id = QJsonValue(QJsonValue::Undefined); // the request's "id" if readable, echoed back

    QJsonObject toJson() const; // the complete `error` message
};

// Wire error codes (docs/protocol.md lists when each is sent).
namespace errc {
inline constexpr char BadJson[] = "bad_json";
inline constexpr char LineTooLong[] = "line_too_long";
inline constexpr char UnsupportedVersion[] = "unsupported_version";
inline constexpr char UnknownType[] = "unknown_type";
inline constexpr char MissingField[] = "missing_field";
inline constexpr char WrongType[] = "wrong_type";
inline constexpr char BadValue[] = "bad_value";
inline constexpr char HelloRequired[] = "hello_required";
inline constexpr char BadToken[] = "bad_token";
inline constexpr char HelloTimeout[] = "hello_timeout";
inline constexpr char RateLimited[] = "rate_limited";
inline constexpr char TooManyConnections[] = "too_many_connections";
inline constexpr char BadConfig[] = "bad_config";
inline constexpr char RunExists[] = "run_exists";
inline constexpr char UnknownRun[] = "unknown_run";
inline constexpr char RunFinished[] = "run_finished";
inline constexpr char RunNotResumable[] = "run_not_resumable";
inline constexpr char ReportNotReady[] = "report_not_ready";
inline constexpr char EvaluationFailed[] = "evaluation_failed";
inline constexpr char ShuttingDown[] = "shutting_down";
inline constexpr char Busy[] = "busy";
inline constexpr char Internal[] = "internal";
} // namespace errc

enum class RequestType
{
    Hello,
    Status,
    StartRun,
    StopRun,
    ListRuns,
    Subscribe,
    GetReport,
    Evaluate,
    ResumeRun,
};

QString requestTypeName(RequestType type);

// A request, validated: the fields its type needs are present and of the right JSON type.
struct Request
{
    RequestType type = RequestType::Status;
    QJsonValue id = QJsonValue(QJsonValue::Undefined); // optional string or number, echoed back
    QString token;                                     // hello (scripts): the token itself
    QString nonce;  // hello, step 1 of the handshake: the client's random nonce (hex)
    QString answer; // hello, step 2: the client's answer to the daemon's challenge (hex)
    QString client; // hello: the client's name and version, for the daemon's log
    QString
        run; // start_run (run_id), stop_run, resume_run, get_report, evaluate, subscribe (empty: all runs)
    QJsonObject config;   // start_run: the run configuration (checked by runConfigFromJson)
    qint64 sinceSeq = 0;  // subscribe: deliver events with seq > sinceSeq
    QString dataDir;      // evaluate: the folder on the site to evaluate the run's model on
    qint64 testLimit = 0; // evaluate: the first N test images only (0: all)
};

// Parses one line (without its newline) received by the daemon.
std::variant<Request, ProtocolError> parseRequest(QByteArrayView line);

// A message received by a client, validated: a known type, and for events a seq.
struct ServerMessage
{
    QString type;
    QJsonObject object;
    qint64 seq = 0; // events only
    bool isEvent() const { return seq > 0; }
};
std::variant<ServerMessage, ProtocolError> parseServerMessage(QByteArrayView line);

// The handshake (docs/protocol.md, Authentication): each side proves it knows the token without
// sending it. Both are HMAC-SHA256 keyed with the token, over both nonces and a label for the side,
// as 64 hex digits; a proof never passes for an answer or for other nonces.
QString daemonProof(const QString &token, const QString &clientNonce, const QString &daemonNonce);
QString clientAnswer(const QString &token, const QString &clientNonce, const QString &daemonNonce);
// 32 bytes from the system's random source, as 64 hex digits.
QString makeNonce();
// Equal, in time that depends on the length of `expected` only.
bool sameSecret(const QString &given, const QString &expected);

// Run ids name folders in the daemon's state: 1 to 64 of A-Z a-z 0-9 . _ -, not starting with a dot.
bool isValidRunId(const QString &id);

// {"v":1,"type":type}
QJsonObject makeMessage(const QString &type);
// The compact JSON of `message` and a newline.
QByteArray encode(const QJsonObject &message);

// Event types and the states of a run.
inline constexpr char kMetric[] = "metric";
inline constexpr char kRunState[] = "run_state";
inline constexpr char kLog[] = "log";

// Run states. queued -> running -> done | failed | stopped; running -> stopping -> stopped. A run
// interrupted by the daemon stopping goes back to queued and resumes at the next start; a failed
// or stopped one goes back to queued by resume_run.
namespace state {
inline constexpr char Queued[] = "queued";
inline constexpr char Running[] = "running";
inline constexpr char Stopping[] = "stopping";
inline constexpr char Done[] = "done";
inline constexpr char Failed[] = "failed";
inline constexpr char Stopped[] = "stopped";
} // namespace state
bool isFinalState(const QString &state);

// Events without seq (the store assigns it). member: 1-based member number, 0 for the ensemble's
// figures ("ensemble" on the wire). t: Unix time in seconds.
QJsonObject metricEvent(const QString &run, int member, int epoch, qint64 step, const QString &name,
                        double value, double t);
QJsonObject runStateEvent(const QString &run, const QString &state, double progress);
QJsonObject logEvent(const QString &level, const QString &text, const QString &run = {});

} // namespace tenkai::telemetry
