// `report --html FILE`: one self-contained HTML page (no script, no network, no
// file beside it) that opens from disk and prints well: where the member stands,
// with charts where a person would rather look than read a table.
#include "present/command.h"

#include "present/svg.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

struct ReportOptions {
    std::string html;
};

constexpr std::string_view kStyle = R"css(
:root { --ink: #1d2430; --muted: #5b6575; --line: #d5dae1; --bar: #3b6ea8; --over: #b8432f;
        --own: #1f7a4d; --prior: #8a6d1d; --band: rgba(31, 122, 77, 0.18); --paper: #ffffff; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--paper); margin: 0 auto; max-width: 760px; padding: 24px 16px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p.meta, figcaption, .note { color: var(--muted); font-size: 13px; }
figure { margin: 12px 0 20px; break-inside: avoid; }
svg { max-width: 100%; height: auto; display: block; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
svg .tick, svg .legend { fill: var(--muted); }
svg .label { font-weight: 600; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .bar { fill: var(--bar); }
svg .limit { stroke: var(--over); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .limit-label { fill: var(--over); }
svg .track { fill: #eef1f5; }
svg .fill { fill: var(--bar); }
svg .fill.over { fill: var(--over); }
svg .mark { stroke: var(--ink); stroke-width: 2; }
svg .line { fill: none; stroke-width: 2; }
svg .line.own { stroke: var(--own); }
svg .line.prior { stroke: var(--prior); stroke-dasharray: 5 3; }
svg .band.own { fill: var(--band); stroke: none; }
svg .line.target { stroke: var(--ink); stroke-dasharray: 4 3; stroke-width: 1; }
svg .line.cap { stroke: var(--over); stroke-dasharray: 6 4; stroke-width: 1; }
svg .bar.best { fill: var(--own); }
svg .bar.lost { fill: var(--over); }
.score { font-size: 40px; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

std::string standing(const plan::StatusReport& s)
{
    std::string h = "<h2>Where you stand</h2>\n<figure>\n";
    h += gauge("Pending requests", static_cast<double>(s.pending), static_cast<double>(s.pending_cap),
               {{static_cast<double>(s.pending_target), fmt::format("target {}", thousands(s.pending_target))},
                {static_cast<double>(s.pending_cap), fmt::format("cap {}", thousands(s.pending_cap))}},
               fmt::format("{} of {}", thousands(s.pending), thousands(s.pending_cap)));
    h += gauge("Sent in the last 7 x 24 h", static_cast<double>(s.sent_7d), static_cast<double>(s.weekly_limit),
               {{static_cast<double>(s.weekly_limit), fmt::format("limit {}", s.weekly_limit)}},
               fmt::format("{} of {}", s.sent_7d, s.weekly_limit));
    h += "<figcaption>LinkedIn blocks new requests at the pending cap; withdrawal plans bring pending to the "
         "target. The week is rolling: sends leave it 7 x 24 h after they were made.</figcaption>\n</figure>\n";
    h += "<table>\n";
    auto row = [&](std::string_view what, const std::string& value) {
        h += fmt::format("<tr><th>{}</th><td class=\"num\">{}</td></tr>\n", what, html_escape(value));
    };
    row("Pending", fmt::format("{} ({} over the target)", thousands(s.pending),
                               thousands(std::max(0L, s.pending - s.pending_target))));
    row(fmt::format("Stale (pending {} or longer)", core::format_duration(s.stale_after)), thousands(s.stale));
    if (s.oldest_pending_days) row("Oldest pending", fmt::format("{} days", *s.oldest_pending_days));
    row("Sent today", fmt::format("{} of {}", s.sent_today, s.daily_limit));
    row("Accepted in all", thousands(s.accepted_total));
    row(fmt::format("Acceptance (invitations at least {} old)", core::format_duration(s.min_age)),
        s.acceptance.rate ? fmt::format("{:.1f}% ({} of {})", *s.acceptance.rate * 100,
                                        thousands(s.acceptance.accepted), thousands(s.acceptance.outgoing))
                          : std::string("not enough history yet"));
    row("Withdrawals planned today", fmt::format("{} ({} in the whole plan)", s.withdraw_today, s.withdraw_total));
    row("Next cleanup", core::format_date(s.next_cleanup));
    h += "</table>\n";
    return h;
}

std::string pending_ages(const std::vector<plan::AgeBucket>& buckets)
{
    std::vector<std::string> labels;
    std::vector<double> values;
    long total = 0;
    for (const auto& b : buckets) {
        labels.push_back(b.label);
        values.push_back(static_cast<double>(b.count));
        total += b.count;
    }
    std::string h = "<h2>How old the pending requests are</h2>\n<figure>\n";
    h += bar_chart(ChartFrame{"Pending requests by age", "age since sent", "requests", 640, 240}, labels, values);
    h += fmt::format(
        "<figcaption>{} pending. Most acceptances come within days (88% within 7 days in 37 real exports); "
        "requests older than that rarely are, and count against the cap.</figcaption>\n</figure>\n",
        thousands(total));
    return h;
}

std::string weekly(const std::vector<plan::WeekSends>& weeks, long limit)
{
    std::vector<std::string> labels;
    std::vector<double> values;
    for (const auto& w : weeks) {
        labels.push_back(core::format_date(w.monday).substr(5));
        values.push_back(static_cast<double>(w.sent));
    }
    std::string h = "<h2>Requests sent each week</h2>\n<figure>\n";
    h += bar_chart(ChartFrame{"Requests sent per week", "week starting (Monday)", "sent", 640, 240}, labels, values,
                   static_cast<double>(limit), fmt::format("weekly limit {}", limit));
    h += "<figcaption>Calendar weeks; LinkedIn's limit applies to any 7 x 24 h, so a week under the line can "
         "still have had a burst over it.</figcaption>\n</figure>\n";
    return h;
}

std::string health_section(const plan::Health& health)
{
    std::string h = fmt::format("<h2>Account health</h2>\n<p><span class=\"score\">{}</span> / 100, {}</p>\n",
                                health.score, html_escape(health.grade));
    h += "<figure>\n";
    for (const auto& f : health.factors)
        h += gauge(f.code, f.lost, f.weight, {}, fmt::format("{:.1f} of {:.0f} points lost", f.lost, f.weight));
    h += "<figcaption>Each factor can cost up to its weight (docs/health.md); the score is 100 less the points "
         "lost.</figcaption>\n</figure>\n";
    h += "<table>\n<tr><th>factor</th><th class=\"num\">lost / weight</th><th>what to do</th></tr>\n";
    for (const auto& f : health.factors)
        h += fmt::format("<tr><td>{}</td><td class=\"num\">{:.1f} / {:.0f}</td><td>{}</td></tr>\n", html_escape(f.code),
                         f.lost, f.weight, html_escape(f.advice.empty() ? "-" : f.advice));
    return h + "</table>\n";
}

std::string curve_section(const plan::AcceptanceStats& st)
{
    LineSeries own{"your requests (95% band)", "own", {}, true};
    own.points.push_back(LinePoint{0, 1, 1.0, 1.0});
    for (const auto& p : st.curve.points) {
        if (p.time > 90) break;
        own.points.push_back(LinePoint{p.time, p.survival, p.lower, p.upper});
    }
    LineSeries prior{"prior from 37 real exports", "prior", {}, false};
    for (const auto& p : plan::model_curve(st.prior))
        if (p.time <= 90) prior.points.push_back(LinePoint{p.time, p.survival, std::nullopt, std::nullopt});
    std::vector<LineSeries> lines;
    lines.push_back(prior);
    if (st.curve.events > 0) lines.push_back(std::move(own));
    std::string h = "<h2>Time to accept</h2>\n<figure>\n";
    h += line_chart(ChartFrame{"Share of requests not yet accepted, by days since sent", "days since sent",
                               "not yet accepted", 640, 260},
                    lines, 90, 1.0);
    h += fmt::format(
        "<figcaption>Kaplan-Meier estimate from your newest requests (pending ones counted as "
        "still waiting), with its 95% band, beside the prior. Plans use {} ({} accepted; {} needed for "
        "your own).</figcaption>\n</figure>\n",
        st.model.source() == "own" ? "your own curve" : "the prior", thousands(st.curve.events), st.min_accepted);
    return h;
}

std::string rates_chart(std::string_view title, const plan::AcceptanceStats& st)
{
    std::vector<std::string> labels;
    std::vector<double> rates;
    for (const auto& g : st.groups) {
        labels.push_back(fmt::format("{} ({})", g.group, g.outgoing));
        rates.push_back(g.rate.value_or(0) * 100);
    }
    return bar_chart(ChartFrame{std::string(title), "", "% accepted", 640, 240}, labels, rates);
}

std::string forecast_section(const plan::Forecast& f)
{
    LineSeries pending{"pending if nothing is withdrawn", "own", {}, false};
    for (size_t d = 0; d < f.pending.size() && d <= 180; ++d)
        pending.points.push_back(LinePoint{static_cast<double>(d), f.pending[d], std::nullopt, std::nullopt});
    LineSeries target{fmt::format("target {}", thousands(f.target)),
                      "target",
                      {{0, static_cast<double>(f.target), {}, {}}, {180, static_cast<double>(f.target), {}, {}}},
                      false};
    LineSeries cap{fmt::format("cap {}", thousands(f.cap)),
                   "cap",
                   {{0, static_cast<double>(f.cap), {}, {}}, {180, static_cast<double>(f.cap), {}, {}}},
                   false};
    double top = static_cast<double>(f.cap) * 1.1;
    for (const auto& p : pending.points) top = std::max(top, p.y);
    std::string h = "<h2>Where pending is heading</h2>\n<figure>\n";
    h += line_chart(
        ChartFrame{"Pending over the next 180 days at the last 14 days' pace", "days from today", "pending", 640, 260},
        {pending, target, cap}, 180, top);
    h += fmt::format(
        "<figcaption>At {:.1f} sends a day and your acceptance model. Target reached: {}; cap "
        "reached: {}. About {:.0f} withdrawals a week keep pending at or under the "
        "target.</figcaption>\n</figure>\n",
        f.pace, f.target_on ? core::format_date(*f.target_on) : std::string("not within a year"),
        f.cap_on ? core::format_date(*f.cap_on) : std::string("not within a year"), f.withdrawals_per_week);
    return h;
}

std::string strategies_section(const plan::SimulationResult& r, int runs, int days)
{
    std::vector<std::string> labels;
    std::vector<double> per_week;
    for (const auto& s : r.strategies) {
        labels.push_back(fmt::format("{}d/{}", s.strategy.withdraw_after_days, s.strategy.per_day));
        per_week.push_back(std::round(s.accepted_per_week_mean * 10) / 10);
    }
    const auto& best = r.strategies[r.best];
    std::string h = "<h2>Strategies compared</h2>\n<figure>\n";
    h += bar_chart(ChartFrame{"Accepted a week by strategy (withdraw after / sends a day)", "strategy",
                              "accepted a week", 640, 260},
                   labels, per_week);
    h += fmt::format(
        "<figcaption>{} simulated runs of {} days each from where you stand (invitekeeper simulate). "
        "Best: {}, {:.1f} accepted a week.</figcaption>\n</figure>\n",
        runs, days, html_escape(best.strategy.label), best.accepted_per_week_mean);
    return h;
}

std::string report_html(const app::ReportAnswer& a)
{
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += fmt::format("<title>invitekeeper report: {}</title>\n", html_escape(a.where.account));
    h += fmt::format("<style>{}</style>\n</head>\n<body>\n", kStyle);
    const std::string local = core::format_local(a.where.now, a.zone);
    h += fmt::format("<h1>{}</h1>\n<p class=\"meta\">invitekeeper report, {} {} ({})</p>\n",
                     html_escape(a.where.account), local.substr(0, 10), local.substr(11, 5), html_escape(a.where.zone));
    h += standing(a.status);
    h += health_section(a.status.health);
    h += pending_ages(a.pending_age);
    h += weekly(a.weeks, a.status.weekly_limit);
    h += curve_section(a.by_note);
    h += "<h2>What gets accepted</h2>\n<figure>\n" + rates_chart("Acceptance by note", a.by_note) +
         rates_chart("Acceptance by sending window (your local time)", a.by_window) +
         "<figcaption>Requests sent 14 or more days ago; the number sent is in brackets. Personalized: a note "
         "that is not a stock phrase.</figcaption>\n</figure>\n";
    h += forecast_section(a.status.forecast);
    h += strategies_section(a.simulated, a.simulated_runs, a.simulated_days);
    h += "<p class=\"note\">Made from your LinkedIn data export and what you recorded in invitekeeper, on this "
         "computer. Nothing was sent anywhere.</p>\n</body>\n</html>\n";

    return h;
}

}  // namespace

void add_report(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<ReportOptions>();
    auto* cmd = app.add_subcommand("report", "Write a report to look at: one self-contained HTML file");
    cmd->add_option("--html", o->html, "the HTML file to write")->required();
    cmd->callback([o, &selected] {
        selected = [o](Context& ctx) -> core::Result<Output> {
            auto answered = app::run(ctx.session(), app::ReportRequest{});
            if (!answered) return std::unexpected(answered.error());
            const std::string h = report_html(*answered);
            if (auto w = write_file_atomically(o->html, h); !w) return std::unexpected(w.error());
            Output out;
            out.json["html"] = o->html;
            out.json["bytes"] = h.size();
            out.text = fmt::format("Report written to {} ({} KB). Open it in a browser; it prints well too.\n", o->html,
                                   (h.size() + 1023) / 1024);
            return out;
        };
    });
}

}  // namespace ik::present
