// Recipes planned and applied to real sshd sites: idempotence, kills mid-upload, retry, budget.
#include "fleet/deployer.h"
#include "sshd_sites.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>
#include <atomic>
#include <sys/stat.h>
#include <thread>

using namespace tenkai::fleet;
using namespace std::chrono_literals;
using tenkai::test::SshdSites;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (auto &c : data)
        c = char(QRandomGenerator::global()->bounded(256));
    return data;
}

} // namespace

class TestFleetApply : public QObject
{
    Q_OBJECT

private:
    SshdSites m_sites;
    std::vector<Site> m_inventory;
    QString m_recipeDir;

    // Each site's root is inside its sshd folder, with a hostile name.
    QString rootOf(int i) const { return m_sites.site(i).dir + QStringLiteral("/root 'x' $(touch pwned)"); }

    DeployOptions options(bool apply) const
    {
        DeployOptions o;
        o.apply = apply;
        o.ssh.knownHosts = m_sites.scratch() + QStringLiteral("/known_hosts");
        o.ssh.hostKeyPolicy = HostKeyPolicy::AcceptNew;
        o.ssh.sshConfig = m_sites.clientConfig();
        o.ssh.useAgent = false;
        o.ssh.connectTimeout = 10s;
        o.ssh.ioTimeout = 10s;
        return o;
    }

    Recipe recipe(const QByteArray &yaml) const
    {
        const QString path = m_recipeDir + QStringLiteral("/recipe.yaml");
        writeFile(path, yaml);
        auto parsed = loadRecipe(path);
        if (!parsed)
            qFatal("%s", qPrintable(parsed.error().message));
        return parsed.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = SshdSites::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(m_sites.start(10), qPrintable(m_sites.error()));
        for (int i = 0; i < m_sites.count(); ++i) {
            Site site;
            site.name = QStringLiteral("edge %1 $(id)").arg(i + 1);
            site.host = QStringLiteral("127.0.0.1");
            site.port = m_sites.site(i).port;
            site.user = QStringLiteral("root");
            site.identity = m_sites.clientKey();
            site.root = rootOf(i);
            site.labels.insert(QStringLiteral("camera"),
                               i % 2 ? QStringLiteral("mirrored") : QStringLiteral("low-light"));
            m_inventory.push_back(site);
        }
        m_recipeDir = m_sites.scratch() + QStringLiteral("/recipe");
        QVERIFY(QDir().mkpath(m_recipeDir));
        writeFile(m_recipeDir + QStringLiteral("/model.bin"), randomBytes(3 * 1024 * 1024 + 5));
        writeFile(m_recipeDir + QStringLiteral("/site.conf.in"),
                  "site = {{ name }}\ncamera = {{ labels.camera }}\nroot = {{root}}\n");
    }

    void applyIsIdempotent()
    {
        const Recipe r = recipe(R"RECIPE(format: tenkai-recipe
version: 1
resources:
  - directory: "{{ root }}/models"
  - file: "{{ root }}/models/model.bin"
    source: model.bin
    mode: "0600"
  - template: "{{ root }}/site.conf"
    source: site.conf.in
  - command: "printf '%s\n' {{ name }} >> {{ root }}/ran.log"
    creates: "{{ root }}/ran.log"
)RECIPE");
        // A plan changes nothing and says what would change.
        auto reports = deploy(m_inventory, r, options(false));
        QCOMPARE(reports.size(), m_inventory.size());
        for (const auto &report : reports) {
            QVERIFY2(report.ok(), report.error ? qPrintable(report.error->message) : "");
            QCOMPARE(report.changes(), 4);
            QCOMPARE(report.plan.at(0).change, Change::Create);
            QCOMPARE(report.plan.at(3).change, Change::Run);
        }
        QVERIFY(!QFile::exists(rootOf(0)));

        reports = deploy(m_inventory, r, options(true));
        const QByteArray model = readFile(m_recipeDir + QStringLiteral("/model.bin"));
        for (int i = 0; i < m_sites.count(); ++i) {
            const auto &report = reports[std::size_t(i)];
            QVERIFY2(report.ok(), report.error ? qPrintable(report.error->message) : "");
            QCOMPARE(report.outcomes, (std::vector<Outcome>(4, Outcome::Changed)));
            QCOMPARE(readFile(rootOf(i) + QStringLiteral("/models/model.bin")), model);
            struct stat info
            {};
            QCOMPARE(
                ::stat(QFile::encodeName(rootOf(i) + QStringLiteral("/models/model.bin")).constData(), &info),
                0);
            QCOMPARE(info.st_mode & 0777, 0600u);
            QCOMPARE(readFile(rootOf(i) + QStringLiteral("/site.conf")),
                     QStringLiteral("site = %1\ncamera = %2\nroot = %3\n")
                         .arg(m_inventory[std::size_t(i)].name,
                              m_inventory[std::size_t(i)].labels.value(QStringLiteral("camera")), rootOf(i))
                         .toUtf8());
            // The site's name went into the command quoted: printed as is, nothing executed.
            QCOMPARE(readFile(rootOf(i) + QStringLiteral("/ran.log")),
                     (m_inventory[std::size_t(i)].name + QLatin1Char('\n')).toUtf8());
        }
        QVERIFY(!QFile::exists(QDir::home().filePath(QStringLiteral("pwned"))));

        // Again: nothing changes, and the command's guard holds.
        reports = deploy(m_inventory, r, options(true));
        for (int i = 0; i < m_sites.count(); ++i) {
            const auto &report = reports[std::size_t(i)];
            QVERIFY2(report.ok(), report.error ? qPrintable(report.error->message) : "");
            QCOMPARE(report.changes(), 0);
            QCOMPARE(report.outcomes, (std::vector<Outcome>(4, Outcome::Unchanged)));
            QCOMPARE(readFile(rootOf(i) + QStringLiteral("/ran.log")).count('\n'), 1);
        }

        // A drifted file on one site is planned as an update there only, with its mode.
        QVERIFY(
            QFile::setPermissions(rootOf(4) + QStringLiteral("/models/model.bin"),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        writeFile(rootOf(4) + QStringLiteral("/site.conf"), "tampered\n");
        reports = deploy(m_inventory, r, options(false));
        for (int i = 0; i < m_sites.count(); ++i)
            QCOMPARE(reports[std::size_t(i)].changes(), i == 4 ? 2 : 0);
        QCOMPARE(reports[4].plan[1].change, Change::Update);
        QCOMPARE(reports[4].plan[1].detail, QStringLiteral("mode 0640 -> 0600"));
        QVERIFY(reports[4].plan[2].detail.startsWith(QStringLiteral("sha256 ")));
        QCOMPARE(readFile(rootOf(4) + QStringLiteral("/site.conf")), QByteArray("tampered\n"));
    }

    void killedMidUploadThenRetried()
    {
        const QByteArray big = randomBytes(24 * 1024 * 1024);
        writeFile(m_recipeDir + QStringLiteral("/big.bin"), big);
        const Recipe r = recipe(R"RECIPE(format: tenkai-recipe
resources:
  - directory: "{{ root }}/models"
  - file: "{{ root }}/models/big.bin"
    source: big.bin
  - command: "touch {{ root }}/after-big"
)RECIPE");
        const std::vector<int> victims{2, 5, 8};
        std::vector<SiteReport> reports;
        std::atomic<bool> finished = false;
        std::thread worker([&] {
            reports = deploy(m_inventory, r, options(true));
            finished = true;
        });
        // Kill each victim once its temporary file is growing.
        std::vector<bool> killed(victims.size(), false);
        const bool allKilled = QTest::qWaitFor(
            [&] {
                for (std::size_t v = 0; v < victims.size(); ++v) {
                    if (killed[v])
                        continue;
                    for (const auto &part : QDir(rootOf(victims[v]) + QStringLiteral("/models"))
                                                .entryInfoList(QDir::Files | QDir::Hidden))
                        if (part.fileName().endsWith(QLatin1String(".part")) && part.size() > 512 * 1024) {
                            m_sites.kill(victims[v]);
                            killed[v] = true;
                        }
                }
                return finished.load() || std::all_of(killed.begin(), killed.end(), [](bool k) { return k; });
            },
            60000);
        worker.join();
        QVERIFY(allKilled);
        QVERIFY2(std::all_of(killed.begin(), killed.end(), [](bool k) { return k; }),
                 "an upload ended before its kill");
        QStringList failed;
        for (int i = 0; i < m_sites.count(); ++i) {
            const auto &report = reports[std::size_t(i)];
            const bool victim = std::find(victims.begin(), victims.end(), i) != victims.end();
            if (victim) {
                QVERIFY(!report.ok());
                QCOMPARE(report.outcomes.at(1), Outcome::Failed);
                QCOMPARE(report.outcomes.at(2), Outcome::NotRun);
                QVERIFY2(report.error->message.contains(m_inventory[std::size_t(i)].name),
                         qPrintable(report.error->message));
                // No partial file under the final name, and the later resource did not run.
                QVERIFY(!QFile::exists(rootOf(i) + QStringLiteral("/models/big.bin")));
                QVERIFY(!QFile::exists(rootOf(i) + QStringLiteral("/after-big")));
                failed << report.site;
            } else {
                QVERIFY2(report.ok(), report.error ? qPrintable(report.error->message) : "");
                QCOMPARE(readFile(rootOf(i) + QStringLiteral("/models/big.bin")), big);
                QVERIFY(QFile::exists(rootOf(i) + QStringLiteral("/after-big")));
            }
        }
        QCOMPARE(failed.size(), 3);

        // The failed sites come back; a retry of only those completes them. The kills left the
        // temporary files behind.
        const auto parts = [this](int site) {
            return QDir(rootOf(site) + QStringLiteral("/models"))
                .entryList({QStringLiteral("*.part")}, QDir::Files | QDir::Hidden);
        };
        for (int victim : victims) {
            QVERIFY(!parts(victim).isEmpty());
            QVERIFY(m_sites.restart(victim));
        }
        std::vector<Site> retry;
        for (const auto &site : m_inventory)
            if (failed.contains(site.name))
                retry.push_back(site);
        reports = deploy(retry, r, options(true));
        QCOMPARE(reports.size(), std::size_t(3));
        for (const auto &report : reports) {
            QVERIFY2(report.ok(), report.error ? qPrintable(report.error->message) : "");
            QCOMPARE(report.outcomes.at(1), Outcome::Changed);
        }
        // The cut-off uploads' temporary files went with the retry's upload of the same file.
        for (int victim : victims) {
            QCOMPARE(readFile(rootOf(victim) + QStringLiteral("/models/big.bin")), big);
            QVERIFY2(parts(victim).isEmpty(), qPrintable(parts(victim).join(u' ')));
        }
    }

    // A hostile label reaches real shells on the sites in every place a command can hold it: each
    // output file holds exactly the value, and nothing in it ran. Where no quoting holds, the recipe
    // is refused before anything runs, naming the line and the variable.
    void hostileValuesStayTheirOwnTextInEveryShellContext()
    {
        const QString hostile = QStringLiteral("it's \"$(touch pwned)\" `touch pwned` $HOME \\ ; '");
        std::vector<Site> sites{m_inventory[0], m_inventory[1]};
        for (Site &site : sites)
            site.labels.insert(QStringLiteral("hostile"), hostile);
        const Recipe r = recipe(R"RECIPE(format: tenkai-recipe
resources:
  - command: |
      mkdir -p {{ root }} && cd {{ root }} || exit 1
      printf '%s\n' {{ labels.hostile }} > bare.out
      printf '%s\n' 'v={{ labels.hostile }}' > single.out
      printf '%s\n' "v={{ labels.hostile }}" > double.out
      printf '%s\n' "$(printf '%s' {{ labels.hostile }})" > substituted.out
      cat > heredoc.out <<EOF
      v={{ labels.hostile }} $(printf %s ok)
      EOF
      cat > quoted-heredoc.out <<'EOF'
      v={{ labels.hostile }}
      EOF
      true # {{ labels.hostile }}
      printf '%s\n' {{ name }} > name.out
)RECIPE");
        const auto reports = deploy(sites, r, options(true));
        for (std::size_t i = 0; i < sites.size(); ++i) {
            QVERIFY2(reports[i].ok(), reports[i].error ? qPrintable(reports[i].error->message) : "");
            const QString root = rootOf(int(i));
            const auto holds = [&](const char *file, const QString &text) {
                const QByteArray got = readFile(root + QLatin1Char('/') + QLatin1String(file));
                if (got == (text + QLatin1Char('\n')).toUtf8())
                    return true;
                qWarning("%s holds <%s>", file, got.constData());
                return false;
            };
            QVERIFY(holds("bare.out", hostile));
            QVERIFY(holds("single.out", QStringLiteral("v=") + hostile));
            QVERIFY(holds("double.out", QStringLiteral("v=") + hostile));
            QVERIFY(holds("substituted.out", hostile));
            QVERIFY(holds("heredoc.out", QStringLiteral("v=") + hostile + QStringLiteral(" ok")));
            QVERIFY(holds("quoted-heredoc.out", QStringLiteral("v=") + hostile));
            QVERIFY(holds("name.out", sites[i].name));
            QVERIFY(!QFile::exists(root + QStringLiteral("/pwned")));
        }
        QVERIFY(!QFile::exists(QDir::home().filePath(QStringLiteral("pwned"))));

        // Inside backquotes no quoting holds: refused before any site runs anything.
        const Recipe backquoted =
            recipe("format: tenkai-recipe\nresources:\n"
                   "  - command: \"touch {{ root }}/ran; echo `echo {{ labels.hostile }}`\"\n");
        const auto refused = deploy(sites, backquoted, options(true));
        for (std::size_t i = 0; i < sites.size(); ++i) {
            QVERIFY(!refused[i].ok());
            const QString message = refused[i].error->message;
            QVERIFY2(message.contains(QStringLiteral("labels.hostile")) &&
                         message.contains(QStringLiteral("backquoted")) &&
                         message.contains(QStringLiteral("recipe.yaml:3")),
                     qPrintable(message));
            QVERIFY(!QFile::exists(rootOf(int(i)) + QStringLiteral("/ran")));
        }
    }

    void failureBudgetStopsNewSites()
    {
        const Recipe r = recipe("format: tenkai-recipe\nresources:\n  - command: \"true\"\n");
        m_sites.kill(0);
        m_sites.kill(1);
        auto o = options(true);
        o.forks = 1;
        o.maxFail = 1;
        const auto reports = deploy(m_inventory, r, o);
        QVERIFY(m_sites.restart(0));
        QVERIFY(m_sites.restart(1));
        QCOMPARE(reports[0].error->code, FleetErrorCode::ConnectionRefused);
        QCOMPARE(reports[1].error->code, FleetErrorCode::ConnectionRefused);
        for (std::size_t i = 2; i < reports.size(); ++i)
            QVERIFY2(reports[i].skipped, qPrintable(reports[i].site));

        // A failing command is reported with its status and stderr; the site's later resources wait.
        const Recipe failing =
            recipe("format: tenkai-recipe\nresources:\n  - command: \"echo broken >&2; exit 3\"\n"
                   "  - command: \"true\"\n");
        const auto failed = deploy({m_inventory[0]}, failing, options(true));
        QCOMPARE(failed[0].outcomes, (std::vector<Outcome>{Outcome::Failed, Outcome::NotRun}));
        QVERIFY2(failed[0].error->message.contains(QStringLiteral("status 3: broken")),
                 qPrintable(failed[0].error->message));
    }
};

QTEST_GUILESS_MAIN(TestFleetApply)
#include "tst_fleet_apply.moc"
