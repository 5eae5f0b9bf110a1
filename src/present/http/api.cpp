#include "present/http/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <span>

namespace ik::present::http {

namespace {

using app::Json;
using core::ErrorKind;
using Parsed = std::expected<AnyRequest, ApiError>;

ApiError bad(int status, std::string code, std::string message)
{
    return ApiError{status, core::Error{status >= 500 ? ErrorKind::internal : ErrorKind::usage, std::move(code),
                                        std::move(message)}};
}

// What a route's body holds.
enum class Body { none, json, file };

// The query's parameters, checked against those the route takes: none unknown,
// none twice, none empty; each read as the type its request field has.
class Query {
public:
    explicit Query(const ApiRequest& r) : m_query(r.query) {}

    std::optional<std::string> text(std::string_view name) const
    {
        auto it = m_query.find(std::string(name));
        if (it == m_query.end()) return std::nullopt;
        return it->second;
    }
    std::expected<std::optional<long>, ApiError> integer(std::string_view name) const
    {
        auto value = text(name);
        if (!value) return std::nullopt;
        auto n = core::parse_integer(*value);
        if (!n || *n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max())
            return std::unexpected(
                bad(400, "bad_parameter", fmt::format("{}= takes a whole number, not \"{}\"", name, *value)));
        return static_cast<long>(*n);
    }
    std::expected<bool, ApiError> flag(std::string_view name) const
    {
        auto value = text(name);
        if (!value || *value == "false") return false;
        if (*value == "true") return true;
        return std::unexpected(
            bad(400, "bad_parameter", fmt::format("{}= takes true or false, not \"{}\"", name, *value)));
    }
    std::expected<std::optional<core::Duration>, ApiError> duration(std::string_view name) const
    {
        auto value = text(name);
        if (!value) return std::nullopt;
        auto d = core::parse_duration(*value);
        if (!d) return std::unexpected(ApiError{400, d.error()});
        return *d;
    }

private:
    const std::multimap<std::string, std::string>& m_query;
};

std::expected<Json, ApiError> json_body(const ApiRequest& r)
{
    if (r.content_type != "application/json")
        return std::unexpected(bad(415, "unsupported_media_type",
                                   fmt::format("the body must be application/json, not \"{}\"",
                                               r.content_type.empty() ? "(none)" : r.content_type)));
    Json body = Json::parse(r.body, nullptr, false);
    if (body.is_discarded()) return std::unexpected(bad(400, "bad_json", "the body is not valid JSON"));
    if (!body.is_object()) return std::unexpected(bad(400, "bad_json", "the body must be a JSON object"));
    return body;
}

// A JSON body's fields, checked against those the route takes; each read as the
// type its request field has. An empty string is a field not given.
class Fields {
public:
    static std::expected<Fields, ApiError> of(const ApiRequest& r, std::span<const std::string_view> takes)
    {
        auto body = json_body(r);
        if (!body) return std::unexpected(body.error());
        for (const auto& [key, value] : body->items())
            if (std::find(takes.begin(), takes.end(), key) == takes.end())
                return std::unexpected(
                    bad(400, "unknown_field", fmt::format("the body has an unknown field \"{}\"", key)));
        return Fields(std::move(*body));
    }

    std::expected<std::string, ApiError> text(std::string_view key) const
    {
        auto it = m_body.find(key);
        if (it == m_body.end()) return std::string();
        if (!it->is_string())
            return std::unexpected(bad(400, "bad_field", fmt::format("\"{}\" must be a string", key)));
        return it->get<std::string>();
    }
    std::expected<std::string, ApiError> required_text(std::string_view key) const
    {
        auto it = m_body.find(key);
        if (it == m_body.end() || !it->is_string() || it->get<std::string>().empty())
            return std::unexpected(bad(400, "missing_field", fmt::format("the body needs \"{}\" (a string)", key)));
        return it->get<std::string>();
    }
    std::expected<std::optional<long>, ApiError> integer(std::string_view key) const
    {
        auto it = m_body.find(key);
        if (it == m_body.end()) return std::nullopt;
        if (!it->is_number_integer() || it->get<long long>() < std::numeric_limits<int>::min() ||
            it->get<long long>() > std::numeric_limits<int>::max())
            return std::unexpected(bad(400, "bad_field", fmt::format("\"{}\" must be an integer", key)));
        return static_cast<long>(it->get<long long>());
    }
    std::expected<bool, ApiError> flag(std::string_view key) const
    {
        auto it = m_body.find(key);
        if (it == m_body.end()) return false;
        if (!it->is_boolean())
            return std::unexpected(bad(400, "bad_field", fmt::format("\"{}\" must be true or false", key)));
        return it->get<bool>();
    }
    const Json& json() const { return m_body; }

private:
    explicit Fields(Json body) : m_body(std::move(body)) {}
    Json m_body;
};

// Unwraps a parameter or field read, or returns its error from the enclosing parser.
#define IK_TRY(var, expr)                                        \
    auto var##_read = (expr);                                    \
    if (!var##_read) return std::unexpected(var##_read.error()); \
    auto var = std::move(*var##_read)

Parsed init(const ApiRequest& r, const Query&)
{
    static constexpr std::string_view kTakes[] = {"name", "tier", "tz", "export_zone", "weekly_limit", "pending_cap"};
    IK_TRY(body, Fields::of(r, kTakes));
    IK_TRY(name, body.required_text("name"));
    IK_TRY(tier, body.text("tier"));
    IK_TRY(tz, body.text("tz"));
    IK_TRY(export_zone, body.text("export_zone"));
    IK_TRY(weekly_limit, body.integer("weekly_limit"));
    IK_TRY(pending_cap, body.integer("pending_cap"));
    return app::InitRequest{name, tier, tz, export_zone, weekly_limit, pending_cap};
}

Parsed stats(const ApiRequest&, const Query& q)
{
    return app::StatsRequest{q.text("by").value_or("")};
}

Parsed history(const ApiRequest&, const Query& q)
{
    IK_TRY(weeks, q.integer("weeks"));
    IK_TRY(recent, q.integer("recent"));
    app::HistoryRequest request;
    // Out of range either way stays out of range: the use case names the range.
    if (weeks) request.weeks = static_cast<int>(std::clamp<std::int64_t>(*weeks, -1, 100000));
    if (recent) request.recent = static_cast<int>(std::clamp<std::int64_t>(*recent, -1, 100000));
    return request;
}

Parsed pending(const ApiRequest&, const Query& q)
{
    IK_TRY(older_than, q.duration("older_than"));
    IK_TRY(limit, q.integer("limit"));
    return app::PendingRequest{older_than, q.text("older_than").value_or(""), limit};
}

Parsed plan_withdraw(const ApiRequest&, const Query& q)
{
    IK_TRY(after, q.duration("after"));
    IK_TRY(target, q.integer("target"));
    IK_TRY(max_per_day, q.integer("max_per_day"));
    // `all` is the CLI's text option: the JSON lists every day either way.
    IK_TRY(all, q.flag("all"));
    (void)all;
    return app::WithdrawPlanRequest{after, target, max_per_day};
}

Parsed plan_send(const ApiRequest&, const Query& q)
{
    app::SendPlanRequest request;
    IK_TRY(days, q.integer("days"));
    if (days) request.days = static_cast<int>(*days);
    request.from = q.text("from").value_or("");
    IK_TRY(aggressive, q.flag("aggressive"));
    IK_TRY(allow_unpersonalized, q.flag("allow_unpersonalized"));
    request.aggressive = aggressive;
    request.allow_unpersonalized = allow_unpersonalized;
    return request;
}

Parsed queue_add(const ApiRequest& r, const Query&)
{
    static constexpr std::string_view kTakes[] = {"url",  "name",     "first_name", "company",
                                                  "note", "template", "tz",         "priority"};
    IK_TRY(body, Fields::of(r, kTakes));
    app::QueueAddRequest request;
    auto& in = request.input;
    IK_TRY(url, body.required_text("url"));
    IK_TRY(name, body.text("name"));
    IK_TRY(first_name, body.text("first_name"));
    IK_TRY(company, body.text("company"));
    IK_TRY(note, body.text("note"));
    IK_TRY(template_name, body.text("template"));
    IK_TRY(tz, body.text("tz"));
    IK_TRY(priority, body.integer("priority"));
    in.profile_url = url;
    in.name = name;
    in.first_name = first_name;
    in.company = company;
    in.note = note;
    in.template_name = template_name;
    in.timezone = tz;
    if (priority) in.priority = std::to_string(*priority);
    return request;
}

Parsed queue_remove(const ApiRequest& r, const Query&)
{
    app::QueueRemoveRequest request;
    auto [from, to] = r.query.equal_range("url");
    for (auto it = from; it != to; ++it) request.urls.push_back(it->second);
    if (request.urls.empty()) return std::unexpected(bad(400, "missing_parameter", "give the profile URLs as url=..."));
    return request;
}

Parsed queue_import(const ApiRequest&, const Query&)
{
    return app::QueueImportRequest{};
}

Parsed import(const ApiRequest&, const Query& q)
{
    IK_TRY(skip_invalid, q.flag("skip_invalid"));
    IK_TRY(dry_run, q.flag("dry_run"));
    IK_TRY(complete, q.flag("complete"));
    app::ImportRequest request;
    request.skip_invalid = skip_invalid;
    request.dry_run = dry_run;
    request.complete = complete;
    return request;
}

Parsed mark(const ApiRequest& r, std::string kind)
{
    static constexpr std::string_view kTakes[] = {"targets", "plan", "at", "no_note"};
    IK_TRY(body, Fields::of(r, kTakes));
    app::MarkRequest request;
    request.kind = std::move(kind);
    IK_TRY(plan, body.flag("plan"));
    IK_TRY(at, body.text("at"));
    IK_TRY(no_note, body.flag("no_note"));
    request.plan = plan;
    request.at = at;
    request.no_note = no_note;
    if (auto targets = body.json().find("targets"); targets != body.json().end()) {
        if (!targets->is_array())
            return std::unexpected(bad(400, "bad_field", "\"targets\" must be a list of ids or profile URLs"));
        for (const auto& t : *targets) {
            if (t.is_number_integer())
                request.targets.push_back(std::to_string(t.get<long long>()));
            else if (t.is_string() && !t.get<std::string>().empty())
                request.targets.push_back(t.get<std::string>());
            else
                return std::unexpected(bad(400, "bad_field", "each target is an invitation id or a profile URL"));
        }
    }
    return request;
}

template <class Request>
Parsed plain(const ApiRequest&, const Query&)
{
    return Request{};
}

struct Route {
    std::string_view method;
    std::string_view path;
    Parsed (*parse)(const ApiRequest&, const Query&);
    std::span<const std::string_view> params = {};  // the query parameters it takes
    Body body = Body::none;
    bool per_account = true;  // takes ?account=
    int success_status = 200;
};

constexpr std::string_view kStats[] = {"by"};
constexpr std::string_view kHistory[] = {"weeks", "recent"};
constexpr std::string_view kPending[] = {"older_than", "limit"};
constexpr std::string_view kWithdraw[] = {"after", "target", "max_per_day", "all"};
constexpr std::string_view kSend[] = {"days", "from", "aggressive", "allow_unpersonalized"};
constexpr std::string_view kImport[] = {"skip_invalid", "dry_run", "complete", "filename"};
constexpr std::string_view kUpload[] = {"filename"};
constexpr std::string_view kUrls[] = {"url"};

// Every route but the marks (a path parameter).
constexpr Route kRoutes[] = {
    {"GET", "/api/accounts", plain<app::AccountsRequest>, {}, Body::none, false},
    {"GET", "/api/overview", plain<app::OverviewRequest>, {}, Body::none, false},
    {"POST", "/api/accounts", init, {}, Body::json, false, 201},
    {"GET", "/api/status", plain<app::StatusRequest>},
    {"GET", "/api/health", plain<app::HealthRequest>},
    {"GET", "/api/forecast", plain<app::ForecastRequest>},
    {"GET", "/api/stats", stats, kStats},
    {"GET", "/api/history", history, kHistory},
    {"GET", "/api/pending", pending, kPending},
    {"GET", "/api/plan/withdraw", plan_withdraw, kWithdraw},
    {"GET", "/api/plan/send", plan_send, kSend},
    {"GET", "/api/queue", plain<app::QueueListRequest>},
    {"POST", "/api/queue", queue_add, {}, Body::json, true, 201},
    {"DELETE", "/api/queue", queue_remove, kUrls, Body::none, true, 200},
    {"POST", "/api/queue/import", queue_import, kUpload, Body::file},
    {"POST", "/api/import", import, kImport, Body::file},
    {"POST", "/api/import/undo", plain<app::ImportUndoRequest>},
};

constexpr std::string_view kMarks = "/api/marks/";

std::expected<void, ApiError> check_params(const ApiRequest& r, std::span<const std::string_view> takes,
                                           bool per_account, std::string_view shown, ApiCall& call)
{
    for (const auto& [name, value] : r.query) {
        if (name == "account" && per_account) {
            if (value.empty()) return std::unexpected(bad(400, "bad_parameter", "account= is empty"));
            if (r.query.count(name) > 1)
                return std::unexpected(bad(400, "bad_parameter", "account= is given more than once"));
            call.account = value;
            continue;
        }
        if (std::find(takes.begin(), takes.end(), name) == takes.end())
            return std::unexpected(
                bad(400, "unknown_parameter", fmt::format("{} {} takes no parameter \"{}\"", r.method, shown, name)));
        if (name == "url") continue;  // a list: url=...&url=...
        if (r.query.count(name) > 1)
            return std::unexpected(bad(400, "bad_parameter", fmt::format("{}= is given more than once", name)));
        if (value.empty()) return std::unexpected(bad(400, "bad_parameter", fmt::format("{}= is empty", name)));
    }
    return {};
}

// A name safe to create in the server's private upload folder that keeps what the
// import reads from it (the export date in Basic_LinkedInDataExport_MM-DD-YYYY.zip).
std::string upload_name(std::string_view given, std::string_view body, std::string_view fallback_csv)
{
    if (auto slash = given.find_last_of("/\\"); slash != std::string_view::npos) given.remove_prefix(slash + 1);
    std::string name;
    for (char c : given.substr(0, 128)) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                           c == '-' || c == '_' || c == ' ';
        name += plain ? c : '_';
    }
    while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
    if (name.empty()) name = body.starts_with("PK\x03\x04") ? "upload.zip" : std::string(fallback_csv);
    return name;
}

std::expected<void, ApiError> check_body(const ApiRequest& r, Body body, bool queue_file, ApiCall& call)
{
    switch (body) {
        case Body::none:
            if (!r.body.empty())
                return std::unexpected(
                    bad(400, "unexpected_body", fmt::format("{} {} takes no body", r.method, r.path)));
            return {};
        case Body::json:
            return {};  // read field by field by the route's parser
        case Body::file: {
            // What a file is comes from its bytes; the type only has to be one a client
            // would send for it. An import also takes a saved Sent page (HTML, or the text
            // of a select-all copy); a queue takes only a CSV.
            static constexpr std::string_view kFileTypes[] = {"", "application/octet-stream", "application/zip",
                                                              "application/x-zip-compressed", "text/csv"};
            static constexpr std::string_view kPageTypes[] = {"text/html", "text/plain", "multipart/related"};
            const auto in = [&](const auto& types) {
                return std::find(std::begin(types), std::end(types), r.content_type) != std::end(types);
            };
            if (!in(kFileTypes) && (queue_file || !in(kPageTypes)))
                return std::unexpected(bad(
                    415, "unsupported_media_type",
                    fmt::format("upload the file as its raw bytes (application/zip, text/csv{} or "
                                "application/octet-stream) or as multipart field \"file\", not \"{}\"",
                                queue_file ? "" : ", text/html, text/plain", r.content_type)));
            if (r.body.empty()) return std::unexpected(bad(400, "empty_upload", "the upload is empty"));
            auto it = r.query.find("filename");
            const std::string given = !r.filename.empty() ? r.filename : it != r.query.end() ? it->second : "";
            call.upload_name = upload_name(given, r.body, queue_file ? "queue.csv" : "upload.csv");
            return {};
        }
    }
    return {};
}

}  // namespace

bool ApiCall::writes() const
{
    return std::visit([](const auto& r) { return std::decay_t<decltype(r)>::kWrites; }, request);
}

void ApiCall::place_upload(const std::string& path)
{
    if (auto* import = std::get_if<app::ImportRequest>(&request))
        import->sources = {app::ImportSource { path, "upload:" + upload_name.value_or("") }};
    else if (auto* queue = std::get_if<app::QueueImportRequest>(&request))
        queue->path = path;
}

std::expected<ApiCall, ApiError> route(const ApiRequest& r)
{
    // The marks: POST /api/marks/{kind}.
    if (r.path.starts_with(kMarks)) {
        const std::string kind = r.path.substr(kMarks.size());
        if (!app::find_mark_kind(kind))
            return std::unexpected(
                bad(404, "not_found", fmt::format("no route {}: marks are {}withdrawn, ...", r.path, kMarks)));
        if (r.method != "POST")
            return std::unexpected(
                bad(405, "method_not_allowed", fmt::format("{} takes POST, not {}", r.path, r.method)));
        ApiCall call{app::MarkRequest{}, "", 200, std::nullopt};
        if (auto p = check_params(r, {}, true, "/api/marks/{kind}", call); !p) return std::unexpected(p.error());
        auto request = mark(r, kind);
        if (!request) return std::unexpected(request.error());
        call.request = std::move(*request);
        return call;
    }

    std::string allowed;
    for (const auto& route : kRoutes) {
        if (route.path != r.path) continue;
        if (route.method != r.method) {
            allowed += (allowed.empty() ? "" : ", ") + std::string(route.method);
            continue;
        }
        ApiCall call{app::StatusRequest{}, "", route.success_status, std::nullopt};
        if (auto p = check_params(r, route.params, route.per_account, route.path, call); !p)
            return std::unexpected(p.error());
        if (auto b = check_body(r, route.body, route.path == "/api/queue/import", call); !b)
            return std::unexpected(b.error());
        auto request = route.parse(r, Query(r));
        if (!request) return std::unexpected(request.error());
        call.request = std::move(*request);
        return call;
    }
    if (!allowed.empty())
        return std::unexpected(
            bad(405, "method_not_allowed", fmt::format("{} takes {}, not {}", r.path, allowed, r.method)));
    return std::unexpected(bad(404, "not_found", fmt::format("no route {} {}", r.method, r.path)));
}

core::Result<Json> run(app::Session& session, const ApiCall& call)
{
    return std::visit(
        [&](const auto& request) -> core::Result<Json> {
            auto answered = app::run(session, request);
            if (!answered) return std::unexpected(answered.error());
            return app::to_json(*answered);
        },
        call.request);
}

int http_status(const core::Error& error)
{
    static constexpr std::string_view kNotFound[] = {"unknown_account", "no_account", "unknown_invitation"};
    if (std::find(std::begin(kNotFound), std::end(kNotFound), error.code) != std::end(kNotFound)) return 404;
    switch (error.kind) {
        case ErrorKind::usage:
            return 400;
        case ErrorKind::bad_input:
            return 422;
        case ErrorKind::conflict:
            return 409;
        case ErrorKind::internal:
            return 500;
        case ErrorKind::storage:
            return 503;
    }
    return 500;
}

}  // namespace ik::present::http
