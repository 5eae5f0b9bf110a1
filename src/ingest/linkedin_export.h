// LinkedIn's data export: finding Invitations.csv and Connections.csv (by their
// header, never by file name) in a zip, a folder or a lone file, and parsing
// their rows in every header variant DESIGN.md lists.
#pragma once

#include "core/error.h"
#include "core/invitation.h"
#include "core/time.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ik::ingest {

enum class FileKind { invitations, connections, unknown };

struct InvitationRow {
    long line = 0;
    core::Direction direction = core::Direction::outgoing;
    std::string from;
    std::string to;
    std::chrono::local_seconds sent_wall;  // no zone in the file
    std::string message;
    std::string inviter_ref;               // profile URL or URN, may be empty or bare
    std::string invitee_ref;
};

struct ConnectionRow {
    long line = 0;
    std::string first_name;
    std::string last_name;
    std::string url;
    std::string email;
    std::string company;
    std::string position;
    core::Days connected_on;
};

struct SkippedRow {
    std::string message;  // file:line:column: what is wrong
};

// One CSV file of an export, read into memory.
struct SourceFile {
    std::string display_name;           // "Basic_..._11-24-2026.zip/Invitations.csv"
    std::string data;
    std::optional<core::Days> export_date;  // from the zip or folder name, when it carries one
};

struct ParsedFile {
    std::string display_name;
    FileKind kind = FileKind::unknown;
    std::optional<core::Days> export_date;
    std::vector<InvitationRow> invitations;
    std::vector<ConnectionRow> connections;
    std::vector<SkippedRow> skipped;
};

// Progress callback: bytes read so far of the file being parsed, and its size.
using Progress = std::function<void(size_t done, size_t total)>;

// The kind of a CSV file, decided by its header (after an optional preamble).
FileKind detect_kind(std::string_view data);

// Parses one file. A bad row fails the whole file unless `skip_invalid`, which
// collects it in `skipped` instead.
core::Result<ParsedFile> parse_file(const SourceFile& file, bool skip_invalid, const Progress& progress = {});

// Reads an export zip, an unzipped export folder or one CSV file. Of a zip or folder,
// only files whose header is that of Invitations.csv or Connections.csv are kept.
core::Result<std::vector<SourceFile>> read_source(const std::string& path);

// The date in an export's name: "Basic_LinkedInDataExport_11-24-2026.zip" -> 2026-11-24.
std::optional<core::Days> export_date_from_name(std::string_view name);

}  // namespace ik::ingest
