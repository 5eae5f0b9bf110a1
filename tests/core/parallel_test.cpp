// Splitting a loop over two threads: every index once, in the half it belongs to,
// and a failure in either half reaches the caller.
#include "core/parallel.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace ik::core {
namespace {

TEST(InTwoHalves, ALongLoopVisitsEveryIndexOnceInTwoHalves)
{
    std::vector<int> seen(1001, 0), half_of(1001, -1);
    in_two_halves(seen.size(), 100, [&](size_t begin, size_t end, size_t half) {
        for (size_t i = begin; i < end; ++i) {
            ++seen[i];
            half_of[i] = static_cast<int>(half);
        }
    });
    for (size_t i = 0; i < seen.size(); ++i) {
        ASSERT_EQ(seen[i], 1) << i;
        const bool two = std::thread::hardware_concurrency() > 1;  // else one call
        ASSERT_EQ(half_of[i], two && i >= 500 ? 1 : 0) << i;
    }
}

TEST(InTwoHalves, AShortLoopIsOneCall)
{
    int calls = 0;
    in_two_halves(99, 100, [&](size_t begin, size_t end, size_t half) {
        ++calls;
        EXPECT_EQ(begin, 0u);
        EXPECT_EQ(end, 99u);
        EXPECT_EQ(half, 0u);
    });
    EXPECT_EQ(calls, 1);
}

TEST(InTwoHalves, AFailureInEitherHalfIsRethrownAfterBothEnd)
{
    if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: the loop is one call";
    for (size_t failing : {0u, 1u}) {
        int finished = 0;
        EXPECT_THROW(in_two_halves(1000, 10,
                                   [&](size_t, size_t, size_t half) {
                                       if (half == failing) throw std::runtime_error("out of memory");
                                       ++finished;
                                   }),
                     std::runtime_error);
        EXPECT_EQ(finished, 1) << "the other half ran to its end";
    }
}

}  // namespace
}  // namespace ik::core
