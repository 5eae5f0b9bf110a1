// The server's cache of read answers: an answer is found only for the generation of
// the data it was computed from, and an answer from an older generation never
// replaces what a newer one brought.
#include "present/http/read_cache.h"

#include <gtest/gtest.h>

namespace ik::present::http {
namespace {

constexpr Generation kFirst{1};
constexpr Generation kSecond{2};

TEST(ReadCache, AnAnswerIsFoundForTheGenerationItWasComputedFrom)
{
    ReadCache cache;
    cache.keep("status", kFirst, {200, "pending 693"});
    auto hit = cache.find("status", kFirst);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->body, "pending 693");
    EXPECT_FALSE(cache.find("plan withdraw", kFirst));
    EXPECT_FALSE(cache.find("status", kSecond));
}

// Issue 18: a read computed before a write, filed after it, must not pass for an
// answer from after the write.
TEST(ReadCache, AnAnswerComputedBeforeAWriteIsNotServedAfterIt)
{
    ReadCache cache;
    cache.keep("plan withdraw", kSecond, {200, "after the write"});  // a read that ran after the write
    cache.keep("status", kFirst, {200, "pending 694"});              // one that ran before it, filed late
    EXPECT_FALSE(cache.find("status", kSecond));
    EXPECT_TRUE(cache.find("plan withdraw", kSecond)) << "the late answer must not clear the newer ones";
}

TEST(ReadCache, ANewerGenerationStartsOver)
{
    ReadCache cache;
    cache.keep("status", kFirst, {200, "old"});
    cache.keep("history", kSecond, {200, "new"});
    EXPECT_FALSE(cache.find("status", kFirst));
    EXPECT_FALSE(cache.find("status", kSecond));
    cache.keep("status", kSecond, {200, "new status"});
    EXPECT_EQ(cache.find("status", kSecond)->body, "new status");
}

TEST(ReadCache, ItHoldsABoundedNumberOfAnswers)
{
    ReadCache cache;
    for (size_t i = 0; i < ReadCache::kMaxEntries; ++i) cache.keep("read " + std::to_string(i), kFirst, {200, "x"});
    EXPECT_TRUE(cache.find("read 0", kFirst));
    cache.keep("one more", kFirst, {200, "y"});
    EXPECT_FALSE(cache.find("read 0", kFirst));
    EXPECT_TRUE(cache.find("one more", kFirst));
}

}  // namespace
}  // namespace ik::present::http
