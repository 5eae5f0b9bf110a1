#include "ingest/prospects.h"

#include "ingest/bounded_read.h"
#include "ingest/csv.h"
#include "ingest/linkedin_export.h"
#include "ingest/people.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <set>
#include <utility>
#include <sstream>

namespace ik::ingest {

namespace {

constexpr std::string_view kKnownColumns[] = {"profile_url", "name",     "first_name", "company",
                                              "note",        "template", "timezone",   "priority"};

core::Error bad(const InputPlace& place, std::string_view field, std::string message)
{
    return core::Error{core::ErrorKind::bad_input, "bad_prospect", fmt::format("{}: {}", place.at(field), message)};
}

std::string lower_header(std::string_view h)
{
    std::string out;
    for (char c : trim(h))
        out += c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string InputPlace::at(std::string_view field) const
{
    auto it = columns.find(std::string(field));
    if (it == columns.end()) return fmt::format("{}: {}", prefix, field);
    return fmt::format("{}:{}: {}", prefix, it->second, field);
}

core::Result<core::Prospect> make_prospect(const ProspectInput& in, const InputPlace& place, core::Instant now)
{
    core::Prospect p;
    auto ref = profile_url(in.profile_url);
    if (!ref) return std::unexpected(bad(place, "profile_url", ref.error().message));
    std::string name(trim(in.name));
    if (name.empty()) name = ref->key.substr(3);
    p.person = core::Person{ref->key, name, ref->canonical};
    p.first_name = std::string(trim(in.first_name));
    if (p.first_name.empty() && !trim(in.name).empty()) p.first_name = name.substr(0, name.find(' '));
    p.company = std::string(trim(in.company));
    if (!in.note.empty() && !in.template_name.empty())
        return std::unexpected(bad(place, "note", "give a note or a template, not both"));
    if (!in.note.empty()) p.note = in.note;
    if (!trim(in.template_name).empty()) p.template_name = std::string(trim(in.template_name));
    if (!trim(in.timezone).empty()) {
        auto zone = core::Zone::named(trim(in.timezone));
        if (!zone)
            return std::unexpected(
                bad(place, "timezone",
                    fmt::format("\"{}\" is not a tz database zone like \"Europe/Berlin\"", in.timezone)));
        p.zone = zone->name();
    }
    if (auto text = trim(in.priority); !text.empty()) {
        long value = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || ptr != text.data() + text.size() || value < -1000000 || value > 1000000)
            return std::unexpected(bad(place, "priority", fmt::format("\"{}\" is not a whole number", in.priority)));
        p.priority = value;
    }
    p.vars = in.vars;
    p.added_at = now;
    return p;
}

core::Result<std::vector<core::Prospect>> parse_prospects_csv(std::string_view data, const std::string& file_name,
                                                              core::Instant now)
{
    if (auto at = invalid_utf8_at(data))
        return core::fail(core::ErrorKind::bad_input, "bad_csv",
                          fmt::format("{}: not UTF-8 text (byte {} is invalid); save it as UTF-8 CSV", file_name, *at));
    std::string_view first_line = data.substr(0, data.find('\n'));
    CsvReader reader(data, file_name, detect_separator(first_line));
    CsvRecord header;
    auto got = reader.next(header);
    if (!got) return std::unexpected(got.error());
    if (!*got)
        return core::fail(core::ErrorKind::bad_input, "empty_file", fmt::format("{}: the file is empty", file_name));

    std::map<std::string, size_t> columns;  // name -> 1-based column
    for (size_t i = 0; i < header.fields.size(); ++i) {
        std::string name = lower_header(header.fields[i]);
        if (name.empty()) continue;
        if (!columns.emplace(name, i + 1).second)
            return core::fail(
                core::ErrorKind::bad_input, "bad_csv",
                fmt::format("{}:{}:{}: column \"{}\" appears twice", file_name, header.line, i + 1, name));
    }
    if (!columns.contains("profile_url"))
        return core::fail(core::ErrorKind::bad_input, "missing_column",
                          fmt::format("{}:{}: no profile_url column (the header has: {})", file_name, header.line,
                                      fmt::join(header.fields, ", ")));

    std::vector<core::Prospect> out;
    CsvRecord row;
    while (true) {
        auto more = reader.next(row);
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        if (row.fields.size() > header.fields.size())
            return core::fail(core::ErrorKind::bad_input, "bad_csv",
                              fmt::format("{}:{}:{}: {} fields, the header has {}", file_name, row.line,
                                          header.fields.size() + 1, row.fields.size(), header.fields.size()));
        auto field = [&](std::string_view name) -> std::string {
            auto it = columns.find(std::string(name));
            if (it == columns.end() || it->second > row.fields.size()) return {};
            return row.fields[it->second - 1];
        };
        ProspectInput in{field("profile_url"), field("name"),     field("first_name"),
                         field("company"),     field("note"),     field("template"),
                         field("timezone"),    field("priority"), {}};
        for (const auto& [name, column] : columns) {
            if (std::find(std::begin(kKnownColumns), std::end(kKnownColumns), name) != std::end(kKnownColumns))
                continue;
            if (column <= row.fields.size() && !row.fields[column - 1].empty()) in.vars[name] = row.fields[column - 1];
        }
        InputPlace place{fmt::format("{}:{}", file_name, row.line), columns};
        auto p = make_prospect(in, place, now);
        if (!p) return std::unexpected(p.error());
        out.push_back(std::move(*p));
    }
    return out;
}

core::Result<std::vector<core::Prospect>> read_prospects_file(const std::string& path, core::Instant now)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return core::fail(core::ErrorKind::bad_input, "unreadable", fmt::format("{}: cannot be read", path));
    const ScopedFd closer(fd);
    auto text = read_bounded(fd, path, kMaxFileBytes, too_large_error(path, "larger than", kMaxFileBytes, "not a list of people to invite"),
                             // Binary data shows in its first block: refuse it then, not a gigabyte later.
                             [&, first = true](std::string_view so_far) mutable -> std::optional<core::Error> {
                                 if (!std::exchange(first, false) || so_far.find('\0') == std::string_view::npos)
                                     return std::nullopt;
                                 return core::Error{core::ErrorKind::bad_input, "not_csv",
                                                    fmt::format("{}: binary data, not a CSV list of people to invite",
                                                                path)};
                             });
    if (!text) return std::unexpected(text.error());
    return parse_prospects_csv(*text, std::filesystem::path(path).filename().string(), now);
}

}  // namespace ik::ingest
