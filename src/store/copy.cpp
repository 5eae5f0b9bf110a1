#include "store/copy.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>

namespace ik::store {

namespace {

using T = ColumnType;
using S = IdSpace;

constexpr ColumnSpec id(IdSpace space) { return {"id", T::integer, space}; }
constexpr ColumnSpec account_id{"account_id", T::integer, S::account};
constexpr ColumnSpec import_id{"import_id", T::integer, S::import};
constexpr ColumnSpec integer(std::string_view name) { return {name, T::integer, S::none}; }
constexpr ColumnSpec text(std::string_view name) { return {name, T::text, S::none}; }

const std::vector<TableSpec>& tables()
{
    static const std::vector<TableSpec> all{
        {"accounts", {id(S::account), text("name"), integer("created_at")}, "id"},
        {"account_settings", {account_id, text("key"), text("value")}, "account_id, key"},
        {"imports",
         {id(S::import), account_id, integer("at"), text("sources"), text("summary"), integer("undone_at")},
         "id"},
        {"invitations",
         {id(S::invitation), account_id, text("direction"), text("person_key"), text("name"), text("profile_url"),
          integer("sent_at"), text("message"), text("source"), integer("recorded_at"), text("status"),
          integer("status_at"), {"accidental", T::boolean, S::none}, {"keep", T::boolean, S::none}, text("template"),
          integer("seen_at"), import_id, integer("sent_earliest")},
         "id"},
        {"events",
         {id(S::event), account_id, {"invitation_id", T::integer, S::invitation}, text("kind"), integer("at"),
          integer("recorded_at"), text("source"), import_id},
         "id"},
        {"connections",
         {account_id, text("person_key"), text("first_name"), text("last_name"), text("profile_url"), text("email"),
          text("company"), text("position"), integer("connected_on"), integer("listed_at"), import_id},
         "account_id, person_key"},
        {"invitation_counts", {account_id, text("direction"), text("status"), integer("n")},
         "account_id, direction, status"},
        {"prospects",
         {id(S::prospect), account_id, text("person_key"), text("name"), text("profile_url"), text("first_name"),
          text("company"), text("note"), text("template"), text("zone"), integer("priority"), text("vars"),
          integer("added_at")},
         "id"},
        {"templates", {account_id, text("name"), text("text"), integer("updated_at")}, "account_id, name"},
        {"do_not_contact", {account_id, text("person_key"), text("name"), text("profile_url"), integer("added_at")},
         "account_id, person_key"},
        {"account_events",
         {id(S::account_event), account_id, text("kind"), integer("at"), text("person_key"), text("source"),
          integer("recorded_at"), integer("undone_at")},
         "id"},
        {"snapshots",
         {id(S::snapshot), account_id, import_id, integer("covers_from"), integer("taken_by"), integer("as_of")}, "id"},
        {"sent_pages", {account_id, import_id, integer("saved_at"), text("source"), text("keys"), text("names")},
         "import_id, saved_at, source"},
        {"undo_seen", {import_id, {"invitation_id", T::integer, S::invitation}, integer("seen_at")},
         "import_id, invitation_id"},
        {"undo_refined",
         {import_id, {"invitation_id", T::integer, S::invitation}, text("person_key"), text("name"),
          text("profile_url"), integer("sent_at"), integer("sent_earliest"), text("message")},
         "import_id, invitation_id"},
        {"undo_connections",
         {import_id, account_id, text("person_key"), text("first_name"), text("last_name"), text("profile_url"),
          text("email"), text("company"), text("position"), integer("connected_on"), integer("listed_at"),
          {"written_by", T::integer, S::import}},
         "import_id, account_id, person_key"},
    };
    return all;
}

std::int64_t as_integer(const std::string& v)
{
    std::int64_t out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}

}  // namespace

std::span<const TableSpec> ledger_tables()
{
    return tables();
}

core::Result<CopiedLedger> copy_ledger(Store& from, Store& to)
{
    const auto sources = from.accounts();
    if (sources.empty())
        return core::fail(core::ErrorKind::conflict, "nothing_to_move", "the source ledger has no account to move");
    std::set<std::string> taken;
    for (const auto& a : to.accounts()) taken.insert(a.name);
    for (const auto& a : sources)
        if (taken.contains(a.name))
            return core::fail(core::ErrorKind::conflict, "account_exists",
                              fmt::format("the target already has an account named \"{}\"; nothing was moved", a.name));

    // Read everything first, in one transaction of the source's: a consistent copy
    // even while a server writes to it.
    std::vector<std::vector<Row>> rows(tables().size());
    auto read = from.transaction([&]() -> core::Result<void> {
        for (size_t t = 0; t < tables().size(); ++t) rows[t] = from.read_table(tables()[t]);
        return {};
    });
    if (!read) return std::unexpected(read.error());

    CopiedLedger out;
    // What each account brought, counted in the rows read (ids as in the source), in
    // one pass over each table.
    std::map<std::pair<std::string_view, std::int64_t>, long> counted;
    for (size_t t = 0; t < tables().size(); ++t) {
        const auto& columns = tables()[t].columns;
        const auto at =
            std::find_if(columns.begin(), columns.end(), [](const ColumnSpec& c) { return c.name == "account_id"; });
        if (at == columns.end()) continue;
        const auto column = static_cast<size_t>(at - columns.begin());
        std::map<std::int64_t, long> per_account;
        for (const auto& row : rows[t])
            if (row[column]) ++per_account[as_integer(*row[column])];
        for (const auto& [account, n] : per_account) counted[{tables()[t].name, account}] = n;
    }
    auto count = [&](std::string_view table_name, core::AccountId account) {
        const auto found = counted.find({table_name, account.value});
        return found == counted.end() ? 0L : found->second;
    };
    for (const auto& a : sources) {
        CopiedAccount c{a.name, a.id, {}};
        c.invitations = count("invitations", a.id);
        c.events = count("events", a.id);
        c.connections = count("connections", a.id);
        c.prospects = count("prospects", a.id);
        c.templates = count("templates", a.id);
        c.do_not_contact = count("do_not_contact", a.id);
        out.accounts.push_back(std::move(c));
    }
    auto written = to.transaction([&]() -> core::Result<void> {
        // Each id space moves past the target's largest id in it (0 when empty).
        std::map<IdSpace, std::int64_t> offset;
        for (const auto& table : tables())
            if (table.columns.front().name == "id") {
                const auto largest = to.largest_id(table);
                offset[table.columns.front().refers_to] = largest;
                if (largest > 0) out.renumbered = true;
            }
        for (size_t t = 0; t < tables().size(); ++t) {
            const auto& table = tables()[t];
            for (auto& row : rows[t])
                for (size_t c = 0; c < table.columns.size(); ++c)
                    if (table.columns[c].refers_to != IdSpace::none && row[c])
                        row[c] = std::to_string(as_integer(*row[c]) + offset[table.columns[c].refers_to]);
            to.write_table(table, rows[t]);
        }
        to.after_copy();
        return {};
    });
    if (!written) return std::unexpected(written.error());
    for (auto& c : out.accounts)
        for (const auto& b : to.accounts())
            if (b.name == c.name) c.to_id = b.id;

    return out;
}

}  // namespace ik::store
