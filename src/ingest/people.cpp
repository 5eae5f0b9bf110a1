#include "ingest/people.h"

#include <fmt/format.h>

#include <cctype>

namespace ik::ingest {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string percent_decode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::string percent_encode_path(std::string_view s)
{
    std::string out;
    for (char c : s) {
        auto b = static_cast<unsigned char>(c);
        if (std::isalnum(b) || c == '-' || c == '_' || c == '.' || c == '~') out += c;
        else out += fmt::format("%{:02X}", b);
    }
    return out;
}

}  // namespace

std::string trim(std::string_view text)
{
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

std::optional<ProfileRef> normalize_profile_url(std::string_view url)
{
    std::string s = trim(url);
    std::string_view v = s;
    if (v.empty()) return std::nullopt;

    // urn:li:member:610150649 (mid-2023 exports), also urn:li:fsd_profile:...
    if (v.size() > 7 && (v.starts_with("urn:li:") || v.starts_with("URN:LI:"))) {
        auto last = v.rfind(':');
        std::string_view id = v.substr(last + 1);
        if (id.empty()) return std::nullopt;
        std::string key = "urn:";
        for (char c : id) key += lower(c);
        return ProfileRef{key, ""};
    }

    // Scheme.
    std::string lowered;
    for (char c : v) lowered += lower(c);
    std::string_view lv = lowered;
    size_t pos = 0;
    if (lv.starts_with("https://")) pos = 8;
    else if (lv.starts_with("http://")) pos = 7;
    else if (lv.starts_with("//")) pos = 2;
    // Host: [sub.]linkedin.com
    size_t host_end = lv.find('/', pos);
    if (host_end == std::string_view::npos) return std::nullopt;
    std::string_view host = lv.substr(pos, host_end - pos);
    if (host != "linkedin.com" && !host.ends_with(".linkedin.com")) return std::nullopt;
    // Path: /in/<slug>[/...]; query and fragment dropped.
    std::string_view path = v.substr(host_end);
    if (auto cut = path.find_first_of("?#"); cut != std::string_view::npos) path = path.substr(0, cut);
    if (path.size() < 4 || lower(path[1]) != 'i' || lower(path[2]) != 'n' || path[3] != '/' || path[0] != '/')
        return std::nullopt;
    std::string_view slug_raw = path.substr(4);
    if (auto slash = slug_raw.find('/'); slash != std::string_view::npos) slug_raw = slug_raw.substr(0, slash);
    std::string slug = percent_decode(slug_raw);
    for (char& c : slug) c = lower(c);
    if (slug.empty()) return std::nullopt;
    return ProfileRef{"in:" + slug, "https://www.linkedin.com/in/" + percent_encode_path(slug)};
}

std::string normalize_name(std::string_view name)
{
    std::string out;
    bool space = false;
    for (char c : name) {
        if (is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += lower(c);
    }
    return out;
}

std::string name_key(std::string_view name) { return "name:" + normalize_name(name); }

}  // namespace ik::ingest
