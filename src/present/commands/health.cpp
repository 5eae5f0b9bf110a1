// `health`: the account health score, its factors and what to improve (docs/health.md).
#include "present/command.h"

#include "plan/health.h"
#include "present/reports.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

core::Result<Output> run_health(Context& ctx)
{
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    const auto health = plan::account_health(*scope->store, scope->account.id, scope->settings, scope->now);
    Output out;
    out.json["account"] = scope->account.name;
    out.json["now"] = json_instant(scope->now);
    out.json.update(health_json(health));

    auto& t = out.text;
    t += fmt::format("{} at {} ({})\n\n", scope->account.name, core::format_instant(scope->now), scope->zone.name());
    t += fmt::format("Health {} / 100: {}\n\n", health.score, health.grade);
    t += health_table(health);
    const auto advice = health_advice(health, health.factors.size(), "  ");
    t += advice.empty() ? "\nNothing costs points now.\n" : "\nWhat to improve, most points first\n" + advice;
    return out;
}

}  // namespace

void add_health(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("health", "Account health score 0-100: its factors and what to improve");
    cmd->callback([&selected] { selected = run_health; });
}

}  // namespace ik::present
