// Splitting work over two threads, for the few long, independent loops of an
// import (the machine this runs on has two cores or more).
#pragma once

#include <cstddef>
#include <exception>
#include <thread>

namespace ik::core {

// Runs here() on this thread and there() on another, at once, and returns when both
// have ended. An exception from either is rethrown here, after both ended (here()'s
// first). The two must touch different data.
template <class Here, class There>
void at_once(Here&& here, There&& there)
{
    std::exception_ptr failure;
    std::thread helper([&] {
        try {
            there();
        } catch (...) {
            failure = std::current_exception();
        }
    });
    try {
        here();
    } catch (...) {
        helper.join();
        throw;
    }
    helper.join();
    if (failure) std::rethrow_exception(failure);
}

// Runs work(begin, end, half) over [0, n): as two halves on two threads (half 0 and 1)
// when n is at least `threshold` and the machine has two cores, else as one call
// (half 0). The halves must touch different data.
template <class Work>
void in_two_halves(std::size_t n, std::size_t threshold, Work&& work)
{
    if (n < threshold || std::thread::hardware_concurrency() < 2) {
        work(std::size_t{0}, n, std::size_t{0});
        return;
    }
    const std::size_t middle = n / 2;
    at_once([&] { work(std::size_t{0}, middle, std::size_t{0}); }, [&] { work(middle, n, std::size_t{1}); });
}

}  // namespace ik::core
