// Where a ledger lives, and opening it: the one place that reads a --db value.
#pragma once

#include "core/error.h"
#include "store/store.h"

#include <memory>
#include <string>
#include <string_view>

namespace ik::store {

struct Location {
    enum class Backend { sqlite, postgres };
    Backend backend = Backend::sqlite;
    // The SQLite file (":memory:" for a private in-memory ledger), or the PostgreSQL
    // connection URI (which may hold a password: never print it).
    std::string path;
};

// Reads a ledger's address: a file path, `sqlite:PATH` (`sqlite:///abs/path` and
// `sqlite:rel/path` both name a file), or a PostgreSQL connection URI
// (`postgresql://...` or `postgres://...`, as libpq reads them). Any other
// `scheme://` is refused as unknown; the message names the scheme only, never the
// rest (it may hold a password).
core::Result<Location> locate(std::string_view address);

// What may be printed of a ledger's address (`--db`): a file's path as given; a server
// URI without its password, whether in the user part (`user:secret@`) or a
// `password=` parameter.
std::string printable(std::string_view address);

// Whether there is a ledger at `where` to open. A PostgreSQL database always is
// (open_store connects and makes its schema, or says why it cannot).
bool exists(const Location& where);

// Opens the ledger at `where`: an existing one only (Open::existing), or created
// with its folder when missing (Open::or_create). A PostgreSQL database must exist
// either way; its schema is made or brought up to date.
core::Result<std::unique_ptr<Store>> open_store(const Location& where, Open mode);
// open_store(locate(address), mode).
core::Result<std::unique_ptr<Store>> open_store(std::string_view address, Open mode);

}  // namespace ik::store
