// The HTTP API's routes: each request read into its use case's typed request, and
// the requests that must be refused before anything runs.
#include "present/http/api.h"

#include <gtest/gtest.h>

namespace ik::present::http {
namespace {

using namespace std::chrono_literals;

ApiRequest get(std::string path, std::multimap<std::string, std::string> query = {})
{
    return ApiRequest{"GET", std::move(path), std::move(query), "", "", ""};
}

ApiRequest post_json(std::string path, std::string body)
{
    return ApiRequest{"POST", std::move(path), {}, "application/json", std::move(body), ""};
}

// The request a route reads, which must be of type T.
template <class T>
T request_of(const std::expected<ApiCall, ApiError>& call)
{
    EXPECT_TRUE(call.has_value()) << (call ? "" : call.error().error.message);
    if (!call) return T{};
    const T* request = std::get_if<T>(&call->request);
    EXPECT_NE(request, nullptr) << "the route reads another request";
    return request ? *request : T{};
}

int status(const std::expected<ApiCall, ApiError>& call)
{
    return call ? 0 : call.error().status;
}

TEST(ApiRoute, ReadsBecomeTheirUseCaseWithTypedParameters)
{
    request_of<app::StatusRequest>(route(get("/api/status")));
    auto withdraw = request_of<app::WithdrawPlanRequest>(route(
        get("/api/plan/withdraw", {{"target", "1200"}, {"max_per_day", "50"}, {"after", "14d"}, {"all", "true"}})));
    EXPECT_EQ(withdraw.target, 1200);
    EXPECT_EQ(withdraw.max_per_day, 50);
    EXPECT_EQ(withdraw.after, core::Duration{14 * 86400});
    auto send =
        request_of<app::SendPlanRequest>(route(get("/api/plan/send", {{"aggressive", "false"}, {"days", "7"}})));
    EXPECT_EQ(send.days, 7);
    EXPECT_FALSE(send.aggressive);
    EXPECT_EQ(request_of<app::StatsRequest>(route(get("/api/stats", {{"by", "week"}}))).by, "week");
    auto pending = request_of<app::PendingRequest>(route(get("/api/pending", {{"older_than", "3d"}, {"limit", "5"}})));
    EXPECT_EQ(pending.older_than, core::Duration{3 * 86400});
    EXPECT_EQ(pending.limit, 5);
    request_of<app::QueueListRequest>(route(get("/api/queue")));
}

TEST(ApiRoute, AValueIsOnlyEverTheValueOfItsField)
{
    // Nothing a request holds can reach another field or the session: a value that
    // looks like an option is a bad number, a target that looks like one is a target.
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"target", "--db=/tmp/x"}}))), 400);
    auto mark =
        request_of<app::MarkRequest>(route(post_json("/api/marks/withdrawn", R"({"targets": ["--plan", 12]})")));
    EXPECT_EQ(mark.kind, "withdrawn");
    EXPECT_EQ(mark.targets, (std::vector<std::string>{"--plan", "12"}));
    EXPECT_FALSE(mark.plan);
}

TEST(ApiRoute, TheAccountParameterSelectsTheAccount)
{
    auto call = route(get("/api/status", {{"account", "Robin"}}));
    ASSERT_TRUE(call);
    EXPECT_EQ(call->account, "Robin");
    EXPECT_FALSE(call->writes());
    EXPECT_EQ(status(route(get("/api/accounts", {{"account", "Robin"}}))), 400);
}

TEST(ApiRoute, UnknownRoutesParametersAndMethodsAreRefused)
{
    EXPECT_EQ(status(route(get("/api/nothing"))), 404);
    EXPECT_EQ(status(route(get("/api/marks/cancelled"))), 404);
    EXPECT_EQ(status(route(get("/api/status", {{"verbose", "1"}}))), 400);
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"all", "yes"}}))), 400);
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"target", ""}}))), 400);
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"target", "1"}, {"target", "2"}}))), 400);
    EXPECT_EQ(status(route(get("/api/plan/withdraw", {{"after", "soon"}}))), 400);
    EXPECT_EQ(status(route(get("/api/history", {{"weeks", "99999999999"}}))), 400);
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
    EXPECT_EQ(status(route(post_json("/api/marks/withdrawn", R"({"plan": "yes"})"))), 400);
    EXPECT_EQ(status(route(post_json("/api/accounts", R"({"tier": "free"})"))), 400);
    EXPECT_EQ(status(route(post_json("/api/accounts", R"({"name": "Robin", "weekly_limit": "80"})"))), 400);
    EXPECT_EQ(status(route(post_json("/api/queue", R"({"name": "Ava"})"))), 400);
}

TEST(ApiRoute, WritesCarryTheirBodyAsTypedFields)
{
    auto init = route(post_json("/api/accounts", R"({"name": "Robin", "tier": "free", "weekly_limit": 80})"));
    auto account = request_of<app::InitRequest>(init);
    EXPECT_EQ(account.name, "Robin");
    EXPECT_EQ(account.tier, "free");
    EXPECT_EQ(account.weekly_limit, 80);
    EXPECT_EQ(account.pending_cap, std::nullopt);
    EXPECT_EQ(init->success_status, 201);
    EXPECT_TRUE(init->writes());
    auto add = request_of<app::QueueAddRequest>(route(
        post_json("/api/queue", R"({"url": "https://www.linkedin.com/in/ava", "note": "Hi Ava", "priority": 3})")));
    EXPECT_EQ(add.input.profile_url, "https://www.linkedin.com/in/ava");
    EXPECT_EQ(add.input.note, "Hi Ava");
    EXPECT_EQ(add.input.priority, "3");
    auto sent = request_of<app::MarkRequest>(
        route(post_json("/api/marks/sent", R"({"targets": ["https://www.linkedin.com/in/ava"], "no_note": true})")));
    EXPECT_EQ(sent.kind, "sent");
    EXPECT_TRUE(sent.no_note);
    EXPECT_TRUE(request_of<app::MarkRequest>(route(post_json("/api/marks/withdrawn", R"({"plan": true})"))).plan);
    auto remove = request_of<app::QueueRemoveRequest>(
        route(ApiRequest{"DELETE",
                         "/api/queue",
                         {{"url", "https://www.linkedin.com/in/ava"}, {"url", "https://www.linkedin.com/in/bo"}},
                         "",
                         "",
                         ""}));
    EXPECT_EQ(remove.urls.size(), 2u);
    EXPECT_EQ(status(route(ApiRequest{"DELETE", "/api/queue", {}, "", "", ""})), 400);
}

TEST(ApiRoute, WhetherARouteWritesComesFromItsUseCase)
{
    // Every GET is a read the server may cache; every POST and DELETE writes.
    for (const char* path : {"/api/accounts", "/api/status", "/api/health", "/api/forecast", "/api/stats",
                             "/api/history", "/api/pending", "/api/plan/withdraw", "/api/plan/send", "/api/queue"}) {
        auto call = route(get(path));
        ASSERT_TRUE(call) << path;
        EXPECT_FALSE(call->writes()) << path;
    }
    auto undo = route(ApiRequest{"POST", "/api/import/undo", {}, "", "", ""});
    ASSERT_TRUE(undo);
    EXPECT_TRUE(undo->writes());
    auto remove = route(ApiRequest{"DELETE", "/api/queue", {{"url", "https://www.linkedin.com/in/ava"}}, "", "", ""});
    ASSERT_TRUE(remove);
    EXPECT_TRUE(remove->writes());
    for (const char* kind : {"withdrawn", "sent", "undo", "restricted"}) {
        auto mark = route(post_json(std::string("/api/marks/") + kind, R"({"targets": [1]})"));
        ASSERT_TRUE(mark) << kind;
        EXPECT_TRUE(mark->writes()) << kind;
    }
}

TEST(ApiRoute, UploadsKeepASafeNameAndReachTheImportAsItsSource)
{
    ApiRequest upload{"POST",
                      "/api/import",
                      {{"filename", "../../Basic_LinkedInDataExport_11-24-2026.zip"}},
                      "application/zip",
                      "PK\x03\x04...",
                      ""};
    auto call = route(upload);
    ASSERT_TRUE(call);
    EXPECT_EQ(call->upload_name, "Basic_LinkedInDataExport_11-24-2026.zip");
    call->place_upload("/tmp/folder/Basic_LinkedInDataExport_11-24-2026.zip");
    auto import = request_of<app::ImportRequest>(call);
    ASSERT_EQ(import.sources.size(), 1u);
    EXPECT_EQ(import.sources[0].path, "/tmp/folder/Basic_LinkedInDataExport_11-24-2026.zip");
    EXPECT_EQ(import.sources[0].shown, "upload:Basic_LinkedInDataExport_11-24-2026.zip");
    EXPECT_FALSE(import.skip_invalid);

    upload.query = {{"filename", "..\\.hidden;rm -rf.csv"}, {"skip_invalid", "true"}};
    call = route(upload);
    ASSERT_TRUE(call);
    EXPECT_EQ(call->upload_name, "hidden_rm -rf.csv");
    EXPECT_TRUE(request_of<app::ImportRequest>(call).skip_invalid);

    upload.query = {};
    EXPECT_EQ(route(upload)->upload_name, "upload.zip");
    upload.body = "From,To,Sent At,Message,Direction\n";
    EXPECT_EQ(route(upload)->upload_name, "upload.csv");

    ApiRequest queue{"POST", "/api/queue/import", {}, "text/csv", "profile_url\n", ""};
    call = route(queue);
    ASSERT_TRUE(call);
    EXPECT_EQ(call->upload_name, "queue.csv");
    call->place_upload("/tmp/folder/queue.csv");
    EXPECT_EQ(request_of<app::QueueImportRequest>(call).path, "/tmp/folder/queue.csv");

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
    EXPECT_EQ(http_status({ErrorKind::storage, "disk_full", ""}), 503);
}

}  // namespace
}  // namespace ik::present::http

namespace ik::present::http {
namespace {

// Random requests, a fuzz run with a fixed seed: route() never throws, and either
// refuses with a 4xx and a message or gives a request whose account comes from
// ?account= only.
TEST(ApiRoute, RandomRequestsAreRefusedOrGiveATypedRequest)
{
    std::uint64_t state = 20261126;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    };
    const std::vector<std::string> paths{
        "/api/status", "/api/plan/withdraw", "/api/plan/send", "/api/marks/withdrawn", "/api/marks/undo", "/api/queue",
        "/api/import", "/api/accounts",      "/api/stats",     "/api/nothing",         "/api/marks/"};
    const std::vector<std::string> methods{"GET", "POST", "DELETE", "PUT"};
    const std::vector<std::string> names{"target", "all", "account", "by", "url", "filename", "--db", "x"};
    const std::vector<std::string> bodies{"",
                                          "{}",
                                          "{\"targets\": [1, \"--db=/x\"]}",
                                          "{\"name\": \"--plan\"}",
                                          "{\"url\": 5}",
                                          "[",
                                          "PK\x03\x04zip",
                                          "{\"plan\": true, \"at\": \"-1\"}"};
    auto random_text = [&] {
        std::string s;
        const auto n = next() % 12;
        for (std::uint32_t i = 0; i < n; ++i) s += static_cast<char>(next() % 256);
        if (next() % 3 == 0) s = "--" + s;
        return s;
    };
    int answered = 0;
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
        ++answered;
        auto account = r.query.find("account");
        EXPECT_EQ(call->account, account == r.query.end() ? "" : account->second);
    }
    EXPECT_GT(answered, 100);  // the run reaches the use cases, not only the refusals
}

}  // namespace
}  // namespace ik::present::http
