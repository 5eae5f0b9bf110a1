// `pending`: the sent invitations still waiting for an answer, oldest first.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string pending_text(const app::PendingAnswer& a)
{
    TextTable table({"id", "name", "sent", "age", "note", "profile"}, {true, false, false, true, false, false});
    for (const auto& inv : a.items)
        table.add({std::to_string(inv.id.value), shorten(inv.person.name, 28),
                   core::format_date(a.zone.local_date(inv.sent_at)),
                   core::age_label(inv, a.now),
                   inv.message.empty() ? "-" : shorten(inv.message, 32), inv.person.profile_url});
    std::string t = fmt::format("{} pending invitation{}{}\n", thousands(a.count), a.count == 1 ? "" : "s",
                                a.older_than_text.empty() ? "" : fmt::format(" at least {} old", a.older_than_text));
    if (!a.items.empty()) t += table.render();
    if (static_cast<long>(a.items.size()) < a.count)
        t += fmt::format("({} more; use --limit)\n", thousands(a.count - static_cast<long>(a.items.size())));
    return t;
}

struct PendingOptions {
    std::string older_than;
    std::optional<long> limit;
};

}  // namespace

void add_pending(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<PendingOptions>();
    auto* cmd = app.add_subcommand("pending", "List sent invitations still pending, oldest first");
    cmd->add_option("--older-than", o->older_than, "only those at least this old, e.g. 14d");
    cmd->add_option("--limit", o->limit, "at most this many");
    cmd->callback([o, &selected] {
        selected = [o](Context& ctx) -> core::Result<Output> {
            app::PendingRequest request{
                .older_than = std::nullopt, .older_than_text = o->older_than, .limit = o->limit};
            if (!o->older_than.empty()) {
                auto d = core::parse_duration(o->older_than);
                if (!d) return std::unexpected(d.error());
                request.older_than = *d;
            }
            return answer(ctx, request, pending_text);
        };
    });
}

}  // namespace ik::present
