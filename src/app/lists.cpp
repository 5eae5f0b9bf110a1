#include "app/json.h"

#include "ingest/people.h"
#include "plan/outreach.h"
#include "plan/templates.h"

#include <fmt/format.h>

#include <set>

namespace ik::app {

namespace {

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

core::Result<QueueAddAnswer> queue_prospects(AccountScope& scope, std::vector<core::Prospect> adding)
{
    auto& store = *scope.store;
    const auto account = scope.account.id;
    QueueAddAnswer answer;
    if (auto r = check_renders(adding, store.templates(account), answer.warnings); !r)
        return std::unexpected(r.error());
    // Say at once what `plan send` would refuse anyway.
    std::set<std::string> queued;
    for (const auto& p : store.prospects(account)) queued.insert(p.person.key);
    std::set<std::string> dnc;
    for (const auto& d : store.do_not_contact(account)) dnc.insert(d.person.key);
    for (const auto& p : adding) {
        if (!queued.insert(p.person.key).second)
            answer.warnings.push_back(
                fmt::format("{} is already queued; `plan send` plans the first entry only", p.person.profile_url));
        if (dnc.contains(p.person.key))
            answer.warnings.push_back(fmt::format("{} is on the do-not-contact list", p.person.profile_url));
    }
    std::vector<core::ProspectId> ids;
    auto done = store.transaction([&]() -> core::Result<void> {
        ids = store.add_prospects(account, adding);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    for (size_t i = 0; i < adding.size(); ++i) adding[i].id = ids[i];
    answer.items = std::move(adding);
    return answer;
}

core::Result<std::vector<core::Person>> people_of(const std::vector<std::string>& urls)
{
    std::vector<core::Person> people;
    for (const auto& url : urls) {
        auto ref = ingest::profile_url(url);
        if (!ref) return std::unexpected(ref.error());
        people.push_back(core::Person{ref->key, ref->key.substr(3), ref->canonical});
    }
    return people;
}

}  // namespace

core::Result<QueueListAnswer> run(Session& session, const QueueListRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    return QueueListAnswer{scope->store->prospects(scope->account.id)};
}

core::Result<QueueAddAnswer> run(Session& session, const QueueAddRequest& request)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto p = ingest::make_prospect(request.input, ingest::InputPlace{"queue add", {}}, scope->now);
    if (!p) return std::unexpected(p.error());
    std::vector<core::Prospect> adding;
    adding.push_back(std::move(*p));
    return queue_prospects(*scope, std::move(adding));
}

core::Result<QueueAddAnswer> run(Session& session, const QueueImportRequest& request)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto rows = ingest::read_prospects_file(request.path, scope->now);
    if (!rows) return std::unexpected(rows.error());
    return queue_prospects(*scope, std::move(*rows));
}

core::Result<QueueRemoveAnswer> run(Session& session, const QueueRemoveRequest& request)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto people = people_of(request.urls);
    if (!people) return std::unexpected(people.error());
    auto& store = *scope->store;
    QueueRemoveAnswer answer;
    auto done = store.transaction([&]() -> core::Result<void> {
        for (const auto& p : *people) answer.removed += store.remove_prospects(scope->account.id, p.key);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return answer;
}

core::Result<TemplateListAnswer> run(Session& session, const TemplateListRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    return TemplateListAnswer{scope->store->templates(scope->account.id)};
}

core::Result<TemplateAddAnswer> run(Session& session, const TemplateAddRequest& request)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    if (request.name.empty()) return core::fail(core::ErrorKind::usage, "bad_template", "give the template's name");
    // The text must be a valid template (variables are checked per prospect).
    if (request.text.empty()) return core::fail(core::ErrorKind::usage, "bad_template", "give the template's text");
    if (auto r = plan::check_template_syntax(request.text); !r) return std::unexpected(r.error());
    auto& store = *scope->store;
    auto done = store.transaction([&]() -> core::Result<void> {
        store.set_template(scope->account.id, core::Template{request.name, request.text, scope->now});
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return TemplateAddAnswer{request.name, request.text};
}

core::Result<TemplateRemoveAnswer> run(Session& session, const TemplateRemoveRequest& request)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    if (request.name.empty()) return core::fail(core::ErrorKind::usage, "bad_template", "give the template's name");
    auto& store = *scope->store;
    bool removed = false;
    auto done = store.transaction([&]() -> core::Result<void> {
        removed = store.remove_template(scope->account.id, request.name);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    if (!removed)
        return core::fail(core::ErrorKind::bad_input, "unknown_template",
                          fmt::format("no template named \"{}\"", request.name));
    return TemplateRemoveAnswer{request.name};
}

core::Result<DncListAnswer> run(Session& session, const DncListRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    return DncListAnswer{scope->store->do_not_contact(scope->account.id)};
}

core::Result<DncChangeAnswer> run(Session& session, const DncChangeRequest& request)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    if (request.urls.empty()) return core::fail(core::ErrorKind::usage, "bad_dnc", "give one or more profile URLs");
    auto people = people_of(request.urls);
    if (!people) return std::unexpected(people.error());
    auto& store = *scope->store;
    DncChangeAnswer answer{request.remove, 0, static_cast<long>(people->size())};
    auto done = store.transaction([&]() -> core::Result<void> {
        for (const auto& p : *people)
            answer.changed += request.remove
                                  ? store.remove_do_not_contact(scope->account.id, p.key)
                                  : store.add_do_not_contact(scope->account.id, core::DoNotContact{p, scope->now});
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return answer;
}

namespace {

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

}  // namespace

Json to_json(const QueueListAnswer& answer)
{
    Json items = Json::array();
    for (const auto& p : answer.items) items.push_back(prospect_json(p));
    Json j;
    j["count"] = answer.items.size();
    j["items"] = items;
    return j;
}

Json to_json(const QueueAddAnswer& answer)
{
    Json items = Json::array();
    for (const auto& p : answer.items) items.push_back(prospect_json(p));
    Json j;
    j["added"] = answer.items.size();
    j["items"] = items;
    j["warnings"] = answer.warnings;
    return j;
}

Json to_json(const QueueRemoveAnswer& answer)
{
    return Json{{"removed", answer.removed}};
}

Json to_json(const TemplateListAnswer& answer)
{
    Json items = Json::array();
    for (const auto& t : answer.items)
        items.push_back(Json{{"name", t.name}, {"text", t.text}, {"updated_at", json_instant(t.updated_at)}});
    return Json{{"items", items}};
}

Json to_json(const TemplateAddAnswer& answer)
{
    return Json{{"name", answer.name}, {"text", answer.text}};
}

Json to_json(const TemplateRemoveAnswer& answer)
{
    return Json{{"removed", answer.name}};
}

Json to_json(const DncListAnswer& answer)
{
    Json items = Json::array();
    for (const auto& d : answer.items)
        items.push_back(Json{
            {"profile_url", d.person.profile_url}, {"name", d.person.name}, {"added_at", json_instant(d.added_at)}});
    return Json{{"items", items}};
}

Json to_json(const DncChangeAnswer& answer)
{
    Json j;
    j[answer.remove ? "removed" : "added"] = answer.changed;
    return j;
}

}  // namespace ik::app
