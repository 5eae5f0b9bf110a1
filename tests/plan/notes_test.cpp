// Which invitation notes count as generic (withdraw.generic_first takes them first).
#include "plan/notes.h"

#include <gtest/gtest.h>

namespace ik::plan {
namespace {

TEST(Notes, NoNoteIsGeneric)
{
    EXPECT_TRUE(is_generic_note(""));
    EXPECT_TRUE(is_generic_note("   \n"));
}

TEST(Notes, LinkedInDefaultTextIsGeneric)
{
    EXPECT_TRUE(is_generic_note("I'd like to add you to my professional network on LinkedIn."));
    EXPECT_TRUE(is_generic_note("I would like to add you to my professional network on LinkedIn"));
}

TEST(Notes, CurlyApostropheVariantIsGeneric)
{
    EXPECT_TRUE(is_generic_note("I\xE2\x80\x99" "d like to add you to my professional network on LinkedIn."));
}

TEST(Notes, CaseSpacingAndPunctuationDoNotMatter)
{
    EXPECT_TRUE(is_generic_note("  i'D LIKE to  connect with you!  "));
    EXPECT_TRUE(is_generic_note("Hi, let's connect."));
    EXPECT_TRUE(is_generic_note("Please accept my invitation"));
}

TEST(Notes, PersonalNoteIsNotGeneric)
{
    EXPECT_FALSE(is_generic_note("Hi Maya, loved your Acme talk"));
    EXPECT_FALSE(is_generic_note("Hi Maya, I'd like to connect about the Acme data team role."));
}

TEST(Notes, GenericPhrasePlusAPersonalLineIsNotGeneric)
{
    EXPECT_FALSE(is_generic_note("Let's connect! We met at RustConf in Berlin."));
}

TEST(Notes, ListedPhrasesAreThemselvesGeneric)
{
    ASSERT_FALSE(generic_phrases().empty());
    for (auto phrase : generic_phrases()) EXPECT_TRUE(is_generic_note(phrase)) << phrase;
}

}  // namespace
}  // namespace ik::plan
