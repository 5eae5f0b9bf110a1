// Outreach from the store: gathers the queue, the ledger's facts about each
// prospect, the history and the withdrawal plan, and hands them to the pure
// scheduler; and records a planned send once the member has made it. The CLI
// and the HTTP API both go through here, so no rule is implemented twice.
#pragma once

#include "core/prospect.h"
#include "plan/send.h"
#include "store/store.h"

#include <optional>
#include <string>
#include <vector>

namespace ik::plan {

struct SendRequest {
    core::Instant now;
    std::optional<core::Instant> from;  // default now
    int days = 14;
    bool aggressive = false;            // the hard 21-day reinvite wait instead of the advised 28
    bool allow_unpersonalized = false;  // schedule notes whose only finding is not_personalized
};

struct OutreachPlan {
    std::vector<core::Prospect> prospects;  // the queue, in plan order
    std::vector<SendCandidate> candidates;  // one per prospect, same order
    SendRules rules;
    SendPlan plan;
    std::optional<core::Days> next_cleanup;  // for the calendar's weekly cleanup event
    long pending_now = 0;
    // The first account-local day the withdrawal plan brings pending under the target
    // (today when it already is; none when the plan never does).
    std::optional<core::Days> room_from;
};

core::Result<OutreachPlan> plan_outreach(store::Store& store, const store::Account& account,
                                         const core::Settings& settings, const SendRequest& request);

// The note a prospect would be sent with: their own, or their template rendered.
// Empty when they have neither.
core::Result<std::string> prospect_note(const core::Prospect& p, const std::vector<core::Template>& templates);

struct SentRecord {
    core::InvitationId id;
    core::Invitation invitation;
    long dequeued = 0;  // queue entries for the person removed
};

// Records a request the member sent (an outgoing, pending invitation at `at`)
// and takes the person off the queue. Refuses (conflict) when one is already
// pending or the person is a connection. `note`: the note sent; by default the
// queued prospect's, else none.
core::Result<SentRecord> record_send(store::Store& store, core::AccountId account, const core::Person& person,
                                     std::optional<std::string> note, core::Instant at, core::Instant now,
                                     std::string_view source);

}  // namespace ik::plan
