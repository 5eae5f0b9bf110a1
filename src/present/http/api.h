// The HTTP API as a translation: each route names the CLI command it runs, and a
// request becomes that command's arguments. The command's --json document is the
// response body, so the API and the CLI cannot drift apart (docs/api.md).
#pragma once

#include "core/error.h"

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ik::present::http {

struct ApiRequest {
    std::string method;  // GET, POST, DELETE, ...
    std::string path;    // without the query
    std::multimap<std::string, std::string> query;
    std::string content_type;  // of the body, parameters dropped, lowercase
    std::string body;          // JSON, or the uploaded file
    std::string filename;      // an uploaded file's name, from ?filename= or the multipart part
};

// Stands in an ApiCall's arguments for the path of the uploaded file, which the
// server writes to a private folder under the (sanitised) upload name.
inline constexpr std::string_view kUploadPath = "\x01upload";

struct ApiCall {
    std::vector<std::string> args;  // the CLI command, e.g. {"plan", "withdraw", "--target=1200"}
    std::string account;            // ?account=, the CLI's --account
    bool writes = false;            // whether the command changes the store
    int success_status = 200;       // 201 for routes that create something
    std::optional<std::string> upload_name;  // the body is a file to pass in place of kUploadPath
};

struct ApiError {
    int status = 400;
    core::Error error;
};

// The command a request runs, or why it runs none (404 no such route, 405 wrong
// method, 400 an unknown or malformed parameter, 415 a body of the wrong type).
std::expected<ApiCall, ApiError> route(const ApiRequest& request);

// The HTTP status of a command's error: by its code where one is specific (an
// unknown account or invitation is 404), else by its kind.
int http_status(const core::Error& error);

}  // namespace ik::present::http
