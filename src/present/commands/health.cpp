// `health`: the account health score, its factors and what to improve (docs/health.md).
#include "present/command.h"

#include "present/reports.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string health_text(const app::HealthAnswer& a)
{
    const auto& health = a.health;
    std::string t;
    t += fmt::format("{} at {} ({})\n\n", a.where.account, core::format_instant(a.where.now), a.where.zone);
    t += fmt::format("Health {} / 100: {}\n\n", health.score, health.grade);
    t += health_table(health);
    const auto advice = health_advice(health, health.factors.size(), "  ");
    t += advice.empty() ? "\nNothing costs points now.\n" : "\nWhat to improve, most points first\n" + advice;
    return t;
}

}  // namespace

void add_health(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("health", "Account health score 0-100: its factors and what to improve");
    cmd->callback(
        [&selected] { selected = [](Context& ctx) { return answer(ctx, app::HealthRequest{}, health_text); }; });
}

}  // namespace ik::present
