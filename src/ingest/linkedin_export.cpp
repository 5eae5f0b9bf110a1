#include "ingest/linkedin_export.h"

#include "ingest/bounded_read.h"
#include "ingest/csv.h"
#include "ingest/dates.h"
#include "ingest/people.h"
#include "ingest/sent_page.h"

#include "core/parallel.h"

#include <date/date.h>
#include <fmt/format.h>
#include <zip.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <deque>
#include <filesystem>
#include <memory>
#include <thread>

namespace ik::ingest {

using core::ErrorKind;
namespace fs = std::filesystem;

namespace {

constexpr size_t kSniffBytes = 16 * 1024;
constexpr int kMaxPreambleLines = 6;
// The shortest valid rows: ",,1/1/26 1:00,,INCOMING\n" and ",,1/1/26\n".
constexpr size_t kMinInvitationRowBytes = 24;
constexpr size_t kMinConnectionRowBytes = 9;
// Files at least this large are read by two threads (parse_file).
constexpr size_t kParallelParseBytes = 4 << 20;

std::string lower_trim(std::string_view s)
{
    std::string t = trim(s);
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
}

struct Header {
    FileKind kind = FileKind::unknown;
    long line = 0;       // physical line of the header
    char separator = ',';
    std::vector<std::string> columns;  // lower-cased, trimmed
};

bool has_all(const std::vector<std::string>& cols, std::initializer_list<std::string_view> names)
{
    return std::all_of(names.begin(), names.end(), [&](std::string_view n) {
        return std::find(cols.begin(), cols.end(), n) != cols.end();
    });
}

// Finds the header among the first lines (the Connections preamble comes before it).
Header find_header(std::string_view data, std::string_view name)
{
    CsvReader raw(data, std::string(name));
    std::string_view line;
    for (int i = 0; i < kMaxPreambleLines && raw.next_raw_line(line); ++i) {
        char sep = detect_separator(line);
        CsvReader one(line, std::string(name), sep);
        CsvRecord rec;
        auto got = one.next(rec);
        if (!got || !*got) continue;
        std::vector<std::string> cols;
        for (auto& f : rec.fields) cols.push_back(lower_trim(f));
        Header h;
        h.line = raw.line() - 1;
        h.separator = sep;
        h.columns = cols;
        if (has_all(cols, {"from", "to", "sent at", "message", "direction"})) {
            h.kind = FileKind::invitations;
            return h;
        }
        if (has_all(cols, {"first name", "last name", "connected on"})) {
            h.kind = FileKind::connections;
            return h;
        }
    }
    return {};
}

int column_of(const Header& h, std::string_view name)
{
    auto it = std::find(h.columns.begin(), h.columns.end(), name);
    return it == h.columns.end() ? -1 : static_cast<int>(it - h.columns.begin());
}

std::string show(std::string_view value)
{
    constexpr size_t kMax = 60;
    std::string v(value.substr(0, kMax));
    if (value.size() > kMax) v += "...";
    return v;
}

bool has_nul(std::string_view data) { return data.find('\0') != std::string_view::npos; }

core::Error unknown_file_error(std::string_view name, std::string_view data)
{
    std::string_view head = data.substr(0, kSniffBytes);
    if (data.empty())
        return core::Error{ErrorKind::bad_input, "empty_file", fmt::format("{}: the file is empty", name)};
    if (has_nul(head) || invalid_utf8_at(head.substr(0, std::min<size_t>(head.size(), 4096 - 4))).has_value())
        return core::Error{ErrorKind::bad_input, "not_csv",
                           fmt::format("{}:1:1: binary or non-UTF-8 data: this is not a CSV file of LinkedIn's export",
                                       name)};
    return core::Error{
        ErrorKind::bad_input, "unknown_header",
        fmt::format("{}:1:1: the header is neither LinkedIn's Invitations.csv (From,To,Sent At,Message,Direction) "
                    "nor Connections.csv (First Name,Last Name,...,Connected On), and it is not a saved Sent "
                    "invitations page",
                    name)};
}

}  // namespace

FileKind detect_kind(std::string_view data)
{
    if (has_nul(data.substr(0, kSniffBytes))) return FileKind::unknown;
    return find_header(data.substr(0, kSniffBytes), "").kind;
}

core::Result<ParsedFile> parse_file(const SourceFile& file, bool skip_invalid, const Progress& progress,
                                    std::optional<std::chrono::local_seconds> now_wall)
{
    std::string_view data = file.data;
    if (has_nul(data.substr(0, kSniffBytes))) return std::unexpected(unknown_file_error(file.display_name, data));
    Header h = find_header(data.substr(0, kSniffBytes), file.display_name);
    if (h.kind == FileKind::unknown) return std::unexpected(unknown_file_error(file.display_name, data));

    ParsedFile out;
    out.display_name = file.display_name;
    out.kind = h.kind;
    out.export_date = file.export_date;
    out.text.push_back(file.owner);

    CsvReader reader(data, file.display_name, h.separator);
    std::string_view skipped_line;
    for (long i = 0; i < h.line; ++i) reader.next_raw_line(skipped_line);

    const size_t ncols = h.columns.size();
    auto bad_row = [&](long line, int column, std::string message) {
        return core::Error{ErrorKind::bad_input, "bad_row",
                           fmt::format("{}:{}:{}: {}", file.display_name, line, column + 1, message)};
    };

    // The dates a row can carry (see the header): from LinkedIn's opening to the
    // earlier of the export's next day and now's next day.
    using std::chrono::local_days;
    using std::chrono::local_seconds;
    const local_seconds earliest{local_days{core::kLinkedInOpened.time_since_epoch()}};
    std::optional<local_seconds> latest;
    std::string after;  // what a later row is after
    if (now_wall) {
        latest = *now_wall + core::days{1};
        after = fmt::format("now ({} on the export's clock)", date::format("%F %R", date::sys_seconds{now_wall->time_since_epoch()}));
    }
    if (file.export_date) {
        const local_seconds end_of_next_day{local_days{(*file.export_date + core::days{2}).time_since_epoch()}};
        if (!latest || end_of_next_day < *latest) {
            latest = end_of_next_day;
            after = fmt::format("the export's date ({})", core::format_date(*file.export_date));
        }
    }
    auto impossible = [&](local_seconds t) -> std::optional<std::string> {
        if (t < earliest) return std::string("is before LinkedIn opened (2003-05-05)");
        if (latest && t >= *latest) return fmt::format("is later than {}", after);
        return std::nullopt;
    };

    // Column indexes.
    const int c_from = column_of(h, "from"), c_to = column_of(h, "to"), c_sent = column_of(h, "sent at"),
              c_msg = column_of(h, "message"), c_dir = column_of(h, "direction");
    int c_inviter = column_of(h, "inviterprofileurl"), c_invitee = column_of(h, "inviteeprofileurl");
    if (c_inviter < 0) c_inviter = column_of(h, "inviterprofileurn");
    if (c_invitee < 0) c_invitee = column_of(h, "inviteeprofileurn");
    const int c_first = column_of(h, "first name"), c_last = column_of(h, "last name"), c_url = column_of(h, "url"),
              c_email = column_of(h, "email address"), c_company = column_of(h, "company"),
              c_position = column_of(h, "position"), c_conn = column_of(h, "connected on");

    // Reads records until the next one would start at `stop` or later (or the data
    // ends), appending rows to `part`. A malformed record (unterminated quote, bad
    // UTF-8, NUL...) cannot be skipped safely, as where it ends is unknown: it is
    // the error. `report` gets the bytes this reader has passed.
    auto read_rows = [&](CsvReader& r, size_t stop, ParsedFile& part,
                         const std::function<void(size_t)>& report) -> core::Result<void> {
        // A field views the file's bytes, unless it was unescaped into the reader's
        // buffer for the current record: then it is kept in a store of the part's
        // (a deque: its strings never move, so views of short ones stay valid).
        auto unescaped = std::make_shared<std::deque<std::string>>();
        part.text.push_back(unescaped);
        auto keep = [&](std::string_view field) -> std::string_view {
            if (field.empty()) return {};
            const std::less_equal<const char*> le;
            if (le(data.data(), field.data()) && le(field.data() + field.size(), data.data() + data.size()))
                return field;
            return unescaped->emplace_back(field);
        };
        // Room for a row per line: growing a vector to a million rows moves each row
        // once more and touches twice the memory. No valid row is shorter than the
        // minimum, which caps what a file of mostly blank or quoted line breaks can claim.
        const std::string_view range = data.substr(r.offset(), stop - std::min(stop, r.offset()));
        const size_t lines = static_cast<size_t>(std::count(range.begin(), range.end(), '\n')) + 1;
        if (h.kind == FileKind::invitations)
            part.invitations.reserve(std::min(lines, range.size() / kMinInvitationRowBytes + 1));
        else
            part.connections.reserve(std::min(lines, range.size() / kMinConnectionRowBytes + 1));
        CsvRecordView rec;
        size_t last_report = r.offset();
        while (r.offset() < stop) {
            auto got = r.next(rec);
            if (!got) return std::unexpected(got.error());
            if (!*got) break;
            if (report && r.offset() - last_report > (1 << 20)) {
                report(r.offset() - last_report);
                last_report = r.offset();
            }
            auto field = [&](int c) -> std::string_view {
                return c >= 0 ? rec.fields[static_cast<size_t>(c)] : std::string_view();
            };
            std::optional<core::Error> problem;
            if (rec.fields.size() != ncols) {
                problem = bad_row(rec.line, static_cast<int>(std::min(rec.fields.size(), ncols)),
                                  fmt::format("expected {} fields as in the header, found {}", ncols, rec.fields.size()));
            } else if (h.kind == FileKind::invitations) {
                const std::string_view dir = trimmed(field(c_dir));
                auto sent = parse_sent_at(field(c_sent));
                if (!sent) {
                    problem = bad_row(rec.line, c_sent,
                                      fmt::format("Sent At \"{}\" is not a date like \"1/29/26, 2:37 PM\"",
                                                  show(field(c_sent))));
                } else if (auto why = impossible(*sent)) {
                    problem = bad_row(rec.line, c_sent, fmt::format("Sent At \"{}\" {}", show(field(c_sent)), *why));
                } else if (!equals_ascii_lower(dir, "outgoing") && !equals_ascii_lower(dir, "incoming")) {
                    problem = bad_row(rec.line, c_dir,
                                      fmt::format("Direction \"{}\" is not OUTGOING or INCOMING", show(field(c_dir))));
                } else {
                    InvitationRow& row = part.invitations.emplace_back();
                    row.line = rec.line;
                    row.direction =
                        equals_ascii_lower(dir, "outgoing") ? core::Direction::outgoing : core::Direction::incoming;
                    row.from = keep(trimmed(field(c_from)));
                    row.to = keep(trimmed(field(c_to)));
                    row.sent_wall = *sent;
                    row.message = keep(field(c_msg));
                    row.inviter_ref = keep(trimmed(field(c_inviter)));
                    row.invitee_ref = keep(trimmed(field(c_invitee)));
                }
            } else {
                auto on = parse_connected_on(field(c_conn));
                if (!on) {
                    problem = bad_row(rec.line, c_conn,
                                      fmt::format("Connected On \"{}\" is not a date like \"29 Jan 2026\"",
                                                  show(field(c_conn))));
                } else if (auto why = impossible(local_seconds{local_days{on->time_since_epoch()}})) {
                    problem = bad_row(rec.line, c_conn, fmt::format("Connected On \"{}\" {}", show(field(c_conn)), *why));
                } else {
                    ConnectionRow& row = part.connections.emplace_back();
                    row.line = rec.line;
                    row.first_name = keep(trimmed(field(c_first)));
                    row.last_name = keep(trimmed(field(c_last)));
                    row.url = keep(trimmed(field(c_url)));
                    row.email = keep(trimmed(field(c_email)));
                    row.company = keep(trimmed(field(c_company)));
                    row.position = keep(trimmed(field(c_position)));
                    row.connected_on = *on;
                }
            }
            if (problem) {
                if (!skip_invalid) return std::unexpected(*problem);
                part.skipped.push_back(SkippedRow{problem->message});
            }
        }
        return {};
    };

    // Progress over both readers: bytes passed by either, shown by this thread only.
    std::atomic<size_t> passed = reader.offset();
    std::function<void(size_t)> report;
    if (progress) report = [&](size_t bytes) { progress(passed.fetch_add(bytes) + bytes, data.size()); };
    const std::function<void(size_t)> count_passed = [&](size_t bytes) { passed.fetch_add(bytes); };

    // A large file is read on two cores: the second half by a second reader from a
    // guessed record boundary (the first line break after the middle with an even
    // number of quotes before it). The guess can be wrong (a stray quote inside an
    // unquoted field), so it is checked: only when the first reader, stopping at the
    // guess, lands on it exactly (same offset, same line) is the second half's result
    // used; else the first reader goes on to the end alone. Rows, skipped rows and the
    // first error are therefore exactly a single reader's.
    const size_t body = reader.offset();
    std::optional<size_t> split;
    if (data.size() - body >= kParallelParseBytes && std::thread::hardware_concurrency() > 1) {
        const size_t middle = body + (data.size() - body) / 2;
        size_t quotes = static_cast<size_t>(std::count(data.begin() + static_cast<std::ptrdiff_t>(body),
                                                       data.begin() + static_cast<std::ptrdiff_t>(middle), '"'));
        for (size_t i = middle; i < data.size(); ++i) {
            if (data[i] == '"') ++quotes;
            else if (data[i] == '\n' && quotes % 2 == 0) {
                if (i + 1 < data.size()) split = i + 1;
                break;
            }
        }
    }
    if (!split) {
        if (auto r = read_rows(reader, data.size(), out, report); !r)
            return std::unexpected(r.error());
        if (progress) progress(data.size(), data.size());
        return out;
    }

    const long split_line = reader.line() + static_cast<long>(std::count(
                                                data.begin() + static_cast<std::ptrdiff_t>(body),
                                                data.begin() + static_cast<std::ptrdiff_t>(*split), '\n'));
    ParsedFile second;
    core::Result<void> first_result, second_result;
    core::at_once([&] { first_result = read_rows(reader, *split, out, report); },
                  [&] {
                      CsvReader tail(data, file.display_name, h.separator);
                      tail.seek(*split, split_line);
                      second_result = read_rows(tail, data.size(), second, count_passed);
                  });
    if (!first_result) return std::unexpected(first_result.error());
    if (reader.offset() == *split && reader.line() == split_line) {
        if (!second_result) return std::unexpected(second_result.error());
        auto append = [](auto& to, auto& from) {
            to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
        };
        append(out.invitations, second.invitations);
        append(out.connections, second.connections);
        append(out.skipped, second.skipped);
        append(out.text, second.text);
    } else if (auto r = read_rows(reader, data.size(), out, report); !r) {
        return std::unexpected(r.error());
    }
    if (progress) progress(data.size(), data.size());
    return out;
}

SourceFile SourceFile::of_text(std::string display_name, std::string text, std::optional<core::Days> export_date)
{
    auto owned = std::make_shared<const std::string>(std::move(text));
    return SourceFile{.display_name = std::move(display_name), .data = *owned, .owner = owned, .export_date = export_date, .modified_at = std::nullopt};
}

std::optional<core::Days> export_date_from_name(std::string_view name)
{
    // ..._MM-DD-YYYY[.zip]
    for (size_t i = 0; i + 10 <= name.size(); ++i) {
        std::string_view s = name.substr(i, 10);
        auto digit = [&](size_t k) { return std::isdigit(static_cast<unsigned char>(s[k])) != 0; };
        if (digit(0) && digit(1) && s[2] == '-' && digit(3) && digit(4) && s[5] == '-' && digit(6) && digit(7) &&
            digit(8) && digit(9)) {
            int m = std::stoi(std::string(s.substr(0, 2))), d = std::stoi(std::string(s.substr(3, 2))),
                y = std::stoi(std::string(s.substr(6, 4)));
            date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                     date::day{static_cast<unsigned>(d)}};
            if (ymd.ok()) return core::Days{date::sys_days(ymd).time_since_epoch()};
        }
    }
    return std::nullopt;
}

namespace {

// A file's bytes, mapped read-only: no copy of a large export, and pages the
// kernel already holds are shared, not faulted in afresh. Unmapped when the last
// view of them goes.
class MappedFile {
public:
    MappedFile(void* address, size_t size) : m_address(address), m_size(size) {}
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() { ::munmap(m_address, m_size); }
    std::string_view bytes() const { return {static_cast<const char*>(m_address), m_size}; }

private:
    void* m_address;
    size_t m_size;
};

// The bytes of an open file: mapped when it is a regular file, else read to its end.
core::Result<SourceFile> read_fd(int fd, const std::string& path, std::string display_name,
                                 std::optional<core::Days> export_date, size_t max_bytes);

core::Result<SourceFile> read_whole_file(const fs::path& path, std::string display_name,
                                         std::optional<core::Days> export_date, size_t max_bytes)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return core::fail(ErrorKind::bad_input, "unreadable", fmt::format("{}: cannot be read", path.string()));
    const ScopedFd closer(fd);
    return read_fd(fd, path.string(), std::move(display_name), export_date, max_bytes);
}

core::Result<SourceFile> read_fd(int fd, const std::string& path, std::string display_name,
                                 std::optional<core::Days> export_date, size_t max_bytes)
{
    const core::Error too_large = too_large_error(path, "larger than", max_bytes,
                                                  "more than any file of a LinkedIn export (import.max_file_bytes)");
    struct stat st {};
    std::optional<core::Instant> modified_at;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        modified_at = core::Instant{std::chrono::seconds{st.st_mtim.tv_sec}};
        if (st.st_size > 0) {
            const auto size = static_cast<size_t>(st.st_size);
            if (size > max_bytes) return std::unexpected(too_large);
            void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (address != MAP_FAILED) {
                auto mapped = std::make_shared<const MappedFile>(address, size);
                return SourceFile{.display_name = std::move(display_name),
                                  .data = mapped->bytes(),
                                  .owner = mapped,
                                  .export_date = export_date,
                                  .modified_at = modified_at};
            }
        }
    }
    // Not a regular file (a pipe, a device), empty, or not mappable: read what there
    // is, up to the limit. A stream whose start is neither a zip, a CSV of an export
    // nor a page is refused at once, not read to its end (which /dev/zero has not).
    bool sniffed = false;
    auto data = read_bounded(fd, path, max_bytes, too_large,
                             [&](std::string_view so_far) -> std::optional<core::Error> {
                                 if (sniffed || so_far.size() < kSniffBytes) return std::nullopt;
                                 sniffed = true;
                                 if (so_far.starts_with("PK\x03\x04") || detect_kind(so_far) != FileKind::unknown ||
                                     may_be_page(so_far))
                                     return std::nullopt;
                                 return unknown_file_error(display_name, so_far);
                             });
    if (!data) return std::unexpected(data.error());
    SourceFile file = SourceFile::of_text(std::move(display_name), std::move(*data), export_date);
    file.modified_at = modified_at;
    return file;
}

// One file that is no zip: an export's CSV, else a page if it looks like one.
core::Result<std::vector<SourceFile>> lone_file(SourceFile source)
{
    if (detect_kind(source.data) != FileKind::unknown) return std::vector<SourceFile>{std::move(source)};
    if (!source.data.empty() && may_be_page(source.data.substr(0, kSniffBytes))) {
        source.page = true;
        return std::vector<SourceFile>{std::move(source)};
    }
    return std::unexpected(unknown_file_error(source.display_name, source.data));
}

bool is_csv_name(std::string_view name)
{
    if (name.size() < 4) return false;
    std::string ext = lower_trim(name.substr(name.size() - 4));
    return ext == ".csv";
}

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// An entry's bytes, at most `limit` (one past the caller's ceiling shows a larger
// entry), stopping with `too_deflated` once past the limits' floor the bytes are more
// than max_ratio times the entry's compressed size: a bomb is stopped a few MiB in.
core::Result<std::string> read_zip_entry(zip_t* archive, zip_uint64_t index, size_t limit, std::string_view name,
                                         const ReadLimits& limits, std::optional<zip_uint64_t> compressed)
{
    std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(archive, index, 0));
    if (!f)
        return core::fail(ErrorKind::bad_input, "bad_zip", fmt::format("{}: cannot be read from the zip", name));
    std::string data;
    char buf[64 * 1024];
    while (data.size() < limit) {
        zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
        if (n < 0)
            return core::fail(ErrorKind::bad_input, "bad_zip", fmt::format("{}: the zip entry is damaged", name));
        if (n == 0) break;
        data.append(buf, static_cast<size_t>(n));
        if (compressed && data.size() > limits.ratio_from_bytes &&
            data.size() / std::max<zip_uint64_t>(*compressed, 1) > limits.max_ratio)
            return core::fail(ErrorKind::bad_input, "too_deflated",
                              fmt::format("{}: inflates more than {} times its {} compressed bytes, which no "
                                          "LinkedIn export does (a zip bomb?)",
                                          name, limits.max_ratio, *compressed));
    }
    if (data.size() > limit) data.resize(limit);
    return data;
}

// Whether a zip entry's name could reach outside the export: an absolute path or "..".
bool escapes(std::string_view entry)
{
    if (entry.starts_with('/') || entry.starts_with('\\') || (entry.size() > 1 && entry[1] == ':')) return true;
    size_t from = 0;
    while (from <= entry.size()) {
        const size_t end = entry.find_first_of("/\\", from);
        if (entry.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from) == "..") return true;
        if (end == std::string_view::npos) break;
        from = end + 1;
    }
    return false;
}

core::Result<std::vector<SourceFile>> read_zip(const fs::path& path, const ReadLimits& limits)
{
    int err = 0;
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &err));
    if (!archive)
        return core::fail(ErrorKind::bad_input, "bad_zip", fmt::format("{}: not a readable zip file", path.string()));
    std::string zip_name = path.filename().string();
    auto export_date = export_date_from_name(zip_name);
    std::vector<SourceFile> out;
    zip_int64_t n = zip_get_num_entries(archive.get(), 0);
    if (n > static_cast<zip_int64_t>(limits.max_entries))
        return core::fail(ErrorKind::bad_input, "too_many_entries",
                          fmt::format("{}: holds {} entries, more than the {} of any LinkedIn export", path.string(), n,
                                      limits.max_entries));
    std::vector<std::pair<std::string, zip_uint64_t>> entries;
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* entry = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
        if (entry && is_csv_name(entry) && !escapes(entry)) entries.emplace_back(entry, static_cast<zip_uint64_t>(i));
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [entry, index] : entries) {
        std::string display = zip_name + "/" + entry;
        zip_stat_t stat;
        zip_stat_init(&stat);
        const bool stated = zip_stat_index(archive.get(), index, 0, &stat) == 0;
        const bool sized = stated && (stat.valid & ZIP_STAT_SIZE);
        std::optional<zip_uint64_t> compressed;
        if (stated && (stat.valid & ZIP_STAT_COMP_SIZE)) compressed = stat.comp_size;
        auto head = read_zip_entry(archive.get(), index, kSniffBytes, display, limits, compressed);
        if (!head) return std::unexpected(head.error());
        if (detect_kind(*head) == FileKind::unknown) continue;
        const core::Error too_large =
            too_large_error(display, "expands to more than", limits.max_file_bytes,
                            "more than any file of a LinkedIn export (import.max_file_bytes)");
        if (sized && stat.size > limits.max_file_bytes) return std::unexpected(too_large);
        // Read one byte past the limit: a size the zip misstates shows there.
        auto whole = read_zip_entry(archive.get(), index, limits.max_file_bytes + 1, display, limits, compressed);
        if (!whole) return std::unexpected(whole.error());
        if (whole->size() > limits.max_file_bytes) return std::unexpected(too_large);
        out.push_back(SourceFile::of_text(display, std::move(*whole), export_date));
    }
    if (out.empty())
        return core::fail(ErrorKind::bad_input, "no_export_files",
                          fmt::format("{}: holds no Invitations.csv or Connections.csv of a LinkedIn export",
                                      path.string()));
    return out;
}

}  // namespace

core::Result<std::vector<SourceFile>> read_source(const std::string& path_text, const ReadLimits& limits)
{
    if (path_text == "-") {
        auto source = read_fd(STDIN_FILENO, "stdin", "stdin", std::nullopt, limits.max_file_bytes);
        if (!source) return std::unexpected(source.error());
        source->modified_at = std::nullopt;  // a redirected file's time is not the paste's
        if (source->data.starts_with("PK\x03\x04"))
            return core::fail(ErrorKind::bad_input, "zip_on_stdin",
                              "stdin: a zip cannot be read from standard input: give its path instead");
        return lone_file(std::move(*source));
    }
    fs::path path(path_text);
    std::error_code ec;
    if (!fs::exists(path, ec))
        return core::fail(ErrorKind::bad_input, "not_found", fmt::format("{}: no such file or folder", path_text));
    if (fs::is_directory(path, ec)) {
        auto export_date = export_date_from_name(path.filename().string());
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (entry.is_regular_file() && is_csv_name(entry.path().filename().string())) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        std::vector<SourceFile> out;
        for (const auto& file : files) {
            auto source =
                read_whole_file(file, (path.filename() / file.filename()).string(), export_date, limits.max_file_bytes);
            if (!source) return std::unexpected(source.error());
            if (detect_kind(source->data) == FileKind::unknown) continue;
            out.push_back(std::move(*source));
        }
        if (out.empty())
            return core::fail(ErrorKind::bad_input, "no_export_files",
                              fmt::format("{}: holds no Invitations.csv or Connections.csv of a LinkedIn export",
                                          path_text));
        return out;
    }
    auto source = read_whole_file(path, path.filename().string(), std::nullopt, limits.max_file_bytes);
    if (!source) return std::unexpected(source.error());
    if (source->data.starts_with("PK\x03\x04")) return read_zip(path, limits);
    return lone_file(std::move(*source));
}

}  // namespace ik::ingest
