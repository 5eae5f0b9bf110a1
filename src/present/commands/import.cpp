// `import PATH...` and `import --undo`: the command line of app/imports.h.
#include "present/command.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>

namespace ik::present {

namespace {

struct ImportOptions {
    std::vector<std::string> paths;
    bool skip_invalid = false;
    bool dry_run = false;
    bool complete = false;  // a Sent page without a count lists every invitation
    bool undo = false;     // take back the latest import instead
    bool verbose = false;  // every warning and skipped row, not a line per kind
};

// Warnings of one kind beyond this many are summed up in one line.
constexpr size_t kListedPerKind = 3;

// One line for `group` (warnings of one code, in file order): what they are, how
// many, and where the first few are.
std::string warning_group_line(const std::vector<const ingest::ImportWarning*>& group)
{
    const auto& first = *group.front();
    const std::string n = thousands(static_cast<long>(group.size()));
    // Where the first few are: "Connections.csv lines 5, 6, 8, ..." when in one file.
    const size_t listed = std::min(group.size(), kListedPerKind);
    const bool one_file = std::all_of(group.begin(), group.begin() + static_cast<long>(listed),
                                      [&](const auto* w) { return w->file == first.file; });
    std::string where;
    for (size_t i = 0; i < listed; ++i) {
        if (group[i]->line <= 0) continue;
        where += where.empty() ? "" : ", ";
        where += one_file ? std::to_string(group[i]->line) : fmt::format("{}:{}", group[i]->file, group[i]->line);
    }
    if (!where.empty()) where = one_file ? fmt::format(" ({} lines {}, ...)", first.file, where) : fmt::format(" ({}, ...)", where);
    if (first.code == "connection_without_person")
        return fmt::format("{} connections with no name and no profile URL were left out{}: LinkedIn lists members "
                           "who hide their profile so",
                           n, where);
    if (first.code == "invitation_without_person")
        return fmt::format("{} invitations with no name and no profile URL were left out{}", n, where);
    if (first.code == "ambiguous_name") {
        std::string names;
        for (size_t i = 0; i < std::min(group.size(), kListedPerKind); ++i)
            names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", group[i]->subject);
        return fmt::format("invitations to {} names stay pending: several connections share each name ({}, ...) and "
                           "the export gives no profile URL to tell them apart",
                           n, names);
    }
    return fmt::format("{} warnings like this one: {}", n, first.message);
}

// The warnings, one line per kind unless `verbose` (then each), kinds in the order
// they first appear.
std::string warnings_text(const std::vector<ingest::ImportWarning>& warnings, bool verbose)
{
    if (warnings.empty()) return {};
    std::vector<std::string> order;
    std::map<std::string, std::vector<const ingest::ImportWarning*>> by_code;
    for (const auto& w : warnings) {
        auto& group = by_code[w.code];
        if (group.empty()) order.push_back(w.code);
        group.push_back(&w);
    }
    std::string t = fmt::format("{} warning{}:\n", thousands(static_cast<long>(warnings.size())),
                                warnings.size() == 1 ? "" : "s");
    bool summed = false;
    for (const auto& code : order) {
        const auto& group = by_code[code];
        if (verbose || group.size() <= kListedPerKind) {
            for (const auto* w : group) t += "  " + w->message + "\n";
        } else {
            t += "  " + warning_group_line(group) + "\n";
            summed = true;
        }
    }
    if (summed) t += "  (import --verbose lists every one; --json gives each with its file, line and code)\n";
    return t;
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

// What the exports of an import told, summed.
std::string export_counts_text(const ingest::ImportCounts& total)
{
    std::string t;
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
    if (total.refined > 0)
        t += fmt::format("  refined      {} invitations a Sent page added now have their exact sent time\n",
                         thousands(total.refined));
    return t;
}

// A saved Sent page's lines: when it was saved, how many cards of how many, and what
// they told.
std::string sent_page_text(const app::ImportedSource& source, bool dry_run)
{
    const auto& p = *source.sent_page;
    std::string t = fmt::format("{} {}: LinkedIn's Sent invitations page ({}), saved {}\n",
                                dry_run ? "Would import" : "Imported", source.shown,
                                source.layout == "text copy" ? "a text copy" : source.layout + " layout",
                                core::format_instant(p.saved_at));
    std::string of = p.people_count ? fmt::format(" of {}", thousands(*p.people_count)) : "";
    t += fmt::format("  cards        {}{}: {}\n", thousands(p.cards), of,
                     p.complete ? "the whole list, so what it leaves out is no longer pending"
                                : "not the whole list, so nothing is marked gone");
    t += fmt::format("  matched      {} already in the ledger; {} new pending invitation{}\n", thousands(p.matched),
                     thousands(p.added), p.added == 1 ? "" : "s");
    if (p.complete)
        t += fmt::format("  gone         {} pending invitation{} not on the page: accepted, withdrawn or declined "
                         "elsewhere (the next export tells the acceptances)\n",
                         thousands(p.gone), p.gone == 1 ? "" : "s");
    if (p.seen_again > 0)
        t += fmt::format("  seen again   {} thought gone are on the page: pending\n", thousands(p.seen_again));
    if (p.refined > 0)
        t += fmt::format("  refined      {} sent time{} bounded closer\n", thousands(p.refined),
                         p.refined == 1 ? "" : "s");
    return t;
}

std::string import_text(const app::ImportAnswer& a, bool verbose)
{
    const auto& total = a.counts;
    std::string t;
    bool any_export = false;
    for (const auto& source : a.sources) {
        if (source.sent_page) {
            t += sent_page_text(source, a.dry_run);
            continue;
        }
        any_export = true;
        t += fmt::format("{} {}\n", a.dry_run ? "Would import" : "Imported", source.shown);
    }
    if (any_export) t += export_counts_text(total);
    t += fmt::format("  pending      {} of your invitations pending now\n", thousands(a.pending));
    if (!a.changed)
        t += any_export ? "Nothing changed: every invitation and connection in these files was already in the ledger.\n"
                        : "Nothing changed: the ledger already had every card on this page as pending.\n";
    if (a.dry_run)
        t += "Dry run: nothing was written. Run it again without --dry-run to import.\n";
    else if (a.changed)
        t += "Undo all of it: invitekeeper import --undo\n";
    t += warnings_text(a.warnings, verbose);
    if (!a.skipped.empty()) {
        t += fmt::format("{} invalid row{} skipped (--skip-invalid):\n", thousands(static_cast<long>(a.skipped.size())),
                         a.skipped.size() == 1 ? "" : "s");
        const size_t shown = verbose ? a.skipped.size() : std::min(a.skipped.size(), kListedPerKind);
        for (size_t i = 0; i < shown; ++i) t += "  " + a.skipped[i] + "\n";
        if (shown < a.skipped.size())
            t += fmt::format("  and {} more (import --verbose lists every one)\n",
                             thousands(static_cast<long>(a.skipped.size() - shown)));
    }
    return t;
}

std::string undo_text(const app::ImportUndoAnswer& a)
{
    const auto& undone = a.undone;
    std::string shown;
    for (const auto& source : a.sources) shown += (shown.empty() ? "" : ", ") + source;
    std::string t;
    t += fmt::format("Took back the import of {} made {}\n", shown, core::format_instant(undone.at));
    t += fmt::format("  invitations  {} it added, removed\n", thousands(undone.invitations_removed));
    t += fmt::format("  findings     {} it made about others (accepted, gone, seen again), taken back\n",
                     thousands(undone.findings_undone));
    t += fmt::format("  connections  {} it added, removed; {} it changed, restored\n",
                     thousands(undone.connections_removed), thousands(undone.connections_restored));
    t += fmt::format("  pending      {} of your invitations pending now\n", thousands(a.pending));
    return t;
}

}  // namespace

void add_import(CLI::App& app, Runner& selected)
{
    auto o = std::make_shared<ImportOptions>();
    auto* cmd =
        app.add_subcommand("import", "Import LinkedIn export zips, folders, CSV files or a saved Sent invitations page");
    cmd->add_option("path", o->paths,
                    "export zip, unzipped export folder, CSV file, or a saved (.html, .mhtml) or copied (text) Sent "
                    "invitations page; - reads standard input; several are imported in order");
    cmd->add_flag("--skip-invalid", o->skip_invalid, "import the good rows and list the bad ones");
    cmd->add_flag("--dry-run", o->dry_run, "say what the import would change, and write nothing");
    cmd->add_flag("--complete", o->complete,
                  "a Sent page that shows no People (N) count holds every invitation: you scrolled to the end");
    cmd->add_flag("--undo", o->undo, "take back the latest import whole (again for the one before)");
    cmd->add_flag("--verbose", o->verbose, "list every warning and skipped row, not one line per kind");
    cmd->callback([o, &selected] {
        if (o->undo && (!o->paths.empty() || o->dry_run || o->skip_invalid || o->verbose || o->complete))
            throw CLI::ValidationError("--undo", "takes no path and no other option: it undoes the latest import");
        if (!o->undo && o->paths.empty()) throw CLI::RequiredError("path");
        selected = [o](Context& ctx) -> core::Result<Output> {
            if (o->undo) return answer(ctx, app::ImportUndoRequest{}, undo_text);
            app::ImportRequest request;
            for (const auto& path : o->paths) request.sources.push_back(app::ImportSource{path, path == "-" ? "stdin" : path});
            request.skip_invalid = o->skip_invalid;
            request.dry_run = o->dry_run;
            request.complete = o->complete;
            request.progress = [&ctx](const std::string& file) { return progress_bar(ctx, file); };
            return answer(ctx, request, [verbose = o->verbose](const app::ImportAnswer& a) {
                return import_text(a, verbose);
            });
        };
    });
}

}  // namespace ik::present
