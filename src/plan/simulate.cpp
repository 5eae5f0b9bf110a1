#include "plan/simulate.h"

#include "core/hash.h"
#include "plan/status.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <system_error>
#include <thread>

namespace ik::plan {

namespace {

// splitmix64 as a stream: small, fast, and the same numbers on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    double uniform()  // [0, 1)
    {
        const std::uint64_t z = core::splitmix64(m_state);
        m_state += 0x9e3779b97f4a7c15ULL;
        return static_cast<double>(z >> 11) * 0x1.0p-53;
    }

private:
    std::uint64_t m_state;
};

// S at whole days of age, for drawing an acceptance day by inversion: a request
// accepted at age T (S(T) = U) is accepted on day-age k when S(k + 1) < U <= S(k).
class AcceptDays {
public:
    AcceptDays(const AcceptanceModel& model, int max_age) : m_rate(model.rate())
    {
        m_s.resize(static_cast<size_t>(max_age) + 2);
        for (size_t k = 0; k < m_s.size(); ++k) m_s[k] = model.survival(static_cast<double>(k));
        m_s[0] = 1.0;
    }

    double survival(int age) const
    {
        return m_s[static_cast<size_t>(std::min<size_t>(static_cast<size_t>(age), m_s.size() - 1))];
    }

    // The day-age a request pending at `age` is accepted, or -1 for never (or
    // beyond the table).
    int draw(int age, Random& rng) const
    {
        const double s = survival(age);
        const double p = m_rate * s / (1 - m_rate + m_rate * s);
        if (rng.uniform() >= p) return -1;
        const double u = s * (1.0 - rng.uniform());  // (0, S(age)]
        // The largest k with S(k) >= u; S falls, so search the reversed order.
        auto it = std::upper_bound(m_s.begin() + age, m_s.end(), u, [](double value, double sk) { return sk < value; });
        const auto k = static_cast<int>(it - m_s.begin()) - 1;
        if (k + 1 >= static_cast<int>(m_s.size())) return -1;
        return std::max(k, age);
    }

private:
    double m_rate;
    std::vector<double> m_s;
};

struct RunStats {
    long accepted = 0;
    long accepted_of_new = 0;
    long sent = 0;
    long withdrawn = 0;
    double pending_mean = 0;
    long pending_max = 0;
    long blocked_days = 0;
    long sending_days = 0;
};

// One run's working memory, kept between runs of a worker.
struct Scratch {
    struct Request {
        int sent_day;    // day 0 or before for requests pending when the run starts
        int accept_day;  // -1: not inside the run
        bool open;
        bool of_run;  // sent by the run: the acceptance rate is of these alone
    };
    std::vector<Request> requests;
    std::vector<std::vector<std::uint32_t>> accept_on;  // day -> requests
    std::vector<long> sent_on;                          // day + 7 -> sends
    std::vector<long> returns_on;                       // day -> people back in the pool
};

RunStats run_once(const Strategy& strategy, const SimulationStart& start, const SimulationRules& rules,
                  const AcceptDays& accept, int days, Random& rng, Scratch& w)
{
    RunStats st;
    w.requests.clear();
    w.accept_on.resize(static_cast<size_t>(days));
    for (auto& v : w.accept_on) v.clear();
    w.sent_on.assign(static_cast<size_t>(days) + 7, 0);
    w.returns_on.assign(static_cast<size_t>(days), 0);
    for (int ago : start.recent_sends)
        if (ago >= 1 && ago <= 6) ++w.sent_on[static_cast<size_t>(7 - ago)];

    auto add = [&](int sent_day, int age_now, int today, bool of_run) {
        const int k = accept.draw(age_now, rng);
        const int day = k < 0 ? -1 : today + (k - age_now);
        const auto index = static_cast<std::uint32_t>(w.requests.size());
        w.requests.push_back(Scratch::Request{sent_day, day < days ? day : -1, true, of_run});
        if (day >= 0 && day < days) w.accept_on[static_cast<size_t>(day)].push_back(index);
    };
    std::vector<int> ages = start.pending_ages;
    std::sort(ages.begin(), ages.end(), std::greater<>());  // oldest first: the order withdrawals take
    for (int age : ages) add(-age, age, 0, false);
    long pending = static_cast<long>(ages.size());
    std::optional<long> pool = start.pool;
    size_t oldest = 0;
    double pending_sum = 0;

    for (int d = 0; d < days; ++d) {
        if (pool) *pool += w.returns_on[static_cast<size_t>(d)];
        if (strategy.withdraw_after_days > 0) {
            long n = 0;
            while (oldest < w.requests.size() && n < rules.withdraw_daily_max) {
                auto& r = w.requests[oldest];
                if (!r.open) {
                    ++oldest;
                    continue;
                }
                if (d - r.sent_day < strategy.withdraw_after_days) break;
                r.open = false;
                --pending;
                ++st.withdrawn;
                ++n;
                ++oldest;
                if (pool && d + rules.reinvite_after_days < days)
                    ++w.returns_on[static_cast<size_t>(d + rules.reinvite_after_days)];
            }
        }
        const unsigned weekday = (start.first_weekday + static_cast<unsigned>(d)) % 7;
        if (rules.sending_days.test(weekday)) {
            ++st.sending_days;
            long week = 0;
            for (int back = 1; back <= 6; ++back) week += w.sent_on[static_cast<size_t>(d + 7 - back)];
            long want = std::min({strategy.per_day, rules.daily_limit, std::max(0L, rules.weekly_limit - week)});
            if (pool) want = std::min(want, *pool);
            const long room = std::max(0L, rules.pending_cap - pending);
            if (room < want) ++st.blocked_days;
            const long send = std::min(want, room);
            for (long k = 0; k < send; ++k) add(d, 0, d, true);
            pending += send;
            st.sent += send;
            if (pool) *pool -= send;
            w.sent_on[static_cast<size_t>(d + 7)] = send;
        }
        // Acceptances come in over the day, also for requests sent this morning.
        for (std::uint32_t i : w.accept_on[static_cast<size_t>(d)]) {
            auto& r = w.requests[i];
            if (!r.open) continue;
            r.open = false;
            --pending;
            ++st.accepted;
            if (r.of_run) ++st.accepted_of_new;
        }
        pending_sum += static_cast<double>(pending);
        st.pending_max = std::max(st.pending_max, pending);
    }
    st.pending_mean = days > 0 ? pending_sum / days : 0;
    return st;
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

}  // namespace

SimulationResult simulate(const std::vector<Strategy>& strategies, const SimulationStart& start,
                          const SimulationRules& rules, const AcceptanceModel& model, const SimulationOptions& options)
{
    // Ages up to the oldest pending request's at the end of the run.
    const int oldest =
        start.pending_ages.empty() ? 0 : *std::max_element(start.pending_ages.begin(), start.pending_ages.end());
    const AcceptDays accept(model, oldest + options.days + 1);
    const size_t n_strategies = strategies.size();
    const auto runs = static_cast<size_t>(std::max(1, options.runs));
    std::vector<RunStats> stats(n_strategies * runs);

    // Each (strategy, run) has its own random stream from the seed, so the
    // numbers do not depend on which thread runs it. Workers take the next task
    // from one counter: a thread the system cannot start only means fewer workers.
    const unsigned wanted = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                                : std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<unsigned>(std::min<size_t>(wanted, stats.size()));
    std::atomic<size_t> next{0};
    auto work = [&] {
        Scratch scratch;
        for (size_t task; (task = next.fetch_add(1, std::memory_order_relaxed)) < stats.size();) {
            const size_t s = task / runs, r = task % runs;
            Random rng(core::splitmix64(options.seed ^ core::splitmix64(s * 0x1000193ULL + 17) ^
                                        core::splitmix64(r + 0x51ed27ULL)));
            stats[task] = run_once(strategies[s], start, rules, accept, options.days, rng, scratch);
        }
    };
    std::vector<std::thread> pool;
    try {
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    } catch (const std::system_error&) {
        // Out of threads (a ulimit, a busy machine): the ones started and this one do it all.
    }
    work();
    for (auto& t : pool) t.join();

    SimulationResult result;
    const double weeks = options.days / 7.0;
    for (size_t s = 0; s < n_strategies; ++s) {
        StrategyResult out;
        out.strategy = strategies[s];
        std::vector<double> per_week;
        double accepted = 0, pending = 0, blocked = 0, withdrawn = 0, sent = 0, rate_num = 0, rate_den = 0;
        for (size_t r = 0; r < runs; ++r) {
            const auto& st = stats[s * runs + r];
            per_week.push_back(static_cast<double>(st.accepted) / weeks);
            accepted += static_cast<double>(st.accepted);
            pending += st.pending_mean;
            out.pending_max = std::max(out.pending_max, st.pending_max);
            blocked +=
                st.sending_days ? static_cast<double>(st.blocked_days) / static_cast<double>(st.sending_days) : 0;
            withdrawn += static_cast<double>(st.withdrawn);
            sent += static_cast<double>(st.sent);
            rate_num += static_cast<double>(st.accepted_of_new);
            rate_den += static_cast<double>(st.sent);
        }
        const double n = static_cast<double>(runs);
        out.accepted_per_week_mean = accepted / n / weeks;
        out.accepted_per_week_p10 = percentile(per_week, 0.10);
        out.accepted_per_week_p90 = percentile(per_week, 0.90);
        out.accepted_total_mean = accepted / n;
        out.pending_mean = pending / n;
        out.blocked_share = blocked / n;
        out.withdrawals_per_week = withdrawn / n / weeks;
        out.sent_per_week = sent / n / weeks;
        out.acceptance_rate = rate_den > 0 ? rate_num / rate_den : 0;
        result.strategies.push_back(out);
        if (strategies[s].current) result.current = s;
    }
    for (size_t s = 1; s < result.strategies.size(); ++s)
        if (result.strategies[s].accepted_total_mean > result.strategies[result.best].accepted_total_mean)
            result.best = s;
    return result;
}

}  // namespace ik::plan

namespace ik::plan {

namespace {

std::string strategy_label(int after, long per_day)
{
    return (after > 0 ? "withdraw after " + std::to_string(after) + "d" : std::string("never withdraw")) + ", " +
           std::to_string(per_day) + " a day";
}

}  // namespace

core::Result<SimulationSetup> simulation_setup(store::Store& store, core::AccountId account,
                                               const core::Settings& settings, core::Instant now,
                                               const std::vector<int>& withdraw_after_days,
                                               const std::vector<long>& per_day, bool unlimited)
{
    const int current_after = static_cast<int>(settings.duration("withdraw.after").count() / 86400);
    const long current_per_day = static_cast<long>(settings.integer("daily.limit"));
    std::vector<Strategy> strategies;
    for (int a : withdraw_after_days)
        for (long p : per_day)
            strategies.push_back(Strategy{a, p, strategy_label(a, p), a == current_after && p == current_per_day});
    if (std::none_of(strategies.begin(), strategies.end(), [](const auto& s) { return s.current; }))
        strategies.push_back(
            Strategy{current_after, current_per_day, strategy_label(current_after, current_per_day), true});

    SimulationRules rules;
    rules.pending_cap = static_cast<long>(settings.integer("pending.cap"));
    rules.weekly_limit = static_cast<long>(settings.integer("weekly.limit"));
    rules.daily_limit = current_per_day;
    for (long p : per_day) rules.daily_limit = std::max(rules.daily_limit, p);  // the question being asked
    rules.withdraw_daily_max = static_cast<long>(settings.integer("withdraw.daily_max"));
    rules.reinvite_after_days = static_cast<int>(settings.duration("reinvite.after_withdraw_advised").count() / 86400);
    auto weekdays = core::parse_weekdays(settings.text("send.weekdays"));
    if (!weekdays) return std::unexpected(weekdays.error());
    rules.sending_days = *weekdays;
    auto zone = core::Zone::named(settings.text("account.tz"));
    if (!zone) return std::unexpected(zone.error());

    SimulationStart start;
    store::InvitationQuery pending;
    pending.status = core::Status::pending;
    for (const auto& inv : store.invitations(account, pending))
        start.pending_ages.push_back(static_cast<int>(std::max(0L, core::whole_days(inv.sent_at, now))));
    store::InvitationQuery recent;
    recent.sent_from = now - core::days{6};
    recent.sent_before = now + core::Duration{1};
    for (const auto& inv : store.invitations(account, recent))
        start.recent_sends.push_back(static_cast<int>(std::clamp(core::whole_days(inv.sent_at, now), 1L, 6L)));
    const auto queued = static_cast<long>(store.prospects(account).size());
    if (!unlimited && queued > 0) start.pool = queued;
    start.first_weekday = std::chrono::weekday(zone->local_date(now)).c_encoding();

    return SimulationSetup{std::move(strategies), std::move(start), rules,
                           acceptance_model(store, account, settings, now)};
}

}  // namespace ik::plan
