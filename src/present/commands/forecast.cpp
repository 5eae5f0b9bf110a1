// `forecast`: where pending is heading at the pace of the last 14 days if nothing is
// withdrawn, and the withdrawals a week that keep it under the target (docs/health.md).
#include "present/command.h"

#include "present/reports.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string forecast_text(const app::ForecastAnswer& a)
{
    const auto& f = a.forecast;
    std::string t;
    t += fmt::format("{} at {} ({})\n\n", a.where.account, core::format_instant(a.where.now), a.where.zone);
    t += fmt::format("Pace        {:.1f} sends a day ({} sent in the last {} days)\n", f.pace,
                     thousands(f.recent_sends), f.pace_days);
    t += fmt::format("Acceptance  {:.1f}% in all (survival curve: {})\n", f.acceptance_rate * 100, f.model_source);
    t += fmt::format("Pending     {} now; target {}, cap {}\n\n", thousands(f.pending_now), thousands(f.target),
                     thousands(f.cap));
    t += "If nothing is withdrawn:\n";
    TextTable table({"in", "date", "pending"}, {true, false, true});
    for (int d : {7, 14, 30, 60, 90, 180, 365})
        if (d <= f.horizon_days)
            table.add({fmt::format("{} days", d), core::format_date(f.today + core::days{d}),
                       thousands(std::lround(f.pending[static_cast<size_t>(d)]))});
    t += table.render();
    const auto s = forecast_sentence(f);
    t += fmt::format("\n{};\n{}.\n", s.heading, s.remedy);
    if (f.withdraw_at_age_days)
        t += fmt::format(
            "In the long run, withdrawing each invitation still pending at {} days old, about {:.1f} a "
            "week,\nkeeps pending at or under the target.\n",
            thousands(*f.withdraw_at_age_days), f.withdrawals_per_week);
    return t;
}

}  // namespace

void add_forecast(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand(
        "forecast", "Where pending is heading at this pace, and withdrawals a week to stay under the target");
    cmd->callback(
        [&selected] { selected = [](Context& ctx) { return answer(ctx, app::ForecastRequest{}, forecast_text); }; });
}

}  // namespace ik::present
