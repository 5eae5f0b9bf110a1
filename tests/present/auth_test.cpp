// Who may use the server: tokens, cookies, loopback and same-origin writes.
#include "present/http/auth.h"

#include <gtest/gtest.h>

namespace ik::present::http {
namespace {

TEST(Auth, BearerTokensAreReadFromTheHeader)
{
    EXPECT_EQ(bearer_token("Bearer abc123"), "abc123");
    EXPECT_EQ(bearer_token("bearer   abc123 "), "abc123");
    EXPECT_EQ(bearer_token("Basic abc123"), std::nullopt);
    EXPECT_EQ(bearer_token("Bearer"), std::nullopt);
    EXPECT_EQ(bearer_token("Bearer "), std::nullopt);
    EXPECT_EQ(bearer_token("Bearerabc"), std::nullopt);
}

TEST(Auth, CookiesAreFoundByName)
{
    EXPECT_EQ(cookie_value("a=1; ik_session=xyz; b=2", "ik_session"), "xyz");
    EXPECT_EQ(cookie_value("ik_session=xyz", "ik_session"), "xyz");
    EXPECT_EQ(cookie_value("not_ik_session=xyz", "ik_session"), std::nullopt);
    EXPECT_EQ(cookie_value("", "ik_session"), std::nullopt);
}

TEST(Auth, OnlyThisMachinesAddressesAreLoopback)
{
    for (auto host : {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"})
        EXPECT_TRUE(is_loopback(host)) << host;
    for (auto host : {"0.0.0.0", "192.168.1.10", "::", "127.0.0.1.evil.example", "localhost.evil.example", ""})
        EXPECT_FALSE(is_loopback(host)) << host;
}

TEST(Auth, CookieWritesMustComeFromTheDashboardsOwnOrigin)
{
    EXPECT_TRUE(same_origin_write("", "same-origin", "127.0.0.1:8080"));
    EXPECT_FALSE(same_origin_write("http://127.0.0.1:8080", "cross-site", "127.0.0.1:8080"));
    EXPECT_FALSE(same_origin_write("", "same-site", "127.0.0.1:8080"));
    EXPECT_TRUE(same_origin_write("http://127.0.0.1:8080", "", "127.0.0.1:8080"));
    EXPECT_FALSE(same_origin_write("http://evil.example", "", "127.0.0.1:8080"));
    EXPECT_FALSE(same_origin_write("null", "", "127.0.0.1:8080"));
    EXPECT_FALSE(same_origin_write("", "", "127.0.0.1:8080"));
}

TEST(Auth, SessionsAreRandomAndEndWhenClosed)
{
    Sessions sessions("s3cret-token-0123456789");
    EXPECT_TRUE(sessions.token_matches("s3cret-token-0123456789"));
    EXPECT_FALSE(sessions.token_matches("s3cret-token-012345678"));
    EXPECT_FALSE(sessions.token_matches(""));
    const auto a = sessions.open();
    const auto b = sessions.open();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_NE(a, b);
    EXPECT_TRUE(sessions.valid(a));
    sessions.close(a);
    EXPECT_FALSE(sessions.valid(a));
    EXPECT_TRUE(sessions.valid(b));
    sessions.close("no such session");
}

}  // namespace
}  // namespace ik::present::http
