// `plan send`: when to send each queued request, and why some cannot be sent;
// optionally as an iCalendar file and a CSV.
#include "present/command.h"

#include "plan/outreach.h"
#include "present/ics.h"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace ik::present {

namespace {

struct SendCmdOptions {
    int days = 14;
    std::string from;
    std::string ics;
    std::string csv;
    bool aggressive = false;
    bool allow_unpersonalized = false;
};

std::string csv_field(std::string_view s)
{
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Why nothing goes out today, when the pending target is what holds it: one line for
// the text, the JSON and so the dashboard. None when something is sent today or the
// reason is only the calendar (not a sending day, today's or the week's limit used).
// `slot_days` are the slots' local dates, in order.
std::optional<std::string> nothing_today(const plan::OutreachPlan& outreach, const std::vector<core::Days>& slot_days,
                                         core::Days today)
{
    const bool none_today = slot_days.empty() || slot_days.front() > today;
    if (!none_today || outreach.room_from == today) return std::nullopt;
    const long target = outreach.rules.pending_target;
    if (outreach.room_from)
        return fmt::format("Nothing today: pending ({}) stays at or over the target ({}) until the withdrawal plan's {}.",
                           thousands(outreach.pending_now), thousands(target),
                           core::format_date(*outreach.room_from));
    return fmt::format(
        "Nothing can go out: pending ({}) stays at or over the target ({}) and the withdrawal plan does not bring it "
        "under.",
        thousands(outreach.pending_now), thousands(target));
}

core::Result<Output> run_plan_send(Context& ctx, const SendCmdOptions& o)
{
    if (o.days < 1 || o.days > 366) return core::fail(core::ErrorKind::usage, "bad_days", "--days must be 1 to 366");
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    plan::SendRequest request;
    request.now = scope->now;
    request.days = o.days;
    request.aggressive = o.aggressive;
    request.allow_unpersonalized = o.allow_unpersonalized;
    if (!o.from.empty()) {
        auto from = core::parse_instant(o.from, scope->zone);
        if (!from) return std::unexpected(from.error());
        request.from = *from;
    }
    auto outreach = plan::plan_outreach(*scope->store, scope->account, scope->settings, request);
    if (!outreach) return std::unexpected(outreach.error());
    const auto& p = outreach->plan;
    const auto& queue = outreach->prospects;
    const auto& cands = outreach->candidates;

    auto zone_of = [&](size_t i) -> const core::Zone& { return cands[i].zone ? *cands[i].zone : scope->zone; };
    auto note_of = [&](const plan::SendSlot& s) { return s.note_withheld ? std::string() : cands[s.candidate].note; };

    const core::Days today = scope->zone.local_date(scope->now);
    std::vector<core::Days> slot_days;  // each slot's date in the account's zone
    slot_days.reserve(p.slots.size());
    for (const auto& s : p.slots) slot_days.push_back(scope->zone.local_date(s.at));
    const auto why_none = queue.empty() ? std::nullopt : nothing_today(*outreach, slot_days, today);
    Output out;
    out.json["now"] = json_instant(scope->now);
    Json slots = Json::array();
    long sends_today = 0;
    for (size_t k = 0; k < p.slots.size(); ++k) {
        const auto& s = p.slots[k];
        const auto& who = queue[s.candidate];
        const core::Days day = slot_days[k];
        if (day == today) ++sends_today;
        slots.push_back(Json{{"at", json_instant(s.at)},
                             {"day", core::format_date(day)},
                             {"local", core::format_local(s.at, zone_of(s.candidate))},
                             {"profile_url", who.person.profile_url},
                             {"name", who.person.name},
                             {"note", note_of(s)},
                             {"template", cands[s.candidate].template_name.empty()
                                              ? Json()
                                              : Json(cands[s.candidate].template_name)},
                             {"note_withheld", s.note_withheld}});
    }
    out.json["slots"] = slots;
    Json blocked = Json::array();
    for (const auto& b : p.blocked) {
        const auto& who = queue[b.candidate];
        blocked.push_back(Json{{"profile_url", who.person.profile_url},
                               {"name", who.person.name},
                               {"reason", plan::to_string(b.reason)},
                               {"until", b.until ? json_instant(*b.until) : Json()},
                               {"detail", b.detail}});
    }
    out.json["blocked"] = blocked;
    out.json["today"] = Json{{"date", core::format_date(today)},
                             {"sends", sends_today},
                             {"nothing_because", why_none ? Json(*why_none) : Json()}};
    out.json["summary"] = Json{{"scheduled", p.slots.size()},
                               {"blocked", p.blocked.size()},
                               {"weekly_remaining_after", p.weekly_remaining_after},
                               {"first", p.slots.empty() ? Json() : json_instant(p.slots.front().at)},
                               {"last", p.slots.empty() ? Json() : json_instant(p.slots.back().at)}};

    if (!o.ics.empty()) {
        IcsCalendar cal{scope->account.name, scope->now, {}, std::nullopt};
        for (const auto& s : p.slots) {
            const auto& who = queue[s.candidate].person;
            cal.sends.push_back(IcsSend{s.at, who.name, who.profile_url, who.key, note_of(s)});
        }
        if (outreach->next_cleanup) {
            const auto every = std::chrono::duration_cast<core::days>(scope->settings.duration("cleanup.every"));
            cal.cleanup =
                IcsCleanup{*outreach->next_cleanup, static_cast<int>(std::max<long>(1, every.count())), 9 * 60};
        }
        if (auto w = write_file_atomically(o.ics, write_ics(cal)); !w) return std::unexpected(w.error());
    }
    if (!o.csv.empty()) {
        std::string csv = "at,local,name,profile_url,note,template\n";
        for (const auto& s : p.slots) {
            const auto& who = queue[s.candidate].person;
            csv += fmt::format("{},{},{},{},{},{}\n", core::format_instant(s.at),
                               core::format_local(s.at, zone_of(s.candidate)), csv_field(who.name),
                               csv_field(who.profile_url), csv_field(note_of(s)),
                               csv_field(cands[s.candidate].template_name));
        }
        if (auto w = write_file_atomically(o.csv, csv); !w) return std::unexpected(w.error());
    }

    std::string& t = out.text;
    if (queue.empty()) {
        t = "The queue is empty. Add people with `invitekeeper queue add URL` or `queue import FILE.csv`.\n";
        return out;
    }
    const std::string from = core::format_local(std::max(request.from.value_or(scope->now), scope->now), scope->zone);
    t += fmt::format("Send plan from {} {} ({}) for {} days: {} of {} queued scheduled", from.substr(0, 10),
                     from.substr(11, 5), scope->zone.name(), o.days, p.slots.size(), queue.size());
    if (!p.slots.empty()) t += fmt::format(", {} left in the rolling week after the last", p.weekly_remaining_after);
    t += ".\n";
    if (why_none)
        t += *why_none + (outreach->room_from ? " Withdraw first: invitekeeper plan withdraw\n"
                                              : " See invitekeeper plan withdraw.\n");
    std::map<core::Days, std::vector<size_t>> by_day;
    for (size_t k = 0; k < p.slots.size(); ++k) by_day[slot_days[k]].push_back(k);
    for (const auto& [day, ks] : by_day) {
        t += fmt::format("\n{} ({} send{})\n", core::format_date(day), ks.size(), ks.size() == 1 ? "" : "s");
        TextTable table({"time", "their time", "name", "note", "profile"});
        for (size_t k : ks) {
            const auto& s = p.slots[k];
            const auto& who = queue[s.candidate].person;
            const auto& their = zone_of(s.candidate);
            std::string note = note_of(s);
            table.add({core::format_local(s.at, scope->zone).substr(11, 5),
                       their.name() == scope->zone.name()
                           ? std::string("-")
                           : core::format_local(s.at, their).substr(11, 5) + " " + their.name(),
                       shorten(who.name, 24),
                       s.note_withheld ? std::string("(none: note quota)")
                       : note.empty()  ? "-"
                                       : shorten(note, 32),
                       who.profile_url});
        }
        t += table.render();
    }
    if (!p.blocked.empty()) {
        t += fmt::format("\nNot scheduled ({}):\n", p.blocked.size());
        TextTable table({"reason", "until", "name", "profile", "why"});
        for (const auto& b : p.blocked) {
            const auto& who = queue[b.candidate].person;
            table.add({std::string(plan::to_string(b.reason)),
                       b.until ? core::format_local(*b.until, scope->zone).substr(0, 16) : "-", shorten(who.name, 24),
                       who.profile_url, b.detail.empty() ? "-" : shorten(b.detail, 60)});
        }
        t += table.render();
    }
    if (!o.ics.empty()) t += fmt::format("\nCalendar written to {}\n", o.ics);
    if (!o.csv.empty()) t += fmt::format("CSV written to {}\n", o.csv);
    t += "\nSend each on LinkedIn at its time (copy the note), then: invitekeeper mark sent URL\n";
    return out;
}

}  // namespace

void add_plan_send(CLI::App& plan, Runner& selected)
{
    auto o = std::make_shared<SendCmdOptions>();
    auto* s = plan.add_subcommand("send", "When to send each queued request without breaking any limit");
    s->add_option("--days", o->days, "how many days ahead to plan (default 14)");
    s->add_option("--from", o->from, "plan from this time (default now)");
    s->add_option("--ics", o->ics, "also write the plan as an iCalendar file");
    s->add_option("--csv", o->csv, "also write the plan as CSV");
    s->add_flag("--aggressive", o->aggressive, "after a withdrawal wait only the hard 21 days, not the advised 28");
    s->add_flag("--allow-unpersonalized", o->allow_unpersonalized,
                "schedule notes whose only problem is that they name neither the person nor the company");
    s->callback([o, &selected] { selected = [o](Context& ctx) { return run_plan_send(ctx, *o); }; });
}

}  // namespace ik::present
