// `history`: how old the pending invitations are and how many went out each week,
// against the weekly limit: the data behind the dashboard's and the report's charts.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

// A change as done: "withdrawn", "kept", "undone".
std::string_view done(std::string_view what)
{
    static constexpr std::pair<std::string_view, std::string_view> kDone[] = {
        {"keep", "kept"}, {"unkeep", "unkept"}, {"undo", "undone"}, {"accidental", "accidental"}};
    for (const auto& [kind, shown] : kDone)
        if (kind == what) return shown;
    return what;
}

// Who made a change, as a sentence ends: "by dana", "from the command line".
std::string actor(std::string_view source)
{
    if (source.starts_with("user:")) return fmt::format("by {}", source.substr(5));
    if (source == "cli") return "from the command line";
    if (source == "api") return "through the API";
    return fmt::format("by {}", source);
}

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
    if (a.recent.empty()) return t;
    t += "\nRecent changes, newest first\n";
    auto zone = core::Zone::named(a.where.zone);
    for (const auto& c : a.recent) {
        std::string when = zone ? core::format_local(c.recorded_at, *zone) : core::format_instant(c.recorded_at);
        when = when.substr(0, 16);
        if (when.size() > 10 && when[10] == 'T') when[10] = ' ';
        std::string whom = c.name;
        if (c.invitation) whom += fmt::format(" (#{})", c.invitation->value);
        t += fmt::format("  {}  {:<10}  {}{}{}\n", when, done(c.what), whom, whom.empty() ? "" : " ", actor(c.by));
    }
    return t;
}

}  // namespace

void add_history(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<app::HistoryRequest>();
    auto* cmd = app.add_subcommand("history", "Pending invitations by age and sends per week against the limit");
    cmd->add_option("--weeks", o->weeks, "how many weeks of sends, the current one included (default 12)");
    cmd->add_option("--recent", o->recent,
                    "how many of the latest marks and sends to list, with who made them "
                    "(default 10; 0 for none)");
    cmd->callback([&selected, o] { selected = [o](Context& ctx) { return answer(ctx, *o, history_text); }; });
}

}  // namespace ik::present
