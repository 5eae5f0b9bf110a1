// `config show`: the effective configuration, each value with where it came from.
#include "present/command.h"

namespace ik::present {

namespace {

std::string config_text(const app::ConfigShowAnswer& a)
{
    const std::string header = a.account ? "# invitekeeper settings for account \"" + *a.account + "\"\n"
                                         : std::string("# invitekeeper settings (no account yet)\n");
    return header + "# each value is followed by where it came from: default, file PATH or account\n\n" +
           a.settings.to_toml();
}

}  // namespace

void add_config(CLI::App& app, Runner& selected)
{
    auto* cmd = app.add_subcommand("config", "Show the effective configuration");
    cmd->require_subcommand(1);
    auto* show = cmd->add_subcommand("show", "The effective settings as TOML, with where each came from");
    show->callback(
        [&selected] { selected = [](Context& ctx) { return answer(ctx, app::ConfigShowRequest{}, config_text); }; });
}

}  // namespace ik::present
