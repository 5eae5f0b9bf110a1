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

std::string join_lines(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += '\n';
        out += item;
    }
    return out;
}

std::vector<std::string> split_lines(std::string_view text)
{
    std::vector<std::string> out;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        out.emplace_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return out;
}

}  // namespace ik::store
