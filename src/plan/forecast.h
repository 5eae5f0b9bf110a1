// The pending forecast: where pending is heading at the pace of the last 14 days if
// nothing is withdrawn, and how many withdrawals a week keep it at or under the
// target. Expected values from the acceptance model, no randomness; the method is
// in docs/health.md ("Forecast").
//
// An invitation still pending at age a (days) is accepted within the next day with
//   h(a) = P * (S(a) - S(a + 1)) / (1 - P + P * S(a))
// (of the invitations sent, 1 - P + P * S(a) are still pending at age a and
// P * (S(a) - S(a + 1)) are accepted between a and a + 1). The hazards telescope: of
// n pending at age a, n * q(a + t) / q(a) are still pending t days later, with
// q(a) = 1 - P + P * S(a) the share of sent invitations pending at age a.
#pragma once

#include "core/settings.h"
#include "core/time.h"
#include "plan/acceptance.h"
#include "store/store.h"

#include <optional>
#include <string>
#include <vector>

namespace ik::plan {

struct ForecastInput {
    core::Days today;       // day 0 of the projection
    long recent_sends = 0;  // outgoing sends in the last `pace_days` x 24 h
    int pace_days = 14;
    std::vector<double> pending_ages;  // in days, one per pending invitation now
    long target = core::default_integer("pending.target");
    long cap = core::default_integer("pending.cap");
    int horizon_days = 365;
};

struct Forecast {
    core::Days today;
    double pace = 0;  // sends a day: recent_sends / pace_days
    long recent_sends = 0;
    int pace_days = 14;
    double acceptance_rate = 0;  // the model's P
    std::string model_source;    // the model's survival curve: prior, or the member's own
    long pending_now = 0;
    long target = 0;
    long cap = 0;
    int horizon_days = 0;
    // Expected pending d days from now, d = 0..horizon_days, if nothing is withdrawn:
    // each day adds `pace` sends (of age 0 at its start) and each pending invitation
    // is accepted with the daily hazard h of its age.
    std::vector<double> pending;
    std::optional<core::Days> target_on;  // first day expected pending >= target; today when it already is
    std::optional<core::Days> cap_on;     // the same for the cap; none: not within the horizon
    // Steady state at this pace: withdrawing every invitation still pending when it
    // reaches `withdraw_at_age_days` keeps pending at or under the target, and takes
    // this many a week. Zero (and no age) when pace is zero or ten years of sends fit.
    double withdrawals_per_week = 0;
    std::optional<long> withdraw_at_age_days;
};

// h(a): the chance that an invitation still pending at age `age_days` is accepted
// within the next day.
double daily_acceptance_hazard(const AcceptanceModel& model, double age_days);

// Projects pending day by day and finds the steady-state withdrawals. Pure.
Forecast project_pending(const ForecastInput& input, const AcceptanceModel& model);

// The forecast for the account at `now`, with acceptance_model()'s model.
Forecast account_forecast(store::Store& store, core::AccountId account, const core::Settings& settings,
                          core::Instant now);
// The same with a model already made.
Forecast account_forecast(store::Store& store, core::AccountId account, const core::Settings& settings,
                          core::Instant now, const AcceptanceModel& model);

}  // namespace ik::plan
