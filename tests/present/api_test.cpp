// The HTTP API's translation of requests into CLI commands: every route, and the
// requests it must refuse before anything runs.
#include "present/http/api.h"

#include "present/command.h"

#include <gtest/gtest.h>

namespace ik::present::http {
namespace {

ApiRequest get(std::string path, std::multimap<std::string, std::string> query = {})
{
    return ApiRequest{"GET", std::move(path), std::move(query), "", "", ""};
}

ApiRequest post_json(std::string path, std::string body)
{
    return ApiRequest{"POST", std::move(path), {}, "application/json", std::move(body), ""};
}

std::vector<std::string> args(const std::expected<ApiCall, ApiError>& call)
{
    EXPECT_TRUE(call.has_value()) << (call ? "" : call.error().error.message);
    return call ? call->args : std::vector<std::string>{};
}

int status(const std::expected<ApiCall, ApiError>& call) { return call ? 0 : call.error().status; }

TEST(ApiRoute, ReadsBecomeTheirCommandWithOptionsAsOneArgumentEach)
{
    EXPECT_EQ(args(route(get("/api/status"))), (std::vector<std::string>{"status"}));
    EXPECT_EQ(args(route(get("/api/plan/withdraw", {{"target", "1200"}, {"max_per_day", "50"}, {"all", "true"}}))),
              (std::vector<std::string>{"plan", "withdraw", "--all", "--max-per-day=50", "--target=1200"}));
    EXPECT_EQ(args(route(get("/api/plan/send", {{"aggressive", "false"}, {"days", "7"}}))),
              (std::vector<std::string>{"plan", "send", "--days=7"}));
    EXPECT_EQ(args(route(get("/api/stats", {{"by", "week"}}))), (std::vector<std::string>{"stats", "--by=week"}));
    EXPECT_EQ(args(route(get("/api/queue"))), (std::vector<std::string>{"queue", "list"}));
}

TEST(ApiRoute, AValueThatLooksLikeAnOptionStaysAValue)
{
    // `--target=--db=/etc/passwd` is a bad number for --target, never a second option.
    EXPECT_EQ(args(route(get("/api/plan/withdraw", {{"target", "--db=/tmp/x"}}))),
              (std::vector<std::string>{"plan", "withdraw", "--target=--db=/tmp/x"}));
    auto mark = route(post_json("/api/marks/withdrawn", R"({"targets": ["--plan", 12]})"));
    EXPECT_EQ(args(mark), (std::vector<std::string>{"mark", "withdrawn", "--", "--plan", "12"}));
}

TEST(ApiRoute, TheAccountParameterSelectsTheAccount)
{
    auto call = route(get("/api/status", {{"account", "Robin"}}));
    ASSERT_TRUE(call);
    EXPECT_EQ(call->account, "Robin");
    EXPECT_FALSE(call->writes);
}

TEST(ApiRoute, UnknownRoutesParametersAndMethodsAreRefused)
{
    EXPECT_EQ(status(route(get("/api/nothing"))), 404);
    EXPECT_EQ(status(route(get("/api/marks/cancelled"))), 404);
    EXPECT_EQ(status(route(get("/api/status", {{"verbose", "1"}}))), 400);
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"all", "yes"}}))), 400);
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"target", ""}}))), 400);
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"target", "1"}, {"target", "2"}}))), 400);
    EXPECT_EQ(status(route(ApiRequest{"DELETE", "/api/status", {}, "", "", ""})), 405);
    EXPECT_EQ(status(route(get("/api/marks/withdrawn"))), 405);
    EXPECT_EQ(status(route(ApiRequest{"GET", "/api/status", {}, "application/json", "{}", ""})), 400);
}

TEST(ApiRoute, JsonBodiesAreCheckedFieldByField)
{
    EXPECT_EQ(status(route(ApiRequest{"POST", "/api/marks/withdrawn", {}, "text/plain", "{}", ""})), 415);
    EXPECT_EQ(status(route(post_json("/api/marks/withdrawn", "{"))), 400);
    EXPECT_EQ(status(route(post_json("/api/marks/withdrawn", "[1]"))), 400);
    EXPECT_EQ(status(route(post_json("/api/marks/withdrawn", R"({"targets": "12"})"))), 400);
    EXPECT_EQ(status(route(post_json("/api/marks/withdrawn", R"({"targets": [12], "force": true})"))), 400);
    EXPECT_EQ(status(route(post_json("/api/accounts", R"({"tier": "free"})"))), 400);
    EXPECT_EQ(status(route(post_json("/api/accounts", R"({"name": "Robin", "weekly_limit": "80"})"))), 400);
    EXPECT_EQ(status(route(post_json("/api/queue", R"({"name": "Ava"})"))), 400);
}

TEST(ApiRoute, WritesCarryTheirBodyAsOptions)
{
    auto init = route(post_json("/api/accounts", R"({"name": "Robin", "tier": "free", "weekly_limit": 80})"));
    EXPECT_EQ(args(init), (std::vector<std::string>{"init", "--name=Robin", "--tier=free", "--weekly-limit=80"}));
    EXPECT_EQ(init->success_status, 201);
    EXPECT_TRUE(init->writes);
    auto add = route(post_json("/api/queue", R"({"url": "https://www.linkedin.com/in/ava", "note": "Hi Ava"})"));
    EXPECT_EQ(args(add), (std::vector<std::string>{"queue", "add", "--note=Hi Ava", "--", "https://www.linkedin.com/in/ava"}));
    auto sent = route(post_json("/api/marks/sent", R"({"targets": ["https://www.linkedin.com/in/ava"], "no_note": true})"));
    EXPECT_EQ(args(sent), (std::vector<std::string>{"mark", "sent", "--no-note", "--", "https://www.linkedin.com/in/ava"}));
    auto plan = route(post_json("/api/marks/withdrawn", R"({"plan": true})"));
    EXPECT_EQ(args(plan), (std::vector<std::string>{"mark", "withdrawn", "--plan", "--"}));
    auto remove = route(ApiRequest{"DELETE", "/api/queue", {{"url", "https://www.linkedin.com/in/ava"}}, "", "", ""});
    EXPECT_EQ(args(remove), (std::vector<std::string>{"queue", "remove", "--", "https://www.linkedin.com/in/ava"}));
}

TEST(ApiRoute, WhetherARouteWritesComesFromTheCommandTable)
{
    // Every GET is a read the server may cache; every POST and DELETE writes.
    for (const char* path : {"/api/accounts", "/api/status", "/api/health", "/api/forecast", "/api/stats",
                             "/api/history", "/api/pending", "/api/plan/withdraw", "/api/plan/send", "/api/queue"}) {
        auto call = route(get(path));
        ASSERT_TRUE(call) << path;
        EXPECT_FALSE(call->writes) << path;
    }
    auto undo = route(ApiRequest{"POST", "/api/import/undo", {}, "", "", ""});
    ASSERT_TRUE(undo);
    EXPECT_TRUE(undo->writes);
    auto remove = route(ApiRequest{"DELETE", "/api/queue", {{"url", "https://www.linkedin.com/in/ava"}}, "", "", ""});
    ASSERT_TRUE(remove);
    EXPECT_TRUE(remove->writes);
    for (const char* kind : {"withdrawn", "sent", "undo", "restricted"}) {
        auto mark = route(post_json(std::string("/api/marks/") + kind, R"({"targets": [1]})"));
        ASSERT_TRUE(mark) << kind;
        EXPECT_TRUE(mark->writes) << kind;
    }
}

TEST(Commands, AListIsAReadOfACommandThatWrites)
{
    using Args = std::vector<std::string>;
    EXPECT_FALSE(writes(Args{"queue", "list"}));
    EXPECT_FALSE(writes(Args{"template", "list"}));
    EXPECT_FALSE(writes(Args{"dnc", "list"}));
    EXPECT_TRUE(writes(Args{"queue", "add", "https://www.linkedin.com/in/ava"}));
    EXPECT_TRUE(writes(Args{"dnc", "add"}));
    EXPECT_TRUE(writes(Args{"mark", "sent"}));
    EXPECT_TRUE(writes(Args{"import", "--undo"}));
    EXPECT_FALSE(writes(Args{"plan", "withdraw"}));
    EXPECT_FALSE(writes(Args{"status"}));
    EXPECT_FALSE(writes(Args{"no-such-command"}));
}

TEST(ApiRoute, UploadsKeepASafeNameForTheImport)
{
    ApiRequest upload{"POST", "/api/import", {{"filename", "../../Basic_LinkedInDataExport_11-24-2026.zip"}},
                      "application/zip", "PK\x03\x04...", ""};
    auto call = route(upload);
    ASSERT_TRUE(call);
    EXPECT_EQ(call->upload_name, "Basic_LinkedInDataExport_11-24-2026.zip");
    EXPECT_EQ(call->args, (std::vector<std::string>{"import", "--uploaded-as=Basic_LinkedInDataExport_11-24-2026.zip",
                                                    "--", std::string(kUploadPath)}));

    upload.query = {{"filename", "..\\.hidden;rm -rf.csv"}, {"skip_invalid", "true"}};
    call = route(upload);
    ASSERT_TRUE(call);
    EXPECT_EQ(call->upload_name, "hidden_rm -rf.csv");
    EXPECT_EQ(call->args, (std::vector<std::string>{"import", "--skip-invalid", "--uploaded-as=hidden_rm -rf.csv", "--",
                                                    std::string(kUploadPath)}));

    upload.query = {};
    EXPECT_EQ(route(upload)->upload_name, "upload.zip");
    upload.body = "From,To,Sent At,Message,Direction\n";
    EXPECT_EQ(route(upload)->upload_name, "upload.csv");

    upload.content_type = "application/x-www-form-urlencoded";
    EXPECT_EQ(status(route(upload)), 415);
    upload.content_type = "text/csv";
    upload.body.clear();
    EXPECT_EQ(status(route(upload)), 400);
}

TEST(ApiStatus, ErrorsMapToTheirHttpStatus)
{
    using core::ErrorKind;
    EXPECT_EQ(http_status({ErrorKind::usage, "bad_duration", ""}), 400);
    EXPECT_EQ(http_status({ErrorKind::usage, "unknown_account", ""}), 404);
    EXPECT_EQ(http_status({ErrorKind::bad_input, "unknown_invitation", ""}), 404);
    EXPECT_EQ(http_status({ErrorKind::bad_input, "bad_date", ""}), 422);
    EXPECT_EQ(http_status({ErrorKind::conflict, "impossible_mark", ""}), 409);
    EXPECT_EQ(http_status({ErrorKind::internal, "store", ""}), 500);
}

}  // namespace
}  // namespace ik::present::http

namespace ik::present::http {
namespace {

// Random requests, a fuzz run with a fixed seed: route() never throws, refuses with
// a 4xx, or gives arguments where every option is one the route declares and
// every free-form value sits after `--` or inside `--option=value`.
TEST(ApiRoute, RandomRequestsAreRefusedOrGiveOnlyDeclaredOptions)
{
    std::uint64_t state = 20261126;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    };
    const std::vector<std::string> paths{"/api/status", "/api/plan/withdraw", "/api/plan/send", "/api/marks/withdrawn",
                                         "/api/marks/undo", "/api/queue", "/api/import", "/api/accounts",
                                         "/api/stats", "/api/nothing", "/api/marks/"};
    const std::vector<std::string> methods{"GET", "POST", "DELETE", "PUT"};
    const std::vector<std::string> names{"target", "all", "account", "by", "url", "filename", "--db", "x"};
    const std::vector<std::string> bodies{"", "{}", "{\"targets\": [1, \"--db=/x\"]}", "{\"name\": \"--plan\"}",
                                          "{\"url\": 5}", "[", "PK\x03\x04zip", "{\"plan\": true, \"at\": \"-1\"}"};
    auto random_text = [&] {
        std::string s;
        const auto n = next() % 12;
        for (std::uint32_t i = 0; i < n; ++i) s += static_cast<char>(next() % 256);
        if (next() % 3 == 0) s = "--" + s;
        return s;
    };
    for (int i = 0; i < 20000; ++i) {
        ApiRequest r;
        r.method = methods[next() % methods.size()];
        r.path = paths[next() % paths.size()];
        for (std::uint32_t q = next() % 4; q > 0; --q) r.query.emplace(names[next() % names.size()], random_text());
        r.content_type = next() % 2 ? "application/json" : (next() % 2 ? "text/csv" : "");
        r.body = next() % 4 == 0 ? random_text() : bodies[next() % bodies.size()];
        auto call = route(r);
        if (!call) {
            EXPECT_GE(call.error().status, 400);
            EXPECT_LT(call.error().status, 500);
            EXPECT_FALSE(call.error().error.message.empty());
            continue;
        }
        bool after_separator = false;
        for (size_t k = 1; k < call->args.size(); ++k) {
            const auto& a = call->args[k];
            if (a == "--") {
                after_separator = true;
                continue;
            }
            if (after_separator || !a.starts_with("-")) continue;
            // An option: one of those the route table declares, never the global ones.
            EXPECT_FALSE(a.starts_with("--db") || a.starts_with("--account") || a.starts_with("--now") ||
                         a.starts_with("--config") || a.starts_with("--json"))
                << a;
        }
    }
}

}  // namespace
}  // namespace ik::present::http
