// Reconciliation: turns the rows of one export into ledger changes, given what
// the ledger already holds. Pure: no I/O; the store applies the result.
//
// Rules (docs/formats.md, "What an import concludes"):
// - an invitation is identified by direction, person key and Sent At;
// - one whose other person is a connection with Connected On on or after the sent
//   date was accepted on Connected On; otherwise it is pending;
// - only a whole export (a Snapshot) tells what is missing from it: an invitation
//   sent in the span its rows cover and not listed is `gone` (withdrawn or declined
//   elsewhere) unless a listing at least as late says otherwise. An invitation is
//   gone as of the earliest such export after the latest listing of it, so the
//   same set of exports gives the same ledger in whatever order it is imported, and
//   an invitation listed again after it was thought gone is pending again.
#pragma once

#include "core/invitation.h"
#include "core/time.h"
#include "ingest/linkedin_export.h"

#include <optional>
#include <string>
#include <vector>

namespace ik::ingest {

// An invitation already in the ledger, as reconciliation needs it.
struct LedgerEntry {
    core::InvitationId id;
    core::Direction direction = core::Direction::outgoing;
    std::string person_key;
    std::string name;
    core::Instant sent_at;
    core::Status status = core::Status::pending;
    std::optional<core::Instant> status_at = std::nullopt;
    std::optional<core::Instant> seen_at = std::nullopt;  // the latest listing of it by an import; none: never listed
    // Set for one a Sent page added: its sent time is known only to lie in
    // [sent_earliest, sent_at] (core::Invitation::sent_earliest).
    std::optional<core::Instant> sent_earliest = std::nullopt;
    // Gone because a complete Sent page left it out: the page says what is pending,
    // an export only what was sent, so no export's listing makes it pending again.
    bool gone_by_page = false;
};

// What a whole export says about the invitations sent while it reached back: those
// not in it were withdrawn or declined by the time it was taken.
struct Snapshot {
    core::Instant covers_from;  // the span its rows cover: from its oldest row (or the window's start) ...
    core::Instant taken_by;     // ... to the earliest time it can have been taken
    core::Instant as_of;        // the latest time it can have been taken: what `gone` is dated
    auto operator<=>(const Snapshot&) const = default;
};

// A ledger invitation an import lists, and when: its seen_at moves on to `at`.
struct Sighting {
    core::InvitationId id;
    core::Instant at;
};

// A ledger invitation whose sent time only a Sent page bounded, now known better:
// exactly (an export lists it) or within a narrower bound (a later page). The export
// may also name the person better (a profile URL where a copied page gave a name).
struct Refinement {
    core::InvitationId id;
    std::optional<core::Person> person;                          // none: as it was
    core::Instant sent_at;
    std::optional<core::Instant> sent_earliest = std::nullopt;  // none: sent_at is exact now
    std::optional<std::string> message = std::nullopt;          // none: as it was
};

struct ConnectionRecord {
    std::string person_key;   // "in:<slug>" when the export gives a URL, else "name:<name>" ("#2"... for namesakes)
    std::string first_name;
    std::string last_name;
    std::string profile_url;  // canonical, or empty
    std::string email;
    std::string company;
    std::string position;
    core::Days connected_on;
    // When the export that gave this row was taken (its taken_by); none for a row
    // stored before invitekeeper kept it. A row from an older export never replaces
    // one from a newer.
    std::optional<core::Instant> listed_at = std::nullopt;
};

// A complete Sent page imported: every invitation pending when it was saved is on
// it. An export imported later that adds an invitation sent before then, to someone
// the page does not list, adds it gone as of the page: the same finding as when the
// export came first (the order of imports does not change the ledger).
struct PageSnapshot {
    core::Instant saved_at;
    std::string source;              // "sentpage:FILE"
    std::vector<std::string> keys;   // its cards' profile keys, sorted
    std::vector<std::string> names;  // normalize_name of its cards' names, sorted
    auto operator<=>(const PageSnapshot&) const = default;
};

struct Ledger {
    std::vector<LedgerEntry> invitations;
    std::vector<ConnectionRecord> connections;
    std::vector<Snapshot> snapshots;   // of the whole exports imported so far
    std::vector<PageSnapshot> pages;   // the complete Sent pages imported so far
};

struct ReconcileOptions {
    core::Zone export_zone = core::Zone::utc();  // the zone "Sent At" is read in
    core::Duration window{180 * 86400};          // how far back Invitations.csv reaches
};

// A lone Invitations.csv (not in an export's zip or folder) is taken for a whole
// export only when its rows reach back this close to the window's start: a file
// cut down in a spreadsheet would otherwise make everything it lost look withdrawn.
inline constexpr core::Duration kWholeFileSlack{30 * 86400};

struct NewInvitation {
    core::Invitation invitation;       // id unset
    std::vector<core::Event> events;   // "sent" first, then any state change
    std::optional<core::Instant> seen_at = std::nullopt;  // the import's listing of it; none for a send recorded here
};

struct StateChange {
    core::InvitationId id;
    core::Event event;
};

struct ImportCounts {
    long outgoing = 0;        // rows in the files
    long incoming = 0;
    long new_invitations = 0;
    long unchanged = 0;
    long connections = 0;     // rows in the files
    long new_connections = 0;
    long accepted = 0;        // sent invitations this import found accepted
    long gone = 0;            // sent invitations this import found gone
    long seen_again = 0;      // sent invitations thought gone that this import lists: pending again
    long refined = 0;         // sent invitations a Sent page added whose sent time this import tells
};

// Something an import left out or could not decide, for the member to know. The
// text output groups them by `code`; --json lists every one.
struct ImportWarning {
    std::string code;     // connection_without_person, invitation_without_person,
                          // no_gone_after_skipping, partial_file, ambiguous_name; a Sent
                          // page's: incomplete_page, no_count, ambiguous_card,
                          // ended_but_on_page, card_without_person, unknown_card
    std::string file;     // the file it is about; empty when about the whole import
    long line = 0;        // its line in the file; 0 when about no one line
    std::string subject;  // what it is about besides: the shared name of ambiguous_name and ambiguous_card
    std::string message;  // one line, naming the file and line when it has them
};

struct ImportBatch {
    std::vector<NewInvitation> new_invitations;
    std::vector<StateChange> changes;
    std::vector<Sighting> sightings;             // ledger invitations listed later than before
    std::vector<Refinement> refinements;         // ledger invitations whose sent time is known better
    std::optional<Snapshot> snapshot;            // when the files hold a whole export
    std::vector<ConnectionRecord> connections;  // new or changed connections to store
    ImportCounts counts;
    std::vector<ImportWarning> warnings;
    std::vector<std::string> skipped;           // bad rows left out (--skip-invalid)
};

// Reconciles the files of one export (one zip, folder or CSV) against the ledger.
ImportBatch reconcile(const Ledger& ledger, const std::vector<ParsedFile>& files, const ReconcileOptions& options);

// The identity of an invitation in the ledger: direction, person key, Sent At.
std::string invitation_key(core::Direction direction, std::string_view person_key, core::Instant sent_at);

}  // namespace ik::ingest
