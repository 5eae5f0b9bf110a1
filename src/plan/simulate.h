// The strategy simulator: a Monte Carlo run of withdrawal and pacing strategies
// from the member's current state, with the member's own acceptance model, under
// LinkedIn's rules as invitekeeper models them. Pure; deterministic for a seed
// whatever the number of threads.
//
// One run, day by day (day 0 is today). Every request carries the day it will be
// accepted, or none, drawn when it enters the run: a request pending at age a is
// ever accepted with p(a) = P S(a) / (1 - P + P S(a)), and then on the day-age k
// with S(k + 1) < U <= S(k), U uniform in (0, S(a)]. Each day:
//  1. withdrawals (the morning cleanup): pending requests at least
//     `withdraw_after` old, oldest first, at most withdraw.daily_max; the person
//     may be asked again only after the reinvite cooldown;
//  2. sends, on sending days: per_day, within daily.limit, the weekly limit over
//     the last 7 days, the prospects available, and never at or above the
//     pending cap (a day the cap stops a send counts as blocked);
//  3. the day's acceptances, those of this morning's sends included.
#pragma once

#include "core/calendar.h"
#include "core/time.h"
#include "core/settings.h"
#include "plan/acceptance.h"
#include "store/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ik::plan {

struct Strategy {
    int withdraw_after_days = 7;  // 0: never withdraw
    long per_day = 20;
    std::string label;     // "7d / 20 a day"
    bool current = false;  // the member's settings as they are
};

struct SimulationRules {
    long pending_cap = 1500;
    long weekly_limit = 100;
    long daily_limit = 20;
    long withdraw_daily_max = 100;
    int reinvite_after_days = 28;
    core::Weekdays sending_days;  // bit 0 = Sunday
};

struct SimulationStart {
    std::vector<int> pending_ages;  // outgoing pending requests, whole days since sent
    std::vector<int> recent_sends;  // sends of the last 6 days: days ago (1..6) per send
    std::optional<long> pool;       // prospects available (the queue); none = unlimited
    unsigned first_weekday = 1;     // today's weekday, 0 = Sunday
};

struct SimulationOptions {
    int days = 180;
    int runs = 1000;
    std::uint64_t seed = 1;
    int threads = 0;  // 0: one per core
};

// Summary of one strategy over all runs.
struct StrategyResult {
    Strategy strategy;
    double accepted_per_week_mean = 0;
    double accepted_per_week_p10 = 0;
    double accepted_per_week_p90 = 0;
    double accepted_total_mean = 0;
    double pending_mean = 0;   // mean over runs of the day-by-day mean
    long pending_max = 0;      // the highest of any day of any run
    double blocked_share = 0;  // sending days on which the cap stopped a send
    double withdrawals_per_week = 0;
    double sent_per_week = 0;
    double acceptance_rate = 0;  // accepted / sent, of the requests sent in the run
};

struct SimulationResult {
    std::vector<StrategyResult> strategies;  // in the order given
    size_t best = 0;                         // most accepted connections
    std::optional<size_t> current;           // the member's settings, if among them
};

SimulationResult simulate(const std::vector<Strategy>& strategies, const SimulationStart& start,
                          const SimulationRules& rules, const AcceptanceModel& model, const SimulationOptions& options);

// Everything a simulation of the account needs: the grid of strategies (every
// withdraw-after with every per-day; 0 days = never withdraw) plus the member's
// current settings, the rules, the start state (pending ages, the last 6 days'
// sends, the queue as the pool unless `unlimited` or empty) and the acceptance
// model.
struct SimulationSetup {
    std::vector<Strategy> strategies;
    SimulationStart start;
    SimulationRules rules;
    AcceptanceModel model;
};
core::Result<SimulationSetup> simulation_setup(store::Store& store, core::AccountId account,
                                               const core::Settings& settings, core::Instant now,
                                               const std::vector<int>& withdraw_after_days,
                                               const std::vector<long>& per_day, bool unlimited);

}  // namespace ik::plan
