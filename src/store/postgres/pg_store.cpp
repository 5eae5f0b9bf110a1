// The PostgreSQL store. Every write transaction takes one advisory lock (per schema)
// when it begins, so writers from any process or server run one after another, as
// SQLite's BEGIN IMMEDIATE makes them; each statement reads committed data (READ
// COMMITTED), and with writers in turn a transaction sees no other writer's change
// midway: a check and the write it allows are never split by another writer, so no
// update is lost and the counts stay exact. Readers never wait. docs/deploy.md says
// why this and not SERIALIZABLE.
#include "store/postgres/pg_store.h"

#include "store/copy.h"
#include "store/ledger_rules.h"
#include "store/postgres/connection.h"
#include "store/postgres/schema.h"
#include "store/sql.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace ik::store::postgres {

namespace {

constexpr std::string_view kInvitationColumns =
    "id, account_id, direction, person_key, name, profile_url, sent_at, message, status, status_at, accidental, keep, "
    "template, sent_earliest";

core::Invitation read_invitation(const Rows& r, int row)
{
    core::Invitation inv;
    inv.id = core::InvitationId{r.integer(row, 0)};
    inv.account = core::AccountId{r.integer(row, 1)};
    inv.direction = core::direction_from_string(r.text(row, 2)).value_or(core::Direction::outgoing);
    inv.person = core::Person{r.text(row, 3), r.text(row, 4), r.text(row, 5)};
    inv.sent_at = r.instant(row, 6);
    inv.message = r.text(row, 7);
    inv.status = core::status_from_string(r.text(row, 8)).value_or(core::Status::pending);
    inv.status_at = r.optional_instant(row, 9);
    inv.accidental = r.boolean(row, 10);
    inv.keep = r.boolean(row, 11);
    inv.template_name = r.text(row, 12);
    inv.sent_earliest = r.optional_instant(row, 13);
    return inv;
}

std::optional<std::int64_t> import_value(const std::optional<core::ImportId>& id)
{
    if (!id) return std::nullopt;
    return id->value;
}

// A first load of a table: when it holds no rows yet and many are about to go in, its
// indexes (all but the primary key) and foreign keys are dropped, and made again by
// finish(): each index by one sort, each check by one join, instead of a B-tree
// update and a lookup per row (a first import 23 -> 10 s: docs/performance.md); its
// statistics are gathered afresh, without which the planner reads a million rows as
// if they were a few. Dropping them locks the table until commit: only an empty table
// is loaded so. Without finish() (an error) the transaction's rollback brings
// them back.
class FirstLoad {
public:
    static constexpr size_t kRows = 10'000;  // smaller loads keep the indexes

    FirstLoad(Connection& db, std::string_view table, size_t rows) : m_db(db), m_table(table)
    {
        if (rows < kRows) return;
        // Only into an empty table: dropping its indexes locks it until commit, and
        // another account's readers must not wait for this import.
        if (m_db.scalar(fmt::format("SELECT count(*) FROM (SELECT 1 FROM {} LIMIT 1) held", table)) > 0) return;
        auto indexes = m_db.query(
            "SELECT quote_ident(c.relname), pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = "
            "x.indexrelid WHERE x.indrelid = $1::regclass AND NOT x.indisprimary ORDER BY 1",
            Params().add(table));
        for (int i = 0; i < indexes.size(); ++i) {
            m_db.exec(fmt::format("DROP INDEX {}", indexes.text(i, 0)));
            m_remake.push_back(indexes.text(i, 1));
        }
        auto checks = m_db.query(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = "
            "'f' ORDER BY conname",
            Params().add(table));
        for (int i = 0; i < checks.size(); ++i) {
            m_db.exec(fmt::format("ALTER TABLE {} DROP CONSTRAINT \"{}\"", table, checks.text(i, 0)));
            m_remake.push_back(
                fmt::format("ALTER TABLE {} ADD CONSTRAINT \"{}\" {}", table, checks.text(i, 0), checks.text(i, 1)));
        }
        m_db.exec("SET LOCAL maintenance_work_mem = '256MB'");
        m_bare = true;
    }
    FirstLoad(const FirstLoad&) = delete;
    FirstLoad& operator=(const FirstLoad&) = delete;

    // `indexing` is told how many of the indexes and constraints are made again.
    void finish(const std::function<void(size_t done, size_t total)>& indexing = {})
    {
        if (!m_bare) return;
        for (size_t i = 0; i < m_remake.size(); ++i) {
            if (indexing) indexing(i, m_remake.size());
            m_db.exec(m_remake[i]);
        }
        if (indexing) indexing(m_remake.size(), m_remake.size());
        m_db.exec(fmt::format("ANALYZE {}", m_table));
        m_bare = false;
    }

private:
    Connection& m_db;
    std::string_view m_table;
    std::vector<std::string> m_remake;
    bool m_bare = false;
};

class PgStore final : public Store {
public:
    explicit PgStore(std::unique_ptr<Connection> db) : m_db(std::move(db)) {}

    // ---- transactions ----

    // The outer transaction begins, takes the write lock (waiting up to 5 s for
    // another writer), runs `fn` and commits; one inside it is a savepoint. After a
    // failed statement PostgreSQL refuses every other until the transaction or the
    // savepoint is rolled back, so an error always ends one of them.
    core::Result<void> begin(const std::function<core::Result<void>()>& fn)
    {
        const bool outer = m_depth == 0;
        const std::string savepoint = fmt::format("nested_{}", m_depth);
        try {
            if (outer) {
                m_db->exec("BEGIN ISOLATION LEVEL READ COMMITTED");
                m_db->exec("SET LOCAL lock_timeout = '5s'");
                m_db->exec(fmt::format("SELECT {}", kWriteLock));
            } else {
                m_db->exec("SAVEPOINT " + savepoint);
            }
        } catch (const PgError& e) {
            if (outer) rollback();
            return std::unexpected(e.error());
        }
        auto undo = [&]() noexcept {
            if (outer) return rollback();
            try {
                m_db->exec(fmt::format("ROLLBACK TO SAVEPOINT {0}; RELEASE SAVEPOINT {0}", savepoint));
            } catch (const PgError&) {
                // The connection is gone; the outer transaction's end reports it.
            }
        };
        core::Result<void> result;
        try {
            ++m_depth;
            struct Leave {
                int& depth;
                ~Leave() { --depth; }
            } leave{m_depth};
            result = fn();
        } catch (const PgError& e) {
            result = std::unexpected(e.error());
        } catch (...) {
            undo();
            throw;
        }
        if (!result) {
            undo();
            return result;
        }
        try {
            m_db->exec(outer ? std::string("COMMIT") : "RELEASE SAVEPOINT " + savepoint);
        } catch (const PgError& e) {
            undo();
            // The server may have committed before the connection went: say so, rather
            // than "nothing was written".
            if (outer && e.error().code == "connection_lost")
                return core::fail(core::ErrorKind::storage, "commit_unknown",
                                  fmt::format("{}: the connection to the database server was lost while the change "
                                              "was being committed: it may or may not have been written. Look with "
                                              "`invitekeeper history --recent 10` before making it again",
                                              m_db->target()));
            return std::unexpected(e.error());
        }
        return result;
    }

    void rollback() noexcept
    {
        try {
            m_db->exec("ROLLBACK");
        } catch (const PgError&) {
            // A lost connection has rolled back on the server.
        }
    }

    core::Result<void> run_transaction(const TransactionOptions&,
                                       const std::function<core::Result<void>()>& fn) override
    {
        return begin(fn);
    }

    bool in_transaction() const override { return m_depth > 0; }

    std::vector<Row> run_sql(std::string_view sql, const Row& params) override
    {
        // `?` becomes $1, $2, ...; the directory's SQL has no `?` inside a literal.
        std::string numbered;
        int n = 0;
        for (char c : sql) {
            if (c == '?')
                numbered += fmt::format("${}", ++n);
            else
                numbered += c;
        }
        Params values;
        for (const auto& p : params) values.add(p);
        auto r = m_db->query(numbered, values);
        std::vector<Row> out;
        for (int i = 0; i < r.size(); ++i) {
            Row row(static_cast<size_t>(r.columns()));
            for (int c = 0; c < r.columns(); ++c) row[static_cast<size_t>(c)] = r.optional_text(i, c);
            out.push_back(std::move(row));
        }
        return out;
    }

    // Runs a write of several statements as one: a savepoint inside a transaction,
    // else a transaction of its own. An error is thrown on as PgError.
    template <class Fn>
    void atomically(Fn&& fn)
    {
        auto done = begin([&]() -> core::Result<void> {
            fn();
            return {};
        });
        if (!done) throw PgError(done.error(), "");
    }

    // ---- accounts and settings ----

    core::Result<core::AccountId> create_account(const std::string& name, Instant at) override
    {
        if (!m_db->query("SELECT id FROM accounts WHERE name = $1", Params().add(name)).empty())
            return core::fail(ErrorKind::conflict, "account_exists",
                              fmt::format("an account named \"{}\" exists", name));
        return core::AccountId{m_db->scalar("INSERT INTO accounts (name, created_at) VALUES ($1, $2) RETURNING id",
                                            Params().add(name).add(at))};
    }

    std::vector<Account> accounts() override
    {
        auto r = m_db->query("SELECT id, name, created_at FROM accounts ORDER BY id");
        std::vector<Account> out;
        for (int i = 0; i < r.size(); ++i)
            out.push_back(Account{core::AccountId{r.integer(i, 0)}, r.text(i, 1), r.instant(i, 2)});
        return out;
    }

    std::map<std::string, std::string> account_settings(core::AccountId account) override
    {
        auto r =
            m_db->query("SELECT key, value FROM account_settings WHERE account_id = $1", Params().add(account.value));
        std::map<std::string, std::string> out;
        for (int i = 0; i < r.size(); ++i) out[r.text(i, 0)] = r.text(i, 1);
        return out;
    }

    void set_account_setting(core::AccountId account, const std::string& key, const std::string& value) override
    {
        m_db->query(
            "INSERT INTO account_settings (account_id, key, value) VALUES ($1, $2, $3) "
            "ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value",
            Params().add(account.value).add(key).add(value));
    }

    // ---- what an import reconciles against ----

    void read_entries(std::string_view where, const Params& params, std::vector<ingest::LedgerEntry>& out)
    {
        auto r = m_db->query(std::string(kLedgerEntrySql) + std::string(where), params);
        out.reserve(out.size() + static_cast<size_t>(r.size()));
        for (int i = 0; i < r.size(); ++i) {
            auto& e = out.emplace_back(ingest::LedgerEntry{
                core::InvitationId{r.integer(i, 0)},
                core::direction_from_string(r.text(i, 1)).value_or(core::Direction::outgoing), r.text(i, 2),
                r.text(i, 3), r.instant(i, 4), core::status_from_string(r.text(i, 5)).value_or(core::Status::pending)});
            e.status_at = r.optional_instant(i, 6);
            e.seen_at = r.optional_instant(i, 7);
            e.sent_earliest = r.optional_instant(i, 8);
            e.gone_by_page = !r.is_null(i, 9) && r.text(i, 9) == "t";
        }
    }

    // As SQLite's: pending by status, keys not of a profile by a range either side of
    // "in:" (the C collation of the identity index), the cards' profiles in one array.
    ingest::Ledger page_ledger(core::AccountId account, const ingest::PageScope& scope) override
    {
        ingest::Ledger out;
        auto& got = out.invitations;
        const auto a = Params().add(account.value);
        read_entries("WHERE account_id = $1 AND direction = 'outgoing' AND status = 'pending'", a, got);
        read_entries("WHERE (person_key < 'in:' OR person_key >= 'in;') AND account_id = $1 AND direction = "
                     "'outgoing' AND status <> 'pending'",
                     a, got);
        if (!scope.person_keys.empty()) {
            std::string keys = "{";
            for (const auto& key : scope.person_keys) {
                if (keys.size() > 1) keys += ',';
                keys += '"';
                for (char c : key) {
                    if (c == '"' || c == '\\') keys += '\\';
                    keys += c;
                }
                keys += '"';
            }
            keys += '}';
            read_entries("WHERE person_key = ANY($2::text[]) AND account_id = $1 AND direction = 'outgoing' AND "
                         "status <> 'pending'",
                         Params().add(account.value).add(keys), got);
        }
        // Names as SQLite's: one pass over the ended invitations' names.
        if (!scope.names.empty()) {
            std::unordered_set<std::int64_t> have;
            for (const auto& e : got) have.insert(e.id.value);
            auto r = m_db->query(
                "SELECT id, name FROM invitations WHERE account_id = $1 AND direction = 'outgoing' AND status <> "
                "'pending'",
                a);
            std::string ids = "{";
            for (int i = 0; i < r.size(); ++i)
                if (!have.contains(r.integer(i, 0)) && ingest::named_in_scope(r.text(i, 1), scope))
                    ids += (ids.size() > 1 ? "," : "") + std::to_string(r.integer(i, 0));
            ids += '}';
            if (ids.size() > 2) read_entries("WHERE id = ANY($2::bigint[]) AND account_id = $1", Params().add(account.value).add(ids), got);
        }
        std::sort(got.begin(), got.end(), [](const auto& x, const auto& y) { return x.id.value < y.id.value; });
        return out;
    }

    ingest::Ledger ledger(core::AccountId account) override
    {
        ingest::Ledger out;
        const auto a = Params().add(account.value);
        read_entries("WHERE account_id = $1", a, out.invitations);
        auto c = m_db->query(
            "SELECT person_key, first_name, last_name, profile_url, email, company, position, connected_on, listed_at "
            "FROM connections WHERE account_id = $1",
            a);
        out.connections.reserve(static_cast<size_t>(c.size()));
        for (int i = 0; i < c.size(); ++i) {
            auto& row = out.connections.emplace_back(
                ingest::ConnectionRecord{c.text(i, 0), c.text(i, 1), c.text(i, 2), c.text(i, 3), c.text(i, 4),
                                         c.text(i, 5), c.text(i, 6), core::Days{core::days{c.integer(i, 7)}}});
            row.listed_at = c.optional_instant(i, 8);
        }
        auto s = m_db->query("SELECT covers_from, taken_by, as_of FROM snapshots WHERE account_id = $1 ORDER BY id", a);
        for (int i = 0; i < s.size(); ++i)
            out.snapshots.push_back(ingest::Snapshot{s.instant(i, 0), s.instant(i, 1), s.instant(i, 2)});
        auto p = m_db->query(
            "SELECT saved_at, source, keys, names FROM sent_pages WHERE account_id = $1 ORDER BY import_id, saved_at", a);
        for (int i = 0; i < p.size(); ++i)
            out.pages.push_back(ingest::PageSnapshot{p.instant(i, 0), p.text(i, 1), split_lines(p.text(i, 2)),
                                                     split_lines(p.text(i, 3))});
        return out;
    }

    // Rows go through COPY into a staging table, then into connections in one
    // upsert; a person listed twice ends with the later row, as in SQLite.
    void upsert_connections(core::AccountId account, const std::vector<ingest::ConnectionRecord>& rows,
                            std::optional<core::ImportId> import) override
    {
        if (rows.empty()) return;
        std::unordered_map<std::string_view, size_t> last;  // person key -> its last row
        last.reserve(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) last[rows[i].person_key] = i;
        std::string data;
        data.reserve(rows.size() * 160);
        for (size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            if (last[r.person_key] != i) continue;
            copy_field(data, account.value);
            for (std::string_view v :
                 {std::string_view(r.person_key), std::string_view(r.first_name), std::string_view(r.last_name),
                  std::string_view(r.profile_url), std::string_view(r.email), std::string_view(r.company),
                  std::string_view(r.position)}) {
                data += '\t';
                copy_field(data, v);
            }
            data += '\t';
            copy_field(data, static_cast<std::int64_t>(r.connected_on.time_since_epoch().count()));
            data += '\t';
            if (r.listed_at)
                copy_field(data, *r.listed_at);
            else
                copy_null(data);
            data += '\t';
            if (import)
                copy_field(data, import->value);
            else
                copy_null(data);
            data += '\n';
        }
        atomically([&] {
            staging("staging_connections", "connections");
            m_db->copy_in(
                "COPY staging_connections (account_id, person_key, first_name, last_name, profile_url, email, "
                "company, position, connected_on, listed_at, import_id) FROM STDIN",
                data);
            // An import keeps the rows it replaces as they were before it (not as an
            // earlier part of the same import left them).
            if (import)
                m_db->query(
                    "INSERT INTO undo_connections SELECT $1, c.account_id, c.person_key, c.first_name, c.last_name, "
                    "c.profile_url, c.email, c.company, c.position, c.connected_on, c.listed_at, c.import_id "
                    "FROM connections c JOIN staging_connections s USING (account_id, person_key) "
                    "WHERE c.import_id IS DISTINCT FROM $1",
                    Params().add(import->value));
            FirstLoad bare(*m_db, "connections", rows.size());
            m_db->exec(
                "INSERT INTO connections SELECT * FROM staging_connections ON CONFLICT (account_id, person_key) DO "
                "UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, profile_url = "
                "excluded.profile_url, email = excluded.email, company = excluded.company, position = "
                "excluded.position, connected_on = excluded.connected_on, listed_at = excluded.listed_at, import_id = "
                "excluded.import_id");
            bare.finish();
            m_db->exec("TRUNCATE staging_connections");
        });
    }

    // A temporary table shaped like `like`, empty, for this connection's COPYs.
    void staging(std::string_view name, std::string_view like)
    {
        // Made again after a rollback took it back with the transaction that made it.
        m_db->exec(fmt::format("CREATE TEMPORARY TABLE IF NOT EXISTS {} (LIKE {})", name, like));
        m_db->exec(fmt::format("TRUNCATE {}", name));
    }

    std::optional<core::Days> connected_on(core::AccountId account, const std::string& person_key) override
    {
        auto r = m_db->query("SELECT connected_on FROM connections WHERE account_id = $1 AND person_key = $2",
                             Params().add(account.value).add(person_key));
        if (r.empty()) return std::nullopt;
        return core::Days{core::days{r.integer(0, 0)}};
    }

    void record_sightings(core::AccountId account, const std::vector<ingest::Sighting>& sightings,
                          core::ImportId import) override
    {
        if (sightings.empty()) return;
        std::unordered_map<std::int64_t, Instant> latest;  // a listing given twice: the later one
        for (const auto& s : sightings) latest[s.id.value] = s.at;
        std::string data;
        for (const auto& [id, at] : latest) {
            copy_field(data, id);
            data += '\t';
            copy_field(data, at);
            data += '\n';
        }
        atomically([&] {
            m_db->exec("CREATE TEMPORARY TABLE IF NOT EXISTS staging_seen (id bigint, at bigint)");
            m_db->exec("TRUNCATE staging_seen");
            m_db->copy_in("COPY staging_seen (id, at) FROM STDIN", data);
            const auto p = Params().add(import.value).add(account.value);
            // The listing before this import, once: a second part of the same import
            // must not pass its own for the earlier one.
            m_db->query(
                "INSERT INTO undo_seen SELECT $1, i.id, i.seen_at FROM invitations i JOIN staging_seen s ON s.id = "
                "i.id WHERE i.account_id = $2 AND i.import_id IS DISTINCT FROM $1 AND NOT EXISTS (SELECT 1 FROM "
                "undo_seen u WHERE u.import_id = $1 AND u.invitation_id = i.id)",
                p);
            m_db->query(
                "UPDATE invitations i SET seen_at = s.at FROM staging_seen s WHERE i.id = s.id AND i.account_id = $1",
                Params().add(account.value));
        });
    }

    void refine_invitations(core::AccountId account, const std::vector<ingest::Refinement>& refinements,
                            core::ImportId import) override
    {
        // A page holds at most a few thousand invitations: one statement each is plenty.
        atomically([&] {
            for (const auto& r : refinements) {
                // What it was before this import, once, as for a listing.
                m_db->query(
                    "INSERT INTO undo_refined SELECT $1, id, person_key, name, profile_url, sent_at, sent_earliest, "
                    "message FROM invitations WHERE id = $2 AND account_id = $3 AND import_id IS DISTINCT FROM $1 "
                    "AND NOT EXISTS (SELECT 1 FROM undo_refined WHERE import_id = $1 AND invitation_id = $2)",
                    Params().add(import.value).add(r.id.value).add(account.value));
                m_db->query(
                    "UPDATE invitations SET person_key = coalesce($1, person_key), name = coalesce($2, name), "
                    "profile_url = coalesce($3, profile_url), sent_at = $4, sent_earliest = $5, message = "
                    "coalesce($6, message) WHERE id = $7 AND account_id = $8",
                    Params()
                        .add(r.person ? std::optional<std::string>(r.person->key) : std::nullopt)
                        .add(r.person ? std::optional<std::string>(r.person->name) : std::nullopt)
                        .add(r.person ? std::optional<std::string>(r.person->profile_url) : std::nullopt)
                        .add(r.sent_at)
                        .add(r.sent_earliest)
                        .add(r.message)
                        .add(r.id.value)
                        .add(account.value));
            }
        });
    }

    bool record_page(core::AccountId account, const ingest::PageSnapshot& page, core::ImportId import) override
    {
        const std::string keys = join_lines(page.keys), names = join_lines(page.names);
        if (!m_db->query("SELECT 1 FROM sent_pages WHERE account_id = $1 AND saved_at = $2 AND keys = $3 AND names = $4",
                         Params().add(account.value).add(page.saved_at).add(keys).add(names))
                 .empty())
            return false;
        m_db->query(
            "INSERT INTO sent_pages (account_id, import_id, saved_at, source, keys, names) VALUES ($1, $2, $3, $4, $5, "
            "$6)",
            Params().add(account.value).add(import.value).add(page.saved_at).add(page.source).add(keys).add(names));
        return true;
    }

    bool record_snapshot(core::AccountId account, const ingest::Snapshot& snapshot, core::ImportId import) override
    {
        auto p = Params().add(account.value).add(snapshot.covers_from).add(snapshot.taken_by).add(snapshot.as_of);
        if (!m_db->query("SELECT 1 FROM snapshots WHERE account_id = $1 AND covers_from = $2 AND taken_by = $3 AND "
                         "as_of = $4",
                         p)
                 .empty())
            return false;
        m_db->query(
            "INSERT INTO snapshots (account_id, covers_from, taken_by, as_of, import_id) VALUES ($1, $2, $3, $4, $5)",
            p.add(import.value));
        return true;
    }

    // ---- invitations and their log ----

    // Ids come from the table's identity sequence, taken for the whole batch at
    // once; rows and their events go in by COPY. A repeated invitation fails the
    // identity index: the savepoint around the batch takes it back, and the repeat
    // is named after.
    core::Result<std::vector<core::InvitationId>> write_invitations(std::vector<ingest::NewInvitation> batch,
                                                                    const std::vector<size_t>& order,
                                                                    Instant recorded_at) override
    {
        std::vector<core::InvitationId> ids(batch.size());
        bool repeated = false;
        auto write = [&]() -> core::Result<void> {
            try {
                insert_invitations(batch, order, ids, recorded_at);
            } catch (const PgError& e) {
                if (e.sqlstate != "23505") throw;
                repeated = true;
                return core::fail(ErrorKind::conflict, "duplicate_invitation", "");
            }
            return {};
        };
        auto written = begin(write);
        if (!written) {
            if (repeated) return std::unexpected(duplicate_error(batch));
            return std::unexpected(written.error());
        }
        return ids;
    }

    // Names the invitation a refused batch repeats, the first in batch order: one
    // already in the ledger, or one given twice in the batch. The batch's rows are
    // gone (its savepoint was rolled back), so the ledger holds only earlier ones.
    core::Error duplicate_error(const std::vector<ingest::NewInvitation>& batch)
    {
        std::set<std::tuple<std::int64_t, core::Direction, std::string_view, Instant>> seen;
        for (const auto& n : batch) {
            const auto& inv = n.invitation;
            if (!m_db->query("SELECT 1 FROM invitations WHERE person_key = $1 AND account_id = $2 AND direction = $3 "
                             "AND sent_at = $4",
                             Params()
                                 .add(inv.person.key)
                                 .add(inv.account.value)
                                 .add(core::to_string(inv.direction))
                                 .add(inv.sent_at))
                     .empty())
                return ledger_rules::already_in_ledger(inv);
            if (!seen.emplace(inv.account.value, inv.direction, inv.person.key, inv.sent_at).second)
                return ledger_rules::given_twice(inv);
        }
        return core::Error{ErrorKind::internal, "store", "an invitation was refused by a database constraint"};
    }

    void insert_invitations(std::vector<ingest::NewInvitation>& batch, const std::vector<size_t>& order,
                            std::vector<core::InvitationId>& ids, Instant recorded_at)
    {
        if (batch.empty()) return;
        // The batch's ids, one block from the identity sequence: moved on past the
        // block in one call. Safe because every insert into invitations runs under
        // the write lock (this transaction holds it), so no other nextval can land
        // between the two calls; 1M nextval calls took 3.9 s.
        const auto count = static_cast<std::int64_t>(batch.size());
        const std::int64_t last = m_db->scalar(
            "SELECT setval(pg_get_serial_sequence('invitations', 'id'), "
            "nextval(pg_get_serial_sequence('invitations', 'id')) + $1 - 1)",
            Params().add(count));
        const std::int64_t first_id = last - count + 1;
        std::map<std::tuple<std::int64_t, core::Direction, core::Status>, std::int64_t> counts;
        std::string rows, events;
        rows.reserve(batch.size() * 200);
        const std::string recorded = std::to_string(recorded_at.time_since_epoch().count());
        for (size_t k = 0; k < order.size(); ++k) {
            auto& n = batch[order[k]];
            auto& inv = n.invitation;
            inv.id = core::InvitationId{first_id + static_cast<std::int64_t>(k)};
            ids[order[k]] = inv.id;
            ++counts[{inv.account.value, inv.direction, inv.status}];
            const auto& sent = n.events.front();
            copy_field(rows, inv.id.value);
            rows += '\t';
            copy_field(rows, inv.account.value);
            rows += '\t';
            rows += core::to_string(inv.direction);
            for (std::string_view v : {std::string_view(inv.person.key), std::string_view(inv.person.name),
                                       std::string_view(inv.person.profile_url)}) {
                rows += '\t';
                copy_field(rows, v);
            }
            rows += '\t';
            copy_field(rows, inv.sent_at);
            rows += '\t';
            copy_field(rows, inv.message);
            rows += '\t';
            copy_field(rows, sent.source);
            rows += '\t';
            rows += recorded;
            rows += '\t';
            rows += core::to_string(inv.status);
            rows += '\t';
            if (inv.status_at)
                copy_field(rows, *inv.status_at);
            else
                copy_null(rows);
            rows += inv.accidental ? "\tt" : "\tf";
            rows += inv.keep ? "\tt\t" : "\tf\t";
            copy_field(rows, inv.template_name);
            rows += '\t';
            if (n.seen_at)
                copy_field(rows, *n.seen_at);
            else
                copy_null(rows);
            rows += '\t';
            if (sent.import)
                copy_field(rows, sent.import->value);
            else
                copy_null(rows);
            rows += '\t';
            if (inv.sent_earliest)
                copy_field(rows, *inv.sent_earliest);
            else
                copy_null(rows);
            rows += '\n';
            for (size_t e = 1; e < n.events.size(); ++e) {  // the first, `sent`, is the row itself
                const auto& ev = n.events[e];
                copy_field(events, inv.account.value);
                events += '\t';
                copy_field(events, inv.id.value);
                events += '\t';
                events += core::to_string(ev.kind);
                events += '\t';
                copy_field(events, ev.at);
                events += '\t';
                events += recorded;
                events += '\t';
                copy_field(events, ev.source);
                events += '\t';
                if (ev.import)
                    copy_field(events, ev.import->value);
                else
                    copy_null(events);
                events += '\n';
            }
        }
        // A first load (a batch at least as large as the whole table holds: a new
        // team database, or its first member's long history) loads each table bare
        // (FirstLoad). A repeated invitation then fails the identity index's build,
        // and the batch's savepoint brings every index back.
        const size_t event_rows = static_cast<size_t>(std::count(events.begin(), events.end(), '\n'));
        const size_t to_write = batch.size() + event_rows;
        auto indexing = [&](size_t done, size_t total) { report("indexing", done, total); };
        {
            FirstLoad bare(*m_db, "invitations", batch.size());
            report("writing", 0, to_write);
            m_db->copy_in(
                "COPY invitations (id, account_id, direction, person_key, name, profile_url, sent_at, message, source, "
                "recorded_at, status, status_at, accidental, keep, template, seen_at, import_id, sent_earliest) FROM STDIN",
                rows);
            rows = {};
            report("writing", batch.size(), to_write);
            bare.finish(indexing);
        }
        if (!events.empty()) {
            FirstLoad bare(*m_db, "events", event_rows);
            m_db->copy_in(
                "COPY events (account_id, invitation_id, kind, at, recorded_at, source, import_id) FROM STDIN", events);
            report("writing", to_write, to_write);
            bare.finish(indexing);
        }
        for (const auto& [key, n] : counts) {
            const auto& [account, direction, status] = key;
            m_db->query(
                "INSERT INTO invitation_counts VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, direction, status) "
                "DO UPDATE SET n = invitation_counts.n + excluded.n",
                Params().add(account).add(core::to_string(direction)).add(core::to_string(status)).add(n));
        }
    }

    void save_projection(const core::Invitation& inv)
    {
        m_db->query("UPDATE invitations SET status = $1, status_at = $2, accidental = $3, keep = $4 WHERE id = $5",
                    Params()
                        .add(core::to_string(inv.status))
                        .add(inv.status_at)
                        .add(inv.accidental)
                        .add(inv.keep)
                        .add(inv.id.value));
    }

    void insert_event(core::AccountId account, core::InvitationId id, const core::Event& e, Instant recorded_at)
    {
        m_db->query(
            "INSERT INTO events (account_id, invitation_id, kind, at, recorded_at, source, import_id) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            Params()
                .add(account.value)
                .add(id.value)
                .add(core::to_string(e.kind))
                .add(e.at)
                .add(recorded_at)
                .add(e.source)
                .add(import_value(e.import)));
    }

    void write_event(const core::Invitation& updated, const core::Event& event, Instant recorded_at) override
    {
        // Inside a caller's transaction (an import recording 600,000 acceptances) no
        // savepoint of its own: one each would cost a subtransaction per event.
        if (m_depth > 0) {
            save_projection(updated);
            insert_event(updated.account, updated.id, event, recorded_at);
            return;
        }
        atomically([&] {
            save_projection(updated);
            insert_event(updated.account, updated.id, event, recorded_at);
        });
    }

    std::optional<core::Invitation> invitation(core::AccountId account, core::InvitationId id) override
    {
        auto r =
            m_db->query(fmt::format("SELECT {} FROM invitations WHERE account_id = $1 AND id = $2", kInvitationColumns),
                        Params().add(account.value).add(id.value));
        if (r.empty()) return std::nullopt;
        return read_invitation(r, 0);
    }

    // "WHERE ..." for a query, with its parameters.
    static std::string where(core::AccountId account, const InvitationQuery& q, Params& p)
    {
        p.add(account.value);
        std::string sql = " WHERE account_id = $1";
        auto next = [&] { return fmt::format("${}", p.size()); };
        if (q.direction) {
            p.add(core::to_string(*q.direction));
            sql += " AND direction = " + next();
        }
        // Without a status or a person, every status is named, so that a range of
        // sending times is read from the by-status index (PostgreSQL 15 cannot skip
        // over its status column), a short range in each of its runs.
        if (q.status) {
            p.add(core::to_string(*q.status));
            sql += " AND status = " + next();
        } else if (!q.person_key) {
            sql += " AND status IN (" + all_statuses_sql() + ")";
        }
        if (q.sent_from) {
            p.add(*q.sent_from);
            sql += " AND sent_at >= " + next();
        }
        if (q.sent_before) {
            p.add(*q.sent_before);
            sql += " AND sent_at < " + next();
        }
        if (q.status_from) {
            p.add(*q.status_from);
            sql += " AND status_at >= " + next();
        }
        if (q.person_key) {
            p.add(*q.person_key);
            sql += " AND person_key = " + next();
        }
        return sql;
    }

    std::vector<core::Invitation> invitations(core::AccountId account, const InvitationQuery& q) override
    {
        if (q.limit && !q.status && !q.person_key) return newest_of_every_status(account, q);
        return invitations_in_order(account, q);
    }

    // The first `limit` in sending order across statuses: as many from each status's
    // run of the by-status index, merged. "The newest 3,000" of a million-row history
    // then reads at most 15,000 index entries, not the whole account.
    std::vector<core::Invitation> newest_of_every_status(core::AccountId account, const InvitationQuery& q)
    {
        std::vector<core::Invitation> out;
        for (auto status : core::kAllStatuses) {
            InvitationQuery one = q;
            one.status = status;
            auto run = invitations_in_order(account, one);
            out.insert(out.end(), std::make_move_iterator(run.begin()), std::make_move_iterator(run.end()));
        }
        auto first = [&](const core::Invitation& a, const core::Invitation& b) {
            const auto ka = std::pair{a.sent_at, a.id.value};
            const auto kb = std::pair{b.sent_at, b.id.value};
            return q.newest_first ? kb < ka : ka < kb;
        };
        std::sort(out.begin(), out.end(), first);
        if (out.size() > static_cast<size_t>(*q.limit)) out.resize(static_cast<size_t>(*q.limit));
        return out;
    }

    std::vector<core::Invitation> invitations_in_order(core::AccountId account, const InvitationQuery& q)
    {
        Params p;
        const char* order = q.newest_first ? "DESC" : "ASC";
        std::string sql = fmt::format("SELECT {} FROM invitations{} ORDER BY sent_at {}, id {}", kInvitationColumns,
                                      where(account, q, p), order, order);
        if (q.limit) {
            p.add(std::int64_t{*q.limit});
            sql += fmt::format(" LIMIT ${}", p.size());
        }
        auto r = m_db->query(sql, p);
        std::vector<core::Invitation> out;
        out.reserve(static_cast<size_t>(r.size()));
        for (int i = 0; i < r.size(); ++i) out.push_back(read_invitation(r, i));
        return out;
    }

    long count_invitations(core::AccountId account, const InvitationQuery& q) override
    {
        // Counts over a long history come from invitation_counts: "sent before t" is
        // the total less the (recent, short) range from t on.
        if (q.direction && !q.person_key && !q.sent_from && !q.status_from) {
            Params p;
            p.add(account.value).add(core::to_string(*q.direction));
            std::string sql =
                "SELECT coalesce(sum(n), 0) FROM invitation_counts WHERE account_id = $1 AND direction = $2";
            if (q.status) {
                p.add(core::to_string(*q.status));
                sql += " AND status = $3";
            }
            const long total = static_cast<long>(m_db->scalar(sql, p));
            if (!q.sent_before) return total;
            InvitationQuery rest = q;
            rest.sent_from = q.sent_before;
            rest.sent_before.reset();
            return total - count_range(account, rest);
        }
        return count_range(account, q);
    }

    long count_range(core::AccountId account, const InvitationQuery& q)
    {
        Params p;
        const std::string sql = "SELECT count(*) FROM invitations" + where(account, q, p);
        return static_cast<long>(m_db->scalar(sql, p));
    }

    // The log in recording order: each invitation's own row is its `sent` event (id
    // 0), followed by the rows of the events table; within one recording instant,
    // invitation by invitation.
    std::vector<StoredEvent> events(core::AccountId account, std::optional<core::InvitationId> id) override
    {
        Params p;
        p.add(account.value);
        if (id) p.add(id->value);
        auto r = m_db->query(
            id ? "SELECT 0::bigint, id, 'sent'::text, sent_at, source, recorded_at, 0, import_id FROM invitations "
                 "WHERE account_id = $1 AND id = $2 UNION ALL SELECT id, invitation_id, kind, at, source, "
                 "recorded_at, 1, import_id FROM events WHERE account_id = $1 AND invitation_id = $2 "
                 "ORDER BY 6, 2, 7, 1"
               : "SELECT 0::bigint, id, 'sent'::text, sent_at, source, recorded_at, 0, import_id FROM invitations "
                 "WHERE account_id = $1 UNION ALL SELECT id, invitation_id, kind, at, source, recorded_at, 1, "
                 "import_id FROM events WHERE account_id = $1 ORDER BY 6, 2, 7, 1",
            p);
        std::vector<StoredEvent> out;
        out.reserve(static_cast<size_t>(r.size()));
        for (int i = 0; i < r.size(); ++i) {
            core::Event event{core::event_kind_from_string(r.text(i, 2)).value_or(core::EventKind::sent),
                              r.instant(i, 3), r.text(i, 4)};
            if (!r.is_null(i, 7)) event.import = core::ImportId{r.integer(i, 7)};
            out.push_back(
                StoredEvent{r.integer(i, 0), core::InvitationId{r.integer(i, 1)}, std::move(event), r.instant(i, 5)});
        }
        return out;
    }

    std::vector<StoredEvent> recent_changes(core::AccountId account, long limit) override
    {
        static const std::string sql = fmt::format(
            "(SELECT id, invitation_id, kind, at, source, recorded_at, 1 AS mark FROM events "
            "WHERE account_id = $1 AND import_id IS NULL AND {0} ORDER BY recorded_at DESC, id DESC LIMIT $2) "
            "UNION ALL (SELECT 0::bigint, id, 'sent'::text, sent_at, source, recorded_at, 0 FROM invitations "
            "WHERE account_id = $1 AND import_id IS NULL AND {0} ORDER BY recorded_at DESC, id DESC LIMIT $2) "
            "ORDER BY 6 DESC, 7 DESC, 1 DESC, 2 DESC LIMIT $2",
            kMadeHereSql);
        auto r = m_db->query(sql, Params().add(account.value).add(static_cast<std::int64_t>(limit)));
        std::vector<StoredEvent> out;
        for (int i = 0; i < r.size(); ++i)
            out.push_back(
                StoredEvent{r.integer(i, 0), core::InvitationId{r.integer(i, 1)},
                            core::Event{core::event_kind_from_string(r.text(i, 2)).value_or(core::EventKind::sent),
                                        r.instant(i, 3), r.text(i, 4)},
                            r.instant(i, 5)});
        return out;
    }

    std::optional<Instant> last_event_at(core::AccountId account, core::EventKind kind) override
    {
        // Sent events are the invitations' own rows: the newest of each direction and
        // status is one step down the by-status index.
        if (kind == core::EventKind::sent) {
            static const std::string sql = [] {
                std::string parts;
                for (auto direction : {core::Direction::outgoing, core::Direction::incoming})
                    for (auto status : core::kAllStatuses)
                        parts += fmt::format(
                            "{}(SELECT max(sent_at) AS m FROM invitations WHERE account_id = $1 AND direction = '{}' "
                            "AND status = '{}')",
                            parts.empty() ? "" : " UNION ALL ", core::to_string(direction), core::to_string(status));
                return "SELECT max(m) FROM (" + parts + ") newest";
            }();
            auto r = m_db->query(sql, Params().add(account.value));
            return r.optional_instant(0, 0);
        }
        auto r = m_db->query("SELECT max(at) FROM events WHERE account_id = $1 AND kind = $2",
                             Params().add(account.value).add(core::to_string(kind)));
        return r.optional_instant(0, 0);
    }

    // ---- imports ----

    core::ImportId begin_import(core::AccountId account, Instant at) override
    {
        return core::ImportId{
            m_db->scalar("INSERT INTO imports (account_id, at, sources, summary) VALUES ($1, $2, '', '') RETURNING id",
                         Params().add(account.value).add(at))};
    }

    void finish_import(core::ImportId id, const ImportRecord& r) override
    {
        m_db->query("UPDATE imports SET at = $1, sources = $2, summary = $3 WHERE id = $4",
                    Params().add(r.at).add(r.sources).add(r.summary).add(id.value));
    }

    void forget_import(core::ImportId id) override
    {
        m_db->query("DELETE FROM imports WHERE id = $1", Params().add(id.value));
    }

    core::Result<UndoneImport> undo_last_import(core::AccountId account, Instant at) override
    {
        UndoneImport undone;
        {
            auto last = m_db->query(
                "SELECT id, at, sources FROM imports WHERE account_id = $1 AND undone_at IS NULL ORDER BY id DESC "
                "LIMIT 1",
                Params().add(account.value));
            if (last.empty()) return core::fail(ErrorKind::conflict, "nothing_to_undo", "there is no import to undo");
            undone.id = core::ImportId{last.integer(0, 0)};
            undone.at = last.instant(0, 1);
            undone.sources = last.text(0, 2);
        }
        const auto both = Params().add(account.value).add(undone.id.value);

        // A mark on an invitation the import added would go with it: refused, unless
        // the marks since cancel out (a mark and its undo).
        {
            auto marked = m_db->query(
                "SELECT DISTINCT i.id FROM events e JOIN invitations i ON i.id = e.invitation_id "
                "WHERE i.account_id = $1 AND i.import_id = $2 AND e.import_id IS DISTINCT FROM $2 ORDER BY i.id",
                both);
            for (int k = 0; k < marked.size(); ++k) {
                const core::InvitationId invitation{marked.integer(k, 0)};
                auto inv = this->invitation(account, invitation);
                if (!inv) continue;
                std::vector<core::Event> log;
                for (auto& stored : events(account, invitation)) log.push_back(std::move(stored.event));
                if (auto r = ledger_rules::may_remove_added(*inv, log, undone.id); !r)
                    return std::unexpected(r.error());
            }
        }

        // The invitations it added, with their events and their counts.
        {
            auto counted = m_db->query(
                "SELECT direction, status, count(*) FROM invitations WHERE account_id = $1 AND import_id = $2 "
                "GROUP BY direction, status",
                both);
            for (int k = 0; k < counted.size(); ++k) {
                m_db->query(
                    "UPDATE invitation_counts SET n = n - $1 WHERE account_id = $2 AND direction = $3 AND status = $4",
                    Params()
                        .add(counted.integer(k, 2))
                        .add(account.value)
                        .add(counted.text(k, 0))
                        .add(counted.text(k, 1)));
                undone.invitations_removed += static_cast<long>(counted.integer(k, 2));
            }
        }
        m_db->query(
            "DELETE FROM events WHERE invitation_id IN (SELECT id FROM invitations WHERE account_id = $1 AND "
            "import_id = $2)",
            both);
        m_db->query("DELETE FROM invitations WHERE account_id = $1 AND import_id = $2", both);

        // The sent times it told of invitations a Sent page added: as they were.
        const long refinements_undone =
            m_db->query(
                    "UPDATE invitations i SET person_key = u.person_key, name = u.name, profile_url = u.profile_url, "
                    "sent_at = u.sent_at, sent_earliest = u.sent_earliest, message = u.message FROM undo_refined u "
                    "WHERE u.import_id = $2 AND u.invitation_id = i.id AND i.account_id = $1",
                    both)
                .affected();

        // What it concluded about the others: their state again from the log without it.
        std::vector<core::InvitationId> concluded;
        {
            auto r = m_db->query(
                "SELECT DISTINCT invitation_id FROM events WHERE account_id = $1 AND import_id = $2 "
                "ORDER BY 1",
                both);
            for (int k = 0; k < r.size(); ++k) concluded.push_back(core::InvitationId{r.integer(k, 0)});
        }
        undone.findings_undone =
            m_db->query("DELETE FROM events WHERE account_id = $1 AND import_id = $2", both).affected() +
            refinements_undone;
        for (auto invitation : concluded) {
            auto inv = this->invitation(account, invitation);
            if (!inv) continue;
            std::vector<core::Event> log;
            for (auto& stored : events(account, invitation)) log.push_back(std::move(stored.event));
            if (auto r = ledger_rules::replay_without_import(*inv, log); !r) return std::unexpected(r.error());
            save_projection(*inv);
        }

        // Its listings, back to the ones before it.
        undone.sightings_undone =
            m_db->query(
                    "UPDATE invitations i SET seen_at = u.seen_at FROM undo_seen u WHERE u.import_id = $2 AND "
                    "u.invitation_id = i.id AND i.account_id = $1",
                    both)
                .affected();

        // The connections it wrote: removed, and those it replaced put back.
        const long written =
            m_db->query("DELETE FROM connections WHERE account_id = $1 AND import_id = $2", both).affected();
        undone.connections_restored =
            m_db->query(
                    "INSERT INTO connections (account_id, person_key, first_name, last_name, profile_url, email, "
                    "company, position, connected_on, listed_at, import_id) SELECT account_id, person_key, "
                    "first_name, last_name, profile_url, email, company, position, connected_on, listed_at, "
                    "written_by FROM undo_connections WHERE import_id = $1",
                    Params().add(undone.id.value))
                .affected();
        undone.connections_removed = written - undone.connections_restored;

        undone.snapshots_removed =
            m_db->query("DELETE FROM snapshots WHERE account_id = $1 AND import_id = $2", both).affected();
        m_db->query("DELETE FROM sent_pages WHERE account_id = $1 AND import_id = $2", both);
        m_db->query("DELETE FROM undo_seen WHERE import_id = $1", Params().add(undone.id.value));
        m_db->query("DELETE FROM undo_refined WHERE import_id = $1", Params().add(undone.id.value));
        m_db->query("DELETE FROM undo_connections WHERE import_id = $1", Params().add(undone.id.value));
        m_db->query("UPDATE imports SET undone_at = $1 WHERE id = $2", Params().add(at).add(undone.id.value));
        return undone;
    }

    ChangeToken change_token() override { return ChangeToken{{m_db->scalar("SELECT n FROM ledger_changes"), 0}}; }

    // ---- the outreach queue ----

    std::vector<core::ProspectId> add_prospects(core::AccountId account,
                                                const std::vector<core::Prospect>& prospects) override
    {
        std::vector<core::ProspectId> ids;
        atomically([&] {
            for (const auto& p : prospects)
                ids.push_back(core::ProspectId{m_db->scalar(
                    "INSERT INTO prospects (account_id, person_key, name, profile_url, first_name, company, note, "
                    "template, zone, priority, vars, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                    "$12) RETURNING id",
                    Params()
                        .add(account.value)
                        .add(p.person.key)
                        .add(p.person.name)
                        .add(p.person.profile_url)
                        .add(p.first_name)
                        .add(p.company)
                        .add(p.note)
                        .add(p.template_name)
                        .add(p.zone)
                        .add(std::int64_t{p.priority})
                        .add(nlohmann::json(p.vars).dump())
                        .add(p.added_at))});
        });
        return ids;
    }

    std::vector<core::Prospect> prospects(core::AccountId account) override
    {
        auto r = m_db->query(
            "SELECT id, person_key, name, profile_url, first_name, company, note, template, zone, priority, vars, "
            "added_at FROM prospects WHERE account_id = $1 ORDER BY priority DESC, id",
            Params().add(account.value));
        std::vector<core::Prospect> out;
        out.reserve(static_cast<size_t>(r.size()));
        for (int i = 0; i < r.size(); ++i) {
            core::Prospect p;
            p.id = core::ProspectId{r.integer(i, 0)};
            p.account = account;
            p.person = core::Person{r.text(i, 1), r.text(i, 2), r.text(i, 3)};
            p.first_name = r.text(i, 4);
            p.company = r.text(i, 5);
            p.note = r.optional_text(i, 6);
            p.template_name = r.optional_text(i, 7);
            p.zone = r.optional_text(i, 8);
            p.priority = static_cast<long>(r.integer(i, 9));
            auto vars = nlohmann::json::parse(r.view(i, 10), nullptr, false);
            if (vars.is_object())
                for (const auto& [k, v] : vars.items())
                    if (v.is_string()) p.vars[k] = v.get<std::string>();
            p.added_at = r.instant(i, 11);
            out.push_back(std::move(p));
        }
        return out;
    }

    long remove_prospects(core::AccountId account, const std::string& person_key) override
    {
        return m_db
            ->query("DELETE FROM prospects WHERE account_id = $1 AND person_key = $2",
                    Params().add(account.value).add(person_key))
            .affected();
    }

    void set_template(core::AccountId account, const core::Template& t) override
    {
        m_db->query(
            "INSERT INTO templates (account_id, name, text, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT "
            "(account_id, name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            Params().add(account.value).add(t.name).add(t.text).add(t.updated_at));
    }

    std::vector<core::Template> templates(core::AccountId account) override
    {
        auto r = m_db->query("SELECT name, text, updated_at FROM templates WHERE account_id = $1 ORDER BY name",
                             Params().add(account.value));
        std::vector<core::Template> out;
        for (int i = 0; i < r.size(); ++i) out.push_back(core::Template{r.text(i, 0), r.text(i, 1), r.instant(i, 2)});
        return out;
    }

    bool remove_template(core::AccountId account, const std::string& name) override
    {
        return m_db->query("DELETE FROM templates WHERE account_id = $1 AND name = $2",
                           Params().add(account.value).add(name))
                   .affected() > 0;
    }

    bool add_do_not_contact(core::AccountId account, const core::DoNotContact& entry) override
    {
        return m_db->query(
                       "INSERT INTO do_not_contact (account_id, person_key, name, profile_url, added_at) VALUES ($1, "
                       "$2, $3, $4, $5) ON CONFLICT (account_id, person_key) DO NOTHING",
                       Params()
                           .add(account.value)
                           .add(entry.person.key)
                           .add(entry.person.name)
                           .add(entry.person.profile_url)
                           .add(entry.added_at))
                   .affected() > 0;
    }

    bool remove_do_not_contact(core::AccountId account, const std::string& person_key) override
    {
        return m_db->query("DELETE FROM do_not_contact WHERE account_id = $1 AND person_key = $2",
                           Params().add(account.value).add(person_key))
                   .affected() > 0;
    }

    std::vector<core::DoNotContact> do_not_contact(core::AccountId account) override
    {
        auto r = m_db->query(
            "SELECT person_key, name, profile_url, added_at FROM do_not_contact WHERE account_id = $1 "
            "ORDER BY added_at, person_key",
            Params().add(account.value));
        std::vector<core::DoNotContact> out;
        for (int i = 0; i < r.size(); ++i)
            out.push_back(core::DoNotContact{core::Person{r.text(i, 0), r.text(i, 1), r.text(i, 2)}, r.instant(i, 3)});
        return out;
    }

    void record_account_event(core::AccountId account, const core::AccountEvent& e) override
    {
        m_db->query(
            "INSERT INTO account_events (account_id, kind, at, person_key, source, recorded_at) VALUES ($1, $2, $3, "
            "$4, $5, $6)",
            Params()
                .add(account.value)
                .add(core::to_string(e.kind))
                .add(e.at)
                .add(e.person_key)
                .add(e.source)
                .add(e.recorded_at));
    }

    bool undo_account_event(core::AccountId account, std::int64_t id, Instant at) override
    {
        return m_db->query(
                       "UPDATE account_events SET undone_at = $1 WHERE account_id = $2 AND id = $3 AND undone_at IS "
                       "NULL",
                       Params().add(at).add(account.value).add(id))
                   .affected() > 0;
    }

    std::vector<core::AccountEvent> account_events(core::AccountId account,
                                                   std::optional<core::AccountEventKind> kind) override
    {
        Params p;
        p.add(account.value);
        if (kind) p.add(core::to_string(*kind));
        auto r = m_db->query(kind ? "SELECT id, kind, at, person_key, source, recorded_at FROM account_events WHERE "
                                    "account_id = $1 AND undone_at IS NULL AND kind = $2 ORDER BY at, id"
                                  : "SELECT id, kind, at, person_key, source, recorded_at FROM account_events WHERE "
                                    "account_id = $1 AND undone_at IS NULL ORDER BY at, id",
                             p);
        std::vector<core::AccountEvent> out;
        for (int i = 0; i < r.size(); ++i) {
            core::AccountEvent e;
            e.id = r.integer(i, 0);
            e.kind = core::account_event_kind_from_string(r.text(i, 1)).value_or(core::AccountEventKind::restricted);
            e.at = r.instant(i, 2);
            e.person_key = r.optional_text(i, 3);
            e.source = r.text(i, 4);
            e.recorded_at = r.instant(i, 5);
            out.push_back(std::move(e));
        }
        return out;
    }

    // ---- moving a whole ledger (store/copy.h) ----

    std::vector<Row> read_table(const TableSpec& table) override
    {
        auto r =
            m_db->query(fmt::format("SELECT {} FROM {} ORDER BY {}", column_list(table), table.name, table.order_by));
        std::vector<Row> out;
        out.reserve(static_cast<size_t>(r.size()));
        for (int i = 0; i < r.size(); ++i) {
            Row row(table.columns.size());
            for (size_t c = 0; c < table.columns.size(); ++c) {
                const int col = static_cast<int>(c);
                if (r.is_null(i, col)) continue;
                row[c] = table.columns[c].type == ColumnType::boolean ? std::string(r.boolean(i, col) ? "1" : "0")
                                                                      : r.text(i, col);
            }
            out.push_back(std::move(row));
        }
        return out;
    }

    void write_table(const TableSpec& table, const std::vector<Row>& rows) override
    {
        if (rows.empty()) return;
        std::string data;
        for (const auto& row : rows) {
            for (size_t c = 0; c < row.size(); ++c) {
                if (c) data += '\t';
                if (row[c])
                    copy_field(data, std::string_view(*row[c]));  // a boolean's "1" or "0" reads as one
                else
                    copy_null(data);
            }
            data += '\n';
        }
        // Into a new team database a ledger moves bare, as a first import does: 1M
        // invitations' COPY 25.4 s -> 3.3 s plus 2.8 s of index builds
        // (docs/performance.md, "A team's database").
        FirstLoad bare(*m_db, table.name, rows.size());
        m_db->copy_in(fmt::format("COPY {} ({}) FROM STDIN", table.name, column_list(table)), data);
        bare.finish();
    }

    std::int64_t largest_id(const TableSpec& table) override
    {
        return m_db->scalar(fmt::format("SELECT coalesce(max(id), 0) FROM {}", table.name));
    }

    // Rows came with their ids: each identity sequence moves past its table's largest.
    void after_copy() override
    {
        for (const auto& table : ledger_tables())
            if (table.columns.front().name == "id")
                m_db->exec(
                    fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), coalesce(max(id), 0) + 1, "
                                "false) FROM {0}",
                                table.name));
    }

private:
    std::unique_ptr<Connection> m_db;
    int m_depth = 0;  // transactions open on this connection
};

}  // namespace

core::Result<std::unique_ptr<Store>> open_postgres(const std::string& uri)
{
    auto db = Connection::open(uri);
    if (!db) return std::unexpected(db.error());
    if (auto migrated = migrate(**db); !migrated) return std::unexpected(migrated.error());
    return std::unique_ptr<Store>(std::make_unique<PgStore>(std::move(*db)));
}

}  // namespace ik::store::postgres
