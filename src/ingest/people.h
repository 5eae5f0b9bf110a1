// Who an export row is about: profile URLs normalised to one person key, and
// names normalised for the fallback match when an export carries no usable URL.
#pragma once

#include "core/error.h"

#include <optional>
#include <string>
#include <string_view>

namespace ik::ingest {

struct ProfileRef {
    std::string key;        // "in:<slug>" or "urn:<member id>"
    std::string canonical;  // "https://www.linkedin.com/in/<slug>" (empty for a URN)
};

// Normalises a LinkedIn profile reference: any scheme or none, www/country/mobile
// subdomains, trailing slash, query, fragment, percent-encoding and letter case all
// map to one key. "urn:li:member:610150649" maps to a URN key. Returns nothing for
// an empty value, the bare "https://www.linkedin.com/in" and anything not a profile.
std::optional<ProfileRef> normalize_profile_url(std::string_view url);

// True for a key made from a profile URL ("in:<slug>"), not from a URN or a name.
bool is_profile_key(std::string_view key);
// The canonical profile URL of such a key; empty for any other key.
std::string profile_url_of_key(std::string_view key);

// A profile URL a member gives (a mark, the queue, do-not-contact, a prospects CSV):
// normalize_profile_url() that names a profile page (is_profile_key), else a
// bad_input "bad_url" error quoting it. The one check every command uses.
core::Result<ProfileRef> profile_url(std::string_view url);

// Trims, folds runs of white space to one space and lower-cases ASCII letters.
std::string normalize_name(std::string_view name);

// The person key used when no profile reference is known: "name:<normalised name>".
std::string name_key(std::string_view name);

// Trims leading and trailing white space (exports carry trailing spaces in names).
std::string trim(std::string_view text);

// trim() without the copy: a view of `text`.
std::string_view trimmed(std::string_view text);

// Lower-cases an ASCII letter and leaves every other byte alone: std::tolower in the
// "C" locale the program runs in, without a library call per character.
constexpr char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether `text` with its ASCII letters lower-cased is `lower`.
bool equals_ascii_lower(std::string_view text, std::string_view lower);

}  // namespace ik::ingest
