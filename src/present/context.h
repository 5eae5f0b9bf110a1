// Context: what every command gets: the global options, the store (opened on
// first use), the account, the effective settings and the clock. Passed in,
// never reached for as a global.
#pragma once

#include "core/error.h"
#include "core/settings.h"
#include "core/time.h"
#include "store/store.h"

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

namespace ik::present {

struct GlobalOptions {
    std::optional<std::string> db;  // --db, else $INVITEKEEPER_DB, else the XDG data path
    std::string account;  // --account
    std::string now;      // --now, else the system clock
    std::string config;   // --config, else $XDG_CONFIG_HOME/invitekeeper/config.toml if present
    bool json = false;
    std::string source = "cli";  // recorded with every event: "cli", or "api" for the HTTP API
};

// Reads an environment variable; injected so tests can supply their own.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;

class Context {
public:
    Context(GlobalOptions options, std::ostream& err, bool err_is_terminal, EnvLookup env);

    const GlobalOptions& options() const { return m_options; }
    bool json() const { return m_options.json; }
    std::ostream& err() { return m_err; }
    bool err_is_terminal() const { return m_err_is_terminal; }

    // The database path these options resolve to. An empty --db or $INVITEKEEPER_DB
    // is refused: a script's unset variable must not fall back to the member's ledger.
    core::Result<std::string> db_path() const;
    // Whether there is a ledger at db_path() (or a store shared in) to open.
    core::Result<bool> has_ledger() const;
    // The store, opened on first use: an existing invitekeeper ledger only, so that a
    // mistyped path or another program's database is never created or changed.
    core::Result<store::Store*> store();
    // store() for the commands that may start a ledger (init, serve): a missing one is
    // created, with its folder.
    core::Result<store::Store*> store_or_create();
    // Closes the store this context opened (not a shared one).
    void close_store() { m_store.reset(); }
    // Makes store() answer `shared`, which outlives this context: the server opens
    // the store once and gives each request a context of its own.
    void share_store(store::Store* shared) { m_shared_store = shared; }
    const EnvLookup& env() const { return m_env; }
    // The account commands act on: --account, else the only one.
    core::Result<store::Account> account();
    // Defaults, then the config file, then the account's own settings.
    core::Result<core::Settings> settings(const store::Account& account);
    // Defaults and the config file only (before an account exists).
    core::Result<core::Settings> base_settings();
    // "Now": --now read in `zone`, else the system clock.
    core::Result<core::Instant> now(const core::Zone& zone) const;
    // The account's zone from its settings.
    static core::Zone zone_of(const core::Settings& settings);

private:
    std::optional<std::string> config_path() const;
    core::Result<store::Store*> open_store(bool create);

    GlobalOptions m_options;
    std::ostream& m_err;
    bool m_err_is_terminal;
    EnvLookup m_env;
    std::unique_ptr<store::Store> m_store;
    store::Store* m_shared_store = nullptr;
};

}  // namespace ik::present
