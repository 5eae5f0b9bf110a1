// `accounts`: every account in the database, with the settings that tell them apart.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

core::Result<Output> run_accounts(Context& ctx)
{
    auto store = ctx.store();
    if (!store) return std::unexpected(store.error());
    Output out;
    Json items = Json::array();
    TextTable table({"id", "name", "tier", "time zone", "created"}, {true, false, false, false, false});
    for (const auto& account : (*store)->accounts()) {
        auto settings = ctx.settings(account);
        if (!settings) return std::unexpected(settings.error());
        items.push_back(Json{{"id", account.id.value},
                             {"name", account.name},
                             {"tier", settings->text("account.tier")},
                             {"timezone", settings->text("account.tz")},
                             {"created_at", json_instant(account.created_at)}});
        table.add({std::to_string(account.id.value), account.name, settings->text("account.tier"),
                   settings->text("account.tz"), core::format_instant(account.created_at)});
    }
    out.json["accounts"] = items;
    out.text = items.empty() ? fmt::format("{} has no account yet: run `invitekeeper init --name NAME`\n",
                                           ctx.db_path().value_or("the ledger"))
                             : table.render();
    return out;
}

}  // namespace

void add_accounts(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("accounts", "List the accounts in the database");
    cmd->callback([&selected] { selected = run_accounts; });
}

}  // namespace ik::present
