// Sending calendars: the local windows and weekdays of send.windows and
// send.weekdays, parsed once and checked the same way everywhere.
#pragma once

#include "core/error.h"
#include "core/time.h"

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

namespace ik::core {

// [begin, end) in minutes after local midnight, 0 <= begin < end <= 1440.
struct LocalWindow {
    int begin = 0;
    int end = 0;
    bool operator==(const LocalWindow&) const = default;
};

// "08:00-10:00,12:00-14:00": windows in order, not overlapping.
Result<std::vector<LocalWindow>> parse_windows(std::string_view text);
std::string format_windows(const std::vector<LocalWindow>& windows);

// Days of the week, bit 0 = Sunday ... bit 6 = Saturday (std::chrono::weekday's
// c_encoding).
using Weekdays = std::bitset<7>;

// "Mon-Fri", "Mon,Wed,Fri", "Sat-Sun", "Fri-Mon" (wrapping), "all"; English
// three-letter names, any case.
Result<Weekdays> parse_weekdays(std::string_view text);

}  // namespace ik::core
