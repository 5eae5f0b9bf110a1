// What only the PostgreSQL store has: a server to reach, a schema shared by several
// processes, writers from several connections at once, a connection that can be
// lost. Its behaviour through the interface is the contract suite's.
#include "pg_support.h"
#include "store/copy.h"
#include "store/open.h"
#include "store/store.h"
#include "support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

namespace ik::store {
namespace {

using namespace std::chrono_literals;
using namespace test;

class PostgresStore : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!postgres_uri()) GTEST_SKIP() << "IK_TEST_POSTGRES_STATE is unset: ctest starts the test server";
        m_uri = fresh_postgres_ledger();
    }
    std::unique_ptr<Store> open() const
    {
        auto s = open_store(m_uri, Open::existing);
        EXPECT_TRUE(s) << s.error().message;
        return s ? std::move(*s) : nullptr;
    }
    // A store whose connection the server can find by `name` (to cut it off), with
    // an account "maya".
    std::pair<std::unique_ptr<Store>, core::AccountId> open_named(const std::string& name)
    {
        m_uri += "&application_name=" + name;
        auto s = open();
        if (!s) return {nullptr, core::AccountId{}};
        auto account = s->create_account("maya", kNow);
        EXPECT_TRUE(account);
        return {std::move(s), account ? *account : core::AccountId{}};
    }
    void cut_off(const std::string& name)
    {
        postgres_admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + name + "'");
    }
    // The schema's name, from the URI's search_path.
    std::string schema() const { return m_uri.substr(m_uri.rfind("%3D") + 3); }
    std::string m_uri;
};

TEST_F(PostgresStore, ANewerSchemaIsRefusedAndLeftUnchanged)
{
    ASSERT_TRUE(open());
    postgres_admin("UPDATE " + schema() + ".schema_version SET version = 99");
    auto again = open_store(m_uri, Open::existing);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "schema_too_new");
    EXPECT_NE(again.error().message.find("schema version 99"), std::string::npos) << again.error().message;
    EXPECT_NE(again.error().message.find("left unchanged"), std::string::npos) << again.error().message;
}

TEST_F(PostgresStore, AnotherProgramsTablesAreLeftAlone)
{
    postgres_admin("CREATE TABLE " + schema() + ".orders (id int)");
    auto s = open_store(m_uri, Open::or_create);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, "not_a_ledger");
    EXPECT_NE(s.error().message.find("tables orders"), std::string::npos) << s.error().message;
}

TEST_F(PostgresStore, AServerThatCannotBeUsedIsOneLineWithoutThePassword)
{
    auto refused = open_store("postgresql://robin:s3cret-pw@127.0.0.1:1/ledger", Open::existing);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, core::ErrorKind::storage);
    EXPECT_EQ(refused.error().code, "unreachable");
    EXPECT_TRUE(refused.error().message.starts_with("postgresql://robin@127.0.0.1:1/ledger: cannot reach"))
        << refused.error().message;

    const std::string base = *postgres_uri();
    auto missing = open_store("postgresql://robin:s3cret-pw@/no_such_db" + base.substr(base.find('?')), Open::existing);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "no_database") << missing.error().message;
    EXPECT_NE(missing.error().message.find("createdb no_such_db"), std::string::npos) << missing.error().message;

    auto malformed = open_store("postgresql://robin:s3cret-pw@[::1/ledger", Open::existing);
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error().kind, core::ErrorKind::usage);
    EXPECT_EQ(malformed.error().code, "bad_db");
    for (const auto& e : {refused.error(), missing.error(), malformed.error()})
        EXPECT_EQ(e.message.find("s3cret"), std::string::npos) << e.message;
}

// Over TCP the test server asks for a password: a wrong one is refused in one line
// that names the user, host and database and not the password; a user without the
// right to make tables is told so; the right user and password open the ledger.
TEST_F(PostgresStore, AWrongPasswordOrAUserWithoutRightsIsOneClearLine)
{
    const std::string user = "robin_" + std::to_string(::getpid());
    postgres_admin("CREATE ROLE " + user + " LOGIN PASSWORD 'right-pw-1'");
    postgres_admin("CREATE DATABASE " + user + "_db OWNER " + user);
    const std::string host = "@127.0.0.1:" + postgres_port() + "/";

    auto wrong = open_store("postgresql://" + user + ":wrong-pw-2" + host + user + "_db", Open::existing);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, "auth_failed") << wrong.error().message;
    EXPECT_TRUE(wrong.error().message.starts_with("postgresql://" + user + host + user + "_db: ")) << wrong.error().message;

    auto no_rights = open_store("postgresql://" + user + ":right-pw-1" + host + "postgres", Open::existing);
    ASSERT_FALSE(no_rights);
    EXPECT_EQ(no_rights.error().code, "permission_denied") << no_rights.error().message;

    auto right = open_store("postgresql://" + user + ":right-pw-1" + host + user + "_db", Open::or_create);
    ASSERT_TRUE(right) << right.error().message;
    EXPECT_TRUE((*right)->create_account("maya", kNow));
    for (const auto& e : {wrong.error(), no_rights.error()}) {
        EXPECT_EQ(e.message.find("wrong-pw"), std::string::npos) << e.message;
        EXPECT_EQ(e.message.find("right-pw"), std::string::npos) << e.message;
        EXPECT_EQ(e.message.find('\n'), std::string::npos) << e.message;
    }
}

// Two servers mark the same invitation at once: the second waits for the first's
// transaction, then finds it withdrawn and is refused; one event, exact counts.
TEST_F(PostgresStore, TwoWritersMarkingOneInvitationOneWinsAndNothingIsLost)
{
    auto a = open();
    auto b = open();
    ASSERT_TRUE(a && b);
    auto account = a->create_account("maya", kNow);
    ASSERT_TRUE(account);
    auto id = a->add_invitation(invitation_to(*account, "ann"), {Event{EventKind::sent, utc(2026, 11, 1), "cli"}}, kNow);
    ASSERT_TRUE(id);
    const Event withdrawn{EventKind::withdrawn, utc(2026, 11, 20), "cli"};

    std::atomic<bool> marked{false};
    core::Result<void> second;
    std::thread other;
    auto first = a->transaction([&]() -> core::Result<void> {
        if (auto r = a->record_event(*account, *id, withdrawn, kNow); !r) return r;
        marked = true;
        other = std::thread([&] { second = b->record_event(*account, *id, withdrawn, kNow); });
        std::this_thread::sleep_for(300ms);  // b now waits for this transaction's lock
        return {};
    });
    other.join();
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().kind, core::ErrorKind::conflict) << second.error().message;
    EXPECT_EQ(b->events(*account, *id).size(), 2u);  // sent, withdrawn
    EXPECT_EQ(b->count_invitations(*account, with_status(Status::withdrawn)), 1);
    EXPECT_EQ(b->count_invitations(*account, with_status(Status::pending)), 0);
}

TEST_F(PostgresStore, TheChangeTokenMovesWithAnyConnectionsCommitOnly)
{
    auto a = open();
    auto b = open();
    ASSERT_TRUE(a && b);
    auto account = a->create_account("maya", kNow);
    ASSERT_TRUE(account);
    const auto before = a->change_token();
    (void)b->accounts();
    (void)b->invitations(*account, {});
    EXPECT_EQ(a->change_token(), before) << "a read moved it";
    b->set_account_setting(*account, "weekly.limit", "80");
    const auto after = a->change_token();
    EXPECT_NE(after, before) << "another connection's commit did not move it";
    auto rolled_back = b->transaction([&]() -> core::Result<void> {
        b->set_account_setting(*account, "weekly.limit", "60");
        return core::fail(core::ErrorKind::conflict, "no", "taken back");
    });
    ASSERT_FALSE(rolled_back);
    EXPECT_EQ(a->change_token(), after) << "a rolled-back write moved it";
    EXPECT_EQ(a->account_settings(*account).at("weekly.limit"), "80");
}

// The connection drops midway through a write: the server rolls it back, the
// writer gets one clear error, and another connection finds nothing of it.
TEST_F(PostgresStore, ALostConnectionRollsTheWriteBack)
{
    const std::string name = "lost_" + std::to_string(::getpid());
    auto [a, account] = open_named(name);
    ASSERT_TRUE(a);
    auto written = a->transaction([&]() -> core::Result<void> {
        for (const char* slug : {"ann", "bo"}) {
            auto id = a->add_invitation(invitation_to(account, slug), {Event{EventKind::sent, utc(2026, 11, 1), "cli"}},
                                        kNow);
            if (!id) return std::unexpected(id.error());
            if (std::string_view(slug) == "ann") cut_off(name);
        }
        return {};
    });
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().kind, core::ErrorKind::storage);
    EXPECT_EQ(written.error().code, "connection_lost") << written.error().message;
    auto b = open();
    ASSERT_TRUE(b);
    EXPECT_TRUE(b->invitations(account, {}).empty());
}

// A connection lost at COMMIT leaves the client unable to know whether the server
// committed: the error says so instead of "nothing was written".
TEST_F(PostgresStore, AConnectionLostAtCommitSaysTheOutcomeIsUnknown)
{
    const std::string name = "commit_" + std::to_string(::getpid());
    auto [a, account] = open_named(name);
    ASSERT_TRUE(a);
    auto written = a->transaction([&]() -> core::Result<void> {
        auto id = a->add_invitation(invitation_to(account, "ann"), {Event{EventKind::sent, utc(2026, 11, 1), "cli"}}, kNow);
        if (!id) return std::unexpected(id.error());
        cut_off(name);
        return {};  // the next statement is the COMMIT
    });
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().kind, core::ErrorKind::storage);
    EXPECT_EQ(written.error().code, "commit_unknown") << written.error().message;
    EXPECT_NE(written.error().message.find("may or may not have been written"), std::string::npos);
    EXPECT_EQ(written.error().message.find("nothing was written"), std::string::npos);
}

// A first import's batch goes in by COPY; one invitation already in the ledger
// refuses it whole, named.
TEST_F(PostgresStore, ABulkBatchRepeatingALedgerInvitationIsRefusedWhole)
{
    auto s = open();
    ASSERT_TRUE(s);
    auto account = s->create_account("maya", kNow);
    ASSERT_TRUE(account);
    ASSERT_TRUE(s->add_invitation(invitation_to(*account, "p-777"), {Event{EventKind::sent, utc(2025, 1, 1), "cli"}},
                                  kNow));
    std::vector<ingest::NewInvitation> batch;
    for (int i = 0; i < 20000; ++i) {
        auto inv = invitation_to(*account, "p-" + std::to_string(i));
        batch.push_back(ingest::NewInvitation{inv, {Event{EventKind::sent, i == 777 ? utc(2025, 1, 1) : utc(2024, 1, 1) + std::chrono::minutes{i}, "import:Invitations.csv"}}});
    }
    auto added = s->add_invitations(batch, kNow);
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().code, "duplicate_invitation");
    EXPECT_NE(added.error().message.find("p-777"), std::string::npos) << added.error().message;
    EXPECT_NE(added.error().message.find("already in the ledger"), std::string::npos) << added.error().message;
    EXPECT_EQ(s->count_invitations(*account, with_direction(Direction::outgoing)), 1);
    batch.erase(batch.begin() + 777);
    auto ids = s->add_invitations(batch, kNow);
    ASSERT_TRUE(ids) << ids.error().message;
    EXPECT_EQ(s->count_invitations(*account, with_direction(Direction::outgoing)), 20000);
    EXPECT_EQ(s->invitations(*account, first(1)).front().person.name, "p-0");
    // The load made its indexes again: a repeat is still refused.
    auto again = s->add_invitation(batch[5].invitation, batch[5].events, kNow);
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("p-5 sent"), std::string::npos) << again.error().message;
}

// A first import of a long history loads invitations, their events and the
// connections bare, then makes every index and check again and gathers statistics.
TEST_F(PostgresStore, AFirstLoadEndsWithEveryIndexCheckAndStatistic)
{
    auto s = open();
    ASSERT_TRUE(s);
    auto account = s->create_account("maya", kNow);
    ASSERT_TRUE(account);
    auto shape = [&](const std::string& table) {
        return postgres_admin("SELECT count(*) FROM pg_index WHERE indrelid = '" + schema() + "." + table +
                              "'::regclass") +
               "/" +
               postgres_admin("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = '" + schema() +
                              "." + table + "'::regclass");
    };
    const std::map<std::string, std::string> before{
        {"invitations", shape("invitations")}, {"events", shape("events")}, {"connections", shape("connections")}};
    std::vector<ingest::NewInvitation> batch;
    std::vector<ingest::ConnectionRecord> connections;
    for (int i = 0; i < 24000; ++i) {
        const std::string slug = "p-" + std::to_string(i);
        const Instant sent = utc(2024, 1, 1) + std::chrono::minutes{i};
        std::vector<Event> events{Event{EventKind::sent, sent, "import:Invitations.csv"}};
        if (i % 2 == 0) {
            events.push_back(Event{EventKind::accepted, sent + std::chrono::hours{30}, "import:Connections.csv"});
            connections.push_back(ingest::ConnectionRecord{"in:" + slug, slug, "X", "https://www.linkedin.com/in/" + slug,
                                                           "", "", "", core::Days{std::chrono::floor<std::chrono::days>(sent + std::chrono::hours{30})}});
        }
        batch.push_back(ingest::NewInvitation{invitation_to(*account, slug), std::move(events)});
    }
    auto loaded = s->transaction([&]() -> core::Result<void> {
        s->upsert_connections(*account, connections);
        auto ids = s->add_invitations(batch, kNow);
        if (!ids) return std::unexpected(ids.error());
        return {};
    });
    ASSERT_TRUE(loaded) << loaded.error().message;
    for (const auto& [table, was] : before) EXPECT_EQ(shape(table), was) << table;
    EXPECT_EQ(before.at("events"), "4/2");
    EXPECT_EQ(postgres_admin("SELECT count(*) > 0 FROM pg_stats WHERE schemaname = '" + schema() +
                             "' AND tablename = 'events'"),
              "t");
    EXPECT_EQ(s->count_invitations(*account, with_status(Status::accepted)), 12000);
    EXPECT_EQ(s->ledger(*account).connections.size(), 12000u);
    EXPECT_EQ(s->events(*account, std::nullopt).size(), 36000u);
}

// A member's long ledger moved into a new team database loads bare too (25 s -> 3 s
// for a million invitations' COPY), and ends with every index and check in place.
TEST_F(PostgresStore, AMovedLedgerLoadsBareAndEndsWithEveryIndexAndCheck)
{
    auto source = open_store(":memory:", Open::or_create);
    ASSERT_TRUE(source);
    auto member = (*source)->create_account("maya", kNow);
    ASSERT_TRUE(member);
    std::vector<ingest::NewInvitation> batch;
    for (int i = 0; i < 12000; ++i) {
        const Instant sent = utc(2024, 1, 1) + std::chrono::minutes{i};
        batch.push_back(ingest::NewInvitation{invitation_to(*member, "p-" + std::to_string(i)),
                                              {Event{EventKind::sent, sent, "import:Invitations.csv"},
                                               Event{EventKind::accepted, sent + std::chrono::hours{5}, "import:Connections.csv"}}});
    }
    ASSERT_TRUE((*source)->add_invitations(batch, kNow));

    auto s = open();
    ASSERT_TRUE(s);
    auto shape = [&](const std::string& table) {
        return postgres_admin("SELECT string_agg(pg_get_indexdef(indexrelid), '; ' ORDER BY pg_get_indexdef(indexrelid)) FROM pg_index WHERE "
                              "indrelid = '" + schema() + "." + table + "'::regclass") +
               " | " +
               postgres_admin("SELECT string_agg(pg_get_constraintdef(oid), '; ' ORDER BY pg_get_constraintdef(oid)) FROM pg_constraint "
                              "WHERE contype = 'f' AND conrelid = '" + schema() + "." + table + "'::regclass");
    };
    const std::map<std::string, std::string> before{{"invitations", shape("invitations")}, {"events", shape("events")}};
    auto moved = copy_ledger(**source, *s);
    ASSERT_TRUE(moved) << moved.error().message;
    for (const auto& [table, was] : before) EXPECT_EQ(shape(table), was) << table;
    EXPECT_EQ(postgres_admin("SELECT count(*) > 0 FROM pg_stats WHERE schemaname = '" + schema() +
                             "' AND tablename = 'invitations'"),
              "t")
        << "a bare load gathers the statistics the planner needs";
    const auto account = moved->accounts.at(0).to_id;
    EXPECT_EQ(s->count_invitations(account, with_status(Status::accepted)), 12000);
    EXPECT_EQ(s->events(account, std::nullopt).size(), 24000u);
    // The identity index is back: the same invitation again is refused.
    auto again = s->add_invitation(invitation_to(account, "p-5"), batch[5].events, kNow);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "duplicate_invitation");
}

}  // namespace
}  // namespace ik::store
