// Where a ledger lives, and opening it: the one place that reads a --db value.
#pragma once

#include "core/error.h"
#include "store/store.h"

#include <memory>
#include <string>
#include <string_view>

namespace ik::store {

struct Location {
    enum class Backend { sqlite };
    Backend backend = Backend::sqlite;
    std::string path;  // the SQLite file (":memory:" for a private in-memory ledger)
};

// Reads a ledger's address: a file path, or `sqlite:PATH` (`sqlite:///abs/path` and
// `sqlite:rel/path` both name a file). A PostgreSQL URI (postgresql://, postgres://)
// is refused until that backend exists, and any other `scheme://` as unknown; the
// message names the scheme only, never the rest (it may hold a password).
core::Result<Location> locate(std::string_view address);

// Whether there is a ledger at `where` to open.
bool exists(const Location& where);

// Opens the ledger at `where`: an existing one only (Open::existing), or created
// with its folder when missing (Open::or_create).
core::Result<std::unique_ptr<Store>> open_store(const Location& where, Open mode);
// open_store(locate(address), mode).
core::Result<std::unique_ptr<Store>> open_store(std::string_view address, Open mode);

}  // namespace ik::store
