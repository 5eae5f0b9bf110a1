// CsvReader: CSV as LinkedIn writes it and as spreadsheets re-save it; every
// error names file:line:column.
#include "ingest/csv.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace ik::ingest {
namespace {

using Fields = std::vector<std::string>;

// All records of `data`; fails the test on a read error.
std::vector<CsvRecord> read_all(std::string_view data, char separator = ',')
{
    CsvReader reader(data, "f.csv", separator);
    std::vector<CsvRecord> out;
    CsvRecord rec;
    while (true) {
        auto got = reader.next(rec);
        EXPECT_TRUE(got) << got.error().message;
        if (!got || !*got) break;
        out.push_back(rec);
    }
    return out;
}

// The error reading `data` stops at.
core::Error read_error(std::string_view data, char separator = ',')
{
    CsvReader reader(data, "f.csv", separator);
    CsvRecord rec;
    while (true) {
        auto got = reader.next(rec);
        if (!got) return got.error();
        if (!*got) break;
    }
    ADD_FAILURE() << "no error reading the data";
    return {};
}

TEST(Csv, PlainRecordsWithLineNumbers)
{
    auto recs = read_all("From,To\nAlex,Maya\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"From", "To"}));
    EXPECT_EQ(recs[0].line, 1);
    EXPECT_EQ(recs[1].fields, (Fields{"Alex", "Maya"}));
    EXPECT_EQ(recs[1].line, 2);
}

TEST(Csv, QuotedFieldKeepsItsCommas)
{
    auto recs = read_all("a,\"1/29/26, 2:37 PM\",c\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "1/29/26, 2:37 PM", "c"}));
}

TEST(Csv, DoubledQuoteInsideQuotesIsOneQuote)
{
    auto recs = read_all("\"She said \"\"hi\"\"\",x\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"She said \"hi\"", "x"}));
}

TEST(Csv, EmbeddedNewlineKeepsTheRecordsStartingLine)
{
    auto recs = read_all("h1,h2\n\"first line\nsecond line\",x\nnext,y\n");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].fields, (Fields{"first line\nsecond line", "x"}));
    EXPECT_EQ(recs[1].line, 2);
    EXPECT_EQ(recs[2].fields, (Fields{"next", "y"}));
    EXPECT_EQ(recs[2].line, 4);
}

TEST(Csv, CrLfLineEndsLeaveNoCarriageReturn)
{
    auto recs = read_all("a,b\r\n\"c\",d\r\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "b"}));
    EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
    EXPECT_EQ(recs[1].line, 2);
}

TEST(Csv, ByteOrderMarkIsSkipped)
{
    auto recs = read_all("\xEF\xBB\xBF" "From,To\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"From", "To"}));
}

TEST(Csv, SemicolonSeparator)
{
    auto recs = read_all("a;\"b;c\";d,e\n", ';');
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "b;c", "d,e"}));
}

TEST(Csv, FinalLineWithoutNewlineIsRead)
{
    auto recs = read_all("a,b\nc,d");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
}

TEST(Csv, ShorterRecordAfterALongerOneHasOnlyItsOwnFields)
{
    auto recs = read_all("a,b,c\nd\n\"e,f\"\n");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].fields, (Fields{"d"}));
    EXPECT_EQ(recs[2].fields, (Fields{"e,f"}));
}

TEST(Csv, EmptyFieldsAreKept)
{
    auto recs = read_all("a,,\"\",\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "", "", ""}));
}

TEST(Csv, BlankLinesAreSkippedButCounted)
{
    auto recs = read_all("a\n\n\r\nb\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1].fields, (Fields{"b"}));
    EXPECT_EQ(recs[1].line, 4);
}

TEST(Csv, UnterminatedQuoteNamesWhereItOpened)
{
    core::Error e = read_error("a,b\nc,\"never\nclosed,x\n");
    EXPECT_EQ(e.kind, core::ErrorKind::bad_input);
    EXPECT_EQ(e.code, "bad_csv");
    EXPECT_NE(e.message.find("f.csv:2:2:"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("never closed"), std::string::npos) << e.message;
}

TEST(Csv, NulByteIsRefused)
{
    core::Error e = read_error(std::string_view("a,b\nc,d\0e\n", 10));
    EXPECT_EQ(e.kind, core::ErrorKind::bad_input);
    EXPECT_NE(e.message.find("f.csv:2:2:"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("NUL"), std::string::npos) << e.message;
}

TEST(Csv, InvalidUtf8IsRefusedWithFieldPosition)
{
    core::Error e = read_error("name,company\nJ\xFCrgen,Acme\n");  // Latin-1, not UTF-8
    EXPECT_EQ(e.kind, core::ErrorKind::bad_input);
    EXPECT_EQ(e.message, "f.csv:2:1: field is not valid UTF-8 (byte 2 of the field)");
}

TEST(Csv, OverlongRecordIsRefusedNamingTheLimit)
{
    std::string data = "a,b\n\"" + std::string(kMaxRecordBytes + 10, 'x') + "\",c\n";
    core::Error e = read_error(data);
    EXPECT_NE(e.message.find("f.csv:2:1:"), std::string::npos) << e.message.substr(0, 200);
    EXPECT_NE(e.message.find(std::to_string(kMaxRecordBytes)), std::string::npos) << e.message.substr(0, 200);
}

TEST(Csv, TextAfterClosingQuoteIsRefused)
{
    core::Error e = read_error("\"abc\"def,x\n");
    EXPECT_NE(e.message.find("f.csv:1:1:"), std::string::npos) << e.message;
}

TEST(Csv, StrayQuoteInsideUnquotedFieldIsKept)
{
    auto recs = read_all("5'11\" tall,x\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"5'11\" tall", "x"}));
}

TEST(Csv, EscapedQuotesInSeveralFieldsOfOneRecord)
{
    // Unescaped fields live in the reader's buffer, which grows while the record is read.
    const std::string long_text(100, 'x');
    auto recs = read_all("\"a\"\"b\",plain,\"" + long_text + "\"\"\",\"\"\"\"\n\"c\"\"\",d\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"a\"b", "plain", long_text + "\"", "\""}));
    EXPECT_EQ(recs[1].fields, (Fields{"c\"", "d"}));
}

TEST(Csv, ViewsPointIntoTheFileOrTheReadersBuffer)
{
    const std::string data = "\"J\xC3\xBCrgen \"\"JM\"\"\",M\xC3\xBCller,\"Acme, Inc.\"\r\nnext\r\n";
    CsvReader reader(data, "f.csv");
    CsvRecordView rec;
    ASSERT_TRUE(reader.next(rec).value());
    ASSERT_EQ(rec.fields.size(), 3u);
    EXPECT_EQ(rec.fields[0], "J\xC3\xBCrgen \"JM\"");
    EXPECT_EQ(rec.fields[1], "M\xC3\xBCller");
    EXPECT_EQ(rec.fields[2], "Acme, Inc.");
    EXPECT_EQ(rec.fields[1].data(), data.data() + data.find("M\xC3\xBC"));  // not copied
    ASSERT_TRUE(reader.next(rec).value());
    EXPECT_EQ(rec.line, 2);
    EXPECT_EQ(rec.fields, (std::vector<std::string_view>{"next"}));
    EXPECT_FALSE(reader.next(rec).value());
}

TEST(Csv, CarriageReturnsInsideQuotesOrAloneAreKept)
{
    auto recs = read_all("\"a\r\nb\",c\r\nd\re,f\r");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"a\r\nb", "c"}));
    EXPECT_EQ(recs[1].fields, (Fields{"d\re", "f\r"}));
    EXPECT_EQ(recs[1].line, 3);
}

TEST(Csv, InvalidUtf8PositionIsCountedInTheUnescapedField)
{
    core::Error e = read_error("a,\"\"\"x\"\"\xFF\"\n");
    EXPECT_EQ(e.message, "f.csv:1:2: field is not valid UTF-8 (byte 4 of the field)");
}

TEST(Csv, RecordOfExactlyTheLimitIsRead)
{
    // kMaxRecordBytes bytes before the line break, and the same at the end of the data.
    std::string record = "a," + std::string(kMaxRecordBytes - 2, 'x');
    EXPECT_EQ(read_all(record + "\nb\n").size(), 2u);
    EXPECT_EQ(read_all(record).size(), 1u);
    EXPECT_EQ(read_error(record + "y\n").message.substr(0, 10), "f.csv:1:2:");
    EXPECT_EQ(read_error(record + "\r\n").message.substr(0, 10), "f.csv:1:2:");  // the CR counts
    EXPECT_EQ(read_error(record + "y").message.substr(0, 10), "f.csv:1:2:");
}

// The character-by-character reader CsvReader::next replaced, kept as the reference
// its records and errors must match: every record until the end or the first error,
// as text.
std::string reference_read(std::string_view data, char sep, size_t max_record_bytes)
{
    std::string out;
    size_t pos = data.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    long line_no = 1;
    auto fail = [&](long line, size_t column, std::string message) {
        return out + fmt::format("error f.csv:{}:{}: {}\n", line, column, message);
    };
    while (true) {
        while (pos < data.size() && (data[pos] == '\n' || data[pos] == '\r')) {
            if (data[pos] == '\n') ++line_no;
            ++pos;
        }
        if (pos >= data.size()) return out;
        const long record_line = line_no;
        const size_t start = pos;
        std::vector<std::string> fields(1);
        bool quoted = false, was_quoted = false;
        long quote_line = 0;
        size_t field_start = pos;
        std::string bad_field;
        auto finish_field = [&] {
            if (auto bad = invalid_utf8_at(fields.back())) {
                bad_field = fmt::format("field is not valid UTF-8 (byte {} of the field)", *bad + 1);
                return false;
            }
            was_quoted = false;
            return true;
        };
        bool done = false;
        while (!done) {
            const size_t column = fields.size();
            if (pos - start > max_record_bytes)
                return fail(record_line, column,
                            fmt::format("record is longer than {} bytes; this is not a LinkedIn export row (a "
                                        "missing closing quote?)",
                                        max_record_bytes));
            if (pos >= data.size()) {
                if (quoted) return fail(quote_line, column, "quoted field is never closed (missing '\"')");
                if (!finish_field()) return fail(record_line, column, bad_field);
                done = true;
                continue;
            }
            char c = data[pos];
            if (c == '\0') return fail(line_no, column, "binary data (a NUL byte): this is not a CSV text file");
            if (quoted) {
                if (c == '"') {
                    if (pos + 1 < data.size() && data[pos + 1] == '"') {
                        fields.back() += '"';
                        pos += 2;
                        continue;
                    }
                    quoted = false;
                    ++pos;
                    continue;
                }
                if (c == '\n') ++line_no;
                fields.back() += c;
                ++pos;
                continue;
            }
            if (c == '"') {
                if (pos == field_start) {
                    quoted = was_quoted = true;
                    quote_line = line_no;
                    ++pos;
                    continue;
                }
                if (!was_quoted) {
                    fields.back() += c;
                    ++pos;
                    continue;
                }
                return fail(line_no, column,
                            "unexpected '\"' after a quoted field (a quote inside quotes must be \"\")");
            }
            if (c == sep) {
                if (!finish_field()) return fail(record_line, column, bad_field);
                fields.emplace_back();
                field_start = ++pos;
                continue;
            }
            if (c == '\r' && pos + 1 < data.size() && data[pos + 1] == '\n') {
                ++pos;
                continue;
            }
            if (c == '\n') {
                ++pos;
                ++line_no;
                if (!finish_field()) return fail(record_line, column, bad_field);
                done = true;
                continue;
            }
            if (was_quoted) return fail(line_no, column, fmt::format("unexpected '{}' after a quoted field", c));
            fields.back() += c;
            ++pos;
        }
        out += fmt::format("{}:", record_line);
        for (const auto& f : fields) out += fmt::format(" [{}]", f);
        out += '\n';
    }
}

// The same text from CsvReader.
std::string reader_read(std::string_view data, char sep)
{
    std::string out;
    CsvReader reader(data, "f.csv", sep);
    CsvRecordView rec;
    while (true) {
        auto got = reader.next(rec);
        if (!got) return out + "error " + got.error().message + "\n";
        if (!*got) return out;
        out += fmt::format("{}:", rec.line);
        for (auto f : rec.fields) out += fmt::format(" [{}]", f);
        out += '\n';
    }
}

TEST(Csv, AgreesWithTheCharacterByCharacterReader)
{
    // Random text of the pieces that matter: separators, quotes, line ends, NUL,
    // multi-byte and broken UTF-8.
    const std::vector<std::string> pieces{
        "a",        "bc",   " ",        ",",           ";", "\"", "\"\"", "\n", "\r", "\r\n", std::string(1, '\0'),
        "\xC3\xA9", "\xFF", "\xE2\x82", "\xEF\xBB\xBF"};
    std::mt19937 random(20261125);
    for (int round = 0; round < 20000; ++round) {
        std::string data;
        const size_t length = random() % 24;
        for (size_t i = 0; i < length; ++i) data += pieces[random() % pieces.size()];
        const char sep = round % 3 == 0 ? ';' : ',';
        ASSERT_EQ(reader_read(data, sep), reference_read(data, sep, kMaxRecordBytes))
            << "data: " << testing::PrintToString(data);
    }
}

TEST(Csv, AgreesWithTheCharacterByCharacterReaderAtTheLengthLimit)
{
    const std::string filler(kMaxRecordBytes - 4, 'x');
    for (const std::string tail : {"ab\n", "abc\n", "abcd\n", "\"\"\n", "a\"\"\"\n", "a,\"\"\"\"\n", "abc\r\n",
                                   "ab\r\n", "abcd\r\n", "abcde\r\n", "abcd", "abc", "\"x\"", ",\"\"", ",,\n"}) {
        for (const std::string head : {"", "\""}) {
            const std::string data = head + filler + tail + "next\n";
            EXPECT_EQ(reader_read(data, ','), reference_read(data, ',', kMaxRecordBytes))
                << "head " << testing::PrintToString(head) << " tail " << testing::PrintToString(tail);
        }
    }
}

TEST(Csv, RawLinesForPreambles)
{
    CsvReader reader("Notes:\r\n\"a, b\"\n\nFirst Name\n", "f.csv");
    std::string_view line;
    ASSERT_TRUE(reader.next_raw_line(line));
    EXPECT_EQ(line, "Notes:");
    ASSERT_TRUE(reader.next_raw_line(line));
    EXPECT_EQ(line, "\"a, b\"");
    ASSERT_TRUE(reader.next_raw_line(line));
    EXPECT_EQ(line, "");
    CsvRecord rec;
    ASSERT_TRUE(reader.next(rec).value());
    EXPECT_EQ(rec.line, 4);
    EXPECT_EQ(rec.fields, (Fields{"First Name"}));
}

TEST(Csv, DetectSeparator)
{
    EXPECT_EQ(detect_separator("From,To,Sent At,Message,Direction"), ',');
    EXPECT_EQ(detect_separator("From;To;Sent At;Message;Direction"), ';');
    EXPECT_EQ(detect_separator("\"a;b;c\",d"), ',');
    EXPECT_EQ(detect_separator("\"Doe, Jane\";x;y"), ';');
    EXPECT_EQ(detect_separator("a;b,c"), ',');  // a tie goes to ','
    EXPECT_EQ(detect_separator("Notes:"), ',');
}

TEST(Csv, InvalidUtf8At)
{
    EXPECT_EQ(invalid_utf8_at("plain ascii"), std::nullopt);
    EXPECT_EQ(invalid_utf8_at("J\xC3\xBCrgen M\xC3\xBCller \xF0\x9F\x9A\x80"), std::nullopt);  // umlauts, emoji
    EXPECT_EQ(invalid_utf8_at("ab\xFF"), 2u);
    EXPECT_EQ(invalid_utf8_at("a\xE2\x82"), 1u);            // truncated sequence
    EXPECT_EQ(invalid_utf8_at("\xC3" "x"), 0u);             // missing continuation byte
    EXPECT_EQ(invalid_utf8_at("\xC0\xAF"), 0u);             // overlong '/'
    EXPECT_EQ(invalid_utf8_at("ok\xED\xA0\x80"), 2u);       // UTF-16 surrogate
    EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0u);     // past U+10FFFF
    EXPECT_EQ(invalid_utf8_at("\x80"), 0u);                 // lone continuation byte
}

}  // namespace
}  // namespace ik::ingest
