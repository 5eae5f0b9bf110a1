#include "plan/notes.h"

#include "core/utf8.h"

#include <fmt/format.h>

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

// Legal-form words a company's name often ends with and a note usually leaves out
// ("Acme Inc." is mentioned as "Acme").
constexpr std::array<std::u32string_view, 14> kCompanySuffixes{
    U"inc", U"llc", U"ltd", U"limited", U"gmbh", U"corp", U"corporation",
    U"co",  U"plc", U"ag",  U"sa",      U"srl",  U"bv",   U"nv",
};

// Titles and abbreviations whose "." does not end a sentence ("Dr. Chen", "e.g. this").
constexpr std::array<std::u32string_view, 11> kAbbreviations{
    U"mr", U"mrs", U"ms", U"dr", U"prof", U"st", U"jr", U"sr", U"vs", U"cf", U"approx",
};

constexpr char32_t kReplacement = 0xFFFD;

// UTF-8 to code points; each byte of an invalid sequence becomes one U+FFFD, so the
// count of code points is what a member would count as characters.
std::u32string decode(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    const size_t n = text.size();
    for (size_t i = 0; i < n;) {
        auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            out += b;
            ++i;
            continue;
        }
        size_t len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        char32_t cp = len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
        bool valid = len != 0 && i + len <= n;
        for (size_t k = 1; valid && k < len; ++k) {
            auto c = static_cast<unsigned char>(text[i + k]);
            if ((c & 0xC0) != 0x80) valid = false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (valid && len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) valid = false;
        if (valid && len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) valid = false;
        if (!valid) {
            out += kReplacement;
            ++i;
            continue;
        }
        out += cp;
        i += len;
    }
    return out;
}


bool is_space(char32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 ||
           c == 0xFEFF;
}

// Letters and digits of any script. Without a Unicode database, a non-ASCII code point
// counts as a letter unless it lies in a block of punctuation, symbols or emoji.
bool is_word(char32_t c)
{
    if (c < 0x80) return std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;                       // Latin-1 punctuation and signs
    if (c >= 0x2000 && c <= 0x2BFF) return false;                                // punctuation, symbols, arrows
    if (c >= 0x2E00 && c <= 0x2E7F) return false;                                // supplemental punctuation
    if (c >= 0x3000 && c <= 0x303F) return false;                                // CJK punctuation
    if (c >= 0xFE00 && c <= 0xFE0F) return false;                                // variation selectors
    if (c >= 0xFF00 && c <= 0xFF0F) return false;                                // full-width punctuation
    if (c >= 0x1F000 && c <= 0x1FAFF) return false;                              // emoji and pictographs
    return c != kReplacement && c != 0xFEFF && !(c >= 0xE0000 && c <= 0xE007F);  // tags (flag emoji)
}

// Simple case folding for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: the
// scripts of most names a member writes to. Other letters compare exactly.
char32_t fold(char32_t c)
{
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c < 0xC0) return c;
    if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;
    if (c == 0x130) return 'i';  // İ
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c % 2 == 0 ? c + 1 : c;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1 ? c + 1 : c;
    if (c == 0x178) return 0xFF;  // Ÿ
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
    if (c == 0x3C2) return 0x3C3;  // final sigma
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 0x25;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 0x3F;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

using Words = std::vector<std::u32string>;

// The text's words, case-folded; everything that is not a letter or digit separates
// them, so "Maya's" holds the word "maya" and "Annual" never holds "ann".
Words words(std::u32string_view text)
{
    Words out;
    std::u32string word;
    for (char32_t c : text) {
        if (is_word(c)) {
            word += fold(c);
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

bool contains_words(const Words& haystack, const Words& needle)
{
    if (needle.empty()) return false;
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// Lower-case letters and digits, other characters dropped except spaces, runs of spaces
// folded; apostrophes vanish so "I'd", "I’d" and "Id" compare equal. Letters of other
// scripts are kept, so a note in Cyrillic is not mistaken for an empty one.
std::string normalise(std::string_view text)
{
    std::string out;
    bool space = false;
    for (char32_t c : decode(text)) {
        if (is_word(c)) {
            if (space && !out.empty()) out += ' ';
            space = false;
            core::append_utf8(out, fold(c));
        } else if (is_space(c) || c == ',' || c == '.' || c == '!' || c == '-') {
            space = true;
        }
    }
    return out;
}

bool is_terminal(char32_t c)
{
    return c == '.' || c == '!' || c == '?';
}

// Quotes and brackets that may close a sentence after its terminal mark.
bool is_closer(char32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x2019 || c == 0x201D;
}

// Whether the "." at `dot` ends an abbreviation: a listed title ("Dr."), or single
// letters joined by dots ("e.g.", "U.S.", the initial in "Maya J. Chen").
bool ends_abbreviation(std::u32string_view text, size_t dot)
{
    size_t start = dot;
    while (start > 0 && !is_space(text[start - 1]) && text[start - 1] != '(' && text[start - 1] != '"') --start;
    std::u32string token;
    for (size_t i = start; i < dot; ++i) token += fold(text[i]);
    if (token.empty()) return false;
    if (std::find(kAbbreviations.begin(), kAbbreviations.end(), token) != kAbbreviations.end()) return true;
    for (size_t i = 0; i < token.size(); ++i) {
        bool letter_place = i % 2 == 0;
        const bool letter = is_word(token[i]) && !(token[i] >= '0' && token[i] <= '9');
        if (letter_place ? !letter : token[i] != '.') return false;
    }
    return token.size() % 2 == 1;
}

// Sentences: a run of . ! ? (and closing quotes or brackets) followed by a space or the
// end, after some letters or digits; "2.5", "e.g." and "Dr." end none. Text after the
// last terminal mark is one more sentence.
long count_sentences(std::u32string_view text)
{
    long count = 0;
    bool content = false;
    for (size_t i = 0; i < text.size(); ++i) {
        if (!is_terminal(text[i])) {
            if (is_word(text[i])) content = true;
            continue;
        }
        size_t end = i;
        while (end < text.size() && is_terminal(text[end])) ++end;
        const bool single_dot = end == i + 1 && text[i] == '.';
        while (end < text.size() && is_closer(text[end])) ++end;
        const bool boundary = end == text.size() || is_space(text[end]);
        if (boundary && content && !(single_dot && ends_abbreviation(text, i))) {
            ++count;
            content = false;
        }
        i = end - 1;
    }
    return count + (content ? 1 : 0);
}

long count_nonempty_lines(std::u32string_view text)
{
    long count = 0;
    bool content = false;
    for (char32_t c : text) {
        if (c == '\n') {
            count += content ? 1 : 0;
            content = false;
        } else if (!is_space(c)) {
            content = true;
        }
    }
    return count + (content ? 1 : 0);
}

std::string trimmed(std::string_view s)
{
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// The company's words, and the same without a trailing legal form ("Acme Inc" -> "Acme").
std::vector<Words> company_forms(std::string_view company)
{
    Words full = words(decode(company));
    std::vector<Words> forms;
    if (full.empty()) return forms;
    forms.push_back(full);
    if (full.size() > 1 &&
        std::find(kCompanySuffixes.begin(), kCompanySuffixes.end(), full.back()) != kCompanySuffixes.end())
        forms.emplace_back(full.begin(), full.end() - 1);
    return forms;
}

std::string personalization_message(bool generic, const std::string& name, const std::string& company)
{
    if (generic) {
        const std::string to = !name.empty() && !company.empty() ? fmt::format("{} at {}", name, company)
                               : !name.empty()                   ? name
                               : !company.empty()                ? fmt::format("someone at {}", company)
                                                                 : std::string("this person");
        return fmt::format(
            "The note is a stock phrase (like LinkedIn's default text): add one line on why you are "
            "writing to {}",
            to);
    }
    if (!name.empty() && !company.empty())
        return fmt::format("The note mentions neither {} nor {}: greet them by name or say what about {} brings you",
                           name, company, company);
    if (!name.empty()) return fmt::format("The note does not mention {}: greet them by name", name);
    return fmt::format("The note does not mention {}: say what about {} brings you", company, company);
}

}  // namespace

std::span<const std::string_view> generic_phrases()
{
    return kGeneric;
}

bool is_generic_note(std::string_view note)
{
    std::string n = normalise(note);
    if (n.empty()) return true;
    return std::find(kGeneric.begin(), kGeneric.end(), n) != kGeneric.end();
}

long note_max_chars(const core::Settings& settings)
{
    const bool free = settings.text("account.tier") == "free";
    return static_cast<long>(free ? settings.integer("note.max_chars_free") : settings.integer("note.max_chars_premium"));
}

NoteCheck check_note(std::string_view text, const NoteContext& ctx)
{
    const std::u32string points = decode(text);
    NoteCheck check;
    check.length = static_cast<long>(points.size());
    check.max = ctx.max_chars;

    if (std::all_of(points.begin(), points.end(), is_space)) {
        check.findings.push_back(
            {"empty", "The note is empty: write one line on why you are writing, or send without a note"});
        return check;
    }

    if (check.length > ctx.max_chars) {
        const long over = check.length - ctx.max_chars;
        check.findings.push_back(
            {"too_long", fmt::format("The note is {} characters, {} over the limit of {}: cut {} character{}",
                                     check.length, over, ctx.max_chars, over, over == 1 ? "" : "s")});
    }

    const std::string name = trimmed(ctx.first_name);
    const std::string company = trimmed(ctx.company);
    const Words name_words = words(decode(name));
    const std::vector<Words> company_words = company_forms(company);
    const Words note_words = words(points);
    const bool mentions = contains_words(note_words, name_words) ||
                          std::any_of(company_words.begin(), company_words.end(),
                                      [&](const Words& form) { return contains_words(note_words, form); });
    const bool known = !name_words.empty() || !company_words.empty();
    const bool generic = is_generic_note(text);
    check.personalized = mentions && !generic;
    if (generic || (known && !mentions))
        check.findings.push_back({"not_personalized", personalization_message(generic, name_words.empty() ? "" : name,
                                                                              company_words.empty() ? "" : company)});

    const long sentences = count_sentences(points);
    const long lines = count_nonempty_lines(points);
    if (sentences > 2 || lines > 2) {
        std::string what = sentences > 2 && lines > 2 ? fmt::format("{} sentences on {} lines", sentences, lines)
                           : sentences > 2            ? fmt::format("{} sentences", sentences)
                                                      : fmt::format("{} lines", lines);
        check.findings.push_back(
            {"too_many_lines",
             fmt::format("The note has {}: 1-2 are enough; keep the one reason you are writing", what)});
    }

    check.ok = check.findings.empty();
    return check;
}

}  // namespace ik::plan
