// iCalendar (RFC 5545) output for `plan send --ics`: an event per planned send
// and a recurring cleanup reminder. UIDs are stable (account and person), so
// importing a fresh export again updates the events instead of duplicating them.
#pragma once

#include "core/time.h"

#include <optional>
#include <string>
#include <vector>

namespace ik::present {

struct IcsSend {
    core::Instant at;
    std::string name;
    std::string profile_url;
    std::string person_key;
    std::string note;  // empty: send without a note
};

struct IcsCleanup {
    core::Days first_day;       // local date of the first reminder
    int every_days = 7;         // cleanup.every
    int local_minute = 9 * 60;  // its local time (floating: follows the member's clock)
};

struct IcsCalendar {
    std::string account;
    core::Instant now;  // DTSTAMP, and SEQUENCE so later exports supersede earlier ones
    std::vector<IcsSend> sends;
    std::optional<IcsCleanup> cleanup;
};

std::string write_ics(const IcsCalendar& calendar);

// RFC 5545 TEXT escaping (backslash, semicolon, comma, newline).
std::string ics_escape(std::string_view text);
// Folds a content line at 75 octets (never inside a UTF-8 sequence), CRLF-terminated.
std::string ics_fold(std::string_view line);

}  // namespace ik::present
