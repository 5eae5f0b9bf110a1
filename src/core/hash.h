// Small portable hashes for deterministic choices (the scheduler's jitter, the
// simulator's random streams, calendar UIDs): the same numbers on every
// platform and standard library, unlike std::hash.
#pragma once

#include <cstdint>
#include <string_view>

namespace ik::core {

// splitmix64's step and finaliser: a well-mixed 64-bit value from x.
constexpr std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// 64-bit FNV-1a of the bytes of s.
constexpr std::uint64_t fnv1a(std::string_view s)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return h;
}

}  // namespace ik::core
