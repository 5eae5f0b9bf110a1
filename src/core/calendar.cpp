#include "core/calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace ik::core {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep)
{
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        size_t at = s.find(sep, start);
        out.push_back(trim(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

// "08:00" -> 480; "24:00" -> 1440; -1 when malformed.
int parse_clock(std::string_view s)
{
    if (s.size() != 5 || s[2] != ':') return -1;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    const int h = (s[0] - '0') * 10 + (s[1] - '0');
    const int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
    return h * 60 + m;
}

constexpr std::array<std::string_view, 7> kDayNames{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

int parse_day(std::string_view s)
{
    std::string lower;
    for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (size_t i = 0; i < kDayNames.size(); ++i)
        if (lower == kDayNames[i]) return static_cast<int>(i);
    return -1;
}

}  // namespace

Result<std::vector<LocalWindow>> parse_windows(std::string_view text)
{
    auto bad = [&](std::string_view why) {
        return fail(ErrorKind::bad_input, "bad_windows",
                    fmt::format("send.windows \"{}\": {} (expected like \"08:00-10:00,12:00-14:00\")", text, why));
    };
    std::vector<LocalWindow> out;
    for (auto part : split(text, ',')) {
        auto dash = part.find('-');
        if (dash == std::string_view::npos) return bad(fmt::format("\"{}\" is not a window", part));
        const int begin = parse_clock(trim(part.substr(0, dash)));
        const int end = parse_clock(trim(part.substr(dash + 1)));
        if (begin < 0 || end < 0) return bad(fmt::format("\"{}\" is not HH:MM-HH:MM", part));
        if (end <= begin) return bad(fmt::format("\"{}\" ends before it begins", part));
        out.push_back(LocalWindow{begin, end});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    for (size_t i = 1; i < out.size(); ++i)
        if (out[i].begin < out[i - 1].end) return bad("windows overlap");
    return out;
}

std::string format_windows(const std::vector<LocalWindow>& windows)
{
    std::string out;
    for (const auto& w : windows)
        out += fmt::format("{}{:02}:{:02}-{:02}:{:02}", out.empty() ? "" : ",", w.begin / 60, w.begin % 60, w.end / 60,
                           w.end % 60);
    return out;
}

Result<Weekdays> parse_weekdays(std::string_view text)
{
    auto bad = [&](std::string_view why) {
        return fail(ErrorKind::bad_input, "bad_weekdays",
                    fmt::format("send.weekdays \"{}\": {} (expected like \"Mon-Fri\" or \"Mon,Wed,Fri\")", text, why));
    };
    Weekdays set;
    if (trim(text) == "all") return set.set();
    for (auto part : split(text, ',')) {
        auto dash = part.find('-');
        const int first = parse_day(trim(part.substr(0, dash)));
        const int last = dash == std::string_view::npos ? first : parse_day(trim(part.substr(dash + 1)));
        if (first < 0 || last < 0) return bad(fmt::format("\"{}\" is not a day or a range of days", part));
        for (int d = first;; d = (d + 1) % 7) {
            set.set(static_cast<size_t>(d));
            if (d == last) break;
        }
    }
    if (set.none()) return bad("no day");
    return set;
}

}  // namespace ik::core
