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
        ik::ingest::SourceFile file{"Basic_LinkedInDataExport_11-24-2026.zip/Invitations.csv", bytes, std::nullopt};
        auto parsed = ik::ingest::parse_file(file, skip_invalid);
        if (!parsed && parsed.error().message.empty()) __builtin_trap();  // every refusal says why
    }
    ik::ingest::CsvReader reader(bytes, "fuzz.csv", ik::ingest::detect_separator(bytes.substr(0, bytes.find('\n'))));
    ik::ingest::CsvRecordView record;
    for (int i = 0; i < 100000; ++i) {
        auto more = reader.next(record);
        if (!more || !*more) break;
    }
    return 0;
}
