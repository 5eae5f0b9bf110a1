#include "plan/history.h"

#include <array>

namespace ik::plan {

std::vector<AgeBucket> pending_age_histogram(store::Store& store, core::AccountId account, core::Instant now)
{
    std::vector<AgeBucket> out{{"0-1d", 0, 1, 0},     {"1-3d", 1, 3, 0},     {"3-7d", 3, 7, 0},     {"7-14d", 7, 14, 0},
                               {"14-30d", 14, 30, 0}, {"30-60d", 30, 60, 0}, {"60-90d", 60, 90, 0}, {"90d+", 90, 0, 0}};
    store::InvitationQuery q;
    q.status = core::Status::pending;
    for (const auto& inv : store.invitations(account, q)) {
        const long age = std::max(0L, core::whole_days(inv.sent_at, now));
        for (auto& b : out)
            if (age >= b.from_days && (b.to_days == 0 || age < b.to_days)) {
                ++b.count;
                break;
            }
    }
    return out;
}

std::vector<WeekSends> weekly_sends(store::Store& store, core::AccountId account, const core::Zone& zone,
                                    core::Instant now, int weeks)
{
    const core::Days today = zone.local_date(now);
    const auto since_monday = (std::chrono::weekday(today) - std::chrono::Monday).count();
    const core::Days first = today - core::days{since_monday} - core::days{7 * (weeks - 1)};
    std::vector<WeekSends> out;
    for (int w = 0; w < weeks; ++w) out.push_back(WeekSends{first + core::days{7 * w}, 0});

    store::InvitationQuery q;
    q.sent_from = zone.start_of_day(first);
    q.sent_before = now + core::Duration{1};
    for (const auto& inv : store.invitations(account, q)) {
        const auto index = (zone.local_date(inv.sent_at) - first).count() / 7;
        if (index >= 0 && index < weeks) ++out[static_cast<size_t>(index)].sent;
    }
    return out;
}

}  // namespace ik::plan
