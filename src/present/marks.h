// The marks a member records, by name: the one list `mark KIND`, its help, its
// error and the API's /api/marks/{kind} routes all read.
#pragma once

#include "core/invitation.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ik::present {

struct MarkKind {
    std::string_view name;
    // The event it records on an invitation; none for `sent` (a new invitation) and
    // the account's marks (`restricted`, `reported`).
    std::optional<core::EventKind> event;
};

inline constexpr std::array<MarkKind, 10> kMarkKinds{{
    {"withdrawn", core::EventKind::withdrawn},
    {"accepted", core::EventKind::accepted},
    {"declined", core::EventKind::declined},
    {"accidental", core::EventKind::accidental},
    {"keep", core::EventKind::keep},
    {"unkeep", core::EventKind::unkeep},
    {"undo", core::EventKind::undo},
    {"sent", std::nullopt},
    {"restricted", std::nullopt},
    {"reported", std::nullopt},
}};

// The mark called `name`, if there is one.
constexpr const MarkKind* find_mark_kind(std::string_view name)
{
    for (const auto& kind : kMarkKinds)
        if (kind.name == name) return &kind;
    return nullptr;
}

// "withdrawn, accepted, ..., restricted" with `separator` between, and `last` (", or "
// for a sentence) before the last.
inline std::string mark_kind_names(std::string_view separator, std::string_view last)
{
    std::string out;
    for (size_t i = 0; i < kMarkKinds.size(); ++i) {
        if (i > 0) out += i + 1 == kMarkKinds.size() ? last : separator;
        out += kMarkKinds[i].name;
    }
    return out;
}

}  // namespace ik::present
