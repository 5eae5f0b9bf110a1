#include "plan/outreach.h"

#include "plan/notes.h"
#include "plan/status.h"
#include "plan/templates.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace ik::plan {

using core::Instant;

core::Result<std::string> prospect_note(const core::Prospect& p, const std::vector<core::Template>& templates)
{
    if (p.note) return *p.note;
    if (!p.template_name) return std::string();
    auto t = std::find_if(templates.begin(), templates.end(),
                          [&](const core::Template& known) { return known.name == *p.template_name; });
    if (t == templates.end())
        return core::fail(core::ErrorKind::bad_input, "unknown_template",
                          fmt::format("{}: no template named \"{}\" (see `invitekeeper template list`)", p.person.name,
                                      *p.template_name));
    auto vars = p.vars;
    vars["first_name"] = p.first_name;
    vars["name"] = p.person.name;
    vars["company"] = p.company;
    return render_template(t->text, vars, p.person.name);
}

namespace {

// What the ledger says about one prospect, as the scheduler needs it.
void ledger_facts(store::Store& store, core::AccountId account, SendCandidate& c)
{
    if (auto since = store.connected_on(account, c.person.key)) {
        c.block = BlockReason::already_connected;
        c.detail = fmt::format("a connection since {}", core::format_date(*since));
        return;
    }
    store::InvitationQuery q;
    q.direction.reset();
    q.person_key = c.person.key;
    for (const auto& inv : store.invitations(account, q)) {  // oldest first
        switch (inv.status) {
            case core::Status::accepted:
                c.block = BlockReason::already_connected;
                c.detail = fmt::format("invitation {} was accepted", inv.id.value);
                return;
            case core::Status::pending:
                c.block = BlockReason::already_pending;
                c.detail = inv.direction == core::Direction::outgoing
                               ? fmt::format("invitation {} sent {} is pending", inv.id.value,
                                             core::format_date(std::chrono::floor<core::days>(inv.sent_at)))
                               : std::string("they invited you: accept their invitation on LinkedIn");
                return;
            case core::Status::withdrawn:
                if (inv.status_at) c.withdrawn_at = std::max(c.withdrawn_at.value_or(*inv.status_at), *inv.status_at);
                break;
            case core::Status::declined:
            case core::Status::gone:
                if (inv.direction == core::Direction::outgoing && inv.status_at)
                    c.declined_at = std::max(c.declined_at.value_or(*inv.status_at), *inv.status_at);
                break;
        }
    }
}

}  // namespace

core::Result<OutreachPlan> plan_outreach(store::Store& store, const store::Account& account,
                                         const core::Settings& settings, const SendRequest& request)
{
    OutreachPlan out;
    auto rules = SendRules::from(settings, request.aggressive);
    if (!rules) return std::unexpected(rules.error());
    out.rules = *rules;
    auto zone = core::Zone::named(settings.text("account.tz"));
    if (!zone) return std::unexpected(zone.error());
    const core::AccountId id = account.id;

    out.prospects = store.prospects(id);
    const auto templates = store.templates(id);
    std::set<std::string> dnc, seen;
    for (const auto& d : store.do_not_contact(id)) dnc.insert(d.person.key);
    const long max_chars = note_max_chars(settings);

    for (const auto& p : out.prospects) {
        SendCandidate c;
        c.id = p.id;
        c.person = p.person;
        c.template_name = p.template_name.value_or("");
        if (p.zone)
            if (auto z = core::Zone::named(*p.zone)) c.zone = *z;
        if (!seen.insert(p.person.key).second) {
            c.block = BlockReason::duplicate;
            c.detail = "queued again: the first entry is the one planned";
        } else if (dnc.contains(p.person.key)) {
            c.block = BlockReason::do_not_contact;
            c.detail = "on the do-not-contact list";
        } else {
            ledger_facts(store, id, c);
        }
        if (!c.block) {
            auto note = prospect_note(p, templates);
            if (!note) {
                c.block = BlockReason::note_invalid;
                c.detail = note.error().message;
            } else if (!note->empty()) {
                c.note = *note;
                auto check = check_note(*note, NoteContext{p.first_name, p.company, max_chars});
                std::string problems;
                for (const auto& f : check.findings) {
                    if (request.allow_unpersonalized && f.code == "not_personalized") continue;
                    problems += (problems.empty() ? "" : "; ") + f.code + ": " + f.message;
                }
                if (!problems.empty()) {
                    c.block = BlockReason::note_invalid;
                    c.detail = problems;
                }
            }
        }
        out.candidates.push_back(std::move(c));
    }

    SendHistory history;
    store::InvitationQuery recent;
    recent.sent_from = request.now - core::days{31};
    recent.sent_before = request.now + core::Duration{1};
    for (const auto& inv : store.invitations(id, recent)) {
        history.sent.push_back(inv.sent_at);
        if (!inv.message.empty()) history.sent_with_note.push_back(inv.sent_at);
    }
    store::InvitationQuery pending;
    pending.status = core::Status::pending;
    history.pending = store.count_invitations(id, pending);
    auto withdrawals = withdrawal_plan(store, id, settings, WithdrawOptions::from(settings), request.now);
    for (const auto& item : withdrawals.items) ++history.withdrawals[item.day];
    auto restrictions = store.account_events(id, core::AccountEventKind::restricted);
    if (!restrictions.empty()) history.restricted_at = restrictions.back().at;

    SendOptions options;
    options.now = request.now;
    options.from = std::max(request.from.value_or(request.now), request.now);
    options.days = request.days;
    options.account_zone = *zone;
    options.seed = static_cast<std::uint64_t>(id.value);
    out.plan = plan_sends(out.candidates, history, out.rules, options);
    out.pending_now = history.pending;
    {
        const core::Days today = zone->local_date(request.now);
        long left = history.pending;
        if (left < out.rules.pending_target) out.room_from = today;
        for (const auto& [day, n] : history.withdrawals) {
            if (out.room_from) break;
            left -= n;
            if (left < out.rules.pending_target) out.room_from = std::max(day, today);
        }
    }

    out.next_cleanup = cleanup_due(store, id, settings, *zone, request.now).next;
    return out;
}

core::Result<SentRecord> record_send(store::Store& store, core::AccountId account, const core::Person& person,
                                     std::optional<std::string> note, Instant at, Instant now, std::string_view source)
{
    // The checks, the new invitation and the queue's update are one transaction: a
    // writer elsewhere cannot send the same person between the check and the write,
    // and a caller's transaction (mark sent A B) takes all of it back on a refusal.
    SentRecord out;
    auto result = store.transaction([&]() -> core::Result<void> {
        store::InvitationQuery q;
        q.person_key = person.key;
        q.status = core::Status::pending;
        if (auto open = store.invitations(account, q); !open.empty())
            return core::fail(core::ErrorKind::conflict, "already_pending",
                              fmt::format("an invitation to {} is already pending (id {}, sent {})", person.profile_url,
                                          open.front().id.value, core::format_instant(open.front().sent_at)));
        if (auto since = store.connected_on(account, person.key))
            return core::fail(core::ErrorKind::conflict, "already_connected",
                              fmt::format("{} is a connection since {}", person.profile_url, core::format_date(*since)));

        core::Invitation& inv = out.invitation;
        inv.account = account;
        inv.direction = core::Direction::outgoing;
        inv.person = person;
        inv.sent_at = at;
        // The queued prospect, if any, gives the name, the note and its template.
        const auto queue = store.prospects(account);
        auto queued = std::find_if(queue.begin(), queue.end(),
                                   [&](const core::Prospect& p) { return p.person.key == person.key; });
        if (queued != queue.end()) {
            if (inv.person.name.empty() || inv.person.name == person.key) inv.person.name = queued->person.name;
            if (!note) {
                auto rendered = prospect_note(*queued, store.templates(account));
                if (!rendered) return std::unexpected(rendered.error());
                note = *rendered;
                inv.template_name = queued->note ? "" : queued->template_name.value_or("");
            }
        }
        inv.message = note.value_or("");
        auto added = store.add_invitation(inv, {core::Event{core::EventKind::sent, at, std::string(source)}}, now);
        if (!added) return std::unexpected(added.error());
        out.id = *added;
        inv.id = out.id;
        out.dequeued = store.remove_prospects(account, person.key);
        return {};
    });
    if (!result) return std::unexpected(result.error());
    return out;
}

}  // namespace ik::plan
