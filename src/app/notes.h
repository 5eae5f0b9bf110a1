// `check-note`: an invitation note checked before the member sends it. Needs no
// ledger: without one (or without an account) the defaults and the config file
// give the length limit, and nothing is created.
#pragma once

#include "app/session.h"
#include "plan/notes.h"

#include <string>

namespace ik::app {

struct CheckNoteRequest {
    static constexpr bool kWrites = false;
    std::string text{};
    std::string first_name{};
    std::string company{};
    std::string tier{};  // free or premium; empty: the account's, else the default
};
struct CheckNoteAnswer {
    plan::NoteCheck check;
};
core::Result<CheckNoteAnswer> run(Session& session, const CheckNoteRequest& request);

}  // namespace ik::app
