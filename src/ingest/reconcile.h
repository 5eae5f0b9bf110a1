// Reconciliation: turns the rows of one export into ledger changes, given what
// the ledger already holds. Pure: no I/O; the store applies the result.
//
// Rules (DESIGN.md "LinkedIn's data export"):
// - an invitation is identified by direction, person key and Sent At;
// - one whose other person is a connection with Connected On on or after the sent
//   date was accepted on Connected On; otherwise it is pending;
// - one that was pending, is missing from a later Invitations.csv and was sent
//   inside that export's window is `gone` (withdrawn or declined elsewhere).
#pragma once

#include "core/invitation.h"
#include "core/time.h"
#include "ingest/linkedin_export.h"

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
};

struct Ledger {
    std::vector<LedgerEntry> invitations;
    std::vector<ConnectionRecord> connections;
};

struct ReconcileOptions {
    core::Zone export_zone = core::Zone::utc();  // the zone "Sent At" is read in
    core::Duration window{180 * 86400};          // how far back Invitations.csv reaches
};

struct NewInvitation {
    core::Invitation invitation;       // id unset
    std::vector<core::Event> events;   // "sent" first, then any state change
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
};

struct ImportBatch {
    std::vector<NewInvitation> new_invitations;
    std::vector<StateChange> changes;
    std::vector<ConnectionRecord> connections;  // new or changed connections to store
    ImportCounts counts;
    std::vector<std::string> warnings;
    std::vector<std::string> skipped;           // bad rows left out (--skip-invalid)
};

// Reconciles the files of one export (one zip, folder or CSV) against the ledger.
ImportBatch reconcile(const Ledger& ledger, const std::vector<ParsedFile>& files, const ReconcileOptions& options);

// The identity of an invitation in the ledger: direction, person key, Sent At.
std::string invitation_key(core::Direction direction, std::string_view person_key, core::Instant sent_at);

}  // namespace ik::ingest
