// Note templates: "Hi {first_name}, ..." filled in per prospect before a note is
// checked and sent.
#pragma once

#include "core/error.h"

#include <map>
#include <string>
#include <string_view>

namespace ik::plan {

// Renders {first_name}, {name}, {company} and any other {variable} from vars.
// A variable with no value (missing or empty) is an error naming the prospect and the variable.
// Names are [A-Za-z0-9_]+ in single braces, matched exactly; "{{" and "}}" are literal
// braces. A "{" that does not start a variable, or a "}" that closes none, is a
// bad_template error naming its line and column; values are inserted as they are.
core::Result<std::string> render_template(std::string_view text, const std::map<std::string, std::string>& vars,
                                          std::string_view prospect);

// Checks only the braces (bad_template), as `template add` does before any
// prospect's values are known.
core::Result<void> check_template_syntax(std::string_view text);

}  // namespace ik::plan
