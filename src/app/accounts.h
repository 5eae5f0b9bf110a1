// The ledger's accounts and their settings: create one (init), list them, and
// show the effective settings with where each came from.
#pragma once

#include "app/session.h"
#include "store/copy.h"

#include <optional>
#include <string>
#include <vector>

namespace ik::app {

// Creates an account; only here (and in `serve`) may a new ledger be made, and only
// once every setting given is valid: a failed init leaves no file behind.
struct InitRequest {
    static constexpr bool kWrites = true;
    std::string name{};
    std::string tier{};         // free or premium; empty: the default
    std::string tz{};           // the member's zone; empty: the default
    std::string export_zone{};  // the zone export times are read in; empty: the default
    std::optional<long> weekly_limit{};
    std::optional<long> pending_cap{};
};
struct InitAnswer {
    std::string account;
    core::AccountId id;
    std::string database;
    core::Settings settings;  // effective
};
core::Result<InitAnswer> run(Session& session, const InitRequest& request);

struct AccountsRequest {
    static constexpr bool kWrites = false;
};
struct AccountSummary {
    store::Account account;
    std::string tier;
    std::string timezone;
};
struct AccountsAnswer {
    std::string database;
    std::vector<AccountSummary> accounts;
};
core::Result<AccountsAnswer> run(Session& session, const AccountsRequest& request);

// The effective settings: the account's own when the ledger has one (the chosen,
// else the only one), else the defaults and the config file.
struct ConfigShowRequest {
    static constexpr bool kWrites = false;
};
struct ConfigShowAnswer {
    std::optional<std::string> account;  // none: no account yet
    core::Settings settings;
};
core::Result<ConfigShowAnswer> run(Session& session, const ConfigShowRequest& request);

// Moves a whole ledger to another store (a member's SQLite file into the team's
// PostgreSQL database, or back): every account with its history, queue, templates,
// do-not-contact list and settings, in one transaction of the target's. The source
// is left as it was. The target may be new (a file is created; a database must
// exist) or hold other accounts, whose ids the moved ones then go past.
struct MigrateRequest {
    static constexpr bool kWrites = true;
    std::string from{};  // a --db address
    std::string to{};
};
struct MigrateAnswer {
    std::string from, to;  // printable (store::printable)
    store::CopiedLedger copied;
};
core::Result<MigrateAnswer> run(Session& session, const MigrateRequest& request);

}  // namespace ik::app
