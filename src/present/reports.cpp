#include "present/reports.h"

#include <fmt/format.h>

#include <cmath>

namespace ik::present {

namespace {

// Counts as integers, shares and fractions rounded.
Json number(double value, bool share)
{
    if (share) return round_to(value, 4);
    if (value == std::floor(value) && std::abs(value) < 1e15) return static_cast<long long>(value);
    return round_to(value, 2);
}

std::string shown(double value, bool share)
{
    if (share) return fmt::format("{:.1f}%", value * 100);
    if (value == std::floor(value)) return thousands(static_cast<long long>(value));
    return fmt::format("{:.1f}", value);
}

std::string_view label(std::string_view code)
{
    if (code == "pending") return "Pending";
    if (code == "stale") return "Stale share of pending";
    if (code == "acceptance_30d") return "Accepted, sent in 30 days";
    if (code == "acceptance_90d") return "Accepted, sent in 90 days";
    if (code == "generic_notes") return "Sends without a personal note";
    if (code == "burst_hour") return "Most sends in one hour";
    if (code == "burst_day") return "Most sends in one day";
    if (code == "weekly") return "Sends in the last 7 days";
    if (code == "restrictions") return "Restrictions (180 days)";
    if (code == "reports") return "\"Don't know you\" reports";
    return code;
}

}  // namespace

Json health_json(const plan::Health& health)
{
    Json factors = Json::array();
    for (const auto& f : health.factors)
        factors.push_back(Json{{"code", f.code},
                               {"label", label(f.code)},
                               {"share", f.share},
                               {"value", f.value ? number(*f.value, f.share) : Json(nullptr)},
                               {"threshold", number(f.threshold, f.share)},
                               {"weight", number(f.weight, false)},
                               {"lost", round_to(f.lost, 2)},
                               {"advice", f.advice.empty() ? Json(nullptr) : Json(f.advice)}});
    return Json{{"score", health.score}, {"grade", health.grade}, {"factors", factors}};
}

std::string health_table(const plan::Health& health)
{
    TextTable table({"factor", "code", "value", "costs points", "weight", "lost"},
                    {false, false, true, false, true, true});
    for (const auto& f : health.factors) {
        std::string when = f.threshold == 0 && !f.share
                               ? "any"
                               : fmt::format("{} {}", f.low_is_bad ? "under" : "over", shown(f.threshold, f.share));
        table.add({std::string(label(f.code)), f.code, f.value ? shown(*f.value, f.share) : "too few", when,
                   shown(f.weight, false), fmt::format("{:.1f}", f.lost)});
    }
    return table.render();
}

std::string health_advice(const plan::Health& health, size_t n, std::string_view indent)
{
    std::string t;
    for (const auto* f : plan::top_advice(health, n)) t += fmt::format("{}- {}\n", indent, f->advice);
    return t;
}

Json forecast_json(const plan::Forecast& f, bool projection)
{
    auto date = [](const std::optional<core::Days>& d) { return d ? json_date(*d) : Json(nullptr); };
    Json j{{"pace_per_day", round_to(f.pace, 2)},
           {"pace_basis", Json{{"sent", f.recent_sends}, {"days", f.pace_days}}},
           {"acceptance_rate", round_to(f.acceptance_rate, 4)},
           {"model", f.model_source},
           {"pending", f.pending_now},
           {"target", f.target},
           {"cap", f.cap},
           {"horizon_days", f.horizon_days},
           {"target_on", date(f.target_on)},
           {"cap_on", date(f.cap_on)},
           {"withdrawals_per_week", round_to(f.withdrawals_per_week, 1)},
           {"withdraw_at_age_days", f.withdraw_at_age_days ? Json(*f.withdraw_at_age_days) : Json(nullptr)}};
    if (!projection) return j;
    Json days = Json::array();
    for (size_t d = 0; d < f.pending.size(); d += 7)
        days.push_back(Json{{"day", d},
                            {"date", json_date(f.today + core::days{static_cast<long>(d)})},
                            {"pending", round_to(f.pending[d], 1)}});
    j["projection"] = days;
    return j;
}

ForecastSentence forecast_sentence(const plan::Forecast& f)
{
    ForecastSentence s;
    auto already = [&](const std::optional<core::Days>& on) { return on && *on == f.today; };
    std::string where;
    if (already(f.cap_on))
        where = "is already at or over the cap";
    else if (!f.target_on)
        where = fmt::format("does not reach the target within {} days", f.horizon_days);
    else {
        const bool over = already(f.target_on);
        where = over ? "is already at or over the target"
                     : fmt::format("reaches the target on {}", core::format_date(*f.target_on));
        if (f.cap_on)
            where += fmt::format(" and {}the cap on {}", over ? "reaches " : "", core::format_date(*f.cap_on));
        else
            where += fmt::format(" but not the cap within {} days", f.horizon_days);
    }
    s.heading = fmt::format("At this pace ({:.1f} sends a day) pending {}", f.pace, where);
    const long per_week = std::lround(f.withdrawals_per_week);
    if (!f.target_on)
        s.remedy = "it needs no withdrawals to stay under the target that long";
    else if (per_week > 0)
        s.remedy = fmt::format("withdraw about {} a week to stay under the target", per_week);
    else
        s.remedy = "no weekly withdrawals are needed at this pace";
    return s;
}

}  // namespace ik::present
