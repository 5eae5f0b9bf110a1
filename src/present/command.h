// The shape every CLI command shares. One file per command in commands/, each
// declaring its name, help, options and whether it writes, and registering a
// runner that the dispatcher calls with the Context.
#pragma once

#include "core/error.h"
#include "present/context.h"
#include "present/output.h"

#include <CLI/CLI.hpp>

#include <functional>

namespace ik::present {

using Runner = std::function<core::Result<Output>(Context&)>;

// Registers a command's subcommand on `app`; when the command line selects it,
// the parse callback stores its runner in `selected`.
using Registrar = void (*)(CLI::App& app, Runner& selected);

struct CommandInfo {
    const char* name;
    bool writes;  // whether it can change the store
    Registrar add;
    // Its subcommands that only read, when it writes (`queue list`).
    std::span<const std::string_view> reads = {};
};

// Every command, in the order `--help` lists them.
std::span<const CommandInfo> commands();

// Whether the command line `args` (the command, then its arguments) can change the
// store: what the server asks to know whether an answer may be cached.
bool writes(std::span<const std::string> args);

// What most commands start from: the store, the account, its settings, its zone
// and now.
struct AccountScope {
    store::Store* store = nullptr;
    store::Account account;
    core::Settings settings;
    core::Zone zone = core::Zone::utc();
    core::Instant now;
};
core::Result<AccountScope> open_account(Context& ctx);

// Runs the command `args` names (no program name, no global options) in `ctx`:
// what the HTTP API calls, so that a route and its CLI command cannot differ.
core::Result<Output> run_command(Context& ctx, const std::vector<std::string>& args);

// Runs fn and maps an error to the CLI's exit code; prints the result.
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err, bool err_is_terminal, EnvLookup env);

}  // namespace ik::present
