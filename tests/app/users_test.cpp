// The team's users through their typed requests, as the CLI and the server call
// them: on a real SQLite file, with the clock pinned. The same directory on
// PostgreSQL is the store contract's (tests/store/contract_test.cpp).
#include "app/users.h"
#include "app/json.h"
#include "support.h"

#include <gtest/gtest.h>

namespace ik::app {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kPassword = "correct horse battery";

class Users : public test::LedgerTest {
protected:
    void SetUp() override
    {
        LedgerTest::SetUp();
        ASSERT_TRUE(run(InitRequest{.name = "maya", .tz = "UTC"}));
        ASSERT_TRUE(run(InitRequest{.name = "lee", .tz = "UTC"}));
    }
    void TearDown() override
    {
        m_session.reset();
        LedgerTest::TearDown();
    }

    // The store a server would hold open.
    store::Store& store()
    {
        if (!m_session) m_session = std::make_unique<Session>(session());
        return **m_session->store();
    }
    static core::Instant at(core::Duration after = {})
    {
        return core::Instant{std::chrono::seconds{1795683600}} + after;  // 2026-11-26 09:00 UTC
    }

    std::unique_ptr<Session> m_session;
};

TEST_F(Users, AddedUserIsKeptAsAnArgon2idHashAndShownWithoutIt)
{
    auto added = run(
        UserAddRequest{.name = "dana", .role = "operator", .accounts = {"maya"}, .password = std::string(kPassword)});
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->did, "added");
    EXPECT_EQ(added->user.role, "operator");
    EXPECT_EQ(added->user.accounts, std::vector<std::string>{"maya"});
    const auto shown = to_json(*added).dump() + to_json(*run(UserListRequest{})).dump();
    EXPECT_EQ(shown.find("argon2"), std::string::npos) << shown;
    EXPECT_EQ(shown.find(kPassword), std::string::npos) << shown;

    auto kept = store::Directory(store()).user("dana");
    ASSERT_TRUE(kept);
    EXPECT_TRUE(kept->password_hash.starts_with("$argon2id$")) << kept->password_hash;
    EXPECT_EQ(kept->password_hash.find(kPassword), std::string::npos);
}

TEST_F(Users, BadRequestsAreRefusedAndAddNobody)
{
    const std::string good(kPassword);
    EXPECT_EQ(run(UserAddRequest{.name = "dana", .role = "operator", .password = "short"}).error().code,
              "weak_password");
    EXPECT_EQ(run(UserAddRequest{.name = "Dana Smith", .role = "operator", .password = good}).error().code,
              "bad_user_name");
    EXPECT_EQ(run(UserAddRequest{.name = "dana", .role = "owner", .password = good}).error().code, "bad_role");
    EXPECT_EQ(run(UserAddRequest{.name = "dana", .role = "admin", .accounts = {"maya"}, .password = good}).error().code,
              "admin_accounts");
    // An unknown account among the grants takes back the whole write: no user without it.
    auto unknown =
        run(UserAddRequest{.name = "dana", .role = "viewer", .accounts = {"maya", "nobody"}, .password = good});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, "unknown_account");
    EXPECT_TRUE(run(UserListRequest{})->users.empty());

    ASSERT_TRUE(run(UserAddRequest{.name = "dana", .role = "viewer", .password = good}));
    auto twice = run(UserAddRequest{.name = "dana", .role = "admin", .password = good});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().kind, core::ErrorKind::conflict);
    EXPECT_EQ(run(UserListRequest{})->users.at(0).role, "viewer");
}

TEST_F(Users, GrantRevokeAndRemoveSayWhatTheyDid)
{
    ASSERT_TRUE(run(UserAddRequest{.name = "zoe", .role = "viewer", .password = std::string(kPassword)}));
    EXPECT_EQ(run(UserGrantRequest{.name = "zoe", .account = "lee"})->did, "granted");
    EXPECT_EQ(run(UserGrantRequest{.name = "zoe", .account = "lee"})->did, "unchanged");
    EXPECT_EQ(run(UserGrantRequest{.name = "zoe", .account = "maya"})->user.accounts,
              (std::vector<std::string>{"lee", "maya"}));
    EXPECT_EQ(run(UserGrantRequest{.name = "zoe", .account = "lee", .grant = false})->did, "revoked");
    EXPECT_EQ(run(UserGrantRequest{.name = "zoe", .account = "lee", .grant = false})->did, "unchanged");
    EXPECT_EQ(run(UserGrantRequest{.name = "zoe", .account = "ghost"}).error().code, "unknown_account");
    EXPECT_EQ(run(UserGrantRequest{.name = "ghost", .account = "lee"}).error().code, "unknown_user");
    auto removed = run(UserRemoveRequest{.name = "zoe"});
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->did, "removed");
    EXPECT_EQ(removed->user.accounts, std::vector<std::string>{"maya"});
    EXPECT_EQ(run(UserRemoveRequest{.name = "zoe"}).error().code, "unknown_user");
}

TEST_F(Users, ALoginOpensASessionAndAWrongPasswordOrNameGetsOneAnswer)
{
    ASSERT_TRUE(run(UserAddRequest{.name = "dana", .role = "operator", .password = std::string(kPassword)}));
    auto wrong = log_in(store(), "dana", "correct horse battery!", at());
    auto nobody = log_in(store(), "ghost", kPassword, at());
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(nobody);
    EXPECT_EQ(wrong.error().code, "bad_login");
    EXPECT_EQ(wrong.error().message, nobody.error().message) << "whether a name is a user's is not disclosed";

    auto login = log_in(store(), "dana", kPassword, at(1min));
    ASSERT_TRUE(login) << login.error().message;
    EXPECT_TRUE(login->session.starts_with("iks_"));
    EXPECT_EQ(login->user.name, "dana");
    EXPECT_EQ(session_user(store(), login->session, at(11h))->name, "dana");
    EXPECT_FALSE(session_user(store(), login->session, at(12h + 1min))) << "a session lasts 12 hours";
    EXPECT_FALSE(session_user(store(), "iks_made_up", at(2min)));
    log_out(store(), login->session);
    EXPECT_FALSE(session_user(store(), login->session, at(2min)));
}

TEST_F(Users, FailedLoginsInARowMakeTheNextOneWaitEvenWithTheRightPassword)
{
    ASSERT_TRUE(run(UserAddRequest{.name = "dana", .role = "viewer", .password = std::string(kPassword)}));
    for (int i = 0; i < kFreeLoginFailures; ++i)
        EXPECT_EQ(log_in(store(), "dana", "guess number " + std::to_string(i), at(i * 1s)).error().code, "bad_login");
    const auto last = at((kFreeLoginFailures - 1) * 1s);
    auto held = log_in(store(), "dana", kPassword, last + 10s);
    ASSERT_FALSE(held);
    EXPECT_EQ(held.error().code, "login_throttled");
    EXPECT_NE(held.error().message.find("try again in 20 s"), std::string::npos) << held.error().message;
    // Once the wait is over, the right password gets in and clears the count.
    ASSERT_TRUE(log_in(store(), "dana", kPassword, last + 30s));
    EXPECT_EQ(store::Directory(store()).user("dana")->failed_logins, 0);
    EXPECT_EQ(log_in(store(), "dana", "a wrong one again", last + 31s).error().code, "bad_login");
}

TEST_F(Users, TheWaitDoublesFromHalfAMinuteToAQuarterOfAnHour)
{
    EXPECT_EQ(login_wait(0), 0s);
    EXPECT_EQ(login_wait(kFreeLoginFailures - 1), 0s);
    EXPECT_EQ(login_wait(kFreeLoginFailures), 30s);
    EXPECT_EQ(login_wait(kFreeLoginFailures + 1), 60s);
    EXPECT_EQ(login_wait(kFreeLoginFailures + 4), 480s);
    EXPECT_EQ(login_wait(kFreeLoginFailures + 5), 900s);
    EXPECT_EQ(login_wait(1000), 900s);
}

TEST_F(Users, ANewPasswordEndsEverySessionAndTheOldOneNoLongerWorks)
{
    ASSERT_TRUE(run(UserAddRequest{.name = "dana", .role = "viewer", .password = std::string(kPassword)}));
    auto login = log_in(store(), "dana", kPassword, at());
    ASSERT_TRUE(login);
    EXPECT_EQ(run(UserPasswdRequest{.name = "dana", .password = "short"}).error().code, "weak_password");
    ASSERT_TRUE(run(UserPasswdRequest{.name = "dana", .password = "a new long passphrase"}));
    EXPECT_FALSE(session_user(store(), login->session, at(1min)));
    EXPECT_EQ(log_in(store(), "dana", kPassword, at(2min)).error().code, "bad_login");
    EXPECT_TRUE(log_in(store(), "dana", "a new long passphrase", at(3min)));
}

TEST_F(Users, ATokenIsShownOnceKeptAsADigestAndRevocable)
{
    ASSERT_TRUE(run(UserAddRequest{.name = "bot", .role = "operator", .password = std::string(kPassword)}));
    auto issued = run(UserTokenRequest{.name = "bot"});
    ASSERT_TRUE(issued);
    ASSERT_TRUE(issued->token);
    EXPECT_TRUE(issued->token->starts_with("ikt_"));
    EXPECT_EQ(token_user(store(), *issued->token)->name, "bot");
    EXPECT_FALSE(store::Directory(store()).user_by_token(*issued->token)) << "only the digest is stored";
    EXPECT_FALSE(token_user(store(), "ikt_made_up"));
    EXPECT_EQ(run(UserTokenRequest{.name = "bot", .revoke = true})->revoked, 1);
    EXPECT_FALSE(token_user(store(), *issued->token));
    EXPECT_EQ(run(UserTokenRequest{.name = "ghost"}).error().code, "unknown_user");
}

}  // namespace
}  // namespace ik::app
