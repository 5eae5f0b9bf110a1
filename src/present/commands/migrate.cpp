// `migrate --from A --to B`: a whole ledger moved from one store to another (a
// member's SQLite file into the team's PostgreSQL database, and back).
#include "core/numbers.h"
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string migrate_text(const app::MigrateAnswer& a)
{
    std::string out = fmt::format("Moved {} account{} from {} to {}{}:\n", a.copied.accounts.size(),
                                  a.copied.accounts.size() == 1 ? "" : "s", a.from, a.to,
                                  a.copied.renumbered ? " (renumbered past the target's own ids)" : "");
    TextTable table({"account", "id", "invitations", "events", "connections", "queued", "templates", "do not contact"},
                    {false, true, true, true, true, true, true, true});
    for (const auto& c : a.copied.accounts)
        table.add({c.name, std::to_string(c.to_id.value), core::thousands(c.invitations), core::thousands(c.events),
                   core::thousands(c.connections), core::thousands(c.prospects), core::thousands(c.templates),
                   core::thousands(c.do_not_contact)});
    return out + table.render() + fmt::format("{} is left as it was.\n", a.from);
}

}  // namespace

void add_migrate(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand(
        "migrate", "Move every account, with its whole history, from one ledger to another (SQLite or PostgreSQL)");
    auto request = std::make_shared<app::MigrateRequest>();
    cmd->add_option("--from", request->from, "the ledger to copy: an SQLite file or a postgresql:// URI")->required();
    cmd->add_option("--to", request->to,
                    "where to: a new SQLite file, or a PostgreSQL database (empty, or with other accounts)")
        ->required();
    cmd->callback([&selected, request] {
        selected = [request](Context& ctx) { return answer(ctx, *request, migrate_text); };
    });
}

}  // namespace ik::present
