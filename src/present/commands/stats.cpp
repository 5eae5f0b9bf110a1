// `stats`: how the member's invitations fare: acceptance rates, overall and by group,
// and how long acceptance takes (Kaplan-Meier, docs/stats.md). Presents
// plan::acceptance_stats; computes nothing of its own.
#include "present/command.h"

#include <fmt/format.h>

#include <array>

namespace ik::present {

namespace {

// The rows of the text curve table: "accepted within d days", as the prior is measured (docs/rules.md).
constexpr std::array kWithinDays{0, 1, 2, 3, 7, 14, 30, 90};

std::string percent(double r)
{
    return fmt::format("{:.1f}%", r * 100);
}
std::string percent(const std::optional<double>& r)
{
    return r ? percent(*r) : "-";
}
std::string days_text(const std::optional<double>& d)
{
    return d ? fmt::format("{:.1f}", *d) : "-";
}
std::string stats_text(const plan::AcceptanceStats& st, const std::string& min_age)
{
    std::string t;
    const auto& all = st.overall;
    if (all.rate)
        t += fmt::format("Accepted  {} of the invitations sent at least {} ago ({} of {}); {} accepted in all\n",
                         percent(all.rate), min_age, thousands(all.accepted), thousands(all.outgoing),
                         thousands(st.accepted_total));
    else
        t += fmt::format("Accepted  no invitation sent at least {} ago yet; {} accepted in all\n", min_age,
                         thousands(st.accepted_total));

    if (st.by) {
        const auto by = plan::to_string(*st.by);
        t += fmt::format("\nBy {} (invitations sent at least {} ago)\n", by, min_age);
        TextTable table({std::string(by), "accepted", "sent", "rate"}, {false, true, true, true});
        for (const auto& g : st.groups)
            table.add({g.group, thousands(g.accepted), thousands(g.outgoing), percent(g.rate)});
        t += st.groups.empty() ? "  (none)\n" : table.render();
    }

    const auto& c = st.curve;
    t += fmt::format(
        "\nTime to accept (Kaplan-Meier over {} invitations: {} accepted; pending, withdrawn and gone "
        "ones count up to their age)\n",
        thousands(c.observations), thousands(c.events));
    TextTable curve({"accepted within", "yours", "95% band", "prior"}, {false, true, true, true});
    for (int d : kWithinDays) {
        const auto at = c.point_at(d);
        const std::string band = at ? fmt::format("{}-{}", percent(1 - at->upper), percent(1 - at->lower)) : "-";
        // The prior's "within d days" is its knot at d + 1 (plan/acceptance.cpp).
        const double prior = st.prior.rate() * (1 - st.prior.survival(d + 1));
        curve.add({d == 0 ? "same day" : fmt::format("{} day{}", d, d == 1 ? "" : "s"), percent(1 - c.survival_at(d)),
                   band, percent(prior)});
    }
    t += curve.render();
    if (!c.points.empty())
        t += fmt::format(
            "Ever accepted, as far as your history shows: {} (the latest acceptance came {:.1f} days "
            "after sending)\n",
            percent(1 - c.points.back().survival), c.points.back().time);

    TextTable pct({"days until accepted", "p25", "p50", "p75", "p90"}, {false, true, true, true, true});
    std::vector<std::string> of_all{"of all invitations"}, of_accepted{"of those accepted"};
    for (const auto& [q, name] : app::kStatsPercentiles) {
        of_all.push_back(days_text(c.percentile(q)));
        of_accepted.push_back(days_text(plan::accepted_percentile(c, q)));
    }
    pct.add(of_all);
    pct.add(of_accepted);
    t += "\n" + pct.render();
    t += "(\"-\": never reached; \"of all invitations\" counts the ones never accepted too)\n";

    if (st.model.source() == "own")
        t += fmt::format(
            "\nWithdrawal plans use your own curve ({} accepted among your newest {} invitations; stats.min_accepted "
            "is {}).\n",
            thousands(st.curve.events), thousands(st.curve.observations), st.min_accepted);
    else
        t += fmt::format(
            "\nWithdrawal plans use the prior (7,732 accepted invitations in 37 exports) until {} of your newest "
            "invitations (up to {}) are accepted (stats.min_accepted); {} are.\n",
            thousands(st.min_accepted), thousands(plan::kCurveSample), thousands(st.curve.events));
    return t;
}

}  // namespace

void add_stats(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<app::StatsRequest>();
    auto* cmd = app.add_subcommand("stats", "Acceptance rates, overall and by group, and how long acceptance takes");
    cmd->add_option("--by", o->by, "group rates by week, note, template, weekday or window");
    cmd->callback([o, &selected] {
        selected = [o](Context& ctx) {
            return answer(ctx, *o, [](const app::StatsAnswer& a) { return stats_text(a.stats, a.min_age); });
        };
    });
}

}  // namespace ik::present
