// A loopback port for a server a test starts (sshd, tenkaid), shared by every test.
#pragma once

#include <QtGlobal>
#include <arpa/inet.h>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <netinet/in.h>
#include <random>
#include <set>
#include <string>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
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

// Reserves `port` for this process among the test processes running at once (ctest -j): a lock on
// /tmp/tenkai-test-ports/PORT held until the process ends, so two tests never hand out the same port
// (seen: two SSH tests that drew one port both failed). A dead process's locks go with it.
inline bool reserveForThisProcess(quint16 port)
{
    static const std::string dir = "/tmp/tenkai-test-ports";
    ::mkdir(dir.c_str(), 01777);
    const std::string path = dir + "/" + std::to_string(port);
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0666);
    if (fd < 0)
        return true; // no reservations possible here: the bind check alone
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        return true; // the descriptor stays open (and locked) for the process's life
    ::close(fd);
    return false;
}

// A port nothing holds now, for a server started later in the test. It is drawn below the kernel's
// ephemeral range: a port the kernel handed out (bind to port 0) is also what it hands to the next
// outgoing connection, so an SSH or daemon client could take it before the server binds it (seen in
// CI: a site's daemon then cannot listen). Drawn at random, never twice in one process, and reserved
// against the other test processes.
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
        if (!given.count(port) && portIsFree(port) && reserveForThisProcess(port)) {
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
