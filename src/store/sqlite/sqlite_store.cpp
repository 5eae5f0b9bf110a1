// The SQLite store: one file, WAL mode, the schema's migrations (schema.cpp), bulk
// loads that rebuild indexes by sorting.
#include "store/sqlite/sqlite_store.h"

#include "store/ledger_rules.h"
#include "store/sql.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/statement.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace ik::store::sqlite {

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kCacheKiB = 256 * 1024;    // the page cache: a first import's pages stay in it
constexpr int kSortCacheKiB = 8 * 1024;  // while an index is built by sorting (IndexRebuild)
constexpr std::string_view kJournalMode = "PRAGMA journal_mode = WAL";

constexpr std::string_view kInvitationColumns =
    "id, account_id, direction, person_key, name, profile_url, sent_at, message, status, status_at, accidental, keep, "
    "template, sent_earliest";

core::Invitation read_invitation(const Use& use)
{
    const Statement& s = use.get();
    core::Invitation inv;
    inv.id = core::InvitationId{s.integer(0)};
    inv.account = core::AccountId{s.integer(1)};
    inv.direction = core::direction_from_string(s.text(2)).value_or(core::Direction::outgoing);
    inv.person = core::Person{s.text(3), s.text(4), s.text(5)};
    inv.sent_at = s.instant(6);
    inv.message = s.text(7);
    inv.status = core::status_from_string(s.text(8)).value_or(core::Status::pending);
    if (!s.is_null(9)) inv.status_at = s.instant(9);
    inv.accidental = s.integer(10) != 0;
    inv.keep = s.integer(11) != 0;
    inv.template_name = s.text(12);
    if (!s.is_null(13)) inv.sent_earliest = s.instant(13);
    return inv;
}

class SqliteStore final : public Store {
public:
    SqliteStore(sqlite3* db, bool in_memory) : m_db(db), m_in_memory(in_memory)
    {
        // Every commit of this connection, a statement's own or a transaction's: what
        // change_token() adds to data_version, which counts only the others'. A
        // commit that then fails is counted too: a change token that moves without a
        // change only costs a cache entry.
        sqlite3_commit_hook(
            m_db,
            [](void* self) {
                ++static_cast<SqliteStore*>(self)->m_commits;
                return 0;
            },
            this);
    }
    ~SqliteStore() override
    {
        m_statements.clear();
        sqlite3_close_v2(m_db);
    }

    void exec(std::string_view sql)
    {
        char* err = nullptr;
        if (int rc = sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
            std::string message = err ? err : "unknown error";
            sqlite3_free(err);
            // A unique index built over rows that repeat a key (a bulk load's rebuild).
            if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(fmt::format("SQL failed: {}", message));
            throw StoreError(rc, fmt::format("SQL failed: {}", message), m_db);
        }
    }

    bool has_rows(std::string_view sql) { return stmt(sql).step(); }
    // The page cache's size: kCacheKiB, or kSortCacheKiB while indexes are built.
    void set_cache_kib(int kib) { exec(fmt::format("PRAGMA cache_size = -{}", kib)); }
    // The first column of the first row of a query without parameters.
    std::int64_t scalar(std::string_view sql)
    {
        auto s = stmt(sql);
        s.step();
        return s.integer(0);
    }

    Use stmt(std::string_view sql) { return Use(prepared(sql)); }
    // The cached statement for `sql`, reset, for a Use.
    Statement& prepared(std::string_view sql)
    {
        auto it = m_statements.find(sql);
        if (it == m_statements.end())
            it = m_statements.emplace(std::string(sql), std::make_unique<Statement>(m_db, sql)).first;
        return it->second->reset();
    }

    // A transaction on a connection with none open begins one that takes the write
    // lock at once (BEGIN IMMEDIATE), so that it never reads a state another writer
    // changes before it writes. One begun inside another is a savepoint: its error
    // takes back only what its `fn` wrote, and the caller decides the rest. SQLite may
    // have ended the whole transaction itself (a full disk): then there is nothing
    // left to go back to.
    core::Result<void> begin(const std::function<core::Result<void>()>& fn)
    {
        const bool outer = m_depth == 0;
        try {
            exec(outer ? "BEGIN IMMEDIATE" : "SAVEPOINT nested");
        } catch (const StoreError& e) {
            return std::unexpected(e.error());
        }
        auto undo = [&]() noexcept {
            if (outer) return rollback();
            if (sqlite3_get_autocommit(m_db)) return;
            sqlite3_exec(m_db, "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
        };
        core::Result<void> result;
        try {
            const Depth inside(m_depth);
            result = fn();
        } catch (const StoreError& e) {
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
            exec(outer ? "COMMIT" : "RELEASE nested");
        } catch (const StoreError& e) {
            undo();
            return std::unexpected(e.error());
        }
        return result;
    }

    // Counts the transactions open on this connection while `fn` runs.
    struct Depth {
        explicit Depth(int& depth) : m_depth(depth) { ++m_depth; }
        ~Depth() { --m_depth; }
        Depth(const Depth&) = delete;
        Depth& operator=(const Depth&) = delete;
        int& m_depth;
    };

    // Ends the open transaction, if any, keeping nothing of it. SQLite rolls back by
    // itself after some failures (a full disk, an I/O error): then there is nothing
    // to end, and the failure that caused it is the one to report.
    void rollback() noexcept
    {
        if (sqlite3_get_autocommit(m_db)) return;
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }

    // A first load writes a few hundred megabytes. In WAL mode every page goes to the
    // WAL at commit and then again into the database by the checkpoint; through a
    // rollback journal it is written once, and the journal holds only the few pages
    // the empty database had (new pages past its end need no copy). Leaving WAL needs
    // the database to itself: with another connection open (`serve`), the load runs
    // in WAL mode as any transaction. On an error the rollback restores every page;
    // the way back to WAL then rewrites the header's change counter, so after an
    // error inside such a load only SQLite's bookkeeping in bytes 24-27 and 92-95
    // differs. An import's bad data never gets that far: its files are parsed before
    // the transaction and reconciliation drops repeated rows, so into an empty ledger
    // only an I/O error can fail it.
    core::Result<void> run_transaction(const TransactionOptions& options,
                                       const std::function<core::Result<void>()>& fn) override
    {
        if (m_in_memory || m_depth > 0 || options.expected_invitations < kBulkRows ||
            has_rows("SELECT 1 FROM invitations"))
            return begin(fn);
        class RollbackJournal {
        public:
            explicit RollbackJournal(SqliteStore& store) : m_store(store)
            {
                // No waiting for other connections: if there are any, stay in WAL.
                sqlite3_busy_timeout(m_store.m_db, 0);
                try {
                    auto mode = m_store.stmt("PRAGMA journal_mode = DELETE");
                    m_left_wal = mode.step() && mode.text(0) == "delete";
                } catch (const StoreError&) {
                    m_left_wal = false;
                }
                sqlite3_busy_timeout(m_store.m_db, kBusyTimeoutMs);
                // FULL: the journal is synced before any page of the database is overwritten.
                if (m_left_wal) m_store.exec("PRAGMA synchronous = FULL");
            }
            ~RollbackJournal()
            {
                if (!m_left_wal) return;
                try {
                    m_store.exec("PRAGMA synchronous = NORMAL");
                    m_store.exec(std::string(kJournalMode));
                } catch (const StoreError&) {
                    // Still a valid database in rollback-journal mode; the next open returns it to WAL.
                }
            }
            RollbackJournal(const RollbackJournal&) = delete;
            RollbackJournal& operator=(const RollbackJournal&) = delete;

        private:
            SqliteStore& m_store;
            bool m_left_wal = false;
        };
        RollbackJournal journal(*this);
        return begin(fn);
    }

    core::Result<core::AccountId> create_account(const std::string& name, Instant at) override
    {
        auto s = stmt("SELECT id FROM accounts WHERE name = ?");
        s.bind(name);
        if (s.step())
            return core::fail(ErrorKind::conflict, "account_exists",
                              fmt::format("an account named \"{}\" exists", name));
        stmt("INSERT INTO accounts (name, created_at) VALUES (?, ?)").bind(name).bind(at).run();
        return core::AccountId{sqlite3_last_insert_rowid(m_db)};
    }

    std::vector<Account> accounts() override
    {
        std::vector<Account> out;
        auto s = stmt("SELECT id, name, created_at FROM accounts ORDER BY id");
        while (s.step()) out.push_back(Account{core::AccountId{s.integer(0)}, s.text(1), s.instant(2)});
        return out;
    }

    std::map<std::string, std::string> account_settings(core::AccountId account) override
    {
        std::map<std::string, std::string> out;
        auto s = stmt("SELECT key, value FROM account_settings WHERE account_id = ?");
        s.bind(account.value);
        while (s.step()) out[s.text(0)] = s.text(1);
        return out;
    }

    void set_account_setting(core::AccountId account, const std::string& key, const std::string& value) override
    {
        stmt(
            "INSERT INTO account_settings (account_id, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value")
            .bind(account.value)
            .bind(key)
            .bind(value)
            .run();
    }

    static void read_entries(Use& s, std::vector<ingest::LedgerEntry>& out)
    {
        while (s.step()) {
            auto& e = out.emplace_back(ingest::LedgerEntry{
                core::InvitationId{s.integer(0)},
                core::direction_from_string(s.text(1)).value_or(core::Direction::outgoing), s.text(2), s.text(3),
                s.instant(4), core::status_from_string(s.text(5)).value_or(core::Status::pending)});
            if (!s.is_null(6)) e.status_at = s.instant(6);
            if (!s.is_null(7)) e.seen_at = s.instant(7);
            if (!s.is_null(8)) e.sent_earliest = s.instant(8);
            e.gone_by_page = !s.is_null(9) && s.integer(9) != 0;
        }
    }

    ingest::Ledger page_ledger(core::AccountId account, const ingest::PageScope& scope) override
    {
        ingest::Ledger out;
        auto& got = out.invitations;
        auto all = [&](std::string_view where) {
            auto s = stmt(std::string(kLedgerEntrySql) + std::string(where));
            s.bind(account.value);
            read_entries(s, got);
        };
        // Each through an index: pending by status; keys not of a profile and each
        // card's profile by person (a range either side of "in:", and one key). The
        // unary + keeps the planner off the by-status index for the ranges, which
        // would read every ended invitation of the account (600,000 in a long history).
        all("WHERE account_id = ? AND direction = 'outgoing' AND status = 'pending'");
        for (std::string_view range : {"person_key < 'in:'", "person_key >= 'in;'"})
            all(fmt::format("WHERE {} AND +account_id = ? AND +direction = 'outgoing' AND +status <> 'pending'", range));
        for (const auto& key : scope.person_keys) {
            auto s = stmt(std::string(kLedgerEntrySql) +
                          "WHERE person_key = ? AND account_id = ? AND direction = 'outgoing' AND status <> 'pending'");
            s.bind(key).bind(account.value);
            read_entries(s, got);
        }
        // A name is not in any index as the page gives it (names are matched after
        // ingest::normalize_name): the ended invitations' names are read, one pass.
        if (!scope.names.empty()) {
            std::unordered_set<std::int64_t> have;
            for (const auto& e : got) have.insert(e.id.value);
            std::vector<std::int64_t> named;
            auto s = stmt("SELECT id, name FROM invitations WHERE +account_id = ? AND +direction = 'outgoing' AND "
                          "+status <> 'pending'");
            s.bind(account.value);
            while (s.step())
                if (!have.contains(s.integer(0)) && ingest::named_in_scope(s.text(1), scope)) named.push_back(s.integer(0));
            for (std::int64_t id : named) {
                auto one = stmt(std::string(kLedgerEntrySql) + "WHERE id = ?");
                one.bind(id);
                read_entries(one, got);
            }
        }
        std::sort(got.begin(), got.end(), [](const auto& x, const auto& y) { return x.id.value < y.id.value; });
        return out;
    }

    ingest::Ledger ledger(core::AccountId account) override
    {
        ingest::Ledger out;
        auto s = stmt(std::string(kLedgerEntrySql) + "WHERE account_id = ?");
        s.bind(account.value);
        read_entries(s, out.invitations);
        auto c = stmt(
            "SELECT person_key, first_name, last_name, profile_url, email, company, position, connected_on, listed_at "
            "FROM connections WHERE account_id = ?");
        c.bind(account.value);
        while (c.step()) {
            auto& r = out.connections.emplace_back(ingest::ConnectionRecord{c.text(0), c.text(1), c.text(2), c.text(3),
                                                                            c.text(4), c.text(5), c.text(6),
                                                                            core::Days{core::days{c.integer(7)}}});
            if (!c.is_null(8)) r.listed_at = c.instant(8);
        }
        auto snap = stmt("SELECT covers_from, taken_by, as_of FROM snapshots WHERE account_id = ? ORDER BY id");
        snap.bind(account.value);
        while (snap.step())
            out.snapshots.push_back(ingest::Snapshot{snap.instant(0), snap.instant(1), snap.instant(2)});
        auto pages = stmt(
            "SELECT saved_at, source, keys, names FROM sent_pages WHERE account_id = ? ORDER BY import_id, saved_at");
        pages.bind(account.value);
        while (pages.step())
            out.pages.push_back(
                ingest::PageSnapshot{pages.instant(0), pages.text(1), split_lines(pages.text(2)), split_lines(pages.text(3))});
        return out;
    }

    // An export lists every connection (600,000 in a long history): rows go in many
    // at a time, in key order so that a first import appends to the primary key's
    // index. Equal keys keep their order, so a person listed twice ends with the later row.
    void upsert_connections(core::AccountId account, const std::vector<ingest::ConnectionRecord>& rows,
                            std::optional<core::ImportId> import) override
    {
        constexpr size_t kRows = 64;  // 11 x 64 parameters a statement
        // Sorted on the keys' first 16 bytes held in the array (no pointer chased for
        // most comparisons), then the whole key, then the position.
        struct Sortable {
            std::array<std::uint64_t, 2> prefix;
            const ingest::ConnectionRecord* row;
            size_t position;
        };
        auto prefix_of = [](std::string_view key) {
            std::array<std::uint64_t, 2> out{};
            for (size_t i = 0; i < 16 && i < key.size(); ++i)
                out[i / 8] |= std::uint64_t{static_cast<unsigned char>(key[i])} << (56 - 8 * (i % 8));
            return out;
        };
        std::vector<Sortable> sorted(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) sorted[i] = Sortable{prefix_of(rows[i].person_key), &rows[i], i};
        std::sort(sorted.begin(), sorted.end(), [](const Sortable& a, const Sortable& b) {
            if (a.prefix != b.prefix) return a.prefix < b.prefix;
            if (int c = a.row->person_key.compare(b.row->person_key); c != 0) return c < 0;
            return a.position < b.position;
        });
        std::vector<const ingest::ConnectionRecord*> order(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) order[i] = sorted[i].row;
        sorted = {};
        constexpr std::string_view kUpsert =
            " ON CONFLICT (account_id, person_key) DO UPDATE SET first_name = excluded.first_name, last_name = "
            "excluded.last_name, profile_url = excluded.profile_url, email = excluded.email, company = "
            "excluded.company, position = excluded.position, connected_on = excluded.connected_on, listed_at = "
            "excluded.listed_at, import_id = excluded.import_id";
        // An import keeps the rows it replaces as they were before it (not as an
        // earlier part of the same import left them). Into an account without
        // connections, as a first import is, there is nothing to keep.
        std::int64_t import_id = import ? import->value : 0;
        const bool keep_replaced = import && !rows.empty() && [&] {
            auto any = stmt("SELECT 1 FROM connections WHERE account_id = ? LIMIT 1");
            any.bind(account.value);
            return any.step();
        }();
        for (size_t begin = 0; begin < order.size(); begin += kRows) {
            const size_t n = std::min(kRows, order.size() - begin);
            if (keep_replaced) {
                auto keep = stmt(fmt::format(
                    "INSERT INTO undo_connections SELECT ?, account_id, person_key, first_name, last_name, "
                    "profile_url, email, company, position, connected_on, listed_at, import_id FROM connections "
                    "WHERE account_id = ? AND import_id IS NOT ? AND person_key IN {}",
                    placeholders(1, n)));
                keep.bind(import_id).bind(account.value).bind(import_id);
                for (size_t i = begin; i < begin + n; ++i) keep.bind(order[i]->person_key);
                keep.run();
            }
            auto s =
                stmt(fmt::format("INSERT INTO connections (account_id, person_key, first_name, last_name, "
                                 "profile_url, email, company, position, connected_on, listed_at, import_id) "
                                 "VALUES {}{}",
                                 placeholders(n, 11), kUpsert));
            for (size_t i = begin; i < begin + n; ++i) {
                const auto& r = *order[i];
                s.bind(account.value)
                    .bind(r.person_key)
                    .bind(r.first_name)
                    .bind(r.last_name)
                    .bind(r.profile_url)
                    .bind(r.email)
                    .bind(r.company)
                    .bind(r.position)
                    .bind(static_cast<std::int64_t>(r.connected_on.time_since_epoch().count()));
                bind_optional(s, r.listed_at);
                bind_optional(s, import ? std::optional<std::int64_t>(import_id) : std::nullopt);
            }
            s.run();
        }
    }

    // "(?, ?, ...), (?, ?, ...)...": `rows` rows of `columns` parameters.
    static std::string placeholders(size_t rows, size_t columns)
    {
        std::string row = "(?";
        for (size_t c = 1; c < columns; ++c) row += ", ?";
        row += ")";
        std::string out = row;
        for (size_t r = 1; r < rows; ++r) out += ", " + row;
        return out;
    }

    std::optional<core::Days> connected_on(core::AccountId account, const std::string& person_key) override
    {
        auto s = stmt("SELECT connected_on FROM connections WHERE account_id = ? AND person_key = ?");
        s.bind(account.value).bind(person_key);
        if (!s.step()) return std::nullopt;
        return core::Days{core::days{s.integer(0)}};
    }

    void insert_event(core::AccountId account, core::InvitationId id, const core::Event& e, Instant recorded_at)
    {
        auto s = stmt(
            "INSERT INTO events (account_id, invitation_id, kind, at, recorded_at, source, import_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        s.bind(account.value).bind(id.value).bind(core::to_string(e.kind)).bind(e.at).bind(recorded_at).bind(e.source);
        bind_optional(s, import_value(e.import));
        s.run();
    }

    void save_projection(const core::Invitation& inv)
    {
        auto s = stmt("UPDATE invitations SET status = ?, status_at = ?, accidental = ?, keep = ? WHERE id = ?");
        s.bind(core::to_string(inv.status));
        if (inv.status_at)
            s.bind(*inv.status_at);
        else
            s.bind_null();
        s.bind(std::int64_t{inv.accidental}).bind(std::int64_t{inv.keep}).bind(inv.id.value).run();
    }

    // Imports add up to a million invitations at once, so rows go in many at a time
    // through multi-row INSERTs with ids assigned here, and invitation_counts gets
    // one upsert per (direction, status) rather than one per row.
    core::Result<std::vector<core::InvitationId>> write_invitations(std::vector<ingest::NewInvitation> batch,
                                                                    const std::vector<size_t>& order,
                                                                    Instant recorded_at) override
    {
        // The batch is one transaction of its own, or a savepoint in the caller's.
        // A bulk load inside the caller's transaction (an import) runs bare: a
        // savepoint around a million rows makes SQLite keep a statement journal that
        // grows with every page touched; its error makes the caller roll back anyway.
        std::vector<core::InvitationId> ids;
        auto write = [&]() -> core::Result<void> {
            const std::int64_t first_id = scalar("SELECT coalesce(max(id), 0) + 1 FROM invitations");
            try {
                ids = insert_invitations(batch, order, recorded_at);
                return {};
            } catch (const RepeatedInTable& repeated) {
                return std::unexpected(repeated.error);
            } catch (const ConstraintError&) {
                return std::unexpected(duplicate_error(batch, first_id));
            }
        };
        auto written = m_depth > 0 && batch.size() >= kBulkRows ? write() : begin(write);
        if (!written) return std::unexpected(written.error());
        return ids;
    }

    // Batches at least this large are bulk loads (see insert_invitations).
    static constexpr size_t kBulkRows = 10'000;

    // A bulk load found repeating an invitation when its unique index was rebuilt,
    // with the error that names the repeat.
    struct RepeatedInTable {
        core::Error error;
    };

    // Names the first invitation, in id order, that repeats an earlier one. Used
    // while a failed bulk load's rows are still in the table and the batch is gone:
    // rows with ids from `first_id` on are the load's.
    core::Error repeated_in_table(std::int64_t first_id)
    {
        std::unordered_map<std::string, std::int64_t> seen;  // identity -> first id
        auto s = stmt("SELECT id, account_id, direction, person_key, sent_at, name FROM invitations ORDER BY id");
        while (s.step()) {
            const std::int64_t id = s.integer(0);
            auto [at, fresh] = seen.try_emplace(
                fmt::format("{}\x1f{}\x1f{}\x1f{}", s.integer(1), s.text(2), s.text(3), s.integer(4)), id);
            if (fresh) continue;
            core::Invitation inv;
            inv.person.name = s.text(5);
            inv.sent_at = s.instant(4);
            return at->second < first_id ? ledger_rules::already_in_ledger(inv) : ledger_rules::given_twice(inv);
        }
        return core::Error{ErrorKind::internal, "store", "an invitation was refused by a database constraint"};
    }

    // The indexes of a table (name, CREATE statement), in the order they were made.
    std::vector<std::pair<std::string, std::string>> indexes_of(std::string_view table)
    {
        auto s = stmt(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY rowid");
        s.bind(table);
        std::vector<std::pair<std::string, std::string>> out;
        while (s.step()) out.emplace_back(s.text(0), s.text(1));
        return out;
    }

    // Drops indexes for a bulk load; rebuild() makes them again, each by one sort of
    // the finished table.
    class IndexRebuild {
    public:
        IndexRebuild(SqliteStore& store, std::vector<std::pair<std::string, std::string>> indexes)
            : m_store(store), m_indexes(std::move(indexes))
        {
            for (const auto& [name, sql] : m_indexes) m_store.exec(fmt::format("DROP INDEX \"{}\"", name));
        }
        void rebuild()
        {
            if (m_indexes.empty()) return;
            // SQLite's sorter keeps up to the page cache's size of keys in one list
            // before writing a sorted run to a temporary file. With the load's 256 MB
            // cache a million keys are one list, merge-sorted on one core through
            // pointers; with 8 MB they are sorted in cache-sized runs, by a worker
            // thread while the next run fills, and merged: about twice as fast
            // (docs/performance.md). The temporary runs are deleted files.
            m_store.set_cache_kib(kSortCacheKiB);
            struct Restore {
                SqliteStore& store;
                ~Restore()
                {
                    try {
                        store.set_cache_kib(kCacheKiB);
                    } catch (const StoreError&) {
                        // Only the cache's size: a slower connection, not a wrong one.
                    }
                }
            } restore{m_store};
            for (size_t i = 0; i < m_indexes.size(); ++i) {
                m_store.report("indexing", i, m_indexes.size());
                m_store.exec(m_indexes[i].second);
            }
            m_store.report("indexing", m_indexes.size(), m_indexes.size());
            m_indexes.clear();
        }

    private:
        SqliteStore& m_store;
        std::vector<std::pair<std::string, std::string>> m_indexes;
    };

    std::vector<core::InvitationId> insert_invitations(std::vector<ingest::NewInvitation>& batch,
                                                       const std::vector<size_t>& order, Instant recorded_at)
    {
        constexpr size_t kRows = 64;  // rows per INSERT: 18 x 64 parameters, well under SQLite's limit
        auto next_id = [&](std::string_view table) {
            return scalar(fmt::format("SELECT coalesce(max(id), 0) + 1 FROM {}", table));
        };
        // For a bulk load (a first import of a long history: a batch at least as large
        // as the table) the indexes of invitations are dropped and built again
        // afterwards, each by one sort: the identity index (by person), which rows in
        // time order reach at random, several times faster so; the by-status index,
        // which they append to, about 0.2 s in a million rows faster (docs/performance.md).
        // A repeated invitation then fails the identity index's build, and
        // repeated_in_table names it.
        std::vector<std::pair<std::string, std::string>> dropped;
        if (batch.size() >= kBulkRows &&
            static_cast<size_t>(scalar("SELECT coalesce(sum(n), 0) FROM invitation_counts")) <= batch.size())
            dropped = indexes_of("invitations");
        IndexRebuild invitation_indexes(*this, std::move(dropped));

        std::int64_t invitation_id = next_id("invitations");
        const std::int64_t first_id = invitation_id;
        std::int64_t event_id = next_id("events");
        std::vector<core::InvitationId> ids(batch.size());
        std::map<std::tuple<std::int64_t, core::Direction, core::Status>, std::int64_t> counts;

        constexpr std::string_view kInsert =
            "INSERT INTO invitations (id, account_id, direction, person_key, name, profile_url, sent_at, message, "
            "source, recorded_at, status, status_at, accidental, keep, template, seen_at, import_id, sent_earliest) "
            "VALUES ";
        const std::string full_insert = std::string(kInsert) + placeholders(kRows, 18);
        // Progress in rows: each invitation, then the events after its `sent`.
        size_t to_write = 0;
        for (const auto& n : batch) to_write += n.events.size();
        constexpr size_t kReportEvery = kRows * 256;
        for (size_t begin = 0; begin < batch.size(); begin += kRows) {
            if (begin % kReportEvery == 0) report("writing", begin, to_write);
            const size_t rows = std::min(kRows, batch.size() - begin);
            auto s = stmt(rows == kRows ? full_insert : std::string(kInsert) + placeholders(rows, 18));
            for (size_t i = begin; i < begin + rows; ++i) {
                auto& inv = batch[order[i]].invitation;
                inv.id = core::InvitationId{invitation_id++};
                ids[order[i]] = inv.id;
                ++counts[{inv.account.value, inv.direction, inv.status}];
                s.bind(inv.id.value)
                    .bind(inv.account.value)
                    .bind(core::to_string(inv.direction))
                    .bind(inv.person.key)
                    .bind(inv.person.name)
                    .bind(inv.person.profile_url)
                    .bind(inv.sent_at)
                    .bind(inv.message)
                    .bind(batch[order[i]].events.front().source)
                    .bind(recorded_at)
                    .bind(core::to_string(inv.status));
                if (inv.status_at)
                    s.bind(*inv.status_at);
                else
                    s.bind_null();
                s.bind(std::int64_t{inv.accidental}).bind(std::int64_t{inv.keep}).bind(inv.template_name);
                bind_optional(s, batch[order[i]].seen_at);
                bind_optional(s, import_value(batch[order[i]].events.front().import));
                bind_optional(s, inv.sent_earliest);
            }
            s.run();
        }

        // Events, flattened in invitation order.
        struct Row {
            const core::Invitation* inv;
            const core::Event* event;
        };
        std::vector<Row> events;
        events.reserve(batch.size());
        for (size_t i : order)
            for (size_t e = 1; e < batch[i].events.size(); ++e)  // the first, `sent`, is the row itself
                events.push_back(Row{&batch[i].invitation, &batch[i].events[e]});
        for (size_t begin = 0; begin < events.size(); begin += kRows) {
            if (begin % kReportEvery == 0) report("writing", batch.size() + begin, to_write);
            const size_t rows = std::min(kRows, events.size() - begin);
            auto s = stmt(
                "INSERT INTO events (id, account_id, invitation_id, kind, at, recorded_at, source, import_id) VALUES " +
                placeholders(rows, 8));
            for (size_t i = begin; i < begin + rows; ++i) {
                const auto& [inv, e] = events[i];
                s.bind(event_id++)
                    .bind(inv->account.value)
                    .bind(inv->id.value)
                    .bind(core::to_string(e->kind))
                    .bind(e->at)
                    .bind(recorded_at)
                    .bind(e->source);
                bind_optional(s, import_value(e->import));
            }
            s.run();
        }

        report("writing", to_write, to_write);
        events = {};  // the index sorts are faster with the batch's memory back
        batch = {};
        try {
            invitation_indexes.rebuild();
        } catch (const ConstraintError&) {
            throw RepeatedInTable{repeated_in_table(first_id)};
        }

        for (const auto& [key, n] : counts) {
            const auto& [account, direction, status] = key;
            stmt(
                "INSERT INTO invitation_counts VALUES (?, ?, ?, ?) ON CONFLICT (account_id, direction, status) "
                "DO UPDATE SET n = n + excluded.n")
                .bind(account)
                .bind(core::to_string(direction))
                .bind(core::to_string(status))
                .bind(n)
                .run();
        }
        return ids;
    }

    // Names the invitation a refused batch repeats: one already in the ledger, or
    // one twice in the batch.
    // Rows with ids from `first_id` on came from this batch (inside a caller's
    // transaction they are still there).
    core::Error duplicate_error(const std::vector<ingest::NewInvitation>& batch, std::int64_t first_id)
    {
        std::set<std::tuple<std::int64_t, core::Direction, std::string_view, Instant>> seen;
        for (const auto& n : batch) {
            const auto& inv = n.invitation;
            auto dup = stmt(
                "SELECT id FROM invitations WHERE account_id = ? AND direction = ? AND person_key = ? "
                "AND sent_at = ?");
            dup.bind(inv.account.value).bind(core::to_string(inv.direction)).bind(inv.person.key).bind(inv.sent_at);
            const bool in_ledger = dup.step() && dup.integer(0) < first_id;
            if (in_ledger) return ledger_rules::already_in_ledger(inv);
            if (!seen.emplace(inv.account.value, inv.direction, inv.person.key, inv.sent_at).second)
                return ledger_rules::given_twice(inv);
        }
        return core::Error{ErrorKind::internal, "store", "an invitation was refused by a database constraint"};
    }

    bool in_transaction() const override { return m_depth > 0; }

    std::vector<Row> run_sql(std::string_view sql, const Row& params) override
    {
        auto s = stmt(sql);
        for (const auto& p : params) p ? s.bind(std::string_view(*p)) : s.bind_null();
        std::vector<Row> out;
        while (s.step()) {
            Row row(static_cast<size_t>(s.columns()));
            for (int c = 0; c < s.columns(); ++c)
                if (!s.is_null(c)) row[static_cast<size_t>(c)] = s.text(c);
            out.push_back(std::move(row));
        }
        return out;
    }

    void write_event(const core::Invitation& updated, const core::Event& event, Instant recorded_at) override
    {
        save_projection(updated);
        insert_event(updated.account, updated.id, event, recorded_at);
    }

    std::optional<core::Invitation> invitation(core::AccountId account, core::InvitationId id) override
    {
        auto s = stmt(fmt::format("SELECT {} FROM invitations WHERE account_id = ? AND id = ?", kInvitationColumns));
        s.bind(account.value).bind(id.value);
        if (!s.step()) return std::nullopt;
        return read_invitation(s);
    }

    // Builds "WHERE ..." for a query and binds it.
    std::string where(const InvitationQuery& q)
    {
        std::string sql = " WHERE account_id = ?";
        if (q.direction) sql += " AND direction = ?";
        // A literal (from the enum): the planner sees which status run of the index to
        // read. Without a status or a person, every status is named, so a range of
        // sending times is read from the by-status index, a short range in each run.
        if (q.status)
            sql += fmt::format(" AND status = '{}'", core::to_string(*q.status));
        else if (!q.person_key)
            sql += fmt::format(" AND status IN ({})", all_statuses_sql());
        if (q.sent_from) sql += " AND sent_at >= ?";
        if (q.sent_before) sql += " AND sent_at < ?";
        if (q.status_from) sql += " AND status_at >= ?";
        if (q.person_key) sql += " AND person_key = ?";
        return sql;
    }
    void bind_where(Use& s, core::AccountId account, const InvitationQuery& q)
    {
        s.bind(account.value);
        if (q.direction) s.bind(core::to_string(*q.direction));
        if (q.sent_from) s.bind(*q.sent_from);
        if (q.sent_before) s.bind(*q.sent_before);
        if (q.status_from) s.bind(*q.status_from);
        if (q.person_key) s.bind(*q.person_key);
    }

    // The invitations a query names, in sending order (newest first if asked), ties by id.
    std::string select_in_sending_order(const InvitationQuery& q)
    {
        const char* order = q.newest_first ? "DESC" : "ASC";
        return fmt::format("SELECT {} FROM invitations{} ORDER BY sent_at {}, id {}", kInvitationColumns, where(q),
                           order, order);
    }

    std::vector<core::Invitation> invitations(core::AccountId account, const InvitationQuery& q) override
    {
        if (!q.status && !q.person_key) return invitations_of_every_status(account, q);
        std::string sql = select_in_sending_order(q);
        if (q.limit) sql += " LIMIT ?";
        auto s = stmt(sql);
        bind_where(s, account, q);
        if (q.limit) s.bind(std::int64_t{*q.limit});
        std::vector<core::Invitation> out;
        while (s.step()) out.push_back(read_invitation(s));
        return out;
    }

    // In sending order across statuses. Each status's run of the by-status index is
    // in that order already: the runs are stepped together, taking the next row from
    // whichever run has the first, so the newest N of a long history read N rows.
    std::vector<core::Invitation> invitations_of_every_status(core::AccountId account, const InvitationQuery& q)
    {
        constexpr size_t kRuns = core::kAllStatuses.size();
        std::array<std::optional<Use>, kRuns> runs;
        std::array<std::optional<core::Invitation>, kRuns> heads;
        for (size_t i = 0; i < kRuns; ++i) {
            InvitationQuery one = q;
            one.status = core::kAllStatuses[i];
            auto& run = runs[i].emplace(prepared(select_in_sending_order(one)));
            bind_where(run, account, one);
            if (run.step()) heads[i] = read_invitation(run);
        }
        auto first = [&](const core::Invitation& a, const core::Invitation& b) {
            const auto ka = std::pair{a.sent_at, a.id.value};
            const auto kb = std::pair{b.sent_at, b.id.value};
            return q.newest_first ? kb < ka : ka < kb;
        };
        std::vector<core::Invitation> out;
        while (!q.limit || out.size() < static_cast<size_t>(*q.limit)) {
            std::optional<size_t> next;
            for (size_t i = 0; i < kRuns; ++i)
                if (heads[i] && (!next || first(*heads[i], *heads[*next]))) next = i;
            if (!next) break;
            out.push_back(std::move(*heads[*next]));
            heads[*next].reset();
            if (runs[*next]->step()) heads[*next] = read_invitation(*runs[*next]);
        }
        return out;
    }

    long count_invitations(core::AccountId account, const InvitationQuery& q) override
    {
        // Counts over a long history come from invitation_counts: "sent before t"
        // is the total less the (recent, short) range from t on.
        if (q.direction && !q.person_key && !q.sent_from && !q.status_from) {
            std::string sql =
                "SELECT coalesce(sum(n), 0) FROM invitation_counts WHERE account_id = ? AND direction = ?";
            if (q.status) sql += " AND status = ?";
            auto s = stmt(sql);
            s.bind(account.value).bind(core::to_string(*q.direction));
            if (q.status) s.bind(core::to_string(*q.status));
            s.step();
            const long total = static_cast<long>(s.integer(0));
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
        auto s = stmt("SELECT count(*) FROM invitations" + where(q));
        bind_where(s, account, q);
        s.step();
        return static_cast<long>(s.integer(0));
    }

    // The log in recording order: each invitation's own row is its `sent` event
    // (id 0), followed by the rows of the events table. Within one recording
    // instant, invitation by invitation.
    // PRAGMA data_version moves on with other connections' commits only; this
    // connection's own are counted in m_commits.
    ChangeToken change_token() override { return ChangeToken{{scalar("PRAGMA data_version"), m_commits}}; }

    std::vector<StoredEvent> events(core::AccountId account, std::optional<core::InvitationId> id) override
    {
        const std::string filter = id ? " AND invitation_id = ?" : "";
        auto s = stmt(fmt::format(
            "SELECT 0, id, 'sent', sent_at, source, recorded_at, 0, import_id FROM invitations WHERE account_id = ?{} "
            "UNION ALL SELECT id, invitation_id, kind, at, source, recorded_at, 1, import_id FROM events "
            "WHERE account_id = ?{} ORDER BY 6, 2, 7, 1",
            id ? " AND id = ?" : "", filter));
        s.bind(account.value);
        if (id) s.bind(id->value);
        s.bind(account.value);
        if (id) s.bind(id->value);
        std::vector<StoredEvent> out;
        while (s.step()) {
            core::Event event{core::event_kind_from_string(s.text(2)).value_or(core::EventKind::sent), s.instant(3),
                              s.text(4)};
            if (!s.is_null(7)) event.import = core::ImportId{s.integer(7)};
            out.push_back(StoredEvent{s.integer(0), core::InvitationId{s.integer(1)}, std::move(event), s.instant(5)});
        }
        return out;
    }

    std::vector<StoredEvent> recent_changes(core::AccountId account, long limit) override
    {
        static const std::string sql = fmt::format(
            "SELECT * FROM (SELECT id, invitation_id, kind, at, source, recorded_at, 1 AS mark FROM events "
            "WHERE account_id = ?1 AND import_id IS NULL AND {0} ORDER BY recorded_at DESC, id DESC LIMIT ?2) "
            "UNION ALL SELECT * FROM (SELECT 0, id, 'sent', sent_at, source, recorded_at, 0 FROM invitations "
            "WHERE account_id = ?1 AND import_id IS NULL AND {0} ORDER BY recorded_at DESC, id DESC LIMIT ?2) "
            "ORDER BY 6 DESC, 7 DESC, 1 DESC, 2 DESC LIMIT ?2",
            kMadeHereSql);
        auto s = stmt(sql);
        s.bind(account.value);
        s.bind(static_cast<std::int64_t>(limit));
        std::vector<StoredEvent> out;
        while (s.step())
            out.push_back(
                StoredEvent{s.integer(0), core::InvitationId{s.integer(1)},
                            core::Event{core::event_kind_from_string(s.text(2)).value_or(core::EventKind::sent),
                                        s.instant(3), s.text(4)},
                            s.instant(5)});
        return out;
    }

    std::optional<Instant> last_event_at(core::AccountId account, core::EventKind kind) override
    {
        // Sent events are the invitations' own rows: the newest of each direction
        // and status is one step down the by-status index.
        if (kind == core::EventKind::sent) {
            static const std::string sql = [] {
                std::string parts;
                for (auto direction : {core::Direction::outgoing, core::Direction::incoming})
                    for (auto status : core::kAllStatuses)
                        parts += fmt::format(
                            "{}SELECT max(sent_at) AS m FROM invitations WHERE account_id = ?1 AND direction = '{}' "
                            "AND status = '{}'",
                            parts.empty() ? "" : " UNION ALL ", core::to_string(direction), core::to_string(status));
                return "SELECT max(m) FROM (" + parts + ")";
            }();
            auto s = stmt(sql);
            s.bind(account.value);
            if (!s.step() || s.is_null(0)) return std::nullopt;
            return s.instant(0);
        }
        auto s = stmt("SELECT max(at) FROM events WHERE account_id = ? AND kind = ?");
        s.bind(account.value).bind(core::to_string(kind));
        if (!s.step() || s.is_null(0)) return std::nullopt;
        return s.instant(0);
    }

    core::ImportId begin_import(core::AccountId account, Instant at) override
    {
        stmt("INSERT INTO imports (account_id, at, sources, summary) VALUES (?, ?, '', '')")
            .bind(account.value)
            .bind(at)
            .run();
        return core::ImportId{sqlite3_last_insert_rowid(m_db)};
    }

    void finish_import(core::ImportId id, const ImportRecord& r) override
    {
        stmt("UPDATE imports SET at = ?, sources = ?, summary = ? WHERE id = ?")
            .bind(r.at)
            .bind(r.sources)
            .bind(r.summary)
            .bind(id.value)
            .run();
    }

    void forget_import(core::ImportId id) override { stmt("DELETE FROM imports WHERE id = ?").bind(id.value).run(); }

    void record_sightings(core::AccountId account, const std::vector<ingest::Sighting>& sightings,
                          core::ImportId import) override
    {
        for (const auto& sighting : sightings) {
            // The listing before this import, once: a second part of the same import
            // must not pass its own for the earlier one.
            stmt(
                "INSERT INTO undo_seen SELECT ?1, id, seen_at FROM invitations WHERE id = ?2 AND account_id = ?3 "
                "AND (import_id IS NOT ?1) AND NOT EXISTS (SELECT 1 FROM undo_seen WHERE import_id = ?1 AND "
                "invitation_id = ?2)")
                .bind(import.value)
                .bind(sighting.id.value)
                .bind(account.value)
                .run();
            stmt("UPDATE invitations SET seen_at = ? WHERE id = ? AND account_id = ?")
                .bind(sighting.at)
                .bind(sighting.id.value)
                .bind(account.value)
                .run();
        }
    }

    void refine_invitations(core::AccountId account, const std::vector<ingest::Refinement>& refinements,
                            core::ImportId import) override
    {
        for (const auto& r : refinements) {
            // What it was before this import, once, as for a listing.
            stmt(
                "INSERT INTO undo_refined SELECT ?1, id, person_key, name, profile_url, sent_at, sent_earliest, message "
                "FROM invitations WHERE id = ?2 AND account_id = ?3 AND (import_id IS NOT ?1) AND NOT EXISTS "
                "(SELECT 1 FROM undo_refined WHERE import_id = ?1 AND invitation_id = ?2)")
                .bind(import.value)
                .bind(r.id.value)
                .bind(account.value)
                .run();
            auto s = stmt(
                "UPDATE invitations SET person_key = coalesce(?, person_key), name = coalesce(?, name), "
                "profile_url = coalesce(?, profile_url), sent_at = ?, sent_earliest = ?, message = coalesce(?, "
                "message) WHERE id = ? AND account_id = ?");
            // Text is bound without a copy: bind the refinement's own strings, which
            // outlive the statement, never a temporary.
            if (r.person)
                s.bind(r.person->key).bind(r.person->name).bind(r.person->profile_url);
            else
                s.bind_null().bind_null().bind_null();
            s.bind(r.sent_at);
            bind_optional(s, r.sent_earliest);
            bind_optional(s, r.message);
            s.bind(r.id.value).bind(account.value).run();
        }
    }

    bool record_page(core::AccountId account, const ingest::PageSnapshot& page, core::ImportId import) override
    {
        const std::string keys = join_lines(page.keys), names = join_lines(page.names);
        auto known = stmt("SELECT 1 FROM sent_pages WHERE account_id = ? AND saved_at = ? AND keys = ? AND names = ?");
        known.bind(account.value).bind(page.saved_at).bind(keys).bind(names);
        if (known.step()) return false;
        stmt("INSERT INTO sent_pages (account_id, import_id, saved_at, source, keys, names) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(account.value)
            .bind(import.value)
            .bind(page.saved_at)
            .bind(page.source)
            .bind(keys)
            .bind(names)
            .run();
        return true;
    }

    bool record_snapshot(core::AccountId account, const ingest::Snapshot& snapshot, core::ImportId import) override
    {
        auto known =
            stmt("SELECT 1 FROM snapshots WHERE account_id = ? AND covers_from = ? AND taken_by = ? AND as_of = ?");
        known.bind(account.value).bind(snapshot.covers_from).bind(snapshot.taken_by).bind(snapshot.as_of);
        if (known.step()) return false;
        stmt("INSERT INTO snapshots (account_id, import_id, covers_from, taken_by, as_of) VALUES (?, ?, ?, ?, ?)")
            .bind(account.value)
            .bind(import.value)
            .bind(snapshot.covers_from)
            .bind(snapshot.taken_by)
            .bind(snapshot.as_of)
            .run();
        return true;
    }

    core::Result<UndoneImport> undo_last_import(core::AccountId account, Instant at) override
    {
        UndoneImport undone;
        {
            auto last = stmt(
                "SELECT id, at, sources FROM imports WHERE account_id = ? AND undone_at IS NULL "
                "ORDER BY id DESC LIMIT 1");
            last.bind(account.value);
            if (!last.step()) return core::fail(ErrorKind::conflict, "nothing_to_undo", "there is no import to undo");
            undone.id = core::ImportId{last.integer(0)};
            undone.at = last.instant(1);
            undone.sources = last.text(2);
        }
        const std::int64_t id = undone.id.value;
        auto changes = [&] { return static_cast<long>(sqlite3_changes(m_db)); };

        // A mark on an invitation the import added would go with it: refused, unless
        // the marks since cancel out (a mark and its undo).
        {
            std::vector<core::InvitationId> marked;
            auto s = stmt(
                "SELECT DISTINCT i.id FROM events e JOIN invitations i ON i.id = e.invitation_id "
                "WHERE i.account_id = ?1 AND i.import_id = ?2 AND e.import_id IS NOT ?2 ORDER BY i.id");
            s.bind(account.value).bind(id);
            while (s.step()) marked.push_back(core::InvitationId{s.integer(0)});
            for (auto invitation : marked) {
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
            auto counted = stmt(
                "SELECT direction, status, count(*) FROM invitations WHERE account_id = ? AND import_id = ? "
                "GROUP BY direction, status");
            counted.bind(account.value).bind(id);
            std::vector<std::tuple<std::string, std::string, std::int64_t>> counts;
            while (counted.step()) counts.emplace_back(counted.text(0), counted.text(1), counted.integer(2));
            for (const auto& [direction, status, n] : counts) {
                stmt("UPDATE invitation_counts SET n = n - ? WHERE account_id = ? AND direction = ? AND status = ?")
                    .bind(n)
                    .bind(account.value)
                    .bind(direction)
                    .bind(status)
                    .run();
                undone.invitations_removed += static_cast<long>(n);
            }
        }
        stmt(
            "DELETE FROM events WHERE invitation_id IN (SELECT id FROM invitations WHERE account_id = ? AND "
            "import_id = ?)")
            .bind(account.value)
            .bind(id)
            .run();
        stmt("DELETE FROM invitations WHERE account_id = ? AND import_id = ?").bind(account.value).bind(id).run();

        // The sent times it told of invitations a Sent page added: as they were.
        stmt(
            "UPDATE invitations SET (person_key, name, profile_url, sent_at, sent_earliest, message) = (SELECT "
            "u.person_key, u.name, u.profile_url, u.sent_at, u.sent_earliest, u.message FROM undo_refined u WHERE "
            "u.import_id = ?1 AND u.invitation_id = invitations.id) WHERE account_id = ?2 AND id IN (SELECT "
            "invitation_id FROM undo_refined WHERE import_id = ?1)")
            .bind(id)
            .bind(account.value)
            .run();
        const long refinements_undone = changes();

        // What it concluded about the others: their state again from the log without it.
        std::vector<core::InvitationId> concluded;
        {
            auto s = stmt("SELECT DISTINCT invitation_id FROM events WHERE account_id = ? AND import_id = ?");
            s.bind(account.value).bind(id);
            while (s.step()) concluded.push_back(core::InvitationId{s.integer(0)});
        }
        stmt("DELETE FROM events WHERE account_id = ? AND import_id = ?").bind(account.value).bind(id).run();
        undone.findings_undone = changes() + refinements_undone;
        for (auto invitation : concluded) {
            auto inv = this->invitation(account, invitation);
            if (!inv) continue;
            std::vector<core::Event> log;
            for (auto& stored : events(account, invitation)) log.push_back(std::move(stored.event));
            if (auto r = ledger_rules::replay_without_import(*inv, log); !r) return std::unexpected(r.error());
            save_projection(*inv);
        }

        // Its listings, back to the ones before it.
        stmt(
            "UPDATE invitations SET seen_at = (SELECT u.seen_at FROM undo_seen u WHERE u.import_id = ?1 AND "
            "u.invitation_id = invitations.id) WHERE account_id = ?2 AND id IN (SELECT invitation_id FROM undo_seen "
            "WHERE import_id = ?1)")
            .bind(id)
            .bind(account.value)
            .run();
        undone.sightings_undone = changes();

        // The connections it wrote: removed, and those it replaced put back.
        stmt("DELETE FROM connections WHERE account_id = ? AND import_id = ?").bind(account.value).bind(id).run();
        const long written = changes();
        stmt(
            "INSERT INTO connections (account_id, person_key, first_name, last_name, profile_url, email, company, "
            "position, connected_on, listed_at, import_id) SELECT account_id, person_key, first_name, last_name, "
            "profile_url, email, company, position, connected_on, listed_at, written_by FROM undo_connections "
            "WHERE import_id = ?")
            .bind(id)
            .run();
        undone.connections_restored = changes();
        undone.connections_removed = written - undone.connections_restored;

        stmt("DELETE FROM snapshots WHERE account_id = ? AND import_id = ?").bind(account.value).bind(id).run();
        undone.snapshots_removed = changes();
        stmt("DELETE FROM sent_pages WHERE account_id = ? AND import_id = ?").bind(account.value).bind(id).run();
        stmt("DELETE FROM undo_seen WHERE import_id = ?").bind(id).run();
        stmt("DELETE FROM undo_refined WHERE import_id = ?").bind(id).run();
        stmt("DELETE FROM undo_connections WHERE import_id = ?").bind(id).run();
        stmt("UPDATE imports SET undone_at = ? WHERE id = ?").bind(at).bind(id).run();
        return undone;
    }

    // ---- the outreach queue ----

    std::vector<core::ProspectId> add_prospects(core::AccountId account,
                                                const std::vector<core::Prospect>& prospects) override
    {
        std::vector<core::ProspectId> ids;
        for (const auto& p : prospects) {
            auto s = stmt(
                "INSERT INTO prospects (account_id, person_key, name, profile_url, first_name, company, note, "
                "template, zone, priority, vars, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            const std::string vars = nlohmann::json(p.vars).dump();
            s.bind(account.value).bind(p.person.key).bind(p.person.name).bind(p.person.profile_url);
            s.bind(p.first_name).bind(p.company);
            bind_optional(s, p.note);
            bind_optional(s, p.template_name);
            bind_optional(s, p.zone);
            s.bind(std::int64_t{p.priority}).bind(vars).bind(p.added_at).run();
            ids.push_back(core::ProspectId{sqlite3_last_insert_rowid(m_db)});
        }
        return ids;
    }

    std::vector<core::Prospect> prospects(core::AccountId account) override
    {
        auto s = stmt(
            "SELECT id, person_key, name, profile_url, first_name, company, note, template, zone, priority, "
            "vars, added_at FROM prospects WHERE account_id = ? ORDER BY priority DESC, id");
        s.bind(account.value);
        std::vector<core::Prospect> out;
        while (s.step()) {
            core::Prospect p;
            p.id = core::ProspectId{s.integer(0)};
            p.account = account;
            p.person = core::Person{s.text(1), s.text(2), s.text(3)};
            p.first_name = s.text(4);
            p.company = s.text(5);
            if (!s.is_null(6)) p.note = s.text(6);
            if (!s.is_null(7)) p.template_name = s.text(7);
            if (!s.is_null(8)) p.zone = s.text(8);
            p.priority = static_cast<long>(s.integer(9));
            auto vars = nlohmann::json::parse(s.text(10), nullptr, false);
            if (vars.is_object())
                for (const auto& [k, v] : vars.items())
                    if (v.is_string()) p.vars[k] = v.get<std::string>();
            p.added_at = s.instant(11);
            out.push_back(std::move(p));
        }
        return out;
    }

    long remove_prospects(core::AccountId account, const std::string& person_key) override
    {
        stmt("DELETE FROM prospects WHERE account_id = ? AND person_key = ?")
            .bind(account.value)
            .bind(person_key)
            .run();
        return static_cast<long>(sqlite3_changes(m_db));
    }

    void set_template(core::AccountId account, const core::Template& t) override
    {
        stmt(
            "INSERT INTO templates (account_id, name, text, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT "
            "(account_id, name) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at")
            .bind(account.value)
            .bind(t.name)
            .bind(t.text)
            .bind(t.updated_at)
            .run();
    }

    std::vector<core::Template> templates(core::AccountId account) override
    {
        auto s = stmt("SELECT name, text, updated_at FROM templates WHERE account_id = ? ORDER BY name");
        s.bind(account.value);
        std::vector<core::Template> out;
        while (s.step()) out.push_back(core::Template{s.text(0), s.text(1), s.instant(2)});
        return out;
    }

    bool remove_template(core::AccountId account, const std::string& name) override
    {
        stmt("DELETE FROM templates WHERE account_id = ? AND name = ?").bind(account.value).bind(name).run();
        return sqlite3_changes(m_db) > 0;
    }

    bool add_do_not_contact(core::AccountId account, const core::DoNotContact& entry) override
    {
        stmt(
            "INSERT INTO do_not_contact (account_id, person_key, name, profile_url, added_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (account_id, person_key) DO NOTHING")
            .bind(account.value)
            .bind(entry.person.key)
            .bind(entry.person.name)
            .bind(entry.person.profile_url)
            .bind(entry.added_at)
            .run();
        return sqlite3_changes(m_db) > 0;
    }

    bool remove_do_not_contact(core::AccountId account, const std::string& person_key) override
    {
        stmt("DELETE FROM do_not_contact WHERE account_id = ? AND person_key = ?")
            .bind(account.value)
            .bind(person_key)
            .run();
        return sqlite3_changes(m_db) > 0;
    }

    std::vector<core::DoNotContact> do_not_contact(core::AccountId account) override
    {
        auto s = stmt(
            "SELECT person_key, name, profile_url, added_at FROM do_not_contact WHERE account_id = ? "
            "ORDER BY added_at, person_key");
        s.bind(account.value);
        std::vector<core::DoNotContact> out;
        while (s.step()) out.push_back(core::DoNotContact{core::Person{s.text(0), s.text(1), s.text(2)}, s.instant(3)});
        return out;
    }

    void record_account_event(core::AccountId account, const core::AccountEvent& e) override
    {
        auto s = stmt(
            "INSERT INTO account_events (account_id, kind, at, person_key, source, recorded_at) VALUES (?, "
            "?, ?, ?, ?, ?)");
        s.bind(account.value).bind(core::to_string(e.kind)).bind(e.at);
        bind_optional(s, e.person_key);
        s.bind(e.source).bind(e.recorded_at).run();
    }

    bool undo_account_event(core::AccountId account, std::int64_t id, core::Instant at) override
    {
        auto s = stmt("UPDATE account_events SET undone_at = ? WHERE account_id = ? AND id = ? AND undone_at IS NULL");
        s.bind(at).bind(account.value).bind(id).run();
        return sqlite3_changes(m_db) > 0;
    }

    std::vector<core::AccountEvent> account_events(core::AccountId account,
                                                   std::optional<core::AccountEventKind> kind) override
    {
        auto s = stmt(kind ? "SELECT id, kind, at, person_key, source, recorded_at FROM account_events WHERE "
                             "account_id = ? AND undone_at IS NULL AND kind = ? ORDER BY at, id"
                           : "SELECT id, kind, at, person_key, source, recorded_at FROM account_events WHERE "
                             "account_id = ? AND undone_at IS NULL ORDER BY at, id");
        s.bind(account.value);
        if (kind) s.bind(core::to_string(*kind));
        std::vector<core::AccountEvent> out;
        while (s.step()) {
            core::AccountEvent e;
            e.id = s.integer(0);
            e.kind = core::account_event_kind_from_string(s.text(1)).value_or(core::AccountEventKind::restricted);
            e.at = s.instant(2);
            if (!s.is_null(3)) e.person_key = s.text(3);
            e.source = s.text(4);
            e.recorded_at = s.instant(5);
            out.push_back(std::move(e));
        }
        return out;
    }

    // ---- moving a whole ledger (store/copy.h) ----

    std::vector<Row> read_table(const TableSpec& table) override
    {
        auto s = stmt(fmt::format("SELECT {} FROM {} ORDER BY {}", column_list(table), table.name, table.order_by));
        std::vector<Row> out;
        while (s.step()) {
            Row row(table.columns.size());
            for (size_t c = 0; c < table.columns.size(); ++c) {
                const int col = static_cast<int>(c);
                if (s.is_null(col)) continue;
                row[c] = table.columns[c].type == ColumnType::text ? s.text(col) : std::to_string(s.integer(col));
            }
            out.push_back(std::move(row));
        }
        return out;
    }

    void write_table(const TableSpec& table, const std::vector<Row>& rows) override
    {
        const std::string sql = fmt::format("INSERT INTO {} ({}) VALUES {}", table.name, column_list(table),
                                            placeholders(1, table.columns.size()));
        for (const auto& row : rows) {
            auto s = stmt(sql);
            for (size_t c = 0; c < table.columns.size(); ++c) {
                if (!row[c])
                    s.bind_null();
                else if (table.columns[c].type == ColumnType::text)
                    s.bind(std::string_view(*row[c]));
                else
                    s.bind(static_cast<std::int64_t>(std::stoll(*row[c])));
            }
            s.run();
        }
    }

    std::int64_t largest_id(const TableSpec& table) override
    {
        return scalar(fmt::format("SELECT coalesce(max(id), 0) FROM {}", table.name));
    }

    // SQLite gives a new row the largest rowid plus one: nothing to move on.
    void after_copy() override {}

private:
    template <class T>
    static void bind_optional(Use& s, const std::optional<T>& v)
    {
        if (v)
            s.bind(*v);
        else
            s.bind_null();
    }
    // Text is bound without a copy (SQLITE_STATIC): a temporary would be gone before
    // the statement runs. Refused at compile time.
    static void bind_optional(Use& s, std::optional<std::string>&& v) = delete;
    static std::optional<std::int64_t> import_value(const std::optional<core::ImportId>& id)
    {
        if (!id) return std::nullopt;
        return id->value;
    }

    sqlite3* m_db;
    bool m_in_memory;
    int m_depth = 0;             // transactions open on this connection (Depth)
    std::int64_t m_commits = 0;  // commits of this connection (the commit hook)
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::unique_ptr<Statement>, Hash, std::equal_to<>> m_statements;
};

}  // namespace

int schema_version()
{
    return static_cast<int>(migrations().size());
}

core::Result<std::unique_ptr<Store>> open_sqlite(const std::string& path, Open mode)
{
    // No allocation statistics: they take a lock on every allocation. Must come
    // before SQLite initialises, so only the first open does it.
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)configured;
    sqlite3* raw = nullptr;
    const int create = mode == Open::or_create ? SQLITE_OPEN_CREATE : 0;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | create | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
        sqlite3_close_v2(raw);
        if ((rc & 0xff) == SQLITE_CANTOPEN)
            return core::fail(ErrorKind::bad_input, "cannot_open_db",
                              fmt::format("{}: cannot open it ({})", path, message));
        return std::unexpected(describe_failure(rc, message, path));
    }
    auto store = std::make_unique<SqliteStore>(raw, path == ":memory:");
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    auto version = read_version(raw);
    if (!version) return std::unexpected(version.error());
    if (*version > schema_version())
        return core::fail(ErrorKind::conflict, "schema_too_new",
                          fmt::format("{}: written by a newer invitekeeper (schema version {}; this one knows up to "
                                      "{}); it was left unchanged, upgrade invitekeeper to use it",
                                      path, *version, schema_version()));
    try {
        if (path != ":memory:") store->exec(std::string(kJournalMode));
        // The sorter's worker thread sorts one run while the next fills (an index
        // build: IndexRebuild). temp_store stays FILE: in memory, the runs of a sort
        // are never written out, and a sort of a million keys is one slow list.
        store->exec("PRAGMA threads = 2");
        store->exec("PRAGMA synchronous = NORMAL");
        if (*version < schema_version()) {
            // Migrations build indexes over a whole history: in cache-sized runs, as
            // a bulk load does (IndexRebuild).
            store->set_cache_kib(kSortCacheKiB);
            store->exec("BEGIN IMMEDIATE");
            if (*version == 0) store->exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            for (int v = *version; v < schema_version(); ++v) store->exec(migrations()[static_cast<size_t>(v)]);
            store->exec(
                fmt::format("DELETE FROM schema_version; INSERT INTO schema_version VALUES ({})", schema_version()));
            if (store->has_rows("PRAGMA foreign_key_check")) throw StoreError("a migration broke a foreign key");
            store->exec("COMMIT");
        }
        store->set_cache_kib(kCacheKiB);
        store->exec("PRAGMA foreign_keys = ON");
    } catch (const StoreError& e) {
        store->rollback();
        core::Error error = e.error();
        if (error.kind == ErrorKind::internal) error.message = fmt::format("{}: {}", path, error.message);
        return std::unexpected(error);
    }
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ik::store::sqlite
