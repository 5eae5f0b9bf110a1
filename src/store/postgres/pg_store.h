// The PostgreSQL store: a team's ledger, many accounts in one database, several
// processes writing to it at once.
#pragma once

#include "core/error.h"
#include "store/store.h"

#include <memory>
#include <string>

namespace ik::store::postgres {

// Opens the ledger in the database `uri` names (a libpq connection URI), bringing
// its schema up to date; the database itself must exist. A schema newer than this
// build's is refused before anything is written.
core::Result<std::unique_ptr<Store>> open_postgres(const std::string& uri);

}  // namespace ik::store::postgres
