// Fuzz target: LinkedIn export files (CSV reading, header detection, rows, dates,
// profile URLs) as `import` reads them. A parser answers bad bytes with an Error;
// a crash, a hang or an escaping exception is a bug.
#include "ingest/csv.h"
#include "ingest/linkedin_export.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    (void)ik::ingest::detect_kind(bytes);
    for (bool skip_invalid : {false, true}) {
        auto parsed = ik::ingest::parse_file(
            ik::ingest::SourceFile::of_text("Basic_LinkedInDataExport_11-24-2026.zip/Invitations.csv", bytes),
            skip_invalid);
        if (!parsed && parsed.error().message.empty()) __builtin_trap();  // every refusal says why
        if (parsed) {
            // Every field views text the parsed file keeps alive (the source is gone
            // by now): read each byte, so a sanitizer build catches a dangling view.
            std::size_t sum = 0;
            auto touch = [&](std::string_view field) {
                for (char c : field) sum += static_cast<unsigned char>(c);
            };
            for (const auto& r : parsed->invitations)
                for (auto f : {r.from, r.to, r.message, r.inviter_ref, r.invitee_ref}) touch(f);
            for (const auto& r : parsed->connections)
                for (auto f : {r.first_name, r.last_name, r.url, r.email, r.company, r.position}) touch(f);
            if (sum > size * 255) __builtin_trap();  // more bytes read than there are: impossible
        }
    }
    ik::ingest::CsvReader reader(bytes, "fuzz.csv", ik::ingest::detect_separator(bytes.substr(0, bytes.find('\n'))));
    ik::ingest::CsvRecordView record;
    for (int i = 0; i < 100000; ++i) {
        auto more = reader.next(record);
        if (!more || !*more) break;
    }
    return 0;
}
