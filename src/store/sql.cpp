#include "store/sql.h"

#include "core/invitation.h"

#include <fmt/format.h>

namespace ik::store {

std::string column_list(const TableSpec& table)
{
    std::string out;
    for (const auto& c : table.columns) out += fmt::format("{}{}", out.empty() ? "" : ", ", c.name);
    return out;
}

const std::string& all_statuses_sql()
{
    static const std::string list = [] {
        std::string out;
        for (auto status : core::kAllStatuses)
            out += fmt::format("{}'{}'", out.empty() ? "" : ", ", core::to_string(status));
        return out;
    }();
    return list;
}

}  // namespace ik::store
