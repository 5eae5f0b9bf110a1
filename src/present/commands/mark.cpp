// `mark KIND TARGET...` records what the member did or learnt on LinkedIn, and
// `record sent URL` records a request sent by hand: the command lines of
// app/marks.h, and how their answers read.
#include "present/command.h"

#include "core/overloaded.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string sent_text(const app::MarkedSent& a)
{
    std::string t;
    for (const auto& sent : a.items) {
        const auto& inv = sent.invitation;
        t += fmt::format("Recorded invitation {} to {} ({}) sent {}{}\n", inv.id.value, inv.person.name,
                         inv.person.profile_url, core::format_instant(inv.sent_at),
                         sent.dequeued ? "; off the queue" : "");
    }
    return t;
}

std::string account_text(const app::MarkedAccount& a)
{
    if (a.kind == core::AccountEventKind::restricted)
        return fmt::format("{} a restriction at {}. `plan send` plans nothing before {} (restriction.pause {}).\n",
                           a.recorded ? "Recorded" : "Already recorded", core::format_local(a.at, a.zone),
                           core::format_local(a.at + a.pause, a.zone), core::format_duration(a.pause));
    std::string t;
    if (a.recorded)
        t = fmt::format("Recorded {} report{} of \"I don't know this person\".\n", a.recorded,
                        a.recorded == 1 ? "" : "s");
    for (size_t i = 0; i < a.already.size(); ++i)
        t += fmt::format("Already recorded: {} reported you on {}; counted once.\n", a.already_urls[i],
                         core::format_local(a.already[i].at, a.zone));
    return t;
}

std::string undone_text(const app::UndoneAccount& a)
{
    if (a.kind != core::AccountEventKind::restricted)
        return fmt::format("Took back {} report{} of \"I don't know this person\".\n", a.undone.size(),
                           a.undone.size() == 1 ? "" : "s");
    std::string t = fmt::format("Took back the restriction of {}.\n", core::format_local(a.undone[0].at, a.zone));
    if (a.still_paused_by)
        t += fmt::format("The restriction of {} still pauses sends until {}.\n",
                         core::format_local(*a.still_paused_by, a.zone),
                         core::format_local(*a.still_paused_by + a.pause, a.zone));
    else
        t += "No restriction pauses sending now.\n";
    return t;
}

std::string invitations_text(const app::MarkedInvitations& a)
{
    if (a.items.empty()) return "Nothing to mark: today's plan is empty.\n";
    const auto plural = a.items.size() == 1 ? "" : "s";
    const bool undo = a.event == core::EventKind::undo;
    std::string t = undo ? fmt::format("Took back the latest mark on {} invitation{}; now:\n", a.items.size(), plural)
                         : fmt::format("Marked {} invitation{} {}:\n", a.items.size(), plural, a.kind);
    for (const auto& m : a.items) {
        t += fmt::format("  {:>6}  {}  {}", m.before.id.value, m.before.person.name, m.before.person.profile_url);
        if (undo) t += fmt::format("  {}", core::to_string(m.after.status));
        t += "\n";
    }
    return t;
}

std::string mark_text(const app::MarkAnswer& answer)
{
    return std::visit(core::Overloaded{[](const app::MarkedSent& a) { return sent_text(a); },
                                       [](const app::MarkedAccount& a) { return account_text(a); },
                                       [](const app::UndoneAccount& a) { return undone_text(a); },
                                       [](const app::MarkedInvitations& a) { return invitations_text(a); }},
                      answer);
}

std::string record_text(const app::RecordSentAnswer& a)
{
    const auto& inv = a.invitation;
    return fmt::format("Recorded invitation {} to {} ({}) sent {}\n", a.id.value, inv.person.name,
                       inv.person.profile_url, core::format_instant(inv.sent_at));
}

struct RecordOptions {
    std::string what;
    app::RecordSentRequest request;
};

}  // namespace

void add_mark(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<app::MarkRequest>();
    auto* cmd = app.add_subcommand("mark", "Record what happened: " + app::mark_kind_names(", ", ", "));
    cmd->add_option("kind", o->kind, app::mark_kind_names("|", "|"))->required();
    cmd->add_option("targets", o->targets,
                    "invitation ids or profile URLs; with undo also `restricted`, or `reported URL...`");
    cmd->add_flag("--plan", o->plan, "with withdrawn: every item of today's withdrawal plan");
    cmd->add_option("--at", o->at, "with sent, restricted, reported: when it happened (default now)");
    cmd->add_flag("--no-note", o->no_note, "with sent: it went without its note (free-tier quota)");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return answer(ctx, *o, mark_text); }; });
}

void add_record(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<RecordOptions>();
    auto* cmd = app.add_subcommand("record", "Record a request you sent by hand: record sent URL");
    cmd->add_option("what", o->what, "sent")->required();
    cmd->add_option("url", o->request.url, "the person's LinkedIn profile URL")->required();
    cmd->add_option("--name", o->request.name, "the person's name");
    cmd->add_option("--note", o->request.note, "the note sent with it (default: the queued one, if any)");
    cmd->add_option("--at", o->request.at, "when it was sent (default now)");
    cmd->callback([o, &selected] {
        selected = [o](Context& ctx) -> core::Result<Output> {
            if (o->what != "sent")
                return core::fail(core::ErrorKind::usage, "bad_record",
                                  fmt::format("cannot record \"{}\": use `record sent URL`", o->what));
            return answer(ctx, o->request, record_text);
        };
    });
}

}  // namespace ik::present
