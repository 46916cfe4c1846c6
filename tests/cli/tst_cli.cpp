// The programs as a user runs them: real processes, real training, and one clear sentence for bad input.
#include "../support/idx_writer.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QSize>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace t = tenkai::test;

namespace {

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args,
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(240000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionsNameTheBlas_data();
    void versionsNameTheBlas();
    void helpWorks();
    void trainJsonReportsEpochs();
    void trainTextReportsEpochs();
    void ensembleThenEvaluate();
    void packedEnsemble();
    void killedTrainingResumes();
    void fullDiskLosesNothing();
    void augmentWritesTeacherData();
    void demoDataMakesTheScenario();
    void limitOnAClassSortedFolderKeepsEveryClass();
    void flowValidateAndDryRun();
    void badInputGetsOneSentence_data();
    void badInputGetsOneSentence();
    void japaneseFromLang();
    void consoleWithoutDisplay();

private:
    QTemporaryDir m_dir;
};

void TestCli::versionsNameTheBlas_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("name");
    QTest::newRow("tenkaid") << QStringLiteral(TENKAID) << QStringLiteral("tenkaid");
    QTest::newRow("tenkai-cli") << QStringLiteral(TENKAI_CLI) << QStringLiteral("tenkai-cli");
#ifdef TENKAI_CONSOLE
    QTest::newRow("tenkai") << QStringLiteral(TENKAI_CONSOLE) << QStringLiteral("tenkai");
#endif
}

void TestCli::versionsNameTheBlas()
{
    QFETCH(QString, program);
    QFETCH(QString, name);
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // --version must not need a display
    const Run r = run(program, {QStringLiteral("--version")}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(name + QStringLiteral(" 0.")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("LibTorch 1.")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("BLAS: OpenBLAS")), qPrintable(r.out));
}

void TestCli::helpWorks()
{
    for (const QString &program : {QStringLiteral(TENKAID), QStringLiteral(TENKAI_CLI)}) {
        const Run r = run(program, {QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("--version")), qPrintable(r.out));
    }
    const Run train = run(QStringLiteral(TENKAI_CLI), {QStringLiteral("train"), QStringLiteral("--help")});
    QCOMPARE(train.exitCode, 0);
    QVERIFY(train.out.contains(QStringLiteral("--limit")));
    QVERIFY(train.out.contains(QStringLiteral("--json")));
    // The usage line names the command as typed, not the program's path.
    QVERIFY2(
        train.out.section(QLatin1Char('\n'), 0, 0).endsWith(QStringLiteral(" tenkai-cli train [options]")),
        qPrintable(train.out.left(200)));
    const Run resume =
        run(QStringLiteral(TENKAI_CLI), {QStringLiteral("resume-run"), QStringLiteral("--help")});
    QCOMPARE(resume.exitCode, 0);
    QVERIFY2(resume.out.contains(QStringLiteral("tenkai-cli resume-run [options]")) &&
                 resume.out.contains(QStringLiteral("--run")),
             qPrintable(resume.out));
}

void TestCli::trainJsonReportsEpochs()
{
    const Run r = run(QStringLiteral(TENKAI_CLI),
                      {QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("fashion-mnist"),
                       QStringLiteral("--model"), QStringLiteral("lenet"), QStringLiteral("--epochs"),
                       QStringLiteral("2"), QStringLiteral("--limit"), QStringLiteral("1500"),
                       QStringLiteral("--lr"), QStringLiteral("0.05"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.isEmpty());
    int epochs = 0;
    int steps = 0;
    int starts = 0;
    QJsonObject summary;
    for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(line)); // every line is JSON
        const auto o = doc.object();
        const QString type = o.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("epoch")) {
            ++epochs;
            QCOMPARE(o.value(QStringLiteral("epoch")).toInt(), epochs);
            QVERIFY(o.value(QStringLiteral("test_accuracy")).toDouble() > 0.0);
        } else if (type == QLatin1String("start")) {
            // --limit 1500, of which 10% (by class) is held out for validation.
            QCOMPARE(o.value(QStringLiteral("train_images")).toInt(), 1350);
            QCOMPARE(o.value(QStringLiteral("validation_images")).toInt(), 150);
            QCOMPARE(o.value(QStringLiteral("missing_classes")).toArray().size(), 0);
            QCOMPARE(o.value(QStringLiteral("model")).toString(), QStringLiteral("lenet"));
            ++starts;
        } else if (type == QLatin1String("step")) {
            ++steps;
        } else if (type == QLatin1String("summary")) {
            summary = o;
        }
    }
    QCOMPARE(starts, 1);
    QCOMPARE(epochs, 2);
    QVERIFY(steps >= 2);
    QCOMPARE(summary.value(QStringLiteral("train_images")).toInt(), 1350);
    QVERIFY2(summary.value(QStringLiteral("test_accuracy")).toDouble() > 0.4, qPrintable(r.out));
}

void TestCli::trainTextReportsEpochs()
{
    const QString out = m_dir.filePath(QStringLiteral("model-out"));
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("en_US.UTF-8"));
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LANGUAGE"));
    const Run r = run(QStringLiteral(TENKAI_CLI),
                      {QStringLiteral("train"), QStringLiteral("--epochs"), QStringLiteral("1"),
                       QStringLiteral("--limit"), QStringLiteral("500"), QStringLiteral("--test-limit"),
                       QStringLiteral("500"), QStringLiteral("--out"), out},
                      env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("epoch 1/1")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("Done: 1 epoch, test accuracy")),
             qPrintable(r.out)); // plural forms
    QVERIFY2(r.out.contains(QStringLiteral("Saved the model to %1/model.pt.").arg(out)), qPrintable(r.out));
    QVERIFY(QFile::exists(out + QStringLiteral("/model.pt")));
}

void TestCli::ensembleThenEvaluate()
{
    // Train two members, save them, then score the saved files: the evaluation must reproduce the
    // training run's final report exactly (same weights, same test images, and one compute thread
    // on both sides: 2 threads shared by 2 members, then --threads 1, so the sums run alike).
    const QString out = m_dir.filePath(QStringLiteral("ensemble"));
    const Run trained = run(QStringLiteral(TENKAI_CLI),
                            {QStringLiteral("train"), QStringLiteral("--members"), QStringLiteral("2"),
                             QStringLiteral("--limit"), QStringLiteral("1200"),
                             QStringLiteral("--test-limit"), QStringLiteral("800"), QStringLiteral("--lr"),
                             QStringLiteral("0.05"), QStringLiteral("--threads"), QStringLiteral("2"),
                             QStringLiteral("--out"), out, QStringLiteral("--json")});
    QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
    QJsonObject summary;
    int ensembleRows = 0;
    for (const QString &line : trained.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("summary"))
            summary = o;
        if (o.value(QStringLiteral("member")).toString() == QLatin1String("ensemble"))
            ++ensembleRows;
    }
    QCOMPARE(ensembleRows, 1);
    QCOMPARE(summary.value(QStringLiteral("member_accuracy")).toArray().size(), 2);

    const Run scored =
        run(QStringLiteral(TENKAI_CLI),
            {QStringLiteral("evaluate"), out + QStringLiteral("/member-1.pt"),
             out + QStringLiteral("/member-2.pt"), QStringLiteral("--test-limit"), QStringLiteral("800"),
             QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--json")});
    QVERIFY2(scored.exitCode == 0, qPrintable(scored.err));
    const auto report = QJsonDocument::fromJson(scored.out.toUtf8()).object();
    QCOMPARE(report.value(QStringLiteral("type")).toString(), QStringLiteral("evaluation"));
    QCOMPARE(report.value(QStringLiteral("test_images")).toInt(), 800);
    for (const char *key : {"accuracy", "majority_accuracy", "disagreement"})
        QCOMPARE(report.value(QLatin1String(key)).toDouble(), summary.value(QLatin1String(key)).toDouble());
    QCOMPARE(report.value(QStringLiteral("member_accuracy")),
             summary.value(QStringLiteral("member_accuracy")));
    QCOMPARE(report.value(QStringLiteral("confusion")), summary.value(QStringLiteral("confusion")));

    // Text form: one line for the ensemble, one per class.
    const Run text =
        run(QStringLiteral(TENKAI_CLI), {QStringLiteral("evaluate"), out + QStringLiteral("/member-1.pt"),
                                         QStringLiteral("--test-limit"), QStringLiteral("800")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.startsWith(QStringLiteral("Test accuracy ")), qPrintable(text.out));
    QVERIFY(text.out.contains(QStringLiteral("Ankle boot")));
}

// --ensemble packed: the start says so, every member reports its own steps, and the member files
// it saves score as the training reported (up to the rounding of the other kernels).
void TestCli::packedEnsemble()
{
    const QString out = m_dir.filePath(QStringLiteral("packed"));
    const Run trained = run(QStringLiteral(TENKAI_CLI),
                            {QStringLiteral("train"), QStringLiteral("--members"), QStringLiteral("3"),
                             QStringLiteral("--ensemble"), QStringLiteral("packed"),
                             QStringLiteral("--limit"), QStringLiteral("2048"), QStringLiteral("--epochs"),
                             QStringLiteral("2"), QStringLiteral("--batch"), QStringLiteral("32"),
                             QStringLiteral("--test-limit"), QStringLiteral("500"), QStringLiteral("--lr"),
                             QStringLiteral("0.02"), QStringLiteral("--out"), out, QStringLiteral("--json")});
    QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
    QJsonObject start;
    QJsonObject summary;
    QSet<int> stepMembers;
    for (const QString &line : trained.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const auto o = QJsonDocument::fromJson(line.toUtf8()).object();
        const QString type = o.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("start"))
            start = o;
        else if (type == QLatin1String("summary"))
            summary = o;
        else if (type == QLatin1String("step"))
            stepMembers.insert(o.value(QStringLiteral("member")).toInt());
    }
    QCOMPARE(start.value(QStringLiteral("ensemble")).toString(), QStringLiteral("packed"));
    QCOMPARE(start.value(QStringLiteral("members")).toInt(), 3);
    QCOMPARE(stepMembers, (QSet<int>{1, 2, 3}));
    const double trainedAccuracy = summary.value(QStringLiteral("accuracy")).toDouble();
    QVERIFY2(trainedAccuracy > 0.5, qPrintable(trained.out));

    const Run scored = run(QStringLiteral(TENKAI_CLI),
                           {QStringLiteral("evaluate"), out + QStringLiteral("/member-1.pt"),
                            out + QStringLiteral("/member-2.pt"), out + QStringLiteral("/member-3.pt"),
                            QStringLiteral("--test-limit"), QStringLiteral("500"), QStringLiteral("--json")});
    QVERIFY2(scored.exitCode == 0, qPrintable(scored.err));
    const auto report = QJsonDocument::fromJson(scored.out.toUtf8()).object();
    // evaluate has no validation split, so its vote has equal weights: the training's equal-weight figure.
    QVERIFY2(std::abs(report.value(QStringLiteral("accuracy")).toDouble() -
                      summary.value(QStringLiteral("equal_weight_accuracy")).toDouble()) <= 0.004,
             qPrintable(scored.out));

    // A mode that does not exist is refused before anything is trained.
    const Run bad = run(QStringLiteral(TENKAI_CLI),
                        {QStringLiteral("train"), QStringLiteral("--members"), QStringLiteral("2"),
                         QStringLiteral("--ensemble"), QStringLiteral("streams"), QStringLiteral("--limit"),
                         QStringLiteral("64")});
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.err.contains(QStringLiteral("ensemble")) && bad.err.contains(QStringLiteral("packed")),
             qPrintable(bad.err));
    QCOMPARE(bad.err.count(QLatin1Char('\n')), 1);
}

// SIGKILL a training after its first checkpoint; --resume finishes it with exactly the result of a
// training that was never interrupted.
void TestCli::killedTrainingResumes()
{
    const auto args = [this](const QString &dir) {
        return QStringList{QStringLiteral("train"),     QStringLiteral("--members"),
                           QStringLiteral("2"),         QStringLiteral("--epochs"),
                           QStringLiteral("4"),         QStringLiteral("--limit"),
                           QStringLiteral("3000"),      QStringLiteral("--test-limit"),
                           QStringLiteral("500"),       QStringLiteral("--augment"),
                           QStringLiteral("geometric"), QStringLiteral("--checkpoint-dir"),
                           m_dir.filePath(dir),         QStringLiteral("--json")};
    };
    const auto summaryOf = [](const QString &out) {
        const auto lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last().toUtf8()).object();
    };
    const Run whole = run(QStringLiteral(TENKAI_CLI), args(QStringLiteral("ck-whole")));
    QCOMPARE(whole.exitCode, 0);
    const QJsonObject expected = summaryOf(whole.out);
    QCOMPARE(expected.value(QStringLiteral("epochs")).toInt(), 4);

    QProcess p;
    p.start(QStringLiteral(TENKAI_CLI), args(QStringLiteral("ck-killed")));
    QVERIFY(p.waitForStarted());
    const QString header = m_dir.filePath(QStringLiteral("ck-killed/checkpoint.pt"));
    QElapsedTimer timer;
    timer.start();
    while (!QFile::exists(header) && p.state() == QProcess::Running && timer.elapsed() < 120000)
        p.waitForFinished(10);
    QVERIFY2(p.state() == QProcess::Running, "the training ended before it could be killed");
    p.kill(); // SIGKILL: no chance to clean up
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);

    QStringList resume = args(QStringLiteral("ck-killed"));
    resume << QStringLiteral("--resume");
    const Run rest = run(QStringLiteral(TENKAI_CLI), resume);
    QCOMPARE(rest.exitCode, 0);
    const QJsonObject got = summaryOf(rest.out);
    const int after = got.value(QStringLiteral("resumed_after_epoch")).toInt();
    QVERIFY2(after >= 1 && after < 4, qPrintable(rest.out.left(400)));
    QVERIFY2(rest.out.contains(QStringLiteral("\"resumed_after_epoch\":%1").arg(after)),
             "the start line says so");
    for (const char *key : {"epochs", "accuracy", "member_accuracy", "majority_accuracy", "disagreement",
                            "confusion", "per_class_accuracy"})
        QVERIFY2(got.value(QLatin1String(key)) == expected.value(QLatin1String(key)), key);

    // Without --resume the checkpoint is left alone and the user is told why.
    const Run again = run(QStringLiteral(TENKAI_CLI), args(QStringLiteral("ck-killed")).mid(0, 13));
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("ck-killed")) && again.err.contains(QStringLiteral("resume")),
             qPrintable(again.err));
}

namespace {

// Width and height from a PNG's IHDR chunk (0 x 0 when the file is not a PNG).
QSize pngSize(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = f.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n") || head.mid(12, 4) != "IHDR")
        return {};
    const auto be32 = [&](int at) {
        return (uchar(head[at]) << 24) | (uchar(head[at + 1]) << 16) | (uchar(head[at + 2]) << 8) |
               uchar(head[at + 3]);
    };
    return QSize(int(be32(16)), int(be32(20)));
}

int countFiles(const QString &dir, const QString &pattern)
{
    int n = 0;
    QDirIterator it(dir, {pattern}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

// The disk fills up while a training runs (a real tmpfs, mounted in a user namespace, filled once
// epoch 1's checkpoint is complete): one sentence naming the folder, nothing half-written left,
// epoch 1's checkpoint whole; once there is room, --resume ends exactly as an uninterrupted
// training does. A disk too small for the checkpoints is refused before any training; teacher
// data that does not fit leaves nothing behind.
void TestCli::fullDiskLosesNothing()
{
    if (QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty())
        QSKIP("unshare (util-linux) is missing: no small file system can be mounted");
    const QStringList train{QStringLiteral("train"),
                            QStringLiteral("--members"),
                            QStringLiteral("2"),
                            QStringLiteral("--epochs"),
                            QStringLiteral("3"),
                            QStringLiteral("--limit"),
                            QStringLiteral("4000"),
                            QStringLiteral("--test-limit"),
                            QStringLiteral("300"),
                            QStringLiteral("--json"),
                            QStringLiteral("--checkpoint-dir")};
    const QString wholeDir = m_dir.filePath(QStringLiteral("full-whole"));
    const Run whole = run(QStringLiteral(TENKAI_CLI), train + QStringList{wholeDir});
    QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
    const QString report = m_dir.filePath(QStringLiteral("full-report"));
    const QString mount = m_dir.filePath(QStringLiteral("full-disk"));
    QVERIFY(QDir().mkpath(report) && QDir().mkpath(mount));
    const QString script = QStringLiteral(R"(
cli=$1; shift
mount -t tmpfs -o size=64m tenkai-full "$MNT" || exit 77
mkdir "$MNT/ck"
"$cli" "$@" "$MNT/ck" >"$REPORT/first.out" 2>"$REPORT/first.err" & pid=$!
while [ ! -e "$MNT/ck/checkpoint.pt" ] && kill -0 $pid 2>/dev/null; do sleep 0.02; done
dd if=/dev/zero of="$MNT/filler" bs=64k 2>/dev/null
wait $pid; echo $? >"$REPORT/first.rc"
ls -A "$MNT/ck" >"$REPORT/listing"
rm "$MNT/filler"
"$cli" "$@" "$MNT/ck" --resume >"$REPORT/second.out" 2>"$REPORT/second.err"; echo $? >"$REPORT/second.rc"
mkdir "$MNT/small" && mount -t tmpfs -o size=1m tenkai-small "$MNT/small" || exit 78
"$cli" "$@" "$MNT/small/ck" >"$REPORT/third.out" 2>"$REPORT/third.err"; echo $? >"$REPORT/third.rc"
mkdir "$MNT/tiny" && mount -t tmpfs -o size=64k tenkai-tiny "$MNT/tiny" || exit 78
"$cli" augment --policy geometric --copies 2 --limit 500 --test-limit 100 --out "$MNT/tiny/teacher" \
    >/dev/null 2>"$REPORT/augment.err"; echo $? >"$REPORT/augment.rc"
ls -A "$MNT/tiny" >"$REPORT/augment-listing"
)");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MNT"), mount);
    env.insert(QStringLiteral("REPORT"), report);
    const Run r = run(QStringLiteral("unshare"),
                      QStringList{QStringLiteral("--user"), QStringLiteral("--map-root-user"),
                                  QStringLiteral("--mount"), QStringLiteral("sh"), QStringLiteral("-c"),
                                  script, QStringLiteral("sh"), QStringLiteral(TENKAI_CLI)} +
                          train,
                      env);
    if (r.exitCode == 77 || (r.exitCode != 0 && r.err.contains(QStringLiteral("unshare"))))
        QSKIP(qPrintable(QStringLiteral("this machine lets no test mount a small file system: ") + r.err));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const auto text = [&](const char *name) {
        return QString::fromUtf8(readAll(report + QLatin1Char('/') + QLatin1String(name))).trimmed();
    };

    QCOMPARE(text("first.rc"), QStringLiteral("1"));
    const QString err = text("first.err");
    QCOMPARE(err.count(QLatin1Char('\n')), 0);
    QVERIFY2(err.contains(mount + QStringLiteral("/ck")) && err.contains(QStringLiteral("full")) &&
                 err.contains(QStringLiteral("--resume")),
             qPrintable(err));
    QVERIFY2(text("first.out").contains(QStringLiteral("\"epoch\":1")), "epoch 1 was trained and reported");
    QCOMPARE(text("listing").split(QLatin1Char('\n')),
             QStringList({QStringLiteral("checkpoint.pt"), QStringLiteral("member-1-epoch-1.pt"),
                          QStringLiteral("member-2-epoch-1.pt")}));

    QVERIFY2(text("second.rc") == QStringLiteral("0"), qPrintable(text("second.err")));
    const auto summaryOf = [](const QString &out) {
        const auto lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last().toUtf8()).object();
    };
    const QJsonObject expected = summaryOf(whole.out);
    const QJsonObject got = summaryOf(text("second.out"));
    QCOMPARE(got.value(QStringLiteral("resumed_after_epoch")).toInt(), 1);
    for (const char *key : {"epochs", "accuracy", "member_accuracy", "majority_accuracy", "confusion"})
        QVERIFY2(got.value(QLatin1String(key)) == expected.value(QLatin1String(key)), key);

    QCOMPARE(text("augment.rc"), QStringLiteral("1"));
    QVERIFY2(text("augment.err").contains(QStringLiteral("full")), qPrintable(text("augment.err")));
    QVERIFY2(text("augment-listing").isEmpty(), qPrintable(text("augment-listing")));

    // Too little room for two epochs' checkpoints and the models: refused before epoch 1.
    QCOMPARE(text("third.rc"), QStringLiteral("1"));
    QVERIFY2(text("third.err").contains(QStringLiteral("too little free space")) &&
                 text("third.err").contains(QStringLiteral("MB needed")) &&
                 text("third.err").contains(mount + QStringLiteral("/small/ck")),
             qPrintable(text("third.err")));
    QVERIFY2(!text("third.out").contains(QStringLiteral("\"epoch\"")), qPrintable(text("third.out")));
}

// Generated teacher data: a loadable image folder per policy, a preview grid, the same files for
// any thread count, never written over existing files.
void TestCli::augmentWritesTeacherData()
{
    const QString out = m_dir.filePath(QStringLiteral("teacher"));
    const auto args = [&](const QString &folder, const QString &threads) {
        return QStringList{QStringLiteral("augment"),
                           QStringLiteral("--policy"),
                           QStringLiteral("geometric"),
                           QStringLiteral("--policy"),
                           QStringLiteral("noise:0.1"),
                           QStringLiteral("--copies"),
                           QStringLiteral("2"),
                           QStringLiteral("--limit"),
                           QStringLiteral("300"),
                           QStringLiteral("--test-limit"),
                           QStringLiteral("100"),
                           QStringLiteral("--threads"),
                           threads,
                           QStringLiteral("--out"),
                           folder,
                           QStringLiteral("--json")};
    };
    const Run r = run(QStringLiteral(TENKAI_CLI), args(out, QStringLiteral("2")));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(result.value(QStringLiteral("policies")).toArray().size(), 2);
    for (const QString &policy : {QStringLiteral("geometric"), QStringLiteral("policy-2")}) {
        const QString dir = out + QLatin1Char('/') + policy;
        QCOMPARE(countFiles(dir + QStringLiteral("/train"), QStringLiteral("*.png")), 600);
        QCOMPARE(countFiles(dir + QStringLiteral("/test"), QStringLiteral("*.png")), 100);
        // 8 sample rows and 1 + 7 columns of 28-pixel images scaled 3x with 4-pixel gaps.
        QCOMPARE(pngSize(dir + QStringLiteral("/preview.png")), QSize(8 * 88 + 12, 8 * 88 + 4));
        QVERIFY(QFile::exists(dir + QStringLiteral("/classes.txt")));
    }
    QVERIFY(readAll(out + QStringLiteral("/policy-2/policy.txt")).startsWith("noise:0.1"));

    // One thread writes exactly the same images.
    const QString single = m_dir.filePath(QStringLiteral("teacher-1"));
    QCOMPARE(run(QStringLiteral(TENKAI_CLI), args(single, QStringLiteral("1"))).exitCode, 0);
    const QStringList trousers = QDir(out + QStringLiteral("/geometric/train/Trouser"))
                                     .entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    QVERIFY(!trousers.isEmpty());
    const QString file = QStringLiteral("/geometric/train/Trouser/") + trousers.first();
    QCOMPARE(readAll(single + file), readAll(out + file));

    // The folder trains like any dataset, with Fashion-MNIST's classes in their order.
    const Run t =
        run(QStringLiteral(TENKAI_CLI),
            {QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("image-folder"),
             QStringLiteral("--data-dir"), out + QStringLiteral("/geometric"), QStringLiteral("--json")});
    QVERIFY2(t.exitCode == 0, qPrintable(t.err));
    const auto summary =
        QJsonDocument::fromJson(t.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).last().toUtf8()).object();
    QCOMPARE(summary.value(QStringLiteral("train_images")).toInt(), 540); // 600, 60 for validation
    QCOMPARE(summary.value(QStringLiteral("classes")).toArray().first().toString(),
             QStringLiteral("T-shirt/top"));

    // Existing files are never overwritten.
    const Run again = run(QStringLiteral(TENKAI_CLI), args(out, QStringLiteral("2")));
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("already holds files")), qPrintable(again.err));
}

// The demo scenario: a generic IDX set that pretrains, per-site folders under their own capture
// conditions that fine-tune the pretrained model without a new head.
void TestCli::demoDataMakesTheScenario()
{
    const QString out = m_dir.filePath(QStringLiteral("demo"));
    const Run r = run(QStringLiteral(TENKAI_CLI),
                      {QStringLiteral("demo-data"), QStringLiteral("--sites"), QStringLiteral("2"),
                       QStringLiteral("--generic"), QStringLiteral("1000"), QStringLiteral("--site-train"),
                       QStringLiteral("100"), QStringLiteral("--site-test"), QStringLiteral("50"),
                       QStringLiteral("--out"), out, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject manifest =
        QJsonDocument::fromJson(readAll(out + QStringLiteral("/demo.json"))).object();
    QCOMPARE(manifest.value(QStringLiteral("format")).toString(), QStringLiteral("tenkai-demo-data"));
    const auto sites = manifest.value(QStringLiteral("sites")).toArray();
    QCOMPARE(sites.size(), 2);
    QCOMPARE(sites[0].toObject().value(QStringLiteral("condition")).toString(), QStringLiteral("low light"));
    QCOMPARE(sites[1].toObject().value(QStringLiteral("condition")).toString(),
             QStringLiteral("mirrored and tilted camera"));
    QCOMPARE(countFiles(out + QStringLiteral("/sites/site-01/train"), QStringLiteral("*.png")), 100);
    QCOMPARE(countFiles(out + QStringLiteral("/sites/site-02/test"), QStringLiteral("*.png")), 50);
    // The two sites hold different images (disjoint source indices).
    QVERIFY(countFiles(out + QStringLiteral("/sites/site-01/train"), QStringLiteral("001000.png")) == 1);
    QVERIFY(countFiles(out + QStringLiteral("/sites/site-02/train"), QStringLiteral("001100.png")) == 1);
    QVERIFY(!QDir(out + QStringLiteral("/.demo.partial")).exists());

    const QString cloud = m_dir.filePath(QStringLiteral("demo-cloud"));
    const Run pre =
        run(QStringLiteral(TENKAI_CLI), {QStringLiteral("pretrain"), QStringLiteral("--data-dir"),
                                         out + QStringLiteral("/generic"), QStringLiteral("--out"), cloud});
    QVERIFY2(pre.exitCode == 0, qPrintable(pre.err));
    // 1,000 generic images, about 10% of each class held out for validation.
    QVERIFY2(pre.out.contains(QStringLiteral("899 training")) &&
                 pre.out.contains(QStringLiteral("101 images held out")),
             qPrintable(pre.out));
    const Run tuned =
        run(QStringLiteral(TENKAI_CLI),
            {QStringLiteral("finetune"), QStringLiteral("--from"), cloud + QStringLiteral("/model.pt"),
             QStringLiteral("--dataset"), QStringLiteral("image-folder"), QStringLiteral("--data-dir"),
             out + QStringLiteral("/sites/site-02"), QStringLiteral("--json")});
    QVERIFY2(tuned.exitCode == 0, qPrintable(tuned.err));
    const auto summary =
        QJsonDocument::fromJson(tuned.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).last().toUtf8())
            .object();
    QCOMPARE(summary.value(QStringLiteral("new_head")).toBool(), false); // same classes, same order
    // The report says what fine-tuning bought over the cloud model as deployed, on the same images.
    const QJsonObject deployed = summary.value(QStringLiteral("deployed_model")).toObject();
    QVERIFY2(deployed.value(QStringLiteral("interval")).toArray().size() == 2, qPrintable(tuned.out));
    QVERIFY(std::abs(deployed.value(QStringLiteral("gain")).toDouble() -
                     (summary.value(QStringLiteral("accuracy")).toDouble() -
                      deployed.value(QStringLiteral("accuracy")).toDouble())) < 1e-9);

    // Too many sites for the images there are: one sentence, nothing written.
    const Run tooMany = run(QStringLiteral(TENKAI_CLI),
                            {QStringLiteral("demo-data"), QStringLiteral("--sites"), QStringLiteral("100"),
                             QStringLiteral("--site-train"), QStringLiteral("5000"), QStringLiteral("--out"),
                             m_dir.filePath(QStringLiteral("demo-too-many"))});
    QCOMPARE(tooMany.exitCode, 1);
    QVERIFY2(tooMany.err.contains(QStringLiteral("100 sites")), qPrintable(tooMany.err));
    QVERIFY(!QDir(m_dir.filePath(QStringLiteral("demo-too-many"))).exists());
}

// An image folder is read class by class. --limit takes a stratified sample, so 50 of its images
// hold every class (the first 50 would be two classes); a limit too small for the classes is a
// warning that names the missing ones, in the text and in the JSON.
void TestCli::limitOnAClassSortedFolderKeepsEveryClass()
{
    const QString folder = m_dir.filePath(QStringLiteral("sorted"));
    const Run made = run(QStringLiteral(TENKAI_CLI),
                         {QStringLiteral("augment"), QStringLiteral("--policy"), QStringLiteral("none"),
                          QStringLiteral("--limit"), QStringLiteral("400"), QStringLiteral("--test-limit"),
                          QStringLiteral("100"), QStringLiteral("--out"), folder});
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QString data = folder + QStringLiteral("/none");
    // Every class of the source is in the teacher data's training folder (a stratified sample too).
    for (const QString &c :
         QDir(data + QStringLiteral("/train")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QCOMPARE(countFiles(data + QStringLiteral("/train/") + c, QStringLiteral("*.png")), 40);
    const auto train = [&](const QString &limit, bool json) {
        QStringList args{QStringLiteral("train"),
                         QStringLiteral("--dataset"),
                         QStringLiteral("image-folder"),
                         QStringLiteral("--data-dir"),
                         data,
                         QStringLiteral("--limit"),
                         limit,
                         QStringLiteral("--epochs"),
                         QStringLiteral("1")};
        if (json)
            args << QStringLiteral("--json");
        return run(QStringLiteral(TENKAI_CLI), args);
    };
    const Run fifty = train(QStringLiteral("50"), true);
    QVERIFY2(fifty.exitCode == 0, qPrintable(fifty.err));
    const QJsonObject start =
        QJsonDocument::fromJson(fifty.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).first().toUtf8())
            .object();
    QCOMPARE(start.value(QStringLiteral("type")).toString(), QStringLiteral("start"));
    QCOMPARE(start.value(QStringLiteral("missing_classes")).toArray().size(), 0);
    QCOMPARE(start.value(QStringLiteral("train_images")).toInt() +
                 start.value(QStringLiteral("validation_images")).toInt(),
             50);
    QVERIFY(start.value(QStringLiteral("warning")).toString().isEmpty());

    const Run five = train(QStringLiteral("5"), true);
    QVERIFY2(five.exitCode == 0, qPrintable(five.err));
    const QJsonObject small =
        QJsonDocument::fromJson(five.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).first().toUtf8())
            .object();
    QCOMPARE(small.value(QStringLiteral("missing_classes")).toArray().size(), 5);
    QVERIFY2(small.value(QStringLiteral("warning"))
                 .toString()
                 .contains(QStringLiteral("no example of 5 of the 10")),
             qPrintable(five.out));
    const Run text = train(QStringLiteral("5"), false);
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains(QStringLiteral("Warning: the training images hold no example")),
             qPrintable(text.out));
    QVERIFY2(text.err.contains(QStringLiteral("no example of 5 of the 10")), qPrintable(text.err));
}

void TestCli::flowValidateAndDryRun()
{
    const QString ws = m_dir.filePath(QStringLiteral("flow-ws"));
    const Run made = run(QStringLiteral(TENKAI_CLI),
                         {QStringLiteral("demo-data"), QStringLiteral("--sites"), QStringLiteral("2"),
                          QStringLiteral("--generic"), QStringLiteral("1000"), QStringLiteral("--site-train"),
                          QStringLiteral("50"), QStringLiteral("--site-test"), QStringLiteral("50"),
                          QStringLiteral("--out"), ws, QStringLiteral("--workspace")});
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    QVERIFY2(made.out.contains(QStringLiteral("tenkai-cli run ")), qPrintable(made.out));
    const QString flowFile = ws + QStringLiteral("/demo.tenkai-flow.json");
    const QString inventory = ws + QStringLiteral("/inventory.yaml");

    const Run valid = run(QStringLiteral(TENKAI_CLI),
                          {QStringLiteral("validate"), flowFile, QStringLiteral("--inventory"), inventory});
    QVERIFY2(valid.exitCode == 0, qPrintable(valid.out + valid.err));
    QVERIFY2(valid.out.contains(QStringLiteral("0 errors")), qPrintable(valid.out));

    // A dry run changes nothing and reports every node on every site.
    const Run dry =
        run(QStringLiteral(TENKAI_CLI), {QStringLiteral("run"), flowFile, QStringLiteral("--inventory"),
                                         inventory, QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.out + dry.err));
    const QStringList lines = dry.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
    QCOMPARE(summary.value(QStringLiteral("type")).toString(), QStringLiteral("summary"));
    QVERIFY(summary.value(QStringLiteral("dry_run")).toBool());
    QCOMPARE(summary.value(QStringLiteral("done")).toInt(), 1 + 2 * 5 + 1);
    bool trainDone = false;
    for (const QString &line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        trainDone |= o.value(QStringLiteral("node")).toString() == QStringLiteral("train") &&
                     o.value(QStringLiteral("site")).toString() == QStringLiteral("site-02") &&
                     o.value(QStringLiteral("state")).toString() == QStringLiteral("done") &&
                     o.value(QStringLiteral("message")).toString().contains(QStringLiteral("would train"));
    }
    QVERIFY(trainDone);
    QVERIFY(!QDir(ws + QStringLiteral("/models")).exists());
    QVERIFY(!QDir(ws + QStringLiteral("/sites/site-01/bin")).exists());

    // A run from a node before any real run: one sentence, exit status 2.
    const Run from =
        run(QStringLiteral(TENKAI_CLI), {QStringLiteral("run"), flowFile, QStringLiteral("--inventory"),
                                         inventory, QStringLiteral("--from"), QStringLiteral("train")});
    QCOMPARE(from.exitCode, 2);
    QVERIFY2(from.err.contains(QStringLiteral("run the whole flow first")), qPrintable(from.err));

    // Out of range: read, then reported by validation with the node and the parameter.
    QByteArray text = readAll(flowFile);
    QByteArray outOfRange = text;
    outOfRange.replace("\"epochs\": 4", "\"epochs\": 5000");
    const QString bad = ws + QStringLiteral("/bad.tenkai-flow.json");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(outOfRange) == outOfRange.size());
    f.close();
    const Run invalid = run(QStringLiteral(TENKAI_CLI), {QStringLiteral("validate"), bad});
    QCOMPARE(invalid.exitCode, 1);
    QVERIFY2(invalid.out.contains(QStringLiteral("train")) && invalid.out.contains(QStringLiteral("epochs")),
             qPrintable(invalid.out));
    const Run refused = run(QStringLiteral(TENKAI_CLI),
                            {QStringLiteral("run"), bad, QStringLiteral("--inventory"), inventory});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("epochs")), qPrintable(refused.err));
    // Unreadable: the JSON path of the problem.
    QByteArray wrongType = text;
    wrongType.replace("\"epochs\": 4", "\"epochs\": \"four\"");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(wrongType) == wrongType.size());
    f.close();
    const Run unreadable = run(QStringLiteral(TENKAI_CLI), {QStringLiteral("validate"), bad});
    QCOMPARE(unreadable.exitCode, 2);
    QVERIFY2(unreadable.err.contains(QStringLiteral("nodes[5].params.epochs")), qPrintable(unreadable.err));
}

void TestCli::badInputGetsOneSentence_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");

    QVERIFY(m_dir.isValid());
    const QString file = m_dir.filePath(QStringLiteral("a-file"));
    QVERIFY(t::writeFile(file, "not a folder"));
    const QString partial = m_dir.filePath(QStringLiteral("partial-data"));
    QVERIFY(QDir().mkpath(partial));
    QVERIFY(t::writeFile(partial + QStringLiteral("/train-images-idx3-ubyte"), "garbage, not IDX"));

    const QString train = QStringLiteral("train");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("trian")} << 2
                                     << QStringLiteral("unknown command \"trian\"");
    QTest::newRow("unknown dataset") << QStringList{train, QStringLiteral("--dataset"),
                                                    QStringLiteral("mnist-xl")}
                                     << 1 << QStringLiteral("Unknown dataset \"mnist-xl\"");
    QTest::newRow("unknown model") << QStringList{train, QStringLiteral("--model"), QStringLiteral("vgg")}
                                   << 1 << QStringLiteral("Unknown model \"vgg\"");
    QTest::newRow("missing dataset folder")
        << QStringList{train, QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("nowhere"))} << 1
        << QStringLiteral("was not found");
    QTest::newRow("corrupt dataset file")
        << QStringList{train, QStringLiteral("--data-dir"), partial} << 1
        << partial + QStringLiteral("/train-images-idx3-ubyte cannot be used");
    QTest::newRow("unwritable output folder")
        << QStringList{train, QStringLiteral("--limit"), QStringLiteral("10"), QStringLiteral("--out"),
                       file + QStringLiteral("/sub")}
        << 1 << QStringLiteral("Cannot write to the output folder");
    QTest::newRow("epochs not a number")
        << QStringList{train, QStringLiteral("--epochs"), QStringLiteral("ten")} << 2
        << QStringLiteral("--epochs expects a whole number");
    QTest::newRow("unknown option") << QStringList{train, QStringLiteral("--epoch"), QStringLiteral("3")} << 2
                                    << QStringLiteral("epoch");
    QTest::newRow("evaluate without models")
        << QStringList{QStringLiteral("evaluate")} << 2 << QStringLiteral("give at least one model file");
    QTest::newRow("evaluate a file that is no model")
        << QStringList{QStringLiteral("evaluate"), file} << 1
        << QStringLiteral("The model file %1 cannot be used").arg(file);
    QTest::newRow("finetune without a model")
        << QStringList{QStringLiteral("finetune")} << 2 << QStringLiteral("give --from MODEL");
    QTest::newRow("pretrain without an output folder")
        << QStringList{QStringLiteral("pretrain")} << 2 << QStringLiteral("give --out FOLDER");
    QTest::newRow("bad augmentation policy")
        << QStringList{train, QStringLiteral("--augment"), QStringLiteral("rotate:abc")} << 1
        << QStringLiteral("rotate: expected degrees");
    QTest::newRow("bad image size") << QStringList{train, QStringLiteral("--image-size"),
                                                   QStringLiteral("32")}
                                    << 2 << QStringLiteral("--image-size expects WIDTHxHEIGHT");
    QTest::newRow("unavailable device")
        << QStringList{train, QStringLiteral("--device"), QStringLiteral("cuda")} << 1
        << QStringLiteral("cuda");
}

void TestCli::badInputGetsOneSentence()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    const Run r = run(QStringLiteral(TENKAI_CLI), args);
    QCOMPARE(r.status, QProcess::NormalExit); // no crash, no abort
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0); // one line
    QVERIFY(!r.err.contains(QStringLiteral("terminate called")));
    QVERIFY(!r.err.contains(QStringLiteral("Exception raised from")));
}

void TestCli::japaneseFromLang()
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("ja_JP.UTF-8"));
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LANGUAGE"));
    const Run r = run(QStringLiteral(TENKAI_CLI),
                      {QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("nope")}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("データセット")), qPrintable(r.err));
}

void TestCli::consoleWithoutDisplay()
{
#ifndef TENKAI_CONSOLE
    QSKIP("built without the console (TENKAI_GUI=OFF)");
#else
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    const Run r = run(QStringLiteral(TENKAI_CONSOLE), {}, env);
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no display found")), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
#endif
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
