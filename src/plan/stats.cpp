#include "plan/stats.h"

#include "plan/notes.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace ik::plan {

using core::Direction;
using core::Status;

namespace {

constexpr std::array kWeekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array kNoteGroups{"none", "generic", "personalized"};
constexpr std::string_view kNoTemplate = "(none)";
constexpr std::string_view kOutsideWindows = "outside windows";

constexpr std::array<std::pair<StatsGrouping, std::string_view>, 5> kGroupings{{
    {StatsGrouping::week, "week"},
    {StatsGrouping::note, "note"},
    {StatsGrouping::template_name, "template"},
    {StatsGrouping::weekday, "weekday"},
    {StatsGrouping::window, "window"},
}};

double days_between(core::Instant from, core::Instant to)
{
    return std::max(0.0, static_cast<double>((to - from).count()) / 86400.0);
}

// "2026-W47": the ISO 8601 week, whose year is the year of its Thursday.
std::string iso_week(core::Days d)
{
    const std::chrono::weekday wd{d};
    const core::Days thursday = d - core::days{wd.iso_encoding() - 1} + core::days{3};
    const std::chrono::year_month_day ymd{thursday};
    const core::Days first = ymd.year() / std::chrono::January / 1;
    return fmt::format("{}-W{:02}", static_cast<int>(ymd.year()), (thursday - first).count() / 7 + 1);
}

std::string_view note_group(std::string_view note)
{
    const auto first = note.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return kNoteGroups[0];
    // No first name or company is known for an imported invitation, so a note is
    // personalized when it is not only a generic phrase.
    return is_generic_note(note) ? kNoteGroups[1] : kNoteGroups[2];
}

// Where a group sorts among the groups of its kind; the name breaks ties.
int group_rank(StatsGrouping by, const std::string& group, const StatsOptions& options)
{
    auto index_in = [&](const auto& names) {
        for (size_t i = 0; i < names.size(); ++i)
            if (group == names[i]) return static_cast<int>(i);
        return static_cast<int>(names.size());
    };
    switch (by) {
        case StatsGrouping::week:
            return 0;
        case StatsGrouping::note:
            return index_in(kNoteGroups);
        case StatsGrouping::weekday:
            return index_in(kWeekdays);
        case StatsGrouping::template_name:
            return group == kNoTemplate ? 1 : 0;
        case StatsGrouping::window: {
            for (size_t i = 0; i < options.windows.size(); ++i)
                if (group == core::format_windows({options.windows[i]})) return static_cast<int>(i);
            return static_cast<int>(options.windows.size());
        }
    }
    return 0;
}

void count(GroupAcceptance& g, bool accepted)
{
    ++g.outgoing;
    if (accepted) ++g.accepted;
    g.rate = static_cast<double>(g.accepted) / static_cast<double>(g.outgoing);
}

}  // namespace

std::vector<SurvivalObservation> time_to_accept(std::span<const core::Invitation> invitations, core::Instant now)
{
    std::vector<SurvivalObservation> out;
    out.reserve(invitations.size());
    for (const auto& inv : invitations) {
        if (inv.direction != Direction::outgoing) continue;
        const bool settled = inv.status != Status::pending && inv.status_at;
        out.push_back({days_between(inv.sent_at, settled ? *inv.status_at : now), inv.status == Status::accepted});
    }
    return out;
}

std::optional<AcceptanceModel> own_acceptance_model(const SurvivalCurve& curve)
{
    if (curve.events == 0 || curve.points.empty()) return std::nullopt;
    const double never = curve.points.back().survival;  // 1 - P: the curve's level after its last acceptance
    const double rate = 1.0 - never;
    const auto last_day = static_cast<long>(std::ceil(curve.points.back().time));
    std::vector<std::pair<double, double>> knots{{0.0, 1.0}};
    knots.reserve(static_cast<size_t>(last_day) + 3);
    for (long d = 0; d <= last_day; ++d) {
        const double among_accepted = (curve.survival_at(static_cast<double>(d)) - never) / rate;
        knots.emplace_back(static_cast<double>(d + 1), std::max(among_accepted, kOwnSurvivalFloor));
    }
    // No acceptance was ever seen this late: the tail stays at the floor.
    knots.emplace_back(static_cast<double>(last_day + 2), kOwnSurvivalFloor);
    return AcceptanceModel(rate, std::move(knots), "own");
}

bool own_curve_applies(long accepted, long min_accepted) { return accepted > 0 && accepted >= min_accepted; }

std::optional<AcceptanceModel> own_model_if_enough(const SurvivalCurve& curve, long min_accepted)
{
    if (!own_curve_applies(curve.events, min_accepted)) return std::nullopt;
    return own_acceptance_model(curve);
}

std::optional<double> accepted_percentile(const SurvivalCurve& curve, double q)
{
    if (curve.points.empty()) return std::nullopt;
    return curve.percentile(q * (1.0 - curve.points.back().survival));
}

std::vector<ModelPoint> model_curve(const AcceptanceModel& model)
{
    std::vector<ModelPoint> out;
    const double p = model.rate();
    for (const auto& [age, s] : model.knots())
        if (age >= 1.0) out.push_back({age - 1.0, 1.0 - p + p * s, s});
    return out;
}

std::string_view to_string(StatsGrouping g)
{
    for (const auto& [grouping, name] : kGroupings)
        if (grouping == g) return name;
    return "?";
}

std::optional<StatsGrouping> stats_grouping_from_string(std::string_view s)
{
    for (const auto& [grouping, name] : kGroupings)
        if (name == s) return grouping;
    return std::nullopt;
}

core::Result<StatsOptions> StatsOptions::from(const core::Settings& settings)
{
    StatsOptions o;
    o.min_age = settings.duration("stats.min_age");
    o.min_accepted = static_cast<long>(settings.integer("stats.min_accepted"));
    auto zone = core::Zone::named(settings.text("account.tz"));
    if (!zone) return std::unexpected(zone.error());
    o.zone = *zone;
    auto windows = core::parse_windows(settings.text("send.windows"));
    if (!windows) return std::unexpected(windows.error());
    o.windows = std::move(*windows);
    return o;
}

std::string stats_group(const core::Invitation& invitation, StatsGrouping by, const StatsOptions& options)
{
    const auto local = options.zone.to_local(invitation.sent_at);
    const auto local_day = std::chrono::floor<core::days>(local);
    switch (by) {
        case StatsGrouping::week:
            return iso_week(core::Days{local_day.time_since_epoch()});
        case StatsGrouping::note:
            return std::string(note_group(invitation.message));
        case StatsGrouping::template_name:
            return invitation.template_name.empty() ? std::string(kNoTemplate) : invitation.template_name;
        case StatsGrouping::weekday:
            return kWeekdays[std::chrono::weekday{local_day}.iso_encoding() - 1];
        case StatsGrouping::window: {
            const auto minute = static_cast<int>(std::chrono::duration_cast<core::minutes>(local - local_day).count());
            for (const auto& w : options.windows)
                if (w.begin <= minute && minute < w.end) return core::format_windows({w});
            return std::string(kOutsideWindows);
        }
    }
    return {};
}

AcceptanceStats compute_stats(std::span<const core::Invitation> outgoing, std::optional<StatsGrouping> by,
                              const StatsOptions& options, core::Instant now)
{
    AcceptanceStats st;
    st.overall.group = "all";
    st.by = by;
    st.min_accepted = options.min_accepted;
    std::map<std::string, GroupAcceptance> groups;
    const core::Instant old_enough = now - options.min_age;  // the same rule as acceptance_rate()
    for (const auto& inv : outgoing) {
        if (inv.direction != Direction::outgoing) continue;
        const bool accepted = inv.status == Status::accepted;
        if (accepted) ++st.accepted_total;
        if (inv.sent_at > old_enough) continue;
        count(st.overall, accepted);
        if (by) {
            auto key = stats_group(inv, *by, options);
            auto& g = groups[key];
            g.group = std::move(key);
            count(g, accepted);
        }
    }
    for (auto& [key, g] : groups) st.groups.push_back(std::move(g));
    if (by)
        std::stable_sort(st.groups.begin(), st.groups.end(), [&](const GroupAcceptance& a, const GroupAcceptance& b) {
            return group_rank(*by, a.group, options) < group_rank(*by, b.group, options);
        });

    st.curve = kaplan_meier(time_to_accept(curve_sample(outgoing), now));
    st.prior = AcceptanceModel::prior(st.overall.rate.value_or(kDefaultAcceptanceRate));
    st.model = own_model_if_enough(st.curve, options.min_accepted).value_or(st.prior);
    return st;
}

std::span<const core::Invitation> curve_sample(std::span<const core::Invitation> outgoing)
{
    return outgoing.size() <= kCurveSample ? outgoing : outgoing.last(kCurveSample);
}

core::Result<AcceptanceStats> acceptance_stats(store::Store& store, core::AccountId account,
                                               const core::Settings& settings, std::optional<StatsGrouping> by,
                                               core::Instant now)
{
    auto options = StatsOptions::from(settings);
    if (!options) return std::unexpected(options.error());
    const auto outgoing = store.invitations(account, store::InvitationQuery{});
    return compute_stats(outgoing, by, *options, now);
}

}  // namespace ik::plan
