// CSV reading as LinkedIn writes it (RFC 4180: quoted where needed, "" inside
// quotes) and as spreadsheets re-save it (BOM, CRLF, ';' separators). Every error
// names the file, line and column.
#pragma once

#include "core/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::ingest {

// Records longer than this are refused: no real export row comes near it.
inline constexpr size_t kMaxRecordBytes = 1 << 20;

struct CsvRecord {
    long line = 0;                    // 1-based physical line the record starts on
    std::vector<std::string> fields;
};

// A record without copies: each field views the file, or the reader's own buffer
// when it had "" to unescape. The views live until the reader's next call.
struct CsvRecordView {
    long line = 0;
    std::vector<std::string_view> fields;
};

class CsvReader {
public:
    // Reads `data` (a whole file); `file_name` is used in messages. A UTF-8 BOM is skipped.
    CsvReader(std::string_view data, std::string file_name, char separator = ',');

    // The next record, or false at the end. Blank lines are skipped.
    core::Result<bool> next(CsvRecordView& record);
    // The same, copied into strings that outlive the reader.
    core::Result<bool> next(CsvRecord& record);

    // Goes on reading from byte `offset`, which starts physical line `line`: a record
    // boundary found by the caller, for a second reader over part of the data.
    void seek(size_t offset, long line)
    {
        m_pos = offset;
        m_line = line;
    }

    // Reads the next physical line raw (for preambles before the header).
    bool next_raw_line(std::string_view& line);

    long line() const { return m_line; }
    size_t offset() const { return m_pos; }
    size_t size() const { return m_data.size(); }
    const std::string& file_name() const { return m_file; }
    void set_separator(char separator) { m_sep = separator; }

private:
    core::Error error(long line, size_t column, std::string message) const;

    // Where a field of the current record is: in m_data, or in m_unescaped.
    struct FieldSpan {
        size_t offset = 0;
        size_t size = 0;
        bool unescaped = false;
    };

    std::string_view m_data;
    std::string m_file;
    char m_sep;
    size_t m_pos = 0;
    long m_line = 1;  // line number of the next character
    std::vector<FieldSpan> m_spans;  // kept across records for their capacity
    std::string m_unescaped;         // the current record's fields that had ""
};

// The separator a header line uses: ',' or ';' (a spreadsheet's), whichever splits
// the line into more fields outside quotes; ',' on a tie.
char detect_separator(std::string_view header_line);

// Checks that `text` is valid UTF-8; the byte offset of the first bad byte otherwise.
std::optional<size_t> invalid_utf8_at(std::string_view text);

}  // namespace ik::ingest
