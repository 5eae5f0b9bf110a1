#include "core/time.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace ik::core {

Result<Zone> Zone::named(std::string_view name)
{
    try {
        const date::time_zone* zone = date::locate_zone(name);
        return Zone(std::string(name), zone);
    } catch (const std::exception&) {
        return fail(ErrorKind::bad_input, "unknown_zone",
                    fmt::format("\"{}\" is not a time zone of the tz database (like \"Europe/Berlin\")", name));
    }
}

Zone Zone::utc()
{
    return Zone("UTC", date::locate_zone("UTC"));
}

Days Zone::local_date(Instant t) const
{
    return Days{date::floor<days>(to_local(t)).time_since_epoch()};
}

std::chrono::local_seconds Zone::to_local(Instant t) const
{
    return std::chrono::local_seconds{m_zone->to_local(t).time_since_epoch()};
}

Instant Zone::from_local(std::chrono::local_seconds local) const
{
    auto info = m_zone->get_info(date::local_seconds{local.time_since_epoch()});
    switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
        return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
        // In a spring-forward gap: the wall time does not exist; take the instant
        // the gap ends, which is what a wall clock shows next.
        return info.second.begin;
    }
    return Instant{local.time_since_epoch()};
}

Instant Zone::start_of_day(Days d) const
{
    return from_local(std::chrono::local_seconds{d.time_since_epoch()});
}

Duration Zone::offset(Instant t) const
{
    return m_zone->get_info(t).offset;
}

namespace {

bool take_number(std::string_view& s, int digits, int& out)
{
    if (s.size() < static_cast<size_t>(digits)) return false;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        char c = s[static_cast<size_t>(i)];
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    s.remove_prefix(static_cast<size_t>(digits));
    return true;
}

bool take_char(std::string_view& s, char c)
{
    if (s.empty() || s.front() != c) return false;
    s.remove_prefix(1);
    return true;
}

}  // namespace

Result<Duration> parse_duration(std::string_view text)
{
    if (auto seconds = duration_seconds(text)) return Duration{*seconds};
    return fail(ErrorKind::usage, "bad_duration",
                fmt::format("\"{}\" is not a duration like \"7d\", \"36h\", \"3m\" or \"2w\"", text));
}

std::string format_duration(Duration d)
{
    long long s = d.count();
    if (s == 0) return "0s";
    std::string out;
    if (s < 0) {
        out = "-";
        s = -s;
    }
    const std::pair<long long, char> units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
    for (auto [unit, letter] : units) {
        if (s >= unit) {
            out += fmt::format("{}{}", s / unit, letter);
            s %= unit;
        }
    }
    return out;
}

Result<Instant> parse_instant(std::string_view text, const Zone& zone)
{
    auto bad = [&] {
        return fail(ErrorKind::usage, "bad_time",
                    fmt::format("\"{}\" is not a time like \"2026-11-26\", \"2026-11-26T09:30:00Z\" or "
                                "\"2026-11-26T09:30:00+01:00\"",
                                text));
    };
    std::string_view s = text;
    int y = 0, mo = 0, d = 0;
    if (!take_number(s, 4, y) || !take_char(s, '-') || !take_number(s, 2, mo) || !take_char(s, '-') ||
        !take_number(s, 2, d))
        return bad();
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return bad();
    Days day{date::sys_days(ymd).time_since_epoch()};
    if (s.empty()) return zone.start_of_day(day);
    if (!take_char(s, 'T') && !take_char(s, ' ')) return bad();
    int h = 0, mi = 0, sec = 0;
    if (!take_number(s, 2, h) || !take_char(s, ':') || !take_number(s, 2, mi)) return bad();
    if (take_char(s, ':') && !take_number(s, 2, sec)) return bad();
    if (h > 23 || mi > 59 || sec > 60) return bad();
    auto wall = std::chrono::local_seconds{day.time_since_epoch()} + hours{h} + minutes{mi} +
                std::chrono::seconds{sec};
    if (s.empty()) return zone.from_local(wall);
    if (take_char(s, 'Z') && s.empty())
        return Instant{wall.time_since_epoch()};
    int sign = 0;
    if (take_char(s, '+')) sign = 1;
    else if (take_char(s, '-')) sign = -1;
    else return bad();
    int oh = 0, om = 0;
    if (!take_number(s, 2, oh)) return bad();
    take_char(s, ':');
    if (!take_number(s, 2, om) || !s.empty() || oh > 14 || om > 59) return bad();
    auto offset = hours{oh} + minutes{om};
    return Instant{wall.time_since_epoch() - sign * std::chrono::duration_cast<Duration>(offset)};
}

std::string format_instant(Instant t)
{
    return date::format("%FT%TZ", t);
}

std::string format_local(Instant t, const Zone& zone)
{
    auto local = zone.to_local(t);
    long long off = zone.offset(t).count();
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    return fmt::format("{}{}{:02}:{:02}", date::format("%FT%T", date::local_seconds{local.time_since_epoch()}), sign, off / 3600, (off % 3600) / 60);
}

std::string format_date(Days d)
{
    return date::format("%F", d);
}

long whole_days(Instant from, Instant to)
{
    return static_cast<long>(date::floor<days>(to - from).count());
}

Instant system_now()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace ik::core
