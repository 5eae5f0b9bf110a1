// Reading what a user can point at, bounded: a path may name a pipe, a device or
// /dev/zero, so no file is read past a limit, and a stream that shows early it is
// not the file wanted is refused then, not a gigabyte later.
#pragma once

#include "core/error.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ik::ingest {

// An open file descriptor, closed when it goes out of scope.
class ScopedFd {
public:
    explicit ScopedFd(int fd) : m_fd(fd) {}
    ~ScopedFd();
    ScopedFd(const ScopedFd&) = delete;
    ScopedFd& operator=(const ScopedFd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// Looks at everything read so far, after each block, and refuses it with an error
// or lets the read go on (std::nullopt).
using EarlyCheck = std::function<std::optional<core::Error>(std::string_view read_so_far)>;

// Reads the open descriptor `fd` to its end in 64 KB blocks. More than `limit` bytes
// is `too_large`, a failed read "PATH: cannot be read" (`unreadable`), where PATH is
// `name`; `check` may stop it sooner.
core::Result<std::string> read_bounded(int fd, std::string_view name, size_t limit, const core::Error& too_large,
                                       const EarlyCheck& check = {});

// The `too_large` error of a file named `name`: "NAME: EXCEEDS 512 MiB, WHY", as in
// "Invitations.csv: expands to more than 512 MiB, more than any file of a LinkedIn export".
core::Error too_large_error(std::string_view name, std::string_view exceeds, size_t limit, std::string_view why);

}  // namespace ik::ingest
