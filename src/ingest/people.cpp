#include "ingest/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace ik::ingest {

namespace {

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool starts_with_ascii_lower(std::string_view text, std::string_view lower)
{
    return text.size() >= lower.size() && equals_ascii_lower(text.substr(0, lower.size()), lower);
}

bool ends_with_ascii_lower(std::string_view text, std::string_view lower)
{
    return text.size() >= lower.size() && equals_ascii_lower(text.substr(text.size() - lower.size()), lower);
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Appends `s` percent-decoded, then with ASCII letters lower-cased.
void append_decoded_lower(std::string& out, std::string_view s)
{
    const size_t start = out.size();
    out.resize(start + s.size());  // decoding never lengthens
    char* o = out.data() + start;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                *o++ = ascii_lower(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        *o++ = ascii_lower(s[i]);
    }
    out.resize(static_cast<size_t>(o - out.data()));
}

// The bytes RFC 3986 leaves unencoded in a path: ASCII letters and digits, "-_.~".
constexpr std::array<bool, 256> kUnreserved = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                    c == '-' || c == '_' || c == '.' || c == '~';
    return t;
}();

bool is_unreserved(char c)
{
    return kUnreserved[static_cast<unsigned char>(c)];
}

// Appends `s` with every byte but the unreserved ones of RFC 3986 as %XX.
void append_percent_encoded(std::string& out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    while (!s.empty()) {
        const size_t plain = static_cast<size_t>(
            std::find_if_not(s.begin(), s.end(), [](char c) { return is_unreserved(c); }) - s.begin());
        out.append(s.substr(0, plain));
        s.remove_prefix(plain);
        if (s.empty()) break;
        const auto b = static_cast<unsigned char>(s.front());
        const char escaped[] = {'%', kHex[b >> 4], kHex[b & 0xF]};
        out.append(escaped, sizeof escaped);
        s.remove_prefix(1);
    }
}

// Appends normalize_name(name).
void append_normalized_name(std::string& out, std::string_view name)
{
    bool any = false;    // a letter was appended
    bool space = false;  // white space since the last letter
    for (char c : name) {
        if (is_space(c)) {
            space = any;
            continue;
        }
        if (space) out += ' ';
        space = false;
        any = true;
        out += ascii_lower(c);
    }
}

}  // namespace

bool equals_ascii_lower(std::string_view text, std::string_view lower)
{
    return std::equal(text.begin(), text.end(), lower.begin(), lower.end(),
                      [](char a, char b) { return ascii_lower(a) == b; });
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string trim(std::string_view text)
{
    return std::string(trimmed(text));
}

constexpr std::string_view kKeyPrefix = "in:";  // of a key made from a profile URL
constexpr std::string_view kUrlPrefix = "https://www.linkedin.com/in/";

std::optional<ProfileRef> normalize_profile_url(std::string_view url)
{
    std::string_view v = trimmed(url);
    if (v.empty()) return std::nullopt;

    // urn:li:member:610150649 (mid-2023 exports), also urn:li:fsd_profile:...
    if (v.size() > 7 && (v.starts_with("urn:li:") || v.starts_with("URN:LI:"))) {
        auto last = v.rfind(':');
        std::string_view id = v.substr(last + 1);
        if (id.empty()) return std::nullopt;
        std::string key = "urn:";
        for (char c : id) key += ascii_lower(c);
        return ProfileRef{key, ""};
    }

    // Scheme and host are compared without regard to ASCII case.
    size_t pos = 0;
    if (starts_with_ascii_lower(v, "https://"))
        pos = 8;
    else if (starts_with_ascii_lower(v, "http://"))
        pos = 7;
    else if (v.starts_with("//"))
        pos = 2;
    // Host: [sub.]linkedin.com
    size_t host_end = v.find('/', pos);
    if (host_end == std::string_view::npos) return std::nullopt;
    std::string_view host = v.substr(pos, host_end - pos);
    if (!equals_ascii_lower(host, "linkedin.com") && !ends_with_ascii_lower(host, ".linkedin.com")) return std::nullopt;
    // Path: /in/<slug>[/...]; query and fragment dropped.
    std::string_view path = v.substr(host_end);
    // (A loop, not find_first_of, which calls memchr once per character.)
    path = path.substr(
        0, static_cast<size_t>(std::find_if(path.begin(), path.end(), [](char c) { return c == '?' || c == '#'; }) -
                               path.begin()));
    if (path.size() < 4 || ascii_lower(path[1]) != 'i' || ascii_lower(path[2]) != 'n' || path[3] != '/' ||
        path[0] != '/')
        return std::nullopt;
    std::string_view slug_raw = path.substr(4);
    if (auto slash = slug_raw.find('/'); slash != std::string_view::npos) slug_raw = slug_raw.substr(0, slash);

    ProfileRef ref;
    ref.key.reserve(kKeyPrefix.size() + slug_raw.size());
    ref.key = kKeyPrefix;
    append_decoded_lower(ref.key, slug_raw);
    const std::string_view slug = std::string_view(ref.key).substr(kKeyPrefix.size());
    if (slug.empty()) return std::nullopt;
    ref.canonical.reserve(kUrlPrefix.size() + slug.size());
    ref.canonical = kUrlPrefix;
    append_percent_encoded(ref.canonical, slug);
    return ref;
}

bool is_profile_key(std::string_view key)
{
    return key.starts_with(kKeyPrefix);
}

std::string profile_url_of_key(std::string_view key)
{
    if (!is_profile_key(key) || key.size() == kKeyPrefix.size()) return {};
    std::string url(kUrlPrefix);
    append_percent_encoded(url, key.substr(kKeyPrefix.size()));
    return url;
}

core::Result<ProfileRef> profile_url(std::string_view url)
{
    auto ref = normalize_profile_url(url);
    if (!ref || !is_profile_key(ref->key))
        return core::fail(
            core::ErrorKind::bad_input, "bad_url",
            fmt::format("\"{}\" is not a LinkedIn profile URL like https://www.linkedin.com/in/name", url));
    return std::move(*ref);
}

std::string normalize_name(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    append_normalized_name(out, name);
    return out;
}

std::string name_key(std::string_view name)
{
    constexpr std::string_view kPrefix = "name:";
    std::string key;
    key.reserve(kPrefix.size() + name.size());
    key = kPrefix;
    append_normalized_name(key, name);
    return key;
}

}  // namespace ik::ingest
