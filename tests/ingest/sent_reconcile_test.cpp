// What a saved Sent page tells the ledger: its cards are pending when it was saved;
// a complete page also tells which pending invitations are no longer pending.
#include "ingest/sent_reconcile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace ik::ingest {
namespace {

using namespace std::chrono_literals;
using core::days;
using core::EventKind;
using core::Instant;
using core::Status;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi}};
}

const Instant kSaved = utc(2026, 12, 1, 9, 14);

SentCard card(long number, std::string name, std::string slug, std::string phrase, std::string note = "")
{
    SentCard c;
    c.number = number;
    c.line = number * 10;
    c.name = std::move(name);
    if (!slug.empty()) {
        c.profile_key = "in:" + slug;
        c.profile_url = "https://www.linkedin.com/in/" + slug;
    }
    c.age_phrase = std::move(phrase);
    c.age = parse_age_phrase(c.age_phrase).value();
    c.note = std::move(note);
    return c;
}

LedgerEntry entry(long id, std::string name, std::string key, Instant sent, Status status = Status::pending)
{
    LedgerEntry e;
    e.id = core::InvitationId{id};
    e.name = std::move(name);
    e.person_key = std::move(key);
    e.sent_at = sent;
    e.status = status;
    e.seen_at = sent;
    return e;
}

bool has_change(const ImportBatch& batch, long id, EventKind kind)
{
    return std::any_of(batch.changes.begin(), batch.changes.end(), [&](const StateChange& c) {
        return c.id == core::InvitationId{id} && c.event.kind == kind;
    });
}

const ImportWarning* warning(const ImportBatch& batch, std::string_view code)
{
    for (const auto& w : batch.warnings)
        if (w.code == code) return &w;
    return nullptr;
}

// Robin's ledger after an export: Ada and Ben still pending, Cleo gone quiet, Dev
// accepted, Eve sent after the page was saved.
Ledger robins_ledger()
{
    Ledger l;
    l.invitations = {
        entry(1, "Ada Obi", "in:ada-obi", utc(2026, 11, 10)),
        entry(2, "Ben Lund", "in:ben-lund", utc(2026, 11, 28)),
        entry(3, "Cleo Park", "in:cleo-park", utc(2026, 10, 2)),
        entry(4, "Dev Rao", "in:dev-rao", utc(2026, 11, 1), Status::accepted),
        entry(5, "Eve Stone", "in:eve-stone", utc(2026, 12, 1, 15)),
    };
    return l;
}

SentPage page_of(std::vector<SentCard> cards, std::optional<long> people)
{
    SentPage p;
    p.cards = std::move(cards);
    p.people_count = people;
    return p;
}

TEST(SentReconcile, CompletePageMarksTheUnlistedPendingGoneAndNothingElse)
{
    auto page = page_of({card(1, "Ben Lund", "ben-lund", "Sent 3 days ago"),
                         card(2, "Ada Obi", "ada-obi", "Sent 2 weeks ago")},
                        2);
    auto r = reconcile_sent_page(robins_ledger(), page, {kSaved, false, "sent.html"});
    EXPECT_TRUE(r.summary.complete);
    EXPECT_EQ(r.summary.matched, 2);
    EXPECT_EQ(r.summary.added, 0);
    EXPECT_EQ(r.summary.gone, 1);
    EXPECT_TRUE(has_change(r.batch, 3, EventKind::gone));   // Cleo: pending, not on the page
    EXPECT_FALSE(has_change(r.batch, 4, EventKind::gone));  // Dev: accepted already
    EXPECT_FALSE(has_change(r.batch, 5, EventKind::gone));  // Eve: sent after the page was saved
    ASSERT_EQ(r.batch.changes.size(), 1u);
    EXPECT_EQ(r.batch.changes[0].event.at, kSaved);
    EXPECT_EQ(r.batch.changes[0].event.source, "sentpage:sent.html");
    EXPECT_EQ(r.batch.sightings.size(), 2u);
    EXPECT_TRUE(r.batch.warnings.empty());
}

// Found by fuzz_sent_page: a card with no name and no link on a page that is otherwise
// the whole list. Cleo may be that card, so she is not marked gone on a guess.
TEST(SentReconcile, ACardThatNamesNoOneKeepsEveryUnlistedInvitationPending)
{
    auto page = page_of({card(1, "Ben Lund", "ben-lund", "Sent 3 days ago"),
                         card(2, "Ada Obi", "ada-obi", "Sent 2 weeks ago"), card(3, "", "", "Sent 2 months ago")},
                        3);
    auto r = reconcile_sent_page(robins_ledger(), page, {kSaved, false, "sent.html"});
    EXPECT_TRUE(r.summary.complete);
    EXPECT_EQ(r.summary.matched, 2);
    EXPECT_EQ(r.summary.added, 0);
    EXPECT_EQ(r.summary.gone, 0);
    EXPECT_TRUE(r.batch.changes.empty());
    ASSERT_NE(warning(r.batch, "card_without_person"), nullptr);
    ASSERT_NE(warning(r.batch, "unknown_card"), nullptr);
    EXPECT_EQ(warning(r.batch, "unknown_card")->message,
              "sent.html: 1 card names no one, and any pending invitation not on the page may be it: nothing is "
              "marked gone");
}

TEST(SentReconcile, IncompletePageAddsButMarksNothingGoneAndSaysSo)
{
    auto page = page_of({card(1, "Ben Lund", "ben-lund", "Sent 3 days ago"),
                         card(2, "Fay Wu", "fay-wu", "Sent 1 week ago")},
                        969);
    auto r = reconcile_sent_page(robins_ledger(), page, {kSaved, true, "sent.html"});  // a count beats --complete
    EXPECT_FALSE(r.summary.complete);
    EXPECT_EQ(r.summary.gone, 0);
    EXPECT_EQ(r.summary.added, 1);
    EXPECT_TRUE(r.batch.changes.empty());
    const auto* w = warning(r.batch, "incomplete_page");
    ASSERT_NE(w, nullptr);
    EXPECT_TRUE(w->message.starts_with(
        "2 of 969 invitations on this page: scroll to the end of the Sent page, then save it again"))
        << w->message;
}

TEST(SentReconcile, PageWithoutCountIsCompleteOnlyWhenTheMemberSaysSo)
{
    auto page = page_of({card(1, "Ben Lund", "ben-lund", "Sent 3 days ago")}, std::nullopt);
    auto unsure = reconcile_sent_page(robins_ledger(), page, {kSaved, false, "copy.txt"});
    EXPECT_EQ(unsure.summary.gone, 0);
    EXPECT_NE(warning(unsure.batch, "no_count"), nullptr);
    auto sure = reconcile_sent_page(robins_ledger(), page, {kSaved, true, "copy.txt"});
    EXPECT_TRUE(sure.summary.complete);
    EXPECT_EQ(sure.summary.gone, 2);  // Ada and Cleo
    EXPECT_EQ(warning(sure.batch, "no_count"), nullptr);
}

TEST(SentReconcile, UnknownCardIsANewPendingInvitationWithinItsAgeBound)
{
    auto page = page_of({card(1, "Fay Wu", "fay-wu", "Sent 3 weeks ago", "Hi Fay, loved your talk.")}, 1);
    auto r = reconcile_sent_page(Ledger{}, page, {kSaved, false, "sent.html"});
    ASSERT_EQ(r.batch.new_invitations.size(), 1u);
    const auto& n = r.batch.new_invitations[0];
    EXPECT_EQ(n.invitation.person.key, "in:fay-wu");
    EXPECT_EQ(n.invitation.person.name, "Fay Wu");
    EXPECT_EQ(n.invitation.sent_at, kSaved - days(21));
    ASSERT_TRUE(n.invitation.sent_earliest.has_value());
    EXPECT_EQ(*n.invitation.sent_earliest, kSaved - days(28));
    EXPECT_EQ(n.invitation.message, "Hi Fay, loved your talk.");
    ASSERT_EQ(n.events.size(), 1u);
    EXPECT_EQ(n.events[0].kind, EventKind::sent);
    EXPECT_EQ(n.events[0].source, "sentpage:sent.html");
    EXPECT_EQ(n.seen_at, kSaved);
}

TEST(SentReconcile, CopiedPageMatchesByNameAndNeverGuessesBetweenNamesakes)
{
    Ledger l = robins_ledger();
    l.invitations.push_back(entry(6, "Arjun Eze", "in:arjun-eze-1", utc(2026, 11, 9)));
    l.invitations.push_back(entry(7, "Arjun Eze", "in:arjun-eze-2", utc(2026, 11, 7)));
    auto page = page_of({card(1, "ada  OBI", "", "Sent 2 weeks ago"), card(2, "Ben Lund", "", "Sent 3 days ago"),
                         card(3, "Arjun Eze", "", "Sent 3 weeks ago")},
                        3);
    auto r = reconcile_sent_page(l, page, {kSaved, false, "copy.txt"});
    EXPECT_EQ(r.summary.matched, 2);
    EXPECT_EQ(r.summary.ambiguous, 1);
    EXPECT_EQ(r.summary.added, 0);
    const auto* w = warning(r.batch, "ambiguous_card");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->subject, "Arjun Eze");
    EXPECT_EQ(w->line, 30);
    EXPECT_FALSE(has_change(r.batch, 6, EventKind::gone));  // namesakes: the page may list either
    EXPECT_FALSE(has_change(r.batch, 7, EventKind::gone));
    EXPECT_TRUE(has_change(r.batch, 3, EventKind::gone));
}

TEST(SentReconcile, GoneInvitationOnThePageIsPendingAgain)
{
    Ledger l = robins_ledger();
    l.invitations[2].status = Status::gone;
    auto page = page_of({card(1, "Cleo Park", "cleo-park", "Sent 1 month ago")}, std::nullopt);
    auto r = reconcile_sent_page(l, page, {kSaved, false, "sent.html"});
    EXPECT_EQ(r.summary.seen_again, 1);
    EXPECT_TRUE(has_change(r.batch, 3, EventKind::seen));
}

TEST(SentReconcile, EndedInvitationOnThePageIsAWarningNotAChange)
{
    auto page = page_of({card(1, "Dev Rao", "dev-rao", "Sent 1 month ago")}, 1);
    auto r = reconcile_sent_page(robins_ledger(), page, {kSaved, false, "sent.html"});
    EXPECT_EQ(r.summary.contradicted, 1);
    EXPECT_EQ(r.summary.added, 0);
    EXPECT_NE(warning(r.batch, "ended_but_on_page"), nullptr);
    EXPECT_FALSE(has_change(r.batch, 4, EventKind::seen));
}

TEST(SentReconcile, AnExportsLaterListingDoesNotKeepItPending)
{
    Ledger l = robins_ledger();
    l.invitations[2].seen_at = kSaved + days(2);  // an export taken after the page lists Cleo: sent, not pending
    auto page = page_of({card(1, "Ben Lund", "ben-lund", "Sent 3 days ago")}, 1);
    auto r = reconcile_sent_page(l, page, {kSaved, false, "sent.html"});
    EXPECT_TRUE(has_change(r.batch, 3, EventKind::gone));
    EXPECT_TRUE(has_change(r.batch, 1, EventKind::gone));
}

TEST(SentReconcile, LaterPageNarrowsABoundAndTheSamePageAgainChangesNothing)
{
    Ledger l;
    LedgerEntry fay = entry(1, "Fay Wu", "in:fay-wu", kSaved - days(21));
    fay.sent_earliest = kSaved - days(28);
    fay.seen_at = kSaved;
    l.invitations.push_back(fay);

    auto same = reconcile_sent_page(l, page_of({card(1, "Fay Wu", "fay-wu", "Sent 3 weeks ago")}, 1),
                                    {kSaved, false, "sent.html"});
    EXPECT_TRUE(same.batch.changes.empty());
    EXPECT_TRUE(same.batch.sightings.empty());
    EXPECT_TRUE(same.batch.refinements.empty());
    EXPECT_TRUE(same.batch.new_invitations.empty());

    // Five days later the page says "4 weeks ago": sent at least 28 days before then.
    auto later = reconcile_sent_page(l, page_of({card(1, "Fay Wu", "fay-wu", "Sent 4 weeks ago")}, 1),
                                     {kSaved + days(5), false, "sent.html"});
    ASSERT_EQ(later.batch.refinements.size(), 1u);
    EXPECT_EQ(later.batch.refinements[0].sent_at, kSaved - days(23));
    EXPECT_EQ(later.batch.refinements[0].sent_earliest, kSaved - days(28));
    EXPECT_EQ(later.summary.refined, 1);
}

}  // namespace
}  // namespace ik::ingest
