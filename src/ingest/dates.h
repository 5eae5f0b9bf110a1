// The date and time formats of LinkedIn's export files, and the ones a
// spreadsheet writes when a member re-saves them. None carries a zone.
#pragma once

#include "core/time.h"

#include <chrono>
#include <optional>
#include <string_view>

namespace ik::ingest {

// Invitations.csv "Sent At": "1/29/26, 2:37 PM" (LinkedIn), also "1/29/2026 2:37 PM",
// "1/29/2026 14:37", "2026-01-29 14:37[:05]" and "2026-01-29T14:37[:05]". Wall time.
std::optional<std::chrono::local_seconds> parse_sent_at(std::string_view text);

// Connections.csv "Connected On": "29 Jan 2026" (LinkedIn since 2019), "1/29/18, 2:37 PM"
// (2018), also "29-Jan-26", "29-Jan-2026", "2026-01-29", "1/29/2026" and "1/29/26".
std::optional<core::Days> parse_connected_on(std::string_view text);

}  // namespace ik::ingest
