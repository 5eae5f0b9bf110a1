// The team's directory: who may use a server, with which role, on which accounts;
// their API tokens and their dashboard sessions. It lives in the same database as
// the ledgers (either backend) and is written once, over the store's SQL hook.
// Secrets are never kept: a password only as its Argon2id hash and a token or a
// session id only as its digest, both made by the caller (app/secrets.h). Calls
// that write belong inside the store's transaction().
#pragma once

#include "core/error.h"
#include "core/time.h"
#include "store/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::store {

// What a user may do (docs/teams.md): an admin manages users and accounts and sees
// every account; an operator reads and works the accounts granted; a viewer reads them.
enum class Role { admin, operator_, viewer };

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

struct User {
    std::int64_t id = 0;
    std::string name;
    Role role = Role::viewer;
    std::string password_hash;  // Argon2id, in libsodium's string form
    core::Instant created_at;
    long failed_logins = 0;  // in a row, since the last good one
    std::optional<core::Instant> last_failed_at;
    std::vector<std::string> accounts;  // granted, by name, sorted (an admin sees every one anyway)
    long live_tokens = 0;
};

class Directory {
public:
    explicit Directory(Store& store) : m_store(store) {}

    // Whether anyone is a user: a server with users logs people in by name.
    bool has_users();
    std::vector<User> users();
    std::optional<User> user(std::string_view name);

    // Refused (ErrorKind::conflict, "user_exists") when the name is taken.
    core::Result<std::int64_t> add_user(std::string_view name, Role role, std::string_view password_hash,
                                        core::Instant at);
    // Takes the user's grants, tokens and sessions with them; false if there was none.
    bool remove_user(std::string_view name);
    // Also ends every dashboard session of the user: a changed password logs out everywhere.
    bool set_password(std::string_view name, std::string_view password_hash);
    // false when the account was granted already (grant) or not granted (revoke).
    bool grant(std::int64_t user, core::AccountId account);
    bool revoke(std::int64_t user, core::AccountId account);

    // API tokens, found by digest; revoking leaves the row, marked with when.
    std::int64_t add_token(std::int64_t user, std::string_view digest, core::Instant at);
    long revoke_tokens(std::int64_t user, core::Instant at);
    std::optional<User> user_by_token(std::string_view digest);

    // Dashboard sessions, found by digest while not expired at `now`.
    void add_session(std::int64_t user, std::string_view digest, core::Instant at, core::Instant expires);
    std::optional<User> user_by_session(std::string_view digest, core::Instant now);
    void end_session(std::string_view digest);
    // Expired sessions are removed as new ones are opened.
    void remove_expired_sessions(core::Instant now);

    // The login rate limit's record: failures in a row, reset by a good login.
    void login_failed(std::int64_t user, core::Instant at);
    void login_succeeded(std::int64_t user);

private:
    std::vector<User> select_users(std::string_view where, const Row& params);
    std::vector<Row> sql(std::string_view text, const Row& params = {}) { return m_store.run_sql(text, params); }

    Store& m_store;
};

}  // namespace ik::store
