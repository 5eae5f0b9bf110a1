#include "ingest/age_phrases.h"

#include "ingest/people.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace ik::ingest {

namespace {

using core::days;
using core::Duration;
using std::chrono::hours;
using std::chrono::minutes;

enum class Unit { minute, hour, today, yesterday, day, week, month, year };

// The page's words by interface language. `confirmed` marks a form seen on a real
// page; the others follow the language's grammar and wait for a real page to confirm
// or correct them. Written lower-case (ASCII), with the typographic apostrophe as "'".
struct SentWord {
    std::string_view lang;
    std::string_view word;
    bool confirmed;
};
constexpr std::array kSentWords{
    SentWord{"en", "sent", true},      SentWord{"de", "gesendet", true},  SentWord{"pt", "enviado", true},
    SentWord{"pt", "enviada", false},  SentWord{"fr", "envoyée", false}, SentWord{"fr", "envoyé", false},
    SentWord{"es", "enviada", false},  SentWord{"es", "enviado", false},
};

// What follows the sent word: "{n}" is a number of units; a form without it is one unit
// ("a week ago") or a day word ("today").
struct AgeForm {
    std::string_view lang;
    std::string_view form;
    Unit unit;
    bool confirmed;
};
constexpr std::array kAgeForms{
    AgeForm{"en", "{n} minutes ago", Unit::minute, true},
    AgeForm{"en", "{n} minute ago", Unit::minute, false},
    AgeForm{"en", "a minute ago", Unit::minute, false},
    AgeForm{"en", "{n} hours ago", Unit::hour, true},
    AgeForm{"en", "{n} hour ago", Unit::hour, false},
    AgeForm{"en", "an hour ago", Unit::hour, false},
    AgeForm{"en", "today", Unit::today, true},
    AgeForm{"en", "yesterday", Unit::yesterday, true},
    AgeForm{"en", "{n} day ago", Unit::day, true},
    AgeForm{"en", "{n} days ago", Unit::day, true},
    AgeForm{"en", "a day ago", Unit::day, false},
    AgeForm{"en", "{n} week ago", Unit::week, true},
    AgeForm{"en", "{n} weeks ago", Unit::week, true},
    AgeForm{"en", "a week ago", Unit::week, false},
    AgeForm{"en", "{n} month ago", Unit::month, true},
    AgeForm{"en", "{n} months ago", Unit::month, true},
    AgeForm{"en", "a month ago", Unit::month, true},
    AgeForm{"en", "{n} year ago", Unit::year, true},
    AgeForm{"en", "{n} years ago", Unit::year, false},
    AgeForm{"en", "a year ago", Unit::year, false},

    AgeForm{"de", "vor {n} minute", Unit::minute, false},
    AgeForm{"de", "vor {n} minuten", Unit::minute, false},
    AgeForm{"de", "vor einer minute", Unit::minute, false},
    AgeForm{"de", "vor {n} stunde", Unit::hour, false},
    AgeForm{"de", "vor {n} stunden", Unit::hour, false},
    AgeForm{"de", "vor einer stunde", Unit::hour, false},
    AgeForm{"de", "heute", Unit::today, false},
    AgeForm{"de", "gestern", Unit::yesterday, false},
    AgeForm{"de", "vor {n} tag", Unit::day, false},
    AgeForm{"de", "vor {n} tagen", Unit::day, false},
    AgeForm{"de", "vor einem tag", Unit::day, false},
    AgeForm{"de", "vor {n} woche", Unit::week, true},
    AgeForm{"de", "vor {n} wochen", Unit::week, false},
    AgeForm{"de", "vor einer woche", Unit::week, false},
    AgeForm{"de", "vor {n} monat", Unit::month, false},
    AgeForm{"de", "vor {n} monaten", Unit::month, false},
    AgeForm{"de", "vor einem monat", Unit::month, false},
    AgeForm{"de", "vor {n} jahr", Unit::year, false},
    AgeForm{"de", "vor {n} jahren", Unit::year, false},
    AgeForm{"de", "vor einem jahr", Unit::year, false},

    AgeForm{"pt", "há {n} minuto", Unit::minute, false},
    AgeForm{"pt", "há {n} minutos", Unit::minute, false},
    AgeForm{"pt", "há {n} hora", Unit::hour, false},
    AgeForm{"pt", "há {n} horas", Unit::hour, false},
    AgeForm{"pt", "hoje", Unit::today, true},
    AgeForm{"pt", "ontem", Unit::yesterday, true},
    AgeForm{"pt", "há {n} dia", Unit::day, false},
    AgeForm{"pt", "há {n} dias", Unit::day, false},
    AgeForm{"pt", "há {n} semana", Unit::week, false},
    AgeForm{"pt", "há {n} semanas", Unit::week, false},
    AgeForm{"pt", "há uma semana", Unit::week, false},
    AgeForm{"pt", "há {n} mês", Unit::month, false},
    AgeForm{"pt", "há {n} meses", Unit::month, true},
    AgeForm{"pt", "há um mês", Unit::month, false},
    AgeForm{"pt", "há {n} ano", Unit::year, false},
    AgeForm{"pt", "há {n} anos", Unit::year, false},
    AgeForm{"pt", "há um ano", Unit::year, false},

    AgeForm{"fr", "il y a {n} minute", Unit::minute, false},
    AgeForm{"fr", "il y a {n} minutes", Unit::minute, false},
    AgeForm{"fr", "il y a {n} heure", Unit::hour, false},
    AgeForm{"fr", "il y a {n} heures", Unit::hour, false},
    AgeForm{"fr", "aujourd'hui", Unit::today, false},
    AgeForm{"fr", "hier", Unit::yesterday, false},
    AgeForm{"fr", "il y a {n} jour", Unit::day, false},
    AgeForm{"fr", "il y a {n} jours", Unit::day, false},
    AgeForm{"fr", "il y a {n} semaine", Unit::week, false},
    AgeForm{"fr", "il y a {n} semaines", Unit::week, false},
    AgeForm{"fr", "il y a une semaine", Unit::week, false},
    AgeForm{"fr", "il y a {n} mois", Unit::month, false},
    AgeForm{"fr", "il y a un mois", Unit::month, false},
    AgeForm{"fr", "il y a {n} an", Unit::year, false},
    AgeForm{"fr", "il y a {n} ans", Unit::year, false},
    AgeForm{"fr", "il y a un an", Unit::year, false},

    AgeForm{"es", "hace {n} minuto", Unit::minute, false},
    AgeForm{"es", "hace {n} minutos", Unit::minute, false},
    AgeForm{"es", "hace {n} hora", Unit::hour, false},
    AgeForm{"es", "hace {n} horas", Unit::hour, false},
    AgeForm{"es", "hoy", Unit::today, false},
    AgeForm{"es", "ayer", Unit::yesterday, false},
    AgeForm{"es", "hace {n} día", Unit::day, false},
    AgeForm{"es", "hace {n} días", Unit::day, false},
    AgeForm{"es", "hace {n} semana", Unit::week, false},
    AgeForm{"es", "hace {n} semanas", Unit::week, false},
    AgeForm{"es", "hace una semana", Unit::week, false},
    AgeForm{"es", "hace {n} mes", Unit::month, false},
    AgeForm{"es", "hace {n} meses", Unit::month, false},
    AgeForm{"es", "hace un mes", Unit::month, false},
    AgeForm{"es", "hace {n} año", Unit::year, false},
    AgeForm{"es", "hace {n} años", Unit::year, false},
    AgeForm{"es", "hace un año", Unit::year, false},
};

constexpr std::array<std::string_view, 4> kWithdrawWords{"withdraw", "zurückziehen", "retirar", "retirer"};

// The withdraw control's aria-label, "{name}" where the person's name stands.
constexpr std::array<std::string_view, 5> kWithdrawLabels{
    "withdraw invitation sent to {name}",        // en, seen
    "einladung an {name} zurückziehen",          // de, expected
    "retirar convite enviado para {name}",       // pt, expected
    "retirer l'invitation envoyée à {name}",     // fr, expected
    "retirar invitación enviada a {name}",       // es, expected
};

constexpr std::array<std::string_view, 10> kReceivedWords{"accept",    "ignore",   "annehmen", "ignorieren", "aceitar",
                                                          "ignorar",   "accepter", "ignorer",  "aceptar",    "rechazar"};

constexpr std::array<std::string_view, 5> kPeopleWords{"people", "personen", "pessoas", "personnes", "personas"};

// How an avatar's caption ends or begins (the name is in the rest).
constexpr std::array<std::string_view, 1> kPictureSuffixes{"'s profile picture"};
constexpr std::array<std::string_view, 6> kPicturePrefixes{"profilbild von ",     "foto do perfil de ",
                                                           "foto de perfil de ",  "foto del perfil de ",
                                                           "photo de profil de ", "photo du profil de "};

constexpr std::array<std::string_view, 5> kHeaderWords{"manage invitations", "einladungen verwalten",
                                                       "gerenciar convites", "gérer les invitations",
                                                       "administrar invitaciones"};

// `text` trimmed, with every run of white space (no-break spaces included) one
// space, the typographic apostrophe "'" and ASCII letters lower-case. Bytes stay
// where they are but for those replacements, so a slice of it is a slice of the words.
std::string fold(std::string_view text, bool lower)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            is_space = true;  // U+00A0
            extra = 1;
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            const auto d = static_cast<unsigned char>(text[i + 2]);
            if (d == 0xAF || (d >= 0x80 && d <= 0x8A)) {  // U+202F, U+2000..U+200A
                is_space = true;
                extra = 2;
            } else if (d == 0x8B || d == 0x8E || d == 0x8F) {  // zero width space, LRM, RLM: nothing
                i += 2;
                continue;
            } else if (d == 0x99) {  // U+2019
                if (space && !out.empty()) out += ' ';
                space = false;
                out += '\'';
                i += 2;
                continue;
            }
        }
        if (is_space) {
            space = true;
            i += extra;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += lower ? ascii_lower(static_cast<char>(c)) : static_cast<char>(c);
    }
    return out;
}

std::optional<long> number_at(std::string_view digits)
{
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    for (char c : digits)
        if (c < '0' || c > '9') return std::nullopt;
    long n = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return n;
}

// The number of units `rest` says in `form`, if it is that form.
std::optional<long> match_form(std::string_view rest, std::string_view form)
{
    const size_t at = form.find("{n}");
    if (at == std::string_view::npos) return rest == form ? std::optional<long>(1) : std::nullopt;
    const std::string_view before = form.substr(0, at), after = form.substr(at + 3);
    if (rest.size() < before.size() + after.size() || !rest.starts_with(before) || !rest.ends_with(after))
        return std::nullopt;
    return number_at(rest.substr(before.size(), rest.size() - before.size() - after.size()));
}

AgeBound bound_of(Unit unit, long n)
{
    switch (unit) {
    case Unit::minute: return {minutes{n}, minutes{n + 1}};
    case Unit::hour: return {hours{n}, hours{n + 1}};
    case Unit::today: return {Duration{0}, hours{24}};
    case Unit::yesterday: return {Duration{0}, hours{48}};
    case Unit::day: return {days{n}, days{n + 1}};
    case Unit::week: return {days{7 * n}, days{7 * n + 7}};
    // A month is 28 to 31 days and a year 365 or 366: the bound takes the widest.
    case Unit::month: return {days{28 * n}, days{31 * (n + 1)}};
    case Unit::year: return {days{365 * n}, days{366 * (n + 1)}};
    }
    return {};
}

// Whether `folded` is "<w's sent word> <rest>"; the rest if so.
std::optional<std::string_view> rest_after(std::string_view folded, const SentWord& w)
{
    if (!folded.starts_with(w.word)) return std::nullopt;
    std::string_view rest = folded.substr(w.word.size());
    if (!rest.empty() && rest.front() != ' ') return std::nullopt;  // "sentence", "enviados"
    if (!rest.empty()) rest.remove_prefix(1);
    return rest;
}

// `folded` is "<sent word> <rest>": the first sent word's entry and the rest. (Two
// languages share "enviada": an age phrase tries every entry, see parse_age_phrase.)
std::optional<std::pair<const SentWord*, std::string_view>> split_sent_word(std::string_view folded)
{
    for (const auto& w : kSentWords)
        if (auto rest = rest_after(folded, w)) return std::pair{&w, *rest};
    return std::nullopt;
}

template <size_t N>
bool one_of(std::string_view folded, const std::array<std::string_view, N>& words)
{
    for (auto w : words)
        if (folded == w) return true;
    return false;
}

}  // namespace

std::optional<AgeBound> parse_age_phrase(std::string_view line)
{
    if (line.size() > 200) return std::nullopt;
    const std::string folded = fold(line, true);
    for (const auto& word : kSentWords) {
        auto rest = rest_after(folded, word);
        if (!rest) continue;
        for (const auto& f : kAgeForms) {
            if (f.lang != word.lang) continue;
            if (auto n = match_form(*rest, f.form)) {
                AgeBound b = bound_of(f.unit, *n);
                b.confirmed = f.confirmed && word.confirmed;
                return b;
            }
        }
    }
    return std::nullopt;
}

bool starts_like_age_phrase(std::string_view line)
{
    if (line.size() > 200) return false;
    const std::string folded = fold(line, true);
    auto split = split_sent_word(folded);
    return split && !split->second.empty();
}

bool is_withdraw_word(std::string_view text)
{
    return text.size() < 40 && one_of(fold(text, true), kWithdrawWords);
}

bool is_received_tab_word(std::string_view text)
{
    return text.size() < 40 && one_of(fold(text, true), kReceivedWords);
}

std::optional<std::string> withdraw_label_name(std::string_view label)
{
    if (label.size() > 1000) return std::nullopt;
    const std::string folded = fold(label, false);
    std::string lower = folded;
    for (char& c : lower) c = ascii_lower(c);
    for (auto pattern : kWithdrawLabels) {
        const size_t at = pattern.find("{name}");
        const std::string_view before = pattern.substr(0, at), after = pattern.substr(at + 6);
        if (lower.size() <= before.size() + after.size() || !lower.starts_with(before) || !lower.ends_with(after))
            continue;
        std::string name = trim(std::string_view(folded).substr(before.size(), folded.size() - before.size() - after.size()));
        if (!name.empty()) return name;
    }
    return std::nullopt;
}

std::optional<long> people_count_of(std::string_view text)
{
    if (text.size() > 100) return std::nullopt;
    const std::string folded = fold(text, true);
    for (auto word : kPeopleWords) {
        if (!folded.starts_with(word)) continue;
        std::string_view rest = std::string_view(folded).substr(word.size());
        if (rest.starts_with(' ')) rest.remove_prefix(1);
        if (!rest.starts_with('(') || !rest.ends_with(')')) continue;
        rest = rest.substr(1, rest.size() - 2);
        std::string digits;
        for (char c : rest) {
            if (c >= '0' && c <= '9') digits += c;
            else if (c != ',' && c != '.' && c != ' ' && c != '\'') return std::nullopt;
        }
        if (digits.empty() || digits.size() > 7) return std::nullopt;
        return std::stol(digits);
    }
    return std::nullopt;
}

bool is_sent_page_header(std::string_view line)
{
    return line.size() < 60 && one_of(fold(line, true), kHeaderWords);
}

bool is_picture_caption(std::string_view line)
{
    if (line.size() > 300) return false;
    const std::string folded = fold(line, true);
    for (auto s : kPictureSuffixes)
        if (folded.size() > s.size() && folded.ends_with(s)) return true;
    for (auto p : kPicturePrefixes)
        if (folded.size() > p.size() && folded.starts_with(p)) return true;
    return false;
}

}  // namespace ik::ingest
