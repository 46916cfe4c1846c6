#include "telemetry/protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QStringList>
#include <array>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

// Translation context for the protocol's error sentences.
class Protocol
{
    Q_DECLARE_TR_FUNCTIONS(Protocol)
};

namespace tenkai::telemetry {
namespace {

const QStringList &requestNames()
{
    // In the order of RequestType.
    static const QStringList names{u"hello"_s,      u"status"_s,    u"start_run"_s,
                                   u"stop_run"_s,   u"list_runs"_s, u"subscribe"_s,
                                   u"get_report"_s, u"evaluate"_s,  u"resume_run"_s};
    return names;
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return Protocol::tr("null");
    case QJsonValue::Bool:
        return Protocol::tr("a boolean");
    case QJsonValue::Double:
        return Protocol::tr("a number");
    case QJsonValue::String:
        return Protocol::tr("a string");
    case QJsonValue::Array:
        return Protocol::tr("an array");
    case QJsonValue::Object:
        return Protocol::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Protocol::tr("nothing");
}

ProtocolError fail(const char *code, const QString &message, const QString &field = {})
{
    return ProtocolError{QString::fromLatin1(code), message, field, {}};
}

ProtocolError missing(const QString &field, const QString &what)
{
    return fail(errc::MissingField,
                Protocol::tr("The field \"%1\" is missing; expected %2.").arg(field, what), field);
}

ProtocolError wrongType(const QString &field, const QString &what, const QJsonValue &got)
{
    return fail(errc::WrongType,
                Protocol::tr("The field \"%1\" must be %2, not %3.").arg(field, what, jsonTypeName(got)),
                field);
}

bool isWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::floor(d) == d && std::abs(d) <= 9007199254740992.0;
}

// Reads a required string field; nullopt-like via the error out-parameter.
bool stringField(const QJsonObject &object, const QString &key, bool required, QString &out,
                 std::optional<ProtocolError> &error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        if (required)
            error = missing(key, Protocol::tr("a string"));
        return !required;
    }
    if (!value.isString()) {
        error = wrongType(key, Protocol::tr("a string"), value);
        return false;
    }
    out = value.toString();
    return true;
}

bool runField(const QJsonObject &object, const QString &key, QString &out,
              std::optional<ProtocolError> &error)
{
    if (!stringField(object, key, true, out, error))
        return false;
    if (!isValidRunId(out)) {
        error = fail(errc::BadValue,
                     Protocol::tr("The field \"%1\" must be a run id: 1 to 64 letters, digits, dots, dashes "
                                  "or underscores, not starting with a dot; got \"%2\".")
                         .arg(key, out.left(80)),
                     key);
        return false;
    }
    return true;
}

std::optional<ProtocolError> readFields(const QJsonObject &object, Request &request)
{
    std::optional<ProtocolError> error;
    switch (request.type) {
    case RequestType::Hello: {
        if (!stringField(object, u"token"_s, false, request.token, error) ||
            !stringField(object, u"nonce"_s, false, request.nonce, error) ||
            !stringField(object, u"answer"_s, false, request.answer, error) ||
            !stringField(object, u"client"_s, false, request.client, error))
            return error;
        request.client.truncate(200);
        const int given =
            int(object.contains(u"token")) + int(object.contains(u"nonce")) + int(object.contains(u"answer"));
        if (given == 0)
            return missing(u"nonce"_s, Protocol::tr("a nonce of 32 to 128 hex digits (or the handshake's "
                                                    "answer, or the token)"));
        if (given > 1)
            return fail(errc::BadValue,
                        Protocol::tr("A hello carries one of \"nonce\", \"answer\" and \"token\", not more."),
                        u"nonce"_s);
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]*$"));
        if (object.contains(u"nonce") &&
            (request.nonce.size() < 32 || request.nonce.size() > 128 || !hex.match(request.nonce).hasMatch()))
            return fail(errc::BadValue,
                        Protocol::tr("The field \"nonce\" must be 32 to 128 lowercase hex digits."),
                        u"nonce"_s);
        if (object.contains(u"answer") &&
            (request.answer.size() != 64 || !hex.match(request.answer).hasMatch()))
            return fail(errc::BadValue, Protocol::tr("The field \"answer\" must be 64 lowercase hex digits."),
                        u"answer"_s);
        break;
    }
    case RequestType::Status:
    case RequestType::ListRuns:
        break;
    case RequestType::StartRun: {
        if (!runField(object, u"run_id"_s, request.run, error))
            return error;
        const QJsonValue config = object.value(u"config");
        if (config.isUndefined())
            return missing(u"config"_s, Protocol::tr("an object (the run configuration)"));
        if (!config.isObject())
            return wrongType(u"config"_s, Protocol::tr("an object (the run configuration)"), config);
        request.config = config.toObject();
        break;
    }
    case RequestType::StopRun:
    case RequestType::ResumeRun:
    case RequestType::GetReport:
        if (!runField(object, u"run"_s, request.run, error))
            return error;
        break;
    case RequestType::Evaluate: {
        if (!runField(object, u"run"_s, request.run, error) ||
            !stringField(object, u"data_dir"_s, true, request.dataDir, error))
            return error;
        if (request.dataDir.isEmpty())
            return fail(errc::BadValue,
                        Protocol::tr("The field \"data_dir\" must name a folder on the site."),
                        u"data_dir"_s);
        const QJsonValue limit = object.value(u"test_limit");
        if (!limit.isUndefined()) {
            if (!isWholeNumber(limit) || limit.toDouble() < 0)
                return fail(errc::BadValue,
                            Protocol::tr("The field \"test_limit\" must be a whole number of 0 or more."),
                            u"test_limit"_s);
            request.testLimit = qint64(limit.toDouble());
        }
        break;
    }
    case RequestType::Subscribe: {
        const QJsonValue run = object.value(u"run");
        if (!run.isUndefined() && !run.isString())
            return wrongType(u"run"_s, Protocol::tr("a run id or \"all\""), run);
        if (run.isString() && run.toString() != u"all"_s) {
            if (!runField(object, u"run"_s, request.run, error))
                return error;
        }
        const QJsonValue since = object.value(u"since_seq");
        if (!since.isUndefined()) {
            if (!isWholeNumber(since))
                return since.isDouble()
                           ? fail(errc::BadValue,
                                  Protocol::tr("The field \"since_seq\" must be a whole number of 0 or more, "
                                               "got %1.")
                                      .arg(since.toDouble()),
                                  u"since_seq"_s)
                           : wrongType(u"since_seq"_s, Protocol::tr("a whole number"), since);
            request.sinceSeq = qint64(since.toDouble());
            if (request.sinceSeq < 0)
                return fail(
                    errc::BadValue,
                    Protocol::tr("The field \"since_seq\" must be 0 or more, got %1.").arg(request.sinceSeq),
                    u"since_seq"_s);
        }
        break;
    }
    }
    return std::nullopt;
}

// Checks that `line` is UTF-8 text; otherwise says where it is not.
std::optional<ProtocolError> checkText(QByteArrayView line)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(line);
    if (!decoder.hasError())
        return std::nullopt;
    // Find the first bad byte for the message: decode growing prefixes would be quadratic; a
    // replacement character in the output marks it, but a real U+FFFD in the input would too, so
    // walk the bytes instead.
    qsizetype offset = 0;
    while (offset < line.size()) {
        const auto byte = static_cast<unsigned char>(line[offset]);
        int length = byte < 0x80           ? 1
                     : (byte >> 5) == 0x6  ? 2
                     : (byte >> 4) == 0xE  ? 3
                     : (byte >> 3) == 0x1E ? 4
                                           : 0;
        if (length == 0 || offset + length > line.size())
            break;
        QStringDecoder one(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        (void)one.decode(line.sliced(offset, length));
        if (one.hasError())
            break;
        offset += length;
    }
    return fail(
        errc::BadJson,
        Protocol::tr("The message is not text: byte 0x%1 at offset %2 is not valid UTF-8.")
            .arg(static_cast<unsigned char>(offset < line.size() ? line[offset] : 0), 2, 16, QLatin1Char('0'))
            .arg(offset));
}

std::variant<QJsonObject, ProtocolError> parseObject(QByteArrayView line, qsizetype maxBytes)
{
    if (line.size() > maxBytes)
        return fail(errc::LineTooLong, Protocol::tr("The message is %1 bytes long; the limit is %2 bytes.")
                                           .arg(line.size())
                                           .arg(maxBytes));
    if (auto notText = checkText(line))
        return *notText;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(errc::BadJson, Protocol::tr("The message is not JSON: %1 at offset %2.")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset));
    if (!document.isObject())
        return fail(errc::BadJson,
                    Protocol::tr("The message must be a JSON object, not %1.")
                        .arg(document.isArray() ? Protocol::tr("an array") : Protocol::tr("a single value")));
    return document.object();
}

std::optional<ProtocolError> checkEnvelope(const QJsonObject &object, QString &type)
{
    const QJsonValue v = object.value(u"v");
    if (v.isUndefined())
        return missing(u"v"_s, Protocol::tr("the protocol version 1"));
    if (!v.isDouble())
        return wrongType(u"v"_s, Protocol::tr("a number (the protocol version)"), v);
    if (v.toDouble() != kProtocolVersion)
        return fail(errc::UnsupportedVersion,
                    Protocol::tr("Protocol version %1 is not supported; this side speaks version %2.")
                        .arg(v.toDouble())
                        .arg(kProtocolVersion),
                    u"v"_s);
    const QJsonValue t = object.value(u"type");
    if (t.isUndefined())
        return missing(u"type"_s, Protocol::tr("the message type"));
    if (!t.isString())
        return wrongType(u"type"_s, Protocol::tr("a string (the message type)"), t);
    type = t.toString();
    return std::nullopt;
}

} // namespace

QJsonObject ProtocolError::toJson() const
{
    QJsonObject out = makeMessage(u"error"_s);
    out.insert(u"code", code);
    out.insert(u"message", message);
    if (!field.isEmpty())
        out.insert(u"field", field);
    if (!id.isUndefined() && !id.isNull())
        out.insert(u"id", id);
    return out;
}

QString requestTypeName(RequestType type)
{
    return requestNames().at(static_cast<int>(type));
}

std::variant<Request, ProtocolError> parseRequest(QByteArrayView line)
{
    auto parsed = parseObject(line, kMaxLineBytes);
    if (auto *error = std::get_if<ProtocolError>(&parsed))
        return *error;
    const QJsonObject object = std::get<QJsonObject>(std::move(parsed));

    Request request;
    const QJsonValue id = object.value(u"id");
    if (!id.isUndefined()) {
        if (!id.isString() && !id.isDouble())
            return wrongType(u"id"_s, Protocol::tr("a string or a number"), id);
        request.id = id;
    }
    auto withId = [&](ProtocolError error) {
        error.id = request.id;
        return error;
    };
    QString type;
    if (auto error = checkEnvelope(object, type))
        return withId(*error);
    const qsizetype index = requestNames().indexOf(type);
    if (index < 0)
        return withId(fail(errc::UnknownType,
                           Protocol::tr("Unknown request type \"%1\"; expected one of %2.")
                               .arg(type.left(80), requestNames().join(u", "_s)),
                           u"type"_s));
    request.type = static_cast<RequestType>(index);
    if (auto error = readFields(object, request))
        return withId(*error);
    return request;
}

std::variant<ServerMessage, ProtocolError> parseServerMessage(QByteArrayView line)
{
    auto parsed = parseObject(line, kMaxServerLineBytes);
    if (auto *error = std::get_if<ProtocolError>(&parsed))
        return *error;
    ServerMessage message;
    message.object = std::get<QJsonObject>(std::move(parsed));
    if (auto error = checkEnvelope(message.object, message.type))
        return *error;
    if (message.type == QLatin1String(kMetric) || message.type == QLatin1String(kRunState) ||
        message.type == QLatin1String(kLog)) {
        const QJsonValue seq = message.object.value(u"seq");
        if (seq.isUndefined())
            return missing(u"seq"_s, Protocol::tr("the event's sequence number"));
        if (!isWholeNumber(seq) || seq.toDouble() < 1)
            return wrongType(u"seq"_s, Protocol::tr("a whole number of 1 or more"), seq);
        message.seq = qint64(seq.toDouble());
    }
    return message;
}

namespace {

QString handshakeMac(const QString &token, const char *side, const QString &clientNonce,
                     const QString &daemonNonce)
{
    const QByteArray message = QByteArray("tenkai handshake v1\n") + side + '\n' + clientNonce.toLatin1() +
                               '\n' + daemonNonce.toLatin1();
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

QString daemonProof(const QString &token, const QString &clientNonce, const QString &daemonNonce)
{
    return handshakeMac(token, "daemon", clientNonce, daemonNonce);
}

QString clientAnswer(const QString &token, const QString &clientNonce, const QString &daemonNonce)
{
    return handshakeMac(token, "client", clientNonce, daemonNonce);
}

QString makeNonce()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->generate(words.begin(), words.end());
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof words)).toHex());
}

bool sameSecret(const QString &given, const QString &expected)
{
    const QByteArray a = given.toUtf8();
    const QByteArray b = expected.toUtf8();
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < b.size(); ++i)
        diff |= static_cast<unsigned char>((i < a.size() ? a[i] : 0) ^ b[i]);
    return diff == 0;
}

bool isValidRunId(const QString &id)
{
    if (id.isEmpty() || id.size() > 64 || id.startsWith(QLatin1Char('.')))
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
                        u == u'.' || u == u'_' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QJsonObject makeMessage(const QString &type)
{
    return QJsonObject{{u"v"_s, kProtocolVersion}, {u"type"_s, type}};
}

QByteArray encode(const QJsonObject &message)
{
    QByteArray out = QJsonDocument(message).toJson(QJsonDocument::Compact);
    out.append('\n');
    return out;
}

bool isFinalState(const QString &s)
{
    return s == QLatin1String(state::Done) || s == QLatin1String(state::Failed) ||
           s == QLatin1String(state::Stopped);
}

QJsonObject metricEvent(const QString &run, int member, int epoch, qint64 step, const QString &name,
                        double value, double t)
{
    QJsonObject e = makeMessage(QString::fromLatin1(kMetric));
    e.insert(u"run", run);
    if (member > 0)
        e.insert(u"member", member);
    else
        e.insert(u"member", u"ensemble"_s);
    e.insert(u"epoch", epoch);
    e.insert(u"step", step);
    e.insert(u"name", name);
    e.insert(u"value", std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null));
    e.insert(u"t", t);
    return e;
}

QJsonObject runStateEvent(const QString &run, const QString &runState, double progress)
{
    QJsonObject e = makeMessage(QString::fromLatin1(kRunState));
    e.insert(u"run", run);
    e.insert(u"state", runState);
    e.insert(u"progress", progress);
    return e;
}

QJsonObject logEvent(const QString &level, const QString &text, const QString &run)
{
    QJsonObject e = makeMessage(QString::fromLatin1(kLog));
    e.insert(u"level", level);
    e.insert(u"text", text);
    if (!run.isEmpty())
        e.insert(u"run", run);
    return e;
}

} // namespace tenkai::telemetry
