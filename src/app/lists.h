// The member's lists: the queue of people to invite, the note templates and the
// do-not-contact list. Each write is one transaction.
#pragma once

#include "app/session.h"
#include "core/prospect.h"
#include "ingest/prospects.h"

#include <string>
#include <vector>

namespace ik::app {

struct QueueListRequest {
    static constexpr bool kWrites = false;
};
struct QueueListAnswer {
    std::vector<core::Prospect> items;  // in the order `plan send` takes them
};
core::Result<QueueListAnswer> run(Session& session, const QueueListRequest& request);

// Queues one person, or everyone in a CSV file.
struct QueueAddRequest {
    static constexpr bool kWrites = true;
    ingest::ProspectInput input{};
};
struct QueueImportRequest {
    static constexpr bool kWrites = true;
    std::string path{};  // a CSV with a profile_url column
};
struct QueueAddAnswer {
    std::vector<core::Prospect> items;  // as queued, with their ids
    std::vector<std::string> warnings;  // what `plan send` would refuse: already queued, do-not-contact, ...
};
core::Result<QueueAddAnswer> run(Session& session, const QueueAddRequest& request);
core::Result<QueueAddAnswer> run(Session& session, const QueueImportRequest& request);

struct QueueRemoveRequest {
    static constexpr bool kWrites = true;
    std::vector<std::string> urls{};  // profile URLs
};
struct QueueRemoveAnswer {
    long removed = 0;  // queue entries
};
core::Result<QueueRemoveAnswer> run(Session& session, const QueueRemoveRequest& request);

struct TemplateListRequest {
    static constexpr bool kWrites = false;
};
struct TemplateListAnswer {
    std::vector<core::Template> items;
};
core::Result<TemplateListAnswer> run(Session& session, const TemplateListRequest& request);

// Saves a template, replacing one of the same name; its text must be valid.
struct TemplateAddRequest {
    static constexpr bool kWrites = true;
    std::string name{};
    std::string text{};
};
struct TemplateAddAnswer {
    std::string name;
    std::string text;
};
core::Result<TemplateAddAnswer> run(Session& session, const TemplateAddRequest& request);

// Refused (bad input) when there is no template of that name.
struct TemplateRemoveRequest {
    static constexpr bool kWrites = true;
    std::string name{};
};
struct TemplateRemoveAnswer {
    std::string name;
};
core::Result<TemplateRemoveAnswer> run(Session& session, const TemplateRemoveRequest& request);

struct DncListRequest {
    static constexpr bool kWrites = false;
};
struct DncListAnswer {
    std::vector<core::DoNotContact> items;
};
core::Result<DncListAnswer> run(Session& session, const DncListRequest& request);

// Adds people to the do-not-contact list, or (remove) takes them off.
struct DncChangeRequest {
    static constexpr bool kWrites = true;
    bool remove = false;
    std::vector<std::string> urls{};  // profile URLs, one or more
};
struct DncChangeAnswer {
    bool remove = false;
    long changed = 0;  // those not on it already (added) or on it (removed)
    long given = 0;
};
core::Result<DncChangeAnswer> run(Session& session, const DncChangeRequest& request);

}  // namespace ik::app
