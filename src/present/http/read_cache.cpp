#include "present/http/read_cache.h"

namespace ik::present::http {

std::optional<CachedResponse> ReadCache::find(const std::string& key, Generation current) const
{
    std::lock_guard lock(m_mutex);
    if (current != m_generation) return std::nullopt;
    auto it = m_answers.find(key);
    if (it == m_answers.end()) return std::nullopt;
    return it->second;
}

void ReadCache::keep(const std::string& key, Generation computed_from, CachedResponse response)
{
    std::lock_guard lock(m_mutex);
    if (computed_from < m_generation) return;
    if (computed_from > m_generation || m_answers.size() >= kMaxEntries) {
        m_answers.clear();
        m_generation = computed_from;
    }
    m_answers.emplace(key, std::move(response));
}

}  // namespace ik::present::http
