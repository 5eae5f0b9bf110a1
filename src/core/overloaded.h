// Overloaded{lambdas...}: one visitor for std::visit out of a lambda per alternative.
#pragma once

namespace ik::core {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};

}  // namespace ik::core
