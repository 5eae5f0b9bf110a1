// `serve`: the HTTP API and the dashboard (docs/api.md).
#include "present/command.h"

#include "present/http/server.h"

#include <iostream>

namespace ik::present {

namespace {

struct ServeCommandOptions {
    std::string listen = "127.0.0.1:8080";
    std::string token;
    size_t max_body_mib = 256;
    int timeout_seconds = 30;
};

core::Result<Output> run_serve(Context& ctx, const ServeCommandOptions& o)
{
    auto options = http::serve_options(o.listen, o.token, ctx.session().env());
    if (!options) return std::unexpected(options.error());
    if (o.max_body_mib < 1) return core::fail(core::ErrorKind::usage, "bad_max_body", "--max-body is at least 1 (MiB)");
    options->max_body = o.max_body_mib * 1024 * 1024;
    if (o.timeout_seconds < 1)
        return core::fail(core::ErrorKind::usage, "bad_timeout", "--timeout is at least 1 (second)");
    options->timeout = std::chrono::seconds(o.timeout_seconds);
    // The server talks on stdout as it runs (where it listens); the CLI prints
    // a command's output only when it ends.
    if (auto served = http::serve(ctx.session(), *options, std::cout, ctx.err()); !served)
        return std::unexpected(served.error());
    Output out;
    out.json["stopped"] = true;
    out.text = "stopped\n";
    return out;
}

}  // namespace

void add_serve(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<ServeCommandOptions>();
    auto* cmd = app.add_subcommand("serve", "Serve the HTTP API and the dashboard (docs/api.md)");
    cmd->add_option("--listen", o->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one)");
    cmd->add_option("--token", o->token,
                    "the secret for the API and the dashboard (default $INVITEKEEPER_TOKEN; on loopback a random one)");
    cmd->add_option("--max-body", o->max_body_mib, "largest request body in MiB, e.g. an export zip (default 256)");
    cmd->add_option("--timeout", o->timeout_seconds,
                    "seconds a client has to send its request, and the server to send its answer (default 30)");
    cmd->callback([o, &selected] { selected = [o](Context& ctx) { return run_serve(ctx, *o); }; });
}

}  // namespace ik::present
