#include "plan/forecast.h"

#include <cmath>

#include "plan/status.h"

#include <algorithm>

namespace ik::plan {

namespace {

// The steady state looks this far (ten years) for the age at which to withdraw.
constexpr long kSteadyStateMaxAge = 3650;

// q(a): the share of sent invitations still pending at age a, when none is withdrawn.
double still_pending(const AcceptanceModel& model, double age_days)
{
    const double p = model.rate();
    return 1.0 - p + p * model.survival(age_days);
}

std::optional<core::Days> first_day_at_or_over(const std::vector<double>& pending, long level, core::Days today)
{
    for (size_t d = 0; d < pending.size(); ++d)
        if (pending[d] >= static_cast<double>(level)) return today + core::days{static_cast<long>(d)};
    return std::nullopt;
}

}  // namespace

double daily_acceptance_hazard(const AcceptanceModel& model, double age_days)
{
    const double pending = still_pending(model, age_days);
    if (pending <= 0) return 0;
    return model.rate() * (model.survival(age_days) - model.survival(age_days + 1)) / pending;
}

Forecast project_pending(const ForecastInput& in, const AcceptanceModel& model)
{
    Forecast f;
    f.today = in.today;
    f.recent_sends = in.recent_sends;
    f.pace_days = std::max(1, in.pace_days);
    f.pace = static_cast<double>(std::max(0L, in.recent_sends)) / f.pace_days;
    f.acceptance_rate = model.rate();
    f.model_source = std::string(model.source());
    f.pending_now = static_cast<long>(in.pending_ages.size());
    f.target = in.target;
    f.cap = in.cap;
    f.horizon_days = std::max(0, in.horizon_days);

    // q(a) of each invitation pending now, the denominator of its conditional survival.
    std::vector<double> q_now;
    q_now.reserve(in.pending_ages.size());
    for (double a : in.pending_ages) q_now.push_back(still_pending(model, a));
    // S is log-linear between its knots (and past the last), so log S sampled at
    // whole days and interpolated linearly in between gives S exactly: one exp per
    // evaluation instead of a search, a log and an exp.
    double oldest = 0;
    for (double a : in.pending_ages) oldest = std::max(oldest, a);
    std::vector<double> log_s(static_cast<size_t>(oldest) + static_cast<size_t>(f.horizon_days) + 3);
    for (size_t k = 0; k < log_s.size(); ++k)
        log_s[k] = std::log(std::max(model.survival(static_cast<double>(k)), 1e-300));
    const double rate = model.rate();
    auto q_at = [&](double age) {
        if (age <= 0) return 1.0;
        const auto k = static_cast<size_t>(age);
        const double frac = age - static_cast<double>(k);
        return 1.0 - rate + rate * std::min(1.0, std::exp(log_s[k] + (log_s[k + 1] - log_s[k]) * frac));
    };

    // A send made at the start of day k (1-based) is d - k + 1 days old at the end of
    // day d; the sends of days 1..d contribute pace * (q(1) + ... + q(d)).
    double sent_still_pending = 0;
    f.pending.reserve(static_cast<size_t>(f.horizon_days) + 1);
    for (int d = 0; d <= f.horizon_days; ++d) {
        if (d > 0) sent_still_pending += f.pace * still_pending(model, d);
        double existing = 0;
        for (size_t i = 0; i < q_now.size(); ++i)
            if (q_now[i] > 0) existing += q_at(in.pending_ages[i] + d) / q_now[i];
        f.pending.push_back(existing + sent_still_pending);
    }
    f.target_on = first_day_at_or_over(f.pending, in.target, in.today);
    f.cap_on = first_day_at_or_over(f.pending, in.cap, in.today);

    // Steady state: sends of the last A days are pending, pace * (q(1) + ... + q(A)) of
    // them. The largest A that keeps this at or under the target is how long an
    // invitation can be left; those still pending at age A + 1 are withdrawn, pace *
    // q(A + 1) a day.
    if (f.pace > 0) {
        long age = 0;
        double kept = 0;
        auto q = [&](long a) { return still_pending(model, static_cast<double>(a)); };
        while (age < kSteadyStateMaxAge && f.pace * (kept + q(age + 1)) <= static_cast<double>(in.target))
            kept += q(++age);
        // Everything sent in kSteadyStateMaxAge fits under the target: nothing to withdraw.
        if (age < kSteadyStateMaxAge) {
            f.withdraw_at_age_days = age + 1;
            f.withdrawals_per_week = 7.0 * f.pace * q(age + 1);
        }
    }
    return f;
}

Forecast account_forecast(store::Store& store, core::AccountId account, const core::Settings& settings,
                          core::Instant now)
{
    return account_forecast(store, account, settings, now, acceptance_model(store, account, settings, now));
}

Forecast account_forecast(store::Store& store, core::AccountId account, const core::Settings& settings,
                          core::Instant now, const AcceptanceModel& model)
{
    ForecastInput in;
    const auto zone = core::Zone::named(settings.text("account.tz")).value_or(core::Zone::utc());
    in.today = zone.local_date(now);
    in.target = static_cast<long>(settings.integer("pending.target"));
    in.cap = static_cast<long>(settings.integer("pending.cap"));

    store::InvitationQuery recent;
    recent.sent_from = now - core::days{in.pace_days} + core::Duration{1};
    recent.sent_before = now + core::Duration{1};
    in.recent_sends = store.count_invitations(account, recent);

    store::InvitationQuery pending;
    pending.status = core::Status::pending;
    for (const auto& inv : store.invitations(account, pending))
        in.pending_ages.push_back(std::max(0.0, static_cast<double>((now - inv.sent_at).count()) / 86400.0));
    return project_pending(in, model);
}

}  // namespace ik::plan
