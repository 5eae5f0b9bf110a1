// Reading a ledger's address (store/open.h): which backend, which file, and what is
// refused, never echoing a URI's password.
#include "store/open.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <utility>

namespace ik::store {
namespace {

TEST(Locate, APathOrAnSqliteUriIsAnSqliteFile)
{
    for (auto [address, path] : {std::pair{"ledger.db", "ledger.db"}, std::pair{"/var/ik/l.db", "/var/ik/l.db"},
                                 std::pair{"sqlite:rel/l.db", "rel/l.db"}, std::pair{"sqlite:///abs/l.db", "/abs/l.db"},
                                 std::pair{"sqlite://rel.db", "rel.db"}, std::pair{":memory:", ":memory:"},
                                 std::pair{"weird:name.db", "weird:name.db"}}) {
        auto where = locate(address);
        ASSERT_TRUE(where) << address;
        EXPECT_EQ(where->backend, Location::Backend::sqlite);
        EXPECT_EQ(where->path, path) << address;
    }
}

TEST(Locate, APostgresUriNamesTheServerAndAnyOtherSchemeIsRefused)
{
    for (const char* uri : {"postgresql://robin:s3cret@db.example:5432/ledger", "postgres:///ledger?host=/run/pg"}) {
        auto pg = locate(uri);
        ASSERT_TRUE(pg) << uri;
        EXPECT_EQ(pg->backend, Location::Backend::postgres);
        EXPECT_EQ(pg->path, uri);
        EXPECT_TRUE(exists(*pg));
    }
    auto other = locate("mysql://robin:s3cret@db/ledger");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, "unknown_backend");
    EXPECT_EQ(other.error().message.find("s3cret"), std::string::npos);
    EXPECT_TRUE(other.error().message.starts_with("mysql://...: ")) << other.error().message;
    EXPECT_EQ(locate("sqlite:").error().code, "bad_db");
    EXPECT_EQ(locate("sqlite://").error().code, "bad_db");
}

TEST(Printable, AServerUriLosesItsPasswordAndAPathStaysAsGiven)
{
    EXPECT_EQ(printable("postgresql://robin:s3cret@db.example:5432/ledger"), "postgresql://robin@db.example:5432/ledger");
    EXPECT_EQ(printable("postgres://robin:p%40ss@db/ledger?sslmode=require"), "postgres://robin@db/ledger?sslmode=require");
    EXPECT_EQ(printable("postgresql:///ledger?host=/run/pg&password=s3cret&port=5433"),
              "postgresql:///ledger?host=/run/pg&password=***&port=5433");
    EXPECT_EQ(printable("postgresql://db/ledger?password=s3cret"), "postgresql://db/ledger?password=***");
    EXPECT_EQ(printable("postgresql://robin@db/ledger"), "postgresql://robin@db/ledger");
    EXPECT_EQ(printable("postgresql://bob:s3c?ret@db/x"), "postgresql://bob@db/x");
    EXPECT_EQ(printable("/home/robin/ledger:2.db"), "/home/robin/ledger:2.db");
    EXPECT_EQ(printable("sqlite:ledger.db"), "sqlite:ledger.db");
    // libpq decodes a parameter's name as well as its value.
    EXPECT_EQ(printable("postgresql://db/ledger?%70assword=s3cret&port=5433"),
              "postgresql://db/ledger?%70assword=***&port=5433");
    EXPECT_EQ(printable("postgresql://db/ledger?sslmode=require&pass%77ord=s3cret"),
              "postgresql://db/ledger?sslmode=require&pass%77ord=***");
    EXPECT_EQ(printable("postgresql://db/ledger?passwords=kept"), "postgresql://db/ledger?passwords=kept");
}

// libpq's key=value form is not taken for a file name (a stray SQLite file called
// "host=/run/postgresql dbname=team"), and the refusal does not repeat its password.
TEST(Locate, AKeyValueConnectionStringIsRefusedWithoutEchoingIt)
{
    for (const char* conninfo : {"host=/run/postgresql dbname=team", "dbname=team password=s3cret", " user = dana"}) {
        auto where = locate(conninfo);
        ASSERT_FALSE(where) << conninfo;
        EXPECT_EQ(where.error().code, "bad_db");
        EXPECT_NE(where.error().message.find("postgresql://"), std::string::npos) << where.error().message;
        EXPECT_EQ(where.error().message.find("s3cret"), std::string::npos) << where.error().message;
    }
    for (const char* path : {"ledger=2.db", "/srv/host=a/ledger.db", "robin.db"}) {
        auto where = locate(path);
        ASSERT_TRUE(where) << path;
        EXPECT_EQ(where->backend, Location::Backend::sqlite) << path;
    }
}

TEST(OpenStore, AMissingLedgerIsCreatedOnlyWhenAsked)
{
    const std::string path = ::testing::TempDir() + "ik-open-test/sub/ledger.db";
    std::filesystem::remove_all(::testing::TempDir() + "ik-open-test");
    auto missing = open_store(path, Open::existing);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "no_ledger");
    EXPECT_FALSE(exists(*locate(path)));
    auto made = open_store("sqlite:" + path, Open::or_create);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_TRUE(exists(*locate(path)));
    std::filesystem::remove_all(::testing::TempDir() + "ik-open-test");
}

}  // namespace
}  // namespace ik::store
