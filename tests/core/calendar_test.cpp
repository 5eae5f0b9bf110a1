#include "core/calendar.h"

#include <gtest/gtest.h>

namespace ik::core {
namespace {

TEST(Windows, TheDefaultParsesToThreeWindowsInMinutes)
{
    auto w = parse_windows("08:00-10:00,12:00-14:00,17:00-19:00");
    ASSERT_TRUE(w) << w.error().message;
    EXPECT_EQ(*w, (std::vector<LocalWindow>{{480, 600}, {720, 840}, {1020, 1140}}));
    EXPECT_EQ(format_windows(*w), "08:00-10:00,12:00-14:00,17:00-19:00");
}

TEST(Windows, SpacesAndOrderDoNotMatterAndMidnightIsAnEnd)
{
    auto w = parse_windows(" 18:30 - 24:00 , 07:15-07:45");
    ASSERT_TRUE(w) << w.error().message;
    EXPECT_EQ(*w, (std::vector<LocalWindow>{{435, 465}, {1110, 1440}}));
}

TEST(Windows, MalformedOnesAreRefusedWithTheReason)
{
    for (const char* bad : {"", "8-10", "08:00", "10:00-08:00", "08:00-08:00", "25:00-26:00", "08:60-09:00",
                            "08:00-10:00,09:00-11:00"}) {
        auto w = parse_windows(bad);
        ASSERT_FALSE(w) << bad;
        EXPECT_EQ(w.error().code, "bad_windows");
        EXPECT_NE(w.error().message.find("send.windows"), std::string::npos);
    }
    EXPECT_NE(parse_windows("08:00-10:00,09:00-11:00").error().message.find("overlap"), std::string::npos);
}

TEST(Weekdays, RangesListsWrappingAndAll)
{
    EXPECT_EQ(parse_weekdays("Mon-Fri").value(), Weekdays("0111110"));
    EXPECT_EQ(parse_weekdays("mon,WED,fri").value(), Weekdays("0101010"));
    EXPECT_EQ(parse_weekdays("Fri-Mon").value(), Weekdays("1100011"));
    EXPECT_EQ(parse_weekdays("Sun").value(), Weekdays("0000001"));
    EXPECT_EQ(parse_weekdays("all").value().count(), 7u);
}

TEST(Weekdays, UnknownNamesAreRefused)
{
    for (const char* bad : {"", "Monday-Friday", "Mon-", "Mo", "weekdays"}) {
        auto d = parse_weekdays(bad);
        ASSERT_FALSE(d) << bad;
        EXPECT_EQ(d.error().code, "bad_weekdays");
    }
}

}  // namespace
}  // namespace ik::core
