#include "present/ics.h"

#include "core/hash.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdint>

namespace ik::present {

namespace {

std::string utc_stamp(core::Instant t)
{
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
}

std::string floating_stamp(core::Days day, int minute)
{
    const std::chrono::year_month_day ymd{day};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}00", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), minute / 60, minute % 60);
}

}  // namespace

std::string ics_escape(std::string_view text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line)
{
    std::string out;
    size_t taken = 0;
    size_t limit = 75;  // octets on the first line; continuation lines start with a space
    while (line.size() - taken > limit) {
        size_t cut = taken + limit;
        while (cut > taken && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
        out.append(line.substr(taken, cut - taken));
        out += "\r\n ";
        taken = cut;
        limit = 74;
    }
    out.append(line.substr(taken));
    out += "\r\n";
    return out;
}

std::string write_ics(const IcsCalendar& cal)
{
    std::string out;
    auto line = [&](std::string_view text) { out += ics_fold(text); };
    const std::string stamp = utc_stamp(cal.now);
    // Later exports carry a higher SEQUENCE, so calendar apps take their times.
    const auto sequence = std::chrono::duration_cast<std::chrono::minutes>(cal.now.time_since_epoch()).count();
    const std::uint64_t account = core::fnv1a(cal.account);

    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//invitekeeper//plan send//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + ics_escape("invitekeeper: " + cal.account));
    for (const auto& s : cal.sends) {
        line("BEGIN:VEVENT");
        line(fmt::format("UID:send-{:016x}-{:016x}@invitekeeper", account, core::fnv1a(s.person_key)));
        line("DTSTAMP:" + stamp);
        line(fmt::format("SEQUENCE:{}", sequence));
        line("DTSTART:" + utc_stamp(s.at));
        line("DTEND:" + utc_stamp(s.at + std::chrono::minutes{5}));
        line("SUMMARY:" + ics_escape("Connect with " + s.name));
        if (!s.profile_url.empty()) line("URL:" + s.profile_url);
        std::string description = s.note.empty() ? "No note." : "Note to send:\n" + s.note;
        description += "\n\nProfile: " + (s.profile_url.empty() ? std::string("(unknown)") : s.profile_url);
        description += "\nWhen sent: invitekeeper mark sent " + s.profile_url;
        line("DESCRIPTION:" + ics_escape(description));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    if (cal.cleanup) {
        const auto& c = *cal.cleanup;
        line("BEGIN:VEVENT");
        line(fmt::format("UID:cleanup-{:016x}@invitekeeper", account));
        line("DTSTAMP:" + stamp);
        line(fmt::format("SEQUENCE:{}", sequence));
        line("DTSTART:" + floating_stamp(c.first_day, c.local_minute));  // floating: the member's local time
        line("DURATION:PT15M");
        line(c.every_days % 7 == 0 ? fmt::format("RRULE:FREQ=WEEKLY;INTERVAL={}", c.every_days / 7)
                                   : fmt::format("RRULE:FREQ=DAILY;INTERVAL={}", c.every_days));
        line("SUMMARY:Invitation cleanup");
        line("DESCRIPTION:" +
             ics_escape("Withdraw stale requests before new outreach:\ninvitekeeper plan withdraw\nthen: "
                        "invitekeeper mark withdrawn --plan\n\nLinkedIn's sent-invitations page: "
                        "https://www.linkedin.com/mynetwork/invitation-manager/sent/"));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

}  // namespace ik::present
