// The PostgreSQL tests' server (tests/pg/cluster.sh, started by ctest's `postgres`
// fixture): its address, and a fresh, empty schema in it for each ledger a test opens.
#pragma once

#include <libpq-fe.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace ik::store::test {

// The server's URI, or nullopt when the tests run without ctest's fixture
// (IK_TEST_POSTGRES_STATE unset). Set but without a server is an error: the
// fixture failed to start it.
inline std::optional<std::string> postgres_uri()
{
    const char* state = std::getenv("IK_TEST_POSTGRES_STATE");
    if (!state || !*state) return std::nullopt;
    std::ifstream in(std::string(state) + "/uri");
    std::string uri;
    if (!std::getline(in, uri) || uri.empty())
        throw std::runtime_error(std::string("no test server: ") + state + "/uri is missing (tests/pg/cluster.sh start)");
    return uri;
}

// The server's loopback port, where it asks for a password.
inline std::string postgres_port()
{
    std::ifstream in(std::string(std::getenv("IK_TEST_POSTGRES_STATE")) + "/port");
    std::string port;
    std::getline(in, port);
    return port;
}

// Runs SQL on the test server as its superuser; the first column of its first row
// ("" without one). Throws on failure.
inline std::string postgres_admin(const std::string& sql)
{
    auto uri = postgres_uri();
    if (!uri) throw std::runtime_error("no test server");
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(uri->c_str()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw std::runtime_error(PQresultErrorMessage(r.get()));
    return PQntuples(r.get()) > 0 && PQnfields(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
}

// The URI of a new, empty schema on the test server (its tables go there through
// search_path), for a ledger of its own.
inline std::string fresh_postgres_ledger()
{
    static int n = 0;
    const std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(++n);
    postgres_admin("CREATE SCHEMA " + schema);
    return *postgres_uri() + "&options=-csearch_path%3D" + schema;
}

}  // namespace ik::store::test
