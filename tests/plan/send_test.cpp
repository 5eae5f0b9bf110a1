// The send scheduler on small cases a member would recognise.
#include "plan/send.h"

#include <gtest/gtest.h>

namespace ik::plan {
namespace {

using core::Duration;
using core::Instant;
using namespace std::chrono_literals;

Instant at(const char* text)
{
    return core::parse_instant(text, core::Zone::utc()).value();
}

SendRules defaults()
{
    return SendRules::from(core::Settings{}, false).value();
}

std::vector<SendCandidate> queue_of(int n)
{
    std::vector<SendCandidate> q;
    for (int i = 0; i < n; ++i) {
        SendCandidate c;
        c.id = core::ProspectId{i + 1};
        c.person = core::Person{"in:p" + std::to_string(i), "P" + std::to_string(i), ""};
        q.push_back(c);
    }
    return q;
}

SendOptions london(const char* now, int days = 7)
{
    SendOptions o;
    o.now = at(now);
    o.from = o.now;
    o.days = days;
    o.account_zone = core::Zone::named("Europe/London").value();
    o.seed = 1;
    return o;
}

std::string local(Instant t, const char* zone)
{
    return core::format_local(t, core::Zone::named(zone).value());
}

TEST(SendPlan, DefaultsSpreadTwentyADayOverTheThreeWindowsOnWeekdays)
{
    // Thursday 2026-11-26, 07:00 in London; 50 prospects.
    auto plan = plan_sends(queue_of(50), {}, defaults(), london("2026-11-26T07:00:00Z", 4));
    ASSERT_EQ(plan.slots.size(), 40u);  // Thursday 20, Friday 20, nothing at the weekend (to Monday 07:00)
    EXPECT_EQ(plan.blocked.size(), 10u);
    EXPECT_EQ(plan.blocked[0].reason, BlockReason::beyond_horizon);
    std::map<std::string, int> per_day;
    for (const auto& s : plan.slots) ++per_day[local(s.at, "Europe/London").substr(0, 10)];
    EXPECT_EQ(per_day, (std::map<std::string, int>{{"2026-11-26", 20}, {"2026-11-27", 20}}));
    // Queue order is time order, and the first send is in the first window.
    for (size_t k = 0; k < plan.slots.size(); ++k) EXPECT_EQ(plan.slots[k].candidate, k);
    EXPECT_EQ(local(plan.slots[0].at, "Europe/London").substr(11, 2), "08");
    EXPECT_EQ(plan.weekly_remaining_after, 60);
}

TEST(SendPlan, RecipientsWindowsAreTheirOwnLocalTime)
{
    auto q = queue_of(1);
    q[0].zone = core::Zone::named("Asia/Tokyo").value();
    auto plan = plan_sends(q, {}, defaults(), london("2026-11-26T07:00:00Z"));
    ASSERT_EQ(plan.slots.size(), 1u);
    // 07:00 UTC is 16:00 in Tokyo: the first Tokyo window left is 17:00-19:00.
    EXPECT_EQ(local(plan.slots[0].at, "Asia/Tokyo").substr(0, 13), "2026-11-26T17");
}

TEST(SendPlan, PendingTargetHoldsUntilPlannedWithdrawalsMakeRoom)
{
    SendHistory h;
    h.pending = 1199;  // target 1200: one send fits today
    h.withdrawals[core::Days{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}}] = 5;
    auto plan = plan_sends(queue_of(10), h, defaults(), london("2026-11-26T07:00:00Z"));
    ASSERT_EQ(plan.slots.size(), 6u);  // 1 today, then 5 after Friday's withdrawals
    EXPECT_EQ(local(plan.slots[0].at, "Europe/London").substr(0, 10), "2026-11-26");
    for (size_t k = 1; k < 6; ++k) EXPECT_EQ(local(plan.slots[k].at, "Europe/London").substr(0, 10), "2026-11-27");
}

TEST(SendPlan, RecordedSendsCountAgainstTheRollingWeek)
{
    SendHistory h;
    for (int k = 0; k < 95; ++k) h.sent.push_back(at("2026-11-23T08:00:00Z") + Duration{k * 240});
    auto plan = plan_sends(queue_of(20), h, defaults(), london("2026-11-26T07:00:00Z", 3));
    EXPECT_EQ(plan.slots.size(), 5u);  // 100 - 95 until Monday's sends leave the window
}

TEST(SendPlan, CooldownsRestrictionAndPreDecidedBlocks)
{
    auto q = queue_of(4);
    q[0].block = BlockReason::do_not_contact;
    q[1].withdrawn_at = at("2026-11-20T10:00:00Z");  // advised 28 days: 2026-12-18
    q[2].declined_at = at("2026-11-25T10:00:00Z");   // 60 days
    auto plan = plan_sends(q, {}, defaults(), london("2026-11-26T07:00:00Z", 30));
    ASSERT_EQ(plan.blocked.size(), 1u + 1u);
    EXPECT_EQ(plan.blocked[0].reason, BlockReason::do_not_contact);
    EXPECT_EQ(plan.blocked[1].reason, BlockReason::cooldown_after_decline);
    EXPECT_EQ(plan.blocked[1].until, at("2027-01-24T10:00:00Z"));
    ASSERT_EQ(plan.slots.size(), 2u);
    EXPECT_EQ(plan.slots[1].candidate, 1u);
    EXPECT_GE(plan.slots[1].at, at("2026-12-18T10:00:00Z"));

    SendHistory restricted;
    restricted.restricted_at = at("2026-11-24T12:00:00Z");
    auto paused = plan_sends(queue_of(1), restricted, defaults(), london("2026-11-26T07:00:00Z", 3));
    ASSERT_EQ(paused.blocked.size(), 1u);
    EXPECT_EQ(paused.blocked[0].reason, BlockReason::restricted);
    EXPECT_EQ(paused.blocked[0].until, at("2026-12-01T12:00:00Z"));
}

TEST(SendPlan, FreeTierNoteQuotaDefersOrSendsBare)
{
    auto rules = defaults();
    rules.note_quota = 5;
    auto q = queue_of(8);
    for (auto& c : q) c.note = "Hi, enjoyed your post on pacing.";
    auto deferred = plan_sends(q, {}, rules, london("2026-11-26T07:00:00Z"));
    EXPECT_EQ(deferred.slots.size(), 5u);
    ASSERT_EQ(deferred.blocked.size(), 3u);
    EXPECT_EQ(deferred.blocked[0].reason, BlockReason::note_quota);

    rules.send_without_note_past_quota = true;
    auto bare = plan_sends(q, {}, rules, london("2026-11-26T07:00:00Z"));
    ASSERT_EQ(bare.slots.size(), 8u);
    long withheld = 0;
    for (const auto& s : bare.slots) withheld += s.note_withheld;
    EXPECT_EQ(withheld, 3);
}

TEST(SendPlan, SpringForwardNeverSchedulesAnHourThatDoesNotExist)
{
    auto rules = defaults();
    rules.windows = {core::LocalWindow{60, 180}};  // 01:00-03:00: 01:00-02:00 does not exist on 2026-03-29
    rules.weekdays.set();
    rules.min_gap = 600s;
    auto plan = plan_sends(queue_of(40), {}, rules, london("2026-03-28T00:00:00Z", 2));
    int on_change_day = 0;
    for (const auto& s : plan.slots) {
        auto text = local(s.at, "Europe/London");
        if (text.starts_with("2026-03-29")) {
            ++on_change_day;
            EXPECT_EQ(text.substr(11, 2), "02") << text;  // only 02:00-03:00 exists that night
        }
    }
    EXPECT_GT(on_change_day, 0);
}

TEST(SendPlan, SameInputsSamePlanOtherAccountOtherJitter)
{
    auto a = plan_sends(queue_of(30), {}, defaults(), london("2026-11-26T07:00:00Z"));
    auto b = plan_sends(queue_of(30), {}, defaults(), london("2026-11-26T07:00:00Z"));
    auto options = london("2026-11-26T07:00:00Z");
    options.seed = 2;
    auto c = plan_sends(queue_of(30), {}, defaults(), options);
    ASSERT_EQ(a.slots.size(), b.slots.size());
    bool differs = false;
    for (size_t k = 0; k < a.slots.size(); ++k) {
        EXPECT_EQ(a.slots[k].at, b.slots[k].at);
        differs |= a.slots[k].at != c.slots[k].at;
    }
    EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace ik::plan
