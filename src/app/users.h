// The team's users (docs/teams.md): who may log in to a server, with which role, on
// which accounts; their API tokens; and the checks a server makes of each caller.
// Managed from the CLI by whoever can open the database. Each write is one
// transaction.
#pragma once

#include "app/session.h"
#include "store/directory.h"

#include <optional>
#include <string>
#include <vector>

namespace ik::app {

// A user as shown: never the password's hash.
struct UserView {
    std::string name;
    std::string role;
    std::vector<std::string> accounts;  // granted; an admin sees every account
    core::Instant created_at;
    long live_tokens = 0;
};
UserView view_of(const store::User& user);

struct UserAddRequest {
    static constexpr bool kWrites = true;
    std::string name{};
    std::string role{};                   // admin, operator or viewer
    std::vector<std::string> accounts{};  // granted at once (not for an admin)
    std::string password{};
};
struct UserPasswdRequest {
    static constexpr bool kWrites = true;
    std::string name{};
    std::string password{};
};
struct UserRemoveRequest {
    static constexpr bool kWrites = true;
    std::string name{};
};
// Grants an account to a user, or (grant = false) takes it back.
struct UserGrantRequest {
    static constexpr bool kWrites = true;
    std::string name{};
    std::string account{};
    bool grant = true;
};
struct UserListRequest {
    static constexpr bool kWrites = false;
};
struct UserAnswer {
    std::string did;  // "added", "password changed", "removed", "granted", "revoked", "unchanged"
    UserView user;
};
struct UserListAnswer {
    std::string database;
    std::vector<UserView> users;
};
core::Result<UserAnswer> run(Session& session, const UserAddRequest& request);
core::Result<UserAnswer> run(Session& session, const UserPasswdRequest& request);
core::Result<UserAnswer> run(Session& session, const UserRemoveRequest& request);
core::Result<UserAnswer> run(Session& session, const UserGrantRequest& request);
core::Result<UserListAnswer> run(Session& session, const UserListRequest& request);

// A new API token for a user (shown once, kept only as its digest), or, with
// revoke, every live token of theirs taken back.
struct UserTokenRequest {
    static constexpr bool kWrites = true;
    std::string name{};
    bool revoke = false;
};
struct UserTokenAnswer {
    std::string user;
    std::optional<std::string> token;  // the new one
    long revoked = 0;
};
core::Result<UserTokenAnswer> run(Session& session, const UserTokenRequest& request);

// What a server checks of a caller (present/http). Failed logins in a row beyond
// kFreeLoginFailures make the next attempt wait (login_wait); a name that is
// nobody's costs the same time as a wrong password and gets the same answer.
constexpr long kFreeLoginFailures = 5;
// How long after the last failure the next login of a user with `failures` in a
// row is heard: none for the first few, then 30 s doubling to at most 15 minutes.
core::Duration login_wait(long failures);

struct Login {
    store::User user;
    std::string session;  // the session's secret, for the cookie
};
constexpr core::Duration kSessionLife = std::chrono::hours(12);

// A login in three steps, so that a server holds its store only for the reads and
// writes, not for the password's hash (tens of milliseconds):
//   begin_login     reads the user, if the name is one, and whether they must wait;
//   password_matches checks the password (against a decoy for a name that is nobody's);
//   end_login       records the outcome: a failure counted, or a session opened.
struct LoginAttempt {
    std::optional<store::User> user;
    core::Duration wait{0};  // a throttled user's time left before the next attempt is heard
};
LoginAttempt begin_login(store::Store& store, std::string_view name, core::Instant now);
bool password_matches(const LoginAttempt& attempt, std::string_view password);
// Errors: "bad_login" (a wrong name or password, one answer for both).
core::Result<Login> end_login(store::Store& store, const LoginAttempt& attempt, bool good, core::Instant now);

// The three in one: a name and password checked, a session lasting kSessionLife
// opened. Errors: "bad_login"; "login_throttled" (too many failures in a row: its
// message says when to try again).
core::Result<Login> log_in(store::Store& store, std::string_view name, std::string_view password, core::Instant now);
// Whether the database has users: a server on it logs people in by name (a team
// server), else by the token it was given (a lone member's).
bool team_server(store::Store& store);
std::optional<store::User> session_user(store::Store& store, std::string_view session, core::Instant now);
void log_out(store::Store& store, std::string_view session);
std::optional<store::User> token_user(store::Store& store, std::string_view token);

}  // namespace ik::app
