// The use cases that plan: which pending invitations to withdraw, when to send
// each queued request, strategies compared by simulation, and everything the
// printable report shows. None writes to the ledger.
#pragma once

#include "app/reads.h"
#include "plan/outreach.h"
#include "plan/simulate.h"
#include "plan/withdraw.h"

#include <optional>
#include <string>
#include <vector>

namespace ik::app {

// Where the member withdraws: LinkedIn's list of sent invitations.
inline constexpr std::string_view kSentInvitationsPage = "https://www.linkedin.com/mynetwork/invitation-manager/sent/";

struct WithdrawPlanRequest {
    static constexpr bool kWrites = false;
    std::optional<core::Duration> after{};  // stale from this age (default withdraw.after)
    std::optional<long> target{};           // bring pending to at most this, 0 or more (default pending.target)
    std::optional<long> max_per_day{};      // 1 or more (default withdraw.daily_max)
};
struct WithdrawPlanAnswer {
    plan::WithdrawOptions options;  // as applied: the settings with the request's overrides
    plan::WithdrawPlan plan;
};
core::Result<WithdrawPlanAnswer> run(Session& session, const WithdrawPlanRequest& request);

struct SendPlanRequest {
    static constexpr bool kWrites = false;
    int days = 14;       // ahead, 1 to 366
    std::string from{};  // plan from this time, read in the account's zone; empty: now
    bool aggressive = false;
    bool allow_unpersonalized = false;
};
// One planned send, as every front end shows it.
struct PlannedSend {
    core::Instant at;
    core::Days day;          // its date in the account's zone
    std::string local;       // its time in the recipient's zone (else the account's)
    std::string their_zone;  // that zone's name
    core::Person person;
    std::string note;  // empty when withheld for the free tier's note quota
    std::string template_name;
    bool note_withheld = false;
};
struct BlockedSend {
    core::Person person;
    plan::BlockReason reason;
    std::optional<core::Instant> until;
    std::string detail;
};
struct SendPlanAnswer {
    std::string account;
    core::Instant now;
    core::Instant from;  // the later of the request's from and now
    core::Zone zone = core::Zone::utc();
    int days = 14;
    size_t queued = 0;
    std::vector<PlannedSend> slots;
    std::vector<BlockedSend> blocked;
    core::Days today;
    long sends_today = 0;
    // Why nothing goes out today when the pending target holds it back; none when
    // something does or only the calendar does (not a sending day, a limit used).
    std::optional<std::string> nothing_because;
    bool room_later = false;  // the withdrawal plan makes room on a later day
    long weekly_remaining_after = 0;
    std::optional<core::Days> next_cleanup;  // for a calendar's cleanup event
    core::Duration cleanup_every{0};
};
core::Result<SendPlanAnswer> run(Session& session, const SendPlanRequest& request);

struct SimulateRequest {
    static constexpr bool kWrites = false;
    std::vector<int> withdraw_after_days{7, 14, 21, 30};  // 0: never withdraw
    std::vector<long> per_day{10, 15, 20};                // each 0 to 1000
    int days = 180;                                       // 7 to 730
    int runs = 1000;                                      // 1 to 100,000
    std::uint64_t seed = 1;
    int threads = 0;  // 0: one per core; never changes the figures
    bool unlimited = false;
};
struct SimulateAnswer {
    core::Instant now;
    core::Days today;
    SimulateRequest request;
    plan::SimulationStart start;
    std::string model_source;  // "prior" or "own"
    double model_rate = 0;
    plan::SimulationResult result;
};
core::Result<SimulateAnswer> run(Session& session, const SimulateRequest& request);

// Everything the printable report shows, computed in one go.
struct ReportRequest {
    static constexpr bool kWrites = false;
};
struct ReportAnswer {
    AnswerFor where;
    core::Zone zone = core::Zone::utc();
    plan::StatusReport status;
    std::vector<plan::AgeBucket> pending_age;
    std::vector<plan::WeekSends> weeks;
    plan::AcceptanceStats by_note;
    plan::AcceptanceStats by_window;
    plan::SimulationResult simulated;
    int simulated_runs = 0;
    int simulated_days = 0;
};
core::Result<ReportAnswer> run(Session& session, const ReportRequest& request);

}  // namespace ik::app
