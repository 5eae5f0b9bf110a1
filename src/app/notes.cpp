#include "app/json.h"

namespace ik::app {

namespace {

// The settings the length limit comes from: the account's own when the database file
// exists and has one (the chosen, else the only one), else defaults and the config file.
core::Result<core::Settings> note_settings(Session& session, bool tier_given)
{
    auto ledger = session.has_ledger();
    if (!ledger) return std::unexpected(ledger.error());
    if (!*ledger) return session.base_settings();
    auto visible = session.visible_accounts();
    if (!visible) return std::unexpected(visible.error());
    const auto& accounts = *visible;
    const bool chosen = !session.options().account.empty();
    // Without an account there is no tier to read; with several and none chosen, a tier given is enough.
    if (!chosen && (accounts.empty() || (tier_given && accounts.size() > 1))) return session.base_settings();
    auto account = session.account();
    if (!account) return std::unexpected(account.error());
    return session.settings(*account);
}

}  // namespace

core::Result<CheckNoteAnswer> run(Session& session, const CheckNoteRequest& request)
{
    auto settings = note_settings(session, !request.tier.empty());
    if (!settings) return std::unexpected(settings.error());
    if (!request.tier.empty())
        if (auto r = settings->set("account.tier", request.tier, "--tier"); !r) return std::unexpected(r.error());
    return CheckNoteAnswer{plan::check_note(
        request.text, plan::NoteContext{request.first_name, request.company, plan::note_max_chars(*settings)})};
}

Json to_json(const CheckNoteAnswer& answer)
{
    const auto& check = answer.check;
    Json j;
    j["ok"] = check.ok;
    j["length"] = check.length;
    j["max"] = check.max;
    j["personalized"] = check.personalized;
    Json findings = Json::array();
    for (const auto& f : check.findings) findings.push_back(Json{{"code", f.code}, {"message", f.message}});
    j["findings"] = findings;
    return j;
}

}  // namespace ik::app
