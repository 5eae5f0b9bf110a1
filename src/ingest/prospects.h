// People to invite, from `queue add` or a CSV of another tool: columns found by
// header name (profile_url, name, first_name, company, note, template, timezone,
// priority); any other column becomes a template variable.
#pragma once

#include "core/error.h"
#include "core/prospect.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ik::ingest {

struct ProspectInput {
    std::string profile_url;
    std::string name;
    std::string first_name;
    std::string company;
    std::string note;
    std::string template_name;
    std::string timezone;
    std::string priority;
    std::map<std::string, std::string> vars;
};

// Where a value came from, for messages: "queue add" or "people.csv:12".
struct InputPlace {
    std::string prefix;                     // "people.csv:12" or "queue add"
    std::map<std::string, size_t> columns;  // field name -> 1-based column, for CSV input
    std::string at(std::string_view field) const;
};

// Checks one prospect: a LinkedIn profile URL (/in/...), a tz zone, a whole
// priority, not both a note and a template. Missing name: the profile's slug;
// missing first name: the name's first word.
core::Result<core::Prospect> make_prospect(const ProspectInput& in, const InputPlace& place, core::Instant now);

// Parses a whole prospects CSV (',' or ';', BOM, CRLF); every row is checked
// before any is returned, and the first bad one stops it with file:line:column.
core::Result<std::vector<core::Prospect>> parse_prospects_csv(std::string_view data, const std::string& file_name,
                                                              core::Instant now);

// Reads and parses a prospects CSV file; the file's name (not its path) is used in messages.
core::Result<std::vector<core::Prospect>> read_prospects_file(const std::string& path, core::Instant now);

}  // namespace ik::ingest
