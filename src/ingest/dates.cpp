#include "ingest/dates.h"

#include <date/date.h>

#include <array>
#include <cctype>

namespace ik::ingest {

namespace {

// A tiny cursor over the text; every take_* consumes only on success.
struct Cursor {
    std::string_view s;

    bool done() const { return s.empty(); }
    bool take(char c)
    {
        if (s.empty() || s.front() != c) return false;
        s.remove_prefix(1);
        return true;
    }
    void skip_spaces()
    {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    }
    // 1 to max_digits digits.
    bool number(int& out, size_t min_digits, size_t max_digits)
    {
        size_t n = 0;
        int v = 0;
        while (n < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[n]))) {
            v = v * 10 + (s[n] - '0');
            ++n;
        }
        if (n < min_digits || (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n])))) return false;
        s.remove_prefix(n);
        out = v;
        return true;
    }
    bool month_name(int& out)
    {
        static constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
        if (s.size() < 3) return false;
        for (size_t i = 0; i < kMonths.size(); ++i) {
            bool match = true;
            for (size_t k = 0; k < 3; ++k)
                if (std::tolower(static_cast<unsigned char>(s[k])) != kMonths[i][k]) match = false;
            if (match) {
                s.remove_prefix(3);
                out = static_cast<int>(i) + 1;
                return true;
            }
        }
        return false;
    }
};

int full_year(int y, size_t digits) { return digits <= 2 ? 2000 + y : y; }

std::optional<core::Days> make_date(int y, int m, int d)
{
    if (y < 2000 || y > 2100) return std::nullopt;
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return core::Days{date::sys_days(ymd).time_since_epoch()};
}

// "M/D/YY" or "M/D/YYYY"
bool us_date(Cursor& c, int& y, int& m, int& d)
{
    Cursor t = c;
    if (!t.number(m, 1, 2) || !t.take('/') || !t.number(d, 1, 2) || !t.take('/')) return false;
    std::string_view before = t.s;
    if (!t.number(y, 2, 4)) return false;
    size_t digits = before.size() - t.s.size();
    if (digits == 3) return false;
    y = full_year(y, digits);
    c = t;
    return true;
}

// "YYYY-MM-DD"
bool iso_date(Cursor& c, int& y, int& m, int& d)
{
    Cursor t = c;
    if (!t.number(y, 4, 4) || !t.take('-') || !t.number(m, 2, 2) || !t.take('-') || !t.number(d, 2, 2)) return false;
    c = t;
    return true;
}

// "H:MM[:SS] [AM|PM]" or "HH:MM[:SS]"; seconds since midnight.
bool clock_time(Cursor& c, int& seconds)
{
    Cursor t = c;
    int h = 0, mi = 0, sec = 0;
    if (!t.number(h, 1, 2) || !t.take(':') || !t.number(mi, 2, 2)) return false;
    if (t.take(':') && !t.number(sec, 2, 2)) return false;
    t.skip_spaces();
    bool am = false, pm = false;
    if (t.s.size() >= 2) {
        char a = static_cast<char>(std::toupper(static_cast<unsigned char>(t.s[0])));
        char b = static_cast<char>(std::toupper(static_cast<unsigned char>(t.s[1])));
        if (b == 'M' && (a == 'A' || a == 'P')) {
            am = a == 'A';
            pm = a == 'P';
            t.s.remove_prefix(2);
        }
    }
    if (am || pm) {
        if (h < 1 || h > 12) return false;
        if (h == 12) h = 0;
        if (pm) h += 12;
    }
    if (h > 23 || mi > 59 || sec > 59) return false;
    seconds = h * 3600 + mi * 60 + sec;
    c = t;
    return true;
}

}  // namespace

std::optional<std::chrono::local_seconds> parse_sent_at(std::string_view text)
{
    Cursor c{text};
    c.skip_spaces();
    int y = 0, m = 0, d = 0, secs = 0;
    if (iso_date(c, y, m, d)) {
        if (!c.take('T') && !c.take(' ')) return std::nullopt;
    } else if (us_date(c, y, m, d)) {
        c.take(',');
        c.skip_spaces();
    } else {
        return std::nullopt;
    }
    if (!clock_time(c, secs)) return std::nullopt;
    c.skip_spaces();
    if (!c.done()) return std::nullopt;
    auto day = make_date(y, m, d);
    if (!day) return std::nullopt;
    return std::chrono::local_seconds{day->time_since_epoch()} + std::chrono::seconds{secs};
}

std::optional<core::Days> parse_connected_on(std::string_view text)
{
    Cursor c{text};
    c.skip_spaces();
    int y = 0, m = 0, d = 0;
    Cursor t = c;
    if (t.number(d, 1, 2) && (t.take(' ') || t.take('-')) && t.month_name(m) && (t.take(' ') || t.take('-'))) {
        std::string_view before = t.s;
        if (!t.number(y, 2, 4)) return std::nullopt;
        size_t digits = before.size() - t.s.size();
        if (digits == 3) return std::nullopt;
        y = full_year(y, digits);
        c = t;
    } else if (iso_date(c, y, m, d) || us_date(c, y, m, d)) {
        // A 2018 file carries a time after the date: "1/29/18, 2:37 PM".
        Cursor rest = c;
        rest.take(',');
        rest.skip_spaces();
        int secs = 0;
        if (!rest.done() && clock_time(rest, secs)) c = rest;
    } else {
        return std::nullopt;
    }
    c.skip_spaces();
    if (!c.done()) return std::nullopt;
    return make_date(y, m, d);
}

}  // namespace ik::ingest
