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
// Checks a name and password and opens a session lasting kSessionLife. Errors:
// "bad_login" (a wrong name or password, one answer for both), "login_throttled"
// (too many failures in a row: its message says when to try again).
constexpr core::Duration kSessionLife = std::chrono::hours(12);
core::Result<Login> log_in(store::Store& store, std::string_view name, std::string_view password, core::Instant now);
std::optional<store::User> session_user(store::Store& store, std::string_view session, core::Instant now);
void log_out(store::Store& store, std::string_view session);
std::optional<store::User> token_user(store::Store& store, std::string_view token);

}  // namespace ik::app
