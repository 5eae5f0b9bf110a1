// `simulate`: compare withdrawal and pacing strategies before trying them, with
// the member's own numbers (plan/simulate.h has the model).
#include "present/command.h"

#include <fmt/format.h>

#include <sstream>

namespace ik::present {

namespace {

struct SimulateOptions {
    app::SimulateRequest request;
    std::string withdraw_after;  // a list; empty: the request's default
    std::string per_day;         // a list; empty: the request's default
};

std::vector<std::string> split_list(const std::string& text)
{
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        part.erase(0, part.find_first_not_of(' '));
        part.erase(part.find_last_not_of(' ') + 1);
        if (!part.empty()) out.push_back(part);
    }
    return out;
}

// The strategies as the command line gives them: "7d,14d,never" and "10,15,20".
core::Result<app::SimulateRequest> simulate_request(const SimulateOptions& o)
{
    app::SimulateRequest request = o.request;
    if (!o.withdraw_after.empty()) request.withdraw_after_days.clear();
    for (const auto& a : split_list(o.withdraw_after)) {
        if (a == "never" || a == "0") {
            request.withdraw_after_days.push_back(0);
            continue;
        }
        auto d = core::parse_duration(a);
        if (!d || d->count() < 86400 || d->count() % 86400 != 0)
            return core::fail(
                core::ErrorKind::usage, "bad_strategy",
                fmt::format("--withdraw-after: \"{}\" is not a number of whole days like 14d (or never)", a));
        request.withdraw_after_days.push_back(static_cast<int>(d->count() / 86400));
    }
    if (!o.per_day.empty()) request.per_day.clear();
    for (const auto& p : split_list(o.per_day)) {
        // The range is the use case's to check.
        auto n = core::parse_integer(p);
        if (!n)
            return core::fail(core::ErrorKind::usage, "bad_strategy",
                              fmt::format("--per-day: \"{}\" is not a whole number from 0 to 1000", p));
        request.per_day.push_back(static_cast<long>(*n));
    }
    return request;
}

std::string simulate_text(const app::SimulateAnswer& a)
{
    const auto& o = a.request;
    const auto& result = a.result;
    const auto& start = a.start;
    const auto& best = result.strategies[result.best];
    const auto& current = result.strategies[result.current.value_or(result.best)];
    std::string t;
    t += fmt::format(
        "Simulated {} strategies x {} runs x {} days from {} ({} pending, {} prospects; acceptance {:.1f}% "
        "with the {} time-to-accept curve).\n\n",
        result.strategies.size(), thousands(o.runs), o.days, core::format_date(a.today),
        thousands(static_cast<long>(start.pending_ages.size())),
        start.pool ? thousands(*start.pool) : std::string("unlimited"), a.model_rate * 100,
        a.model_source == "prior" ? "measured prior" : "your own");
    TextTable table({"strategy", "accepted/week", "p10-p90", "accepted", "pending mean", "max", "blocked",
                     "withdrawn/wk", "sent/wk", "rate"},
                    {false, true, true, true, true, true, true, true, true, true});
    for (const auto& r : result.strategies)
        table.add({r.strategy.label + (r.strategy.current ? " (yours)" : ""),
                   fmt::format("{:.1f}", r.accepted_per_week_mean),
                   fmt::format("{:.1f}-{:.1f}", r.accepted_per_week_p10, r.accepted_per_week_p90),
                   thousands(std::lround(r.accepted_total_mean)), thousands(std::lround(r.pending_mean)),
                   thousands(r.pending_max), fmt::format("{:.0f}%", r.blocked_share * 100),
                   fmt::format("{:.1f}", r.withdrawals_per_week), fmt::format("{:.1f}", r.sent_per_week),
                   fmt::format("{:.1f}%", r.acceptance_rate * 100)});
    t += table.render();
    const double gain = best.accepted_per_week_mean - current.accepted_per_week_mean;
    if (result.best == result.current)
        t += fmt::format("\nBest: your current settings ({}), {:.1f} accepted a week.\n", best.strategy.label,
                         best.accepted_per_week_mean);
    else
        t += fmt::format(
            "\nBest: {}: {:.1f} accepted a week, {:+.1f} a week ({:+.0f}%) against your current settings "
            "({}).\n",
            best.strategy.label, best.accepted_per_week_mean, gain,
            current.accepted_per_week_mean > 0 ? gain / current.accepted_per_week_mean * 100 : 0.0,
            current.strategy.label);
    t += "\"blocked\": the share of sending days on which the pending cap stopped a send.\n"
         "\"rate\": the share of the invitations sent in the simulated days that were accepted within them\n"
         "(not of those pending at the start). Same --seed, same figures.\n";
    return t;
}

}  // namespace

void add_simulate(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<SimulateOptions>();
    auto* cmd = app.add_subcommand("simulate", "Compare withdrawal and pacing strategies on your own numbers");
    cmd->add_option("--withdraw-after", o->withdraw_after,
                    "withdraw pending requests this old (list; default 7d,14d,21d,30d)");
    cmd->add_option("--per-day", o->per_day, "requests sent per sending day (list; default 10,15,20)");
    cmd->add_option("--days", o->request.days, "days to simulate (default 180)");
    cmd->add_option("--runs", o->request.runs, "runs per strategy (default 1000)");
    cmd->add_option("--seed", o->request.seed, "random seed (default 1): same seed, same figures");
    cmd->add_option("--threads", o->request.threads,
                    "worker threads, 1 to 256 (default one per core); never changes the figures")
        ->check(CLI::Range(0, 256));
    cmd->add_flag("--unlimited", o->request.unlimited, "an unlimited pool of prospects instead of your queue");
    cmd->callback([o, &selected] {
        selected = [o](Context& ctx) -> core::Result<Output> {
            auto request = simulate_request(*o);
            if (!request) return std::unexpected(request.error());
            return answer(ctx, *request, simulate_text);
        };
    });
}

}  // namespace ik::present
