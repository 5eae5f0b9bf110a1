// Kaplan-Meier with Greenwood's variance and the log-log band, against values worked
// out by hand and against a published example.
#include "plan/survival.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ik::plan {
namespace {

SurvivalObservation event(double t)
{
    return {t, true};
}
SurvivalObservation censored(double t)
{
    return {t, false};
}

TEST(KaplanMeier, SmallDataSetByHand)
{
    // 1, 2+, 3, 3, 3+, 5 (out of order on purpose).
    const std::vector<SurvivalObservation> obs{event(3), censored(2), event(5), event(1), censored(3), event(3)};
    const auto c = kaplan_meier(obs);
    EXPECT_EQ(c.observations, 6);
    EXPECT_EQ(c.events, 4);
    EXPECT_EQ(c.censored_before_first, 0);
    ASSERT_EQ(c.points.size(), 3u);

    // t = 1: 6 at risk, 1 event: S = 5/6; V = 1/(6*5); 2+ is censored before t = 3.
    EXPECT_EQ(c.points[0].time, 1.0);
    EXPECT_EQ(c.points[0].at_risk, 6);
    EXPECT_EQ(c.points[0].events, 1);
    EXPECT_EQ(c.points[0].censored, 1);
    EXPECT_NEAR(c.points[0].survival, 5.0 / 6.0, 1e-12);
    EXPECT_NEAR(c.points[0].std_error, 0.152145, 1e-6);  // 5/6 * sqrt(1/30)
    EXPECT_NEAR(c.points[0].lower, 0.273123, 1e-6);
    EXPECT_NEAR(c.points[0].upper, 0.974712, 1e-6);

    // t = 3: 3, 3, 3+ and 5 at risk (3+ counts for the events at 3): S = 5/6 * 2/4.
    EXPECT_EQ(c.points[1].at_risk, 4);
    EXPECT_EQ(c.points[1].events, 2);
    EXPECT_EQ(c.points[1].censored, 1);
    EXPECT_NEAR(c.points[1].survival, 5.0 / 12.0, 1e-12);
    EXPECT_NEAR(c.points[1].std_error, 0.221788, 1e-6);  // 5/12 * sqrt(1/30 + 2/(4*2))
    EXPECT_NEAR(c.points[1].lower, 0.055992, 1e-6);
    EXPECT_NEAR(c.points[1].upper, 0.766522, 1e-6);

    // t = 5: the last one at risk has the event: S = 0, its variance undefined.
    EXPECT_EQ(c.points[2].at_risk, 1);
    EXPECT_EQ(c.points[2].survival, 0.0);
    EXPECT_EQ(c.points[2].std_error, 0.0);
    EXPECT_EQ(c.points[2].lower, 0.0);
    EXPECT_EQ(c.points[2].upper, 0.0);

    EXPECT_EQ(c.survival_at(0.5), 1.0);
    EXPECT_NEAR(c.survival_at(1), 5.0 / 6.0, 1e-12);  // right-continuous
    EXPECT_NEAR(c.survival_at(4.9), 5.0 / 12.0, 1e-12);
    EXPECT_EQ(c.survival_at(100), 0.0);
    EXPECT_EQ(c.percentile(0.1), 1.0);
    EXPECT_EQ(c.percentile(0.5), 3.0);
    EXPECT_EQ(c.percentile(0.9), 5.0);
}

TEST(KaplanMeier, FreireichSixMpArm)
{
    // Remission times in weeks of the 6-MP arm of Freireich et al. (1963), as in Gehan
    // (1965) and Kleinbaum & Klein, "Survival Analysis", ch. 2. S and the Greenwood
    // standard errors are the published ones (3 decimals); the band is R's
    // survfit(conf.type = "log-log").
    const std::vector<SurvivalObservation> obs{
        event(6),     event(6),     event(6),     censored(6),  event(7),     censored(9),  event(10),
        censored(10), censored(11), event(13),    event(16),    censored(17), censored(19), censored(20),
        event(22),    event(23),    censored(25), censored(32), censored(32), censored(34), censored(35)};
    const auto c = kaplan_meier(obs);
    struct Expected {
        double t;
        long n, d;
        double s, se, lower, upper;
    };
    const std::vector<Expected> expected{
        {6, 21, 3, 0.857, 0.076, 0.620, 0.952},  {7, 17, 1, 0.807, 0.087, 0.563, 0.923},
        {10, 15, 1, 0.753, 0.096, 0.503, 0.889}, {13, 12, 1, 0.690, 0.107, 0.432, 0.849},
        {16, 11, 1, 0.627, 0.114, 0.368, 0.805}, {22, 7, 1, 0.538, 0.128, 0.268, 0.747},
        {23, 6, 1, 0.448, 0.135, 0.188, 0.680},
    };
    ASSERT_EQ(c.points.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const auto& p = c.points[i];
        const auto& e = expected[i];
        SCOPED_TRACE(e.t);
        EXPECT_EQ(p.time, e.t);
        EXPECT_EQ(p.at_risk, e.n);
        EXPECT_EQ(p.events, e.d);
        EXPECT_NEAR(p.survival, e.s, 0.0005);
        EXPECT_NEAR(p.std_error, e.se, 0.0005);
        EXPECT_NEAR(p.lower, e.lower, 0.0005);
        EXPECT_NEAR(p.upper, e.upper, 0.0005);
    }
    // The published median remission time is 23 weeks; the 75th percentile is not reached.
    EXPECT_EQ(c.percentile(0.5), 23.0);
    EXPECT_EQ(c.percentile(0.25), 13.0);
    EXPECT_EQ(c.percentile(0.75), std::nullopt);
    // Those censored after the last event are counted with it.
    EXPECT_EQ(c.points.back().censored, 5);
}

TEST(KaplanMeier, NoObservations)
{
    const auto c = kaplan_meier({});
    EXPECT_EQ(c.observations, 0);
    EXPECT_TRUE(c.points.empty());
    EXPECT_EQ(c.survival_at(3), 1.0);
    EXPECT_EQ(c.percentile(0.5), std::nullopt);
}

TEST(KaplanMeier, AllCensoredHasNoEvents)
{
    const std::vector<SurvivalObservation> obs{censored(0), censored(4), censored(9)};
    const auto c = kaplan_meier(obs);
    EXPECT_EQ(c.observations, 3);
    EXPECT_EQ(c.events, 0);
    EXPECT_EQ(c.censored_before_first, 3);
    EXPECT_TRUE(c.points.empty());
    EXPECT_EQ(c.survival_at(10), 1.0);
    EXPECT_EQ(c.percentile(0.25), std::nullopt);
}

TEST(KaplanMeier, EventsAtTimeZeroAreTheSameDay)
{
    // Accepted the day it was sent: an event at 0, which S(0) already counts.
    const std::vector<SurvivalObservation> obs{event(0), censored(0), event(2), censored(4)};
    const auto c = kaplan_meier(obs);
    ASSERT_EQ(c.points.size(), 2u);
    EXPECT_EQ(c.points[0].time, 0.0);
    EXPECT_EQ(c.points[0].at_risk, 4);
    EXPECT_EQ(c.points[0].censored, 1);
    EXPECT_NEAR(c.points[0].survival, 0.75, 1e-12);
    EXPECT_NEAR(c.points[0].std_error, 0.216506, 1e-6);  // 0.75 * sqrt(1/(4*3))
    EXPECT_NEAR(c.points[0].lower, 0.127947, 1e-6);
    EXPECT_NEAR(c.points[0].upper, 0.960549, 1e-6);
    EXPECT_EQ(c.points[1].at_risk, 2);
    EXPECT_NEAR(c.points[1].survival, 0.375, 1e-12);
    EXPECT_NEAR(c.points[1].std_error, 0.286411, 1e-6);  // 0.375 * sqrt(1/12 + 1/2)
    EXPECT_NEAR(c.points[1].lower, 0.010971, 1e-6);
    EXPECT_NEAR(c.points[1].upper, 0.808001, 1e-6);
    EXPECT_NEAR(c.survival_at(0), 0.75, 1e-12);
    EXPECT_EQ(c.percentile(0.25), 0.0);
}

TEST(KaplanMeier, TiedEventsAndCensoringsBeforeTheFirstEvent)
{
    // Two censored before any event leave the risk set; three tied events at 2.
    const std::vector<SurvivalObservation> obs{censored(1), censored(1.5), event(2), event(2), event(2), censored(3)};
    const auto c = kaplan_meier(obs);
    EXPECT_EQ(c.censored_before_first, 2);
    ASSERT_EQ(c.points.size(), 1u);
    EXPECT_EQ(c.points[0].at_risk, 4);
    EXPECT_EQ(c.points[0].events, 3);
    EXPECT_NEAR(c.points[0].survival, 0.25, 1e-12);
    EXPECT_NEAR(c.points[0].std_error, 0.25 * std::sqrt(3.0 / 4.0), 1e-12);
    EXPECT_EQ(c.percentile(0.75), 2.0);  // S = 0.25 <= 1 - 0.75 exactly
}

TEST(KaplanMeier, BandStaysInsideZeroToOneAndAroundS)
{
    std::vector<SurvivalObservation> obs;
    for (int i = 0; i < 40; ++i) obs.push_back(i % 3 == 0 ? censored(i * 0.5) : event(i * 0.5));
    const auto c = kaplan_meier(obs);
    for (const auto& p : c.points) {
        EXPECT_GE(p.lower, 0.0);
        EXPECT_LE(p.upper, 1.0);
        EXPECT_LE(p.lower, p.survival);
        EXPECT_GE(p.upper, p.survival);
    }
}

}  // namespace
}  // namespace ik::plan
