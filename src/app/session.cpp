#include "app/session.h"

#include "store/open.h"

#include <fmt/format.h>

#include <algorithm>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ik::app {

using core::ErrorKind;

namespace {
constexpr size_t kMaxConfigBytes = 1 << 20;
}  // namespace
namespace fs = std::filesystem;

Session::Session(SessionOptions options, EnvLookup env) : m_options(std::move(options)), m_env(std::move(env)) {}

core::Result<std::string> Session::db_path() const
{
    auto empty = [](std::string_view given) {
        return core::fail(ErrorKind::usage, "empty_db",
                          fmt::format("{} is empty: give the ledger's path (an unset variable in a script?)", given));
    };
    if (m_options.db) {
        if (m_options.db->empty()) return empty("--db");
        return *m_options.db;
    }
    if (auto v = m_env("INVITEKEEPER_DB")) {
        if (v->empty()) return empty("$INVITEKEEPER_DB");
        return *v;
    }
    if (auto v = m_env("XDG_DATA_HOME"); v && !v->empty()) return *v + "/invitekeeper/invitekeeper.db";
    return m_env("HOME").value_or(".") + "/.local/share/invitekeeper/invitekeeper.db";
}

core::Result<bool> Session::has_ledger() const
{
    if (m_shared_store || m_store) return true;
    auto path = db_path();
    if (!path) return std::unexpected(path.error());
    auto where = store::locate(*path);
    if (!where) return std::unexpected(where.error());
    return store::exists(*where);
}

core::Result<store::Store*> Session::store()
{
    return open_store(false);
}

core::Result<store::Store*> Session::store_or_create()
{
    return open_store(true);
}

core::Result<store::Store*> Session::open_store(bool create)
{
    if (m_shared_store) return m_shared_store;
    if (m_store) return m_store.get();
    auto path = db_path();
    if (!path) return std::unexpected(path.error());
    auto where = store::locate(*path);
    if (!where) return std::unexpected(where.error());
    auto opened = store::open_store(*where, create ? store::Open::or_create : store::Open::existing);
    if (!opened) return std::unexpected(opened.error());
    m_store = std::move(*opened);
    return m_store.get();
}

core::Result<std::vector<store::Account>> Session::visible_accounts()
{
    auto s = store();
    if (!s) return std::unexpected(s.error());
    auto all = (*s)->accounts();
    if (const auto& visible = m_options.visible_accounts)
        std::erase_if(all, [&](const store::Account& a) {
            return std::find(visible->begin(), visible->end(), a.name) == visible->end();
        });
    return all;
}

core::Result<store::Account> Session::account()
{
    auto visible = visible_accounts();
    if (!visible) return std::unexpected(visible.error());
    const auto& all = *visible;
    std::string names;
    for (const auto& a : all) names += (names.empty() ? "" : ", ") + a.name;
    // A team user is told only of the accounts they may see: one not granted is
    // answered as one that does not exist.
    const bool team = m_options.visible_accounts.has_value();
    if (!m_options.account.empty()) {
        for (const auto& a : all)
            if (a.name == m_options.account) return a;
        return core::fail(
            ErrorKind::usage, "unknown_account",
            team && all.empty()
                ? fmt::format("no account named \"{}\" among yours (none is granted to you yet)", m_options.account)
            : all.empty()
                ? fmt::format("no account named \"{}\": run `invitekeeper init --name NAME` first", m_options.account)
                : fmt::format("no account named \"{}\" (accounts: {})", m_options.account, names));
    }
    if (all.empty() && team)
        return core::fail(ErrorKind::usage, "no_account", "no account is granted to you yet: ask an admin");
    if (all.empty())
        return core::fail(ErrorKind::usage, "no_account",
                          fmt::format("{} has no account yet: run `invitekeeper init --name NAME` first",
                                      store::printable(db_path().value_or("the ledger"))));
    if (all.size() > 1)
        return core::fail(ErrorKind::usage, "choose_account",
                          fmt::format("several accounts ({}): choose one with --account NAME", names));
    return all.front();
}

std::optional<std::string> Session::config_path() const
{
    if (!m_options.config.empty()) return m_options.config;
    std::string base;
    if (auto v = m_env("XDG_CONFIG_HOME"); v && !v->empty())
        base = *v;
    else
        base = m_env("HOME").value_or(".") + "/.config";
    std::string path = base + "/invitekeeper/config.toml";
    std::error_code ec;
    if (fs::exists(path, ec)) return path;
    return std::nullopt;
}

core::Result<core::Settings> Session::base_settings()
{
    core::Settings settings;
    if (auto path = config_path()) {
        std::ifstream in(*path, std::ios::binary);
        if (!in) return core::fail(ErrorKind::bad_input, "bad_config", fmt::format("{}: cannot be read", *path));
        // A settings file is a few hundred bytes: read at most kMaxConfigBytes of it,
        // so that --config /dev/zero is an error, not a machine out of memory.
        std::string text;
        char buf[4096];
        while (text.size() <= kMaxConfigBytes && (in.read(buf, sizeof buf) || in.gcount() > 0))
            text.append(buf, static_cast<size_t>(in.gcount()));
        if (text.size() > kMaxConfigBytes)
            return core::fail(ErrorKind::bad_input, "bad_config",
                              fmt::format("{}: larger than {} KiB: not a settings file", *path, kMaxConfigBytes >> 10));
        if (auto r = settings.overlay_toml(text, *path); !r) return std::unexpected(r.error());
    }
    return settings;
}

core::Result<core::Settings> Session::settings(const store::Account& account)
{
    auto settings = base_settings();
    if (!settings) return settings;
    auto s = store();
    if (!s) return std::unexpected(s.error());
    for (const auto& [key, value] : (*s)->account_settings(account.id))
        if (auto r = settings->set(key, value, "account"); !r) return std::unexpected(r.error());
    return settings;
}

core::Result<core::Instant> Session::now(const core::Zone& zone) const
{
    if (m_options.now.empty()) return core::system_now();
    auto now = core::parse_instant(m_options.now, zone);
    if (now && *now < core::kLinkedInOpened)
        return core::fail(core::ErrorKind::usage, "bad_now",
                          fmt::format("--now {} is before LinkedIn opened (2003-05-05)", m_options.now));
    return now;
}

core::Result<AccountScope> Session::open_account()
{
    auto chosen = account();
    if (!chosen) return std::unexpected(chosen.error());
    return open_account(*chosen);
}

core::Result<AccountScope> Session::open_account(const store::Account& account)
{
    AccountScope scope;
    auto opened = store();
    if (!opened) return std::unexpected(opened.error());
    scope.store = *opened;
    scope.account = account;
    auto effective = settings(scope.account);
    if (!effective) return std::unexpected(effective.error());
    scope.settings = std::move(*effective);
    scope.zone = zone_of(scope.settings);
    auto at = now(scope.zone);
    if (!at) return std::unexpected(at.error());
    scope.now = *at;
    return scope;
}

core::Zone Session::zone_of(const core::Settings& settings)
{
    return core::Zone::named(settings.text("account.tz")).value_or(core::Zone::utc());
}

}  // namespace ik::app
