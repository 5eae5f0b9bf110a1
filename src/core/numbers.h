// How counts read in text, for every part that writes a line for people.
#pragma once

#include <string>

namespace ik::core {

// 1234567 -> "1,234,567"
std::string thousands(long long n);

}  // namespace ik::core
