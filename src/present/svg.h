// Small, dependency-free SVG charts for the HTML report: bars, lines with an
// optional confidence band, and gauges. Colours come from CSS classes, so the
// page's stylesheet (screen and print) decides them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::present {

// Text for HTML and SVG: & < > " ' escaped.
std::string html_escape(std::string_view text);

struct ChartFrame {
    std::string title;  // also the SVG's accessible <title>
    std::string x_label;
    std::string y_label;
    int width = 640;
    int height = 240;
};

// Vertical bars, one per label, with the value above each; an optional dashed
// horizontal line (a limit) with its label.
std::string bar_chart(const ChartFrame& frame, const std::vector<std::string>& labels,
                      const std::vector<double>& values, std::optional<double> limit = std::nullopt,
                      std::string_view limit_label = {});

struct LinePoint {
    double x = 0;
    double y = 0;
    std::optional<double> low;  // band, drawn when both are given
    std::optional<double> high;
};

struct LineSeries {
    std::string name;       // legend
    std::string css_class;  // "own", "prior", ...
    std::vector<LinePoint> points;
    bool steps = false;  // a step function (Kaplan-Meier), else straight segments
};

// Lines over x in [0, x_max] and y in [0, y_max], with a legend.
std::string line_chart(const ChartFrame& frame, const std::vector<LineSeries>& series, double x_max, double y_max);

// A horizontal gauge: value of max, with marks (e.g. the target) labelled.
struct GaugeMark {
    double at = 0;
    std::string label;
};
std::string gauge(std::string_view title, double value, double max, const std::vector<GaugeMark>& marks,
                  std::string_view value_text);

}  // namespace ik::present
