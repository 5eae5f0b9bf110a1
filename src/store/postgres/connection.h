// The PostgreSQL store's building blocks: one libpq connection, its statements
// (prepared once, parameters as text), COPY, and its failures in a member's words.
// Nothing outside store/postgres/ includes it.
#pragma once

#include "core/error.h"
#include "core/time.h"
#include "store/postgres/libpq.h"
#include "store/store.h"

#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ik::store::postgres {

using core::ErrorKind;
using core::Instant;

// Where a connection goes, in words safe to print: `postgresql://USER@HOST:PORT/DB`
// from what libpq parsed, never the password; empty when `uri` does not parse.
std::string describe_target(std::string_view uri);

// A statement failed. Thrown inside the store and turned into an Error at the edge
// of each public call (transaction) or by the caller's edge (store::StorageError).
struct PgError : store::StorageError {
    PgError(core::Error error, std::string state) : StorageError(std::move(error)), sqlstate(std::move(state)) {}
    std::string sqlstate;  // "23505" for a unique violation, "" when the connection failed
};

// A statement's parameters, sent as text (NULL where none).
class Params {
public:
    Params& add(std::int64_t v) { return text(std::to_string(v)); }
    Params& add(int v) { return add(std::int64_t{v}); }
    Params& add(bool v) { return text(v ? "t" : "f"); }
    Params& add(Instant t) { return add(static_cast<std::int64_t>(t.time_since_epoch().count())); }
    Params& add(std::string_view s) { return text(std::string(s)); }
    Params& add(const std::string& s) { return text(s); }
    Params& add(const char* s) { return text(s); }
    template <class T>
    Params& add(const std::optional<T>& v)
    {
        if (!v) return null();
        return add(*v);
    }
    Params& null()
    {
        m_values.emplace_back();
        return *this;
    }

    int size() const { return static_cast<int>(m_values.size()); }
    // Pointers into the values, valid while this lives unchanged.
    std::vector<const char*> pointers() const;

private:
    Params& text(std::string s)
    {
        m_values.emplace_back(std::move(s));
        return *this;
    }
    std::vector<std::optional<std::string>> m_values;
};

// A statement's rows, in text.
class Rows {
public:
    explicit Rows(PGresult* result) : m_result(result) {}
    int size() const { return pq().PQntuples(m_result.get()); }
    int columns() const { return pq().PQnfields(m_result.get()); }
    bool empty() const { return size() == 0; }
    bool is_null(int row, int col) const { return pq().PQgetisnull(m_result.get(), row, col) != 0; }
    std::string_view view(int row, int col) const
    {
        return {pq().PQgetvalue(m_result.get(), row, col), static_cast<size_t>(pq().PQgetlength(m_result.get(), row, col))};
    }
    std::string text(int row, int col) const { return std::string(view(row, col)); }
    std::int64_t integer(int row, int col) const
    {
        const auto v = view(row, col);
        std::int64_t out = 0;
        std::from_chars(v.data(), v.data() + v.size(), out);
        return out;
    }
    bool boolean(int row, int col) const { return view(row, col) == "t"; }
    Instant instant(int row, int col) const { return Instant{std::chrono::seconds{integer(row, col)}}; }
    std::optional<Instant> optional_instant(int row, int col) const
    {
        if (is_null(row, col)) return std::nullopt;
        return instant(row, col);
    }
    std::optional<std::string> optional_text(int row, int col) const
    {
        if (is_null(row, col)) return std::nullopt;
        return text(row, col);
    }
    // Rows a command changed (UPDATE, DELETE, INSERT).
    long affected() const;

private:
    struct Clear {
        void operator()(PGresult* r) const { pq().PQclear(r); }
    };
    std::unique_ptr<PGresult, Clear> m_result;
};

// One connection. Statements are prepared on first use and kept by their text.
class Connection {
public:
    // Connects to `uri` (any libpq connection URI or key=value string).
    static core::Result<std::unique_ptr<Connection>> open(const std::string& uri);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs SQL without parameters (several statements may be given).
    void exec(std::string_view sql);
    // Runs a statement with $1... parameters, prepared once per connection.
    Rows query(std::string_view sql, const Params& params = {});
    // The first column of the first row.
    std::int64_t scalar(std::string_view sql, const Params& params = {});

    // COPY ... FROM STDIN in text format: `sql` starts it, `data` is the rows (see
    // copy_field), sent in pieces; the rows copied.
    long copy_in(std::string_view sql, std::string_view data);

    // What a member reads of this connection's database in messages.
    const std::string& target() const { return m_target; }
    // The error for a failed result or a lost connection, in a member's words.
    PgError failure(const PGresult* result) const;

private:
    Connection(PGconn* conn, std::string target) : m_conn(conn), m_target(std::move(target)) {}
    Rows checked(PGresult* result);

    PGconn* m_conn;
    std::string m_target;
    std::unordered_map<std::string, std::string> m_prepared;  // SQL -> statement name
};

// Appends `value` to a COPY text-format row: backslash, tab, newline and carriage
// return escaped. copy_null appends the NULL marker.
void copy_field(std::string& row, std::string_view value);
inline void copy_field(std::string& row, std::int64_t value) { row += std::to_string(value); }
inline void copy_field(std::string& row, Instant value)
{
    copy_field(row, static_cast<std::int64_t>(value.time_since_epoch().count()));
}
inline void copy_null(std::string& row) { row += "\\N"; }

}  // namespace ik::store::postgres
