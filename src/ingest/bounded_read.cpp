#include "ingest/bounded_read.h"

#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>

namespace ik::ingest {

ScopedFd::~ScopedFd()
{
    if (m_fd >= 0) ::close(m_fd);
}

core::Result<std::string> read_bounded(int fd, std::string_view name, size_t limit, const core::Error& too_large,
                                       const EarlyCheck& check)
{
    std::string data;
    char buf[64 * 1024];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return core::fail(core::ErrorKind::bad_input, "unreadable", fmt::format("{}: cannot be read", name));
        }
        if (n == 0) return data;
        data.append(buf, static_cast<size_t>(n));
        if (data.size() > limit) return std::unexpected(too_large);
        if (check)
            if (auto refused = check(data)) return std::unexpected(std::move(*refused));
    }
}

core::Error too_large_error(std::string_view name, std::string_view exceeds, size_t limit, std::string_view why)
{
    return core::Error{core::ErrorKind::bad_input, "too_large",
                       fmt::format("{}: {} {} MiB, {}", name, exceeds, limit >> 20, why)};
}

}  // namespace ik::ingest
