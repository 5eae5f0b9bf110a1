#include "plan/survival.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace ik::plan {

namespace {

// Percentiles compare S with 1 - q; products like 3/4 * 2/3 land a hair off 0.5.
constexpr double kPercentileTolerance = 1e-9;

}  // namespace

SurvivalCurve kaplan_meier(std::span<const SurvivalObservation> observations)
{
    std::vector<SurvivalObservation> sorted(observations.begin(), observations.end());
    // By time, events before censorings of the same time: those censored at t_i are
    // still at risk for t_i's events.
    std::sort(sorted.begin(), sorted.end(), [](const SurvivalObservation& a, const SurvivalObservation& b) {
        return a.time != b.time ? a.time < b.time : a.event > b.event;
    });

    SurvivalCurve curve;
    curve.observations = static_cast<long>(sorted.size());
    long at_risk = curve.observations;
    double survival = 1.0;
    double greenwood = 0.0;  // V_i
    for (size_t i = 0; i < sorted.size();) {
        assert(sorted[i].time >= 0);
        const double t = sorted[i].time;
        long events = 0, censored = 0;
        for (; i < sorted.size() && sorted[i].time == t; ++i) ++(sorted[i].event ? events : censored);
        if (events == 0) {
            (curve.points.empty() ? curve.censored_before_first : curve.points.back().censored) += censored;
            at_risk -= censored;
            continue;
        }
        SurvivalPoint p;
        p.time = t;
        p.at_risk = at_risk;
        p.events = events;
        p.censored = censored;
        survival *= 1.0 - static_cast<double>(events) / static_cast<double>(at_risk);
        p.survival = survival;
        if (events < at_risk && survival > 0) {
            greenwood +=
                static_cast<double>(events) / (static_cast<double>(at_risk) * static_cast<double>(at_risk - events));
            p.std_error = survival * std::sqrt(greenwood);
            const double sigma = std::sqrt(greenwood) / std::fabs(std::log(survival));
            p.lower = std::pow(survival, std::exp(kZ95 * sigma));
            p.upper = std::pow(survival, std::exp(-kZ95 * sigma));
        } else {
            survival = 0.0;
            p.survival = p.std_error = p.lower = p.upper = 0.0;
        }
        curve.points.push_back(p);
        curve.events += events;
        at_risk -= events + censored;
    }
    return curve;
}

std::optional<SurvivalPoint> SurvivalCurve::point_at(double time) const
{
    auto after = std::upper_bound(points.begin(), points.end(), time,
                                  [](double t, const SurvivalPoint& p) { return t < p.time; });
    if (after == points.begin()) return std::nullopt;
    return *std::prev(after);
}

double SurvivalCurve::survival_at(double time) const
{
    const auto p = point_at(time);
    return p ? p->survival : 1.0;
}

std::optional<double> SurvivalCurve::percentile(double q) const
{
    for (const auto& p : points)
        if (p.survival <= 1.0 - q + kPercentileTolerance) return p.time;
    return std::nullopt;
}

}  // namespace ik::plan
