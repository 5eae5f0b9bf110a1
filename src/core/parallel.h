// Splitting a loop over two threads, for the few long, independent loops of an
// import (the machine this runs on has two cores or more).
#pragma once

#include <cstddef>
#include <exception>
#include <thread>

namespace ik::core {

// Runs work(begin, end, half) over [0, n): as two halves on two threads (half 0 and 1)
// when n is at least `threshold`, else as one call (half 0). The halves must touch
// different data. An exception in either half is rethrown here, after both ended.
template <class Work>
void in_two_halves(std::size_t n, std::size_t threshold, Work&& work)
{
    if (n < threshold || std::thread::hardware_concurrency() < 2) {
        work(std::size_t{0}, n, std::size_t{0});
        return;
    }
    const std::size_t middle = n / 2;
    std::exception_ptr failure;
    std::thread helper([&] {
        try {
            work(middle, n, std::size_t{1});
        } catch (...) {
            failure = std::current_exception();
        }
    });
    try {
        work(std::size_t{0}, middle, std::size_t{0});
    } catch (...) {
        helper.join();
        throw;
    }
    helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace ik::core
