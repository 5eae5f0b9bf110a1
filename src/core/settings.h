// Settings: every rule's number is a key with a default (docs/rules.md lists each with its
// source), overridable by a TOML file and then by per-account settings. Each
// effective value remembers where it came from, for `config show`.
#pragma once

#include "core/error.h"
#include "core/time.h"

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ik::core {

enum class SettingType { integer, duration, boolean, text, zone, tier, windows, weekdays, choice };

struct SettingSpec {
    std::string_view key;  // "pending.cap"
    SettingType type;
    std::string_view default_value;  // as text, in the type's spelling
    std::string_view help;           // one line, for `config show`
    std::string_view choices = {};   // SettingType::choice: the allowed values, "a|b"
};

// Every known key, in the order `config show` prints them.
std::span<const SettingSpec> setting_specs();
const SettingSpec* find_setting(std::string_view key);

// Checks that `value` is valid for the key's type; the normalised spelling on success.
Result<std::string> validate_setting(const SettingSpec& spec, std::string_view value);

struct SettingValue {
    std::string value;
    std::string source;  // "default", "file <path>", "account"
};

class Settings {
public:
    // All defaults.
    Settings();

    // Overlays values from TOML text; `origin` names the file in messages.
    Result<void> overlay_toml(std::string_view toml_text, std::string_view origin);
    // Overlays one value (already validated or not) from `source`.
    Result<void> set(std::string_view key, std::string_view value, std::string_view source);

    const SettingValue& get(std::string_view key) const;
    long long integer(std::string_view key) const;
    Duration duration(std::string_view key) const;
    bool boolean(std::string_view key) const;
    const std::string& text(std::string_view key) const;

    // The effective configuration as TOML, each value commented with its source.
    std::string to_toml() const;

private:
    std::map<std::string, SettingValue, std::less<>> m_values;
};

}  // namespace ik::core
