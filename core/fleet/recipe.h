// Recipe: the declared state of a site as a list of idempotent resources (directory, file,
// template, command, package, service, tenkaid, model), each with check -> plan -> apply over one
// SshSession.
#pragma once

#include "fleet/fleet_error.h"
#include "fleet/inventory.h"
#include "fleet/ssh_session.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace tenkai::fleet {

enum class ResourceKind
{
    Directory, // path, mode: the folder exists (with its parents) and has the mode
    File,      // path, source, mode: the file has the source's bytes (SHA-256) and the mode
    Template,  // path, source, mode: like File, with {{ variables }} of the site filled in
    Command,   // run, unless, creates: runs unless the guard says it is done (no guard: every time)
    Package,   // path = package name, deb: installed (dpkg); from apt, or from an uploaded .deb
    Service,   // path = service name, start, state, pid_file: a supervised process is running/stopped
    Tenkaid,   // path = remote binary, source, state_dir, port, start: right version, running, answering
    Model,     // path, source, sha256, mode: a model file deployed and verified by SHA-256
};

// One resource as written in the recipe; paths and commands may hold {{ variables }}.
struct Resource
{
    ResourceKind kind = ResourceKind::Command;
    QString path;     // directory, file, template: the remote path (relative: to the user's home)
    QString source;   // file, template: the local file (relative: to the recipe's folder)
    int mode = -1;    // permissions; -1: directories 0755, files 0644
    QString run;      // command
    QString unless;   // command: skip when this exits 0
    QString creates;  // command: skip when this path exists
    QString deb;      // package: a local .deb to upload and install (relative: to the recipe's folder)
    QString state;    // service: running (default), stopped or restarted
    QString start;    // service, tenkaid: the shell command that runs the process in the foreground
    QString pidFile;  // service, tenkaid: default ROOT/run/NAME.pid
    QString sha256;   // model: the expected SHA-256 of the source (checked before anything is sent)
    QString stateDir; // tenkaid: --state-dir (default ROOT/state)
    QString port;     // tenkaid: --port (default the site's daemon_port, else tenkaid's default)
    QString at;       // "recipe:line" for messages
};

struct Recipe
{
    QString file;
    std::vector<Resource> resources;
};

// Reads a recipe (format in docs/formats.md); errors name file:line and the field.
Result<Recipe> loadRecipe(const QString &path);
Result<Recipe> parseRecipe(const QByteArray &yaml, const QString &fileName);

// Fills "{{ name }}", "{{ host }}", "{{ user }}", "{{ port }}", "{{ root }}", "{{ daemon_port }}" and
// "{{ labels.KEY }}" from the site. An unknown variable is an error naming it.
Result<QString> expandVariables(const QString &text, const Site &site, const QString &at);

// The same for shell code (a command's `run`, `unless`, a service's `start`): each value is quoted
// for where it lands, so that it stays exactly its own text and runs nothing: a bare word is
// single-quoted; inside '...' the quotes are closed around a quoted value; inside "..." and in a
// here-document that expands, \ $ ` and " are escaped; a quoted here-document takes it as it is.
// Where no quoting holds (inside `...`, ${...} or $((...)), or a line break in a value that would
// end a here-document or a comment) it is an error naming `at`, the command's line and the
// variable.
Result<QString> expandShellVariables(const QString &code, const Site &site, const QString &at);

// A resource made concrete for one site: variables filled, sources read and hashed.
struct SiteResource
{
    Resource resource;
    QString label;          // "file /srv/tenkai/bin/tenkaid"
    QByteArray content;     // file, template: the bytes to upload
    QString sha256;         // of content, or of localPath (model, tenkaid, package with a deb)
    QString localPath;      // model, tenkaid, package with a deb: the local file, streamed when uploaded
    qint64 uploadBytes = 0; // what an apply uploads when this resource changes
    QString debPackage;     // package with a deb: the Package and Version fields of the .deb
    QString debVersion;
    QString debRemote;  // package with a deb: where it is uploaded before installing
    QString logFile;    // service, tenkaid: ROOT/log/NAME.log
    QString unit;       // service, tenkaid: the systemd --user unit name, tenkai-NAME.service
    QString stamp;      // model, tenkaid: ".NAME.tenkai-stamp" beside the file (size, inode, mtime, sha)
    int daemonPort = 0; // tenkaid
};

enum class Change
{
    None,   // already in the declared state
    Create, // missing: will be created
    Update, // present but different: will be changed
    Run,    // a command that will run
};

// What an apply has to do for a resource, found by the check (tenkaid, service).
enum ApplyStep
{
    StepUpload = 1, // the file/binary differs: upload it
    StepStop = 2,   // a process is running and has to be stopped first
    StepStart = 4,  // the process has to be started
};

struct PlannedChange
{
    Change change = Change::None;
    QString detail; // what differs, for the plan ("mode 0600 -> 0644", "sha256 1a2b... -> 3c4d...")
    int steps = 0;  // ApplyStep flags (tenkaid, service)
    // Uploading resources: free space where the file lands (its nearest existing folder), -1 unknown.
    qint64 freeBytes = -1;
    QString mount; // the file system's mount point, to add up what lands on one file system
    // A tenkaid binary to upload: the site's machine (uname -m, empty when not asked) and the shared
    // libraries the binary needs that the site's loader does not know (ldconfig's cache).
    QString siteMachine;
    QStringList missingLibraries;
};

// Resolves the recipe for one site (variables, sources). Errors name the resource's line.
Result<std::vector<SiteResource>> resolveRecipe(const Recipe &recipe, const Site &site);

// Checks every resource with one remote command (one round trip, whatever the count).
Result<std::vector<PlannedChange>> checkResources(SiteShell &session,
                                                  const std::vector<SiteResource> &resources);

// Brings one resource to its declared state (after a check said it differs, in `planned`).
Status applyResource(SiteShell &session, const SiteResource &resource, const PlannedChange &planned = {});

// Pre-flight of disk space: the bytes the changed resources will upload, added up per file system,
// against the free space there. An error names the site, the mount point and both sizes.
Status checkDiskSpace(const QString &siteDescription, const QString &siteName,
                      const std::vector<SiteResource> &resources, const std::vector<PlannedChange> &plan);

// Pre-flight of a tenkaid binary to upload (daemon: binary): the site's machine against the
// binary's, the shared libraries it needs against the site's, before anything is sent. An error
// names the site, what is missing and what to do.
Status checkProgramFits(const QString &siteDescription, const QString &siteName,
                        const std::vector<SiteResource> &resources, const std::vector<PlannedChange> &plan);

// What applying the recipe to a site that has none of it would upload (file sizes; nothing hashed).
Result<qint64> recipeUploadBytes(const Recipe &recipe, const Site &site);

// The SHA-256 of a local file and the first line of `PROGRAM --version`, cached per path, size and
// modification time (thread-safe: the sites' workers share them).
Result<QString> localFileSha256(const QString &path, const QString &at);
Result<QString> localProgramVersion(const QString &path, const QString &at);

// "12.3 MiB"
QString formatBytes(qint64 bytes);

QString changeSymbol(Change change);         // "=", "+", "~", ">"
QString resourceKindName(ResourceKind kind); // "directory", "file", "template", "command", ...

} // namespace tenkai::fleet
