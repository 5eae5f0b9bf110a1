#include "ingest/csv.h"

#include <fmt/format.h>

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

core::Result<bool> CsvReader::next(CsvRecord& record)
{
    size_t count = 0;  // fields filled so far; record.fields keeps its strings' capacity across records
    // Skip blank lines between records (and the blank line of the Connections preamble).
    while (m_pos < m_data.size() && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r')) {
        if (m_data[m_pos] == '\n') ++m_line;
        ++m_pos;
    }
    if (m_pos >= m_data.size()) return false;

    record.line = m_line;
    const size_t start = m_pos;
    auto next_field = [&]() -> std::string& {
        if (count == record.fields.size()) record.fields.emplace_back();
        std::string& f = record.fields[count];
        f.clear();
        return f;
    };
    std::string* field = &next_field();
    bool quoted = false;        // inside a quoted field
    bool was_quoted = false;    // the current field started with a quote
    long quote_line = 0;
    size_t field_start = m_pos;

    auto finish_field = [&]() -> core::Result<void> {
        if (auto bad = invalid_utf8_at(*field))
            return std::unexpected(error(record.line, count + 1,
                                         fmt::format("field is not valid UTF-8 (byte {} of the field)", *bad + 1)));
        ++count;
        was_quoted = false;
        return {};
    };

    while (true) {
        if (m_pos - start > kMaxRecordBytes)
            return std::unexpected(error(record.line, count + 1,
                                         fmt::format("record is longer than {} bytes; this is not a LinkedIn export "
                                                     "row (a missing closing quote?)",
                                                     kMaxRecordBytes)));
        if (m_pos >= m_data.size()) {
            if (quoted)
                return std::unexpected(error(quote_line, count + 1,
                                             "quoted field is never closed (missing '\"')"));
            if (auto r = finish_field(); !r) return std::unexpected(r.error());
            record.fields.resize(count);
            return true;
        }
        char c = m_data[m_pos];
        if (c == '\0')
            return std::unexpected(error(m_line, count + 1,
                                         "binary data (a NUL byte): this is not a CSV text file"));
        if (quoted) {
            if (c == '"') {
                if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '"') {
                    *field += '"';
                    m_pos += 2;
                    continue;
                }
                quoted = false;
                ++m_pos;
                continue;
            }
            if (c == '\n') ++m_line;
            *field += c;
            ++m_pos;
            continue;
        }
        if (c == '"') {
            if (m_pos == field_start) {
                quoted = true;
                was_quoted = true;
                quote_line = m_line;
                ++m_pos;
                continue;
            }
            if (!was_quoted) {
                // A stray quote inside an unquoted field: keep it, as spreadsheets do.
                *field += c;
                ++m_pos;
                continue;
            }
            return std::unexpected(error(m_line, count + 1,
                                         "unexpected '\"' after a quoted field (a quote inside quotes must be \"\")"));
        }
        if (c == m_sep) {
            if (auto r = finish_field(); !r) return std::unexpected(r.error());
            field = &next_field();
            ++m_pos;
            field_start = m_pos;
            continue;
        }
        if (c == '\r' && m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '\n') {
            ++m_pos;
            continue;
        }
        if (c == '\n') {
            ++m_pos;
            ++m_line;
            if (auto r = finish_field(); !r) return std::unexpected(r.error());
            record.fields.resize(count);
            return true;
        }
        if (was_quoted)
            return std::unexpected(error(m_line, count + 1,
                                         fmt::format("unexpected '{}' after a quoted field", c)));
        *field += c;
        ++m_pos;
    }
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
