#include "app/users.h"

#include "app/json.h"
#include "app/secrets.h"
#include "store/open.h"

#include <fmt/format.h>

#include <algorithm>

namespace ik::app {

namespace {

using core::ErrorKind;
using store::Directory;

constexpr size_t kMinPassword = 12;
constexpr size_t kMaxPassword = 1024;

core::Result<void> check_name(std::string_view name)
{
    const bool fits = !name.empty() && name.size() <= 64 &&
                      std::all_of(name.begin(), name.end(),
                                  [](char c) {
                                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                                             c == '-' || c == '@';
                                  }) &&
                      name.front() != '.' && name.front() != '-';
    if (!fits)
        return core::fail(ErrorKind::usage, "bad_user_name",
                          fmt::format("a user name is 1 to 64 of a-z, 0-9, '.', '_', '-' and '@' (not \"{}\")", name));
    return {};
}

core::Result<void> check_password(std::string_view password)
{
    if (password.size() < kMinPassword)
        return core::fail(ErrorKind::usage, "weak_password",
                          fmt::format("a password has at least {} characters", kMinPassword));
    if (password.size() > kMaxPassword)
        return core::fail(ErrorKind::usage, "bad_password",
                          fmt::format("a password has at most {} bytes", kMaxPassword));
    return {};
}

core::Result<store::User> find_user(Directory& directory, std::string_view name)
{
    if (auto u = directory.user(name)) return *u;
    return core::fail(ErrorKind::usage, "unknown_user", fmt::format("there is no user \"{}\"", name));
}

core::Result<store::Account> find_account(store::Store& store, std::string_view name)
{
    for (const auto& a : store.accounts())
        if (a.name == name) return a;
    return core::fail(ErrorKind::usage, "unknown_account", fmt::format("no account named \"{}\"", name));
}

// The write `fn` makes, in one transaction, and the user as it is afterwards.
template <class Fn>
core::Result<UserAnswer> change(Session& session, std::string_view name, Fn fn)
{
    auto s = session.store();
    if (!s) return std::unexpected(s.error());
    Directory directory(**s);
    UserAnswer answer;
    auto done = (*s)->transaction([&]() -> core::Result<void> {
        auto did = fn(**s, directory);
        if (!did) return std::unexpected(did.error());
        answer.did = *did;
        if (auto u = directory.user(name)) answer.user = view_of(*u);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return answer;
}

}  // namespace

UserView view_of(const store::User& user)
{
    return UserView{user.name, std::string(store::role_name(user.role)), user.accounts, user.created_at,
                    user.live_tokens};
}

core::Result<UserAnswer> run(Session& session, const UserAddRequest& request)
{
    if (auto ok = check_name(request.name); !ok) return std::unexpected(ok.error());
    auto role = store::parse_role(request.role);
    if (!role)
        return core::fail(ErrorKind::usage, "bad_role",
                          fmt::format("a role is admin, operator or viewer (not \"{}\")", request.role));
    if (*role == store::Role::admin && !request.accounts.empty())
        return core::fail(ErrorKind::usage, "admin_accounts",
                          "an admin sees every account: give --accounts to an operator or a viewer");
    if (auto ok = check_password(request.password); !ok) return std::unexpected(ok.error());
    // Hashed before the transaction: the write lock is not held for the hash's time.
    auto hash = hash_password(request.password);
    if (!hash) return std::unexpected(hash.error());
    auto now = session.now(core::Zone::utc());
    if (!now) return std::unexpected(now.error());
    return change(session, request.name, [&](store::Store& s, Directory& d) -> core::Result<std::string> {
        auto id = d.add_user(request.name, *role, *hash, *now);
        if (!id) return std::unexpected(id.error());
        for (const auto& name : request.accounts) {
            auto account = find_account(s, name);
            if (!account) return std::unexpected(account.error());
            d.grant(*id, account->id);
        }
        return std::string("added");
    });
}

core::Result<UserAnswer> run(Session& session, const UserPasswdRequest& request)
{
    if (auto ok = check_password(request.password); !ok) return std::unexpected(ok.error());
    auto hash = hash_password(request.password);
    if (!hash) return std::unexpected(hash.error());
    return change(session, request.name, [&](store::Store&, Directory& d) -> core::Result<std::string> {
        if (!d.set_password(request.name, *hash)) return std::unexpected(find_user(d, request.name).error());
        return std::string("password changed");
    });
}

core::Result<UserAnswer> run(Session& session, const UserRemoveRequest& request)
{
    UserView removed;
    auto answer = change(session, request.name, [&](store::Store&, Directory& d) -> core::Result<std::string> {
        auto user = find_user(d, request.name);
        if (!user) return std::unexpected(user.error());
        removed = view_of(*user);
        d.remove_user(request.name);
        return std::string("removed");
    });
    if (answer) answer->user = removed;
    return answer;
}

core::Result<UserAnswer> run(Session& session, const UserGrantRequest& request)
{
    return change(session, request.name, [&](store::Store& s, Directory& d) -> core::Result<std::string> {
        auto user = find_user(d, request.name);
        if (!user) return std::unexpected(user.error());
        if (user->role == store::Role::admin)
            return core::fail(ErrorKind::usage, "admin_accounts",
                              fmt::format("{} is an admin and sees every account", user->name));
        auto account = find_account(s, request.account);
        if (!account) return std::unexpected(account.error());
        const bool changed = request.grant ? d.grant(user->id, account->id) : d.revoke(user->id, account->id);
        return std::string(!changed ? "unchanged" : request.grant ? "granted" : "revoked");
    });
}

core::Result<UserListAnswer> run(Session& session, const UserListRequest&)
{
    auto s = session.store();
    if (!s) return std::unexpected(s.error());
    UserListAnswer answer;
    answer.database = store::printable(session.db_path().value_or(""));
    for (const auto& u : Directory(**s).users()) answer.users.push_back(view_of(u));
    return answer;
}

core::Result<UserTokenAnswer> run(Session& session, const UserTokenRequest& request)
{
    auto s = session.store();
    if (!s) return std::unexpected(s.error());
    auto now = session.now(core::Zone::utc());
    if (!now) return std::unexpected(now.error());
    Directory directory(**s);
    UserTokenAnswer answer;
    answer.user = request.name;
    auto done = (*s)->transaction([&]() -> core::Result<void> {
        auto user = find_user(directory, request.name);
        if (!user) return std::unexpected(user.error());
        if (request.revoke) {
            answer.revoked = directory.revoke_tokens(user->id, *now);
            return {};
        }
        std::string token = new_secret("ikt_");
        directory.add_token(user->id, secret_digest(token), *now);
        answer.token = std::move(token);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return answer;
}

core::Duration login_wait(long failures)
{
    if (failures < kFreeLoginFailures) return core::Duration{0};
    const long doublings = std::min(failures - kFreeLoginFailures, 5L);
    return std::min<core::Duration>(std::chrono::seconds(30) * (1L << doublings), std::chrono::minutes(15));
}

LoginAttempt begin_login(store::Store& store, std::string_view name, core::Instant now)
{
    LoginAttempt attempt;
    attempt.user = Directory(store).user(name);
    if (attempt.user && attempt.user->last_failed_at) {
        const core::Instant heard_from = *attempt.user->last_failed_at + login_wait(attempt.user->failed_logins);
        if (now < heard_from) attempt.wait = heard_from - now;
    }
    return attempt;
}

bool password_matches(const LoginAttempt& attempt, std::string_view password)
{
    if (!attempt.user) {
        spend_a_verify();
        return false;
    }
    return verify_password(attempt.user->password_hash, password);
}

core::Result<Login> end_login(store::Store& store, const LoginAttempt& attempt, bool good, core::Instant now)
{
    auto refused = [] {
        return core::fail(ErrorKind::usage, "bad_login", "that name and password are not a user's of this server");
    };
    if (!attempt.user) return refused();
    Directory directory(store);
    const auto& user = *attempt.user;
    Login login{user, good ? new_secret("iks_") : std::string()};
    auto written = store.transaction([&]() -> core::Result<void> {
        if (!good) {
            directory.login_failed(user.id, now);
            return {};
        }
        directory.login_succeeded(user.id);
        directory.remove_expired_sessions(now);
        directory.add_session(user.id, secret_digest(login.session), now, now + kSessionLife);
        return {};
    });
    if (!written) return std::unexpected(written.error());
    if (!good) return refused();
    return login;
}

core::Result<Login> log_in(store::Store& store, std::string_view name, std::string_view password, core::Instant now)
{
    auto attempt = begin_login(store, name, now);
    if (attempt.wait > core::Duration{0}) {
        const auto wait = std::chrono::ceil<std::chrono::seconds>(attempt.wait).count();
        return core::fail(
            ErrorKind::usage, "login_throttled",
            fmt::format("{} failed logins in a row: try again in {} s", attempt.user->failed_logins, wait));
    }
    return end_login(store, attempt, password_matches(attempt, password), now);
}

bool team_server(store::Store& store)
{
    return Directory(store).has_users();
}

std::optional<store::User> session_user(store::Store& store, std::string_view session, core::Instant now)
{
    if (session.empty()) return std::nullopt;
    return Directory(store).user_by_session(secret_digest(session), now);
}

void log_out(store::Store& store, std::string_view session)
{
    (void)store.transaction([&]() -> core::Result<void> {
        Directory(store).end_session(secret_digest(session));
        return {};
    });
}

std::optional<store::User> token_user(store::Store& store, std::string_view token)
{
    if (token.empty()) return std::nullopt;
    return Directory(store).user_by_token(secret_digest(token));
}

Json user_json(const UserView& user)
{
    return Json{{"name", user.name},
                {"role", user.role},
                {"accounts", user.accounts},
                {"created_at", json_instant(user.created_at)},
                {"live_tokens", user.live_tokens}};
}

Json to_json(const UserAnswer& answer)
{
    return Json{{"did", answer.did}, {"user", user_json(answer.user)}};
}

Json to_json(const UserListAnswer& answer)
{
    Json users = Json::array();
    for (const auto& u : answer.users) users.push_back(user_json(u));
    return Json{{"database", answer.database}, {"users", users}};
}

Json to_json(const UserTokenAnswer& answer)
{
    Json j{{"user", answer.user}};
    if (answer.token)
        j["token"] = *answer.token;
    else
        j["revoked"] = answer.revoked;
    return j;
}

}  // namespace ik::app
