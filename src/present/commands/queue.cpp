// `queue add|import|list|remove`: the people the member means to invite, and
// `template add|list|remove`, `dnc add|remove|list`: what goes with them.
#include "present/command.h"

#include "ingest/people.h"
#include "ingest/prospects.h"
#include "plan/outreach.h"
#include "plan/templates.h"

#include <fmt/format.h>

#include <set>

namespace ik::present {

namespace {

struct QueueOptions {
    std::string action;
    ingest::ProspectInput input;
    std::string file;
    std::vector<std::string> urls;
};

std::string note_column(const core::Prospect& p)
{
    if (p.note) return shorten(*p.note, 36);
    if (p.template_name) return "template " + *p.template_name;
    return "-";
}

Json prospect_json(const core::Prospect& p)
{
    return Json{{"id", p.id.value},
                {"profile_url", p.person.profile_url},
                {"name", p.person.name},
                {"first_name", p.first_name},
                {"company", p.company},
                {"note", p.note ? Json(*p.note) : Json()},
                {"template", p.template_name ? Json(*p.template_name) : Json()},
                {"timezone", p.zone ? Json(*p.zone) : Json()},
                {"priority", p.priority},
                {"vars", p.vars}};
}

// A template a prospect names must render for them: every variable has a value.
core::Result<void> check_renders(const std::vector<core::Prospect>& prospects,
                                 const std::vector<core::Template>& templates, std::vector<std::string>& warnings)
{
    for (const auto& p : prospects) {
        if (!p.template_name) continue;
        auto note = plan::prospect_note(p, templates);
        if (!note && note.error().code == "unknown_template") {
            warnings.push_back(note.error().message + "; add it before `plan send`");
            continue;
        }
        if (!note) return std::unexpected(note.error());
    }
    return {};
}

core::Result<Output> run_queue(Context& ctx, const QueueOptions& o)
{
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto account = scope->account.id;
    Output out;

    if (o.action == "list") {
        auto queue = store.prospects(account);
        Json items = Json::array();
        TextTable table({"#", "priority", "name", "note", "their zone", "profile"}, {true, true});
        for (size_t i = 0; i < queue.size(); ++i) {
            items.push_back(prospect_json(queue[i]));
            table.add({std::to_string(i + 1), std::to_string(queue[i].priority), shorten(queue[i].person.name, 28),
                       note_column(queue[i]), queue[i].zone.value_or("-"), queue[i].person.profile_url});
        }
        out.json["count"] = queue.size();
        out.json["items"] = items;
        out.text = queue.empty() ? "The queue is empty.\n"
                                 : fmt::format("{} queued, in the order `plan send` takes them:\n{}",
                                               thousands(static_cast<long>(queue.size())), table.render());
        return out;
    }

    if (o.action == "remove") {
        long removed = 0;
        std::vector<std::string> keys;
        for (const auto& url : o.urls) {
            auto ref = ingest::profile_url(url);
            if (!ref) return std::unexpected(ref.error());
            keys.push_back(ref->key);
        }
        auto done = store.transaction([&]() -> core::Result<void> {
            for (const auto& k : keys) removed += store.remove_prospects(account, k);
            return {};
        });
        if (!done) return std::unexpected(done.error());
        out.json["removed"] = removed;
        out.text = fmt::format("Removed {} queue entr{}.\n", removed, removed == 1 ? "y" : "ies");
        return out;
    }

    std::vector<core::Prospect> adding;
    std::string source;
    if (o.action == "add") {
        auto p = ingest::make_prospect(o.input, ingest::InputPlace{"queue add", {}}, scope->now);
        if (!p) return std::unexpected(p.error());
        adding.push_back(std::move(*p));
        source = "queue add";
    } else {  // import
        auto rows = ingest::read_prospects_file(o.file, scope->now);
        if (!rows) return std::unexpected(rows.error());
        adding = std::move(*rows);
        source = o.file;
    }

    std::vector<std::string> warnings;
    if (auto r = check_renders(adding, store.templates(account), warnings); !r) return std::unexpected(r.error());
    // Say at once what `plan send` would refuse anyway.
    std::set<std::string> queued;
    for (const auto& p : store.prospects(account)) queued.insert(p.person.key);
    std::set<std::string> dnc;
    for (const auto& d : store.do_not_contact(account)) dnc.insert(d.person.key);
    for (const auto& p : adding) {
        if (!queued.insert(p.person.key).second)
            warnings.push_back(
                fmt::format("{} is already queued; `plan send` plans the first entry only", p.person.profile_url));
        if (dnc.contains(p.person.key))
            warnings.push_back(fmt::format("{} is on the do-not-contact list", p.person.profile_url));
    }

    std::vector<core::ProspectId> ids;
    auto done = store.transaction([&]() -> core::Result<void> {
        ids = store.add_prospects(account, adding);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    Json items = Json::array();
    for (size_t i = 0; i < adding.size(); ++i) {
        adding[i].id = ids[i];
        items.push_back(prospect_json(adding[i]));
    }
    out.json["added"] = adding.size();
    out.json["items"] = items;
    out.json["warnings"] = warnings;
    if (adding.size() == 1)
        out.text = fmt::format("Queued {} ({})\n", adding[0].person.name, adding[0].person.profile_url);
    else
        out.text = fmt::format("Queued {} people from {}\n", thousands(static_cast<long>(adding.size())), source);
    for (const auto& w : warnings) out.text += "  warning: " + w + "\n";
    return out;
}

struct TemplateOptions {
    std::string action;
    std::string name;
    std::string text;
};

core::Result<Output> run_template(Context& ctx, const TemplateOptions& o)
{
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto account = scope->account.id;
    Output out;
    if (o.action == "list") {
        auto all = store.templates(account);
        Json items = Json::array();
        TextTable table({"name", "text"});
        for (const auto& t : all) {
            items.push_back(Json{{"name", t.name}, {"text", t.text}, {"updated_at", json_instant(t.updated_at)}});
            table.add({t.name, shorten(t.text, 70)});
        }
        out.json["items"] = items;
        out.text = all.empty() ? "No templates. Add one: invitekeeper template add NAME \"Hi {first_name}, ...\"\n"
                               : table.render();
        return out;
    }
    if (o.name.empty()) return core::fail(core::ErrorKind::usage, "bad_template", "give the template's name");
    if (o.action == "remove") {
        bool removed = false;
        auto done = store.transaction([&]() -> core::Result<void> {
            removed = store.remove_template(account, o.name);
            return {};
        });
        if (!done) return std::unexpected(done.error());
        if (!removed)
            return core::fail(core::ErrorKind::bad_input, "unknown_template",
                              fmt::format("no template named \"{}\"", o.name));
        out.json["removed"] = o.name;
        out.text = fmt::format("Removed template {}\n", o.name);
        return out;
    }
    // add: the text must be a valid template (variables are checked per prospect).
    if (o.text.empty()) return core::fail(core::ErrorKind::usage, "bad_template", "give the template's text");
    if (auto r = plan::check_template_syntax(o.text); !r) return std::unexpected(r.error());
    auto done = store.transaction([&]() -> core::Result<void> {
        store.set_template(account, core::Template{o.name, o.text, scope->now});
        return {};
    });
    if (!done) return std::unexpected(done.error());
    out.json["name"] = o.name;
    out.json["text"] = o.text;
    out.text = fmt::format("Saved template {}\n", o.name);
    return out;
}

struct DncOptions {
    std::string action;
    std::vector<std::string> urls;
};

core::Result<Output> run_dnc(Context& ctx, const DncOptions& o)
{
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto account = scope->account.id;
    Output out;
    if (o.action == "list") {
        auto all = store.do_not_contact(account);
        Json items = Json::array();
        TextTable table({"since", "name", "profile"});
        for (const auto& d : all) {
            items.push_back(Json{{"profile_url", d.person.profile_url},
                                 {"name", d.person.name},
                                 {"added_at", json_instant(d.added_at)}});
            table.add({core::format_instant(d.added_at).substr(0, 10), d.person.name, d.person.profile_url});
        }
        out.json["items"] = items;
        out.text = all.empty() ? "The do-not-contact list is empty.\n" : table.render();
        return out;
    }
    if (o.urls.empty()) return core::fail(core::ErrorKind::usage, "bad_dnc", "give one or more profile URLs");
    std::vector<core::Person> people;
    for (const auto& url : o.urls) {
        auto ref = ingest::profile_url(url);
        if (!ref) return std::unexpected(ref.error());
        people.push_back(core::Person{ref->key, ref->key.substr(3), ref->canonical});
    }
    long changed = 0;
    auto done = store.transaction([&]() -> core::Result<void> {
        for (const auto& p : people)
            changed += o.action == "add" ? store.add_do_not_contact(account, core::DoNotContact{p, scope->now})
                                         : store.remove_do_not_contact(account, p.key);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    out.json[o.action == "add" ? "added" : "removed"] = changed;
    out.text = fmt::format("{} {} of {} on the do-not-contact list.\n", o.action == "add" ? "Added" : "Removed",
                           changed, people.size());
    return out;
}

}  // namespace

void add_queue(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<QueueOptions>();
    auto* cmd = app.add_subcommand("queue", "The people to invite: add, import, list, remove");
    cmd->require_subcommand(1);
    auto* add = cmd->add_subcommand("add", "Queue one person");
    add->add_option("url", o->input.profile_url, "their LinkedIn profile URL")->required();
    add->add_option("--name", o->input.name, "their full name");
    add->add_option("--first-name", o->input.first_name, "for {first_name} and the note checks");
    add->add_option("--company", o->input.company, "for {company} and the note checks");
    auto* note = add->add_option("--note", o->input.note, "the note to send");
    add->add_option("--template", o->input.template_name, "a template to render the note from")->excludes(note);
    add->add_option("--tz", o->input.timezone, "their time zone, like America/New_York (default: yours)");
    add->add_option("--priority", o->input.priority, "higher goes first (default 0)");
    auto* import = cmd->add_subcommand("import", "Queue everyone in a CSV (columns by header name)");
    import
        ->add_option("file", o->file,
                     "CSV with a profile_url column; name, first_name, company, note, template, "
                     "timezone, priority; other columns become template variables")
        ->required();
    cmd->add_subcommand("list", "The queue, in the order `plan send` takes it");
    auto* remove = cmd->add_subcommand("remove", "Take people off the queue");
    remove->add_option("url", o->urls, "profile URLs")->required();
    cmd->callback([o, cmd, &selected] {
        o->action = cmd->get_subcommands().front()->get_name();
        selected = [o](Context& ctx) { return run_queue(ctx, *o); };
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
        selected = [o](Context& ctx) { return run_template(ctx, *o); };
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
        selected = [o](Context& ctx) { return run_dnc(ctx, *o); };
    });
}

}  // namespace ik::present
