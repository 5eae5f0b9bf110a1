// `queue add|import|list|remove`: the people the member means to invite, and
// `template add|list|remove`, `dnc add|remove|list`: what goes with them. The
// command lines of app/lists.h, and how their answers read.
#include "present/command.h"

#include <fmt/format.h>

namespace ik::present {

namespace {

std::string note_column(const core::Prospect& p)
{
    if (p.note) return shorten(*p.note, 36);
    if (p.template_name) return "template " + *p.template_name;
    return "-";
}

std::string queue_text(const app::QueueListAnswer& a)
{
    if (a.items.empty()) return "The queue is empty.\n";
    TextTable table({"#", "priority", "name", "note", "their zone", "profile"}, {true, true});
    for (size_t i = 0; i < a.items.size(); ++i) {
        const auto& p = a.items[i];
        table.add({std::to_string(i + 1), std::to_string(p.priority), shorten(p.person.name, 28), note_column(p),
                   p.zone.value_or("-"), p.person.profile_url});
    }
    return fmt::format("{} queued, in the order `plan send` takes them:\n{}",
                       thousands(static_cast<long>(a.items.size())), table.render());
}

// "Queued NAME (URL)" for one, "Queued N people from SOURCE" for several; then the warnings.
std::string queued_text(const app::QueueAddAnswer& a, const std::string& source)
{
    std::string t =
        a.items.size() == 1
            ? fmt::format("Queued {} ({})\n", a.items[0].person.name, a.items[0].person.profile_url)
            : fmt::format("Queued {} people from {}\n", thousands(static_cast<long>(a.items.size())), source);
    for (const auto& w : a.warnings) t += "  warning: " + w + "\n";
    return t;
}

std::string removed_text(const app::QueueRemoveAnswer& a)
{
    return fmt::format("Removed {} queue entr{}.\n", a.removed, a.removed == 1 ? "y" : "ies");
}

std::string templates_text(const app::TemplateListAnswer& a)
{
    if (a.items.empty()) return "No templates. Add one: invitekeeper template add NAME \"Hi {first_name}, ...\"\n";
    TextTable table({"name", "text"});
    for (const auto& t : a.items) table.add({t.name, shorten(t.text, 70)});
    return table.render();
}

std::string dnc_text(const app::DncListAnswer& a)
{
    if (a.items.empty()) return "The do-not-contact list is empty.\n";
    TextTable table({"since", "name", "profile"});
    for (const auto& d : a.items)
        table.add({core::format_instant(d.added_at).substr(0, 10), d.person.name, d.person.profile_url});
    return table.render();
}

std::string dnc_changed_text(const app::DncChangeAnswer& a)
{
    return fmt::format("{} {} of {} on the do-not-contact list.\n", a.remove ? "Removed" : "Added", a.changed, a.given);
}

struct QueueOptions {
    std::string action;
    app::QueueAddRequest add;
    app::QueueImportRequest import;
    app::QueueRemoveRequest remove;
};

struct TemplateOptions {
    std::string action;
    std::string name;
    std::string text;
};

struct DncOptions {
    std::string action;
    std::vector<std::string> urls;
};

}  // namespace

void add_queue(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<QueueOptions>();
    auto& input = o->add.input;
    auto* cmd = app.add_subcommand("queue", "The people to invite: add, import, list, remove");
    cmd->require_subcommand(1);
    auto* add = cmd->add_subcommand("add", "Queue one person");
    add->add_option("url", input.profile_url, "their LinkedIn profile URL")->required();
    add->add_option("--name", input.name, "their full name");
    add->add_option("--first-name", input.first_name, "for {first_name} and the note checks");
    add->add_option("--company", input.company, "for {company} and the note checks");
    auto* note = add->add_option("--note", input.note, "the note to send");
    add->add_option("--template", input.template_name, "a template to render the note from")->excludes(note);
    add->add_option("--tz", input.timezone, "their time zone, like America/New_York (default: yours)");
    add->add_option("--priority", input.priority, "higher goes first (default 0)");
    auto* import = cmd->add_subcommand("import", "Queue everyone in a CSV (columns by header name)");
    import
        ->add_option("file", o->import.path,
                     "CSV with a profile_url column; name, first_name, company, note, template, "
                     "timezone, priority; other columns become template variables")
        ->required();
    cmd->add_subcommand("list", "The queue, in the order `plan send` takes it");
    auto* remove = cmd->add_subcommand("remove", "Take people off the queue");
    remove->add_option("url", o->remove.urls, "profile URLs")->required();
    cmd->callback([o, cmd, &selected] {
        o->action = cmd->get_subcommands().front()->get_name();
        selected = [o](Context& ctx) -> core::Result<Output> {
            if (o->action == "list") return answer(ctx, app::QueueListRequest{}, queue_text);
            if (o->action == "remove") return answer(ctx, o->remove, removed_text);
            if (o->action == "add")
                return answer(ctx, o->add, [](const app::QueueAddAnswer& a) { return queued_text(a, "queue add"); });
            return answer(ctx, o->import, [o](const app::QueueAddAnswer& a) { return queued_text(a, o->import.path); });
        };
    });
}

void add_template(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<TemplateOptions>();
    auto* cmd = app.add_subcommand("template", "Note templates: add, list, remove");
    cmd->require_subcommand(1);
    auto* add = cmd->add_subcommand("add", "Save a template (replaces one of the same name)");
    add->add_option("name", o->name, "its name")->required();
    add->add_option("text", o->text, "the note, with {first_name}, {name}, {company} or any queue column")->required();
    cmd->add_subcommand("list", "Every template");
    auto* remove = cmd->add_subcommand("remove", "Delete a template");
    remove->add_option("name", o->name, "its name")->required();
    cmd->callback([o, cmd, &selected] {
        o->action = cmd->get_subcommands().front()->get_name();
        selected = [o](Context& ctx) -> core::Result<Output> {
            if (o->action == "list") return answer(ctx, app::TemplateListRequest{}, templates_text);
            if (o->action == "remove")
                return answer(ctx, app::TemplateRemoveRequest{o->name}, [](const app::TemplateRemoveAnswer& a) {
                    return fmt::format("Removed template {}\n", a.name);
                });
            return answer(ctx, app::TemplateAddRequest{o->name, o->text},
                          [](const app::TemplateAddAnswer& a) { return fmt::format("Saved template {}\n", a.name); });
        };
    });
}

void add_dnc(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<DncOptions>();
    auto* cmd = app.add_subcommand("dnc", "Do-not-contact: add, remove, list");
    cmd->require_subcommand(1);
    cmd->add_subcommand("add", "Never plan a request to these people")->add_option("url", o->urls, "profile URLs");
    cmd->add_subcommand("remove", "Take people off the list")->add_option("url", o->urls, "profile URLs");
    cmd->add_subcommand("list", "Everyone on the list");
    cmd->callback([o, cmd, &selected] {
        o->action = cmd->get_subcommands().front()->get_name();
        selected = [o](Context& ctx) -> core::Result<Output> {
            if (o->action == "list") return answer(ctx, app::DncListRequest{}, dnc_text);
            return answer(ctx, app::DncChangeRequest{o->action == "remove", o->urls}, dnc_changed_text);
        };
    });
}

}  // namespace ik::present
