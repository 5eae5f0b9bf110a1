#include "ingest/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

namespace ik::ingest {

using core::ErrorKind;

CsvReader::CsvReader(std::string_view data, std::string file_name, char separator)
    : m_data(data), m_file(std::move(file_name)), m_sep(separator)
{
    if (m_data.starts_with("\xEF\xBB\xBF")) m_pos = 3;
}

core::Error CsvReader::error(long line, size_t column, std::string message) const
{
    return core::Error{ErrorKind::bad_input, "bad_csv", fmt::format("{}:{}:{}: {}", m_file, line, column, message)};
}

bool CsvReader::next_raw_line(std::string_view& line)
{
    if (m_pos >= m_data.size()) return false;
    size_t end = m_data.find('\n', m_pos);
    if (end == std::string_view::npos) end = m_data.size();
    line = m_data.substr(m_pos, end - m_pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    m_pos = end < m_data.size() ? end + 1 : end;
    ++m_line;
    return true;
}

core::Result<bool> CsvReader::next(CsvRecordView& record)
{
    // Skip blank lines between records (and the blank line of the Connections preamble).
    while (m_pos < m_data.size() && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r')) {
        if (m_data[m_pos] == '\n') ++m_line;
        ++m_pos;
    }
    if (m_pos >= m_data.size()) return false;

    record.line = m_line;
    m_spans.clear();
    m_unescaped.clear();
    const char* const d = m_data.data();
    const size_t n = m_data.size();
    const auto sep = static_cast<unsigned char>(m_sep);
    // A record may read a character at `limit` but none past it. Reaching `stop` means
    // either the end of the data or a record too long. Each check below comes in the
    // order a character-by-character reading makes it, so a bad file reports the same
    // first error whichever way it is read (csv_test's reference reader checks this).
    const size_t limit = m_pos + kMaxRecordBytes;
    const size_t stop = std::min(n, limit + 1);
    size_t pos = m_pos;
    long line = m_line;

    auto too_long = [&](size_t column) {
        return std::unexpected(error(record.line, column,
                                     fmt::format("record is longer than {} bytes; this is not a LinkedIn export "
                                                 "row (a missing closing quote?)",
                                                 kMaxRecordBytes)));
    };
    auto nul_byte = [&](size_t column) {
        return std::unexpected(error(line, column, "binary data (a NUL byte): this is not a CSV text file"));
    };

    while (true) {  // one field per turn
        const size_t column = m_spans.size() + 1;
        FieldSpan span;
        unsigned char seen = 0;  // the field's bytes OR-ed: only non-ASCII text needs the UTF-8 check
        bool last = false;       // the record ends after this field
        if (pos >= stop) {
            if (pos > limit) return too_long(column);
            span.offset = pos;  // an empty last field
            last = true;
        } else if (d[pos] == '"') {
            const long quote_line = line;
            ++pos;
            size_t run = pos;  // the start of the text not yet copied to m_unescaped
            bool escaped = false;
            while (true) {
                if (pos >= stop) {
                    if (pos > limit) return too_long(column);
                    return std::unexpected(error(quote_line, column, "quoted field is never closed (missing '\"')"));
                }
                const auto c = static_cast<unsigned char>(d[pos]);
                if (c > '"' || (c != '"' && c != '\0' && c != '\n')) {
                    seen |= c;
                    ++pos;
                    continue;
                }
                if (c == '"') {
                    if (pos + 1 < n && d[pos + 1] == '"') {
                        if (!escaped) span.offset = m_unescaped.size();
                        escaped = true;
                        m_unescaped.append(d + run, pos + 1 - run);  // the text and one quote
                        pos += 2;
                        run = pos;
                        continue;
                    }
                    break;
                }
                if (c == '\0') return nul_byte(column);
                ++line;  // '\n'
                ++pos;
            }
            if (escaped) {
                m_unescaped.append(d + run, pos - run);
                span.size = m_unescaped.size() - span.offset;
                span.unescaped = true;
            } else {
                span.offset = run;
                span.size = pos - run;
            }
            ++pos;  // the closing quote
            // Only a separator or the end of the record may follow.
            if (pos >= stop) {
                if (pos > limit) return too_long(column);
                last = true;
            } else {
                char c = d[pos];
                if (c == '\0') return nul_byte(column);
                if (c == '"')
                    return std::unexpected(error(
                        line, column, "unexpected '\"' after a quoted field (a quote inside quotes must be \"\")"));
                if (c == m_sep) {
                    ++pos;
                } else {
                    if (c == '\r' && pos + 1 < n && d[pos + 1] == '\n') {
                        ++pos;
                        if (pos > limit) return too_long(column);
                        c = '\n';
                    }
                    if (c != '\n')
                        return std::unexpected(
                            error(line, column, fmt::format("unexpected '{}' after a quoted field", c)));
                    ++pos;
                    ++line;
                    last = true;
                }
            }
        } else {
            // Unquoted: the field is the text up to the separator or the line end; a
            // stray quote inside it is kept, as spreadsheets do.
            const size_t begin = pos;
            while (true) {
                if (pos >= stop) {
                    if (pos > limit) return too_long(column);
                    span = FieldSpan{begin, pos - begin, false};
                    last = true;
                    break;
                }
                const auto c = static_cast<unsigned char>(d[pos]);
                if (c > '\r' && c != sep) {
                    seen |= c;
                    ++pos;
                    continue;
                }
                if (c == '\0') return nul_byte(column);
                if (c == sep) {
                    span = FieldSpan{begin, pos - begin, false};
                    ++pos;
                    break;
                }
                const bool crlf = c == '\r' && pos + 1 < n && d[pos + 1] == '\n';
                if (c == '\n' || crlf) {
                    span = FieldSpan{begin, pos - begin, false};
                    if (crlf && ++pos > limit) return too_long(column);
                    ++pos;
                    ++line;
                    last = true;
                    break;
                }
                seen |= c;
                ++pos;
            }
        }
        if (seen & 0x80) {
            std::string_view text = span.unescaped ? std::string_view(m_unescaped).substr(span.offset, span.size)
                                                   : m_data.substr(span.offset, span.size);
            if (auto bad = invalid_utf8_at(text))
                return std::unexpected(error(record.line, column,
                                             fmt::format("field is not valid UTF-8 (byte {} of the field)", *bad + 1)));
        }
        m_spans.push_back(span);
        if (last) break;
    }

    m_pos = pos;
    m_line = line;
    // Views are made only now: m_unescaped may have moved while the record was read.
    record.fields.resize(m_spans.size());
    const std::string_view unescaped = m_unescaped;
    for (size_t i = 0; i < m_spans.size(); ++i) {
        const FieldSpan& f = m_spans[i];
        record.fields[i] = (f.unescaped ? unescaped : m_data).substr(f.offset, f.size);
    }
    return true;
}

core::Result<bool> CsvReader::next(CsvRecord& record)
{
    CsvRecordView view;
    auto got = next(view);
    if (!got || !*got) return got;
    record.line = view.line;
    record.fields.assign(view.fields.begin(), view.fields.end());
    return true;
}

char detect_separator(std::string_view header_line)
{
    auto count = [&](char sep) {
        int n = 0;
        bool quoted = false;
        for (char c : header_line) {
            if (c == '"') quoted = !quoted;
            else if (c == sep && !quoted) ++n;
        }
        return n;
    };
    return count(';') > count(',') ? ';' : ',';
}

std::optional<size_t> invalid_utf8_at(std::string_view text)
{
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        // Eight ASCII bytes at a time: most text is ASCII.
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, sizeof word);
            if (word & 0x8080808080808080u) break;
            i += 8;
        }
        if (i >= n) break;
        auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        unsigned int cp = 0;
        if ((b & 0xE0) == 0xC0) { len = 2; cp = b & 0x1F; }
        else if ((b & 0xF0) == 0xE0) { len = 3; cp = b & 0x0F; }
        else if ((b & 0xF8) == 0xF0) { len = 4; cp = b & 0x07; }
        else return i;
        if (i + len > n) return i;
        for (size_t k = 1; k < len; ++k) {
            auto cb = static_cast<unsigned char>(text[i + k]);
            if ((cb & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cb & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return i;
        i += len;
    }
    return std::nullopt;
}

}  // namespace ik::ingest
