#include "present/http/api.h"

#include "present/command.h"
#include "present/marks.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <span>

namespace ik::present::http {

namespace {

using core::ErrorKind;
using Json = nlohmann::json;

ApiError bad(int status, std::string code, std::string message)
{
    return ApiError{status, core::Error{status >= 500 ? ErrorKind::internal : ErrorKind::usage, std::move(code),
                                        std::move(message)}};
}

// A query parameter and the CLI option it becomes.
struct Param {
    std::string_view name;    // as in the query: max_per_day
    std::string_view option;  // as on the command line: --max-per-day
    bool flag = false;        // takes true or false; true adds the option without a value
};

// What a route's body holds.
enum class Body { none, mark, account, prospect, export_file, queue_file };

struct Route {
    std::string_view method;
    std::string_view path;
    std::array<std::string_view, 2> command;  // the CLI command; an empty second word means none
    std::span<const Param> params;
    Body body = Body::none;
    bool per_account = true;  // takes ?account=
    int success_status = 200;
};

constexpr Param kStats[] = {{"by", "--by"}};
constexpr Param kHistory[] = {{"weeks", "--weeks"}};
constexpr Param kPending[] = {{"older_than", "--older-than"}, {"limit", "--limit"}};
constexpr Param kWithdraw[] = {
    {"after", "--after"}, {"target", "--target"}, {"max_per_day", "--max-per-day"}, {"all", "--all", true}};
constexpr Param kSend[] = {{"days", "--days"},
                           {"from", "--from"},
                           {"aggressive", "--aggressive", true},
                           {"allow_unpersonalized", "--allow-unpersonalized", true}};
constexpr Param kImport[] = {{"skip_invalid", "--skip-invalid", true}, {"dry_run", "--dry-run", true}};

constexpr std::span<const Param> none() { return {}; }

// Every route but the marks (a path parameter) and the queue removal (a list).
constexpr Route kRoutes[] = {
    {"GET", "/api/accounts", {"accounts", ""}, none(), Body::none, false},
    {"POST", "/api/accounts", {"init", ""}, none(), Body::account, false, 201},
    {"GET", "/api/status", {"status", ""}, none()},
    {"GET", "/api/health", {"health", ""}, none()},
    {"GET", "/api/forecast", {"forecast", ""}, none()},
    {"GET", "/api/stats", {"stats", ""}, kStats},
    {"GET", "/api/history", {"history", ""}, kHistory},
    {"GET", "/api/pending", {"pending", ""}, kPending},
    {"GET", "/api/plan/withdraw", {"plan", "withdraw"}, kWithdraw},
    {"GET", "/api/plan/send", {"plan", "send"}, kSend},
    {"GET", "/api/queue", {"queue", "list"}, none()},
    {"POST", "/api/queue", {"queue", "add"}, none(), Body::prospect, true, 201},
    {"DELETE", "/api/queue", {"queue", "remove"}, none()},
    {"POST", "/api/queue/import", {"queue", "import"}, none(), Body::queue_file},
    {"POST", "/api/import", {"import", ""}, kImport, Body::export_file},
    {"POST", "/api/import/undo", {"import", "--undo"}, none()},
};

constexpr std::string_view kMarks = "/api/marks/";

// A query value passed as `--option=value`, so no value can read as another option.
std::expected<void, ApiError> add_params(const ApiRequest& r, const Route& route, ApiCall& call)
{
    for (const auto& [name, value] : r.query) {
        if (name == "account" && route.per_account) {
            if (value.empty()) return std::unexpected(bad(400, "bad_parameter", "account= is empty"));
            call.account = value;
            continue;
        }
        if (route.body == Body::export_file || route.body == Body::queue_file) {
            if (name == "filename") continue;
        }
        if (route.method == "DELETE" && name == "url") continue;
        auto p = std::find_if(route.params.begin(), route.params.end(), [&](const Param& q) { return q.name == name; });
        if (p == route.params.end())
            return std::unexpected(bad(400, "unknown_parameter",
                                       fmt::format("{} {} takes no parameter \"{}\"", route.method, route.path, name)));
        if (r.query.count(name) > 1)
            return std::unexpected(bad(400, "bad_parameter", fmt::format("{}= is given more than once", name)));
        if (p->flag) {
            if (value == "true") call.args.emplace_back(p->option);
            else if (value != "false")
                return std::unexpected(
                    bad(400, "bad_parameter", fmt::format("{}= takes true or false, not \"{}\"", name, value)));
            continue;
        }
        if (value.empty()) return std::unexpected(bad(400, "bad_parameter", fmt::format("{}= is empty", name)));
        call.args.push_back(fmt::format("{}={}", p->option, value));
    }
    return {};
}

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

// Reads the body's fields into options: strings, integers or true/false flags.
struct Field {
    std::string_view name;
    std::string_view option;  // empty: handled by the caller
    enum { text, integer, flag } type = text;
};

std::expected<void, ApiError> add_fields(const Json& body, std::span<const Field> fields, ApiCall& call)
{
    for (const auto& [key, value] : body.items()) {
        auto f = std::find_if(fields.begin(), fields.end(), [&](const Field& g) { return g.name == key; });
        if (f == fields.end())
            return std::unexpected(bad(400, "unknown_field", fmt::format("the body has an unknown field \"{}\"", key)));
        if (f->option.empty()) continue;
        switch (f->type) {
        case Field::text:
            if (!value.is_string())
                return std::unexpected(bad(400, "bad_field", fmt::format("\"{}\" must be a string", key)));
            if (!value.get<std::string>().empty())
                call.args.push_back(fmt::format("{}={}", f->option, value.get<std::string>()));
            break;
        case Field::integer:
            if (!value.is_number_integer())
                return std::unexpected(bad(400, "bad_field", fmt::format("\"{}\" must be an integer", key)));
            call.args.push_back(fmt::format("{}={}", f->option, value.get<long long>()));
            break;
        case Field::flag:
            if (!value.is_boolean())
                return std::unexpected(bad(400, "bad_field", fmt::format("\"{}\" must be true or false", key)));
            if (value.get<bool>()) call.args.emplace_back(f->option);
            break;
        }
    }
    return {};
}

std::expected<std::string, ApiError> required_text(const Json& body, std::string_view key)
{
    auto it = body.find(key);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty())
        return std::unexpected(bad(400, "missing_field", fmt::format("the body needs \"{}\" (a string)", key)));
    return it->get<std::string>();
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

std::expected<void, ApiError> add_body(const ApiRequest& r, const Route& route, ApiCall& call)
{
    switch (route.body) {
    case Body::none:
        if (!r.body.empty())
            return std::unexpected(bad(400, "unexpected_body", fmt::format("{} {} takes no body", r.method, r.path)));
        return {};
    case Body::account: {
        auto body = json_body(r);
        if (!body) return std::unexpected(body.error());
        auto name = required_text(*body, "name");
        if (!name) return std::unexpected(name.error());
        static constexpr Field kFields[] = {{"name", "--name"},
                                            {"tier", "--tier"},
                                            {"tz", "--tz"},
                                            {"export_zone", "--export-zone"},
                                            {"weekly_limit", "--weekly-limit", Field::integer},
                                            {"pending_cap", "--pending-cap", Field::integer}};
        return add_fields(*body, kFields, call);
    }
    case Body::prospect: {
        auto body = json_body(r);
        if (!body) return std::unexpected(body.error());
        auto url = required_text(*body, "url");
        if (!url) return std::unexpected(url.error());
        static constexpr Field kFields[] = {{"url", ""},
                                            {"name", "--name"},
                                            {"first_name", "--first-name"},
                                            {"company", "--company"},
                                            {"note", "--note"},
                                            {"template", "--template"},
                                            {"tz", "--tz"},
                                            {"priority", "--priority", Field::integer}};
        if (auto added = add_fields(*body, kFields, call); !added) return added;
        call.args.emplace_back("--");
        call.args.push_back(*url);
        return {};
    }
    case Body::mark: {
        auto body = json_body(r);
        if (!body) return std::unexpected(body.error());
        static constexpr Field kFields[] = {
            {"targets", ""}, {"plan", "--plan", Field::flag}, {"at", "--at"}, {"no_note", "--no-note", Field::flag}};
        if (auto added = add_fields(*body, kFields, call); !added) return added;
        call.args.emplace_back("--");
        if (auto targets = body->find("targets"); targets != body->end()) {
            if (!targets->is_array())
                return std::unexpected(bad(400, "bad_field", "\"targets\" must be a list of ids or profile URLs"));
            for (const auto& t : *targets) {
                if (t.is_number_integer()) call.args.push_back(std::to_string(t.get<long long>()));
                else if (t.is_string() && !t.get<std::string>().empty()) call.args.push_back(t.get<std::string>());
                else return std::unexpected(bad(400, "bad_field", "each target is an invitation id or a profile URL"));
            }
        }
        return {};
    }
    case Body::export_file:
    case Body::queue_file: {
        static constexpr std::string_view kFileTypes[] = {"", "application/octet-stream", "application/zip",
                                                          "application/x-zip-compressed", "text/csv"};
        if (std::find(std::begin(kFileTypes), std::end(kFileTypes), r.content_type) == std::end(kFileTypes))
            return std::unexpected(
                bad(415, "unsupported_media_type",
                    fmt::format("upload the file as its raw bytes (application/zip, text/csv or "
                                "application/octet-stream) or as multipart field \"file\", not \"{}\"",
                                r.content_type)));
        if (r.body.empty()) return std::unexpected(bad(400, "empty_upload", "the upload is empty"));
        auto it = r.query.find("filename");
        const std::string given = !r.filename.empty() ? r.filename : it != r.query.end() ? it->second : "";
        call.upload_name = upload_name(given, r.body, route.body == Body::queue_file ? "queue.csv" : "upload.csv");
        if (route.body == Body::export_file) call.args.push_back("--uploaded-as=" + *call.upload_name);
        call.args.emplace_back("--");
        call.args.emplace_back(kUploadPath);
        return {};
    }
    }
    return {};
}

}  // namespace

std::expected<ApiCall, ApiError> route(const ApiRequest& r)
{
    ApiCall call;
    // The marks: POST /api/marks/{kind}.
    if (r.path.starts_with(kMarks)) {
        const std::string kind = r.path.substr(kMarks.size());
        if (!find_mark_kind(kind))
            return std::unexpected(bad(404, "not_found", fmt::format("no route {}: marks are {}withdrawn, ...", r.path,
                                                                     kMarks)));
        if (r.method != "POST")
            return std::unexpected(bad(405, "method_not_allowed", fmt::format("{} takes POST, not {}", r.path, r.method)));
        static constexpr Route kMark{"POST", "/api/marks/{kind}", {"mark", ""}, none(), Body::mark};
        call.args = {"mark", kind};
        call.writes = writes(call.args);
        if (auto p = add_params(r, kMark, call); !p) return std::unexpected(p.error());
        if (auto b = add_body(r, kMark, call); !b) return std::unexpected(b.error());
        return call;
    }

    std::string allowed;
    for (const auto& route : kRoutes) {
        if (route.path != r.path) continue;
        if (route.method != r.method) {
            allowed += (allowed.empty() ? "" : ", ") + std::string(route.method);
            continue;
        }
        call.args.emplace_back(route.command[0]);
        if (!route.command[1].empty()) call.args.emplace_back(route.command[1]);
        call.writes = writes(call.args);
        call.success_status = route.success_status;
        if (auto p = add_params(r, route, call); !p) return std::unexpected(p.error());
        if (route.method == "DELETE") {
            // DELETE /api/queue?url=...: the people to take off the queue.
            call.args.emplace_back("--");
            auto [from, to] = r.query.equal_range("url");
            if (from == to) return std::unexpected(bad(400, "missing_parameter", "give the profile URLs as url=..."));
            for (auto it = from; it != to; ++it) call.args.push_back(it->second);
        }
        if (auto b = add_body(r, route, call); !b) return std::unexpected(b.error());
        return call;
    }
    if (!allowed.empty())
        return std::unexpected(bad(405, "method_not_allowed", fmt::format("{} takes {}, not {}", r.path, allowed, r.method)));
    return std::unexpected(bad(404, "not_found", fmt::format("no route {} {}", r.method, r.path)));
}

int http_status(const core::Error& error)
{
    static constexpr std::string_view kNotFound[] = {"unknown_account", "no_account", "unknown_invitation"};
    if (std::find(std::begin(kNotFound), std::end(kNotFound), error.code) != std::end(kNotFound)) return 404;
    switch (error.kind) {
    case ErrorKind::usage: return 400;
    case ErrorKind::bad_input: return 422;
    case ErrorKind::conflict: return 409;
    case ErrorKind::internal: return 500;
    case ErrorKind::storage: return 503;
    }
    return 500;
}

}  // namespace ik::present::http
