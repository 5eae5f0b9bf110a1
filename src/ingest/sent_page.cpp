#include "ingest/sent_page.h"

#include "ingest/html.h"
#include "ingest/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

namespace ik::ingest {

using core::ErrorKind;

std::string_view to_string(PageLayout layout)
{
    switch (layout) {
    case PageLayout::cards_2026: return "2026";
    case PageLayout::cards_legacy: return "earlier";
    case PageLayout::text_copy: return "text copy";
    }
    return "";
}

namespace {

// Runs of white space (no-break and the other Unicode spaces too) as one space;
// zero-width characters dropped. Not trimmed: "Hi <b>Jane</b>" keeps its space.
std::string collapse_space(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        size_t width = 1;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            is_space = true;
            width = 2;
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            const auto d = static_cast<unsigned char>(text[i + 2]);
            if (d == 0xAF || (d >= 0x80 && d <= 0x8A)) {
                is_space = true;
                width = 3;
            } else if (d == 0x8B || d == 0x8E || d == 0x8F) {
                i += 2;
                continue;
            }
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
                   static_cast<unsigned char>(text[i + 2]) == 0xBF) {
            i += 2;  // a byte order mark
            continue;
        }
        if (is_space) {
            if (!space) out += ' ';
            space = true;
            i += width - 1;
            continue;
        }
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

bool is_more_control(std::string_view text)
{
    // A clamped note's "…more" in each language, with or without its ellipsis.
    static constexpr std::array<std::string_view, 10> kMore{"more", "see more", "mehr", "mehr anzeigen", "mais",
                                                            "ver mais", "plus", "voir plus", "más", "ver más"};
    std::string_view rest = text;
    if (rest.starts_with("\u2026")) rest.remove_prefix(std::string_view("\u2026").size());
    else if (rest.starts_with("...")) rest.remove_prefix(3);
    while (rest.starts_with(' ')) rest.remove_prefix(1);
    std::string lowered(rest);
    for (char& c : lowered) c = ascii_lower(c);
    return std::find(kMore.begin(), kMore.end(), lowered) != kMore.end();
}

bool is_separator(std::string_view text)
{
    return text == "·" || text == "•" || text == "|" || text == "-";
}

core::Error not_sent_page(std::string_view name, std::string_view why)
{
    return core::Error{ErrorKind::bad_input, "not_sent_page",
                       fmt::format("{}: this is not LinkedIn's Sent invitations page{}", name, why)};
}

core::Error no_invitations(std::string_view name)
{
    return core::Error{ErrorKind::bad_input, "no_invitations", fmt::format("{}: no invitations on this page", name)};
}

core::Error unknown_age(std::string_view name, long line, long number, std::string_view who, std::string_view phrase)
{
    return core::Error{ErrorKind::bad_input, "unknown_age_phrase",
                       fmt::format("{}{}: card {} ({}): \"{}\" is not an age phrase invitekeeper knows; nothing was "
                                   "imported",
                                   name, line > 0 ? fmt::format(":{}", line) : "", number,
                                   who.empty() ? "no name" : who, phrase)};
}

core::Error no_age(std::string_view name, long line, long number, std::string_view who)
{
    return core::Error{ErrorKind::bad_input, "unknown_age_phrase",
                       fmt::format("{}{}: card {} ({}) has a withdraw control but no age phrase such as \"Sent 3 "
                                   "weeks ago\"; nothing was imported",
                                   name, line > 0 ? fmt::format(":{}", line) : "", number,
                                   who.empty() ? "no name" : who)};
}

bool contains_lower(std::string_view text, std::string_view lower_needle)
{
    std::string lowered(text);
    for (char& c : lowered) c = ascii_lower(c);
    return lowered.find(lower_needle) != std::string::npos;
}

bool class_has_prefix(const std::string* classes, std::string_view prefix)
{
    if (!classes) return false;
    std::string_view rest = *classes;
    while (!rest.empty()) {
        const size_t space = rest.find(' ');
        const std::string_view token = rest.substr(0, space);
        if (token.starts_with(prefix)) return true;
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    return false;
}

// --- HTML (both layouts) ---

struct Run {
    std::string text;  // trimmed
    std::string raw;   // white space collapsed, not trimmed
    bool in_note = false;
    bool in_button = false;
    int breaks_before = 0;  // line breaks between it and the run before (a <br> each; a block's end one)
};

struct CardBuilder {
    size_t depth = 0;
    size_t offset = 0;
    bool legacy = false;
    std::vector<Run> runs;
    std::string key;
    std::string url;
    std::optional<std::string> label_name;
    bool withdraw = false;
    bool received = false;
    int pending_breaks = 0;
};

struct Open {
    std::string name;
    bool lazy = false;     // inside the list of cards (2026)
    bool note = false;     // inside a card's note
    bool button = false;   // inside a control: its text is not the person's
    bool capture = false;  // an a or button: its text is kept for the count
    bool sent_count = false;  // its href is the Sent tab's People count
    std::string captured;
};

constexpr size_t kMaxDepth = 4096;

class HtmlPageReader {
public:
    HtmlPageReader(std::string_view html, std::string_view name, bool count_lines)
        : m_html(html), m_name(name), m_count_lines(count_lines)
    {
    }

    core::Result<SentPage> read(std::string_view location)
    {
        if (contains_lower(location, "/invitation-manager/sent")) m_sent_evidence = true;
        if (contains_lower(location, "/invitation-manager/received")) m_received_evidence = true;
        HtmlTokenizer tokens(m_html);
        while (auto t = tokens.next()) {
            if (t->kind == HtmlToken::Kind::text) text(*t);
            else if (t->kind == HtmlToken::Kind::start_tag) start(*t);
            else end(t->name);
            if (m_error) return std::unexpected(*m_error);
        }
        while (!m_stack.empty()) {
            pop();
            if (m_error) return std::unexpected(*m_error);
        }
        if (m_page.cards.empty()) {
            if (m_received_evidence || m_received_buttons)
                return std::unexpected(not_sent_page(m_name, " (it is the Received tab: open the Sent tab, scroll to "
                                                             "the end and save that)"));
            if (m_sent_evidence) return std::unexpected(no_invitations(m_name));
            return std::unexpected(not_sent_page(m_name, ""));
        }
        m_page.layout = m_legacy ? PageLayout::cards_legacy : PageLayout::cards_2026;
        m_page.people_count = m_sent_count ? m_sent_count : m_any_count;
        return std::move(m_page);
    }

private:
    long line_at(size_t offset)
    {
        if (!m_count_lines) return 0;
        m_line += static_cast<long>(std::count(m_html.begin() + static_cast<std::ptrdiff_t>(m_line_offset),
                                               m_html.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
        m_line_offset = offset;
        return m_line;
    }

    void text(const HtmlToken& t)
    {
        const std::string raw = collapse_space(to_utf8(decode_entities(t.text)));
        const std::string text = trim(raw);
        if (text.empty()) return;
        for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it)
            if (it->capture) {
                if (it->captured.size() < 200) it->captured += raw;
                break;
            }
        const Open* top = m_stack.empty() ? nullptr : &m_stack.back();
        if (top && top->button && is_received_tab_word(text)) m_received_buttons = true;
        if (!m_card) return;
        Run run{text, raw, top && top->note, top && top->button, m_card->pending_breaks};
        m_card->pending_breaks = 0;
        if (!run.in_note && is_withdraw_word(text)) m_card->withdraw = true;
        if (run.in_button && is_received_tab_word(text)) m_card->received = true;
        if (m_card->runs.size() < 400) m_card->runs.push_back(std::move(run));
    }

    void start(const HtmlToken& t)
    {
        if (t.name == "link" || t.name == "meta") {
            const std::string* rel = t.attribute("rel");
            const std::string* property = t.attribute("property");
            const std::string* value = (rel && *rel == "canonical") ? t.attribute("href")
                                       : (property && *property == "og:url") ? t.attribute("content")
                                                                             : nullptr;
            if (value && contains_lower(*value, "/invitation-manager/sent")) m_sent_evidence = true;
            if (value && contains_lower(*value, "/invitation-manager/received")) m_received_evidence = true;
            return;
        }
        if (m_card && t.name == "br") ++m_card->pending_breaks;
        const bool is_void = is_void_element(t.name) || t.self_closing;
        // "<li>" ends an open "<li>", "<p>" an open "<p>", as in HTML.
        if ((t.name == "li" || t.name == "p") && !m_stack.empty() && m_stack.back().name == t.name) pop();

        Open open;
        open.name = t.name;
        if (!m_stack.empty()) {
            const Open& parent = m_stack.back();
            open.lazy = parent.lazy;
            open.note = parent.note;
            open.button = parent.button;
        }
        const std::string* testid = t.attribute("data-testid");
        const std::string* role = t.attribute("role");
        const std::string* classes = t.attribute("class");
        const std::string* href = t.attribute("href");
        const std::string* label = t.attribute("aria-label");
        if (testid && *testid == "lazy-column") open.lazy = true;
        if (testid && *testid == "expandable-text-box") open.note = true;
        if (class_has_prefix(classes, "invitation-card__custom-message")) open.note = true;  // the earlier layout's
        if (t.name == "button") open.button = true;
        if (t.name == "a" || t.name == "button") {
            open.capture = true;
            if (href && contains_lower(*href, "invitation-manager/sent/connection")) open.sent_count = true;
        }

        if (!m_card && !is_void) {
            const bool modern = role && *role == "listitem" && open.lazy;
            const bool legacy = t.name == "li" && class_has_prefix(classes, "invitation-card");
            if (modern || legacy) {
                m_card = CardBuilder{};
                m_card->depth = m_stack.size();
                m_card->offset = t.offset;
                m_card->legacy = legacy;
            }
        }
        if (m_card) {
            if (href && m_card->key.empty())
                if (auto ref = normalize_profile_url(href->starts_with("/in/") ? "https://www.linkedin.com" + *href
                                                                                : *href);
                    ref && is_profile_key(ref->key)) {
                    m_card->key = ref->key;
                    m_card->url = ref->canonical;
                }
            if (label) {
                if (auto who = withdraw_label_name(*label)) {
                    m_card->label_name = collapse_space(to_utf8(*who));
                    m_card->withdraw = true;
                    open.button = true;
                } else {
                    const std::string first = label->substr(0, label->find(' '));
                    if (is_received_tab_word(first)) m_card->received = true;
                }
            }
            if (class_has_prefix(classes, "invitation-card__action-btn")) {
                m_card->withdraw = true;
                open.button = true;
            }
        } else if (label) {
            const std::string first = label->substr(0, label->find(' '));
            if (is_received_tab_word(first)) m_received_buttons = true;
        }
        if (is_void) return;
        if (m_stack.size() >= kMaxDepth) return;  // nesting past any real page: read on, flat
        m_stack.push_back(std::move(open));
    }

    void end(const std::string& name)
    {
        for (size_t i = m_stack.size(); i-- > 0;) {
            if (m_stack[i].name != name) continue;
            while (m_stack.size() > i) pop();
            return;
        }
    }

    void pop()
    {
        Open open = std::move(m_stack.back());
        m_stack.pop_back();
        if (open.capture) {
            if (auto n = people_count_of(trim(open.captured))) {
                if (open.sent_count) {
                    if (!m_sent_count) m_sent_count = n;
                    m_sent_evidence = true;
                } else if (!m_any_count) {
                    m_any_count = n;
                }
            }
        }
        if (m_card && open.note && (open.name == "p" || open.name == "div" || open.name == "li"))
            m_card->pending_breaks = std::max(m_card->pending_breaks, 1);
        if (m_card && m_stack.size() == m_card->depth) finish_card();
    }

    void finish_card()
    {
        CardBuilder card = std::move(*m_card);
        m_card.reset();
        if (card.received) {
            m_received_evidence = true;
            return;
        }
        const Run* age_run = nullptr;
        std::optional<AgeBound> age;
        const Run* unknown = nullptr;
        for (const auto& r : card.runs) {
            if (r.in_note || r.in_button) continue;
            if ((age = parse_age_phrase(r.text))) {
                age_run = &r;
                break;
            }
            if (!unknown && starts_like_age_phrase(r.text)) unknown = &r;
        }
        if (!age && !card.withdraw) return;  // a list item that is no card: a suggestion, a "show more"

        std::vector<const Run*> words;  // what is left: the name and the headline
        for (const auto& r : card.runs) {
            if (r.in_note || r.in_button || &r == age_run || (unknown && &r == unknown)) continue;
            if (is_withdraw_word(r.text) || is_picture_caption(r.text) || is_separator(r.text) || is_more_control(r.text))
                continue;
            words.push_back(&r);
        }
        SentCard out;
        out.number = static_cast<long>(m_page.cards.size()) + 1;
        out.line = line_at(card.offset);
        size_t after = 0;
        if (card.label_name) {
            out.name = *card.label_name;
            for (size_t i = 0; i < words.size(); ++i)
                if (words[i]->text == out.name) {
                    after = i + 1;
                    break;
                }
        } else if (!words.empty()) {
            out.name = words.front()->text;
            after = 1;
        }
        for (size_t i = after; i < words.size(); ++i)
            if (words[i]->text != out.name) {
                out.headline = words[i]->text;
                break;
            }
        if (!age) {
            m_error = unknown ? unknown_age(m_name, out.line, out.number, out.name, unknown->text)
                              : no_age(m_name, out.line, out.number, out.name);
            return;
        }
        out.age = *age;
        out.age_phrase = age_run->text;
        std::string note;
        for (const auto& r : card.runs) {
            if (!r.in_note || r.in_button || is_more_control(r.text)) continue;
            if (!note.empty()) note.append(static_cast<size_t>(std::min(r.breaks_before, 2)), '\n');
            note += r.raw;
        }
        std::string cleaned;
        for (size_t at = 0; at <= note.size();) {
            size_t nl = std::min(note.find('\n', at), note.size());
            std::string line = trim(std::string_view(note).substr(at, nl - at));
            if (!cleaned.empty() || !line.empty()) cleaned += (cleaned.empty() ? "" : "\n") + line;
            at = nl + 1;
        }
        while (cleaned.ends_with('\n')) cleaned.pop_back();
        out.note = std::move(cleaned);
        out.profile_key = std::move(card.key);
        out.profile_url = std::move(card.url);
        // The list repeats a card when it re-renders: one invitation each.
        if (!out.profile_key.empty() && !m_keys.insert(out.profile_key).second) return;
        if (card.legacy) m_legacy = true;
        m_page.cards.push_back(std::move(out));
    }

    std::string_view m_html;
    std::string_view m_name;
    bool m_count_lines;
    long m_line = 1;
    size_t m_line_offset = 0;
    std::vector<Open> m_stack;
    std::optional<CardBuilder> m_card;
    std::optional<core::Error> m_error;
    SentPage m_page;
    std::set<std::string> m_keys;
    std::optional<long> m_sent_count;
    std::optional<long> m_any_count;
    bool m_legacy = false;
    bool m_sent_evidence = false;
    bool m_received_evidence = false;
    bool m_received_buttons = false;  // Accept or Ignore controls outside any card
};

// --- select-all text copy ---

struct Line {
    std::string text;
    long number;
    bool blank_before;  // an empty line (or several) came before it: a paragraph break in a note
};

core::Result<SentPage> read_text_copy(std::string_view data, std::string_view name)
{
    std::vector<Line> lines;
    long number = 0;
    bool blank = false;
    for (size_t at = 0; at < data.size();) {
        size_t nl = data.find('\n', at);
        if (nl == std::string_view::npos) nl = data.size();
        ++number;
        std::string text = trim(collapse_space(to_utf8(data.substr(at, nl - at))));
        if (text.empty()) {
            blank = true;
        } else {
            lines.push_back(Line{std::move(text), number, blank});
            blank = false;
        }
        at = nl + 1;
    }
    SentPage page;
    page.layout = PageLayout::text_copy;
    bool header = false, received = false;
    size_t start = 0;  // where cards may begin: after the header's counts
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& t = lines[i].text;
        if (is_sent_page_header(t)) {
            header = true;
            start = std::max(start, i + 1);
        } else if (auto n = people_count_of(t); n && !page.people_count) {
            page.people_count = n;
            start = std::max(start, i + 1);
        } else if (is_received_tab_word(t)) {
            received = true;
        }
    }
    // "Pages (N)" and any other tab word right after the count belong to the header.
    auto is_tab = [](std::string_view t) {
        return t.ends_with(")") && t.find(" (") != std::string_view::npos && t.size() < 30;
    };
    while (start < lines.size() && is_tab(lines[start].text)) ++start;

    // Each card ends with its withdraw line; its age line is the first age phrase in it.
    size_t segment = start;
    for (size_t i = start; i < lines.size(); ++i) {
        if (!is_withdraw_word(lines[i].text)) continue;
        const size_t end = i;  // the withdraw line
        std::optional<size_t> age_at;
        std::optional<AgeBound> age;
        std::optional<size_t> unknown_at;
        for (size_t k = segment; k < end; ++k) {
            if ((age = parse_age_phrase(lines[k].text))) {
                age_at = k;
                break;
            }
            if (!unknown_at && k > segment && starts_like_age_phrase(lines[k].text)) unknown_at = k;
        }
        SentCard card;
        card.number = static_cast<long>(page.cards.size()) + 1;
        const size_t phrase_at = age_at ? *age_at : unknown_at.value_or(end);
        // Before the age line: "<Name>'s profile picture", the name, the headline.
        size_t name_at = phrase_at;
        for (size_t k = segment; k < phrase_at; ++k)
            if (is_picture_caption(lines[k].text)) name_at = k + 1;
        if (name_at >= phrase_at) name_at = phrase_at >= segment + 2 ? phrase_at - 2 : segment;
        if (name_at < phrase_at) {
            card.name = lines[name_at].text;
            card.line = lines[name_at].number;
            std::string headline;
            for (size_t k = name_at + 1; k < phrase_at; ++k) headline += (headline.empty() ? "" : " ") + lines[k].text;
            card.headline = std::move(headline);
        } else {
            card.line = lines[end].number;
        }
        if (!age) {
            if (unknown_at)
                return std::unexpected(unknown_age(name, lines[*unknown_at].number, card.number, card.name,
                                                   lines[*unknown_at].text));
            return std::unexpected(no_age(name, lines[end].number, card.number, card.name));
        }
        card.age = *age;
        card.age_phrase = lines[*age_at].text;
        std::string note;
        for (size_t k = *age_at + 1; k < end; ++k) {
            if (is_more_control(lines[k].text)) continue;
            if (!note.empty()) note += lines[k].blank_before ? "\n\n" : "\n";
            note += lines[k].text;
        }
        card.note = std::move(note);
        page.cards.push_back(std::move(card));
        segment = end + 1;
    }
    if (page.cards.empty()) {
        if (received)
            return std::unexpected(not_sent_page(
                name, " (it is the Received tab: open the Sent tab, scroll to the end and copy that)"));
        if (header) return std::unexpected(no_invitations(name));
        return std::unexpected(not_sent_page(name, ""));
    }
    return page;
}

bool starts_with_markup(std::string_view data)
{
    size_t i = 0;
    if (data.starts_with("\xEF\xBB\xBF")) i = 3;
    while (i < data.size() && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) ++i;
    return i < data.size() && data[i] == '<';
}

}  // namespace

bool may_be_page(std::string_view head)
{
    head = head.substr(0, 64 * 1024);
    if (head.find('\0') != std::string_view::npos) return false;  // binary (or /dev/zero): no page has a NUL
    if (starts_with_markup(head) || looks_like_mhtml(head)) return true;
    const size_t first_end = std::min(head.find('\n'), head.size());
    const std::string_view first = head.substr(0, first_end);
    if (first.find_first_of(",;\t") == std::string_view::npos) return true;
    for (size_t at = 0; at < head.size();) {
        size_t nl = std::min(head.find('\n', at), head.size());
        const std::string line = trim(head.substr(at, nl - at));
        if (is_sent_page_header(line) || people_count_of(line) || parse_age_phrase(line) || is_withdraw_word(line))
            return true;
        at = nl + 1;
    }
    return false;
}

core::Result<SentPage> parse_sent_page(std::string_view data, std::string_view name)
{
    if (looks_like_mhtml(data)) {
        auto mhtml = decode_mhtml(data, name);
        if (!mhtml) return std::unexpected(mhtml.error());
        HtmlPageReader reader(mhtml->html, name, false);
        auto page = reader.read(mhtml->location);
        if (!page) return page;
        page->saved_at = mhtml->saved_at;
        return page;
    }
    if (starts_with_markup(data)) {
        HtmlPageReader reader(data, name, true);
        return reader.read("");
    }
    return read_text_copy(data, name);
}

}  // namespace ik::ingest
