// Where the member stands against LinkedIn's limits right now.
#pragma once

#include "core/settings.h"
#include "core/time.h"
#include "plan/acceptance.h"
#include "plan/forecast.h"
#include "plan/health.h"
#include "plan/withdraw.h"
#include "store/store.h"

#include <optional>
#include <string>

namespace ik::plan {

struct AcceptanceRate {
    long accepted = 0;  // of the outgoing invitations at least stats.min_age old
    long outgoing = 0;
    std::optional<double> rate;  // none when no invitation is old enough
};

// accepted / outgoing over outgoing invitations at least `min_age` old at `now`.
AcceptanceRate acceptance_rate(store::Store& store, core::AccountId account, core::Instant now, core::Duration min_age);

// How many invitations' worth of weight the default rate keeps in the model's P.
inline constexpr double kRatePriorWeight = 20;

// The P the prior-curve model uses: the member's rate shrunk towards the default,
// so a short history (none accepted of 12) does not mean "nobody ever accepts".
double model_rate(const AcceptanceRate& rate);

// The model p_accept uses: the member's own Kaplan-Meier curve (source "own") once
// they have stats.min_accepted accepted outgoing invitations, else the prior curve
// with their rate, or the default rate (source "prior").
AcceptanceModel acceptance_model(store::Store& store, core::AccountId account, const core::Settings& settings,
                                 core::Instant now);

// The withdrawal plan for the account's pending invitations.
WithdrawPlan withdrawal_plan(store::Store& store, core::AccountId account, const core::Settings& settings,
                             const WithdrawOptions& options, core::Instant now);
// The same with a model already made (status makes one for everything it shows).
WithdrawPlan withdrawal_plan(store::Store& store, core::AccountId account, const core::Settings& settings,
                             const WithdrawOptions& options, core::Instant now, const AcceptanceModel& model);

// When the next cleanup is due: cleanup.every after the last withdrawal recorded
// here; with none recorded, or when overdue, today (in `zone`).
struct CleanupDue {
    std::optional<core::Days> last;  // day of the latest withdrawal recorded here
    core::Days next;
};
CleanupDue cleanup_due(store::Store& store, core::AccountId account, const core::Settings& settings,
                       const core::Zone& zone, core::Instant now);

struct StatusReport {
    std::string account;
    core::Instant now;
    core::Days today;
    long pending = 0;
    long pending_cap = 0;
    long pending_target = 0;
    long sent_7d = 0;
    long weekly_limit = 0;
    long weekly_remaining = 0;
    long sent_today = 0;
    long daily_limit = 0;
    long stale = 0;
    std::optional<long> oldest_pending_days;
    long accepted_total = 0;
    AcceptanceRate acceptance;
    core::Days next_cleanup;
    std::optional<core::Days> last_cleanup;  // day of the latest withdrawal recorded here
    long withdraw_today = 0;                 // items of today's withdrawal plan
    long withdrawn_today = 0;                // withdrawals already recorded today
    long withdraw_total = 0;
    core::Duration stale_after{};
    core::Duration min_age{};  // stats.min_age: how old an invitation must be to count in the rate
    Health health;
    Forecast forecast;
};

StatusReport compute_status(store::Store& store, const store::Account& account, const core::Settings& settings,
                      core::Instant now);

}  // namespace ik::plan
