// The send scheduler: when to send each queued request so that no LinkedIn limit
// and no pacing rule (docs/rules.md) is ever broken. Pure: the caller gathers the queue,
// the history and the rules; plan_sends decides.
//
// A schedule never breaks any of these (tests/plan/send_property_test.cpp checks
// every one on thousands of random inputs with its own code):
// - planned pending (pending now + sends planned up to t - withdrawals planned
//   on account-local days up to t's) never above pending.target;
// - weekly.limit sends in any 7 x 24 h, batch.max_per_hour in any 60 minutes,
//   note quota notes in any 30 days (free tier), recorded sends included;
// - daily.limit sends per account-local calendar day;
// - send.min_gap between any two sends;
// - inside send.windows on send.weekdays, in the recipient's zone (else the
//   account's), across daylight-saving changes;
// - nothing during restriction.pause after a recorded restriction, nothing to
//   someone inside their reinvite cooldown.
#pragma once

#include "core/calendar.h"
#include "core/error.h"
#include "core/prospect.h"
#include "core/settings.h"
#include "core/time.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ik::plan {

// Why a queued prospect gets no slot. Stable codes (JSON, docs/cli.md).
enum class BlockReason {
    already_connected,
    already_pending,
    do_not_contact,
    duplicate,
    cooldown_after_withdraw,
    cooldown_after_decline,
    note_invalid,
    note_quota,
    restricted,
    beyond_horizon,
};
std::string_view to_string(BlockReason r);

struct SendRules {
    long weekly_limit = core::default_integer("weekly.limit");
    long daily_limit = core::default_integer("daily.limit");
    long max_per_hour = core::default_integer("batch.max_per_hour");
    core::Duration min_gap = core::default_duration("send.min_gap");
    std::vector<core::LocalWindow> windows;
    core::Weekdays weekdays;
    long pending_target = core::default_integer("pending.target");
    core::Duration restriction_pause = core::default_duration("restriction.pause");
    // The advised wait; the hard one (reinvite.after_withdraw) with `aggressive`.
    core::Duration reinvite_after_withdraw = core::default_duration("reinvite.after_withdraw_advised");
    core::Duration reinvite_after_decline = core::default_duration("reinvite.after_decline");
    std::optional<long> note_quota;  // free tier: notes allowed in any 30 days
    bool send_without_note_past_quota = false;

    // From settings; `aggressive` uses the hard reinvite.after_withdraw (21d)
    // instead of the advised one (28d).
    static core::Result<SendRules> from(const core::Settings& settings, bool aggressive);
};

// One queue entry as the scheduler sees it: who, the note ready to send, and
// what the ledger says about them.
struct SendCandidate {
    core::ProspectId id;
    core::Person person;
    std::string note;                  // rendered and checked; empty for none
    std::string template_name;         // the note's template, if any
    std::optional<core::Zone> zone;    // the recipient's, else the account's
    std::optional<BlockReason> block;  // decided from the ledger: connected, pending, dnc, duplicate, note_invalid
    std::string detail;                // one line on why, for a block decided from the ledger
    std::optional<core::Instant> withdrawn_at;  // the latest withdrawal of a request to them
    std::optional<core::Instant> declined_at;   // the latest decline (or gone)
};

struct SendHistory {
    std::vector<core::Instant> sent;             // outgoing sends recorded, at least the last 30 days
    std::vector<core::Instant> sent_with_note;   // those of them that carried a note
    long pending = 0;                            // outgoing requests pending now
    std::map<core::Days, long> withdrawals;      // the withdrawal plan: account-local day -> count
    std::optional<core::Instant> restricted_at;  // the latest recorded restriction
};

struct SendOptions {
    core::Instant now;
    core::Instant from;  // no slot before this (at least now)
    int days = 14;       // slots before from + days
    core::Zone account_zone = core::Zone::utc();
    std::uint64_t seed = 0;  // the account: jitter differs between accounts, not between runs
};

struct SendSlot {
    core::Instant at;
    size_t candidate = 0;        // index into the queue given
    bool note_withheld = false;  // free tier past the quota with send_without_note: send it bare
};

struct SendBlocked {
    size_t candidate = 0;
    BlockReason reason = BlockReason::beyond_horizon;
    std::optional<core::Instant> until;  // when the reason ends, where known
    std::string detail;
};

struct SendPlan {
    std::vector<SendSlot> slots;       // by time
    std::vector<SendBlocked> blocked;  // in queue order
    core::Instant horizon_end;
    long weekly_remaining_after = 0;  // weekly.limit less the sends in the 7 x 24 h ending at the last slot
};

// Places the queue, in the order given (priority, then queue order), each at the
// earliest time that keeps every rule; the same inputs give the same plan.
SendPlan plan_sends(const std::vector<SendCandidate>& queue, const SendHistory& history, const SendRules& rules,
                    const SendOptions& options);

// The times a day's sends may take in one zone: spread evenly over the day's
// windows with a deterministic jitter, at least min_gap apart, whole minutes,
// none in a daylight-saving gap. Empty on a day that is not a sending day.
std::vector<core::Instant> send_positions(const core::Zone& zone, core::Days local_day, const SendRules& rules,
                                          std::uint64_t seed);

}  // namespace ik::plan
