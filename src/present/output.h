// What a command produces: one JSON document for --json and a text rendering for
// people. Helpers for text tables and bars live here so every command looks alike.
#pragma once

#include "app/json.h"
#include "core/error.h"
#include "core/numbers.h"
#include "core/time.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::present {

using app::Json;

struct Output {
    Json json = Json::object();
    std::string text;
    // The CLI's exit code when the command ran but its answer is "no" (check-note's
    // findings); errors travel as core::Error instead.
    int exit_code = 0;
};

// 1234567 -> "1,234,567"
using core::thousands;
// A bar of `width` cells filled value/limit, with a marker at `mark` (e.g. the target).
std::string bar(long value, long limit, int width, std::optional<long> mark = std::nullopt);
// Cuts text to `width` code points (UTF-8 aware), ending in "…" when cut; newlines become spaces.
std::string shorten(std::string_view text, size_t width);
// Display width in code points (good enough for names and notes in a terminal table).
size_t display_width(std::string_view text);
// Pads (or cuts) to exactly `width` code points.
std::string pad(std::string_view text, size_t width);

// A plain text table: header row, rule, rows; columns sized to their content.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header, std::vector<bool> right_aligned = {});
    void add(std::vector<std::string> row);
    std::string render() const;

private:
    std::vector<std::string> m_header;
    std::vector<bool> m_right;
    std::vector<std::vector<std::string>> m_rows;
};

// Writes the whole file or nothing: a temporary file beside it, renamed into place (and
// removed when any write fails). A device or a pipe is written directly, every byte checked.
core::Result<void> write_file_atomically(const std::string& path, const std::string& content);

using app::json_date;
using app::json_instant;
using app::round_to;

}  // namespace ik::present
