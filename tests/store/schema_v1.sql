-- A database as invitekeeper 0.1 (schema version 1) wrote it: the schema, frozen,
-- and a small made-up ledger. The migration tests open it with today's store.
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

CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
INSERT INTO accounts VALUES (1, 'maya', 1795000000);
INSERT INTO invitations VALUES
    (1, 1, 'outgoing', 'in:lia-moreau', 'Lia Moreau', 'https://www.linkedin.com/in/lia-moreau', 1793000000, 'Hi Lia', 'accepted', 1793500000, 0, 0),
    (2, 1, 'outgoing', 'in:kai-rowe', 'Kai Rowe', 'https://www.linkedin.com/in/kai-rowe', 1794000000, '', 'pending', NULL, 0, 1),
    (3, 1, 'incoming', 'in:ava-lind', 'Ava Lind', 'https://www.linkedin.com/in/ava-lind', 1794500000, '', 'pending', NULL, 0, 0);
INSERT INTO events VALUES
    (1, 1, 1, 'sent', 1793000000, 1795000100, 'import:Invitations.csv'),
    (2, 1, 1, 'accepted', 1793500000, 1795000100, 'import:Connections.csv'),
    (3, 1, 2, 'sent', 1794000000, 1795000100, 'import:Invitations.csv'),
    (4, 1, 3, 'sent', 1794500000, 1795000100, 'import:Invitations.csv'),
    (5, 1, 2, 'keep', 1795000200, 1795000200, 'cli');
