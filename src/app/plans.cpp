#include "app/json.h"

#include "core/numbers.h"

#include <fmt/format.h>

namespace ik::app {

core::Result<WithdrawPlanAnswer> run(Session& session, const WithdrawPlanRequest& request)
{
    if (request.target && *request.target < 0)
        return core::fail(core::ErrorKind::usage, "bad_target", "--target must be 0 or more");
    if (request.max_per_day && *request.max_per_day < 1)
        return core::fail(core::ErrorKind::usage, "bad_max", "--max-per-day must be 1 or more");
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto options = plan::WithdrawOptions::from(scope->settings);
    if (request.after) options.after = *request.after;
    if (request.target) options.target = *request.target;
    if (request.max_per_day) options.daily_max = *request.max_per_day;
    auto p = plan::withdrawal_plan(*scope->store, scope->account.id, scope->settings, options, scope->now);
    return WithdrawPlanAnswer{options, std::move(p)};
}

namespace {

// Why nothing goes out today, when the pending target is what holds it: none when
// something is sent today or the reason is only the calendar (not a sending day,
// today's or the week's limit used).
std::optional<std::string> nothing_today(const plan::OutreachPlan& outreach, const std::vector<PlannedSend>& slots,
                                         core::Days today)
{
    const bool none_today = slots.empty() || slots.front().day > today;
    if (!none_today || outreach.room_from == today) return std::nullopt;
    const long target = outreach.rules.pending_target;
    if (outreach.room_from)
        return fmt::format(
            "Nothing today: pending ({}) stays at or over the target ({}) until the withdrawal plan's {}.",
            core::thousands(outreach.pending_now), core::thousands(target), core::format_date(*outreach.room_from));
    return fmt::format(
        "Nothing can go out: pending ({}) stays at or over the target ({}) and the withdrawal plan does not bring it "
        "under.",
        core::thousands(outreach.pending_now), core::thousands(target));
}

}  // namespace

core::Result<SendPlanAnswer> run(Session& session, const SendPlanRequest& request)
{
    if (request.days < 1 || request.days > 366)
        return core::fail(core::ErrorKind::usage, "bad_days", "--days must be 1 to 366");
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    plan::SendRequest send;
    send.now = scope->now;
    send.days = request.days;
    send.aggressive = request.aggressive;
    send.allow_unpersonalized = request.allow_unpersonalized;
    if (!request.from.empty()) {
        auto from = core::parse_instant(request.from, scope->zone);
        if (!from) return std::unexpected(from.error());
        send.from = *from;
    }
    auto outreach = plan::plan_outreach(*scope->store, scope->account, scope->settings, send);
    if (!outreach) return std::unexpected(outreach.error());
    const auto& queue = outreach->prospects;
    const auto& cands = outreach->candidates;
    auto zone_of = [&](size_t i) -> const core::Zone& { return cands[i].zone ? *cands[i].zone : scope->zone; };

    SendPlanAnswer answer;
    answer.account = scope->account.name;
    answer.now = scope->now;
    answer.from = std::max(send.from.value_or(scope->now), scope->now);
    answer.zone = scope->zone;
    answer.days = request.days;
    answer.queued = queue.size();
    answer.today = scope->zone.local_date(scope->now);
    for (const auto& s : outreach->plan.slots) {
        const auto& their = zone_of(s.candidate);
        PlannedSend planned{s.at,
                            scope->zone.local_date(s.at),
                            core::format_local(s.at, their),
                            their.name(),
                            queue[s.candidate].person,
                            s.note_withheld ? std::string() : cands[s.candidate].note,
                            cands[s.candidate].template_name,
                            s.note_withheld};
        if (planned.day == answer.today) ++answer.sends_today;
        answer.slots.push_back(std::move(planned));
    }
    for (const auto& b : outreach->plan.blocked)
        answer.blocked.push_back(BlockedSend{queue[b.candidate].person, b.reason, b.until, b.detail});
    if (!queue.empty()) answer.nothing_because = nothing_today(*outreach, answer.slots, answer.today);
    answer.room_later = outreach->room_from.has_value();
    answer.weekly_remaining_after = outreach->plan.weekly_remaining_after;
    answer.next_cleanup = outreach->next_cleanup;
    answer.cleanup_every = scope->settings.duration("cleanup.every");
    return answer;
}

core::Result<SimulateAnswer> run(Session& session, const SimulateRequest& request)
{
    if (request.days < 7 || request.days > 730)
        return core::fail(core::ErrorKind::usage, "bad_days", "--days must be 7 to 730");
    if (request.runs < 1 || request.runs > 100000)
        return core::fail(core::ErrorKind::usage, "bad_runs", "--runs must be 1 to 100,000");
    if (request.threads < 0 || request.threads > 256)
        return core::fail(core::ErrorKind::usage, "bad_threads", "--threads must be 1 to 256 (0: one per core)");
    for (long n : request.per_day)
        if (n < 0 || n > 1000)
            return core::fail(core::ErrorKind::usage, "bad_strategy",
                              fmt::format("--per-day: \"{}\" is not a whole number from 0 to 1000", n));
    for (int d : request.withdraw_after_days)
        if (d < 0)
            return core::fail(core::ErrorKind::usage, "bad_strategy",
                              fmt::format("--withdraw-after: {} days is not a number of whole days", d));
    if (request.withdraw_after_days.empty() || request.per_day.empty())
        return core::fail(core::ErrorKind::usage, "bad_strategy",
                          "give at least one --withdraw-after and one --per-day");
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto setup = plan::simulation_setup(*scope->store, scope->account.id, scope->settings, scope->now,
                                        request.withdraw_after_days, request.per_day, request.unlimited);
    if (!setup) return std::unexpected(setup.error());
    plan::SimulationOptions options{request.days, request.runs, request.seed, request.threads};
    auto result = plan::simulate(setup->strategies, setup->start, setup->rules, setup->model, options);
    return SimulateAnswer{scope->now,       scope->zone.local_date(scope->now), request,
                          setup->start,     std::string(setup->model.source()), setup->model.rate(),
                          std::move(result)};
}

core::Result<ReportAnswer> run(Session& session, const ReportRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto id = scope->account.id;
    ReportAnswer answer;
    answer.where = AnswerFor{scope->account.name, scope->now, scope->zone.name()};
    answer.zone = scope->zone;
    answer.status = plan::compute_status(store, scope->account, scope->settings, scope->now);
    answer.pending_age = plan::pending_age_histogram(store, id, scope->now);
    answer.weeks = plan::weekly_sends(store, id, scope->zone, scope->now, 12);
    // Both groupings from one read of the outgoing invitations.
    auto stats_options = plan::StatsOptions::from(scope->settings);
    if (!stats_options) return std::unexpected(stats_options.error());
    const auto outgoing = store.invitations(id, store::InvitationQuery{});
    answer.by_note = plan::compute_stats(outgoing, plan::StatsGrouping::note, *stats_options, scope->now);
    answer.by_window = plan::compute_stats(outgoing, plan::StatsGrouping::window, *stats_options, scope->now);
    // A smaller simulation than `simulate`'s default: enough to rank the strategies.
    answer.simulated_runs = 200;
    answer.simulated_days = 180;
    auto setup = plan::simulation_setup(store, id, scope->settings, scope->now, {7, 14, 21, 30}, {10, 15, 20}, false);
    if (!setup) return std::unexpected(setup.error());
    answer.simulated = plan::simulate(setup->strategies, setup->start, setup->rules, setup->model,
                                      plan::SimulationOptions{answer.simulated_days, answer.simulated_runs, 1, 0});
    return answer;
}

Json to_json(const WithdrawPlanAnswer& answer)
{
    const auto& p = answer.plan;
    Json j;
    j["now"] = json_instant(p.now);
    j["pending_before"] = p.pending_before;
    j["pending_after"] = p.pending_after;
    j["days"] = p.days;
    j["withdrawn_today"] = p.withdrawn_today;
    j["target"] = answer.options.target;
    j["withdraw_page"] = kSentInvitationsPage;
    Json items = Json::array();
    for (const auto& item : p.items)
        items.push_back(Json{{"id", item.invitation.id.value},
                             {"name", item.invitation.person.name},
                             {"profile_url", item.invitation.person.profile_url},
                             {"sent_at", json_instant(item.invitation.sent_at)},
                             {"sent_earliest", item.invitation.sent_earliest
                                                   ? json_instant(*item.invitation.sent_earliest)
                                                   : Json()},
                             {"age_days", item.age_days},
                             {"age", core::age_label(item.invitation, p.now)},
                             {"reasons", item.reasons},
                             {"p_accept", round_to(item.p_accept, 4)},
                             {"day", json_date(item.day)}});
    j["items"] = items;
    return j;
}

Json to_json(const SendPlanAnswer& answer)
{
    Json j;
    j["now"] = json_instant(answer.now);
    Json slots = Json::array();
    for (const auto& s : answer.slots)
        slots.push_back(Json{{"at", json_instant(s.at)},
                             {"day", core::format_date(s.day)},
                             {"local", s.local},
                             {"profile_url", s.person.profile_url},
                             {"name", s.person.name},
                             {"note", s.note},
                             {"template", s.template_name.empty() ? Json() : Json(s.template_name)},
                             {"note_withheld", s.note_withheld}});
    j["slots"] = slots;
    Json blocked = Json::array();
    for (const auto& b : answer.blocked)
        blocked.push_back(Json{{"profile_url", b.person.profile_url},
                               {"name", b.person.name},
                               {"reason", plan::to_string(b.reason)},
                               {"until", b.until ? json_instant(*b.until) : Json()},
                               {"detail", b.detail}});
    j["blocked"] = blocked;
    j["today"] = Json{{"date", core::format_date(answer.today)},
                      {"sends", answer.sends_today},
                      {"nothing_because", answer.nothing_because ? Json(*answer.nothing_because) : Json()}};
    j["summary"] = Json{{"scheduled", answer.slots.size()},
                        {"blocked", answer.blocked.size()},
                        {"weekly_remaining_after", answer.weekly_remaining_after},
                        {"first", answer.slots.empty() ? Json() : json_instant(answer.slots.front().at)},
                        {"last", answer.slots.empty() ? Json() : json_instant(answer.slots.back().at)}};
    return j;
}

Json to_json(const SimulateAnswer& answer)
{
    const auto& r = answer.request;
    const auto& result = answer.result;
    Json j;
    j["now"] = json_instant(answer.now);
    j["days"] = r.days;
    j["runs"] = r.runs;
    j["seed"] = r.seed;
    j["start"] = Json{{"pending", answer.start.pending_ages.size()},
                      {"sent_last_6_days", answer.start.recent_sends.size()},
                      {"prospects", answer.start.pool ? Json(*answer.start.pool) : Json("unlimited")}};
    j["model"] = Json{{"source", answer.model_source}, {"acceptance_rate", round_to(answer.model_rate, 4)}};
    Json items = Json::array();
    for (const auto& s : result.strategies)
        items.push_back(Json{{"label", s.strategy.label},
                             {"withdraw_after_days", s.strategy.withdraw_after_days},
                             {"per_day", s.strategy.per_day},
                             {"current", s.strategy.current},
                             {"accepted_per_week", Json{{"mean", round_to(s.accepted_per_week_mean, 2)},
                                                        {"p10", round_to(s.accepted_per_week_p10, 2)},
                                                        {"p90", round_to(s.accepted_per_week_p90, 2)}}},
                             {"accepted_total", round_to(s.accepted_total_mean, 1)},
                             {"pending_mean", round_to(s.pending_mean, 1)},
                             {"pending_max", s.pending_max},
                             {"blocked_share", round_to(s.blocked_share, 4)},
                             {"withdrawals_per_week", round_to(s.withdrawals_per_week, 2)},
                             {"sent_per_week", round_to(s.sent_per_week, 2)},
                             {"acceptance_rate", round_to(s.acceptance_rate, 4)}});
    j["strategies"] = items;
    const auto& best = result.strategies[result.best];
    const auto& current = result.strategies[result.current.value_or(result.best)];
    j["best"] = Json{{"label", best.strategy.label},
                     {"accepted_per_week", round_to(best.accepted_per_week_mean, 2)},
                     {"vs_current_per_week", round_to(best.accepted_per_week_mean - current.accepted_per_week_mean, 2)},
                     {"current", current.strategy.label}};
    return j;
}

}  // namespace ik::app
