// The shape every CLI command shares. One file per command in commands/, each
// declaring its name, help and options, parsing them into its use case's request
// (app/), and rendering the answer as text; the JSON is the answer's own
// (app/json.h), the same the HTTP API sends.
#pragma once

#include "app/json.h"
#include "core/error.h"
#include "present/context.h"
#include "present/output.h"

#include <CLI/CLI.hpp>

#include <functional>

namespace ik::present {

using Runner = std::function<core::Result<Output>(Context&)>;

// Registers a command's subcommand on `app`; when the command line selects it,
// the parse callback stores its runner in `selected`.
using Registrar = void (*)(CLI::App& app, Runner& selected);

struct CommandInfo {
    const char* name;
    Registrar add;
};

// Every command, in the order `--help` lists them.
std::span<const CommandInfo> commands();

// Runs `request`'s use case in the context's session: the answer as JSON and as
// the text `render` makes of it.
template <class Request, class Render>
core::Result<Output> answer(Context& ctx, const Request& request, Render render)
{
    auto answered = app::run(ctx.session(), request);
    if (!answered) return std::unexpected(answered.error());
    Output out;
    out.json = app::to_json(*answered);
    out.text = render(*answered);
    return out;
}

// Parses the command line, runs the command and prints its answer (text, or JSON
// with --json); returns the exit code (docs/cli.md).
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err, bool err_is_terminal, EnvLookup env);

}  // namespace ik::present
