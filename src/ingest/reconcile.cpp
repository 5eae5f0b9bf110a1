#include "ingest/reconcile.h"

#include "ingest/people.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace ik::ingest {

using core::Direction;
using core::EventKind;
using core::Instant;
using core::Status;

std::string invitation_key(Direction direction, std::string_view person_key, Instant sent_at)
{
    return fmt::format("{}|{}|{}", direction == Direction::outgoing ? 'o' : 'i', person_key,
                       sent_at.time_since_epoch().count());
}

namespace {

std::string full_name(std::string_view first, std::string_view last)
{
    if (first.empty()) return std::string(last);
    if (last.empty()) return std::string(first);
    return fmt::format("{} {}", first, last);
}

// Who a connection is, and the lookups reconciliation makes.
class ConnectionIndex {
public:
    void add(const ConnectionRecord& c)
    {
        auto [it, inserted] = m_by_key.try_emplace(c.person_key, c);
        if (!inserted) {
            it->second = c;
            return;
        }
        std::string name = normalize_name(full_name(c.first_name, c.last_name));
        if (!name.empty()) m_by_name[name].push_back(c.person_key);
    }

    const ConnectionRecord* by_key(const std::string& key) const
    {
        auto it = m_by_key.find(key);
        return it == m_by_key.end() ? nullptr : &it->second;
    }

    // The connection an invitation's other person is, if any. With a profile key on
    // both sides the key decides; otherwise an unambiguous full name does.
    const ConnectionRecord* find(const std::string& person_key, const std::string& name, bool& ambiguous) const
    {
        ambiguous = false;
        if (!person_key.starts_with("name:")) {
            if (const auto* c = by_key(person_key)) return c;
        }
        auto it = m_by_name.find(normalize_name(name));
        if (it == m_by_name.end()) return nullptr;
        if (it->second.size() > 1) {
            ambiguous = true;
            return nullptr;
        }
        const ConnectionRecord* c = by_key(it->second.front());
        const bool both_have_urls = person_key.starts_with("in:") && c->person_key.starts_with("in:");
        return both_have_urls ? nullptr : c;
    }

    size_t name_count(const std::string& name) const
    {
        auto it = m_by_name.find(normalize_name(name));
        return it == m_by_name.end() ? 0 : it->second.size();
    }

private:
    std::unordered_map<std::string, ConnectionRecord> m_by_key;
    std::unordered_map<std::string, std::vector<std::string>> m_by_name;
};

struct RowPerson {
    std::string key;
    std::string name;
    std::string profile_url;
};

std::optional<RowPerson> person_of(const InvitationRow& row)
{
    const bool out = row.direction == Direction::outgoing;
    RowPerson p;
    p.name = out ? row.to : row.from;
    if (auto ref = normalize_profile_url(out ? row.invitee_ref : row.inviter_ref)) {
        p.key = ref->key;
        p.profile_url = ref->canonical;
    } else if (!normalize_name(p.name).empty()) {
        p.key = name_key(p.name);
    } else {
        return std::nullopt;
    }
    return p;
}

}  // namespace

ImportBatch reconcile(const Ledger& ledger, const std::vector<ParsedFile>& files, const ReconcileOptions& options)
{
    ImportBatch batch;
    const core::Zone& zone = options.export_zone;

    // Connections: the ledger's, then this export's (which may add URLs or companies).
    ConnectionIndex connections;
    for (const auto& c : ledger.connections) connections.add(c);
    for (const auto& file : files) {
        std::unordered_map<std::string, long> name_seen;
        for (const auto& s : file.skipped) batch.skipped.push_back(s.message);
        for (const auto& row : file.connections) {
            ++batch.counts.connections;
            ConnectionRecord rec;
            rec.first_name = row.first_name;
            rec.last_name = row.last_name;
            if (auto ref = normalize_profile_url(row.url)) {
                rec.person_key = ref->key;
                rec.profile_url = ref->canonical;
            } else {
                std::string name = full_name(row.first_name, row.last_name);
                if (normalize_name(name).empty()) {
                    batch.warnings.push_back(fmt::format("{}:{}: a connection with no name and no profile URL was "
                                                         "left out",
                                                         file.display_name, row.line));
                    continue;
                }
                // Connections without a URL are told apart only by name; two with the
                // same name in one file are two people, kept apart by their rank.
                rec.person_key = name_key(name);
                if (long n = ++name_seen[rec.person_key]; n > 1) rec.person_key += fmt::format("#{}", n);
            }
            rec.email = row.email;
            rec.company = row.company;
            rec.position = row.position;
            rec.connected_on = row.connected_on;
            const ConnectionRecord* known = connections.by_key(rec.person_key);
            if (!known) ++batch.counts.new_connections;
            if (!known || known->connected_on != rec.connected_on || known->company != rec.company ||
                known->position != rec.position || known->email != rec.email || known->first_name != rec.first_name ||
                known->last_name != rec.last_name)
                batch.connections.push_back(rec);
            connections.add(rec);
        }
    }

    std::unordered_map<std::string, size_t> ledger_by_key;
    ledger_by_key.reserve(ledger.invitations.size());
    for (size_t i = 0; i < ledger.invitations.size(); ++i) {
        const auto& e = ledger.invitations[i];
        ledger_by_key.emplace(invitation_key(e.direction, e.person_key, e.sent_at), i);
    }

    // Which invitations this export lists, and the newest instant it covers.
    bool has_invitations_file = false;
    std::optional<core::Days> export_date;
    std::optional<Instant> newest_sent;
    std::unordered_set<std::string> listed;
    std::map<std::string, long> ambiguous_names;  // name -> invitations left pending

    auto acceptance = [&](const std::string& person_key, const std::string& name, Instant sent_at)
        -> std::optional<Instant> {
        bool ambiguous = false;
        const ConnectionRecord* c = connections.find(person_key, name, ambiguous);
        if (ambiguous) ++ambiguous_names[name];
        if (!c) return std::nullopt;
        if (c->connected_on < zone.local_date(sent_at)) return std::nullopt;  // connected before: another story
        return std::max(sent_at, zone.start_of_day(c->connected_on));
    };

    for (const auto& file : files) {
        if (file.kind != FileKind::invitations) continue;
        has_invitations_file = true;
        if (file.export_date) export_date = file.export_date;
        for (const auto& row : file.invitations) {
            (row.direction == Direction::outgoing ? batch.counts.outgoing : batch.counts.incoming)++;
            auto person = person_of(row);
            if (!person) {
                batch.warnings.push_back(fmt::format("{}:{}: an invitation with no name and no profile URL was left out",
                                                     file.display_name, row.line));
                continue;
            }
            Instant sent = zone.from_local(row.sent_wall);
            if (!newest_sent || sent > *newest_sent) newest_sent = sent;
            std::string key = invitation_key(row.direction, person->key, sent);
            if (ledger_by_key.contains(key) || !listed.insert(key).second) {
                listed.insert(key);
                ++batch.counts.unchanged;
                continue;
            }
            NewInvitation n;
            n.invitation.direction = row.direction;
            n.invitation.person = core::Person{person->key, person->name, person->profile_url};
            n.invitation.sent_at = sent;
            n.invitation.message = row.message;
            n.events.push_back(core::Event{EventKind::sent, sent, "import:" + file.display_name});
            if (auto at = acceptance(person->key, person->name, sent)) {
                n.events.push_back(core::Event{EventKind::accepted, *at, "import:" + file.display_name});
                if (row.direction == Direction::outgoing) ++batch.counts.accepted;
            }
            batch.new_invitations.push_back(std::move(n));
            ++batch.counts.new_invitations;
        }
    }

    // The export was taken at the end of the day in its name, else right after its newest row.
    // With rows skipped, "missing from the export" may only mean "unreadable": infer nothing.
    const bool rows_skipped = std::any_of(files.begin(), files.end(), [](const ParsedFile& f) {
        return f.kind == FileKind::invitations && !f.skipped.empty();
    });
    if (has_invitations_file && rows_skipped)
        batch.warnings.push_back("rows were skipped, so no invitation is marked gone by this import");
    std::optional<Instant> as_of;
    if (has_invitations_file && !rows_skipped) {
        if (export_date) as_of = zone.start_of_day(*export_date + core::days{1}) - std::chrono::seconds{1};
        else as_of = newest_sent;
    }
    const std::string source = files.empty() ? "import" : "import:" + files.front().display_name;
    for (const auto& e : ledger.invitations) {
        if (e.status != Status::pending) continue;
        if (auto at = acceptance(e.person_key, e.name, e.sent_at)) {
            batch.changes.push_back(StateChange{e.id, core::Event{EventKind::accepted, *at, source}});
            if (e.direction == Direction::outgoing) ++batch.counts.accepted;
            continue;
        }
        if (as_of && e.sent_at <= *as_of && e.sent_at >= *as_of - options.window &&
            !listed.contains(invitation_key(e.direction, e.person_key, e.sent_at))) {
            batch.changes.push_back(StateChange{e.id, core::Event{EventKind::gone, *as_of, source}});
            if (e.direction == Direction::outgoing) ++batch.counts.gone;
        }
    }

    for (const auto& [name, count] : ambiguous_names)
        batch.warnings.push_back(fmt::format(
            "{} invitation{} to \"{}\" stay{} pending: {} connections have that name and the export gives no profile "
            "URL to tell them apart",
            count, count == 1 ? "" : "s", name, count == 1 ? "s" : "", connections.name_count(name)));
    return batch;
}

}  // namespace ik::ingest
