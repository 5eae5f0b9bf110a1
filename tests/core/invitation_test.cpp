// core::apply: how one event changes an invitation, and which events cannot happen.
#include "core/invitation.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace ik::core {
namespace {

using namespace std::chrono_literals;

const Instant kSent = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 2}} + 9h;

Invitation pending_invitation(Direction direction = Direction::outgoing)
{
    Invitation inv;
    inv.id = InvitationId{42};
    inv.direction = direction;
    inv.person = Person{"in:maya-patel", "Maya Patel", "https://www.linkedin.com/in/maya-patel"};
    EXPECT_TRUE(apply(inv, Event{EventKind::sent, kSent, "cli"}));
    return inv;
}

TEST(Invitation, SentMakesItPendingAtTheSendTime)
{
    Invitation inv = pending_invitation();
    EXPECT_EQ(inv.status, Status::pending);
    EXPECT_EQ(inv.sent_at, kSent);
    EXPECT_EQ(inv.status_at, kSent);
}

TEST(Invitation, PendingCanBeWithdrawn)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::withdrawn, kSent + 8 * 24h, "cli"}));
    EXPECT_EQ(inv.status, Status::withdrawn);
    EXPECT_EQ(inv.status_at, kSent + 8 * 24h);
}

TEST(Invitation, PendingCanBeAcceptedDeclinedOrGone)
{
    for (auto [kind, status] : {std::pair{EventKind::accepted, Status::accepted},
                                std::pair{EventKind::declined, Status::declined},
                                std::pair{EventKind::gone, Status::gone}}) {
        Invitation inv = pending_invitation();
        ASSERT_TRUE(apply(inv, Event{kind, kSent + 1h, "import:x"})) << to_string(kind);
        EXPECT_EQ(inv.status, status);
    }
}

TEST(Invitation, AcceptedCannotBeWithdrawn)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::accepted, kSent + 24h, "import:x"}));
    auto r = apply(inv, Event{EventKind::withdrawn, kSent + 48h, "cli"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::conflict);
    EXPECT_EQ(r.error().code, "impossible_mark");
    EXPECT_NE(r.error().message.find("accepted"), std::string::npos) << r.error().message;
    // Nothing changed.
    EXPECT_EQ(inv.status, Status::accepted);
    EXPECT_EQ(inv.status_at, kSent + 24h);
}

TEST(Invitation, WithdrawnCannotBeWithdrawnAgain)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::withdrawn, kSent + 24h, "cli"}));
    EXPECT_FALSE(apply(inv, Event{EventKind::withdrawn, kSent + 48h, "cli"}));
}

TEST(Invitation, EventBeforeSentIsRefused)
{
    Invitation inv = pending_invitation();
    auto r = apply(inv, Event{EventKind::withdrawn, kSent - 1s, "cli"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::conflict);
    EXPECT_EQ(r.error().code, "before_sent");
    EXPECT_EQ(inv.status, Status::pending);
}

TEST(Invitation, EventAtTheSendInstantIsAllowed)
{
    Invitation inv = pending_invitation();
    EXPECT_TRUE(apply(inv, Event{EventKind::accepted, kSent, "import:x"}));
}

TEST(Invitation, KeepAfterAccidentalClearsAccidental)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::accidental, kSent + 1h, "cli"}));
    EXPECT_TRUE(inv.accidental);
    ASSERT_TRUE(apply(inv, Event{EventKind::keep, kSent + 2h, "cli"}));
    EXPECT_TRUE(inv.keep);
    EXPECT_FALSE(inv.accidental);
}

TEST(Invitation, AccidentalAfterKeepClearsKeep)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::keep, kSent + 1h, "cli"}));
    ASSERT_TRUE(apply(inv, Event{EventKind::accidental, kSent + 2h, "cli"}));
    EXPECT_TRUE(inv.accidental);
    EXPECT_FALSE(inv.keep);
}

TEST(Invitation, KeepDoesNotChangeStatus)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::keep, kSent + 1h, "cli"}));
    EXPECT_EQ(inv.status, Status::pending);
    EXPECT_EQ(inv.status_at, kSent);
}

TEST(Invitation, UnkeepOnNotKeptIsRefused)
{
    Invitation inv = pending_invitation();
    auto r = apply(inv, Event{EventKind::unkeep, kSent + 1h, "cli"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::conflict);
    EXPECT_NE(r.error().message.find("not kept"), std::string::npos) << r.error().message;
}

TEST(Invitation, UnkeepClearsKeep)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::keep, kSent + 1h, "cli"}));
    ASSERT_TRUE(apply(inv, Event{EventKind::unkeep, kSent + 2h, "cli"}));
    EXPECT_FALSE(inv.keep);
}

TEST(Invitation, KeepOnWithdrawnIsRefused)
{
    Invitation inv = pending_invitation();
    ASSERT_TRUE(apply(inv, Event{EventKind::withdrawn, kSent + 1h, "cli"}));
    auto r = apply(inv, Event{EventKind::keep, kSent + 2h, "cli"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::conflict);
    EXPECT_FALSE(inv.keep);
}

TEST(Invitation, ReceivedInvitationCannotBeMarkedAccidentalOrKept)
{
    Invitation inv = pending_invitation(Direction::incoming);
    EXPECT_FALSE(apply(inv, Event{EventKind::accidental, kSent + 1h, "cli"}));
    EXPECT_FALSE(apply(inv, Event{EventKind::keep, kSent + 1h, "cli"}));
    EXPECT_FALSE(inv.accidental);
    EXPECT_FALSE(inv.keep);
}

TEST(Invitation, NamesRoundTrip)
{
    for (auto s : {Status::pending, Status::accepted, Status::withdrawn, Status::declined, Status::gone})
        EXPECT_EQ(status_from_string(to_string(s)), s);
    for (auto k : {EventKind::sent, EventKind::accepted, EventKind::withdrawn, EventKind::declined, EventKind::gone,
                   EventKind::accidental, EventKind::keep, EventKind::unkeep})
        EXPECT_EQ(event_kind_from_string(to_string(k)), k);
    EXPECT_EQ(direction_from_string("outgoing"), Direction::outgoing);
    EXPECT_EQ(direction_from_string("incoming"), Direction::incoming);
    EXPECT_FALSE(status_from_string("Pending"));
    EXPECT_FALSE(direction_from_string("OUTGOING"));
}

TEST(Invitation, ExitCodesByErrorKind)
{
    EXPECT_EQ(exit_code(ErrorKind::usage), 1);
    EXPECT_EQ(exit_code(ErrorKind::bad_input), 2);
    EXPECT_EQ(exit_code(ErrorKind::conflict), 3);
    EXPECT_EQ(exit_code(ErrorKind::internal), 4);
}

TEST(Invitation, UndoTakesBackTheLatestMarkAndOnlyAMark)
{
    Invitation inv = pending_invitation();
    std::vector<Event> log{{EventKind::sent, kSent, "import:a.zip"},
                           {EventKind::keep, kSent + 1h, "cli"},
                           {EventKind::withdrawn, kSent + 2h, "api"},
                           {EventKind::undo, kSent + 3h, "api"}};
    ASSERT_TRUE(replay(inv, log));
    EXPECT_EQ(inv.status, Status::pending);
    EXPECT_EQ(inv.status_at, kSent);
    EXPECT_TRUE(inv.keep);  // only the withdrawal was taken back

    log.push_back({EventKind::undo, kSent + 4h, "api"});  // then the keep
    ASSERT_TRUE(replay(inv, log));
    EXPECT_FALSE(inv.keep);

    log.push_back({EventKind::undo, kSent + 5h, "api"});  // nothing left: the sending is no mark
    auto refused = replay(inv, log);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "nothing_to_undo");
    EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
}

TEST(Invitation, UndoLeavesWhatAnImportFoundAlone)
{
    Invitation inv = pending_invitation();
    const std::vector<Event> log{{EventKind::sent, kSent, "import:a.zip"},
                                 {EventKind::accepted, kSent + 24h, "import:b.zip"},
                                 {EventKind::undo, kSent + 48h, "api"}};
    auto refused = replay(inv, log);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "nothing_to_undo");
    EXPECT_FALSE(apply(inv, Event{EventKind::undo, kSent, "api"}));  // an undo needs the log
}

}  // namespace
}  // namespace ik::core
