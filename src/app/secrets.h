// Passwords and secrets, made and checked with libsodium: what the team's directory
// (store/directory.h) keeps instead of them. Nothing here logs or returns a secret
// except the new one it was asked to make.
#pragma once

#include "core/error.h"

#include <string>
#include <string_view>

namespace ik::app {

// A password's Argon2id hash in libsodium's string form ("$argon2id$v=19$m=65536,
// t=2,p=1$..."), with a random salt, at libsodium's interactive cost (64 MiB, 2
// passes): tens of milliseconds to check one, far too slow to try a list of them.
core::Result<std::string> hash_password(std::string_view password);
// Whether `password` is the one `hash` was made from; in time independent of where
// they differ (libsodium's own comparison).
bool verify_password(std::string_view hash, std::string_view password);
// The same work as a failed verify_password, for a name that is nobody's, so that
// the time a login takes does not tell which names exist.
void spend_a_verify();

// A new secret: `prefix` and 32 random bytes as hex ("ikt_3f9a..." for a token).
std::string new_secret(std::string_view prefix);
// What is kept of a secret: its BLAKE2b-256 digest, in hex. A secret of 256 random
// bits needs no salt nor a slow hash: nobody can guess one from its digest.
std::string secret_digest(std::string_view secret);

}  // namespace ik::app
