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
void add_overview(CLI::App&, Runner&);
void add_history(CLI::App&, Runner&);
void add_serve(CLI::App&, Runner&);
void add_migrate(CLI::App&, Runner&);
void add_user(CLI::App&, Runner&);

std::span<const CommandInfo> commands()
{
    static constexpr CommandInfo kCommands[] = {
        {"init", add_init},
        {"import", add_import},
        {"status", add_status},
        {"health", add_health},
        {"forecast", add_forecast},
        {"pending", add_pending},
        {"plan", add_plan},
        {"mark", add_mark},
        {"record", add_record},
        {"config", add_config},
        {"check-note", add_check_note},
        {"queue", add_queue},
        {"template", add_template},
        {"dnc", add_dnc},
        {"report", add_report},
        {"simulate", add_simulate},
        {"stats", add_stats},
        {"history", add_history},
        {"accounts", add_accounts},
        {"overview", add_overview},
        {"migrate", add_migrate},
        {"user", add_user},
        {"serve", add_serve},
    };
    return kCommands;
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

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err, bool err_is_terminal, EnvLookup env)
{
    CLI::App app{
        "invitekeeper: keeps a LinkedIn member under LinkedIn's invitation limits.\n"
        "It never logs into LinkedIn: you act there, invitekeeper plans and keeps the record.",
        "invitekeeper"};
    app.set_version_flag("--version", std::string(IK_VERSION));
    app::SessionOptions options;
    bool json = false;
    app.add_option("--db", options.db,
                   "the ledger: an SQLite file or sqlite:PATH (default $INVITEKEEPER_DB, else "
                   "$XDG_DATA_HOME/invitekeeper/invitekeeper.db)");
    app.add_option("--account", options.account, "account to act on (default: the only one)");
    app.add_option("--now", options.now,
                   "pin the clock: 2026-11-26, 2026-11-26T09:30:00Z or 2026-11-26T09:30:00+01:00");
    app.add_option("--config", options.config,
                   "TOML settings file (default $XDG_CONFIG_HOME/invitekeeper/config.toml)");
    app.add_flag("--json", json, "print one JSON document on stdout");
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
        if (!json) {
            err << "invitekeeper: " << e.what() << "\nRun with --help for usage.\n";
            return 1;
        }
        return report(error, true, out, err);
    }

    Context ctx(options, json, err, err_is_terminal, std::move(env));
    try {
        auto result = selected(ctx);
        if (!result) return report(result.error(), json, out, err);
        if (json)
            out << result->json.dump(2) << "\n";
        else
            out << result->text;
        out.flush();
        return result->exit_code;
    } catch (const store::StorageError& e) {
        return report(e.error(), json, out, err);
    } catch (const std::exception& e) {
        return report(core::Error{core::ErrorKind::internal, "internal", e.what()}, json, out, err);
    }
}

}  // namespace ik::present
