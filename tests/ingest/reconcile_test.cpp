// Reconciliation: which invitations an export adds, which it finds accepted (the
// invitee is a connection since) and which are gone (missing from a later export).
#include "ingest/reconcile.h"
#include "ingest/people.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>

namespace ik::ingest {
namespace {

using namespace std::chrono_literals;
using core::EventKind;
using core::Instant;

std::chrono::local_seconds wall(int y, unsigned m, unsigned d, int h, int mi)
{
    return std::chrono::local_seconds{
        std::chrono::local_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}} +
           std::chrono::hours{h} + std::chrono::minutes{mi};
}

Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s}};
}

core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

core::Zone zone(const char* name) { return core::Zone::named(name).value_or(core::Zone::utc()); }

const std::string kMayaUrl = "https://www.linkedin.com/in/maya-patel";

// Rows view their text, as parsed rows view the file: the tests' text lives here.
std::string_view kept(std::string text)
{
    static std::deque<std::string> store;
    return store.emplace_back(std::move(text));
}

InvitationRow outgoing(std::string to, std::string invitee_ref, std::chrono::local_seconds sent, long line = 2)
{
    InvitationRow r;
    r.line = line;
    r.direction = core::Direction::outgoing;
    r.from = "Alex Doe";
    r.to = kept(std::move(to));
    r.sent_wall = sent;
    r.inviter_ref = "https://www.linkedin.com/in/alex-doe";
    r.invitee_ref = kept(std::move(invitee_ref));
    return r;
}

ConnectionRow connection(std::string first, std::string last, std::string url, core::Days on)
{
    ConnectionRow c;
    c.line = 5;
    c.first_name = kept(std::move(first));
    c.last_name = kept(std::move(last));
    c.url = kept(std::move(url));
    c.company = "Acme";
    c.connected_on = on;
    return c;
}

ParsedFile invitations_file(std::vector<InvitationRow> rows, std::optional<core::Days> export_date = std::nullopt)
{
    ParsedFile f;
    f.display_name = "Invitations.csv";
    f.kind = FileKind::invitations;
    f.export_date = export_date;
    f.invitations = std::move(rows);
    return f;
}

ParsedFile connections_file(std::vector<ConnectionRow> rows)
{
    ParsedFile f;
    f.display_name = "Connections.csv";
    f.kind = FileKind::connections;
    f.connections = std::move(rows);
    return f;
}

LedgerEntry pending_entry(std::int64_t id, std::string person_key, std::string name, Instant sent,
                          core::Status status = core::Status::pending)
{
    return LedgerEntry{core::InvitationId{id}, core::Direction::outgoing, std::move(person_key), std::move(name), sent,
                       status};
}

// The ledger a store would hold after applying `batch` to an empty one.
Ledger ledger_after(const ImportBatch& batch)
{
    Ledger ledger;
    std::int64_t id = 1;
    for (const auto& n : batch.new_invitations) {
        core::Invitation inv = n.invitation;
        for (const auto& e : n.events) EXPECT_TRUE(core::apply(inv, e));
        ledger.invitations.push_back(LedgerEntry{core::InvitationId{id++}, inv.direction, inv.person.key,
                                                 inv.person.name, inv.sent_at, inv.status});
    }
    ledger.connections = batch.connections;
    return ledger;
}

std::vector<EventKind> kinds(const NewInvitation& n)
{
    std::vector<EventKind> out;
    for (const auto& e : n.events) out.push_back(e.kind);
    return out;
}

const std::vector<EventKind> kSentOnly{EventKind::sent};
const std::vector<EventKind> kSentAccepted{EventKind::sent, EventKind::accepted};

// ---- new invitations and acceptance ----

TEST(Reconcile, AcceptedWhenConnectedAfterTheSendDate)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 1, 31))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    const NewInvitation& n = b.new_invitations[0];
    EXPECT_EQ(n.invitation.person.key, "in:maya-patel");
    EXPECT_EQ(n.invitation.person.profile_url, kMayaUrl);
    EXPECT_EQ(n.invitation.sent_at, utc(2026, 1, 29, 14, 37));
    ASSERT_EQ(kinds(n), kSentAccepted);
    EXPECT_EQ(n.events[0].at, utc(2026, 1, 29, 14, 37));
    EXPECT_EQ(n.events[1].at, utc(2026, 1, 31));  // start of the Connected On day
    EXPECT_EQ(n.events[0].source, "import:Invitations.csv");
    EXPECT_EQ(b.counts.accepted, 1);
    EXPECT_EQ(b.counts.new_invitations, 1);
    EXPECT_EQ(b.counts.outgoing, 1);
    EXPECT_EQ(b.counts.connections, 1);
    EXPECT_EQ(b.counts.new_connections, 1);
}

TEST(Reconcile, AcceptedTheSameDayIsAcceptedAtTheSendTime)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 1, 29))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    ASSERT_EQ(kinds(b.new_invitations[0]), kSentAccepted);
    EXPECT_EQ(b.new_invitations[0].events[1].at, utc(2026, 1, 29, 14, 37));
}

TEST(Reconcile, ConnectedBeforeTheSendDateIsNotAnAcceptance)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 1, 28))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentOnly);
    EXPECT_EQ(b.counts.accepted, 0);
}

TEST(Reconcile, MatchesByProfileUrlWhateverTheNames)
{
    ImportBatch b = reconcile(
        {},
        {invitations_file({outgoing("Maya P.", kMayaUrl, wall(2026, 1, 29, 14, 37))}),
         connections_file({connection("Maya", "Patel-Singh", "https://de.linkedin.com/in/Maya-Patel/", day(2026, 2, 1))})},
        {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentAccepted);
}

TEST(Reconcile, FallsBackToTheNameWhenTheInvitationHasNoUrl)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya  PATEL", "", wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 2, 1))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(b.new_invitations[0].invitation.person.key, "name:maya patel");
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentAccepted);
}

TEST(Reconcile, FallsBackToTheNameWhenTheInvitationHasAUrn)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", "urn:li:member:610150649",
                                                          wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 2, 1))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(b.new_invitations[0].invitation.person.key, "urn:610150649");
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentAccepted);
}

TEST(Reconcile, BareProfileUrlCountsAsNoUrl)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", "https://www.linkedin.com/in",
                                                          wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 2, 1))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(b.new_invitations[0].invitation.person.key, "name:maya patel");
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentAccepted);
}

TEST(Reconcile, AmbiguousNameStaysPendingWithAWarning)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", "", wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 2, 1)),
                                                 connection("Maya", "Patel", "https://www.linkedin.com/in/maya-p-2",
                                                            day(2026, 2, 3))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentOnly);
    ASSERT_EQ(b.warnings.size(), 1u);
    EXPECT_EQ(b.warnings[0].message,
              "1 invitation to \"Maya Patel\" stays pending: 2 connections have that name and the export gives no "
              "profile URL to tell them apart");
}

TEST(Reconcile, AmbiguousNameAmongConnectionsWithoutUrlsStaysPending)
{
    // A pre-2023 Connections.csv has no URL column: two different people named
    // Maya Patel, one connected long ago, one after the invitation.
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", "", wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", "", day(2020, 3, 1)),
                                                 connection("Maya", "Patel", "", day(2026, 2, 1))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentOnly);
    EXPECT_EQ(b.warnings.size(), 1u);
}

TEST(Reconcile, NamesakesWithOtherUrlsAreNotAnAmbiguityForAnInvitationWithAUrl)
{
    // Two other Maya Patels, each with their own URL: neither is the invitee, and
    // the export does tell them apart, so no warning.
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", "https://www.linkedin.com/in/maya-p-2",
                                                            day(2026, 2, 1)),
                                                 connection("Maya", "Patel", "https://www.linkedin.com/in/maya-p-3",
                                                            day(2026, 2, 3))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentOnly);
    EXPECT_TRUE(b.warnings.empty()) << b.warnings.front().message;
}

TEST(Reconcile, AnInvitationWithAUrlMatchesTheOneNamesakeWithoutAUrl)
{
    // A connection listed without a URL may be the invitee; one with another URL is not.
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", "", day(2026, 2, 1)),
                                                 connection("Maya", "Patel", "https://www.linkedin.com/in/maya-p-3",
                                                            day(2026, 2, 3))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentAccepted);
    EXPECT_EQ(b.new_invitations[0].events[1].at, utc(2026, 2, 1));
    EXPECT_TRUE(b.warnings.empty());
}

TEST(Reconcile, TwoConnectionsWithoutUrlsAndTheSameNameAreBothKept)
{
    ImportBatch b = reconcile({},
                              {connections_file({connection("Maya", "Patel", "", day(2020, 3, 1)),
                                                 connection("Maya", "Patel", "", day(2026, 2, 1))})},
                              {});
    ASSERT_EQ(b.connections.size(), 2u);
    EXPECT_NE(b.connections[0].person_key, b.connections[1].person_key);
    EXPECT_EQ(b.counts.new_connections, 2);
}

TEST(Reconcile, DifferentUrlsDoNotMatchEvenWithEqualNames)
{
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", "https://www.linkedin.com/in/maya-patel-1",
                                                          wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", "https://www.linkedin.com/in/maya-patel-2",
                                                            day(2026, 2, 1))})},
                              {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(kinds(b.new_invitations[0]), kSentOnly);
    EXPECT_TRUE(b.warnings.empty());
}

TEST(Reconcile, IncomingInvitationIsAboutTheInviter)
{
    InvitationRow r;
    r.line = 2;
    r.direction = core::Direction::incoming;
    r.from = "Sam Lee";
    r.to = "Alex Doe";
    r.sent_wall = wall(2026, 1, 20, 8, 0);
    r.inviter_ref = "https://www.linkedin.com/in/sam-lee";
    r.invitee_ref = "https://www.linkedin.com/in/alex-doe";
    ImportBatch b = reconcile({}, {invitations_file({r})}, {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(b.new_invitations[0].invitation.direction, core::Direction::incoming);
    EXPECT_EQ(b.new_invitations[0].invitation.person.key, "in:sam-lee");
    EXPECT_EQ(b.new_invitations[0].invitation.person.name, "Sam Lee");
    EXPECT_EQ(b.counts.incoming, 1);
    EXPECT_EQ(b.counts.outgoing, 0);
}

TEST(Reconcile, RowWithNoNameAndNoUrlIsLeftOutWithAWarning)
{
    ImportBatch b = reconcile({}, {invitations_file({outgoing("  ", "", wall(2026, 1, 29, 14, 37), 7)})}, {});
    EXPECT_TRUE(b.new_invitations.empty());
    ASSERT_EQ(b.warnings.size(), 1u);
    EXPECT_EQ(b.warnings[0].message, "Invitations.csv:7: an invitation with no name and no profile URL was left out");
    EXPECT_EQ(b.warnings[0].code, "invitation_without_person");
    EXPECT_EQ(b.warnings[0].file, "Invitations.csv");
    EXPECT_EQ(b.warnings[0].line, 7);
}

TEST(Reconcile, ALongFileKeepsRowOrderWarningsAndRepeatsAcrossBothHalves)
{
    // Long enough to be converted on two threads; rows about no one and repeats in
    // both halves, in a second file too.
    constexpr int kRows = 50'000;
    const std::vector<int> no_one{3, 24'999, 25'000, 49'998};
    std::vector<InvitationRow> rows;
    for (int i = 0; i < kRows; ++i) {
        const bool nobody = std::find(no_one.begin(), no_one.end(), i) != no_one.end();
        const int person = i == 40'000 ? 10 : i;  // row 40,000 repeats row 10
        rows.push_back(outgoing(nobody ? " " : fmt::format("Person {}", person),
                                nobody ? "" : fmt::format("https://www.linkedin.com/in/p-{}", person),
                                wall(2026, 1, 1, 0, 0) + std::chrono::minutes{person}, i + 2));
        rows.back().message = kept(fmt::format("note {}", person));
    }
    auto second = invitations_file({rows[7], rows[30'000]});
    second.display_name = "Invitations (2).csv";
    // Dated as an export's file is, so that no warning says it is only part of one.
    ImportBatch b = reconcile({}, {invitations_file(rows, day(2026, 2, 5)), second}, {});

    ASSERT_EQ(b.warnings.size(), no_one.size());
    for (size_t k = 0; k < no_one.size(); ++k)
        EXPECT_EQ(b.warnings[k].message, fmt::format("Invitations.csv:{}: an invitation with no name and no profile URL was "
                                             "left out",
                                             no_one[k] + 2));
    EXPECT_EQ(b.counts.outgoing, kRows + 2);
    EXPECT_EQ(b.counts.unchanged, 3);  // row 40,000 and both rows of the second file
    ASSERT_EQ(b.new_invitations.size(), static_cast<size_t>(kRows) - no_one.size() - 1);
    size_t at = 0;
    for (int i = 0; i < kRows; ++i) {
        if (i == 40'000 || std::find(no_one.begin(), no_one.end(), i) != no_one.end()) continue;
        const auto& inv = b.new_invitations[at++].invitation;
        ASSERT_EQ(inv.person.key, fmt::format("in:p-{}", i)) << "row " << i;
        ASSERT_EQ(inv.person.name, fmt::format("Person {}", i));
        ASSERT_EQ(inv.message, fmt::format("note {}", i));
        ASSERT_EQ(inv.sent_at, utc(2026, 1, 1) + std::chrono::minutes{i});
    }
}

TEST(Reconcile, ALongFileFindsAcceptancesAndAmbiguitiesInBothHalves)
{
    // Every 1,000th invitee is a connection (accepted), and one invitation without
    // a URL in each half names two namesakes (ambiguous: one warning for both).
    constexpr int kRows = 40'000;
    std::vector<InvitationRow> rows;
    std::vector<ConnectionRow> people;
    for (int i = 0; i < kRows; ++i) {
        const bool namesake = i == 5 || i == 30'000;
        rows.push_back(outgoing(namesake ? "Kim Ng" : fmt::format("Person {}", i),
                                namesake ? "" : fmt::format("https://www.linkedin.com/in/p-{}", i),
                                wall(2026, 1, 1, 0, 0) + std::chrono::minutes{i}, i + 2));
        if (i % 1'000 == 999)
            people.push_back(connection("Person", std::to_string(i), fmt::format("https://www.linkedin.com/in/p-{}", i),
                                        day(2026, 3, 1)));
    }
    people.push_back(connection("Kim", "Ng", "https://www.linkedin.com/in/kim-ng-1", day(2026, 3, 1)));
    people.push_back(connection("Kim", "Ng", "https://www.linkedin.com/in/kim-ng-2", day(2026, 3, 1)));
    ImportBatch b = reconcile({}, {invitations_file(rows), connections_file(people)}, {});

    ASSERT_EQ(b.new_invitations.size(), static_cast<size_t>(kRows));
    EXPECT_EQ(b.counts.accepted, kRows / 1'000);
    for (int i = 0; i < kRows; ++i) {
        const auto& n = b.new_invitations[static_cast<size_t>(i)];
        ASSERT_EQ(kinds(n), i % 1'000 == 999 ? kSentAccepted : kSentOnly) << "row " << i;
        ASSERT_EQ(n.events.front().source, "import:Invitations.csv");
    }
    ASSERT_EQ(b.warnings.size(), 1u);
    EXPECT_EQ(b.warnings[0].message,
              "2 invitations to \"Kim Ng\" stay pending: 2 connections have that name and the export gives no "
              "profile URL to tell them apart");
}

TEST(Reconcile, SameRowTwiceIsOneInvitation)
{
    auto row = outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37));
    ImportBatch b = reconcile({}, {invitations_file({row, row})}, {});
    EXPECT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(b.counts.unchanged, 1);
}

TEST(Reconcile, RowRepeatedInASecondFileIsOneInvitationKeptInRowOrder)
{
    auto maya = outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37));
    auto sam = outgoing("Sam Lee", "https://www.linkedin.com/in/sam-lee", wall(2026, 1, 29, 14, 37), 3);
    auto maya_later = outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 38), 4);
    ParsedFile second = invitations_file({maya_later, maya, sam});
    second.display_name = "Second.csv";
    ImportBatch b = reconcile({}, {invitations_file({maya, sam}), second}, {});
    ASSERT_EQ(b.new_invitations.size(), 3u);
    EXPECT_EQ(b.new_invitations[0].invitation.person.key, "in:maya-patel");
    EXPECT_EQ(b.new_invitations[1].invitation.person.key, "in:sam-lee");
    EXPECT_EQ(b.new_invitations[2].invitation.sent_at, utc(2026, 1, 29, 14, 38));
    EXPECT_EQ(b.new_invitations[2].events[0].source, "import:Second.csv");
    EXPECT_EQ(b.counts.unchanged, 2);
    EXPECT_EQ(b.counts.new_invitations, 3);
}

TEST(Reconcile, SameTimeAndPersonInTheOtherDirectionIsAnotherInvitation)
{
    auto sent = outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37));
    auto received = sent;
    received.direction = core::Direction::incoming;
    received.from = "Maya Patel";
    received.inviter_ref = kMayaUrl;
    ImportBatch b = reconcile({}, {invitations_file({sent, received})}, {});
    EXPECT_EQ(b.new_invitations.size(), 2u);
    EXPECT_EQ(b.counts.unchanged, 0);
}

TEST(Reconcile, LongLedgerOnlyTheListedAreUnchanged)
{
    // A ledger far longer than the export, most of it outside the export's time span.
    Ledger ledger;
    for (int i = 0; i < 2000; ++i)
        ledger.invitations.push_back(pending_entry(i + 1, fmt::format("in:person-{}", i), "Someone",
                                                   utc(2025, 1, 1) + std::chrono::minutes{i}, core::Status::accepted));
    ledger.invitations.push_back(pending_entry(5000, "in:maya-patel", "Maya Patel", utc(2026, 1, 29, 14, 37)));
    ledger.invitations.push_back(pending_entry(5001, "in:maya-patel", "Maya Patel", utc(2026, 1, 29, 14, 36)));
    ImportBatch b = reconcile(
        ledger,
        {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37)),
                           outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 38), 3),
                           outgoing("Person 7", "https://www.linkedin.com/in/person-7", wall(2025, 1, 1, 0, 7), 4)})},
        {});
    ASSERT_EQ(b.new_invitations.size(), 1u);
    EXPECT_EQ(b.new_invitations[0].invitation.sent_at, utc(2026, 1, 29, 14, 38));
    EXPECT_EQ(b.counts.unchanged, 2);
    // 5001, pending and not listed, was sent inside the export's span: gone.
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].id, core::InvitationId{5001});
    EXPECT_EQ(b.changes[0].event.kind, EventKind::gone);
}

TEST(Reconcile, ExportZoneShiftsSentAt)
{
    auto files = std::vector<ParsedFile>{invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37))})};
    ReconcileOptions berlin;
    berlin.export_zone = zone("Europe/Berlin");
    ReconcileOptions new_york;
    new_york.export_zone = zone("America/New_York");
    EXPECT_EQ(reconcile({}, files, berlin).new_invitations.at(0).invitation.sent_at, utc(2026, 1, 29, 13, 37));
    EXPECT_EQ(reconcile({}, files, new_york).new_invitations.at(0).invitation.sent_at, utc(2026, 1, 29, 19, 37));
    EXPECT_EQ(reconcile({}, files, {}).new_invitations.at(0).invitation.sent_at, utc(2026, 1, 29, 14, 37));
}

TEST(Reconcile, AcceptanceDayStartsInTheExportZone)
{
    ReconcileOptions berlin;
    berlin.export_zone = zone("Europe/Berlin");
    ImportBatch b = reconcile({},
                              {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37))}),
                               connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 1, 31))})},
                              berlin);
    ASSERT_EQ(b.new_invitations.size(), 1u);
    ASSERT_EQ(kinds(b.new_invitations[0]), kSentAccepted);
    EXPECT_EQ(b.new_invitations[0].events[1].at, utc(2026, 1, 30, 23));
}

// ---- against a ledger ----

TEST(Reconcile, ReconcilingTheSameExportAgainChangesNothing)
{
    std::vector<ParsedFile> files{
        invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 1, 29, 14, 37)),
                          outgoing("Sam Lee", "https://www.linkedin.com/in/sam-lee", wall(2026, 1, 30, 9, 0), 3),
                          outgoing("Kim Ng", "", wall(2026, 1, 30, 10, 0), 4)}),
        connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 1, 31)),
                          connection("Kim", "Ng", "", day(2026, 2, 2))})};
    ImportBatch first = reconcile({}, files, {});
    ASSERT_EQ(first.new_invitations.size(), 3u);
    ASSERT_EQ(first.counts.accepted, 2);

    ImportBatch again = reconcile(ledger_after(first), files, {});
    EXPECT_TRUE(again.new_invitations.empty());
    EXPECT_TRUE(again.changes.empty());
    EXPECT_TRUE(again.connections.empty());
    EXPECT_EQ(again.counts.unchanged, 3);
    EXPECT_EQ(again.counts.new_invitations, 0);
    EXPECT_EQ(again.counts.accepted, 0);
    EXPECT_EQ(again.counts.gone, 0);
    EXPECT_EQ(again.counts.new_connections, 0);
}

TEST(Reconcile, LaterConnectionAcceptsAPendingLedgerInvitation)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(7, "in:maya-patel", "Maya Patel", utc(2026, 1, 29, 14, 37)));
    ImportBatch b = reconcile(ledger, {connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 2, 2))})}, {});
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].id, core::InvitationId{7});
    EXPECT_EQ(b.changes[0].event.kind, EventKind::accepted);
    EXPECT_EQ(b.changes[0].event.at, utc(2026, 2, 2));
    EXPECT_EQ(b.changes[0].event.source, "import:Connections.csv");
    EXPECT_EQ(b.counts.accepted, 1);
}

TEST(Reconcile, ChangedConnectionIsStoredAgainButNotCountedNew)
{
    Ledger ledger;
    ConnectionRecord known{"in:maya-patel", "Maya", "Patel", kMayaUrl, "", "Acme", "", day(2026, 1, 31)};
    ledger.connections.push_back(known);
    ConnectionRow moved = connection("Maya", "Patel", kMayaUrl, day(2026, 1, 31));
    moved.company = "Globex";
    ImportBatch b = reconcile(ledger, {connections_file({moved})}, {});
    ASSERT_EQ(b.connections.size(), 1u);
    EXPECT_EQ(b.connections[0].company, "Globex");
    EXPECT_EQ(b.counts.new_connections, 0);
    EXPECT_EQ(b.counts.connections, 1);
}

// ---- gone ----

class ReconcileGone : public ::testing::Test {
protected:
    // The export of 2026-11-24 (UTC): Maya's invitation, and one from the start of
    // its window, so that its rows cover 2026-05-28 to 2026-11-24.
    std::vector<ParsedFile> export_of_nov_24()
    {
        return {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 11, 20, 14, 37)),
                                  outgoing("Old Friend", "https://www.linkedin.com/in/old-friend", wall(2026, 5, 29, 9, 0))},
                                 day(2026, 11, 24))};
    }
    const Instant m_as_of = utc(2026, 11, 24, 23, 59, 59);
};

TEST_F(ReconcileGone, PendingMissingInsideTheWindowIsGoneAtTheExportTime)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10)));
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].id, core::InvitationId{1});
    EXPECT_EQ(b.changes[0].event.kind, EventKind::gone);
    EXPECT_EQ(b.changes[0].event.at, m_as_of);
    EXPECT_EQ(b.counts.gone, 1);
    ASSERT_TRUE(b.snapshot);
    EXPECT_EQ(b.snapshot->covers_from, utc(2026, 5, 29, 9));
    EXPECT_EQ(b.snapshot->taken_by, utc(2026, 11, 24));
    EXPECT_EQ(b.snapshot->as_of, m_as_of);
}

TEST_F(ReconcileGone, PendingOlderThanTheWindowIsUntouched)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(2, "in:sam-lee", "Sam Lee", utc(2026, 5, 1, 10)));
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    EXPECT_TRUE(b.changes.empty());
}

TEST_F(ReconcileGone, TheWindowBoundsWhatRowsReachingFurtherBackCover)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(2, "in:sam-lee", "Sam Lee", utc(2026, 5, 1, 10)));
    auto files = export_of_nov_24();
    files[0].invitations.push_back(outgoing("Older Friend", "https://www.linkedin.com/in/older", wall(2026, 3, 1, 9, 0)));
    EXPECT_TRUE(reconcile(ledger, files, {}).changes.empty()) << "the 180-day window ends the cover at 2026-05-28";
    ReconcileOptions wide;
    wide.window = core::Duration{365 * 86400};
    ImportBatch b = reconcile(ledger, files, wide);
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].event.kind, EventKind::gone);
}

// Issue 20: an export's rows say how far back it reaches; an invitation older than
// its oldest row may simply be older than what it holds.
TEST_F(ReconcileGone, AnExportCoversOnlyTheSpanOfItsRows)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10)));
    ImportBatch b = reconcile(
        ledger, {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 11, 20, 14, 37))}, day(2026, 11, 24))},
        {});
    EXPECT_TRUE(b.changes.empty());
    ASSERT_TRUE(b.snapshot);
    EXPECT_EQ(b.snapshot->covers_from, utc(2026, 11, 20, 14, 37));
}

// Issue 20: one row in a lone file made hundreds of invitations gone.
TEST_F(ReconcileGone, ALoneFileThatDoesNotReachBackInfersNothing)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 11, 19, 10)));
    ImportBatch b = reconcile(
        ledger,
        {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 11, 20, 14, 37)),
                           outgoing("Kim Ng", "https://www.linkedin.com/in/kim-ng", wall(2026, 11, 18, 9, 0))})},
        {});
    EXPECT_TRUE(b.changes.empty());
    EXPECT_FALSE(b.snapshot);
    ASSERT_EQ(b.warnings.size(), 1u);
    EXPECT_EQ(b.warnings[0].message,
              "Invitations.csv: its rows reach back only to 2026-11-18T09:00:00Z, not to the start of the 180-day "
              "window, so it is taken for part of an export: the 1 pending invitation it does not list stays pending");
    EXPECT_TRUE(reconcile({}, {invitations_file({outgoing("Maya Patel", kMayaUrl, wall(2026, 11, 20, 14, 37))})}, {})
                    .warnings.empty())
        << "into an empty ledger, nothing could have been taken for gone";
}

TEST_F(ReconcileGone, AlreadyWithdrawnIsUntouched)
{
    Ledger ledger;
    ledger.invitations.push_back(
        pending_entry(3, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10), core::Status::withdrawn));
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    EXPECT_TRUE(b.changes.empty());
}

TEST_F(ReconcileGone, ListedPendingIsUntouchedAndSeen)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(4, "in:maya-patel", "Maya Patel", utc(2026, 11, 20, 14, 37)));
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    EXPECT_TRUE(b.changes.empty());
    EXPECT_EQ(b.counts.unchanged, 1);
    ASSERT_EQ(b.sightings.size(), 1u);
    EXPECT_EQ(b.sightings[0].id, core::InvitationId{4});
    EXPECT_EQ(b.sightings[0].at, utc(2026, 11, 24));
    ledger.invitations[0].seen_at = utc(2026, 11, 24);
    EXPECT_TRUE(reconcile(ledger, export_of_nov_24(), {}).sightings.empty()) << "the same listing again is no news";
}

TEST_F(ReconcileGone, SentAfterTheExportDateIsUntouched)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(5, "in:sam-lee", "Sam Lee", utc(2026, 11, 25, 8)));
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    EXPECT_TRUE(b.changes.empty());
}

TEST_F(ReconcileGone, SentLaterOnTheExportDayIsUntouched)
{
    // The export was downloaded in the morning: its newest row is 09:10. The member
    // sent (and recorded) another invitation at 15:00 the same day.
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(6, "in:kim-ng", "Kim Ng", utc(2026, 11, 24, 15)));
    auto files = export_of_nov_24();
    files[0].invitations[0].sent_wall = wall(2026, 11, 24, 9, 10);
    ImportBatch b = reconcile(ledger, files, {});
    EXPECT_TRUE(b.changes.empty());
    EXPECT_EQ(b.counts.gone, 0);
}

TEST_F(ReconcileGone, WithoutExportDateTheNewestRowIsTheExportTime)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10)));
    ledger.invitations.push_back(pending_entry(5, "in:kim-ng", "Kim Ng", utc(2026, 11, 20, 15)));  // after the newest row
    auto files = export_of_nov_24();
    files[0].export_date.reset();  // a lone Invitations.csv whose rows reach back to the window's start
    ImportBatch b = reconcile(ledger, files, {});
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].id, core::InvitationId{1});
    EXPECT_EQ(b.changes[0].event.at, utc(2026, 11, 20, 14, 37));
}

// Issue 20: "gone" is an inference; a later export that lists it again wins.
TEST_F(ReconcileGone, GoneListedByALaterExportIsSeenAgain)
{
    Ledger ledger;
    LedgerEntry maya = pending_entry(4, "in:maya-patel", "Maya Patel", utc(2026, 11, 20, 14, 37), core::Status::gone);
    maya.status_at = utc(2026, 11, 22, 23, 59, 59);
    maya.seen_at = utc(2026, 11, 21);
    ledger.invitations.push_back(maya);
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].event.kind, EventKind::seen);
    EXPECT_EQ(b.changes[0].event.at, utc(2026, 11, 24));
    EXPECT_EQ(b.counts.seen_again, 1);

    // An older listing does not undo a later finding.
    maya.status_at = utc(2026, 11, 30, 23, 59, 59);
    ledger.invitations[0] = maya;
    EXPECT_TRUE(reconcile(ledger, export_of_nov_24(), {}).changes.empty());
}

// Issue 20: a newer export imported first, then an older one: an invitation only the
// older lists is gone as of the newer, as when they come in order.
TEST_F(ReconcileGone, AnInvitationMissingFromAStoredLaterExportIsGoneAsOfIt)
{
    Ledger ledger;
    const Snapshot december{utc(2026, 6, 15), utc(2026, 12, 10), utc(2026, 12, 10, 23, 59, 59)};
    ledger.snapshots.push_back(december);
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    ASSERT_EQ(b.new_invitations.size(), 2u);
    for (const auto& n : b.new_invitations) {
        EXPECT_EQ(n.seen_at, utc(2026, 11, 24));
        if (n.invitation.person.name == "Maya Patel") {
            ASSERT_EQ(n.events.size(), 2u);
            EXPECT_EQ(n.events[1].kind, EventKind::gone);
            EXPECT_EQ(n.events[1].at, december.as_of);
        } else {
            EXPECT_EQ(n.events.size(), 1u) << "sent before December's export reaches back: pending";
        }
    }
    EXPECT_EQ(b.counts.gone, 1);
}

// A complete Sent page imported before an export taken earlier: what the export adds,
// sent before the page was saved, to someone the page did not list, comes in gone as
// of the page, as it would have had the export come first.
TEST(Reconcile, AnInvitationAStoredCompletePageLeftOffComesInGoneAsOfThePage)
{
    Ledger ledger;
    const PageSnapshot page{utc(2026, 12, 1, 9, 14), "sentpage:Sent.html", {"in:ada-obi"},
                            {normalize_name("Ada Obi"), normalize_name("Cleo Park")}};
    ledger.pages.push_back(page);
    auto file = invitations_file({outgoing("Ada Obi", "https://www.linkedin.com/in/ada-obi", wall(2026, 11, 10, 9, 0), 2),
                                  outgoing("Ben Lund", "https://www.linkedin.com/in/ben-lund", wall(2026, 11, 12, 9, 0), 3),
                                  outgoing("Cleo Park", "", wall(2026, 11, 14, 9, 0), 4),
                                  outgoing("Dev Rao", "https://www.linkedin.com/in/dev-rao", wall(2026, 12, 2, 9, 0), 5)},
                                 day(2026, 12, 3));
    ImportBatch b = reconcile(ledger, {file}, {});
    ASSERT_EQ(b.new_invitations.size(), 4u);
    std::map<std::string, const NewInvitation*> by_name;
    for (const auto& n : b.new_invitations) by_name[n.invitation.person.name] = &n;
    EXPECT_EQ(kinds(*by_name["Ada Obi"]), kSentOnly) << "on the page by profile";
    ASSERT_EQ(kinds(*by_name["Ben Lund"]), (std::vector<EventKind>{EventKind::sent, EventKind::gone}));
    EXPECT_EQ(by_name["Ben Lund"]->events[1].at, page.saved_at);
    EXPECT_EQ(by_name["Ben Lund"]->events[1].source, "sentpage:Sent.html");
    EXPECT_EQ(kinds(*by_name["Cleo Park"]), kSentOnly) << "on the page by name (the export gives no URL)";
    EXPECT_EQ(kinds(*by_name["Dev Rao"]), kSentOnly) << "sent after the page was saved";
    EXPECT_EQ(b.counts.gone, 1);
}

TEST_F(ReconcileGone, AnEarlierExportImportedLaterMovesAGoneBackToIt)
{
    Ledger ledger;
    LedgerEntry sam = pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10), core::Status::gone);
    sam.status_at = utc(2026, 12, 10, 23, 59, 59);
    ledger.invitations.push_back(sam);
    ledger.snapshots.push_back(Snapshot{utc(2026, 6, 15), utc(2026, 12, 10), utc(2026, 12, 10, 23, 59, 59)});
    ImportBatch b = reconcile(ledger, export_of_nov_24(), {});
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].event.kind, EventKind::gone);
    EXPECT_EQ(b.changes[0].event.at, m_as_of);
    EXPECT_EQ(b.counts.gone, 1) << "Maya, new and missing from December's export; Sam was gone already";
}

TEST_F(ReconcileGone, AConnectionFromAnOlderExportNeverReplacesANewerOne)
{
    Ledger ledger;
    ConnectionRecord known{"in:maya-patel", "Maya", "Patel", kMayaUrl, "", "Globex", "", day(2026, 1, 31)};
    known.listed_at = utc(2026, 12, 10);
    ledger.connections.push_back(known);
    auto files = export_of_nov_24();
    files.push_back(connections_file({connection("Maya", "Patel", kMayaUrl, day(2026, 1, 31))}));  // at Acme
    ImportBatch b = reconcile(ledger, files, {});
    EXPECT_TRUE(b.connections.empty());
    known.listed_at = utc(2026, 11, 1);
    ledger.connections[0] = known;
    b = reconcile(ledger, files, {});
    ASSERT_EQ(b.connections.size(), 1u);
    EXPECT_EQ(b.connections[0].company, "Acme");
    EXPECT_EQ(b.connections[0].listed_at, utc(2026, 11, 24));
}

TEST_F(ReconcileGone, ConnectionsOnlyImportNeverProducesGone)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10)));
    ImportBatch b =
        reconcile(ledger, {connections_file({connection("Kim", "Ng", "https://www.linkedin.com/in/kim-ng",
                                                         day(2026, 11, 1))})},
                  {});
    EXPECT_TRUE(b.changes.empty());
    EXPECT_EQ(b.counts.gone, 0);
}

TEST_F(ReconcileGone, SkippedRowsMeanNothingIsGone)
{
    // A row left out with --skip-invalid may be the "missing" invitation.
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10)));
    auto files = export_of_nov_24();
    files[0].skipped.push_back(SkippedRow{"Invitations.csv:3:3: Sent At \"x\" is not a date like \"1/29/26, 2:37 PM\""});
    ImportBatch b = reconcile(ledger, files, {});
    EXPECT_TRUE(b.changes.empty());
    EXPECT_EQ(b.skipped.size(), 1u);
    EXPECT_FALSE(b.warnings.empty());
}

TEST_F(ReconcileGone, MissingButConnectedIsAcceptedNotGone)
{
    Ledger ledger;
    ledger.invitations.push_back(pending_entry(1, "in:sam-lee", "Sam Lee", utc(2026, 10, 1, 10)));
    auto files = export_of_nov_24();
    files.push_back(connections_file({connection("Sam", "Lee", "https://www.linkedin.com/in/sam-lee", day(2026, 10, 3))}));
    ImportBatch b = reconcile(ledger, files, {});
    ASSERT_EQ(b.changes.size(), 1u);
    EXPECT_EQ(b.changes[0].event.kind, EventKind::accepted);
    EXPECT_EQ(b.changes[0].event.at, utc(2026, 10, 3));
}

TEST(Reconcile, InvitationKeyDependsOnDirectionPersonAndTime)
{
    const Instant t = utc(2026, 1, 29, 14, 37);
    EXPECT_EQ(invitation_key(core::Direction::outgoing, "in:maya", t), invitation_key(core::Direction::outgoing, "in:maya", t));
    EXPECT_NE(invitation_key(core::Direction::outgoing, "in:maya", t), invitation_key(core::Direction::incoming, "in:maya", t));
    EXPECT_NE(invitation_key(core::Direction::outgoing, "in:maya", t), invitation_key(core::Direction::outgoing, "in:sam", t));
    EXPECT_NE(invitation_key(core::Direction::outgoing, "in:maya", t),
              invitation_key(core::Direction::outgoing, "in:maya", t + 1s));
}

}  // namespace
}  // namespace ik::ingest
