#include "core/prospect.h"

namespace ik::core {

std::string_view to_string(AccountEventKind k)
{
    switch (k) {
        case AccountEventKind::restricted:
            return "restricted";
        case AccountEventKind::reported:
            return "reported";
    }
    return "?";
}

std::optional<AccountEventKind> account_event_kind_from_string(std::string_view s)
{
    if (s == "restricted") return AccountEventKind::restricted;
    if (s == "reported") return AccountEventKind::reported;
    return std::nullopt;
}

}  // namespace ik::core
