// ReadCache: the server's answers to reads, kept until the data they were computed
// from changes. Each answer is filed under the generation of the data it was computed
// from, taken in the same turn on the store as the computation, never under the
// generation current when it is filed: a write may commit between the two, and an
// answer from before it must not pass for one from after it.
#pragma once

#include <compare>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ik::present::http {

// Which state of the data a turn on the store saw. It moves on with every write
// through the server and every commit another process makes; it never goes back.
struct Generation {
    std::uint64_t value = 0;
    auto operator<=>(const Generation&) const = default;
};

struct CachedResponse {
    int status = 200;
    std::string body;
};

class ReadCache {
public:
    // The answer filed under `key` for data of generation `current`, if there is one.
    std::optional<CachedResponse> find(const std::string& key, Generation current) const;
    // Files `response`, computed from data of generation `computed_from`. An answer
    // from a generation older than one already seen is dropped: it is stale.
    void keep(const std::string& key, Generation computed_from, CachedResponse response);

    static constexpr size_t kMaxEntries = 512;  // then the cache starts over

private:
    mutable std::mutex m_mutex;
    Generation m_generation;  // of every answer in m_answers
    std::unordered_map<std::string, CachedResponse> m_answers;
};

}  // namespace ik::present::http
