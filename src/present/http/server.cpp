#include "present/http/server.h"

#include "app/users.h"

#include "present/http/auth.h"
#include "present/http/handler.h"

#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <charconv>
#include <csignal>
#include <ostream>
#include <thread>

namespace ik::present::http {

namespace {

using core::ErrorKind;

// "HOST:PORT" or "[V6]:PORT" split; the port is required.
core::Result<std::pair<std::string, int>> split_listen(const std::string& listen)
{
    const size_t colon = listen.rfind(':');
    auto bad = [&] {
        return core::fail(ErrorKind::usage, "bad_listen",
                          fmt::format("--listen \"{}\" is not HOST:PORT, like 127.0.0.1:8080", listen));
    };
    if (colon == std::string::npos || colon == 0) return bad();
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    int port = -1;
    const char* first = listen.data() + colon + 1;
    const char* last = listen.data() + listen.size();
    auto [ptr, ec] = std::from_chars(first, last, port);
    if (ec != std::errc() || ptr != last || port < 0 || port > 65535) return bad();
    return std::pair{host, port};
}

}  // namespace

core::Result<ServeOptions> serve_options(const std::string& listen, std::string token, const app::EnvLookup& env)
{
    ServeOptions o;
    auto hp = split_listen(listen);
    if (!hp) return std::unexpected(hp.error());
    o.host = hp->first;
    o.port = hp->second;
    if (token.empty()) token = env("INVITEKEEPER_TOKEN").value_or("");
    if (token.empty()) {
        // Off loopback a lone server needs a token given (serve() refuses to start
        // without one); a team server logs its users in by name and needs none.
        if (is_loopback(o.host)) {
            token = random_hex(24);
            o.token_generated = true;
        }
    } else if (token.size() < 16) {
        return core::fail(ErrorKind::usage, "weak_token", "the token must be at least 16 characters long");
    }
    o.token = std::move(token);
    return o;
}

core::Result<void> serve(app::Session& session, const ServeOptions& options, std::ostream& out, std::ostream& log)
{
    // Off loopback without a token only a team server may start: its users log in
    // by name. (A ledger not made yet has no users, and is not made for nothing.)
    auto refuse_tokenless = [&] {
        return core::fail(ErrorKind::usage, "token_required",
                          fmt::format("refusing to listen on {} without a token: anyone who can reach it could "
                                      "read and change your ledger. Give --token or $INVITEKEEPER_TOKEN, or add "
                                      "users (invitekeeper user add NAME --role admin)",
                                      options.host));
    };
    if (options.token.empty()) {
        auto ledger = session.has_ledger();
        if (!ledger) return std::unexpected(ledger.error());
        if (!*ledger) return refuse_tokenless();
    }
    // The dashboard starts a ledger: a fresh database is created and the page offers
    // to create the account.
    auto store = session.store_or_create();
    if (!store) return std::unexpected(store.error());
    const bool team = app::team_server(**store);
    if (!team && options.token.empty()) return refuse_tokenless();

    // SIGINT and SIGTERM stop the server from a thread of its own: the signals are
    // blocked here (and so in every thread the server starts) and waited for.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);

    httplib::Server http;
    Handler handler(session, options, **store, log);
    http.set_payload_max_length(options.max_body);
    http.set_read_timeout(options.timeout);
    http.set_write_timeout(options.timeout);
    http.set_keep_alive_max_count(1000);
    // Headers and body go out in separate writes; without this, Nagle's algorithm
    // and the client's delayed ACK add 40 ms to every small response.
    http.set_tcp_nodelay(true);
    // A keep-alive connection holds a worker for its whole life: enough workers that
    // a browser's six connections and a script or two never wait for one.
    http.new_task_queue = [] { return new httplib::ThreadPool(32); };
    http.set_keep_alive_timeout(5);
    auto handle = [&handler](const httplib::Request& req, httplib::Response& res) { handler.handle(req, res); };
    // One handler sees every request, so that a wrong method is a 405, not a 404.
    http.Get(".*", handle);
    http.Post(".*", handle);
    http.Put(".*", handle);
    http.Patch(".*", handle);
    http.Delete(".*", handle);
    http.Options(".*", handle);
    // A body declared too large is refused before it is read: reading 256 MiB only
    // to discard it could outlast the client's patience or the read timeout.
    http.set_pre_routing_handler([&handler, &options](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value<std::uint64_t>("Content-Length") <= options.max_body)
            return httplib::Server::HandlerResponse::Unhandled;
        handler.refuse_too_large(res);
        return httplib::Server::HandlerResponse::Handled;
    });
    http.set_error_handler(
        [&handler](const httplib::Request& req, httplib::Response& res) { handler.handle_error(req, res); });

    int port = options.port;
    if (port == 0)
        port = http.bind_to_any_port(options.host);
    else if (!http.bind_to_port(options.host, port))
        port = -1;
    if (port < 0) {
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        return core::fail(ErrorKind::usage, "cannot_listen",
                          fmt::format("cannot listen on {}:{}: the address is in use or not this machine's",
                                      options.host, options.port));
    }
    handler.set_port(port);

    std::atomic<bool> done{false};
    std::thread watcher([&] {
        const timespec tick{0, 200'000'000};
        while (!done.load()) {
            if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) {
                // A signal that comes before the listening loop has begun would find
                // nothing to stop (httplib's stop() is then a no-op): wait for it.
                while (!done.load() && !http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                http.stop();
                return;
            }
        }
    });

    const std::string base = fmt::format("http://{}", options.host.find(':') != std::string::npos
                                                          ? fmt::format("[{}]:{}", options.host, port)
                                                          : fmt::format("{}:{}", options.host, port));
    out << "listening on " << base << "\n";
    if (team)
        out << "a team server: users log in at " << base << "/login with their name and password; scripts use "
            << "their own token (invitekeeper user token NAME)\n";
    else if (options.token_generated)
        out << "open " << base << "/login?token=" << options.token << " to log in (a new token each start; "
            << "set one with --token or $INVITEKEEPER_TOKEN)\n";
    else
        out << "log in at " << base << "/login with your token\n";
    out.flush();

    const bool listened = http.listen_after_bind();
    done = true;
    watcher.join();
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (!listened && http.is_running())
        return core::fail(ErrorKind::internal, "listen", "the server stopped unexpectedly");
    return {};
}

}  // namespace ik::present::http
