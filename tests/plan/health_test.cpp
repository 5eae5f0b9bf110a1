// The health score: every factor's points on hand-computed cases (docs/health.md
// has the formula), the score and grade, and the facts gathered from a store.
#include "plan/health.h"
#include "store/open.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ik::plan {
namespace {

using namespace std::chrono_literals;
using core::Instant;

Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi}};
}

const Instant kNow = utc(2026, 11, 26, 12);

HealthFacts facts()
{
    HealthFacts f;
    f.now = kNow;
    return f;
}

const HealthFactor& factor(const Health& h, std::string_view code)
{
    for (const auto& f : h.factors)
        if (f.code == code) return f;
    throw std::logic_error("no factor " + std::string(code));
}

// `n` sends `gap` apart, the last at `last`.
void add_sends(HealthFacts& f, int n, Instant last, core::Duration gap, bool generic = false)
{
    for (int i = n - 1; i >= 0; --i) f.sends.push_back(RecentSend{last - i * gap, generic});
}

TEST(Health, NothingRecordedLosesNothing)
{
    const Health h = score_health(facts(), HealthRules{});
    EXPECT_EQ(h.score, 100);
    EXPECT_EQ(h.grade, "good");
    ASSERT_EQ(h.factors.size(), 10u);
    const char* codes[] = {"pending",    "stale",     "acceptance_30d", "acceptance_90d", "generic_notes",
                           "burst_hour", "burst_day", "weekly",         "restrictions",   "reports"};
    double weights = 0;
    for (size_t i = 0; i < h.factors.size(); ++i) {
        EXPECT_EQ(h.factors[i].code, codes[i]);
        EXPECT_EQ(h.factors[i].lost, 0) << codes[i];
        EXPECT_TRUE(h.factors[i].advice.empty()) << codes[i];
        weights += h.factors[i].weight;
    }
    EXPECT_EQ(weights, 100);
    // Too little data to judge a share: no value rather than a perfect one.
    EXPECT_FALSE(factor(h, "stale").value);
    EXPECT_FALSE(factor(h, "acceptance_30d").value);
    EXPECT_FALSE(factor(h, "generic_notes").value);
    EXPECT_EQ(factor(h, "pending").value, 0.0);
    EXPECT_EQ(factor(h, "weekly").value, 0.0);
}

TEST(Health, PendingLosesLinearlyFromTheTargetToTheCap)
{
    auto f = facts();
    auto lost = [&](long pending) {
        f.pending = pending;
        return factor(score_health(f, HealthRules{}), "pending").lost;
    };
    EXPECT_EQ(lost(1200), 0);
    EXPECT_DOUBLE_EQ(lost(1350), 10);  // 20 * 150 / 300
    EXPECT_DOUBLE_EQ(lost(1275), 5);
    EXPECT_EQ(lost(1500), 20);
    EXPECT_EQ(lost(1600), 20);
    f.pending = 1350;
    const auto p = factor(score_health(f, HealthRules{}), "pending");
    EXPECT_EQ(p.threshold, 1200);
    EXPECT_EQ(p.advice, "Withdraw 150 to get under the target of 1,200: invitekeeper plan withdraw");
}

TEST(Health, PendingWithATargetAboveTheCapLosesAllAtTheCap)
{
    HealthRules rules;
    rules.pending_target = 2000;
    auto f = facts();
    f.pending = 1499;
    EXPECT_EQ(factor(score_health(f, rules), "pending").lost, 0);
    f.pending = 1500;
    EXPECT_EQ(factor(score_health(f, rules), "pending").lost, 20);
}

TEST(Health, StaleShareOfPending)
{
    auto f = facts();
    f.pending = 100;
    f.stale = 70;  // 70%: (0.70 - 0.50) / (0.90 - 0.50) of 10
    auto s = factor(score_health(f, HealthRules{}), "stale");
    EXPECT_DOUBLE_EQ(*s.value, 0.7);
    EXPECT_DOUBLE_EQ(s.lost, 5);
    EXPECT_EQ(s.advice, "Withdraw the 70 invitations pending 7d or longer: invitekeeper plan withdraw");
    f.stale = 50;
    EXPECT_EQ(factor(score_health(f, HealthRules{}), "stale").lost, 0);
    f.stale = 95;
    EXPECT_EQ(factor(score_health(f, HealthRules{}), "stale").lost, 10);
    // Under 10 pending, a share says little: not judged.
    f.pending = 9;
    f.stale = 9;
    s = factor(score_health(f, HealthRules{}), "stale");
    EXPECT_FALSE(s.value);
    EXPECT_EQ(s.lost, 0);
}

TEST(Health, AcceptanceLosesBelowThirtyPercent)
{
    auto f = facts();
    f.cohort_30d = {9, 40};  // 22.5%: (0.30 - 0.225) / 0.15 of 10
    f.cohort_90d = {6, 40};  // 15%: all of 5
    const Health h = score_health(f, HealthRules{});
    const auto& a30 = factor(h, "acceptance_30d");
    EXPECT_DOUBLE_EQ(*a30.value, 0.225);
    EXPECT_NEAR(a30.lost, 5, 1e-9);
    EXPECT_TRUE(a30.low_is_bad);
    EXPECT_EQ(a30.advice,
              "Only 22.5% of 40 requests sent in the last 30 days were accepted: invite people you have "
              "something in common with");
    EXPECT_EQ(factor(h, "acceptance_90d").lost, 5);

    f.cohort_30d = {12, 40};  // 30%: nothing lost
    f.cohort_90d = {2, 9};    // 9 invitations: too few to judge
    const Health g = score_health(f, HealthRules{});
    EXPECT_EQ(factor(g, "acceptance_30d").lost, 0);
    EXPECT_FALSE(factor(g, "acceptance_90d").value);
    EXPECT_EQ(factor(g, "acceptance_90d").lost, 0);
}

TEST(Health, GenericNotesShareOfTheLastThirtyDays)
{
    auto f = facts();
    add_sends(f, 10, kNow - 1h, 1h, true);
    add_sends(f, 10, kNow - 2 * 24h, 1h, false);
    add_sends(f, 10, kNow - 30 * 24h, 1h, true);  // 30 days ago and older: outside the window
    auto g = factor(score_health(f, HealthRules{}), "generic_notes");
    EXPECT_DOUBLE_EQ(*g.value, 0.5);  // 10 of 20: (0.5 - 0.25) / 0.5 of 10
    EXPECT_DOUBLE_EQ(g.lost, 5);
    EXPECT_EQ(g.advice,
              "10 of 20 requests in the last 30 days had no personal note: mention the person or their "
              "company");
}

TEST(Health, GenericNotesOnAFreeAccountJudgesOnlyTheRequestsThatCouldCarryANote)
{
    HealthRules free;
    free.note_quota = 5;
    auto f = facts();
    add_sends(f, 17, kNow - 1h, 1h, true);
    add_sends(f, 3, kNow - 2 * 24h, 1h, false);
    // 20 sends, 15 of them past the quota of 5 could carry no note; of the 5 that
    // could, 17 - 15 = 2 went without: 40%, (0.40 - 0.25) / 0.5 of 10.
    auto g = factor(score_health(f, free), "generic_notes");
    EXPECT_DOUBLE_EQ(*g.value, 0.4);
    EXPECT_NEAR(g.lost, 3, 1e-9);
    EXPECT_EQ(g.advice,
              "2 of 5 requests in the last 30 days that your free account could add one to had no "
              "personal note: mention the person or their company");
    // Four sends: too few to judge.
    auto few = facts();
    add_sends(few, 4, kNow - 1h, 1h, true);
    EXPECT_FALSE(factor(score_health(few, HealthRules{}), "generic_notes").value);
}

TEST(Health, MostWithinCountsHalfOpenWindows)
{
    const std::vector<Instant> times{kNow, kNow + 30min, kNow + 59min, kNow + 60min, kNow + 61min, kNow + 3h};
    EXPECT_EQ(most_within(times, 1h), 4);  // 00:30, 00:59, 01:00, 01:01; 00:00 and 01:00 are an hour apart
    EXPECT_EQ(most_within({}, 1h), 0);
    EXPECT_EQ(most_within({kNow}, 1h), 1);
}

TEST(Health, BurstWithinAnHour)
{
    HealthRules rules;
    rules.daily_limit = 1000;
    auto f = facts();
    add_sends(f, 15, kNow - 24h, 4min);       // 15 in 56 minutes: (15 - 10) / 10 of 5
    add_sends(f, 30, kNow - 15 * 24h, 1min);  // more than 14 days ago: not looked at
    auto b = factor(score_health(f, rules), "burst_hour");
    EXPECT_EQ(b.value, 15.0);
    EXPECT_DOUBLE_EQ(b.lost, 2.5);
    EXPECT_EQ(b.advice, "You sent 15 requests within one hour: send at most 10 an hour (plan send spreads them out)");
}

TEST(Health, BurstInACalendarDayOfTheAccountsZone)
{
    HealthRules rules;
    rules.max_per_hour = 1000;
    auto f = facts();
    add_sends(f, 20, utc(2026, 11, 20, 20, 20), 20min);  // 2026-11-20 14:00 to 20:20 UTC
    add_sends(f, 4, utc(2026, 11, 21, 2, 45), 15min);    // 02:00 to 02:45 UTC: 21:00-21:45 the 20th in New York
    EXPECT_EQ(factor(score_health(f, rules), "burst_day").lost, 0);  // UTC: 20 and 4
    f.zone = core::Zone::named("America/New_York").value();
    auto b = factor(score_health(f, rules), "burst_day");
    EXPECT_EQ(b.value, 24.0);
    EXPECT_DOUBLE_EQ(b.lost, 1);  // (24 - 20) / 20 of 5
    EXPECT_EQ(b.advice, "You sent 24 requests on 2026-11-20: keep to 20 a day");
}

TEST(Health, WeeklyCostsPointsNearTheLimit)
{
    HealthRules rules;
    rules.daily_limit = 1000;
    auto f = facts();
    add_sends(f, 90, kNow - 1h, 1h);
    f.sends.insert(f.sends.begin(), RecentSend{kNow - 7 * 24h, false});  // exactly 7 x 24 h ago: out
    auto w = factor(score_health(f, rules), "weekly");
    EXPECT_EQ(w.value, 90.0);
    EXPECT_EQ(w.threshold, 80);
    EXPECT_DOUBLE_EQ(w.lost, 5);  // (90 - 80) / 20 of 10
    EXPECT_EQ(w.advice, "90 requests in the last 7 days, limit 100: send at most 80 a week to keep a margin");
}

TEST(Health, RecentRestrictionsCostMost)
{
    auto lost = [](std::vector<Instant> at) {
        auto f = facts();
        f.restrictions = std::move(at);
        return factor(score_health(f, HealthRules{}), "restrictions");
    };
    EXPECT_EQ(lost({kNow}).lost, 15);
    EXPECT_DOUBLE_EQ(lost({kNow - 90 * 24h}).lost, 7.5);  // halfway through 180 days
    EXPECT_DOUBLE_EQ(lost({kNow - 135 * 24h}).lost, 3.75);
    EXPECT_EQ(lost({kNow - 180 * 24h}).lost, 0);
    EXPECT_EQ(lost({kNow - 180 * 24h}).value, 0.0);
    EXPECT_EQ(lost({kNow + 24h}).lost, 0);                         // recorded for the future: not yet
    EXPECT_EQ(lost({kNow - 90 * 24h, kNow - 60 * 24h}).lost, 15);  // 7.5 + 10, capped
    EXPECT_EQ(lost({kNow - 90 * 24h, kNow - 60 * 24h}).value, 2.0);

    EXPECT_EQ(lost({kNow - 2 * 24h}).advice,
              "LinkedIn restricted sending on 2026-11-24: send nothing before 2026-12-01, then fewer requests a day "
              "than before");
    EXPECT_EQ(lost({kNow - 30 * 24h}).advice,
              "LinkedIn restricted sending on 2026-10-27: stay well under your limits for a while");
}

TEST(Health, ReportsCostTwoAndAHalfPointsEachWhenFresh)
{
    auto f = facts();
    f.reports = {kNow - 1h, kNow - 45 * 24h};  // 2.5 * (1 - 1/4320) + 2.5 * 0.75
    auto r = factor(score_health(f, HealthRules{}), "reports");
    EXPECT_EQ(r.value, 2.0);
    EXPECT_NEAR(r.lost, 2.5 * (1 - 1.0 / 4320) + 1.875, 1e-9);
    EXPECT_EQ(r.advice,
              "2 people said they don't know you in the last 180 days: invite only people you have "
              "something in common with");
    f.reports.assign(5, kNow);
    EXPECT_EQ(factor(score_health(f, HealthRules{}), "reports").lost, 10);
}

TEST(Health, ScoreIsHundredMinusThePointsLostRounded)
{
    auto f = facts();
    f.pending = 1350;                     // 10
    f.stale = 945;                        // 70% of 1,350: 5
    f.restrictions = {kNow - 120 * 24h};  // 15 * (1 - 120 / 180) = 5
    const Health h = score_health(f, HealthRules{});
    EXPECT_EQ(h.score, 80);
    EXPECT_EQ(h.grade, "good");

    f.restrictions = {kNow};  // 15 instead of 5
    EXPECT_EQ(score_health(f, HealthRules{}).score, 70);
    EXPECT_EQ(score_health(f, HealthRules{}).grade, "fair");
    f.reports.assign(4, kNow);  // 10 more
    EXPECT_EQ(score_health(f, HealthRules{}).score, 60);
    f.pending = 1500;  // 20, and 945 of 1,500 stale is 63%: 3.25
    const Health p = score_health(f, HealthRules{});
    EXPECT_EQ(p.score, 52);  // 100 - 20 - 3.25 - 15 - 10 = 51.75, rounded
    EXPECT_EQ(p.grade, "poor");
    f.cohort_30d = {0, 100};                           // 10 more
    f.cohort_90d = {0, 100};                           // 5 more
    f.sends.assign(26, RecentSend{kNow - 24h, true});  // generic 10, hour 5, day 6 / 20 of 5 = 1.5
    const Health c = score_health(f, HealthRules{});
    EXPECT_EQ(c.score, 20);  // 51.75 - 10 - 5 - 10 - 5 - 1.5 = 20.25
    EXPECT_EQ(c.grade, "critical");
}

TEST(Health, TopAdviceIsTheMostPointsFirst)
{
    auto f = facts();
    f.pending = 1350;                    // 10
    f.stale = 945;                       // 5
    f.restrictions = {kNow - 45 * 24h};  // 11.25
    const Health h = score_health(f, HealthRules{});
    auto top = top_advice(h, 2);
    ASSERT_EQ(top.size(), 2u);
    EXPECT_EQ(top[0]->code, "restrictions");
    EXPECT_EQ(top[1]->code, "pending");
    EXPECT_EQ(top_advice(h, 10).size(), 3u);
    EXPECT_TRUE(top_advice(score_health(facts(), HealthRules{}), 2).empty());
}

TEST(HealthRules, FromSettings)
{
    core::Settings s;
    ASSERT_TRUE(s.set("account.tier", "free", "account"));
    ASSERT_TRUE(s.set("batch.max_per_hour", "6", "account"));
    const auto r = HealthRules::from(s);
    EXPECT_EQ(r.note_quota, 5);
    EXPECT_EQ(r.max_per_hour, 6);
    EXPECT_EQ(r.pending_cap, 1500);
    EXPECT_EQ(r.stale_after, core::Duration{7 * 86400});
    EXPECT_FALSE(HealthRules::from(core::Settings{}).note_quota);
}

class HealthFactsFromStore : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto s = store::open_store(":memory:", store::Open::or_create);
        ASSERT_TRUE(s) << s.error().message;
        m_store = std::move(*s);
        m_account = m_store->create_account("maya", kNow - 365 * 24h).value();
    }

    void add(Instant sent, std::string note = "", std::vector<core::Event> more = {})
    {
        core::Invitation inv;
        inv.account = m_account;
        const std::string slug = "person-" + std::to_string(++m_people);
        inv.person = core::Person{"in:" + slug, slug, "https://www.linkedin.com/in/" + slug};
        inv.message = std::move(note);
        std::vector<core::Event> events{core::Event{core::EventKind::sent, sent, "cli"}};
        events.insert(events.end(), more.begin(), more.end());
        ASSERT_TRUE(m_store->add_invitation(inv, events, sent));
    }

    std::unique_ptr<store::Store> m_store;
    core::AccountId m_account;
    int m_people = 0;
};

TEST_F(HealthFactsFromStore, CohortsAreSentInTheSpanAndAtLeastMinAgeOld)
{
    const core::Event accepted{core::EventKind::accepted, kNow - 24h, "import:x"};
    add(kNow - 30 * 24h, "", {accepted});       // exactly 30 days: outside the 30-day cohort
    add(kNow - 30 * 24h + 1s, "", {accepted});  // inside
    add(kNow - 20 * 24h);
    add(kNow - 14 * 24h);                       // exactly stats.min_age: old enough
    add(kNow - 14 * 24h + 1s, "", {accepted});  // too young
    add(kNow - 89 * 24h, "", {accepted});
    add(kNow - 100 * 24h, "", {accepted});  // outside both
    const auto f = health_facts(*m_store, m_account, core::Settings{}, kNow);
    EXPECT_EQ(f.cohort_30d.outgoing, 3);
    EXPECT_EQ(f.cohort_30d.accepted, 1);
    EXPECT_EQ(f.cohort_90d.outgoing, 5);
    EXPECT_EQ(f.cohort_90d.accepted, 3);
    EXPECT_EQ(f.pending, 2);
    EXPECT_EQ(f.stale, 2);
}

TEST_F(HealthFactsFromStore, RecentSendsEventsAndTheZone)
{
    add(kNow - 31 * 24h);
    add(kNow - 2 * 24h, "Hi Maya, loved your Acme talk");
    add(kNow - 24h, "I'd like to add you to my professional network on LinkedIn.");
    add(kNow + 1h);  // recorded with a future time: not sent yet
    m_store->record_account_event(
        m_account, core::AccountEvent{0, core::AccountEventKind::restricted, kNow - 24h, std::nullopt, "cli", kNow});
    m_store->record_account_event(
        m_account, core::AccountEvent{0, core::AccountEventKind::reported, kNow - 2h, "in:person-2", "cli", kNow});
    core::Settings settings;
    ASSERT_TRUE(settings.set("account.tz", "Europe/London", "account"));
    const auto f = health_facts(*m_store, m_account, settings, kNow);
    ASSERT_EQ(f.sends.size(), 2u);
    EXPECT_FALSE(f.sends[0].generic_note);
    EXPECT_TRUE(f.sends[1].generic_note);
    EXPECT_EQ(f.restrictions, std::vector<Instant>{kNow - 24h});
    EXPECT_EQ(f.reports, std::vector<Instant>{kNow - 2h});
    EXPECT_EQ(f.zone.name(), "Europe/London");
}

TEST_F(HealthFactsFromStore, ARestrictionIsCountedOncePerInstantAndAReportOncePerPerson)
{
    const auto event = [&](core::AccountEventKind kind, Instant at, std::optional<std::string> who) {
        m_store->record_account_event(m_account, core::AccountEvent{0, kind, at, std::move(who), "cli", kNow});
    };
    using enum core::AccountEventKind;
    event(restricted, kNow - 24h, std::nullopt);
    event(restricted, kNow - 24h, std::nullopt);  // the same restriction, recorded twice
    event(restricted, kNow - 5 * 24h, std::nullopt);
    event(reported, kNow - 3h, "in:sam-lee");
    event(reported, kNow - 2h, "in:sam-lee");  // the same person again
    event(reported, kNow - 4h, "in:maya-patel");
    const auto f = health_facts(*m_store, m_account, core::Settings{}, kNow);
    EXPECT_EQ(f.restrictions, (std::vector<Instant>{kNow - 5 * 24h, kNow - 24h}));
    EXPECT_EQ(f.reports, (std::vector<Instant>{kNow - 4h, kNow - 2h})) << "two people, each at their newest report";
    const auto h = score_health(f, HealthRules::from(core::Settings{}));
    const auto reports = std::find_if(h.factors.begin(), h.factors.end(), [](auto& x) { return x.code == "reports"; });
    ASSERT_NE(reports, h.factors.end());
    EXPECT_NE(reports->advice.find("2 people said"), std::string::npos) << reports->advice;
}

}  // namespace
}  // namespace ik::plan
