#include "ingest/html.h"

#include "core/utf8.h"

#include "ingest/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>

namespace ik::ingest {

namespace {

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// Case-insensitive find of `needle` (lower-case, starting with a non-letter such
// as "</") in `hay` from `from`.
size_t find_ascii_lower(std::string_view hay, std::string_view needle, size_t from)
{
    for (size_t i = hay.find(needle.front(), from); i != std::string_view::npos && i + needle.size() <= hay.size();
         i = hay.find(needle.front(), i + 1))
        if (equals_ascii_lower(hay.substr(i, needle.size()), needle)) return i;
    return std::string_view::npos;
}

using core::append_utf8;

struct NamedReference {
    std::string_view name;
    std::uint32_t code_point;
};
// The named references saved pages use; HTML has two thousand, pages use these.
constexpr std::array kNamedReferences{
    NamedReference{"amp", '&'},       NamedReference{"lt", '<'},         NamedReference{"gt", '>'},
    NamedReference{"quot", '"'},      NamedReference{"apos", '\''},      NamedReference{"nbsp", 0xA0},
    NamedReference{"hellip", 0x2026}, NamedReference{"rsquo", 0x2019},   NamedReference{"lsquo", 0x2018},
    NamedReference{"ldquo", 0x201C},  NamedReference{"rdquo", 0x201D},   NamedReference{"ndash", 0x2013},
    NamedReference{"mdash", 0x2014},  NamedReference{"middot", 0xB7},    NamedReference{"bull", 0x2022},
    NamedReference{"copy", 0xA9},     NamedReference{"reg", 0xAE},       NamedReference{"trade", 0x2122},
    NamedReference{"eacute", 0xE9},   NamedReference{"egrave", 0xE8},    NamedReference{"aacute", 0xE1},
    NamedReference{"iacute", 0xED},   NamedReference{"oacute", 0xF3},    NamedReference{"uacute", 0xFA},
    NamedReference{"ntilde", 0xF1},   NamedReference{"ccedil", 0xE7},    NamedReference{"atilde", 0xE3},
    NamedReference{"otilde", 0xF5},   NamedReference{"auml", 0xE4},      NamedReference{"ouml", 0xF6},
    NamedReference{"uuml", 0xFC},     NamedReference{"szlig", 0xDF},     NamedReference{"Auml", 0xC4},
    NamedReference{"Ouml", 0xD6},     NamedReference{"Uuml", 0xDC},      NamedReference{"Eacute", 0xC9},
    NamedReference{"ecirc", 0xEA},    NamedReference{"acirc", 0xE2},     NamedReference{"ocirc", 0xF4},
    NamedReference{"euml", 0xEB},     NamedReference{"iuml", 0xEF},      NamedReference{"agrave", 0xE0},
    NamedReference{"zwj", 0x200D},    NamedReference{"zwnj", 0x200C},    NamedReference{"lrm", 0x200E},
    NamedReference{"rlm", 0x200F},    NamedReference{"thinsp", 0x2009},  NamedReference{"ensp", 0x2002},
    NamedReference{"emsp", 0x2003},
};

constexpr std::array<std::string_view, 7> kRawTextElements{"script", "style",    "template", "textarea",
                                                           "title",  "noscript", "xmp"};

// The Windows-1252 characters of bytes 0x80..0x9F (0 where it has none: read as Latin-1).
constexpr std::array<std::uint16_t, 32> kWindows1252{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The length of the valid UTF-8 sequence at `s[i]`, or 0.
size_t utf8_sequence(std::string_view s, size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    size_t n = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    std::uint32_t cp = c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

const std::string* HtmlToken::attribute(std::string_view wanted) const
{
    for (const auto& a : attributes)
        if (a.name == wanted) return &a.value;
    return nullptr;
}

bool is_void_element(std::string_view name)
{
    static constexpr std::array<std::string_view, 16> kVoid{"area",  "base", "br",   "col",    "embed", "hr",
                                                            "img",   "input", "link", "meta",  "param", "source",
                                                            "track", "wbr",  "path", "circle"};
    return std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end();
}

void HtmlTokenizer::skip_raw_text(std::string_view tag)
{
    const std::string close = fmt::format("</{}", tag);
    size_t end = find_ascii_lower(m_html, close, m_at);
    if (end == std::string_view::npos) {
        m_at = m_html.size();
        return;
    }
    const size_t gt = m_html.find('>', end);
    m_at = gt == std::string_view::npos ? m_html.size() : gt + 1;
}

std::optional<HtmlToken> HtmlTokenizer::next()
{
    const std::string_view h = m_html;
    while (m_at < h.size()) {
        if (h[m_at] != '<') {
            size_t end = h.find('<', m_at + 1);
            if (end == std::string_view::npos) end = h.size();
            HtmlToken t;
            t.kind = HtmlToken::Kind::text;
            t.text = h.substr(m_at, end - m_at);
            t.offset = m_at;
            m_at = end;
            return t;
        }
        const size_t start = m_at;
        if (h.substr(start, 4) == "<!--") {
            size_t end = h.find("-->", start + 4);
            m_at = end == std::string_view::npos ? h.size() : end + 3;
            continue;
        }
        if (start + 1 < h.size() && (h[start + 1] == '!' || h[start + 1] == '?')) {
            if (h.substr(start, 9) == "<![CDATA[") {
                size_t end = h.find("]]>", start);
                m_at = end == std::string_view::npos ? h.size() : end + 3;
            } else {
                size_t end = h.find('>', start);
                m_at = end == std::string_view::npos ? h.size() : end + 1;
            }
            continue;
        }
        const bool closing = start + 1 < h.size() && h[start + 1] == '/';
        size_t i = start + (closing ? 2 : 1);
        if (i >= h.size() || !is_letter(h[i])) {
            // A lone "<" is text.
            HtmlToken t;
            t.kind = HtmlToken::Kind::text;
            size_t end = h.find('<', start + 1);
            if (end == std::string_view::npos) end = h.size();
            t.text = h.substr(start, end - start);
            t.offset = start;
            m_at = end;
            return t;
        }
        size_t name_end = i;
        while (name_end < h.size() && !is_space(h[name_end]) && h[name_end] != '>' && h[name_end] != '/')
            ++name_end;
        HtmlToken t;
        t.kind = closing ? HtmlToken::Kind::end_tag : HtmlToken::Kind::start_tag;
        t.name = lower(h.substr(i, name_end - i));
        t.offset = start;
        i = name_end;
        // Attributes, up to the tag's ">" (a quoted ">" is part of a value).
        while (i < h.size() && h[i] != '>') {
            if (is_space(h[i]) || h[i] == '/') {
                if (h[i] == '/' && i + 1 < h.size() && h[i + 1] == '>') t.self_closing = true;
                ++i;
                continue;
            }
            size_t an = i;
            while (an < h.size() && !is_space(h[an]) && h[an] != '=' && h[an] != '>' && h[an] != '/') ++an;
            if (an == i) ++an;  // a stray character: skip it
            HtmlAttribute attribute;
            attribute.name = lower(h.substr(i, an - i));
            i = an;
            while (i < h.size() && is_space(h[i])) ++i;
            if (i < h.size() && h[i] == '=') {
                ++i;
                while (i < h.size() && is_space(h[i])) ++i;
                if (i < h.size() && (h[i] == '"' || h[i] == '\'')) {
                    const char quote = h[i];
                    size_t end = h.find(quote, i + 1);
                    if (end == std::string_view::npos) end = h.size();
                    attribute.value = decode_entities(h.substr(i + 1, end - i - 1));
                    i = std::min(end + 1, h.size());
                } else {
                    size_t end = i;
                    while (end < h.size() && !is_space(h[end]) && h[end] != '>') ++end;
                    attribute.value = decode_entities(h.substr(i, end - i));
                    i = end;
                }
            }
            if (!closing && attribute.name.size() < 64) t.attributes.push_back(std::move(attribute));
        }
        m_at = std::min(i + 1, h.size());
        if (!closing && !t.self_closing &&
            std::find(kRawTextElements.begin(), kRawTextElements.end(), t.name) != kRawTextElements.end())
            skip_raw_text(t.name);
        return t;
    }
    return std::nullopt;
}

std::string decode_entities(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out += text[i];
            continue;
        }
        const size_t semi = text.find(';', i + 1);
        if (semi == std::string_view::npos || semi - i > 12) {
            out += '&';
            continue;
        }
        const std::string_view ref = text.substr(i + 1, semi - i - 1);
        if (ref.size() >= 2 && ref[0] == '#') {
            const bool hex = ref[1] == 'x' || ref[1] == 'X';
            std::uint32_t cp = 0;
            bool ok = ref.size() > (hex ? 2u : 1u);
            for (size_t k = hex ? 2 : 1; k < ref.size() && ok; ++k) {
                const int d = hex ? hex_digit(ref[k]) : (ref[k] >= '0' && ref[k] <= '9' ? ref[k] - '0' : -1);
                if (d < 0 || cp > 0x10FFFF) ok = false;
                else cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
            }
            if (!ok) {
                out += '&';
                continue;
            }
            if (cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80] != 0) cp = kWindows1252[cp - 0x80];
            append_utf8(out, cp);
            i = semi;
            continue;
        }
        const auto* named = std::find_if(kNamedReferences.begin(), kNamedReferences.end(),
                                         [&](const NamedReference& r) { return r.name == ref; });
        if (named == kNamedReferences.end()) {
            out += '&';
            continue;
        }
        append_utf8(out, named->code_point);
        i = semi;
    }
    return out;
}

std::string to_utf8(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        if (const size_t n = utf8_sequence(bytes, i)) {
            out.append(bytes.substr(i, n));
            i += n;
            continue;
        }
        const auto c = static_cast<unsigned char>(bytes[i]);
        std::uint32_t cp = c;
        if (c >= 0x80 && c <= 0x9F && kWindows1252[c - 0x80] != 0) cp = kWindows1252[c - 0x80];
        append_utf8(out, cp);
        ++i;
    }
    return out;
}

namespace {

struct MimeHeaders {
    std::string content_type;  // lower-case, the whole value
    std::string transfer_encoding;
    std::string location;
    std::string snapshot_location;
    std::string date;
};

// Reads MIME headers from `data` at `at` up to the blank line; `at` ends past it.
MimeHeaders read_headers(std::string_view data, size_t& at)
{
    MimeHeaders h;
    std::string* last = nullptr;
    while (at < data.size()) {
        size_t end = data.find('\n', at);
        if (end == std::string_view::npos) end = data.size();
        std::string_view line = data.substr(at, end - at);
        at = std::min(end + 1, data.size());
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty()) break;
        if ((line.front() == ' ' || line.front() == '\t') && last) {
            *last += ' ';
            *last += trimmed(line);
            continue;
        }
        const size_t colon = line.find(':');
        last = nullptr;
        if (colon == std::string_view::npos) continue;
        const std::string name = lower(trimmed(line.substr(0, colon)));
        const std::string value(trimmed(line.substr(colon + 1)));
        if (name == "content-type") last = &h.content_type;
        else if (name == "content-transfer-encoding") last = &h.transfer_encoding;
        else if (name == "content-location") last = &h.location;
        else if (name == "snapshot-content-location") last = &h.snapshot_location;
        else if (name == "date") last = &h.date;
        if (last) *last = value;
    }
    return h;
}

// The value of parameter `param` in a header value ("multipart/related; boundary=\"x\"").
std::string header_parameter(std::string_view value, std::string_view param)
{
    const std::string lowered = lower(value);
    size_t at = 0;
    while ((at = lowered.find(param, at)) != std::string::npos) {
        const bool starts = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ' || lowered[at - 1] == '\t';
        size_t eq = at + param.size();
        while (eq < lowered.size() && lowered[eq] == ' ') ++eq;
        if (!starts || eq >= lowered.size() || lowered[eq] != '=') {
            at += param.size();
            continue;
        }
        size_t v = eq + 1;
        while (v < value.size() && value[v] == ' ') ++v;
        if (v < value.size() && value[v] == '"') {
            const size_t end = value.find('"', v + 1);
            return std::string(value.substr(v + 1, (end == std::string_view::npos ? value.size() : end) - v - 1));
        }
        size_t end = v;
        while (end < value.size() && value[end] != ';' && value[end] != ' ') ++end;
        return std::string(value.substr(v, end - v));
    }
    return {};
}

std::string decode_quoted_printable(std::string_view body)
{
    std::string out;
    out.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '=') {
            out += c;
            continue;
        }
        if (i + 1 < body.size() && body[i + 1] == '\n') {  // soft line break
            i += 1;
            continue;
        }
        if (i + 2 < body.size() && body[i + 1] == '\r' && body[i + 2] == '\n') {
            i += 2;
            continue;
        }
        const int hi = i + 1 < body.size() ? hex_digit(body[i + 1]) : -1;
        const int lo = i + 2 < body.size() ? hex_digit(body[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            out += c;
            continue;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

std::string decode_base64(std::string_view body)
{
    std::string out;
    out.reserve(body.size() / 4 * 3);
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : body) {
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+' || c == '-') v = 62;
        else if (c == '/' || c == '_') v = 63;
        else if (c == '=') break;
        if (v < 0) continue;
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        if (++count == 4) {
            out += static_cast<char>((bits >> 16) & 0xFF);
            out += static_cast<char>((bits >> 8) & 0xFF);
            out += static_cast<char>(bits & 0xFF);
            bits = 0;
            count = 0;
        }
    }
    if (count == 2) out += static_cast<char>((bits >> 4) & 0xFF);
    if (count == 3) {
        out += static_cast<char>((bits >> 10) & 0xFF);
        out += static_cast<char>((bits >> 2) & 0xFF);
    }
    return out;
}

// Latin-1 (and its superset Windows-1252) to UTF-8, byte by byte.
std::string latin1_to_utf8(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        std::uint32_t cp = c;
        if (c >= 0x80 && c <= 0x9F && kWindows1252[c - 0x80] != 0) cp = kWindows1252[c - 0x80];
        append_utf8(out, cp);
    }
    return out;
}

}  // namespace

bool looks_like_mhtml(std::string_view head)
{
    head = head.substr(0, 4096);
    const std::string lowered = lower(head);
    const bool mime = lowered.starts_with("from:") || lowered.starts_with("mime-version:") ||
                      lowered.starts_with("content-type:") || lowered.starts_with("snapshot-content-location:") ||
                      lowered.starts_with("subject:") || lowered.starts_with("date:");
    return mime && lowered.find("multipart/related") != std::string::npos;
}

core::Result<MhtmlPage> decode_mhtml(std::string_view data, std::string_view name)
{
    size_t at = 0;
    const MimeHeaders top = read_headers(data, at);
    MhtmlPage page;
    page.saved_at = parse_mail_date(top.date);
    page.location = top.snapshot_location;
    const std::string boundary = header_parameter(top.content_type, "boundary");
    auto no_html = [&] {
        return core::fail(core::ErrorKind::bad_input, "not_sent_page",
                          fmt::format("{}: an MHTML file with no HTML page in it: this is not LinkedIn's Sent "
                                      "invitations page",
                                      name));
    };
    if (boundary.empty()) return no_html();
    const std::string delimiter = "--" + boundary;
    size_t part = data.find(delimiter, at);
    while (part != std::string_view::npos) {
        size_t body_at = part + delimiter.size();
        if (data.substr(body_at, 2) == "--") break;  // the closing delimiter
        // The part's headers begin on the line after the delimiter's.
        const size_t line_end = data.find('\n', body_at);
        body_at = line_end == std::string_view::npos ? data.size() : line_end + 1;
        const MimeHeaders h = read_headers(data, body_at);
        size_t next = data.find(delimiter, body_at);
        const size_t body_end = next == std::string_view::npos ? data.size() : next;
        if (lower(h.content_type).starts_with("text/html")) {
            std::string_view body = data.substr(body_at, body_end - body_at);
            const std::string encoding = lower(h.transfer_encoding);
            std::string decoded = encoding == "quoted-printable" ? decode_quoted_printable(body)
                                  : encoding == "base64"         ? decode_base64(body)
                                                                 : std::string(body);
            const std::string charset = lower(header_parameter(h.content_type, "charset"));
            const bool latin = charset == "iso-8859-1" || charset == "windows-1252" || charset == "latin1" ||
                               charset == "us-ascii" || charset == "iso-8859-15";
            page.html = latin ? latin1_to_utf8(decoded) : std::move(decoded);
            if (page.location.empty()) page.location = h.location;
            return page;
        }
        part = next;
    }
    return no_html();
}

std::optional<core::Instant> parse_mail_date(std::string_view text)
{
    // Words: [Day,] D Mon YYYY HH:MM[:SS] [ZONE]
    std::vector<std::string_view> words;
    for (size_t i = 0; i < text.size();) {
        while (i < text.size() && (is_space(text[i]) || text[i] == ',')) ++i;
        size_t end = i;
        while (end < text.size() && !is_space(text[end]) && text[end] != ',') ++end;
        if (end > i) words.push_back(text.substr(i, end - i));
        i = end;
    }
    if (!words.empty() && !words[0].empty() && is_letter(words[0][0])) words.erase(words.begin());
    if (words.size() < 4) return std::nullopt;
    auto number = [](std::string_view s, int& out) {
        if (s.empty() || s.size() > 4) return false;
        out = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        return true;
    };
    static constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    int day = 0, year = 0;
    if (!number(words[0], day) || !number(words[2], year) || words[1].size() < 3) return std::nullopt;
    const std::string month_word = lower(words[1].substr(0, 3));
    const auto month = std::find(kMonths.begin(), kMonths.end(), month_word);
    if (month == kMonths.end()) return std::nullopt;
    int hh = 0, mm = 0, ss = 0;
    const std::string_view clock = words[3];
    if (clock.size() < 5 || clock[2] != ':' || !number(clock.substr(0, 2), hh) || !number(clock.substr(3, 2), mm))
        return std::nullopt;
    if (clock.size() >= 8 && (clock[5] != ':' || !number(clock.substr(6, 2), ss))) return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    int offset_minutes = 0;
    if (words.size() > 4) {
        const std::string_view zone = words[4];
        if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 5) {
            int hhmm = 0;
            if (!number(zone.substr(1), hhmm)) return std::nullopt;
            offset_minutes = (hhmm / 100) * 60 + hhmm % 100;
            if (zone[0] == '-') offset_minutes = -offset_minutes;
        }
    }
    const std::chrono::year_month_day ymd{std::chrono::year{year},
                                          std::chrono::month{static_cast<unsigned>(month - kMonths.begin() + 1)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || year < 2003 || year > 2200) return std::nullopt;
    return core::Instant{std::chrono::sys_days{ymd}} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
           std::chrono::seconds{ss} - std::chrono::minutes{offset_minutes};
}

}  // namespace ik::ingest
