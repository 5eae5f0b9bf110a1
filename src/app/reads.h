// The use cases that read where the member stands: status, health, forecast,
// pending, stats and history. Each takes its request and answers with what the
// plan computed and what a front end needs to show it (the account, now, its zone).
#pragma once

#include "app/session.h"
#include "plan/forecast.h"
#include "plan/health.h"
#include "plan/history.h"
#include "plan/stats.h"
#include "plan/status.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ik::app {

// Who and when an answer is for: its heading in text.
struct AnswerFor {
    std::string account;
    core::Instant now;
    std::string zone;  // the account's zone name
};

struct StatusRequest {
    static constexpr bool kWrites = false;
};
struct StatusAnswer {
    plan::StatusReport status;
    std::string zone;
};
core::Result<StatusAnswer> run(Session& session, const StatusRequest& request);

struct HealthRequest {
    static constexpr bool kWrites = false;
};
struct HealthAnswer {
    AnswerFor where;
    plan::Health health;
};
core::Result<HealthAnswer> run(Session& session, const HealthRequest& request);

struct ForecastRequest {
    static constexpr bool kWrites = false;
};
struct ForecastAnswer {
    AnswerFor where;
    plan::Forecast forecast;
};
core::Result<ForecastAnswer> run(Session& session, const ForecastRequest& request);

struct PendingRequest {
    static constexpr bool kWrites = false;
    std::optional<core::Duration> older_than{};  // only those at least this old
    std::string older_than_text{};               // as given, for the heading
    std::optional<long> limit{};                 // at most this many (0 or more)
};
struct PendingAnswer {
    core::Instant now;
    core::Zone zone = core::Zone::utc();
    long count = 0;  // all that match, whatever the limit
    std::vector<core::Invitation> items;
    std::string older_than_text;
};
core::Result<PendingAnswer> run(Session& session, const PendingRequest& request);

struct StatsRequest {
    static constexpr bool kWrites = false;
    std::string by{};  // week, note, template, weekday or window; empty: no groups
};
// The percentiles of time to accept that stats shows: 25th, 50th, 75th and 90th.
inline constexpr std::pair<double, std::string_view> kStatsPercentiles[] = {
    {0.25, "p25"}, {0.50, "p50"}, {0.75, "p75"}, {0.90, "p90"}};
struct StatsAnswer {
    core::Instant now;
    std::optional<plan::StatsGrouping> by;
    std::string min_age;  // stats.min_age as written: "14d"
    plan::AcceptanceStats stats;
};
core::Result<StatsAnswer> run(Session& session, const StatsRequest& request);

struct HistoryRequest {
    static constexpr bool kWrites = false;
    int weeks = 12;   // of sends, the current one included: 1 to 520
    int recent = 10;  // of the latest changes people made: 0 to 100
};
// One thing a person did here: a mark, a recorded send, a restriction or a report.
struct Change {
    core::Instant recorded_at;  // when it was recorded
    core::Instant at;           // when it happened (a mark's --at)
    std::string what;           // the mark ("withdrawn", "keep", "undo", ...), "sent", "restricted", "reported"
    std::optional<core::InvitationId> invitation;  // none for a restriction or a report
    std::string name;                              // whom it concerns; empty for a restriction
    std::string profile_url;                       // theirs, when known
    std::string by;  // its source: "cli", "api" (a lone server) or "user:NAME" (a team's user)
};
struct HistoryAnswer {
    AnswerFor where;
    std::vector<plan::AgeBucket> pending_age;
    std::vector<plan::WeekSends> weeks;
    long weekly_limit = 0;
    std::vector<Change> recent;  // newest first
};
core::Result<HistoryAnswer> run(Session& session, const HistoryRequest& request);

// Every account the caller may see, what needs attention first: a team lead's (or an
// operator's) morning view. Each account's status, as `status` computes it.
struct OverviewRequest {
    static constexpr bool kWrites = false;
};
struct AccountAtAGlance {
    plan::StatusReport status;
    std::string zone;
    // The health factor losing the most points (the first of equals), if any: its
    // index in status.health.factors.
    std::optional<size_t> needs;
};
struct OverviewAnswer {
    core::Instant now;
    // Lowest health score first; then the fuller pending (against the cap); then by name.
    std::vector<AccountAtAGlance> accounts;
};
core::Result<OverviewAnswer> run(Session& session, const OverviewRequest& request);

}  // namespace ik::app
