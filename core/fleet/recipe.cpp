#include "fleet/recipe.h"

#include "common/read_limited.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <cstring>
#include <elf.h>
#include <mutex>
#include <yaml-cpp/yaml.h>

// Translation context for the strings in this file (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class RecipeText
{
    Q_DECLARE_TR_FUNCTIONS(RecipeText)
};

namespace tenkai::fleet {
namespace {

FleetError invalid(const QString &message)
{
    return FleetError(FleetErrorCode::InventoryInvalid, QString(), message);
}

QString where(const QString &file, int line)
{
    return QStringLiteral("%1:%2").arg(file.isEmpty() ? QStringLiteral("<recipe>") : file).arg(line);
}

QString where(const QString &file, const YAML::Node &node)
{
    return where(file, node.Mark().line + 1);
}

QString kindName(ResourceKind kind)
{
    switch (kind) {
    case ResourceKind::Directory:
        return QStringLiteral("directory");
    case ResourceKind::File:
        return QStringLiteral("file");
    case ResourceKind::Template:
        return QStringLiteral("template");
    case ResourceKind::Package:
        return QStringLiteral("package");
    case ResourceKind::Service:
        return QStringLiteral("service");
    case ResourceKind::Tenkaid:
        return QStringLiteral("tenkaid");
    case ResourceKind::Model:
        return QStringLiteral("model");
    case ResourceKind::Command:
        break;
    }
    return QStringLiteral("command");
}

std::optional<ResourceKind> kindFromName(const QString &name)
{
    for (auto kind :
         {ResourceKind::Directory, ResourceKind::File, ResourceKind::Template, ResourceKind::Command,
          ResourceKind::Package, ResourceKind::Service, ResourceKind::Tenkaid, ResourceKind::Model})
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

bool uploads(ResourceKind kind)
{
    return kind == ResourceKind::File || kind == ResourceKind::Template || kind == ResourceKind::Model ||
           kind == ResourceKind::Tenkaid;
}

// The fields each kind takes besides its own (the kind's field holds the path, name or command).
bool takesField(ResourceKind kind, const QString &field)
{
    static const QMap<QString, QList<ResourceKind>> fields{
        {QStringLiteral("source"),
         {ResourceKind::File, ResourceKind::Template, ResourceKind::Tenkaid, ResourceKind::Model}},
        {QStringLiteral("mode"),
         {ResourceKind::Directory, ResourceKind::File, ResourceKind::Template, ResourceKind::Model}},
        {QStringLiteral("unless"), {ResourceKind::Command}},
        {QStringLiteral("creates"), {ResourceKind::Command}},
        {QStringLiteral("deb"), {ResourceKind::Package}},
        {QStringLiteral("state"), {ResourceKind::Service}},
        {QStringLiteral("start"), {ResourceKind::Service, ResourceKind::Tenkaid}},
        {QStringLiteral("pid_file"), {ResourceKind::Service, ResourceKind::Tenkaid}},
        {QStringLiteral("sha256"), {ResourceKind::Model}},
        {QStringLiteral("state_dir"), {ResourceKind::Tenkaid}},
        {QStringLiteral("port"), {ResourceKind::Tenkaid}},
    };
    return fields.value(field).contains(kind);
}

// Debian package names (policy 5.6.1), optionally with ":arch"; nothing a shell or apt reads
// as an option or a pattern.
bool validPackageName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?$"));
    return re.match(name).hasMatch();
}

// Service names become file and systemd unit names.
bool validServiceName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"));
    return re.match(name).hasMatch();
}

QString octal(int mode)
{
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

int defaultMode(const Resource &resource)
{
    if (resource.mode >= 0)
        return resource.mode;
    return resource.kind == ResourceKind::Directory ? 0755 : 0644;
}

} // namespace

QString resourceKindName(ResourceKind kind)
{
    return kindName(kind);
}

QString changeSymbol(Change change)
{
    switch (change) {
    case Change::None:
        return QStringLiteral("=");
    case Change::Create:
        return QStringLiteral("+");
    case Change::Update:
        return QStringLiteral("~");
    case Change::Run:
        break;
    }
    return QStringLiteral(">");
}

Result<Recipe> loadRecipe(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(RecipeText::tr("Cannot read the recipe %1: %2.").arg(path, file.errorString()));
    const auto text = readAtMost(file);
    if (!text)
        return invalid(RecipeText::tr("The recipe %1 holds more than %2 MB: it is not a recipe.")
                           .arg(path)
                           .arg(kMaxTextInput >> 20));
    return parseRecipe(*text, path);
}

Result<Recipe> parseRecipe(const QByteArray &yaml, const QString &fileName)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        return invalid(RecipeText::tr("%1: not valid YAML: %2.")
                           .arg(where(fileName, e.mark.line + 1), QString::fromStdString(e.msg)));
    }
    if (!root.IsMap())
        return invalid(
            RecipeText::tr("%1: a recipe is a map with \"format: tenkai-recipe\" and \"resources\".")
                .arg(where(fileName, 1)));
    Recipe recipe;
    recipe.file = fileName;
    bool sawFormat = false, sawResources = false;
    for (const auto &entry : root) {
        const QString key = QString::fromStdString(entry.first.Scalar());
        const YAML::Node &value = entry.second;
        if (key == QLatin1String("format")) {
            if (!value.IsScalar() || value.Scalar() != "tenkai-recipe")
                return invalid(RecipeText::tr("%1: field \"format\" must be tenkai-recipe.")
                                   .arg(where(fileName, value)));
            sawFormat = true;
        } else if (key == QLatin1String("version")) {
            if (!value.IsScalar() || value.Scalar() != "1")
                return invalid(RecipeText::tr("%1: field \"version\": this Tenkai reads recipe version 1.")
                                   .arg(where(fileName, value)));
        } else if (key == QLatin1String("resources")) {
            if (!value.IsSequence())
                return invalid(
                    RecipeText::tr("%1: field \"resources\" must be a list.").arg(where(fileName, value)));
            sawResources = true;
            for (const auto &node : value) {
                const QString at = where(fileName, node);
                if (!node.IsMap())
                    return invalid(
                        RecipeText::tr("%1: each resource is a map such as {file: PATH, source: FILE}.")
                            .arg(at));
                Resource resource;
                resource.at = at;
                bool sawKind = false;
                QStringList fieldNames;
                for (const auto &field : node) {
                    const QString name = QString::fromStdString(field.first.Scalar());
                    const QString fieldAt = where(fileName, field.first);
                    if (!field.second.IsScalar() || field.second.Scalar().empty())
                        return invalid(
                            RecipeText::tr("%1: field \"%2\" must be a non-empty text.").arg(fieldAt, name));
                    const QString text = QString::fromStdString(field.second.Scalar());
                    if (const auto kind = kindFromName(name)) {
                        if (sawKind)
                            return invalid(
                                RecipeText::tr("%1: a resource has one kind (directory, file, template, "
                                               "command, package, service, tenkaid or model), this one has "
                                               "two.")
                                    .arg(fieldAt));
                        sawKind = true;
                        resource.kind = *kind;
                        (*kind == ResourceKind::Command ? resource.run : resource.path) = text;
                        continue;
                    }
                    fieldNames << name;
                    if (name == QLatin1String("source")) {
                        resource.source = text;
                    } else if (name == QLatin1String("mode")) {
                        bool ok = false;
                        const int mode = text.toInt(&ok, 8);
                        if (!ok || mode < 0 || mode > 07777)
                            return invalid(
                                RecipeText::tr("%1: field \"mode\" must be octal permissions such as "
                                               "\"0644\" (got \"%2\").")
                                    .arg(fieldAt, text));
                        resource.mode = mode;
                    } else if (name == QLatin1String("unless")) {
                        resource.unless = text;
                    } else if (name == QLatin1String("creates")) {
                        resource.creates = text;
                    } else if (name == QLatin1String("deb")) {
                        resource.deb = text;
                    } else if (name == QLatin1String("state")) {
                        if (text != QLatin1String("running") && text != QLatin1String("stopped") &&
                            text != QLatin1String("restarted"))
                            return invalid(RecipeText::tr("%1: field \"state\" must be running, stopped or "
                                                          "restarted (got \"%2\").")
                                               .arg(fieldAt, text));
                        resource.state = text;
                    } else if (name == QLatin1String("start")) {
                        resource.start = text;
                    } else if (name == QLatin1String("pid_file")) {
                        resource.pidFile = text;
                    } else if (name == QLatin1String("sha256")) {
                        static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
                        if (!hex.match(text).hasMatch())
                            return invalid(
                                RecipeText::tr("%1: field \"sha256\" must be 64 hexadecimal digits.")
                                    .arg(fieldAt));
                        resource.sha256 = text.toLower();
                    } else if (name == QLatin1String("state_dir")) {
                        resource.stateDir = text;
                    } else if (name == QLatin1String("port")) {
                        resource.port = text;
                    } else {
                        return invalid(
                            RecipeText::tr("%1: unknown field \"%2\" (known: directory, file, template, "
                                           "command, package, service, tenkaid, model, source, mode, unless, "
                                           "creates, deb, state, start, pid_file, sha256, state_dir, port).")
                                .arg(fieldAt, name));
                    }
                }
                if (!sawKind)
                    return invalid(
                        RecipeText::tr(
                            "%1: the resource has no kind: give directory, file, template, command, "
                            "package, service, tenkaid or model.")
                            .arg(at));
                for (const QString &name : fieldNames)
                    if ((name == QLatin1String("unless") || name == QLatin1String("creates")) &&
                        resource.kind != ResourceKind::Command)
                        return invalid(
                            RecipeText::tr("%1: \"unless\" and \"creates\" belong to commands.").arg(at));
                    else if (!takesField(resource.kind, name))
                        return invalid(RecipeText::tr("%1: a %2 takes no \"%3\".")
                                           .arg(at, kindName(resource.kind), name));
                const bool needsSource =
                    resource.kind == ResourceKind::File || resource.kind == ResourceKind::Template ||
                    resource.kind == ResourceKind::Model || resource.kind == ResourceKind::Tenkaid;
                if (needsSource && resource.source.isEmpty())
                    return invalid(
                        RecipeText::tr("%1: a %2 needs a \"source\".").arg(at, kindName(resource.kind)));
                if (resource.kind == ResourceKind::Package && !resource.path.contains(QLatin1String("{{")) &&
                    !validPackageName(resource.path))
                    return invalid(RecipeText::tr("%1: \"%2\" is not a Debian package name (lower-case "
                                                  "letters, digits, +, - and .).")
                                       .arg(at, resource.path));
                if (resource.kind == ResourceKind::Service) {
                    if (!validServiceName(resource.path))
                        return invalid(RecipeText::tr("%1: a service name has letters, digits, _, ., @ and - "
                                                      "only (got \"%2\").")
                                           .arg(at, resource.path));
                    if (resource.start.isEmpty() && resource.state != QLatin1String("stopped"))
                        return invalid(
                            RecipeText::tr("%1: a service needs a \"start\" command (the process, run in "
                                           "the foreground).")
                                .arg(at));
                }
                recipe.resources.push_back(resource);
            }
        } else {
            return invalid(RecipeText::tr("%1: unknown field \"%2\" (known: format, version, resources).")
                               .arg(where(fileName, entry.first), key));
        }
    }
    if (!sawFormat)
        return invalid(
            RecipeText::tr("%1: field \"format: tenkai-recipe\" is missing.").arg(where(fileName, 1)));
    if (!sawResources)
        return invalid(RecipeText::tr("%1: field \"resources\" is missing.").arg(where(fileName, 1)));
    return recipe;
}

namespace {

const QRegularExpression &variablePattern()
{
    static const QRegularExpression variable(
        QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*\\}\\}"));
    return variable;
}

// The value of variable `name` for the site, or an error naming it.
Result<QString> variableValue(const QString &name, const Site &site, const QString &at)
{
    std::optional<QString> value;
    if (name == QLatin1String("name"))
        value = site.name;
    else if (name == QLatin1String("host"))
        value = site.host;
    else if (name == QLatin1String("user"))
        value = site.user;
    else if (name == QLatin1String("port"))
        value = site.port ? QString::number(site.port) : QString();
    else if (name == QLatin1String("root"))
        value = site.root;
    else if (name == QLatin1String("daemon_port"))
        value = site.daemonPort ? QString::number(site.daemonPort) : QString();
    else if (name.startsWith(QLatin1String("labels.")) && site.labels.contains(name.mid(7)))
        value = site.labels.value(name.mid(7));
    if (!value)
        return invalid(
            RecipeText::tr("%1: site \"%2\" has no variable \"%3\" (known: name, host, user, port, "
                           "root, daemon_port, labels.KEY).")
                .arg(at, site.name, name));
    return *value;
}

// Where a character of shell code sits, as far as a value placed there is concerned.
enum class ShellContext
{
    Bare,          // a word of a command (also inside $( ))
    SingleQuoted,  // '...'
    AnsiQuoted,    // $'...' (bash): backslash escapes apply; refused
    DoubleQuoted,  // "..."
    Backquoted,    // `...`: backslashes change meaning there; refused
    Brace,         // ${...}: refused
    Arithmetic,    // $((...)): refused
    Comment,       // # to the end of the line
    HereDoc,       // a here-document body that expands $, ` and \ (unquoted delimiter)
    QuotedHereDoc, // a here-document body taken as it is ('EOF', "EOF" or \EOF)
};

struct ShellFrame
{
    ShellContext context = ShellContext::Bare;
    int parens = 0;    // Bare inside $( ): open parentheses; Arithmetic: nesting
    QString delimiter; // here-documents
    bool stripTabs = false;
};

ShellFrame shellFrame(ShellContext context, int parens = 0)
{
    ShellFrame frame;
    frame.context = context;
    frame.parens = parens;
    return frame;
}

// `value` escaped for a double-quoted string or an expanding here-document: \ $ ` (and ").
QString escapeForDoubleQuotes(const QString &value, bool quoteToo)
{
    QString out;
    out.reserve(value.size() + 8);
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('$') || c == QLatin1Char('`') ||
            (quoteToo && c == QLatin1Char('"')))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

bool startsWord(const QString &code, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar before = code.at(i - 1);
    return before.isSpace() || QStringLiteral(";&|()<>").contains(before);
}

} // namespace

Result<QString> expandVariables(const QString &text, const Site &site, const QString &at)
{
    QString out;
    qsizetype last = 0;
    auto it = variablePattern().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        auto value = variableValue(match.captured(1), site, at);
        if (!value)
            return value.error();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        out += value.value();
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

Result<QString> expandShellVariables(const QString &code, const Site &site, const QString &at)
{
    using C = ShellContext;
    std::vector<ShellFrame> stack{ShellFrame{}};
    std::vector<ShellFrame> pendingHereDocs; // named on a line, their bodies start after it
    QString out;
    out.reserve(code.size() + 64);
    const qsizetype n = code.size();
    qsizetype i = 0;
    int line = 1;
    bool lineStart = true;
    const auto charAt = [&](qsizetype k) {
        return k < n ? code.at(k) : QChar();
    };
    const auto copy = [&](qsizetype count) {
        for (qsizetype k = 0; k < count && i < n; ++k, ++i) {
            out += code.at(i);
            if (code.at(i) == QLatin1Char('\n')) {
                ++line;
                lineStart = true;
            } else {
                lineStart = false;
            }
        }
    };
    // $( $(( ${ in the contexts where they expand: true when one was taken.
    const auto dollar = [&] {
        if (charAt(i) != QLatin1Char('$'))
            return false;
        if (charAt(i + 1) == QLatin1Char('(') && charAt(i + 2) == QLatin1Char('(')) {
            copy(3);
            stack.push_back(shellFrame(C::Arithmetic));
        } else if (charAt(i + 1) == QLatin1Char('(')) {
            copy(2);
            stack.push_back(shellFrame(C::Bare, 1));
        } else if (charAt(i + 1) == QLatin1Char('{')) {
            copy(2);
            stack.push_back(shellFrame(C::Brace));
        } else {
            return false;
        }
        return true;
    };
    const auto refused = [&](const QString &name, const QString &where) {
        return invalid(
            RecipeText::tr("%1: {{ %2 }} sits inside %3 (line %4 of the command), where no quoting "
                           "keeps a value as it is. Give it to a shell variable first "
                           "(v={{ %2 }}) and use \"$v\" there.")
                .arg(at, name, where)
                .arg(line));
    };
    const auto oneLine = [&](const QString &name, const QString &value, const QString &where) -> Status {
        if (!value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
            return Done{};
        return invalid(RecipeText::tr("%1: the value of {{ %2 }} for site \"%3\" holds a line break, which "
                                      "would end the %4 it sits in (line %5 of the command); a value there "
                                      "must be one line.")
                           .arg(at, name, site.name, where)
                           .arg(line));
    };

    while (i < n) {
        ShellFrame &top = stack.back();
        // A here-document ends at the line that is its delimiter.
        if ((top.context == C::HereDoc || top.context == C::QuotedHereDoc) && lineStart) {
            qsizetype end = code.indexOf(QLatin1Char('\n'), i);
            if (end < 0)
                end = n;
            QStringView text = QStringView(code).mid(i, end - i);
            if (top.stripTabs)
                while (text.startsWith(QLatin1Char('\t')))
                    text = text.mid(1);
            if (text == top.delimiter) {
                copy(end - i);
                stack.pop_back();
                continue;
            }
        }
        if (code.at(i) == QLatin1Char('{') && charAt(i + 1) == QLatin1Char('{')) {
            const auto match = variablePattern().match(code, i, QRegularExpression::NormalMatch,
                                                       QRegularExpression::AnchorAtOffsetMatchOption);
            if (match.hasMatch()) {
                const QString name = match.captured(1);
                auto value = variableValue(name, site, at);
                if (!value)
                    return value.error();
                const QString &v = value.value();
                switch (top.context) {
                case C::Bare:
                    out += shellQuote(v);
                    break;
                case C::SingleQuoted:
                    out += QLatin1Char('\'') + shellQuote(v) + QLatin1Char('\'');
                    break;
                case C::DoubleQuoted:
                    out += escapeForDoubleQuotes(v, true);
                    break;
                case C::HereDoc:
                    if (auto ok = oneLine(name, v, RecipeText::tr("here-document")); !ok)
                        return ok.error();
                    out += escapeForDoubleQuotes(v, false);
                    break;
                case C::QuotedHereDoc:
                    if (auto ok = oneLine(name, v, RecipeText::tr("here-document")); !ok)
                        return ok.error();
                    out += v;
                    break;
                case C::Comment:
                    if (auto ok = oneLine(name, v, RecipeText::tr("comment")); !ok)
                        return ok.error();
                    out += v;
                    break;
                case C::Backquoted:
                    return refused(name, RecipeText::tr("a backquoted command `...`"));
                case C::AnsiQuoted:
                    return refused(name, RecipeText::tr("a $'...' string"));
                case C::Brace:
                    return refused(name, RecipeText::tr("a parameter expansion ${...}"));
                case C::Arithmetic:
                    return refused(name, RecipeText::tr("an arithmetic expansion $((...))"));
                }
                lineStart = false;
                i = match.capturedEnd();
                continue;
            }
        }
        const QChar c = code.at(i);
        switch (top.context) {
        case C::Bare:
            if (c == QLatin1Char('\\')) {
                copy(2);
            } else if (c == QLatin1Char('\'')) {
                copy(1);
                stack.push_back(shellFrame(C::SingleQuoted));
            } else if (c == QLatin1Char('"')) {
                copy(1);
                stack.push_back(shellFrame(C::DoubleQuoted));
            } else if (c == QLatin1Char('`')) {
                copy(1);
                stack.push_back(shellFrame(C::Backquoted));
            } else if (c == QLatin1Char('$') && charAt(i + 1) == QLatin1Char('\'')) {
                copy(2);
                stack.push_back(shellFrame(C::AnsiQuoted));
            } else if (dollar()) {
                // $( $(( ${ taken
            } else if (c == QLatin1Char('(') && top.parens > 0) {
                ++top.parens;
                copy(1);
            } else if (c == QLatin1Char(')') && top.parens > 0) {
                copy(1);
                if (--stack.back().parens == 0)
                    stack.pop_back();
            } else if (c == QLatin1Char('#') && startsWord(code, i)) {
                copy(1);
                stack.push_back(shellFrame(C::Comment));
            } else if (c == QLatin1Char('<') && charAt(i + 1) == QLatin1Char('<') &&
                       charAt(i + 2) != QLatin1Char('<')) {
                // A here-document: <<[-] then its delimiter word, quoted in part or whole or not.
                copy(2);
                ShellFrame doc = shellFrame(C::HereDoc);
                if (charAt(i) == QLatin1Char('-')) {
                    doc.stripTabs = true;
                    copy(1);
                }
                while (charAt(i) == QLatin1Char(' ') || charAt(i) == QLatin1Char('\t'))
                    copy(1);
                QChar quote;
                while (i < n) {
                    const QChar d = code.at(i);
                    if (quote.isNull() && (d.isSpace() || QStringLiteral(";&|()<>").contains(d)))
                        break;
                    if (!quote.isNull() && d == quote) {
                        quote = QChar();
                    } else if (quote.isNull() && (d == QLatin1Char('\'') || d == QLatin1Char('"'))) {
                        quote = d;
                        doc.context = C::QuotedHereDoc;
                    } else if (quote.isNull() && d == QLatin1Char('\\')) {
                        doc.context = C::QuotedHereDoc;
                        copy(1);
                        if (i < n)
                            doc.delimiter += code.at(i);
                    } else {
                        doc.delimiter += d;
                    }
                    copy(1);
                }
                if (!doc.delimiter.isEmpty())
                    pendingHereDocs.push_back(doc);
            } else if (c == QLatin1Char('\n') && !pendingHereDocs.empty()) {
                copy(1);
                stack.push_back(pendingHereDocs.front());
                pendingHereDocs.erase(pendingHereDocs.begin());
            } else {
                copy(1);
            }
            break;
        case C::SingleQuoted:
            copy(1);
            if (c == QLatin1Char('\''))
                stack.pop_back();
            break;
        case C::AnsiQuoted:
            if (c == QLatin1Char('\\')) {
                copy(2);
            } else {
                copy(1);
                if (c == QLatin1Char('\''))
                    stack.pop_back();
            }
            break;
        case C::DoubleQuoted:
        case C::HereDoc:
            if (c == QLatin1Char('\\')) {
                copy(2);
            } else if (c == QLatin1Char('"') && top.context == C::DoubleQuoted) {
                copy(1);
                stack.pop_back();
            } else if (c == QLatin1Char('`')) {
                copy(1);
                stack.push_back(shellFrame(C::Backquoted));
            } else if (!dollar()) {
                copy(1);
            }
            break;
        case C::Backquoted:
            if (c == QLatin1Char('\\')) {
                copy(2);
            } else {
                copy(1);
                if (c == QLatin1Char('`'))
                    stack.pop_back();
            }
            break;
        case C::Brace:
            copy(1);
            if (c == QLatin1Char('}'))
                stack.pop_back();
            break;
        case C::Arithmetic:
            if (c == QLatin1Char('(')) {
                ++top.parens;
                copy(1);
            } else if (c == QLatin1Char(')') && top.parens == 0 && charAt(i + 1) == QLatin1Char(')')) {
                copy(2);
                stack.pop_back();
            } else {
                if (c == QLatin1Char(')'))
                    --top.parens;
                copy(1);
            }
            break;
        case C::Comment:
            if (c == QLatin1Char('\n'))
                stack.pop_back(); // the line break itself belongs to what holds the comment
            else
                copy(1);
            break;
        case C::QuotedHereDoc:
            copy(1);
            break;
        }
        if (stack.empty()) // a stray ) at the top: the shell will say so
            stack.push_back(ShellFrame{});
    }
    return out;
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 1024 * 1024)
        return RecipeText::tr("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    if (bytes < qint64(1024) * 1024 * 1024)
        return RecipeText::tr("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    return RecipeText::tr("%1 GiB").arg(double(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 1);
}

namespace {

// Facts about local files, shared by the workers of every site: hashing a 20 MB model or running
// a program's --version once per deployment, not once per site.
struct LocalFacts
{
    qint64 size = -1;
    qint64 modified = 0;
    QString sha256;
    QString version;
    QString debPackage, debVersion;
};

std::mutex g_localMutex;
QMap<QString, LocalFacts> g_local;

// The cached facts of `path` (reset when its size or time changed); the caller holds g_localMutex.
LocalFacts &factsOf(const QString &path)
{
    const QFileInfo info(path);
    LocalFacts &facts = g_local[info.absoluteFilePath()];
    const qint64 modified = info.lastModified().toMSecsSinceEpoch();
    if (facts.size != info.size() || facts.modified != modified) {
        facts = LocalFacts{};
        facts.size = info.size();
        facts.modified = modified;
    }
    return facts;
}

FleetError localError(const QString &message)
{
    return FleetError(FleetErrorCode::LocalFileUnusable, QString(), message);
}

// The .deb's Package and Version fields (dpkg-deb on this machine).
Result<std::pair<QString, QString>> debFields(const QString &path, const QString &at)
{
    std::lock_guard lock(g_localMutex);
    LocalFacts &facts = factsOf(path);
    if (facts.debPackage.isEmpty()) {
        QProcess dpkg;
        dpkg.start(QStringLiteral("dpkg-deb"),
                   {QStringLiteral("--field"), path, QStringLiteral("Package"), QStringLiteral("Version")});
        if (!dpkg.waitForFinished(30000) || dpkg.exitStatus() != QProcess::NormalExit || dpkg.exitCode() != 0)
            return localError(RecipeText::tr("%1: cannot read the package %2 with dpkg-deb: %3")
                                  .arg(at, path,
                                       dpkg.error() == QProcess::FailedToStart
                                           ? RecipeText::tr("dpkg-deb is not installed on this machine.")
                                           : QString::fromUtf8(dpkg.readAllStandardError()).trimmed()));
        for (const QByteArray &line : dpkg.readAllStandardOutput().split('\n')) {
            if (line.startsWith("Package:"))
                facts.debPackage = QString::fromUtf8(line.mid(8)).trimmed();
            else if (line.startsWith("Version:"))
                facts.debVersion = QString::fromUtf8(line.mid(8)).trimmed();
        }
        if (facts.debPackage.isEmpty() || facts.debVersion.isEmpty())
            return localError(RecipeText::tr("%1: %2 has no Package or Version field.").arg(at, path));
    }
    return std::pair{facts.debPackage, facts.debVersion};
}

} // namespace

Result<QString> localFileSha256(const QString &path, const QString &at)
{
    std::lock_guard lock(g_localMutex);
    LocalFacts &facts = factsOf(path);
    if (facts.sha256.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return localError(
                RecipeText::tr("%1: cannot read the source %2: %3.").arg(at, path, file.errorString()));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!hash.addData(&file))
            return localError(
                RecipeText::tr("%1: cannot read the source %2: %3.").arg(at, path, file.errorString()));
        facts.sha256 = QString::fromLatin1(hash.result().toHex());
    }
    return facts.sha256;
}

Result<QString> localProgramVersion(const QString &path, const QString &at)
{
    std::lock_guard lock(g_localMutex);
    LocalFacts &facts = factsOf(path);
    if (facts.version.isEmpty()) {
        QProcess program;
        program.start(path, {QStringLiteral("--version")});
        if (!program.waitForFinished(60000) || program.exitStatus() != QProcess::NormalExit ||
            program.exitCode() != 0)
            return localError(RecipeText::tr("%1: %2 --version did not run here: %3")
                                  .arg(at, path,
                                       program.error() == QProcess::FailedToStart
                                           ? program.errorString()
                                           : QString::fromUtf8(program.readAllStandardError()).trimmed()));
        facts.version =
            QString::fromUtf8(program.readAllStandardOutput()).section(QLatin1Char('\n'), 0, 0).trimmed();
        if (facts.version.isEmpty())
            return localError(RecipeText::tr("%1: %2 --version printed nothing.").arg(at, path));
    }
    return facts.version;
}

namespace {

// The version localProgramVersion() found for `path` earlier in this process; empty when it has
// not run (nothing is run here).
QString knownProgramVersion(const QString &path)
{
    std::lock_guard lock(g_localMutex);
    return factsOf(path).version;
}

// "DIR/.NAME.tenkai-stamp" beside a remote file.
QString stampFor(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return path.left(slash + 1) + QStringLiteral(".%1.tenkai-stamp").arg(path.mid(slash + 1));
}

// The folder of a remote path ("." for a bare name).
QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QStringLiteral(".") : slash == 0 ? QStringLiteral("/") : path.left(slash);
}

QString joinPath(const QString &root, const QString &name)
{
    return root.endsWith(QLatin1Char('/')) ? QString(root + name) : QString(root + QLatin1Char('/') + name);
}

} // namespace

namespace {

// A site name as a word systemd accepts in a unit name (other characters become '_').
QString unitWord(const QString &text)
{
    QString word;
    for (const QChar c : text)
        word += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') || c == QLatin1Char('.')
                    ? c
                    : QLatin1Char('_');
    return word;
}

} // namespace

Result<std::vector<SiteResource>> resolveRecipe(const Recipe &recipe, const Site &site)
{
    const QDir base = QFileInfo(recipe.file).absoluteDir();
    std::vector<SiteResource> resolved;
    for (const Resource &declared : recipe.resources) {
        SiteResource r;
        r.resource = declared;
        Resource &resource = r.resource;
        const bool isFileLike =
            declared.kind == ResourceKind::Directory || declared.kind == ResourceKind::File ||
            declared.kind == ResourceKind::Template || declared.kind == ResourceKind::Model;
        resource.mode = isFileLike ? defaultMode(declared) : -1;
        // Paths are inserted as they are (they are quoted as a whole later); shell code gets each
        // value quoted.
        for (auto [field, quote] : {std::pair{&resource.path, false}, std::pair{&resource.creates, false},
                                    std::pair{&resource.run, true}, std::pair{&resource.unless, true},
                                    std::pair{&resource.start, true}, std::pair{&resource.pidFile, false},
                                    std::pair{&resource.stateDir, false}, std::pair{&resource.port, false}}) {
            auto expanded = quote ? expandShellVariables(*field, site, declared.at)
                                  : expandVariables(*field, site, declared.at);
            if (!expanded)
                return expanded.error();
            *field = expanded.value();
        }
        if (resource.kind != ResourceKind::Command && resource.path.isEmpty())
            return invalid(
                RecipeText::tr("%1: the path is empty for site \"%2\".").arg(declared.at, site.name));
        if (resource.kind == ResourceKind::File || resource.kind == ResourceKind::Template) {
            const QString source = base.filePath(declared.source);
            QFile file(source);
            if (!file.open(QIODevice::ReadOnly))
                return invalid(RecipeText::tr("%1: cannot read the source %2: %3.")
                                   .arg(declared.at, source, file.errorString()));
            r.content = file.readAll();
            if (resource.kind == ResourceKind::Template) {
                auto filled = expandVariables(QString::fromUtf8(r.content), site, declared.at);
                if (!filled)
                    return filled.error();
                r.content = filled.value().toUtf8();
            }
            r.sha256 =
                QString::fromLatin1(QCryptographicHash::hash(r.content, QCryptographicHash::Sha256).toHex());
            r.uploadBytes = r.content.size();
        }
        if (resource.kind == ResourceKind::Model || resource.kind == ResourceKind::Tenkaid) {
            r.localPath = base.filePath(declared.source);
            if (!QFileInfo(r.localPath).isFile())
                return invalid(RecipeText::tr("%1: the source %2 is not a readable file.")
                                   .arg(declared.at, r.localPath));
            // A model with a declared SHA-256 is compared by that value: a site that has it needs no
            // local hashing (20 MB are 0.1 s of CPU per apply). checkResources() verifies the source
            // against it before anything would be sent.
            if (resource.kind == ResourceKind::Model && !resource.sha256.isEmpty()) {
                r.sha256 = resource.sha256;
            } else {
                auto sha = localFileSha256(r.localPath, declared.at);
                if (!sha)
                    return sha.error();
                r.sha256 = sha.value();
            }
            r.uploadBytes = QFileInfo(r.localPath).size();
            r.stamp = stampFor(resource.path);
        }
        if (resource.kind == ResourceKind::Package) {
            if (!validPackageName(resource.path))
                return invalid(RecipeText::tr("%1: \"%2\" is not a Debian package name (lower-case letters, "
                                              "digits, +, - and .).")
                                   .arg(declared.at, resource.path));
            if (!declared.deb.isEmpty()) {
                r.localPath = base.filePath(declared.deb);
                auto fields = debFields(r.localPath, declared.at);
                if (!fields)
                    return fields.error();
                r.debPackage = fields.value().first;
                r.debVersion = fields.value().second;
                if (r.debPackage != resource.path.section(QLatin1Char(':'), 0, 0))
                    return invalid(RecipeText::tr("%1: %2 holds the package \"%3\", not \"%4\".")
                                       .arg(declared.at, r.localPath, r.debPackage, resource.path));
                r.uploadBytes = QFileInfo(r.localPath).size();
                // Uploaded into the site root, installed, removed. apt-get needs "./" or "/" to read a
                // path as a file.
                QString remote = joinPath(
                    site.root, QStringLiteral(".tenkai/%1_%2.deb")
                                   .arg(r.debPackage,
                                        QString(r.debVersion).replace(QLatin1Char(':'), QLatin1Char('%'))));
                if (!remote.startsWith(QLatin1Char('/')))
                    remote.prepend(QStringLiteral("./"));
                r.debRemote = remote;
            }
        }
        if (resource.kind == ResourceKind::Service || resource.kind == ResourceKind::Tenkaid) {
            const QString name =
                resource.kind == ResourceKind::Service ? resource.path : QStringLiteral("tenkaid");
            if (resource.pidFile.isEmpty())
                resource.pidFile = joinPath(site.root, QStringLiteral("run/%1.pid").arg(name));
            r.logFile = joinPath(site.root, QStringLiteral("log/%1.log").arg(name));
            // Local sites share this machine's user manager: their units carry the site's name.
            r.unit = site.transport == Transport::Local
                         ? QStringLiteral("tenkai-%1-%2.service").arg(unitWord(site.name), name)
                         : QStringLiteral("tenkai-%1.service").arg(name);
            if (resource.state.isEmpty())
                resource.state = QStringLiteral("running");
        }
        if (resource.kind == ResourceKind::Tenkaid) {
            if (resource.stateDir.isEmpty())
                resource.stateDir = joinPath(site.root, QStringLiteral("state"));
            bool ok = true;
            r.daemonPort = resource.port.isEmpty() ? (site.daemonPort ? site.daemonPort : 7470)
                                                   : resource.port.toInt(&ok);
            if (!ok || r.daemonPort < 1 || r.daemonPort > 65535)
                return invalid(RecipeText::tr("%1: field \"port\" must be a port number from 1 to 65535 (got "
                                              "\"%2\").")
                                   .arg(declared.at, resource.port));
            // The default start command; a recipe's "start" replaces it (variables quoted).
            if (resource.start.isEmpty())
                resource.start = QStringLiteral("exec %1 --state-dir %2 --port %3")
                                     .arg(shellQuote(resource.path), shellQuote(resource.stateDir),
                                          QString::number(r.daemonPort));
        }
        r.label = resource.kind == ResourceKind::Command
                      ? QStringLiteral("command %1").arg(resource.run)
                      : QStringLiteral("%1 %2").arg(kindName(resource.kind), resource.path);
        resolved.push_back(std::move(r));
    }
    return resolved;
}

Result<qint64> recipeUploadBytes(const Recipe &recipe, const Site &site)
{
    const QDir base = QFileInfo(recipe.file).absoluteDir();
    qint64 total = 0;
    for (const Resource &resource : recipe.resources) {
        QString source;
        if (resource.kind == ResourceKind::Package)
            source = resource.deb;
        else if (uploads(resource.kind))
            source = resource.source;
        if (source.isEmpty())
            continue;
        const QFileInfo info(base.filePath(source));
        if (!info.isFile())
            return invalid(RecipeText::tr("%1: the source %2 is not a readable file (site \"%3\").")
                               .arg(resource.at, info.filePath(), site.name));
        total += info.size();
    }
    return total;
}

namespace {

// What a 64-bit ELF program needs to start: its machine, as `uname -m` names it, and its DT_NEEDED
// libraries (the loader itself left out: it comes with the C library). Nothing for other files (a
// wrapper script, a 32-bit or big-endian program: the site finds out). A file that starts like a
// 64-bit little-endian ELF program but whose headers point outside it or past the bounds below is
// `damaged` (truncated by a copy, or crafted): it is refused, never half-read. Every size comes from
// the file, so each is checked against the file's real size before anything is allocated.
struct ProgramNeeds
{
    QString machine;
    QStringList libraries;
    bool damaged = false;
};

std::optional<ProgramNeeds> readProgramNeeds(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const std::uint64_t fileSize = std::uint64_t(file.size());
    const auto fits = [fileSize](std::uint64_t offset, std::uint64_t bytes) {
        return offset <= fileSize && bytes <= fileSize - offset;
    };
    const auto readAt = [&](std::uint64_t offset, void *into, std::uint64_t bytes) {
        return fits(offset, bytes) && file.seek(qint64(offset)) &&
               file.read(static_cast<char *>(into), qint64(bytes)) == qint64(bytes);
    };
    Elf64_Ehdr header{};
    if (!readAt(0, &header, sizeof header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
        header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB)
        return std::nullopt;
    ProgramNeeds needs;
    const auto damaged = [&needs] {
        needs.damaged = true;
        needs.libraries.clear();
        return needs;
    };
    if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0 || header.e_shnum > 4096 ||
        !fits(header.e_shoff, std::uint64_t(header.e_shnum) * sizeof(Elf64_Shdr)))
        return damaged();
    switch (header.e_machine) {
    case EM_X86_64:
        needs.machine = QStringLiteral("x86_64");
        break;
    case EM_AARCH64:
        needs.machine = QStringLiteral("aarch64");
        break;
    case EM_RISCV:
        needs.machine = QStringLiteral("riscv64");
        break;
    case EM_PPC64:
        needs.machine = QStringLiteral("ppc64le");
        break;
    case EM_S390:
        needs.machine = QStringLiteral("s390x");
        break;
    default:
        needs.machine = QStringLiteral("elf-machine-%1").arg(header.e_machine);
    }
    std::vector<Elf64_Shdr> sections(header.e_shnum);
    if (!readAt(header.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr)))
        return damaged();
    int dynamicSections = 0;
    for (const Elf64_Shdr &section : sections) {
        if (section.sh_type != SHT_DYNAMIC)
            continue;
        if (++dynamicSections > 1 || section.sh_link >= sections.size() || section.sh_size > 1024 * 1024 ||
            !fits(section.sh_offset, section.sh_size))
            return damaged();
        const Elf64_Shdr &strings = sections[section.sh_link];
        if (strings.sh_size > 16 * 1024 * 1024 || !fits(strings.sh_offset, strings.sh_size))
            return damaged();
        std::vector<Elf64_Dyn> entries(section.sh_size / sizeof(Elf64_Dyn));
        QByteArray text(qsizetype(strings.sh_size), '\0');
        if (!readAt(section.sh_offset, entries.data(), entries.size() * sizeof(Elf64_Dyn)) ||
            !readAt(strings.sh_offset, text.data(), std::uint64_t(text.size())))
            return damaged();
        for (const Elf64_Dyn &entry : entries) {
            if (entry.d_tag == DT_NULL)
                break;
            if (entry.d_tag != DT_NEEDED || entry.d_un.d_val >= std::uint64_t(text.size()))
                continue;
            const QString name = QString::fromLatin1(text.constData() + entry.d_un.d_val);
            if (!name.startsWith(QLatin1String("ld-")) && !name.startsWith(QLatin1String("ld64")))
                needs.libraries << name;
        }
    }
    return needs;
}

// `uname -m` names several machines for one ELF machine: i686 and armv7l are not built for here.
bool machineRuns(const QString &siteMachine, const QString &programMachine)
{
    return siteMachine == programMachine ||
           (programMachine == QLatin1String("ppc64le") && siteMachine == QLatin1String("ppc64"));
}

// Shell functions shared by the check and apply scripts (POSIX sh, Linux /proc). They run on every
// check and in the start loops, so they fork as little as possible: pid files and /proc are read
// with builtins, and systemctl is only asked when a user manager can be there at all.
QString prelude()
{
    return QStringLiteral(
        // tk_pid FILE: the number in a pid file, in $q (empty when none).
        "tk_pid() { q=; [ -r \"$1\" ] && read -r q < \"$1\"; case $q in ''|*[!0-9]*) q=;; esac; }\n"
        // tk_alive PID: the process exists and is not a zombie (the state after "(comm) ").
        "tk_alive() { [ -n \"$1\" ] && kill -0 \"$1\" 2>/dev/null && read -r tk_st < \"/proc/$1/stat\" && "
        "case ${tk_st##*\\) } in Z*) return 1;; esac; }\n"
        // tk_listening HEXPORT: something listens on that TCP port (":1F90" for 8080).
        "tk_listening() { grep -qsE \"^ *[0-9]+: [0-9A-F]+$1 [0-9A-F]+:[0-9A-F]+ 0A \" /proc/net/tcp "
        "/proc/net/tcp6; }\n"
        // tk_free PATH: free KiB and mount point of the nearest existing folder.
        "tk_free() { d=$1; while [ ! -d \"$d\" ]; do n=$(dirname -- \"$d\"); [ \"$n\" = \"$d\" ] && break; "
        "d=$n; done; df -Pk -- \"$d\" 2>/dev/null | awk 'NR==2 {f=$4; sub(/^([^ ]+ +){5}/, \"\"); print f, "
        "$0}'; }\n"
        // tk_sum FILE STAMP: $sum (SHA-256), $mode and $stamped (the rest of the stamp: a version), from
        // the stamp while the file's size, inode and time match it, else computed ($stamped empty).
        "tk_sum() { st=$(stat -c '%s %i %.9Y %a' -- \"$1\") || return 1; mode=${st##* }; st=${st% *}; "
        "stamped=; if [ -r \"$2\" ] && read -r s1 s2 s3 s4 rest < \"$2\" && [ \"$s1 $s2 $s3\" = \"$st\" ]; "
        "then sum=$s4; stamped=$rest; else sum=$(sha256sum < \"$1\") || return 1; sum=${sum%% *}; fi; }\n"
        // tk_usd: a systemd user manager can answer (its socket is there and systemctl exists).
        "tk_usd() { { [ -n \"$XDG_RUNTIME_DIR\" ] && [ -S \"$XDG_RUNTIME_DIR/systemd/private\" ]; } || "
        "[ -n \"$DBUS_SESSION_BUS_ADDRESS\" ] && command -v systemctl >/dev/null 2>&1; }\n"
        // tk_systemd: a systemd user manager answers.
        "tk_systemd() { tk_usd && systemctl --user show-environment >/dev/null 2>&1; }\n");
}

// ":1F90": a port as /proc/net/tcp writes it, for tk_listening.
QString hexPort(int port)
{
    return QStringLiteral(":%1").arg(port, 4, 16, QLatin1Char('0')).toUpper();
}

QString processCheck(const SiteResource &sr)
{
    // "running", "running-systemd" or "stopped"
    return QStringLiteral("tk_pid %1; if tk_alive \"$q\"; then r=running; elif tk_usd && "
                          "systemctl --user is-active --quiet %2 2>/dev/null; then r=running-systemd; "
                          "else r=stopped; fi; ")
        .arg(shellQuote(sr.resource.pidFile), shellQuote(sr.unit));
}

QString stopScript(const SiteResource &sr)
{
    return QStringLiteral(
               "p=%1; tk_pid \"$p\"; if tk_alive \"$q\"; then env kill -s TERM -- \"-$q\" 2>/dev/null || "
               "kill "
               "-s TERM \"$q\"; i=0; while tk_alive \"$q\" && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); "
               "done; "
               "if tk_alive \"$q\"; then env kill -s KILL -- \"-$q\" 2>/dev/null || kill -s KILL \"$q\"; fi; "
               "fi; rm -f -- \"$p\"; if tk_usd && systemctl --user is-active "
               "--quiet %2 2>/dev/null; then systemctl --user stop %2 || exit 1; fi\n")
        .arg(shellQuote(sr.resource.pidFile), shellQuote(sr.unit));
}

// Starts the process under the systemd user manager when one answers, else detached (setsid,
// nohup) with its pid in the pid file and its output appended to the log. `waitPort`: wait until
// it listens there; else wait a moment and make sure it did not exit at once. `readyFile` (optional):
// a file the process writes once it listens (tenkaid's STATE/tenkaid.port), removed before the
// start; the loop looks for it with a shell builtin and reads /proc/net/tcp (a grep) only once it
// is there, or every 2 s for a process that does not write it.
QString startScript(const SiteResource &sr, int waitPort, const QString &readyFile = {})
{
    const Resource &r = sr.resource;
    QString script = readyFile.isEmpty()
                         ? QStringLiteral("w=; ")
                         : QStringLiteral("w=%1; rm -f -- \"$w\"; ").arg(shellQuote(readyFile));
    script +=
        QStringLiteral(
            "p=%1; l=%2; mkdir -p -- %5 || exit 1; "
            "if tk_systemd && command -v systemd-run >/dev/null 2>&1; then "
            "systemctl --user reset-failed %3 >/dev/null 2>&1; "
            "systemd-run --user --quiet --collect --unit=%3 sh -c %4 || exit 1; "
            "else rm -f -- \"$p\"; nohup setsid sh -c 'echo $$ > \"$0\" && exec sh -c \"$1\"' \"$p\" %4 "
            "</dev/null >>\"$l\" 2>&1 & "
            "i=0; while [ ! -s \"$p\" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; fi\n")
            .arg(shellQuote(r.pidFile), shellQuote(sr.logFile), shellQuote(sr.unit), shellQuote(r.start),
                 shellCommand({folderOf(r.pidFile), folderOf(sr.logFile)}));
    const QString died = RecipeText::tr("it exited at once; the end of its log %1:").arg(sr.logFile);
    const QString alive =
        QStringLiteral("{ tk_pid \"$p\"; tk_alive \"$q\" || { tk_usd && systemctl --user is-active --quiet "
                       "%1 2>/dev/null; }; }")
            .arg(shellQuote(sr.unit));
    if (waitPort > 0)
        script +=
            // Polled every 0.05 s for the first half second, then every 0.2 s up to 30 s. A grep of
            // /proc/net/tcp costs a process and the kernel's listing of every socket: with ten sites
            // starting on busy CPUs, grepping at every poll took more CPU than the uploads.
            QStringLiteral("i=0; while [ $i -lt 158 ]; do "
                           "if [ -z \"$w\" ] || [ -s \"$w\" ] || [ $((i % 10)) -eq 9 ]; then "
                           "tk_listening %1 && exit 0; fi; %2 || break; "
                           "if [ $i -lt 10 ]; then sleep 0.05; else sleep 0.2; fi; i=$((i+1)); done; "
                           "if %2; then echo %3 >&2; exit 6; fi; ")
                .arg(hexPort(waitPort), alive,
                     shellQuote(RecipeText::tr("it does not listen on port %1 after 30 s.").arg(waitPort)));
    else
        script += QStringLiteral("sleep 0.3; %1 && exit 0; ").arg(alive);
    script +=
        QStringLiteral("printf '%s\\n' %1 >&2; tail -n 5 -- \"$l\" >&2; exit 7\n").arg(shellQuote(died));
    return script;
}

} // namespace

namespace {

// "SHA256 MODE" as a check prints a file in its declared state (stat's %a: octal, no leading 0).
QString declaredFile(const SiteResource &sr)
{
    return shellQuote(QStringLiteral("%1 %2").arg(sr.sha256, QString::number(sr.resource.mode, 8)));
}

} // namespace

Result<std::vector<PlannedChange>> checkResources(SiteShell &session,
                                                  const std::vector<SiteResource> &resources)
{
    // One script, one line per resource ("INDEX STATE ..."), so a check costs one round trip.
    QString script = prelude() + QStringLiteral("u=\n");
    for (std::size_t i = 0; i < resources.size(); ++i) {
        const SiteResource &sr = resources[i];
        const Resource &r = sr.resource;
        const QString index = QString::number(i);
        const QString path = shellQuote(r.path);
        switch (r.kind) {
        case ResourceKind::Directory:
            script += QStringLiteral(
                          "if [ -d %1 ]; then printf '%2 dir %s\\n' \"$(stat -c %a -- %1)\"; "
                          "elif [ -e %1 ] || [ -L %1 ]; then echo '%2 other'; else echo '%2 missing'; fi\n")
                          .arg(path, index);
            break;
        case ResourceKind::File:
        case ResourceKind::Template:
            script += QStringLiteral(
                          "if [ -f %1 ] && s=$(sha256sum < %1) && m=$(stat -c %a -- %1); then "
                          "printf '%2 file %s %s\\n' \"${s%% *}\" \"$m\"; [ \"${s%% *} $m\" = %3 ] || u=1; "
                          "elif [ -f %1 ]; then echo '%2 unreadable'; u=1; "
                          "elif [ -e %1 ] || [ -L %1 ]; then echo '%2 other'; u=1; else echo '%2 missing'; "
                          "u=1; fi\n")
                          .arg(path, index, declaredFile(sr));
            break;
        case ResourceKind::Model:
            script += QStringLiteral(
                          "if [ -f %1 ]; then if tk_sum %1 %3; then printf '%2 file %s %s\\n' \"$sum\" "
                          "\"$mode\"; [ \"$sum $mode\" = %4 ] || u=1; else echo '%2 unreadable'; u=1; fi; "
                          "elif [ -e %1 ] || [ -L %1 ]; then echo '%2 other'; u=1; else echo '%2 missing'; "
                          "u=1; fi\n")
                          .arg(path, index, shellQuote(sr.stamp), declaredFile(sr));
            break;
        case ResourceKind::Command: {
            QStringList done;
            if (!r.creates.isEmpty())
                done << QStringLiteral("[ -e %1 ]").arg(shellQuote(r.creates));
            if (!r.unless.isEmpty())
                done << QStringLiteral("( %1 ) </dev/null >/dev/null 2>&1").arg(r.unless);
            script += done.isEmpty() ? QStringLiteral("echo '%1 run'\n").arg(index)
                                     : QStringLiteral("if %1; then echo '%2 done'; else echo '%2 run'; fi\n")
                                           .arg(done.join(QStringLiteral(" || ")), index);
            break;
        }
        case ResourceKind::Package:
            // "installed VERSION" or "absent CANDIDATE" (apt's, "(none)" when it knows none).
            script +=
                QStringLiteral("s=$(dpkg-query -W -f='${db:Status-Abbrev} ${Version}' -- %1 2>/dev/null); "
                               "case $s in ii*) printf '%2 pkg installed %s\\n' \"${s#ii* }\";; "
                               "*) c=%3; printf '%2 pkg absent %s\\n' \"${c:-(none)}\";; esac\n")
                    .arg(
                        path, index,
                        sr.localPath.isEmpty()
                            ? QStringLiteral("$(apt-cache policy -- %1 2>/dev/null | awk '$1==\"Candidate:\" "
                                             "{print $2}')")
                                  .arg(path)
                            : QStringLiteral("deb"));
            break;
        case ResourceKind::Service:
            script += processCheck(sr) + QStringLiteral("echo \"%1 svc $r\"\n").arg(index);
            break;
        case ResourceKind::Tenkaid:
            // The binary is run (--version, which maps LibTorch) only when its stamp is stale and
            // it is not this build: a binary Tenkai did not install, or another build. Running and
            // answering come from the pid file and /proc/net/tcp, at no LibTorch cost.
            script += QStringLiteral(
                          "b=%1; if [ -f \"$b\" ]; then tk_sum \"$b\" %2 || sum=-; [ -n \"$stamped\" ] || "
                          "[ \"$sum\" = %3 ] || stamped=$(\"$b\" --version 2>/dev/null | head -n 1); "
                          "else sum=-; stamped=; fi; [ \"$sum\" = %3 ] || u=1; ")
                          .arg(path, shellQuote(sr.stamp), sr.sha256) +
                      processCheck(sr) +
                      QStringLiteral("if [ $r != stopped ]; then tk_listening %1 && r=answering; fi; "
                                     "printf '%2 tenkaid %s %s %s\\n' \"$r\" \"$sum\" \"$stamped\"\n")
                          .arg(hexPort(sr.daemonPort), index);
            // Only when it will be uploaded: the site's machine and which of the binary's libraries its
            // loader does not know ("?" when the site has no ldconfig to ask).
            if (const auto needs = readProgramNeeds(sr.localPath); needs && !needs->damaged) {
                // The names come from a file: each one word to the site's shell, whatever it holds.
                QStringList names;
                for (const QString &name : needs->libraries)
                    names << shellQuote(name);
                script +=
                    QStringLiteral("[ -z \"$u\" ] || { l=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p "
                                   "2>/dev/null); t=$(printf '\\t'); x=; [ -n \"$l\" ] || x=' ?'; "
                                   "[ -z \"$l\" ] || for n in %1; do case $l in *\"$t$n (\"*) ;; *) "
                                   "x=\"$x $n\";; esac; done; printf '%2 libs %s%s\\n' \"$(uname -m)\" "
                                   "\"$x\"; }\n")
                        .arg(names.join(QLatin1Char(' ')), index);
            }
            break;
        }
        // Free space where an upload would land, only when this resource may upload ($u): a
        // no-change check spends no df on it.
        if (sr.uploadBytes > 0)
            script += (r.kind == ResourceKind::Package ? QStringLiteral("u=1; ") : QString()) +
                      QStringLiteral("[ -z \"$u\" ] || printf '%1 free %s\\n' \"$(tk_free %2)\"; u=\n")
                          .arg(index, shellQuote(r.kind == ResourceKind::Package ? sr.debRemote : r.path));
    }
    auto ran = session.exec(script);
    if (!ran)
        return ran.error();
    QMap<int, QStringList> states;
    QMap<int, QStringList> free;
    QMap<int, QStringList> libraries;
    for (const QByteArray &line : ran.value().out.split('\n')) {
        const QStringList words = QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        bool ok = false;
        const int index = words.value(0).toInt(&ok);
        if (ok && words.size() > 1)
            (words.at(1) == QLatin1String("free")   ? free
             : words.at(1) == QLatin1String("libs") ? libraries
                                                    : states)
                .insert(index, words.mid(1));
    }
    std::vector<PlannedChange> plan;
    for (std::size_t i = 0; i < resources.size(); ++i) {
        const SiteResource &sr = resources[i];
        const Resource &r = sr.resource;
        const QStringList state = states.value(int(i));
        if (state.isEmpty())
            return FleetError(FleetErrorCode::CommandFailed, session.siteName(),
                              RecipeText::tr("Site %1: checking %2 (%3) gave no answer: %4")
                                  .arg(session.describeTarget(), sr.label, r.at,
                                       QString::fromUtf8(ran.value().err).trimmed()));
        PlannedChange change;
        if (const QStringList f = free.value(int(i)); f.size() >= 2) {
            bool ok = false;
            const qint64 kb = f.at(1).toLongLong(&ok);
            change.freeBytes = ok ? kb * 1024 : -1;
            change.mount = f.mid(2).join(QLatin1Char(' '));
        }
        if (const QStringList l = libraries.value(int(i)); l.size() >= 2) {
            change.siteMachine = l.at(1);
            change.missingLibraries = l.mid(2);
            change.missingLibraries.removeAll(QStringLiteral("?"));
        }
        const QString what = state.at(0);
        auto modeOf = [&](const QString &text) {
            bool ok = false;
            const int mode = text.toInt(&ok, 8);
            return ok ? mode : -1;
        };
        if (what == QLatin1String("missing")) {
            change.change = Change::Create;
            change.detail = r.kind == ResourceKind::Directory
                                ? RecipeText::tr("mode %1").arg(octal(r.mode))
                                : RecipeText::tr("%1, sha256 %2, mode %3")
                                      .arg(formatBytes(sr.uploadBytes), sr.sha256.left(12), octal(r.mode));
        } else if (what == QLatin1String("other") || what == QLatin1String("unreadable")) {
            change.change = Change::Update;
            change.detail = what == QLatin1String("other")
                                ? RecipeText::tr("something else is in the way (not a %1)")
                                      .arg(r.kind == ResourceKind::Directory ? RecipeText::tr("folder")
                                                                             : RecipeText::tr("file"))
                                : RecipeText::tr("present but unreadable");
        } else if (what == QLatin1String("dir")) {
            const int mode = modeOf(state.value(1));
            if (mode != r.mode) {
                change.change = Change::Update;
                change.detail = RecipeText::tr("mode %1 -> %2").arg(octal(mode), octal(r.mode));
            }
        } else if (what == QLatin1String("file")) {
            QStringList differences;
            if (state.value(1) != sr.sha256)
                differences
                    << RecipeText::tr("sha256 %1 -> %2").arg(state.value(1).left(12), sr.sha256.left(12));
            if (const int mode = modeOf(state.value(2)); mode != r.mode)
                differences << RecipeText::tr("mode %1 -> %2").arg(octal(mode), octal(r.mode));
            if (!differences.isEmpty()) {
                change.change = Change::Update;
                change.detail = differences.join(QStringLiteral(", "));
            }
        } else if (what == QLatin1String("run")) {
            change.change = Change::Run;
        } else if (what == QLatin1String("pkg")) {
            const QString version = state.value(2);
            if (state.value(1) == QLatin1String("installed")) {
                if (!sr.localPath.isEmpty() && version != sr.debVersion) {
                    change.change = Change::Update;
                    change.detail = RecipeText::tr("version %1 -> %2 from %3")
                                        .arg(version, sr.debVersion, QFileInfo(sr.localPath).fileName());
                }
            } else {
                change.change = Change::Create;
                if (!sr.localPath.isEmpty())
                    change.detail = RecipeText::tr("not installed; will install version %1 from %2 (%3)")
                                        .arg(sr.debVersion, QFileInfo(sr.localPath).fileName(),
                                             formatBytes(sr.uploadBytes));
                else if (version == QLatin1String("(none)"))
                    change.detail =
                        RecipeText::tr("not installed, and apt on the site knows no such package: "
                                       "the apply will fail (give a \"deb\" or add its repository)");
                else
                    change.detail =
                        RecipeText::tr("not installed; apt-get will install version %1").arg(version);
            }
        } else if (what == QLatin1String("svc")) {
            const bool running = state.value(1) != QLatin1String("stopped");
            const QString how = state.value(1) == QLatin1String("running-systemd")
                                    ? RecipeText::tr("under systemd --user")
                                    : RecipeText::tr("pid file %1").arg(r.pidFile);
            if (r.state == QLatin1String("stopped")) {
                if (running) {
                    change.change = Change::Update;
                    change.steps = StepStop;
                    change.detail = RecipeText::tr("running (%1): stop").arg(how);
                }
            } else if (r.state == QLatin1String("restarted")) {
                change.change = Change::Run;
                change.steps = (running ? StepStop : 0) | StepStart;
                change.detail = running ? RecipeText::tr("restart") : RecipeText::tr("start");
            } else if (!running) {
                change.change = Change::Create;
                change.steps = StepStart;
                change.detail = RecipeText::tr("start: %1").arg(r.start);
            }
        } else if (what == QLatin1String("tenkaid")) {
            const QString run = state.value(1);
            const QString remoteSha = state.value(2);
            const QString remoteVersion = state.mid(3).join(QLatin1Char(' '));
            QStringList details;
            if (remoteSha == QLatin1String("-")) {
                change.change = Change::Create;
                change.steps = StepUpload;
                details << RecipeText::tr("install (%1)").arg(formatBytes(sr.uploadBytes));
            } else if (remoteSha != sr.sha256) {
                // Another build: the version decides (a rebuild of the same version stays).
                auto local = localProgramVersion(sr.localPath, r.at);
                if (!local)
                    return local.error();
                if (remoteVersion != local.value()) {
                    change.change = Change::Update;
                    change.steps = StepUpload;
                    details << RecipeText::tr("version \"%1\" -> \"%2\"")
                                   .arg(remoteVersion.isEmpty() ? RecipeText::tr("unknown") : remoteVersion,
                                        local.value());
                }
            }
            const bool running = run != QLatin1String("stopped");
            if (change.steps & StepUpload) {
                change.steps |= (running ? StepStop : 0) | StepStart;
                details << (running ? RecipeText::tr("restart on port %1")
                                    : RecipeText::tr("start on port %1"))
                               .arg(sr.daemonPort);
            } else if (!running) {
                change.change = Change::Update;
                change.steps = StepStart;
                details << RecipeText::tr("not running: start on port %1").arg(sr.daemonPort);
            } else if (run != QLatin1String("answering")) {
                change.change = Change::Update;
                change.steps = StepStop | StepStart;
                details << RecipeText::tr("running but not listening on port %1: restart").arg(sr.daemonPort);
            }
            change.detail = details.join(QStringLiteral(", "));
        }
        // A model that will be uploaded: its source must have the SHA-256 the recipe declares.
        if (r.kind == ResourceKind::Model && change.change != Change::None && !r.sha256.isEmpty()) {
            auto sha = localFileSha256(sr.localPath, r.at);
            if (!sha)
                return sha.error();
            if (sha.value() != r.sha256)
                return FleetError(FleetErrorCode::ChecksumMismatch, session.siteName(),
                                  RecipeText::tr("%1: the source %2 has SHA-256 %3, not the %4 the recipe "
                                                 "expects; nothing was sent.")
                                      .arg(r.at, sr.localPath, sha.value(), r.sha256));
        }
        plan.push_back(change);
    }
    return plan;
}

Status checkDiskSpace(const QString &siteDescription, const QString &siteName,
                      const std::vector<SiteResource> &resources, const std::vector<PlannedChange> &plan)
{
    // Bytes per file system; a file's temporary copy needs its full size beside the old one.
    QMap<QString, std::pair<qint64, qint64>> needed; // mount -> (bytes, free)
    for (std::size_t i = 0; i < resources.size() && i < plan.size(); ++i) {
        const PlannedChange &p = plan[i];
        const bool uploadsNow = resources[i].uploadBytes > 0 &&
                                (p.steps & StepUpload || (p.change != Change::None && p.steps == 0));
        if (!uploadsNow || p.freeBytes < 0)
            continue;
        auto &entry = needed[p.mount];
        entry.first += resources[i].uploadBytes;
        entry.second = p.freeBytes;
    }
    for (auto it = needed.cbegin(); it != needed.cend(); ++it)
        if (it.value().first > it.value().second)
            return FleetError(FleetErrorCode::CommandFailed, siteName,
                              RecipeText::tr("Site %1: not enough disk space: the recipe uploads %2 to %3, "
                                             "which has %4 free; nothing was changed.")
                                  .arg(siteDescription, formatBytes(it.value().first),
                                       it.key().isEmpty() ? RecipeText::tr("the file system") : it.key(),
                                       formatBytes(it.value().second)));
    return Done{};
}

Status checkProgramFits(const QString &siteDescription, const QString &siteName,
                        const std::vector<SiteResource> &resources, const std::vector<PlannedChange> &plan)
{
    for (std::size_t i = 0; i < resources.size() && i < plan.size(); ++i) {
        const PlannedChange &p = plan[i];
        if (resources[i].resource.kind != ResourceKind::Tenkaid || !(p.steps & StepUpload))
            continue;
        const auto needs = readProgramNeeds(resources[i].localPath);
        if (!needs)
            continue;
        const QString program = QFileInfo(resources[i].localPath).fileName();
        if (needs->damaged)
            return FleetError(FleetErrorCode::InvalidTarget, siteName,
                              RecipeText::tr("%1 (%2) is a damaged program: its ELF headers point outside "
                                             "the file (cut short by a copy?). Build or copy it again; "
                                             "nothing was sent to site %3.")
                                  .arg(resources[i].localPath, resources[i].resource.at, siteDescription));
        if (p.siteMachine.isEmpty())
            continue;
        if (!machineRuns(p.siteMachine, needs->machine))
            return FleetError(
                FleetErrorCode::InvalidTarget, siteName,
                RecipeText::tr("Site %1 is %2, and %3 (%4) is built for %5: it cannot run "
                               "there. Give the site daemon: package with a tenkaid package "
                               "built for it (docs/deployment.md); nothing was changed.")
                    .arg(siteDescription, p.siteMachine, program, resources[i].resource.at, needs->machine));
        if (!p.missingLibraries.isEmpty())
            return FleetError(
                FleetErrorCode::InvalidTarget, siteName,
                RecipeText::tr("Site %1 lacks libraries that %2 needs to start: %3. Give the site "
                               "daemon: package, whose Depends apt installs (docs/deployment.md), or install "
                               "them there; nothing was changed.")
                    .arg(siteDescription, program, p.missingLibraries.join(QStringLiteral(", "))));
    }
    return Done{};
}

namespace {

Status failed(SiteShell &session, const SiteResource &sr, const ExecResult &result)
{
    const QString err = QString::fromUtf8(result.err).trimmed();
    return FleetError(FleetErrorCode::CommandFailed, session.siteName(),
                      RecipeText::tr("Site %1: %2 (%3) failed with status %4: %5")
                          .arg(session.describeTarget(), sr.label, sr.resource.at,
                               QString::number(result.exitStatus),
                               err.isEmpty() ? RecipeText::tr("no message")
                               : sr.resource.kind == ResourceKind::Command
                                   ? err.section(QLatin1Char('\n'), -1)
                                   : err.split(QLatin1Char('\n')).join(QStringLiteral(" | "))));
}

Status run(SiteShell &session, const SiteResource &sr, const QString &script,
           std::chrono::milliseconds timeout = std::chrono::milliseconds(600000))
{
    auto ran = session.exec(script, ExecOptions{{}, timeout});
    if (!ran)
        return ran.error();
    if (ran.value().exitStatus != 0)
        return failed(session, sr, ran.value());
    return Done{};
}

// Records size, inode and time of a file just put in place with its SHA-256 (and for a program its
// version, when known), so later checks need not hash it or run it. The upload verified the
// SHA-256 on the site, so the file is the source byte for byte and the source's version is its
// version: the site does not run it (for tenkaid that would map LibTorch once more).
QString stampScript(const SiteResource &sr, const QString &version)
{
    return QStringLiteral(
               "k=%1; st=$(stat -c '%s %i %.9Y' -- %2) || exit 1; "
               "printf '%s %s%s\\n' \"$st\" %3 %4 >| \"$k.tmp\" && mv -f -- \"$k.tmp\" \"$k\" || exit 1\n")
        .arg(shellQuote(sr.stamp), shellQuote(sr.resource.path), sr.sha256,
             version.isEmpty() ? QStringLiteral("''") : shellQuote(QLatin1Char(' ') + version));
}

// Judges what an upload followed by a script returned, like run().
Status judged(SiteShell &session, const SiteResource &sr, const Result<ExecResult> &ran)
{
    if (!ran)
        return ran.error();
    if (ran.value().exitStatus != 0)
        return failed(session, sr, ran.value());
    return Done{};
}

} // namespace

Status applyResource(SiteShell &session, const SiteResource &sr, const PlannedChange &planned)
{
    const Resource &r = sr.resource;
    switch (r.kind) {
    case ResourceKind::File:
    case ResourceKind::Template:
        return session.uploadData(sr.content, r.path, UploadOptions{r.mode});
    case ResourceKind::Model:
        // One remote command: the folder, the upload verified by SHA-256, the stamp.
        return judged(session, sr,
                      session.uploadThenRun(sr.localPath, r.path, UploadOptions{r.mode, true, sr.sha256},
                                            stampScript(sr, QString()), std::chrono::milliseconds(60000)));
    case ResourceKind::Package: {
        QString script =
            QStringLiteral("if [ \"$(id -u)\" = 0 ]; then s=; else s='sudo -n'; fi; ") +
            QStringLiteral(
                "$s env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "
                "-o DPkg::Lock::Timeout=300 -- %1");
        if (sr.localPath.isEmpty())
            return run(session, sr, script.arg(shellQuote(r.path)));
        // Uploaded (its folder made), installed and removed in one remote command.
        return judged(session, sr,
                      session.uploadThenRun(sr.localPath, sr.debRemote, UploadOptions{0644, true, sr.sha256},
                                            QStringLiteral("d=%1; ").arg(shellQuote(sr.debRemote)) +
                                                script.arg(QStringLiteral("\"$d\"")) +
                                                QStringLiteral("; e=$?; rm -f -- \"$d\"; exit $e"),
                                            std::chrono::milliseconds(600000)));
    }
    case ResourceKind::Service:
    case ResourceKind::Tenkaid: {
        QString script = prelude();
        // The stamp carries the version when this process already knows it (a check compared it
        // with another build's); a first install does not run the local binary just for that.
        if (planned.steps & StepUpload)
            script += stampScript(sr, knownProgramVersion(sr.localPath));
        if (planned.steps & StepStop)
            script += stopScript(sr);
        if (planned.steps & StepStart)
            script +=
                r.kind == ResourceKind::Tenkaid
                    ? startScript(sr, sr.daemonPort, joinPath(r.stateDir, QStringLiteral("tenkaid.port")))
                    : startScript(sr, 0);
        // A new binary: uploaded (its folder made, SHA-256 verified on the site), stamped, the old
        // daemon stopped and the new one started, all in one remote command.
        if (planned.steps & StepUpload)
            return judged(session, sr,
                          session.uploadThenRun(sr.localPath, r.path, UploadOptions{0755, true, sr.sha256},
                                                script, std::chrono::milliseconds(600000)));
        return run(session, sr, script);
    }
    case ResourceKind::Directory:
    case ResourceKind::Command:
        break;
    }
    const QString command =
        r.kind == ResourceKind::Directory
            ? QStringLiteral("mkdir -p -- %1 && chmod %2 -- %1").arg(shellQuote(r.path), octal(r.mode))
            : r.run;
    auto ran = session.exec(command);
    if (!ran)
        return ran.error();
    if (ran.value().exitStatus != 0)
        return failed(session, sr, ran.value());
    return Done{};
}

} // namespace tenkai::fleet
