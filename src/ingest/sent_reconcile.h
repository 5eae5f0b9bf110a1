// Reconciling a saved Sent invitations page with the ledger. Pure: no I/O.
//
// Rules (docs/formats.md, "What a Sent page concludes"):
// - every card is an invitation pending when the page was saved;
// - a card is the ledger's invitation to the same profile URL, else to the same
//   full name when exactly one person has it (several: a warning, never a guess);
// - a card the ledger lacks is a new pending invitation, sent within its age
//   phrase's bound ("3 weeks ago": 21 to 28 days before the page was saved);
// - a complete page (its cards as many as its "People (N)", or --complete) says
//   that a pending invitation it does not list is pending no longer: `gone`, unless
//   it was sent after the page was saved (an export's later listing does not count:
//   an export lists what was sent, pending or not, so no export revives it either);
// - an incomplete page adds and refines, and marks nothing gone; so does a complete
//   one with a card that names no one (any unlisted invitation may be that card).
#pragma once

#include "ingest/reconcile.h"
#include "ingest/sent_page.h"

#include <optional>
#include <string>

namespace ik::ingest {

struct SentPageOptions {
    core::Instant saved_at;       // when the page was saved: every card was pending then
    bool complete = false;        // --complete: the member scrolled to the end (for a page with no count)
    std::string file;             // its name as the member gave it, for messages and the source
};

// What a page told, for the import's summary.
struct SentPageSummary {
    long cards = 0;
    std::optional<long> people_count;
    bool complete = false;
    long matched = 0;      // cards that are ledger invitations
    long added = 0;        // cards the ledger lacked: new pending invitations
    long gone = 0;         // pending invitations the complete page does not list
    long seen_again = 0;   // invitations thought gone that the page lists: pending again
    long refined = 0;      // invitations a page added, whose sent time this page bounds closer
    long ambiguous = 0;    // cards whose name several people in the ledger have
    long contradicted = 0;  // cards of invitations the ledger holds as withdrawn, declined or accepted
    core::Instant saved_at;
};

struct SentPageReconciled {
    ImportBatch batch;
    SentPageSummary summary;
};

SentPageReconciled reconcile_sent_page(const Ledger& ledger, const SentPage& page, const SentPageOptions& options);

// What a complete page keeps telling later imports (ingest::PageSnapshot): who it
// listed, when. None for a page that concluded nothing gone (incomplete, or a card
// that names no one).
std::optional<PageSnapshot> page_snapshot(const SentPage& page, const SentPageReconciled& reconciled,
                                          const SentPageOptions& options);

// The part of the ledger reconcile_sent_page reads, so that a store need not load a
// million-row history for a page of 1,500 cards: the outgoing invitations that are
// pending (a complete page may find them gone), those to a card's profile, and those
// known by no profile (a name or a URN: a card may be theirs by name); and for a card
// with no profile URL (a text copy), every outgoing invitation to its name. Reconciling
// against the entries in_page_scope keeps gives what the whole ledger gives.
struct PageScope {
    std::vector<std::string> person_keys;  // the cards' profile keys, sorted, each once
    std::vector<std::string> names;        // normalize_name of the cards with no profile key, sorted, each once
};
PageScope page_scope(const SentPage& page);
// The rule the stores' page_ledger queries implement.
bool in_page_scope(const LedgerEntry& entry, const PageScope& scope);
// Its part no index serves: whether an invitation to `name` is one a text copy's card may be.
bool named_in_scope(std::string_view name, const PageScope& scope);

}  // namespace ik::ingest
