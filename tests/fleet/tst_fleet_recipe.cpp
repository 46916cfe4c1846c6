// Recipe parsing, variables and per-site resolution (no network), with bad input.
#include "fleet/recipe.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tenkai::fleet;

class TestRecipe : public QObject
{
    Q_OBJECT

private:
    static Site site()
    {
        Site s;
        s.name = QStringLiteral("edge 1 $(id)");
        s.host = QStringLiteral("10.0.0.1");
        s.user = QStringLiteral("deploy");
        s.port = 2222;
        s.root = QStringLiteral("/srv/tenkai");
        s.daemonPort = 7470;
        s.labels.insert(QStringLiteral("camera"), QStringLiteral("low light"));
        return s;
    }

private Q_SLOTS:
    void parsesEveryKind()
    {
        const auto recipe = parseRecipe(R"RECIPE(format: tenkai-recipe
version: 1
resources:
  - directory: "{{ root }}/bin"
    mode: "0750"
  - file: "{{ root }}/bin/tenkaid"
    source: tenkaid
    mode: 755
  - template: "{{ root }}/site.conf"
    source: site.conf.in
  - command: "systemctl --user restart tenkaid"
    unless: "systemctl --user is-active tenkaid"
    creates: /tmp/x
)RECIPE",
                                        QStringLiteral("r.yaml"));
        QVERIFY2(recipe, recipe ? "" : qPrintable(recipe.error().message));
        const auto &resources = recipe.value().resources;
        QCOMPARE(resources.size(), std::size_t(4));
        QCOMPARE(resources[0].kind, ResourceKind::Directory);
        QCOMPARE(resources[0].mode, 0750);
        QCOMPARE(resources[1].kind, ResourceKind::File);
        QCOMPARE(resources[1].mode, 0755);
        QCOMPARE(resources[1].source, QStringLiteral("tenkaid"));
        QCOMPARE(resources[2].kind, ResourceKind::Template);
        QCOMPARE(resources[2].mode, -1);
        QCOMPARE(resources[3].kind, ResourceKind::Command);
        QCOMPARE(resources[3].run, QStringLiteral("systemctl --user restart tenkaid"));
        QCOMPARE(resources[3].unless, QStringLiteral("systemctl --user is-active tenkaid"));
        QCOMPARE(resources[3].creates, QStringLiteral("/tmp/x"));
        QCOMPARE(resources[3].at, QStringLiteral("r.yaml:11"));
    }

    void rejectsBadRecipes_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        const QByteArray head = "format: tenkai-recipe\nresources:\n";
        QTest::newRow("no kind") << head + "  - source: x\n"
                                 << QStringLiteral("r.yaml:3: the resource has no kind");
        QTest::newRow("two kinds") << head + "  - file: a\n    directory: b\n"
                                   << QStringLiteral("r.yaml:4: a resource has one kind");
        QTest::newRow("file without source") << head + "  - file: a\n"
                                             << QStringLiteral("r.yaml:3: a file needs a \"source\"");
        QTest::newRow("directory with source") << head + "  - directory: a\n    source: b\n"
                                               << QStringLiteral("takes no \"source\"");
        QTest::newRow("bad mode") << head + "  - directory: a\n    mode: 0999\n"
                                  << QStringLiteral("r.yaml:4: field \"mode\"");
        QTest::newRow("command with mode") << head + "  - command: a\n    mode: 0644\n"
                                           << QStringLiteral("a command takes no \"mode\"");
        QTest::newRow("guard on a file") << head + "  - file: a\n    source: b\n    creates: c\n"
                                         << QStringLiteral("belong to commands");
        QTest::newRow("unknown field") << head + "  - file: a\n    source: b\n    owner: root\n"
                                       << QStringLiteral("r.yaml:5: unknown field \"owner\"");
        QTest::newRow("empty path") << head + "  - directory: \"\"\n"
                                    << QStringLiteral(
                                           "r.yaml:3: field \"directory\" must be a non-empty text");
        QTest::newRow("not a list") << QByteArray("format: tenkai-recipe\nresources: {}\n")
                                    << QStringLiteral("r.yaml:2");
        QTest::newRow("no format") << QByteArray("resources: []\n") << QStringLiteral("format");
        QTest::newRow("no resources")
            << QByteArray("format: tenkai-recipe\n") << QStringLiteral("\"resources\" is missing");
        QTest::newRow("future version")
            << QByteArray("format: tenkai-recipe\nversion: 3\nresources: []\n") << QStringLiteral("r.yaml:2");
        QTest::newRow("broken yaml") << head + "  - [\n" << QStringLiteral("not valid YAML");
    }
    void rejectsBadRecipes()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto recipe = parseRecipe(yaml, QStringLiteral("r.yaml"));
        QVERIFY(!recipe);
        QVERIFY2(recipe.error().message.contains(expected), qPrintable(recipe.error().message));
    }

    void expandsVariables_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expanded");
        QTest::newRow("plain") << QStringLiteral("no variables") << QStringLiteral("no variables");
        QTest::newRow("root") << QStringLiteral("{{root}}/bin") << QStringLiteral("/srv/tenkai/bin");
        QTest::newRow("spaces") << QStringLiteral("{{  name  }}!") << QStringLiteral("edge 1 $(id)!");
        QTest::newRow("all") << QStringLiteral("{{user}}@{{host}}:{{port}} {{daemon_port}} {{labels.camera}}")
                             << QStringLiteral("deploy@10.0.0.1:2222 7470 low light");
        QTest::newRow("not a variable") << QStringLiteral("{ {root} }") << QStringLiteral("{ {root} }");
    }
    void expandsVariables()
    {
        QFETCH(QString, text);
        QFETCH(QString, expanded);
        const auto result = expandVariables(text, site(), QStringLiteral("r.yaml:1"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value(), expanded);
    }

    // In shell code each value is quoted for where it lands. The label x is hostile in every way a
    // shell can be: quotes of both kinds, $( ), backquotes, a backslash and a dollar.
    void quotesShellValuesForTheirContext_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expanded");
        const QString v = QStringLiteral("{{ labels.x }}");
        QTest::newRow("bare") << QStringLiteral("echo %1").arg(v)
                              << QStringLiteral("echo 'a'\\''b\"c$(t)`t`\\$H'");
        QTest::newRow("single quotes")
            << QStringLiteral("echo 'x=%1!'").arg(v) << QStringLiteral("echo 'x=''a'\\''b\"c$(t)`t`\\$H''!'");
        QTest::newRow("double quotes") << QStringLiteral("echo \"x=%1!\"").arg(v)
                                       << QStringLiteral("echo \"x=a'b\\\"c\\$(t)\\`t\\`\\\\\\$H!\"");
        QTest::newRow("substitution in double quotes")
            << QStringLiteral("echo \"$(printf %s %1)\"").arg(v)
            << QStringLiteral("echo \"$(printf %s 'a'\\''b\"c$(t)`t`\\$H')\"");
        QTest::newRow("here-document") << QStringLiteral("cat <<EOF\nx=%1\nEOF\necho %1").arg(v)
                                       << QStringLiteral("cat <<EOF\nx=a'b\"c\\$(t)\\`t\\`\\\\\\$H\nEOF\n"
                                                         "echo 'a'\\''b\"c$(t)`t`\\$H'");
        QTest::newRow("quoted here-document")
            << QStringLiteral("cat <<-'EOF' > f\n\tx=%1\n\tEOF\n").arg(v)
            << QStringLiteral("cat <<-'EOF' > f\n\tx=a'b\"c$(t)`t`\\$H\n\tEOF\n");
        QTest::newRow("comment") << QStringLiteral("true # %1\necho %1").arg(v)
                                 << QStringLiteral("true # a'b\"c$(t)`t`\\$H\necho 'a'\\''b\"c$(t)`t`\\$H'");
        QTest::newRow("escaped quote is no quote")
            << QStringLiteral("echo \\' %1").arg(v) << QStringLiteral("echo \\' 'a'\\''b\"c$(t)`t`\\$H'");
        QTest::newRow("not a comment")
            << QStringLiteral("echo a#%1").arg(v) << QStringLiteral("echo a#'a'\\''b\"c$(t)`t`\\$H'");
    }
    void quotesShellValuesForTheirContext()
    {
        QFETCH(QString, code);
        QFETCH(QString, expanded);
        Site s = site();
        s.labels.insert(QStringLiteral("x"), QStringLiteral("a'b\"c$(t)`t`\\$H"));
        const auto result = expandShellVariables(code, s, QStringLiteral("r.yaml:3"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QCOMPARE(result.value(), expanded);
    }

    void refusesShellContextsWithoutSafeQuoting_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("backquotes") << QStringLiteral("echo `echo {{ name }}`")
                                    << QStringLiteral("backquoted");
        QTest::newRow("ansi-c string")
            << QStringLiteral("echo $'a\\'b {{ name }}'") << QStringLiteral("$'...'");
        QTest::newRow("parameter expansion")
            << QStringLiteral("true\necho ${X:-{{ name }}}") << QStringLiteral("parameter expansion");
        QTest::newRow("arithmetic") << QStringLiteral("echo $(( {{ port }} + 1 ))")
                                    << QStringLiteral("arithmetic");
        QTest::newRow("line break in a here-document")
            << QStringLiteral("cat <<'E'\n{{ labels.multi }}\nE") << QStringLiteral("line break");
        QTest::newRow("line break in a comment")
            << QStringLiteral("true # {{ labels.multi }}") << QStringLiteral("line break");
    }
    void refusesShellContextsWithoutSafeQuoting()
    {
        QFETCH(QString, code);
        QFETCH(QString, expected);
        Site s = site();
        s.labels.insert(QStringLiteral("multi"), QStringLiteral("one\nE\nrm -rf ~"));
        const auto result = expandShellVariables(code, s, QStringLiteral("r.yaml:9"));
        QVERIFY(!result);
        const QString message = result.error().message;
        QVERIFY2(message.contains(expected) && message.contains(QStringLiteral("r.yaml:9")) &&
                     message.contains(QStringLiteral("line ")),
                 qPrintable(message));
    }

    void endlessRecipeIsRefused()
    {
        const auto recipe = loadRecipe(QStringLiteral("/dev/zero"));
        QVERIFY(!recipe);
        QVERIFY2(recipe.error().message.contains(QStringLiteral("more than 16 MB")),
                 qPrintable(recipe.error().message));
    }

    void unknownVariableIsNamed()
    {
        const auto result =
            expandVariables(QStringLiteral("{{ labels.lens }}"), site(), QStringLiteral("r.yaml:7"));
        QVERIFY(!result);
        QVERIFY(result.error().message.contains(QStringLiteral("r.yaml:7")));
        QVERIFY(result.error().message.contains(QStringLiteral("labels.lens")));
    }

    void resolvesPerSite()
    {
        QTemporaryDir dir;
        {
            QFile source(dir.filePath(QStringLiteral("site.conf.in")));
            QVERIFY(source.open(QIODevice::WriteOnly));
            source.write("name={{name}}\n");
        }
        const QString path = dir.filePath(QStringLiteral("recipe.yaml"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("format: tenkai-recipe\nresources:\n"
                       "  - template: \"{{root}}/site.conf\"\n    source: site.conf.in\n"
                       "  - command: \"echo {{name}} > {{root}}/name\"\n");
        }
        const auto recipe = loadRecipe(path);
        QVERIFY(recipe);
        const auto resolved = resolveRecipe(recipe.value(), site());
        QVERIFY2(resolved, resolved ? "" : qPrintable(resolved.error().message));
        QCOMPARE(resolved.value()[0].resource.path, QStringLiteral("/srv/tenkai/site.conf"));
        QCOMPARE(resolved.value()[0].resource.mode, 0644);
        QCOMPARE(resolved.value()[0].content, QByteArray("name=edge 1 $(id)\n"));
        QCOMPARE(resolved.value()[0].sha256.size(), 64);
        // In commands, values are quoted: the site's name cannot run code.
        QCOMPARE(resolved.value()[1].resource.run,
                 QStringLiteral("echo 'edge 1 $(id)' > '/srv/tenkai'/name"));

        // A missing source is named with the resource's line.
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("site.conf.in"))));
        const auto missing = resolveRecipe(recipe.value(), site());
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(path + QStringLiteral(":3")),
                 qPrintable(missing.error().message));
        QVERIFY(missing.error().message.contains(QStringLiteral("site.conf.in")));
    }
};

QTEST_GUILESS_MAIN(TestRecipe)
#include "tst_fleet_recipe.moc"
