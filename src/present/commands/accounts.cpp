// `accounts`: every account in the database, with the settings that tell them apart.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string accounts_text(const app::AccountsAnswer& a)
{
    if (a.accounts.empty())
        return fmt::format("{} has no account yet: run `invitekeeper init --name NAME`\n", a.database);
    TextTable table({"id", "name", "tier", "time zone", "created"}, {true, false, false, false, false});
    for (const auto& s : a.accounts)
        table.add({std::to_string(s.account.id.value), s.account.name, s.tier, s.timezone,
                   core::format_instant(s.account.created_at)});
    return table.render();
}

}  // namespace

void add_accounts(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("accounts", "List the accounts in the database");
    cmd->callback(
        [&selected] { selected = [](Context& ctx) { return answer(ctx, app::AccountsRequest{}, accounts_text); }; });
}

}  // namespace ik::present
