// Handler: what `serve` does with each request, apart from listening for it: the
// security rules of docs/api.md, the routes, one request at a time on the store, and
// the cache of read answers. serve() gives it the requests httplib reads; tests give
// it requests of their own.
#pragma once

#include "app/session.h"
#include "app/users.h"
#include "present/http/api.h"
#include "present/http/auth.h"
#include "present/http/read_cache.h"
#include "present/http/server.h"

#include <httplib.h>

#include <functional>
#include <mutex>
#include <optional>

namespace ik::present::http {

class Handler {
public:
    // `log`: where a request that fails inside the server is reported (never its body).
    Handler(app::Session& base, const ServeOptions& options, store::Store& store, std::ostream& log);

    void handle(const httplib::Request& req, httplib::Response& res);
    // What httplib answers by itself (an oversized body, a malformed request) gets
    // the same headers and an error body like every other.
    void handle_error(const httplib::Request& req, httplib::Response& res);
    // Answered from the pre-routing check, before handle() could set the headers.
    void refuse_too_large(httplib::Response& res);

    std::string authority() const;
    void set_port(int port) { m_port = port; }

    // Called after a read's answer is computed, outside the store's lock, before the
    // answer is cached: lets a test commit a write exactly there. Unset in `serve`.
    void set_read_computed_hook(std::function<void()> hook) { m_read_computed_hook = std::move(hook); }

private:
    // Who a request comes from on a team server: a user, by their API token or
    // their dashboard session. Lone-member mode has no users: nullopt.
    using Caller = std::optional<store::User>;

    bool host_allowed(std::string_view host) const;
    std::optional<std::string> session(const httplib::Request& req) const;
    void handle_api(const httplib::Request& req, httplib::Response& res);
    void handle_page(const httplib::Request& req, httplib::Response& res);
    void handle_team_login(const httplib::Request& req, httplib::Response& res);
    std::string now_text() const;
    core::Instant now() const;
    // Runs the call; a read is answered from the cache unless `fresh` (the client sent
    // Cache-Control: no-cache), and its answer is kept either way.
    void run(ApiCall& call, const ApiRequest& request, httplib::Response& res, const Caller& caller, bool fresh);
    // A team user's request that their role or grants do not allow: its status and
    // error (docs/api.md "Access"); nullopt when it may run.
    std::optional<ApiError> refused(const store::User& user, const ApiCall& call);
    app::SessionOptions request_options(const ApiCall& call, const Caller& caller) const;
    void start_session(httplib::Response& res);
    // Whether the database has users, and the user a request is from (by token or
    // cookie), as of now. Call with m_store_mutex held.
    bool team_locked();
    // `token_too`: an Authorization header counts (the API), else only the cookie (pages).
    std::optional<store::User> caller_locked(const httplib::Request& req, bool token_too);
    // The generation of the data as of now. Call with m_store_mutex held.
    Generation generation_locked();

    app::Session& m_base;  // the server's session: its options and environment
    const ServeOptions& m_options;
    store::Store& m_store;
    std::ostream& m_log;
    Sessions m_sessions;
    int m_port = 0;

    std::mutex m_store_mutex;                        // one request at a time uses the store; guards the next two
    Generation m_generation;                         // moves on with each change of the store's token
    std::optional<store::ChangeToken> m_seen_token;  // the store's change_token() as of m_generation
    bool m_team = false;                             // the database has users, as of m_generation
    ReadCache m_cache;
    std::function<void()> m_read_computed_hook;
};

}  // namespace ik::present::http
