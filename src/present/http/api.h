// The HTTP API's routes: each reads its query, JSON body or upload into the typed
// request of one use case (app/), and the answer's JSON (app/json.h) is the
// response body, the same document the CLI prints with --json (docs/api.md).
#pragma once

#include "app/json.h"
#include "core/error.h"

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace ik::present::http {

struct ApiRequest {
    std::string method;  // GET, POST, DELETE, ...
    std::string path;    // without the query
    std::multimap<std::string, std::string> query;
    std::string content_type;  // of the body, parameters dropped, lowercase
    std::string body;          // JSON, or the uploaded file
    std::string filename;      // an uploaded file's name, from ?filename= or the multipart part
};

// Every request a route can make.
using AnyRequest =
    std::variant<app::AccountsRequest, app::OverviewRequest, app::InitRequest, app::StatusRequest, app::HealthRequest, app::ForecastRequest,
                 app::StatsRequest, app::HistoryRequest, app::PendingRequest, app::WithdrawPlanRequest,
                 app::SendPlanRequest, app::QueueListRequest, app::QueueAddRequest, app::QueueRemoveRequest,
                 app::QueueImportRequest, app::ImportRequest, app::ImportUndoRequest, app::MarkRequest>;

struct ApiCall {
    AnyRequest request;
    std::string account;       // ?account=; empty: the only one
    int success_status = 200;  // 201 for routes that create something
    // The body is a file: the server saves it under this (sanitised) name in a private
    // folder and gives its path to the request with place_upload().
    std::optional<std::string> upload_name;

    // Whether the use case can change the store: a read's answer may be cached.
    bool writes() const;
    // Tells an upload route's request where the saved file is.
    void place_upload(const std::string& path);
};

struct ApiError {
    int status = 400;
    core::Error error;
};

// The use case a request runs, or why it runs none (404 no such route, 405 wrong
// method, 400 an unknown or malformed parameter or field, 415 a body of the wrong type).
std::expected<ApiCall, ApiError> route(const ApiRequest& request);

// Runs the call's use case in `session`: its answer as JSON.
core::Result<app::Json> run(app::Session& session, const ApiCall& call);

// The HTTP status of a use case's error: by its code where one is specific (an
// unknown account or invitation is 404), else by its kind.
int http_status(const core::Error& error);

}  // namespace ik::present::http
