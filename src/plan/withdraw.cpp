#include "plan/withdraw.h"

#include "plan/notes.h"

#include <algorithm>

namespace ik::plan {

using core::Invitation;

WithdrawOptions WithdrawOptions::from(const core::Settings& s)
{
    WithdrawOptions o;
    o.after = s.duration("withdraw.after");
    o.outdated_after = s.duration("withdraw.outdated_after");
    o.target = static_cast<long>(s.integer("pending.target"));
    o.daily_max = std::max(1L, static_cast<long>(s.integer("withdraw.daily_max")));
    o.generic_first = s.boolean("withdraw.generic_first");
    return o;
}

namespace {

double age_in_days(const Invitation& inv, core::Instant now)
{
    return static_cast<double>((now - inv.sent_at).count()) / 86400.0;
}

}  // namespace

WithdrawPlan plan_withdrawals(const std::vector<Invitation>& pending, const AcceptanceModel& model,
                              const WithdrawOptions& options, core::Instant now, const core::Zone& zone)
{
    WithdrawPlan plan;
    plan.now = now;
    plan.pending_before = static_cast<long>(pending.size());

    std::vector<const Invitation*> chosen;
    std::vector<const Invitation*> rest;  // candidates for reaching the target
    for (const auto& inv : pending) {
        if (inv.keep) continue;
        if (inv.accidental || now - inv.sent_at >= options.after) chosen.push_back(&inv);
        else rest.push_back(&inv);
    }
    // Reaching the target: generic notes first (when asked), then older first.
    std::sort(rest.begin(), rest.end(), [&](const Invitation* a, const Invitation* b) {
        if (options.generic_first) {
            bool ga = is_generic_note(a->message), gb = is_generic_note(b->message);
            if (ga != gb) return ga;
        }
        if (a->sent_at != b->sent_at) return a->sent_at < b->sent_at;
        return a->id < b->id;
    });
    for (const Invitation* inv : rest) {
        if (plan.pending_before - static_cast<long>(chosen.size()) <= options.target) break;
        chosen.push_back(inv);
    }

    std::vector<WithdrawItem> items;
    items.reserve(chosen.size());
    for (const Invitation* inv : chosen) {
        WithdrawItem item;
        item.invitation = *inv;
        item.age_days = core::whole_days(inv->sent_at, now);
        item.p_accept = model.p_accept(age_in_days(*inv, now));
        items.push_back(std::move(item));
    }
    std::sort(items.begin(), items.end(), [](const WithdrawItem& a, const WithdrawItem& b) {
        if (a.invitation.accidental != b.invitation.accidental) return a.invitation.accidental;
        if (a.p_accept != b.p_accept) return a.p_accept < b.p_accept;
        if (a.invitation.sent_at != b.invitation.sent_at) return a.invitation.sent_at < b.invitation.sent_at;
        return a.invitation.id < b.invitation.id;
    });

    const core::Days today = zone.local_date(now);
    const long done_today = std::clamp(options.withdrawn_today, 0L, options.daily_max);
    for (size_t i = 0; i < items.size(); ++i) {
        auto& item = items[i];
        const Invitation& inv = item.invitation;
        if (inv.accidental) item.reasons.emplace_back("accidental");
        if (now - inv.sent_at >= options.after) item.reasons.emplace_back("stale");
        if (now - inv.sent_at >= options.outdated_after) item.reasons.emplace_back("outdated");
        if (is_generic_note(inv.message)) item.reasons.emplace_back("generic_note");
        // Withdrawing it, in plan order, still brings pending down toward the target.
        if (plan.pending_before - static_cast<long>(i) > options.target) item.reasons.emplace_back("over_target");
        item.day = today + core::days{(static_cast<long>(i) + done_today) / options.daily_max};
    }
    plan.pending_after = plan.pending_before - static_cast<long>(items.size());
    plan.withdrawn_today = options.withdrawn_today;
    plan.days = items.empty() ? 0 : (items.back().day - today).count() + (items.front().day == today ? 1 : 0);
    plan.items = std::move(items);
    return plan;
}

}  // namespace ik::plan
