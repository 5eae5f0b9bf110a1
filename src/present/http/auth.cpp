#include "present/http/auth.h"

#include "ingest/people.h"

#include <fmt/format.h>

#include <stdexcept>
#include <sys/random.h>

namespace ik::present::http {

using ingest::equals_ascii_lower;
using ingest::trimmed;

std::string random_hex(size_t bytes)
{
    std::string raw(bytes, '\0');
    size_t got = 0;
    while (got < bytes) {
        ssize_t n = getrandom(raw.data() + got, bytes - got, 0);
        if (n < 0) throw std::runtime_error("the kernel gave no random bytes (getrandom failed)");
        got += static_cast<size_t>(n);
    }
    std::string hex;
    hex.reserve(bytes * 2);
    for (unsigned char c : raw) hex += fmt::format("{:02x}", c);
    return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b)
{
    // The length is not secret (tokens have a known shape); the content is.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}


std::optional<std::string_view> bearer_token(std::string_view authorization)
{
    authorization = trimmed(authorization);
    constexpr std::string_view kScheme = "bearer";
    if (authorization.size() <= kScheme.size() ||
        !equals_ascii_lower(authorization.substr(0, kScheme.size()), kScheme) ||
        authorization[kScheme.size()] != ' ')
        return std::nullopt;
    auto token = trimmed(authorization.substr(kScheme.size() + 1));
    if (token.empty()) return std::nullopt;
    return token;
}

std::optional<std::string_view> cookie_value(std::string_view cookie_header, std::string_view name)
{
    while (!cookie_header.empty()) {
        const size_t end = cookie_header.find(';');
        auto pair = trimmed(cookie_header.substr(0, end));
        const size_t eq = pair.find('=');
        if (eq != std::string_view::npos && trimmed(pair.substr(0, eq)) == name) return trimmed(pair.substr(eq + 1));
        if (end == std::string_view::npos) break;
        cookie_header.remove_prefix(end + 1);
    }
    return std::nullopt;
}

bool is_loopback(std::string_view host)
{
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (equals_ascii_lower(host, "localhost") || host == "::1") return true;
    // 127.0.0.0/8 written as a dotted quad.
    if (!host.starts_with("127.")) return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.') ++dots;
        else if (c < '0' || c > '9') return false;
    }
    return dots == 3;
}

bool same_origin_write(std::string_view origin, std::string_view sec_fetch_site, std::string_view host_header)
{
    if (!sec_fetch_site.empty()) return sec_fetch_site == "same-origin";
    if (origin.empty() || host_header.empty()) return false;
    return origin == fmt::format("http://{}", host_header);
}

std::string Sessions::open()
{
    std::string id = random_hex(32);
    std::lock_guard lock(m_mutex);
    m_ids.insert(id);
    return id;
}

bool Sessions::valid(std::string_view id) const
{
    std::lock_guard lock(m_mutex);
    return m_ids.find(id) != m_ids.end();
}

void Sessions::close(std::string_view id)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_ids.find(id); it != m_ids.end()) m_ids.erase(it);
}

}  // namespace ik::present::http
