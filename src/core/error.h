// Error: the one failure type of invitekeeper's libraries. Expected failures (bad
// input, a conflict with stored state, an unknown account) travel as Result<T>;
// exceptions are caught and converted at the edges (CLI, HTTP).
#pragma once

#include <expected>
#include <string>

namespace ik::core {

// What kind of failure, which also decides the CLI's exit code.
enum class ErrorKind {
    usage,      // the command line or request is malformed (exit 1)
    bad_input,  // an input file or value is invalid (exit 2)
    conflict,   // the request contradicts stored state (exit 3)
    internal,   // a bug (exit 4)
    storage,    // the disk or the ledger file failed: full, read-only, I/O error, damaged (exit 6)
};

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string code;     // stable machine-readable slug, e.g. "bad_date"
    std::string message;  // one line a member can act on; names file:line:column where known
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string code, std::string message)
{
    return std::unexpected(Error{kind, std::move(code), std::move(message)});
}

// The process exit code for an error of this kind (0 is success).
int exit_code(ErrorKind kind);

}  // namespace ik::core
