// compute_status: where the member stands against LinkedIn's limits, computed
// from an in-memory store.
#include "plan/status.h"
#include "store/open.h"

#include "plan/stats.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ik::plan {
namespace {

using namespace std::chrono_literals;
using core::Direction;
using core::Event;
using core::EventKind;
using core::Instant;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi}};
}

core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const Instant kNow = utc(2026, 11, 26, 12);

class ComputeStatus : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto s = store::open_store(":memory:", store::Open::or_create);
        ASSERT_TRUE(s) << s.error().message;
        m_store = std::move(*s);
        m_account.name = "maya";
        m_account.created_at = kNow - 365 * 24h;
        m_account.id = m_store->create_account(m_account.name, m_account.created_at).value();
    }

    // Adds an invitation sent at `sent`, then `more` events.
    core::InvitationId add(Instant sent, std::vector<Event> more = {}, Direction direction = Direction::outgoing)
    {
        core::Invitation inv;
        inv.account = m_account.id;
        inv.direction = direction;
        const std::string slug = "person-" + std::to_string(++m_people);
        inv.person = core::Person{"in:" + slug, slug, "https://www.linkedin.com/in/" + slug};
        std::vector<Event> events{Event{EventKind::sent, sent, "cli"}};
        events.insert(events.end(), more.begin(), more.end());
        auto id = m_store->add_invitation(inv, events, sent);
        EXPECT_TRUE(id) << id.error().message;
        return id.value_or(core::InvitationId{});
    }

    StatusReport status(const core::Settings& settings = {}) { return compute_status(*m_store, m_account, settings, kNow); }

    std::unique_ptr<store::Store> m_store;
    store::Account m_account;
    int m_people = 0;
};

TEST_F(ComputeStatus, EmptyAccount)
{
    StatusReport s = status();
    EXPECT_EQ(s.account, "maya");
    EXPECT_EQ(s.now, kNow);
    EXPECT_EQ(s.today, day(2026, 11, 26));
    EXPECT_EQ(s.pending, 0);
    EXPECT_EQ(s.pending_cap, 1500);
    EXPECT_EQ(s.pending_target, 1200);
    EXPECT_EQ(s.sent_7d, 0);
    EXPECT_EQ(s.weekly_limit, 100);
    EXPECT_EQ(s.weekly_remaining, 100);
    EXPECT_EQ(s.sent_today, 0);
    EXPECT_EQ(s.daily_limit, 20);
    EXPECT_EQ(s.stale, 0);
    EXPECT_EQ(s.oldest_pending_days, std::nullopt);
    EXPECT_EQ(s.acceptance.rate, std::nullopt);
    EXPECT_EQ(s.withdraw_total, 0);
    EXPECT_EQ(s.stale_after, core::Duration{7 * 86400});
}

TEST_F(ComputeStatus, SevenDayWindowIsExactlySevenTimesTwentyFourHours)
{
    add(kNow - 7 * 24h);       // just out of the window
    add(kNow - 7 * 24h + 1s);  // just in
    add(kNow - 1h);
    add(kNow + 1h);  // recorded with a future time: not sent yet
    StatusReport s = status();
    EXPECT_EQ(s.sent_7d, 2);
    EXPECT_EQ(s.weekly_remaining, 98);
}

TEST_F(ComputeStatus, WithdrawnAndAcceptedStillUseWeeklyQuota)
{
    add(kNow - 2 * 24h, {Event{EventKind::withdrawn, kNow - 24h, "cli"}});
    add(kNow - 3 * 24h, {Event{EventKind::accepted, kNow - 24h, "import:x"}});
    add(kNow - 24h, {}, Direction::incoming);  // received: not the member's quota
    StatusReport s = status();
    EXPECT_EQ(s.sent_7d, 2);
    EXPECT_EQ(s.pending, 0);
}

TEST_F(ComputeStatus, WeeklyRemainingNeverGoesNegative)
{
    core::Settings settings;
    ASSERT_TRUE(settings.set("weekly.limit", "2", "account"));
    for (int i = 1; i <= 3; ++i) add(kNow - i * 1h);
    StatusReport s = status(settings);
    EXPECT_EQ(s.sent_7d, 3);
    EXPECT_EQ(s.weekly_remaining, 0);
}

TEST_F(ComputeStatus, SentTodayCountsTheAccountZonesDay)
{
    add(utc(2026, 11, 26, 10, 30));
    add(utc(2026, 11, 26, 11, 30));
    add(utc(2026, 11, 25, 23, 30));
    EXPECT_EQ(status().sent_today, 2);  // UTC: both of 2026-11-26

    // In Auckland (UTC+13) now is 2026-11-27 01:00; that day began at 11:00 UTC.
    core::Settings auckland;
    ASSERT_TRUE(auckland.set("account.tz", "Pacific/Auckland", "account"));
    StatusReport s = status(auckland);
    EXPECT_EQ(s.today, day(2026, 11, 27));
    EXPECT_EQ(s.sent_today, 1);
}

TEST_F(ComputeStatus, StaleCountsPendingAtLeastWithdrawAfterOld)
{
    add(kNow - 7 * 24h);       // stale from exactly 7 days
    add(kNow - 7 * 24h + 1s);  // not yet
    add(kNow - 10 * 24h);
    add(kNow - 10 * 24h, {Event{EventKind::accepted, kNow - 9 * 24h, "import:x"}});  // answered
    StatusReport s = status();
    EXPECT_EQ(s.pending, 3);
    EXPECT_EQ(s.stale, 2);
    EXPECT_EQ(s.oldest_pending_days, 10);
    EXPECT_EQ(s.withdraw_total, 2);
    EXPECT_EQ(s.withdraw_today, 2);
}

TEST_F(ComputeStatus, StaleFollowsTheSetting)
{
    core::Settings settings;
    ASSERT_TRUE(settings.set("withdraw.after", "14d", "account"));
    add(kNow - 10 * 24h);
    add(kNow - 20 * 24h);
    StatusReport s = status(settings);
    EXPECT_EQ(s.stale, 1);
    EXPECT_EQ(s.stale_after, core::Duration{14 * 86400});
}

TEST_F(ComputeStatus, AcceptanceRateIsEmptyWithoutOldEnoughInvitations)
{
    add(kNow - 13 * 24h, {Event{EventKind::accepted, kNow - 12 * 24h, "import:x"}});
    add(kNow - 2 * 24h);
    StatusReport s = status();
    EXPECT_EQ(s.acceptance.outgoing, 0);
    EXPECT_EQ(s.acceptance.accepted, 0);
    EXPECT_EQ(s.acceptance.rate, std::nullopt);
    EXPECT_EQ(s.accepted_total, 1);
}

TEST_F(ComputeStatus, AcceptanceRateOverInvitationsAtLeastMinAgeOld)
{
    add(kNow - 14 * 24h, {Event{EventKind::accepted, kNow - 13 * 24h, "import:x"}});  // exactly 14 days: counted
    add(kNow - 20 * 24h);
    add(kNow - 30 * 24h, {Event{EventKind::withdrawn, kNow - 20 * 24h, "cli"}});
    add(kNow - 40 * 24h);
    add(kNow - 5 * 24h, {Event{EventKind::accepted, kNow - 4 * 24h, "import:x"}});  // too young
    add(kNow - 40 * 24h, {Event{EventKind::accepted, kNow - 39 * 24h, "import:x"}}, Direction::incoming);
    StatusReport s = status();
    EXPECT_EQ(s.acceptance.outgoing, 4);
    EXPECT_EQ(s.acceptance.accepted, 1);
    ASSERT_TRUE(s.acceptance.rate);
    EXPECT_DOUBLE_EQ(*s.acceptance.rate, 0.25);
    EXPECT_EQ(s.accepted_total, 2);
}

TEST_F(ComputeStatus, NextCleanupIsTodayWithoutAWithdrawal)
{
    StatusReport s = status();
    EXPECT_EQ(s.last_cleanup, std::nullopt);
    EXPECT_EQ(s.next_cleanup, day(2026, 11, 26));
}

TEST_F(ComputeStatus, NextCleanupIsAWeekAfterTheLastWithdrawal)
{
    add(kNow - 20 * 24h, {Event{EventKind::withdrawn, utc(2026, 11, 24, 9), "cli"}});
    add(kNow - 30 * 24h, {Event{EventKind::withdrawn, utc(2026, 11, 10, 9), "cli"}});
    StatusReport s = status();
    EXPECT_EQ(s.last_cleanup, day(2026, 11, 24));
    EXPECT_EQ(s.next_cleanup, day(2026, 12, 1));
}

TEST_F(ComputeStatus, OverdueCleanupIsDueToday)
{
    add(kNow - 40 * 24h, {Event{EventKind::withdrawn, utc(2026, 11, 1, 9), "cli"}});
    StatusReport s = status();
    EXPECT_EQ(s.last_cleanup, day(2026, 11, 1));
    EXPECT_EQ(s.next_cleanup, day(2026, 11, 26));
}

TEST_F(ComputeStatus, WithdrawTodayIsTheFirstDayOfThePlan)
{
    core::Settings settings;
    ASSERT_TRUE(settings.set("withdraw.daily_max", "2", "account"));
    for (int i = 0; i < 5; ++i) add(kNow - (8 + i) * 24h);
    StatusReport s = status(settings);
    EXPECT_EQ(s.withdraw_total, 5);
    EXPECT_EQ(s.withdraw_today, 2);
}

TEST_F(ComputeStatus, WithdrawalPlanUsesTheStore)
{
    add(kNow - 8 * 24h);
    auto kept = add(kNow - 9 * 24h);
    ASSERT_TRUE(m_store->record_event(m_account.id, kept, Event{EventKind::keep, kNow - 1h, "cli"}, kNow));
    add(kNow - 10 * 24h, {Event{EventKind::withdrawn, kNow - 2h, "cli"}});
    WithdrawPlan p = withdrawal_plan(*m_store, m_account.id, core::Settings{}, WithdrawOptions{}, kNow);
    EXPECT_EQ(p.pending_before, 2);
    ASSERT_EQ(p.items.size(), 1u);
    EXPECT_EQ(p.items[0].age_days, 8);
}

TEST_F(ComputeStatus, AcceptanceModelUsesTheMembersRateOrTheDefault)
{
    core::Settings settings;
    EXPECT_DOUBLE_EQ(acceptance_model(*m_store, m_account.id, settings, kNow).rate(), kDefaultAcceptanceRate);
    add(kNow - 20 * 24h, {Event{EventKind::accepted, kNow - 19 * 24h, "import:x"}});
    add(kNow - 20 * 24h);
    // 1 of 2, shrunk towards the default by 20 invitations' worth: (1 + 20 x 0.37) / 22.
    EXPECT_DOUBLE_EQ(acceptance_model(*m_store, m_account.id, settings, kNow).rate(), (1 + 20 * 0.37) / 22);
    EXPECT_EQ(acceptance_model(*m_store, m_account.id, settings, kNow).source(), "prior");
}

TEST(ModelRate, AShortHistoryLeansOnTheDefaultALongOneIsTheMembers)
{
    EXPECT_NEAR(model_rate(AcceptanceRate{0, 12, 0.0}), 7.4 / 32, 1e-12);  // not "nobody ever accepts"
    EXPECT_NEAR(model_rate(AcceptanceRate{814, 2189, 814.0 / 2189}), (814 + 7.4) / 2209, 1e-12);
    EXPECT_NEAR(model_rate(AcceptanceRate{0, 0, std::nullopt}), kDefaultAcceptanceRate, 1e-12);
}

TEST_F(ComputeStatus, AcceptanceModelIsTheOwnCurveFromMinAccepted)
{
    core::Settings settings;
    ASSERT_TRUE(settings.set("stats.min_accepted", "2", "test"));
    add(kNow - 20 * 24h, {Event{EventKind::accepted, kNow - 19 * 24h, "import:x"}});
    add(kNow - 10 * 24h);
    EXPECT_EQ(acceptance_model(*m_store, m_account.id, settings, kNow).source(), "prior");  // 1 accepted of 2 needed
    add(kNow - 5 * 24h, {Event{EventKind::accepted, kNow - 5 * 24h, "import:x"}});
    const auto model = acceptance_model(*m_store, m_account.id, settings, kNow);
    EXPECT_EQ(model.source(), "own");
    // Events at 0 and 1 day, the pending one censored at 10: S_km falls 1 -> 2/3 -> 1/3, so P = 2/3.
    EXPECT_NEAR(model.rate(), 2.0 / 3.0, 1e-12);
    // The withdrawal plan ranks with it: a pending invitation older than any acceptance is all but hopeless.
    EXPECT_LT(model.p_accept(10), 1e-5);
}

// Issue 20: a member with many acceptances long ago who then records months of sends
// without importing Connections.csv. The newest 3,000 (the curve's sample) hold no
// acceptance: status, the plan and stats used to index the empty curve and crash.
TEST_F(ComputeStatus, ANewestSampleWithNoAcceptanceFallsBackToThePrior)
{
    core::Settings settings;
    ASSERT_TRUE(settings.set("stats.min_accepted", "50", "account"));
    for (int i = 0; i < 60; ++i)
        add(kNow - 300 * 24h + i * 1min, {Event{EventKind::accepted, kNow - 299 * 24h, "import:x"}});
    for (size_t i = 0; i < kCurveSample; ++i) add(kNow - 20 * 24h + static_cast<int>(i) * 1min);
    const auto model = acceptance_model(*m_store, m_account.id, settings, kNow);
    EXPECT_EQ(model.source(), "prior");
    const StatusReport s = status(settings);
    EXPECT_EQ(s.pending, static_cast<long>(kCurveSample));
    EXPECT_EQ(s.accepted_total, 60);
    const auto plan = withdrawal_plan(*m_store, m_account.id, settings, WithdrawOptions{}, kNow);
    EXPECT_FALSE(plan.items.empty());
    const auto stats = acceptance_stats(*m_store, m_account.id, settings, std::nullopt, kNow);
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->accepted_total, 60);
    EXPECT_EQ(stats->curve.events, 0);
    EXPECT_EQ(stats->model.source(), "prior");
}

TEST_F(ComputeStatus, CarriesTheHealthScoreAndTheForecast)
{
    core::Settings settings;
    ASSERT_TRUE(settings.set("pending.target", "2", "account"));
    ASSERT_TRUE(settings.set("pending.cap", "4", "account"));
    for (int i = 1; i <= 3; ++i) add(kNow - i * 24h);
    StatusReport s = status(settings);
    ASSERT_FALSE(s.health.factors.empty());
    EXPECT_EQ(s.health.factors.front().code, "pending");
    EXPECT_DOUBLE_EQ(s.health.factors.front().lost, 10);  // 3 of a target of 2 and a cap of 4
    EXPECT_EQ(s.health.score, 90);
    EXPECT_EQ(s.forecast.pending_now, 3);
    EXPECT_EQ(s.forecast.recent_sends, 3);
    EXPECT_EQ(s.forecast.target_on, day(2026, 11, 26));  // already over
}

}  // namespace
}  // namespace ik::plan
