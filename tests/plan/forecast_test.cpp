// The pending forecast on constructed histories: no pace, no acceptance (exact
// dates), the daily hazard against the model, and steady-state withdrawals
// computed by hand.
#include "plan/forecast.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ik::plan {
namespace {

core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const core::Days kToday = day(2026, 11, 26);

ForecastInput input(long recent_sends, std::vector<double> ages, long target = 1200, long cap = 1500)
{
    ForecastInput in;
    in.today = kToday;
    in.recent_sends = recent_sends;
    in.pending_ages = std::move(ages);
    in.target = target;
    in.cap = cap;
    return in;
}

// Everything accepted is accepted within a day: S(a) is 1 at 0 and nearly 0 from 1 on.
AcceptanceModel same_day(double rate)
{
    return AcceptanceModel(rate, {{0.0, 1.0}, {1.0, 1e-12}}, "test");
}

TEST(Forecast, DailyHazardFromTheModel)
{
    const auto m = AcceptanceModel::prior(0.37);
    // h(0) = P * (S(0) - S(1)) / 1 = 0.37 * 0.40
    EXPECT_NEAR(daily_acceptance_hazard(m, 0), 0.148, 1e-12);
    // h(1) = 0.37 * (0.60 - 0.31) / (0.63 + 0.37 * 0.60)
    EXPECT_NEAR(daily_acceptance_hazard(m, 1), 0.37 * 0.29 / 0.852, 1e-12);
    // h(a) = p(a) * (S(a) - S(a + 1)) / S(a): the chance of ever, times the share of the rest due that day.
    EXPECT_NEAR(daily_acceptance_hazard(m, 10), m.p_accept(10) * (1 - m.survival(11) / m.survival(10)), 1e-12);
    EXPECT_EQ(daily_acceptance_hazard(AcceptanceModel::prior(0), 3), 0);
}

TEST(Forecast, ProjectionIsTheDayByDayHazardApplied)
{
    const auto m = AcceptanceModel::prior(0.37);
    const Forecast f = project_pending(input(0, {0.5, 3.25}), m);
    ASSERT_EQ(f.pending.size(), 366u);
    double first = 1, second = 1;
    for (int d = 0; d <= 60; ++d) {
        EXPECT_NEAR(f.pending[static_cast<size_t>(d)], first + second, 1e-9) << d;
        first *= 1 - daily_acceptance_hazard(m, 0.5 + d);
        second *= 1 - daily_acceptance_hazard(m, 3.25 + d);
    }
    // Sends: one a day, each of age 0 at the start of its day.
    const Forecast s = project_pending(input(14, {}), m);
    EXPECT_EQ(s.pace, 1.0);
    EXPECT_EQ(s.pending[0], 0);
    EXPECT_NEAR(s.pending[1], 1 - daily_acceptance_hazard(m, 0), 1e-12);  // 0.852
    EXPECT_NEAR(s.pending[2], 0.852 + 0.852 * (1 - daily_acceptance_hazard(m, 1)), 1e-12);
}

TEST(Forecast, ZeroPaceNeverReaches)
{
    const Forecast empty = project_pending(input(0, {}), AcceptanceModel::prior(0.37));
    EXPECT_EQ(empty.pace, 0);
    EXPECT_FALSE(empty.target_on);
    EXPECT_FALSE(empty.cap_on);
    EXPECT_EQ(empty.withdrawals_per_week, 0);
    EXPECT_FALSE(empty.withdraw_at_age_days);

    // 1,000 pending and nothing sent: acceptances only take pending down.
    const Forecast f = project_pending(input(0, std::vector<double>(1000, 2.0)), AcceptanceModel::prior(0.37));
    EXPECT_EQ(f.pending[0], 1000);
    for (size_t d = 1; d < f.pending.size(); ++d) EXPECT_LE(f.pending[d], f.pending[d - 1]);
    EXPECT_FALSE(f.target_on);
    EXPECT_FALSE(f.cap_on);
}

TEST(Forecast, ZeroAcceptanceGrowsLinearly)
{
    // 28 sends in 14 days: 2 a day, none ever accepted. 1,190 pending: the target of
    // 1,200 on day 5, the cap of 1,500 on day 155.
    const Forecast f = project_pending(input(28, std::vector<double>(1190, 10.0)), AcceptanceModel::prior(0));
    EXPECT_EQ(f.pace, 2.0);
    EXPECT_EQ(f.pending[4], 1198);
    EXPECT_EQ(f.pending[5], 1200);
    EXPECT_EQ(f.pending[365], 1920);
    EXPECT_EQ(f.target_on, day(2026, 12, 1));
    EXPECT_EQ(f.cap_on, kToday + core::days{155});
    EXPECT_EQ(f.cap_on, day(2027, 4, 30));
}

TEST(Forecast, AlreadyOverTheTargetIsToday)
{
    const Forecast f = project_pending(input(0, std::vector<double>(1300, 20.0)), AcceptanceModel::prior(0));
    EXPECT_EQ(f.target_on, kToday);
    EXPECT_FALSE(f.cap_on);
}

TEST(Forecast, NotWithinTheHorizon)
{
    // One a day from nothing: 365 after a year, far from 1,200.
    const Forecast f = project_pending(input(14, {}), AcceptanceModel::prior(0));
    EXPECT_EQ(f.pending[365], 365);
    EXPECT_FALSE(f.target_on);
    EXPECT_EQ(f.horizon_days, 365);
}

TEST(Forecast, SteadyStateWithoutAcceptance)
{
    // 2 a day, none accepted, target 100: invitations can stay 50 days (2 * 50 = 100
    // pending); each still pending at 51 days is withdrawn, 2 a day, 14 a week.
    const Forecast f = project_pending(input(28, {}, 100, 150), AcceptanceModel::prior(0));
    EXPECT_EQ(f.withdraw_at_age_days, 51);
    EXPECT_EQ(f.withdrawals_per_week, 14);
}

TEST(Forecast, NoWithdrawalsWhenTenYearsOfSendsFitUnderTheTarget)
{
    // 0.5 a day, none accepted: 1,200 pending takes 2,400 days; 3,650 days of sends is 1,825.
    Forecast f = project_pending(input(7, {}, 1200, 1500), AcceptanceModel::prior(0));
    EXPECT_EQ(f.withdraw_at_age_days, 2401);
    EXPECT_EQ(f.withdrawals_per_week, 3.5);
    f = project_pending(input(7, {}, 1826, 2000), AcceptanceModel::prior(0));
    EXPECT_FALSE(f.withdraw_at_age_days);
    EXPECT_EQ(f.withdrawals_per_week, 0);
}

TEST(Forecast, SteadyStateWithHalfAcceptedTheSameDay)
{
    // 10 a day, half accepted within their first day, the rest never: 5 of each
    // day's sends stay pending. Target 101: 20 days of them (100) fit, 21 do not;
    // those still pending at 21 days are withdrawn, 5 a day, 35 a week.
    const Forecast f = project_pending(input(140, {}, 101, 150), same_day(0.5));
    EXPECT_EQ(f.pace, 10);
    EXPECT_EQ(f.withdraw_at_age_days, 21);
    EXPECT_NEAR(f.withdrawals_per_week, 35, 1e-6);
    // And the projection without withdrawals: 5 more a day.
    EXPECT_NEAR(f.pending[20], 100, 1e-6);
    EXPECT_EQ(f.target_on, kToday + core::days{21});
}

}  // namespace
}  // namespace ik::plan
