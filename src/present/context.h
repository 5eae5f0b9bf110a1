// Context: what every CLI command gets: the session its use case runs in, whether
// to print JSON, and standard error for progress. Passed in, never reached for as
// a global.
#pragma once

#include "app/session.h"

#include <iosfwd>

namespace ik::present {

using app::EnvLookup;

class Context {
public:
    Context(app::SessionOptions options, bool json, std::ostream& err, bool err_is_terminal, EnvLookup env)
        : m_session(std::move(options), std::move(env)), m_json(json), m_err(err), m_err_is_terminal(err_is_terminal)
    {
    }

    app::Session& session() { return m_session; }
    bool json() const { return m_json; }
    std::ostream& err() { return m_err; }
    bool err_is_terminal() const { return m_err_is_terminal; }

private:
    app::Session m_session;
    bool m_json;
    std::ostream& m_err;
    bool m_err_is_terminal;
};

}  // namespace ik::present
