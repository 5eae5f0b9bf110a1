// Acceptance statistics: rates by group, time-to-accept observations and the model
// built from the member's own curve, on a fixture whose counts are worked out by hand.
#include "plan/stats.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace ik::plan {
namespace {

using namespace std::chrono_literals;
using core::Direction;
using core::Instant;
using core::Status;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi}};
}

const Instant kNow = utc(2026, 11, 26, 12);

core::Invitation invitation(Instant sent, Status status = Status::pending, std::optional<Instant> status_at = {},
                            std::string note = {}, std::string template_name = {})
{
    core::Invitation inv;
    inv.sent_at = sent;
    inv.status = status;
    inv.status_at = status_at;
    inv.message = std::move(note);
    inv.template_name = std::move(template_name);
    return inv;
}

// Four invitations old enough for rates (two accepted), one too young (accepted), one incoming.
std::vector<core::Invitation> fixture()
{
    std::vector<core::Invitation> v{
        // Mon 2026-11-02 08:30, W45, no note, no template, accepted 30 minutes later.
        invitation(utc(2026, 11, 2, 8, 30), Status::accepted, utc(2026, 11, 2, 9)),
        // Tue 2026-11-03 12:15, W45, a generic note, template intro, pending.
        invitation(utc(2026, 11, 3, 12, 15), Status::pending, {}, "I'd like to connect", "intro"),
        // Mon 2026-11-09 20:00, W46, personalized, template intro, accepted the next day.
        invitation(utc(2026, 11, 9, 20), Status::accepted, utc(2026, 11, 11), "Hi Ann, loved your pacing talk.",
                   "intro"),
        // Tue 2026-11-10 17:30, W46, no note (blank), withdrawn 10 days later.
        invitation(utc(2026, 11, 10, 17, 30), Status::withdrawn, utc(2026, 11, 20, 17, 30), "  "),
        // Fri 2026-11-20 09:00: 6 days old, too young for rates; accepted a day later.
        invitation(utc(2026, 11, 20, 9), Status::accepted, utc(2026, 11, 21, 9)),
    };
    auto incoming = invitation(utc(2026, 11, 1), Status::accepted, utc(2026, 11, 2));
    incoming.direction = Direction::incoming;
    v.push_back(incoming);
    return v;
}

StatsOptions options(long min_accepted = 50)
{
    StatsOptions o;
    o.min_accepted = min_accepted;
    o.windows = core::parse_windows("08:00-10:00,12:00-14:00,17:00-19:00").value();
    return o;
}

struct Row {
    std::string group;
    long accepted, outgoing;
};

void expect_groups(const AcceptanceStats& st, const std::vector<Row>& rows)
{
    ASSERT_EQ(st.groups.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(st.groups[i].group, rows[i].group) << i;
        EXPECT_EQ(st.groups[i].accepted, rows[i].accepted) << rows[i].group;
        EXPECT_EQ(st.groups[i].outgoing, rows[i].outgoing) << rows[i].group;
    }
}

TEST(Stats, OverallRateCountsOnlyOutgoingInvitationsOldEnough)
{
    const auto v = fixture();
    const auto st = compute_stats(v, std::nullopt, options(), kNow);
    EXPECT_EQ(st.overall.accepted, 2);
    EXPECT_EQ(st.overall.outgoing, 4);
    EXPECT_EQ(st.overall.rate, 0.5);
    EXPECT_EQ(st.accepted_total, 3);  // the young one counts here
    EXPECT_TRUE(st.groups.empty());
}

TEST(Stats, GroupsWithKnownCounts)
{
    const auto v = fixture();
    expect_groups(compute_stats(v, StatsGrouping::week, options(), kNow), {{"2026-W45", 1, 2}, {"2026-W46", 1, 2}});
    expect_groups(compute_stats(v, StatsGrouping::note, options(), kNow),
                  {{"none", 1, 2}, {"generic", 0, 1}, {"personalized", 1, 1}});
    expect_groups(compute_stats(v, StatsGrouping::template_name, options(), kNow), {{"intro", 1, 2}, {"(none)", 1, 2}});
    expect_groups(compute_stats(v, StatsGrouping::weekday, options(), kNow), {{"Mon", 2, 2}, {"Tue", 0, 2}});
    expect_groups(compute_stats(v, StatsGrouping::window, options(), kNow),
                  {{"08:00-10:00", 1, 1}, {"12:00-14:00", 0, 1}, {"17:00-19:00", 0, 1}, {"outside windows", 1, 1}});
}

TEST(Stats, GroupsAreLocalToTheAccountsZone)
{
    auto o = options();
    o.zone = core::Zone::named("America/New_York").value();
    // 2026-11-02 03:00 UTC is Sunday 2026-11-01 22:00 in New York (EST).
    const auto inv = invitation(utc(2026, 11, 2, 3));
    EXPECT_EQ(stats_group(inv, StatsGrouping::weekday, o), "Sun");
    EXPECT_EQ(stats_group(inv, StatsGrouping::week, o), "2026-W44");
    EXPECT_EQ(stats_group(inv, StatsGrouping::window, o), "outside windows");
    // 13:30 UTC is 08:30 in New York.
    EXPECT_EQ(stats_group(invitation(utc(2026, 11, 2, 13, 30)), StatsGrouping::window, o), "08:00-10:00");
}

TEST(Stats, IsoWeeksAtTheTurnOfTheYear)
{
    // 2026 begins on a Thursday, so it has 53 ISO weeks; 2027-01-01 (Friday) is in the last.
    EXPECT_EQ(stats_group(invitation(utc(2027, 1, 1, 12)), StatsGrouping::week, options()), "2026-W53");
    EXPECT_EQ(stats_group(invitation(utc(2027, 1, 4, 12)), StatsGrouping::week, options()), "2027-W01");
    EXPECT_EQ(stats_group(invitation(utc(2025, 12, 29, 12)), StatsGrouping::week, options()), "2026-W01");
}

TEST(Stats, TimeToAcceptObservations)
{
    const auto v = fixture();
    const auto obs = time_to_accept(v, kNow);
    ASSERT_EQ(obs.size(), 5u);  // the incoming one is left out
    EXPECT_NEAR(obs[0].time, 0.5 / 24, 1e-12);
    EXPECT_TRUE(obs[0].event);
    EXPECT_NEAR(obs[1].time, 22 + 23.75 / 24, 1e-12);  // pending: censored at its age
    EXPECT_FALSE(obs[1].event);
    EXPECT_NEAR(obs[2].time, 4.0 / 24 + 1, 1e-12);
    EXPECT_TRUE(obs[2].event);
    EXPECT_NEAR(obs[3].time, 10.0, 1e-12);  // withdrawn: censored when withdrawn
    EXPECT_FALSE(obs[3].event);
    EXPECT_NEAR(obs[4].time, 1.0, 1e-12);
}

TEST(Stats, SameDayAcceptanceIsTimeZero)
{
    const std::vector<core::Invitation> v{invitation(utc(2026, 11, 2, 10), Status::accepted, utc(2026, 11, 2, 10))};
    EXPECT_EQ(time_to_accept(v, kNow).front().time, 0.0);
}

TEST(Stats, OwnCurveReplacesThePriorFromMinAccepted)
{
    const auto v = fixture();
    const auto prior = compute_stats(v, std::nullopt, options(4), kNow);
    EXPECT_EQ(prior.model.source(), "prior");
    EXPECT_EQ(prior.model.rate(), 0.5);  // the prior with the member's rate

    const auto own = compute_stats(v, std::nullopt, options(3), kNow);
    EXPECT_EQ(own.model.source(), "own");
    // KM: events at 0.02 (5 at risk), 1.0 (4) and 1.17 (3): S = 0.8, 0.6, 0.4; P = 0.6.
    ASSERT_EQ(own.curve.points.size(), 3u);
    EXPECT_NEAR(own.curve.points.back().survival, 0.4, 1e-12);
    EXPECT_NEAR(own.model.rate(), 0.6, 1e-12);
    // Among accepted, S at d + 1 is (S_km(d) - 0.4) / 0.6: 1 at 1 day, 1/3 at 2, then the floor.
    EXPECT_NEAR(own.model.survival(1), 1.0, 1e-12);
    EXPECT_NEAR(own.model.survival(2), 1.0 / 3.0, 1e-12);
    EXPECT_NEAR(own.model.survival(3), kOwnSurvivalFloor, 1e-15);
    EXPECT_NEAR(own.model.survival(300), kOwnSurvivalFloor, 1e-15);
    // p(a) is then the KM chance of a later acceptance: (S_km(1) - 0.4) / S_km(1) = 1/3.
    EXPECT_NEAR(own.model.p_accept(2), 1.0 / 3.0, 1e-12);
    EXPECT_GT(own.model.p_accept(300), 0.0);
    EXPECT_LT(own.model.p_accept(300), 1e-5);
}

TEST(Stats, OwnCurveNeedsAnAcceptance)
{
    EXPECT_FALSE(own_curve_applies(0, 0));
    EXPECT_TRUE(own_curve_applies(1, 0));
    EXPECT_FALSE(own_curve_applies(49, 50));
    EXPECT_TRUE(own_curve_applies(50, 50));
}

TEST(Stats, NoOwnModelFromACurveWithoutAnAcceptance)
{
    const SurvivalCurve none = kaplan_meier(std::vector<SurvivalObservation>{{3.0, false}, {9.0, false}});
    EXPECT_FALSE(own_acceptance_model(none));
    EXPECT_FALSE(own_model_if_enough(none, 0));
    EXPECT_FALSE(own_acceptance_model(SurvivalCurve{}));
}

TEST(Stats, AcceptedPercentilesAreAmongTheAccepted)
{
    const auto v = fixture();
    const auto st = compute_stats(v, std::nullopt, options(), kNow);
    // Of all invitations S falls to 0.4: the median (0.5) at 1.17 days, p75 never.
    EXPECT_NEAR(*st.curve.percentile(0.5), 4.0 / 24 + 1, 1e-12);
    EXPECT_EQ(st.curve.percentile(0.75), std::nullopt);
    // Of the accepted (P = 0.6): p50 where S <= 1 - 0.3, p90 where S <= 1 - 0.54.
    EXPECT_NEAR(*accepted_percentile(st.curve, 0.5), 1.0, 1e-12);
    EXPECT_NEAR(*accepted_percentile(st.curve, 0.9), 4.0 / 24 + 1, 1e-12);
    EXPECT_EQ(accepted_percentile(SurvivalCurve{}, 0.5), std::nullopt);
}

TEST(Stats, ModelCurveIsOnTheKaplanMeierScale)
{
    const auto points = model_curve(AcceptanceModel::prior(0.5));
    ASSERT_FALSE(points.empty());
    // The prior's knot (1, 0.60): 40% of the accepted ones within the same day.
    EXPECT_EQ(points.front().time, 0.0);
    EXPECT_NEAR(points.front().survival_if_accepted, 0.60, 1e-12);
    EXPECT_NEAR(points.front().survival, 0.5 + 0.5 * 0.60, 1e-12);
}

TEST(Stats, GroupingNames)
{
    for (auto g : {StatsGrouping::week, StatsGrouping::note, StatsGrouping::template_name, StatsGrouping::weekday,
                   StatsGrouping::window})
        EXPECT_EQ(stats_grouping_from_string(to_string(g)), g);
    EXPECT_EQ(to_string(StatsGrouping::template_name), "template");
    EXPECT_EQ(stats_grouping_from_string("month"), std::nullopt);
}

}  // namespace
}  // namespace ik::plan
