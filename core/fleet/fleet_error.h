// FleetError and Result<T>: what went wrong with a site, as one translated sentence plus its kind.
#pragma once

#include "result.h"

#include <QString>
#include <utility>

namespace tenkai::fleet {

// The kind of failure, for callers that react differently (retry, ask to pin a key, give up).
enum class FleetErrorCode
{
    InvalidTarget,      // no host, bad port, or an option that cannot be applied
    ResolveFailed,      // the host name does not resolve
    ConnectionRefused,  // nothing listens on the port
    Unreachable,        // no route, network down, or the TCP connection failed otherwise
    Timeout,            // a step passed its deadline (the watchdog closed the connection)
    Disconnected,       // the peer closed the connection or the socket failed
    ProtocolError,      // the SSH handshake or a protocol step failed
    HostKeyUnknown,     // first contact and new keys are not accepted: nothing was sent
    HostKeyChanged,     // the key differs from the pinned one: nothing was sent
    KnownHostsUnusable, // the known_hosts file cannot be read or written
    KeyFileMissing,     // the identity file does not exist
    KeyFileUnusable,    // the identity file cannot be read or is protected by a passphrase
    AuthDenied,         // the server refused every identity offered
    ChannelFailed,      // a session or direct-tcpip channel could not be opened
    CommandFailed,      // a remote command could not run or ended with a failure status
    TransferFailed,     // an SFTP step failed
    ChecksumMismatch,   // the uploaded file's remote checksum differs from the local one
    LocalFileUnusable,  // a local file to upload cannot be read
    ChannelClosed,      // the remote end of a channel closed it
    InventoryInvalid,   // an inventory file is malformed (message names file:line and the field)
    Cancelled,          // the operator cancelled before the step ran
};

struct FleetError
{
    FleetError() = default;
    FleetError(FleetErrorCode code, QString site, QString message)
        : code(code), site(std::move(site)), message(std::move(message))
    {}

    FleetErrorCode code = FleetErrorCode::ProtocolError;
    QString site;    // the site's name (empty when the error is not about one site)
    QString message; // one translated sentence that names the site and says what went wrong

    // Host key errors only: what the server offered, what is pinned and where.
    QString offeredFingerprint; // "SHA256:..."
    QString pinnedFingerprint;  // HostKeyChanged only
    QString knownHostsFile;
    int knownHostsLine = 0; // HostKeyChanged: the line holding the pinned key (1-based)
};

template<typename T>
using Result = train::BasicResult<T, FleetError>;

using Done = train::Done;
using Status = Result<Done>;

} // namespace tenkai::fleet
