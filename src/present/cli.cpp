#include "present/command.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

namespace ik::present {

void add_init(CLI::App&, Runner&);
void add_import(CLI::App&, Runner&);
void add_status(CLI::App&, Runner&);
void add_health(CLI::App&, Runner&);
void add_forecast(CLI::App&, Runner&);
void add_pending(CLI::App&, Runner&);
void add_plan(CLI::App&, Runner&);
void add_mark(CLI::App&, Runner&);
void add_record(CLI::App&, Runner&);
void add_config(CLI::App&, Runner&);
void add_check_note(CLI::App&, Runner&);
void add_queue(CLI::App&, Runner&);
void add_template(CLI::App&, Runner&);
void add_dnc(CLI::App&, Runner&);
void add_report(CLI::App&, Runner&);
void add_simulate(CLI::App&, Runner&);
void add_stats(CLI::App&, Runner&);
void add_accounts(CLI::App&, Runner&);
void add_history(CLI::App&, Runner&);
void add_serve(CLI::App&, Runner&);

std::span<const CommandInfo> commands()
{
    static constexpr std::string_view kListOnly[] = {"list"};
    static constexpr CommandInfo kCommands[] = {
        {"init", true, add_init},
        {"import", true, add_import},
        {"status", false, add_status},
        {"health", false, add_health},
        {"forecast", false, add_forecast},
        {"pending", false, add_pending},
        {"plan", false, add_plan},
        {"mark", true, add_mark},
        {"record", true, add_record},
        {"config", false, add_config},
        {"check-note", false, add_check_note},
        {"queue", true, add_queue, kListOnly},
        {"template", true, add_template, kListOnly},
        {"dnc", true, add_dnc, kListOnly},
        {"report", false, add_report},
        {"simulate", false, add_simulate},
        {"stats", false, add_stats},
        {"history", false, add_history},
        {"accounts", false, add_accounts},
        {"serve", false, add_serve},
    };
    return kCommands;
}

bool writes(std::span<const std::string> args)
{
    if (args.empty()) return false;
    auto all = commands();
    auto command = std::find_if(all.begin(), all.end(), [&](const CommandInfo& c) { return args[0] == c.name; });
    if (command == all.end() || !command->writes) return false;
    return args.size() < 2 || std::find(command->reads.begin(), command->reads.end(), args[1]) == command->reads.end();
}

core::Result<AccountScope> open_account(Context& ctx)
{
    AccountScope scope;
    auto store = ctx.store();
    if (!store) return std::unexpected(store.error());
    scope.store = *store;
    auto account = ctx.account();
    if (!account) return std::unexpected(account.error());
    scope.account = *account;
    auto settings = ctx.settings(scope.account);
    if (!settings) return std::unexpected(settings.error());
    scope.settings = std::move(*settings);
    scope.zone = Context::zone_of(scope.settings);
    auto now = ctx.now(scope.zone);
    if (!now) return std::unexpected(now.error());
    scope.now = *now;
    return scope;
}

namespace {

int report(const core::Error& e, bool json, std::ostream& out, std::ostream& err)
{
    err << "invitekeeper: " << e.message << "\n";
    if (json) {
        Json doc;
        doc["error"] = Json{{"code", e.code}, {"message", e.message}};
        out << doc.dump(2) << "\n";
    }
    return core::exit_code(e.kind);
}

}  // namespace

core::Result<Output> run_command(Context& ctx, const std::vector<std::string>& args)
{
    CLI::App app{"invitekeeper", "invitekeeper"};
    app.require_subcommand(1);
    Runner selected;
    for (const auto& command : commands()) command.add(app, selected);
    std::vector<const char*> argv{"invitekeeper"};
    for (const auto& a : args) argv.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
        return core::fail(core::ErrorKind::usage, "usage", e.what());
    }
    return selected(ctx);
}

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err, bool err_is_terminal, EnvLookup env)
{
    CLI::App app{"invitekeeper: keeps a LinkedIn member under LinkedIn's invitation limits.\n"
                 "It never logs into LinkedIn: you act there, invitekeeper plans and keeps the record.",
                 "invitekeeper"};
    app.set_version_flag("--version", std::string(IK_VERSION));
    GlobalOptions options;
    app.add_option("--db", options.db, "the ledger: an SQLite file or sqlite:PATH (default $INVITEKEEPER_DB, else $XDG_DATA_HOME/invitekeeper/invitekeeper.db)");
    app.add_option("--account", options.account, "account to act on (default: the only one)");
    app.add_option("--now", options.now, "pin the clock: 2026-11-26, 2026-11-26T09:30:00Z or 2026-11-26T09:30:00+01:00");
    app.add_option("--config", options.config, "TOML settings file (default $XDG_CONFIG_HOME/invitekeeper/config.toml)");
    app.add_flag("--json", options.json, "print one JSON document on stdout");
    app.require_subcommand(1);
    app.fallthrough();

    Runner selected;
    for (const auto& command : commands()) command.add(app, selected);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, out, err);
    } catch (const CLI::ParseError& e) {
        core::Error error{core::ErrorKind::usage, "usage", e.what()};
        if (!options.json) {
            err << "invitekeeper: " << e.what() << "\nRun with --help for usage.\n";
            return 1;
        }
        return report(error, true, out, err);
    }

    Context ctx(options, err, err_is_terminal, std::move(env));
    try {
        auto result = selected(ctx);
        if (!result) return report(result.error(), options.json, out, err);
        if (options.json) out << result->json.dump(2) << "\n";
        else out << result->text;
        out.flush();
        return result->exit_code;
    } catch (const store::StorageError& e) {
        return report(e.error(), options.json, out, err);
    } catch (const std::exception& e) {
        return report(core::Error{core::ErrorKind::internal, "internal", e.what()}, options.json, out, err);
    }
}

}  // namespace ik::present
