#include "core/settings.h"

#include "core/calendar.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <functional>
#include <sstream>

namespace ik::core {

namespace {

constexpr std::array kSpecs{
    SettingSpec{"account.tier", SettingType::tier, "premium",
                "free or premium: decides the note length limit and note quota"},
    SettingSpec{"account.tz", SettingType::zone, "UTC", "the member's time zone: calendar days, sending windows"},
    SettingSpec{"account.export_zone", SettingType::zone, "UTC",
                "the zone LinkedIn's zone-less \"Sent At\" times are read in"},
    SettingSpec{"pending.cap", SettingType::integer, "1500",
                "outstanding invitations LinkedIn allows before it blocks new ones"},
    SettingSpec{"pending.target", SettingType::integer, "1200", "withdrawal plans bring pending at or below this"},
    SettingSpec{"weekly.limit", SettingType::integer, "100", "sends in any rolling 7 x 24 h window"},
    SettingSpec{"daily.limit", SettingType::integer, "20", "sends per local calendar day"},
    SettingSpec{"batch.max_per_hour", SettingType::integer, "10", "sends inside any 60 minutes"},
    SettingSpec{"send.min_gap", SettingType::duration, "3m", "minimum time between two sends"},
    SettingSpec{"send.windows", SettingType::windows, "08:00-10:00,12:00-14:00,17:00-19:00", "local sending windows"},
    SettingSpec{"send.weekdays", SettingType::weekdays, "Mon-Fri", "days on which sends are scheduled"},
    SettingSpec{"withdraw.after", SettingType::duration, "7d", "pending this long with no answer is stale"},
    SettingSpec{"withdraw.outdated_after", SettingType::duration, "30d", "pending this long is outdated"},
    SettingSpec{"withdraw.generic_first", SettingType::boolean, "true",
                "to reach the target, take invitations without a personal note first"},
    SettingSpec{"withdraw.daily_max", SettingType::integer, "100", "withdrawals a plan puts on one day"},
    SettingSpec{"reinvite.after_withdraw", SettingType::duration, "21d",
                "no new request this soon after a withdrawal (hard)"},
    SettingSpec{"reinvite.after_withdraw_advised", SettingType::duration, "28d", "advised wait after a withdrawal"},
    SettingSpec{"reinvite.after_decline", SettingType::duration, "60d",
                "no new request this soon after a decline or ignore"},
    SettingSpec{"note.max_chars_premium", SettingType::integer, "300", "note length for premium accounts"},
    SettingSpec{"note.max_chars_free", SettingType::integer, "200", "note length for free accounts"},
    SettingSpec{"note.free_personalized_per_30d", SettingType::integer, "5",
                "free accounts: notes allowed per 30 days"},
    SettingSpec{"note.when_quota_exhausted", SettingType::choice, "defer",
                "free accounts past the note quota: defer the send, or send_without_note", "defer|send_without_note"},
    SettingSpec{"cleanup.every", SettingType::duration, "7d", "how often to remind of a cleanup"},
    SettingSpec{"restriction.pause", SettingType::duration, "7d", "no sends planned this long after a restriction"},
    SettingSpec{"import.window", SettingType::duration, "180d", "how far back an export's Invitations.csv reaches"},
    SettingSpec{"stats.min_age", SettingType::duration, "14d",
                "invitations younger than this are not counted in acceptance rates"},
    SettingSpec{"stats.min_accepted", SettingType::integer, "50",
                "accepted invitations needed before your own curve replaces the prior"},
};

}  // namespace

std::span<const SettingSpec> setting_specs()
{
    return kSpecs;
}

const SettingSpec* find_setting(std::string_view key)
{
    for (const auto& spec : kSpecs)
        if (spec.key == key) return &spec;
    return nullptr;
}

Result<std::string> validate_setting(const SettingSpec& spec, std::string_view value)
{
    auto bad = [&](std::string_view expected) {
        return fail(ErrorKind::bad_input, "bad_setting",
                    fmt::format("{} = \"{}\" is not {}", spec.key, value, expected));
    };
    switch (spec.type) {
        case SettingType::integer: {
            long long n = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || ptr != value.data() + value.size() || n < 0 || n > 1'000'000'000)
                return bad("a whole number from 0");
            return std::to_string(n);
        }
        case SettingType::duration: {
            auto d = parse_duration(value);
            if (!d) return bad("a duration like \"7d\" or \"36h\"");
            return format_duration(*d);
        }
        case SettingType::boolean:
            if (value == "true" || value == "false") return std::string(value);
            return bad("true or false");
        case SettingType::zone:
            if (!Zone::named(value)) return bad("a tz database zone like \"Europe/Berlin\"");
            return std::string(value);
        case SettingType::tier:
            if (value == "free" || value == "premium") return std::string(value);
            return bad("free or premium");
        case SettingType::windows: {
            auto w = parse_windows(value);
            if (!w) return std::unexpected(w.error());
            return format_windows(*w);
        }
        case SettingType::weekdays:
            if (auto d = parse_weekdays(value); !d) return std::unexpected(d.error());
            return std::string(value);
        case SettingType::choice: {
            for (size_t start = 0;;) {
                size_t bar = spec.choices.find('|', start);
                if (spec.choices.substr(start, bar - start) == value) return std::string(value);
                if (bar == std::string_view::npos) break;
                start = bar + 1;
            }
            std::string expected(spec.choices);
            std::replace(expected.begin(), expected.end(), '|', ' ');
            return bad(fmt::format("one of: {}", expected));
        }
        case SettingType::text:
            return std::string(value);
    }
    return std::string(value);
}

Settings::Settings()
{
    for (const auto& spec : kSpecs)
        m_values.emplace(std::string(spec.key), SettingValue{std::string(spec.default_value), "default"});
}

Result<void> Settings::set(std::string_view key, std::string_view value, std::string_view source)
{
    const SettingSpec* spec = find_setting(key);
    if (!spec)
        return fail(ErrorKind::bad_input, "unknown_setting", fmt::format("{}: unknown setting \"{}\"", source, key));
    auto normal = validate_setting(*spec, value);
    if (!normal) {
        normal.error().message = fmt::format("{}: {}", source, normal.error().message);
        return std::unexpected(normal.error());
    }
    m_values[std::string(key)] = SettingValue{std::move(*normal), std::string(source)};
    return {};
}

Result<void> Settings::overlay_toml(std::string_view toml_text, std::string_view origin)
{
    toml::table root;
    try {
        root = toml::parse(toml_text, origin);
    } catch (const toml::parse_error& e) {
        return fail(
            ErrorKind::bad_input, "bad_config",
            fmt::format("{}:{}:{}: {}", origin, e.source().begin.line, e.source().begin.column, e.description()));
    }
    std::string source = fmt::format("file {}", origin);
    Result<void> outcome;
    // Flatten nested tables into dotted keys ("pending.cap").
    std::function<void(const toml::table&, const std::string&)> visit = [&](const toml::table& table,
                                                                            const std::string& prefix) {
        for (const auto& [k, node] : table) {
            if (!outcome) return;
            std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
            if (const auto* sub = node.as_table()) {
                visit(*sub, key);
                continue;
            }
            std::string text;
            if (auto s = node.value<std::string>(); s && node.is_string())
                text = *s;
            else if (node.is_integer())
                text = std::to_string(*node.value<long long>());
            else if (node.is_boolean())
                text = *node.value<bool>() ? "true" : "false";
            else if (const auto* arr = node.as_array()) {
                for (const auto& item : *arr) {
                    if (!item.is_string()) {
                        outcome = fail(
                            ErrorKind::bad_input, "bad_config",
                            fmt::format("{}:{}: {} must be a list of strings", origin, node.source().begin.line, key));
                        return;
                    }
                    if (!text.empty()) text += ",";
                    text += *item.value<std::string>();
                }
            } else {
                outcome = fail(
                    ErrorKind::bad_input, "bad_config",
                    fmt::format("{}:{}: {} has a value of an unsupported type", origin, node.source().begin.line, key));
                return;
            }
            if (auto r = set(key, text, source); !r) {
                Error e = r.error();
                e.message =
                    fmt::format("{}:{}: {}", origin, node.source().begin.line, e.message.substr(source.size() + 2));
                outcome = std::unexpected(e);
                return;
            }
        }
    };
    visit(root, "");
    return outcome;
}

const SettingValue& Settings::get(std::string_view key) const
{
    auto it = m_values.find(key);
    assert(it != m_values.end() && "unknown setting key: a programmer error");
    return it->second;
}

long long Settings::integer(std::string_view key) const
{
    return std::stoll(get(key).value);
}
Duration Settings::duration(std::string_view key) const
{
    return *parse_duration(get(key).value);
}
bool Settings::boolean(std::string_view key) const
{
    return get(key).value == "true";
}
const std::string& Settings::text(std::string_view key) const
{
    return get(key).value;
}

std::string Settings::to_toml() const
{
    std::ostringstream out;
    std::string section;
    for (const auto& spec : kSpecs) {
        auto dot = spec.key.find('.');
        std::string table(spec.key.substr(0, dot));
        std::string name(spec.key.substr(dot + 1));
        if (table != section) {
            if (!section.empty()) out << "\n";
            out << "[" << table << "]\n";
            section = table;
        }
        const auto& v = get(spec.key);
        std::string literal;
        switch (spec.type) {
            case SettingType::integer:
            case SettingType::boolean:
                literal = v.value;
                break;
            default:
                literal = fmt::format("\"{}\"", v.value);
                break;
        }
        std::string line = fmt::format("{} = {}", name, literal);
        out << fmt::format("{:<44} # {} ({})\n", line, v.source, spec.help);
    }
    return out.str();
}

}  // namespace ik::core
