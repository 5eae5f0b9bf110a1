#include "plan/templates.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace ik::plan {

namespace {

bool is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_blank(std::string_view s)
{
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// "line L, column C" of byte `pos`, counted in code points as an editor shows them.
std::string where(std::string_view text, size_t pos)
{
    long line = 1, column = 1;
    for (size_t i = 0; i < pos; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return fmt::format("line {}, column {}", line, column);
}

}  // namespace

core::Result<std::string> render_template(std::string_view text, const std::map<std::string, std::string>& vars,
                                          std::string_view prospect)
{
    std::string out;
    out.reserve(text.size());
    std::vector<std::string> missing;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            return core::fail(
                core::ErrorKind::bad_input, "bad_template",
                fmt::format("template {}: \"}}\" closes no variable; write \"}}}}\" for a brace", where(text, i)));
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        size_t end = i + 1;
        while (end < text.size() && is_name_char(text[end])) ++end;
        if (end == i + 1 || end == text.size() || text[end] != '}')
            return core::fail(core::ErrorKind::bad_input, "bad_template",
                              fmt::format("template {}: \"{{\" does not start a variable like {{first_name}}; "
                                          "write \"{{{{\" for a brace",
                                          where(text, i)));
        std::string name(text.substr(i + 1, end - i - 1));
        auto it = vars.find(name);
        if (it == vars.end() || is_blank(it->second)) {
            if (std::find(missing.begin(), missing.end(), name) == missing.end()) missing.push_back(name);
        } else {
            out += it->second;
        }
        i = end;
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto& name : missing) list += fmt::format("{}{{{}}}", list.empty() ? "" : ", ", name);
        return core::fail(core::ErrorKind::bad_input, "missing_variable",
                          fmt::format("{}no value for {} in the note template",
                                      prospect.empty() ? std::string() : fmt::format("{}: ", prospect), list));
    }
    return out;
}

}  // namespace ik::plan

namespace ik::plan {

core::Result<void> check_template_syntax(std::string_view text)
{
    auto rendered = render_template(text, {}, "");
    if (!rendered && rendered.error().code != "missing_variable") return std::unexpected(rendered.error());
    return {};
}

}  // namespace ik::plan
