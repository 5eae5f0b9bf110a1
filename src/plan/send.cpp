#include "plan/send.h"

#include "core/hash.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace ik::plan {

using core::Duration;
using core::Instant;

namespace {

constexpr std::array<std::pair<BlockReason, std::string_view>, 10> kReasons{{
    {BlockReason::already_connected, "already_connected"},
    {BlockReason::already_pending, "already_pending"},
    {BlockReason::do_not_contact, "do_not_contact"},
    {BlockReason::duplicate, "duplicate"},
    {BlockReason::cooldown_after_withdraw, "cooldown_after_withdraw"},
    {BlockReason::cooldown_after_decline, "cooldown_after_decline"},
    {BlockReason::note_invalid, "note_invalid"},
    {BlockReason::note_quota, "note_quota"},
    {BlockReason::restricted, "restricted"},
    {BlockReason::beyond_horizon, "beyond_horizon"},
}};

constexpr Duration kHour{3600};
constexpr Duration kWeek{7 * 86400};
constexpr Duration kNoteWindow{30 * 86400};

// True if `t` joins `sorted` without putting more than `limit` of them inside
// any half-open window of length `span`: no limit + 1 consecutive times (t
// among them) lie less than `span` apart.
bool fits_rolling(const std::vector<Instant>& sorted, Instant t, long limit, Duration span)
{
    if (limit < 0) return true;
    const auto n = static_cast<long>(sorted.size());
    const auto p = static_cast<long>(std::lower_bound(sorted.begin(), sorted.end(), t) - sorted.begin());
    // In the merged sequence t sits at index p; element k is sorted[k] below p,
    // t at p, sorted[k - 1] above.
    auto at = [&](long k) {
        return k < p ? sorted[static_cast<size_t>(k)] : k == p ? t : sorted[static_cast<size_t>(k - 1)];
    };
    for (long first = std::max(0L, p - limit); first <= p; ++first) {
        const long last = first + limit;
        if (last > n) break;
        if (at(last) - at(first) < span) return false;
    }
    return true;
}

void insert_sorted(std::vector<Instant>& v, Instant t)
{
    v.insert(std::upper_bound(v.begin(), v.end(), t), t);
}

// What a schedule has used so far: every send (recorded and planned), and the
// counts the rules look at.
class Book {
public:
    Book(const SendHistory& history, const SendRules& rules, const SendOptions& options)
        : m_rules(rules), m_zone(options.account_zone), m_pending(history.pending)
    {
        m_all = history.sent;
        std::sort(m_all.begin(), m_all.end());
        m_noted = history.sent_with_note;
        std::sort(m_noted.begin(), m_noted.end());
        for (Instant t : m_all) ++m_per_day[m_zone.local_date(t)];
        long total = 0;
        for (const auto& [day, n] : history.withdrawals) {
            total += n;
            m_withdrawn_by.emplace_back(day, total);
        }
    }

    enum class Fit { yes, only_without_note, no };

    Fit fits(Instant t, bool with_note) const
    {
        if (auto it = m_per_day.find(m_zone.local_date(t)); it != m_per_day.end() && it->second >= m_rules.daily_limit)
            return Fit::no;
        if (m_rules.daily_limit <= 0) return Fit::no;
        if (!gap_ok(t)) return Fit::no;
        if (!fits_rolling(m_all, t, m_rules.max_per_hour, kHour)) return Fit::no;
        if (!fits_rolling(m_all, t, m_rules.weekly_limit, kWeek)) return Fit::no;
        if (!pending_ok(t)) return Fit::no;
        if (with_note && m_rules.note_quota && !fits_rolling(m_noted, t, *m_rules.note_quota, kNoteWindow))
            return Fit::only_without_note;
        return Fit::yes;
    }

    void add(Instant t, bool with_note)
    {
        insert_sorted(m_all, t);
        insert_sorted(m_planned, t);
        if (with_note) insert_sorted(m_noted, t);
        ++m_per_day[m_zone.local_date(t)];
    }

    // Sends in the 7 x 24 h ending at t (inclusive).
    long in_week_before(Instant t) const
    {
        auto from = std::upper_bound(m_all.begin(), m_all.end(), t - kWeek);
        auto to = std::upper_bound(m_all.begin(), m_all.end(), t);
        return static_cast<long>(to - from);
    }

private:
    bool gap_ok(Instant t) const
    {
        if (m_rules.min_gap <= Duration{0}) return true;
        auto it = std::lower_bound(m_all.begin(), m_all.end(), t);
        if (it != m_all.end() && *it - t < m_rules.min_gap) return false;
        if (it != m_all.begin() && t - *std::prev(it) < m_rules.min_gap) return false;
        return true;
    }

    long withdrawn_by(core::Days day) const
    {
        auto it = std::upper_bound(m_withdrawn_by.begin(), m_withdrawn_by.end(), day,
                                   [](core::Days d, const auto& e) { return d < e.first; });
        return it == m_withdrawn_by.begin() ? 0 : std::prev(it)->second;
    }

    // Planned pending stays at or under the target at t and at every planned send after it.
    bool pending_ok(Instant t) const
    {
        const auto p = static_cast<size_t>(std::upper_bound(m_planned.begin(), m_planned.end(), t) - m_planned.begin());
        if (m_pending + static_cast<long>(p) + 1 - withdrawn_by(m_zone.local_date(t)) > m_rules.pending_target)
            return false;
        for (size_t k = p; k < m_planned.size(); ++k) {
            const long sent_by = static_cast<long>(k) + 2;  // planned sends up to and including m_planned[k], with t
            if (m_pending + sent_by - withdrawn_by(m_zone.local_date(m_planned[k])) > m_rules.pending_target)
                return false;
        }
        return true;
    }

    const SendRules& m_rules;
    const core::Zone& m_zone;
    long m_pending;
    std::vector<Instant> m_all;      // every send, recorded and planned
    std::vector<Instant> m_noted;    // those with a note
    std::vector<Instant> m_planned;  // planned only
    std::map<core::Days, long> m_per_day;
    std::vector<std::pair<core::Days, long>> m_withdrawn_by;  // cumulative withdrawals by day
};

}  // namespace

std::string_view to_string(BlockReason r)
{
    for (const auto& [reason, name] : kReasons)
        if (reason == r) return name;
    return "?";
}

core::Result<SendRules> SendRules::from(const core::Settings& s, bool aggressive)
{
    SendRules r;
    r.weekly_limit = static_cast<long>(s.integer("weekly.limit"));
    r.daily_limit = static_cast<long>(s.integer("daily.limit"));
    r.max_per_hour = static_cast<long>(s.integer("batch.max_per_hour"));
    r.min_gap = s.duration("send.min_gap");
    auto windows = core::parse_windows(s.text("send.windows"));
    if (!windows) return std::unexpected(windows.error());
    r.windows = std::move(*windows);
    auto weekdays = core::parse_weekdays(s.text("send.weekdays"));
    if (!weekdays) return std::unexpected(weekdays.error());
    r.weekdays = *weekdays;
    r.pending_target = static_cast<long>(s.integer("pending.target"));
    r.restriction_pause = s.duration("restriction.pause");
    r.reinvite_after_withdraw =
        aggressive ? s.duration("reinvite.after_withdraw") : s.duration("reinvite.after_withdraw_advised");
    r.reinvite_after_decline = s.duration("reinvite.after_decline");
    if (s.text("account.tier") == "free") r.note_quota = static_cast<long>(s.integer("note.free_personalized_per_30d"));
    r.send_without_note_past_quota = s.text("note.when_quota_exhausted") == "send_without_note";
    return r;
}

std::vector<Instant> send_positions(const core::Zone& zone, core::Days local_day, const SendRules& rules,
                                    std::uint64_t seed)
{
    std::vector<Instant> out;
    const auto weekday = std::chrono::weekday(local_day).c_encoding();
    if (!rules.weekdays.test(weekday) || rules.windows.empty() || rules.daily_limit <= 0) return out;

    long total = 0;  // seconds of window in the day
    for (const auto& w : rules.windows) total += (w.end - w.begin) * 60L;
    const long gap = std::max(60L, static_cast<long>(rules.min_gap.count()));
    const long n = std::max(1L, std::min(rules.daily_limit, total / gap));
    const long spacing = total / n;
    // Jitter inside each position's share, leaving min_gap (and a minute for
    // rounding down) to the next position.
    const long room = std::max(0L, spacing - gap - 60);
    const std::uint64_t day_seed =
        core::splitmix64(seed ^ core::splitmix64(static_cast<std::uint64_t>(local_day.time_since_epoch().count()) ^
                                                 core::fnv1a(zone.name())));

    for (long i = 0; i < n; ++i) {
        long offset =
            i * spacing + (room > 0 ? static_cast<long>(core::splitmix64(day_seed + static_cast<std::uint64_t>(i)) %
                                                        static_cast<std::uint64_t>(room + 1))
                                    : 0);
        offset -= offset % 60;
        for (const auto& w : rules.windows) {
            const long length = (w.end - w.begin) * 60L;
            if (offset >= length) {
                offset -= length;
                continue;
            }
            const auto local =
                std::chrono::local_seconds(local_day.time_since_epoch()) + core::Duration{w.begin * 60L + offset};
            const Instant t = zone.from_local(local);
            if (zone.to_local(t) == local) out.push_back(t);  // not in a daylight-saving gap
            break;
        }
    }
    return out;
}

SendPlan plan_sends(const std::vector<SendCandidate>& queue, const SendHistory& history, const SendRules& rules,
                    const SendOptions& options)
{
    SendPlan plan;
    const Instant from = std::max(options.from, options.now);
    plan.horizon_end = from + core::days{options.days};
    Book book(history, rules, options);

    std::optional<Instant> restricted_until;
    if (history.restricted_at && *history.restricted_at + rules.restriction_pause > from)
        restricted_until = *history.restricted_at + rules.restriction_pause;

    std::map<std::pair<std::string, core::Days>, std::vector<Instant>> positions;  // by zone and local day
    // Feasibility only shrinks as sends are placed, so once a candidate of some
    // kind (zone, with a note or not) finds nothing from time T on, no later one
    // of that kind starting at T or later can; it is told so at once.
    std::map<std::pair<std::string, bool>, std::pair<Instant, BlockReason>> exhausted;

    for (size_t i = 0; i < queue.size(); ++i) {
        const auto& c = queue[i];
        if (c.block) {
            plan.blocked.push_back(SendBlocked{i, *c.block, std::nullopt, c.detail});
            continue;
        }
        Instant earliest = from;
        std::optional<BlockReason> waiting;  // what pushed `earliest` later
        auto wait_until = [&](std::optional<Instant> until, BlockReason why) {
            if (until && *until > earliest) {
                earliest = *until;
                waiting = why;
            }
        };
        wait_until(restricted_until, BlockReason::restricted);
        if (c.withdrawn_at)
            wait_until(*c.withdrawn_at + rules.reinvite_after_withdraw, BlockReason::cooldown_after_withdraw);
        if (c.declined_at)
            wait_until(*c.declined_at + rules.reinvite_after_decline, BlockReason::cooldown_after_decline);
        if (earliest >= plan.horizon_end) {
            plan.blocked.push_back(waiting ? SendBlocked{i, *waiting, earliest, {}}
                                           : SendBlocked{i, BlockReason::beyond_horizon, std::nullopt, {}});
            continue;
        }

        const core::Zone& zone = c.zone ? *c.zone : options.account_zone;
        const bool with_note = !c.note.empty();
        const auto kind = std::make_pair(zone.name(), with_note);
        if (auto it = exhausted.find(kind); it != exhausted.end() && it->second.first <= earliest) {
            plan.blocked.push_back(SendBlocked{i, it->second.second, std::nullopt, {}});
            continue;
        }

        std::optional<SendSlot> placed;
        bool quota_only = false;  // some time fitted every rule but the note quota
        const core::Days last_day = zone.local_date(plan.horizon_end);
        for (core::Days day = zone.local_date(earliest); day <= last_day && !placed; day += core::days{1}) {
            auto [it, fresh] = positions.try_emplace({zone.name(), day});
            if (fresh) it->second = send_positions(zone, day, rules, options.seed);
            for (Instant t : it->second) {
                if (t < earliest || t >= plan.horizon_end) continue;
                const auto fit = book.fits(t, with_note);
                if (fit == Book::Fit::yes) {
                    placed = SendSlot{t, i, false};
                    break;
                }
                if (fit == Book::Fit::only_without_note) {
                    if (rules.send_without_note_past_quota) {
                        placed = SendSlot{t, i, true};
                        break;
                    }
                    quota_only = true;
                }
            }
        }
        if (placed) {
            book.add(placed->at, with_note && !placed->note_withheld);
            plan.slots.push_back(*placed);
            continue;
        }
        const BlockReason reason = quota_only ? BlockReason::note_quota : BlockReason::beyond_horizon;
        exhausted.emplace(kind, std::make_pair(earliest, reason));
        plan.blocked.push_back(SendBlocked{i, reason, std::nullopt, {}});
    }

    std::stable_sort(plan.slots.begin(), plan.slots.end(),
                     [](const SendSlot& a, const SendSlot& b) { return a.at < b.at; });
    const Instant end = plan.slots.empty() ? options.now : plan.slots.back().at;
    plan.weekly_remaining_after = std::max(0L, rules.weekly_limit - book.in_week_before(end));
    return plan;
}

}  // namespace ik::plan
