#include "plan/health.h"

#include "core/numbers.h"
#include "plan/notes.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace ik::plan {

using core::Duration;
using core::Instant;

namespace {

// Every weight, threshold and span of the score (docs/health.md). The weights add up to 100.
constexpr double kPendingWeight = 20;  // 0 at pending.target, all at pending.cap
constexpr double kStaleWeight = 10;    // 0 at a stale share of 50%, all at 90%
constexpr double kStaleGood = 0.50;
constexpr double kStaleBad = 0.90;
constexpr double kAccept30Weight = 10;  // 0 at an acceptance rate of 30%, all at 15%
constexpr double kAccept90Weight = 5;
constexpr double kAcceptGood = 0.30;
constexpr double kAcceptBad = 0.15;
constexpr double kGenericWeight = 10;  // 0 at 25% of sends without a personal note, all at 75%
constexpr double kGenericGood = 0.25;
constexpr double kGenericBad = 0.75;
constexpr double kBurstHourWeight = 5;  // 0 at batch.max_per_hour, all at twice it
constexpr double kBurstDayWeight = 5;   // 0 at daily.limit, all at twice it
constexpr double kWeeklyWeight = 10;    // 0 at 80% of weekly.limit, all at the limit
constexpr double kWeeklyMargin = 0.80;
constexpr double kRestrictionWeight = 15;  // a restriction today costs all 15
constexpr double kRestrictionPoints = 15;
constexpr double kReportWeight = 10;  // a report today costs 2.5
constexpr double kReportPoints = 2.5;

// Rates and shares are judged only on at least this many invitations (notes: sends).
constexpr long kMinSample = 10;
constexpr long kMinNoteSample = 5;

constexpr Duration kDay{86400};
constexpr Duration kHour{3600};
constexpr auto kRecentSends = core::days{30};   // the generic-notes window
constexpr long kMaxRecentSends = 1000;          // sends read for it at most (newest first)
constexpr long kMaxCohort = 2000;               // invitations read for the acceptance cohorts at most
constexpr auto kBurstSpan = core::days{14};     // the window the bursts are looked for in
constexpr auto kEventMemory = core::days{180};  // restrictions and reports count for this long, less with age

// Points lost rising linearly from 0 at `good` to `weight` at `bad`; `bad` may lie
// below `good` (a rate that hurts when low). With good == bad, all or nothing.
double linear_loss(double value, double good, double bad, double weight)
{
    if (good == bad) return value >= bad ? weight : 0;
    return weight * std::clamp((value - good) / (bad - good), 0.0, 1.0);
}

// Each event within kEventMemory counts 1 today, falling linearly to 0 at kEventMemory.
struct Recency {
    long count = 0;  // events in the last kEventMemory
    double weighted = 0;
    std::optional<Instant> latest;
};

Recency recency(const std::vector<Instant>& events, Instant now)
{
    Recency r;
    const double memory = static_cast<double>(Duration{kEventMemory}.count());
    for (Instant at : events) {
        if (at > now || now - at >= kEventMemory) continue;
        ++r.count;
        r.weighted += 1.0 - static_cast<double>((now - at).count()) / memory;
        if (!r.latest || at > *r.latest) r.latest = at;
    }
    return r;
}

std::string percent(double share)
{
    return fmt::format("{:.1f}%", share * 100);
}

HealthFactor factor(std::string code, double weight, double threshold, bool share = false)
{
    HealthFactor f;
    f.code = std::move(code);
    f.weight = weight;
    f.threshold = threshold;
    f.share = share;
    return f;
}

HealthFactor pending_factor(const HealthFacts& facts, const HealthRules& rules)
{
    const long good = std::min(rules.pending_target, rules.pending_cap);
    auto f = factor("pending", kPendingWeight, static_cast<double>(good));
    f.value = static_cast<double>(facts.pending);
    f.lost = linear_loss(*f.value, f.threshold, static_cast<double>(rules.pending_cap), f.weight);
    if (f.lost > 0)
        f.advice = fmt::format("Withdraw {} to get under the target of {}: invitekeeper plan withdraw",
                               core::thousands(facts.pending - good), core::thousands(good));
    return f;
}

HealthFactor stale_factor(const HealthFacts& facts, const HealthRules& rules)
{
    auto f = factor("stale", kStaleWeight, kStaleGood, true);
    if (facts.pending < kMinSample) return f;
    f.value = static_cast<double>(facts.stale) / static_cast<double>(facts.pending);
    f.lost = linear_loss(*f.value, kStaleGood, kStaleBad, f.weight);
    if (f.lost > 0)
        f.advice = fmt::format("Withdraw the {} invitations pending {} or longer: invitekeeper plan withdraw",
                               core::thousands(facts.stale), core::format_duration(rules.stale_after));
    return f;
}

HealthFactor acceptance_factor(std::string code, const AcceptanceCohort& cohort, double weight, int days)
{
    auto f = factor(std::move(code), weight, kAcceptGood, true);
    f.low_is_bad = true;
    if (cohort.outgoing < kMinSample) return f;
    f.value = static_cast<double>(cohort.accepted) / static_cast<double>(cohort.outgoing);
    f.lost = linear_loss(*f.value, kAcceptGood, kAcceptBad, f.weight);
    if (f.lost > 0)
        f.advice = fmt::format(
            "Only {} of {} requests sent in the last {} days were accepted: invite people you "
            "have something in common with",
            percent(*f.value), core::thousands(cohort.outgoing), days);
    return f;
}

HealthFactor generic_factor(const HealthFacts& facts, const HealthRules& rules)
{
    auto f = factor("generic_notes", kGenericWeight, kGenericGood, true);
    const auto from = facts.now - kRecentSends;
    long sent = 0, generic = 0;
    for (const auto& s : facts.sends) {
        if (s.at <= from || s.at > facts.now) continue;
        ++sent;
        if (s.generic_note) ++generic;
    }
    // A free account may add a note to only note_quota requests in 30 days; the rest
    // cannot carry one, so only the requests that could have are judged.
    const long without_choice = rules.note_quota ? std::max(0L, sent - std::max(0L, *rules.note_quota)) : 0;
    const long could = sent - without_choice;
    const long missed = std::max(0L, generic - without_choice);
    if (could < kMinNoteSample) return f;
    f.value = static_cast<double>(missed) / static_cast<double>(could);
    f.lost = linear_loss(*f.value, kGenericGood, kGenericBad, f.weight);
    if (f.lost > 0)
        f.advice = fmt::format(
            "{} of {} requests in the last 30 days{} had no personal note: mention the person or "
            "their company",
            core::thousands(missed), core::thousands(could),
            without_choice > 0 ? " that your free account could add one to" : "");
    return f;
}

HealthFactor burst_hour_factor(const std::vector<Instant>& recent, const HealthRules& rules)
{
    auto f = factor("burst_hour", kBurstHourWeight, static_cast<double>(rules.max_per_hour));
    if (rules.max_per_hour <= 0) return f;
    const long most = most_within(recent, kHour);
    f.value = static_cast<double>(most);
    f.lost = linear_loss(*f.value, f.threshold, 2.0 * f.threshold, f.weight);
    if (f.lost > 0)
        f.advice = fmt::format(
            "You sent {} requests within one hour: send at most {} an hour (plan send spreads "
            "them out)",
            most, rules.max_per_hour);
    return f;
}

HealthFactor burst_day_factor(const std::vector<Instant>& recent, const core::Zone& zone, const HealthRules& rules)
{
    auto f = factor("burst_day", kBurstDayWeight, static_cast<double>(rules.daily_limit));
    if (rules.daily_limit <= 0) return f;
    std::map<core::Days, long> per_day;
    for (Instant t : recent) ++per_day[zone.local_date(t)];
    long most = 0;
    core::Days busiest{};
    for (const auto& [day, n] : per_day)
        if (n > most) most = n, busiest = day;  // the earliest of equally busy days
    f.value = static_cast<double>(most);
    f.lost = linear_loss(*f.value, f.threshold, 2.0 * f.threshold, f.weight);
    if (f.lost > 0)
        f.advice = fmt::format("You sent {} requests on {}: keep to {} a day", most, core::format_date(busiest),
                               rules.daily_limit);
    return f;
}

HealthFactor weekly_factor(const HealthFacts& facts, const HealthRules& rules)
{
    auto f = factor("weekly", kWeeklyWeight, kWeeklyMargin * static_cast<double>(rules.weekly_limit));
    if (rules.weekly_limit <= 0) return f;
    const long sent = static_cast<long>(std::count_if(facts.sends.begin(), facts.sends.end(), [&](const RecentSend& s) {
        return s.at > facts.now - core::days{7} && s.at <= facts.now;
    }));
    f.value = static_cast<double>(sent);
    f.lost = linear_loss(*f.value, f.threshold, static_cast<double>(rules.weekly_limit), f.weight);
    if (f.lost > 0)
        f.advice = fmt::format("{} requests in the last 7 days, limit {}: send at most {} a week to keep a margin",
                               sent, rules.weekly_limit, std::floor(f.threshold));
    return f;
}

HealthFactor restrictions_factor(const HealthFacts& facts, const HealthRules& rules)
{
    auto f = factor("restrictions", kRestrictionWeight, 0);
    const auto r = recency(facts.restrictions, facts.now);
    f.value = static_cast<double>(r.count);
    f.lost = std::min(f.weight, kRestrictionPoints * r.weighted);
    if (!r.latest) return f;
    const auto on = core::format_date(facts.zone.local_date(*r.latest));
    if (facts.now < *r.latest + rules.restriction_pause)
        f.advice = fmt::format(
            "LinkedIn restricted sending on {}: send nothing before {}, then fewer requests a "
            "day than before",
            on, core::format_date(facts.zone.local_date(*r.latest + rules.restriction_pause)));
    else
        f.advice = fmt::format("LinkedIn restricted sending on {}: stay well under your limits for a while", on);
    return f;
}

HealthFactor reports_factor(const HealthFacts& facts)
{
    auto f = factor("reports", kReportWeight, 0);
    const auto r = recency(facts.reports, facts.now);
    f.value = static_cast<double>(r.count);
    f.lost = std::min(f.weight, kReportPoints * r.weighted);
    if (f.lost > 0)
        f.advice = fmt::format(
            "{} {} said they don't know you in the last 180 days: invite only people you have "
            "something in common with",
            r.count, r.count == 1 ? "person" : "people");
    return f;
}

std::string_view grade(long score)
{
    if (score >= 80) return "good";
    if (score >= 60) return "fair";
    if (score >= 40) return "poor";
    return "critical";
}

}  // namespace

HealthRules HealthRules::from(const core::Settings& s)
{
    HealthRules r;
    r.pending_cap = static_cast<long>(s.integer("pending.cap"));
    r.pending_target = static_cast<long>(s.integer("pending.target"));
    r.weekly_limit = static_cast<long>(s.integer("weekly.limit"));
    r.daily_limit = static_cast<long>(s.integer("daily.limit"));
    r.max_per_hour = static_cast<long>(s.integer("batch.max_per_hour"));
    r.stale_after = s.duration("withdraw.after");
    r.restriction_pause = s.duration("restriction.pause");
    if (s.text("account.tier") == "free") r.note_quota = static_cast<long>(s.integer("note.free_personalized_per_30d"));
    return r;
}

long most_within(const std::vector<Instant>& times, Duration span)
{
    long most = 0;
    size_t first = 0;
    for (size_t last = 0; last < times.size(); ++last) {
        while (times[last] - times[first] >= span) ++first;
        most = std::max(most, static_cast<long>(last - first + 1));
    }
    return most;
}

Health score_health(const HealthFacts& facts, const HealthRules& rules)
{
    std::vector<Instant> recent;  // the last 14 days, for the bursts
    for (const auto& s : facts.sends)
        if (s.at > facts.now - kBurstSpan && s.at <= facts.now) recent.push_back(s.at);
    std::sort(recent.begin(), recent.end());

    Health h;
    h.factors.push_back(pending_factor(facts, rules));
    h.factors.push_back(stale_factor(facts, rules));
    h.factors.push_back(acceptance_factor("acceptance_30d", facts.cohort_30d, kAccept30Weight, 30));
    h.factors.push_back(acceptance_factor("acceptance_90d", facts.cohort_90d, kAccept90Weight, 90));
    h.factors.push_back(generic_factor(facts, rules));
    h.factors.push_back(burst_hour_factor(recent, rules));
    h.factors.push_back(burst_day_factor(recent, facts.zone, rules));
    h.factors.push_back(weekly_factor(facts, rules));
    h.factors.push_back(restrictions_factor(facts, rules));
    h.factors.push_back(reports_factor(facts));

    double lost = 0;
    for (const auto& f : h.factors) lost += f.lost;
    h.score = std::clamp(std::lround(100.0 - lost), 0L, 100L);
    h.grade = grade(h.score);
    return h;
}

std::vector<const HealthFactor*> top_advice(const Health& health, size_t n)
{
    std::vector<const HealthFactor*> out;
    for (const auto& f : health.factors)
        if (f.lost > 0 && !f.advice.empty()) out.push_back(&f);
    std::stable_sort(out.begin(), out.end(),
                     [](const HealthFactor* a, const HealthFactor* b) { return a->lost > b->lost; });
    if (out.size() > n) out.resize(n);
    return out;
}

HealthFacts health_facts(store::Store& store, core::AccountId account, const core::Settings& settings, Instant now)
{
    HealthFacts f;
    f.now = now;
    f.zone = core::Zone::named(settings.text("account.tz")).value_or(core::Zone::utc());

    store::InvitationQuery pending;
    pending.status = core::Status::pending;
    f.pending = store.count_invitations(account, pending);
    pending.sent_before = now - settings.duration("withdraw.after") + Duration{1};
    f.stale = store.count_invitations(account, pending);

    // A cohort: sent in the last `span`, and at least stats.min_age old so that most
    // of those that will be accepted have been (92% within 14 days, docs/rules.md).
    // Both cohorts from one read of the 90-day one, newest first and at most
    // kMaxCohort invitations: every one for anyone inside LinkedIn's limits, and a
    // bounded read however the ledger was filled.
    store::InvitationQuery q;
    q.sent_from = now - core::days{90} + Duration{1};
    q.sent_before = now - settings.duration("stats.min_age") + Duration{1};
    q.newest_first = true;
    q.limit = kMaxCohort;
    if (*q.sent_from < *q.sent_before) {
        const Instant from_30d = now - core::days{30} + Duration{1};
        for (const auto& inv : store.invitations(account, q)) {
            const bool accepted = inv.status == core::Status::accepted;
            ++f.cohort_90d.outgoing;
            f.cohort_90d.accepted += accepted;
            if (inv.sent_at >= from_30d) {
                ++f.cohort_30d.outgoing;
                f.cohort_30d.accepted += accepted;
            }
        }
    }

    // The newest kMaxRecentSends at most: far more than LinkedIn lets anyone send
    // in 30 days, and a bounded read however the ledger was filled.
    store::InvitationQuery recent;
    recent.sent_from = now - kRecentSends + Duration{1};
    recent.sent_before = now + Duration{1};
    recent.newest_first = true;
    recent.limit = kMaxRecentSends;
    for (const auto& inv : store.invitations(account, recent))
        f.sends.push_back(RecentSend{inv.sent_at, is_generic_note(inv.message)});
    std::reverse(f.sends.begin(), f.sends.end());  // oldest first

    // One restriction per instant (recorded twice is still one), and one report per
    // person (their newest by now): the factors count events and people, not rows.
    for (const auto& e : store.account_events(account, core::AccountEventKind::restricted))
        if (f.restrictions.empty() || f.restrictions.back() != e.at) f.restrictions.push_back(e.at);
    std::map<std::string, Instant> newest_report;
    for (const auto& e : store.account_events(account, core::AccountEventKind::reported)) {
        if (e.at > now) continue;
        auto [it, added] = newest_report.try_emplace(e.person_key.value_or(""), e.at);
        if (!added) it->second = std::max(it->second, e.at);
    }
    for (const auto& [who, at] : newest_report) f.reports.push_back(at);
    std::sort(f.reports.begin(), f.reports.end());
    return f;
}

Health account_health(store::Store& store, core::AccountId account, const core::Settings& settings, Instant now)
{
    return score_health(health_facts(store, account, settings, now), HealthRules::from(settings));
}

}  // namespace ik::plan
