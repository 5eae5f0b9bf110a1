#include "present/svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ik::present {

namespace {

constexpr int kLeft = 48, kRight = 12, kTop = 28, kBottom = 40;

std::string number(double v)
{
    if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
    return fmt::format("{:.2f}", v);
}

// A round step for axis ticks: 1, 2 or 5 times a power of ten.
double nice_step(double range, int ticks)
{
    const double raw = range / std::max(1, ticks);
    const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-12))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power) return m * power;
    return 10 * power;
}

std::string open_svg(const ChartFrame& f)
{
    return fmt::format(
        "<svg class=\"chart\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
        "xmlns=\"http://www.w3.org/2000/svg\"><title>{2}</title>\n",
        f.width, f.height, html_escape(f.title));
}

// Axes, horizontal grid lines and y tick labels; the y scale's top.
std::string axes(const ChartFrame& f, double y_max, double& top)
{
    const double step = nice_step(y_max, 4);
    top = std::max(step, std::ceil(y_max / step) * step);
    const int plot_w = f.width - kLeft - kRight, plot_h = f.height - kTop - kBottom;
    std::string s;
    for (double v = 0; v <= top + step / 2; v += step) {
        const double y = kTop + plot_h - v / top * plot_h;
        s += fmt::format(
            "<line class=\"grid\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>"
            "<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
            kLeft, y, kLeft + plot_w, y, kLeft - 6, y + 4, number(v));
    }
    s += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", kLeft, kTop + plot_h,
                     kLeft + plot_w);
    if (!f.y_label.empty())
        s += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\n", 4, 16, html_escape(f.y_label));
    if (!f.x_label.empty())
        s += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                         kLeft + plot_w / 2, f.height - 4, html_escape(f.x_label));
    return s;
}

}  // namespace

std::string html_escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string bar_chart(const ChartFrame& f, const std::vector<std::string>& labels, const std::vector<double>& values,
                      std::optional<double> limit, std::string_view limit_label)
{
    double y_max = 1;
    for (double v : values) y_max = std::max(y_max, v);
    if (limit) y_max = std::max(y_max, *limit);
    std::string s = open_svg(f);
    double top = 1;
    s += axes(f, y_max, top);
    const int plot_w = f.width - kLeft - kRight, plot_h = f.height - kTop - kBottom;
    const double slot = static_cast<double>(plot_w) / static_cast<double>(std::max<size_t>(1, values.size()));
    const double bar = slot * 0.7;
    for (size_t i = 0; i < values.size(); ++i) {
        const double h = values[i] / top * plot_h;
        const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
        const double y = kTop + plot_h - h;
        s += fmt::format(
            "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
            "<title>{}: {}</title></rect>\n",
            x, y, bar, std::max(h, 0.0), html_escape(labels[i]), number(values[i]));
        s += fmt::format("<text class=\"value\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                         x + bar / 2, y - 4, number(values[i]));
        s += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x + bar / 2,
                         kTop + plot_h + 16, html_escape(labels[i]));
    }
    if (limit) {
        const double y = kTop + plot_h - *limit / top * plot_h;
        s += fmt::format(
            "<line class=\"limit\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>"
            "<text class=\"limit-label\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
            kLeft, y, kLeft + plot_w, y, kLeft + plot_w, y - 4, html_escape(limit_label));
    }
    return s + "</svg>\n";
}

std::string line_chart(const ChartFrame& f, const std::vector<LineSeries>& series, double x_max, double y_max)
{
    std::string s = open_svg(f);
    double top = 1;
    s += axes(f, y_max, top);
    const int plot_w = f.width - kLeft - kRight, plot_h = f.height - kTop - kBottom;
    auto px = [&](double x) { return kLeft + std::clamp(x / x_max, 0.0, 1.0) * plot_w; };
    auto py = [&](double y) { return kTop + plot_h - std::clamp(y / top, 0.0, 1.0) * plot_h; };
    const double x_step = nice_step(x_max, 6);
    for (double x = 0; x <= x_max + 1e-9; x += x_step)
        s += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", px(x),
                         kTop + plot_h + 16, number(x));

    int legend = 0;
    for (const auto& line : series) {
        if (line.points.empty()) continue;
        // The band first, under the line: upper edge forward, lower edge back.
        std::string band;
        for (const auto& p : line.points)
            if (p.low && p.high) band += fmt::format("{:.1f},{:.1f} ", px(p.x), py(*p.high));
        for (auto it = line.points.rbegin(); it != line.points.rend(); ++it)
            if (it->low && it->high) band += fmt::format("{:.1f},{:.1f} ", px(it->x), py(*it->low));
        if (!band.empty()) s += fmt::format("<polygon class=\"band {}\" points=\"{}\"/>\n", line.css_class, band);
        std::string path;
        for (size_t i = 0; i < line.points.size(); ++i) {
            const auto& p = line.points[i];
            if (i == 0)
                path += fmt::format("M{:.1f},{:.1f}", px(p.x), py(p.y));
            else if (line.steps)
                path += fmt::format(" H{:.1f} V{:.1f}", px(p.x), py(p.y));
            else
                path += fmt::format(" L{:.1f},{:.1f}", px(p.x), py(p.y));
        }
        s += fmt::format("<path class=\"line {}\" d=\"{}\"><title>{}</title></path>\n", line.css_class, path,
                         html_escape(line.name));
        const int ly = kTop + 4 + legend * 16;
        s += fmt::format(
            "<line class=\"line {0}\" x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>"
            "<text class=\"legend\" x=\"{4}\" y=\"{5}\">{6}</text>\n",
            line.css_class, kLeft + plot_w - 170, ly, kLeft + plot_w - 150, kLeft + plot_w - 144, ly + 4,
            html_escape(line.name));
        ++legend;
    }
    return s + "</svg>\n";
}

std::string gauge(std::string_view title, double value, double max, const std::vector<GaugeMark>& marks,
                  std::string_view value_text)
{
    constexpr int width = 640, height = 56, left = 8, right = 8, bar_y = 22, bar_h = 16;
    const double full = width - left - right;
    const double scale = std::max(max, 1.0);
    auto x = [&](double v) { return left + std::clamp(v / scale, 0.0, 1.0) * full; };
    std::string s = fmt::format(
        "<svg class=\"gauge\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
        "role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>{2}: {3}</title>\n",
        width, height, html_escape(title), html_escape(value_text));
    s += fmt::format(
        "<text class=\"label\" x=\"{}\" y=\"14\">{}</text>"
        "<text class=\"value\" x=\"{}\" y=\"14\" text-anchor=\"end\">{}</text>\n",
        left, html_escape(title), width - right, html_escape(value_text));
    s += fmt::format("<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>\n", left, bar_y, full,
                     bar_h);
    const bool over = std::any_of(marks.begin(), marks.end(), [&](const GaugeMark& m) { return value > m.at; });
    s += fmt::format("<rect class=\"fill{}\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>\n", over ? " over" : "",
                     left, bar_y, x(value) - left, bar_h);
    for (const auto& m : marks) {
        // Labels near an end are anchored inside the drawing.
        const double at = x(m.at);
        const char* anchor = at > width * 0.85 ? "end" : at < width * 0.15 ? "start" : "middle";
        s += fmt::format(
            "<line class=\"mark\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\"/>"
            "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"{5}\">{4}</text>\n",
            at, bar_y - 3, bar_y + bar_h + 3, height - 2, html_escape(m.label), anchor);
    }
    return s + "</svg>\n";
}

}  // namespace ik::present
