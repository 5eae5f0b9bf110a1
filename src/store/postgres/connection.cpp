#include "store/postgres/connection.h"

#include "store/open.h"

#include <fmt/format.h>

#include <algorithm>

namespace ik::store::postgres {

namespace {

// libpq's messages end in a newline and may run over several lines ("DETAIL: ...").
std::string first_line(std::string_view message)
{
    auto line = message.substr(0, message.find('\n'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    return std::string(line);
}

struct Parsed {
    std::string host, port, dbname, user, password;
};

// What libpq reads from a connection string; nullopt (with libpq's reason) when it
// does not parse.
std::optional<Parsed> parse(std::string_view uri, std::string* why = nullptr)
{
    char* err = nullptr;
    PQconninfoOption* options = pq().PQconninfoParse(std::string(uri).c_str(), &err);
    if (!options) {
        if (why) *why = err ? first_line(err) : "out of memory";
        pq().PQfreemem(err);
        return std::nullopt;
    }
    Parsed out;
    for (auto* o = options; o->keyword; ++o) {
        if (!o->val) continue;
        const std::string_view key = o->keyword;
        if (key == "host" || (key == "hostaddr" && out.host.empty())) out.host = o->val;
        if (key == "port") out.port = o->val;
        if (key == "dbname") out.dbname = o->val;
        if (key == "user") out.user = o->val;
        if (key == "password") out.password = o->val;
    }
    pq().PQconninfoFree(options);
    return out;
}

// `text` with every occurrence of `secret` blotted out.
std::string without(std::string text, const std::string& secret)
{
    if (secret.empty()) return text;
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
        text.replace(at, secret.size(), "***");
    return text;
}

// `message` with `uri` in it replaced by its redacted form.
std::string scrubbed(std::string message, std::string_view uri)
{
    const std::string safe = printable(uri);
    for (size_t at = message.find(uri); at != std::string::npos; at = message.find(uri, at + safe.size()))
        message.replace(at, uri.size(), safe);
    return message;
}

}  // namespace

std::string describe_target(std::string_view uri)
{
    auto p = parse(uri);
    if (!p) return {};
    // libpq's own defaults: the socket folder it was built with, the user's name as database.
    const std::string host = p->host.empty() ? "localhost" : p->host;
    const std::string port = p->port.empty() ? "5432" : p->port;
    const std::string db = p->dbname.empty() ? (p->user.empty() ? "(the user's database)" : p->user) : p->dbname;
    if (host.starts_with('/')) return fmt::format("postgresql:///{}?host={}&port={}", db, host, port);
    return fmt::format("postgresql://{}{}:{}/{}", p->user.empty() ? "" : p->user + "@", host, port, db);
}

std::vector<const char*> Params::pointers() const
{
    std::vector<const char*> out;
    out.reserve(m_values.size());
    for (const auto& v : m_values) out.push_back(v ? v->c_str() : nullptr);
    return out;
}

long Rows::affected() const
{
    const char* n = pq().PQcmdTuples(m_result.get());
    return n && *n ? std::strtol(n, nullptr, 10) : 0;
}

core::Result<std::unique_ptr<Connection>> Connection::open(const std::string& uri)
{
    std::string why;
    if (!load_libpq(&why)) return core::fail(ErrorKind::storage, "no_client_library", why);
    auto parsed = parse(uri, &why);
    if (!parsed)
        return core::fail(ErrorKind::usage, "bad_db",
                          fmt::format("not a PostgreSQL connection URI ({}); give one like "
                                      "postgresql://USER@HOST:5432/DATABASE",
                                      scrubbed(why, uri)));
    const std::string target = describe_target(uri);
    // The URI's own settings win over these defaults (libpq reads later keywords
    // over earlier ones, and the expanded URI comes last).
    const char* keywords[] = {"connect_timeout", "fallback_application_name", "client_encoding", "dbname", nullptr};
    const char* values[] = {"10", "invitekeeper", "UTF8", uri.c_str(), nullptr};
    PGconn* conn = pq().PQconnectdbParams(keywords, values, 1);
    if (!conn) return core::fail(ErrorKind::storage, "out_of_memory", fmt::format("{}: out of memory", target));
    if (pq().PQstatus(conn) != CONNECTION_OK) {
        const std::string message = without(scrubbed(first_line(pq().PQerrorMessage(conn)), uri), parsed->password);
        pq().PQfinish(conn);
        auto has = [&](std::string_view s) { return message.find(s) != std::string::npos; };
        if (has("does not exist") && has("database \""))
            return core::fail(ErrorKind::storage, "no_database",
                              fmt::format("{}: there is no such database on that server; create it (createdb {}) "
                                          "or check --db",
                                          target, parsed->dbname.empty() ? "NAME" : parsed->dbname));
        if (has("password authentication failed") || has("no password supplied") || has("authentication failed"))
            return core::fail(ErrorKind::storage, "auth_failed",
                              fmt::format("{}: the server refused the user name or password; check --db (or "
                                          "~/.pgpass)",
                                          target));
        return core::fail(ErrorKind::storage, "unreachable",
                          fmt::format("{}: cannot reach the database server ({})", target, message));
    }
    auto out = std::unique_ptr<Connection>(new Connection(conn, target));
    try {
        // No notices on the member's terminal. Every statement is planned for its own
        // parameters: a plan made for "any status" reads 200,000 rows where the
        // pending ones are 1,500 (status took 400 ms with generic plans, not 40).
        out->exec("SET client_min_messages = warning; SET plan_cache_mode = force_custom_plan");
    } catch (const PgError& e) {
        return std::unexpected(e.error());
    }
    return out;
}

Connection::~Connection() { pq().PQfinish(m_conn); }

PgError Connection::failure(const PGresult* result) const
{
    const char* state = result ? pq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state ? state : "";
    // The server's own words ("permission denied for schema public"), without libpq's
    // "ERROR:  " and its further lines; libpq's for a connection that failed.
    const char* primary = result ? pq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string detail = first_line(primary ? primary
                                          : result && *pq().PQresultErrorMessage(result)
                                              ? pq().PQresultErrorMessage(result)
                                              : pq().PQerrorMessage(m_conn));
    auto error = [&](ErrorKind kind, std::string code, std::string message) {
        return PgError(core::Error{kind, std::move(code), std::move(message)}, sqlstate);
    };
    if (pq().PQstatus(m_conn) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate.starts_with("57P"))
        return error(ErrorKind::storage, "connection_lost",
                     fmt::format("{}: the connection to the database server was lost ({}); nothing was written",
                                 m_target, detail));
    if (sqlstate == "55P03" || sqlstate == "40001" || sqlstate == "40P01")
        return error(ErrorKind::storage, "busy",
                     fmt::format("{}: another writer kept the ledger locked; nothing was written. Try again", m_target));
    if (sqlstate == "53100")
        return error(ErrorKind::storage, "disk_full",
                     fmt::format("{}: the database server's disk is full; nothing was written", m_target));
    if (sqlstate == "25006")
        return error(ErrorKind::storage, "read_only",
                     fmt::format("{}: the database is read-only (a replica?); nothing was written", m_target));
    if (sqlstate == "42501")
        return error(ErrorKind::storage, "permission_denied",
                     fmt::format("{}: the database user may not do this ({}); nothing was written", m_target, detail));
    return error(ErrorKind::internal, "store", fmt::format("{}: {}", m_target, detail));
}

Rows Connection::checked(PGresult* result)
{
    const auto status = result ? pq().PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return Rows(result);
    PgError error = failure(result);
    pq().PQclear(result);
    throw error;
}

void Connection::exec(std::string_view sql)
{
    checked(pq().PQexec(m_conn, std::string(sql).c_str()));
}

Rows Connection::query(std::string_view sql, const Params& params)
{
    auto it = m_prepared.find(std::string(sql));
    if (it == m_prepared.end()) {
        std::string name = fmt::format("ik{}", m_prepared.size() + 1);
        checked(pq().PQprepare(m_conn, name.c_str(), std::string(sql).c_str(), 0, nullptr));
        it = m_prepared.emplace(std::string(sql), std::move(name)).first;
    }
    const auto values = params.pointers();
    return checked(pq().PQexecPrepared(m_conn, it->second.c_str(), params.size(), values.data(), nullptr, nullptr, 0));
}

std::int64_t Connection::scalar(std::string_view sql, const Params& params)
{
    auto rows = query(sql, params);
    if (rows.empty() || rows.is_null(0, 0)) return 0;
    return rows.integer(0, 0);
}

long Connection::copy_in(std::string_view sql, std::string_view data)
{
    checked(pq().PQexec(m_conn, std::string(sql).c_str()));
    constexpr size_t kPiece = 1 << 20;
    for (size_t at = 0; at < data.size(); at += kPiece) {
        const auto piece = data.substr(at, kPiece);
        if (pq().PQputCopyData(m_conn, piece.data(), static_cast<int>(piece.size())) != 1) break;
    }
    pq().PQputCopyEnd(m_conn, nullptr);
    long copied = 0;
    std::optional<PgError> error;
    // Every result of the COPY is read, so the connection is ready for the next statement.
    while (PGresult* r = pq().PQgetResult(m_conn)) {
        if (pq().PQresultStatus(r) == PGRES_COMMAND_OK) {
            copied = Rows(r).affected();
            continue;
        }
        if (!error) error = failure(r);
        pq().PQclear(r);
    }
    if (error) throw *error;
    return copied;
}

void copy_field(std::string& row, std::string_view value)
{
    for (char c : value) {
        switch (c) {
        case '\\': row += "\\\\"; break;
        case '\t': row += "\\t"; break;
        case '\n': row += "\\n"; break;
        case '\r': row += "\\r"; break;
        default: row += c;
        }
    }
}

}  // namespace ik::store::postgres
