// The ledger's rules every backend keeps the same way: how an invitation's state
// follows from its events, what a new batch must hold, the order rows are written
// in, and how a repeated invitation is named. Store applies them (store.cpp); a
// backend only reads and writes rows.
#pragma once

#include "core/error.h"
#include "core/invitation.h"
#include "ingest/reconcile.h"

#include <cstddef>
#include <vector>

namespace ik::store::ledger_rules {

// Checks each new invitation's events (the first is `sent`) and folds them into its
// state with core::apply; the first refusal, if any.
core::Result<void> fold_new(std::vector<ingest::NewInvitation>& batch);

// Positions of `batch` oldest first, so that ids follow time; invitations sent at
// the same time keep their batch order.
std::vector<size_t> sending_order(const std::vector<ingest::NewInvitation>& batch);

// Folds `event` into `inv`, whose log so far is `log`. An undo changes which earlier
// events count, so it replays the whole log; any other event is applied.
core::Result<void> fold_event(core::Invitation& inv, const std::vector<core::Event>& log, const core::Event& event);

// Undoing an import: an invitation it added, whose whole log is `log` (with the
// import's events marked by their `import`), may go only if the marks made since
// cancel out (a mark and its undo); refused (ErrorKind::conflict, "marked_since")
// otherwise, naming the invitation and the mark to undo first.
core::Result<void> may_remove_added(const core::Invitation& inv, const std::vector<core::Event>& log,
                                    core::ImportId import);
// Undoing an import: the state of an invitation it concluded about, from its log
// without the import's events; refused ("marked_since") when a mark made since rests
// on what the import found.
core::Result<void> replay_without_import(core::Invitation& inv, const std::vector<core::Event>& log_without);

// A batch repeating an invitation: given twice in it, or already in the ledger.
core::Error given_twice(const core::Invitation& inv);
core::Error already_in_ledger(const core::Invitation& inv);

}  // namespace ik::store::ledger_rules
