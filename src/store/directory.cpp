#include "store/directory.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace ik::store {

namespace {

using core::ErrorKind;
using core::Instant;

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles{
    {{Role::admin, "admin"}, {Role::operator_, "operator"}, {Role::viewer, "viewer"}}};

std::optional<std::string> text(std::int64_t v)
{
    return std::to_string(v);
}
std::optional<std::string> text(Instant t)
{
    return std::to_string(t.time_since_epoch().count());
}
std::optional<std::string> text(std::string_view s)
{
    return std::string(s);
}

std::int64_t integer(const std::optional<std::string>& v)
{
    return v ? std::stoll(*v) : 0;
}
Instant instant(const std::optional<std::string>& v)
{
    return Instant{std::chrono::seconds{integer(v)}};
}

constexpr std::string_view kUserColumns =
    "SELECT u.id, u.name, u.role, u.password_hash, u.created_at, u.failed_logins, u.last_failed_at, "
    "(SELECT count(*) FROM user_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) FROM users u";

}  // namespace

std::string_view role_name(Role role)
{
    for (const auto& [r, name] : kRoles)
        if (r == role) return name;
    return "viewer";
}

std::optional<Role> parse_role(std::string_view name)
{
    for (const auto& [r, n] : kRoles)
        if (n == name) return r;
    return std::nullopt;
}

std::vector<User> Directory::select_users(std::string_view where, const Row& params)
{
    std::vector<User> users;
    for (auto& row : sql(fmt::format("{} {} ORDER BY u.name", kUserColumns, where), params)) {
        User u;
        u.id = integer(row[0]);
        u.name = row[1].value_or("");
        u.role = parse_role(row[2].value_or("")).value_or(Role::viewer);
        u.password_hash = row[3].value_or("");
        u.created_at = instant(row[4]);
        u.failed_logins = static_cast<long>(integer(row[5]));
        if (row[6]) u.last_failed_at = instant(row[6]);
        u.live_tokens = static_cast<long>(integer(row[7]));
        users.push_back(std::move(u));
    }
    if (users.empty()) return users;
    // The grants of the users found, by name: one query for a list of any length.
    std::map<std::int64_t, User*> by_id;
    for (auto& u : users) by_id[u.id] = &u;
    const bool one = users.size() == 1;
    const auto grants = sql(fmt::format("SELECT g.user_id, a.name FROM user_accounts g JOIN accounts a ON a.id = "
                                        "g.account_id {} ORDER BY a.name",
                                        one ? "WHERE g.user_id = ?" : ""),
                            one ? Row{text(users.front().id)} : Row{});
    for (const auto& row : grants)
        if (auto it = by_id.find(integer(row[0])); it != by_id.end())
            it->second->accounts.push_back(row[1].value_or(""));
    return users;
}

bool Directory::has_users()
{
    return !sql("SELECT 1 FROM users LIMIT 1").empty();
}

std::vector<User> Directory::users()
{
    return select_users("", {});
}

std::optional<User> Directory::user(std::string_view name)
{
    auto found = select_users("WHERE u.name = ?", {text(name)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

core::Result<std::int64_t> Directory::add_user(std::string_view name, Role role, std::string_view password_hash,
                                               Instant at)
{
    // The caller's transaction holds the write lock: nobody adds the name in between.
    if (!sql("SELECT 1 FROM users WHERE name = ?", {text(name)}).empty())
        return core::fail(ErrorKind::conflict, "user_exists", fmt::format("there is a user \"{}\" already", name));
    auto row = sql("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                   {text(name), text(role_name(role)), text(password_hash), text(at)});
    return integer(row.at(0).at(0));
}

bool Directory::remove_user(std::string_view name)
{
    return !sql("DELETE FROM users WHERE name = ? RETURNING id", {text(name)}).empty();
}

bool Directory::set_password(std::string_view name, std::string_view password_hash)
{
    auto row =
        sql("UPDATE users SET password_hash = ?, failed_logins = 0, last_failed_at = NULL WHERE name = ? "
            "RETURNING id",
            {text(password_hash), text(name)});
    if (row.empty()) return false;
    sql("DELETE FROM user_sessions WHERE user_id = ?", {row[0][0]});
    return true;
}

bool Directory::grant(std::int64_t user, core::AccountId account)
{
    if (!sql("SELECT 1 FROM user_accounts WHERE user_id = ? AND account_id = ?", {text(user), text(account.value)})
             .empty())
        return false;
    sql("INSERT INTO user_accounts (user_id, account_id) VALUES (?, ?)", {text(user), text(account.value)});
    return true;
}

bool Directory::revoke(std::int64_t user, core::AccountId account)
{
    return !sql("DELETE FROM user_accounts WHERE user_id = ? AND account_id = ? RETURNING user_id",
                {text(user), text(account.value)})
                .empty();
}

std::int64_t Directory::add_token(std::int64_t user, std::string_view digest, Instant at)
{
    auto row = sql("INSERT INTO user_tokens (user_id, digest, created_at) VALUES (?, ?, ?) RETURNING id",
                   {text(user), text(digest), text(at)});
    return integer(row.at(0).at(0));
}

long Directory::revoke_tokens(std::int64_t user, Instant at)
{
    return static_cast<long>(
        sql("UPDATE user_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id",
            {text(at), text(user)})
            .size());
}

std::optional<User> Directory::user_by_token(std::string_view digest)
{
    auto found =
        select_users("WHERE u.id = (SELECT t.user_id FROM user_tokens t WHERE t.digest = ? AND t.revoked_at IS NULL)",
                     {text(digest)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

void Directory::add_session(std::int64_t user, std::string_view digest, Instant at, Instant expires)
{
    sql("INSERT INTO user_sessions (digest, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        {text(digest), text(user), text(at), text(expires)});
}

std::optional<User> Directory::user_by_session(std::string_view digest, Instant now)
{
    auto found =
        select_users("WHERE u.id = (SELECT s.user_id FROM user_sessions s WHERE s.digest = ? AND s.expires_at > ?)",
                     {text(digest), text(now)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

void Directory::end_session(std::string_view digest)
{
    sql("DELETE FROM user_sessions WHERE digest = ?", {text(digest)});
}

void Directory::remove_expired_sessions(Instant now)
{
    sql("DELETE FROM user_sessions WHERE expires_at <= ?", {text(now)});
}

void Directory::login_failed(std::int64_t user, Instant at)
{
    sql("UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = ? WHERE id = ?", {text(at), text(user)});
}

void Directory::login_succeeded(std::int64_t user)
{
    sql("UPDATE users SET failed_logins = 0, last_failed_at = NULL WHERE id = ? AND failed_logins > 0", {text(user)});
}

}  // namespace ik::store
