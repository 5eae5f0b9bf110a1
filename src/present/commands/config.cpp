// `config show`: the effective configuration, each value with where it came from.
#include "present/command.h"

namespace ik::present {

namespace {

core::Result<Output> run_config_show(Context& ctx)
{
    core::Settings settings;
    std::string header;
    // With an account the account's own settings count; without one, defaults and file.
    auto ledger = ctx.has_ledger();
    if (!ledger) return std::unexpected(ledger.error());
    auto store = *ledger ? ctx.store() : core::Result<store::Store*>(nullptr);
    if (!store) return std::unexpected(store.error());
    if (*store && !(*store)->accounts().empty()) {
        auto account = ctx.account();
        if (!account) return std::unexpected(account.error());
        auto s = ctx.settings(*account);
        if (!s) return std::unexpected(s.error());
        settings = std::move(*s);
        header = "# invitekeeper settings for account \"" + account->name + "\"\n";
    } else {
        auto s = ctx.base_settings();
        if (!s) return std::unexpected(s.error());
        settings = std::move(*s);
        header = "# invitekeeper settings (no account yet)\n";
    }
    Output out;
    Json arr = Json::array();
    for (const auto& spec : core::setting_specs()) {
        const auto& v = settings.get(spec.key);
        arr.push_back(Json{{"key", spec.key}, {"value", v.value}, {"source", v.source}, {"help", spec.help}});
    }
    out.json["settings"] = arr;
    out.text = header + "# each value is followed by where it came from: default, file PATH or account\n\n" +
               settings.to_toml();
    return out;
}

}  // namespace

void add_config(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("config", "Show the effective configuration");
    cmd->require_subcommand(1);
    auto* show = cmd->add_subcommand("show", "The effective settings as TOML, with where each came from");
    show->callback([&selected] { selected = run_config_show; });
}

}  // namespace ik::present
