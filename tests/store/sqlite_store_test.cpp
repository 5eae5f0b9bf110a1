// The SQLite backend's own behaviour, beyond the store's contract (contract_test.cpp):
// its files and their schema versions, another program's database, migrations from
// old files, two connections on one file, and bulk loads through the rollback journal.
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ik::store {
namespace {

using namespace std::chrono_literals;
using namespace test;
using sqlite::open_sqlite;
using sqlite::schema_version;

// Runs SQL on a database file with SQLite directly, as another program would.
void raw_exec(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

// ---- files ----

TEST(SqliteStoreFile, DataSurvivesClosingAndReopening)
{
    TempPath db("reopen");
    InvitationId id;
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
        AccountId account = (*store)->create_account("maya", kNow).value();
        id = (*store)
                 ->add_invitation(invitation_to(account, "maya-patel"),
                                  {Event{EventKind::sent, utc(2026, 11, 2), "cli"}}, kNow)
                 .value();
    }
    auto store = open_sqlite(db.str());
    ASSERT_TRUE(store) << store.error().message;
    auto accounts = (*store)->accounts();
    ASSERT_EQ(accounts.size(), 1u);
    auto inv = (*store)->invitation(accounts[0].id, id);
    ASSERT_TRUE(inv);
    EXPECT_EQ(inv->person.key, "in:maya-patel");
}

TEST(SqliteStoreFile, NewFileRecordsTheSchemaVersion)
{
    TempPath db("version");
    ASSERT_TRUE(open_sqlite(db.str()));
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.str().c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT max(version) FROM schema_version", -1, &s, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(s, 0), schema_version());
    sqlite3_finalize(s);
    sqlite3_close(raw);
    EXPECT_GE(schema_version(), 1);
}

TEST(SqliteStoreFile, DatabaseFromANewerVersionIsRefusedAndLeftUnchanged)
{
    TempPath db("newer");
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
        ASSERT_TRUE((*store)->create_account("maya", kNow));
    }
    raw_exec(db.str(), "UPDATE schema_version SET version = 999");
    const std::string before = read_bytes(db.path());
    ASSERT_FALSE(before.empty());

    auto store = open_sqlite(db.str());
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(store.error().code, "schema_too_new");
    EXPECT_NE(store.error().message.find("999"), std::string::npos) << store.error().message;
    EXPECT_EQ(read_bytes(db.path()), before);
}

TEST(SqliteStoreFile, FileThatIsNotADatabaseIsRefusedAndLeftUnchanged)
{
    TempPath db("notdb");
    const std::string text = "From,To,Sent At,Message,Direction\n" + std::string(4096, 'x') + "\n";
    {
        std::ofstream out(db.path(), std::ios::binary);
        out << text;
    }
    auto store = open_sqlite(db.str());
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().kind, core::ErrorKind::bad_input);
    EXPECT_NE(store.error().message.find(db.str()), std::string::npos) << store.error().message;
    EXPECT_EQ(read_bytes(db.path()), text);
}

// `serve` keeps a store open while a CLI import writes through another one.
class SqliteStoreTwoConnections : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto first = open_sqlite(m_db.str());
        ASSERT_TRUE(first) << first.error().message;
        m_first = std::move(*first);
        m_account = m_first->create_account("maya", kNow).value();
        m_invitation =
            m_first
                ->add_invitation(invitation_to(m_account, "a"), {Event{EventKind::sent, utc(2026, 11, 1), "cli"}}, kNow)
                .value();
        auto second = open_sqlite(m_db.str());
        ASSERT_TRUE(second) << second.error().message;
        m_second = std::move(*second);
    }

    void second_adds_an_invitation()
    {
        ASSERT_TRUE(m_second->add_invitation(invitation_to(m_account, "b"),
                                             {Event{EventKind::sent, utc(2026, 11, 2), "cli"}}, kNow));
    }

    TempPath m_db{"two_connections"};
    std::unique_ptr<Store> m_first;
    std::unique_ptr<Store> m_second;
    AccountId m_account;
    InvitationId m_invitation;
};

TEST_F(SqliteStoreTwoConnections, WriteOfOneIsSeenByTheOther)
{
    second_adds_an_invitation();
    EXPECT_EQ(m_first->invitations(m_account, {}).size(), 2u);
}

TEST_F(SqliteStoreTwoConnections, WriteIsSeenAfterACount)
{
    EXPECT_EQ(m_first->count_invitations(m_account, {}), 1);
    second_adds_an_invitation();
    EXPECT_EQ(m_first->invitations(m_account, {}).size(), 2u);
}

TEST_F(SqliteStoreTwoConnections, TheChangeTokenMovesWithEveryCommitAndOnlyThen)
{
    const auto start = m_first->change_token();
    EXPECT_EQ(m_first->change_token(), start) << "reading changes nothing";
    (void)m_first->invitations(m_account, {});
    EXPECT_EQ(m_first->change_token(), start);

    second_adds_an_invitation();  // another connection's commit
    const auto after_theirs = m_first->change_token();
    EXPECT_NE(after_theirs, start);

    // Its own commit, in a transaction and bare.
    ASSERT_TRUE(m_first->record_event(m_account, m_invitation, Event{EventKind::withdrawn, utc(2026, 11, 20), "cli"},
                                      kNow));
    const auto after_ours = m_first->change_token();
    EXPECT_NE(after_ours, after_theirs);
    m_first->set_account_setting(m_account, "pending.target", "900");
    EXPECT_NE(m_first->change_token(), after_ours);

    // A transaction refused whole commits nothing.
    const auto before_refusal = m_first->change_token();
    auto refused = m_first->transaction([&]() -> core::Result<void> {
        m_first->set_account_setting(m_account, "pending.target", "800");
        return core::fail(core::ErrorKind::conflict, "already_pending", "refused");
    });
    EXPECT_FALSE(refused);
    EXPECT_EQ(m_first->change_token(), before_refusal);
}

TEST_F(SqliteStoreTwoConnections, TransactionWorksAfterTheOtherWrote)
{
    ASSERT_TRUE(m_first->invitation(m_account, m_invitation));
    second_adds_an_invitation();
    auto r = m_first->transaction([&]() -> core::Result<void> {
        return m_first->record_event(m_account, m_invitation, Event{EventKind::withdrawn, utc(2026, 11, 20), "cli"},
                                     kNow);
    });
    EXPECT_TRUE(r) << r.error().message;
}

TEST(SqliteStoreFile, Version1DatabaseIsMigratedWithItsLedgerWhole)
{
    TempPath db("v1");
    std::ifstream in(std::filesystem::path(IK_STORE_FIXTURES) / "schema_v1.sql");
    raw_exec(db.str(), std::string(std::istreambuf_iterator<char>(in), {}));

    auto store = open_sqlite(db.str());
    ASSERT_TRUE(store) << store.error().message;
    auto& s = **store;
    const AccountId maya = s.accounts().at(0).id;
    auto lia = s.invitation(maya, InvitationId{1});
    ASSERT_TRUE(lia);
    EXPECT_EQ(lia->status, Status::accepted);
    EXPECT_EQ(lia->message, "Hi Lia");
    EXPECT_TRUE(s.invitation(maya, InvitationId{2})->keep);
    EXPECT_EQ(s.count_invitations(maya, with_status(Status::pending)), 1);
    EXPECT_EQ(s.count_invitations(maya, with_status(Status::accepted)), 1);
    EXPECT_EQ(s.count_invitations(maya, with_direction(Direction::incoming)), 1);

    auto log = s.events(maya, InvitationId{1});
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].event.kind, EventKind::sent);
    EXPECT_EQ(log[0].event.source, "import:Invitations.csv");
    EXPECT_EQ(log[0].recorded_at, Instant{1795000100s});
    EXPECT_EQ(log[1].event.kind, EventKind::accepted);
    EXPECT_EQ(s.events(maya, std::nullopt).size(), 5u);
    EXPECT_EQ(s.last_event_at(maya, EventKind::sent), Instant{1794500000s});

    // The identity rule still holds after the table was rebuilt.
    auto again = s.add_invitation(lia.value(), {Event{EventKind::sent, lia->sent_at, "cli"}}, kNow);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "duplicate_invitation");
}


// ---- bulk loads: a first import of a long history ----

// A batch large enough to be a bulk load: `count` outgoing invitations a minute
// apart, the odd ones accepted the day after (an event of their own).
std::vector<ingest::NewInvitation> long_history(AccountId account, int count)
{
    std::vector<ingest::NewInvitation> batch;
    for (int i = 0; i < count; ++i) {
        const Instant sent = utc(2025, 1, 1) + std::chrono::minutes{i};
        ingest::NewInvitation n{invitation_to(account, "p-" + std::to_string(i)), {Event{EventKind::sent, sent, "import:x"}}};
        if (i % 2) n.events.push_back(Event{EventKind::accepted, sent + 24h, "import:x"});
        batch.push_back(std::move(n));
    }
    return batch;
}

// The schema's indexes (name and definition), in a fixed order.
std::string index_list(const std::string& path)
{
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                      "ORDER BY name",
                                 -1, &s, nullptr),
              SQLITE_OK);
    std::string out;
    while (sqlite3_step(s) == SQLITE_ROW)
        out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) + ": " +
               reinterpret_cast<const char*>(sqlite3_column_text(s, 1)) + "\n";
    sqlite3_finalize(s);
    sqlite3_close(raw);
    return out;
}

TEST(SqliteStoreBulk, FirstLoadStoresEveryRowAndKeepsEveryIndex)
{
    TempPath db("bulk_first");
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
    }
    const std::string indexes = index_list(db.str());
    auto store = open_sqlite(db.str());
    ASSERT_TRUE(store) << store.error().message;
    AccountId account = (*store)->create_account("maya", kNow).value();
    auto batch = long_history(account, 12'000);
    std::reverse(batch.begin(), batch.end());  // newest first, as LinkedIn writes the file
    auto ids = (*store)->add_invitations(batch, kNow);
    ASSERT_TRUE(ids) << ids.error().message;
    ASSERT_EQ(ids->size(), 12'000u);
    // Ids follow time: the oldest (last in the batch) is 1.
    EXPECT_EQ(ids->back().value, 1);
    EXPECT_EQ(ids->front().value, 12'000);

    EXPECT_EQ((*store)->count_invitations(account, {}), 12'000);
    InvitationQuery accepted;
    accepted.status = Status::accepted;
    EXPECT_EQ((*store)->count_invitations(account, accepted), 6'000);
    InvitationQuery one;
    one.person_key = "in:p-11999";
    auto found = (*store)->invitations(account, one);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].status, Status::accepted);
    EXPECT_EQ(found[0].sent_at, utc(2025, 1, 1) + std::chrono::minutes{11'999});
    EXPECT_EQ((*store)->events(account, found[0].id).size(), 2u);
    store->reset();
    EXPECT_EQ(index_list(db.str()), indexes);
}

TEST(SqliteStoreBulk, FirstLoadRepeatingAnInvitationIsRefusedAndWritesNothing)
{
    TempPath db("bulk_repeat");
    AccountId account;
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
        account = (*store)->create_account("maya", kNow).value();
    }
    const std::string before = read_bytes(db.path());
    auto batch = long_history(account, 12'000);
    // Row 7,000 repeats row 300 (same person and Sent At); row 9,000 repeats row 8,000.
    batch[7'000].invitation.person = batch[300].invitation.person;
    batch[7'000].invitation.person.name = "Ann Bo";
    batch[7'000].events = {Event{EventKind::sent, batch[300].events.front().at, "import:x"}};
    batch[9'000].invitation.person = batch[8'000].invitation.person;
    batch[9'000].events = {Event{EventKind::sent, batch[8'000].events.front().at, "import:x"}};
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
        auto r = (*store)->transaction([&]() -> core::Result<void> {  // as an import runs it
            auto added = (*store)->add_invitations(batch, kNow);
            if (!added) return std::unexpected(added.error());
            return {};
        });
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, "duplicate_invitation");
        EXPECT_EQ(r.error().message, "invitation to Ann Bo sent 2025-01-01T05:00:00Z is given twice");
        EXPECT_EQ((*store)->count_invitations(account, {}), 0);
    }
    EXPECT_EQ(read_bytes(db.path()), before);
}

TEST(SqliteStoreBulk, ALoadIntoANonEmptyLedgerStillRefusesWhatItHolds)
{
    TempPath db("bulk_second");
    auto store = open_sqlite(db.str());
    ASSERT_TRUE(store) << store.error().message;
    AccountId account = (*store)->create_account("maya", kNow).value();
    auto batch = long_history(account, 12'000);
    ASSERT_TRUE((*store)->add_invitations({batch[5]}, kNow));
    auto r = (*store)->add_invitations(batch, kNow);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("already in the ledger"), std::string::npos) << r.error().message;
    EXPECT_EQ((*store)->count_invitations(account, {}), 1);
    batch.erase(batch.begin() + 5);
    ASSERT_TRUE((*store)->add_invitations(batch, kNow));
    EXPECT_EQ((*store)->count_invitations(account, {}), 12'000);
}

std::string journal_mode(const std::string& path)
{
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
    std::string mode = sqlite3_step(s) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
    sqlite3_finalize(s);
    sqlite3_close(raw);
    return mode;
}

TEST(SqliteStoreBulk, LoadTransactionCommitsAndLeavesTheDatabaseInWalMode)
{
    TempPath db("load_commit");
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
        AccountId account = (*store)->create_account("maya", kNow).value();
        auto r = (*store)->transaction({.expected_invitations = 12'000}, [&]() -> core::Result<void> {
            auto added = (*store)->add_invitations(long_history(account, 12'000), kNow);
            if (!added) return std::unexpected(added.error());
            EXPECT_TRUE(std::filesystem::exists(db.str() + "-journal"));  // written through a rollback journal
            return {};
        });
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ((*store)->count_invitations(account, {}), 12'000);
    }
    EXPECT_FALSE(std::filesystem::exists(db.str() + "-journal"));
    EXPECT_EQ(journal_mode(db.str()), "wal");
    auto store = open_sqlite(db.str());
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ((*store)->count_invitations((*store)->accounts().front().id, {}), 12'000);
}

TEST(SqliteStoreBulk, LoadTransactionThatFailsAfterWritingLeavesTheContentAsItWas)
{
    TempPath db("load_rollback");
    AccountId account;
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
        account = (*store)->create_account("maya", kNow).value();
    }
    auto dump = [&] {
        auto store = open_sqlite(db.str());
        std::string out;
        for (const auto& a : (*store)->accounts()) out += a.name + "\n";
        out += std::to_string((*store)->count_invitations(account, {})) + " " +
               std::to_string((*store)->events(account, std::nullopt).size());
        return out;
    };
    const std::string before_dump = dump();
    const auto before_size = std::filesystem::file_size(db.path());
    {
        auto store = open_sqlite(db.str());
        ASSERT_TRUE(store) << store.error().message;
        auto r = (*store)->transaction({.expected_invitations = 12'000}, [&]() -> core::Result<void> {
            auto added = (*store)->add_invitations(long_history(account, 12'000), kNow);
            if (!added) return std::unexpected(added.error());
            return core::fail(core::ErrorKind::internal, "test", "fails after every row was written");
        });
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, "test");
        EXPECT_EQ((*store)->count_invitations(account, {}), 0);
    }
    EXPECT_EQ(std::filesystem::file_size(db.path()), before_size);
    EXPECT_EQ(journal_mode(db.str()), "wal");
    EXPECT_EQ(dump(), before_dump);
}

TEST(SqliteStoreBulk, LoadTransactionWithAnotherConnectionOpenStaysInWalWithoutWaiting)
{
    TempPath db("load_shared");
    auto serving = open_sqlite(db.str());  // as `serve` keeps one open
    ASSERT_TRUE(serving) << serving.error().message;
    AccountId account = (*serving)->create_account("maya", kNow).value();
    (void)(*serving)->accounts();
    auto store = open_sqlite(db.str());
    ASSERT_TRUE(store) << store.error().message;
    const auto start = std::chrono::steady_clock::now();
    auto r = (*store)->transaction({.expected_invitations = 12'000}, [&]() -> core::Result<void> {
        auto added = (*store)->add_invitations(long_history(account, 12'000), kNow);
        if (!added) return std::unexpected(added.error());
        EXPECT_FALSE(std::filesystem::exists(db.str() + "-journal"));
        return {};
    });
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);  // the busy timeout is 5 s
    EXPECT_EQ((*serving)->count_invitations(account, {}), 12'000);
    EXPECT_EQ(journal_mode(db.str()), "wal");
}


}  // namespace
}  // namespace ik::store
