#include "app/json.h"

#include "core/overloaded.h"

#include "ingest/people.h"
#include "plan/outreach.h"
#include "plan/status.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace ik::app {

namespace {

// `at`, in the account's zone; never in the future.
core::Result<core::Instant> mark_time(const AccountScope& scope, const std::string& at)
{
    if (at.empty()) return scope.now;
    auto parsed = core::parse_instant(at, scope.zone);
    if (!parsed) return std::unexpected(parsed.error());
    if (*parsed > scope.now)
        return core::fail(core::ErrorKind::usage, "future", fmt::format("--at {} is in the future", at));
    if (*parsed < core::kLinkedInOpened)
        return core::fail(core::ErrorKind::usage, "bad_at",
                          fmt::format("--at {} is before LinkedIn opened (2003-05-05)", at));
    return *parsed;
}

core::Result<core::Person> profile_of(const std::string& url)
{
    auto ref = ingest::profile_url(url);
    if (!ref) return std::unexpected(ref.error());
    return core::Person{ref->key, "", ref->canonical};
}

core::Result<MarkAnswer> mark_sent(Session& session, const MarkRequest& o)
{
    if (o.targets.empty()) return core::fail(core::ErrorKind::usage, "bad_mark", "give the profile URLs you sent to");
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto at = mark_time(*scope, o.at);
    if (!at) return std::unexpected(at.error());
    std::vector<core::Person> people;
    for (const auto& url : o.targets) {
        auto person = profile_of(url);
        if (!person) return std::unexpected(person.error());
        const bool repeated =
            std::any_of(people.begin(), people.end(), [&](const core::Person& p) { return p.key == person->key; });
        if (!repeated) people.push_back(*person);
    }
    MarkedSent answer;
    auto done = scope->store->transaction([&]() -> core::Result<void> {
        for (const auto& person : people) {
            auto sent = plan::record_send(*scope->store, scope->account.id, person,
                                          o.no_note ? std::optional<std::string>("") : std::nullopt, *at, scope->now,
                                          session.options().source);
            if (!sent) return std::unexpected(sent.error());
            answer.items.push_back(SentMark{std::move(sent->invitation), sent->dequeued});
        }
        return {};
    });
    if (!done) {
        auto e = done.error();
        if (e.kind == core::ErrorKind::conflict && people.size() > 1) e.message += "; nothing was recorded";
        return std::unexpected(e);
    }
    return answer;
}

// A restriction already recorded at that instant, or a report of a person already
// recorded, is not recorded again: each counts once, however often it is marked.
core::Result<MarkAnswer> mark_account(Session& session, const MarkRequest& o, core::AccountEventKind kind)
{
    const bool restricted = kind == core::AccountEventKind::restricted;
    if (restricted && !o.targets.empty())
        return core::fail(core::ErrorKind::usage, "bad_mark", "`mark restricted` takes no target, only --at");
    if (!restricted && o.targets.empty())
        return core::fail(core::ErrorKind::usage, "bad_mark", "give the profile URLs of who reported you");
    auto scope = session.open_account();
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
    MarkedAccount answer{kind, *at, scope->zone, 0, {}, {}, scope->settings.duration("restriction.pause")};
    auto done = scope->store->transaction([&]() -> core::Result<void> {
        const auto existing = scope->store->account_events(scope->account.id, kind);
        for (const auto& who : people) {
            auto same = std::find_if(existing.begin(), existing.end(), [&](const core::AccountEvent& e) {
                return restricted ? e.at == *at : e.person_key == who;
            });
            if (same != existing.end()) {
                answer.already.push_back(*same);
                answer.already_urls.push_back(same->person_key ? url_of.at(*same->person_key) : std::string());
                continue;
            }
            scope->store->record_account_event(
                scope->account.id, core::AccountEvent{0, kind, *at, who, session.options().source, scope->now});
            ++answer.recorded;
        }
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return answer;
}

// Takes back the restriction recorded last, or the report of each person. Refused
// (conflict) when there is none to take back.
core::Result<MarkAnswer> undo_account(Session& session, const MarkRequest& o)
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
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    UndoneAccount answer{kind, scope->now,   scope->zone,
                         {},   std::nullopt, scope->settings.duration("restriction.pause")};
    auto& store = *scope->store;
    auto done = store.transaction([&]() -> core::Result<void> {
        const auto existing = store.account_events(scope->account.id, kind);
        if (restricted) {
            auto last = std::max_element(existing.begin(), existing.end(),
                                         [](const auto& a, const auto& b) { return a.id < b.id; });
            if (last == existing.end())
                return core::fail(core::ErrorKind::conflict, "nothing_to_undo", "no restriction is recorded");
            store.undo_account_event(scope->account.id, last->id, scope->now);
            answer.undone.push_back(*last);
            const auto left = store.account_events(scope->account.id, kind);
            if (!left.empty() && scope->now < left.back().at + answer.pause) answer.still_paused_by = left.back().at;
            return {};
        }
        for (const auto& person : people) {
            bool found = false;
            for (const auto& e : existing)
                if (e.person_key == person.key && store.undo_account_event(scope->account.id, e.id, scope->now)) {
                    answer.undone.push_back(e);
                    found = true;
                }
            if (!found)
                return core::fail(core::ErrorKind::conflict, "nothing_to_undo",
                                  fmt::format("no report by {} is recorded", person.profile_url));
        }
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return answer;
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

}  // namespace

core::Result<MarkAnswer> run(Session& session, const MarkRequest& o)
{
    if (o.kind == "sent") return mark_sent(session, o);
    if (o.kind == "restricted") return mark_account(session, o, core::AccountEventKind::restricted);
    if (o.kind == "reported") return mark_account(session, o, core::AccountEventKind::reported);
    if (o.kind == "undo" && !o.targets.empty() && (o.targets[0] == "restricted" || o.targets[0] == "reported")) {
        if (!o.at.empty() || o.no_note || o.plan)
            return core::fail(core::ErrorKind::usage, "bad_mark", "`mark undo` takes no --at, --no-note or --plan");
        return undo_account(session, o);
    }
    const MarkKind* mark = find_mark_kind(o.kind);
    if (!mark || !mark->event)
        return core::fail(core::ErrorKind::usage, "bad_mark",
                          fmt::format("cannot mark \"{}\": use {}", o.kind, mark_kind_names(", ", " or ")));
    const core::EventKind kind = *mark->event;
    if (!o.at.empty() || o.no_note)
        return core::fail(core::ErrorKind::usage, "bad_mark",
                          "--at and --no-note go with sent, restricted and reported");
    if (o.plan && kind != core::EventKind::withdrawn)
        return core::fail(core::ErrorKind::usage, "bad_mark", "--plan goes with `mark withdrawn` only");
    if (o.plan == !o.targets.empty())
        return core::fail(core::ErrorKind::usage, "bad_mark", "give invitation ids or profile URLs, or --plan");

    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    std::vector<core::Invitation> targets;
    if (o.plan) {
        auto p = plan::withdrawal_plan(store, scope->account.id, scope->settings,
                                       plan::WithdrawOptions::from(scope->settings), scope->now);
        const core::Days today = scope->zone.local_date(scope->now);
        for (const auto& item : p.items)
            if (item.day == today) targets.push_back(item.invitation);
    } else {
        for (const auto& t : o.targets) {
            auto inv = resolve(*scope, t, kind);
            if (!inv) return std::unexpected(inv.error());
            targets.push_back(*inv);
        }
    }

    MarkedInvitations answer{o.kind, kind, scope->now, {}};
    auto done = store.transaction([&]() -> core::Result<void> {
        for (const auto& inv : targets) {
            if (auto r = store.record_event(scope->account.id, inv.id,
                                            core::Event{kind, scope->now, session.options().source}, scope->now);
                !r)
                return r;
            answer.items.push_back(MarkedInvitation{inv, *store.invitation(scope->account.id, inv.id)});
        }
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return answer;
}

core::Result<RecordSentAnswer> run(Session& session, const RecordSentRequest& o)
{
    auto person = profile_of(o.url);
    if (!person) return std::unexpected(person.error());
    person->name = o.name;
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto at = mark_time(*scope, o.at);
    if (!at) return std::unexpected(at.error());
    auto sent =
        plan::record_send(*scope->store, scope->account.id, *person, o.note, *at, scope->now, session.options().source);
    if (!sent) return std::unexpected(sent.error());
    return RecordSentAnswer{sent->id, std::move(sent->invitation)};
}

namespace {

Json sent_json(const MarkedSent& a)
{
    Json items = Json::array();
    for (const auto& sent : a.items) {
        const auto& inv = sent.invitation;
        items.push_back(Json{{"id", inv.id.value},
                             {"name", inv.person.name},
                             {"profile_url", inv.person.profile_url},
                             {"sent_at", json_instant(inv.sent_at)},
                             {"note", inv.message},
                             {"template", inv.template_name.empty() ? Json() : Json(inv.template_name)},
                             {"dequeued", sent.dequeued}});
    }
    Json j;
    j["marked"] = "sent";
    j["count"] = items.size();
    j["items"] = items;
    return j;
}

Json account_json(const MarkedAccount& a)
{
    Json j;
    j["marked"] = core::to_string(a.kind);
    j["at"] = json_instant(a.at);
    j["count"] = a.recorded;
    j["already_recorded"] = a.already.size();
    if (a.kind == core::AccountEventKind::restricted) j["no_sends_until"] = json_instant(a.at + a.pause);
    return j;
}

Json undone_json(const UndoneAccount& a)
{
    Json j;
    j["marked"] = a.kind == core::AccountEventKind::restricted ? "undo_restricted" : "undo_reported";
    j["at"] = json_instant(a.now);
    j["count"] = a.undone.size();
    Json items = Json::array();
    for (const auto& e : a.undone)
        items.push_back(Json{{"at", json_instant(e.at)}, {"person_key", e.person_key ? Json(*e.person_key) : Json()}});
    j["items"] = items;
    return j;
}

Json invitations_json(const MarkedInvitations& a)
{
    Json items = Json::array();
    for (const auto& m : a.items)
        items.push_back(Json{{"id", m.before.id.value},
                             {"name", m.before.person.name},
                             {"profile_url", m.before.person.profile_url},
                             {"status", core::to_string(m.after.status)},
                             {"keep", m.after.keep},
                             {"accidental", m.after.accidental}});
    Json j;
    j["marked"] = a.kind;
    j["at"] = json_instant(a.now);
    j["count"] = a.items.size();
    j["items"] = items;
    return j;
}

}  // namespace

Json to_json(const MarkAnswer& answer)
{
    return std::visit(core::Overloaded{[](const MarkedSent& a) { return sent_json(a); },
                                       [](const MarkedAccount& a) { return account_json(a); },
                                       [](const UndoneAccount& a) { return undone_json(a); },
                                       [](const MarkedInvitations& a) { return invitations_json(a); }},
                      answer);
}

Json to_json(const RecordSentAnswer& answer)
{
    const auto& inv = answer.invitation;
    Json j;
    j["id"] = answer.id.value;
    j["name"] = inv.person.name;
    j["profile_url"] = inv.person.profile_url;
    j["sent_at"] = json_instant(inv.sent_at);
    j["note"] = inv.message;
    return j;
}

}  // namespace ik::app
