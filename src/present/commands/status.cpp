// `status`: where the member stands against LinkedIn's limits, and what to do next.
#include "present/command.h"

#include "present/reports.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string percent(double r)
{
    return fmt::format("{:.1f}%", r * 100);
}

std::string status_text(const plan::StatusReport& s, const std::string& zone)
{
    std::string t;
    t += fmt::format("{} at {} ({})\n\n", s.account, core::format_instant(s.now), zone);
    const long over = s.pending - s.pending_target;
    t += fmt::format("Pending    {:>6} / {:<6} {}  ", thousands(s.pending), thousands(s.pending_cap),
                     bar(s.pending, s.pending_cap, 30, s.pending_target));
    if (s.pending >= s.pending_cap)
        t += "AT THE CAP: LinkedIn blocks new requests\n";
    else if (over > 0)
        t += fmt::format("{} over the target of {}\n", thousands(over), thousands(s.pending_target));
    else
        t += fmt::format("under the target of {}\n", thousands(s.pending_target));
    t += fmt::format("This week  {:>6} / {:<6} {}  {} left; {} sent today of {}\n", thousands(s.sent_7d),
                     thousands(s.weekly_limit), bar(s.sent_7d, s.weekly_limit, 30), thousands(s.weekly_remaining),
                     s.sent_today, s.daily_limit);
    t += fmt::format("Stale      {:>6} pending {} or longer", thousands(s.stale), core::format_duration(s.stale_after));
    if (s.oldest_pending_days) t += fmt::format("; the oldest is {} days old", *s.oldest_pending_days);
    t += "\n";
    t += fmt::format("Accepted   {:>6} in all; ", thousands(s.accepted_total));
    if (s.acceptance.rate)
        t += fmt::format("{} of invitations at least {} old ({} of {})\n", percent(*s.acceptance.rate),
                         core::format_duration(s.min_age), thousands(s.acceptance.accepted),
                         thousands(s.acceptance.outgoing));
    else
        t += "no invitation old enough for an acceptance rate yet\n";
    t += fmt::format("Cleanup    next due {}{}\n", core::format_date(s.next_cleanup),
                     s.next_cleanup == s.today ? " (today)" : "");
    t += fmt::format("Health     {:>6} / 100  {}; every factor: invitekeeper health\n", s.health.score, s.health.grade);
    t += health_advice(s.health, 2, "           ");
    const auto forecast = forecast_sentence(s.forecast);
    t += fmt::format("Forecast   {};\n           {}.\n", forecast.heading, forecast.remedy);

    t += "\nWhat to do next\n";
    int step = 1;
    if (s.withdraw_today > 0) {
        t += fmt::format(
            "  {}. Withdraw {} {}invitation{} today on LinkedIn's sent-invitations page:\n"
            "       invitekeeper plan withdraw\n",
            step++, s.withdraw_today, s.withdrawn_today > 0 ? "more " : "", s.withdraw_today == 1 ? "" : "s");
        if (s.withdraw_total > s.withdraw_today)
            t += fmt::format("     ({} in the whole plan, spread over the coming days)\n", thousands(s.withdraw_total));
        t += fmt::format("  {}. Then record them:  invitekeeper mark withdrawn --plan\n", step++);
    } else if (s.withdrawn_today > 0 && s.withdraw_total > 0) {
        t += fmt::format("  {}. Today's withdrawals are done ({} recorded); {} more from tomorrow.\n", step++,
                         thousands(s.withdrawn_today), thousands(s.withdraw_total));
    }
    if (s.pending >= s.pending_cap)
        t += fmt::format("  {}. Send no new requests until pending is under {}.\n", step++, thousands(s.pending_cap));
    else if (over > 0)
        t += fmt::format("  {}. Withdraw before new outreach: pending is {} over your target.\n", step++,
                         thousands(over));
    else {
        const long today_left = std::max(0L, std::min(s.daily_limit - s.sent_today, s.weekly_remaining));
        t += fmt::format("  {}. You can send {} more request{} today ({} left this week).\n", step++, today_left,
                         today_left == 1 ? "" : "s", s.weekly_remaining);
    }
    t += fmt::format(
        "  {}. Import a fresh export now and then so accepted requests are counted:\n"
        "       invitekeeper import Basic_LinkedInDataExport_MM-DD-YYYY.zip\n",
        step++);
    return t;
}

}  // namespace

void add_status(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("status", "Where you stand: pending vs cap, the week vs its limit, what to do next");
    cmd->callback([&selected] {
        selected = [](Context& ctx) {
            return answer(ctx, app::StatusRequest{},
                          [](const app::StatusAnswer& a) { return status_text(a.status, a.zone); });
        };
    });
}

}  // namespace ik::present
