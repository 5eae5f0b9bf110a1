// What the use-case tests share: a ledger file in a folder of its own, removed
// afterwards, and sessions on it as one command or request has, with the clock
// pinned and no config file.
#pragma once

#include "app/session.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace ik::app::test {

inline constexpr std::string_view kNow = "2026-11-26T09:00:00Z";

class LedgerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "ik-app-XXXXXX").string();
        ASSERT_TRUE(mkdtemp(pattern.data()));
        m_dir = pattern;
    }
    void TearDown() override
    {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    // A session of its own on the ledger file.
    Session session()
    {
        SessionOptions options;
        options.db = (m_dir / "ledger.db").string();
        options.now = std::string(kNow);
        return Session(options, [home = m_dir.string()](const char* name) -> std::optional<std::string> {
            if (std::string_view(name) == "HOME") return home;
            return std::nullopt;
        });
    }
    template <class Request>
    auto run(const Request& request) -> decltype(app::run(std::declval<Session&>(), request))
    {
        auto s = session();
        return app::run(s, request);
    }

    std::filesystem::path m_dir;
};

}  // namespace ik::app::test
