#include "ingest/sent_reconcile.h"

#include "ingest/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace ik::ingest {

using core::Direction;
using core::EventKind;
using core::Instant;
using core::Status;

namespace {

// A day either side of a bound: the page's clock and rounding are not the ledger's.
constexpr core::Duration kBoundSlack = core::days{1};

bool live(const LedgerEntry& e)
{
    return e.status == Status::pending || e.status == Status::gone;
}

void sort_unique(std::vector<std::string>& list)
{
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
}

std::string card_label(const SentCard& card)
{
    return fmt::format("card {} ({})", card.number, card.name.empty() ? "no name" : card.name);
}

}  // namespace

SentPageReconciled reconcile_sent_page(const Ledger& ledger, const SentPage& page, const SentPageOptions& options)
{
    SentPageReconciled out;
    ImportBatch& batch = out.batch;
    SentPageSummary& summary = out.summary;
    const Instant snap = options.saved_at;
    const std::string source = "sentpage:" + options.file;
    summary.saved_at = snap;
    summary.cards = static_cast<long>(page.cards.size());
    summary.people_count = page.people_count;
    summary.complete = page.people_count ? summary.cards >= *page.people_count : options.complete;

    // The member's sent invitations, by person and by name.
    std::unordered_map<std::string, std::vector<size_t>> by_key;
    std::unordered_map<std::string, std::vector<size_t>> by_name;
    for (size_t i = 0; i < ledger.invitations.size(); ++i) {
        const auto& e = ledger.invitations[i];
        if (e.direction != Direction::outgoing) continue;
        by_key[e.person_key].push_back(i);
        if (auto n = normalize_name(e.name); !n.empty()) by_name[n].push_back(i);
    }
    std::vector<char> listed(ledger.invitations.size());
    std::vector<char> exempt(ledger.invitations.size());  // a namesake of an ambiguous card
    std::map<std::string, long> new_keys;                 // name keys given to new invitations, for namesakes
    long nameless = 0;                                    // cards that name no one: any unlisted one may be theirs

    for (const SentCard& card : page.cards) {
        const std::string name = normalize_name(card.name);
        if (card.profile_key.empty() && name.empty()) {
            ++nameless;
            batch.warnings.push_back(ImportWarning{
                "card_without_person", options.file, card.line, "",
                fmt::format("{}: {} names no one and links no profile: left out", options.file, card_label(card))});
            continue;
        }
        // The candidates: the same profile; else, by name, those whose key is no
        // profile (an export row without a URL, a copied page's card) or any, for a
        // card that has no URL itself.
        std::vector<size_t> candidates;
        if (!card.profile_key.empty())
            if (auto it = by_key.find(card.profile_key); it != by_key.end()) candidates = it->second;
        bool by_name_only = false;
        if (candidates.empty() && !name.empty())
            if (auto it = by_name.find(name); it != by_name.end()) {
                for (size_t i : it->second)
                    if (card.profile_key.empty() || !is_profile_key(ledger.invitations[i].person_key))
                        candidates.push_back(i);
                by_name_only = true;
            }
        if (by_name_only) {
            std::vector<std::string_view> people;
            for (size_t i : candidates) people.push_back(ledger.invitations[i].person_key);
            std::sort(people.begin(), people.end());
            people.erase(std::unique(people.begin(), people.end()), people.end());
            if (people.size() > 1) {
                ++summary.ambiguous;
                for (size_t i : candidates) exempt[i] = 1;
                batch.warnings.push_back(ImportWarning{
                    "ambiguous_card", options.file, card.line, card.name,
                    fmt::format("{}: {}: {} people in the ledger have that name and the page gives no profile URL "
                                "to tell them apart: left as it was",
                                options.file, card_label(card), people.size())});
                continue;
            }
        }
        const Instant latest = snap - card.age.lo;
        const Instant earliest = snap - card.age.hi;
        std::optional<size_t> match;
        for (size_t i : candidates)
            if (live(ledger.invitations[i]) && (!match || ledger.invitations[i].sent_at > ledger.invitations[*match].sent_at))
                match = i;
        if (match) {
            const LedgerEntry& e = ledger.invitations[*match];
            listed[*match] = 1;
            ++summary.matched;
            if (!e.seen_at || *e.seen_at < snap) batch.sightings.push_back(Sighting{e.id, snap});
            if (e.status == Status::gone) {
                batch.changes.push_back(StateChange{e.id, core::Event{EventKind::seen, snap, source}});
                ++summary.seen_again;
            }
            // A time only a page bounded: this page may bound it closer.
            if (e.sent_earliest) {
                const Instant lo = std::max(*e.sent_earliest, earliest);
                const Instant hi = std::min(e.sent_at, latest);
                if (lo <= hi && (lo != *e.sent_earliest || hi != e.sent_at)) {
                    batch.refinements.push_back(Refinement{e.id, std::nullopt, hi,
                                                           lo == hi ? std::nullopt : std::optional<Instant>(lo)});
                    ++summary.refined;
                }
            }
            continue;
        }
        // The ledger's invitation to this person ended (a mark, an acceptance) while
        // the page, saved when it was sent, lists it as pending.
        std::optional<size_t> ended;
        for (size_t i : candidates) {
            const auto& e = ledger.invitations[i];
            if (e.sent_at >= earliest - kBoundSlack && e.sent_at <= latest + kBoundSlack) ended = i;
        }
        if (ended) {
            const auto& e = ledger.invitations[*ended];
            listed[*ended] = 1;
            ++summary.contradicted;
            batch.warnings.push_back(ImportWarning{
                "ended_but_on_page", options.file, card.line, card.name,
                fmt::format("{}: {}: the ledger has this invitation as {} but the page lists it as pending: left as "
                            "it was (if it was withdrawn here by mistake, `mark undo` takes that back)",
                            options.file, card_label(card), core::to_string(e.status))});
            continue;
        }
        // New: an invitation the ledger never had, sent within the card's bound.
        NewInvitation n;
        core::Invitation& inv = n.invitation;
        inv.direction = Direction::outgoing;
        if (!card.profile_key.empty()) {
            inv.person = core::Person{card.profile_key, card.name, card.profile_url};
        } else {
            std::string key = name_key(card.name);
            if (long k = ++new_keys[key]; k > 1) key += fmt::format("#{}", k);
            inv.person = core::Person{std::move(key), card.name, {}};
        }
        inv.sent_at = latest;
        inv.sent_earliest = earliest;
        inv.message = card.note;
        n.events.push_back(core::Event{EventKind::sent, latest, source});
        n.seen_at = snap;
        batch.new_invitations.push_back(std::move(n));
        ++summary.added;
    }

    // A complete page lists every invitation pending when it was saved. A card that
    // names no one is one of them too, but which is not known: then none is gone.
    if (summary.complete && nameless > 0) {
        batch.warnings.push_back(ImportWarning{
            "unknown_card", options.file, 0, "",
            fmt::format("{}: {} card{} name{} no one, and any pending invitation not on the page may be {}: nothing "
                        "is marked gone",
                        options.file, nameless, nameless == 1 ? "" : "s", nameless == 1 ? "s" : "",
                        nameless == 1 ? "it" : "one of them")});
    } else if (summary.complete) {
        for (size_t i = 0; i < ledger.invitations.size(); ++i) {
            const auto& e = ledger.invitations[i];
            if (e.direction != Direction::outgoing || e.status != Status::pending || listed[i] || exempt[i]) continue;
            if (e.sent_at > snap) continue;  // sent after the page was saved
            batch.changes.push_back(StateChange{e.id, core::Event{EventKind::gone, snap, source}});
            ++summary.gone;
        }
    } else if (page.people_count) {
        batch.warnings.push_back(ImportWarning{
            "incomplete_page", options.file, 0, "",
            fmt::format("{} of {} invitations on this page: scroll to the end of the Sent page, then save it again "
                        "(nothing is marked gone until then)",
                        summary.cards, *page.people_count)});
    } else {
        batch.warnings.push_back(ImportWarning{
            "no_count", options.file, 0, "",
            fmt::format("{}: the page shows no \"People (N)\" count, so it may not hold every invitation: nothing is "
                        "marked gone (add --complete if you scrolled to the end)",
                        options.file)});
    }
    batch.counts.outgoing = summary.cards;
    batch.counts.new_invitations = summary.added;
    batch.counts.unchanged = summary.matched - summary.seen_again;
    batch.counts.gone = summary.gone;
    batch.counts.seen_again = summary.seen_again;
    batch.counts.refined = summary.refined;
    return out;
}

std::optional<PageSnapshot> page_snapshot(const SentPage& page, const SentPageReconciled& reconciled,
                                          const SentPageOptions& options)
{
    if (!reconciled.summary.complete) return std::nullopt;
    PageSnapshot out{options.saved_at, "sentpage:" + options.file, {}, {}};
    for (const auto& card : page.cards) {
        std::string name = normalize_name(card.name);
        if (card.profile_key.empty() && name.empty()) return std::nullopt;  // it may be anyone
        if (!card.profile_key.empty()) out.keys.push_back(card.profile_key);
        if (!name.empty()) out.names.push_back(std::move(name));
    }
    sort_unique(out.keys);
    sort_unique(out.names);
    return out;
}

PageScope page_scope(const SentPage& page)
{
    PageScope scope;
    for (const auto& card : page.cards) {
        if (!card.profile_key.empty())
            scope.person_keys.push_back(card.profile_key);
        else if (auto name = normalize_name(card.name); !name.empty())
            scope.names.push_back(std::move(name));
    }
    sort_unique(scope.person_keys);
    sort_unique(scope.names);
    return scope;
}

bool in_page_scope(const LedgerEntry& entry, const PageScope& scope)
{
    if (entry.direction != Direction::outgoing) return false;
    if (entry.status == Status::pending || !is_profile_key(entry.person_key) ||
        std::binary_search(scope.person_keys.begin(), scope.person_keys.end(), entry.person_key))
        return true;
    return named_in_scope(entry.name, scope);
}

bool named_in_scope(std::string_view name, const PageScope& scope)
{
    return !scope.names.empty() && std::binary_search(scope.names.begin(), scope.names.end(), normalize_name(name));
}

}  // namespace ik::ingest
