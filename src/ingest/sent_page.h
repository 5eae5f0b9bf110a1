// LinkedIn's Sent invitations page as a member saves it (HTML, "complete" HTML,
// MHTML) or copies it (select all, copy): the cards it lists, each an invitation
// still pending when the page was saved. docs/formats.md describes every layout.
#pragma once

#include "core/error.h"
#include "core/time.h"
#include "ingest/age_phrases.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::ingest {

enum class PageLayout {
    cards_2026,    // server-driven: lazy-column, listitem, "Withdraw invitation sent to ..."
    cards_legacy,  // about 2019-2025: li.invitation-card, time.time-badge
    text_copy,     // a select-all copy: no URLs, names only
};
std::string_view to_string(PageLayout layout);

struct SentCard {
    long number = 0;           // its place on the page, from 1
    long line = 0;             // its first line in the file (0 in an MHTML file, whose lines are encoded)
    std::string name;
    std::string profile_key;   // "in:<slug>", or empty (a text copy has no URLs)
    std::string profile_url;   // canonical, or empty
    std::string headline;
    std::string age_phrase;    // as written: "Sent 3 weeks ago"
    AgeBound age;
    std::string note;          // the invitation's note, if the page shows one
};

struct SentPage {
    PageLayout layout = PageLayout::cards_2026;
    std::vector<SentCard> cards;
    std::optional<long> people_count;      // the tab's "People (N)": how many the page would list scrolled to the end
    std::optional<core::Instant> saved_at;  // an MHTML file's Date header
};

// Whether a file that is neither a zip nor a CSV of an export may be a saved page:
// markup, an MHTML file, or text with the Sent or Received tab's words. `head` is its
// first bytes (64 KB are plenty).
bool may_be_page(std::string_view head);

// Reads a saved or copied Sent invitations page; `name` is the file's name for
// messages. Errors (bad_input): "NAME: this is not LinkedIn's Sent invitations page"
// (`not_sent_page`, also for the Received tab, a profile, the login page, a search);
// "NAME: no invitations on this page" (`no_invitations`); a card whose age phrase the
// table does not know (`unknown_age_phrase`, naming the card and the phrase).
// Memory: the cards, and for MHTML the decoded page; the file itself is read in place.
core::Result<SentPage> parse_sent_page(std::string_view data, std::string_view name);

}  // namespace ik::ingest
