// Invitation notes: what counts as generic (none at all, LinkedIn's default text, or a
// phrase from the list below that names nothing about the recipient), and the checks a
// note gets before it is sent (length, personalization, brevity).
#pragma once

#include "core/settings.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ik::plan {

// The generic phrases, normalised (lower case, letters, digits and single spaces).
std::span<const std::string_view> generic_phrases();

// True for an empty note and for one that is only a generic phrase.
bool is_generic_note(std::string_view note);

// One problem with a note. code: empty, too_long, not_personalized, too_many_lines.
struct NoteFinding {
    std::string code;
    std::string message;  // one line a member can act on
};

struct NoteCheck {
    bool ok = false;                    // no findings
    long length = 0;                    // in Unicode code points
    long max = 0;                       // the limit it was checked against
    bool personalized = false;          // mentions the first name or the company, and is not a generic phrase
    std::vector<NoteFinding> findings;  // in the order empty, too_long, not_personalized, too_many_lines
};

// What is known about the recipient; empty strings are unknown.
struct NoteContext {
    std::string first_name;
    std::string company;
    long max_chars = core::default_integer("note.max_chars_premium");  // or note.max_chars_free
};

// The note length limit for the account's tier (account.tier picks
// note.max_chars_premium or note.max_chars_free).
long note_max_chars(const core::Settings& settings);

// Checks a note against the note rules (docs/cli.md, check-note). A name or company is found as whole
// words, case-insensitively (ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
// letters fold; other letters must match exactly). With neither known, only a generic
// note is not_personalized. An empty note gets the one finding `empty`.
NoteCheck check_note(std::string_view text, const NoteContext& ctx);

}  // namespace ik::plan
