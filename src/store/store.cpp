#include "store/store.h"

namespace ik::store {

core::Result<core::InvitationId> Store::add_invitation(core::Invitation invitation, std::vector<core::Event> events,
                                                       core::Instant recorded_at)
{
    std::vector<ingest::NewInvitation> batch;
    batch.push_back(ingest::NewInvitation{std::move(invitation), std::move(events)});
    auto ids = add_invitations(std::move(batch), recorded_at);
    if (!ids) return std::unexpected(ids.error());
    return ids->front();
}

}  // namespace ik::store
