// `plan withdraw`: the ordered worklist of pending invitations to withdraw
// (`plan send` is in plan_send.cpp).
#include "present/command.h"

#include <fmt/format.h>

#include <map>

namespace ik::present {

namespace {

struct WithdrawCmdOptions {
    std::string after;
    app::WithdrawPlanRequest request;
    bool all_days = false;  // list every day, not only the first
};

std::string join(const std::vector<std::string>& parts, std::string_view sep)
{
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
    return out;
}

std::string withdraw_text(const app::WithdrawPlanAnswer& a, bool all_days)
{
    const auto& p = a.plan;
    const auto& options = a.options;
    using app::kSentInvitationsPage;
    std::string t;
    if (p.items.empty()) {
        t = fmt::format(
            "Nothing to withdraw: {} pending, none stale (under {} old) and at or under the target of {}.\n",
            thousands(p.pending_before), core::format_duration(options.after), thousands(options.target));
        return t;
    }
    t += fmt::format("Withdraw {} of {} pending invitations: pending {} -> {} (target {}), over {} day{}.\n",
                     thousands(static_cast<long>(p.items.size())), thousands(p.pending_before),
                     thousands(p.pending_before), thousands(p.pending_after), thousands(options.target), p.days,
                     p.days == 1 ? "" : "s");
    if (p.withdrawn_today > 0)
        t += fmt::format("{} already withdrawn today count toward the {} a day.\n", thousands(p.withdrawn_today),
                         thousands(options.daily_max));
    t += fmt::format("Withdraw them on LinkedIn's sent-invitations page: {}\n", kSentInvitationsPage);

    std::map<core::Days, std::vector<size_t>> by_day;
    for (size_t i = 0; i < p.items.size(); ++i) by_day[p.items[i].day].push_back(i);
    bool first = true;
    for (const auto& [day, indexes] : by_day) {
        if (!first && !all_days) {
            t += fmt::format("{} {} withdrawals\n", core::format_date(day), indexes.size());
            continue;
        }
        t += fmt::format("\n{} ({} withdrawal{})\n", core::format_date(day), indexes.size(),
                         indexes.size() == 1 ? "" : "s");
        TextTable table({"#", "id", "name", "age", "p_accept", "reasons", "profile"},
                        {true, true, false, true, true, false, false});
        for (size_t i : indexes) {
            const auto& item = p.items[i];
            table.add({std::to_string(i + 1), std::to_string(item.invitation.id.value),
                       shorten(item.invitation.person.name, 28), core::age_label(item.invitation, p.now),
                       item.p_accept < 0.0005 ? std::string("<0.001") : fmt::format("{:.3f}", item.p_accept),
                       join(item.reasons, ","),
                       item.invitation.person.profile_url.empty() ? "(no profile URL in the export)"
                                                                  : item.invitation.person.profile_url});
        }
        t += table.render();
        if (first && !all_days && by_day.size() > 1) t += "\nLater days (--all lists them):\n";
        first = false;
    }
    t += "\nWhen done: invitekeeper mark withdrawn --plan   (or mark withdrawn ID... for some)\n";
    return t;
}

}  // namespace

void add_plan_send(CLI::App& plan, Runner& selected);  // plan_send.cpp

void add_plan(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("plan", "Plan withdrawals and sends");
    cmd->require_subcommand(1);
    auto o = std::make_shared<WithdrawCmdOptions>();
    auto* w = cmd->add_subcommand("withdraw", "Which pending invitations to withdraw, in order, with reasons");
    w->add_option("--after", o->after, "stale from this age (default withdraw.after, 7d)");
    w->add_option("--target", o->request.target, "bring pending to at most this (default pending.target)");
    w->add_option("--max-per-day", o->request.max_per_day, "withdrawals per day (default withdraw.daily_max, 100)");
    w->add_flag("--all", o->all_days, "list every day of the plan, not only today's");
    w->callback([o, &selected] {
        selected = [o](Context& ctx) -> core::Result<Output> {
            auto request = o->request;
            if (!o->after.empty()) {
                auto d = core::parse_duration(o->after);
                if (!d) return std::unexpected(d.error());
                request.after = *d;
            }
            return answer(ctx, request,
                          [o](const app::WithdrawPlanAnswer& a) { return withdraw_text(a, o->all_days); });
        };
    });
    add_plan_send(*cmd, selected);
}

}  // namespace ik::present
