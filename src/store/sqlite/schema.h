// The SQLite ledger's schema: numbered migrations, each taking version N to N + 1,
// and the version a database file holds.
#pragma once

#include "core/error.h"

#include <sqlite3.h>

#include <span>
#include <string_view>

namespace ik::store::sqlite {

// Every migration in order: migrations()[v] takes a ledger from version v to v + 1.
std::span<const std::string_view> migrations();

// The schema version of the database `db` has open: 0 for an empty database. An
// SQLite database of another program (tables but no schema of ours) and a file that
// is not a database at all are refused (ErrorKind::bad_input), before anything is written.
core::Result<int> read_version(sqlite3* db);

}  // namespace ik::store::sqlite
