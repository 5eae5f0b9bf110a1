#include "app/secrets.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

namespace ik::app {

namespace {

void ready()
{
    // Thread-safe, and cheap after the first call.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start (sodium_init failed)");
}

std::string hex(const unsigned char* bytes, size_t n)
{
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

}  // namespace

core::Result<std::string> hash_password(std::string_view password)
{
    ready();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return core::fail(core::ErrorKind::internal, "out_of_memory",
                          "not enough memory to hash the password (Argon2id needs 64 MiB)");
    return std::string(out.data());
}

bool verify_password(std::string_view hash, std::string_view password)
{
    ready();
    const std::string h(hash);  // libsodium reads a NUL-terminated string
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void spend_a_verify()
{
    // A hash of a password nobody has, made once: verifying against it costs what
    // a real user's verify costs.
    static const std::string decoy = [] {
        auto made = hash_password(new_secret("decoy_"));
        return made ? *made : std::string();
    }();
    (void)verify_password(decoy, "not the password");
}

std::string new_secret(std::string_view prefix)
{
    ready();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return fmt::format("{}{}", prefix, hex(bytes.data(), bytes.size()));
}

std::string secret_digest(std::string_view secret)
{
    ready();
    std::array<unsigned char, 32> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                       nullptr, 0);
    return hex(out.data(), out.size());
}

}  // namespace ik::app
