#include "present/output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ik::present {

std::string bar(long value, long limit, int width, std::optional<long> mark)
{
    std::string out = "[";
    const double scale = limit > 0 ? static_cast<double>(width) / static_cast<double>(limit) : 0;
    const long filled =
        std::clamp(static_cast<long>(std::lround(static_cast<double>(value) * scale)), 0L, static_cast<long>(width));
    long mark_at = -1;
    if (mark && limit > 0)
        mark_at = std::clamp(static_cast<long>(std::lround(static_cast<double>(*mark) * scale)), 0L,
                             static_cast<long>(width) - 1);
    for (long i = 0; i < width; ++i) {
        if (i == mark_at)
            out += '|';
        else
            out += i < filled ? '#' : '.';
    }
    return out + "]";
}

namespace {

bool is_continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

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

namespace {

core::Result<void> cannot_write(const std::string& path, int error)
{
    return core::fail(core::ErrorKind::bad_input, "cannot_write",
                      fmt::format("{}: cannot write the file: {}", path, std::strerror(error)));
}

// Writes all of content to fd; the errno of the first failure, or 0.
int write_all(int fd, std::string_view content)
{
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        content.remove_prefix(static_cast<size_t>(n));
    }
    return 0;
}

}  // namespace

core::Result<void> write_file_atomically(const std::string& path, const std::string& content)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) return cannot_write(path, EISDIR);
        // A device or a pipe (/dev/stdout, a fifo) cannot be renamed over: write to
        // it directly, and say so if it does not take all of it (/dev/full).
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) return cannot_write(path, errno);
        const int error = write_all(fd, content);
        const int closed = ::close(fd) == 0 ? 0 : errno;
        if (error || closed) return cannot_write(path, error ? error : closed);
        return {};
    }
    const std::string temp = path + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return cannot_write(path, errno);
    int error = write_all(fd, content);
    if (!error && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    if (!error && ::rename(temp.c_str(), path.c_str()) != 0) error = errno;
    if (error) {
        ::unlink(temp.c_str());
        return cannot_write(path, error);
    }
    return {};
}

}  // namespace ik::present
