// Session: what every use case runs in: where the ledger is, the account chosen,
// the clock and who is acting. The CLI builds one from its global options; the HTTP
// server builds one per request over the store it opened once. Passed in, never
// reached for as a global.
#pragma once

#include "core/error.h"
#include "core/settings.h"
#include "core/time.h"
#include "store/store.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ik::app {

struct SessionOptions {
    std::optional<std::string> db;  // --db, else $INVITEKEEPER_DB, else the XDG data path
    std::string account;            // --account (or ?account=); empty: the only one
    std::string now;                // --now, else the system clock
    std::string config;             // --config, else $XDG_CONFIG_HOME/invitekeeper/config.toml if present
    std::string source = "cli";     // recorded with every event: "cli", "api", or "user:NAME" on a team server
    // The accounts this caller may see, by name (a team server's operator or viewer);
    // none: every account. Any other account is answered as if it did not exist.
    std::optional<std::vector<std::string>> visible_accounts;
};

// Reads an environment variable; injected so tests can supply their own.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;

// What most use cases start from: the store, the account, its settings, its zone
// and now.
struct AccountScope {
    store::Store* store = nullptr;
    store::Account account;
    core::Settings settings;
    core::Zone zone = core::Zone::utc();
    core::Instant now;
};

class Session {
public:
    Session(SessionOptions options, EnvLookup env);

    const SessionOptions& options() const { return m_options; }
    const EnvLookup& env() const { return m_env; }

    // The database address these options resolve to. An empty --db or $INVITEKEEPER_DB
    // is refused: a script's unset variable must not fall back to the member's ledger.
    core::Result<std::string> db_path() const;
    // Whether there is a ledger at db_path() (or a store shared in) to open.
    core::Result<bool> has_ledger() const;
    // The store, opened on first use: an existing invitekeeper ledger only, so that a
    // mistyped path or another program's database is never created or changed.
    core::Result<store::Store*> store();
    // store() for the use cases that may start a ledger (init, serve): a missing one
    // is created, with its folder.
    core::Result<store::Store*> store_or_create();
    // Closes the store this session opened (not a shared one).
    void close_store() { m_store.reset(); }
    // Makes store() answer `shared`, which outlives this session: the server opens
    // the store once and gives each request a session of its own.
    void share_store(store::Store* shared) { m_shared_store = shared; }
    // The account use cases act on: the one named in the options, else the only one
    // (of those visible).
    core::Result<store::Account> account();
    // The store's accounts this caller may see (SessionOptions::visible_accounts).
    core::Result<std::vector<store::Account>> visible_accounts();
    // Defaults, then the config file, then the account's own settings.
    core::Result<core::Settings> settings(const store::Account& account);
    // Defaults and the config file only (before an account exists).
    core::Result<core::Settings> base_settings();
    // "Now": the options' now read in `zone`, else the system clock.
    core::Result<core::Instant> now(const core::Zone& zone) const;
    // The store, the account, its settings, zone and now, in that order of checks.
    core::Result<AccountScope> open_account();
    // The same for an account already chosen (one of visible_accounts()).
    core::Result<AccountScope> open_account(const store::Account& account);
    // The account's zone from its settings.
    static core::Zone zone_of(const core::Settings& settings);

private:
    std::optional<std::string> config_path() const;
    core::Result<store::Store*> open_store(bool create);

    SessionOptions m_options;
    EnvLookup m_env;
    std::unique_ptr<store::Store> m_store;
    store::Store* m_shared_store = nullptr;
};

}  // namespace ik::app
