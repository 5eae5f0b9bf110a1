// Kaplan-Meier: the survival curve of a time to an event from observations of which
// some ended in the event and the rest were censored (followed up to some time and no
// further). Here the event is an acceptance and the time is days since sending.
//
// At each distinct event time t_i, with n_i observations at risk (time >= t_i) and
// d_i events at t_i:
//   S(t_i)   = prod_{j <= i} (1 - d_j / n_j)
//   Var S    = S(t_i)^2 * V_i,  V_i = sum_{j <= i} d_j / (n_j (n_j - d_j))   (Greenwood)
// An observation censored at t_i is still at risk for the events at t_i (the usual
// convention: censoring is taken to happen just after the events of the same time).
//
// The 95% band is the log-log (Kalbfleisch-Prentice) one, which stays inside [0, 1]:
//   sigma_i = sqrt(V_i) / |log S(t_i)|
//   lower   = S(t_i) ^ exp(+z sigma_i),  upper = S(t_i) ^ exp(-z sigma_i),  z = 1.959964
// Where S(t_i) = 0 (every one at risk had the event) V_i is undefined; the point then
// has standard error 0 and the band [0, 0]. docs/stats.md explains the choices.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace ik::plan {

// z for a two-sided 95% band.
inline constexpr double kZ95 = 1.959963984540054;

struct SurvivalObservation {
    double time = 0;     // days, >= 0
    bool event = false;  // true: the event happened at `time`; false: censored at `time`
};

// The curve at one distinct event time.
struct SurvivalPoint {
    double time = 0;
    long at_risk = 0;        // n_i: observations with time >= t_i
    long events = 0;         // d_i
    long censored = 0;       // censored in [t_i, t_{i+1}) (to the end for the last), so n_{i+1} = n_i - d_i - censored
    double survival = 1.0;   // S(t_i)
    double std_error = 0.0;  // Greenwood: S(t_i) * sqrt(V_i)
    double lower = 1.0;      // the 95% log-log band
    double upper = 1.0;
};

struct SurvivalCurve {
    long observations = 0;
    long events = 0;
    long censored_before_first = 0;     // censored before the first event time (not in any point)
    std::vector<SurvivalPoint> points;  // by time, one per distinct event time

    // The point whose step covers `time` (the last event time <= time); none before the first.
    std::optional<SurvivalPoint> point_at(double time) const;
    // S(t): 1 before the first event time, a right-continuous step function after.
    double survival_at(double time) const;
    // The smallest t with S(t) <= 1 - q (within 1e-9), for 0 < q < 1; none when the
    // curve never falls that far.
    std::optional<double> percentile(double q) const;
};

// The Kaplan-Meier estimate with Greenwood's variance and the log-log band. Times
// need not be sorted. No observations, or no events, give a curve with no points.
SurvivalCurve kaplan_meier(std::span<const SurvivalObservation> observations);

}  // namespace ik::plan
