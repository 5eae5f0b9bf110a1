#include "ingest/reconcile.h"

#include "ingest/people.h"

#include "core/parallel.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <span>
#include <unordered_map>

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

// Files with at least this many invitation rows are converted on two threads.
constexpr size_t kParallelRows = 20'000;

std::string full_name(std::string_view first, std::string_view last)
{
    if (first.empty()) return std::string(last);
    if (last.empty()) return std::string(first);
    return fmt::format("{} {}", first, last);
}

// Whether `a` comes from an export taken before `b`'s: then `b`'s details win. A row
// stored before exports were dated is older than any dated one.
bool listed_before(const ConnectionRecord& a, const ConnectionRecord& b)
{
    return a.listed_at.value_or(Instant::min()) < b.listed_at.value_or(Instant::min());
}

// Who a connection is, and the lookups reconciliation makes. It points at records
// kept elsewhere (the ledger's, and the export's in reconcile()), which must outlive it.
class ConnectionIndex {
public:
    explicit ConnectionIndex(size_t expected) { m_by_key.reserve(expected); }

    void add(const ConnectionRecord& c)
    {
        auto [it, inserted] = m_by_key.try_emplace(c.person_key, &c);
        if (!inserted) {
            if (!listed_before(c, *it->second)) it->second = &c;
            return;
        }
        std::string name = normalize_name(full_name(c.first_name, c.last_name));
        if (name.empty()) return;
        Namesakes& namesakes = m_by_name[name];
        namesakes.all.push_back(&c);
        if (!is_profile_key(c.person_key)) {
            namesakes.without_url.push_back(&c);
            ++m_without_url;
        }
    }

    const ConnectionRecord* by_key(std::string_view key) const
    {
        auto it = m_by_key.find(key);
        return it == m_by_key.end() ? nullptr : it->second;
    }

    // The connection an invitation's other person is, if any. A profile URL on the
    // invitation decides when a connection has it. Otherwise the full name decides
    // when exactly one connection who could be that person has it: any namesake for
    // an invitation without a URL, a namesake without a URL for one with a URL (a
    // namesake with another URL is someone else). With several, `ambiguous` is how
    // many, and there is no match.
    const ConnectionRecord* find(std::string_view person_key, std::string_view name, size_t& ambiguous) const
    {
        ambiguous = 0;
        if (m_by_key.empty()) return nullptr;  // a first import of Invitations.csv alone
        const bool url = is_profile_key(person_key);
        if (url) {
            if (const auto* c = by_key(person_key)) return c;
            if (m_without_url == 0) return nullptr;  // every connection has a URL: none of them
        }
        auto it = m_by_name.find(normalize_name(name));
        if (it == m_by_name.end()) return nullptr;
        const auto& candidates = url ? it->second.without_url : it->second.all;
        if (candidates.size() > 1) ambiguous = candidates.size();
        return candidates.size() == 1 ? candidates.front() : nullptr;
    }

private:
    struct Namesakes {
        std::vector<const ConnectionRecord*> all;
        std::vector<const ConnectionRecord*> without_url;
    };
    std::unordered_map<std::string_view, const ConnectionRecord*> m_by_key;  // views the records' keys
    std::unordered_map<std::string, Namesakes> m_by_name;
    size_t m_without_url = 0;
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
        p.key = std::move(ref->key);
        p.profile_url = std::move(ref->canonical);
    } else if (!normalize_name(p.name).empty()) {
        p.key = name_key(p.name);
    } else {
        return std::nullopt;
    }
    return p;
}

// An invitation's identity, the parts invitation_key() formats: hashing and comparing
// these costs no string per row.
struct InvitationKey {
    Direction direction;
    std::string_view person_key;
    Instant sent_at;
    bool operator==(const InvitationKey&) const = default;
};

InvitationKey key_of(const core::Invitation& inv)
{
    return InvitationKey{inv.direction, inv.person.key, inv.sent_at};
}

size_t hash_of(const InvitationKey& k)
{
    const size_t h = std::hash<std::string_view>{}(k.person_key);
    const auto sent = static_cast<size_t>(k.sent_at.time_since_epoch().count());
    return h ^ ((sent * 2 + (k.direction == Direction::outgoing ? 1 : 0)) * 0x9E3779B97F4A7C15u + (h << 6) + (h >> 2));
}

// The invitations of an export by identity: which repeat an earlier one, and which
// one a ledger entry is. It stores positions in a vector, not keys, in one
// open-addressing array: a node-based set cost a million allocations per import.
class IdentityIndex {
public:
    // `invitations` must not change while indexed.
    explicit IdentityIndex(const std::vector<NewInvitation>& invitations) : m_invitations(invitations)
    {
        size_t capacity = 16;
        while (capacity < 2 * invitations.size()) capacity *= 2;
        m_slots.resize(capacity);
        m_mask = capacity - 1;
    }

    // Adds invitations[i], unless one with its identity is in already: then that one's position.
    std::optional<size_t> insert(size_t i)
    {
        const InvitationKey key = key_of(m_invitations[i].invitation);
        const size_t hash = hash_of(key);
        size_t s = hash & m_mask;
        for (; m_slots[s].position != kEmpty; s = (s + 1) & m_mask)
            if (holds(m_slots[s], hash, key)) return m_slots[s].position;
        m_slots[s] = Slot{hash, i};
        return std::nullopt;
    }

    // The position of the invitation with identity `key`, if indexed.
    std::optional<size_t> find(const InvitationKey& key) const
    {
        const size_t hash = hash_of(key);
        for (size_t s = hash & m_mask; m_slots[s].position != kEmpty; s = (s + 1) & m_mask)
            if (holds(m_slots[s], hash, key)) return m_slots[s].position;
        return std::nullopt;
    }

private:
    static constexpr size_t kEmpty = static_cast<size_t>(-1);
    struct Slot {
        size_t hash = 0;
        size_t position = kEmpty;
    };

    bool holds(const Slot& slot, size_t hash, const InvitationKey& key) const
    {
        return slot.hash == hash && key_of(m_invitations[slot.position].invitation) == key;
    }

    const std::vector<NewInvitation>& m_invitations;
    std::vector<Slot> m_slots;  // at most half full, so every probe ends at an empty slot
    size_t m_mask = 0;
};

// When the files were taken, as far as they tell: some time on the day in the
// export's name, and not before its newest row (an invitation's Sent At, a
// connection's day). `taken_by` is the earliest such time, `as_of` the latest.
struct TakenAt {
    Instant taken_by;
    Instant as_of;
};

std::optional<TakenAt> taken_at(const std::vector<ParsedFile>& files, const core::Zone& zone)
{
    std::optional<core::Days> export_date;
    std::optional<Instant> newest;
    auto later = [&](Instant t) { newest = newest ? std::max(*newest, t) : t; };
    for (const auto& file : files) {
        if (file.export_date) export_date = file.export_date;
        for (const auto& row : file.invitations) later(zone.from_local(row.sent_wall));
        for (const auto& row : file.connections) later(zone.start_of_day(row.connected_on));
    }
    if (export_date) {
        const Instant day_end = zone.start_of_day(*export_date + core::days{1}) - std::chrono::seconds{1};
        const Instant taken_by = std::max(zone.start_of_day(*export_date), newest.value_or(Instant::min()));
        return TakenAt{taken_by, std::max(day_end, taken_by)};
    }
    if (!newest) return std::nullopt;
    return TakenAt{*newest, *newest};
}

// The earliest `as_of` among the whole exports that cover an invitation sent at
// `sent_at`, were taken after its latest listing `seen`, and so do not list it.
std::optional<Instant> gone_as_of(std::span<const Snapshot> snapshots, Instant sent_at, Instant seen)
{
    std::optional<Instant> out;
    for (const auto& s : snapshots)
        if (s.covers_from <= sent_at && sent_at <= s.taken_by && s.taken_by > seen && (!out || s.as_of < *out))
            out = s.as_of;
    return out;
}

// The earliest complete Sent page saved after an outgoing invitation was sent that
// lists no card of it (neither its profile nor its name): it was no longer pending then.
const PageSnapshot* left_off_by_page(std::span<const PageSnapshot> pages, const core::Invitation& inv)
{
    const PageSnapshot* out = nullptr;
    std::optional<std::string> name;
    for (const auto& p : pages) {
        if (p.saved_at <= inv.sent_at || (out && out->saved_at <= p.saved_at)) continue;
        if (std::binary_search(p.keys.begin(), p.keys.end(), inv.person.key)) continue;
        if (!name) name = normalize_name(inv.person.name);
        if (!name->empty() && std::binary_search(p.names.begin(), p.names.end(), *name)) continue;
        out = &p;
    }
    return out;
}

// Whether an export row about `row_key` may be the ledger's `entry_key`, known to
// have the same name: one of them is no profile, or both the same one.
bool may_be_same_person(std::string_view row_key, std::string_view entry_key)
{
    return row_key == entry_key || !is_profile_key(row_key) || !is_profile_key(entry_key);
}

// A day either side of a Sent page's bound: the page's clock and rounding are not the export's.
constexpr core::Duration kBoundSlack = core::days{1};

template <class Candidates>
void refine_bounded(const Ledger& ledger, const std::vector<NewInvitation>& fresh, Candidates& candidates,
                    std::vector<bool>& ledger_listed, std::vector<std::optional<size_t>>& refined_by,
                    ImportBatch& batch)
{
    std::unordered_map<std::string, std::vector<size_t>> bounded_by_name;
    for (size_t i = 0; i < ledger.invitations.size(); ++i) {
        const auto& e = ledger.invitations[i];
        if (!e.sent_earliest || e.direction != Direction::outgoing || ledger_listed[i]) continue;
        if (e.status != Status::pending && e.status != Status::gone) continue;
        bounded_by_name[normalize_name(e.name)].push_back(i);
    }
    if (bounded_by_name.empty()) return;
    for (size_t r = 0; r < fresh.size(); ++r) {
        if (!candidates[r].is_new) continue;
        const core::Invitation& inv = fresh[r].invitation;
        if (inv.direction != Direction::outgoing) continue;
        auto it = bounded_by_name.find(normalize_name(inv.person.name));
        std::optional<size_t> match;
        bool several = false;
        if (it != bounded_by_name.end())
            for (size_t i : it->second) {
                const auto& e = ledger.invitations[i];
                if (refined_by[i] || !may_be_same_person(inv.person.key, e.person_key)) continue;
                if (inv.sent_at < *e.sent_earliest - kBoundSlack || inv.sent_at > e.sent_at + kBoundSlack) continue;
                if (e.person_key == inv.person.key) {  // the same profile decides
                    match = i;
                    several = false;
                    break;
                }
                several = several || match.has_value();
                match = i;
            }
        if (!match || several) continue;  // namesakes a page could not tell apart: no guess
        candidates[r].is_new = false;
        ledger_listed[*match] = true;
        refined_by[*match] = batch.refinements.size();
        batch.refinements.push_back(Refinement{ledger.invitations[*match].id, inv.person, inv.sent_at, std::nullopt,
                                               inv.message});
        ++batch.counts.refined;
    }
}

}  // namespace

ImportBatch reconcile(const Ledger& ledger, const std::vector<ParsedFile>& files, const ReconcileOptions& options)
{
    ImportBatch batch;
    const core::Zone& zone = options.export_zone;
    const std::optional<TakenAt> taken = taken_at(files, zone);

    // Connections: the ledger's, then this export's (which may add URLs or companies).
    // The export's records are kept here (a deque: they never move) while indexed;
    // those new or changed go to the batch at the end.
    size_t connection_rows = ledger.connections.size();
    for (const auto& file : files) connection_rows += file.connections.size();
    ConnectionIndex connections(connection_rows);
    std::deque<ConnectionRecord> export_connections;
    std::vector<ConnectionRecord*> to_store;
    for (const auto& c : ledger.connections) connections.add(c);
    for (const auto& file : files) {
        std::unordered_map<std::string, long> name_seen;
        for (const auto& s : file.skipped) batch.skipped.push_back(s.message);
        for (const auto& row : file.connections) {
            ++batch.counts.connections;
            ConnectionRecord& rec = export_connections.emplace_back();
            rec.first_name = row.first_name;
            rec.last_name = row.last_name;
            if (auto ref = normalize_profile_url(row.url)) {
                rec.person_key = std::move(ref->key);
                rec.profile_url = std::move(ref->canonical);
            } else {
                std::string name = full_name(row.first_name, row.last_name);
                if (normalize_name(name).empty()) {
                    batch.warnings.push_back(ImportWarning{
                        "connection_without_person", file.display_name, static_cast<long>(row.line), "",
                        fmt::format("{}:{}: a connection with no name and no profile URL was left out",
                                    file.display_name, row.line)});
                    export_connections.pop_back();
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
            if (taken) rec.listed_at = taken->taken_by;
            const ConnectionRecord* known = connections.by_key(rec.person_key);
            if (!known) ++batch.counts.new_connections;
            // A newer export's row stands; this one is stored when it is news: a new
            // person, other details, or the same from a later export.
            if (known && listed_before(rec, *known)) continue;
            if (!known || known->connected_on != rec.connected_on || known->company != rec.company ||
                known->position != rec.position || known->email != rec.email || known->first_name != rec.first_name ||
                known->last_name != rec.last_name || known->listed_at != rec.listed_at)
                to_store.push_back(&rec);
            connections.add(rec);
        }
    }

    bool has_invitations_file = false;
    std::string first_invitations_file;
    std::optional<core::Days> export_date;
    for (const auto& file : files)
        if (file.export_date) export_date = file.export_date;
    struct Ambiguity {
        long invitations = 0;  // left pending
        size_t namesakes = 0;  // connections who could each be the person
    };
    using Ambiguities = std::map<std::string, Ambiguity>;
    Ambiguities ambiguous_names;
    auto note_ambiguity = [](Ambiguities& to, const std::string& name, size_t namesakes, long invitations = 1) {
        Ambiguity& a = to[name];
        a.invitations += invitations;
        a.namesakes = std::max(a.namesakes, namesakes);
    };

    // When an invitation was accepted, if it was; `ambiguous` is how many namesakes
    // kept it from being matched by name. Reads only: called from two threads.
    auto acceptance = [&](const std::string& person_key, const std::string& name, Instant sent_at,
                          size_t& ambiguous) -> std::optional<Instant> {
        const ConnectionRecord* c = connections.find(person_key, name, ambiguous);
        if (!c) return std::nullopt;
        if (c->connected_on < zone.local_date(sent_at)) return std::nullopt;  // connected before: another story
        return std::max(sent_at, zone.start_of_day(c->connected_on));
    };

    // Every row about someone becomes a candidate new invitation; those the ledger holds
    // already or an earlier row repeats are dropped below. A first import drops none.
    struct Candidate {
        size_t file;  // index in `files`
        bool is_new = true;
    };
    std::vector<Candidate> candidates;
    auto& fresh = batch.new_invitations;
    size_t row_count = 0;
    for (const auto& file : files)
        if (file.kind == FileKind::invitations) row_count += file.invitations.size();
    fresh.reserve(row_count);
    candidates.reserve(row_count);
    for (size_t file_index = 0; file_index < files.size(); ++file_index) {
        const ParsedFile& file = files[file_index];
        if (file.kind != FileKind::invitations) continue;
        if (!has_invitations_file) first_invitations_file = file.display_name;
        has_invitations_file = true;
        // Each row becomes an invitation on its own (normalising the profile URL and
        // copying the text are most of a first import's reconciliation), so a long
        // file's rows are converted on two threads, each into its own slots.
        const auto& rows = file.invitations;
        const size_t first = fresh.size();
        fresh.resize(first + rows.size());
        std::vector<char> about_someone(rows.size());
        core::in_two_halves(rows.size(), kParallelRows, [&](size_t begin, size_t end, size_t) {
            for (size_t i = begin; i < end; ++i) {
                const InvitationRow& row = rows[i];
                auto person = person_of(row);
                if (!person) continue;
                core::Invitation& inv = fresh[first + i].invitation;
                inv.direction = row.direction;
                inv.person =
                    core::Person{std::move(person->key), std::move(person->name), std::move(person->profile_url)};
                inv.sent_at = zone.from_local(row.sent_wall);
                inv.message = row.message;
                about_someone[i] = 1;
            }
        });
        // In row order: counts, warnings, and closing the gaps left by rows about no one.
        size_t kept = first;
        for (size_t i = 0; i < rows.size(); ++i) {
            (rows[i].direction == Direction::outgoing ? batch.counts.outgoing : batch.counts.incoming)++;
            if (!about_someone[i]) {
                batch.warnings.push_back(ImportWarning{
                    "invitation_without_person", file.display_name, static_cast<long>(rows[i].line), "",
                    fmt::format("{}:{}: an invitation with no name and no profile URL was left out", file.display_name,
                                rows[i].line)});
                continue;
            }
            if (kept != first + i) fresh[kept] = std::move(fresh[first + i]);
            ++kept;
            candidates.push_back(Candidate{file_index});
        }
        fresh.resize(kept);
    }
    // The span of time the export covers.
    std::optional<Instant> newest_sent, oldest_sent;
    for (const auto& n : fresh) {
        if (!newest_sent || n.invitation.sent_at > *newest_sent) newest_sent = n.invitation.sent_at;
        if (!oldest_sent || n.invitation.sent_at < *oldest_sent) oldest_sent = n.invitation.sent_at;
    }

    // Which ledger invitations the export lists. The export is indexed, not the ledger:
    // an entry sent outside the export's span cannot be in it, which spares hashing
    // most of a long ledger.
    std::vector<bool> ledger_listed(ledger.invitations.size());
    {
        IdentityIndex index(fresh);
        for (size_t i = 0; i < fresh.size(); ++i)
            if (index.insert(i)) candidates[i].is_new = false;  // repeats an earlier row
        for (size_t i = 0; i < ledger.invitations.size() && !fresh.empty(); ++i) {
            const auto& e = ledger.invitations[i];
            if (e.sent_at < *oldest_sent || e.sent_at > *newest_sent) continue;
            if (auto listed = index.find(InvitationKey{e.direction, e.person_key, e.sent_at})) {
                candidates[*listed].is_new = false;
                ledger_listed[i] = true;
            }
        }
    }

    // Invitations a Sent page added know their sent time only within a bound: an
    // export row of the same person sent within it is that invitation, now dated
    // (and, where the page gave only a name, now with a profile URL).
    std::vector<std::optional<size_t>> refined_by(ledger.invitations.size());  // in batch.refinements
    refine_bounded(ledger, fresh, candidates, ledger_listed, refined_by, batch);

    // The new ones, in row order, with what they are known to have become: each a
    // lookup among the connections, so a long export's are done on two threads, each
    // counting into its own half.
    std::vector<std::string> sources;  // "import:<file>", by file
    for (const auto& file : files) sources.push_back("import:" + file.display_name);
    struct Half {
        long accepted = 0;
        long gone = 0;
        Ambiguities ambiguous;
    };
    std::array<Half, 2> halves;
    core::in_two_halves(fresh.size(), kParallelRows, [&](size_t begin, size_t end, size_t h) {
        for (size_t i = begin; i < end; ++i) {
            if (!candidates[i].is_new) continue;
            NewInvitation& n = fresh[i];
            const core::Invitation& inv = n.invitation;
            const std::string& source = sources[candidates[i].file];
            size_t ambiguous = 0;
            auto accepted_at = acceptance(inv.person.key, inv.person.name, inv.sent_at, ambiguous);
            if (ambiguous) note_ambiguity(halves[h].ambiguous, inv.person.name, ambiguous);
            n.seen_at = taken->taken_by;
            n.events.reserve(2);
            n.events.push_back(core::Event{EventKind::sent, inv.sent_at, source});
            if (accepted_at) {
                n.events.push_back(core::Event{EventKind::accepted, *accepted_at, source});
                if (inv.direction == Direction::outgoing) ++halves[h].accepted;
            } else if (auto gone_at = gone_as_of(ledger.snapshots, inv.sent_at, *n.seen_at)) {
                // Listed by this export, missing from a later one imported before it.
                n.events.push_back(core::Event{EventKind::gone, *gone_at, source});
                if (inv.direction == Direction::outgoing) ++halves[h].gone;
            } else if (const PageSnapshot* page = inv.direction == Direction::outgoing
                                                      ? left_off_by_page(ledger.pages, inv)
                                                      : nullptr) {
                // Listed by this export, left off a complete Sent page saved later.
                n.events.push_back(core::Event{EventKind::gone, page->saved_at, page->source});
                ++halves[h].gone;
            }
        }
    });
    for (const Half& half : halves) {
        batch.counts.accepted += half.accepted;
        batch.counts.gone += half.gone;
        for (const auto& [name, a] : half.ambiguous) note_ambiguity(ambiguous_names, name, a.namesakes, a.invitations);
    }
    size_t kept = 0;
    for (size_t i = 0; i < fresh.size(); ++i) {
        if (!candidates[i].is_new) {
            ++batch.counts.unchanged;
            continue;
        }
        ++batch.counts.new_invitations;
        if (kept != i) fresh[kept] = std::move(fresh[i]);
        ++kept;
    }
    fresh.erase(fresh.begin() + static_cast<std::ptrdiff_t>(kept), fresh.end());

    // A whole export tells what is missing from it; a partial file (rows skipped, or a
    // lone CSV that does not reach back to the window's start) only what it lists.
    const bool rows_skipped = std::any_of(files.begin(), files.end(), [](const ParsedFile& f) {
        return f.kind == FileKind::invitations && !f.skipped.empty();
    });
    const bool has_connections_file =
        std::any_of(files.begin(), files.end(), [](const ParsedFile& f) { return f.kind == FileKind::connections; });
    const bool in_export = export_date.has_value() || has_connections_file;
    bool partial = false;  // a lone file that does not reach back: said so if it leaves anything pending
    if (has_invitations_file && taken && oldest_sent) {
        const bool reaches_back = *oldest_sent <= taken->taken_by - (options.window - kWholeFileSlack);
        if (rows_skipped)
            batch.warnings.push_back(ImportWarning{"no_gone_after_skipping", "", 0, "",
                                                   "rows were skipped, so no invitation is marked gone by this import"});
        else if (!in_export && !reaches_back)
            partial = true;
        else
            batch.snapshot =
                Snapshot{std::max(*oldest_sent, taken->taken_by - options.window), taken->taken_by, taken->as_of};
    }
    long left_pending = 0;  // by a partial file: pending, inside its window, not in it
    std::vector<Snapshot> snapshots = ledger.snapshots;
    if (batch.snapshot) snapshots.push_back(*batch.snapshot);

    const std::string source = files.empty() ? "import" : "import:" + files.front().display_name;
    for (size_t i = 0; i < ledger.invitations.size(); ++i) {
        LedgerEntry dated;  // an entry this import dates: as it is now
        if (refined_by[i]) {
            const Refinement& r = batch.refinements[*refined_by[i]];
            dated = ledger.invitations[i];
            dated.person_key = r.person->key;
            dated.name = r.person->name;
            dated.sent_at = r.sent_at;
            dated.sent_earliest = std::nullopt;
        }
        const auto& e = refined_by[i] ? dated : ledger.invitations[i];
        std::optional<Instant> seen = e.seen_at;
        if (ledger_listed[i] && (!seen || *seen < taken->taken_by)) {
            seen = taken->taken_by;
            batch.sightings.push_back(Sighting{e.id, *seen});
        }
        // Only what imports concluded can change: a member's mark and an acceptance stand.
        if (e.status != Status::pending && e.status != Status::gone) continue;
        const bool outgoing = e.direction == Direction::outgoing;
        size_t ambiguous = 0;
        auto at = acceptance(e.person_key, e.name, e.sent_at, ambiguous);
        if (ambiguous) note_ambiguity(ambiguous_names, e.name, ambiguous);
        if (at) {
            batch.changes.push_back(StateChange{e.id, core::Event{EventKind::accepted, *at, source}});
            if (outgoing) ++batch.counts.accepted;
            continue;
        }
        const Instant last_seen = seen.value_or(e.sent_at);
        std::optional<Instant> gone_at = gone_as_of(snapshots, e.sent_at, last_seen);
        if (e.status == Status::pending) {
            if (partial && !ledger_listed[i] && e.sent_at <= taken->taken_by &&
                e.sent_at >= taken->taken_by - options.window)
                ++left_pending;
            if (!gone_at) continue;
            batch.changes.push_back(StateChange{e.id, core::Event{EventKind::gone, *gone_at, source}});
            if (outgoing) ++batch.counts.gone;
            continue;
        }
        if (e.gone_by_page) continue;  // a page's finding: only a page takes it back
        // Gone at `was`. A gone no stored export explains (one inferred before exports
        // were kept) stands until a listing later than it.
        const Instant was = e.status_at.value_or(e.sent_at);
        if (!gone_at && last_seen <= was) gone_at = was;
        if (!gone_at) {
            batch.changes.push_back(StateChange{e.id, core::Event{EventKind::seen, last_seen, source}});
            if (outgoing) ++batch.counts.seen_again;
        } else if (*gone_at != was) {
            batch.changes.push_back(StateChange{e.id, core::Event{EventKind::gone, *gone_at, source}});
        }
    }

    if (left_pending > 0)
        batch.warnings.push_back(ImportWarning{
            "partial_file", first_invitations_file, 0, "",
            fmt::format("{}: its rows reach back only to {}, not to the start of the {}-day window, so it is taken for "
                        "part of an export: the {} pending invitation{} it does not list stay{} pending",
                        first_invitations_file, core::format_instant(*oldest_sent),
                        std::chrono::duration_cast<core::days>(options.window).count(), left_pending,
                        left_pending == 1 ? "" : "s", left_pending == 1 ? "s" : "")});
    for (const auto& [name, a] : ambiguous_names)
        batch.warnings.push_back(ImportWarning{
            "ambiguous_name", "", 0, name,
            fmt::format("{} invitation{} to \"{}\" stay{} pending: {} connections have that name and the export "
                        "gives no profile URL to tell them apart",
                        a.invitations, a.invitations == 1 ? "" : "s", name, a.invitations == 1 ? "s" : "",
                        a.namesakes)});
    batch.connections.reserve(to_store.size());
    for (ConnectionRecord* rec : to_store) batch.connections.push_back(std::move(*rec));
    return batch;
}

}  // namespace ik::ingest
