// `simulate`: compare withdrawal and pacing strategies before trying them, with
// the member's own numbers (plan/simulate.h has the model).
#include "present/command.h"

#include "plan/simulate.h"
#include "plan/status.h"

#include <fmt/format.h>

#include <sstream>

namespace ik::present {

namespace {

struct SimulateOptions {
    std::string withdraw_after = "7d,14d,21d,30d";
    std::string per_day = "10,15,20";
    int days = 180;
    int runs = 1000;
    std::uint64_t seed = 1;
    int threads = 0;
    bool unlimited = false;
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

core::Result<Output> run_simulate(Context& ctx, const SimulateOptions& o)
{
    if (o.days < 7 || o.days > 730) return core::fail(core::ErrorKind::usage, "bad_days", "--days must be 7 to 730");
    if (o.runs < 1 || o.runs > 100000)
        return core::fail(core::ErrorKind::usage, "bad_runs", "--runs must be 1 to 100,000");
    std::vector<int> afters;
    for (const auto& a : split_list(o.withdraw_after)) {
        if (a == "never" || a == "0") {
            afters.push_back(0);
            continue;
        }
        auto d = core::parse_duration(a);
        if (!d || d->count() < 86400 || d->count() % 86400 != 0)
            return core::fail(
                core::ErrorKind::usage, "bad_strategy",
                fmt::format("--withdraw-after: \"{}\" is not a number of whole days like 14d (or never)", a));
        afters.push_back(static_cast<int>(d->count() / 86400));
    }
    std::vector<long> per_days;
    for (const auto& p : split_list(o.per_day)) {
        long n = 0;
        try {
            size_t used = 0;
            n = std::stol(p, &used);
            if (used != p.size()) n = -1;
        } catch (...) {
            n = -1;
        }
        if (n < 0 || n > 1000)
            return core::fail(core::ErrorKind::usage, "bad_strategy",
                              fmt::format("--per-day: \"{}\" is not a whole number from 0 to 1000", p));
        per_days.push_back(n);
    }
    if (afters.empty() || per_days.empty())
        return core::fail(core::ErrorKind::usage, "bad_strategy",
                          "give at least one --withdraw-after and one --per-day");

    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto& settings = scope->settings;
    const auto id = scope->account.id;

    auto setup = plan::simulation_setup(store, id, settings, scope->now, afters, per_days, o.unlimited);
    if (!setup) return std::unexpected(setup.error());
    const auto& start = setup->start;
    const auto& model = setup->model;
    plan::SimulationOptions options{o.days, o.runs, o.seed, o.threads};
    const auto result = plan::simulate(setup->strategies, start, setup->rules, model, options);

    Output out;
    out.json["now"] = json_instant(scope->now);
    out.json["days"] = o.days;
    out.json["runs"] = o.runs;
    out.json["seed"] = o.seed;
    out.json["start"] = Json{{"pending", start.pending_ages.size()},
                             {"sent_last_6_days", start.recent_sends.size()},
                             {"prospects", start.pool ? Json(*start.pool) : Json("unlimited")}};
    out.json["model"] = Json{{"source", model.source()}, {"acceptance_rate", round_to(model.rate(), 4)}};
    Json items = Json::array();
    for (const auto& r : result.strategies)
        items.push_back(Json{{"label", r.strategy.label},
                             {"withdraw_after_days", r.strategy.withdraw_after_days},
                             {"per_day", r.strategy.per_day},
                             {"current", r.strategy.current},
                             {"accepted_per_week", Json{{"mean", round_to(r.accepted_per_week_mean, 2)},
                                                        {"p10", round_to(r.accepted_per_week_p10, 2)},
                                                        {"p90", round_to(r.accepted_per_week_p90, 2)}}},
                             {"accepted_total", round_to(r.accepted_total_mean, 1)},
                             {"pending_mean", round_to(r.pending_mean, 1)},
                             {"pending_max", r.pending_max},
                             {"blocked_share", round_to(r.blocked_share, 4)},
                             {"withdrawals_per_week", round_to(r.withdrawals_per_week, 2)},
                             {"sent_per_week", round_to(r.sent_per_week, 2)},
                             {"acceptance_rate", round_to(r.acceptance_rate, 4)}});
    out.json["strategies"] = items;
    const auto& best = result.strategies[result.best];
    const auto& current = result.strategies[result.current.value_or(result.best)];
    out.json["best"] =
        Json{{"label", best.strategy.label},
             {"accepted_per_week", round_to(best.accepted_per_week_mean, 2)},
             {"vs_current_per_week", round_to(best.accepted_per_week_mean - current.accepted_per_week_mean, 2)},
             {"current", current.strategy.label}};

    std::string& t = out.text;
    t += fmt::format(
        "Simulated {} strategies x {} runs x {} days from {} ({} pending, {} prospects; acceptance {:.1f}% "
        "with the {} time-to-accept curve).\n\n",
        result.strategies.size(), thousands(o.runs), o.days, core::format_date(scope->zone.local_date(scope->now)),
        thousands(static_cast<long>(start.pending_ages.size())),
        start.pool ? thousands(*start.pool) : std::string("unlimited"), model.rate() * 100,
        model.source() == "prior" ? "measured prior" : "your own");
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
    return out;
}

}  // namespace

void add_simulate(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<SimulateOptions>();
    auto* cmd = app.add_subcommand("simulate", "Compare withdrawal and pacing strategies on your own numbers");
    cmd->add_option("--withdraw-after", o->withdraw_after,
                    "withdraw pending requests this old (list; default 7d,14d,21d,30d)");
    cmd->add_option("--per-day", o->per_day, "requests sent per sending day (list; default 10,15,20)");
    cmd->add_option("--days", o->days, "days to simulate (default 180)");
    cmd->add_option("--runs", o->runs, "runs per strategy (default 1000)");
    cmd->add_option("--seed", o->seed, "random seed (default 1): same seed, same figures");
    cmd->add_option("--threads", o->threads, "worker threads, 1 to 256 (default one per core); never changes the figures")
        ->check(CLI::Range(0, 256));
    cmd->add_flag("--unlimited", o->unlimited, "an unlimited pool of prospects instead of your queue");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_simulate(ctx, *o); }; });
}

}  // namespace ik::present
