#include "plan/acceptance.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace ik::plan {

AcceptanceModel AcceptanceModel::prior(double acceptance_rate)
{
    // docs/rules.md: share accepted within d whole days (Connected On minus Sent At):
    // 40% the same day, 69% within 1, 77% within 2, 81% within 3, 88% within 7,
    // 92% within 14, 96% within 30, 98.6% within 90. "Within d days" is read as an
    // elapsed time below d + 1 days, so the knots sit at d + 1.
    return AcceptanceModel(acceptance_rate,
                           {{0.0, 1.0},
                            {1.0, 0.60},
                            {2.0, 0.31},
                            {3.0, 0.23},
                            {4.0, 0.19},
                            {8.0, 0.12},
                            {15.0, 0.08},
                            {31.0, 0.04},
                            {91.0, 0.014}},
                           "prior");
}

AcceptanceModel::AcceptanceModel(double acceptance_rate, std::vector<std::pair<double, double>> knots,
                                 std::string_view source)
    : m_rate(std::clamp(acceptance_rate, 0.0, 1.0)), m_knots(std::move(knots)), m_source(source)
{
    assert(m_knots.size() >= 2 && m_knots.front().first == 0.0);
}

double AcceptanceModel::survival(double age) const
{
    if (age <= 0) return 1.0;
    auto segment = [&](size_t i) {
        const auto [a0, s0] = m_knots[i];
        const auto [a1, s1] = m_knots[i + 1];
        const double l0 = std::log(std::max(s0, 1e-12)), l1 = std::log(std::max(s1, 1e-12));
        return std::exp(l0 + (l1 - l0) * (age - a0) / (a1 - a0));
    };
    // The first knot at or past `age` ends the segment (an own curve has a knot a day).
    auto end = std::lower_bound(m_knots.begin() + 1, m_knots.end(), age,
                                [](const std::pair<double, double>& knot, double a) { return knot.first < a; });
    if (end != m_knots.end()) return segment(static_cast<size_t>(end - m_knots.begin()) - 1);
    // Past the last knot the tail keeps the slope of the last segment.
    return std::min(1.0, segment(m_knots.size() - 2));
}

double AcceptanceModel::p_accept(double age_days) const
{
    const double ps = m_rate * survival(age_days);
    const double denom = 1.0 - m_rate + ps;
    return denom <= 0 ? 1.0 : ps / denom;
}

}  // namespace ik::plan
