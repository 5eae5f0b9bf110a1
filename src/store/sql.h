// SQL text both backends write alike: written once here, so that the two cannot
// drift apart in what they select.
#pragma once

#include "store/tables.h"

#include <string>
#include <string_view>
#include <vector>

namespace ik::store {

// `a, b, c`: the table's columns in their order.
std::string column_list(const TableSpec& table);

// `'pending', 'accepted', ...`: every status, for `status IN (...)`.
const std::string& all_statuses_sql();

// core::made_here() of the row's `source` column: a person's doing here, never
// what an import found.
// An ingest::LedgerEntry's columns, in the order both stores read them (whether a gone
// one is a Sent page's finding last); `WHERE ...` follows.
inline constexpr std::string_view kLedgerEntrySql =
    "SELECT id, direction, person_key, name, sent_at, status, status_at, seen_at, sent_earliest, "
    "CASE WHEN status = 'gone' THEN (SELECT g.source LIKE 'sentpage:%' FROM events g WHERE g.invitation_id = "
    "invitations.id AND g.kind = 'gone' ORDER BY g.at DESC, g.id DESC LIMIT 1) END "
    "FROM invitations ";

// A list of keys or names (none holds a line break) as one text column, a line each,
// and back.
std::string join_lines(const std::vector<std::string>& items);
std::vector<std::string> split_lines(std::string_view text);

inline constexpr std::string_view kMadeHereSql = "(source = 'cli' OR source = 'api' OR source LIKE 'user:%')";

}  // namespace ik::store
