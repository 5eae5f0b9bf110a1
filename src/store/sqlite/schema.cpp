#include "store/sqlite/schema.h"

#include "store/sqlite/statement.h"

#include <fmt/format.h>

#include <array>

namespace ik::store::sqlite {

namespace {

// Each migration takes the schema from version N to N + 1; never edit a released one.
constexpr std::array<std::string_view, 11> kMigrations{
    R"sql(
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
CREATE TABLE account_settings (
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (account_id, key)
);
-- One row per invitation. The columns after `message` are the projection of the
-- invitation's events (table events), kept in step in the same transaction.
CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    direction   TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
    person_key  TEXT NOT NULL,
    name        TEXT NOT NULL,
    profile_url TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    message     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'withdrawn', 'declined', 'gone')),
    status_at   INTEGER,
    accidental  INTEGER NOT NULL DEFAULT 0,
    keep        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, direction, person_key, sent_at)
);
CREATE INDEX invitations_by_status ON invitations (account_id, direction, status, sent_at);
CREATE INDEX invitations_by_sent ON invitations (account_id, direction, sent_at);
-- The append-only log: what happened, when, from which source.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    invitation_id INTEGER NOT NULL REFERENCES invitations(id),
    kind          TEXT NOT NULL,
    at            INTEGER NOT NULL,
    recorded_at   INTEGER NOT NULL,
    source        TEXT NOT NULL
);
CREATE INDEX events_by_invitation ON events (invitation_id);
CREATE INDEX events_by_kind ON events (account_id, kind, at) WHERE kind <> 'sent';
CREATE TABLE connections (
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    person_key   TEXT NOT NULL,
    first_name   TEXT NOT NULL,
    last_name    TEXT NOT NULL,
    profile_url  TEXT NOT NULL,
    email        TEXT NOT NULL,
    company      TEXT NOT NULL,
    position     TEXT NOT NULL,
    connected_on INTEGER NOT NULL,  -- days since 1970-01-01
    PRIMARY KEY (account_id, person_key)
);
-- Derived: invitations per account, direction and status, kept by triggers so
-- status counts do not scan a long history.
CREATE TABLE invitation_counts (
    account_id  INTEGER NOT NULL,
    direction   TEXT NOT NULL,
    status      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (account_id, direction, status)
) WITHOUT ROWID;
CREATE TRIGGER invitation_counts_insert AFTER INSERT ON invitations BEGIN
    INSERT INTO invitation_counts VALUES (new.account_id, new.direction, new.status, 1)
        ON CONFLICT (account_id, direction, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER invitation_counts_update AFTER UPDATE OF status ON invitations
WHEN old.status <> new.status BEGIN
    UPDATE invitation_counts SET n = n - 1
        WHERE account_id = old.account_id AND direction = old.direction AND status = old.status;
    INSERT INTO invitation_counts VALUES (new.account_id, new.direction, new.status, 1)
        ON CONFLICT (account_id, direction, status) DO UPDATE SET n = n + 1;
END;
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    at          INTEGER NOT NULL,
    sources     TEXT NOT NULL,
    summary     TEXT NOT NULL
);
)sql",
    // 2: imports of a long history (a million rows) in seconds. The invitation
    // row is its own `sent` event (source, recorded_at), so the events table holds
    // only what happened after sending; invitation_counts is kept by the store, one
    // upsert per batch, not a trigger per row; the identity index leads with
    // sent_at, so rows arriving in time order append to it, and it serves every
    // "sent between" query; the status index keeps pending rows only; direction
    // and status are checked by the code that writes them (CHECK ... IN doubled
    // the cost of an insert). The table is rebuilt (SQLite's 12-step procedure;
    // open_sqlite runs migrations with foreign keys off and checks them after).
    R"sql(
CREATE TABLE invitations_v2 (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    direction   TEXT NOT NULL,  -- outgoing | incoming
    person_key  TEXT NOT NULL,
    name        TEXT NOT NULL,
    profile_url TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    message     TEXT NOT NULL,
    source      TEXT NOT NULL,  -- of the sent event: "import:<file>", "cli", ...
    recorded_at INTEGER NOT NULL,
    status      TEXT NOT NULL,  -- pending | accepted | withdrawn | declined | gone
    status_at   INTEGER,
    accidental  INTEGER NOT NULL DEFAULT 0,
    keep        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO invitations_v2
SELECT i.id, i.account_id, i.direction, i.person_key, i.name, i.profile_url, i.sent_at, i.message,
       coalesce(e.source, 'unknown'), coalesce(e.recorded_at, i.sent_at), i.status, i.status_at, i.accidental, i.keep
FROM invitations i LEFT JOIN events e ON e.invitation_id = i.id AND e.kind = 'sent';
DELETE FROM events WHERE kind = 'sent';
DROP INDEX events_by_kind;
CREATE INDEX events_by_kind ON events (account_id, kind, at);
DROP TABLE invitations;
ALTER TABLE invitations_v2 RENAME TO invitations;
CREATE UNIQUE INDEX invitations_identity ON invitations (account_id, direction, sent_at, person_key);
CREATE INDEX invitations_by_person ON invitations (account_id, person_key);
CREATE INDEX invitations_pending ON invitations (account_id, direction, sent_at) WHERE status = 'pending';
CREATE TRIGGER invitation_counts_update AFTER UPDATE OF status ON invitations
WHEN old.status <> new.status BEGIN
    UPDATE invitation_counts SET n = n - 1
        WHERE account_id = old.account_id AND direction = old.direction AND status = old.status;
    INSERT INTO invitation_counts VALUES (new.account_id, new.direction, new.status, 1)
        ON CONFLICT (account_id, direction, status) DO UPDATE SET n = n + 1;
END;
)sql",
    // 3: pacing. The outreach queue, note templates, do-not-contact, account
    // events (restrictions, reports) and the template a sent note came from.
    R"sql(
CREATE TABLE prospects (
    id           INTEGER PRIMARY KEY,  -- queue order
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    person_key   TEXT NOT NULL,
    name         TEXT NOT NULL,
    profile_url  TEXT NOT NULL,
    first_name   TEXT NOT NULL,
    company      TEXT NOT NULL,
    note         TEXT,                 -- NULL: none given
    template     TEXT,                 -- NULL: none
    zone         TEXT,                 -- NULL: the account's zone
    priority     INTEGER NOT NULL,
    vars         TEXT NOT NULL,        -- JSON object: extra columns for templates
    added_at     INTEGER NOT NULL
);
CREATE INDEX prospects_by_person ON prospects (account_id, person_key);
CREATE TABLE templates (
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    name        TEXT NOT NULL,
    text        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;
CREATE TABLE do_not_contact (
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    person_key   TEXT NOT NULL,
    name         TEXT NOT NULL,
    profile_url  TEXT NOT NULL,
    added_at     INTEGER NOT NULL,
    PRIMARY KEY (account_id, person_key)
) WITHOUT ROWID;
CREATE TABLE account_events (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    kind         TEXT NOT NULL,        -- restricted | reported
    at           INTEGER NOT NULL,
    person_key   TEXT,
    source       TEXT NOT NULL,
    recorded_at  INTEGER NOT NULL
);
CREATE INDEX account_events_by_kind ON account_events (account_id, kind, at);
ALTER TABLE invitations ADD COLUMN template TEXT NOT NULL DEFAULT '';
)sql",
    // 4: status counts over recent ranges ("accepted of those sent 14+ days ago",
    // the health cohorts) read an index instead of the table: the pending-only
    // index becomes one over every status. Rows arriving in time order append to
    // each (direction, status) run of it.
    R"sql(
DROP INDEX invitations_pending;
CREATE INDEX invitations_by_status ON invitations (account_id, direction, status, sent_at);
)sql",
    // 5: one index fewer to write on import. The identity index leads with the
    // person, so it also answers every lookup by person and replaces
    // invitations_by_person; a range of sending times is read from the by-status
    // index, one run per status (see SqliteStore::where). A first import builds
    // the indexes by sorting after the rows: a million rows load about 1 s faster.
    // The person key comes before the account (every lookup names both): SQLite's
    // sorter compares a leading text column without decoding the whole key, so the
    // build costs about a third less.
    R"sql(
DROP INDEX invitations_by_person;
DROP INDEX invitations_identity;
CREATE UNIQUE INDEX invitations_identity ON invitations (person_key, account_id, direction, sent_at);
)sql",
    // 6: what an import saw, so that "gone" can be inferred the same in any order of
    // imports and corrected by a later listing, and so that an import can be undone.
    // Each invitation's latest listing (seen_at); every whole export (snapshots);
    // which import wrote each invitation, event and connection; and what an import
    // replaced (undo_seen, undo_connections). The new columns are added, not
    // rebuilt: a long history migrates in no time. Undo finds an import's rows by a
    // scan: it is rare, and an index would slow every import.
    R"sql(
ALTER TABLE invitations ADD COLUMN seen_at INTEGER;    -- NULL: never listed by an import
ALTER TABLE invitations ADD COLUMN import_id INTEGER;  -- NULL: recorded here, not imported
ALTER TABLE events ADD COLUMN import_id INTEGER;       -- NULL: a mark
ALTER TABLE connections ADD COLUMN listed_at INTEGER;  -- when the export that gave the row was taken
ALTER TABLE connections ADD COLUMN import_id INTEGER;  -- the import that last wrote the row
ALTER TABLE imports ADD COLUMN undone_at INTEGER;
CREATE TABLE snapshots (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    import_id    INTEGER NOT NULL REFERENCES imports(id),
    covers_from  INTEGER NOT NULL,
    taken_by     INTEGER NOT NULL,
    as_of        INTEGER NOT NULL
);
CREATE INDEX snapshots_by_account ON snapshots (account_id);
CREATE TABLE undo_seen (
    import_id      INTEGER NOT NULL,
    invitation_id  INTEGER NOT NULL,
    seen_at        INTEGER            -- before the import
);
CREATE INDEX undo_seen_by_import ON undo_seen (import_id);
CREATE TABLE undo_connections (       -- connection rows as they were before the import
    import_id     INTEGER NOT NULL,
    account_id    INTEGER NOT NULL,
    person_key    TEXT NOT NULL,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    profile_url   TEXT NOT NULL,
    email         TEXT NOT NULL,
    company       TEXT NOT NULL,
    position      TEXT NOT NULL,
    connected_on  INTEGER NOT NULL,
    listed_at     INTEGER,
    written_by    INTEGER
);
CREATE INDEX undo_connections_by_import ON undo_connections (import_id);
)sql",
    // 7: a restriction or report recorded by mistake can be taken back (`mark undo
    // restricted`, `mark undo reported URL`); the row stays, marked with when.
    R"sql(
ALTER TABLE account_events ADD COLUMN undone_at INTEGER;
)sql",
    // 8: the team's directory (store/directory.h): users with a role, the accounts
    // granted to each, their API tokens and their dashboard sessions. Tokens and
    // session ids are kept as digests only; a password only as its Argon2id hash.
    // Removing a user or an account takes its grants, tokens and sessions with it.
    // And who did what: the marks and sends made here (not by an import), newest
    // first, are one step down an index (history's recent changes).
    R"sql(
CREATE INDEX events_made_here ON events (account_id, recorded_at) WHERE import_id IS NULL;
CREATE INDEX invitations_made_here ON invitations (account_id, recorded_at) WHERE import_id IS NULL;
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    password_hash  TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    failed_logins  INTEGER NOT NULL DEFAULT 0,  -- in a row, since the last good one
    last_failed_at INTEGER
);
CREATE TABLE user_accounts (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, account_id)
);
CREATE TABLE user_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    digest      TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE TABLE user_sessions (
    digest      TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
)sql",
    // 9: invitations known from LinkedIn's Sent page alone, whose sent time the page
    // gives as a bound ("Sent 3 weeks ago"): sent_at is the latest it can be,
    // sent_earliest the earliest (NULL: sent_at is exact). A later export or page
    // refines the time, keeping what it replaced in undo_refined for import --undo.
    R"sql(
ALTER TABLE invitations ADD COLUMN sent_earliest INTEGER;
CREATE TABLE undo_refined (           -- an invitation's identity and sent time before the import
    import_id      INTEGER NOT NULL,
    invitation_id  INTEGER NOT NULL,
    person_key     TEXT NOT NULL,
    name           TEXT NOT NULL,
    profile_url    TEXT NOT NULL,
    sent_at        INTEGER NOT NULL,
    sent_earliest  INTEGER,
    message        TEXT NOT NULL
);
CREATE INDEX undo_refined_by_import ON undo_refined (import_id);
)sql",
    // 10: an import's undo rows found by import and invitation, as PostgreSQL's are:
    // each listing checks that its invitation has none yet, and by import alone that
    // read every earlier row of the import (1,400 cards of a Sent page: a million
    // row visits; a newer export listing a long history again: quadratic).
    R"sql(
DROP INDEX undo_seen_by_import;
CREATE INDEX undo_seen_by_import ON undo_seen (import_id, invitation_id);
DROP INDEX undo_refined_by_import;
CREATE INDEX undo_refined_by_import ON undo_refined (import_id, invitation_id);
)sql",
    // 11: the complete Sent pages imported, what each listed: an export imported after
    // a page adds what the page left off as gone, as if it had come first.
    R"sql(
CREATE TABLE sent_pages (
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    import_id   INTEGER NOT NULL REFERENCES imports(id),
    saved_at    INTEGER NOT NULL,
    source      TEXT NOT NULL,          -- sentpage:FILE
    keys        TEXT NOT NULL,          -- the cards' profile keys, sorted, one per line
    names       TEXT NOT NULL           -- their normalised names, sorted, one per line
);
CREATE INDEX sent_pages_by_account ON sent_pages (account_id);
)sql",
};

}  // namespace

std::span<const std::string_view> migrations()
{
    return kMigrations;
}

core::Result<int> read_version(sqlite3* db)
{
    // A file that is not a database fails here, before anything is written.
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
                                -1, &s, nullptr);
    auto failed = [&](int code) -> core::Result<int> {
        if ((code & 0xff) == SQLITE_NOTADB)
            return core::fail(ErrorKind::bad_input, "not_a_database",
                              fmt::format("{}: not an invitekeeper ledger (not an SQLite database at all)", path_of(db)));
        return std::unexpected(describe_failure(code, sqlite3_errmsg(db), path_of(db), sqlite3_system_errno(db)));
    };
    if (rc != SQLITE_OK) return failed(rc);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE) {
        // No schema of ours. An empty database is a new ledger; one with tables
        // belongs to another program and is left alone.
        rc = sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &s,
                                nullptr);
        if (rc != SQLITE_OK) return failed(rc);
        std::string tables;
        int n = 0;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            if (n++ < 3)
                tables += fmt::format("{}{}", tables.empty() ? "" : ", ",
                                      reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) return failed(rc);
        if (n == 0) return 0;
        return core::fail(ErrorKind::bad_input, "not_a_ledger",
                          fmt::format("{}: an SQLite database of another program (tables {}{}), not an invitekeeper "
                                      "ledger; it was left untouched",
                                      path_of(db), tables, n > 3 ? ", ..." : ""));
    }
    if (rc != SQLITE_ROW) return failed(rc);
    rc = sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version", -1, &s, nullptr);
    if (rc != SQLITE_OK) return failed(rc);
    int version = 0;
    if (sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return version;
}

}  // namespace ik::store::sqlite
