// Fuzz target: an HTTP API request (method, path, query, body) as the server hands
// it to the route table, which reads it into a typed request or refuses it with a
// 4xx. The bytes are split on 0xff into its parts.
#include "present/http/api.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0xff)
            parts.emplace_back();
        else
            parts.back() += static_cast<char>(data[i]);
    }
    parts.resize(std::max<std::size_t>(parts.size(), 5));
    ik::present::http::ApiRequest r;
    r.method = parts[0];
    r.path = parts[1];
    for (std::size_t i = 5; i + 1 < parts.size(); i += 2) r.query.emplace(parts[i], parts[i + 1]);
    r.content_type = parts[2];
    r.body = parts[3];
    r.filename = parts[4];
    auto call = ik::present::http::route(r);
    if (!call && (call.error().status < 400 || call.error().status >= 500)) __builtin_trap();
    // The account comes from ?account= and from nowhere else.
    if (call) {
        auto account = r.query.find("account");
        if (call->account != (account == r.query.end() ? "" : account->second)) __builtin_trap();
        (void)call->writes();
    }
    return 0;
}
