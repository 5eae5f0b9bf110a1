#include "core/invitation.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace ik::core {

namespace {

template <class E, size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s)
{
    for (const auto& [value, name] : table)
        if (name == s) return value;
    return std::nullopt;
}

template <class E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e)
{
    for (const auto& [value, name] : table)
        if (value == e) return name;
    return "?";
}

constexpr std::array<std::pair<Direction, std::string_view>, 2> kDirections{{
    {Direction::outgoing, "outgoing"},
    {Direction::incoming, "incoming"},
}};
constexpr std::array<std::pair<Status, std::string_view>, 5> kStatuses{{
    {Status::pending, "pending"},
    {Status::accepted, "accepted"},
    {Status::withdrawn, "withdrawn"},
    {Status::declined, "declined"},
    {Status::gone, "gone"},
}};
static_assert(kStatuses.size() == kAllStatuses.size());
constexpr std::array<std::pair<EventKind, std::string_view>, 10> kEventKinds{{
    {EventKind::sent, "sent"},
    {EventKind::accepted, "accepted"},
    {EventKind::withdrawn, "withdrawn"},
    {EventKind::declined, "declined"},
    {EventKind::gone, "gone"},
    {EventKind::seen, "seen"},
    {EventKind::accidental, "accidental"},
    {EventKind::keep, "keep"},
    {EventKind::unkeep, "unkeep"},
    {EventKind::undo, "undo"},
}};

}  // namespace

std::string_view to_string(Direction d) { return name_of(kDirections, d); }
std::string_view to_string(Status s) { return name_of(kStatuses, s); }
std::string_view to_string(EventKind k) { return name_of(kEventKinds, k); }
std::optional<Direction> direction_from_string(std::string_view s) { return lookup(kDirections, s); }
std::optional<Status> status_from_string(std::string_view s) { return lookup(kStatuses, s); }
std::optional<EventKind> event_kind_from_string(std::string_view s) { return lookup(kEventKinds, s); }

Result<void> apply(Invitation& inv, const Event& event)
{
    auto refuse = [&](std::string_view why) {
        return fail(ErrorKind::conflict, "impossible_mark",
                    fmt::format("invitation {} to {} is {}{}; it cannot be marked {}", inv.id.value, inv.person.name,
                                to_string(inv.status), why, to_string(event.kind)));
    };
    switch (event.kind) {
    case EventKind::sent:
        inv.status = Status::pending;
        inv.status_at = event.at;
        inv.sent_at = event.at;
        return {};
    case EventKind::accepted:
    case EventKind::withdrawn:
    case EventKind::declined:
    case EventKind::gone: {
        // An import's inference stands corrected by a later one's observation.
        const bool corrects_gone = inv.status == Status::gone &&
                                   (event.kind == EventKind::accepted || event.kind == EventKind::gone);
        if (inv.status != Status::pending && !corrects_gone) return refuse("");
        if (event.at < inv.sent_at)
            return fail(ErrorKind::conflict, "before_sent",
                        fmt::format("invitation {} was sent at {}; it cannot be {} at {}", inv.id.value,
                                    format_instant(inv.sent_at), to_string(event.kind), format_instant(event.at)));
        static constexpr std::array<std::pair<EventKind, Status>, 4> kEnd{{
            {EventKind::accepted, Status::accepted},
            {EventKind::withdrawn, Status::withdrawn},
            {EventKind::declined, Status::declined},
            {EventKind::gone, Status::gone},
        }};
        for (auto [kind, status] : kEnd)
            if (kind == event.kind) inv.status = status;
        inv.status_at = event.at;
        return {};
    }
    case EventKind::seen:
        if (inv.status != Status::gone) return refuse(" (only a gone one can be seen again)");
        // Pending as if it had never been thought gone.
        inv.status = Status::pending;
        inv.status_at = inv.sent_at;
        return {};
    case EventKind::accidental:
        if (inv.direction != Direction::outgoing) return refuse(" (received, not sent)");
        if (inv.status != Status::pending) return refuse("");
        inv.accidental = true;
        inv.keep = false;
        return {};
    case EventKind::keep:
        if (inv.direction != Direction::outgoing) return refuse(" (received, not sent)");
        if (inv.status != Status::pending) return refuse("");
        inv.keep = true;
        inv.accidental = false;
        return {};
    case EventKind::unkeep:
        if (!inv.keep) return refuse(" and not kept");
        inv.keep = false;
        return {};
    case EventKind::undo:
        return fail(ErrorKind::internal, "undo_needs_log", "an undo is folded by replay(), with the whole log");
    }
    return {};
}

Result<void> replay(Invitation& inv, std::span<const Event> log)
{
    // What a member did here, as opposed to what an import found or the sending.
    auto is_mark = [](const Event* e) { return e->kind != EventKind::sent && !e->source.starts_with("import"); };
    std::vector<const Event*> live;
    for (const auto& e : log) {
        if (e.kind != EventKind::undo) {
            live.push_back(&e);
            continue;
        }
        auto mark = std::find_if(live.rbegin(), live.rend(), is_mark);
        if (mark == live.rend())
            return fail(ErrorKind::conflict, "nothing_to_undo",
                        fmt::format("invitation {} to {} has no mark made in invitekeeper to undo", inv.id.value,
                                    inv.person.name));
        live.erase(std::next(mark).base());
    }
    inv.status = Status::pending;
    inv.status_at.reset();
    inv.accidental = false;
    inv.keep = false;
    for (const Event* e : live)
        if (auto r = apply(inv, *e); !r) return r;
    return {};
}

std::string format_min_age(Duration min_age, Duration span)
{
    using std::chrono::hours;
    using std::chrono::minutes;
    if (min_age < Duration{0}) min_age = Duration{0};
    auto in = [&](Duration unit) { return min_age.count() / unit.count(); };
    if (span <= hours{1}) {
        if (min_age < hours{1}) return fmt::format("{}min+", in(minutes{1}));
        return fmt::format("{}h+", in(hours{1}));
    }
    if (span <= days{2}) return fmt::format("{}d+", in(days{1}));
    if (span <= days{7}) return fmt::format("{}w+", in(days{7}));
    if (span <= days{100}) return fmt::format("{}mo+", in(days{28}));
    return fmt::format("{}y+", in(days{365}));
}

std::string age_label(const Invitation& inv, Instant now)
{
    if (inv.sent_earliest) return format_min_age(now - inv.sent_at, inv.sent_at - *inv.sent_earliest);
    return fmt::format("{}d", whole_days(inv.sent_at, now));
}

}  // namespace ik::core
