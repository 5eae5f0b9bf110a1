// The withdrawal planner: which pending invitations to withdraw, in what order, on
// which day and why.
#include "plan/withdraw.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ik::plan {
namespace {

using namespace std::chrono_literals;
using core::Duration;
using core::Instant;
using core::Invitation;

Instant utc(int y, unsigned m, unsigned d, int h = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h}};
}

core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const Instant kNow = utc(2026, 11, 26, 12);
const std::string kPersonal = "Hi Maya, loved your Acme talk";
constexpr Duration kDay = 24h;

Invitation pending(std::int64_t id, Duration age, std::string message = kPersonal)
{
    Invitation inv;
    inv.id = core::InvitationId{id};
    inv.account = core::AccountId{1};
    inv.person = core::Person{"in:person-" + std::to_string(id), "Person " + std::to_string(id), ""};
    inv.sent_at = kNow - age;
    inv.message = std::move(message);
    return inv;
}

WithdrawOptions with_target(long target)
{
    WithdrawOptions o;
    o.target = target;
    return o;
}

WithdrawPlan plan(const std::vector<Invitation>& invitations, const WithdrawOptions& options = {},
                  const core::Zone& zone = core::Zone::utc())
{
    return plan_withdrawals(invitations, AcceptanceModel::prior(0.37), options, kNow, zone);
}

std::vector<std::int64_t> ids(const WithdrawPlan& p)
{
    std::vector<std::int64_t> out;
    for (const auto& item : p.items) out.push_back(item.invitation.id.value);
    return out;
}

using Ids = std::vector<std::int64_t>;
using Reasons = std::vector<std::string>;

Reasons reasons_of(const WithdrawPlan& p, std::int64_t id)
{
    for (const auto& item : p.items)
        if (item.invitation.id.value == id) return item.reasons;
    ADD_FAILURE() << "invitation " << id << " is not in the plan";
    return {};
}

// ---- what is chosen ----

TEST(Withdraw, YoungInvitationsUnderTheTargetAreLeftAlone)
{
    WithdrawPlan p = plan({pending(1, 1 * kDay), pending(2, 3 * kDay), pending(3, 6 * kDay)});
    EXPECT_TRUE(p.items.empty());
    EXPECT_EQ(p.pending_before, 3);
    EXPECT_EQ(p.pending_after, 3);
    EXPECT_EQ(p.days, 0);
    EXPECT_EQ(p.now, kNow);
}

TEST(Withdraw, AccidentalGoesFirstEvenWhenYoung)
{
    Invitation oops = pending(1, 1h);
    oops.accidental = true;
    WithdrawPlan p = plan({pending(2, 10 * kDay), oops});
    EXPECT_EQ(ids(p), (Ids{1, 2}));
    EXPECT_EQ(reasons_of(p, 1), (Reasons{"accidental"}));
    EXPECT_EQ(reasons_of(p, 2), (Reasons{"stale"}));
}

TEST(Withdraw, EveryStaleInvitationIsIncluded)
{
    WithdrawPlan p =
        plan({pending(1, 7 * kDay), pending(2, 8 * kDay), pending(3, 40 * kDay), pending(4, 7 * kDay - 1s)});
    EXPECT_EQ(ids(p), (Ids{3, 2, 1}));  // 4 is one second short of stale
    EXPECT_EQ(p.pending_after, 1);
}

TEST(Withdraw, StaleFollowsWithdrawAfter)
{
    WithdrawOptions o;
    o.after = 10 * kDay;
    WithdrawPlan p = plan({pending(1, 8 * kDay), pending(2, 10 * kDay)}, o);
    EXPECT_EQ(ids(p), (Ids{2}));
}

TEST(Withdraw, KeptIsNeverPlanned)
{
    Invitation kept_stale = pending(1, 40 * kDay);
    kept_stale.keep = true;
    Invitation oops_then_kept = pending(2, 1 * kDay);
    ASSERT_TRUE(core::apply(oops_then_kept, core::Event{core::EventKind::accidental, kNow - 20h, "cli"}));
    ASSERT_TRUE(core::apply(oops_then_kept, core::Event{core::EventKind::keep, kNow - 10h, "cli"}));
    Invitation both_flags = pending(3, 2 * kDay);
    both_flags.keep = true;
    both_flags.accidental = true;
    WithdrawPlan p = plan({kept_stale, oops_then_kept, both_flags, pending(4, 9 * kDay)}, with_target(0));
    EXPECT_EQ(ids(p), (Ids{4}));
    EXPECT_EQ(p.pending_after, 3);
}

TEST(Withdraw, OverTargetTakesTheOldestFirst)
{
    WithdrawPlan p = plan({pending(1, 1 * kDay), pending(2, 2 * kDay), pending(3, 3 * kDay), pending(4, 4 * kDay),
                           pending(5, 5 * kDay)},
                          with_target(3));
    EXPECT_EQ(ids(p), (Ids{5, 4}));
    EXPECT_EQ(p.pending_after, 3);
}

TEST(Withdraw, OverTargetTakesTheYoungestLast)
{
    WithdrawPlan p = plan({pending(1, 1 * kDay), pending(2, 2 * kDay), pending(3, 3 * kDay), pending(4, 4 * kDay)},
                          with_target(1));
    EXPECT_EQ(ids(p), (Ids{4, 3, 2}));
}

TEST(Withdraw, OverTargetTakesGenericNotesFirst)
{
    std::vector<Invitation> list{pending(1, 1 * kDay, ""), pending(2, 5 * kDay), pending(3, 4 * kDay),
                                 pending(4, 2 * kDay, "I'd like to add you to my professional network on LinkedIn.")};
    WithdrawPlan generic_first = plan(list, with_target(2));
    EXPECT_EQ(ids(generic_first), (Ids{4, 1}));

    WithdrawOptions age_only = with_target(2);
    age_only.generic_first = false;
    EXPECT_EQ(ids(plan(list, age_only)), (Ids{2, 3}));
}

TEST(Withdraw, StopsExactlyAtTheTarget)
{
    std::vector<Invitation> list;
    for (std::int64_t id = 1; id <= 10; ++id) list.push_back(pending(id, id * 6h));
    WithdrawPlan p = plan(list, with_target(7));
    EXPECT_EQ(p.items.size(), 3u);
    EXPECT_EQ(p.pending_after, 7);
}

TEST(Withdraw, StaleAloneBelowTheTargetAddsNothingMore)
{
    WithdrawPlan p = plan({pending(1, 8 * kDay), pending(2, 9 * kDay), pending(3, 10 * kDay), pending(4, 1 * kDay),
                           pending(5, 2 * kDay)},
                          with_target(4));
    EXPECT_EQ(ids(p), (Ids{3, 2, 1}));
    EXPECT_EQ(p.pending_after, 2);
}

TEST(Withdraw, KeptInvitationsCountTowardPendingButAreNotTaken)
{
    Invitation keep1 = pending(1, 1 * kDay);
    keep1.keep = true;
    Invitation keep2 = pending(2, 2 * kDay);
    keep2.keep = true;
    WithdrawPlan p = plan({keep1, keep2, pending(3, 3 * kDay), pending(4, 4 * kDay)}, with_target(1));
    EXPECT_EQ(ids(p), (Ids{4, 3}));
    EXPECT_EQ(p.pending_before, 4);
    EXPECT_EQ(p.pending_after, 2);  // above the target: only kept ones are left
}

// ---- order ----

TEST(Withdraw, OrderIsLowestChanceFirstThenOlderThenId)
{
    Invitation twin_a = pending(9, 20 * kDay);
    Invitation twin_b = pending(3, 20 * kDay);
    WithdrawPlan p = plan({pending(1, 10 * kDay), pending(2, 40 * kDay), twin_a, pending(4, 8 * kDay), twin_b});
    EXPECT_EQ(ids(p), (Ids{2, 3, 9, 1, 4}));
    for (size_t i = 1; i < p.items.size(); ++i) EXPECT_LE(p.items[i - 1].p_accept, p.items[i].p_accept);
}

TEST(Withdraw, ItemCarriesAgeAndChance)
{
    WithdrawPlan p = plan({pending(1, 8 * kDay + 5h)});
    ASSERT_EQ(p.items.size(), 1u);
    EXPECT_EQ(p.items[0].age_days, 8);
    EXPECT_NEAR(plan({pending(2, 8 * kDay)}).items.at(0).p_accept, 0.0444 / 0.6744, 1e-9);
}

// ---- reasons ----

TEST(Withdraw, ReasonsOfAnOldInvitationWithoutNote)
{
    WithdrawPlan p = plan({pending(1, 40 * kDay, "")});
    EXPECT_EQ(reasons_of(p, 1), (Reasons{"stale", "outdated", "generic_note"}));
}

TEST(Withdraw, OutdatedFromThirtyDays)
{
    WithdrawPlan p = plan({pending(1, 30 * kDay), pending(2, 30 * kDay - 1s)});
    EXPECT_EQ(reasons_of(p, 1), (Reasons{"stale", "outdated"}));
    EXPECT_EQ(reasons_of(p, 2), (Reasons{"stale"}));
}

TEST(Withdraw, OverTargetOnlyWhilePendingIsAboveTheTarget)
{
    // Five stale, target 3: the first two withdrawals bring 5 -> 4 -> 3; the rest
    // are planned because they are stale, not because of the target.
    WithdrawPlan p = plan({pending(1, 8 * kDay), pending(2, 9 * kDay), pending(3, 10 * kDay), pending(4, 11 * kDay),
                           pending(5, 12 * kDay)},
                          with_target(3));
    ASSERT_EQ(ids(p), (Ids{5, 4, 3, 2, 1}));
    EXPECT_EQ(reasons_of(p, 5), (Reasons{"stale", "over_target"}));
    EXPECT_EQ(reasons_of(p, 4), (Reasons{"stale", "over_target"}));
    EXPECT_EQ(reasons_of(p, 3), (Reasons{"stale"}));
    EXPECT_EQ(reasons_of(p, 1), (Reasons{"stale"}));
}

TEST(Withdraw, YoungOneTakenForTheTargetSaysSo)
{
    WithdrawPlan p = plan({pending(1, 1 * kDay), pending(2, 2 * kDay, "")}, with_target(1));
    EXPECT_EQ(ids(p), (Ids{2}));
    EXPECT_EQ(reasons_of(p, 2), (Reasons{"generic_note", "over_target"}));
}

// ---- days ----

TEST(Withdraw, LongPlansSpreadOverDaysAtDailyMax)
{
    std::vector<Invitation> list;
    for (std::int64_t id = 1; id <= 250; ++id) list.push_back(pending(id, 8 * kDay + id * 1min));
    WithdrawPlan p = plan(list);
    ASSERT_EQ(p.items.size(), 250u);
    EXPECT_EQ(p.days, 3);
    const core::Days today = day(2026, 11, 26);
    EXPECT_EQ(p.items[0].day, today);
    EXPECT_EQ(p.items[99].day, today);
    EXPECT_EQ(p.items[100].day, today + core::days{1});
    EXPECT_EQ(p.items[199].day, today + core::days{1});
    EXPECT_EQ(p.items[200].day, today + core::days{2});
    EXPECT_EQ(p.items[249].day, today + core::days{2});
    EXPECT_EQ(p.pending_after, 0);
}

TEST(Withdraw, ExactlyDailyMaxIsOneDay)
{
    std::vector<Invitation> list;
    for (std::int64_t id = 1; id <= 100; ++id) list.push_back(pending(id, 8 * kDay + id * 1min));
    WithdrawPlan p = plan(list);
    EXPECT_EQ(p.days, 1);
    EXPECT_EQ(p.items.back().day, day(2026, 11, 26));
}

TEST(Withdraw, WithdrawalsAlreadyRecordedTodayTakeTheirShareOfTodaysMax)
{
    std::vector<Invitation> list;
    for (std::int64_t id = 1; id <= 150; ++id) list.push_back(pending(id, 8 * kDay + id * 1min));
    const core::Days today = day(2026, 11, 26);
    WithdrawOptions done98;
    done98.withdrawn_today = 98;
    WithdrawPlan p = plan(list, done98);
    EXPECT_EQ(p.withdrawn_today, 98);
    EXPECT_EQ(p.items[1].day, today);  // two left today
    EXPECT_EQ(p.items[2].day, today + core::days{1});
    EXPECT_EQ(p.items[101].day, today + core::days{1});
    EXPECT_EQ(p.items[102].day, today + core::days{2});
    EXPECT_EQ(p.days, 3);

    WithdrawOptions all_done;
    all_done.withdrawn_today = 130;  // more than the max (by hand on LinkedIn): none today, never negative
    p = plan(list, all_done);
    EXPECT_EQ(p.items.front().day, today + core::days{1});
    EXPECT_EQ(p.items[99].day, today + core::days{1});
    EXPECT_EQ(p.items[100].day, today + core::days{2});
    EXPECT_EQ(p.days, 2);
}

TEST(Withdraw, TodayIsTheAccountZonesDate)
{
    // 2026-11-26 12:00 UTC is already 2026-11-27 01:00 in Auckland.
    auto auckland = core::Zone::named("Pacific/Auckland").value();
    std::vector<Invitation> list{pending(1, 8 * kDay), pending(2, 9 * kDay)};
    WithdrawOptions one_a_day;
    one_a_day.daily_max = 1;
    WithdrawPlan in_utc = plan(list, one_a_day);
    WithdrawPlan in_auckland = plan(list, one_a_day, auckland);
    EXPECT_EQ(in_utc.items.at(0).day, day(2026, 11, 26));
    EXPECT_EQ(in_utc.items.at(1).day, day(2026, 11, 27));
    EXPECT_EQ(in_auckland.items.at(0).day, day(2026, 11, 27));
    EXPECT_EQ(in_auckland.items.at(1).day, day(2026, 11, 28));
}

TEST(Withdraw, PendingAfterIsBeforeLessPlanned)
{
    WithdrawPlan p = plan({pending(1, 8 * kDay), pending(2, 1 * kDay), pending(3, 9 * kDay)});
    EXPECT_EQ(p.pending_before, 3);
    EXPECT_EQ(p.items.size(), 2u);
    EXPECT_EQ(p.pending_after, 1);
}

TEST(Withdraw, OptionsFromSettings)
{
    core::Settings s;
    ASSERT_TRUE(s.set("withdraw.after", "10d", "account"));
    ASSERT_TRUE(s.set("withdraw.outdated_after", "45d", "account"));
    ASSERT_TRUE(s.set("pending.target", "500", "account"));
    ASSERT_TRUE(s.set("withdraw.daily_max", "0", "account"));
    ASSERT_TRUE(s.set("withdraw.generic_first", "false", "account"));
    WithdrawOptions o = WithdrawOptions::from(s);
    EXPECT_EQ(o.after, 10 * kDay);
    EXPECT_EQ(o.outdated_after, 45 * kDay);
    EXPECT_EQ(o.target, 500);
    EXPECT_EQ(o.daily_max, 1);  // 0 would never finish a plan
    EXPECT_FALSE(o.generic_first);
}

TEST(Withdraw, DefaultOptionsAreTheDefaultSettings)
{
    WithdrawOptions from_settings = WithdrawOptions::from(core::Settings{});
    WithdrawOptions defaults;
    EXPECT_EQ(from_settings.after, defaults.after);
    EXPECT_EQ(from_settings.outdated_after, defaults.outdated_after);
    EXPECT_EQ(from_settings.target, defaults.target);
    EXPECT_EQ(from_settings.daily_max, defaults.daily_max);
    EXPECT_EQ(from_settings.generic_first, defaults.generic_first);
}

}  // namespace
}  // namespace ik::plan
