// The member's recent activity as the report and the dashboard draw it: how old
// the pending invitations are, and how many were sent each week.
#pragma once

#include "core/time.h"
#include "store/store.h"

#include <string>
#include <vector>

namespace ik::plan {

struct AgeBucket {
    std::string label;   // "0-1d", "1-3d", ..., "90d+"
    long from_days = 0;  // inclusive
    long to_days = 0;    // exclusive; 0 for the last, open bucket
    long count = 0;
};

// Outgoing pending invitations by whole days since sent: 0, 1-2, 3-6, 7-13,
// 14-29, 30-59, 60-89, 90 and over.
std::vector<AgeBucket> pending_age_histogram(store::Store& store, core::AccountId account, core::Instant now);

struct WeekSends {
    core::Days monday;  // the ISO week's Monday, in the account's zone
    long sent = 0;
};

// Outgoing sends per ISO week (Monday to Sunday in `zone`) for the `weeks` weeks
// up to and including the current one, oldest first.
std::vector<WeekSends> weekly_sends(store::Store& store, core::AccountId account, const core::Zone& zone,
                                    core::Instant now, int weeks);

}  // namespace ik::plan
