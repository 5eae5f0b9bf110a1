// LinkedIn's data export: finding Invitations.csv and Connections.csv (by their
// header, never by file name) in a zip, a folder or a lone file, and parsing
// their rows in every header variant docs/formats.md lists.
#pragma once

#include "core/error.h"
#include "core/invitation.h"
#include "core/time.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ik::ingest {

enum class FileKind { invitations, connections, unknown };

// A row's text fields view the file's bytes (or, for a field with "" inside
// quotes, its unescaped copy); ParsedFile::text keeps them alive. A long export
// is parsed without a copy of every field.
struct InvitationRow {
    long line = 0;
    core::Direction direction = core::Direction::outgoing;
    std::string_view from;
    std::string_view to;
    std::chrono::local_seconds sent_wall;  // no zone in the file
    std::string_view message;
    std::string_view inviter_ref;          // profile URL or URN, may be empty or bare
    std::string_view invitee_ref;
};

struct ConnectionRow {
    long line = 0;
    std::string_view first_name;
    std::string_view last_name;
    std::string_view url;
    std::string_view email;
    std::string_view company;
    std::string_view position;
    core::Days connected_on;
};

struct SkippedRow {
    std::string message;  // file:line:column: what is wrong
};

// One CSV file of an export: its bytes, mapped from disk or read from a zip entry.
struct SourceFile {
    std::string display_name;               // "Basic_..._11-24-2026.zip/Invitations.csv"
    std::string_view data;                  // alive as long as `owner`
    std::shared_ptr<const void> owner;
    std::optional<core::Days> export_date;  // from the zip or folder name, when it carries one
    bool page = false;                      // a saved or copied page (sent_page.h), not a CSV
    std::optional<core::Instant> modified_at;  // the file's modification time; none for a stream

    // A file whose bytes are `text` (a zip entry's, or a test's).
    static SourceFile of_text(std::string display_name, std::string text,
                              std::optional<core::Days> export_date = std::nullopt);
};

struct ParsedFile {
    std::string display_name;
    FileKind kind = FileKind::unknown;
    std::optional<core::Days> export_date;
    std::vector<InvitationRow> invitations;
    std::vector<ConnectionRow> connections;
    std::vector<SkippedRow> skipped;
    // What the rows' text fields view: the file's bytes, and the unescaped fields.
    std::vector<std::shared_ptr<const void>> text;
};

// Progress callback: bytes read so far of the file being parsed, and its size.
using Progress = std::function<void(size_t done, size_t total)>;

// The kind of a CSV file, decided by its header (after an optional preamble).
FileKind detect_kind(std::string_view data);

// Parses one file. A bad row fails the whole file unless `skip_invalid`, which
// collects it in `skipped` instead. A row dated before LinkedIn opened, or after
// what the file can hold, is a bad row: after the end of the day after the export's
// date (SourceFile::export_date), or after a day past `now_wall` (now on the file's
// wall clock, the account's export zone), whichever is earlier. A day of slack each:
// the export's own clock and zone are not the member's.
core::Result<ParsedFile> parse_file(const SourceFile& file, bool skip_invalid, const Progress& progress = {},
                                    std::optional<std::chrono::local_seconds> now_wall = std::nullopt);

// The most a file, a stream or a zip entry may hold: no file of an export is larger
// (a real Invitations.csv holds six months, megabytes; a million-row history is half
// of this). Past it, reading stops: /dev/zero or a zip bomb cannot fill memory. The
// setting import.max_file_bytes (same default) sets it per account.
inline constexpr size_t kMaxFileBytes = size_t{512} << 20;

// What read_source refuses, each checked as the bytes come (a zip's declared sizes are
// not trusted): a file, stream or zip entry larger than `max_file_bytes`; a zip entry
// that inflates more than `max_ratio` times its whole compressed size, checked once
// past `ratio_from_bytes` (real CSVs deflate about 5 to 10 times; a bomb, thousands):
// an entry holds at most the lesser of the two in memory; a zip
// of more than `max_entries` entries. Entries named with ".." or an absolute path are
// passed over.
struct ReadLimits {
    size_t max_file_bytes = kMaxFileBytes;
    size_t max_ratio = 100;
    size_t ratio_from_bytes = size_t{16} << 20;
    size_t max_entries = 10'000;
};

// Reads an export zip, an unzipped export folder, one CSV file, or one saved or copied
// page (SourceFile::page; ingest/sent_page.h reads it); "-" reads standard input. Of a
// zip or folder, only files whose header is that of Invitations.csv or Connections.csv
// are kept. The kind is told from the bytes, never from the file's name.
core::Result<std::vector<SourceFile>> read_source(const std::string& path, const ReadLimits& limits = {});

// The date in an export's name: "Basic_LinkedInDataExport_11-24-2026.zip" -> 2026-11-24.
std::optional<core::Days> export_date_from_name(std::string_view name);

}  // namespace ik::ingest
