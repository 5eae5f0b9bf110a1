// `history`: how old the pending invitations are and how many went out each week,
// against the weekly limit: the data behind the dashboard's and the report's charts.
#include "present/command.h"

#include "plan/history.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

struct HistoryOptions {
    int weeks = 12;
};

core::Result<Output> run_history(Context& ctx, const HistoryOptions& o)
{
    if (o.weeks < 1 || o.weeks > 520)
        return core::fail(core::ErrorKind::usage, "bad_weeks",
                          fmt::format("--weeks {} is out of range: give 1 to 520", o.weeks));
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto ages = plan::pending_age_histogram(store, scope->account.id, scope->now);
    const auto weeks = plan::weekly_sends(store, scope->account.id, scope->zone, scope->now, o.weeks);
    const long limit = scope->settings.integer("weekly.limit");

    Output out;
    out.json["account"] = scope->account.name;
    out.json["now"] = json_instant(scope->now);
    Json age_json = Json::array();
    long most = 0;
    for (const auto& b : ages) {
        age_json.push_back(Json{{"label", b.label},
                                {"from_days", b.from_days},
                                {"to_days", b.to_days ? Json(b.to_days) : Json(nullptr)},
                                {"count", b.count}});
        most = std::max(most, b.count);
    }
    out.json["pending_age"] = age_json;
    Json week_json = Json::array();
    long most_sent = limit;
    for (const auto& w : weeks) {
        week_json.push_back(Json{{"monday", json_date(w.monday)}, {"sent", w.sent}});
        most_sent = std::max(most_sent, w.sent);
    }
    out.json["weekly_sends"] = Json{{"limit", limit}, {"weeks", week_json}};

    auto& t = out.text;
    t += fmt::format("{} at {} ({})\n\nPending invitations by age\n", scope->account.name,
                     core::format_instant(scope->now), scope->zone.name());
    for (const auto& b : ages)
        t += fmt::format("  {:<7} {:>6}  {}\n", b.label, thousands(b.count), bar(b.count, std::max(most, 1L), 30));
    t += fmt::format("\nSent per week (Monday to Sunday), limit {} in any rolling 7 days\n", limit);
    for (const auto& w : weeks)
        t += fmt::format("  {}  {:>5}  {}\n", core::format_date(w.monday), thousands(w.sent),
                         bar(w.sent, most_sent, 30, limit));
    return out;
}

}  // namespace

void add_history(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<HistoryOptions>();
    auto* cmd = app.add_subcommand("history", "Pending invitations by age and sends per week against the limit");
    cmd->add_option("--weeks", o->weeks, "how many weeks of sends, the current one included (default 12)");
    cmd->callback([&selected, o] { selected = [o](Context& ctx) { return run_history(ctx, *o); }; });
}

}  // namespace ik::present
