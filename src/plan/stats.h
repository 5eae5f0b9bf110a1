// Acceptance statistics of the member's outgoing invitations: the acceptance rate,
// overall and by group, and the time-to-accept curve (Kaplan-Meier, plan/survival.h)
// that replaces the measured prior once there is enough of it. docs/stats.md explains
// the method; the CLI's `stats` and the HTTP API only present what is computed here.
#pragma once

#include "core/calendar.h"
#include "core/error.h"
#include "core/invitation.h"
#include "core/settings.h"
#include "core/time.h"
#include "plan/acceptance.h"
#include "plan/survival.h"
#include "store/store.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ik::plan {

// Time-to-accept observations, in days, of outgoing invitations at `now`: an accepted
// one is an event at status_at - sent_at (0 when accepted as soon as it was sent); a
// pending one is censored at its age now - sent_at; a withdrawn, declined or gone one
// is censored at status_at - sent_at. Negative times (clock skew) count as 0; incoming
// invitations are left out.
std::vector<SurvivalObservation> time_to_accept(std::span<const core::Invitation> invitations, core::Instant now);

// The acceptance model of the member's own Kaplan-Meier curve over all outgoing
// invitations (which levels off at the share never accepted); none for a curve with
// no event. Its rate is P = 1 - S_km(last event); its survival curve, among invitations
// that are accepted, is S(a) = (S_km(a) - (1 - P)) / P at whole days: the knot at d + 1
// is S_km(d), as the prior places "accepted within d days" at d + 1 (acceptances are
// known to the day), floored at kOwnSurvivalFloor and flat past the last acceptance.
std::optional<AcceptanceModel> own_acceptance_model(const SurvivalCurve& curve);
inline constexpr double kOwnSurvivalFloor = 1e-6;

// Whether a count of acceptances is enough for the member's own curve to replace the
// prior: from `min_accepted` on (stats.min_accepted), and never with none.
bool own_curve_applies(long accepted, long min_accepted);

// The member's own model if its curve qualifies: the acceptances counted are the
// curve's own events (the newest kCurveSample invitations), so a long history of
// acceptances cannot vouch for a recent sample with none. Else none: use the prior.
std::optional<AcceptanceModel> own_model_if_enough(const SurvivalCurve& curve, long min_accepted);

// The member's own curve comes from their newest outgoing invitations, at most
// this many: the way they invite now, and a bounded read however long the
// history (status and the withdrawal plan stay fast at a million rows).
inline constexpr size_t kCurveSample = 3000;
// The newest kCurveSample of `outgoing` (given oldest first).
std::span<const core::Invitation> curve_sample(std::span<const core::Invitation> outgoing);

// The time-to-accept percentile q (0 < q < 1) among invitations that are accepted: the
// smallest t with S_km(t) <= 1 - q P, P = 1 - S_km(last event); none without events.
std::optional<double> accepted_percentile(const SurvivalCurve& curve, double q);

// A model's curve on the Kaplan-Meier curve's scale, to draw them together: for each
// knot (d + 1, S) a point at t = d days (accepted within d days) with the share of all
// invitations not accepted by then, 1 - P + P S, and S itself.
struct ModelPoint {
    double time = 0;
    double survival = 1;              // of all invitations
    double survival_if_accepted = 1;  // among those that are accepted
};
std::vector<ModelPoint> model_curve(const AcceptanceModel& model);

// How `stats --by` groups invitations (docs/stats.md).
enum class StatsGrouping { week, note, template_name, weekday, window };
std::string_view to_string(StatsGrouping g);
std::optional<StatsGrouping> stats_grouping_from_string(std::string_view s);

struct StatsOptions {
    core::Duration min_age{14 * 86400};      // stats.min_age: younger invitations are left out of rates
    long min_accepted = 50;                  // stats.min_accepted
    core::Zone zone = core::Zone::utc();     // account.tz: weeks, weekdays and windows are local
    std::vector<core::LocalWindow> windows;  // send.windows

    static core::Result<StatsOptions> from(const core::Settings& settings);
};

// The group an outgoing invitation falls in: "2026-W47" (ISO week of the local send
// date), "none" / "generic" / "personalized" (its note), its template name or "(none)",
// "Mon".."Sun" (local), or the send window of the local send time ("08:00-10:00") or
// "outside windows".
std::string stats_group(const core::Invitation& invitation, StatsGrouping by, const StatsOptions& options);

struct GroupAcceptance {
    std::string group;  // "all" for the overall row
    long accepted = 0;  // of the outgoing invitations at least min_age old
    long outgoing = 0;
    std::optional<double> rate;  // none when no invitation is old enough
};

struct AcceptanceStats {
    GroupAcceptance overall;
    std::optional<StatsGrouping> by;
    // With `by`: the groups with at least one invitation old enough, weeks by time,
    // notes none/generic/personalized, weekdays Mon..Sun, windows in order then
    // "outside windows", templates by name then "(none)".
    std::vector<GroupAcceptance> groups;
    long accepted_total = 0;  // every accepted outgoing invitation, whatever its age
    long min_accepted = 0;
    SurvivalCurve curve;  // Kaplan-Meier over the newest kCurveSample outgoing invitations;
                          // curve.events is what min_accepted is compared with
    // What p_accept uses: source() "own" or "prior".
    AcceptanceModel model = AcceptanceModel::prior(kDefaultAcceptanceRate);
    // The prior with the member's rate (or the default), to compare with.
    AcceptanceModel prior = AcceptanceModel::prior(kDefaultAcceptanceRate);
};

// The statistics of the account's outgoing invitations at `now`.
AcceptanceStats compute_stats(std::span<const core::Invitation> outgoing, std::optional<StatsGrouping> by,
                              const StatsOptions& options, core::Instant now);

// compute_stats over the store's outgoing invitations.
core::Result<AcceptanceStats> acceptance_stats(store::Store& store, core::AccountId account,
                                               const core::Settings& settings, std::optional<StatsGrouping> by,
                                               core::Instant now);

}  // namespace ik::plan
