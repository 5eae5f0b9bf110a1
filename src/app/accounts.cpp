#include "app/json.h"

#include "store/open.h"

#include <filesystem>

namespace ik::app {

core::Result<InitAnswer> run(Session& session, const InitRequest& request)
{
    auto path = session.db_path();
    if (!path) return std::unexpected(path.error());
    auto base = session.base_settings();
    if (!base) return std::unexpected(base.error());

    // Validate every setting before anything is written.
    std::vector<std::pair<std::string, std::string>> settings;
    auto add = [&](core::AnySettingKey key, const std::string& value) -> core::Result<void> {
        if (value.empty()) return {};
        auto normal = core::validate_setting(*core::find_setting(key.name), value);
        if (!normal) {
            normal.error().kind = core::ErrorKind::usage;
            return std::unexpected(normal.error());
        }
        settings.emplace_back(key.name, *normal);
        return {};
    };
    for (auto r : {add("account.tier", request.tier), add("account.tz", request.tz),
                   add("account.export_zone", request.export_zone),
                   add("weekly.limit", request.weekly_limit ? std::to_string(*request.weekly_limit) : ""),
                   add("pending.cap", request.pending_cap ? std::to_string(*request.pending_cap) : "")})
        if (!r) return std::unexpected(r.error());

    auto now = session.now(core::Zone::utc());
    if (!now) return std::unexpected(now.error());

    // Only now, with everything valid, is a new ledger made; a failed init leaves none.
    auto where = store::locate(*path);
    if (!where) return std::unexpected(where.error());
    const bool fresh = !store::exists(*where);
    auto store = session.store_or_create();
    if (!store) return std::unexpected(store.error());
    core::AccountId id;
    auto done = (*store)->transaction([&]() -> core::Result<void> {
        auto created = (*store)->create_account(request.name, *now);
        if (!created) return std::unexpected(created.error());
        id = *created;
        for (const auto& [key, value] : settings) (*store)->set_account_setting(id, key, value);
        return {};
    });
    if (!done) {
        if (fresh) {
            session.close_store();
            std::error_code ec;
            for (const char* suffix : {"", "-wal", "-shm", "-journal"})
                std::filesystem::remove(where->path + suffix, ec);
        }
        return std::unexpected(done.error());
    }
    core::Settings effective = *base;
    for (const auto& [key, value] : settings) (void)effective.set(key, value, "account");
    return InitAnswer{request.name, id, store::printable(*path), std::move(effective)};
}

core::Result<AccountsAnswer> run(Session& session, const AccountsRequest&)
{
    auto store = session.store();
    if (!store) return std::unexpected(store.error());
    AccountsAnswer answer;
    answer.database = store::printable(session.db_path().value_or("the ledger"));
    for (const auto& account : (*store)->accounts()) {
        auto settings = session.settings(account);
        if (!settings) return std::unexpected(settings.error());
        answer.accounts.push_back(
            AccountSummary{account, settings->text("account.tier"), settings->text("account.tz")});
    }
    return answer;
}

core::Result<ConfigShowAnswer> run(Session& session, const ConfigShowRequest&)
{
    auto ledger = session.has_ledger();
    if (!ledger) return std::unexpected(ledger.error());
    auto store = *ledger ? session.store() : core::Result<store::Store*>(nullptr);
    if (!store) return std::unexpected(store.error());
    if (*store && !(*store)->accounts().empty()) {
        auto account = session.account();
        if (!account) return std::unexpected(account.error());
        auto settings = session.settings(*account);
        if (!settings) return std::unexpected(settings.error());
        return ConfigShowAnswer{account->name, std::move(*settings)};
    }
    auto settings = session.base_settings();
    if (!settings) return std::unexpected(settings.error());
    return ConfigShowAnswer{std::nullopt, std::move(*settings)};
}

Json to_json(const InitAnswer& answer)
{
    Json j;
    j["account"] = answer.account;
    j["id"] = answer.id.value;
    j["database"] = answer.database;
    Json s = Json::object();
    for (const char* key : {"account.tier", "account.tz", "account.export_zone", "weekly.limit", "pending.cap"})
        s[key] = answer.settings.get(key).value;
    j["settings"] = s;
    return j;
}

Json to_json(const AccountsAnswer& answer)
{
    Json items = Json::array();
    for (const auto& a : answer.accounts)
        items.push_back(Json{{"id", a.account.id.value},
                             {"name", a.account.name},
                             {"tier", a.tier},
                             {"timezone", a.timezone},
                             {"created_at", json_instant(a.account.created_at)}});
    return Json{{"accounts", items}};
}

Json to_json(const ConfigShowAnswer& answer)
{
    Json items = Json::array();
    for (const auto& spec : core::setting_specs()) {
        const auto& v = answer.settings.get(spec.key);
        items.push_back(Json{{"key", spec.key}, {"value", v.value}, {"source", v.source}, {"help", spec.help}});
    }
    return Json{{"settings", items}};
}

}  // namespace ik::app
