// The outreach queue's domain: a prospect (someone the member means to invite),
// a note template, do-not-contact, and account-level events (restrictions).
#pragma once

#include "core/invitation.h"
#include "core/time.h"

#include <map>
#include <optional>
#include <string>

namespace ik::core {

struct ProspectId {
    std::int64_t value = 0;
    auto operator<=>(const ProspectId&) const = default;
};

struct Prospect {
    ProspectId id;  // queue order: lower ids were queued first
    AccountId account;
    Person person;           // key, full name, canonical profile URL
    std::string first_name;  // for {first_name} and the note checks
    std::string company;
    std::optional<std::string> note;           // the note as given, if any
    std::optional<std::string> template_name;  // else a template to render
    std::optional<std::string> zone;           // the recipient's tz zone, if known
    long priority = 0;                         // higher goes first
    std::map<std::string, std::string> vars;   // extra columns, for templates
    Instant added_at;
};

struct Template {
    std::string name;
    std::string text;
    Instant updated_at;
};

struct DoNotContact {
    Person person;
    Instant added_at;
};

// Things that happen to the account rather than to one invitation.
enum class AccountEventKind {
    restricted,  // LinkedIn restricted sending (the member records it)
    reported,    // a recipient answered "I don't know this person"
};
std::string_view to_string(AccountEventKind k);
std::optional<AccountEventKind> account_event_kind_from_string(std::string_view s);

struct AccountEvent {
    std::int64_t id = 0;
    AccountEventKind kind = AccountEventKind::restricted;
    Instant at;
    std::optional<std::string> person_key;  // `reported`: who
    std::string source;
    Instant recorded_at;
};

}  // namespace ik::core
