// A loopback port for a server a test starts (sshd, tenkaid), shared by every test.
#pragma once

#include <QtGlobal>
#include <arpa/inet.h>
#include <fstream>
#include <mutex>
#include <netinet/in.h>
#include <random>
#include <set>
#include <sys/socket.h>
#include <unistd.h>

namespace tenkai::test {

// 127.0.0.1:port (0: the kernel picks the port when bound).
inline sockaddr_in loopback(quint16 port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

// True when nothing at all holds 127.0.0.1:port (no listener, no connection, no TIME_WAIT).
inline bool portIsFree(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in address = loopback(port);
    const bool free = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    ::close(fd);
    return free;
}

// A port nothing holds now, for a server started later in the test. It is drawn below the kernel's
// ephemeral range: a port the kernel handed out (bind to port 0) is also what it hands to the next
// outgoing connection, so an SSH or daemon client could take it before the server binds it (seen in
// CI: a site's daemon then cannot listen). Drawn at random, so that tests running in parallel rarely
// meet, and never twice in one process.
inline quint16 freePort()
{
    static std::mutex mutex;
    static std::set<quint16> given;
    static std::mt19937 random{std::random_device{}()};
    const std::lock_guard lock(mutex);
    int ephemeralLow = 32768;
    if (std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range"); range)
        range >> ephemeralLow;
    const int low = qMax(10000, ephemeralLow - 12000);
    for (int attempt = 0; ephemeralLow - low > 100 && attempt < 1000; ++attempt) {
        const auto port = quint16(low + int(random() % unsigned(ephemeralLow - low)));
        if (!given.count(port) && portIsFree(port)) {
            given.insert(port);
            return port;
        }
    }
    // An unusual ephemeral range: the kernel's choice.
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

} // namespace tenkai::test
