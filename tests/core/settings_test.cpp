// Settings: defaults (docs/rules.md), a TOML file on top, per-account values on top
// of that, and where each effective value came from.
#include "core/settings.h"

#include <gtest/gtest.h>

#include <sstream>

namespace ik::core {
namespace {

// The line of `to_toml()` output that starts with `prefix`, or "".
std::string toml_line(const std::string& toml, std::string_view prefix)
{
    std::istringstream in(toml);
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with(prefix)) return line;
    return "";
}

TEST(Settings, DefaultsAreTheRulesNumbers)
{
    Settings s;
    EXPECT_EQ(s.integer("pending.cap"), 1500);
    EXPECT_EQ(s.integer("pending.target"), 1200);
    EXPECT_EQ(s.integer("weekly.limit"), 100);
    EXPECT_EQ(s.integer("daily.limit"), 20);
    EXPECT_EQ(s.integer("batch.max_per_hour"), 10);
    EXPECT_EQ(s.duration("send.min_gap"), Duration{180});
    EXPECT_EQ(s.duration("withdraw.after"), Duration{7 * 86400});
    EXPECT_EQ(s.duration("withdraw.outdated_after"), Duration{30 * 86400});
    EXPECT_TRUE(s.boolean("withdraw.generic_first"));
    EXPECT_EQ(s.integer("withdraw.daily_max"), 100);
    EXPECT_EQ(s.duration("reinvite.after_withdraw"), Duration{21 * 86400});
    EXPECT_EQ(s.duration("reinvite.after_decline"), Duration{60 * 86400});
    EXPECT_EQ(s.integer("note.max_chars_premium"), 300);
    EXPECT_EQ(s.integer("note.max_chars_free"), 200);
    EXPECT_EQ(s.integer("note.free_personalized_per_30d"), 5);
    EXPECT_EQ(s.text("account.tz"), "UTC");
    EXPECT_EQ(s.get("pending.cap").source, "default");
}

TEST(Settings, TheRuleStructsDefaultsAreTheSettingsDefaults)
{
    // Read at compile time from the one table; a typo in a key would not compile.
    static_assert(default_integer("pending.target") == 1200);
    static_assert(default_integer("pending.cap") == 1500);
    static_assert(default_duration("send.min_gap") == Duration{180});
    static_assert(default_duration("reinvite.after_withdraw_advised") == Duration{28 * 86400});
    static_assert(default_boolean("withdraw.generic_first"));
    Settings s;
    EXPECT_EQ(s.integer("pending.target"), default_integer("pending.target"));
    EXPECT_EQ(s.duration("withdraw.after"), default_duration("withdraw.after"));
}

TEST(Settings, AKeyReadAtRunTimeThatIsNotKnownFailsLoudly)
{
    Settings s;
    EXPECT_THROW((void)s.get("pending.targte"), std::logic_error);
    EXPECT_EQ(s.get("pending.target").value, "1200");
}

TEST(Settings, DurationsParseAtCompileTimeAsAtRunTime)
{
    static_assert(duration_seconds("1d12h") == 36 * 3600);
    static_assert(!duration_seconds("7"));
    static_assert(!duration_seconds("d"));
    static_assert(!duration_seconds("-1d"));
    for (const char* text : {"7d", "36h", "3m", "90s", "2w", "1d12h", "0s"})
        EXPECT_EQ(parse_duration(text).value().count(), *duration_seconds(text)) << text;
    EXPECT_FALSE(parse_duration("101000d"));
    EXPECT_EQ(parse_integer("-42"), -42);
    EXPECT_FALSE(parse_integer("4x"));
}

TEST(Settings, EveryDefaultIsValidForItsType)
{
    for (const auto& spec : setting_specs()) {
        auto v = validate_setting(spec, spec.default_value);
        ASSERT_TRUE(v) << spec.key << ": " << v.error().message;
        EXPECT_EQ(*v, spec.default_value) << spec.key;
    }
}

TEST(Settings, OverlayTomlReadsNestedTablesAndArrays)
{
    Settings s;
    auto r = s.overlay_toml(R"(
[pending]
cap = 1000
target = 800

[send]
windows = ["09:00-11:00", "15:00-16:00"]

[withdraw]
after = "10d"
generic_first = false

[account]
tz = "Europe/Berlin"
)",
                            "/home/maya/ik.toml");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(s.integer("pending.cap"), 1000);
    EXPECT_EQ(s.integer("pending.target"), 800);
    EXPECT_EQ(s.text("send.windows"), "09:00-11:00,15:00-16:00");
    EXPECT_EQ(s.duration("withdraw.after"), Duration{10 * 86400});
    EXPECT_FALSE(s.boolean("withdraw.generic_first"));
    EXPECT_EQ(s.text("account.tz"), "Europe/Berlin");
    EXPECT_EQ(s.get("pending.cap").source, "file /home/maya/ik.toml");
    // Keys the file does not name keep their defaults.
    EXPECT_EQ(s.integer("weekly.limit"), 100);
    EXPECT_EQ(s.get("weekly.limit").source, "default");
}

TEST(Settings, OverlayTomlReadsDottedKeys)
{
    Settings s;
    ASSERT_TRUE(s.overlay_toml("pending.cap = 900\n", "ik.toml"));
    EXPECT_EQ(s.integer("pending.cap"), 900);
}

TEST(Settings, UnknownKeyErrorNamesFileAndLine)
{
    Settings s;
    auto r = s.overlay_toml("[pending]\ncap = 1000\ncapp = 5\n", "ik.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::bad_input);
    EXPECT_EQ(r.error().message, "ik.toml:3: unknown setting \"pending.capp\"");
}

TEST(Settings, BadValueErrorNamesFileLineAndKey)
{
    Settings s;
    auto r = s.overlay_toml("[pending]\n\ncap = \"many\"\n", "ik.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "ik.toml:3: pending.cap = \"many\" is not a whole number from 0");
}

TEST(Settings, DurationGivenAsNumberIsRefused)
{
    Settings s;
    auto r = s.overlay_toml("[withdraw]\nafter = 7\n", "ik.toml");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("ik.toml:2:"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("withdraw.after"), std::string::npos) << r.error().message;
}

TEST(Settings, FloatValueIsAnUnsupportedType)
{
    Settings s;
    auto r = s.overlay_toml("[pending]\ncap = 1.5\n", "ik.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "ik.toml:2: pending.cap has a value of an unsupported type");
}

TEST(Settings, ArrayOfNumbersIsRefused)
{
    Settings s;
    auto r = s.overlay_toml("[send]\nwindows = [8, 10]\n", "ik.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "ik.toml:2: send.windows must be a list of strings");
}

TEST(Settings, TomlSyntaxErrorNamesFileLineAndColumn)
{
    Settings s;
    auto r = s.overlay_toml("[pending]\ncap = = 3\n", "ik.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "bad_config");
    EXPECT_TRUE(r.error().message.starts_with("ik.toml:2:")) << r.error().message;
}

TEST(Settings, InvalidValueLeavesThatKeyUnchanged)
{
    Settings s;
    EXPECT_FALSE(s.overlay_toml("[pending]\ncap = -1\n", "ik.toml"));
    EXPECT_EQ(s.integer("pending.cap"), 1500);
    EXPECT_EQ(s.get("pending.cap").source, "default");
}

TEST(Settings, AccountValueSetAfterTheFileWins)
{
    Settings s;
    ASSERT_TRUE(s.overlay_toml("[pending]\ntarget = 800\n", "ik.toml"));
    ASSERT_TRUE(s.set("pending.target", "900", "account"));
    EXPECT_EQ(s.integer("pending.target"), 900);
    EXPECT_EQ(s.get("pending.target").source, "account");
}

TEST(Settings, SetNormalisesDurations)
{
    Settings s;
    ASSERT_TRUE(s.set("withdraw.after", "168h", "account"));
    EXPECT_EQ(s.text("withdraw.after"), "7d");
}

TEST(Settings, SetRefusesUnknownZoneAndTier)
{
    Settings s;
    auto tz = s.set("account.tz", "Europe/Atlantis", "account");
    ASSERT_FALSE(tz);
    EXPECT_EQ(tz.error().message.rfind("account: ", 0), 0u) << tz.error().message;
    EXPECT_FALSE(s.set("account.tier", "gold", "account"));
    EXPECT_FALSE(s.set("withdraw.generic_first", "yes", "account"));
    EXPECT_EQ(s.text("account.tz"), "UTC");
}

TEST(Settings, SetRefusesUnknownKey)
{
    Settings s;
    auto r = s.set("pending.capp", "5", "account");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "unknown_setting");
}

TEST(Settings, ToTomlShowsValueAndSource)
{
    Settings s;
    ASSERT_TRUE(s.overlay_toml("[pending]\ncap = 1000\n", "ik.toml"));
    ASSERT_TRUE(s.set("pending.target", "900", "account"));
    const std::string toml = s.to_toml();
    EXPECT_NE(toml.find("[pending]\n"), std::string::npos);
    EXPECT_NE(toml_line(toml, "cap = 1000 ").find("# file ik.toml"), std::string::npos) << toml;
    EXPECT_NE(toml_line(toml, "target = 900 ").find("# account"), std::string::npos) << toml;
    EXPECT_NE(toml_line(toml, "limit = 100 ").find("# default"), std::string::npos) << toml;
    EXPECT_NE(toml_line(toml, "after = \"7d\"").find("# default"), std::string::npos) << toml;
}

TEST(Settings, ToTomlReadsBackToTheSameValues)
{
    Settings s;
    ASSERT_TRUE(s.set("pending.target", "900", "account"));
    ASSERT_TRUE(s.set("send.windows", "09:00-10:00", "account"));
    Settings copy;
    auto r = copy.overlay_toml(s.to_toml(), "shown.toml");
    ASSERT_TRUE(r) << r.error().message;
    for (const auto& spec : setting_specs()) EXPECT_EQ(copy.get(spec.key).value, s.get(spec.key).value) << spec.key;
}

}  // namespace
}  // namespace ik::core
