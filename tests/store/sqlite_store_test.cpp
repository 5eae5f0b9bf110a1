// The SQLite store: accounts, the event log and its projection, queries, one
// transaction per import, and refusing a database from a newer invitekeeper.
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace ik::store {
namespace {

using namespace std::chrono_literals;
using core::AccountId;
using core::Direction;
using core::Event;
using core::EventKind;
using core::Instant;
using core::ImportId;
using core::InvitationId;
using core::Status;
using sqlite::open_sqlite;
using sqlite::schema_version;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi}};
}

core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const Instant kNow = utc(2026, 11, 26, 9);

core::Invitation invitation_to(AccountId account, const std::string& slug, Direction direction = Direction::outgoing)
{
    core::Invitation inv;
    inv.account = account;
    inv.direction = direction;
    inv.person = core::Person{"in:" + slug, slug, "https://www.linkedin.com/in/" + slug};
    inv.message = "Hi " + slug;
    return inv;
}

std::string read_bytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A fresh path in the temp folder, removed (with SQLite's side files) afterwards.
class TempPath {
public:
    explicit TempPath(const std::string& name)
        : m_path(std::filesystem::temp_directory_path() /
                 ("ik_store_test_" + std::to_string(::getpid()) + "_" + name + ".db"))
    {
        remove();
    }
    ~TempPath() { remove(); }
    const std::filesystem::path& path() const { return m_path; }
    std::string str() const { return m_path.string(); }

private:
    void remove()
    {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(m_path.string() + suffix, ec);
    }
    std::filesystem::path m_path;
};

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

class SqliteStore : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto s = open_sqlite(":memory:");
        ASSERT_TRUE(s) << s.error().message;
        m_store = std::move(*s);
        auto a = m_store->create_account("maya", kNow);
        ASSERT_TRUE(a) << a.error().message;
        m_account = *a;
    }

    Store& store() { return *m_store; }

    // Adds an invitation sent at `sent`, then `more` events; its id.
    InvitationId add(const std::string& slug, Instant sent, std::vector<Event> more = {},
                     Direction direction = Direction::outgoing)
    {
        std::vector<Event> events{Event{EventKind::sent, sent, "import:Invitations.csv"}};
        events.insert(events.end(), more.begin(), more.end());
        auto id = store().add_invitation(invitation_to(m_account, slug, direction), events, kNow);
        EXPECT_TRUE(id) << id.error().message;
        return id.value_or(InvitationId{});
    }

    std::vector<std::string> slugs(const InvitationQuery& q)
    {
        std::vector<std::string> out;
        for (const auto& inv : store().invitations(m_account, q)) out.push_back(inv.person.name);
        return out;
    }

    std::unique_ptr<Store> m_store;
    AccountId m_account;
};

using Names = std::vector<std::string>;

InvitationQuery with_status(Status status)
{
    InvitationQuery q;
    q.status = status;
    return q;
}

InvitationQuery with_direction(std::optional<Direction> direction)
{
    InvitationQuery q;
    q.direction = direction;
    return q;
}

InvitationQuery sent_between(std::optional<Instant> from, std::optional<Instant> before)
{
    InvitationQuery q;
    q.sent_from = from;
    q.sent_before = before;
    return q;
}

InvitationQuery first(long limit, bool newest_first = false)
{
    InvitationQuery q;
    q.limit = limit;
    q.newest_first = newest_first;
    return q;
}

// ---- schema and accounts ----

TEST_F(SqliteStore, NewDatabaseHasOnlyTheAccountJustCreated)
{
    auto accounts = store().accounts();
    ASSERT_EQ(accounts.size(), 1u);
    EXPECT_EQ(accounts[0].name, "maya");
    EXPECT_EQ(accounts[0].created_at, kNow);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    EXPECT_TRUE(store().events(m_account, std::nullopt).empty());
}

TEST_F(SqliteStore, CreateAccountTwiceIsAConflict)
{
    auto again = store().create_account("maya", kNow + 1h);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(again.error().code, "account_exists");
    EXPECT_EQ(store().accounts().size(), 1u);
}

TEST_F(SqliteStore, AccountsAreListedInCreationOrder)
{
    ASSERT_TRUE(store().create_account("agency-client", kNow + 1h));
    auto accounts = store().accounts();
    ASSERT_EQ(accounts.size(), 2u);
    EXPECT_EQ(accounts[0].name, "maya");
    EXPECT_EQ(accounts[1].name, "agency-client");
    EXPECT_NE(accounts[0].id, accounts[1].id);
}

TEST_F(SqliteStore, AccountSettingsRoundTripAndOverwrite)
{
    store().set_account_setting(m_account, "pending.target", "900");
    store().set_account_setting(m_account, "account.tz", "Europe/Berlin");
    store().set_account_setting(m_account, "pending.target", "800");
    auto settings = store().account_settings(m_account);
    EXPECT_EQ(settings,
              (std::map<std::string, std::string>{{"account.tz", "Europe/Berlin"}, {"pending.target", "800"}}));
}

TEST_F(SqliteStore, AccountSettingsBelongToOneAccount)
{
    auto other = store().create_account("sam", kNow).value();
    store().set_account_setting(m_account, "pending.target", "900");
    EXPECT_TRUE(store().account_settings(other).empty());
}

// ---- invitations, events, projection ----

TEST_F(SqliteStore, AddInvitationStoresItsEventsAndProjection)
{
    const Instant sent = utc(2026, 11, 2, 14, 37);
    InvitationId id = add("maya-patel", sent, {Event{EventKind::accepted, utc(2026, 11, 4), "import:Connections.csv"}});
    auto inv = store().invitation(m_account, id);
    ASSERT_TRUE(inv);
    EXPECT_EQ(inv->id, id);
    EXPECT_EQ(inv->account, m_account);
    EXPECT_EQ(inv->direction, Direction::outgoing);
    EXPECT_EQ(inv->person.key, "in:maya-patel");
    EXPECT_EQ(inv->person.profile_url, "https://www.linkedin.com/in/maya-patel");
    EXPECT_EQ(inv->message, "Hi maya-patel");
    EXPECT_EQ(inv->sent_at, sent);
    EXPECT_EQ(inv->status, Status::accepted);
    EXPECT_EQ(inv->status_at, utc(2026, 11, 4));

    auto events = store().events(m_account, id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].event.kind, EventKind::sent);
    EXPECT_EQ(events[0].event.at, sent);
    EXPECT_EQ(events[0].event.source, "import:Invitations.csv");
    EXPECT_EQ(events[1].event.kind, EventKind::accepted);
    EXPECT_EQ(events[1].event.source, "import:Connections.csv");
    EXPECT_EQ(events[1].invitation, id);
    EXPECT_EQ(events[1].recorded_at, kNow);
}

TEST_F(SqliteStore, AddInvitationMustStartWithSent)
{
    auto id = store().add_invitation(invitation_to(m_account, "maya-patel"),
                                     {Event{EventKind::accepted, utc(2026, 11, 4), "cli"}}, kNow);
    EXPECT_FALSE(id);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
}

TEST_F(SqliteStore, AddInvitationWithImpossibleEventsStoresNothing)
{
    auto id = store().add_invitation(
        invitation_to(m_account, "maya-patel"),
        {Event{EventKind::sent, utc(2026, 11, 2), "cli"}, Event{EventKind::accepted, utc(2026, 11, 3), "cli"},
         Event{EventKind::withdrawn, utc(2026, 11, 4), "cli"}},
        kNow);
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    EXPECT_TRUE(store().events(m_account, std::nullopt).empty());
}

TEST_F(SqliteStore, RecordEventUpdatesProjectionAndAppendsToTheLog)
{
    InvitationId id = add("maya-patel", utc(2026, 11, 2));
    ASSERT_TRUE(store().record_event(m_account, id, Event{EventKind::withdrawn, utc(2026, 11, 12), "cli"}, kNow));
    auto inv = store().invitation(m_account, id);
    ASSERT_TRUE(inv);
    EXPECT_EQ(inv->status, Status::withdrawn);
    EXPECT_EQ(inv->status_at, utc(2026, 11, 12));
    auto events = store().events(m_account, id);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].event.kind, EventKind::withdrawn);
    EXPECT_EQ(events[1].event.source, "cli");
}

TEST_F(SqliteStore, RecordEventKeepAndAccidentalFlags)
{
    InvitationId id = add("maya-patel", utc(2026, 11, 2));
    ASSERT_TRUE(store().record_event(m_account, id, Event{EventKind::accidental, utc(2026, 11, 3), "cli"}, kNow));
    EXPECT_TRUE(store().invitation(m_account, id)->accidental);
    ASSERT_TRUE(store().record_event(m_account, id, Event{EventKind::keep, utc(2026, 11, 4), "cli"}, kNow));
    auto inv = store().invitation(m_account, id);
    EXPECT_TRUE(inv->keep);
    EXPECT_FALSE(inv->accidental);
    EXPECT_EQ(inv->status, Status::pending);
}

TEST_F(SqliteStore, RecordEventRefusesAnImpossibleEventAndChangesNothing)
{
    InvitationId id = add("maya-patel", utc(2026, 11, 2), {Event{EventKind::accepted, utc(2026, 11, 3), "import:x"}});
    auto r = store().record_event(m_account, id, Event{EventKind::withdrawn, utc(2026, 11, 12), "cli"}, kNow);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::conflict);
    auto inv = store().invitation(m_account, id);
    EXPECT_EQ(inv->status, Status::accepted);
    EXPECT_EQ(inv->status_at, utc(2026, 11, 3));
    EXPECT_EQ(store().events(m_account, id).size(), 2u);
}

TEST_F(SqliteStore, RecordEventForAnUnknownInvitationIsRefused)
{
    InvitationId id = add("maya-patel", utc(2026, 11, 2));
    EXPECT_FALSE(store().record_event(m_account, InvitationId{id.value + 100},
                                      Event{EventKind::withdrawn, utc(2026, 11, 12), "cli"}, kNow));
    auto other = store().create_account("sam", kNow).value();
    EXPECT_FALSE(store().record_event(other, id, Event{EventKind::withdrawn, utc(2026, 11, 12), "cli"}, kNow));
    EXPECT_EQ(store().invitation(m_account, id)->status, Status::pending);
    EXPECT_FALSE(store().invitation(other, id));
}

TEST_F(SqliteStore, SameInvitationTwiceIsAConflictNotACrash)
{
    add("maya-patel", utc(2026, 11, 2));
    core::Result<InvitationId> again = InvitationId{};
    EXPECT_NO_THROW(again = store().add_invitation(invitation_to(m_account, "maya-patel"),
                                                   {Event{EventKind::sent, utc(2026, 11, 2), "cli"}}, kNow));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(store().count_invitations(m_account, {}), 1);
}

TEST_F(SqliteStore, ABatchRepeatingAnInvitationStoresNoneOfIt)
{
    auto sent = [](const char* slug, Instant at) {
        return ingest::NewInvitation{invitation_to(AccountId{}, slug), {Event{EventKind::sent, at, "import:x"}}};
    };
    std::vector<ingest::NewInvitation> batch{sent("a", utc(2026, 11, 1)), sent("b", utc(2026, 11, 2)),
                                             sent("a", utc(2026, 11, 1))};
    for (auto& n : batch) n.invitation.account = m_account;
    auto alone = store().add_invitations(batch, kNow);  // outside a transaction
    ASSERT_FALSE(alone);
    EXPECT_EQ(alone.error().code, "duplicate_invitation");
    EXPECT_NE(alone.error().message.find("twice"), std::string::npos) << alone.error().message;
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);

    auto inside = store().transaction([&]() -> core::Result<void> {  // as an import runs it
        auto r = store().add_invitations(batch, kNow);
        if (!r) return std::unexpected(r.error());
        return {};
    });
    ASSERT_FALSE(inside);
    EXPECT_NE(inside.error().message.find("twice"), std::string::npos) << inside.error().message;
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    EXPECT_TRUE(store().invitations(m_account, {}).empty());
}

// ---- transactions ----

TEST_F(SqliteStore, TransactionCommitsWhenItSucceeds)
{
    auto r = store().transaction([&]() -> core::Result<void> {
        add("maya-patel", utc(2026, 11, 2));
        store().set_account_setting(m_account, "pending.target", "900");
        return {};
    });
    ASSERT_TRUE(r);
    EXPECT_EQ(store().count_invitations(m_account, {}), 1);
    EXPECT_EQ(store().account_settings(m_account).size(), 1u);
}

TEST_F(SqliteStore, TransactionRollsBackEverythingOnError)
{
    auto r = store().transaction([&]() -> core::Result<void> {
        InvitationId id = add("maya-patel", utc(2026, 11, 2));
        EXPECT_TRUE(store().record_event(m_account, id, Event{EventKind::withdrawn, utc(2026, 11, 9), "cli"}, kNow));
        store().set_account_setting(m_account, "pending.target", "900");
        store().upsert_connections(
            m_account, {ingest::ConnectionRecord{"in:sam-lee", "Sam", "Lee", "", "", "", "", day(2026, 11, 1)}});
        return core::fail(core::ErrorKind::bad_input, "bad_row", "Invitations.csv:3:3: bad");
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "bad_row");
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::withdrawn)), 0);
    EXPECT_TRUE(store().events(m_account, std::nullopt).empty());
    EXPECT_TRUE(store().account_settings(m_account).empty());
    EXPECT_EQ(store().connected_on(m_account, "in:sam-lee"), std::nullopt);
    EXPECT_EQ(store().last_event_at(m_account, EventKind::withdrawn), std::nullopt);
}

TEST_F(SqliteStore, TransactionRollsBackOnADatabaseError)
{
    auto r = store().transaction([&]() -> core::Result<void> {
        add("maya-patel", utc(2026, 11, 2));
        // The same invitation again breaks the uniqueness of (direction, person, sent at).
        auto again = store().add_invitation(invitation_to(m_account, "maya-patel"),
                                            {Event{EventKind::sent, utc(2026, 11, 2), "cli"}}, kNow);
        return again ? core::Result<void>{} : std::unexpected(again.error());
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    // The store is usable afterwards.
    add("maya-patel", utc(2026, 11, 2));
    EXPECT_EQ(store().count_invitations(m_account, {}), 1);
}

TEST_F(SqliteStore, ATransactionInsideAnotherTakesBackOnlyItsOwnWritesOnError)
{
    auto r = store().transaction([&]() -> core::Result<void> {
        add("maya-patel", utc(2026, 11, 2));
        auto inner = store().transaction([&]() -> core::Result<void> {
            add("sam-lee", utc(2026, 11, 3));
            store().set_account_setting(m_account, "pending.target", "900");
            return core::fail(core::ErrorKind::conflict, "already_pending", "sam-lee is already pending");
        });
        EXPECT_FALSE(inner);
        EXPECT_EQ(store().count_invitations(m_account, {}), 1);  // the inner write is gone, the outer one stays
        add("lia-moreau", utc(2026, 11, 4));
        return {};
    });
    ASSERT_TRUE(r);
    EXPECT_EQ(store().count_invitations(m_account, {}), 2);
    EXPECT_TRUE(store().account_settings(m_account).empty());
}

TEST_F(SqliteStore, AnOuterTransactionThatFailsTakesBackWhatItsInnerOnesCommitted)
{
    auto r = store().transaction([&]() -> core::Result<void> {
        for (const char* slug : {"maya-patel", "sam-lee"}) {
            auto inner = store().transaction([&]() -> core::Result<void> {
                add(slug, utc(2026, 11, 2));
                return {};
            });
            if (!inner) return inner;
        }
        // A batch below the bulk size is a savepoint of its own inside the transaction.
        std::vector<ingest::NewInvitation> batch{
            {invitation_to(m_account, "lia-moreau"), {Event{EventKind::sent, utc(2026, 11, 5), "cli"}}}};
        auto added = store().add_invitations(batch, kNow);
        if (!added) return std::unexpected(added.error());
        EXPECT_EQ(store().count_invitations(m_account, {}), 3);
        return core::fail(core::ErrorKind::conflict, "already_pending", "the third target is already pending");
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "already_pending");
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    EXPECT_TRUE(store().events(m_account, std::nullopt).empty());
    // And the connection is usable afterwards, outside any transaction.
    add("maya-patel", utc(2026, 11, 2));
    EXPECT_EQ(store().count_invitations(m_account, {}), 1);
}

TEST_F(SqliteStore, AnExceptionInsideANestedTransactionTakesBackEverything)
{
    EXPECT_THROW(store().transaction([&]() -> core::Result<void> {
        add("maya-patel", utc(2026, 11, 2));
        return store().transaction([&]() -> core::Result<void> {
            add("sam-lee", utc(2026, 11, 3));
            throw std::logic_error("bug");
        });
    }),
                 std::logic_error);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    add("maya-patel", utc(2026, 11, 2));
    EXPECT_EQ(store().count_invitations(m_account, {}), 1);
}

TEST_F(SqliteStore, TransactionRollsBackAndRethrowsAnException)
{
    EXPECT_THROW(store().transaction([&]() -> core::Result<void> {
        add("maya-patel", utc(2026, 11, 2));
        throw std::logic_error("bug");
    }),
                 std::logic_error);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
}

// ---- queries ----

class SqliteStoreQueries : public SqliteStore {
protected:
    void SetUp() override
    {
        SqliteStore::SetUp();
        add("a", utc(2026, 11, 1));
        add("b", utc(2026, 11, 5), {Event{EventKind::accepted, utc(2026, 11, 6), "import:x"}});
        add("c", utc(2026, 11, 10), {Event{EventKind::withdrawn, utc(2026, 11, 18), "cli"}});
        add("d", utc(2026, 11, 20));
        add("e", utc(2026, 11, 15), {}, Direction::incoming);
        add("f", utc(2026, 11, 20));  // same instant as d, added later
    }
};

TEST_F(SqliteStoreQueries, DefaultIsOutgoingOldestFirst)
{
    EXPECT_EQ(slugs({}), (Names{"a", "b", "c", "d", "f"}));
    EXPECT_EQ(store().count_invitations(m_account, {}), 5);
}

TEST_F(SqliteStoreQueries, AnyDirection)
{
    InvitationQuery q = with_direction(std::nullopt);
    EXPECT_EQ(slugs(q), (Names{"a", "b", "c", "e", "d", "f"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 6);
    EXPECT_EQ(slugs(with_direction(Direction::incoming)), (Names{"e"}));
}

TEST_F(SqliteStoreQueries, ByStatus)
{
    InvitationQuery q = with_status(Status::pending);
    EXPECT_EQ(slugs(q), (Names{"a", "d", "f"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 3);
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::accepted)), 1);
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::gone)), 0);
}

TEST_F(SqliteStoreQueries, SentRangeIncludesFromExcludesBefore)
{
    InvitationQuery q = sent_between(utc(2026, 11, 5), utc(2026, 11, 20));
    EXPECT_EQ(slugs(q), (Names{"b", "c"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 2);
}

TEST_F(SqliteStoreQueries, SentBeforeOnly)
{
    InvitationQuery q = sent_between(std::nullopt, utc(2026, 11, 10));
    EXPECT_EQ(slugs(q), (Names{"a", "b"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 2);
    InvitationQuery pending_old = sent_between(std::nullopt, utc(2026, 11, 20));
    pending_old.status = Status::pending;
    EXPECT_EQ(store().count_invitations(m_account, pending_old), 1);
}

TEST_F(SqliteStoreQueries, ByPersonKey)
{
    add("a", utc(2026, 11, 21));  // a second invitation to the same person
    InvitationQuery q;
    q.person_key = "in:a";
    auto found = store().invitations(m_account, q);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].sent_at, utc(2026, 11, 1));
    EXPECT_EQ(found[1].sent_at, utc(2026, 11, 21));
    EXPECT_EQ(store().count_invitations(m_account, q), 2);
}

TEST_F(SqliteStoreQueries, LimitTakesTheOldest)
{
    EXPECT_EQ(slugs(first(2)), (Names{"a", "b"}));
}

TEST_F(SqliteStoreQueries, NewestFirstBreaksTiesByLaterId)
{
    EXPECT_EQ(slugs(first(10, true)), (Names{"f", "d", "c", "b", "a"}));
    EXPECT_EQ(slugs(first(1, true)), (Names{"f"}));
}

TEST_F(SqliteStoreQueries, OtherAccountsAreInvisible)
{
    auto other = store().create_account("sam", kNow).value();
    EXPECT_EQ(store().count_invitations(other, {}), 0);
    EXPECT_TRUE(store().invitations(other, {}).empty());
    EXPECT_EQ(store().count_invitations(other, with_status(Status::pending)), 0);
}

TEST_F(SqliteStoreQueries, CountsAgreeWithListsAfterStatusChanges)
{
    // Counts may come from a summary table; they must match the rows in every case.
    auto pending = store().invitations(m_account, with_status(Status::pending));
    ASSERT_EQ(pending.size(), 3u);
    ASSERT_TRUE(
        store().record_event(m_account, pending[0].id, Event{EventKind::gone, utc(2026, 11, 24), "import:y"}, kNow));
    ASSERT_TRUE(store().record_event(m_account, pending[1].id, Event{EventKind::keep, utc(2026, 11, 24), "cli"}, kNow));
    (void)store().transaction([&]() -> core::Result<void> {
        EXPECT_TRUE(store().record_event(m_account, pending[2].id,
                                         Event{EventKind::withdrawn, utc(2026, 11, 25), "cli"}, kNow));
        return core::fail(core::ErrorKind::usage, "cancelled", "cancelled");
    });
    const std::vector<std::optional<Direction>> directions{std::nullopt, Direction::outgoing, Direction::incoming};
    const std::vector<std::optional<Status>> statuses{std::nullopt,      Status::pending,  Status::accepted,
                                                      Status::withdrawn, Status::declined, Status::gone};
    const std::vector<std::optional<Instant>> instants{std::nullopt, utc(2026, 11, 1), utc(2026, 11, 10),
                                                       utc(2026, 11, 20), utc(2026, 12, 1)};
    for (const auto& direction : directions)
        for (const auto& status : statuses)
            for (const auto& from : instants)
                for (const auto& before : instants) {
                    InvitationQuery q = sent_between(from, before);
                    q.direction = direction;
                    q.status = status;
                    EXPECT_EQ(store().count_invitations(m_account, q),
                              static_cast<long>(store().invitations(m_account, q).size()))
                        << (direction ? core::to_string(*direction) : "any") << " "
                        << (status ? core::to_string(*status) : "any") << " from "
                        << (from ? core::format_instant(*from) : "-") << " before "
                        << (before ? core::format_instant(*before) : "-");
                }
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::gone)), 1);
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::pending)), 2);
}

// ---- events ----

TEST_F(SqliteStoreQueries, EventsOfTheAccountInRecordingOrder)
{
    auto all = store().events(m_account, std::nullopt);
    ASSERT_EQ(all.size(), 8u);  // 6 sent, 1 accepted, 1 withdrawn
    std::vector<std::string> kinds;
    for (const auto& e : all) kinds.push_back(std::string(core::to_string(e.event.kind)));
    // Everything was recorded at kNow: invitation by invitation, sent first.
    EXPECT_EQ(kinds,
              (std::vector<std::string>{"sent", "sent", "accepted", "sent", "withdrawn", "sent", "sent", "sent"}));
    for (size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].invitation.value, all[i].invitation.value);
    EXPECT_EQ(all[0].id, 0);  // a sent event is its invitation's own row
    EXPECT_GT(all[2].id, 0);
}

TEST_F(SqliteStore, LastEventAtIsTheLatestByTimeNotByRecording)
{
    InvitationId a = add("a", utc(2026, 11, 1));
    InvitationId b = add("b", utc(2026, 11, 2));
    InvitationId c = add("c", utc(2026, 11, 3));
    EXPECT_EQ(store().last_event_at(m_account, EventKind::withdrawn), std::nullopt);
    ASSERT_TRUE(store().record_event(m_account, a, Event{EventKind::withdrawn, utc(2026, 11, 20), "cli"}, kNow));
    ASSERT_TRUE(store().record_event(m_account, b, Event{EventKind::withdrawn, utc(2026, 11, 10), "cli"}, kNow));
    ASSERT_TRUE(store().record_event(m_account, c, Event{EventKind::accepted, utc(2026, 11, 25), "import:x"}, kNow));
    EXPECT_EQ(store().last_event_at(m_account, EventKind::withdrawn), utc(2026, 11, 20));
    EXPECT_EQ(store().last_event_at(m_account, EventKind::accepted), utc(2026, 11, 25));
    auto other = store().create_account("sam", kNow).value();
    EXPECT_EQ(store().last_event_at(other, EventKind::withdrawn), std::nullopt);
}

TEST_F(SqliteStore, LastEventAtForSentEvents)
{
    add("a", utc(2026, 11, 1));
    add("b", utc(2026, 11, 3));
    add("c", utc(2026, 11, 2));
    EXPECT_EQ(store().last_event_at(m_account, EventKind::sent), utc(2026, 11, 3));
}

// ---- imports ----

// Issue 20: an import is undone whole, with nothing of it left and nothing else lost.
TEST_F(SqliteStore, UndoLastImportTakesBackEverythingItWroteAndNothingElse)
{
    ingest::ConnectionRecord maya{"in:maya-patel", "Maya", "Patel", "", "", "Acme", "", day(2026, 1, 29)};
    maya.listed_at = utc(2026, 10, 1);
    store().upsert_connections(m_account, {maya});
    const InvitationId kept = add("kim", utc(2026, 11, 1));
    const InvitationId found = add("sam", utc(2026, 11, 2));
    store().record_sightings(m_account, {{kept, utc(2026, 11, 3)}}, ImportId{0});
    const auto before = store().ledger(m_account);
    const auto events_before = store().events(m_account, std::nullopt).size();

    const ImportId import = store().begin_import(m_account, kNow);
    std::vector<Event> events{Event{EventKind::sent, utc(2026, 11, 4), "import:x", import}};
    ASSERT_TRUE(store().add_invitations({ingest::NewInvitation{invitation_to(m_account, "ada", Direction::outgoing),
                                                               events, utc(2026, 11, 24)}},
                                        kNow));
    ASSERT_TRUE(store().record_event(m_account, found, Event{EventKind::gone, utc(2026, 11, 24), "import:x", import},
                                     kNow));
    store().record_sightings(m_account, {{kept, utc(2026, 11, 24)}, {kept, utc(2026, 11, 25)}}, import);
    maya.company = "Globex";
    maya.listed_at = utc(2026, 11, 24);
    ingest::ConnectionRecord ada{"in:ada", "Ada", "", "", "", "", "", day(2026, 11, 20)};
    store().upsert_connections(m_account, {maya, ada}, import);
    store().upsert_connections(m_account, {maya}, import);  // a second part of the same import
    EXPECT_TRUE(store().record_snapshot(m_account, {utc(2026, 6, 1), utc(2026, 11, 24), utc(2026, 11, 25)}, import));
    EXPECT_FALSE(store().record_snapshot(m_account, {utc(2026, 6, 1), utc(2026, 11, 24), utc(2026, 11, 25)}, import));
    store().finish_import(import, ImportRecord{kNow, "Basic_LinkedInDataExport_11-24-2026.zip", "{}"});
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::gone)), 1);

    auto undone = store().undo_last_import(m_account, kNow);
    ASSERT_TRUE(undone) << undone.error().message;
    EXPECT_EQ(undone->id, import);
    EXPECT_EQ(undone->invitations_removed, 1);
    EXPECT_EQ(undone->findings_undone, 1);
    EXPECT_EQ(undone->sightings_undone, 1);
    EXPECT_EQ(undone->connections_removed, 1);
    EXPECT_EQ(undone->connections_restored, 1);
    EXPECT_EQ(undone->snapshots_removed, 1);

    const auto after = store().ledger(m_account);
    ASSERT_EQ(after.invitations.size(), before.invitations.size());
    for (size_t i = 0; i < after.invitations.size(); ++i) {
        EXPECT_EQ(after.invitations[i].status, before.invitations[i].status);
        EXPECT_EQ(after.invitations[i].status_at, before.invitations[i].status_at);
        EXPECT_EQ(after.invitations[i].seen_at, before.invitations[i].seen_at);
    }
    ASSERT_EQ(after.connections.size(), 1u);
    EXPECT_EQ(after.connections[0].company, "Acme");
    EXPECT_EQ(after.connections[0].listed_at, utc(2026, 10, 1));
    EXPECT_TRUE(after.snapshots.empty());
    EXPECT_EQ(store().events(m_account, std::nullopt).size(), events_before);
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::pending)), 2);
    EXPECT_EQ(store().count_invitations(m_account, InvitationQuery{}), 2);

    auto none = store().undo_last_import(m_account, kNow);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, "nothing_to_undo");
}

// ---- connections ----

TEST_F(SqliteStore, UpsertConnectionsAndConnectedOn)
{
    ingest::ConnectionRecord maya{
        "in:maya-patel", "Maya",     "Patel",         "https://www.linkedin.com/in/maya-patel", "",
        "Acme",          "Engineer", day(2026, 1, 29)};
    ingest::ConnectionRecord kim{"name:kim ng", "Kim", "Ng", "", "", "", "", day(2018, 1, 29)};
    store().upsert_connections(m_account, {maya, kim});
    EXPECT_EQ(store().connected_on(m_account, "in:maya-patel"), day(2026, 1, 29));
    EXPECT_EQ(store().connected_on(m_account, "name:kim ng"), day(2018, 1, 29));
    EXPECT_EQ(store().connected_on(m_account, "in:sam-lee"), std::nullopt);

    maya.company = "Globex";
    maya.connected_on = day(2026, 2, 1);
    store().upsert_connections(m_account, {maya});
    EXPECT_EQ(store().connected_on(m_account, "in:maya-patel"), day(2026, 2, 1));
    auto ledger = store().ledger(m_account);
    ASSERT_EQ(ledger.connections.size(), 2u);
    for (const auto& c : ledger.connections) {
        if (c.person_key == "in:maya-patel") {
            EXPECT_EQ(c.company, "Globex");
        }
    }
}

TEST_F(SqliteStore, ManyConnectionsAtOnceAndAPersonListedTwiceKeepsTheLaterRow)
{
    // More rows than one statement takes, keys out of order and sharing their first
    // 16 bytes, and one person twice: the later row is the one kept.
    std::vector<ingest::ConnectionRecord> rows;
    for (int i = 299; i >= 0; --i)
        rows.push_back(ingest::ConnectionRecord{fmt::format("in:maya-patel-000{}", i), "Maya", "Patel", "", "",
                                                fmt::format("Company {}", i), "", day(2026, 1, 1)});
    rows.push_back(rows[150]);
    rows.back().company = "Later";
    rows.back().connected_on = day(2026, 3, 3);
    store().upsert_connections(m_account, rows);
    auto ledger = store().ledger(m_account);
    ASSERT_EQ(ledger.connections.size(), 300u);
    for (const auto& c : ledger.connections) {
        if (c.person_key == rows[150].person_key) {
            EXPECT_EQ(c.company, "Later");
            EXPECT_EQ(c.connected_on, day(2026, 3, 3));
        } else {
            EXPECT_EQ(c.company, "Company " + c.person_key.substr(std::string("in:maya-patel-000").size()));
        }
    }
}

TEST_F(SqliteStore, ConnectionsBelongToOneAccount)
{
    store().upsert_connections(
        m_account, {ingest::ConnectionRecord{"in:maya-patel", "Maya", "Patel", "", "", "", "", day(2026, 1, 29)}});
    auto other = store().create_account("sam", kNow).value();
    EXPECT_EQ(store().connected_on(other, "in:maya-patel"), std::nullopt);
}

TEST_F(SqliteStore, LedgerHoldsInvitationsWithTheirStatus)
{
    InvitationId a = add("a", utc(2026, 11, 1));
    InvitationId b = add("b", utc(2026, 11, 2), {Event{EventKind::accepted, utc(2026, 11, 3), "import:x"}});
    auto ledger = store().ledger(m_account);
    ASSERT_EQ(ledger.invitations.size(), 2u);
    for (const auto& e : ledger.invitations) {
        if (e.id == a) {
            EXPECT_EQ(e.person_key, "in:a");
            EXPECT_EQ(e.sent_at, utc(2026, 11, 1));
            EXPECT_EQ(e.status, Status::pending);
        } else {
            EXPECT_EQ(e.id, b);
            EXPECT_EQ(e.status, Status::accepted);
        }
    }
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

// ---- the outreach queue, templates, do-not-contact, account events ----

core::Prospect prospect(const std::string& slug, long priority = 0)
{
    core::Prospect p;
    p.person = core::Person{"in:" + slug, slug, "https://www.linkedin.com/in/" + slug};
    p.first_name = slug.substr(0, slug.find('-'));
    p.priority = priority;
    p.added_at = kNow;
    return p;
}

TEST_F(SqliteStore, QueueIsTakenByPriorityThenQueueOrderAndKeepsEveryField)
{
    auto full = prospect("maya-patel");
    full.company = "Acme, Inc.";
    full.note = "Hi Maya";
    full.template_name = "intro";
    full.zone = "Asia/Tokyo";
    full.vars = {{"event", "RustConf"}, {"role", "CTO"}};
    auto ids = store().add_prospects(m_account, {full, prospect("sam-lee", 5), prospect("ada-brennan")});
    ASSERT_EQ(ids.size(), 3u);
    auto queue = store().prospects(m_account);
    ASSERT_EQ(queue.size(), 3u);
    EXPECT_EQ(queue[0].person.key, "in:sam-lee");  // priority 5 first
    EXPECT_EQ(queue[1].person.key, "in:maya-patel");
    EXPECT_EQ(queue[2].person.key, "in:ada-brennan");
    const auto& m = queue[1];
    EXPECT_EQ(m.id, ids[0]);
    EXPECT_EQ(m.company, "Acme, Inc.");
    EXPECT_EQ(m.note, "Hi Maya");
    EXPECT_EQ(m.template_name, "intro");
    EXPECT_EQ(m.zone, "Asia/Tokyo");
    EXPECT_EQ(m.vars, full.vars);
    EXPECT_EQ(queue[2].note, std::nullopt);
    EXPECT_EQ(queue[2].zone, std::nullopt);

    EXPECT_EQ(store().remove_prospects(m_account, "in:maya-patel"), 1);
    EXPECT_EQ(store().remove_prospects(m_account, "in:maya-patel"), 0);
    EXPECT_EQ(store().prospects(m_account).size(), 2u);
    auto other = store().create_account("sam", kNow).value();
    EXPECT_TRUE(store().prospects(other).empty());
}

TEST_F(SqliteStore, TemplatesAreReplacedByNameAndRemoved)
{
    store().set_template(m_account, core::Template{"intro", "Hi {first_name}", kNow});
    store().set_template(m_account, core::Template{"alumni", "Fellow {school} alum", kNow});
    store().set_template(m_account, core::Template{"intro", "Hello {first_name}", kNow + 1h});
    auto all = store().templates(m_account);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "alumni");
    EXPECT_EQ(all[1].text, "Hello {first_name}");
    EXPECT_EQ(all[1].updated_at, kNow + 1h);
    EXPECT_TRUE(store().remove_template(m_account, "alumni"));
    EXPECT_FALSE(store().remove_template(m_account, "alumni"));
    EXPECT_EQ(store().templates(m_account).size(), 1u);
}

TEST_F(SqliteStore, DoNotContactAddsOnceAndRemoves)
{
    core::DoNotContact entry{core::Person{"in:maya-patel", "Maya Patel", "https://www.linkedin.com/in/maya-patel"},
                             kNow};
    EXPECT_TRUE(store().add_do_not_contact(m_account, entry));
    EXPECT_FALSE(store().add_do_not_contact(m_account, entry));
    ASSERT_EQ(store().do_not_contact(m_account).size(), 1u);
    EXPECT_EQ(store().do_not_contact(m_account)[0].person.name, "Maya Patel");
    EXPECT_TRUE(store().remove_do_not_contact(m_account, "in:maya-patel"));
    EXPECT_FALSE(store().remove_do_not_contact(m_account, "in:maya-patel"));
    EXPECT_TRUE(store().do_not_contact(m_account).empty());
}

TEST_F(SqliteStore, AccountEventsByKindOldestFirst)
{
    using core::AccountEventKind;
    store().record_account_event(
        m_account, core::AccountEvent{0, AccountEventKind::restricted, utc(2026, 11, 20), {}, "cli", kNow});
    store().record_account_event(
        m_account, core::AccountEvent{0, AccountEventKind::reported, utc(2026, 11, 10), "in:sam-lee", "cli", kNow});
    store().record_account_event(
        m_account, core::AccountEvent{0, AccountEventKind::restricted, utc(2026, 11, 2), {}, "cli", kNow});
    auto restricted = store().account_events(m_account, AccountEventKind::restricted);
    ASSERT_EQ(restricted.size(), 2u);
    EXPECT_EQ(restricted[0].at, utc(2026, 11, 2));
    EXPECT_EQ(restricted[1].at, utc(2026, 11, 20));
    auto all = store().account_events(m_account, std::nullopt);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[1].person_key, "in:sam-lee");
}

TEST_F(SqliteStore, AnAccountEventTakenBackIsNoLongerListed)
{
    using core::AccountEventKind;
    store().record_account_event(
        m_account, core::AccountEvent{0, AccountEventKind::restricted, utc(2026, 11, 20), {}, "cli", kNow});
    store().record_account_event(
        m_account, core::AccountEvent{0, AccountEventKind::restricted, utc(2026, 11, 2), {}, "cli", kNow});
    auto before = store().account_events(m_account, AccountEventKind::restricted);
    ASSERT_EQ(before.size(), 2u);
    EXPECT_TRUE(store().undo_account_event(m_account, before[1].id, kNow));
    EXPECT_FALSE(store().undo_account_event(m_account, before[1].id, kNow)) << "taken back once only";
    auto after = store().account_events(m_account, AccountEventKind::restricted);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].at, utc(2026, 11, 2));
    EXPECT_FALSE(store().undo_account_event(core::AccountId{m_account.value + 1}, after[0].id, kNow))
        << "another account's event is not this one's to take back";
}

TEST_F(SqliteStore, TemplateNameOfASentNoteIsKept)
{
    auto inv = invitation_to(m_account, "maya-patel");
    inv.template_name = "intro";
    auto id = store().add_invitation(inv, {Event{EventKind::sent, utc(2026, 11, 2), "cli"}}, kNow).value();
    EXPECT_EQ(store().invitation(m_account, id)->template_name, "intro");
}

// A ledger written by schema version 1 comes through every migration whole: the
// same invitations, states and counts, the same log (sent events now the
// invitations' own rows), and no broken reference.
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
