// The words of LinkedIn's Sent invitations page that differ by interface language:
// each card's age phrase ("Sent 3 weeks ago"), its withdraw control, and the page's
// header. One table (age_phrases.cpp) in one place; docs/formats.md lists it.
#pragma once

#include "core/time.h"

#include <optional>
#include <string>
#include <string_view>

namespace ik::ingest {

// What an age phrase says about how long ago the invitation was sent: at least `lo`
// and less than `hi`. The page rounds down, so "3 weeks ago" is [21 days, 28 days).
struct AgeBound {
    core::Duration lo{0};
    core::Duration hi{0};
    bool confirmed = false;  // the form was seen on a real page (else expected from the grammar)
    auto operator<=>(const AgeBound&) const = default;
};

// Reads one card's age line in any of the table's languages: "Sent 3 weeks ago",
// "Gesendet vor 1 Woche", "Enviado há 3 meses", "Envoyée hier", "Enviada hace 2 días".
// Case, runs of white space and the typographic apostrophe do not matter. Nothing for
// a line that is not an age phrase the table knows.
std::optional<AgeBound> parse_age_phrase(std::string_view line);

// Whether `line` begins with a language's "sent" word ("Sent", "Gesendet", "Enviado",
// ...) and so was meant as an age phrase, known or not: what an unknown phrase looks like.
bool starts_like_age_phrase(std::string_view line);

// Whether `text` is the withdraw control's label: "Withdraw", "Zurückziehen", "Retirar", "Retirer".
bool is_withdraw_word(std::string_view text);

// The person a withdraw control's aria-label names: "Withdraw invitation sent to
// Jane Doe" -> "Jane Doe" (and the other languages' forms); nothing for other labels.
std::optional<std::string> withdraw_label_name(std::string_view label);

// Whether `text` is a Received-tab control ("Accept", "Ignore" and their translations):
// what tells a saved Received tab from the Sent tab.
bool is_received_tab_word(std::string_view text);

// The N of the Sent tab's "People (N)" ("Personen (N)", "Pessoas (N)", ...), thousands
// separators allowed; nothing for any other text ("Pages (N)" counts pages followed).
std::optional<long> people_count_of(std::string_view text);

// Whether `line` is one of the page header's words ("Manage invitations", "Sent", ...)
// in any language: what a select-all copy of the Sent tab begins with.
bool is_sent_page_header(std::string_view line);

// Whether `line` is an avatar's caption in a select-all copy ("Jane Doe’s profile
// picture"); the line after it is the person's name.
bool is_picture_caption(std::string_view line);

}  // namespace ik::ingest
