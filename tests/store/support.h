// What the store's tests share: times, invitations and queries made up for them, and
// a temporary ledger file that cleans up after itself.
#pragma once

#include "store/store.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace ik::store::test {

using core::AccountId;
using core::Direction;
using core::Event;
using core::EventKind;
using core::Instant;
using core::ImportId;
using core::InvitationId;
using core::Status;

inline Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0)
{
    return Instant{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}} +
                   std::chrono::hours{h} + std::chrono::minutes{mi}};
}

inline core::Days day(int y, unsigned m, unsigned d)
{
    return core::Days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

inline const Instant kNow = utc(2026, 11, 26, 9);

inline core::Invitation invitation_to(AccountId account, const std::string& slug, Direction direction = Direction::outgoing)
{
    core::Invitation inv;
    inv.account = account;
    inv.direction = direction;
    inv.person = core::Person{"in:" + slug, slug, "https://www.linkedin.com/in/" + slug};
    inv.message = "Hi " + slug;
    return inv;
}

inline std::string read_bytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A fresh path in the temp folder, removed (with SQLite's side files) afterwards.
class TempPath {
public:
    explicit TempPath(const std::string& name)
        : m_path(std::filesystem::temp_directory_path() /
                 ("ik_store_test_" + std::to_string(::getpid()) + "_" + name + ".db"))
    {
        remove();
    }
    ~TempPath() { remove(); }
    const std::filesystem::path& path() const { return m_path; }
    std::string str() const { return m_path.string(); }

private:
    void remove()
    {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(m_path.string() + suffix, ec);
    }
    std::filesystem::path m_path;
};


using Names = std::vector<std::string>;

inline InvitationQuery with_status(Status status)
{
    InvitationQuery q;
    q.status = status;
    return q;
}

inline InvitationQuery with_direction(std::optional<Direction> direction)
{
    InvitationQuery q;
    q.direction = direction;
    return q;
}

inline InvitationQuery sent_between(std::optional<Instant> from, std::optional<Instant> before)
{
    InvitationQuery q;
    q.sent_from = from;
    q.sent_before = before;
    return q;
}

inline InvitationQuery first(long limit, bool newest_first = false)
{
    InvitationQuery q;
    q.limit = limit;
    q.newest_first = newest_first;
    return q;
}

}  // namespace ik::store::test
