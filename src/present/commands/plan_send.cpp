// `plan send`: when to send each queued request, and why some cannot be sent;
// optionally as an iCalendar file and a CSV.
#include "present/command.h"

#include "present/ics.h"

#include <fmt/format.h>

#include <map>

namespace ik::present {

namespace {

struct SendCmdOptions {
    app::SendPlanRequest request;
    std::string ics;
    std::string csv;
};

std::string csv_field(std::string_view s)
{
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The plan as an iCalendar file and as CSV, when asked for.
core::Result<void> write_files(const app::SendPlanAnswer& a, const SendCmdOptions& o)
{
    if (!o.ics.empty()) {
        IcsCalendar cal{a.account, a.now, {}, std::nullopt};
        for (const auto& s : a.slots)
            cal.sends.push_back(IcsSend{s.at, s.person.name, s.person.profile_url, s.person.key, s.note});
        if (a.next_cleanup) {
            const auto every = std::chrono::duration_cast<core::days>(a.cleanup_every);
            cal.cleanup = IcsCleanup{*a.next_cleanup, static_cast<int>(std::max<long>(1, every.count())), 9 * 60};
        }
        if (auto w = write_file_atomically(o.ics, write_ics(cal)); !w) return w;
    }
    if (!o.csv.empty()) {
        std::string csv = "at,local,name,profile_url,note,template\n";
        for (const auto& s : a.slots)
            csv += fmt::format("{},{},{},{},{},{}\n", core::format_instant(s.at), s.local, csv_field(s.person.name),
                               csv_field(s.person.profile_url), csv_field(s.note), csv_field(s.template_name));
        if (auto w = write_file_atomically(o.csv, csv); !w) return w;
    }
    return {};
}

std::string send_text(const app::SendPlanAnswer& a, const SendCmdOptions& o)
{
    std::string t;
    if (a.queued == 0)
        return "The queue is empty. Add people with `invitekeeper queue add URL` or `queue import FILE.csv`.\n";
    const std::string from = core::format_local(a.from, a.zone);
    t += fmt::format("Send plan from {} {} ({}) for {} days: {} of {} queued scheduled", from.substr(0, 10),
                     from.substr(11, 5), a.zone.name(), a.days, a.slots.size(), a.queued);
    if (!a.slots.empty()) t += fmt::format(", {} left in the rolling week after the last", a.weekly_remaining_after);
    t += ".\n";
    if (a.nothing_because)
        t += *a.nothing_because +
             (a.room_later ? " Withdraw first: invitekeeper plan withdraw\n" : " See invitekeeper plan withdraw.\n");
    std::map<core::Days, std::vector<size_t>> by_day;
    for (size_t k = 0; k < a.slots.size(); ++k) by_day[a.slots[k].day].push_back(k);
    for (const auto& [day, ks] : by_day) {
        t += fmt::format("\n{} ({} send{})\n", core::format_date(day), ks.size(), ks.size() == 1 ? "" : "s");
        TextTable table({"time", "their time", "name", "note", "profile"});
        for (size_t k : ks) {
            const auto& s = a.slots[k];
            table.add({core::format_local(s.at, a.zone).substr(11, 5),
                       s.their_zone == a.zone.name() ? std::string("-") : s.local.substr(11, 5) + " " + s.their_zone,
                       shorten(s.person.name, 24),
                       s.note_withheld  ? std::string("(none: note quota)")
                       : s.note.empty() ? "-"
                                        : shorten(s.note, 32),
                       s.person.profile_url});
        }
        t += table.render();
    }
    if (!a.blocked.empty()) {
        t += fmt::format("\nNot scheduled ({}):\n", a.blocked.size());
        TextTable table({"reason", "until", "name", "profile", "why"});
        for (const auto& b : a.blocked)
            table.add({std::string(plan::to_string(b.reason)),
                       b.until ? core::format_local(*b.until, a.zone).substr(0, 16) : "-", shorten(b.person.name, 24),
                       b.person.profile_url, b.detail.empty() ? "-" : shorten(b.detail, 60)});
        t += table.render();
    }
    if (!o.ics.empty()) t += fmt::format("\nCalendar written to {}\n", o.ics);
    if (!o.csv.empty()) t += fmt::format("CSV written to {}\n", o.csv);
    t += "\nSend each on LinkedIn at its time (copy the note), then: invitekeeper mark sent URL\n";
    return t;
}

}  // namespace

void add_plan_send(CLI::App& plan, Runner& selected)
{
    auto o = std::make_shared<SendCmdOptions>();
    auto* s = plan.add_subcommand("send", "When to send each queued request without breaking any limit");
    s->add_option("--days", o->request.days, "how many days ahead to plan (default 14)");
    s->add_option("--from", o->request.from, "plan from this time (default now)");
    s->add_option("--ics", o->ics, "also write the plan as an iCalendar file");
    s->add_option("--csv", o->csv, "also write the plan as CSV");
    s->add_flag("--aggressive", o->request.aggressive,
                "after a withdrawal wait only the hard 21 days, not the advised 28");
    s->add_flag("--allow-unpersonalized", o->request.allow_unpersonalized,
                "schedule notes whose only problem is that they name neither the person nor the company");
    s->callback([o, &selected] {
        selected = [o](Context& ctx) -> core::Result<Output> {
            auto answered = app::run(ctx.session(), o->request);
            if (!answered) return std::unexpected(answered.error());
            if (auto w = write_files(*answered, *o); !w) return std::unexpected(w.error());
            return Output{app::to_json(*answered), send_text(*answered, *o)};
        };
    });
}

}  // namespace ik::present
