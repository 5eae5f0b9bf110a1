// Property test of the send scheduler: thousands of random queues, histories,
// rules, zones (several crossing daylight-saving changes) and seeds; every plan
// is re-verified against every rule by a checker written here from the rules'
// wording, sharing none of the scheduler's code (it reads zones with date/tz
// directly and counts windows by brute force).
#include "plan/send.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

namespace ik::plan {
namespace {

using core::Duration;
using core::Instant;
using namespace std::chrono_literals;

// Zones with daylight saving (north and south), half- and quarter-hour offsets, none.
const std::vector<std::string> kZones{"Europe/London", "America/New_York", "Australia/Sydney",
                                      "Asia/Kolkata",  "America/St_Johns", "Pacific/Chatham",
                                      "UTC",           "Asia/Tokyo"};
// Starting points next to the 2026 changes: US 03-08 and 11-01, EU 03-29 and
// 10-25, Australia 04-05 and 10-04; and plain weeks.
const std::vector<std::string> kStarts{"2026-03-06T07:00:00Z", "2026-03-27T11:00:00Z", "2026-10-23T05:00:00Z",
                                       "2026-10-30T16:00:00Z", "2026-04-03T20:00:00Z", "2026-10-02T13:00:00Z",
                                       "2026-06-15T09:30:00Z", "2026-11-26T08:00:00Z"};

struct LocalView {
    date::local_days day;
    long second_of_day;
    unsigned weekday;  // 0 = Sunday
};

LocalView local_view(const std::string& zone, Instant t)
{
    auto zt = date::make_zoned(zone, t);
    auto local = zt.get_local_time();
    auto day = date::floor<date::days>(local);
    return LocalView{day, static_cast<long>((local - day).count()), date::weekday(day).c_encoding()};
}

struct Case {
    std::vector<SendCandidate> queue;
    SendHistory history;
    SendRules rules;
    SendOptions options;
    std::string account_zone;
};

Case random_case(std::mt19937_64& rng)
{
    auto pick = [&](long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(rng); };
    auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
    Case c;
    c.account_zone = kZones[static_cast<size_t>(pick(0, static_cast<long>(kZones.size()) - 1))];
    c.options.account_zone = core::Zone::named(c.account_zone).value();
    c.options.now = core::parse_instant(kStarts[static_cast<size_t>(pick(0, static_cast<long>(kStarts.size()) - 1))],
                                        core::Zone::utc())
                        .value() +
                    Duration{pick(0, 86400)};
    c.options.from = chance(0.3) ? c.options.now + Duration{pick(0, 3 * 86400)} : c.options.now;
    c.options.days = static_cast<int>(pick(1, 21));
    c.options.seed = static_cast<std::uint64_t>(pick(1, 1000));

    SendRules& r = c.rules;
    r.weekly_limit = pick(0, 40);
    r.daily_limit = pick(0, 12);
    r.max_per_hour = pick(0, 6);
    r.min_gap = Duration{pick(0, 40) * 60};
    // Windows: random, sometimes over the small hours where clocks change.
    const long count = pick(1, 3);
    std::set<long> edges;
    while (static_cast<long>(edges.size()) < 2 * count) edges.insert(pick(0, 48) * 30);
    std::vector<long> e(edges.begin(), edges.end());
    for (size_t k = 0; k + 1 < e.size(); k += 2)
        r.windows.push_back(core::LocalWindow{static_cast<int>(e[k]), static_cast<int>(e[k + 1])});
    // The small hours where clocks change: 01:00-02:00 (London's spring gap),
    // 02:00-03:00 (New York's), a window over both, and one over the autumn overlap.
    if (chance(0.3))
        r.windows = {std::vector<core::LocalWindow>{
            {60, 120}, {120, 180}, {60, 210}, {0, 150}}[static_cast<size_t>(pick(0, 3))]};
    do r.weekdays = core::Weekdays(static_cast<unsigned long>(pick(0, 127)));
    while (r.weekdays.none());
    r.pending_target = pick(0, 60);
    r.restriction_pause = Duration{pick(1, 10) * 86400};
    r.reinvite_after_withdraw = Duration{pick(1, 30) * 86400};
    r.reinvite_after_decline = Duration{pick(1, 60) * 86400};
    if (chance(0.4)) r.note_quota = pick(0, 5);
    r.send_without_note_past_quota = chance(0.5);

    SendHistory& h = c.history;
    const long recorded = pick(0, 30);
    for (long k = 0; k < recorded; ++k) {
        Instant t = c.options.now - Duration{pick(60, 35 * 86400)};
        h.sent.push_back(t);
        if (chance(0.4)) h.sent_with_note.push_back(t);
    }
    h.pending = pick(0, 50);
    const auto today =
        core::Days{date::floor<date::days>(c.options.account_zone.to_local(c.options.now)).time_since_epoch()};
    for (long d = 0; d < 5; ++d)
        if (chance(0.3)) h.withdrawals[today + core::days{d}] = pick(1, 20);
    if (chance(0.2)) h.restricted_at = c.options.now - Duration{pick(0, 12 * 86400)};

    const long n = pick(0, 40);
    for (long k = 0; k < n; ++k) {
        SendCandidate s;
        s.id = core::ProspectId{k + 1};
        s.person = core::Person{"in:p" + std::to_string(k), "P" + std::to_string(k), ""};
        if (chance(0.5)) s.note = "Hi P, loved your talk.";
        if (chance(0.5)) s.zone = core::Zone::named(kZones[static_cast<size_t>(pick(0, 7))]).value();
        if (chance(0.08)) s.block = BlockReason::do_not_contact;
        if (chance(0.1)) s.withdrawn_at = c.options.now - Duration{pick(0, 40 * 86400)};
        if (chance(0.1)) s.declined_at = c.options.now - Duration{pick(0, 80 * 86400)};
        c.queue.push_back(std::move(s));
    }
    return c;
}

// Every rule, checked from its wording. Returns the first broken rule, or "".
std::string broken_rule(const Case& c, const SendPlan& plan)
{
    const auto& r = c.rules;
    const Instant from = std::max(c.options.from, c.options.now);
    const Instant end = from + std::chrono::days{c.options.days};

    std::vector<int> seen(c.queue.size(), 0);
    for (const auto& s : plan.slots) ++seen.at(s.candidate);
    for (const auto& b : plan.blocked) ++seen.at(b.candidate);
    for (size_t i = 0; i < seen.size(); ++i)
        if (seen[i] != 1)
            return "candidate " + std::to_string(i) + " placed or blocked " + std::to_string(seen[i]) + " times";
    for (const auto& b : plan.blocked)
        if (c.queue[b.candidate].block && b.reason != *c.queue[b.candidate].block) return "pre-decided block changed";

    std::vector<Instant> all = c.history.sent, noted = c.history.sent_with_note, planned;
    for (size_t k = 0; k < plan.slots.size(); ++k) {
        const auto& s = plan.slots[k];
        const auto& who = c.queue[s.candidate];
        if (k > 0 && plan.slots[k - 1].at > s.at) return "slots out of time order";
        if (who.block) return "a blocked candidate was scheduled";
        if (s.at < from || s.at >= end) return "slot outside [from, from + days)";
        const std::string zone = who.zone ? who.zone->name() : c.account_zone;
        const auto local = local_view(zone, s.at);
        if (!r.weekdays.test(local.weekday)) return "slot on a day that is not a sending day in " + zone;
        bool inside = false;
        for (const auto& w : r.windows)
            inside |= local.second_of_day >= w.begin * 60L && local.second_of_day < w.end * 60L;
        if (!inside) return "slot outside the sending windows in " + zone;
        if (c.history.restricted_at && s.at >= *c.history.restricted_at &&
            s.at < *c.history.restricted_at + r.restriction_pause)
            return "slot during a restriction pause";
        if (who.withdrawn_at && s.at < *who.withdrawn_at + r.reinvite_after_withdraw)
            return "slot inside the withdraw cooldown";
        if (who.declined_at && s.at < *who.declined_at + r.reinvite_after_decline)
            return "slot inside the decline cooldown";
        if (s.note_withheld && (!r.send_without_note_past_quota || who.note.empty() || !r.note_quota))
            return "a note withheld without the rule that allows it";
        all.push_back(s.at);
        planned.push_back(s.at);
        if (!who.note.empty() && !s.note_withheld) noted.push_back(s.at);
    }
    std::sort(all.begin(), all.end());
    std::sort(noted.begin(), noted.end());

    for (size_t k = 1; k < all.size(); ++k)
        if (all[k] - all[k - 1] < r.min_gap && (std::count(planned.begin(), planned.end(), all[k]) ||
                                                std::count(planned.begin(), planned.end(), all[k - 1])))
            return "two sends closer than min_gap";

    // The most sends in any window of `span` that holds the planned send p
    // starts at one of the sends in (p - span, p].
    auto window_ok = [&](const std::vector<Instant>& sends, const std::vector<Instant>& mine, long limit,
                         Duration span) {
        for (Instant p : mine)
            for (Instant s : sends)
                if (s > p - span && s <= p) {
                    long n =
                        std::count_if(sends.begin(), sends.end(), [&](Instant x) { return x >= s && x < s + span; });
                    if (n > limit) return false;
                }
        return true;
    };
    if (!window_ok(all, planned, r.max_per_hour, 1h)) return "more than max_per_hour in some 60 minutes";
    if (!window_ok(all, planned, r.weekly_limit, std::chrono::days{7}))
        return "more than weekly.limit in some 7 x 24 h";
    if (r.note_quota) {
        std::vector<Instant> planned_noted;
        for (const auto& s : plan.slots)
            if (!c.queue[s.candidate].note.empty() && !s.note_withheld) planned_noted.push_back(s.at);
        if (!window_ok(noted, planned_noted, *r.note_quota, std::chrono::days{30})) return "note quota exceeded";
    }

    for (Instant p : planned) {
        const auto day = local_view(c.account_zone, p).day;
        long same_day =
            std::count_if(all.begin(), all.end(), [&](Instant x) { return local_view(c.account_zone, x).day == day; });
        if (same_day > r.daily_limit) return "more than daily.limit on an account-local day";
        long sent_by = std::count_if(planned.begin(), planned.end(), [&](Instant x) { return x <= p; });
        long withdrawn_by = 0;
        for (const auto& [d, n] : c.history.withdrawals)
            if (date::local_days(d.time_since_epoch()) <= day) withdrawn_by += n;
        if (c.history.pending + sent_by - withdrawn_by > r.pending_target) return "planned pending above the target";
    }
    return "";
}

bool same_plan(const SendPlan& a, const SendPlan& b)
{
    if (a.slots.size() != b.slots.size() || a.blocked.size() != b.blocked.size()) return false;
    for (size_t k = 0; k < a.slots.size(); ++k)
        if (a.slots[k].at != b.slots[k].at || a.slots[k].candidate != b.slots[k].candidate ||
            a.slots[k].note_withheld != b.slots[k].note_withheld)
            return false;
    for (size_t k = 0; k < a.blocked.size(); ++k)
        if (a.blocked[k].candidate != b.blocked[k].candidate || a.blocked[k].reason != b.blocked[k].reason ||
            a.blocked[k].until != b.blocked[k].until)
            return false;
    return true;
}

TEST(SendProperty, EveryRuleHoldsOnThousandsOfRandomPlans)
{
    std::mt19937_64 rng(20261126);
    long scheduled = 0, blocked = 0, withheld = 0;
    for (int n = 0; n < 3000; ++n) {
        Case c = random_case(rng);
        SendPlan plan = plan_sends(c.queue, c.history, c.rules, c.options);
        const std::string broken = broken_rule(c, plan);
        ASSERT_EQ(broken, "") << "case " << n << " (zone " << c.account_zone << ", now "
                              << core::format_instant(c.options.now) << ", windows "
                              << core::format_windows(c.rules.windows) << ")";
        ASSERT_TRUE(same_plan(plan, plan_sends(c.queue, c.history, c.rules, c.options))) << "case " << n;
        scheduled += static_cast<long>(plan.slots.size());
        blocked += static_cast<long>(plan.blocked.size());
        for (const auto& s : plan.slots) withheld += s.note_withheld;
    }
    // The random cases must exercise the scheduler, not only block everything.
    EXPECT_GT(scheduled, 3000);
    EXPECT_GT(blocked, 3000);
    EXPECT_GT(withheld, 10);
}

}  // namespace
}  // namespace ik::plan
