// `invitekeeper serve`: the HTTP API and the dashboard over one store. The rules
// every request meets are in docs/api.md.
#pragma once

#include "app/session.h"
#include "core/error.h"

#include <chrono>
#include <iosfwd>
#include <string>

namespace ik::present::http {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port
    std::string token;
    bool token_generated = false;  // made up at startup; printed in the login link
    size_t max_body = 256 * 1024 * 1024;
    std::chrono::seconds timeout{30};  // to read a request and to write a response
};

// Reads --listen HOST:PORT and the token (--token, else $INVITEKEEPER_TOKEN).
// Refuses a non-loopback address without a token; makes one up on loopback.
core::Result<ServeOptions> serve_options(const std::string& listen, std::string token, const app::EnvLookup& env);

// Serves until SIGINT or SIGTERM. Writes `listening on http://HOST:PORT` and the
// login link to `out` once requests are accepted; a request that fails inside the
// server is reported to `log`.
core::Result<void> serve(app::Session& session, const ServeOptions& options, std::ostream& out, std::ostream& log);

}  // namespace ik::present::http
