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

struct CheckNoteOptions {
    std::string text;
    std::string first_name;
    std::string company;
    std::string tier;
};

// The settings the length limit comes from: the account's own when the database file
// exists and has one (--account, else the only one), else defaults and the config file.
core::Result<core::Settings> note_settings(Context& ctx, bool tier_given)
{
    auto ledger = ctx.has_ledger();
    if (!ledger) return std::unexpected(ledger.error());
    if (!*ledger) return ctx.base_settings();
    auto store = ctx.store();
    if (!store) return std::unexpected(store.error());
    const auto accounts = (*store)->accounts();
    const bool chosen = !ctx.options().account.empty();
    // Without an account there is no tier to read; with several and none chosen, --tier is enough.
    if (!chosen && (accounts.empty() || (tier_given && accounts.size() > 1))) return ctx.base_settings();
    auto account = ctx.account();
    if (!account) return std::unexpected(account.error());
    return ctx.settings(*account);
}

core::Result<Output> run_check_note(Context& ctx, const CheckNoteOptions& o)
{
    auto settings = note_settings(ctx, !o.tier.empty());
    if (!settings) return std::unexpected(settings.error());
    if (!o.tier.empty())
        if (auto r = settings->set("account.tier", o.tier, "--tier"); !r) return std::unexpected(r.error());

    const plan::NoteCheck check =
        plan::check_note(o.text, plan::NoteContext{o.first_name, o.company, plan::note_max_chars(*settings)});

    Output out;
    out.json["ok"] = check.ok;
    out.json["length"] = check.length;
    out.json["max"] = check.max;
    out.json["personalized"] = check.personalized;
    Json findings = Json::array();
    for (const auto& f : check.findings) findings.push_back(Json{{"code", f.code}, {"message", f.message}});
    out.json["findings"] = findings;

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
    auto o = std::make_shared<CheckNoteOptions>();
    auto* cmd = app.add_subcommand("check-note", "Check an invitation note: length, personalization, brevity");
    cmd->add_option("text", o->text, "the note, quoted as one argument")->required();
    cmd->add_option("--first-name", o->first_name, "the recipient's first name");
    cmd->add_option("--company", o->company, "the recipient's company");
    cmd->add_option("--tier", o->tier, "free or premium (default: the account's tier, else premium)")
        ->check(CLI::IsMember({"free", "premium"}));
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_check_note(ctx, *o); }; });
}

}  // namespace ik::present
