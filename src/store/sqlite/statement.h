// The SQLite store's building blocks: its errors, described in a member's words, and
// prepared statements with their bindings. Nothing outside store/sqlite/ includes it.
#pragma once

#include "core/error.h"
#include "core/time.h"
#include "store/store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ik::store::sqlite {

using core::ErrorKind;
using core::Instant;

// What a member is told when SQLite fails with `rc` on the ledger at `path`: the
// disk, not invitekeeper, for the failures of the storage (ErrorKind::storage).
core::Error describe_failure(int rc, std::string_view detail, std::string_view path, int system_errno = 0);

// The file the connection has open ("" for an in-memory database).
std::string_view path_of(sqlite3* db);

// SQLite failures inside the store are thrown as StoreError, which says what failed
// (describe_failure), and turned into an Error at the edge of each public call
// (transaction) or by the caller's edge (store::StorageError).
struct StoreError : store::StorageError {
    StoreError(int rc, std::string detail, sqlite3* db)
        : StorageError(describe_failure(rc, detail, path_of(db), db ? sqlite3_system_errno(db) : 0))
    {
    }
    explicit StoreError(std::string detail) : StorageError(core::Error{ErrorKind::internal, "store", std::move(detail)})
    {
    }
};
// A UNIQUE, CHECK or foreign-key constraint refused a write.
struct ConstraintError : StoreError {
    explicit ConstraintError(std::string detail) : StoreError(std::move(detail)) {}
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql) : m_db(db)
    {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK)
            throw StoreError(sqlite3_errcode(db), fmt::format("SQL prepare failed: {} in {}", sqlite3_errmsg(db), sql),
                             db);
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(m_stmt); }

    // Ends the current use without clearing bindings (see Use).
    void release() { sqlite3_reset(m_stmt); }
    Statement& reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        m_bind = 0;
        return *this;
    }
    Statement& bind(std::int64_t v)
    {
        check(sqlite3_bind_int64(m_stmt, ++m_bind, v));
        return *this;
    }
    Statement& bind(Instant t) { return bind(static_cast<std::int64_t>(t.time_since_epoch().count())); }
    Statement& bind(std::string_view s)
    {
        // SQLITE_STATIC: no copy. Callers keep the text alive until the statement
        // has run (every call site binds and runs in one expression or block).
        check(sqlite3_bind_text(m_stmt, ++m_bind, s.data(), static_cast<int>(s.size()), SQLITE_STATIC));
        return *this;
    }
    Statement& bind_null()
    {
        check(sqlite3_bind_null(m_stmt, ++m_bind));
        return *this;
    }
    // Advances; true while a row is available.
    bool step()
    {
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            throw ConstraintError(fmt::format("SQL constraint failed: {}", sqlite3_errmsg(m_db)));
        throw StoreError(rc, fmt::format("SQL step failed: {}", sqlite3_errmsg(m_db)), m_db);
    }
    void run()
    {
        while (step()) {
        }
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    int columns() const { return sqlite3_column_count(m_stmt); }
    bool is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::string text(int col) const
    {
        const auto* p = sqlite3_column_text(m_stmt, col);
        return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(m_stmt, col)))
                 : std::string();
    }
    Instant instant(int col) const { return Instant{std::chrono::seconds{integer(col)}}; }

private:
    void check(int rc)
    {
        if (rc != SQLITE_OK) throw StoreError(rc, fmt::format("SQL bind failed: {}", sqlite3_errmsg(m_db)), m_db);
    }
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    int m_bind = 0;
};

// A cached statement in use: resets it when the use ends, so no statement stays
// mid-step holding an old read snapshot (which would hide other connections'
// writes and make the next BEGIN IMMEDIATE fail with SQLITE_BUSY_SNAPSHOT).
class Use {
public:
    explicit Use(Statement& s) : m_s(s) {}
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    ~Use() { m_s.release(); }

    template <class T>
    Use& bind(T&& v)
    {
        m_s.bind(std::forward<T>(v));
        return *this;
    }
    Use& bind_null()
    {
        m_s.bind_null();
        return *this;
    }
    bool step() { return m_s.step(); }
    void run() { m_s.run(); }
    std::int64_t integer(int col) const { return m_s.integer(col); }
    int columns() const { return m_s.columns(); }
    bool is_null(int col) const { return m_s.is_null(col); }
    std::string text(int col) const { return m_s.text(col); }
    Instant instant(int col) const { return m_s.instant(col); }
    const Statement& get() const { return m_s; }

private:
    Statement& m_s;
};

}  // namespace ik::store::sqlite
