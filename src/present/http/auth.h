// Who may use the server: the token, the dashboard's sessions, and the checks
// that keep other web pages and other hosts out. Pure functions over header
// values, so the rules are unit-tested without a socket.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ik::present::http {

// `bytes` random bytes from the kernel, as lowercase hex.
std::string random_hex(size_t bytes);

// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// The token of an `Authorization: Bearer TOKEN` header value, if it is one.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// The value of cookie `name` in a `Cookie:` header value.
std::optional<std::string_view> cookie_value(std::string_view cookie_header, std::string_view name);

// Whether `host` (a name or address, without port) is this machine only:
// 127.0.0.0/8, ::1 or localhost.
bool is_loopback(std::string_view host);

// Whether a write authenticated by the session cookie comes from the dashboard's
// own pages: Sec-Fetch-Site says same-origin, else Origin is http://<host>. A
// write with neither header is refused: browsers send at least one of them.
bool same_origin_write(std::string_view origin, std::string_view sec_fetch_site, std::string_view host_header);

// The dashboard's logged-in browsers. A session id is 32 random bytes; the
// sessions live as long as the server.
class Sessions {
public:
    explicit Sessions(std::string token) : m_token(std::move(token)) {}

    // A server without a token (a team server's, started without one) matches none.
    bool token_matches(std::string_view candidate) const
    {
        return !m_token.empty() && constant_time_equal(candidate, m_token);
    }
    // A new session's id.
    std::string open();
    bool valid(std::string_view id) const;
    // It is not an error if the session did not exist.
    void close(std::string_view id);

private:
    std::string m_token;
    mutable std::mutex m_mutex;
    std::set<std::string, std::less<>> m_ids;
};

}  // namespace ik::present::http
