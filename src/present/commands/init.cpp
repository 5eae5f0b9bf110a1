// `init`: creates an account. Several accounts can share one database.
#include "present/command.h"

#include "store/open.h"

#include <fmt/format.h>

#include <filesystem>

namespace ik::present {

namespace {

struct InitOptions {
    std::string name;
    std::string tier;
    std::string tz;
    std::string export_zone;
    std::optional<long> weekly_limit;
    std::optional<long> pending_cap;
};

core::Result<Output> run_init(Context& ctx, const InitOptions& o)
{
    auto path = ctx.db_path();
    if (!path) return std::unexpected(path.error());
    auto base = ctx.base_settings();
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
    for (auto r : {add("account.tier", o.tier), add("account.tz", o.tz), add("account.export_zone", o.export_zone),
                   add("weekly.limit", o.weekly_limit ? std::to_string(*o.weekly_limit) : ""),
                   add("pending.cap", o.pending_cap ? std::to_string(*o.pending_cap) : "")})
        if (!r) return std::unexpected(r.error());

    auto now = ctx.now(core::Zone::utc());
    if (!now) return std::unexpected(now.error());

    // Only now, with everything valid, is a new ledger made; a failed init leaves none.
    std::error_code ec;
    auto where = store::locate(*path);
    if (!where) return std::unexpected(where.error());
    const bool fresh = !store::exists(*where);
    auto store = ctx.store_or_create();
    if (!store) return std::unexpected(store.error());
    core::AccountId id;
    auto done = (*store)->transaction([&]() -> core::Result<void> {
        auto created = (*store)->create_account(o.name, *now);
        if (!created) return std::unexpected(created.error());
        id = *created;
        for (const auto& [key, value] : settings) (*store)->set_account_setting(id, key, value);
        return {};
    });
    if (!done) {
        if (fresh) {
            ctx.close_store();
            for (const char* suffix : {"", "-wal", "-shm", "-journal"})
                std::filesystem::remove(where->path + suffix, ec);
        }
        return std::unexpected(done.error());
    }

    core::Settings effective = *base;
    for (const auto& [key, value] : settings) (void)effective.set(key, value, "account");
    Output out;
    out.json["account"] = o.name;
    out.json["id"] = id.value;
    out.json["database"] = *path;
    Json s = Json::object();
    for (const char* key : {"account.tier", "account.tz", "account.export_zone", "weekly.limit", "pending.cap"})
        s[key] = effective.get(key).value;
    out.json["settings"] = s;
    out.text = fmt::format(
        "Created account \"{}\" in {}\n  tier {}, time zone {}, export times read in {}\n  weekly limit {}, pending "
        "cap {}\n\nNext: download your data from LinkedIn (Settings > Data privacy > Get a copy of your data) and run\n"
        "  invitekeeper import ~/Downloads/Basic_LinkedInDataExport_MM-DD-YYYY.zip\n",
        o.name, *path, effective.text("account.tier"), effective.text("account.tz"),
        effective.text("account.export_zone"), effective.text("weekly.limit"), effective.text("pending.cap"));
    return out;
}

}  // namespace

void add_init(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand("init", "Create an account (several can share one database)");
    cmd->add_option("--name", o->name, "the account's name, e.g. the member's")->required();
    cmd->add_option("--tier", o->tier, "free or premium (default premium)");
    cmd->add_option("--tz", o->tz, "the member's time zone, e.g. Europe/Berlin (default UTC)");
    cmd->add_option("--export-zone", o->export_zone,
                    "the zone LinkedIn's Sent At times are read in (default UTC; see docs/formats.md)");
    cmd->add_option("--weekly-limit", o->weekly_limit, "sends in any rolling 7 days (default 100)");
    cmd->add_option("--pending-cap", o->pending_cap, "pending invitations LinkedIn allows (default 1500)");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_init(ctx, *o); }; });
}

}  // namespace ik::present
