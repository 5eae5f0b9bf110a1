// `import PATH...`: reads LinkedIn exports (zip, folder or CSV) into the ledger in
// one transaction. Every file is parsed before anything is written; on any error
// the database is left as it was.
#include "present/command.h"

#include "ingest/linkedin_export.h"
#include "ingest/reconcile.h"
#include "plan/status.h"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace ik::present {

namespace {

struct ImportOptions {
    std::vector<std::string> paths;
    bool skip_invalid = false;
    bool dry_run = false;  // everything but the commit
    bool undo = false;     // take back the latest import instead
    // Set by the HTTP API for an uploaded file: the name the member gave it, shown and
    // recorded instead of the server's temporary path.
    std::string uploaded_as;
};

// How the i-th path is shown and recorded: an upload as "upload:NAME".
std::string shown_path(const ImportOptions& o, size_t i)
{
    return o.uploaded_as.empty() ? o.paths[i] : "upload:" + o.uploaded_as;
}

// A progress bar on stderr for large files, only when stderr is a terminal.
ingest::Progress progress_bar(Context& ctx, const std::string& name)
{
    if (!ctx.err_is_terminal()) return {};
    return [&ctx, name](size_t done, size_t total) {
        if (total < (8u << 20)) return;
        const long pct = static_cast<long>(done * 100 / total);
        ctx.err() << "\r" << fmt::format("reading {} {} {:3}%", shorten(name, 40), bar(pct, 100, 30), pct)
                  << (done >= total ? "\n" : "") << std::flush;
    };
}

core::Result<Output> run_import(Context& ctx, const ImportOptions& o)
{
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    const auto account = scope->account.id;

    auto export_zone = core::Zone::named(scope->settings.text("account.export_zone"));
    if (!export_zone) return std::unexpected(export_zone.error());
    ingest::ReconcileOptions options{*export_zone, scope->settings.duration("import.window")};

    // Parse everything first: a bad file stops the import before any write.
    std::vector<std::vector<ingest::ParsedFile>> exports;
    for (const auto& path : o.paths) {
        auto sources = ingest::read_source(path);
        if (!sources) return std::unexpected(sources.error());
        std::vector<ingest::ParsedFile> parsed;
        for (const auto& source : *sources) {
            auto file = ingest::parse_file(source, o.skip_invalid, progress_bar(ctx, source.display_name),
                                           export_zone->to_local(scope->now));
            if (!file) return std::unexpected(file.error());
            parsed.push_back(std::move(*file));
        }
        exports.push_back(std::move(parsed));
    }

    ingest::ImportCounts total;
    std::vector<size_t> rows_read;  // per file, in order
    std::vector<std::string> warnings, skipped;
    std::vector<Json> whole;  // per path: whether its invitations are a whole export; null without any
    Json sources = Json::array();
    long pending = 0;
    bool changed = false;
    Output out;
    auto fill_summary = [&] {
        out.json["account"] = scope->account.name;
        out.json["sources"] = sources;
        out.json["invitations"] = Json{{"outgoing", total.outgoing},
                                       {"incoming", total.incoming},
                                       {"new", total.new_invitations},
                                       {"unchanged", total.unchanged}};
        out.json["connections"] = total.connections;
        out.json["connections_new"] = total.new_connections;
        out.json["accepted"] = total.accepted;
        out.json["gone"] = total.gone;
        out.json["seen_again"] = total.seen_again;
        out.json["pending"] = pending;
        out.json["changed"] = changed;
        out.json["dry_run"] = o.dry_run;
        out.json["warnings"] = warnings;
        out.json["skipped"] = skipped;
    };
    size_t invitation_rows = 0;
    for (const auto& parsed : exports)
        for (const auto& f : parsed) invitation_rows += f.invitations.size();
    // A dry run does everything in the transaction, then rolls it back with this.
    constexpr std::string_view kDryRun = "dry_run";
    auto done = store.transaction({.expected_invitations = invitation_rows}, [&]() -> core::Result<void> {
        const core::ImportId import = store.begin_import(account, scope->now);
        bool recorded = false;  // a listing, a whole export or a connection's date moved on
        for (size_t i = 0; i < exports.size(); ++i) {
            auto batch = ingest::reconcile(store.ledger(account), exports[i], options);
            for (auto& n : batch.new_invitations)
                for (auto& e : n.events) e.import = import;
            for (auto& change : batch.changes) change.event.import = import;
            // The rows are in the batch now; free them before the database work.
            for (auto& f : exports[i]) {
                rows_read.push_back(f.kind == ingest::FileKind::invitations ? f.invitations.size()
                                                                            : f.connections.size());
                f.invitations = {};
                f.connections = {};
            }
            store.upsert_connections(account, batch.connections, import);
            store.record_sightings(account, batch.sightings, import);
            if (batch.snapshot && store.record_snapshot(account, *batch.snapshot, import)) recorded = true;
            if (!batch.sightings.empty() || !batch.connections.empty()) recorded = true;
            for (auto& n : batch.new_invitations) n.invitation.account = account;
            if (!batch.new_invitations.empty())
                if (auto r = store.add_invitations(std::move(batch.new_invitations), scope->now); !r)
                    return std::unexpected(r.error());
            for (const auto& change : batch.changes)
                if (auto r = store.record_event(account, change.id, change.event, scope->now); !r) return r;
            const auto& c = batch.counts;
            total.outgoing += c.outgoing;
            total.incoming += c.incoming;
            total.new_invitations += c.new_invitations;
            total.unchanged += c.unchanged;
            total.connections += c.connections;
            total.new_connections += c.new_connections;
            total.accepted += c.accepted;
            total.gone += c.gone;
            total.seen_again += c.seen_again;
            const bool lists_invitations = std::any_of(exports[i].begin(), exports[i].end(), [](const auto& f) {
                return f.kind == ingest::FileKind::invitations;
            });
            whole.push_back(lists_invitations ? Json(batch.snapshot.has_value()) : Json(nullptr));
            warnings.insert(warnings.end(), batch.warnings.begin(), batch.warnings.end());
            skipped.insert(skipped.end(), batch.skipped.begin(), batch.skipped.end());
            Json files = Json::array();
            for (size_t j = 0; j < exports[i].size(); ++j) {
                const auto& f = exports[i][j];
                files.push_back(Json{{"file", f.display_name},
                                     {"kind", f.kind == ingest::FileKind::invitations ? "invitations" : "connections"},
                                     {"rows", rows_read[rows_read.size() - exports[i].size() + j]}});
            }
            sources.push_back(Json{{"path", shown_path(o, i)}, {"files", files}, {"whole_export", whole[i]}});
        }
        store::InvitationQuery pending_q;
        pending_q.status = core::Status::pending;
        pending = store.count_invitations(account, pending_q);
        changed = recorded || total.new_invitations > 0 || total.new_connections > 0 || total.accepted > 0 ||
                  total.gone > 0 || total.seen_again > 0;
        fill_summary();
        if (changed) {
            std::string joined;
            for (size_t i = 0; i < o.paths.size(); ++i) joined += (joined.empty() ? "" : "\n") + shown_path(o, i);
            store.finish_import(import, store::ImportRecord{scope->now, joined, out.json.dump()});
        } else {
            store.forget_import(import);
        }
        if (o.dry_run) return core::fail(core::ErrorKind::internal, std::string(kDryRun), "");
        return {};
    });
    if (!done && done.error().code != kDryRun) return std::unexpected(done.error());

    std::string& t = out.text;
    for (size_t i = 0; i < o.paths.size(); ++i)
        t += fmt::format("{} {}\n", o.dry_run ? "Would import" : "Imported", shown_path(o, i));
    t += fmt::format("  invitations  {} sent, {} received: {} new, {} already in the ledger\n",
                     thousands(total.outgoing), thousands(total.incoming), thousands(total.new_invitations),
                     thousands(total.unchanged));
    t += fmt::format("  connections  {} ({} new)\n", thousands(total.connections), thousands(total.new_connections));
    t +=
        fmt::format("  accepted     {} of your invitations found accepted by this import\n", thousands(total.accepted));
    t += fmt::format("  gone         {} of your invitations withdrawn or declined outside invitekeeper\n",
                     thousands(total.gone));
    if (total.seen_again > 0)
        t += fmt::format("  seen again   {} of your invitations thought gone are listed again: pending\n",
                         thousands(total.seen_again));
    t += fmt::format("  pending      {} of your invitations pending now\n", thousands(pending));
    if (!changed) t += "Nothing changed: every invitation and connection in these files was already in the ledger.\n";
    if (o.dry_run) t += "Dry run: nothing was written. Run it again without --dry-run to import.\n";
    else if (changed) t += "Undo all of it: invitekeeper import --undo\n";
    if (!warnings.empty()) {
        t += fmt::format("{} warning{}:\n", warnings.size(), warnings.size() == 1 ? "" : "s");
        for (const auto& w : warnings) t += "  " + w + "\n";
    }
    if (!skipped.empty()) {
        t +=
            fmt::format("{} invalid row{} skipped (--skip-invalid):\n", skipped.size(), skipped.size() == 1 ? "" : "s");
        for (const auto& s : skipped) t += "  " + s + "\n";
    }
    return out;
}

// `import --undo`: the latest import taken back whole, in one transaction.
core::Result<Output> run_undo(Context& ctx)
{
    auto scope = open_account(ctx);
    if (!scope) return std::unexpected(scope.error());
    auto& store = *scope->store;
    store::UndoneImport undone;
    long pending = 0;
    auto done = store.transaction([&]() -> core::Result<void> {
        auto r = store.undo_last_import(scope->account.id, scope->now);
        if (!r) return std::unexpected(r.error());
        undone = std::move(*r);
        store::InvitationQuery pending_q;
        pending_q.status = core::Status::pending;
        pending = store.count_invitations(scope->account.id, pending_q);
        return {};
    });
    if (!done) return std::unexpected(done.error());
    Output out;
    Json sources = Json::array();
    std::string shown;
    for (size_t at = 0, next; at <= undone.sources.size(); at = next + 1) {
        next = std::min(undone.sources.find('\n', at), undone.sources.size());
        sources.push_back(undone.sources.substr(at, next - at));
        shown += (shown.empty() ? "" : ", ") + undone.sources.substr(at, next - at);
    }
    out.json["account"] = scope->account.name;
    out.json["undone"] = Json{{"import", undone.id.value}, {"at", core::format_instant(undone.at)}, {"sources", sources}};
    out.json["invitations_removed"] = undone.invitations_removed;
    out.json["findings_undone"] = undone.findings_undone;
    out.json["sightings_undone"] = undone.sightings_undone;
    out.json["connections_removed"] = undone.connections_removed;
    out.json["connections_restored"] = undone.connections_restored;
    out.json["whole_exports_removed"] = undone.snapshots_removed;
    out.json["pending"] = pending;
    std::string& t = out.text;
    t += fmt::format("Took back the import of {} made {}\n", shown, core::format_instant(undone.at));
    t += fmt::format("  invitations  {} it added, removed\n", thousands(undone.invitations_removed));
    t += fmt::format("  findings     {} it made about others (accepted, gone, seen again), taken back\n",
                     thousands(undone.findings_undone));
    t += fmt::format("  connections  {} it added, removed; {} it changed, restored\n",
                     thousands(undone.connections_removed), thousands(undone.connections_restored));
    t += fmt::format("  pending      {} of your invitations pending now\n", thousands(pending));
    return out;
}

}  // namespace

void add_import(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<ImportOptions>();
    auto* cmd =
        app.add_subcommand("import", "Import LinkedIn export zips, folders, Invitations.csv or Connections.csv");
    cmd->add_option("path", o->paths, "export zip, unzipped export folder or CSV file; several are imported in order");
    cmd->add_flag("--skip-invalid", o->skip_invalid, "import the good rows and list the bad ones");
    cmd->add_flag("--dry-run", o->dry_run, "say what the import would change, and write nothing");
    cmd->add_flag("--undo", o->undo, "take back the latest import whole (again for the one before)");
    // Hidden (no group): only the HTTP API's upload route passes it, with one path.
    cmd->add_option("--uploaded-as", o->uploaded_as)->group("");
    cmd->callback([o, &selected] {
        if (o->undo && (!o->paths.empty() || o->dry_run || o->skip_invalid))
            throw CLI::ValidationError("--undo", "takes no path and no other option: it undoes the latest import");
        if (!o->undo && o->paths.empty()) throw CLI::RequiredError("path");
        selected = [o](Context& ctx) { return o->undo ? run_undo(ctx) : run_import(ctx, *o); };
    });
}

}  // namespace ik::present
