// The account health score: 100 minus the points lost on a fixed list of factors,
// each measured from the member's own record against a threshold. The formula,
// every threshold and every weight are in docs/health.md; the numbers live in
// health.cpp and nowhere else.
#pragma once

#include "core/settings.h"
#include "core/time.h"
#include "store/store.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::plan {

// One outgoing invitation sent recently, as the score sees it.
struct RecentSend {
    core::Instant at;
    bool generic_note = false;  // no note, or only a generic phrase (is_generic_note)
};

// Outgoing invitations sent in a span of days and old enough to have been answered.
struct AcceptanceCohort {
    long accepted = 0;
    long outgoing = 0;
};

// What the score reads, gathered from the store by health_facts().
struct HealthFacts {
    core::Instant now;
    core::Zone zone = core::Zone::utc();  // calendar days for the daily burst
    long pending = 0;
    long stale = 0;                           // pending at least withdraw.after old
    AcceptanceCohort cohort_30d;              // sent in the last 30 days and at least stats.min_age old
    AcceptanceCohort cohort_90d;              // the same over the last 90 days
    std::vector<RecentSend> sends;            // outgoing, sent in the 30 x 24 h up to now, oldest first
    std::vector<core::Instant> restrictions;  // `mark restricted`, any time
    std::vector<core::Instant> reports;       // `mark reported`, any time
};

// The settings the score compares against.
struct HealthRules {
    long pending_cap = core::default_integer("pending.cap");
    long pending_target = core::default_integer("pending.target");
    long weekly_limit = core::default_integer("weekly.limit");
    long daily_limit = core::default_integer("daily.limit");
    long max_per_hour = core::default_integer("batch.max_per_hour");
    core::Duration stale_after = core::default_duration("withdraw.after");
    core::Duration restriction_pause = core::default_duration("restriction.pause");
    std::optional<long> note_quota;  // free tier: notes allowed in any 30 days

    static HealthRules from(const core::Settings& settings);
};

// One factor of the score. Codes, in this order: pending, stale, acceptance_30d,
// acceptance_90d, generic_notes, burst_hour, burst_day, weekly, restrictions,
// reports (docs/health.md).
struct HealthFactor {
    std::string code;
    std::optional<double> value;  // none when there is too little data to judge
    double threshold = 0;         // points are lost once the value is past it
    double weight = 0;            // the most points the factor can cost
    double lost = 0;              // 0..weight
    bool share = false;           // value and threshold are shares (0..1), else counts
    bool low_is_bad = false;      // points are lost below the threshold (a rate), else above it
    std::string advice;           // one line the member can act on; empty when nothing is lost
};

struct Health {
    long score = 100;        // 100 minus the points lost, rounded, 0..100
    std::string_view grade;  // good, fair, poor, critical
    std::vector<HealthFactor> factors;
};

// The score from the facts. Pure.
Health score_health(const HealthFacts& facts, const HealthRules& rules);

// The factors that lose points, most points first (ties in factor order), at most `n`.
std::vector<const HealthFactor*> top_advice(const Health& health, size_t n);

// The largest number of `times` (sorted) inside any half-open window of length
// `span`: the measure batch.max_per_hour and weekly.limit are rules about.
long most_within(const std::vector<core::Instant>& times, core::Duration span);

// Gathers the facts for the account at `now`.
HealthFacts health_facts(store::Store& store, core::AccountId account, const core::Settings& settings,
                         core::Instant now);

// health_facts, then score_health.
Health account_health(store::Store& store, core::AccountId account, const core::Settings& settings, core::Instant now);

}  // namespace ik::plan
