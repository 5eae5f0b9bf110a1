#include "core/settings.h"

#include "core/calendar.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace ik::core {

namespace {


}  // namespace

std::span<const SettingSpec> setting_specs()
{
    return kSettingSpecs;
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
    for (const auto& spec : kSettingSpecs)
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
    // Only a key read at run time can get here unknown (a typed key is checked when
    // it compiles): a programmer's error, stopped in every build type.
    if (it == m_values.end()) throw std::logic_error(fmt::format("unknown setting key \"{}\"", key));
    return it->second;
}

long long Settings::integer(SettingKey<SettingType::integer> key) const
{
    return *parse_integer(get(key.name).value);
}
Duration Settings::duration(SettingKey<SettingType::duration> key) const
{
    return Duration{*duration_seconds(get(key.name).value)};
}
bool Settings::boolean(SettingKey<SettingType::boolean> key) const
{
    return get(key.name).value == "true";
}
const std::string& Settings::text(AnySettingKey key) const
{
    return get(key.name).value;
}

std::string Settings::to_toml() const
{
    std::ostringstream out;
    std::string section;
    for (const auto& spec : kSettingSpecs) {
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
