// Time: instants are UTC seconds (std::chrono::sys_seconds); calendar dates are
// days; zones come from the tz database. Nothing here reads the system clock but
// system_now(), which only the command-line context calls, when --now is not given.
#pragma once

#include "core/error.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace ik::core {

using Instant = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;
using Days = std::chrono::sys_days;  // a calendar date (no zone attached)

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// LinkedIn opened on 5 May 2003: no invitation, connection or clock of a member's is
// older. A date before it is a broken file or a mistyped --now, not history.
inline constexpr Days kLinkedInOpened{days{12177}};

// A named IANA zone, validated against the tz database.
class Zone {
public:
    static Result<Zone> named(std::string_view name);
    static Zone utc();

    const std::string& name() const { return m_name; }
    // The calendar date at instant `t` in this zone.
    Days local_date(Instant t) const;
    // The first instant of calendar date `d` in this zone (handles DST gaps).
    Instant start_of_day(Days d) const;
    // The instant of local wall time `local` (seconds since local epoch); in a
    // DST gap the later instant, in an overlap the earlier one.
    Instant from_local(std::chrono::local_seconds local) const;
    std::chrono::local_seconds to_local(Instant t) const;
    // UTC offset in seconds at instant t.
    Duration offset(Instant t) const;

private:
    Zone(std::string name, const date::time_zone* zone) : m_name(std::move(name)), m_zone(zone) {}
    std::string m_name;
    const date::time_zone* m_zone;  // owned by the tz database, lives for the process
};

// The system clock, to the second: the one place invitekeeper reads it.
Instant system_now();

// The seconds in a duration like "7d", "36h", "3m", "90s", "2w" or a sum "1d12h"
// (each term at most 100 years), or nothing. Usable at compile time.
constexpr std::optional<long long> duration_seconds(std::string_view text)
{
    if (text.empty()) return std::nullopt;
    long long total = 0;
    while (!text.empty()) {
        long long value = 0;
        size_t digits = 0;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
            if (value > 100LL * 365 * 86400) return std::nullopt;
            value = value * 10 + (text[digits] - '0');
            ++digits;
        }
        if (digits == 0 || digits == text.size()) return std::nullopt;
        long long unit = 0;
        switch (text[digits]) {
        case 'w': unit = 7 * 86400; break;
        case 'd': unit = 86400; break;
        case 'h': unit = 3600; break;
        case 'm': unit = 60; break;
        case 's': unit = 1; break;
        default: return std::nullopt;
        }
        if (value > 100LL * 365 * 86400 / unit) return std::nullopt;
        total += value * unit;
        text.remove_prefix(digits + 1);
    }
    return total;
}

// duration_seconds() as a Duration, or an error quoting the text.
Result<Duration> parse_duration(std::string_view text);
// "7d", "3m", "1d12h": the shortest exact spelling of a duration.
std::string format_duration(Duration d);

// Parses an instant: "2026-11-26" (midnight in `zone`), "2026-11-26T09:30:00Z",
// "2026-11-26T09:30" (wall time in `zone`) or "2026-11-26T09:30:00+01:00".
Result<Instant> parse_instant(std::string_view text, const Zone& zone);

// "2026-11-26T09:30:00Z"
std::string format_instant(Instant t);
// "2026-11-26T10:30:00+01:00" in the zone.
std::string format_local(Instant t, const Zone& zone);
// "2026-11-26"
std::string format_date(Days d);
// Whole days from `from` to `to` (floor; negative when to < from).
long whole_days(Instant from, Instant to);

}  // namespace ik::core
