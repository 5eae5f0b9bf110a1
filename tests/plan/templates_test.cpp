// Note templates: variables filled in per prospect, escapes, and the errors a member
// sees for a variable with no value or a stray brace.
#include "plan/templates.h"

#include <gtest/gtest.h>

namespace ik::plan {
namespace {

const std::map<std::string, std::string> kMaya{
    {"first_name", "Maya"}, {"name", "Maya Chen"}, {"company", "Acme"}, {"topic", "data teams"}};

TEST(Templates, RendersKnownVariables)
{
    auto r = render_template("Hi {first_name}, loved your {company} talk on {topic}.", kMaya, "Maya Chen");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "Hi Maya, loved your Acme talk on data teams.");
}

TEST(Templates, TextWithoutVariablesIsUnchanged)
{
    EXPECT_EQ(render_template("Hi there \u2014 gr\u00fc\u00dfe! \U0001F44B", {}, "Maya Chen").value(),
              "Hi there \u2014 gr\u00fc\u00dfe! \U0001F44B");
    EXPECT_EQ(render_template("", {}, "Maya Chen").value(), "");
}

TEST(Templates, SameVariableTwiceAndAdjacent)
{
    EXPECT_EQ(render_template("{first_name}{first_name} {name}", kMaya, "Maya Chen").value(), "MayaMaya Maya Chen");
}

TEST(Templates, DoubledBracesAreLiteral)
{
    EXPECT_EQ(render_template("{{first_name}} is {first_name}, }} and {{", kMaya, "Maya Chen").value(),
              "{first_name} is Maya, } and {");
    EXPECT_EQ(render_template("{{{first_name}}}", kMaya, "Maya Chen").value(), "{Maya}");
}

TEST(Templates, ValuesAreNotExpandedAgain)
{
    std::map<std::string, std::string> vars{{"company", "{first_name} & {{Co}}"}, {"first_name", "Maya"}};
    EXPECT_EQ(render_template("at {company}", vars, "Maya Chen").value(), "at {first_name} & {{Co}}");
}

TEST(Templates, MissingVariableNamesProspectAndVariable)
{
    auto r = render_template("Hi {first_name}, how is {team}?", kMaya, "Maya Chen");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::bad_input);
    EXPECT_EQ(r.error().code, "missing_variable");
    EXPECT_EQ(r.error().message, "Maya Chen: no value for {team} in the note template");
}

TEST(Templates, EmptyOrBlankValueIsMissing)
{
    std::map<std::string, std::string> vars{{"first_name", "Maya"}, {"company", ""}, {"role", "  "}};
    auto r = render_template("Hi {first_name} of {company}, {role}, {company}", vars, "Maya Chen");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "missing_variable");
    EXPECT_EQ(r.error().message, "Maya Chen: no value for {company}, {role} in the note template");
}

TEST(Templates, NamesAreCaseSensitive)
{
    auto r = render_template("Hi {First_Name}", kMaya, "Maya Chen");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "missing_variable");
}

TEST(Templates, UnknownBracesAreBadTemplateWithPosition)
{
    struct Case {
        std::string_view text;
        std::string_view where;
    };
    for (auto [text, where] : std::initializer_list<Case>{
             {"Hi {}", "line 1, column 4"},
             {"Hi { first_name }", "line 1, column 4"},
             {"Hi {first-name}", "line 1, column 4"},
             {"Hi {first_name", "line 1, column 4"},
             {"Hi {", "line 1, column 4"},
             {"Zo\u00eb \U0001F44B {x y}", "line 1, column 7"},
             {"Hi {first_name},\nsee {Acme", "line 2, column 5"},
         }) {
        auto r = render_template(text, kMaya, "Maya Chen");
        ASSERT_FALSE(r) << text;
        EXPECT_EQ(r.error().kind, core::ErrorKind::bad_input);
        EXPECT_EQ(r.error().code, "bad_template") << text;
        EXPECT_NE(r.error().message.find(where), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("\"{{\""), std::string::npos) << r.error().message;
    }
}

TEST(Templates, StrayClosingBraceIsBadTemplate)
{
    auto r = render_template("Hi first_name}", kMaya, "Maya Chen");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "bad_template");
    EXPECT_NE(r.error().message.find("line 1, column 14"), std::string::npos) << r.error().message;
}

TEST(Templates, BadTemplateWinsOverMissingValue)
{
    auto r = render_template("{team} and {", kMaya, "Maya Chen");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "bad_template");
}

}  // namespace
}  // namespace ik::plan
