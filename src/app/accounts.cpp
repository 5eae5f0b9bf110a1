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
    auto visible = session.visible_accounts();
    if (!visible) return std::unexpected(visible.error());
    AccountsAnswer answer;
    answer.database = store::printable(session.db_path().value_or("the ledger"));
    for (const auto& account : *visible) {
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
    auto visible = *ledger ? session.visible_accounts() : core::Result<std::vector<store::Account>>{};
    if (!visible) return std::unexpected(visible.error());
    if (!visible->empty()) {
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

core::Result<MigrateAnswer> run(Session&, const MigrateRequest& request)
{
    auto from = store::locate(request.from);
    if (!from) return std::unexpected(from.error());
    auto to = store::locate(request.to);
    if (!to) return std::unexpected(to.error());
    const auto same = [&] {
        if (from->backend != to->backend) return false;
        if (from->backend == store::Location::Backend::postgres) return from->path == to->path;
        std::error_code ec;
        return from->path == to->path || std::filesystem::equivalent(from->path, to->path, ec);
    }();
    if (same) return core::fail(core::ErrorKind::usage, "same_ledger", "--from and --to name the same ledger");
    auto source = store::open_store(*from, store::Open::existing);
    if (!source) return std::unexpected(source.error());
    // A new file is made only for a copy that goes through: it is removed otherwise.
    const bool fresh = !store::exists(*to);
    auto target = store::open_store(*to, store::Open::or_create);
    if (!target) return std::unexpected(target.error());
    auto copied = store::copy_ledger(**source, **target);
    if (!copied) {
        target->reset();
        if (fresh && to->backend == store::Location::Backend::sqlite) {
            std::error_code ec;
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(to->path + suffix, ec);
        }
        return std::unexpected(copied.error());
    }
    return MigrateAnswer{store::printable(request.from), store::printable(request.to), std::move(*copied)};
}

Json to_json(const MigrateAnswer& answer)
{
    Json items = Json::array();
    for (const auto& a : answer.copied.accounts)
        items.push_back(Json{{"name", a.name},
                             {"from_id", a.from_id.value},
                             {"to_id", a.to_id.value},
                             {"invitations", a.invitations},
                             {"events", a.events},
                             {"connections", a.connections},
                             {"prospects", a.prospects},
                             {"templates", a.templates},
                             {"do_not_contact", a.do_not_contact}});
    return Json{
        {"from", answer.from}, {"to", answer.to}, {"renumbered", answer.copied.renumbered}, {"accounts", items}};
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
