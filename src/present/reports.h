// How the health score and the pending forecast look in text: shared by the
// `health` and `forecast` commands and by `status` (their JSON is app/json.h's).
#pragma once

#include "plan/forecast.h"
#include "plan/health.h"
#include "present/output.h"

#include <string>
#include <string_view>

namespace ik::present {

// The factors as a text table.
std::string health_table(const plan::Health& health);
// "INDENT- ADVICE" lines for the factors that lose points, most points first, at most `n`.
std::string health_advice(const plan::Health& health, size_t n, std::string_view indent);

// The forecast as one sentence in two halves: where pending is heading
// ("At this pace (9.3 sends a day) pending reaches the target on 2026-12-10 and the cap on
// 2027-01-03") and what keeps it under the target ("withdraw about 42 a week to stay
// under the target").
struct ForecastSentence {
    std::string heading;
    std::string remedy;
};
ForecastSentence forecast_sentence(const plan::Forecast& forecast);

}  // namespace ik::present
