// The acceptance model: how likely a pending invitation is still to be accepted.
//
// S(a) is the survival curve of time-to-accept (the share of eventually accepted
// invitations not yet accepted at age a days); P is the overall acceptance rate.
// The chance that an invitation still pending at age a is ever accepted is
//   p(a) = P * S(a) / (1 - P + P * S(a))          (docs/stats.md, "The acceptance model")
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace ik::plan {

// P when the member has no history old enough to measure one.
inline constexpr double kDefaultAcceptanceRate = 0.37;

class AcceptanceModel {
public:
    // The prior from 7,732 accepted invitations in 37 real exports (docs/rules.md).
    static AcceptanceModel prior(double acceptance_rate);

    // A model from survival knots (age in days, S) sorted by age, S(0) = 1, S falling.
    AcceptanceModel(double acceptance_rate, std::vector<std::pair<double, double>> knots, std::string_view source);

    double rate() const { return m_rate; }
    std::string_view source() const { return m_source; }
    const std::vector<std::pair<double, double>>& knots() const { return m_knots; }
    // S(a): log-linear between knots, log-linear extrapolation past the last.
    double survival(double age_days) const;
    double p_accept(double age_days) const;

private:
    double m_rate;
    std::vector<std::pair<double, double>> m_knots;
    std::string_view m_source;
};

}  // namespace ik::plan
