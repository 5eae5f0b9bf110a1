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
// A list of keys or names (none holds a line break) as one text column, a line each,
// and back.
std::string join_lines(const std::vector<std::string>& items);
std::vector<std::string> split_lines(std::string_view text);

inline constexpr std::string_view kMadeHereSql = "(source = 'cli' OR source = 'api' OR source LIKE 'user:%')";

}  // namespace ik::store
