// The use cases through their typed requests, as both front ends call them: on a
// real SQLite file, with the clock pinned.
#include "app/json.h"
#include "support.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ik::app {
namespace {

namespace fs = std::filesystem;

using test::kNow;

// Five invitations, a week old, none accepted: five pending.
constexpr std::string_view kInvitations =
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    "Robin Vale,Ada Brook,\"11/19/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,"
    "https://www.linkedin.com/in/ada-brook\n"
    "Robin Vale,Ben Cole,\"11/19/26, 9:05 AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,"
    "https://www.linkedin.com/in/ben-cole\n"
    "Robin Vale,Cy Dunn,\"11/19/26, 9:10 AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,"
    "https://www.linkedin.com/in/cy-dunn\n"
    "Robin Vale,Di Eames,\"11/19/26, 9:15 AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,"
    "https://www.linkedin.com/in/di-eames\n"
    "Robin Vale,Ed Fox,\"11/19/26, 9:20 AM\",,OUTGOING,https://www.linkedin.com/in/robin-vale,"
    "https://www.linkedin.com/in/ed-fox\n";

class UseCases : public test::LedgerTest {
protected:
    void SetUp() override
    {
        LedgerTest::SetUp();
        m_csv = (m_dir / "Invitations.csv").string();
        std::ofstream(m_csv) << kInvitations;
        ASSERT_TRUE(run(InitRequest{.name = "robin", .tz = "UTC"}));
        ASSERT_TRUE(run(ImportRequest{.sources = {{m_csv, m_csv}}}));
    }

    long pending() { return run(StatusRequest{})->status.pending; }
    // Everything the ledger holds, as the answers of every read show it.
    std::string everything()
    {
        std::string all;
        all += to_json(*run(PendingRequest{})).dump();
        all += to_json(*run(StatusRequest{})).dump();
        all += to_json(*run(QueueListRequest{})).dump();
        all += to_json(*run(HistoryRequest{})).dump();
        return all;
    }

    std::string m_csv;
};

TEST_F(UseCases, AnImportedExportIsWhatStatusAndPendingAnswer)
{
    EXPECT_EQ(pending(), 5);
    auto listed = run(PendingRequest{.older_than = core::Duration{6 * 86400}, .older_than_text = "6d", .limit = 2});
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->count, 5);
    EXPECT_EQ(listed->items.size(), 2u);
    EXPECT_EQ(to_json(*listed)["items"][0]["name"], "Ada Brook");
}

TEST_F(UseCases, AnImportIsRecordedUnderTheNameItWasGiven)
{
    // The HTTP API's uploads are read from a temporary path and recorded as upload:NAME.
    const std::string copy = (m_dir / "tmp-upload").string();
    std::ofstream(copy) << std::string(kInvitations) +
                               "Robin Vale,Fay Gale,\"11/20/26, 9:00 AM\",,OUTGOING,"
                               "https://www.linkedin.com/in/robin-vale,https://www.linkedin.com/in/fay-gale\n";
    auto imported = run(ImportRequest{.sources = {{copy, "upload:Invitations.csv"}}});
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_EQ(imported->counts.new_invitations, 1);
    EXPECT_EQ(to_json(*imported)["sources"][0]["path"], "upload:Invitations.csv");
    auto undone = run(ImportUndoRequest{});
    ASSERT_TRUE(undone) << undone.error().message;
    EXPECT_EQ(undone->sources, (std::vector<std::string>{"upload:Invitations.csv"}));
    EXPECT_EQ(pending(), 5);
}

TEST_F(UseCases, ADryRunAnswersLikeTheImportAndWritesNothing)
{
    const std::string more = (m_dir / "more.csv").string();
    std::ofstream(more) << "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                           "Robin Vale,Fay Gale,\"11/20/26, 9:00 AM\",,OUTGOING,"
                           "https://www.linkedin.com/in/robin-vale,https://www.linkedin.com/in/fay-gale\n";
    const std::string before = everything();
    auto dry = run(ImportRequest{.sources = {{more, more}}, .dry_run = true});
    ASSERT_TRUE(dry) << dry.error().message;
    EXPECT_EQ(dry->pending, 6);
    EXPECT_TRUE(dry->changed);
    EXPECT_EQ(everything(), before);
}

TEST_F(UseCases, AMarkWithOneRefusedTargetRecordsNoneOfThem)
{
    const std::string before = everything();
    // Gus is new; Ada is already pending: the mark is refused and Gus is not recorded either.
    auto sent = run(MarkRequest{
        .kind = "sent", .targets = {"https://www.linkedin.com/in/gus-hale", "https://www.linkedin.com/in/ada-brook"}});
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().kind, core::ErrorKind::conflict);
    EXPECT_NE(sent.error().message.find("nothing was recorded"), std::string::npos) << sent.error().message;
    EXPECT_EQ(everything(), before);

    auto withdrawn = run(MarkRequest{.kind = "withdrawn", .targets = {"1", "999"}});
    ASSERT_FALSE(withdrawn);
    EXPECT_EQ(withdrawn.error().code, "unknown_invitation");
    EXPECT_EQ(everything(), before);
}

TEST_F(UseCases, AMarkAnswersWhatItChanged)
{
    auto marked = run(MarkRequest{.kind = "withdrawn", .targets = {"https://www.linkedin.com/in/ada-brook", "2"}});
    ASSERT_TRUE(marked) << marked.error().message;
    const auto& items = std::get<MarkedInvitations>(*marked).items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].after.status, core::Status::withdrawn);
    EXPECT_EQ(to_json(*marked)["count"], 2);
    EXPECT_EQ(pending(), 3);
}

TEST_F(UseCases, AUseCaseThatReadsNeverChangesTheLedger)
{
    auto s = session();
    auto store = s.store();
    ASSERT_TRUE(store);
    const auto before = (*store)->change_token();
    auto reads = [&](const auto& request) {
        static_assert(!std::decay_t<decltype(request)>::kWrites);
        auto other = session();
        EXPECT_TRUE(app::run(other, request));
    };
    reads(AccountsRequest{});
    reads(StatusRequest{});
    reads(HealthRequest{});
    reads(ForecastRequest{});
    reads(PendingRequest{});
    reads(StatsRequest{.by = "week"});
    reads(HistoryRequest{});
    reads(WithdrawPlanRequest{});
    reads(SendPlanRequest{});
    reads(SimulateRequest{.runs = 5});
    reads(QueueListRequest{});
    reads(TemplateListRequest{});
    reads(DncListRequest{});
    reads(ConfigShowRequest{});
    reads(CheckNoteRequest{.text = "Hi Ada, loved your talk."});
    reads(ReportRequest{});
    EXPECT_EQ((*store)->change_token(), before);

    static_assert(MarkRequest::kWrites && ImportRequest::kWrites && QueueAddRequest::kWrites && InitRequest::kWrites);
    QueueAddRequest add;
    add.input.profile_url = "https://www.linkedin.com/in/gus-hale";
    ASSERT_TRUE(run(add));
    EXPECT_NE((*store)->change_token(), before);
}

TEST_F(UseCases, RequestsOutOfRangeAreRefusedBeforeTheLedgerIsRead)
{
    EXPECT_EQ(run(HistoryRequest{.weeks = 0}).error().code, "bad_weeks");
    EXPECT_EQ(run(WithdrawPlanRequest{.target = -1}).error().code, "bad_target");
    EXPECT_EQ(run(WithdrawPlanRequest{.max_per_day = 0}).error().code, "bad_max");
    EXPECT_EQ(run(SendPlanRequest{.days = 367}).error().code, "bad_days");
    EXPECT_EQ(run(SimulateRequest{.per_day = {2000}}).error().code, "bad_strategy");
    EXPECT_EQ(run(StatsRequest{.by = "colour"}).error().code, "bad_grouping");
    EXPECT_EQ(run(PendingRequest{.limit = -1}).error().code, "bad_limit");
}

}  // namespace
}  // namespace ik::app
