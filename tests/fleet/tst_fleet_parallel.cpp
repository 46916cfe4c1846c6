// Many sites at once: one session per site per thread, a shared known_hosts file, and a frozen
// site that fails at its deadline while the others finish.
#include "fleet/ssh_session.h"
#include "sshd_sites.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace tenkai::fleet;
using namespace std::chrono_literals;
using std::chrono::milliseconds;
using tenkai::test::SshdSites;

namespace {

struct Outcome
{
    bool ok = false;
    FleetError error;
    qint64 elapsedMs = 0;
};

} // namespace

class TestFleetParallel : public QObject
{
    Q_OBJECT

private:
    SshdSites m_sites;

    SshTarget target(int index) const
    {
        const auto &site = m_sites.site(index);
        return SshTarget{site.name,           QStringLiteral("127.0.0.1"),
                         site.port,           QStringLiteral("root"),
                         m_sites.clientKey(), {}};
    }
    SshOptions options(const QString &knownHosts, milliseconds timeout, milliseconds ioTimeout = 10s) const
    {
        SshOptions o;
        o.knownHosts = knownHosts;
        o.hostKeyPolicy = HostKeyPolicy::AcceptNew;
        o.sshConfig = m_sites.clientConfig();
        o.useAgent = false;
        o.connectTimeout = timeout;
        o.ioTimeout = std::max(timeout, ioTimeout);
        return o;
    }

    // Connect, run a command that names the site, upload `payload` into the site's folder.
    Outcome work(int index, const QString &knownHosts, milliseconds timeout, const QByteArray &payload) const
    {
        QElapsedTimer timer;
        timer.start();
        Outcome outcome;
        SshSession session(target(index), options(knownHosts, timeout));
        auto connected = session.connect();
        if (!connected) {
            outcome.error = connected.error();
        } else if (auto ran =
                       session.exec(QStringLiteral("printf %s ") + shellQuote(m_sites.site(index).name));
                   !ran) {
            outcome.error = ran.error();
        } else if (ran.value().out != m_sites.site(index).name.toUtf8()) {
            outcome.error = FleetError(FleetErrorCode::CommandFailed, m_sites.site(index).name,
                                       QStringLiteral("wrong output: ") + QString::fromUtf8(ran.value().out));
        } else if (auto sent =
                       session.uploadData(payload, m_sites.site(index).dir + QStringLiteral("/payload.bin"));
                   !sent) {
            outcome.error = sent.error();
        } else {
            outcome.ok = true;
        }
        outcome.elapsedMs = timer.elapsed();
        return outcome;
    }

    std::vector<Outcome> onAllSites(const QString &knownHosts, milliseconds timeout,
                                    const QByteArray &payload) const
    {
        std::vector<Outcome> outcomes(std::size_t(m_sites.count()));
        std::vector<std::thread> threads;
        for (int i = 0; i < m_sites.count(); ++i)
            threads.emplace_back(
                [&, i] { outcomes[std::size_t(i)] = work(i, knownHosts, timeout, payload); });
        for (auto &thread : threads)
            thread.join();
        return outcomes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(m_sites.start(10), qPrintable(m_sites.error()));
        qInfo("10 sshd sites ready in %lld ms", timer.elapsed());
    }

    void tenSitesInParallel()
    {
        const QString knownHosts = m_sites.scratch() + QStringLiteral("/parallel/known_hosts");
        const QByteArray payload(2 * 1024 * 1024 + 17, 'p');
        QElapsedTimer timer;
        timer.start();
        const auto outcomes = onAllSites(knownHosts, 10s, payload);
        qInfo("connect + exec + 2 MiB upload to 10 sites: %lld ms", timer.elapsed());
        for (int i = 0; i < m_sites.count(); ++i) {
            const auto &outcome = outcomes[std::size_t(i)];
            QVERIFY2(outcome.ok, qPrintable(outcome.error.message));
            QFile file(m_sites.site(i).dir + QStringLiteral("/payload.bin"));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), payload);
        }
        // Ten pins written concurrently: one intact line per site.
        QFile file(knownHosts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), m_sites.count());
        for (int i = 0; i < m_sites.count(); ++i) {
            const QByteArray host = QStringLiteral("[127.0.0.1]:%1 ").arg(m_sites.site(i).port).toUtf8();
            QCOMPARE(std::count_if(lines.begin(), lines.end(),
                                   [&](const QByteArray &l) { return l.startsWith(host); }),
                     1);
        }
    }

    void frozenSiteFailsAtItsDeadlineWhileOthersFinish()
    {
        const QString knownHosts = m_sites.scratch() + QStringLiteral("/frozen/known_hosts");
        const int frozen = 3;
        m_sites.freeze(frozen);
        QElapsedTimer timer;
        timer.start();
        const auto outcomes = onAllSites(knownHosts, 2s, QByteArray(256 * 1024, 'f'));
        const qint64 total = timer.elapsed();
        m_sites.thaw(frozen);
        for (int i = 0; i < m_sites.count(); ++i) {
            const auto &outcome = outcomes[std::size_t(i)];
            if (i == frozen) {
                QVERIFY(!outcome.ok);
                QCOMPARE(outcome.error.code, FleetErrorCode::Timeout);
                QVERIFY(outcome.error.message.contains(m_sites.site(i).name));
                QVERIFY2(outcome.elapsedMs >= 1900 && outcome.elapsedMs < 5000,
                         qPrintable(QString::number(outcome.elapsedMs)));
            } else {
                QVERIFY2(outcome.ok, qPrintable(outcome.error.message));
            }
        }
        QVERIFY2(total < 8000, qPrintable(QString::number(total)));
    }

    void siteFrozenMidUploadTimesOut()
    {
        const QString knownHosts = m_sites.scratch() + QStringLiteral("/midupload/known_hosts");
        const int frozen = 5;
        SshSession session(target(frozen), options(knownHosts, 2s, 2s));
        QVERIFY(session.connect());
        const QString folder = m_sites.site(frozen).dir + QStringLiteral("/big");
        QVERIFY(QDir().mkpath(folder));
        std::atomic<bool> finished = false;
        std::optional<Status> outcome;
        QElapsedTimer sinceFreeze;
        std::thread worker([&] {
            outcome.emplace(
                session.uploadData(QByteArray(256 * 1024 * 1024, 'z'), folder + QStringLiteral("/z.bin")));
            finished = true;
        });
        const bool growing = QTest::qWaitFor(
            [&] {
                for (const auto &part : QDir(folder).entryInfoList(QDir::Files | QDir::Hidden))
                    if (part.size() > 1024 * 1024)
                        return true;
                return finished.load();
            },
            20000);
        m_sites.freeze(frozen);
        sinceFreeze.start();
        // Another site works normally meanwhile.
        const Outcome other = work(0, knownHosts, 5s, QByteArray("other"));
        worker.join();
        const qint64 failedAfter = sinceFreeze.elapsed();
        m_sites.thaw(frozen);
        QVERIFY(growing);
        QVERIFY2(other.ok, qPrintable(other.error.message));
        QVERIFY(outcome.has_value());
        QVERIFY2(!*outcome, "the upload finished before the site was frozen");
        QCOMPARE(outcome->error().code, FleetErrorCode::Timeout);
        QVERIFY2(outcome->error().message.contains(m_sites.site(frozen).name),
                 qPrintable(outcome->error().message));
        QVERIFY2(failedAfter < 5000, qPrintable(QString::number(failedAfter)));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/z.bin")));
    }
};

QTEST_GUILESS_MAIN(TestFleetParallel)
#include "tst_fleet_parallel.moc"
