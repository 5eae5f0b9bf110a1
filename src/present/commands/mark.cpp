// `mark KIND TARGET...` records what the member did or learnt on LinkedIn, and
// `record sent URL` records a request sent by hand. Each is an event at --now.
#include "present/command.h"
#include "present/marks.h"

#include "ingest/people.h"
#include "plan/outreach.h"
#include "plan/status.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace ik::present {

namespace {

struct MarkOptions {
    std::string kind;
    std::vector<std::string> targets;
    bool plan = false;
    std::string at;
    bool no_note = false;
};

// --at, in the account's zone; never in the future.
core::Result<core::Instant> mark_time(const AccountScope& scope, const std::string& at)
{
    if (at.empty()) return scope.now;
    auto parsed = core::parse_instant(at, scope.zone);
    if (!parsed) return std::unexpected(parsed.error());
    if (*parsed > scope.now)
        return core::fail(core::ErrorKind::usage, "future", fmt::format("--at {} is in the future", at));
    if (*parsed < core::kLinkedInOpened)
        return core::fail(core::ErrorKind::usage, "bad_at", fmt::format("--at {} is before LinkedIn opened (2003-05-05)", at));
    return *parsed;
}

core::Result<core::Person> profile_of(const std::string& url)
{
    auto ref = ingest::profile_url(url);
    if (!ref) return std::unexpected(ref.error());
    return core::Person{ref->key, "", ref->canonical};
}

// `mark sent URL...`: requests sent on LinkedIn as planned; each leaves the queue.
core::Result<Output> run_mark_sent(Context& ctx, const MarkOptions& o)
{
    if (o.targets.empty()) return core::fail(core::ErrorKind::usage, "bad_mark", "give the profile URLs you sent to");
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto at = mark_time(*scope, o.at);
    if (!at) return std::unexpected(at.error());
    std::vector<core::Person> people;
    for (const auto& url : o.targets) {
        auto person = profile_of(url);
        if (!person) return std::unexpected(person.error());
        const bool repeated = std::any_of(people.begin(), people.end(), [&](const core::Person& p) { return p.key == person->key; });
        if (!repeated) people.push_back(*person);
    }
    // All or nothing: one target refused (already pending, a connection) records none.
    std::vector<plan::SentRecord> records;
    auto done = scope->store->transaction([&]() -> core::Result<void> {
        for (const auto& person : people) {
            auto sent = plan::record_send(*scope->store, scope->account.id, person,
                                          o.no_note ? std::optional<std::string>("") : std::nullopt, *at, scope->now,
                                          ctx.options().source);
            if (!sent) return std::unexpected(sent.error());
            records.push_back(std::move(*sent));
        }
        return {};
    });
    if (!done) {
        auto e = done.error();
        if (e.kind == core::ErrorKind::conflict && people.size() > 1) e.message += "; nothing was recorded";
        return std::unexpected(e);
    }
    Output out;
    Json items = Json::array();
    for (const auto& sent : records) {
        const auto& inv = sent.invitation;
        items.push_back(Json{{"id", inv.id.value},
                             {"name", inv.person.name},
                             {"profile_url", inv.person.profile_url},
                             {"sent_at", json_instant(inv.sent_at)},
                             {"note", inv.message},
                             {"template", inv.template_name.empty() ? Json() : Json(inv.template_name)},
                             {"dequeued", sent.dequeued}});
        out.text += fmt::format("Recorded invitation {} to {} ({}) sent {}{}\n", inv.id.value, inv.person.name,
                                inv.person.profile_url, core::format_instant(inv.sent_at),
                                sent.dequeued ? "; off the queue" : "");
    }
    out.json["marked"] = "sent";
    out.json["count"] = items.size();
    out.json["items"] = items;
    return out;
}

// `mark restricted` and `mark reported URL`: things that happen to the account. A
// restriction already recorded at that instant, or a report of a person already
// recorded, is not recorded again: each counts once, however often it is marked.
core::Result<Output> run_mark_account(Context& ctx, const MarkOptions& o, core::AccountEventKind kind)
{
    const bool restricted = kind == core::AccountEventKind::restricted;
    if (restricted && !o.targets.empty())
        return core::fail(core::ErrorKind::usage, "bad_mark", "`mark restricted` takes no target, only --at");
    if (!restricted && o.targets.empty())
        return core::fail(core::ErrorKind::usage, "bad_mark", "give the profile URLs of who reported you");
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto at = mark_time(*scope, o.at);
    if (!at) return std::unexpected(at.error());
    std::vector<std::optional<std::string>> people;
    std::map<std::string, std::string> url_of;  // person key -> profile URL
    if (restricted) people.emplace_back();
    for (const auto& url : o.targets) {
        auto person = profile_of(url);
        if (!person) return std::unexpected(person.error());
        if (url_of.emplace(person->key, person->profile_url).second) people.emplace_back(person->key);
    }
    long recorded = 0;
    std::vector<core::AccountEvent> already;
    auto done = scope->store->transaction([&]() -> core::Result<void> {
        const auto existing = scope->store->account_events(scope->account.id, kind);
        for (const auto& who : people) {
            auto same = std::find_if(existing.begin(), existing.end(), [&](const core::AccountEvent& e) {
                return restricted ? e.at == *at : e.person_key == who;
            });
            if (same != existing.end()) {
                already.push_back(*same);
                continue;
            }
            scope->store->record_account_event(scope->account.id,
                                               core::AccountEvent{0, kind, *at, who, ctx.options().source, scope->now});
            ++recorded;
        }
        return {};
    });
    if (!done) return std::unexpected(done.error());
    Output out;
    out.json["marked"] = core::to_string(kind);
    out.json["at"] = json_instant(*at);
    out.json["count"] = recorded;
    out.json["already_recorded"] = already.size();
    if (restricted) {
        const auto until = *at + scope->settings.duration("restriction.pause");
        out.json["no_sends_until"] = json_instant(until);
        out.text = fmt::format(
            "{} a restriction at {}. `plan send` plans nothing before {} (restriction.pause {}).\n",
            recorded ? "Recorded" : "Already recorded", core::format_local(*at, scope->zone),
            core::format_local(until, scope->zone), core::format_duration(scope->settings.duration("restriction.pause")));
    } else {
        if (recorded)
            out.text = fmt::format("Recorded {} report{} of \"I don't know this person\".\n", recorded,
                                   recorded == 1 ? "" : "s");
        for (const auto& e : already)
            out.text += fmt::format("Already recorded: {} reported you on {}; counted once.\n",
                                    url_of.at(*e.person_key), core::format_local(e.at, scope->zone));
    }
    return out;
}

// `mark undo restricted`: takes back the restriction recorded last. `mark undo
// reported URL...`: takes back the report of each person. Refused (exit 3) when
// there is none to take back; all in one transaction.
core::Result<Output> run_undo_account(Context& ctx, const MarkOptions& o)
{
    const bool restricted = o.targets.front() == "restricted";
    const auto kind = restricted ? core::AccountEventKind::restricted : core::AccountEventKind::reported;
    if (restricted && o.targets.size() > 1)
        return core::fail(core::ErrorKind::usage, "bad_mark",
                          "`mark undo restricted` takes no target: it takes back the restriction recorded last");
    if (!restricted && o.targets.size() == 1)
        return core::fail(core::ErrorKind::usage, "bad_mark",
                          "give the profile URLs whose report to take back: `mark undo reported URL...`");
    std::vector<core::Person> people;
    for (size_t i = 1; i < o.targets.size(); ++i) {
        auto person = profile_of(o.targets[i]);
        if (!person) return std::unexpected(person.error());
        people.push_back(*person);
    }
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    std::vector<core::AccountEvent> undone;
    auto done = scope->store->transaction([&]() -> core::Result<void> {
        const auto existing = scope->store->account_events(scope->account.id, kind);
        if (restricted) {
            auto last = std::max_element(existing.begin(), existing.end(),
                                         [](const auto& a, const auto& b) { return a.id < b.id; });
            if (last == existing.end())
                return core::fail(core::ErrorKind::conflict, "nothing_to_undo", "no restriction is recorded");
            scope->store->undo_account_event(scope->account.id, last->id, scope->now);
            undone.push_back(*last);
            return {};
        }
        for (const auto& person : people) {
            bool found = false;
            for (const auto& e : existing)
                if (e.person_key == person.key && scope->store->undo_account_event(scope->account.id, e.id, scope->now)) {
                    undone.push_back(e);
                    found = true;
                }
            if (!found)
                return core::fail(core::ErrorKind::conflict, "nothing_to_undo",
                                  fmt::format("no report by {} is recorded", person.profile_url));
        }
        return {};
    });
    if (!done) return std::unexpected(done.error());

    Output out;
    out.json["marked"] = restricted ? "undo_restricted" : "undo_reported";
    out.json["at"] = json_instant(scope->now);
    out.json["count"] = undone.size();
    Json items = Json::array();
    for (const auto& e : undone)
        items.push_back(Json{{"at", json_instant(e.at)}, {"person_key", e.person_key ? Json(*e.person_key) : Json()}});
    out.json["items"] = items;
    if (restricted) {
        out.text = fmt::format("Took back the restriction of {}.\n", core::format_local(undone[0].at, scope->zone));
        const auto left = scope->store->account_events(scope->account.id, kind);
        const auto pause = scope->settings.duration("restriction.pause");
        if (!left.empty() && scope->now < left.back().at + pause)
            out.text += fmt::format("The restriction of {} still pauses sends until {}.\n",
                                    core::format_local(left.back().at, scope->zone),
                                    core::format_local(left.back().at + pause, scope->zone));
        else
            out.text += "No restriction pauses sending now.\n";
    } else {
        out.text = fmt::format("Took back {} report{} of \"I don't know this person\".\n", undone.size(),
                               undone.size() == 1 ? "" : "s");
    }
    return out;
}

// The invitation a target names: an id, or a profile URL (its pending invitation;
// for unkeep, the kept one; for undo, the newest).
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
    if (kind == core::EventKind::undo) return found.front();
    for (const auto& inv : found) {
        if (kind == core::EventKind::unkeep ? inv.keep : inv.status == core::Status::pending) return inv;
    }
    return found.front();  // apply() will explain why it cannot be marked
}

core::Result<Output> run_mark(Context& ctx, const MarkOptions& o)
{
    if (o.kind == "sent") return run_mark_sent(ctx, o);
    if (o.kind == "restricted") return run_mark_account(ctx, o, core::AccountEventKind::restricted);
    if (o.kind == "reported") return run_mark_account(ctx, o, core::AccountEventKind::reported);
    if (o.kind == "undo" && !o.targets.empty() && (o.targets[0] == "restricted" || o.targets[0] == "reported")) {
        if (!o.at.empty() || o.no_note || o.plan)
            return core::fail(core::ErrorKind::usage, "bad_mark", "`mark undo` takes no --at, --no-note or --plan");
        return run_undo_account(ctx, o);
    }
    const MarkKind* mark = find_mark_kind(o.kind);
    if (!mark || !mark->event)
        return core::fail(core::ErrorKind::usage, "bad_mark",
                          fmt::format("cannot mark \"{}\": use {}", o.kind, mark_kind_names(", ", " or ")));
    const std::optional<core::EventKind> kind = mark->event;
    if (!o.at.empty() || o.no_note)
        return core::fail(core::ErrorKind::usage, "bad_mark",
                          "--at and --no-note go with sent, restricted and reported");
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
            if (auto r = scope->store->record_event(scope->account.id, inv.id, core::Event{*kind, scope->now, ctx.options().source},
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
    if (targets.empty())
        out.text = "Nothing to mark: today's plan is empty.\n";
    else {
        const auto plural = targets.size() == 1 ? "" : "s";
        out.text = *kind == core::EventKind::undo
                       ? fmt::format("Took back the latest mark on {} invitation{}; now:\n", targets.size(), plural)
                       : fmt::format("Marked {} invitation{} {}:\n", targets.size(), plural, o.kind);
        for (size_t i = 0; i < targets.size(); ++i) {
            const auto& inv = targets[i];
            out.text += fmt::format("  {:>6}  {}  {}", inv.id.value, inv.person.name, inv.person.profile_url);
            if (*kind == core::EventKind::undo) out.text += fmt::format("  {}", items[i]["status"].get<std::string>());
            out.text += "\n";
        }
    }
    return out;
}

struct RecordOptions {
    std::string what;
    std::string url;
    std::string name;
    std::string note;
    bool note_given = false;
    std::string at;
};

core::Result<Output> run_record(Context& ctx, const RecordOptions& o)
{
    if (o.what != "sent")
        return core::fail(core::ErrorKind::usage, "bad_record",
                          fmt::format("cannot record \"{}\": use `record sent URL`", o.what));
    auto person = profile_of(o.url);
    if (!person) return std::unexpected(person.error());
    person->name = o.name;
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto when = mark_time(*scope, o.at);
    if (!when) return std::unexpected(when.error());
    const core::Instant at = *when;

    auto sent =
        plan::record_send(*scope->store, scope->account.id, *person,
                          o.note_given ? std::optional<std::string>(o.note) : std::nullopt, at, scope->now, ctx.options().source);
    if (!sent) return std::unexpected(sent.error());
    const core::Invitation& inv = sent->invitation;
    const core::InvitationId id = sent->id;
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
    auto* cmd = app.add_subcommand("mark", "Record what happened: " + mark_kind_names(", ", ", "));
    cmd->add_option("kind", o->kind, mark_kind_names("|", "|"))->required();
    cmd->add_option("targets", o->targets,
                    "invitation ids or profile URLs; with undo also `restricted`, or `reported URL...`");
    cmd->add_flag("--plan", o->plan, "with withdrawn: every item of today's withdrawal plan");
    cmd->add_option("--at", o->at, "with sent, restricted, reported: when it happened (default now)");
    cmd->add_flag("--no-note", o->no_note, "with sent: it went without its note (free-tier quota)");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_mark(ctx, *o); }; });
}

void add_record(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<RecordOptions>();
    auto* cmd = app.add_subcommand("record", "Record a request you sent by hand: record sent URL");
    cmd->add_option("what", o->what, "sent")->required();
    cmd->add_option("url", o->url, "the person's LinkedIn profile URL")->required();
    cmd->add_option("--name", o->name, "the person's name");
    cmd->add_option("--note", o->note, "the note sent with it (default: the queued one, if any)")
        ->each([o](const std::string&) { o->note_given = true; });
    cmd->add_option("--at", o->at, "when it was sent (default now)");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_record(ctx, *o); }; });
}

}  // namespace ik::present
