#include "present/output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace ik::present {

std::string bar(long value, long limit, int width, std::optional<long> mark)
{
    std::string out = "[";
    const double scale = limit > 0 ? static_cast<double>(width) / static_cast<double>(limit) : 0;
    const long filled = std::clamp(static_cast<long>(std::lround(static_cast<double>(value) * scale)), 0L,
                                   static_cast<long>(width));
    long mark_at = -1;
    if (mark && limit > 0) mark_at = std::clamp(static_cast<long>(std::lround(static_cast<double>(*mark) * scale)), 0L,
                                                static_cast<long>(width) - 1);
    for (long i = 0; i < width; ++i) {
        if (i == mark_at) out += '|';
        else out += i < filled ? '#' : '.';
    }
    return out + "]";
}

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

size_t display_width(std::string_view text)
{
    size_t n = 0;
    for (char c : text)
        if (!is_continuation(c)) ++n;
    return n;
}

std::string shorten(std::string_view text, size_t width)
{
    std::string flat;
    for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (display_width(flat) <= width) return flat;
    std::string out;
    size_t n = 0;
    for (size_t i = 0; i < flat.size(); ++i) {
        if (!is_continuation(flat[i])) {
            if (n + 1 == width) break;
            ++n;
        }
        out += flat[i];
    }
    return out + "\u2026";
}

std::string pad(std::string_view text, size_t width)
{
    std::string s = shorten(text, width);
    size_t w = display_width(s);
    return s + std::string(width > w ? width - w : 0, ' ');
}

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right_aligned)
    : m_header(std::move(header)), m_right(std::move(right_aligned))
{
    m_right.resize(m_header.size(), false);
}

void TextTable::add(std::vector<std::string> row)
{
    row.resize(m_header.size());
    m_rows.push_back(std::move(row));
}

std::string TextTable::render() const
{
    std::vector<size_t> widths(m_header.size());
    for (size_t c = 0; c < m_header.size(); ++c) {
        widths[c] = display_width(m_header[c]);
        for (const auto& row : m_rows) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t c = 0; c < cells.size(); ++c) {
            size_t w = display_width(cells[c]);
            std::string fill(widths[c] > w ? widths[c] - w : 0, ' ');
            std::string cell = m_right[c] ? fill + cells[c] : cells[c] + (c + 1 < cells.size() ? fill : "");
            out += cell;
            if (c + 1 < cells.size()) out += "  ";
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(m_header);
    std::vector<std::string> rule;
    for (size_t w : widths) rule.push_back(std::string(w, '-'));
    out += line(rule);
    for (const auto& row : m_rows) out += line(row);
    return out;
}

Json json_instant(core::Instant t) { return core::format_instant(t); }
Json json_date(core::Days d) { return core::format_date(d); }

double round_to(double value, int decimals)
{
    const double f = std::pow(10.0, decimals);
    return std::round(value * f) / f;
}

core::Result<void> write_file_atomically(const std::string& path, const std::string& content)
{
    const std::string temp = path + ".tmp";
    {
        std::ofstream f(temp, std::ios::binary | std::ios::trunc);
        if (f) f << content;
        if (!f || !f.flush()) {
            std::error_code ignored;
            std::filesystem::remove(temp, ignored);
            return core::fail(core::ErrorKind::bad_input, "cannot_write",
                              fmt::format("{}: cannot write the file", path));
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) return core::fail(core::ErrorKind::bad_input, "cannot_write", fmt::format("{}: {}", path, ec.message()));
    return {};
}

}  // namespace ik::present
