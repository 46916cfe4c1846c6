#include "telemetry/run_config.h"

#include "augment.h"
#include "telemetry/synthetic_metrics.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QStringList>
#include <cmath>

using namespace Qt::StringLiterals;

// Translation context for the run configuration's error sentences.
class RunConfig
{
    Q_DECLARE_TR_FUNCTIONS(RunConfig)
};

namespace tenkai::telemetry {
namespace {

QStringList toQt(const std::vector<std::string> &names)
{
    QStringList out;
    for (const auto &n : names)
        out << QString::fromStdString(n);
    return out;
}

QString shown(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"\""_s + value.toString().left(80) + u"\""_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 12);
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return RunConfig::tr("an array");
    case QJsonValue::Object:
        return RunConfig::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return RunConfig::tr("nothing");
}

// Reads the fields of one JSON object, remembering the first error.
class Reader
{
public:
    Reader(const QJsonObject &object, QString path) : m_object(object), m_path(std::move(path)) {}

    std::optional<ConfigError> error;

    QString field(const QString &key) const { return m_path + QLatin1Char('.') + key; }

    void fail(const QString &key, const QString &expected, const QJsonValue &got)
    {
        if (error)
            return;
        error =
            ConfigError{field(key), RunConfig::tr("The run configuration's field \"%1\" must be %2; got %3.")
                                        .arg(field(key), expected, shown(got))};
    }

    bool has(const QString &key) const { return !error && m_object.contains(key); }

    void string(const QString &key, std::string &out)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        if (!v.isString())
            return fail(key, RunConfig::tr("a string"), v);
        out = v.toString().toStdString();
    }

    void choice(const QString &key, std::string &out, const QStringList &choices,
                const QList<std::pair<QString, QString>> &aliases = {})
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        QString text = v.toString();
        for (const auto &[alias, name] : aliases)
            if (text == alias)
                text = name;
        if (!v.isString() || !choices.contains(text))
            return fail(key, RunConfig::tr("one of %1").arg(choices.join(u", "_s)), v);
        out = text.toStdString();
    }

    void path(const QString &key, std::filesystem::path &out)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        if (!v.isString() || v.toString().isEmpty() || !v.toString().startsWith(QLatin1Char('/')))
            return fail(key, RunConfig::tr("an absolute path on the daemon's machine"), v);
        out = v.toString().toStdString();
    }

    template<typename T>
    void whole(const QString &key, T &out, double min, double max)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || d < min || d > max)
            return fail(key,
                        RunConfig::tr("a whole number from %1 to %2")
                            .arg(QString::number(min, 'g', 16), QString::number(max, 'g', 16)),
                        v);
        out = static_cast<T>(d);
    }

    // A number in the range; `lowOpen` excludes min, `highOpen` excludes max.
    void real(const QString &key, double &out, double min, double max, bool lowOpen, bool highOpen)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        const double d = v.toDouble();
        const bool inRange =
            std::isfinite(d) && (lowOpen ? d > min : d >= min) && (highOpen ? d < max : d <= max);
        if (!v.isDouble() || !inRange)
            return fail(key,
                        RunConfig::tr("a number in %1%2, %3%4")
                            .arg(lowOpen ? u"("_s : u"["_s)
                            .arg(min)
                            .arg(max)
                            .arg(highOpen ? u")"_s : u"]"_s),
                        v);
        out = d;
    }

    void policy(const QString &key, std::string &out)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        if (!v.isString())
            return fail(key,
                        RunConfig::tr("an augmentation policy (a name such as %1, or its text form)")
                            .arg(toQt(train::policyNames()).join(u", "_s)),
                        v);
        const auto policy = train::policyFor(v.toString().toStdString());
        if (!policy) {
            error =
                ConfigError{field(key), RunConfig::tr("The run configuration's field \"%1\" is not an "
                                                      "augmentation policy: %2.")
                                            .arg(field(key), QString::fromStdString(policy.error().detail))};
            return;
        }
        out = v.toString().toStdString();
    }

    // Refuses keys not in `known`.
    void onlyKnown(const QStringList &known)
    {
        for (auto it = m_object.begin(); it != m_object.end() && !error; ++it) {
            if (!known.contains(it.key()))
                error = ConfigError{field(it.key()),
                                    RunConfig::tr("The run configuration has an unknown field \"%1\"; known "
                                                  "fields: %2.")
                                        .arg(field(it.key()), known.join(u", "_s))};
        }
    }

    const QJsonObject &object() const { return m_object; }

private:
    QJsonObject m_object;
    QString m_path;
};

const QStringList kTopFields{u"model"_s,
                             u"dataset"_s,
                             u"data_dir"_s,
                             u"image_size"_s,
                             u"channels"_s,
                             u"members"_s,
                             u"augment"_s,
                             u"seed"_s,
                             u"epochs"_s,
                             u"batch"_s,
                             u"optimizer"_s,
                             u"lr"_s,
                             u"momentum"_s,
                             u"weight_decay"_s,
                             u"schedule"_s,
                             u"step_every"_s,
                             u"step_gamma"_s,
                             u"freeze"_s,
                             u"init_from"_s,
                             u"device"_s,
                             u"target_accuracy"_s,
                             u"limit"_s,
                             u"test_limit"_s,
                             u"threads"_s,
                             u"step_report_interval"_s,
                             u"ensemble"_s,
                             u"validation_fraction"_s};

constexpr double kMaxJsonInteger = 9007199254740992.0; // 2^53

} // namespace

std::optional<ConfigError> runConfigFromJson(const QJsonObject &json, train::TrainConfig &out)
{
    train::TrainConfig c;
    Reader r(json, u"config"_s);
    r.onlyKnown(kTopFields);
    r.choice(u"model"_s, c.model, toQt(train::modelNames()));
    QStringList datasets = toQt(train::datasetNames());
    if (syntheticMetricsRate() > 0)
        datasets << QString::fromLatin1(kSyntheticDataset); // the benchmark's hidden source
    r.choice(u"dataset"_s, c.dataset, datasets,
             {{u"fashion-mnist-idx"_s, u"fashion-mnist"_s}, {u"cifar10-bin"_s, u"cifar10"_s}});
    r.path(u"data_dir"_s, c.dataDir);
    if (r.has(u"image_size"_s)) {
        const QJsonValue v = json.value(u"image_size");
        const QJsonArray a = v.toArray();
        const auto side = [](const QJsonValue &s) {
            const double d = s.toDouble();
            return s.isDouble() && std::floor(d) == d && d >= 1 && d <= 4096;
        };
        if (!v.isArray() || a.size() != 2 || !side(a[0]) || !side(a[1]))
            r.fail(u"image_size"_s, RunConfig::tr("[width, height] with each side from 1 to 4096"), v);
        else {
            c.imageWidth = a[0].toInteger();
            c.imageHeight = a[1].toInteger();
        }
    }
    if (r.has(u"channels"_s)) {
        r.whole(u"channels"_s, c.channels, 1, 3);
        if (!r.error && c.channels == 2)
            r.fail(u"channels"_s, RunConfig::tr("1 (gray) or 3 (color)"), json.value(u"channels"));
    }
    r.policy(u"augment"_s, c.augment);
    r.whole(u"seed"_s, c.seed, 0, kMaxJsonInteger);
    r.whole(u"epochs"_s, c.epochs, 1, 1000);
    r.whole(u"batch"_s, c.batchSize, 1, 65536);
    r.choice(u"optimizer"_s, c.optimizer, {u"sgd"_s, u"adam"_s});
    r.real(u"lr"_s, c.learningRate, 0, 10, true, false);
    r.real(u"momentum"_s, c.momentum, 0, 1, false, true);
    r.real(u"weight_decay"_s, c.weightDecay, 0, 1, false, true);
    r.choice(u"schedule"_s, c.schedule, {u"constant"_s, u"step"_s, u"cosine"_s});
    r.whole(u"step_every"_s, c.stepEvery, 1, 1000);
    r.real(u"step_gamma"_s, c.stepGamma, 0, 1, true, false);
    r.choice(u"freeze"_s, c.freeze, {u"none"_s, u"features"_s, u"all-but-head"_s});
    r.path(u"init_from"_s, c.initFrom);
    r.choice(u"device"_s, c.device, {u"cpu"_s, u"cuda"_s, u"auto"_s});
    r.choice(u"ensemble"_s, c.ensemble, {u"auto"_s, u"threads"_s, u"packed"_s});
    r.real(u"target_accuracy"_s, c.targetAccuracy, 0, 1, false, false);
    r.whole(u"limit"_s, c.limit, 0, kMaxJsonInteger);
    r.whole(u"test_limit"_s, c.testLimit, 0, kMaxJsonInteger);
    r.real(u"validation_fraction"_s, c.validationFraction, 0, 0.5, false, false);
    r.whole(u"threads"_s, c.threads, 0, 1024);
    r.whole(u"step_report_interval"_s, c.stepReportInterval, 1, 1000000);

    if (r.has(u"members"_s)) {
        const QJsonValue v = json.value(u"members");
        const QJsonArray members = v.toArray();
        if (!v.isArray() || members.isEmpty() || members.size() > 64)
            r.fail(u"members"_s, RunConfig::tr("an array of 1 to 64 members, each {\"augment\", \"seed\"}"),
                   v);
        for (qsizetype i = 0; i < members.size() && !r.error; ++i) {
            const QString key = u"members[%1]"_s.arg(i);
            if (!members[i].isObject()) {
                r.fail(key, RunConfig::tr("an object {\"augment\", \"seed\"}"), members[i]);
                break;
            }
            Reader m(members[i].toObject(), r.field(key));
            train::TrainConfig::Member member;
            member.seed = c.seed + std::uint64_t(i);
            m.onlyKnown({u"augment"_s, u"seed"_s});
            m.policy(u"augment"_s, member.augment);
            m.whole(u"seed"_s, member.seed, 0, kMaxJsonInteger);
            r.error = m.error;
            c.members.push_back(member);
        }
    }
    if (!r.error && c.freeze != "none" && c.initFrom.empty())
        r.error = ConfigError{r.field(u"freeze"_s),
                              RunConfig::tr("The run configuration's field \"config.freeze\" needs "
                                            "\"config.init_from\": only a pretrained model has layers to "
                                            "keep fixed.")};
    if (r.error)
        return r.error;
    out = std::move(c);
    return std::nullopt;
}

QJsonObject runConfigToJson(const train::TrainConfig &c)
{
    QJsonObject o;
    o.insert(u"model", QString::fromStdString(c.model));
    o.insert(u"dataset", QString::fromStdString(c.dataset));
    if (!c.dataDir.empty())
        o.insert(u"data_dir", QString::fromStdString(c.dataDir.string()));
    if (c.imageWidth > 0)
        o.insert(u"image_size", QJsonArray{qint64(c.imageWidth), qint64(c.imageHeight)});
    if (c.channels > 0)
        o.insert(u"channels", c.channels);
    if (!c.augment.empty())
        o.insert(u"augment", QString::fromStdString(c.augment));
    o.insert(u"seed", qint64(c.seed));
    o.insert(u"epochs", c.epochs);
    o.insert(u"batch", c.batchSize);
    o.insert(u"optimizer", QString::fromStdString(c.optimizer));
    o.insert(u"lr", c.learningRate);
    o.insert(u"momentum", c.momentum);
    o.insert(u"weight_decay", c.weightDecay);
    o.insert(u"schedule", QString::fromStdString(c.schedule));
    o.insert(u"step_every", c.stepEvery);
    o.insert(u"step_gamma", c.stepGamma);
    o.insert(u"freeze", QString::fromStdString(c.freeze));
    if (!c.initFrom.empty())
        o.insert(u"init_from", QString::fromStdString(c.initFrom.string()));
    o.insert(u"device", QString::fromStdString(c.device));
    o.insert(u"ensemble", QString::fromStdString(c.ensemble));
    o.insert(u"target_accuracy", c.targetAccuracy);
    o.insert(u"limit", qint64(c.limit));
    o.insert(u"test_limit", qint64(c.testLimit));
    o.insert(u"validation_fraction", c.validationFraction);
    o.insert(u"threads", c.threads);
    o.insert(u"step_report_interval", c.stepReportInterval);
    if (!c.members.empty()) {
        QJsonArray members;
        for (const auto &m : c.members)
            members.append(
                QJsonObject{{u"augment"_s, QString::fromStdString(m.augment)}, {u"seed"_s, qint64(m.seed)}});
        o.insert(u"members", members);
    }
    return o;
}

QJsonObject evaluationToJson(const train::EvaluationReport &report)
{
    const auto reals = [](const std::vector<double> &values) {
        QJsonArray out;
        for (double v : values)
            out.append(v);
        return out;
    };
    QJsonArray classes;
    for (const auto &c : report.classes)
        classes.append(QString::fromStdString(c));
    QJsonArray confusion;
    for (const auto &row : report.confusion) {
        QJsonArray r;
        for (auto v : row)
            r.append(qint64(v));
        confusion.append(r);
    }
    const auto interval = [](const train::Interval &i) {
        return QJsonArray{i.low, i.high};
    };
    QJsonArray memberIntervals;
    for (const auto &i : report.memberIntervals)
        memberIntervals.append(interval(i));
    QJsonObject o{{u"test_images"_s, qint64(report.testImages)},
                  {u"classes"_s, classes},
                  {u"member_accuracy"_s, reals(report.memberAccuracy)},
                  {u"member_intervals"_s, memberIntervals},
                  {u"accuracy"_s, report.accuracy},
                  {u"accuracy_interval"_s, interval(report.accuracyInterval)},
                  {u"loss"_s, report.loss},
                  {u"majority_accuracy"_s, report.majorityAccuracy},
                  {u"disagreement"_s, report.disagreement},
                  {u"weights"_s, reals(report.weights)},
                  {u"weights_fitted"_s, report.weightsFitted},
                  {u"equal_weight_accuracy"_s, report.equalWeightAccuracy},
                  {u"confusion"_s, confusion},
                  {u"per_class_accuracy"_s, reals(report.perClassAccuracy)},
                  {u"validation_images"_s, qint64(report.validationImages)}};
    if (report.memberAccuracy.size() > 1) {
        o.insert(u"single_model"_s,
                 QJsonObject{{u"accuracy"_s, report.meanMemberAccuracy},
                             {u"gain"_s, report.gainOverMeanMember},
                             {u"gain_interval"_s, interval(report.gainOverMeanMemberInterval)}});
        o.insert(u"verdict"_s, QString::fromStdString(train::ensembleVerdict(report)));
    }
    if (report.hasDeployed)
        o.insert(u"deployed_model"_s,
                 QJsonObject{{u"accuracy"_s, report.deployedAccuracy},
                             {u"interval"_s, interval(report.deployedInterval)},
                             {u"gain"_s, report.gainOverDeployed},
                             {u"gain_interval"_s, interval(report.gainOverDeployedInterval)}});
    if (report.validationImages > 0) {
        o.insert(u"member_validation_accuracy"_s, reals(report.memberValidationAccuracy));
        o.insert(u"validation_accuracy"_s, report.validationAccuracy);
        if (report.memberAccuracy.size() > 1) {
            const auto chosen = std::size_t(report.chosenMember);
            o.insert(u"chosen_member"_s,
                     QJsonObject{{u"member"_s, report.chosenMember + 1},
                                 {u"validation_accuracy"_s, report.memberValidationAccuracy[chosen]},
                                 {u"accuracy"_s, report.memberAccuracy[chosen]},
                                 {u"gain"_s, report.gainOverChosenMember},
                                 {u"gain_interval"_s, interval(report.gainOverChosenMemberInterval)}});
        }
    }
    return o;
}

QJsonObject summaryToJson(const train::TrainSummary &summary)
{
    QJsonArray members;
    for (const auto &p : summary.memberPaths)
        members.append(QString::fromStdString(p.string()));
    return QJsonObject{{u"epochs_completed"_s, summary.epochsCompleted},
                       {u"resumed_after_epoch"_s, summary.resumedAfterEpoch},
                       {u"train_images"_s, qint64(summary.trainImages)},
                       {u"validation_images"_s, qint64(summary.validationImages)},
                       {u"missing_classes"_s, QJsonArray::fromStringList(toQt(summary.missingClasses))},
                       {u"test_images"_s, qint64(summary.testImages)},
                       {u"seconds"_s, summary.seconds},
                       {u"images_per_second"_s, summary.imagesPerSecond},
                       {u"reached_target"_s, summary.reachedTarget},
                       {u"seconds_to_target"_s, summary.secondsToTarget},
                       {u"new_head"_s, summary.newHead},
                       {u"model_path"_s, QString::fromStdString(summary.modelPath.string())},
                       {u"member_paths"_s, members},
                       {u"evaluation"_s, evaluationToJson(summary.report)}};
}

} // namespace tenkai::telemetry
