// The ledger's tables as every backend has them: each column's name, its type and
// which ids it refers to. What moves a ledger from one store to another
// (store/copy.h) reads and writes rows through them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ik::store {

// The id spaces rows refer to; ids are renumbered per space when the target holds
// some already.
enum class IdSpace { none, account, invitation, import, event, prospect, account_event, snapshot };

enum class ColumnType { integer, text, boolean };

struct ColumnSpec {
    std::string_view name;
    ColumnType type = ColumnType::text;
    IdSpace refers_to = IdSpace::none;  // for an id column: the space it belongs to
};

struct TableSpec {
    std::string_view name;
    std::vector<ColumnSpec> columns;
    std::string_view order_by;  // a stable order for reading
};

// A row as text, in its table's column order: integers in decimal, booleans "0" or
// "1", NULL as nullopt.
using Row = std::vector<std::optional<std::string>>;

// Every table of a ledger, parents before the rows that refer to them.
std::span<const TableSpec> ledger_tables();

}  // namespace ik::store
