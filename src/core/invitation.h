// The invitation ledger's domain: an invitation, the events that happen to it and
// the rule that folds an event into the invitation's current state.
#pragma once

#include "core/error.h"
#include "core/time.h"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ik::core {

struct InvitationId {
    std::int64_t value = 0;
    auto operator<=>(const InvitationId&) const = default;
};

struct AccountId {
    std::int64_t value = 0;
    auto operator<=>(const AccountId&) const = default;
};

// One run of `import`: what it wrote carries this id, so that it can be undone whole.
struct ImportId {
    std::int64_t value = 0;
    auto operator<=>(const ImportId&) const = default;
};

enum class Direction { outgoing, incoming };

// Where an invitation stands. Only `pending` can change; the others are final.
enum class Status {
    pending,    // sent, no answer known
    accepted,   // the invitee is a connection since
    withdrawn,  // the member withdrew it, recorded here
    declined,   // the member recorded that it was declined or ignored
    gone,       // missing from a later whole export: withdrawn or declined outside invitekeeper.
                // An inference, not a fact: a later listing of the invitation undoes it.
};
inline constexpr std::array kAllStatuses{Status::pending, Status::accepted, Status::withdrawn, Status::declined,
                                         Status::gone};

enum class EventKind {
    sent,  // the invitation was sent (from an export, `record sent` or the API)
    accepted,
    withdrawn,
    declined,
    gone,
    seen,        // listed again, by an export taken after it was inferred gone: pending again
    accidental,  // the member says it was sent by mistake: withdraw at once
    keep,        // never plan a withdrawal of it
    unkeep,
    undo,  // takes back the latest mark made in invitekeeper (not an import's finding)
};

std::string_view to_string(Direction d);
std::string_view to_string(Status s);
std::string_view to_string(EventKind k);
std::optional<Direction> direction_from_string(std::string_view s);
std::optional<Status> status_from_string(std::string_view s);
std::optional<EventKind> event_kind_from_string(std::string_view s);

// A person as the ledger knows them. `key` is the identity: "in:<slug>" from a
// profile URL, "urn:<member id>", or "name:<normalised full name>".
struct Person {
    std::string key;
    std::string name;
    std::string profile_url;  // canonical https://www.linkedin.com/in/<slug>, or empty
};

struct Invitation {
    InvitationId id;
    AccountId account;
    Direction direction = Direction::outgoing;
    Person person;
    Instant sent_at;  // when it was sent; with sent_earliest, the latest it can have been
    // Set when only a bound is known (LinkedIn's Sent page says "Sent 3 weeks ago"):
    // the earliest it can have been sent. None: sent_at is exact.
    std::optional<Instant> sent_earliest = std::nullopt;
    std::string message;
    std::string template_name;  // the template the note was rendered from, if any
    // The current state, derived from the event log by apply().
    Status status = Status::pending;
    std::optional<Instant> status_at;
    bool accidental = false;
    bool keep = false;
};

// An invitation's age at `now` as a table shows it: "23d" when its sent time is exact;
// for one only a Sent page dated, its least possible age in the unit the bound's width
// implies, with "+" ("40min+", "11h+", "5d+", "3w+", "3mo+", "1y+"): "3w+" is what the
// page's "Sent 3 weeks ago" still says of it.
std::string age_label(const Invitation& inv, Instant now);
std::string format_min_age(Duration min_age, Duration span);

struct Event {
    EventKind kind = EventKind::sent;
    Instant at;                                     // when it happened
    std::string source;                             // "import:<file>", "upload:<file>", "cli", "api", "user:<name>"
    std::optional<ImportId> import = std::nullopt;  // the import that recorded it; none for a mark
};

// Whether a source is a person's doing here (a mark or a recorded send from the
// CLI, a lone server's API or a team server's user), not what an import found.
// store/sql.h says the same in SQL.
inline bool made_here(std::string_view source)
{
    return source == "cli" || source == "api" || source.starts_with("user:");
}

// Folds `event` into `inv`. Refuses (ErrorKind::conflict) what cannot happen,
// such as withdrawing an accepted invitation or keeping a withdrawn one. What an
// import infers can be corrected by what a later import observes: a `gone`
// invitation can be found accepted, be `seen` again (pending once more, as if never
// gone) or be found gone earlier than thought (a second `gone`). An undo needs the
// whole log: see replay().
Result<void> apply(Invitation& inv, const Event& event);

// Derives `inv`'s state from its whole log, the sent event first. An undo cancels
// the latest event before it that a member made (a mark, not an import's finding
// nor the sending itself) and is not already undone; with none, it is refused
// (ErrorKind::conflict, "nothing_to_undo").
Result<void> replay(Invitation& inv, std::span<const Event> log);

}  // namespace ik::core
