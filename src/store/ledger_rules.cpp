#include "store/ledger_rules.h"

#include "core/time.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace ik::store::ledger_rules {

core::Result<void> fold_new(std::vector<ingest::NewInvitation>& batch)
{
    for (auto& n : batch) {
        if (n.events.empty() || n.events.front().kind != core::EventKind::sent)
            return core::fail(core::ErrorKind::internal, "no_sent_event", "an invitation must start with its sent event");
        for (const auto& e : n.events)
            if (auto r = core::apply(n.invitation, e); !r) return r;
    }
    return {};
}

std::vector<size_t> sending_order(const std::vector<ingest::NewInvitation>& batch)
{
    // Sorting (time, position) pairs, not positions compared through the batch,
    // keeps a million-row sort in cache.
    std::vector<std::pair<core::Instant, size_t>> by_time(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) by_time[i] = {batch[i].invitation.sent_at, i};
    std::sort(by_time.begin(), by_time.end());
    std::vector<size_t> order(batch.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = by_time[i].second;
    return order;
}

core::Result<void> fold_event(core::Invitation& inv, const std::vector<core::Event>& log, const core::Event& event)
{
    if (event.kind != core::EventKind::undo) return core::apply(inv, event);
    std::vector<core::Event> all = log;
    all.push_back(event);
    return core::replay(inv, all);
}

core::Result<void> may_remove_added(const core::Invitation& inv, const std::vector<core::Event>& log,
                                    core::ImportId import)
{
    core::Invitation with_marks = inv;
    core::Invitation without = inv;
    std::vector<core::Event> imported;
    for (const auto& e : log)
        if (e.import == import) imported.push_back(e);
    const bool replayed = core::replay(with_marks, log) && core::replay(without, imported);
    if (replayed && with_marks.status == without.status && with_marks.status_at == without.status_at &&
        with_marks.keep == without.keep && with_marks.accidental == without.accidental)
        return {};
    return core::fail(core::ErrorKind::conflict, "marked_since",
                      fmt::format("invitation {} to {} came with this import and was marked since (now {}): undo "
                                  "that mark first (invitekeeper mark undo {})",
                                  inv.id.value, with_marks.person.name, core::to_string(with_marks.status),
                                  inv.id.value));
}

core::Result<void> replay_without_import(core::Invitation& inv, const std::vector<core::Event>& log_without)
{
    if (auto r = core::replay(inv, log_without); !r)
        return core::fail(core::ErrorKind::conflict, "marked_since",
                          fmt::format("invitation {} to {} was marked since this import on what it found; undo that "
                                      "mark first ({})",
                                      inv.id.value, inv.person.name, r.error().message));
    return {};
}

core::Error given_twice(const core::Invitation& inv)
{
    return core::Error{core::ErrorKind::conflict, "duplicate_invitation",
                       fmt::format("invitation to {} sent {} is given twice", inv.person.name,
                                   core::format_instant(inv.sent_at))};
}

core::Error already_in_ledger(const core::Invitation& inv)
{
    return core::Error{core::ErrorKind::conflict, "duplicate_invitation",
                       fmt::format("invitation to {} sent {} is already in the ledger", inv.person.name,
                                   core::format_instant(inv.sent_at))};
}

}  // namespace ik::store::ledger_rules
