#include "app/json.h"

#include <algorithm>
#include <map>

namespace ik::app {

namespace {

long pending_now(store::Store& store, core::AccountId account)
{
    store::InvitationQuery pending;
    pending.status = core::Status::pending;
    return store.count_invitations(account, pending);
}

void add(ingest::ImportCounts& total, const ingest::ImportCounts& c)
{
    total.outgoing += c.outgoing;
    total.incoming += c.incoming;
    total.new_invitations += c.new_invitations;
    total.unchanged += c.unchanged;
    total.connections += c.connections;
    total.new_connections += c.new_connections;
    total.accepted += c.accepted;
    total.gone += c.gone;
    total.seen_again += c.seen_again;
    total.refined += c.refined;
}

// What one source holds once read: an export's files, or one saved Sent page.
struct ParsedSource {
    std::vector<ingest::ParsedFile> files;
    std::optional<ingest::SentPage> page;
    std::string page_file;     // the page's name, for messages and its invitations' source
    core::Instant page_time{};  // when the page was saved: every card was pending then
};

// When a page was saved: an MHTML file's Date, else the file's modification time
// when that is earlier than now (a file copied or touched later says nothing), else
// now (a paste). Never later than now.
core::Instant page_time(const ingest::SentPage& page, const ingest::SourceFile& file, core::Instant now)
{
    if (page.saved_at) return std::min(*page.saved_at, now);
    if (file.modified_at && *file.modified_at < now) return *file.modified_at;
    return now;
}

}  // namespace

core::Result<ImportAnswer> run(Session& session, const ImportRequest& request)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto account = scope->account.id;

    auto export_zone = core::Zone::named(scope->settings.text("account.export_zone"));
    if (!export_zone) return std::unexpected(export_zone.error());
    ingest::ReconcileOptions options{*export_zone, scope->settings.duration("import.window")};

    // Parse everything first: a bad file stops the import before any write.
    std::vector<ParsedSource> exports;
    ingest::ReadLimits limits;
    limits.max_file_bytes = static_cast<size_t>(scope->settings.integer("import.max_file_bytes"));
    for (const auto& source : request.sources) {
        auto files = ingest::read_source(source.path, limits);
        if (!files) return std::unexpected(files.error());
        ParsedSource parsed;
        if (files->size() == 1 && files->front().page) {
            const auto& file = files->front();
            if (request.progress) request.progress("reading", source.shown, 0, file.data.size());
            auto page = ingest::parse_sent_page(file.data, file.display_name);
            if (!page) return std::unexpected(page.error());
            if (request.progress) request.progress("reading", source.shown, file.data.size(), file.data.size());
            parsed.page_time = page_time(*page, file, scope->now);
            parsed.page_file = file.display_name;
            parsed.page = std::move(*page);
            exports.push_back(std::move(parsed));
            continue;
        }
        // One line of progress for all the files of a source: bytes of them all.
        size_t source_bytes = 0, read_before = 0;
        for (const auto& file : *files) source_bytes += file.data.size();
        for (const auto& file : *files) {
            ingest::Progress reading;
            if (request.progress)
                reading = [&](size_t done, size_t) {
                    request.progress("reading", source.shown, read_before + done, source_bytes);
                };
            auto read = ingest::parse_file(file, request.skip_invalid, reading, export_zone->to_local(scope->now));
            if (!read) return std::unexpected(read.error());
            read_before += file.data.size();
            parsed.files.push_back(std::move(*read));
        }
        exports.push_back(std::move(parsed));
    }

    ImportAnswer answer;
    answer.account = scope->account.name;
    answer.dry_run = request.dry_run;
    size_t invitation_rows = 0;
    for (const auto& parsed : exports) {
        for (const auto& f : parsed.files) invitation_rows += f.invitations.size();
        if (parsed.page) invitation_rows += parsed.page->cards.size();
    }
    // A dry run does everything in the transaction, then rolls it back with this.
    constexpr std::string_view kDryRun = "dry_run";
    store::WriteProgress writing;
    if (request.progress)
        writing = [&](std::string_view phase, size_t done, size_t total) { request.progress(phase, "", done, total); };
    auto done = store.transaction({.expected_invitations = invitation_rows, .progress = writing}, [&]() -> core::Result<void> {
        const core::ImportId import = store.begin_import(account, scope->now);
        bool recorded = false;  // a listing, a whole export or a connection's date moved on
        for (size_t i = 0; i < exports.size(); ++i) {
            ImportedSource source{request.sources[i].shown, {}, std::nullopt, std::nullopt, {}, {}};
            if (request.progress) request.progress("reconciling", request.sources[i].shown, i, exports.size());
            ingest::ImportBatch batch;
            if (exports[i].page) {
                const ingest::SentPageOptions page_options{exports[i].page_time, request.complete,
                                                           exports[i].page_file};
                auto page = ingest::reconcile_sent_page(
                    store.page_ledger(account, ingest::page_scope(*exports[i].page)), *exports[i].page, page_options);
                if (auto snapshot = ingest::page_snapshot(*exports[i].page, page, page_options))
                    if (store.record_page(account, *snapshot, import)) recorded = true;
                batch = std::move(page.batch);
                source.sent_page = page.summary;
                source.layout = std::string(ingest::to_string(exports[i].page->layout));
                source.warnings = batch.warnings;
                source.files.push_back(ImportedFile{exports[i].page_file, ingest::FileKind::unknown,
                                                    exports[i].page->cards.size()});
                exports[i].page.reset();
            } else {
                batch = ingest::reconcile(store.ledger(account), exports[i].files, options);
            }
            if (request.progress) request.progress("reconciling", request.sources[i].shown, i + 1, exports.size());
            for (auto& n : batch.new_invitations)
                for (auto& e : n.events) e.import = import;
            for (auto& change : batch.changes) change.event.import = import;
            // The rows are in the batch now; free them before the database work.
            bool lists_invitations = false;
            for (auto& f : exports[i].files) {
                const bool invitations = f.kind == ingest::FileKind::invitations;
                lists_invitations = lists_invitations || invitations;
                source.files.push_back(
                    ImportedFile{f.display_name, f.kind, invitations ? f.invitations.size() : f.connections.size()});
                f.invitations = {};
                f.connections = {};
            }
            store.upsert_connections(account, batch.connections, import);
            store.refine_invitations(account, batch.refinements, import);
            store.record_sightings(account, batch.sightings, import);
            if (batch.snapshot && store.record_snapshot(account, *batch.snapshot, import)) recorded = true;
            if (!batch.sightings.empty() || !batch.connections.empty()) recorded = true;
            for (auto& n : batch.new_invitations) n.invitation.account = account;
            if (!batch.new_invitations.empty())
                if (auto r = store.add_invitations(std::move(batch.new_invitations), scope->now); !r)
                    return std::unexpected(r.error());
            for (const auto& change : batch.changes)
                if (auto r = store.record_event(account, change.id, change.event, scope->now); !r) return r;
            add(answer.counts, batch.counts);
            if (lists_invitations) source.whole_export = batch.snapshot.has_value();
            answer.warnings.insert(answer.warnings.end(), batch.warnings.begin(), batch.warnings.end());
            answer.skipped.insert(answer.skipped.end(), batch.skipped.begin(), batch.skipped.end());
            answer.sources.push_back(std::move(source));
        }
        answer.pending = pending_now(store, account);
        const auto& t = answer.counts;
        answer.changed = recorded || t.new_invitations > 0 || t.new_connections > 0 || t.accepted > 0 || t.gone > 0 ||
                         t.seen_again > 0 || t.refined > 0;
        if (answer.changed) {
            std::string joined;
            for (const auto& s : request.sources) joined += (joined.empty() ? "" : "\n") + s.shown;
            // The record keeps what the import answered, as --json printed it.
            store.finish_import(import, store::ImportRecord{scope->now, joined, to_json(answer).dump()});
        } else {
            store.forget_import(import);
        }
        if (request.dry_run) return core::fail(core::ErrorKind::internal, std::string(kDryRun), "");
        return {};
    });
    if (!done && done.error().code != kDryRun) return std::unexpected(done.error());
    return answer;
}

namespace {

Json warning_json(const ingest::ImportWarning& w)
{
    return Json{{"code", w.code},
                {"file", w.file.empty() ? Json() : Json(w.file)},
                {"line", w.line > 0 ? Json(w.line) : Json()},
                {"message", w.message}};
}

Json sent_page_json(const ImportedSource& s)
{
    const auto& p = *s.sent_page;
    Json warnings = Json::array();
    for (const auto& w : s.warnings) warnings.push_back(warning_json(w));
    return Json{{"file", s.files.empty() ? Json() : Json(s.files.front().file)},
                {"layout", s.layout},
                {"saved_at", core::format_instant(p.saved_at)},
                {"cards", p.cards},
                {"people_count", p.people_count ? Json(*p.people_count) : Json()},
                {"complete", p.complete},
                {"matched", p.matched},
                {"new", p.added},
                {"gone", p.gone},
                {"seen_again", p.seen_again},
                {"refined", p.refined},
                {"ambiguous", p.ambiguous},
                {"contradicted", p.contradicted},
                {"warnings", warnings}};
}

}  // namespace

Json to_json(const ImportAnswer& a)
{
    Json sources = Json::array();
    Json last_page;  // the last page's summary: what most imports of a page want at the top
    for (const auto& s : a.sources) {
        Json files = Json::array();
        for (const auto& f : s.files)
            files.push_back(Json{{"file", f.file},
                                 {"kind", s.sent_page                                 ? "sent_page"
                                          : f.kind == ingest::FileKind::invitations ? "invitations"
                                                                                    : "connections"},
                                 {"rows", f.rows}});
        Json source{
            {"path", s.shown}, {"files", files}, {"whole_export", s.whole_export ? Json(*s.whole_export) : Json()}};
        source["sent_page"] = s.sent_page ? sent_page_json(s) : Json();
        if (s.sent_page) last_page = source["sent_page"];
        sources.push_back(std::move(source));
    }
    const auto& c = a.counts;
    Json j;
    j["account"] = a.account;
    j["sources"] = sources;
    j["invitations"] = Json{
        {"outgoing", c.outgoing}, {"incoming", c.incoming}, {"new", c.new_invitations}, {"unchanged", c.unchanged}};
    j["connections"] = c.connections;
    j["connections_new"] = c.new_connections;
    j["accepted"] = c.accepted;
    j["gone"] = c.gone;
    j["seen_again"] = c.seen_again;
    j["refined"] = c.refined;
    j["sent_page"] = last_page;
    j["pending"] = a.pending;
    j["changed"] = a.changed;
    j["dry_run"] = a.dry_run;
    Json warnings = Json::array();
    std::map<std::string, long> by_code;
    for (const auto& w : a.warnings) {
        warnings.push_back(warning_json(w));
        ++by_code[w.code];
    }
    j["warnings"] = warnings;
    j["warning_counts"] = by_code;
    j["skipped"] = a.skipped;
    return j;
}

core::Result<ImportUndoAnswer> run(Session& session, const ImportUndoRequest&)
{
    auto scope = session.open_account();
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    ImportUndoAnswer answer;
    answer.account = scope->account.name;
    auto done = store.transaction([&]() -> core::Result<void> {
        auto r = store.undo_last_import(scope->account.id, scope->now);
        if (!r) return std::unexpected(r.error());
        answer.undone = std::move(*r);
        answer.pending = pending_now(store, scope->account.id);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    const std::string& all = answer.undone.sources;
    for (size_t at = 0, next; at <= all.size(); at = next + 1) {
        next = std::min(all.find('\n', at), all.size());
        answer.sources.push_back(all.substr(at, next - at));
    }
    return answer;
}

Json to_json(const ImportUndoAnswer& a)
{
    const auto& u = a.undone;
    Json j;
    j["account"] = a.account;
    j["undone"] = Json{{"import", u.id.value}, {"at", core::format_instant(u.at)}, {"sources", a.sources}};
    j["invitations_removed"] = u.invitations_removed;
    j["findings_undone"] = u.findings_undone;
    j["sightings_undone"] = u.sightings_undone;
    j["connections_removed"] = u.connections_removed;
    j["connections_restored"] = u.connections_restored;
    j["whole_exports_removed"] = u.snapshots_removed;
    j["pending"] = a.pending;
    return j;
}

}  // namespace ik::app
