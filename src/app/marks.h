// The marks a member records (what they did or learnt on LinkedIn), and `record
// sent`: one list of mark kinds that `mark KIND`, its help, its error and the API's
// /api/marks/{kind} routes all read, and the use cases that record them, each in
// one transaction: one target refused records none.
#pragma once

#include "app/session.h"
#include "core/invitation.h"
#include "core/prospect.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ik::app {

struct MarkKind {
    std::string_view name;
    // The event it records on an invitation; none for `sent` (a new invitation) and
    // the account's marks (`restricted`, `reported`).
    std::optional<core::EventKind> event;
};

inline constexpr std::array<MarkKind, 10> kMarkKinds{{
    {"withdrawn", core::EventKind::withdrawn},
    {"accepted", core::EventKind::accepted},
    {"declined", core::EventKind::declined},
    {"accidental", core::EventKind::accidental},
    {"keep", core::EventKind::keep},
    {"unkeep", core::EventKind::unkeep},
    {"undo", core::EventKind::undo},
    {"sent", std::nullopt},
    {"restricted", std::nullopt},
    {"reported", std::nullopt},
}};

// The mark called `name`, if there is one.
constexpr const MarkKind* find_mark_kind(std::string_view name)
{
    for (const auto& kind : kMarkKinds)
        if (kind.name == name) return &kind;
    return nullptr;
}

// "withdrawn, accepted, ..., restricted" with `separator` between, and `last` (", or "
// for a sentence) before the last.
inline std::string mark_kind_names(std::string_view separator, std::string_view last)
{
    std::string out;
    for (size_t i = 0; i < kMarkKinds.size(); ++i) {
        if (i > 0) out += i + 1 == kMarkKinds.size() ? last : separator;
        out += kMarkKinds[i].name;
    }
    return out;
}

struct MarkRequest {
    static constexpr bool kWrites = true;
    std::string kind{};  // one of kMarkKinds
    std::vector<std::string>
        targets{};         // invitation ids or profile URLs; for undo also `restricted`, `reported URL...`
    bool plan = false;     // withdrawn: every item of today's withdrawal plan
    std::string at{};      // sent, restricted, reported: when, in the account's zone; empty: now
    bool no_note = false;  // sent: it went without its note
};

// `mark sent URL...`: the invitations recorded.
struct SentMark {
    core::Invitation invitation;
    long dequeued = 0;  // queue entries for the person removed
};
struct MarkedSent {
    std::vector<SentMark> items;
};
// `mark restricted`, `mark reported URL...`.
struct MarkedAccount {
    core::AccountEventKind kind;
    core::Instant at;
    core::Zone zone = core::Zone::utc();
    long recorded = 0;
    std::vector<core::AccountEvent> already;  // recorded before: counted once
    std::vector<std::string> already_urls;    // the profile URL of each of `already` (reports)
    core::Duration pause{0};                  // restriction.pause
};
// `mark undo restricted`, `mark undo reported URL...`.
struct UndoneAccount {
    core::AccountEventKind kind;
    core::Instant now;
    core::Zone zone = core::Zone::utc();
    std::vector<core::AccountEvent> undone;
    std::optional<core::Instant> still_paused_by;  // a restriction left that pauses sends now
    core::Duration pause{0};
};
// The marks on invitations: withdrawn, accepted, declined, accidental, keep, unkeep, undo.
struct MarkedInvitation {
    core::Invitation before;  // as it was when marked
    core::Invitation after;
};
struct MarkedInvitations {
    std::string kind;
    core::EventKind event;
    core::Instant now;
    std::vector<MarkedInvitation> items;
};
using MarkAnswer = std::variant<MarkedSent, MarkedAccount, UndoneAccount, MarkedInvitations>;
core::Result<MarkAnswer> run(Session& session, const MarkRequest& request);

// `record sent URL`: a request sent by hand, outside any plan.
struct RecordSentRequest {
    static constexpr bool kWrites = true;
    std::string url{};
    std::string name{};
    std::optional<std::string> note{};  // default: the queued one, if any
    std::string at{};                   // in the account's zone; empty: now
};
struct RecordSentAnswer {
    core::InvitationId id;
    core::Invitation invitation;
};
core::Result<RecordSentAnswer> run(Session& session, const RecordSentRequest& request);

}  // namespace ik::app
