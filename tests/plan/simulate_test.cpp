// The strategy simulator against what its model must give.
#include "plan/simulate.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ik::plan {
namespace {

// Everyone who ever accepts does so on the day they are asked (S(1) = 0).
AcceptanceModel same_day(double rate)
{
    return AcceptanceModel(rate, {{0.0, 1.0}, {1.0, 1e-9}, {400.0, 1e-12}}, "test");
}

SimulationRules open_rules()
{
    SimulationRules r;
    r.pending_cap = 1'000'000;
    r.weekly_limit = 1'000'000;
    r.daily_limit = 1'000'000;
    r.sending_days.set();
    return r;
}

TEST(Simulate, WithoutCapOrWithdrawalsTheMeanAcceptedIsNTimesP)
{
    // 10 sends a day for 20 days; each accepted with P = 0.3 the same day.
    const double p = 0.3;
    const long n = 10 * 20;
    const int runs = 2000;
    auto result = simulate({Strategy{0, 10, "never, 10", false}}, {}, open_rules(), same_day(p),
                           SimulationOptions{20, runs, 7, 2});
    const auto& r = result.strategies[0];
    const double expected = static_cast<double>(n) * p;
    const double se = std::sqrt(static_cast<double>(n) * p * (1 - p) / runs);
    EXPECT_NEAR(r.accepted_total_mean, expected, 2.576 * se) << "99% interval";
    EXPECT_NEAR(r.acceptance_rate, p, 0.01);
    EXPECT_NEAR(r.sent_per_week, 70.0, 1e-9);
}

TEST(Simulate, TheRateIsOfTheRunsOwnSendsEvenWhenTheStartWasSentToday)
{
    // 1,000 requests pending at the start, all sent this morning, half of them
    // accepted today. Their acceptances are no part of the run's rate: it stays
    // the share of the run's own sends that were accepted, never over 100%.
    SimulationStart start;
    start.pending_ages.assign(1000, 0);
    auto rules = open_rules();
    rules.pending_cap = 1000;
    const double p = 0.5;
    auto result = simulate({Strategy{0, 5, "never, 5", false}}, start, rules, same_day(p),
                           SimulationOptions{10, 400, 11, 2});
    const auto& r = result.strategies[0];
    EXPECT_GT(r.sent_per_week, 0);
    EXPECT_LE(r.acceptance_rate, 1.0);
    EXPECT_NEAR(r.acceptance_rate, p, 0.03);
    EXPECT_GT(r.accepted_total_mean, 400) << "the start's acceptances still count as accepted";
}

TEST(Simulate, ThePriorCurveAcceptsAtItsRateOverALongRun)
{
    // Sends in the first 30 days, then 300 more days to answer: nearly all of P.
    auto model = AcceptanceModel::prior(0.37);
    SimulationStart start;
    auto rules = open_rules();
    auto result = simulate({Strategy{0, 10, "never", false}}, start, rules, model, SimulationOptions{330, 400, 3, 2});
    // Sends go on all 330 days; the last ones have little time, so compare the
    // total with the expectation day by day.
    double expected = 0;
    for (int d = 0; d < 330; ++d) expected += 10 * 0.37 * (1 - model.survival(330 - d));
    EXPECT_NEAR(result.strategies[0].accepted_total_mean, expected, expected * 0.02);
}

TEST(Simulate, WithdrawingBeforeAnyAcceptanceLeavesAlmostNone)
{
    // Nobody accepts before day 5 (S = 1 until then); withdrawals at 2 days.
    AcceptanceModel late(0.4, {{0.0, 1.0}, {5.0, 1.0 - 1e-9}, {6.0, 1e-9}, {400.0, 1e-12}}, "test");
    auto r = simulate({Strategy{2, 10, "2d", false}, Strategy{0, 10, "never", false}}, {}, open_rules(), late,
                      SimulationOptions{60, 200, 11, 2});
    EXPECT_LT(r.strategies[0].accepted_total_mean, 1.0);
    EXPECT_GT(r.strategies[1].accepted_total_mean, 100.0);
    EXPECT_EQ(r.best, 1u);
}

TEST(Simulate, ThePendingCapIsNeverExceededAndBlocksSends)
{
    auto rules = open_rules();
    rules.pending_cap = 150;
    SimulationStart start;
    for (int i = 0; i < 140; ++i) start.pending_ages.push_back(i % 60);
    auto r = simulate({Strategy{0, 20, "never", false}, Strategy{21, 20, "21d", false}}, start, rules,
                      AcceptanceModel::prior(0.2), SimulationOptions{120, 300, 5, 2});
    for (const auto& s : r.strategies) EXPECT_LE(s.pending_max, 150);
    EXPECT_GT(r.strategies[0].blocked_share, 0.5);  // never withdrawing: stuck at the cap
    EXPECT_LT(r.strategies[1].blocked_share, r.strategies[0].blocked_share);
}

TEST(Simulate, SameSeedSameFiguresWhateverTheThreads)
{
    SimulationStart start;
    for (int i = 0; i < 300; ++i) start.pending_ages.push_back(i);
    start.recent_sends = {1, 1, 2, 3, 5, 6};
    SimulationRules rules;
    rules.sending_days = core::Weekdays("0111110");
    std::vector<Strategy> grid{Strategy{7, 10, "a", false}, Strategy{14, 20, "b", true}};
    auto one = simulate(grid, start, rules, AcceptanceModel::prior(0.37), SimulationOptions{90, 300, 42, 1});
    auto two = simulate(grid, start, rules, AcceptanceModel::prior(0.37), SimulationOptions{90, 300, 42, 2});
    auto other = simulate(grid, start, rules, AcceptanceModel::prior(0.37), SimulationOptions{90, 300, 43, 2});
    for (size_t s = 0; s < grid.size(); ++s) {
        EXPECT_EQ(one.strategies[s].accepted_total_mean, two.strategies[s].accepted_total_mean);
        EXPECT_EQ(one.strategies[s].accepted_per_week_p10, two.strategies[s].accepted_per_week_p10);
        EXPECT_EQ(one.strategies[s].pending_max, two.strategies[s].pending_max);
    }
    EXPECT_NE(one.strategies[0].accepted_total_mean, other.strategies[0].accepted_total_mean);
    EXPECT_EQ(one.current, 1u);
}

TEST(Simulate, TheWeeklyLimitHoldsOverEverySevenDays)
{
    SimulationRules rules = open_rules();
    rules.weekly_limit = 100;
    auto r = simulate({Strategy{0, 30, "30 a day", false}}, {}, rules, AcceptanceModel::prior(0.3),
                      SimulationOptions{70, 50, 1, 2});
    EXPECT_NEAR(r.strategies[0].sent_per_week, 100.0, 1e-9);  // 30 + 30 + 30 + 10, then nothing till the window moves
}

}  // namespace
}  // namespace ik::plan
