#include "present/reports.h"

#include <fmt/format.h>

#include <cmath>

namespace ik::present {

namespace {

std::string shown(double value, bool share)
{
    if (share) return fmt::format("{:.1f}%", value * 100);
    if (value == std::floor(value)) return thousands(static_cast<long long>(value));
    return fmt::format("{:.1f}", value);
}

}  // namespace

std::string health_table(const plan::Health& health)
{
    TextTable table({"factor", "code", "value", "costs points", "weight", "lost"},
                    {false, false, true, false, true, true});
    for (const auto& f : health.factors) {
        std::string when = f.threshold == 0 && !f.share
                               ? "any"
                               : fmt::format("{} {}", f.low_is_bad ? "under" : "over", shown(f.threshold, f.share));
        table.add({std::string(app::health_factor_label(f.code)), f.code,
                   f.value ? shown(*f.value, f.share) : "too few", when, shown(f.weight, false),
                   fmt::format("{:.1f}", f.lost)});
    }
    return table.render();
}

std::string health_advice(const plan::Health& health, size_t n, std::string_view indent)
{
    std::string t;
    for (const auto* f : plan::top_advice(health, n)) t += fmt::format("{}- {}\n", indent, f->advice);
    return t;
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
