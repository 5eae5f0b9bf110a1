#include "app/json.h"
#include "ingest/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace ik::app {

namespace {
AnswerFor answer_for(const AccountScope& scope)
{
    return {scope.account.name, scope.now, scope.zone.name()};
}
}  // namespace

core::Result<StatusAnswer> run(Session& session, const StatusRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    return StatusAnswer{plan::compute_status(*scope->store, scope->account, scope->settings, scope->now),
                        scope->zone.name()};
}

core::Result<HealthAnswer> run(Session& session, const HealthRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    return HealthAnswer{answer_for(*scope),
                        plan::account_health(*scope->store, scope->account.id, scope->settings, scope->now)};
}

core::Result<ForecastAnswer> run(Session& session, const ForecastRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    return ForecastAnswer{answer_for(*scope),
                          plan::account_forecast(*scope->store, scope->account.id, scope->settings, scope->now)};
}

core::Result<PendingAnswer> run(Session& session, const PendingRequest& request)
{
    if (request.limit && *request.limit < 0)
        return core::fail(core::ErrorKind::usage, "bad_limit", "--limit must be 0 or more");
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    store::InvitationQuery q;
    q.status = core::Status::pending;
    if (request.older_than) q.sent_before = scope->now - *request.older_than + core::Duration{1};
    q.limit = request.limit;
    PendingAnswer answer;
    answer.now = scope->now;
    answer.zone = scope->zone;
    answer.count = scope->store->count_invitations(scope->account.id, q);
    answer.items = scope->store->invitations(scope->account.id, q);
    answer.older_than_text = request.older_than_text;
    return answer;
}

core::Result<StatsAnswer> run(Session& session, const StatsRequest& request)
{
    std::optional<plan::StatsGrouping> by;
    if (!request.by.empty()) {
        by = plan::stats_grouping_from_string(request.by);
        if (!by)
            return core::fail(core::ErrorKind::usage, "bad_grouping",
                              fmt::format("--by {}: expected week, note, template, weekday or window", request.by));
    }
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto stats = plan::acceptance_stats(*scope->store, scope->account.id, scope->settings, by, scope->now);
    if (!stats) return std::unexpected(stats.error());
    return StatsAnswer{scope->now, by, core::format_duration(scope->settings.duration("stats.min_age")),
                       std::move(*stats)};
}

namespace {

// The latest `limit` changes people made: the store's marks and recorded sends, and
// the restrictions and reports not taken back, merged newest first.
std::vector<Change> recent_changes(store::Store& store, core::AccountId account, int limit)
{
    std::vector<Change> out;
    if (limit <= 0) return out;
    for (const auto& e : store.recent_changes(account, limit)) {
        Change c{e.recorded_at, e.event.at, std::string(core::to_string(e.event.kind)), e.invitation, "", "",
                 e.event.source};
        if (auto inv = store.invitation(account, e.invitation)) {
            c.name = inv->person.name;
            c.profile_url = inv->person.profile_url;
        }
        out.push_back(std::move(c));
    }
    std::vector<Change> account_events;
    for (const auto& e : store.account_events(account, std::nullopt)) {
        if (!core::made_here(e.source)) continue;
        Change c{e.recorded_at, e.at, std::string(core::to_string(e.kind)), std::nullopt, "", "", e.source};
        if (e.person_key) {
            store::InvitationQuery q;
            q.person_key = *e.person_key;
            q.direction = std::nullopt;
            q.limit = 1;
            auto found = store.invitations(account, q);
            if (!found.empty()) {
                c.name = found.front().person.name;
                c.profile_url = found.front().person.profile_url;
            } else {
                c.profile_url = ingest::profile_url_of_key(*e.person_key);
                c.name = c.profile_url.empty() ? *e.person_key : c.profile_url;
            }
        }
        account_events.push_back(std::move(c));
    }
    // Account events come oldest first: the newest are at the end. Ties fall to the
    // mark or send, then to the later account event.
    std::reverse(account_events.begin(), account_events.end());
    std::vector<Change> merged;
    std::merge(out.begin(), out.end(), account_events.begin(), account_events.end(), std::back_inserter(merged),
               [](const Change& a, const Change& b) { return a.recorded_at > b.recorded_at; });
    if (merged.size() > static_cast<size_t>(limit)) merged.resize(static_cast<size_t>(limit));
    return merged;
}

}  // namespace

core::Result<HistoryAnswer> run(Session& session, const HistoryRequest& request)
{
    if (request.weeks < 1 || request.weeks > 520)
        return core::fail(core::ErrorKind::usage, "bad_weeks",
                          fmt::format("--weeks {} is out of range: give 1 to 520", request.weeks));
    if (request.recent < 0 || request.recent > 100)
        return core::fail(core::ErrorKind::usage, "bad_recent",
                          fmt::format("--recent {} is out of range: give 0 to 100", request.recent));
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    HistoryAnswer answer;
    answer.where = answer_for(*scope);
    answer.pending_age = plan::pending_age_histogram(*scope->store, scope->account.id, scope->now);
    answer.weeks = plan::weekly_sends(*scope->store, scope->account.id, scope->zone, scope->now, request.weeks);
    answer.weekly_limit = scope->settings.integer("weekly.limit");
    answer.recent = recent_changes(*scope->store, scope->account.id, request.recent);
    return answer;
}

core::Result<OverviewAnswer> run(Session& session, const OverviewRequest&)
{
    auto visible = session.visible_accounts();
    if (!visible) return std::unexpected(visible.error());
    OverviewAnswer answer;
    auto now = session.now(core::Zone::utc());
    if (!now) return std::unexpected(now.error());
    answer.now = *now;
    for (const auto& account : *visible) {
        auto scope = session.open_account(account);
        if (!scope) return std::unexpected(scope.error());
        AccountAtAGlance summary{plan::compute_status(*scope->store, scope->account, scope->settings, scope->now),
                               scope->zone.name(), std::nullopt};
        const auto& factors = summary.status.health.factors;
        double most = 0;
        for (size_t i = 0; i < factors.size(); ++i)
            if (factors[i].lost > most) {
                most = factors[i].lost;
                summary.needs = i;
            }
        answer.accounts.push_back(std::move(summary));
    }
    auto fullness = [](const plan::StatusReport& s) {
        return s.pending_cap > 0 ? static_cast<double>(s.pending) / static_cast<double>(s.pending_cap) : 0.0;
    };
    std::stable_sort(answer.accounts.begin(), answer.accounts.end(), [&](const AccountAtAGlance& a, const AccountAtAGlance& b) {
        if (a.status.health.score != b.status.health.score) return a.status.health.score < b.status.health.score;
        if (fullness(a.status) != fullness(b.status)) return fullness(a.status) > fullness(b.status);
        return a.status.account < b.status.account;
    });
    return answer;
}

Json to_json(const OverviewAnswer& answer)
{
    Json accounts = Json::array();
    for (const auto& a : answer.accounts) {
        const auto& s = a.status;
        const plan::HealthFactor* needs = a.needs ? &s.health.factors[*a.needs] : nullptr;
        accounts.push_back(Json{{"account", s.account},
                                {"timezone", a.zone},
                                {"pending", s.pending},
                                {"pending_cap", s.pending_cap},
                                {"pending_target", s.pending_target},
                                {"sent_7d", s.sent_7d},
                                {"weekly_limit", s.weekly_limit},
                                {"withdraw_today", s.withdraw_today},
                                {"withdrawn_today", s.withdrawn_today},
                                {"health", Json{{"score", s.health.score}, {"grade", s.health.grade}}},
                                {"needs", needs ? Json{{"code", needs->code},
                                                       {"label", health_factor_label(needs->code)},
                                                       {"advice", needs->advice}}
                                                : Json(nullptr)}});
    }
    return Json{{"now", json_instant(answer.now)}, {"accounts", accounts}};
}

Json to_json(const StatusAnswer& answer)
{
    const auto& s = answer.status;
    Json j;
    j["account"] = s.account;
    j["now"] = json_instant(s.now);
    j["today"] = json_date(s.today);
    j["pending"] = s.pending;
    j["pending_cap"] = s.pending_cap;
    j["pending_target"] = s.pending_target;
    j["sent_7d"] = s.sent_7d;
    j["weekly_limit"] = s.weekly_limit;
    j["weekly_remaining"] = s.weekly_remaining;
    j["sent_today"] = s.sent_today;
    j["daily_limit"] = s.daily_limit;
    j["stale"] = s.stale;
    j["oldest_pending_days"] = s.oldest_pending_days ? Json(*s.oldest_pending_days) : Json(nullptr);
    j["accepted_total"] = s.accepted_total;
    j["acceptance_rate"] = s.acceptance.rate ? Json(round_to(*s.acceptance.rate, 4)) : Json(nullptr);
    j["acceptance_basis"] = Json{{"accepted", s.acceptance.accepted}, {"outgoing", s.acceptance.outgoing}};
    j["next_cleanup"] = json_date(s.next_cleanup);
    j["last_cleanup"] = s.last_cleanup ? json_date(*s.last_cleanup) : Json(nullptr);
    j["withdraw_today"] = s.withdraw_today;
    j["withdraw_planned"] = s.withdraw_total;
    j["withdrawn_today"] = s.withdrawn_today;
    j["health"] = health_json(s.health);
    j["forecast"] = forecast_json(s.forecast, false);
    return j;
}

Json to_json(const HealthAnswer& answer)
{
    Json j;
    j["account"] = answer.where.account;
    j["now"] = json_instant(answer.where.now);
    j.update(health_json(answer.health));
    return j;
}

Json to_json(const ForecastAnswer& answer)
{
    Json j;
    j["account"] = answer.where.account;
    j["now"] = json_instant(answer.where.now);
    j["today"] = json_date(answer.forecast.today);
    j.update(forecast_json(answer.forecast, true));
    return j;
}

Json to_json(const PendingAnswer& answer)
{
    Json j;
    j["now"] = json_instant(answer.now);
    j["count"] = answer.count;
    Json items = Json::array();
    for (const auto& inv : answer.items)
        items.push_back(Json{{"id", inv.id.value},
                             {"name", inv.person.name},
                             {"profile_url", inv.person.profile_url},
                             {"sent_at", json_instant(inv.sent_at)},
                             {"sent_earliest", inv.sent_earliest ? json_instant(*inv.sent_earliest) : Json()},
                             {"age_days", core::whole_days(inv.sent_at, answer.now)},
                             {"age", core::age_label(inv, answer.now)},
                             {"note", inv.message},
                             {"keep", inv.keep},
                             {"accidental", inv.accidental}});
    j["items"] = items;
    return j;
}

namespace {

Json json_days(const std::optional<double>& d)
{
    return d ? Json(round_to(*d, 3)) : Json(nullptr);
}
Json json_rate(const std::optional<double>& r)
{
    return r ? Json(round_to(*r, 4)) : Json(nullptr);
}

Json group_json(const plan::GroupAcceptance& g)
{
    return Json{{"group", g.group}, {"accepted", g.accepted}, {"outgoing", g.outgoing}, {"rate", json_rate(g.rate)}};
}

}  // namespace

Json to_json(const StatsAnswer& answer)
{
    const auto& st = answer.stats;
    Json j;
    j["now"] = json_instant(answer.now);
    j["by"] = answer.by ? Json(plan::to_string(*answer.by)) : Json(nullptr);
    j["min_age"] = answer.min_age;
    Json overall = group_json(st.overall);
    overall.erase("group");
    j["acceptance"] = overall;
    Json groups = Json::array();
    for (const auto& g : st.groups) groups.push_back(group_json(g));
    j["groups"] = groups;

    const auto& c = st.curve;
    j["observations"] = c.observations;
    j["accepted"] = c.events;
    j["accepted_total"] = st.accepted_total;
    j["ever_accepted"] = c.points.empty() ? Json(nullptr) : Json(round_to(1 - c.points.back().survival, 4));
    Json pct = Json::object(), pct_accepted = Json::object();
    for (const auto& [q, name] : kStatsPercentiles) {
        pct[name] = json_days(c.percentile(q));
        pct_accepted[name] = json_days(plan::accepted_percentile(c, q));
    }
    j["percentiles"] = pct;
    j["percentiles_of_accepted"] = pct_accepted;
    j["curve_source"] = st.model.source();
    j["min_accepted"] = st.min_accepted;
    Json points = Json::array();
    for (const auto& p : c.points)
        points.push_back(Json{{"t", round_to(p.time, 3)},
                              {"at_risk", p.at_risk},
                              {"events", p.events},
                              {"censored", p.censored},
                              {"survival", round_to(p.survival, 4)},
                              {"std_error", round_to(p.std_error, 4)},
                              {"lower", round_to(p.lower, 4)},
                              {"upper", round_to(p.upper, 4)}});
    j["curve"] = points;
    Json prior_points = Json::array();
    for (const auto& p : plan::model_curve(st.prior))
        prior_points.push_back(Json{{"t", p.time},
                                    {"survival", round_to(p.survival, 4)},
                                    {"survival_if_accepted", round_to(p.survival_if_accepted, 4)}});
    j["prior"] = Json{{"rate", round_to(st.prior.rate(), 4)}, {"points", prior_points}};
    return j;
}

Json to_json(const HistoryAnswer& answer)
{
    Json j;
    j["account"] = answer.where.account;
    j["now"] = json_instant(answer.where.now);
    Json ages = Json::array();
    for (const auto& b : answer.pending_age)
        ages.push_back(Json{{"label", b.label},
                            {"from_days", b.from_days},
                            {"to_days", b.to_days ? Json(b.to_days) : Json(nullptr)},
                            {"count", b.count}});
    j["pending_age"] = ages;
    Json weeks = Json::array();
    for (const auto& w : answer.weeks) weeks.push_back(Json{{"monday", json_date(w.monday)}, {"sent", w.sent}});
    j["weekly_sends"] = Json{{"limit", answer.weekly_limit}, {"weeks", weeks}};
    Json recent = Json::array();
    for (const auto& c : answer.recent)
        recent.push_back(Json{{"recorded_at", json_instant(c.recorded_at)},
                              {"at", json_instant(c.at)},
                              {"what", c.what},
                              {"id", c.invitation ? Json(c.invitation->value) : Json(nullptr)},
                              {"name", c.name.empty() ? Json(nullptr) : Json(c.name)},
                              {"profile_url", c.profile_url.empty() ? Json(nullptr) : Json(c.profile_url)},
                              {"by", c.by}});
    j["recent"] = recent;
    return j;
}

}  // namespace ik::app
