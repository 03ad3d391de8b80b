#ifndef TCVOD_CRYPTO_OPENSSL_HPP
#define TCVOD_CRYPTO_OPENSSL_HPP

// OpenSSL-backed SHA-1/SHA-256 with the same interface as the software
// classes (link with -lcrypto). Only defined when TCVOD_CRYPTO_OPENSSL is;
// sha1.hpp and sha256.hpp then make `sha1`/`sha256` name these classes.
//
// The low-level SHA*_Init/Update/Final calls are deprecated in OpenSSL 3 in
// favour of EVP, but EVP allocates a context per hash object; the SHA_CTX
// structs are plain data that can be copied, which hmac<> relies on.

#ifdef TCVOD_CRYPTO_OPENSSL

#include <cstddef>

#include <openssl/sha.h>

#include "digest.hpp"

namespace tcvod {
inline namespace v1 {
namespace crypto {

// The deprecation warnings are silenced only around these calls, so the
// including code keeps its own OpenSSL diagnostics.
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

class openssl_sha1 {
public:
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = 20;
    using result_type = digest<digest_size>;
    static_assert(SHA_CBLOCK == block_size && SHA_DIGEST_LENGTH == digest_size, "OpenSSL SHA-1 parameters");

    openssl_sha1() noexcept { reset(); }

    // The SHA*_ functions cannot fail on a valid context, so their status is ignored.
    void update(const void* data, std::size_t size) noexcept { static_cast<void>(SHA1_Update(&context_, data, size)); }

    // Finalizes; call reset() before hashing another message.
    result_type result() noexcept {
        result_type out;
        static_cast<void>(SHA1_Final(out.bytes, &context_));
        return out;
    }

    void reset() noexcept { static_cast<void>(SHA1_Init(&context_)); }

private:
    SHA_CTX context_;
};

class openssl_sha256 {
public:
    static constexpr std::size_t block_size = 64;
    static constexpr std::size_t digest_size = 32;
    using result_type = digest<digest_size>;
    static_assert(SHA256_CBLOCK == block_size && SHA256_DIGEST_LENGTH == digest_size, "OpenSSL SHA-256 parameters");

    openssl_sha256() noexcept { reset(); }

    void update(const void* data, std::size_t size) noexcept {
        static_cast<void>(SHA256_Update(&context_, data, size));
    }

    // Finalizes; call reset() before hashing another message.
    result_type result() noexcept {
        result_type out;
        static_cast<void>(SHA256_Final(out.bytes, &context_));
        return out;
    }

    void reset() noexcept { static_cast<void>(SHA256_Init(&context_)); }

private:
    SHA256_CTX context_;
};

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace crypto
}  // namespace v1
}  // namespace tcvod

#endif  // TCVOD_CRYPTO_OPENSSL

#endif  // TCVOD_CRYPTO_OPENSSL_HPP
