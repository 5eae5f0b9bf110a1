// Store: the one interface to invitekeeper's data, with no backend's notions in it.
// An append-only event log is the record of what happened; each invitation's current
// state is a projection of it, updated in the same transaction. The ledger's rules
// (ledger_rules.h) are applied here, once; a backend (store/sqlite/, and PostgreSQL
// to come) only reads and writes. open_store() (open.h) picks the backend.
#pragma once

#include "core/error.h"
#include "core/invitation.h"
#include "core/prospect.h"
#include "core/time.h"
#include "ingest/reconcile.h"
#include "ingest/sent_reconcile.h"
#include "store/tables.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ik::store {

struct Account {
    core::AccountId id;
    std::string name;
    core::Instant created_at;
};

// Which invitations a query returns, oldest first.
struct InvitationQuery {
    std::optional<core::Direction> direction = core::Direction::outgoing;
    std::optional<core::Status> status;
    std::optional<core::Instant> sent_from;    // inclusive
    std::optional<core::Instant> sent_before;  // exclusive
    std::optional<core::Instant> status_from;  // inclusive: the current status since then
    std::optional<std::string> person_key;
    std::optional<long> limit;
    bool newest_first = false;
};

struct StoredEvent {
    std::int64_t id = 0;
    core::InvitationId invitation;
    core::Event event;
    core::Instant recorded_at;
};

struct ImportRecord {
    core::Instant at;
    std::string sources;  // the paths imported, joined
    std::string summary;  // the JSON summary printed
};

// What undo_last_import() took back.
struct UndoneImport {
    core::ImportId id;
    core::Instant at;                // when the import ran
    std::string sources;             // its paths, joined
    long invitations_removed = 0;    // invitations it added
    long findings_undone = 0;        // what it concluded about others: accepted, gone, seen again
    long sightings_undone = 0;       // listings of invitations already in the ledger
    long connections_removed = 0;    // connections it added
    long connections_restored = 0;   // connections it changed, back as they were
    long snapshots_removed = 0;      // whole exports it recorded
};

// What a caller knows of a write ahead: a hint, never a change in what it does.
// How far a long write has come, for a progress bar: `phase` is "writing" (rows
// written of those to write) or "indexing" (indexes built of those to rebuild).
using WriteProgress = std::function<void(std::string_view phase, size_t done, size_t total)>;

struct TransactionOptions {
    // About how many invitations it adds (an import); 0 when few or unknown.
    size_t expected_invitations = 0;
    // Told of the writes' progress while the transaction runs; none: nobody asks.
    WriteProgress progress{};
};

// The ledger's state as of a moment (Store::change_token): opaque, only compared.
struct ChangeToken {
    std::array<std::int64_t, 2> parts{};
    friend bool operator==(const ChangeToken&, const ChangeToken&) = default;
};

class Store {
public:
    virtual ~Store() = default;

    // Runs `fn` in one transaction: commits if it returns a value, rolls back
    // everything if it returns an error or throws. Transactions compose: one begun
    // inside another (a use case calling another) is part of it, and its error takes
    // back only its own writes; the outer one, passing the error on, takes back all.
    // Isolation is serializable: a transaction takes the ledger's write lock when it
    // begins, so it sees no other writer's changes midway; a writer that finds the
    // lock held waits a few seconds, then fails with ErrorKind::storage ("busy").
    core::Result<void> transaction(const std::function<core::Result<void>()>& fn) { return run_transaction({}, fn); }
    // transaction() with what the caller knows of the write ahead, for the backend to
    // choose how to write it; the outcome and the guarantees are the same.
    core::Result<void> transaction(const TransactionOptions& options, const std::function<core::Result<void>()>& fn)
    {
        if (!options.progress) return run_transaction(options, fn);
        struct Restore {
            Store& store;
            WriteProgress saved;
            ~Restore() { store.m_progress = std::move(saved); }
        } restore{*this, std::exchange(m_progress, options.progress)};
        return run_transaction(options, fn);
    }

    virtual core::Result<core::AccountId> create_account(const std::string& name, core::Instant at) = 0;
    virtual std::vector<Account> accounts() = 0;
    virtual std::map<std::string, std::string> account_settings(core::AccountId account) = 0;
    virtual void set_account_setting(core::AccountId account, const std::string& key, const std::string& value) = 0;

    // What an import needs to reconcile against.
    virtual ingest::Ledger ledger(core::AccountId account) = 0;
    // What a Sent page needs: the invitations ingest::in_page_scope keeps, in id order,
    // found through the indexes (no connections, no snapshots).
    virtual ingest::Ledger page_ledger(core::AccountId account, const ingest::PageScope& scope) = 0;
    // Stores new or changed connections. Rows an import changes are kept as they were,
    // for undo_last_import().
    virtual void upsert_connections(core::AccountId account, const std::vector<ingest::ConnectionRecord>& rows,
                                    std::optional<core::ImportId> import = std::nullopt) = 0;
    // Moves each invitation's latest listing on (ingest::Sighting), keeping the earlier one for undo.
    virtual void record_sightings(core::AccountId account, const std::vector<ingest::Sighting>& sightings,
                                  core::ImportId import) = 0;
    // Rewrites the sent time (and the person's name and URL, and the note) of
    // invitations a Sent page added, keeping what it replaced for undo_last_import().
    virtual void refine_invitations(core::AccountId account, const std::vector<ingest::Refinement>& refinements,
                                    core::ImportId import) = 0;
    // Records a complete Sent page (ingest::PageSnapshot), taken back with its import;
    // false when the same page (saved then, listing the same) is recorded already.
    virtual bool record_page(core::AccountId account, const ingest::PageSnapshot& page, core::ImportId import) = 0;
    // Records a whole export; false when the same one is recorded already.
    virtual bool record_snapshot(core::AccountId account, const ingest::Snapshot& snapshot, core::ImportId import) = 0;
    // Whether the person is a connection, and since when.
    virtual std::optional<core::Days> connected_on(core::AccountId account, const std::string& person_key) = 0;

    // Adds invitations with their events (each list starting with `sent`, folded by
    // core::apply), all or none; their ids, in order. Refuses (ErrorKind::conflict)
    // an invitation the ledger already holds (same account, direction, person and
    // Sent At) or one given twice, naming it.
    core::Result<std::vector<core::InvitationId>> add_invitations(std::vector<ingest::NewInvitation> batch,
                                                                  core::Instant recorded_at);
    // One invitation: add_invitations with a batch of one.
    core::Result<core::InvitationId> add_invitation(core::Invitation invitation, std::vector<core::Event> events,
                                                    core::Instant recorded_at);
    // Appends an event to an invitation's log and updates its state, in one
    // transaction; refuses (ErrorKind::conflict) an event core::apply refuses, and an
    // undo whose log, replayed, is refused. An unknown id is ErrorKind::usage.
    core::Result<void> record_event(core::AccountId account, core::InvitationId id, const core::Event& event,
                                    core::Instant recorded_at);

    virtual std::optional<core::Invitation> invitation(core::AccountId account, core::InvitationId id) = 0;
    virtual std::vector<core::Invitation> invitations(core::AccountId account, const InvitationQuery& query) = 0;
    virtual long count_invitations(core::AccountId account, const InvitationQuery& query) = 0;
    virtual std::vector<StoredEvent> events(core::AccountId account, std::optional<core::InvitationId> id) = 0;
    // What people did here, newest recorded first: the marks and the sends recorded
    // from the CLI, the API or a team's user (never what an import found), at most
    // `limit`. A recorded send is its invitation's `sent` event (id 0).
    virtual std::vector<StoredEvent> recent_changes(core::AccountId account, long limit) = 0;
    // The latest event of this kind recorded for the account (by its time `at`).
    virtual std::optional<core::Instant> last_event_at(core::AccountId account, core::EventKind kind) = 0;

    // An import's record: begun first, so that what it writes carries its id; finished
    // with its sources and summary, or forgotten when it changed nothing.
    virtual core::ImportId begin_import(core::AccountId account, core::Instant at) = 0;
    virtual void finish_import(core::ImportId id, const ImportRecord& record) = 0;
    virtual void forget_import(core::ImportId id) = 0;
    // Takes back the account's latest import not undone yet, whole: the invitations
    // and connections it added, what it concluded about the others, its listings and
    // whole exports, the connections it changed. Its record stays, marked undone at
    // `at`. Refused (ErrorKind::conflict) with none to undo ("nothing_to_undo"), or
    // when a mark made since depends on it ("marked_since", naming the invitation):
    // undo that mark first. Call inside a transaction.
    virtual core::Result<UndoneImport> undo_last_import(core::AccountId account, core::Instant at) = 0;

    // A value that changes whenever anyone commits a change to the ledger: this
    // store, another connection, another process. Equal tokens mean the same data;
    // the server keys its response cache on it.
    virtual ChangeToken change_token() = 0;

    // The outreach queue, in the order `plan send` takes it: priority (highest
    // first), then queue order. A person may be queued twice; the plan blocks
    // the later entry as a duplicate.
    virtual std::vector<core::ProspectId> add_prospects(core::AccountId account,
                                                        const std::vector<core::Prospect>& prospects) = 0;
    virtual std::vector<core::Prospect> prospects(core::AccountId account) = 0;
    // Removes every queue entry for the person; how many there were.
    virtual long remove_prospects(core::AccountId account, const std::string& person_key) = 0;

    // Note templates by name; setting an existing name replaces its text.
    virtual void set_template(core::AccountId account, const core::Template& t) = 0;
    virtual std::vector<core::Template> templates(core::AccountId account) = 0;
    virtual bool remove_template(core::AccountId account, const std::string& name) = 0;

    // Do-not-contact; false when the person was already on (add) or not on (remove) it.
    virtual bool add_do_not_contact(core::AccountId account, const core::DoNotContact& entry) = 0;
    virtual bool remove_do_not_contact(core::AccountId account, const std::string& person_key) = 0;
    virtual std::vector<core::DoNotContact> do_not_contact(core::AccountId account) = 0;

    // Restrictions and reports. account_events lists those not taken back, oldest
    // first; undo_account_event takes one back at `at` (false if there was none such).
    virtual void record_account_event(core::AccountId account, const core::AccountEvent& event) = 0;
    virtual bool undo_account_event(core::AccountId account, std::int64_t id, core::Instant at) = 0;
    virtual std::vector<core::AccountEvent> account_events(core::AccountId account,
                                                           std::optional<core::AccountEventKind> kind) = 0;

    // The raw rows of a table (ledger_tables()), in its `order_by`: what moving a
    // ledger to another store (copy_ledger) reads. Call inside a transaction for a
    // consistent copy.
    virtual std::vector<Row> read_table(const TableSpec& table) = 0;
    // Appends rows to a table as they are, ids included; inside a transaction.
    virtual void write_table(const TableSpec& table, const std::vector<Row>& rows) = 0;
    // The largest id of a table whose first column is `id` (0 when empty).
    virtual std::int64_t largest_id(const TableSpec& table) = 0;
    // After rows were written with their ids: new rows get ids past them.
    virtual void after_copy() = 0;

protected:
    // Tells the transaction's progress callback, if it has one, how far a write is.
    void report(std::string_view phase, size_t done, size_t total) const
    {
        if (m_progress) m_progress(phase, done, total);
    }

    // What each backend writes; the ledger's rules around them (ledger_rules.h) are
    // applied above, once for every backend.
    virtual core::Result<void> run_transaction(const TransactionOptions& options,
                                               const std::function<core::Result<void>()>& fn) = 0;
    // Writes a checked batch (each invitation's state folded from its events) in
    // `order` (ledger_rules::sending_order), all or none; the ids in batch order.
    // A repeat is refused with ledger_rules::given_twice or already_in_ledger.
    virtual core::Result<std::vector<core::InvitationId>> write_invitations(std::vector<ingest::NewInvitation> batch,
                                                                            const std::vector<size_t>& order,
                                                                            core::Instant recorded_at) = 0;
    // Saves the invitation's new state and appends `event` to its log.
    virtual void write_event(const core::Invitation& updated, const core::Event& event, core::Instant recorded_at) = 0;
    // Whether a transaction is open on this store: a write now is part of it.
    virtual bool in_transaction() const = 0;

    // The team's directory (directory.h) is written once, in SQL every backend runs:
    // a `?` for each parameter, every parameter and column as text, NULL as nullopt.
    friend class Directory;
    virtual std::vector<Row> run_sql(std::string_view sql, const Row& params) = 0;

private:
    WriteProgress m_progress;
};

// A failure of the storage itself: the disk is full, the ledger is read-only, an I/O
// error, a damaged file (ErrorKind::storage). A store throws it from a call outside
// transaction(), which returns it as its Error; the CLI and the server report it.
class StorageError : public std::runtime_error {
public:
    explicit StorageError(core::Error error) : std::runtime_error(error.message), m_error(std::move(error)) {}
    const core::Error& error() const { return m_error; }

private:
    core::Error m_error;
};

enum class Open {
    existing,   // a missing file is an error
    or_create,  // a missing file becomes a new, empty ledger
};

}  // namespace ik::store
