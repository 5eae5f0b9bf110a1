// `import PATH...` and `import --undo`: the command line of app/imports.h.
#include "present/command.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
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
// An import's text summary of one source fits in this many lines (warnings folded to fit).
constexpr size_t kMaxLines = 15;

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
    // The first few shared names, quoted: "Ada Obi", "Ben Lund", "Cy Moss".
    auto names_of = [&] {
        std::string names;
        for (size_t i = 0; i < std::min(group.size(), kListedPerKind); ++i)
            names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", group[i]->subject);
        return names;
    };
    if (first.code == "ambiguous_name")
        return fmt::format("invitations to {} names stay pending: several connections share each name ({}, ...) and "
                           "the export gives no profile URL to tell them apart",
                           n, names_of());
    if (first.code == "ambiguous_card")
        return fmt::format("{} cards name people who share their name with others in the ledger ({}, ...) and the "
                           "page gives no profile URL to tell them apart: left as they were",
                           n, names_of());
    return fmt::format("{} warnings like this one: {}", n, first.message);
}

// The warnings, kinds in the order they first appear: each one when `verbose`; else
// each of a kind with few, a line for a kind with more, and folded further to fit in
// `max_lines`: a line per kind, then the first kinds and how many more.
std::string warnings_text(const std::vector<ingest::ImportWarning>& warnings, bool verbose, size_t max_lines)
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
    if (verbose) {
        for (const auto& w : warnings) t += "  " + w.message + "\n";
        return t;
    }
    // Lines after the header: the kinds' lines, and the hint when any is summed.
    auto lines_of = [&](bool one_per_kind) {
        size_t n = 0;
        bool summed = false;
        for (const auto& code : order) {
            const size_t size = by_code[code].size();
            const bool listed = size <= kListedPerKind && !(one_per_kind && size > 1);
            n += listed ? size : 1;
            summed = summed || !listed;
        }
        return n + (summed ? 1 : 0);
    };
    const size_t room = max_lines > 1 ? max_lines - 1 : 1;
    const bool one_per_kind = lines_of(false) > room;
    // Kinds shown: all if a line each fits, else as many as leave a line for the rest.
    size_t kinds = order.size();
    if (one_per_kind && lines_of(true) > room) kinds = room > 2 ? room - 2 : 0;
    bool summed = false;
    for (size_t k = 0; k < kinds; ++k) {
        const auto& group = by_code[order[k]];
        if (group.size() <= kListedPerKind && !(one_per_kind && group.size() > 1)) {
            for (const auto* w : group) t += "  " + w->message + "\n";
        } else {
            t += "  " + warning_group_line(group) + "\n";
            summed = true;
        }
    }
    if (kinds < order.size()) {
        size_t more = 0;
        for (size_t k = kinds; k < order.size(); ++k) more += by_code[order[k]].size();
        if (kinds == 0)  // no room for any: one line says how many, and where to see them
            return fmt::format("{} warnings of {} kinds: import --verbose lists every one; --json gives each with its "
                               "file, line and code\n",
                               thousands(static_cast<long>(warnings.size())), order.size());
        t += fmt::format("  and {} more of {} other kind{}\n", thousands(static_cast<long>(more)),
                         order.size() - kinds, order.size() - kinds == 1 ? "" : "s");
        summed = true;
    }
    if (summed) t += "  (import --verbose lists every one; --json gives each with its file, line and code)\n";
    return t;
}

// The import's progress on stderr, a line per phase (reading each file, reconciling
// each source, writing, indexing) redrawn in place as it moves and left showing its
// time when it ends. Only on a terminal, and only for an import that takes a while:
// once a file to read is kProgressFileBytes or more, or the rows to write are
// kProgressRows or more; a small import shows nothing.
constexpr size_t kProgressFileBytes = 4u << 20;
constexpr size_t kProgressRows = 10'000;

class ProgressLines {
public:
    explicit ProgressLines(std::ostream& err) : m_state(std::make_shared<State>(err)) {}

    void operator()(std::string_view phase, std::string_view what, size_t done, size_t total)
    {
        using Clock = std::chrono::steady_clock;
        State& s = *m_state;
        if (!s.shown) {
            s.shown = (phase == "reading" && total >= kProgressFileBytes) || (phase == "writing" && total >= kProgressRows);
            if (!s.shown) return;
        }
        const bool same = phase == s.phase && what == s.what;
        if (same && s.ended) return;  // told again that it ended
        if (!same) {
            if (!s.phase.empty() && !s.ended) s.err << "\n";  // the last one ended untold
            s.phase = phase;
            s.what = what;
            s.began = Clock::now();
            s.pct = -1;
            s.ended = false;
        }
        const long pct = total == 0 ? 100 : static_cast<long>(std::min(done, total) * 100 / total);
        s.ended = done >= total;
        if (pct == s.pct && !s.ended) return;
        s.pct = pct;
        const double seconds = std::chrono::duration<double>(Clock::now() - s.began).count();
        s.err << "\r"
              << fmt::format("{:<11} {:<40} {} {:3}%  {:.1f} s", phase, shorten(std::string(what), 40),
                             bar(pct, 100, 24), pct, seconds)
              << (s.ended ? "\n" : "") << std::flush;
    }

private:
    // Shared by the copies std::function makes; the last one ends a line left open
    // (an import that failed midway), so that the error starts on a line of its own.
    struct State {
        explicit State(std::ostream& e) : err(e) {}
        State(const State&) = delete;
        State& operator=(const State&) = delete;
        ~State()
        {
            if (!phase.empty() && !ended) err << "\n" << std::flush;
        }
        std::ostream& err;
        bool shown = false;
        std::string phase;
        std::string what;
        std::chrono::steady_clock::time_point began;
        long pct = -1;
        bool ended = false;
    };
    std::shared_ptr<State> m_state;
};

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
    // At most kMaxLines in all: the warnings get what the rest leaves (at least two).
    const size_t skipped_lines = a.skipped.empty() ? 0 : 2 + std::min(a.skipped.size(), kListedPerKind);
    const size_t used = static_cast<size_t>(std::count(t.begin(), t.end(), '\n')) + skipped_lines;
    t += warnings_text(a.warnings, verbose, used + 2 < kMaxLines ? kMaxLines - used : 2);
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
            if (ctx.err_is_terminal()) request.progress = ProgressLines(ctx.err());
            return answer(ctx, request, [verbose = o->verbose](const app::ImportAnswer& a) {
                return import_text(a, verbose);
            });
        };
    });
}

}  // namespace ik::present
