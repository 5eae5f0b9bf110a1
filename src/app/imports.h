// `import`: LinkedIn exports (zip, folder or CSV) and saved Sent invitations pages
// read into the ledger in one transaction, every file parsed before anything is
// written; and `import --undo`, the latest import taken back whole.
#pragma once

#include "app/session.h"
#include "ingest/linkedin_export.h"
#include "ingest/reconcile.h"
#include "ingest/sent_reconcile.h"

#include <functional>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

namespace ik::app {

struct ImportSource {
    std::string path;   // where to read it
    std::string shown;  // how it is shown and recorded: the path, or "upload:NAME" for an upload
};

struct ImportRequest {
    static constexpr bool kWrites = true;
    std::vector<ImportSource> sources{};  // imported in this order
    bool skip_invalid = false;            // import the good rows and list the bad ones
    bool dry_run = false;                 // everything but the commit
    bool complete = false;                // a Sent page without a "People (N)" count lists every invitation
    // Told how far the import has come, if the front end shows it: `phase` is
    // "reading" (bytes of the files of the source `what`), "reconciling" (the sources of the import,
    // `what` the one begun), "writing" (rows) or "indexing" (indexes rebuilt after a
    // first load). Phases may repeat, one source after another; each ends at done ==
    // total.
    std::function<void(std::string_view phase, std::string_view what, size_t done, size_t total)> progress{};
};
struct ImportedFile {
    std::string file;
    ingest::FileKind kind;
    size_t rows = 0;
};
struct ImportedSource {
    std::string shown;
    std::vector<ImportedFile> files;
    std::optional<bool> whole_export;  // none: it lists no invitations
    std::optional<ingest::SentPageSummary> sent_page;  // for a saved Sent page
    std::string layout;                                // its layout, as ingest::to_string(PageLayout) says
    std::vector<ingest::ImportWarning> warnings;       // what it left out or could not decide
};
struct ImportAnswer {
    std::string account;
    std::vector<ImportedSource> sources;
    ingest::ImportCounts counts;
    long pending = 0;
    bool changed = false;
    bool dry_run = false;
    std::vector<ingest::ImportWarning> warnings;
    std::vector<std::string> skipped;
};
core::Result<ImportAnswer> run(Session& session, const ImportRequest& request);

struct ImportUndoRequest {
    static constexpr bool kWrites = true;
};
struct ImportUndoAnswer {
    std::string account;
    store::UndoneImport undone;
    std::vector<std::string> sources;
    long pending = 0;
};
core::Result<ImportUndoAnswer> run(Session& session, const ImportUndoRequest& request);

}  // namespace ik::app
