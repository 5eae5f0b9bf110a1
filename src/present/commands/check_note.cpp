// `check-note TEXT`: checks an invitation note before the member sends it: length for
// the account's tier, whether it names the person or their company, and whether it is
// short. Works without a database or an account, and never creates one.
#include "present/command.h"

#include "plan/notes.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

// A shell can tell "the note has findings" from an error (1-4): `check-note "$NOTE" && ...`.
constexpr int kExitFindings = 5;

// The text, and the exit code a note with findings gets.
Output check_note_output(const app::CheckNoteAnswer& a)
{
    const auto& check = a.check;
    Output out;
    out.json = app::to_json(a);
    const std::string size = fmt::format("{} of {} characters", check.length, check.max);
    if (!check.ok) {
        const size_t n = check.findings.size();
        out.text = fmt::format("Not ready: {} finding{} ({})\n", n, n == 1 ? "" : "s", size);
        for (const auto& f : check.findings) out.text += fmt::format("  {}: {}\n", f.code, f.message);
        out.exit_code = kExitFindings;
    } else if (check.personalized) {
        out.text = fmt::format("OK: {}, personalized\n", size);
    } else {
        out.text = fmt::format("OK: {}; personalization not checked (give --first-name or --company)\n", size);
    }
    return out;
}

}  // namespace

void add_check_note(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<app::CheckNoteRequest>();
    auto* cmd = app.add_subcommand("check-note", "Check an invitation note: length, personalization, brevity");
    cmd->add_option("text", o->text, "the note, quoted as one argument")->required();
    cmd->add_option("--first-name", o->first_name, "the recipient's first name");
    cmd->add_option("--company", o->company, "the recipient's company");
    cmd->add_option("--tier", o->tier, "free or premium (default: the account's tier, else premium)")
        ->check(CLI::IsMember({"free", "premium"}));
    cmd->callback([o, &selected] {
        selected = [o](Context& ctx) -> core::Result<Output> {
            auto answered = app::run(ctx.session(), *o);
            if (!answered) return std::unexpected(answered.error());
            return check_note_output(*answered);
        };
    });
}

}  // namespace ik::present
