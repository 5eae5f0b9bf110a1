// Fuzz target: the one-line parsers: Sent At and Connected On dates, profile URLs,
// names, durations and sending windows, and a TOML settings file.
#include "core/calendar.h"
#include "core/settings.h"
#include "core/time.h"
#include "ingest/dates.h"
#include "ingest/people.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)ik::ingest::parse_sent_at(text);
    (void)ik::ingest::parse_connected_on(text);
    if (auto ref = ik::ingest::normalize_profile_url(text)) {
        // A canonical URL normalises to itself.
        if (!ref->canonical.empty()) {
            auto again = ik::ingest::normalize_profile_url(ref->canonical);
            if (!again || again->key != ref->key) __builtin_trap();
        }
    }
    (void)ik::ingest::name_key(text);
    (void)ik::core::parse_duration(text);
    (void)ik::core::parse_windows(text);
    (void)ik::core::parse_weekdays(text);
    ik::core::Settings settings;
    if (auto loaded = settings.overlay_toml(text, "fuzz.toml"); !loaded && loaded.error().message.empty())
        __builtin_trap();
    (void)settings.to_toml();
    return 0;
}
