// Reading saved web pages as browsers save them: a tolerant HTML tokenizer (broken
// markup is read, never refused), character references, stray encodings, and Chrome's
// single-file MHTML. Enough to find the cards of a saved LinkedIn page; no DOM.
#pragma once

#include "core/error.h"
#include "core/time.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::ingest {

struct HtmlAttribute {
    std::string name;   // lower-case
    std::string value;  // character references decoded
};

struct HtmlToken {
    enum class Kind { text, start_tag, end_tag };
    Kind kind = Kind::text;
    std::string name;                      // tags: lower-case
    std::vector<HtmlAttribute> attributes;  // start tags
    bool self_closing = false;              // "<br/>"
    std::string_view text;                  // text: raw, references not decoded
    size_t offset = 0;                      // of the token in the input

    // The value of attribute `name` (lower-case), or nothing.
    const std::string* attribute(std::string_view name) const;
};

// Splits HTML into text and tags. Comments, doctypes, processing instructions and
// CDATA are skipped; the content of script, style, template, textarea, title and
// noscript is skipped whole (it is not what the page shows). Never fails: an
// unterminated tag or comment ends the input.
class HtmlTokenizer {
public:
    explicit HtmlTokenizer(std::string_view html) : m_html(html) {}
    std::optional<HtmlToken> next();
    size_t offset() const { return m_at; }

private:
    void skip_raw_text(std::string_view tag);
    std::string_view m_html;
    size_t m_at = 0;
};

// Whether an element of this name has no content and no end tag ("br", "img", ...).
bool is_void_element(std::string_view name);

// Decodes character references ("&amp;", "&#39;", "&#x1F680;", "&nbsp;" and the other
// named ones pages use); an unknown or unterminated one stays as written.
std::string decode_entities(std::string_view text);

// `bytes` as valid UTF-8: valid sequences kept, every other byte read as Windows-1252
// (what a page saved in a legacy encoding or a stray byte most likely is).
std::string to_utf8(std::string_view bytes);

// A page saved as Chrome's single file (MHTML, RFC 2557): its HTML part decoded
// (quoted-printable or base64, converted to UTF-8 from its charset), the Date header
// (when the page was saved) and the address it was saved from.
struct MhtmlPage {
    std::string html;
    std::optional<core::Instant> saved_at;
    std::string location;  // Snapshot-Content-Location, or the HTML part's Content-Location
};

// Whether `head` (a file's first bytes) begins like an MHTML file: MIME headers.
bool looks_like_mhtml(std::string_view head);

// Decodes an MHTML file; `name` is for errors ("NAME: ... has no HTML part").
core::Result<MhtmlPage> decode_mhtml(std::string_view data, std::string_view name);

// An RFC 5322 date: "Tue, 1 Dec 2026 09:14:03 -0000", "1 Dec 2026 09:14 GMT".
std::optional<core::Instant> parse_mail_date(std::string_view text);

}  // namespace ik::ingest
