// The date formats of LinkedIn's export ("Sent At", "Connected On") and the ones
// spreadsheets write when a member re-saves the files.
#include "ingest/dates.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ik::ingest {
namespace {

std::chrono::local_seconds wall(int y, unsigned m, unsigned d, int h, int mi, int s = 0)
{
    return std::chrono::local_seconds{
        std::chrono::local_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}} +
           std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

TEST(Dates, SentAtLinkedInStyleAfternoon)
{
    EXPECT_EQ(parse_sent_at("1/29/26, 2:37 PM"), wall(2026, 1, 29, 14, 37));
}

TEST(Dates, SentAtTwelveAmIsJustAfterMidnight)
{
    EXPECT_EQ(parse_sent_at("12/1/25, 12:05 AM"), wall(2025, 12, 1, 0, 5));
}

TEST(Dates, SentAtTwelvePmIsNoon)
{
    EXPECT_EQ(parse_sent_at("1/29/26, 12:30 PM"), wall(2026, 1, 29, 12, 30));
}

TEST(Dates, SentAtMorning) { EXPECT_EQ(parse_sent_at("10/3/25, 9:05 AM"), wall(2025, 10, 3, 9, 5)); }

TEST(Dates, SentAtSpreadsheetStyles)
{
    EXPECT_EQ(parse_sent_at("1/29/2026 2:37 PM"), wall(2026, 1, 29, 14, 37));
    EXPECT_EQ(parse_sent_at("1/29/2026 14:37"), wall(2026, 1, 29, 14, 37));
    EXPECT_EQ(parse_sent_at("2026-01-29 14:37:05"), wall(2026, 1, 29, 14, 37, 5));
    EXPECT_EQ(parse_sent_at("2026-01-29T14:37"), wall(2026, 1, 29, 14, 37));
}

TEST(Dates, SentAtToleratesSurroundingSpaces)
{
    EXPECT_EQ(parse_sent_at(" 1/29/26, 2:37 PM "), wall(2026, 1, 29, 14, 37));
}

TEST(Dates, SentAtRefusesImpossibleDate) { EXPECT_EQ(parse_sent_at("13/45/21, 9:00 AM"), std::nullopt); }

TEST(Dates, SentAtRefusesDateWithoutTime) { EXPECT_EQ(parse_sent_at("1/29/26"), std::nullopt); }

TEST(Dates, SentAtRefusesTimeWithoutDate) { EXPECT_EQ(parse_sent_at("2:37 PM"), std::nullopt); }

TEST(Dates, SentAtRefusesThirteenPm) { EXPECT_EQ(parse_sent_at("1/29/26, 13:00 PM"), std::nullopt); }

TEST(Dates, SentAtRefusesOtherNonsense)
{
    for (const char* text : {"", "2/30/26, 9:00 AM", "1/29/26, 2:37 PM extra", "1/29/265, 2:37 PM",
                             "2026-01-29", "1/29/26, 2:60 PM", "29 Jan 2026"})
        EXPECT_EQ(parse_sent_at(text), std::nullopt) << text;
}

TEST(Dates, ConnectedOnSince2019) { EXPECT_EQ(parse_connected_on("29 Jan 2026"), day(2026, 1, 29)); }

TEST(Dates, ConnectedOnWithLeadingZeroDay) { EXPECT_EQ(parse_connected_on("05 Oct 2026"), day(2026, 10, 5)); }

TEST(Dates, ConnectedOnMonthNameIgnoresCase) { EXPECT_EQ(parse_connected_on("5 OCT 2026"), day(2026, 10, 5)); }

TEST(Dates, ConnectedOn2018StyleWithTime) { EXPECT_EQ(parse_connected_on("1/29/18, 2:37 PM"), day(2018, 1, 29)); }

TEST(Dates, ConnectedOnSpreadsheetStyles)
{
    EXPECT_EQ(parse_connected_on("29-Jan-26"), day(2026, 1, 29));
    EXPECT_EQ(parse_connected_on("29-Jan-2026"), day(2026, 1, 29));
    EXPECT_EQ(parse_connected_on("2026-01-29"), day(2026, 1, 29));
    EXPECT_EQ(parse_connected_on("1/29/2026"), day(2026, 1, 29));
    EXPECT_EQ(parse_connected_on("1/29/26"), day(2026, 1, 29));
}

TEST(Dates, ConnectedOnRefusesFebruary31) { EXPECT_EQ(parse_connected_on("31 Feb 2026"), std::nullopt); }

TEST(Dates, ConnectedOnRefusesMonthFirst) { EXPECT_EQ(parse_connected_on("Jan 29 2026"), std::nullopt); }

TEST(Dates, ConnectedOnRefusesOtherNonsense)
{
    for (const char* text : {"", "29 Foo 2026", "29 Jan", "29 Jan 202", "yesterday", "1/29/26, whenever"})
        EXPECT_EQ(parse_connected_on(text), std::nullopt) << text;
}

TEST(Dates, LeapDay)
{
    EXPECT_EQ(parse_connected_on("29 Feb 2028"), day(2028, 2, 29));
    EXPECT_EQ(parse_connected_on("29 Feb 2026"), std::nullopt);
}

}  // namespace
}  // namespace ik::ingest
