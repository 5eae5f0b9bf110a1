// The acceptance model: the prior survival curve of docs/rules.md
// and p(a) = P * S(a) / (1 - P + P * S(a)).
#include "plan/acceptance.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ik::plan {
namespace {

constexpr double kTol = 1e-9;

TEST(Acceptance, PriorSurvivalAtTheKnots)
{
    const auto m = AcceptanceModel::prior(kDefaultAcceptanceRate);
    EXPECT_NEAR(m.survival(0), 1.0, kTol);
    EXPECT_NEAR(m.survival(1), 0.60, kTol);   // 40% accepted the same day
    EXPECT_NEAR(m.survival(2), 0.31, kTol);   // 69% within 1 day
    EXPECT_NEAR(m.survival(3), 0.23, kTol);   // 77% within 2 days
    EXPECT_NEAR(m.survival(4), 0.19, kTol);   // 81% within 3 days
    EXPECT_NEAR(m.survival(8), 0.12, kTol);   // 88% within 7 days
    EXPECT_NEAR(m.survival(15), 0.08, kTol);  // 92% within 14 days
    EXPECT_NEAR(m.survival(31), 0.04, kTol);  // 96% within 30 days
    EXPECT_NEAR(m.survival(91), 0.014, kTol); // 98.6% within 90 days
}

TEST(Acceptance, SurvivalIsLogLinearBetweenKnots)
{
    const auto m = AcceptanceModel::prior(kDefaultAcceptanceRate);
    EXPECT_NEAR(m.survival(0.5), std::sqrt(0.6), kTol);
    // A quarter of the way from day 4 (0.19) to day 8 (0.12).
    EXPECT_NEAR(m.survival(5), 0.19 * std::pow(0.12 / 0.19, 0.25), kTol);
}

TEST(Acceptance, SurvivalPastTheLastKnotKeepsFalling)
{
    const auto m = AcceptanceModel::prior(kDefaultAcceptanceRate);
    // One more 60-day segment at the slope of 31 -> 91 days multiplies by 0.014 / 0.04.
    EXPECT_NEAR(m.survival(151), 0.014 * 0.35, kTol);
}

TEST(Acceptance, SurvivalIsOneForNegativeAges)
{
    EXPECT_EQ(AcceptanceModel::prior(0.37).survival(-3), 1.0);
}

TEST(Acceptance, SurvivalNeverRisesWithAge)
{
    const auto m = AcceptanceModel::prior(kDefaultAcceptanceRate);
    double previous = m.survival(0);
    for (double age = 0.25; age <= 400; age += 0.25) {
        const double s = m.survival(age);
        EXPECT_LT(s, previous) << "at age " << age;
        EXPECT_GT(s, 0.0) << "at age " << age;
        previous = s;
    }
}

TEST(Acceptance, PAcceptByHand)
{
    const auto m = AcceptanceModel::prior(0.37);
    EXPECT_NEAR(m.p_accept(0), 0.37, kTol);                                  // 0.37 / (0.63 + 0.37)
    EXPECT_NEAR(m.p_accept(1), 0.222 / 0.852, kTol);                         // 0.2606
    EXPECT_NEAR(m.p_accept(8), 0.0444 / 0.6744, kTol);                       // 0.0658
    EXPECT_NEAR(m.p_accept(91), 0.00518 / 0.63518, kTol);                    // 0.0082
    EXPECT_NEAR(m.p_accept(1), 0.2605633802816901, 1e-12);
}

TEST(Acceptance, PAcceptFallsWithAge)
{
    const auto m = AcceptanceModel::prior(0.37);
    EXPECT_GT(m.p_accept(0.5), m.p_accept(1));
    EXPECT_GT(m.p_accept(7), m.p_accept(8));
    EXPECT_GT(m.p_accept(30), m.p_accept(90));
}

TEST(Acceptance, PAcceptRisesWithTheRate)
{
    EXPECT_LT(AcceptanceModel::prior(0.2).p_accept(8), AcceptanceModel::prior(0.5).p_accept(8));
}

TEST(Acceptance, RateIsClampedToZeroToOne)
{
    EXPECT_EQ(AcceptanceModel::prior(1.7).rate(), 1.0);
    EXPECT_EQ(AcceptanceModel::prior(-0.2).rate(), 0.0);
    EXPECT_EQ(AcceptanceModel::prior(0.0).p_accept(3), 0.0);
    EXPECT_EQ(AcceptanceModel::prior(1.0).p_accept(30), 1.0);  // everything is accepted eventually
}

TEST(Acceptance, CustomKnots)
{
    AcceptanceModel m(0.5, {{0.0, 1.0}, {10.0, 0.1}}, "own history");
    EXPECT_EQ(m.source(), "own history");
    EXPECT_NEAR(m.survival(5), std::sqrt(0.1), kTol);
    EXPECT_NEAR(m.p_accept(10), 0.05 / 0.55, kTol);
    EXPECT_EQ(AcceptanceModel::prior(0.37).source(), "prior");
}

}  // namespace
}  // namespace ik::plan
