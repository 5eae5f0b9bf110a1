// Fuzz target: a prospects CSV as `queue import` and the API's queue upload read it.
#include "ingest/prospects.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const ik::core::Instant now{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
    auto parsed = ik::ingest::parse_prospects_csv(bytes, "people.csv", now);
    if (!parsed && parsed.error().message.empty()) __builtin_trap();
    return 0;
}
