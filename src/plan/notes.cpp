#include "plan/notes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace ik::plan {

namespace {

// LinkedIn's default text in its several wordings, and the stock openers outreach
// guides list as "generic" (they tell the recipient nothing about why).
constexpr std::array<std::string_view, 14> kGeneric{
    "id like to add you to my professional network on linkedin",
    "i would like to add you to my professional network on linkedin",
    "id like to add you to my professional network",
    "id like to join your linkedin network",
    "i would like to join your linkedin network",
    "id like to connect",
    "id like to connect with you",
    "i would like to connect with you",
    "hi id like to connect",
    "hi i would like to connect",
    "hello id like to connect with you",
    "lets connect",
    "hi lets connect",
    "please accept my invitation",
};

// Lower-case ASCII letters and digits, other characters dropped except spaces,
// runs of spaces folded; apostrophes vanish so "I'd" and "Id" compare equal.
std::string normalise(std::string_view text)
{
    std::string out;
    bool space = false;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += static_cast<char>(std::tolower(u));
        } else if (std::isspace(u) || c == ',' || c == '.' || c == '!' || c == '-') {
            space = true;
        }
    }
    return out;
}

}  // namespace

std::span<const std::string_view> generic_phrases() { return kGeneric; }

bool is_generic_note(std::string_view note)
{
    std::string n = normalise(note);
    if (n.empty()) return true;
    return std::find(kGeneric.begin(), kGeneric.end(), n) != kGeneric.end();
}

}  // namespace ik::plan
