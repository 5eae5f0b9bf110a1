// Who an export row is about: every spelling of one LinkedIn profile URL maps to one
// person key; names normalise for the fallback match.
#include "ingest/people.h"

#include <gtest/gtest.h>

namespace ik::ingest {
namespace {

std::string key_of(std::string_view url)
{
    auto ref = normalize_profile_url(url);
    return ref ? ref->key : "(none)";
}

TEST(People, CanonicalUrlGivesSlugKey)
{
    auto ref = normalize_profile_url("https://www.linkedin.com/in/maya-patel");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->key, "in:maya-patel");
    EXPECT_EQ(ref->canonical, "https://www.linkedin.com/in/maya-patel");
}

TEST(People, SchemeVariantsMapToOneKey)
{
    EXPECT_EQ(key_of("http://www.linkedin.com/in/maya-patel"), "in:maya-patel");
    EXPECT_EQ(key_of("www.linkedin.com/in/maya-patel"), "in:maya-patel");
    EXPECT_EQ(key_of("linkedin.com/in/maya-patel"), "in:maya-patel");
    EXPECT_EQ(key_of("//www.linkedin.com/in/maya-patel"), "in:maya-patel");
}

TEST(People, CountryAndMobileSubdomainsMapToOneKey)
{
    EXPECT_EQ(key_of("https://de.linkedin.com/in/maya-patel"), "in:maya-patel");
    EXPECT_EQ(key_of("https://m.linkedin.com/in/maya-patel"), "in:maya-patel");
    EXPECT_EQ(key_of("https://linkedin.com/in/maya-patel"), "in:maya-patel");
}

TEST(People, TrailingSlashQueryAndFragmentAreDropped)
{
    EXPECT_EQ(key_of("https://www.linkedin.com/in/maya-patel/"), "in:maya-patel");
    EXPECT_EQ(key_of("https://www.linkedin.com/in/maya-patel?trk=people-guest"), "in:maya-patel");
    EXPECT_EQ(key_of("https://www.linkedin.com/in/maya-patel/#experience"), "in:maya-patel");
    EXPECT_EQ(key_of("https://www.linkedin.com/in/maya-patel/details/experience/"), "in:maya-patel");
}

TEST(People, AsciiLetterCaseIsFolded)
{
    EXPECT_EQ(key_of("HTTPS://WWW.LINKEDIN.COM/IN/Maya-Patel"), "in:maya-patel");
    auto ref = normalize_profile_url("https://www.linkedin.com/in/Maya-Patel/");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->canonical, "https://www.linkedin.com/in/maya-patel");
}

TEST(People, SurroundingSpacesAreIgnored)
{
    EXPECT_EQ(key_of("  https://www.linkedin.com/in/maya-patel \t"), "in:maya-patel");
}

TEST(People, PercentEncodedSlugEqualsItsDecodedForm)
{
    const std::string decoded_key = "in:j\xC3\xBCrgen-m\xC3\xBCller";  // "in:jürgen-müller"
    EXPECT_EQ(key_of("https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller"), decoded_key);
    EXPECT_EQ(key_of("https://www.linkedin.com/in/j%c3%bcrgen-m%c3%bcller"), decoded_key);
    EXPECT_EQ(key_of("https://www.linkedin.com/in/j\xC3\xBCrgen-m\xC3\xBCller"), decoded_key);
}

TEST(People, CanonicalUrlOfNonAsciiSlugIsPercentEncoded)
{
    auto ref = normalize_profile_url("https://de.linkedin.com/in/j\xC3\xBCrgen-m\xC3\xBCller/");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->canonical, "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller");
}

TEST(People, NonAsciiLettersKeepTheirCase)
{
    // Only ASCII letters are folded: "JÜRGEN" keeps its "Ü" while "J" becomes "j".
    // LinkedIn writes slugs in lower case, so both of a person's export files agree;
    // this records the limit of the "letter case maps to one key" promise.
    EXPECT_EQ(key_of("https://www.linkedin.com/in/J%C3%9CRGEN-M%C3%9CLLER"), "in:j\xC3\x9Crgen-m\xC3\x9Cller");
}

TEST(People, UpperCaseSchemeAndHostAreFolded)
{
    EXPECT_EQ(key_of("HTTP://DE.LinkedIn.Com/in/maya-patel"), "in:maya-patel");
    EXPECT_EQ(key_of("https://WWW.LINKEDIN.COM.example.com/in/x"), "(none)");
}

TEST(People, FragmentBeforeQueryIsDroppedToo)
{
    EXPECT_EQ(key_of("https://www.linkedin.com/in/maya-patel#a?b"), "in:maya-patel");
    EXPECT_EQ(key_of("https://www.linkedin.com/in/maya-patel?a#b"), "in:maya-patel");
}

TEST(People, PercentEncodedAsciiIsDecodedAndFolded)
{
    auto ref = normalize_profile_url("https://www.linkedin.com/in/%4Daya%20Patel%2");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->key, "in:maya patel%2");
    EXPECT_EQ(ref->canonical, "https://www.linkedin.com/in/maya%20patel%252");
}

TEST(People, MemberUrnGivesUrnKey)
{
    auto ref = normalize_profile_url("urn:li:member:610150649");
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->key, "urn:610150649");
    EXPECT_EQ(ref->canonical, "");
}

TEST(People, EmptyAndBareUrlsGiveNothing)
{
    EXPECT_EQ(key_of(""), "(none)");
    EXPECT_EQ(key_of("   "), "(none)");
    EXPECT_EQ(key_of("https://www.linkedin.com/in"), "(none)");
    EXPECT_EQ(key_of("https://www.linkedin.com/in/"), "(none)");
    EXPECT_EQ(key_of("https://www.linkedin.com/in/?trk=x"), "(none)");
    EXPECT_EQ(key_of("urn:li:member:"), "(none)");
}

TEST(People, OtherSitesGiveNothing)
{
    EXPECT_EQ(key_of("https://example.com/in/x"), "(none)");
    EXPECT_EQ(key_of("https://notlinkedin.com/in/x"), "(none)");
    EXPECT_EQ(key_of("https://www.linkedin.com.example.com/in/x"), "(none)");
    EXPECT_EQ(key_of("maya-patel"), "(none)");
}

TEST(People, NonProfilePagesGiveNothing)
{
    EXPECT_EQ(key_of("https://www.linkedin.com/company/acme"), "(none)");
    EXPECT_EQ(key_of("https://www.linkedin.com/school/acme-university/"), "(none)");
    EXPECT_EQ(key_of("https://www.linkedin.com/feed/"), "(none)");
    EXPECT_EQ(key_of("https://www.linkedin.com/index"), "(none)");
}

TEST(People, NormalizeNameTrimsFoldsSpacesAndLowerCases)
{
    EXPECT_EQ(normalize_name("  Maya   Patel "), "maya patel");
    EXPECT_EQ(normalize_name("MAYA\tPATEL"), "maya patel");
    EXPECT_EQ(normalize_name("Maya\nPatel"), "maya patel");
    EXPECT_EQ(normalize_name(""), "");
    EXPECT_EQ(normalize_name("   "), "");
}

TEST(People, NormalizeNameKeepsNonAsciiAndPunctuation)
{
    EXPECT_EQ(normalize_name("J\xC3\xBCrgen M\xC3\xBCller, PhD"), "j\xC3\xBCrgen m\xC3\xBCller, phd");
}

TEST(People, NameKey) { EXPECT_EQ(name_key(" Maya  Patel"), "name:maya patel"); }

TEST(People, NameKeyKeepsNonAscii)
{
    EXPECT_EQ(name_key("\tJ\xC3\x9CRGEN  M\xC3\xBCller\n"), "name:j\xC3\x9Crgen m\xC3\xBCller");
}

TEST(People, AsciiLower)
{
    EXPECT_EQ(ascii_lower('A'), 'a');
    EXPECT_EQ(ascii_lower('z'), 'z');
    EXPECT_EQ(ascii_lower('@'), '@');
    EXPECT_EQ(ascii_lower('['), '[');
    EXPECT_EQ(ascii_lower('\xC3'), '\xC3');
    EXPECT_TRUE(equals_ascii_lower("OutGoing", "outgoing"));
    EXPECT_FALSE(equals_ascii_lower("OUTGOIN", "outgoing"));
    EXPECT_FALSE(equals_ascii_lower("\xC3\x9C", "\xC3\xBC"));
}

TEST(People, Trim)
{
    EXPECT_EQ(trim("  Maya Patel \t\r\n"), "Maya Patel");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim("a b"), "a b");
    EXPECT_EQ(trimmed(" \va b\f"), "a b");
}

TEST(PersonKey, OnlyAKeyFromAProfileUrlIsAProfileKey)
{
    EXPECT_TRUE(is_profile_key(normalize_profile_url("https://www.linkedin.com/in/maya-patel")->key));
    EXPECT_FALSE(is_profile_key(normalize_profile_url("urn:li:member:610150649")->key));
    EXPECT_FALSE(is_profile_key(name_key("Maya Patel")));
}

}  // namespace
}  // namespace ik::ingest
