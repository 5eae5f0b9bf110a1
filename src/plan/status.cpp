#include "plan/status.h"

#include "plan/stats.h"

#include <algorithm>

namespace ik::plan {

using core::Direction;
using core::Status;
using store::InvitationQuery;

AcceptanceRate acceptance_rate(store::Store& store, core::AccountId account, core::Instant now, core::Duration min_age)
{
    AcceptanceRate r;
    InvitationQuery old_enough;
    old_enough.sent_before = now - min_age + core::Duration{1};  // sent at least min_age ago
    r.outgoing = store.count_invitations(account, old_enough);
    old_enough.status = Status::accepted;
    r.accepted = store.count_invitations(account, old_enough);
    if (r.outgoing > 0) r.rate = static_cast<double>(r.accepted) / static_cast<double>(r.outgoing);
    return r;
}

double model_rate(const AcceptanceRate& r)
{
    // A Beta prior worth kRatePriorWeight invitations at the default rate: with
    // 3 of 12 accepted the model says 0.30, not 0.25; with thousands, your rate.
    return (static_cast<double>(r.accepted) + kRatePriorWeight * kDefaultAcceptanceRate) /
           (static_cast<double>(r.outgoing) + kRatePriorWeight);
}

AcceptanceModel acceptance_model(store::Store& store, core::AccountId account, const core::Settings& settings,
                                 core::Instant now)
{
    const long min_accepted = static_cast<long>(settings.integer("stats.min_accepted"));
    // The newest kCurveSample hold no more acceptances than the whole history: with
    // too few in all, the sample need not be read.
    InvitationQuery accepted;
    accepted.status = Status::accepted;
    if (own_curve_applies(store.count_invitations(account, accepted), min_accepted)) {
        InvitationQuery newest;
        newest.newest_first = true;
        newest.limit = static_cast<long>(kCurveSample);
        const auto curve = kaplan_meier(time_to_accept(store.invitations(account, newest), now));
        if (auto own = own_model_if_enough(curve, min_accepted)) return std::move(*own);
    }
    auto rate = acceptance_rate(store, account, now, settings.duration("stats.min_age"));
    return AcceptanceModel::prior(model_rate(rate));
}

WithdrawPlan withdrawal_plan(store::Store& store, core::AccountId account, const core::Settings& settings,
                             const WithdrawOptions& options, core::Instant now)
{
    return withdrawal_plan(store, account, settings, options, now, acceptance_model(store, account, settings, now));
}

WithdrawPlan withdrawal_plan(store::Store& store, core::AccountId account, const core::Settings& settings,
                             const WithdrawOptions& options, core::Instant now, const AcceptanceModel& model)
{
    InvitationQuery q;
    q.status = Status::pending;
    auto pending = store.invitations(account, q);
    auto zone = core::Zone::named(settings.text("account.tz")).value_or(core::Zone::utc());
    WithdrawOptions today = options;
    InvitationQuery done;
    done.status = Status::withdrawn;
    done.status_from = zone.start_of_day(zone.local_date(now));
    today.withdrawn_today = store.count_invitations(account, done);
    return plan_withdrawals(pending, model, today, now, zone);
}

CleanupDue cleanup_due(store::Store& store, core::AccountId account, const core::Settings& settings,
                       const core::Zone& zone, core::Instant now)
{
    CleanupDue due{std::nullopt, zone.local_date(now)};
    if (auto last = store.last_event_at(account, core::EventKind::withdrawn)) {
        due.last = zone.local_date(*last);
        const auto every = std::chrono::duration_cast<core::days>(settings.duration("cleanup.every"));
        due.next = std::max(due.next, *due.last + every);
    }
    return due;
}

StatusReport compute_status(store::Store& store, const store::Account& account, const core::Settings& settings,
                            core::Instant now)
{
    StatusReport s;
    const auto zone = core::Zone::named(settings.text("account.tz")).value_or(core::Zone::utc());
    const auto id = account.id;
    s.account = account.name;
    s.now = now;
    s.today = zone.local_date(now);
    s.pending_cap = static_cast<long>(settings.integer("pending.cap"));
    s.pending_target = static_cast<long>(settings.integer("pending.target"));
    s.weekly_limit = static_cast<long>(settings.integer("weekly.limit"));
    s.daily_limit = static_cast<long>(settings.integer("daily.limit"));
    s.stale_after = settings.duration("withdraw.after");
    s.min_age = settings.duration("stats.min_age");

    InvitationQuery pending;
    pending.status = Status::pending;
    s.pending = store.count_invitations(id, pending);

    InvitationQuery week;
    week.sent_from = now - core::days{7} + core::Duration{1};
    week.sent_before = now + core::Duration{1};
    s.sent_7d = store.count_invitations(id, week);
    s.weekly_remaining = std::max(0L, s.weekly_limit - s.sent_7d);

    InvitationQuery today;
    today.sent_from = zone.start_of_day(s.today);
    today.sent_before = now + core::Duration{1};
    s.sent_today = store.count_invitations(id, today);

    InvitationQuery stale = pending;
    stale.sent_before = now - settings.duration("withdraw.after") + core::Duration{1};
    s.stale = store.count_invitations(id, stale);

    InvitationQuery oldest = pending;
    oldest.limit = 1;
    if (auto first = store.invitations(id, oldest); !first.empty())
        s.oldest_pending_days = core::whole_days(first.front().sent_at, now);

    InvitationQuery accepted;
    accepted.status = Status::accepted;
    s.accepted_total = store.count_invitations(id, accepted);
    s.acceptance = acceptance_rate(store, id, now, settings.duration("stats.min_age"));

    const auto cleanup = cleanup_due(store, id, settings, zone, now);
    s.last_cleanup = cleanup.last;
    s.next_cleanup = cleanup.next;

    const auto model = acceptance_model(store, id, settings, now);  // once, for the plan and the forecast
    auto plan = withdrawal_plan(store, id, settings, WithdrawOptions::from(settings), now, model);
    s.withdraw_total = static_cast<long>(plan.items.size());
    s.withdrawn_today = plan.withdrawn_today;
    s.withdraw_today = static_cast<long>(
        std::count_if(plan.items.begin(), plan.items.end(), [&](const WithdrawItem& i) { return i.day == s.today; }));
    s.health = account_health(store, id, settings, now);
    s.forecast = account_forecast(store, id, settings, now, model);
    return s;
}

}  // namespace ik::plan
