// Parsing Invitations.csv and Connections.csv in every header variant docs/formats.md
// lists, and the errors a member sees for a bad row.
#include "ingest/linkedin_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace ik::ingest {
namespace {

std::chrono::local_seconds wall(int y, unsigned m, unsigned d, int h, int mi)
{
    return std::chrono::local_seconds{
        std::chrono::local_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}} +
           std::chrono::hours{h} + std::chrono::minutes{mi};
}

core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

ParsedFile parse_ok(std::string name, std::string data, bool skip_invalid = false)
{
    auto parsed = parse_file(SourceFile::of_text(std::move(name), std::move(data), std::nullopt), skip_invalid);
    EXPECT_TRUE(parsed) << parsed.error().message;
    return parsed.value_or(ParsedFile{});
}

core::Error parse_error(std::string name, std::string data)
{
    auto parsed = parse_file(SourceFile::of_text(std::move(name), std::move(data), std::nullopt), false);
    EXPECT_FALSE(parsed) << "parsed without error";
    return parsed ? core::Error{} : parsed.error();
}

const char* const kPreamble =
    "Notes:\n"
    "\"When exporting your connection data, you may notice that some of the email addresses are missing. You will "
    "only see email addresses for connections who have allowed their connections to see or download their email "
    "address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    "https://www.linkedin.com/help/linkedin/answer/261\"\n"
    "\n";

// ---- Invitations.csv ----

TEST(LinkedInExport, Invitations2018To2023Header)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction\n"
                            "Alex Doe,Maya Patel,\"1/29/26, 2:37 PM\",,OUTGOING\n"
                            "Sam Lee,Alex Doe,\"1/28/26, 9:05 AM\",\"Hi Alex, loved your talk\",INCOMING\n");
    EXPECT_EQ(f.kind, FileKind::invitations);
    ASSERT_EQ(f.invitations.size(), 2u);
    const InvitationRow& out = f.invitations[0];
    EXPECT_EQ(out.line, 2);
    EXPECT_EQ(out.direction, core::Direction::outgoing);
    EXPECT_EQ(out.from, "Alex Doe");
    EXPECT_EQ(out.to, "Maya Patel");
    EXPECT_EQ(out.sent_wall, wall(2026, 1, 29, 14, 37));
    EXPECT_EQ(out.message, "");
    EXPECT_EQ(out.invitee_ref, "");
    const InvitationRow& in = f.invitations[1];
    EXPECT_EQ(in.line, 3);
    EXPECT_EQ(in.direction, core::Direction::incoming);
    EXPECT_EQ(in.message, "Hi Alex, loved your talk");
    EXPECT_EQ(in.sent_wall, wall(2026, 1, 28, 9, 5));
}

TEST(LinkedInExport, InvitationsMid2023HeaderWithUrns)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn\n"
                            "Alex Doe,Maya Patel,\"7/10/23, 10:00 AM\",,OUTGOING,urn:li:member:111,"
                            "urn:li:member:610150649\n");
    ASSERT_EQ(f.invitations.size(), 1u);
    EXPECT_EQ(f.invitations[0].inviter_ref, "urn:li:member:111");
    EXPECT_EQ(f.invitations[0].invitee_ref, "urn:li:member:610150649");
    EXPECT_EQ(f.invitations[0].sent_wall, wall(2023, 7, 10, 10, 0));
}

TEST(LinkedInExport, InvitationsLate2023HeaderWithUrls)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                            "Alex Doe,Maya Patel,\"11/2/23, 4:15 PM\",,OUTGOING,https://www.linkedin.com/in/alex-doe,"
                            "https://www.linkedin.com/in/maya-patel\n"
                            "Sam Lee,Alex Doe,\"11/1/23, 8:00 AM\",,INCOMING,https://www.linkedin.com/in/sam-lee,"
                            "https://www.linkedin.com/in/alex-doe\n");
    ASSERT_EQ(f.invitations.size(), 2u);
    EXPECT_EQ(f.invitations[0].inviter_ref, "https://www.linkedin.com/in/alex-doe");
    EXPECT_EQ(f.invitations[0].invitee_ref, "https://www.linkedin.com/in/maya-patel");
    EXPECT_EQ(f.invitations[1].inviter_ref, "https://www.linkedin.com/in/sam-lee");
    EXPECT_EQ(f.invitations[0].sent_wall, wall(2023, 11, 2, 16, 15));
}

TEST(LinkedInExport, InvitationsWithBareUrlKeepTheBareValue)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                            "Alex Doe,Maya Patel,\"11/2/23, 4:15 PM\",,OUTGOING,https://www.linkedin.com/in,"
                            "https://www.linkedin.com/in\n");
    ASSERT_EQ(f.invitations.size(), 1u);
    EXPECT_EQ(f.invitations[0].invitee_ref, "https://www.linkedin.com/in");
}

TEST(LinkedInExport, InvitationsMultilineMessage)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction\n"
                            "Alex Doe,Maya Patel,\"1/29/26, 2:37 PM\",\"Hi Maya,\nloved your \"\"Acme\"\" talk\","
                            "OUTGOING\n"
                            "Alex Doe,Sam Lee,\"1/29/26, 2:40 PM\",,OUTGOING\n");
    ASSERT_EQ(f.invitations.size(), 2u);
    EXPECT_EQ(f.invitations[0].message, "Hi Maya,\nloved your \"Acme\" talk");
    EXPECT_EQ(f.invitations[1].line, 4);
}

TEST(LinkedInExport, InvitationsResavedWithBomCrLfAndSemicolons)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "\xEF\xBB\xBF" "From;To;Sent At;Message;Direction\r\n"
                            "Alex Doe;\"Patel, Maya\";1/29/2026 14:37;Hi, Maya;OUTGOING\r\n");
    EXPECT_EQ(f.kind, FileKind::invitations);
    ASSERT_EQ(f.invitations.size(), 1u);
    EXPECT_EQ(f.invitations[0].to, "Patel, Maya");
    EXPECT_EQ(f.invitations[0].message, "Hi, Maya");
    EXPECT_EQ(f.invitations[0].direction, core::Direction::outgoing);
    EXPECT_EQ(f.invitations[0].sent_wall, wall(2026, 1, 29, 14, 37));
}

TEST(LinkedInExport, InvitationsDirectionIsCaseInsensitive)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction\n"
                            "Alex Doe,Maya Patel,\"1/29/26, 2:37 PM\",,outgoing \n");
    ASSERT_EQ(f.invitations.size(), 1u);
    EXPECT_EQ(f.invitations[0].direction, core::Direction::outgoing);
}

TEST(LinkedInExport, InvitationsFieldsWithQuotesAndNonAsciiNames)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction\r\n"
                            "\" J\xC3\xBCrgen \"\"JM\"\" M\xC3\xBCller \",Alex Doe,\"1/29/26, 2:37 PM\","
                            "\"Say \"\"hi\"\",\r\nplease\", InComing\t\r\n");
    ASSERT_EQ(f.invitations.size(), 1u);
    EXPECT_EQ(f.invitations[0].from, "J\xC3\xBCrgen \"JM\" M\xC3\xBCller");
    EXPECT_EQ(f.invitations[0].message, "Say \"hi\",\r\nplease");
    EXPECT_EQ(f.invitations[0].direction, core::Direction::incoming);
}

TEST(LinkedInExport, HeaderOnlyFileHasNoRows)
{
    ParsedFile f = parse_ok("Invitations.csv", "From,To,Sent At,Message,Direction\n");
    EXPECT_EQ(f.kind, FileKind::invitations);
    EXPECT_TRUE(f.invitations.empty());
}

TEST(LinkedInExport, ExportDateIsCarriedOver)
{
    auto parsed = parse_file(SourceFile::of_text("x.zip/Invitations.csv", "From,To,Sent At,Message,Direction\n", day(2026, 11, 24)),
                             false);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->export_date, day(2026, 11, 24));
    EXPECT_EQ(parsed->display_name, "x.zip/Invitations.csv");
}

// ---- bad rows ----

TEST(LinkedInExport, BadSentAtNamesFileLineColumnAndValue)
{
    core::Error e = parse_error("Invitations.csv",
                                "From,To,Sent At,Message,Direction\n"
                                "Alex Doe,Maya Patel,\"1/29/26, 2:37 PM\",,OUTGOING\n"
                                "Alex Doe,Sam Lee,\"13/45/21, 9:00 AM\",,OUTGOING\n");
    EXPECT_EQ(e.kind, core::ErrorKind::bad_input);
    EXPECT_EQ(e.code, "bad_row");
    EXPECT_EQ(e.message, "Invitations.csv:3:3: Sent At \"13/45/21, 9:00 AM\" is not a date like \"1/29/26, 2:37 PM\"");
}

// What no export can hold: a Sent At ten years ahead ("11/20/36" reads as 2036), a
// connection made after the export, a date before LinkedIn opened.
TEST(LinkedInExport, ADateAfterTheExportOrNowOrBeforeLinkedInIsABadRow)
{
    const auto parse = [](std::string data, std::optional<core::Days> export_date, int now_day) {
        const auto now_wall = std::chrono::local_seconds{
            std::chrono::local_days{day(2026, 11, static_cast<unsigned>(now_day)).time_since_epoch()}} +
                              std::chrono::hours{12};
        return parse_file(SourceFile::of_text("x.zip/Invitations.csv", std::move(data), export_date), false, {},
                          now_wall);
    };
    const std::string header = "From,To,Sent At,Message,Direction\n";
    auto future = parse(header + "Alex Doe,Maya Patel,\"11/20/36, 2:37 PM\",,OUTGOING\n", std::nullopt, 26);
    ASSERT_FALSE(future);
    EXPECT_EQ(future.error().message, "x.zip/Invitations.csv:2:3: Sent At \"11/20/36, 2:37 PM\" is later than now "
                                      "(2026-11-26 12:00 on the export's clock)");
    // The export's date binds first when it is earlier; the day after it is slack.
    auto late = parse(header + "Alex Doe,Maya Patel,\"11/26/26, 12:10 AM\",,OUTGOING\n", day(2026, 11, 24), 30);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().message, "x.zip/Invitations.csv:2:3: Sent At \"11/26/26, 12:10 AM\" is later than the "
                                    "export's date (2026-11-24)");
    EXPECT_TRUE(parse(header + "Alex Doe,Maya Patel,\"11/25/26, 11:59 PM\",,OUTGOING\n", day(2026, 11, 24), 30));
    EXPECT_TRUE(parse(header + "Alex Doe,Maya Patel,\"11/27/26, 11:59 AM\",,OUTGOING\n", std::nullopt, 26));
    auto old = parse(header + "Alex Doe,Maya Patel,\"1/2/2001, 9:00 AM\",,OUTGOING\n", std::nullopt, 26);
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error().message,
              "x.zip/Invitations.csv:2:3: Sent At \"1/2/2001, 9:00 AM\" is before LinkedIn opened (2003-05-05)");

    auto connected = parse_file(SourceFile::of_text("x.zip/Connections.csv",
                                                    "First Name,Last Name,URL,Email Address,Company,Position,"
                                                    "Connected On\n"
                                                    "Maya,Patel,https://www.linkedin.com/in/maya-patel,,,,24 Nov 2026\n"
                                                    "Sam,Lee,https://www.linkedin.com/in/sam-lee,,,,20 Nov 2036\n",
                                                    day(2026, 11, 24)),
                                false);
    ASSERT_FALSE(connected);
    EXPECT_EQ(connected.error().message, "x.zip/Connections.csv:3:7: Connected On \"20 Nov 2036\" is later than the "
                                         "export's date (2026-11-24)");
    // With --skip-invalid it is one skipped row, and the rest is kept.
    auto skipped = parse_file(SourceFile::of_text("Invitations.csv",
                                                  header + "Alex Doe,Maya Patel,\"11/20/36, 2:37 PM\",,OUTGOING\n" +
                                                      "Alex Doe,Sam Lee,\"11/20/26, 2:37 PM\",,OUTGOING\n",
                                                  std::nullopt),
                              true, {}, std::chrono::local_seconds{std::chrono::local_days{
                                            day(2026, 11, 26).time_since_epoch()}});
    ASSERT_TRUE(skipped);
    EXPECT_EQ(skipped->invitations.size(), 1u);
    EXPECT_EQ(skipped->skipped.size(), 1u);
}

TEST(LinkedInExport, BadDirectionNamesItsColumn)
{
    core::Error e = parse_error("Invitations.csv",
                                "From,To,Sent At,Message,Direction\n"
                                "Alex Doe,Maya Patel,\"1/29/26, 2:37 PM\",,SIDEWAYS\n");
    EXPECT_EQ(e.message, "Invitations.csv:2:5: Direction \"SIDEWAYS\" is not OUTGOING or INCOMING");
}

TEST(LinkedInExport, TooManyFieldsIsABadRow)
{
    core::Error e = parse_error("Invitations.csv",
                                "From,To,Sent At,Message,Direction\n"
                                "Alex Doe,Maya Patel,1/29/26, 2:37 PM,,OUTGOING\n");
    EXPECT_EQ(e.code, "bad_row");
    EXPECT_EQ(e.message, "Invitations.csv:2:6: expected 5 fields as in the header, found 6");
}

TEST(LinkedInExport, TooFewFieldsIsABadRow)
{
    core::Error e = parse_error("Invitations.csv",
                                "From,To,Sent At,Message,Direction\n"
                                "Alex Doe,Maya Patel\n");
    EXPECT_EQ(e.message, "Invitations.csv:2:3: expected 5 fields as in the header, found 2");
}

TEST(LinkedInExport, LongBadValueIsShortenedInTheMessage)
{
    core::Error e = parse_error("Invitations.csv", "From,To,Sent At,Message,Direction\n"
                                                   "Alex Doe,Maya Patel," +
                                                       std::string(100, 'z') + ",,OUTGOING\n");
    EXPECT_NE(e.message.find("\"" + std::string(60, 'z') + "...\""), std::string::npos) << e.message;
}

TEST(LinkedInExport, SkipInvalidCollectsBadRowsAndKeepsTheRest)
{
    ParsedFile f = parse_ok("Invitations.csv",
                            "From,To,Sent At,Message,Direction\n"
                            "Alex Doe,Maya Patel,\"1/29/26, 2:37 PM\",,OUTGOING\n"
                            "Alex Doe,Sam Lee,\"13/45/21, 9:00 AM\",,OUTGOING\n"
                            "Alex Doe,Kim Ng,\"1/30/26, 8:00 AM\",,OUTGOING\n"
                            "Alex Doe,Lee Fox\n",
                            /*skip_invalid=*/true);
    ASSERT_EQ(f.invitations.size(), 2u);
    EXPECT_EQ(f.invitations[0].to, "Maya Patel");
    EXPECT_EQ(f.invitations[1].to, "Kim Ng");
    ASSERT_EQ(f.skipped.size(), 2u);
    EXPECT_EQ(f.skipped[0].message,
              "Invitations.csv:3:3: Sent At \"13/45/21, 9:00 AM\" is not a date like \"1/29/26, 2:37 PM\"");
    EXPECT_EQ(f.skipped[1].message, "Invitations.csv:5:3: expected 5 fields as in the header, found 2");
}

TEST(LinkedInExport, SkipInvalidStillFailsOnAnUnclosedQuote)
{
    auto parsed = parse_file(SourceFile::of_text("Invitations.csv",
                                        "From,To,Sent At,Message,Direction\n"
                                        "Alex Doe,Maya Patel,\"1/29/26, 2:37 PM,,OUTGOING\n",
                                        std::nullopt),
                             true);
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("Invitations.csv:2:3:"), std::string::npos) << parsed.error().message;
    EXPECT_NE(parsed.error().message.find("never closed"), std::string::npos) << parsed.error().message;
}

TEST(LinkedInExport, UnknownHeaderIsRefused)
{
    core::Error e = parse_error("notes.csv", "Title,Body\nhello,world\n");
    EXPECT_EQ(e.code, "unknown_header");
    EXPECT_TRUE(e.message.starts_with("notes.csv:1:1:")) << e.message;
}

TEST(LinkedInExport, EmptyFileIsRefused)
{
    core::Error e = parse_error("Invitations.csv", "");
    EXPECT_EQ(e.code, "empty_file");
}

TEST(LinkedInExport, BinaryFileIsRefused)
{
    core::Error e = parse_error("photo.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
    EXPECT_EQ(e.code, "not_csv");
}

// ---- Connections.csv ----

TEST(LinkedInExport, ConnectionsWithPreambleAndUrl)
{
    ParsedFile f = parse_ok("Connections.csv",
                            std::string(kPreamble) +
                                "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                "Maya,Patel,https://www.linkedin.com/in/maya-patel,,Acme,Engineer,29 Jan 2026\n"
                                "Sam,\"Lee, PhD \",https://www.linkedin.com/in/sam-lee,sam@example.com,\"Foo, Inc.\","
                                "CTO,05 Oct 2025\n");
    EXPECT_EQ(f.kind, FileKind::connections);
    ASSERT_EQ(f.connections.size(), 2u);
    const ConnectionRow& maya = f.connections[0];
    EXPECT_EQ(maya.line, 5);
    EXPECT_EQ(maya.first_name, "Maya");
    EXPECT_EQ(maya.last_name, "Patel");
    EXPECT_EQ(maya.url, "https://www.linkedin.com/in/maya-patel");
    EXPECT_EQ(maya.company, "Acme");
    EXPECT_EQ(maya.position, "Engineer");
    EXPECT_EQ(maya.connected_on, day(2026, 1, 29));
    const ConnectionRow& sam = f.connections[1];
    EXPECT_EQ(sam.last_name, "Lee, PhD");  // trailing space trimmed
    EXPECT_EQ(sam.email, "sam@example.com");
    EXPECT_EQ(sam.company, "Foo, Inc.");
    EXPECT_EQ(sam.connected_on, day(2025, 10, 5));
}

TEST(LinkedInExport, ConnectionsWithPreambleWithoutUrl)
{
    ParsedFile f = parse_ok("Connections.csv",
                            std::string(kPreamble) +
                                "First Name,Last Name,Email Address,Company,Position,Connected On\n"
                                "Maya,Patel,,Acme,Engineer,29 Jan 2026\n");
    ASSERT_EQ(f.connections.size(), 1u);
    EXPECT_EQ(f.connections[0].url, "");
    EXPECT_EQ(f.connections[0].company, "Acme");
    EXPECT_EQ(f.connections[0].connected_on, day(2026, 1, 29));
}

TEST(LinkedInExport, Connections2018WithoutPreambleAndWithTime)
{
    ParsedFile f = parse_ok("Connections.csv",
                            "First Name,Last Name,Email Address,Company,Position,Connected On\n"
                            "Maya,Patel,maya@example.com,Acme,Engineer,\"1/29/18, 2:37 PM\"\n");
    EXPECT_EQ(f.kind, FileKind::connections);
    ASSERT_EQ(f.connections.size(), 1u);
    EXPECT_EQ(f.connections[0].line, 2);
    EXPECT_EQ(f.connections[0].connected_on, day(2018, 1, 29));
}

TEST(LinkedInExport, ConnectionsWithoutFinalNewline)
{
    ParsedFile f = parse_ok("Connections.csv",
                            std::string(kPreamble) +
                                "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                "Maya,Patel,https://www.linkedin.com/in/maya-patel,,Acme,Engineer,29 Jan 2026\n"
                                "Sam,Lee \xF0\x9F\x9A\x80,,,,,30 Jan 2026");
    ASSERT_EQ(f.connections.size(), 2u);
    EXPECT_EQ(f.connections[1].last_name, "Lee \xF0\x9F\x9A\x80");
    EXPECT_EQ(f.connections[1].connected_on, day(2026, 1, 30));
}

TEST(LinkedInExport, ConnectionsResavedWithBomCrLfAndSemicolons)
{
    ParsedFile f = parse_ok("Connections.csv",
                            "\xEF\xBB\xBF" "Notes:\r\n\"Some text; with a semicolon, and commas, and more\"\r\n\r\n"
                            "First Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
                            "Maya;Patel;https://www.linkedin.com/in/maya-patel;;Acme, Inc.;Engineer;29-Jan-26\r\n");
    EXPECT_EQ(f.kind, FileKind::connections);
    ASSERT_EQ(f.connections.size(), 1u);
    EXPECT_EQ(f.connections[0].line, 5);
    EXPECT_EQ(f.connections[0].company, "Acme, Inc.");
    EXPECT_EQ(f.connections[0].connected_on, day(2026, 1, 29));
}

TEST(LinkedInExport, BadConnectedOnNamesFileLineColumnAndValue)
{
    core::Error e = parse_error("Connections.csv",
                                "First Name,Last Name,Email Address,Company,Position,Connected On\n"
                                "Maya,Patel,,Acme,Engineer,31 Feb 2026\n");
    EXPECT_EQ(e.message, "Connections.csv:2:6: Connected On \"31 Feb 2026\" is not a date like \"29 Jan 2026\"");
}

TEST(LinkedInExport, BadRowLineCountsThePreamble)
{
    core::Error e = parse_error("Connections.csv",
                                std::string(kPreamble) +
                                    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                    "Maya,Patel,,,Acme,Engineer,29 Jan 2026\n"
                                    "Sam,Lee,,,Acme,Engineer,Jan 29 2026\n");
    EXPECT_EQ(e.message, "Connections.csv:6:7: Connected On \"Jan 29 2026\" is not a date like \"29 Jan 2026\"");
}

// ---- detection ----

TEST(LinkedInExport, DetectKindByHeaderNotName)
{
    EXPECT_EQ(detect_kind("From,To,Sent At,Message,Direction\n"), FileKind::invitations);
    EXPECT_EQ(detect_kind("from , to,sent at,MESSAGE,direction,inviterProfileUrl,inviteeProfileUrl\n"),
              FileKind::invitations);
    EXPECT_EQ(detect_kind("First Name,Last Name,Email Address,Company,Position,Connected On\n"),
              FileKind::connections);
    EXPECT_EQ(detect_kind(std::string(kPreamble) +
                          "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"),
              FileKind::connections);
    EXPECT_EQ(detect_kind("\xEF\xBB\xBF" "From;To;Sent At;Message;Direction\r\n"), FileKind::invitations);
}

TEST(LinkedInExport, DetectKindOfOtherFiles)
{
    EXPECT_EQ(detect_kind(""), FileKind::unknown);
    EXPECT_EQ(detect_kind("Name,Date\nx,y\n"), FileKind::unknown);
    EXPECT_EQ(detect_kind(std::string("From,To,Sent At,Message,Direction\n\0", 35)), FileKind::unknown);
    // LinkedIn's Messages.csv has From and To but is not Invitations.csv.
    EXPECT_EQ(detect_kind("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT\n"),
              FileKind::unknown);
}

TEST(LinkedInExport, ExportDateFromName)
{
    EXPECT_EQ(export_date_from_name("Basic_LinkedInDataExport_11-24-2026.zip"), day(2026, 11, 24));
    EXPECT_EQ(export_date_from_name("Complete_LinkedInDataExport_05-27-2026"), day(2026, 5, 27));
    EXPECT_EQ(export_date_from_name("Basic_LinkedInDataExport_11-24-2026 (1).zip"), day(2026, 11, 24));
    EXPECT_EQ(export_date_from_name("Invitations.csv"), std::nullopt);
    EXPECT_EQ(export_date_from_name("Basic_LinkedInDataExport_13-45-2026.zip"), std::nullopt);
    EXPECT_EQ(export_date_from_name(""), std::nullopt);
}

TEST(LinkedInExport, ProgressEndsAtTheFileSize)
{
    const std::string data = "From,To,Sent At,Message,Direction\nAlex Doe,Maya Patel,\"1/29/26, 2:37 PM\",,OUTGOING\n";
    size_t last_done = 0, last_total = 0;
    auto parsed = parse_file(SourceFile::of_text("Invitations.csv", data, std::nullopt), false, [&](size_t done, size_t total) {
        last_done = done;
        last_total = total;
    });
    ASSERT_TRUE(parsed);
    EXPECT_EQ(last_done, data.size());
    EXPECT_EQ(last_total, data.size());
}

// ---- a large file, read on two cores ----

// A generated Invitations.csv of several megabytes (parse_file reads files from
// 4 MB on two threads) where every row's line and fields are known. Every message
// spans two lines and holds a doubled quote, so a line break taken for a record
// boundary with the quotes miscounted lies inside a quoted field.
struct BigFile {
    std::string data;
    std::vector<long> lines;  // the physical line each row starts on
    std::vector<std::string> from, message;

    static BigFile make(int rows, int stray_quote_row = -1, std::vector<int> bad_rows = {})
    {
        BigFile f;
        f.data = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
        long line = 2;
        for (int i = 0; i < rows; ++i) {
            std::string from = "Member " + std::to_string(i);
            if (i == stray_quote_row) from = "Ann \"Bo" + std::to_string(i);  // unquoted field: the quote is kept
            const bool bad = std::find(bad_rows.begin(), bad_rows.end(), i) != bad_rows.end();
            std::string message = "Hello " + std::to_string(i) + ", I read your \"\"post\"\" on pipelines.\n" +
                                  std::string(120, 'x') + " Thanks!";
            f.data += from + ",Avery Quinlan,\"" + (bad ? std::string("13/45/21, 9:00 AM") : "1/29/26, 2:37 PM") +
                      "\",\"" + message + "\",INCOMING,https://www.linkedin.com/in/m-" + std::to_string(i) +
                      ",https://www.linkedin.com/in/avery-quinlan\n";
            f.lines.push_back(line);
            line += 2;
            f.from.push_back(from);
            f.message.push_back("Hello " + std::to_string(i) + ", I read your \"post\" on pipelines.\n" +
                                std::string(120, 'x') + " Thanks!");
        }
        return f;
    }
};

void expect_rows(const ParsedFile& parsed, const BigFile& f, const std::vector<int>& missing = {})
{
    ASSERT_EQ(parsed.invitations.size(), f.lines.size() - missing.size());
    size_t at = 0;
    for (size_t i = 0; i < f.lines.size(); ++i) {
        if (std::find(missing.begin(), missing.end(), static_cast<int>(i)) != missing.end()) continue;
        const auto& row = parsed.invitations[at++];
        ASSERT_EQ(row.line, f.lines[i]) << "row " << i;
        ASSERT_EQ(row.from, f.from[i]) << "row " << i;
        ASSERT_EQ(row.message, f.message[i]) << "row " << i;
        ASSERT_EQ(row.invitee_ref, "https://www.linkedin.com/in/avery-quinlan");
    }
}

TEST(LinkedInExportLarge, EveryRowWithItsLineWhenReadOnTwoCores)
{
    const auto f = BigFile::make(30'000);
    ASSERT_GT(f.data.size(), 5u << 20);
    expect_rows(parse_ok("Invitations.csv", f.data), f);
}

TEST(LinkedInExportLarge, AStrayQuoteBeforeTheMiddleChangesNothing)
{
    // The quote makes the count of quotes before the middle odd, so the second
    // reader's starting point is guessed inside a message; the first reader finds
    // that out and reads on alone.
    const auto f = BigFile::make(30'000, 10);
    expect_rows(parse_ok("Invitations.csv", f.data), f);
}

TEST(LinkedInExportLarge, TheFirstBadRowIsReportedWhicheverHalfItIsIn)
{
    auto both = BigFile::make(30'000, -1, {100, 25'000});
    EXPECT_EQ(parse_error("Invitations.csv", both.data).message,
              "Invitations.csv:" + std::to_string(both.lines[100]) +
                  ":3: Sent At \"13/45/21, 9:00 AM\" is not a date like \"1/29/26, 2:37 PM\"");
    auto second_half = BigFile::make(30'000, -1, {25'000});
    EXPECT_EQ(parse_error("Invitations.csv", second_half.data).message,
              "Invitations.csv:" + std::to_string(second_half.lines[25'000]) +
                  ":3: Sent At \"13/45/21, 9:00 AM\" is not a date like \"1/29/26, 2:37 PM\"");
    // An unclosed quote near the end: where the record ends is unknown, so it stops the parse.
    auto unclosed = BigFile::make(30'000);
    unclosed.data += "Late Row,Avery Quinlan,\"1/29/26, 2:37 PM\",\"never closed,INCOMING,,\n";
    EXPECT_NE(parse_error("Invitations.csv", unclosed.data).message.find("quoted field is never closed"),
              std::string::npos);
}

TEST(LinkedInExportLarge, SkipInvalidKeepsTheBadRowsOfBothHalvesInOrder)
{
    const std::vector<int> bad{7, 14'000, 29'999};
    const auto f = BigFile::make(30'000, -1, bad);
    const auto parsed = parse_ok("Invitations.csv", f.data, true);
    expect_rows(parsed, f, bad);
    ASSERT_EQ(parsed.skipped.size(), 3u);
    for (size_t i = 0; i < bad.size(); ++i)
        EXPECT_TRUE(parsed.skipped[i].message.starts_with(
            "Invitations.csv:" + std::to_string(f.lines[static_cast<size_t>(bad[i])]) + ":3:"))
            << parsed.skipped[i].message;
}

TEST(LinkedInExportLarge, ProgressNeverGoesBackAndEndsAtTheFileSize)
{
    const auto f = BigFile::make(30'000);
    std::vector<size_t> seen;
    auto parsed = parse_file(SourceFile::of_text("Invitations.csv", f.data, std::nullopt), false,
                             [&](size_t done, size_t total) {
                                 EXPECT_EQ(total, f.data.size());
                                 seen.push_back(done);
                             });
    ASSERT_TRUE(parsed);
    ASSERT_GT(seen.size(), 2u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.back(), f.data.size());
}

// ---- reading an unzipped export folder or one file ----

class LinkedInExportFiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_root = std::filesystem::temp_directory_path() / ("ik_ingest_test_" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_root);
        std::filesystem::create_directories(m_root);
    }
    void TearDown() override { std::filesystem::remove_all(m_root); }

    std::filesystem::path write(const std::filesystem::path& relative, const std::string& text)
    {
        std::filesystem::path path = m_root / relative;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    std::filesystem::path m_root;
};

TEST_F(LinkedInExportFiles, FolderKeepsOnlyExportFilesFoundByHeader)
{
    const std::string folder = "Basic_LinkedInDataExport_11-24-2026";
    write(folder + "/Profile.csv", "First Name,Last Name,Headline\nAlex,Doe,Engineer\n");
    write(folder + "/Connections.csv", "First Name,Last Name,Email Address,Company,Position,Connected On\n");
    write(folder + "/renamed-by-me.csv", "From,To,Sent At,Message,Direction\n");
    write(folder + "/notes.txt", "From,To,Sent At,Message,Direction\n");
    auto files = read_source((m_root / folder).string());
    ASSERT_TRUE(files) << files.error().message;
    ASSERT_EQ(files->size(), 2u);
    EXPECT_EQ((*files)[0].display_name, folder + "/Connections.csv");
    EXPECT_EQ((*files)[1].display_name, folder + "/renamed-by-me.csv");
    EXPECT_EQ((*files)[0].export_date, day(2026, 11, 24));
}

TEST_F(LinkedInExportFiles, FolderWithoutExportFilesIsRefused)
{
    write("empty/Profile.csv", "First Name,Last Name,Headline\n");
    auto files = read_source((m_root / "empty").string());
    ASSERT_FALSE(files);
    EXPECT_EQ(files.error().code, "no_export_files");
}

TEST_F(LinkedInExportFiles, LoneCsvFile)
{
    auto path = write("Invitations.csv", "From,To,Sent At,Message,Direction\n");
    auto files = read_source(path.string());
    ASSERT_TRUE(files) << files.error().message;
    ASSERT_EQ(files->size(), 1u);
    EXPECT_EQ((*files)[0].display_name, "Invitations.csv");
    EXPECT_EQ((*files)[0].export_date, std::nullopt);
}

TEST_F(LinkedInExportFiles, LoneFileWithAnotherHeaderIsRefused)
{
    auto path = write("Profile.csv", "First Name,Last Name,Headline\n");
    auto files = read_source(path.string());
    ASSERT_FALSE(files);
    EXPECT_EQ(files.error().code, "unknown_header");
}

TEST_F(LinkedInExportFiles, MissingPathIsRefused)
{
    auto files = read_source((m_root / "nowhere.zip").string());
    ASSERT_FALSE(files);
    EXPECT_EQ(files.error().code, "not_found");
    EXPECT_EQ(files.error().kind, core::ErrorKind::bad_input);
}

}  // namespace
}  // namespace ik::ingest
