// invitekeeper: the command-line entry point. All behaviour lives in the libraries.
#include "present/command.h"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv)
{
    auto env = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        return v ? std::optional<std::string>(v) : std::nullopt;
    };
    return ik::present::run_cli(argc, argv, std::cout, std::cerr, isatty(STDERR_FILENO) != 0, env);
}
