// Settings: every rule's number is a key with a default (docs/rules.md lists each with its
// source), overridable by a TOML file and then by per-account settings. Each
// effective value remembers where it came from, for `config show`.
#pragma once

#include "core/error.h"
#include "core/time.h"

#include <array>
#include <map>
#include <optional>
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

// Every known key with its default, in the order `config show` prints them: the one
// place a rule's default is written (docs/rules.md gives each one's source).
inline constexpr std::array kSettingSpecs{
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
    SettingSpec{"import.max_file_bytes", SettingType::integer, "536870912",
                "the largest file, stream or zip entry an import reads, in bytes"},
    SettingSpec{"stats.min_age", SettingType::duration, "14d",
                "invitations younger than this are not counted in acceptance rates"},
    SettingSpec{"stats.min_accepted", SettingType::integer, "50",
                "accepted invitations needed before your own curve replaces the prior"},
};

std::span<const SettingSpec> setting_specs();
constexpr const SettingSpec* find_setting(std::string_view key)
{
    for (const auto& spec : kSettingSpecs)
        if (spec.key == key) return &spec;
    return nullptr;
}

// A setting's key, checked when it compiles: a key that is not in kSettingSpecs, or
// one read as another type than its own (`integer("send.min_gap")`), does not
// compile. `Types` empty: any type (read as text).
template <SettingType... Types>
struct SettingKey {
    std::string_view name;
    consteval SettingKey(const char* key) : name(key)  // NOLINT: implicit from a literal by design
    {
        const SettingSpec* spec = find_setting(name);
        if (!spec) throw "unknown setting key";
        if constexpr (sizeof...(Types) > 0)
            if (((spec->type != Types) && ...)) throw "the setting is read as another type than its own";
    }
};
using AnySettingKey = SettingKey<>;

// A whole decimal number (optional leading '-'), or nothing.
constexpr std::optional<long long> parse_integer(std::string_view text)
{
    if (text.empty()) return std::nullopt;
    const bool negative = text.front() == '-';
    if (negative) text.remove_prefix(1);
    if (text.empty() || text.size() > 18) return std::nullopt;
    long long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
}

// Each rule's default as the type it is read as: what the plan's rule structs start
// from, so that the number is written once, in kSettingSpecs.
consteval long default_integer(SettingKey<SettingType::integer> key)
{
    return static_cast<long>(*parse_integer(find_setting(key.name)->default_value));
}
consteval Duration default_duration(SettingKey<SettingType::duration> key)
{
    return Duration{*duration_seconds(find_setting(key.name)->default_value)};
}
consteval bool default_boolean(SettingKey<SettingType::boolean> key)
{
    return find_setting(key.name)->default_value == "true";
}

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

    // A key known only at run time (config show); an unknown one throws std::logic_error.
    const SettingValue& get(std::string_view key) const;
    long long integer(SettingKey<SettingType::integer> key) const;
    Duration duration(SettingKey<SettingType::duration> key) const;
    bool boolean(SettingKey<SettingType::boolean> key) const;
    const std::string& text(AnySettingKey key) const;

    // The effective configuration as TOML, each value commented with its source.
    std::string to_toml() const;

private:
    std::map<std::string, SettingValue, std::less<>> m_values;
};

}  // namespace ik::core
