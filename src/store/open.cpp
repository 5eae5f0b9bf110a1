#include "store/open.h"

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace ik::store {

namespace fs = std::filesystem;
using core::ErrorKind;

namespace {

// The scheme of `address` if it reads as `scheme://...` (RFC 3986: a letter, then
// letters, digits, "+", "-" or "."), else empty.
std::string_view scheme_of(std::string_view address)
{
    const auto colon = address.find("://");
    if (colon == std::string_view::npos || colon == 0) return {};
    const auto scheme = address.substr(0, colon);
    if (!std::isalpha(static_cast<unsigned char>(scheme.front()))) return {};
    const bool plain = std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
    return plain ? scheme : std::string_view{};
}

// Whether `address` reads as libpq's other form of connection string,
// `keyword=value ...` (host=/run/postgresql dbname=team): it starts with one of
// the keywords such a string starts with, then "=".
bool is_key_value_conninfo(std::string_view address)
{
    constexpr std::string_view kKeywords[] = {"host",     "hostaddr", "port",    "dbname",          "user",
                                              "password", "passfile", "service", "connect_timeout", "sslmode",
                                              "options",  "application_name"};
    while (!address.empty() && address.front() == ' ') address.remove_prefix(1);
    const auto eq = address.find('=');
    if (eq == std::string_view::npos) return false;
    auto keyword = address.substr(0, eq);
    while (!keyword.empty() && keyword.back() == ' ') keyword.remove_suffix(1);
    return std::ranges::find(kKeywords, keyword) != std::end(kKeywords);
}

// `text` with its %XX escapes decoded, as libpq decodes a URI's parameter names.
std::string percent_decoded(std::string_view text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto hex = [](char c) {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

core::Result<Location> locate(std::string_view address)
{
    constexpr std::string_view kSqlite = "sqlite:";
    if (address.starts_with(kSqlite)) {
        auto path = address.substr(kSqlite.size());
        if (path.starts_with("//")) path.remove_prefix(2);
        if (path.empty())
            return core::fail(ErrorKind::usage, "bad_db", "sqlite: names no file: give sqlite:PATH");
        return Location{Location::Backend::sqlite, std::string(path)};
    }
    const auto scheme = scheme_of(address);
    if (scheme == "postgresql" || scheme == "postgres")
        return Location{Location::Backend::postgres, std::string(address)};
    // Not echoed: such a string may hold password=.
    if (scheme.empty() && is_key_value_conninfo(address))
        return core::fail(ErrorKind::usage, "bad_db",
                          "--db reads as a key=value connection string; invitekeeper takes a PostgreSQL server as a "
                          "URI: postgresql://USER@HOST:5432/DATABASE, or postgresql:///DATABASE?host=/run/postgresql "
                          "for a socket. Nothing was created");
    if (!scheme.empty())
        return core::fail(ErrorKind::usage, "unknown_backend",
                          fmt::format("{}://...: not a kind of ledger invitekeeper knows; nothing was created. Give "
                                      "the path of an SQLite file (or sqlite:PATH) or a postgresql:// URI",
                                      scheme));
    return Location{Location::Backend::sqlite, std::string(address)};
}

std::string printable(std::string_view address)
{
    const auto start = address.find("://");
    if (scheme_of(address).empty()) return std::string(address);
    std::string out(address.substr(0, start + 3));
    auto rest = address.substr(start + 3);
    // As libpq reads it, the user part ends only at the first '/' (a password may hold '?').
    const auto authority_end = rest.find('/');
    const auto authority = rest.substr(0, authority_end);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        out += authority.substr(0, std::min(authority.find(':'), at));
        rest.remove_prefix(at);
    }
    // A password among the parameters: its value dropped, up to the next `&`.
    // Its name may be percent-encoded (%70assword=): libpq decodes names too.
    for (size_t i = 0; i < rest.size();) {
        const auto name_end = rest.find_first_of("=&", i + 1);
        const bool param = (rest[i] == '?' || rest[i] == '&') && name_end != std::string_view::npos &&
                           rest[name_end] == '=' && percent_decoded(rest.substr(i + 1, name_end - i - 1)) == "password";
        if (!param) {
            out += rest[i++];
            continue;
        }
        const auto end = rest.find('&', i + 1);
        out += rest.substr(i, name_end - i + 1);  // "?password=" or "&%70assword="
        out += "***";
        if (end == std::string_view::npos) break;
        i = end;
    }
    return out;
}

bool exists(const Location& where)
{
    if (where.backend == Location::Backend::postgres) return true;
    std::error_code ec;
    return where.path == ":memory:" || fs::exists(where.path, ec);
}

core::Result<std::unique_ptr<Store>> open_store(const Location& where, Open mode)
{
    if (where.backend == Location::Backend::postgres) return postgres::open_postgres(where.path);
    if (!exists(where)) {
        if (mode == Open::existing)
            return core::fail(ErrorKind::usage, "no_ledger",
                              fmt::format("{}: no ledger there; create one with `invitekeeper init --name NAME`, or "
                                          "check --db",
                                          where.path));
        const fs::path parent = fs::path(where.path).parent_path();
        std::error_code ec;
        if (!parent.empty()) fs::create_directories(parent, ec);
        if (ec)
            return core::fail(ErrorKind::bad_input, "cannot_open_db",
                              fmt::format("{}: cannot create folder: {}", parent.string(), ec.message()));
    }
    return sqlite::open_sqlite(where.path, mode);
}

core::Result<std::unique_ptr<Store>> open_store(std::string_view address, Open mode)
{
    auto where = locate(address);
    if (!where) return std::unexpected(where.error());
    return open_store(*where, mode);
}

}  // namespace ik::store
