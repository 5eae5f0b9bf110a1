#include "store/store.h"

#include "store/ledger_rules.h"

#include <fmt/format.h>

namespace ik::store {

core::Result<std::vector<core::InvitationId>> Store::add_invitations(std::vector<ingest::NewInvitation> batch,
                                                                     core::Instant recorded_at)
{
    if (auto folded = ledger_rules::fold_new(batch); !folded) return std::unexpected(folded.error());
    const auto order = ledger_rules::sending_order(batch);
    return write_invitations(std::move(batch), order, recorded_at);
}

core::Result<core::InvitationId> Store::add_invitation(core::Invitation invitation, std::vector<core::Event> events,
                                                       core::Instant recorded_at)
{
    std::vector<ingest::NewInvitation> batch;
    batch.push_back(ingest::NewInvitation{std::move(invitation), std::move(events)});
    auto ids = add_invitations(std::move(batch), recorded_at);
    if (!ids) return std::unexpected(ids.error());
    return ids->front();
}

core::Result<void> Store::record_event(core::AccountId account, core::InvitationId id, const core::Event& event,
                                       core::Instant recorded_at)
{
    // Every refusal comes before the writes: inside a caller's transaction (an import
    // recording 600,000 acceptances) there is nothing to take back, so no savepoint
    // of its own; alone, one transaction keeps the check and the write together.
    auto record = [&]() -> core::Result<void> {
        auto inv = invitation(account, id);
        if (!inv)
            return core::fail(core::ErrorKind::usage, "unknown_invitation",
                              fmt::format("no invitation with id {}", id.value));
        std::vector<core::Event> log;
        if (event.kind == core::EventKind::undo)
            for (auto& stored : events(account, id)) log.push_back(std::move(stored.event));
        if (auto r = ledger_rules::fold_event(*inv, log, event); !r) return r;
        write_event(*inv, event, recorded_at);
        return {};
    };
    return in_transaction() ? record() : transaction(record);
}

}  // namespace ik::store
