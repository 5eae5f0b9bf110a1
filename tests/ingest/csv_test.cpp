// CsvReader: CSV as LinkedIn writes it and as spreadsheets re-save it; every
// error names file:line:column.
#include "ingest/csv.h"

#include <gtest/gtest.h>

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
