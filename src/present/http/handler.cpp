#include "present/http/handler.h"

#include "present/http/assets.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <ranges>
#include <sstream>

namespace ik::present::http {

namespace {

namespace fs = std::filesystem;
using app::Json;
using core::ErrorKind;

constexpr std::string_view kCookie = "ik_session";
constexpr std::string_view kSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

std::string error_body(std::string_view code, std::string_view message)
{
    return Json{{"error", Json{{"code", code}, {"message", message}}}}.dump();
}

// The session id the request's cookie carries, live or not.
std::optional<std::string> session_cookie(const httplib::Request& req)
{
    const std::string cookies = req.get_header_value("Cookie");
    auto id = cookie_value(cookies, kCookie);
    if (!id) return std::nullopt;
    return std::string(*id);
}

// Whether the client asks for an answer computed now, not a kept one (RFC 9111 5.2.1.4:
// the request's Cache-Control: no-cache; Pragma: no-cache from HTTP/1.0 clients).
bool asks_fresh(const httplib::Request& req)
{
    // The header's comma-separated directives, compared without case.
    const auto has_no_cache = [](const std::string& value) {
        for (auto directive : value | std::views::split(',')) {
            std::string_view d(directive.begin(), directive.end());
            while (!d.empty() && (d.front() == ' ' || d.front() == '\t')) d.remove_prefix(1);
            while (!d.empty() && (d.back() == ' ' || d.back() == '\t')) d.remove_suffix(1);
            if (std::ranges::equal(d, std::string_view("no-cache"),
                                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
                return true;
        }
        return false;
    };
    return has_no_cache(req.get_header_value("Cache-Control")) || has_no_cache(req.get_header_value("Pragma"));
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message)
{
    res.status = status;
    res.set_content(error_body(code, message), "application/json");
}

// What every response carries, whoever answers it (docs/api.md).
void set_security_headers(httplib::Response& res)
{
    res.set_header("Content-Security-Policy", std::string(kSecurityPolicy));
    res.set_header("X-Content-Type-Options", "nosniff");
    // Same-origin requests keep their Origin (a browser without Sec-Fetch-Site is
    // still checked); LinkedIn, opened from a worklist, learns nothing of this server.
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("X-Frame-Options", "DENY");
}

void unauthorized(httplib::Response& res, bool team)
{
    res.set_header("WWW-Authenticate", "Bearer realm=\"invitekeeper\"");
    send_error(res, 401, "unauthorized",
               team ? "log in at /login, or give your API token (invitekeeper user token NAME) as "
                      "`Authorization: Bearer TOKEN`"
                    : "give the server's token as `Authorization: Bearer TOKEN`, or log in at /login");
}

void send_asset(const httplib::Request& req, httplib::Response& res, const Asset& asset)
{
    res.set_header("ETag", std::string(asset.etag));
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == asset.etag) {
        res.status = 304;
        return;
    }
    res.set_content(std::string(asset.body), std::string(asset.content_type).c_str());
}

// The login page: a lone server's asks for its token, a team server's for a name
// and password. The page holds both, each between its markers; the other is cut.
void login_page(httplib::Response& res, int status, std::string_view message, bool team = false)
{
    std::string html(find_asset("/login")->body);
    const std::string cut = team ? "lone" : "team";
    for (size_t at; (at = html.find("<!--ik:" + cut + "-->")) != std::string::npos;) {
        const std::string end = "<!--/ik:" + cut + "-->";
        const size_t to = html.find(end, at);
        if (to == std::string::npos) break;
        html.erase(at, to + end.size() - at);
    }
    if (auto at = html.find("<!--ik:message-->"); at != std::string::npos)
        html.replace(at, std::string_view("<!--ik:message-->").size(), std::string(message));
    res.status = status;
    res.set_content(html, "text/html; charset=utf-8");
}

std::string alert(std::string_view text)
{
    return fmt::format("<p class=\"error\" role=\"alert\">{}</p>", text);
}

std::string lowercase_media_type(std::string_view content_type)
{
    content_type = content_type.substr(0, content_type.find(';'));
    while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
    std::string out(content_type);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A folder only this process uses, removed with everything in it.
class UploadFolder {
public:
    static core::Result<UploadFolder> create()
    {
        std::string pattern = (fs::temp_directory_path() / "invitekeeper-upload-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            return core::fail(ErrorKind::internal, "upload", "cannot create a folder for the upload");
        return UploadFolder(pattern);
    }
    UploadFolder(UploadFolder&& other) noexcept : m_path(std::exchange(other.m_path, {})) {}
    UploadFolder(const UploadFolder&) = delete;
    ~UploadFolder()
    {
        std::error_code ec;
        if (!m_path.empty()) fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    explicit UploadFolder(fs::path path) : m_path(std::move(path)) {}
    fs::path m_path;
};

}  // namespace

Handler::Handler(app::Session& base, const ServeOptions& options, store::Store& store, std::ostream& log)
    : m_base(base), m_options(options), m_store(store), m_log(log), m_sessions(options.token)
{
}

void Handler::handle(const httplib::Request& req, httplib::Response& res)
{
    set_security_headers(res);
    res.set_header("Cache-Control", "no-store");
    try {
        if (!host_allowed(req.get_header_value("Host")))
            return send_error(res, 403, "bad_host",
                              fmt::format("this server answers to {}, not to the host \"{}\"", authority(),
                                          req.get_header_value("Host")));
        if (req.path.starts_with("/api/")) return handle_api(req, res);
        return handle_page(req, res);
    } catch (const store::StorageError& e) {
        m_log << "invitekeeper serve: " << req.method << " " << req.path << ": " << e.what() << "\n";
        send_error(res, http_status(e.error()), e.error().code, e.error().message);
    } catch (const std::exception& e) {
        m_log << "invitekeeper serve: " << req.method << " " << req.path << ": " << e.what() << "\n";
        send_error(res, 500, "internal", e.what());
    }
}

void Handler::handle_error(const httplib::Request&, httplib::Response& res)
{
    if (!res.body.empty()) return;  // an answer of ours, headers and all
    if (res.status == 413) return refuse_too_large(res);
    set_security_headers(res);
    send_error(res, res.status, res.status == 404 ? "not_found" : "bad_request",
               fmt::format("the request was refused (HTTP {})", res.status));
}

void Handler::refuse_too_large(httplib::Response& res)
{
    set_security_headers(res);
    res.set_header("Connection", "close");
    send_error(res, 413, "too_large",
               fmt::format("the body is larger than the server's limit of {} MiB (serve --max-body)",
                           m_options.max_body / (1024 * 1024)));
}

std::string Handler::authority() const
{
    return fmt::format("{}:{}", m_options.host, m_port);
}

// On a loopback address only a loopback Host header is answered, so that a web
// page cannot reach the server through a name it rebinds to 127.0.0.1.
bool Handler::host_allowed(std::string_view host) const
{
    if (!is_loopback(m_options.host)) return true;
    const size_t colon = host.rfind(':');
    if (colon == std::string_view::npos || host.ends_with("]")) return false;
    return is_loopback(host.substr(0, colon)) && host.substr(colon + 1) == std::to_string(m_port);
}

// The request's session id, if it is a live one.
std::optional<std::string> Handler::session(const httplib::Request& req) const
{
    auto id = session_cookie(req);
    if (id && m_sessions.valid(*id)) return id;
    return std::nullopt;
}

void Handler::handle_api(const httplib::Request& req, httplib::Response& res)
{
    const bool by_token = req.has_header("Authorization");
    Caller caller;
    bool team = false;
    {
        std::lock_guard lock(m_store_mutex);
        team = team_locked();
        if (team) caller = caller_locked(req, true);
    }
    if (team) {
        // A team server knows its callers by name: the lone server's token opens nothing.
        if (!caller) return unauthorized(res, true);
    } else if (by_token) {
        const std::string authorization = req.get_header_value("Authorization");
        auto token = bearer_token(authorization);
        if (!token || !m_sessions.token_matches(*token)) return unauthorized(res, false);
    } else if (!session(req)) {
        return unauthorized(res, false);
    }
    const bool reads = req.method == "GET" || req.method == "HEAD";
    if (!by_token && !reads &&
        !same_origin_write(req.get_header_value("Origin"), req.get_header_value("Sec-Fetch-Site"),
                           req.get_header_value("Host")))
        return send_error(res, 403, "cross_site",
                          "a write with the dashboard's cookie must come from the dashboard's own page");

    if (req.path == "/api/openapi.json") {
        if (!reads) return send_error(res, 405, "method_not_allowed", "/api/openapi.json takes GET");
        return send_asset(req, res, *find_asset("/api/openapi.json"));
    }
    if (req.path == "/api/me") {
        if (!reads) return send_error(res, 405, "method_not_allowed", "/api/me takes GET");
        if (!req.params.empty()) return send_error(res, 400, "unknown_parameter", "GET /api/me takes no parameter");
        const Json me{{"team", team},
                      {"user", caller ? Json(caller->name) : Json(nullptr)},
                      {"role", caller ? store::role_name(caller->role) : store::role_name(store::Role::admin)}};
        return res.set_content(me.dump(), "application/json");
    }

    ApiRequest request{req.method, req.path, {}, lowercase_media_type(req.get_header_value("Content-Type")),
                       req.body,   ""};
    // httplib merges a form body into the query's parameters; no route takes a form.
    if (request.content_type == "application/x-www-form-urlencoded")
        return send_error(res, 415, "unsupported_media_type", "the API takes JSON bodies or file uploads, not forms");
    for (const auto& [k, v] : req.params) request.query.emplace(k, v);
    if (request.content_type == "multipart/form-data") {
        if (!req.has_file("file"))
            return send_error(res, 400, "bad_request", "a multipart upload needs the file in the field \"file\"");
        auto file = req.get_file_value("file");
        request.body = file.content;
        request.filename = file.filename;
        request.content_type = lowercase_media_type(file.content_type);
    }
    auto call = route(request);
    if (!call) return send_error(res, call.error().status, call.error().error.code, call.error().error.message);
    if (caller)
        if (auto no = refused(*caller, *call)) return send_error(res, no->status, no->error.code, no->error.message);
    run(*call, request, res, caller, asks_fresh(req));
}

std::optional<ApiError> Handler::refused(const store::User& user, const ApiCall& call)
{
    using store::Role;
    if (user.role == Role::admin) return std::nullopt;
    if (std::holds_alternative<app::InitRequest>(call.request))
        return ApiError{403,
                        {ErrorKind::usage, "forbidden",
                         fmt::format("{} is {}: only an admin adds accounts", user.name,
                                     user.role == Role::viewer ? "a viewer" : "an operator")}};
    // Reads, and an operator's writes, run: the use case sees only the accounts
    // granted and answers any other as one that does not exist (404).
    if (!call.writes() || user.role == Role::operator_) return std::nullopt;
    // A viewer's write: refused, but an account they may not see is still not
    // disclosed, so it is looked up first.
    app::Session session(request_options(call, user), m_base.env());
    session.share_store(&m_store);
    {
        std::lock_guard lock(m_store_mutex);
        if (auto account = session.account(); !account) return ApiError{http_status(account.error()), account.error()};
    }
    return ApiError{
        403,
        {ErrorKind::usage, "forbidden",
         fmt::format("{} is a viewer: a viewer reads the accounts granted, an operator works them", user.name)}};
}

app::SessionOptions Handler::request_options(const ApiCall& call, const Caller& caller) const
{
    app::SessionOptions options = m_base.options();
    options.account = call.account;
    options.now = now_text();
    options.source = caller ? "user:" + caller->name : "api";
    if (caller && caller->role != store::Role::admin) options.visible_accounts = caller->accounts;
    return options;
}

// The instant every request is answered for: --now, else this second.
std::string Handler::now_text() const
{
    if (!m_base.options().now.empty()) return m_base.options().now;
    return core::format_instant(core::system_now());
}

core::Instant Handler::now() const
{
    return core::parse_instant(now_text(), core::Zone::utc()).value_or(core::system_now());
}

Generation Handler::generation_locked()
{
    // Any commit, this server's or another process's, gives a new change token.
    const store::ChangeToken token = m_store.change_token();
    if (!m_seen_token || token != *m_seen_token) {
        m_seen_token = token;
        ++m_generation.value;
        // Users come and go only by commits: whether there are any is read again
        // with each, so the first `user add` makes this a team server at once.
        m_team = app::team_server(m_store);
    }
    return m_generation;
}

bool Handler::team_locked()
{
    generation_locked();
    return m_team;
}

std::optional<store::User> Handler::caller_locked(const httplib::Request& req, bool token_too)
{
    if (req.has_header("Authorization")) {
        if (!token_too) return std::nullopt;
        const std::string authorization = req.get_header_value("Authorization");
        auto token = bearer_token(authorization);
        if (!token) return std::nullopt;
        return app::token_user(m_store, *token);
    }
    auto id = session_cookie(req);
    if (!id) return std::nullopt;
    return app::session_user(m_store, *id, now());
}

void Handler::run(ApiCall& call, const ApiRequest& request, httplib::Response& res, const Caller& caller, bool fresh)
{
    const app::SessionOptions options = request_options(call, caller);

    // A read's answer depends on the route, its parameters, the data and the clock
    // only, so it is cached until another request or process writes, or the second
    // changes.
    const bool writes = call.writes();
    std::string key;
    if (!writes) {
        // Users who may see the same accounts share answers.
        if (options.visible_accounts) key = fmt::format("={}\n", fmt::join(*options.visible_accounts, ","));
        key += options.account + '\n' + options.now + '\n' + request.path;
        for (const auto& [name, value] : request.query) key += '\n' + name + '=' + value;
        Generation current;
        {
            std::lock_guard lock(m_store_mutex);
            current = generation_locked();
        }
        if (auto hit = fresh ? std::nullopt : m_cache.find(key, current)) {
            res.status = hit->status;
            res.set_content(hit->body, "application/json");
            return;
        }
    }

    std::optional<UploadFolder> folder;
    if (call.upload_name) {
        auto made = UploadFolder::create();
        if (!made) return send_error(res, 500, made.error().code, made.error().message);
        folder.emplace(std::move(*made));
        const std::string upload_path = (folder->path() / *call.upload_name).string();
        std::ofstream file(upload_path, std::ios::binary);
        file.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
        if (!file.flush()) return send_error(res, 500, "upload", "cannot write the upload to a temporary file");
        call.place_upload(upload_path);
    }

    app::Session session(options, m_base.env());
    session.share_store(&m_store);
    core::Result<Json> result;
    Generation computed_from;
    {
        std::lock_guard lock(m_store_mutex);
        // Taken before the use case: should another process commit while it runs, the
        // answer is filed under the older generation, which the next request moves past.
        computed_from = generation_locked();
        result = http::run(session, call);
    }
    CachedResponse response;
    if (!result) {
        response.status = http_status(result.error());
        response.body = error_body(result.error().code, result.error().message);
    } else {
        response.status = call.success_status;
        response.body = result->dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    if (!writes) {
        if (m_read_computed_hook) m_read_computed_hook();
        m_cache.keep(key, computed_from, response);
    }
    res.status = response.status;
    res.set_content(std::move(response.body), "application/json");
}

void Handler::start_session(httplib::Response& res)
{
    res.set_header("Set-Cookie", fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/", kCookie, m_sessions.open()));
    res.set_redirect("/", 303);
}

void Handler::handle_team_login(const httplib::Request& req, httplib::Response& res)
{
    if (req.method == "GET" || req.method == "HEAD") {
        if (req.has_param("token"))
            return login_page(res, 401, alert("This server logs in by name and password: a token opens only the API."),
                              true);
        return login_page(res, 200, "", true);
    }
    if (req.method != "POST") return send_error(res, 405, "method_not_allowed", "/login takes GET or POST");
    if ((req.has_header("Origin") || req.has_header("Sec-Fetch-Site")) &&
        !same_origin_write(req.get_header_value("Origin"), req.get_header_value("Sec-Fetch-Site"),
                           req.get_header_value("Host")))
        return send_error(res, 403, "cross_site", "log in from this server's own login page");
    const std::string name = req.get_param_value("name");
    const std::string password = req.get_param_value("password");
    if (name.empty() || password.empty()) return login_page(res, 400, alert("Give your name and your password."), true);

    // The store is held for the reads and the writes, not for the password's hash.
    app::LoginAttempt attempt;
    {
        std::lock_guard lock(m_store_mutex);
        attempt = app::begin_login(m_store, name, now());
    }
    if (attempt.wait > core::Duration{0}) {
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(attempt.wait).count();
        res.set_header("Retry-After", std::to_string(seconds));
        return login_page(
            res, 429, alert(fmt::format("Too many failed logins in a row: try again in {} seconds.", seconds)), true);
    }
    const bool good = app::password_matches(attempt, password);
    core::Result<app::Login> login;
    {
        std::lock_guard lock(m_store_mutex);
        login = app::end_login(m_store, attempt, good, now());
    }
    if (!login && login.error().code == "bad_login")
        return login_page(res, 401, alert("That name and password are not a user's of this server."), true);
    if (!login) return send_error(res, http_status(login.error()), login.error().code, login.error().message);
    res.set_header("Set-Cookie",
                   fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}", kCookie, login->session,
                               std::chrono::duration_cast<std::chrono::seconds>(app::kSessionLife).count()));
    res.set_redirect("/", 303);
}

void Handler::handle_page(const httplib::Request& req, httplib::Response& res)
{
    const bool reads = req.method == "GET" || req.method == "HEAD";
    const bool home = req.path == "/" || req.path == "/index.html";
    bool team = false;
    Caller caller;
    if (home || req.path == "/login" || req.path == "/logout") {
        std::lock_guard lock(m_store_mutex);
        team = team_locked();
        if (team && home) caller = caller_locked(req, false);
    }
    if (team && req.path == "/login") return handle_team_login(req, res);
    if (req.path == "/login") {
        if (reads) {
            if (!req.has_param("token")) return login_page(res, 200, "");
            if (!m_sessions.token_matches(req.get_param_value("token")))
                return login_page(res, 401, "<p class=\"error\" role=\"alert\">That token is not this server's.</p>");
            return start_session(res);
        }
        if (req.method != "POST") return send_error(res, 405, "method_not_allowed", "/login takes GET or POST");
        if ((req.has_header("Origin") || req.has_header("Sec-Fetch-Site")) &&
            !same_origin_write(req.get_header_value("Origin"), req.get_header_value("Sec-Fetch-Site"),
                               req.get_header_value("Host")))
            return send_error(res, 403, "cross_site", "log in from this server's own login page");
        // httplib has decoded the form body into the parameters.
        if (!req.has_param("token") || !m_sessions.token_matches(req.get_param_value("token")))
            return login_page(res, 401, "<p class=\"error\" role=\"alert\">That token is not this server's.</p>");
        return start_session(res);
    }
    if (req.path == "/logout") {
        if (req.method != "POST") return send_error(res, 405, "method_not_allowed", "/logout takes POST");
        if (team) {
            if (auto id = session_cookie(req)) {
                std::lock_guard lock(m_store_mutex);
                app::log_out(m_store, *id);
            }
        } else if (auto id = session(req)) {
            m_sessions.close(*id);
        }
        res.set_header("Set-Cookie", fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0", kCookie));
        return res.set_redirect("/login", 303);
    }
    if (!reads) return send_error(res, 405, "method_not_allowed", fmt::format("{} takes GET", req.path));
    if (home) {
        if (team ? !caller : !session(req)) return res.set_redirect("/login", 303);
        return send_asset(req, res, *find_asset("/"));
    }
    // The dashboard's scripts and styles hold no data: they load before login too.
    if (req.path.starts_with("/assets/"))
        if (const Asset* asset = find_asset(req.path)) return send_asset(req, res, *asset);
    send_error(res, 404, "not_found", fmt::format("no page {}", req.path));
}

}  // namespace ik::present::http
