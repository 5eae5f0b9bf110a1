#include "store/sqlite/statement.h"

#include <cerrno>

namespace ik::store::sqlite {

core::Error describe_failure(int rc, std::string_view detail, std::string_view path, int system_errno)
{
    const std::string where = path.empty() ? std::string("the ledger") : std::string(path);
    // A write the disk had no room for, or a file size limit, comes as an I/O error.
    const bool no_room = system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG;
    switch ((rc & 0xff) == SQLITE_IOERR && no_room ? SQLITE_FULL : rc & 0xff) {
    case SQLITE_FULL:
        return {ErrorKind::storage, "disk_full",
                fmt::format("{}: the disk is full; nothing was written. Free some space and try again", where)};
    case SQLITE_READONLY:
        return {ErrorKind::storage, "read_only",
                fmt::format("{}: the ledger is read-only (its file, its folder or the disk); nothing was written",
                            where)};
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        return {ErrorKind::storage, "io_error",
                fmt::format("{}: the disk failed to read or write the ledger ({}); nothing was written", where,
                            detail)};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {ErrorKind::storage, "busy",
                fmt::format("{}: another program kept the ledger locked; nothing was written. Try again", where)};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return {ErrorKind::storage, "damaged",
                fmt::format("{}: the ledger file is damaged ({}); restore it from a backup", where, detail)};
    case SQLITE_NOMEM:
        return {ErrorKind::storage, "out_of_memory", fmt::format("{}: out of memory", where)};
    default:
        return {ErrorKind::internal, "store", std::string(detail)};
    }
}

std::string_view path_of(sqlite3* db)
{
    const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
    return name ? std::string_view(name) : std::string_view();
}

}  // namespace ik::store::sqlite
