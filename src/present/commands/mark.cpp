// `mark KIND TARGET...` records what the member did or learnt on LinkedIn, and
// `record sent URL` records a request sent by hand. Each is an event at --now.
#include "present/command.h"

#include "ingest/people.h"
#include "plan/status.h"

#include <fmt/format.h>

#include <charconv>

namespace ik::present {

namespace {

struct MarkOptions {
    std::string kind;
    std::vector<std::string> targets;
    bool plan = false;
};

// The invitation a target names: an id, or a profile URL (its pending invitation;
// for unkeep, the kept one).
core::Result<core::Invitation> resolve(AccountScope& scope, const std::string& target, core::EventKind kind)
{
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(target.data(), target.data() + target.size(), id);
    if (ec == std::errc() && ptr == target.data() + target.size()) {
        auto inv = scope.store->invitation(scope.account.id, core::InvitationId{id});
        if (!inv)
            return core::fail(core::ErrorKind::bad_input, "unknown_invitation",
                              fmt::format("no invitation with id {}", id));
        return *inv;
    }
    auto ref = ingest::normalize_profile_url(target);
    if (!ref)
        return core::fail(core::ErrorKind::bad_input, "bad_target",
                          fmt::format("\"{}\" is neither an invitation id nor a LinkedIn profile URL", target));
    store::InvitationQuery q;
    q.person_key = ref->key;
    q.newest_first = true;
    auto found = scope.store->invitations(scope.account.id, q);
    if (found.empty())
        return core::fail(core::ErrorKind::bad_input, "unknown_invitation",
                          fmt::format("no invitation to {} in the ledger", ref->canonical));
    for (const auto& inv : found) {
        if (kind == core::EventKind::unkeep ? inv.keep : inv.status == core::Status::pending) return inv;
    }
    return found.front();  // apply() will explain why it cannot be marked
}

core::Result<Output> run_mark(Context& ctx, const MarkOptions& o)
{
    static constexpr std::pair<std::string_view, core::EventKind> kKinds[] = {
        {"withdrawn", core::EventKind::withdrawn}, {"accepted", core::EventKind::accepted},
        {"declined", core::EventKind::declined},   {"accidental", core::EventKind::accidental},
        {"keep", core::EventKind::keep},           {"unkeep", core::EventKind::unkeep},
    };
    std::optional<core::EventKind> kind;
    for (auto [name, k] : kKinds)
        if (name == o.kind) kind = k;
    if (!kind)
        return core::fail(core::ErrorKind::usage, "bad_mark",
                          fmt::format("cannot mark \"{}\": use withdrawn, accepted, declined, accidental, keep or unkeep",
                                      o.kind));
    if (o.plan && *kind != core::EventKind::withdrawn)
        return core::fail(core::ErrorKind::usage, "bad_mark", "--plan goes with `mark withdrawn` only");
    if (o.plan == !o.targets.empty())
        return core::fail(core::ErrorKind::usage, "bad_mark", "give invitation ids or profile URLs, or --plan");

    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());

    std::vector<core::Invitation> targets;
    if (o.plan) {
        auto p = plan::withdrawal_plan(*scope->store, scope->account.id, scope->settings,
                                       plan::WithdrawOptions::from(scope->settings), scope->now);
        const core::Days today = scope->zone.local_date(scope->now);
        for (const auto& item : p.items)
            if (item.day == today) targets.push_back(item.invitation);
    } else {
        for (const auto& t : o.targets) {
            auto inv = resolve(*scope, t, *kind);
            if (!inv) return std::unexpected(inv.error());
            targets.push_back(*inv);
        }
    }

    Json items = Json::array();
    auto done = scope->store->transaction([&]() -> core::Result<void> {
        for (const auto& inv : targets) {
            if (auto r = scope->store->record_event(scope->account.id, inv.id, core::Event{*kind, scope->now, "cli"},
                                                    scope->now);
                !r)
                return r;
            auto after = scope->store->invitation(scope->account.id, inv.id);
            items.push_back(Json{{"id", inv.id.value},
                                 {"name", inv.person.name},
                                 {"profile_url", inv.person.profile_url},
                                 {"status", core::to_string(after->status)},
                                 {"keep", after->keep},
                                 {"accidental", after->accidental}});
        }
        return {};
    });
    if (!done) return std::unexpected(done.error());

    Output out;
    out.json["marked"] = o.kind;
    out.json["at"] = json_instant(scope->now);
    out.json["count"] = targets.size();
    out.json["items"] = items;
    if (targets.empty()) out.text = "Nothing to mark: today's plan is empty.\n";
    else {
        out.text = fmt::format("Marked {} invitation{} {}:\n", targets.size(), targets.size() == 1 ? "" : "s", o.kind);
        for (const auto& inv : targets)
            out.text += fmt::format("  {:>6}  {}  {}\n", inv.id.value, inv.person.name, inv.person.profile_url);
    }
    return out;
}

struct RecordOptions {
    std::string what;
    std::string url;
    std::string name;
    std::string note;
    std::string at;
};

core::Result<Output> run_record(Context& ctx, const RecordOptions& o)
{
    if (o.what != "sent")
        return core::fail(core::ErrorKind::usage, "bad_record", fmt::format("cannot record \"{}\": use `record sent URL`", o.what));
    auto ref = ingest::normalize_profile_url(o.url);
    if (!ref || !ref->key.starts_with("in:"))
        return core::fail(core::ErrorKind::bad_input, "bad_url",
                          fmt::format("\"{}\" is not a LinkedIn profile URL like https://www.linkedin.com/in/name", o.url));
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    core::Instant at = scope->now;
    if (!o.at.empty()) {
        auto parsed = core::parse_instant(o.at, scope->zone);
        if (!parsed) return std::unexpected(parsed.error());
        at = *parsed;
    }
    if (at > scope->now)
        return core::fail(core::ErrorKind::usage, "future", fmt::format("--at {} is in the future", o.at));

    store::InvitationQuery q;
    q.person_key = ref->key;
    q.status = core::Status::pending;
    if (auto open = scope->store->invitations(scope->account.id, q); !open.empty())
        return core::fail(core::ErrorKind::conflict, "already_pending",
                          fmt::format("an invitation to {} is already pending (id {}, sent {})", ref->canonical,
                                      open.front().id.value, core::format_instant(open.front().sent_at)));
    if (auto since = scope->store->connected_on(scope->account.id, ref->key))
        return core::fail(core::ErrorKind::conflict, "already_connected",
                          fmt::format("{} is a connection since {}", ref->canonical, core::format_date(*since)));

    core::Invitation inv;
    inv.account = scope->account.id;
    inv.direction = core::Direction::outgoing;
    inv.person = core::Person{ref->key, o.name.empty() ? ref->key.substr(3) : o.name, ref->canonical};
    inv.message = o.note;
    core::InvitationId id;
    auto done = scope->store->transaction([&]() -> core::Result<void> {
        auto added = scope->store->add_invitation(inv, {core::Event{core::EventKind::sent, at, "cli"}}, scope->now);
        if (!added) return std::unexpected(added.error());
        id = *added;
        return {};
    });
    if (!done) return std::unexpected(done.error());
    Output out;
    out.json["id"] = id.value;
    out.json["name"] = inv.person.name;
    out.json["profile_url"] = inv.person.profile_url;
    out.json["sent_at"] = json_instant(at);
    out.json["note"] = inv.message;
    out.text = fmt::format("Recorded invitation {} to {} ({}) sent {}\n", id.value, inv.person.name,
                           inv.person.profile_url, core::format_instant(at));
    return out;
}

}  // namespace

void add_mark(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<MarkOptions>();
    auto* cmd = app.add_subcommand("mark", "Record what happened: withdrawn, accepted, declined, accidental, keep, unkeep");
    cmd->add_option("kind", o->kind, "withdrawn|accepted|declined|accidental|keep|unkeep")->required();
    cmd->add_option("targets", o->targets, "invitation ids or profile URLs");
    cmd->add_flag("--plan", o->plan, "with withdrawn: every item of today's withdrawal plan");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_mark(ctx, *o); }; });
}

void add_record(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<RecordOptions>();
    auto* cmd = app.add_subcommand("record", "Record a request you sent by hand: record sent URL");
    cmd->add_option("what", o->what, "sent")->required();
    cmd->add_option("url", o->url, "the person's LinkedIn profile URL")->required();
    cmd->add_option("--name", o->name, "the person's name");
    cmd->add_option("--note", o->note, "the note sent with it");
    cmd->add_option("--at", o->at, "when it was sent (default now)");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_record(ctx, *o); }; });
}

}  // namespace ik::present
