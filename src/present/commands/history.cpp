// `history`: how old the pending invitations are and how many went out each week,
// against the weekly limit: the data behind the dashboard's and the report's charts.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string history_text(const app::HistoryAnswer& a)
{
    long most = 0;
    for (const auto& b : a.pending_age) most = std::max(most, b.count);
    long most_sent = a.weekly_limit;
    for (const auto& w : a.weeks) most_sent = std::max(most_sent, w.sent);
    std::string t;
    t += fmt::format("{} at {} ({})\n\nPending invitations by age\n", a.where.account,
                     core::format_instant(a.where.now), a.where.zone);
    for (const auto& b : a.pending_age)
        t += fmt::format("  {:<7} {:>6}  {}\n", b.label, thousands(b.count), bar(b.count, std::max(most, 1L), 30));
    t += fmt::format("\nSent per week (Monday to Sunday), limit {} in any rolling 7 days\n", a.weekly_limit);
    for (const auto& w : a.weeks)
        t += fmt::format("  {}  {:>5}  {}\n", core::format_date(w.monday), thousands(w.sent),
                         bar(w.sent, most_sent, 30, a.weekly_limit));
    return t;
}

}  // namespace

void add_history(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<app::HistoryRequest>();
    auto* cmd = app.add_subcommand("history", "Pending invitations by age and sends per week against the limit");
    cmd->add_option("--weeks", o->weeks, "how many weeks of sends, the current one included (default 12)");
    cmd->callback([&selected, o] { selected = [o](Context& ctx) { return answer(ctx, *o, history_text); }; });
}

}  // namespace ik::present
