// `user add|list|remove|passwd|grant|revoke|token`: the team's users (app/users.h).
// A password is never an argument (other users of the machine see arguments): it is
// asked for on the terminal, without echo, twice; or read as the first line of
// standard input when that is not a terminal (a script, a test).
#include "present/command.h"

#include <fmt/format.h>

#include <termios.h>
#include <unistd.h>
#include <iostream>

namespace ik::present {

namespace {

struct UserOptions {
    std::string action;
    std::string name;
    std::string role;
    std::vector<std::string> accounts;
    std::string account;
    bool revoke = false;
};

// The terminal's echo, off while this lives.
class NoEcho {
public:
    NoEcho()
    {
        if (tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        m_on = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~NoEcho()
    {
        if (m_on) tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

private:
    termios m_saved{};
    bool m_on = false;
};

core::Result<std::string> read_password(Context& ctx, const std::string& name)
{
    auto line = [](std::string& out) {
        if (!std::getline(std::cin, out)) return false;
        if (!out.empty() && out.back() == '\r') out.pop_back();
        return true;
    };
    std::string first;
    if (!isatty(STDIN_FILENO)) {
        if (!line(first))
            return core::fail(core::ErrorKind::usage, "no_password",
                              "give the password as the first line of standard input");
        return first;
    }
    std::string second;
    {
        NoEcho quiet;
        ctx.err() << fmt::format("Password for {}: ", name) << std::flush;
        const bool got = line(first);
        ctx.err() << fmt::format("\nThe same again: ") << std::flush;
        const bool again = got && line(second);
        ctx.err() << "\n";
        if (!again) return core::fail(core::ErrorKind::usage, "no_password", "no password was typed");
    }
    if (first != second) return core::fail(core::ErrorKind::usage, "password_mismatch", "the two passwords differ");
    return first;
}

std::string role_column(const app::UserView& u)
{
    return u.role == "admin"    ? "every account"
           : u.accounts.empty() ? "no account yet"
                                : fmt::format("{}", fmt::join(u.accounts, ", "));
}

std::string users_text(const app::UserListAnswer& a)
{
    if (a.users.empty())
        return fmt::format(
            "{} has no users: `serve` lets in whoever has its token. Add one: "
            "invitekeeper user add NAME --role admin\n",
            a.database);
    TextTable table({"name", "role", "accounts", "tokens", "since"}, {false, false, false, true, false});
    for (const auto& u : a.users)
        table.add({u.name, u.role, role_column(u), std::to_string(u.live_tokens),
                   core::format_instant(u.created_at).substr(0, 10)});
    return table.render();
}

std::string user_text(const app::UserAnswer& a)
{
    const auto& u = a.user;
    if (a.did == "added") return fmt::format("Added {} ({}: {}).\n", u.name, u.role, role_column(u));
    if (a.did == "password changed")
        return fmt::format("Changed the password of {}; their dashboard sessions are ended.\n", u.name);
    if (a.did == "removed") return fmt::format("Removed {}, with their tokens and sessions.\n", u.name);
    if (a.did == "unchanged") return fmt::format("Nothing changed: {} sees {}.\n", u.name, role_column(u));
    return fmt::format("{}: {} now sees {}.\n", a.did == "granted" ? "Granted" : "Revoked", u.name, role_column(u));
}

std::string token_text(const app::UserTokenAnswer& a)
{
    if (a.token)
        return fmt::format(
            "{}\nAn API token for {}: send it as `Authorization: Bearer TOKEN`. It is shown only "
            "now; `invitekeeper user token {} --revoke` takes it back.\n",
            *a.token, a.user, a.user);
    return fmt::format("Revoked {} token{} of {}.\n", a.revoked, a.revoked == 1 ? "" : "s", a.user);
}

}  // namespace

void add_user(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<UserOptions>();
    auto* cmd = app.add_subcommand("user", "The team's users: add, list, remove, passwd, grant, revoke, token");
    cmd->require_subcommand(1);
    auto* add = cmd->add_subcommand("add", "Add a user (the password is asked for, or read from standard input)");
    add->add_option("name", o->name, "their login name: a-z, 0-9, . _ - @")->required();
    add->add_option("--role", o->role,
                    "admin (users and every account), operator (works the accounts granted) "
                    "or viewer (reads them)")
        ->required();
    add->add_option("--accounts", o->accounts, "accounts granted, by name (operator, viewer)")->delimiter(',');
    cmd->add_subcommand("list", "Every user, their role and accounts");
    cmd->add_subcommand("remove", "Remove a user, their tokens and sessions")
        ->add_option("name", o->name, "the user")
        ->required();
    cmd->add_subcommand("passwd", "Change a user's password (ends their dashboard sessions)")
        ->add_option("name", o->name, "the user")
        ->required();
    for (const char* verb : {"grant", "revoke"}) {
        auto* sub = cmd->add_subcommand(
            verb, std::string(verb) == "grant" ? "Let a user see an account" : "Take an account from a user");
        sub->add_option("name", o->name, "the user")->required();
        sub->add_option("account", o->account, "the account, by name")->required();
    }
    auto* token = cmd->add_subcommand("token", "Make an API token for a user's scripts (or --revoke theirs)");
    token->add_option("name", o->name, "the user")->required();
    token->add_flag("--revoke", o->revoke, "take back every token of the user instead");
    cmd->callback([o, cmd, &selected] {
        o->action = cmd->get_subcommands().front()->get_name();
        selected = [o](Context& ctx) -> core::Result<Output> {
            const auto& a = o->action;
            if (a == "list") return answer(ctx, app::UserListRequest{}, users_text);
            if (a == "remove") return answer(ctx, app::UserRemoveRequest{o->name}, user_text);
            if (a == "grant" || a == "revoke")
                return answer(ctx, app::UserGrantRequest{o->name, o->account, a == "grant"}, user_text);
            if (a == "token") return answer(ctx, app::UserTokenRequest{o->name, o->revoke}, token_text);
            auto password = read_password(ctx, o->name);
            if (!password) return std::unexpected(password.error());
            if (a == "passwd") return answer(ctx, app::UserPasswdRequest{o->name, *password}, user_text);
            return answer(ctx, app::UserAddRequest{o->name, o->role, o->accounts, *password}, user_text);
        };
    });
}

}  // namespace ik::present
