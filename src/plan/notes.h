// What counts as a generic invitation note: none at all, LinkedIn's default text,
// or a phrase from the list below that names nothing about the recipient.
#pragma once

#include <span>
#include <string_view>

namespace ik::plan {

// The generic phrases, normalised (lower case, letters, digits and single spaces).
std::span<const std::string_view> generic_phrases();

// True for an empty note and for one that is only a generic phrase.
bool is_generic_note(std::string_view note);

}  // namespace ik::plan
