// Moving a whole ledger between stores (SQLite -> PostgreSQL and back): every table,
// each column with its type and which ids it refers to, written once for every
// backend; a backend only reads and writes rows of text.
#pragma once

#include "core/error.h"
#include "store/store.h"

#include <string>
#include <vector>

namespace ik::store {

// What copy_ledger moved.
struct CopiedAccount {
    std::string name;
    core::AccountId from_id, to_id;
    long invitations = 0, events = 0, connections = 0, prospects = 0, templates = 0, do_not_contact = 0;
};
struct CopiedLedger {
    std::vector<CopiedAccount> accounts;
    bool renumbered = false;  // the target held rows: ids moved past its own
};

// Copies every account of `from`, with its whole history, queue, templates,
// do-not-contact list, imports (and what undoing them needs) and settings, into `to`,
// in one transaction of `to`'s, read in one of `from`'s. Ids stay as they are when
// `to` is empty, so every answer is the same byte for byte; else each id space is
// moved past `to`'s largest. Refused (ErrorKind::conflict) when `from` has no account
// ("nothing_to_move") or `to` has an account of the same name ("account_exists").
core::Result<CopiedLedger> copy_ledger(Store& from, Store& to);

}  // namespace ik::store
