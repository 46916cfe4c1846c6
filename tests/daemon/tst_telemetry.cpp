// Protocol v1 parsing, the run configuration mapping and the event store, on their own.
#include "telemetry/event_store.h"
#include "telemetry/protocol.h"
#include "telemetry/run_config.h"
#include "telemetry/synthetic_metrics.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
namespace tt = tenkai::telemetry;

class TestTelemetry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryRequest();
    void refusesBadRequests_data();
    void refusesBadRequests();
    void handshakeProofsAreBoundToSideAndNonces();
    void errorEchoesId();
    void serverMessagesNeedSeq();
    void runConfigRoundTrip();
    void runConfigErrors_data();
    void runConfigErrors();
    void storeAppendsAndReplays();
    void storeKeepsRunsAndSeqsAcrossReopen();
    void storeReplaysHundredThousandEventsFast();
    void syntheticDatasetIsHiddenAndPaced();
};

void TestTelemetry::parsesEveryRequest()
{
    auto parse = [](const char *text) {
        auto parsed = tt::parseRequest(QByteArrayView(text));
        if (auto *e = std::get_if<tt::ProtocolError>(&parsed))
            qWarning() << e->code << e->message;
        return std::get<tt::Request>(parsed);
    };
    auto hello = parse(R"({"v":1,"type":"hello","token":"abc","client":"console 0.1","id":7})");
    QCOMPARE(hello.type, tt::RequestType::Hello);
    QCOMPARE(hello.token, u"abc"_s);
    QCOMPARE(hello.client, u"console 0.1"_s);
    QCOMPARE(hello.id.toInt(), 7);
    QCOMPARE(parse(R"({"v":1,"type":"status"})").type, tt::RequestType::Status);
    QVERIFY(parse(R"({"v":1,"type":"status"})").id.isUndefined());
    QCOMPARE(parse(R"({"v":1,"type":"list_runs"})").type, tt::RequestType::ListRuns);
    auto start = parse(R"({"v":1,"type":"start_run","run_id":"site-a.r_1","config":{"epochs":2}})");
    QCOMPARE(start.type, tt::RequestType::StartRun);
    QCOMPARE(start.run, u"site-a.r_1"_s);
    QCOMPARE(start.config.value(u"epochs").toInt(), 2);
    QCOMPARE(parse(R"({"v":1,"type":"stop_run","run":"r1"})").run, u"r1"_s);
    const auto resume = parse(R"({"v":1,"type":"resume_run","run":"r2"})");
    QCOMPARE(resume.type, tt::RequestType::ResumeRun);
    QCOMPARE(resume.run, u"r2"_s);
    QCOMPARE(parse(R"({"v":1,"type":"get_report","run":"r1"})").type, tt::RequestType::GetReport);
    auto all = parse(R"({"v":1,"type":"subscribe","run":"all","since_seq":42})");
    QCOMPARE(all.type, tt::RequestType::Subscribe);
    QVERIFY(all.run.isEmpty());
    QCOMPARE(all.sinceSeq, 42);
    auto one = parse(R"({"v":1,"type":"subscribe","run":"r9"})");
    QCOMPARE(one.run, u"r9"_s);
    QCOMPARE(one.sinceSeq, 0);
    // Unknown extra fields are ignored (newer clients may send more).
    QCOMPARE(parse(R"({"v":1,"type":"status","extra":[1,2]})").type, tt::RequestType::Status);
}

void TestTelemetry::refusesBadRequests_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("says");
    QTest::newRow("not json") << QByteArray("hello there") << u"bad_json"_s << QString() << u"not JSON"_s;
    QTest::newRow("binary") << QByteArray("\x01\xff\xfe\x00garbage", 11) << u"bad_json"_s << QString()
                            << u"0xff at offset 1"_s;
    QTest::newRow("array") << QByteArray("[1,2,3]") << u"bad_json"_s << QString() << u"an array"_s;
    QTest::newRow("truncated") << QByteArray(R"({"v":1,"type":"sta)") << u"bad_json"_s << QString()
                               << u"offset"_s;
    QTest::newRow("no version") << QByteArray(R"({"type":"status"})") << u"missing_field"_s << u"v"_s
                                << u"\"v\""_s;
    QTest::newRow("version 2") << QByteArray(R"({"v":2,"type":"status"})") << u"unsupported_version"_s
                               << u"v"_s << u"version 2"_s;
    QTest::newRow("version text") << QByteArray(R"({"v":"1","type":"status"})") << u"wrong_type"_s << u"v"_s
                                  << u"not a string"_s;
    QTest::newRow("no type") << QByteArray(R"({"v":1})") << u"missing_field"_s << u"type"_s << u"\"type\""_s;
    QTest::newRow("unknown type") << QByteArray(R"({"v":1,"type":"reboot"})") << u"unknown_type"_s
                                  << u"type"_s << u"\"reboot\""_s;
    QTest::newRow("type number") << QByteArray(R"({"v":1,"type":3})") << u"wrong_type"_s << u"type"_s
                                 << u"not a number"_s;
    QTest::newRow("hello without nonce")
        << QByteArray(R"({"v":1,"type":"hello"})") << u"missing_field"_s << u"nonce"_s << u"\"nonce\""_s;
    QTest::newRow("hello nonce too short") << QByteArray(R"({"v":1,"type":"hello","nonce":"ab12"})")
                                           << u"bad_value"_s << u"nonce"_s << u"32 to 128"_s;
    QTest::newRow("hello nonce not hex")
        << QByteArray(R"({"v":1,"type":"hello","nonce":")" + QByteArray(40, 'x') + R"("})") << u"bad_value"_s
        << u"nonce"_s << u"hex"_s;
    QTest::newRow("hello answer short")
        << QByteArray(R"({"v":1,"type":"hello","answer":"00"})") << u"bad_value"_s << u"answer"_s << u"64"_s;
    QTest::newRow("hello token number") << QByteArray(R"({"v":1,"type":"hello","token":12})")
                                        << u"wrong_type"_s << u"token"_s << u"a string"_s;
    QTest::newRow("start no config") << QByteArray(R"({"v":1,"type":"start_run","run_id":"r1"})")
                                     << u"missing_field"_s << u"config"_s << u"\"config\""_s;
    QTest::newRow("start config array")
        << QByteArray(R"({"v":1,"type":"start_run","run_id":"r1","config":[]})") << u"wrong_type"_s
        << u"config"_s << u"an array"_s;
    QTest::newRow("start bad id") << QByteArray(R"({"v":1,"type":"start_run","run_id":"../etc","config":{}})")
                                  << u"bad_value"_s << u"run_id"_s << u"\"../etc\""_s;
    QTest::newRow("stop no run") << QByteArray(R"({"v":1,"type":"stop_run"})") << u"missing_field"_s
                                 << u"run"_s << u"\"run\""_s;
    QTest::newRow("resume bad id") << QByteArray(R"({"v":1,"type":"resume_run","run":".x"})")
                                   << u"bad_value"_s << u"run"_s << u"\".x\""_s;
    QTest::newRow("since text") << QByteArray(R"({"v":1,"type":"subscribe","since_seq":"5"})")
                                << u"wrong_type"_s << u"since_seq"_s << u"whole number"_s;
    QTest::newRow("since negative") << QByteArray(R"({"v":1,"type":"subscribe","since_seq":-1})")
                                    << u"bad_value"_s << u"since_seq"_s << u"0 or more"_s;
    QTest::newRow("since fraction") << QByteArray(R"({"v":1,"type":"subscribe","since_seq":1.5})")
                                    << u"bad_value"_s << u"since_seq"_s << u"1.5"_s;
    QTest::newRow("run object") << QByteArray(R"({"v":1,"type":"subscribe","run":{}})") << u"wrong_type"_s
                                << u"run"_s << u"an object"_s;
    QTest::newRow("id object") << QByteArray(R"({"v":1,"type":"status","id":{}})") << u"wrong_type"_s
                               << u"id"_s << u"an object"_s;
    QTest::newRow("too long") << QByteArray(tt::kMaxLineBytes + 1, 'x') << u"line_too_long"_s << QString()
                              << u"65536"_s;
}

void TestTelemetry::handshakeProofsAreBoundToSideAndNonces()
{
    const QString token(64, u'9');
    const QString a = tt::makeNonce();
    const QString b = tt::makeNonce();
    QCOMPARE(a.size(), 64);
    QVERIFY(a != b);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{64}$"_s).match(a).hasMatch());
    const QString proof = tt::daemonProof(token, a, b);
    QCOMPARE(proof.size(), 64);
    QCOMPARE(tt::daemonProof(token, a, b), proof);              // deterministic
    QVERIFY(tt::clientAnswer(token, a, b) != proof);            // a proof is never an answer
    QVERIFY(tt::daemonProof(token, b, a) != proof);             // nonces are not interchangeable
    QVERIFY(tt::daemonProof(QString(64, u'8'), a, b) != proof); // keyed with the token
    QVERIFY(tt::sameSecret(proof, proof) && !tt::sameSecret(proof.left(63), proof) &&
            !tt::sameSecret(proof, proof.left(63)) && !tt::sameSecret(QString(), proof));
}

void TestTelemetry::refusesBadRequests()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, code);
    QFETCH(QString, field);
    QFETCH(QString, says);
    auto parsed = tt::parseRequest(line);
    QVERIFY(std::holds_alternative<tt::ProtocolError>(parsed));
    const auto error = std::get<tt::ProtocolError>(parsed);
    QCOMPARE(error.code, code);
    QCOMPARE(error.field, field);
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    QVERIFY2(error.message.endsWith(QLatin1Char('.')), qPrintable(error.message));
    const QJsonObject json = error.toJson();
    QCOMPARE(json.value(u"type").toString(), u"error"_s);
    QCOMPARE(json.value(u"v").toInt(), 1);
}

void TestTelemetry::errorEchoesId()
{
    auto parsed = tt::parseRequest(R"({"v":1,"type":"nope","id":"abc"})");
    const auto error = std::get<tt::ProtocolError>(parsed);
    QCOMPARE(error.toJson().value(u"id").toString(), u"abc"_s);
}

void TestTelemetry::serverMessagesNeedSeq()
{
    auto ok = tt::parseServerMessage(R"({"v":1,"type":"metric","seq":5,"run":"r","name":"loss","value":1})");
    QCOMPARE(std::get<tt::ServerMessage>(ok).seq, 5);
    auto reply = tt::parseServerMessage(R"({"v":1,"type":"status"})");
    QVERIFY(!std::get<tt::ServerMessage>(reply).isEvent());
    auto noSeq = tt::parseServerMessage(R"({"v":1,"type":"log","text":"x"})");
    QCOMPARE(std::get<tt::ProtocolError>(noSeq).field, u"seq"_s);
    auto zero = tt::parseServerMessage(R"({"v":1,"type":"run_state","seq":0})");
    QCOMPARE(std::get<tt::ProtocolError>(zero).field, u"seq"_s);
}

void TestTelemetry::runConfigRoundTrip()
{
    const QByteArray text =
        R"({"model":"lenet","dataset":"fashion-mnist-idx","data_dir":"/data/fm","epochs":3,
        "batch":32,"optimizer":"adam","lr":0.002,"members":[{"augment":"geometric","seed":4},{"seed":9}],
        "freeze":"features","init_from":"/models/base.pt","device":"auto","target_accuracy":0.9,"limit":600,
        "test_limit":200,"threads":2,"schedule":"cosine","image_size":[32,32],"channels":3,"ensemble":"packed"})";
    tenkai::train::TrainConfig config;
    const auto error = tt::runConfigFromJson(QJsonDocument::fromJson(text).object(), config);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
    QCOMPARE(config.dataset, std::string("fashion-mnist"));
    QCOMPARE(config.dataDir.string(), std::string("/data/fm"));
    QCOMPARE(config.epochs, 3);
    QCOMPARE(config.batchSize, 32);
    QCOMPARE(config.optimizer, std::string("adam"));
    QCOMPARE(config.learningRate, 0.002);
    QCOMPARE(config.members.size(), std::size_t(2));
    QCOMPARE(config.members[0].augment, std::string("geometric"));
    QCOMPARE(config.members[0].seed, std::uint64_t(4));
    QCOMPARE(config.members[1].seed, std::uint64_t(9));
    QCOMPARE(config.freeze, std::string("features"));
    QCOMPARE(config.initFrom.string(), std::string("/models/base.pt"));
    QCOMPARE(config.device, std::string("auto"));
    QCOMPARE(config.targetAccuracy, 0.9);
    QCOMPARE(config.limit, 600);
    QCOMPARE(config.testLimit, 200);
    QCOMPARE(config.threads, 2);
    QCOMPARE(config.imageWidth, 32);
    QCOMPARE(config.channels, 3);
    QCOMPARE(config.ensemble, std::string("packed"));

    tenkai::train::TrainConfig again;
    QVERIFY(!tt::runConfigFromJson(tt::runConfigToJson(config), again));
    QCOMPARE(tt::runConfigToJson(again), tt::runConfigToJson(config));

    tenkai::train::TrainConfig defaults;
    QVERIFY(!tt::runConfigFromJson(QJsonObject{}, defaults));
    QCOMPARE(defaults.model, tenkai::train::TrainConfig{}.model);
}

void TestTelemetry::runConfigErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("says");
    QTest::newRow("epochs text") << QByteArray(R"({"epochs":"3"})") << u"config.epochs"_s
                                 << u"whole number from 1 to 1000; got \"3\""_s;
    QTest::newRow("epochs zero") << QByteArray(R"({"epochs":0})") << u"config.epochs"_s << u"got 0"_s;
    QTest::newRow("epochs fraction") << QByteArray(R"({"epochs":2.5})") << u"config.epochs"_s << u"got 2.5"_s;
    QTest::newRow("model") << QByteArray(R"({"model":"vgg"})") << u"config.model"_s << u"lenet"_s;
    QTest::newRow("dataset") << QByteArray(R"({"dataset":"mnist"})") << u"config.dataset"_s
                             << u"fashion-mnist"_s;
    QTest::newRow("lr zero") << QByteArray(R"({"lr":0})") << u"config.lr"_s << u"(0, 10]"_s;
    QTest::newRow("optimizer") << QByteArray(R"({"optimizer":"rmsprop"})") << u"config.optimizer"_s
                               << u"sgd"_s;
    QTest::newRow("relative path") << QByteArray(R"({"data_dir":"data/fm"})") << u"config.data_dir"_s
                                   << u"absolute path"_s;
    QTest::newRow("members empty") << QByteArray(R"({"members":[]})") << u"config.members"_s << u"1 to 64"_s;
    QTest::newRow("member seed") << QByteArray(R"({"members":[{"seed":1},{"seed":"two"}]})")
                                 << u"config.members[1].seed"_s << u"\"two\""_s;
    QTest::newRow("member policy") << QByteArray(R"({"members":[{"augment":"rotate:999"}]})")
                                   << u"config.members[0].augment"_s << u"rotate"_s;
    QTest::newRow("member unknown") << QByteArray(R"({"members":[{"seeed":1}]})")
                                    << u"config.members[0].seeed"_s << u"unknown field"_s;
    QTest::newRow("unknown field") << QByteArray(R"({"epoch":3})") << u"config.epoch"_s << u"epochs"_s;
    QTest::newRow("freeze alone") << QByteArray(R"({"freeze":"features"})") << u"config.freeze"_s
                                  << u"init_from"_s;
    QTest::newRow("target") << QByteArray(R"({"target_accuracy":1.5})") << u"config.target_accuracy"_s
                            << u"[0, 1]"_s;
    QTest::newRow("device") << QByteArray(R"({"device":"tpu"})") << u"config.device"_s
                            << u"cpu, cuda, auto"_s;
    QTest::newRow("ensemble") << QByteArray(R"({"ensemble":"streams"})") << u"config.ensemble"_s
                              << u"auto, threads, packed"_s;
    QTest::newRow("image size") << QByteArray(R"({"image_size":[32]})") << u"config.image_size"_s
                                << u"[width, height]"_s;
    QTest::newRow("channels") << QByteArray(R"({"channels":2})") << u"config.channels"_s << u"1 (gray)"_s;
    QTest::newRow("limit negative") << QByteArray(R"({"limit":-5})") << u"config.limit"_s << u"got -5"_s;
}

void TestTelemetry::runConfigErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, says);
    tenkai::train::TrainConfig config;
    config.epochs = 77;
    const auto error = tt::runConfigFromJson(QJsonDocument::fromJson(json).object(), config);
    QVERIFY(error);
    QCOMPARE(error->field, field);
    QVERIFY2(error->message.contains(field), qPrintable(error->message));
    QVERIFY2(error->message.contains(says), qPrintable(error->message));
    QCOMPARE(config.epochs, 77); // untouched on error
}

void TestTelemetry::storeAppendsAndReplays()
{
    QTemporaryDir dir;
    tt::EventStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(u"s.sqlite"_s), &error), qPrintable(error));
    std::vector<QJsonObject> events;
    for (int i = 0; i < 10; ++i)
        events.push_back(tt::metricEvent(i % 2 ? u"a"_s : u"b"_s, 1, 1, i, u"loss"_s, i, 0));
    events.push_back(tt::logEvent(u"info"_s, u"daemon-wide"_s));
    QVERIFY(store.append(events));
    QCOMPARE(store.lastSeq(), 11);
    QCOMPARE(events.front().value(u"seq").toInt(), 1);

    qint64 scanned = 0;
    auto all = store.replay(0, {}, 100, &scanned);
    QCOMPARE(all.size(), std::size_t(11));
    QCOMPARE(scanned, 11);
    for (std::size_t i = 0; i < all.size(); ++i) {
        QCOMPARE(all[i].seq, qint64(i + 1));
        QCOMPARE(QJsonDocument::fromJson(all[i].json).object().value(u"seq").toInt(), int(i + 1));
    }
    auto a = store.replay(0, u"a"_s, 100, &scanned);
    QCOMPARE(a.size(), std::size_t(5));
    QCOMPARE(scanned, 11); // nothing more of run a up to the head
    auto chunk = store.replay(3, {}, 4, &scanned);
    QCOMPARE(chunk.size(), std::size_t(4));
    QCOMPARE(chunk.front().seq, 4);
    QCOMPARE(scanned, 7);
    QVERIFY(store.replay(11, {}, 100, &scanned).empty());
    QCOMPARE(scanned, 11);
}

void TestTelemetry::storeKeepsRunsAndSeqsAcrossReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"s.sqlite"_s);
    QString storeId;
    {
        tt::EventStore store;
        QVERIFY(store.open(path, nullptr));
        storeId = store.storeId();
        tt::RunRecord run;
        run.id = u"r1"_s;
        run.config = QJsonObject{{u"epochs"_s, 2}};
        run.state = u"queued"_s;
        run.created = QDateTime::currentDateTimeUtc();
        QVERIFY(store.insertRun(run));
        QVERIFY(!store.insertRun(run)); // ids are unique
        run.state = u"done"_s;
        run.progress = 1;
        run.report = QJsonObject{{u"accuracy"_s, 0.8}};
        run.finished = QDateTime::currentDateTimeUtc();
        QVERIFY(store.updateRun(run));
        std::vector<QJsonObject> events{tt::runStateEvent(u"r1"_s, u"done"_s, 1)};
        QVERIFY(store.append(events));
    }
    tt::EventStore store;
    QVERIFY(store.open(path, nullptr));
    QCOMPARE(store.lastSeq(), 1);
    QCOMPARE(store.storeId().size(), 36); // a UUID, kept with the database
    QCOMPARE(store.storeId(), storeId);
    std::vector<QJsonObject> more{tt::logEvent(u"info"_s, u"x"_s)};
    QVERIFY(store.append(more));
    QCOMPARE(more.front().value(u"seq").toInt(), 2);
    const auto run = store.run(u"r1"_s);
    QVERIFY(run);
    QCOMPARE(run->state, u"done"_s);
    QCOMPARE(run->report.value(u"accuracy").toDouble(), 0.8);
    QVERIFY(run->finished.isValid());
    QCOMPARE(store.runs().size(), std::size_t(1));
    QVERIFY(!store.run(u"nope"_s));

    // Something that is not a database is refused with its path.
    QFile junk(dir.filePath(u"junk.sqlite"_s));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'j'));
    junk.close();
    tt::EventStore bad;
    QString error;
    QVERIFY(!bad.open(junk.fileName(), &error));
    QVERIFY2(error.contains(junk.fileName()), qPrintable(error));
}

void TestTelemetry::storeReplaysHundredThousandEventsFast()
{
    QTemporaryDir dir;
    tt::EventStore store;
    QVERIFY(store.open(dir.filePath(u"s.sqlite"_s), nullptr));
    QElapsedTimer clock;
    clock.start();
    for (int batch = 0; batch < 100; ++batch) {
        std::vector<QJsonObject> events;
        for (int i = 0; i < 1000; ++i)
            events.push_back(tt::metricEvent(u"run-1"_s, 1 + i % 3, 1 + batch / 10, batch * 1000 + i,
                                             u"loss"_s, 1.0 / (1 + i), 1.7e9 + i));
        QVERIFY(store.append(events));
    }
    const qint64 appendMs = clock.restart();
    qint64 cursor = 0;
    qint64 count = 0;
    qint64 bytes = 0;
    while (cursor < store.lastSeq()) {
        qint64 scanned = 0;
        const auto chunk = store.replay(cursor, {}, 512, &scanned);
        for (const auto &e : chunk) {
            QCOMPARE(e.seq, cursor + 1);
            cursor = e.seq;
            bytes += e.json.size();
        }
        count += qint64(chunk.size());
        QCOMPARE(cursor, scanned);
    }
    const qint64 replayMs = clock.elapsed();
    qInfo("appended 100,000 events in %lld ms; replayed them (%lld bytes) in %lld ms", appendMs, bytes,
          replayMs);
    QCOMPARE(count, 100000);
    QVERIFY2(replayMs < 1000, qPrintable(u"replay took %1 ms"_s.arg(replayMs)));
}

// The benchmark's synthetic source: refused unless TENKAI_SYNTHETIC_METRICS is set, then paced
// at rate/3 step reports a second through the training callbacks, with the callback time as loss.
void TestTelemetry::syntheticDatasetIsHiddenAndPaced()
{
    const QJsonObject json{{u"dataset"_s, u"synthetic"_s}, {u"limit"_s, 30}};
    qunsetenv("TENKAI_SYNTHETIC_METRICS");
    tenkai::train::TrainConfig config;
    const auto refused = tt::runConfigFromJson(json, config);
    QVERIFY(refused);
    QVERIFY2(refused->message.contains(u"dataset"_s), qPrintable(refused->message));

    qputenv("TENKAI_SYNTHETIC_METRICS", "300");
    auto restore = qScopeGuard([] { qunsetenv("TENKAI_SYNTHETIC_METRICS"); });
    QCOMPARE(tt::syntheticMetricsRate(), 300.0);
    QVERIFY(!tt::runConfigFromJson(json, config));
    QVERIFY(tt::isSyntheticRun(config));
    std::vector<tenkai::train::StepMetrics> steps;
    tenkai::train::TrainCallbacks callbacks;
    callbacks.onStep = [&](const tenkai::train::StepMetrics &m) {
        steps.push_back(m);
    };
    QElapsedTimer clock;
    clock.start();
    const double before = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    auto summary = tt::runSyntheticMetrics(config, callbacks, {});
    QVERIFY(summary);
    QVERIFY(!summary.value().cancelled);
    QCOMPARE(steps.size(), std::size_t(30));
    // 30 reports at 100 a second: the last one about 0.29 s after the first.
    QVERIFY2(clock.elapsed() >= 280 && clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(steps.back().step, 30);
    QVERIFY(steps.front().loss >= before - 0.01 && steps.back().loss > steps.front().loss);
}

QTEST_GUILESS_MAIN(TestTelemetry)
#include "tst_telemetry.moc"
