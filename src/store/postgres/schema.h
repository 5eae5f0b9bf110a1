// The PostgreSQL ledger's schema: numbered migrations, applied in order, never
// edited once released. Its numbers are its own (not SQLite's).
#pragma once

#include "core/error.h"
#include "store/postgres/connection.h"

#include <span>
#include <string_view>

namespace ik::store::postgres {

std::span<const std::string_view> migrations();
int schema_version();

// The key of the advisory lock every write transaction takes: one per schema, so
// that ledgers in different schemas of one database do not wait for each other.
inline constexpr std::string_view kWriteLock = "pg_advisory_xact_lock(hashtext('invitekeeper:' || current_schema()))";

// Brings the database's schema to schema_version() in one transaction, holding the
// write lock (two servers starting at once migrate once). Refuses, before writing
// anything, a schema newer than this build's and tables of another program.
core::Result<void> migrate(Connection& db);

}  // namespace ik::store::postgres
