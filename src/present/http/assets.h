// The dashboard's files, compiled into the binary at build time
// (tools/embed_assets.py), so `serve` needs no network and no files beside it.
#pragma once

#include <span>
#include <string_view>

namespace ik::present::http {

struct Asset {
    std::string_view path;          // as requested: "/assets/app.js"
    std::string_view content_type;  // "text/javascript; charset=utf-8"
    std::string_view body;
    std::string_view etag;  // a quoted hash of the body
};

std::span<const Asset> assets();

// The asset served at `path`, or null.
const Asset* find_asset(std::string_view path);

}  // namespace ik::present::http
