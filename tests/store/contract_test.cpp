// The store's contract: what every backend must do, written once and run against
// each (INSTANTIATE below): accounts, the event log and its projection, queries,
// transactions that compose, imports and their undo, connections, the queue,
// templates, do-not-contact and account events. What only one backend has (SQLite's
// files, journal, migrations and bulk loads) is tested beside it (sqlite_store_test.cpp).
#include "pg_support.h"
#include "store/copy.h"
#include "store/directory.h"
#include "store/open.h"
#include "store/store.h"
#include "support.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <ostream>
#include <stdexcept>

namespace ik::store {
namespace {

using namespace std::chrono_literals;
using namespace test;

// A store of each backend, empty but for one account.
struct Backend {
    std::string name;
    // Opens a new, empty ledger; `file` is a fresh path it may use.
    std::function<core::Result<std::unique_ptr<Store>>(const std::string& file)> open;
};

std::string backend_name(const ::testing::TestParamInfo<Backend>& info)
{
    return info.param.name;
}
void PrintTo(const Backend& backend, std::ostream* out)
{
    *out << backend.name;
}

const std::vector<Backend>& backends()
{
    static const std::vector<Backend> all{
        {"SqliteInMemory", [](const std::string&) { return open_store(":memory:", Open::or_create); }},
        {"SqliteFile", [](const std::string& file) { return open_store("sqlite:" + file, Open::or_create); }},
        {"Postgres", [](const std::string&) { return open_store(fresh_postgres_ledger(), Open::or_create); }},
    };
    return all;
}

class StoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override
    {
        if (GetParam().name == "Postgres" && !postgres_uri())
            GTEST_SKIP() << "IK_TEST_POSTGRES_STATE is unset: ctest starts the test server (tests/pg/cluster.sh)";
        auto s = GetParam().open(m_file.str());
        ASSERT_TRUE(s) << s.error().message;
        m_store = std::move(*s);
        auto a = m_store->create_account("maya", kNow);
        ASSERT_TRUE(a) << a.error().message;
        m_account = *a;
    }
    void TearDown() override { m_store.reset(); }

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

    TempPath m_file{"contract"};
    std::unique_ptr<Store> m_store;
    AccountId m_account;
};
// ---- schema and accounts ----

TEST_P(StoreContract, NewDatabaseHasOnlyTheAccountJustCreated)
{
    auto accounts = store().accounts();
    ASSERT_EQ(accounts.size(), 1u);
    EXPECT_EQ(accounts[0].name, "maya");
    EXPECT_EQ(accounts[0].created_at, kNow);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
    EXPECT_TRUE(store().events(m_account, std::nullopt).empty());
}

TEST_P(StoreContract, CreateAccountTwiceIsAConflict)
{
    auto again = store().create_account("maya", kNow + 1h);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(again.error().code, "account_exists");
    EXPECT_EQ(store().accounts().size(), 1u);
}

TEST_P(StoreContract, AccountsAreListedInCreationOrder)
{
    ASSERT_TRUE(store().create_account("agency-client", kNow + 1h));
    auto accounts = store().accounts();
    ASSERT_EQ(accounts.size(), 2u);
    EXPECT_EQ(accounts[0].name, "maya");
    EXPECT_EQ(accounts[1].name, "agency-client");
    EXPECT_NE(accounts[0].id, accounts[1].id);
}

TEST_P(StoreContract, AccountSettingsRoundTripAndOverwrite)
{
    store().set_account_setting(m_account, "pending.target", "900");
    store().set_account_setting(m_account, "account.tz", "Europe/Berlin");
    store().set_account_setting(m_account, "pending.target", "800");
    auto settings = store().account_settings(m_account);
    EXPECT_EQ(settings,
              (std::map<std::string, std::string>{{"account.tz", "Europe/Berlin"}, {"pending.target", "800"}}));
}

TEST_P(StoreContract, AccountSettingsBelongToOneAccount)
{
    auto other = store().create_account("sam", kNow).value();
    store().set_account_setting(m_account, "pending.target", "900");
    EXPECT_TRUE(store().account_settings(other).empty());
}

// ---- invitations, events, projection ----

TEST_P(StoreContract, AddInvitationStoresItsEventsAndProjection)
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

TEST_P(StoreContract, AddInvitationMustStartWithSent)
{
    auto id = store().add_invitation(invitation_to(m_account, "maya-patel"),
                                     {Event{EventKind::accepted, utc(2026, 11, 4), "cli"}}, kNow);
    EXPECT_FALSE(id);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
}

TEST_P(StoreContract, AddInvitationWithImpossibleEventsStoresNothing)
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

TEST_P(StoreContract, RecordEventUpdatesProjectionAndAppendsToTheLog)
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

TEST_P(StoreContract, RecentChangesAreWhatPeopleDidHereNewestFirst)
{
    const InvitationId imported = add("ann", utc(2026, 11, 2));  // an import's finding: not a change
    const InvitationId other = add("cy", utc(2026, 11, 3));
    auto sent = store().add_invitation(invitation_to(m_account, "bo"),
                                       {Event{EventKind::sent, utc(2026, 11, 20), "user:dana"}}, kNow - 2h);
    ASSERT_TRUE(sent) << sent.error().message;
    ASSERT_TRUE(store().record_event(m_account, imported, Event{EventKind::keep, kNow - 3h, "cli"}, kNow - 1h));
    ASSERT_TRUE(store().record_event(m_account, other, Event{EventKind::withdrawn, kNow, "user:dana"}, kNow));
    ASSERT_TRUE(
        store().record_event(m_account, *sent, Event{EventKind::accepted, kNow, "import:Connections.csv"}, kNow));
    auto changes = store().recent_changes(m_account, 10);
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0].event.kind, EventKind::withdrawn);
    EXPECT_EQ(changes[0].event.source, "user:dana");
    EXPECT_EQ(changes[0].invitation, other);
    EXPECT_EQ(changes[1].event.kind, EventKind::keep);
    EXPECT_EQ(changes[1].event.at, kNow - 3h) << "when it happened";
    EXPECT_EQ(changes[1].recorded_at, kNow - 1h) << "ordered by when it was recorded";
    EXPECT_EQ(changes[2].event.kind, EventKind::sent);
    EXPECT_EQ(changes[2].invitation, *sent);
    EXPECT_EQ(changes[2].id, 0) << "a recorded send is its invitation's own row";
    EXPECT_EQ(changes[2].event.source, "user:dana");
    auto two = store().recent_changes(m_account, 2);
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[1].event.kind, EventKind::keep);
    auto lee = store().create_account("lee", kNow);
    ASSERT_TRUE(lee);
    EXPECT_TRUE(store().recent_changes(*lee, 10).empty());
}

TEST_P(StoreContract, RecordEventKeepAndAccidentalFlags)
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

TEST_P(StoreContract, RecordEventRefusesAnImpossibleEventAndChangesNothing)
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

TEST_P(StoreContract, RecordEventForAnUnknownInvitationIsRefused)
{
    InvitationId id = add("maya-patel", utc(2026, 11, 2));
    EXPECT_FALSE(store().record_event(m_account, InvitationId{id.value + 100},
                                      Event{EventKind::withdrawn, utc(2026, 11, 12), "cli"}, kNow));
    auto other = store().create_account("sam", kNow).value();
    EXPECT_FALSE(store().record_event(other, id, Event{EventKind::withdrawn, utc(2026, 11, 12), "cli"}, kNow));
    EXPECT_EQ(store().invitation(m_account, id)->status, Status::pending);
    EXPECT_FALSE(store().invitation(other, id));
}

TEST_P(StoreContract, SameInvitationTwiceIsAConflictNotACrash)
{
    add("maya-patel", utc(2026, 11, 2));
    core::Result<InvitationId> again = InvitationId{};
    EXPECT_NO_THROW(again = store().add_invitation(invitation_to(m_account, "maya-patel"),
                                                   {Event{EventKind::sent, utc(2026, 11, 2), "cli"}}, kNow));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(store().count_invitations(m_account, {}), 1);
}

TEST_P(StoreContract, ABatchRepeatingAnInvitationStoresNoneOfIt)
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

TEST_P(StoreContract, TransactionCommitsWhenItSucceeds)
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

TEST_P(StoreContract, TransactionRollsBackEverythingOnError)
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

TEST_P(StoreContract, TransactionRollsBackOnADatabaseError)
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

TEST_P(StoreContract, ATransactionInsideAnotherTakesBackOnlyItsOwnWritesOnError)
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

TEST_P(StoreContract, AnOuterTransactionThatFailsTakesBackWhatItsInnerOnesCommitted)
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

TEST_P(StoreContract, AnExceptionInsideANestedTransactionTakesBackEverything)
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

TEST_P(StoreContract, TransactionRollsBackAndRethrowsAnException)
{
    EXPECT_THROW(store().transaction([&]() -> core::Result<void> {
        add("maya-patel", utc(2026, 11, 2));
        throw std::logic_error("bug");
    }),
                 std::logic_error);
    EXPECT_EQ(store().count_invitations(m_account, {}), 0);
}

// ---- queries ----

class StoreQueries : public StoreContract {
protected:
    void SetUp() override
    {
        StoreContract::SetUp();
        add("a", utc(2026, 11, 1));
        add("b", utc(2026, 11, 5), {Event{EventKind::accepted, utc(2026, 11, 6), "import:x"}});
        add("c", utc(2026, 11, 10), {Event{EventKind::withdrawn, utc(2026, 11, 18), "cli"}});
        add("d", utc(2026, 11, 20));
        add("e", utc(2026, 11, 15), {}, Direction::incoming);
        add("f", utc(2026, 11, 20));  // same instant as d, added later
    }
};

TEST_P(StoreQueries, DefaultIsOutgoingOldestFirst)
{
    EXPECT_EQ(slugs({}), (Names{"a", "b", "c", "d", "f"}));
    EXPECT_EQ(store().count_invitations(m_account, {}), 5);
}

TEST_P(StoreQueries, AnyDirection)
{
    InvitationQuery q = with_direction(std::nullopt);
    EXPECT_EQ(slugs(q), (Names{"a", "b", "c", "e", "d", "f"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 6);
    EXPECT_EQ(slugs(with_direction(Direction::incoming)), (Names{"e"}));
}

TEST_P(StoreQueries, ByStatus)
{
    InvitationQuery q = with_status(Status::pending);
    EXPECT_EQ(slugs(q), (Names{"a", "d", "f"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 3);
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::accepted)), 1);
    EXPECT_EQ(store().count_invitations(m_account, with_status(Status::gone)), 0);
}

TEST_P(StoreQueries, SentRangeIncludesFromExcludesBefore)
{
    InvitationQuery q = sent_between(utc(2026, 11, 5), utc(2026, 11, 20));
    EXPECT_EQ(slugs(q), (Names{"b", "c"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 2);
}

TEST_P(StoreQueries, SentBeforeOnly)
{
    InvitationQuery q = sent_between(std::nullopt, utc(2026, 11, 10));
    EXPECT_EQ(slugs(q), (Names{"a", "b"}));
    EXPECT_EQ(store().count_invitations(m_account, q), 2);
    InvitationQuery pending_old = sent_between(std::nullopt, utc(2026, 11, 20));
    pending_old.status = Status::pending;
    EXPECT_EQ(store().count_invitations(m_account, pending_old), 1);
}

TEST_P(StoreQueries, ByPersonKey)
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

TEST_P(StoreQueries, LimitTakesTheOldest)
{
    EXPECT_EQ(slugs(first(2)), (Names{"a", "b"}));
}

TEST_P(StoreQueries, NewestFirstBreaksTiesByLaterId)
{
    EXPECT_EQ(slugs(first(10, true)), (Names{"f", "d", "c", "b", "a"}));
    EXPECT_EQ(slugs(first(1, true)), (Names{"f"}));
}

TEST_P(StoreQueries, OtherAccountsAreInvisible)
{
    auto other = store().create_account("sam", kNow).value();
    EXPECT_EQ(store().count_invitations(other, {}), 0);
    EXPECT_TRUE(store().invitations(other, {}).empty());
    EXPECT_EQ(store().count_invitations(other, with_status(Status::pending)), 0);
}

TEST_P(StoreQueries, CountsAgreeWithListsAfterStatusChanges)
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

TEST_P(StoreQueries, EventsOfTheAccountInRecordingOrder)
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

TEST_P(StoreContract, LastEventAtIsTheLatestByTimeNotByRecording)
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

TEST_P(StoreContract, LastEventAtForSentEvents)
{
    add("a", utc(2026, 11, 1));
    add("b", utc(2026, 11, 3));
    add("c", utc(2026, 11, 2));
    EXPECT_EQ(store().last_event_at(m_account, EventKind::sent), utc(2026, 11, 3));
}

// ---- imports ----

// Issue 20: an import is undone whole, with nothing of it left and nothing else lost.
TEST_P(StoreContract, UndoLastImportTakesBackEverythingItWroteAndNothingElse)
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
    ASSERT_TRUE(store().add_invitations(
        {ingest::NewInvitation{invitation_to(m_account, "ada", Direction::outgoing), events, utc(2026, 11, 24)}},
        kNow));
    ASSERT_TRUE(
        store().record_event(m_account, found, Event{EventKind::gone, utc(2026, 11, 24), "import:x", import}, kNow));
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

// A card only a Sent page gave: pending, its sent time a bound, the person a name. The
// export that lists it later gives the time, the profile and the note; undoing that
// import gives the bound back, and the page's "gone" is told from an export's.
TEST_P(StoreContract, ACompletePageIsKeptForLaterImportsOnceAndTakenBackWithItsImport)
{
    const ingest::PageSnapshot page{utc(2026, 12, 1, 9, 14), "sentpage:Sent.html", {"in:ada-obi", "in:ben-lund"},
                                    {"ada obi", "ben lund", "cleo park"}};
    const ImportId import = store().begin_import(m_account, kNow);
    EXPECT_TRUE(store().record_page(m_account, page, import));
    EXPECT_FALSE(store().record_page(m_account, page, import)) << "the same page twice";
    store().finish_import(import, ImportRecord{kNow, "Sent.html", "{}"});
    const auto kept = store().ledger(m_account).pages;
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0], page);
    EXPECT_TRUE(store().page_ledger(m_account, {}).pages.empty()) << "a page's own reading needs none";
    ASSERT_TRUE(store().undo_last_import(m_account, kNow + 1h));
    EXPECT_TRUE(store().ledger(m_account).pages.empty());
}

TEST_P(StoreContract, ARefinedSentTimeAndPersonAreStoredAndUndoneWithTheirImport)
{
    const ImportId page = store().begin_import(m_account, kNow);
    core::Invitation card;
    card.account = m_account;
    card.person = core::Person{"name:ada obi", "Ada Obi", ""};
    card.sent_at = utc(2026, 11, 10, 9);
    card.sent_earliest = utc(2026, 11, 3, 9);
    auto ids = store().add_invitations(
        {ingest::NewInvitation{card, {Event{EventKind::sent, card.sent_at, "sentpage:Sent.html", page}}, kNow}},
        kNow);
    ASSERT_TRUE(ids) << ids.error().message;
    const InvitationId ada = ids->front();
    const InvitationId cleo = add("cleo", utc(2026, 10, 2));
    const InvitationId dev = add("dev", utc(2026, 10, 3));
    ASSERT_TRUE(store().record_event(m_account, cleo, Event{EventKind::gone, kNow, "sentpage:Sent.html", page}, kNow));
    ASSERT_TRUE(store().record_event(m_account, dev, Event{EventKind::gone, kNow, "import:x.zip", page}, kNow));
    store().finish_import(page, ImportRecord{kNow, "Sent.html", "{}"});

    auto entry_of = [&](InvitationId id) {
        for (const auto& e : store().ledger(m_account).invitations)
            if (e.id == id) return e;
        ADD_FAILURE() << "no invitation " << id.value;
        return ingest::LedgerEntry{};
    };
    EXPECT_EQ(entry_of(ada).sent_earliest, utc(2026, 11, 3, 9));
    EXPECT_TRUE(entry_of(cleo).gone_by_page);
    EXPECT_FALSE(entry_of(dev).gone_by_page);
    EXPECT_FALSE(entry_of(ada).gone_by_page);

    const ImportId export_import = store().begin_import(m_account, kNow + 1h);
    store().refine_invitations(m_account,
                               {ingest::Refinement{ada, core::Person{"in:ada-obi", "Ada Obi", "https://www.linkedin.com/in/ada-obi"},
                                                   utc(2026, 11, 6, 14, 5), std::nullopt, std::string("Hi Ada, we met.")}},
                               export_import);
    store().finish_import(export_import, ImportRecord{kNow + 1h, "Basic_LinkedInDataExport_12-01-2026.zip", "{}"});
    auto refined = store().invitation(m_account, ada);
    ASSERT_TRUE(refined);
    EXPECT_EQ(refined->sent_at, utc(2026, 11, 6, 14, 5));
    EXPECT_EQ(refined->sent_earliest, std::nullopt);
    EXPECT_EQ(refined->person.key, "in:ada-obi");
    EXPECT_EQ(refined->person.profile_url, "https://www.linkedin.com/in/ada-obi");
    EXPECT_EQ(refined->message, "Hi Ada, we met.");
    EXPECT_EQ(entry_of(ada).sent_earliest, std::nullopt);
    // The queries see the exact time.
    InvitationQuery sent_before;
    sent_before.sent_before = utc(2026, 11, 7);
    EXPECT_EQ(store().count_invitations(m_account, sent_before), 3);

    auto undone = store().undo_last_import(m_account, kNow + 2h);
    ASSERT_TRUE(undone) << undone.error().message;
    EXPECT_EQ(undone->id, export_import);
    auto back = store().invitation(m_account, ada);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->sent_at, utc(2026, 11, 10, 9));
    EXPECT_EQ(back->sent_earliest, utc(2026, 11, 3, 9));
    EXPECT_EQ(back->person.key, "name:ada obi");
    EXPECT_EQ(back->person.profile_url, "");
    EXPECT_EQ(back->message, "");
    EXPECT_EQ(store().count_invitations(m_account, sent_before), 2);
}

// What a Sent page reads is what ingest::in_page_scope keeps of the whole ledger, in
// id order: pending, the cards' profiles, anyone known by no profile.
TEST_P(StoreContract, APagesLedgerIsTheWholeLedgerThroughThePagesScope)
{
    add("ada", utc(2026, 11, 1));                                                              // pending
    add("ben", utc(2026, 11, 2), {Event{EventKind::accepted, utc(2026, 11, 3), "import:x"}});  // a card's, ended
    add("cy", utc(2026, 11, 2), {Event{EventKind::gone, utc(2026, 11, 4), "import:x"}});       // no card's
    add("dee", utc(2026, 11, 2), {}, Direction::incoming);                                     // received
    add("eve", utc(2026, 11, 5), {Event{EventKind::withdrawn, utc(2026, 11, 6), "cli"}});      // a card's
    core::Invitation by_name;
    by_name.account = m_account;
    by_name.person = core::Person{"name:fay lund", "Fay Lund", ""};
    by_name.message = "";
    ASSERT_TRUE(store().add_invitation(by_name, {Event{EventKind::sent, utc(2026, 10, 1), "import:x"},
                                                 Event{EventKind::gone, utc(2026, 11, 1), "import:x"}},
                                       kNow));
    core::Invitation by_urn = by_name;
    by_urn.person = core::Person{"urn:ACoAAB123", "Gil Ray", ""};
    ASSERT_TRUE(store().add_invitation(by_urn, {Event{EventKind::sent, utc(2026, 10, 2), "import:x"},
                                                Event{EventKind::accepted, utc(2026, 10, 9), "import:x"}},
                                       kNow));

    const auto whole = store().ledger(m_account);
    for (const ingest::PageScope& scope :
         {ingest::PageScope{{"in:ben", "in:eve", "in:nobody"}, {}}, ingest::PageScope{{}, {}},
          ingest::PageScope{{}, {"cy", "dee", "eve"}}, ingest::PageScope{{"in:ben"}, {"cy"}}}) {
        std::vector<std::int64_t> expected;
        for (const auto& e : whole.invitations)
            if (ingest::in_page_scope(e, scope)) expected.push_back(e.id.value);
        std::sort(expected.begin(), expected.end());
        const auto part = store().page_ledger(m_account, scope);
        std::vector<std::int64_t> got;
        for (const auto& e : part.invitations) got.push_back(e.id.value);
        EXPECT_EQ(got, expected) << "names=" << scope.names.size() << " keys=" << scope.person_keys.size();
        for (const auto& e : part.invitations)
            for (const auto& w : whole.invitations)
                if (w.id == e.id) {
                    EXPECT_EQ(e.person_key, w.person_key);
                    EXPECT_EQ(e.status, w.status);
                    EXPECT_EQ(e.sent_at, w.sent_at);
                    EXPECT_EQ(e.gone_by_page, w.gone_by_page);
                }
        EXPECT_TRUE(part.connections.empty());
    }
    // The scopes' sizes, so that the test bites: ada and the name and URN; + ben, eve by
    // profile; + cy and eve by name (dee's was received).
    EXPECT_EQ(store().page_ledger(m_account, {{}, {}}).invitations.size(), 3u);
    EXPECT_EQ(store().page_ledger(m_account, {{"in:ben", "in:eve"}, {}}).invitations.size(), 5u);
    EXPECT_EQ(store().page_ledger(m_account, {{}, {"cy", "dee", "eve"}}).invitations.size(), 5u);
}

// ---- connections ----

TEST_P(StoreContract, UpsertConnectionsAndConnectedOn)
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

TEST_P(StoreContract, ManyConnectionsAtOnceAndAPersonListedTwiceKeepsTheLaterRow)
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

TEST_P(StoreContract, ConnectionsBelongToOneAccount)
{
    store().upsert_connections(
        m_account, {ingest::ConnectionRecord{"in:maya-patel", "Maya", "Patel", "", "", "", "", day(2026, 1, 29)}});
    auto other = store().create_account("sam", kNow).value();
    EXPECT_EQ(store().connected_on(other, "in:maya-patel"), std::nullopt);
}

TEST_P(StoreContract, LedgerHoldsInvitationsWithTheirStatus)
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

TEST_P(StoreContract, QueueIsTakenByPriorityThenQueueOrderAndKeepsEveryField)
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

TEST_P(StoreContract, TemplatesAreReplacedByNameAndRemoved)
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

TEST_P(StoreContract, DoNotContactAddsOnceAndRemoves)
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

TEST_P(StoreContract, AccountEventsByKindOldestFirst)
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

TEST_P(StoreContract, AnAccountEventTakenBackIsNoLongerListed)
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

TEST_P(StoreContract, TemplateNameOfASentNoteIsKept)
{
    auto inv = invitation_to(m_account, "maya-patel");
    inv.template_name = "intro";
    auto id = store().add_invitation(inv, {Event{EventKind::sent, utc(2026, 11, 2), "cli"}}, kNow).value();
    EXPECT_EQ(store().invitation(m_account, id)->template_name, "intro");
}

// A ledger written by schema version 1 comes through every migration whole: the
// same invitations, states and counts, the same log (sent events now the
// invitations' own rows), and no broken reference.

// ---- moving a whole ledger ----

// Every table's rows, as copy_ledger reads them.
std::vector<std::vector<Row>> all_rows(Store& s)
{
    std::vector<std::vector<Row>> out;
    for (const auto& table : ledger_tables()) out.push_back(s.read_table(table));
    return out;
}

TEST_P(StoreContract, ALedgerMovedIntoAnEmptyStoreAndBackKeepsEveryRowAndId)
{
    add("ann", utc(2026, 10, 1), {Event{EventKind::accepted, utc(2026, 10, 2), "import:x"}});
    add("bo", utc(2026, 10, 3), {Event{EventKind::withdrawn, utc(2026, 11, 1), "cli"}});
    add("cy", utc(2026, 10, 4), {}, Direction::incoming);
    const auto di = add("di", utc(2026, 10, 5));
    auto kept = store().record_event(m_account, di, Event{EventKind::keep, kNow, "cli"}, kNow);
    ASSERT_TRUE(kept) << kept.error().message;
    store().set_account_setting(m_account, "weekly.limit", "80");
    core::Prospect p;
    p.account = m_account;
    p.person = core::Person{"in:dee", "Dee", "https://www.linkedin.com/in/dee"};
    p.note = "Hi Dee";
    p.vars = {{"school", "Leeds"}};
    p.added_at = kNow;
    store().add_prospects(m_account, {p});
    store().set_template(m_account, core::Template{"intro", "Hi {first_name}", kNow});
    store().add_do_not_contact(
        m_account, core::DoNotContact{core::Person{"in:eve", "Eve", "https://www.linkedin.com/in/eve"}, kNow});
    store().record_account_event(m_account,
                                 core::AccountEvent{0, core::AccountEventKind::restricted, kNow, {}, "cli", kNow});
    const auto before = all_rows(store());

    auto memory = open_store(":memory:", Open::or_create);
    ASSERT_TRUE(memory);
    auto moved = copy_ledger(store(), **memory);
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_FALSE(moved->renumbered);
    ASSERT_EQ(moved->accounts.size(), 1u);
    EXPECT_EQ(moved->accounts[0].invitations, 4);
    EXPECT_EQ(moved->accounts[0].to_id, m_account);
    EXPECT_EQ(all_rows(**memory), before);
    EXPECT_EQ(all_rows(store()), before) << "the source changed";

    // Back into a new ledger of this backend: the same rows again, and new rows
    // continue after the moved ids.
    TempPath second{"contract_back"};
    auto back = GetParam().open(second.str());
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_TRUE(copy_ledger(**memory, **back));
    EXPECT_EQ(all_rows(**back), before);
    auto next = (*back)->add_invitation(invitation_to(m_account, "fay"), {Event{EventKind::sent, kNow, "cli"}}, kNow);
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_GT(next->value, di.value);

    // A second move finds the account there and writes nothing.
    const auto target = all_rows(**memory);
    auto again = copy_ledger(store(), **memory);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "account_exists");
    EXPECT_EQ(all_rows(**memory), target);
}

TEST_P(StoreContract, ALedgerMovedBesideAnotherAccountGoesPastItsIds)
{
    add("ann", utc(2026, 10, 1));
    TempPath file{"contract_team"};
    auto team = GetParam().open(file.str());
    ASSERT_TRUE(team) << team.error().message;
    auto dana = (*team)->create_account("dana", kNow);
    ASSERT_TRUE(dana);
    ASSERT_TRUE((*team)->add_invitation(invitation_to(*dana, "zed"), {Event{EventKind::sent, kNow, "cli"}}, kNow));
    auto moved = copy_ledger(store(), **team);
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_TRUE(moved->renumbered);
    const auto maya = moved->accounts.at(0).to_id;
    EXPECT_NE(maya, *dana);
    EXPECT_EQ(slugs({}), Names{"ann"});
    auto there = (*team)->invitations(maya, {});
    ASSERT_EQ(there.size(), 1u);
    EXPECT_EQ(there[0].person.name, "ann");
    EXPECT_EQ((*team)->invitations(*dana, {}).size(), 1u);
    EXPECT_EQ((*team)->count_invitations(maya, with_status(Status::pending)), 1);
}

// ---- the team's directory: users, grants, tokens, sessions ----

TEST_P(StoreContract, ANewDatabaseHasNoUsers)
{
    Directory directory(store());
    EXPECT_FALSE(directory.has_users());
    EXPECT_TRUE(directory.users().empty());
    EXPECT_FALSE(directory.user("dana"));
}

TEST_P(StoreContract, AUserIsAddedWithTheirRoleAndGrantsAndListedByName)
{
    Directory directory(store());
    auto ok = store().transaction([&]() -> core::Result<void> {
        auto zoe = directory.add_user("zoe", Role::viewer, "$argon2id$zoe", kNow);
        if (!zoe) return std::unexpected(zoe.error());
        auto dana = directory.add_user("dana", Role::operator_, "$argon2id$dana", kNow + 1h);
        if (!dana) return std::unexpected(dana.error());
        EXPECT_TRUE(directory.grant(*dana, m_account));
        EXPECT_FALSE(directory.grant(*dana, m_account)) << "a second grant of the same account changes nothing";
        return {};
    });
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_TRUE(directory.has_users());
    auto all = directory.users();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "dana");
    EXPECT_EQ(all[1].name, "zoe");
    auto dana = directory.user("dana");
    ASSERT_TRUE(dana);
    EXPECT_EQ(dana->role, Role::operator_);
    EXPECT_EQ(dana->password_hash, "$argon2id$dana");
    EXPECT_EQ(dana->created_at, kNow + 1h);
    EXPECT_EQ(dana->accounts, Names{"maya"});
    EXPECT_EQ(dana->failed_logins, 0);
    EXPECT_FALSE(dana->last_failed_at);
    EXPECT_TRUE(directory.user("zoe")->accounts.empty());
}

TEST_P(StoreContract, ATakenUserNameIsAConflictAndTheFirstUserStays)
{
    Directory directory(store());
    ASSERT_TRUE(directory.add_user("dana", Role::admin, "first", kNow));
    auto again = directory.add_user("dana", Role::viewer, "second", kNow);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(again.error().code, "user_exists");
    EXPECT_EQ(directory.user("dana")->role, Role::admin);
    EXPECT_EQ(directory.user("dana")->password_hash, "first");
}

TEST_P(StoreContract, RevokingAGrantAndRemovingAUserTakeWhatBelongsToThem)
{
    Directory directory(store());
    auto lee = store().create_account("lee", kNow);
    ASSERT_TRUE(lee);
    const auto dana = directory.add_user("dana", Role::operator_, "h", kNow).value();
    const auto zoe = directory.add_user("zoe", Role::viewer, "h", kNow).value();
    directory.grant(dana, m_account);
    directory.grant(dana, *lee);
    directory.grant(zoe, *lee);
    directory.add_token(dana, "token-digest", kNow);
    directory.add_session(dana, "session-digest", kNow, kNow + 1h);
    EXPECT_TRUE(directory.revoke(dana, m_account));
    EXPECT_FALSE(directory.revoke(dana, m_account));
    EXPECT_EQ(directory.user("dana")->accounts, Names{"lee"});

    EXPECT_TRUE(directory.remove_user("dana"));
    EXPECT_FALSE(directory.remove_user("dana"));
    EXPECT_FALSE(directory.user_by_token("token-digest"));
    EXPECT_FALSE(directory.user_by_session("session-digest", kNow));
    EXPECT_EQ(directory.user("zoe")->accounts, Names{"lee"}) << "another user's grants stay";
}

TEST_P(StoreContract, ATokenFindsItsUserUntilRevoked)
{
    Directory directory(store());
    const auto dana = directory.add_user("dana", Role::operator_, "h", kNow).value();
    directory.add_token(dana, "one", kNow);
    directory.add_token(dana, "two", kNow);
    EXPECT_EQ(directory.user("dana")->live_tokens, 2);
    auto found = directory.user_by_token("two");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "dana");
    EXPECT_FALSE(directory.user_by_token("three"));
    EXPECT_EQ(directory.revoke_tokens(dana, kNow + 1h), 2);
    EXPECT_EQ(directory.revoke_tokens(dana, kNow + 2h), 0);
    EXPECT_FALSE(directory.user_by_token("one"));
    EXPECT_EQ(directory.user("dana")->live_tokens, 0);
}

TEST_P(StoreContract, ASessionLastsUntilItExpiresOrEndsOrThePasswordChanges)
{
    Directory directory(store());
    const auto dana = directory.add_user("dana", Role::viewer, "old", kNow).value();
    directory.add_session(dana, "s1", kNow, kNow + 12h);
    directory.add_session(dana, "s2", kNow, kNow + 1h);
    directory.add_session(dana, "s3", kNow, kNow + 12h);
    EXPECT_TRUE(directory.user_by_session("s2", kNow + 59min));
    EXPECT_FALSE(directory.user_by_session("s2", kNow + 1h)) << "expired at its end";
    directory.remove_expired_sessions(kNow + 2h);
    EXPECT_FALSE(directory.user_by_session("s2", kNow));
    EXPECT_TRUE(directory.user_by_session("s1", kNow + 2h));
    directory.end_session("s1");
    EXPECT_FALSE(directory.user_by_session("s1", kNow + 2h));
    EXPECT_TRUE(directory.user_by_session("s3", kNow + 2h));
    EXPECT_TRUE(directory.set_password("dana", "new"));
    EXPECT_FALSE(directory.user_by_session("s3", kNow + 2h)) << "a new password logs out everywhere";
    EXPECT_EQ(directory.user("dana")->password_hash, "new");
    EXPECT_FALSE(directory.set_password("nobody", "x"));
}

TEST_P(StoreContract, FailedLoginsCountInARowUntilAGoodOne)
{
    Directory directory(store());
    const auto dana = directory.add_user("dana", Role::viewer, "h", kNow).value();
    directory.login_failed(dana, kNow);
    directory.login_failed(dana, kNow + 1min);
    auto u = directory.user("dana");
    EXPECT_EQ(u->failed_logins, 2);
    ASSERT_TRUE(u->last_failed_at);
    EXPECT_EQ(*u->last_failed_at, kNow + 1min);
    directory.login_succeeded(dana);
    EXPECT_EQ(directory.user("dana")->failed_logins, 0);
    EXPECT_FALSE(directory.user("dana")->last_failed_at);
}

TEST_P(StoreContract, AUserAddedInATransactionThatFailsIsNotThere)
{
    Directory directory(store());
    auto failed = store().transaction([&]() -> core::Result<void> {
        auto dana = directory.add_user("dana", Role::viewer, "h", kNow);
        EXPECT_TRUE(dana);
        directory.grant(*dana, m_account);
        return core::fail(core::ErrorKind::bad_input, "test", "the rest of the write failed");
    });
    EXPECT_FALSE(failed);
    EXPECT_FALSE(directory.has_users());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(backends()), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, StoreQueries, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace ik::store
