// The Sent page's words by language: each age phrase's bound (the page rounds down),
// the withdraw control, the header, and how a bounded age is shown back ("3w+").
#include "ingest/age_phrases.h"
#include "core/invitation.h"

#include <gtest/gtest.h>

namespace ik::ingest {
namespace {

using core::days;
using std::chrono::hours;
using std::chrono::minutes;

struct Case {
    const char* phrase;
    core::Duration lo;
    core::Duration hi;
    bool confirmed;
};

TEST(AgePhrases, EveryFormSeenOnARealPageHasItsBound)
{
    const Case cases[] = {
        {"Sent 40 minutes ago", minutes(40), minutes(41), true},
        {"Sent 11 hours ago", hours(11), hours(12), true},
        {"Sent today", hours(0), hours(24), true},
        {"Sent yesterday", hours(0), hours(48), true},
        {"Sent 1 day ago", days(1), days(2), true},
        {"Sent 5 days ago", days(5), days(6), true},
        {"Sent 1 week ago", days(7), days(14), true},
        {"Sent 3 weeks ago", days(21), days(28), true},
        {"Sent a month ago", days(28), days(62), true},
        {"Sent 1 month ago", days(28), days(62), true},
        {"Sent 3 months ago", days(84), days(124), true},
        {"Sent 1 year ago", days(365), days(732), true},
        {"Gesendet vor 1 Woche", days(7), days(14), true},
        {"Enviado hoje", hours(0), hours(24), true},
        {"Enviado ontem", hours(0), hours(48), true},
        {"Enviado há 3 meses", days(84), days(124), true},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.phrase);
        auto bound = parse_age_phrase(c.phrase);
        ASSERT_TRUE(bound.has_value());
        EXPECT_EQ(bound->lo, c.lo);
        EXPECT_EQ(bound->hi, c.hi);
        EXPECT_EQ(bound->confirmed, c.confirmed);
    }
}

TEST(AgePhrases, ExpectedFormsOfEachLanguageAreKnownButUnconfirmed)
{
    const Case cases[] = {
        {"Gesendet heute", hours(0), hours(24), false},
        {"Gesendet vor 4 Tagen", days(4), days(5), false},
        {"Gesendet vor 2 Wochen", days(14), days(21), false},
        {"Gesendet vor 6 Monaten", days(168), days(217), false},
        {"Gesendet vor 1 Jahr", days(365), days(732), false},
        {"Enviado há 2 semanas", days(14), days(21), false},
        {"Envoyée il y a 3 jours", days(3), days(4), false},
        {"Envoyée aujourd\u2019hui", hours(0), hours(24), false},
        {"Envoyée il y a 2 mois", days(56), days(93), false},
        {"Enviada hace 2 días", days(2), days(3), false},
        {"Enviada ayer", hours(0), hours(48), false},
        {"Enviada hace 1 año", days(365), days(732), false},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.phrase);
        auto bound = parse_age_phrase(c.phrase);
        ASSERT_TRUE(bound.has_value());
        EXPECT_EQ(bound->lo, c.lo);
        EXPECT_EQ(bound->hi, c.hi);
        EXPECT_EQ(bound->confirmed, c.confirmed);
    }
}

TEST(AgePhrases, CaseAndSpacingDoNotMatterButOtherWordsDo)
{
    EXPECT_TRUE(parse_age_phrase("  sent   3  WEEKS ago ").has_value());
    EXPECT_FALSE(parse_age_phrase("Sent a fortnight ago").has_value());
    EXPECT_TRUE(starts_like_age_phrase("Sent a fortnight ago"));
    EXPECT_FALSE(parse_age_phrase("Sent -3 weeks ago").has_value());
    EXPECT_FALSE(parse_age_phrase("Sent 99999999999999999999 weeks ago").has_value());
    EXPECT_FALSE(parse_age_phrase("Sentimental").has_value());
    EXPECT_FALSE(starts_like_age_phrase("Sentimental value"));
    EXPECT_FALSE(parse_age_phrase("").has_value());
}

TEST(AgePhrases, WithdrawControlAndHeaderInEachLanguage)
{
    EXPECT_TRUE(is_withdraw_word("Withdraw"));
    EXPECT_TRUE(is_withdraw_word("Zurückziehen"));
    EXPECT_TRUE(is_withdraw_word("Retirar"));
    EXPECT_TRUE(is_withdraw_word("Retirer"));
    EXPECT_FALSE(is_withdraw_word("Accept"));
    EXPECT_EQ(withdraw_label_name("Withdraw invitation sent to Siobhan O'Brien"), "Siobhan O'Brien");
    EXPECT_EQ(withdraw_label_name("Message Siobhan"), std::nullopt);
    EXPECT_TRUE(is_received_tab_word("Ignore"));
    EXPECT_TRUE(is_received_tab_word("Accept"));
    EXPECT_EQ(people_count_of("People (969)"), 969);
    EXPECT_EQ(people_count_of("People (1,204)"), 1204);
    EXPECT_EQ(people_count_of("Personen (12)"), 12);
    EXPECT_EQ(people_count_of("Pages (3)"), std::nullopt);
    EXPECT_TRUE(is_sent_page_header("Manage invitations"));
    EXPECT_TRUE(is_picture_caption("Jane Doe\u2019s profile picture"));
    EXPECT_FALSE(is_picture_caption("Jane Doe"));
}

TEST(AgePhrases, BoundedAgeShowsInThePhrasesUnitWithAPlus)
{
    EXPECT_EQ(core::format_min_age(minutes(40), minutes(1)), "40min+");
    EXPECT_EQ(core::format_min_age(hours(11), hours(1)), "11h+");
    EXPECT_EQ(core::format_min_age(days(5), days(1)), "5d+");
    EXPECT_EQ(core::format_min_age(days(21), days(7)), "3w+");
    EXPECT_EQ(core::format_min_age(days(24), days(7)), "3w+");  // a few days after the page was saved
    EXPECT_EQ(core::format_min_age(days(84), days(40)), "3mo+");
    EXPECT_EQ(core::format_min_age(days(365), days(367)), "1y+");
}

// What the pending table shows for a card the page alone dated is what the page said.
TEST(AgePhrases, APageDatedInvitationShowsThePhrasesAgeUntilAnExportGivesTheTime)
{
    const core::Instant saved = core::Instant{} + days(20000);
    auto shown = [&](std::string_view phrase, core::Duration later) {
        const auto bound = parse_age_phrase(phrase);
        EXPECT_TRUE(bound.has_value()) << phrase;
        core::Invitation inv;
        inv.sent_at = saved - bound->lo;
        inv.sent_earliest = saved - bound->hi;
        return core::age_label(inv, saved + later);
    };
    EXPECT_EQ(shown("Sent 3 weeks ago", {}), "3w+");
    EXPECT_EQ(shown("Sent 3 weeks ago", days(8)), "4w+");
    EXPECT_EQ(shown("Gesendet vor 2 Monaten", {}), "2mo+");
    EXPECT_EQ(shown("Sent yesterday", {}), "0d+");  // [0, 48) hours: by the page's own clock
    EXPECT_EQ(shown("Sent 5 hours ago", {}), "5h+");

    core::Invitation exact;
    exact.sent_at = saved - days(23) - hours(5);
    EXPECT_EQ(core::age_label(exact, saved), "23d");
}

}  // namespace
}  // namespace ik::ingest
