#include "app/json.h"

#include <cmath>

namespace ik::app {

Json json_instant(core::Instant t)
{
    return core::format_instant(t);
}
Json json_date(core::Days d)
{
    return core::format_date(d);
}

double round_to(double value, int decimals)
{
    const double f = std::pow(10.0, decimals);
    return std::round(value * f) / f;
}

namespace {

// Counts as integers, shares and fractions rounded.
Json number(double value, bool share)
{
    if (share) return round_to(value, 4);
    if (value == std::floor(value) && std::abs(value) < 1e15) return static_cast<long long>(value);
    return round_to(value, 2);
}

}  // namespace

std::string_view health_factor_label(std::string_view code)
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

Json health_json(const plan::Health& health)
{
    Json factors = Json::array();
    for (const auto& f : health.factors)
        factors.push_back(Json{{"code", f.code},
                               {"label", health_factor_label(f.code)},
                               {"share", f.share},
                               {"value", f.value ? number(*f.value, f.share) : Json(nullptr)},
                               {"threshold", number(f.threshold, f.share)},
                               {"weight", number(f.weight, false)},
                               {"lost", round_to(f.lost, 2)},
                               {"advice", f.advice.empty() ? Json(nullptr) : Json(f.advice)}});
    return Json{{"score", health.score}, {"grade", health.grade}, {"factors", factors}};
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

}  // namespace ik::app
