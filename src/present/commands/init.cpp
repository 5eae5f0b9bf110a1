// `init`: creates an account. Several accounts can share one database.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string init_text(const app::InitAnswer& a)
{
    const auto& s = a.settings;
    return fmt::format(
        "Created account \"{}\" in {}\n  tier {}, time zone {}, export times read in {}\n  weekly limit {}, pending "
        "cap {}\n\nNext: download your data from LinkedIn (Settings > Data privacy > Get a copy of your data) and run\n"
        "  invitekeeper import ~/Downloads/Basic_LinkedInDataExport_MM-DD-YYYY.zip\n",
        a.account, a.database, s.text("account.tier"), s.text("account.tz"), s.text("account.export_zone"),
        s.text("weekly.limit"), s.text("pending.cap"));
}

}  // namespace

void add_init(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<app::InitRequest>();
    auto* cmd = app.add_subcommand("init", "Create an account (several can share one database)");
    cmd->add_option("--name", o->name, "the account's name, e.g. the member's")->required();
    cmd->add_option("--tier", o->tier, "free or premium (default premium)");
    cmd->add_option("--tz", o->tz, "the member's time zone, e.g. Europe/Berlin (default UTC)");
    cmd->add_option("--export-zone", o->export_zone,
                    "the zone LinkedIn's Sent At times are read in (default UTC; see docs/formats.md)");
    cmd->add_option("--weekly-limit", o->weekly_limit, "sends in any rolling 7 days (default 100)");
    cmd->add_option("--pending-cap", o->pending_cap, "pending invitations LinkedIn allows (default 1500)");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return answer(ctx, *o, init_text); }; });
}

}  // namespace ik::present
