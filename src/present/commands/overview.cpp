// `overview`: every account the caller may see, what needs attention first
// (app/reads.h): a team lead's morning list, one line per member.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string overview_text(const app::OverviewAnswer& a)
{
    if (a.accounts.empty()) return "No account yet: run `invitekeeper init --name NAME`\n";
    TextTable table({"account", "pending", "of cap", "sent 7d", "of limit", "withdraw today", "health", "needs"},
                    {false, true, true, true, true, true, true, false});
    for (const auto& s : a.accounts) {
        const auto& st = s.status;
        const std::string needs =
            s.needs ? std::string(app::health_factor_label(st.health.factors[*s.needs].code)) : std::string("-");
        table.add({st.account, thousands(st.pending), thousands(st.pending_cap), thousands(st.sent_7d),
                   thousands(st.weekly_limit), thousands(st.withdraw_today),
                   fmt::format("{} {}", st.health.score, st.health.grade), needs});
    }
    return fmt::format("{} account{} at {}, what needs attention first (lowest health, then fullest)\n\n{}",
                       a.accounts.size(), a.accounts.size() == 1 ? "" : "s", core::format_instant(a.now),
                       table.render());
}

}  // namespace

void add_overview(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("overview", "Every account at a glance, what needs attention first");
    cmd->callback(
        [&selected] { selected = [](Context& ctx) { return answer(ctx, app::OverviewRequest{}, overview_text); }; });
}

}  // namespace ik::present
