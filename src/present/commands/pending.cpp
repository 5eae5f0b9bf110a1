// `pending`: the sent invitations still waiting for an answer, oldest first.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

struct PendingOptions {
    std::string older_than;
    std::optional<long> limit;
};

core::Result<Output> run_pending(Context& ctx, const PendingOptions& o)
{
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    store::InvitationQuery q;
    q.status = core::Status::pending;
    if (!o.older_than.empty()) {
        auto d = core::parse_duration(o.older_than);
        if (!d) return std::unexpected(d.error());
        q.sent_before = scope->now - *d + core::Duration{1};
    }
    if (o.limit) {
        if (*o.limit < 0) return core::fail(core::ErrorKind::usage, "bad_limit", "--limit must be 0 or more");
        q.limit = *o.limit;
    }
    const long total = scope->store->count_invitations(scope->account.id, q);
    auto items = scope->store->invitations(scope->account.id, q);

    Output out;
    out.json["now"] = json_instant(scope->now);
    out.json["count"] = total;
    Json arr = Json::array();
    TextTable table({"id", "name", "sent", "age", "note", "profile"}, {true, false, false, true, false, false});
    for (const auto& inv : items) {
        const long age = core::whole_days(inv.sent_at, scope->now);
        arr.push_back(Json{{"id", inv.id.value},
                           {"name", inv.person.name},
                           {"profile_url", inv.person.profile_url},
                           {"sent_at", json_instant(inv.sent_at)},
                           {"age_days", age},
                           {"note", inv.message},
                           {"keep", inv.keep},
                           {"accidental", inv.accidental}});
        table.add({std::to_string(inv.id.value), shorten(inv.person.name, 28),
                   core::format_date(scope->zone.local_date(inv.sent_at)), fmt::format("{}d", age),
                   inv.message.empty() ? "-" : shorten(inv.message, 32), inv.person.profile_url});
    }
    out.json["items"] = arr;
    out.text = fmt::format("{} pending invitation{}{}\n", thousands(total), total == 1 ? "" : "s",
                           o.older_than.empty() ? "" : fmt::format(" at least {} old", o.older_than));
    if (!items.empty()) out.text += table.render();
    if (static_cast<long>(items.size()) < total)
        out.text += fmt::format("({} more; use --limit)\n", thousands(total - static_cast<long>(items.size())));
    return out;
}

}  // namespace

void add_pending(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<PendingOptions>();
    auto* cmd = app.add_subcommand("pending", "List sent invitations still pending, oldest first");
    cmd->add_option("--older-than", o->older_than, "only those at least this old, e.g. 14d");
    cmd->add_option("--limit", o->limit, "at most this many");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_pending(ctx, *o); }; });
}

}  // namespace ik::present
