// The withdrawal planner: which pending invitations to withdraw, in what order,
// on which day, and why (the rules withdraw.* and pending.target, docs/rules.md).
#pragma once

#include "core/invitation.h"
#include "core/settings.h"
#include "core/time.h"
#include "plan/acceptance.h"

#include <string>
#include <vector>

namespace ik::plan {

struct WithdrawOptions {
    core::Duration after = core::default_duration("withdraw.after");  // stale from this age
    core::Duration outdated_after = core::default_duration("withdraw.outdated_after");
    long target = core::default_integer("pending.target");
    long daily_max = core::default_integer("withdraw.daily_max");
    // Withdrawals already recorded today (local day): today keeps only the rest of
    // daily_max, so working through a plan and asking again never exceeds it.
    long withdrawn_today = 0;
    bool generic_first = core::default_boolean("withdraw.generic_first");

    static WithdrawOptions from(const core::Settings& settings);
};

struct WithdrawItem {
    core::Invitation invitation;
    long age_days = 0;                 // whole days since sent_at
    std::vector<std::string> reasons;  // accidental, stale, outdated, generic_note, over_target
    double p_accept = 0;
    core::Days day;                    // the local day it is planned for
};

struct WithdrawPlan {
    core::Instant now;
    long pending_before = 0;
    long pending_after = 0;
    long days = 0;  // distinct days the plan spans
    long withdrawn_today = 0;  // already recorded today, counted against today's daily_max
    std::vector<WithdrawItem> items;
};

// Plans withdrawals among `pending` (outgoing, pending invitations):
// - every one marked accidental; every one at least `after` old; then, while
//   pending would stay above `target`, more (generic notes first when
//   generic_first, older first); never one marked keep;
// - ordered accidental first, then lowest p_accept, then older, then id;
// - `daily_max` a day from today (in `zone`), today less `withdrawn_today`.
WithdrawPlan plan_withdrawals(const std::vector<core::Invitation>& pending, const AcceptanceModel& model,
                              const WithdrawOptions& options, core::Instant now, const core::Zone& zone);

}  // namespace ik::plan
