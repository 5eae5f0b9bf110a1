// Fuzz target: a saved or copied Sent invitations page (HTML tokenizing, entities,
// encodings, MHTML parts, the card finders of both layouts and the text copy, age
// phrases in five languages) and its reconciling with a ledger. A page answers bad
// bytes with an Error that says why; a crash, a hang, an escaping exception or a
// conclusion the rules forbid is a bug.
#include "ingest/sent_page.h"
#include "ingest/sent_reconcile.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace ik;

[[noreturn]] void bug()
{
    __builtin_trap();
}

// What the rules promise of a reconciled page, whatever the page held.
void check(const ingest::SentPage& page, const ingest::SentPageReconciled& r, const ingest::Ledger& ledger,
           const ingest::SentPageOptions& options)
{
    const auto& s = r.summary;
    const auto cards = static_cast<long>(page.cards.size());
    if (s.cards != cards) bug();
    if (s.matched + s.added + s.ambiguous > cards) bug();
    if (static_cast<long>(r.batch.new_invitations.size()) != s.added) bug();
    for (const auto& n : r.batch.new_invitations) {
        const auto& inv = n.invitation;
        if (inv.status != core::Status::pending) bug();  // every card was pending when saved
        if (inv.sent_at > options.saved_at) bug();
        if (!inv.sent_earliest || *inv.sent_earliest > inv.sent_at) bug();
    }
    // Only a complete page marks anything gone, never one sent after it was saved, and
    // none while a card names no one (it may be any of them).
    if (!s.complete && s.gone != 0) bug();
    bool nameless = false;
    for (const auto& c : page.cards) nameless = nameless || (c.name.empty() && c.profile_key.empty());
    if (nameless && s.gone != 0) bug();
    if (s.gone > static_cast<long>(ledger.invitations.size())) bug();
    for (const auto& c : r.batch.changes) {
        if (c.event.kind != core::EventKind::gone) continue;
        for (const auto& e : ledger.invitations)
            if (e.id == c.id && e.sent_at > options.saved_at) bug();
    }
}

// The part of the ledger a store gives for the page (in_page_scope) concludes exactly
// what the whole ledger does.
void check_scope(const ingest::SentPage& page, const ingest::Ledger& ledger, const ingest::SentPageOptions& options)
{
    const auto scope = ingest::page_scope(page);
    ingest::Ledger part;
    for (const auto& e : ledger.invitations)
        if (ingest::in_page_scope(e, scope)) part.invitations.push_back(e);
    const auto whole = ingest::reconcile_sent_page(ledger, page, options);
    const auto some = ingest::reconcile_sent_page(part, page, options);
    const auto& a = whole.summary;
    const auto& b = some.summary;
    if (a.matched != b.matched || a.added != b.added || a.gone != b.gone || a.seen_again != b.seen_again ||
        a.refined != b.refined || a.ambiguous != b.ambiguous || a.contradicted != b.contradicted)
        bug();
    if (whole.batch.changes.size() != some.batch.changes.size() ||
        whole.batch.sightings.size() != some.batch.sightings.size() ||
        whole.batch.refinements.size() != some.batch.refinements.size() ||
        whole.batch.warnings.size() != some.batch.warnings.size())
        bug();
    for (size_t i = 0; i < whole.batch.changes.size(); ++i)
        if (whole.batch.changes[i].id != some.batch.changes[i].id ||
            whole.batch.changes[i].event.kind != some.batch.changes[i].event.kind)
            bug();
    for (size_t i = 0; i < whole.batch.new_invitations.size(); ++i)
        if (whole.batch.new_invitations[i].invitation.person.key != some.batch.new_invitations[i].invitation.person.key)
            bug();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    (void)ingest::may_be_page(std::string_view(bytes).substr(0, 65536));
    auto page = ingest::parse_sent_page(bytes, "Sent.html");
    if (!page) {
        if (page.error().message.empty()) bug();  // every refusal says why
        return 0;
    }
    if (page->cards.empty()) bug();  // "no invitations on this page" is an error
    for (size_t i = 0; i < page->cards.size(); ++i) {
        const auto& c = page->cards[i];
        if (c.number != static_cast<long>(i) + 1) bug();
        if (c.age_phrase.empty()) bug();  // a card is found by its age line
        if (c.age.lo > c.age.hi) bug();
        if (!c.profile_key.empty() && !c.profile_key.starts_with("in:")) bug();
    }

    const core::Instant saved = page->saved_at.value_or(core::Instant{} + core::days{20790});
    const ingest::SentPageOptions options{saved, false, "Sent.html"};

    // Against an empty ledger: every card is new.
    ingest::Ledger empty;
    auto fresh = ingest::reconcile_sent_page(empty, *page, options);
    check(*page, fresh, empty, options);

    // Against a ledger that holds the page's own people (every other one by name only,
    // a namesake for the first, and one sent after the page was saved), complete and not.
    ingest::Ledger ledger;
    long id = 1;
    for (size_t i = 0; i < page->cards.size() && i < 200; ++i) {
        const auto& c = page->cards[i];
        ingest::LedgerEntry e;
        e.id = core::InvitationId{id++};
        e.person_key = !c.profile_key.empty() && i % 2 == 0 ? c.profile_key : "name:" + c.name;
        e.name = c.name;
        e.sent_at = saved - c.age.lo - core::Duration{i % 3 == 0 ? 0 : 3600};
        ledger.invitations.push_back(e);
    }
    ingest::LedgerEntry namesake;
    namesake.id = core::InvitationId{id++};
    namesake.person_key = "name:" + page->cards.front().name + "#2";
    namesake.name = page->cards.front().name;
    namesake.sent_at = saved - core::days{400};
    ledger.invitations.push_back(namesake);
    ingest::LedgerEntry accepted;  // ended: the page's card of it contradicts the ledger
    accepted.id = core::InvitationId{id++};
    accepted.person_key = page->cards.back().profile_key.empty() ? "name:" + page->cards.back().name
                                                                 : page->cards.back().profile_key;
    accepted.name = page->cards.back().name;
    accepted.sent_at = saved - core::days{30};
    accepted.status = core::Status::accepted;
    ledger.invitations.push_back(accepted);
    ingest::LedgerEntry incoming;  // never a page's
    incoming.id = core::InvitationId{id++};
    incoming.direction = core::Direction::incoming;
    incoming.person_key = page->cards.front().profile_key.empty() ? "in:someone" : page->cards.front().profile_key;
    incoming.name = page->cards.front().name;
    incoming.sent_at = saved - core::days{3};
    ledger.invitations.push_back(incoming);
    ingest::LedgerEntry later;
    later.id = core::InvitationId{id++};
    later.person_key = "in:sent-after-the-page";
    later.name = "Sent After";
    later.sent_at = saved + core::Duration{60};
    ledger.invitations.push_back(later);
    for (bool complete : {false, true}) {
        const ingest::SentPageOptions o{saved, complete, "Sent.html"};
        check(*page, ingest::reconcile_sent_page(ledger, *page, o), ledger, o);
        check_scope(*page, ledger, o);
    }
    return 0;
}
