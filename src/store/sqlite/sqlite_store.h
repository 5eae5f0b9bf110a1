// The SQLite backend of the store: a member's ledger in one file.
#pragma once

#include "core/error.h"
#include "store/store.h"

#include <memory>
#include <string>

namespace ik::store::sqlite {

// Opens the SQLite database at `path` (":memory:" for a private in-memory one) and
// brings its schema up to date. Refuses, leaving it untouched, a database written by
// a newer invitekeeper, and an SQLite database of another program (one with tables
// but no invitekeeper schema).
core::Result<std::unique_ptr<Store>> open_sqlite(const std::string& path, Open mode = Open::or_create);

// The schema version this build writes.
int schema_version();

}  // namespace ik::store::sqlite
