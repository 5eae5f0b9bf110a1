// Each answer as JSON: one function per answer, what `--json` prints and what the
// HTTP API answers, so that the two cannot differ (docs/api.md). Each is defined
// beside its use case; the shared pieces are here.
#pragma once

#include "app/accounts.h"
#include "app/imports.h"
#include "app/lists.h"
#include "app/marks.h"
#include "app/notes.h"
#include "app/plans.h"
#include "app/reads.h"
#include "app/users.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace ik::app {

using Json = nlohmann::ordered_json;

// Instants as ISO 8601 UTC, dates as YYYY-MM-DD, fractions rounded.
Json json_instant(core::Instant t);
Json json_date(core::Days d);
double round_to(double value, int decimals);

// A health factor's name for people: "Stale share of pending" for "stale".
std::string_view health_factor_label(std::string_view code);
// {"score", "grade", "factors": [{"code", "label", "value", "threshold", "weight", "lost", "advice"}]}
Json health_json(const plan::Health& health);
// With `projection`, expected pending every 7th day of the horizon as well.
Json forecast_json(const plan::Forecast& forecast, bool projection);

Json to_json(const InitAnswer& answer);
Json to_json(const AccountsAnswer& answer);
Json to_json(const MigrateAnswer& answer);
Json to_json(const ConfigShowAnswer& answer);
Json to_json(const ImportAnswer& answer);
Json to_json(const ImportUndoAnswer& answer);
Json to_json(const StatusAnswer& answer);
Json to_json(const HealthAnswer& answer);
Json to_json(const ForecastAnswer& answer);
Json to_json(const PendingAnswer& answer);
Json to_json(const StatsAnswer& answer);
Json to_json(const HistoryAnswer& answer);
Json to_json(const OverviewAnswer& answer);
Json to_json(const WithdrawPlanAnswer& answer);
Json to_json(const SendPlanAnswer& answer);
Json to_json(const SimulateAnswer& answer);
Json to_json(const MarkAnswer& answer);
Json to_json(const RecordSentAnswer& answer);
Json to_json(const QueueListAnswer& answer);
Json to_json(const QueueAddAnswer& answer);
Json to_json(const QueueRemoveAnswer& answer);
Json to_json(const TemplateListAnswer& answer);
Json to_json(const TemplateAddAnswer& answer);
Json to_json(const TemplateRemoveAnswer& answer);
Json to_json(const DncListAnswer& answer);
Json to_json(const DncChangeAnswer& answer);
Json to_json(const CheckNoteAnswer& answer);
Json to_json(const UserAnswer& answer);
Json to_json(const UserListAnswer& answer);
Json to_json(const UserTokenAnswer& answer);
// {"name", "role", "accounts", "created_at", "live_tokens"}
Json user_json(const UserView& user);

}  // namespace ik::app
