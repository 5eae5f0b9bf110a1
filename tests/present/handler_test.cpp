// The server's request handler over a real SQLite file, driven without a socket so
// that a test can put a write exactly where a race would: between a read's
// computation and the caching of its answer.
#include "present/http/handler.h"
#include "present/command.h"
#include "store/open.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ik::present::http {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::string_view kToken = "handler-test-token-0123456789";
constexpr std::string_view kNow = "2026-11-26T09:00:00Z";
constexpr int kPort = 8080;

// Five invitations, a week old, none accepted: five pending.
constexpr std::string_view kInvitations =
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    "Robin Vale,Ada Brook,\"11/19/26, 9:00 "
    "AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,https://www.linkedin.com/in/ada-brook\n"
    "Robin Vale,Ben Cole,\"11/19/26, 9:05 "
    "AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,https://www.linkedin.com/in/ben-cole\n"
    "Robin Vale,Cy Dunn,\"11/19/26, 9:10 "
    "AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,https://www.linkedin.com/in/cy-dunn\n"
    "Robin Vale,Di Eames,\"11/19/26, 9:15 "
    "AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,https://www.linkedin.com/in/di-eames\n"
    "Robin Vale,Ed Fox,\"11/19/26, 9:20 "
    "AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,https://www.linkedin.com/in/ed-fox\n";

class ServeHandler : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::string pattern = (fs::temp_directory_path() / "ik-handler-XXXXXX").string();
        ASSERT_TRUE(mkdtemp(pattern.data()));
        m_dir = pattern;
        m_options.db = (m_dir / "ledger.db").string();
        m_options.now = std::string(kNow);

        const fs::path csv = m_dir / "Invitations.csv";
        std::ofstream(csv) << kInvitations;
        ASSERT_TRUE(cli({"init", "--name", "robin", "--tz", "UTC"}));
        ASSERT_TRUE(cli({"import", csv.string()}));

        auto opened = store::open_store(*m_options.db, store::Open::existing);
        ASSERT_TRUE(opened) << opened.error().message;
        m_store = std::move(*opened);
        m_serve.host = "127.0.0.1";
        m_serve.port = kPort;
        m_serve.token = std::string(kToken);
        m_base = std::make_unique<app::Session>(m_options, env());
        m_handler = std::make_unique<Handler>(*m_base, m_serve, *m_store, m_err);
        m_handler->set_port(kPort);
    }

    void TearDown() override
    {
        m_handler.reset();
        m_store.reset();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    app::EnvLookup env() const
    {
        return [home = m_dir.string()](const char* name) -> std::optional<std::string> {
            if (std::string_view(name) == "HOME") return home;
            return std::nullopt;
        };
    }

    // A command run as another process would: its own context, its own connection.
    bool cli(std::vector<std::string> args)
    {
        std::vector<std::string> argv{"invitekeeper", "--db", *m_options.db, "--now", m_options.now};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char*> pointers;
        for (auto& a : argv) pointers.push_back(a.data());
        std::ostringstream out, err;
        const int code = run_cli(static_cast<int>(pointers.size()), pointers.data(), out, err, false, env());
        if (code != 0) ADD_FAILURE() << err.str();
        return code == 0;
    }

    httplib::Response request(std::string method, std::string path, std::string body = "",
                              httplib::Headers headers = {})
    {
        httplib::Request req;
        req.headers = std::move(headers);
        req.method = std::move(method);
        req.path = std::move(path);
        req.headers.emplace("Host", "127.0.0.1:" + std::to_string(kPort));
        req.headers.emplace("Authorization", "Bearer " + std::string(kToken));
        if (!body.empty()) req.headers.emplace("Content-Type", "application/json");
        req.body = std::move(body);
        httplib::Response res;
        m_handler->handle(req, res);
        return res;
    }

    Json answer(std::string method, std::string path, std::string body = "")
    {
        auto res = request(std::move(method), std::move(path), std::move(body));
        EXPECT_EQ(res.status, 200) << res.body;
        return Json::parse(res.body);
    }

    long pending() { return answer("GET", "/api/status")["pending"].get<long>(); }
    std::int64_t first_pending_id() { return answer("GET", "/api/pending")["items"][0]["id"].get<std::int64_t>(); }
    void withdraw(std::int64_t id) { answer("POST", "/api/marks/withdrawn", Json{{"targets", {id}}}.dump()); }

    fs::path m_dir;
    app::SessionOptions m_options;
    std::ostringstream m_err;
    ServeOptions m_serve;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<app::Session> m_base;
    std::unique_ptr<Handler> m_handler;
};

// Issue 18: a write that commits after a read computed its answer, and before the
// read caches it, must not leave that answer to be served as the current one.
TEST_F(ServeHandler, AReadComputedBeforeAWriteIsNotServedAfterIt)
{
    const std::int64_t target = first_pending_id();
    bool armed = true;
    m_handler->set_read_computed_hook([&] {
        if (!std::exchange(armed, false)) return;
        withdraw(target);  // commits here, between the computation and the caching
    });
    EXPECT_EQ(pending(), 5) << "computed before the write, so it answers what was";
    EXPECT_FALSE(armed);
    EXPECT_EQ(pending(), 4) << "the answer from before the write was served after it";
}

TEST_F(ServeHandler, ARepeatedReadIsAnsweredFromTheCacheUntilAWrite)
{
    int computed = 0;
    m_handler->set_read_computed_hook([&] { ++computed; });
    EXPECT_EQ(pending(), 5);
    EXPECT_EQ(pending(), 5);
    EXPECT_EQ(computed, 1);
    withdraw(first_pending_id());
    EXPECT_EQ(pending(), 4);
    EXPECT_EQ(computed, 3);  // /api/pending, then /api/status again
}

// A script that must see a computed answer (or a benchmark of the computation) asks for
// one the standard way; the answer it gets is then kept for everyone else.
TEST_F(ServeHandler, AReadWithCacheControlNoCacheIsComputedAgain)
{
    int computed = 0;
    m_handler->set_read_computed_hook([&] { ++computed; });
    EXPECT_EQ(pending(), 5);
    for (const auto& [header, value] : {std::pair{"Cache-Control", "no-cache"}, {"Cache-Control", "max-age=0, No-Cache"},
                                        {"Pragma", "no-cache"}}) {
        auto res = request("GET", "/api/status", "", {{header, value}});
        EXPECT_EQ(res.status, 200);
        EXPECT_EQ(Json::parse(res.body)["pending"], 5);
    }
    EXPECT_EQ(computed, 4);
    EXPECT_EQ(request("GET", "/api/status", "", {{"Cache-Control", "no-cache-please"}}).status, 200);
    EXPECT_EQ(computed, 4) << "only the no-cache directive itself asks for a fresh answer";
    EXPECT_EQ(pending(), 5);
    EXPECT_EQ(computed, 4);
}

TEST_F(ServeHandler, ACommitByAnotherProcessShowsAtOnce)
{
    int computed = 0;
    m_handler->set_read_computed_hook([&] { ++computed; });
    EXPECT_EQ(pending(), 5);
    const std::int64_t target = first_pending_id();
    ASSERT_TRUE(cli({"mark", "withdrawn", std::to_string(target)}));
    EXPECT_EQ(pending(), 4);
    EXPECT_EQ(computed, 3);
}

TEST_F(ServeHandler, ARefusedWriteCommitsNothingSoTheCachedAnswerStands)
{
    int computed = 0;
    m_handler->set_read_computed_hook([&] { ++computed; });
    EXPECT_EQ(pending(), 5);
    auto refused = request("POST", "/api/marks/withdrawn", R"({"targets": [1, 999999]})");
    EXPECT_EQ(refused.status, 404) << refused.body;
    EXPECT_EQ(pending(), 5);
    EXPECT_EQ(computed, 1) << "a write refused whole commits nothing: the store's change token stays";
    auto done = request("POST", "/api/marks/withdrawn", R"({"targets": [1]})");
    EXPECT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(pending(), 4);
    EXPECT_EQ(computed, 2);
}

}  // namespace
}  // namespace ik::present::http
