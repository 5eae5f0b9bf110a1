// Durations, instants, zones and calendar days as a member types them on the
// command line (--now, --after) and as the planner counts them.
#include "core/time.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ik::core {
namespace {

using namespace std::chrono_literals;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s}};
}

Days day(int y, unsigned m, unsigned d)
{
    return Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

Zone zone(const char* name)
{
    auto z = Zone::named(name);
    EXPECT_TRUE(z.has_value()) << name;
    return z.value_or(Zone::utc());
}

// ---- durations ----

TEST(Time, ParseDurationDays) { EXPECT_EQ(parse_duration("7d").value(), Duration{7 * 86400}); }

TEST(Time, ParseDurationHours) { EXPECT_EQ(parse_duration("36h").value(), Duration{36 * 3600}); }

TEST(Time, ParseDurationMinutesNotMonths) { EXPECT_EQ(parse_duration("3m").value(), Duration{180}); }

TEST(Time, ParseDurationSeconds) { EXPECT_EQ(parse_duration("90s").value(), Duration{90}); }

TEST(Time, ParseDurationSumOfUnits) { EXPECT_EQ(parse_duration("1d12h").value(), Duration{86400 + 12 * 3600}); }

TEST(Time, ParseDurationWeeks) { EXPECT_EQ(parse_duration("2w").value(), Duration{14 * 86400}); }

TEST(Time, ParseDurationRefusesEmptyText)
{
    auto d = parse_duration("");
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().kind, ErrorKind::usage);
    EXPECT_EQ(d.error().code, "bad_duration");
}

TEST(Time, ParseDurationRefusesNumberWithoutUnit) { EXPECT_FALSE(parse_duration("7")); }

TEST(Time, ParseDurationRefusesUnitWithoutNumber) { EXPECT_FALSE(parse_duration("d")); }

TEST(Time, ParseDurationRefusesUnknownUnit)
{
    auto d = parse_duration("7x");
    ASSERT_FALSE(d);
    EXPECT_NE(d.error().message.find("\"7x\""), std::string::npos) << d.error().message;
}

TEST(Time, ParseDurationRefusesNegative) { EXPECT_FALSE(parse_duration("-1d")); }

TEST(Time, ParseDurationRefusesSpaces) { EXPECT_FALSE(parse_duration("1d 12h")); }

TEST(Time, ParseDurationRefusesAbsurdlyLong) { EXPECT_FALSE(parse_duration("1000000w")); }

TEST(Time, FormatDurationUsesTheShortestExactSpelling)
{
    EXPECT_EQ(format_duration(Duration{7 * 86400}), "7d");
    EXPECT_EQ(format_duration(Duration{180}), "3m");
    EXPECT_EQ(format_duration(Duration{86400 + 12 * 3600}), "1d12h");
    EXPECT_EQ(format_duration(Duration{14 * 86400}), "14d");
    EXPECT_EQ(format_duration(Duration{3600 + 1}), "1h1s");
    EXPECT_EQ(format_duration(Duration{0}), "0s");
}

TEST(Time, FormatThenParseGivesTheSameDuration)
{
    for (const char* text : {"7d", "36h", "3m", "1d12h", "2w", "90s", "21d", "1d1h1m1s"}) {
        Duration d = parse_duration(text).value();
        EXPECT_EQ(parse_duration(format_duration(d)).value(), d) << text;
    }
}

// ---- instants ----

TEST(Time, ParseInstantDateIsMidnightInTheGivenZone)
{
    EXPECT_EQ(parse_instant("2026-11-26", Zone::utc()).value(), utc(2026, 11, 26));
    // Berlin is UTC+1 in November: local midnight is 23:00 UTC the day before.
    EXPECT_EQ(parse_instant("2026-11-26", zone("Europe/Berlin")).value(), utc(2026, 11, 25, 23));
}

TEST(Time, ParseInstantZuluIgnoresTheZone)
{
    EXPECT_EQ(parse_instant("2026-11-26T09:30:00Z", zone("Europe/Berlin")).value(), utc(2026, 11, 26, 9, 30));
}

TEST(Time, ParseInstantPositiveOffset)
{
    EXPECT_EQ(parse_instant("2026-11-26T09:30:00+01:00", Zone::utc()).value(), utc(2026, 11, 26, 8, 30));
}

TEST(Time, ParseInstantNegativeHalfHourOffset)
{
    EXPECT_EQ(parse_instant("2026-11-26T09:30:00-05:30", Zone::utc()).value(), utc(2026, 11, 26, 15, 0));
}

TEST(Time, ParseInstantWallTimeUsesTheZone)
{
    EXPECT_EQ(parse_instant("2026-11-26T09:30", zone("Europe/Berlin")).value(), utc(2026, 11, 26, 8, 30));
    EXPECT_EQ(parse_instant("2026-07-01T09:30", zone("Europe/Berlin")).value(), utc(2026, 7, 1, 7, 30));
}

TEST(Time, ParseInstantWallTimeAroundSpringForwardInBerlin)
{
    const Zone berlin = zone("Europe/Berlin");
    // 2026-03-29: at 02:00 CET the clocks jump to 03:00 CEST (01:00 UTC).
    EXPECT_EQ(parse_instant("2026-03-29T01:30", berlin).value(), utc(2026, 3, 29, 0, 30));
    EXPECT_EQ(parse_instant("2026-03-29T03:30", berlin).value(), utc(2026, 3, 29, 1, 30));
}

TEST(Time, ParseInstantWallTimeInsideTheSpringGapIsTheEndOfTheGap)
{
    // 02:30 never shows on a Berlin clock that day; the next wall time is 03:00 CEST.
    EXPECT_EQ(parse_instant("2026-03-29T02:30", zone("Europe/Berlin")).value(), utc(2026, 3, 29, 1, 0));
}

TEST(Time, ParseInstantWallTimeInTheAutumnOverlapIsTheEarlierInstant)
{
    const Zone berlin = zone("Europe/Berlin");
    // 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET (01:00 UTC);
    // 02:30 happens twice, first at 00:30 UTC (CEST), then at 01:30 UTC (CET).
    EXPECT_EQ(parse_instant("2026-10-25T02:30", berlin).value(), utc(2026, 10, 25, 0, 30));
    EXPECT_EQ(parse_instant("2026-10-25T03:30", berlin).value(), utc(2026, 10, 25, 2, 30));
}

TEST(Time, ParseInstantRefusesBadText)
{
    for (const char* text : {"", "2026-02-30", "2026-13-01", "26-11-2026", "2026-11-26T25:00", "2026-11-26T09:60",
                             "2026-11-26T09:30:00+15:00", "2026-11-26T09:30Zjunk", "2026-11-26X09:30",
                             "2026-11-26T9:30", "next tuesday"}) {
        auto t = parse_instant(text, Zone::utc());
        EXPECT_FALSE(t) << text;
        if (!t) {
            EXPECT_EQ(t.error().code, "bad_time") << text;
        }
    }
}

TEST(Time, FormatInstantAndLocal)
{
    EXPECT_EQ(format_instant(utc(2026, 11, 26, 9, 30)), "2026-11-26T09:30:00Z");
    EXPECT_EQ(format_local(utc(2026, 11, 26, 9, 30), zone("Europe/Berlin")), "2026-11-26T10:30:00+01:00");
    EXPECT_EQ(format_local(utc(2026, 11, 26, 15, 0), zone("Asia/Kolkata")), "2026-11-26T20:30:00+05:30");
    EXPECT_EQ(format_local(utc(2026, 11, 26, 15, 0), zone("America/New_York")), "2026-11-26T10:00:00-05:00");
}

// ---- zones and days ----

TEST(Time, UnknownZoneIsRefused)
{
    auto z = Zone::named("Mars/Olympus_Mons");
    ASSERT_FALSE(z);
    EXPECT_EQ(z.error().kind, ErrorKind::bad_input);
    EXPECT_EQ(z.error().code, "unknown_zone");
}

TEST(Time, StartOfDayOnBerlinDstDays)
{
    const Zone berlin = zone("Europe/Berlin");
    EXPECT_EQ(berlin.start_of_day(day(2026, 3, 29)), utc(2026, 3, 28, 23));
    // The next day starts only 23 hours later.
    EXPECT_EQ(berlin.start_of_day(day(2026, 3, 30)), utc(2026, 3, 29, 22));
    // The autumn day has 25 hours.
    EXPECT_EQ(berlin.start_of_day(day(2026, 10, 25)), utc(2026, 10, 24, 22));
    EXPECT_EQ(berlin.start_of_day(day(2026, 10, 26)), utc(2026, 10, 25, 23));
}

TEST(Time, StartOfDayWhenMidnightDoesNotExist)
{
    // Chile springs forward at local midnight: 2026-09-06 starts at 01:00 -03 (04:00 UTC).
    const Zone santiago = zone("America/Santiago");
    EXPECT_EQ(santiago.start_of_day(day(2026, 9, 6)), utc(2026, 9, 6, 4));
    EXPECT_EQ(santiago.local_date(santiago.start_of_day(day(2026, 9, 6))), day(2026, 9, 6));
}

TEST(Time, LocalDateDependsOnTheZone)
{
    const Instant t = utc(2026, 11, 26, 12);
    EXPECT_EQ(Zone::utc().local_date(t), day(2026, 11, 26));
    EXPECT_EQ(zone("Pacific/Auckland").local_date(t), day(2026, 11, 27));
    EXPECT_EQ(zone("Pacific/Honolulu").local_date(utc(2026, 11, 26, 9)), day(2026, 11, 25));
}

TEST(Time, OffsetFollowsDst)
{
    const Zone berlin = zone("Europe/Berlin");
    EXPECT_EQ(berlin.offset(utc(2026, 1, 15)), Duration{3600});
    EXPECT_EQ(berlin.offset(utc(2026, 7, 15)), Duration{7200});
}

TEST(Time, WholeDaysFloors)
{
    const Instant t = utc(2026, 11, 1, 12);
    EXPECT_EQ(whole_days(t, t), 0);
    EXPECT_EQ(whole_days(t, t + 23h + 59min + 59s), 0);
    EXPECT_EQ(whole_days(t, t + 24h), 1);
    EXPECT_EQ(whole_days(t, t + std::chrono::days{30} - 1s), 29);
    EXPECT_EQ(whole_days(t, t - 1s), -1);
    EXPECT_EQ(whole_days(t, t - 24h), -1);
    EXPECT_EQ(whole_days(t, t - 24h - 1s), -2);
}

TEST(Time, FormatDate) { EXPECT_EQ(format_date(day(2026, 3, 9)), "2026-03-09"); }

TEST(Time, TheSystemClockIsReadToTheSecond)
{
    const Instant before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const Instant now = system_now();
    EXPECT_GE(now, before);
    EXPECT_LE(now, before + std::chrono::seconds(60));
}

}  // namespace
}  // namespace ik::core
