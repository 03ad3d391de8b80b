// The built-in crypto core against OpenSSL on the same bytes: SHA-1 and
// SHA-256 with the fast, the small and, when the CPU has them, the SHA
// instruction (SHA-NI, ARMv8) compressions, and the dispatching classes a
// default x86-64 build uses (software_sha1/256: whichever the CPU allows),
// fed in random chunk sizes, so the block buffering is exercised;
// HMAC-SHA1/SHA256 over each with any key
// length (reset and copies included), Base64
// encoding, and Base64 decoding both ways (whatever the strict decoder
// accepts OpenSSL decodes to the same bytes; whatever OpenSSL decodes to a
// canonical encoding the strict decoder accepts).
#include "tcvod/crypto/base64.hpp"
#include "tcvod/crypto/cpu.hpp"
#include "tcvod/crypto/digest.hpp"
#include "tcvod/crypto/hmac.hpp"
#include "tcvod/crypto/sha1.hpp"
#include "tcvod/crypto/sha256.hpp"

#include "fuzz_check.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace tcvod::crypto;

// Feeds `message` to `h` in chunks whose sizes come from `pattern`.
template <class Hash>
void update_in_chunks(Hash& h, const std::uint8_t* message, std::size_t size, std::uint8_t pattern) {
    std::size_t chunk = 1 + pattern % 131;  // 1..131: below, at and across the 64-byte block
    for (std::size_t at = 0; at < size;) {
        std::size_t n = size - at < chunk ? size - at : chunk;
        h.update(message + at, n);
        at += n;
        chunk = 1 + (chunk * 7 + pattern) % 131;
    }
}

// Compares with memcmp, and checks constant_time_equal agrees both on the
// equal bytes and on a copy that differs in one byte (chosen by the digest).
template <class Digest>
bool same_bytes(const Digest& ours, const unsigned char* theirs, std::size_t n) {
    if (n != ours.size()) return false;
    bool equal = std::memcmp(ours.data(), theirs, n) == 0;
    FUZZ_CHECK(constant_time_equal(ours.data(), theirs, n) == equal);
    unsigned char other[EVP_MAX_MD_SIZE];
    std::memcpy(other, theirs, n);
    std::size_t at = static_cast<std::size_t>(other[0]) % n;
    other[at] = static_cast<unsigned char>(other[at] ^ (1u << (other[n - 1] % 8)));
    FUZZ_CHECK(!constant_time_equal(ours.data(), other, n) || !equal);
    return equal;
}

#if TCVOD_CRYPTO_HARDWARE_SHA
// Asked once per process (without TCVOD_CRYPTO_RUNTIME_DISPATCH the library
// asks libgcc's or glibc's table, never CPUID, once per hash object).
bool cpu_has_sha_instructions() {
    static const bool has = detail::cpu_has_sha_instructions();
    return has;
}
#endif

template <class Hash>
void check_hash(const std::uint8_t* message, std::size_t size, std::uint8_t pattern, const EVP_MD* md) {
    unsigned char expected[EVP_MAX_MD_SIZE];
    unsigned int expected_size = 0;
    FUZZ_CHECK(EVP_Digest(message, size, expected, &expected_size, md, nullptr) == 1);
    Hash hash;
    update_in_chunks(hash, message, size, pattern);
    FUZZ_CHECK(same_bytes(hash.result(), expected, expected_size));
}

void check_hashes(const std::uint8_t* message, std::size_t size, std::uint8_t pattern) {
    check_hash<fast_sha1>(message, size, pattern, EVP_sha1());
    check_hash<small_sha1>(message, size, pattern, EVP_sha1());
    check_hash<fast_sha256>(message, size, pattern, EVP_sha256());
    check_hash<small_sha256>(message, size, pattern, EVP_sha256());
#if TCVOD_CRYPTO_HARDWARE_SHA
    if (cpu_has_sha_instructions()) {
        check_hash<hardware_sha1>(message, size, pattern, EVP_sha1());
        check_hash<hardware_sha256>(message, size, pattern, EVP_sha256());
    }
    check_hash<dispatching_sha1>(message, size, pattern, EVP_sha1());
    check_hash<dispatching_sha256>(message, size, pattern, EVP_sha256());
#endif
    // What sha1/sha256 name in this build (one of the above, unless OpenSSL).
    check_hash<software_sha1>(message, size, pattern, EVP_sha1());
    check_hash<software_sha256>(message, size, pattern, EVP_sha256());
}

template <class Hash>
void check_hmac(const std::string& key, const std::uint8_t* message, std::size_t size, std::uint8_t pattern,
                const EVP_MD* md) {
    unsigned char expected[EVP_MAX_MD_SIZE];
    unsigned int expected_size = 0;
    FUZZ_CHECK(HMAC(md, key.data(), static_cast<int>(key.size()), message, size, expected, &expected_size) != nullptr);

    hmac<Hash> keyed(key.data(), key.size());
    hmac<Hash> copy = keyed;  // what a signer hands out per request
    update_in_chunks(keyed, message, size, pattern);
    FUZZ_CHECK(same_bytes(keyed.result(), expected, expected_size));
    keyed.reset();  // back to the keyed state: the key blocks are not hashed again
    keyed.update(message, size);
    FUZZ_CHECK(same_bytes(keyed.result(), expected, expected_size));
    copy.update(message, size);
    FUZZ_CHECK(same_bytes(copy.result(), expected, expected_size));
}

void check_base64(const std::uint8_t* bytes, std::size_t size) {
    // Encoding: byte for byte what OpenSSL writes (it adds a NUL).
    std::string ours(base64_encoded_size(size), '\0');
    FUZZ_CHECK(base64_encode(bytes, size, &ours[0]) == ours.size());
    std::vector<unsigned char> theirs(ours.size() + 1);
    int written = EVP_EncodeBlock(theirs.data(), bytes, static_cast<int>(size));
    FUZZ_CHECK(written >= 0 && static_cast<std::size_t>(written) == ours.size());
    FUZZ_CHECK(std::memcmp(ours.data(), theirs.data(), ours.size()) == 0);

    // And back.
    std::vector<unsigned char> decoded(base64_max_decoded_size(ours.size()) + 1);
    std::size_t decoded_size = 0;
    FUZZ_CHECK(base64_decode(ours.data(), ours.size(), decoded.data(), decoded_size));
    FUZZ_CHECK(decoded_size == size && (size == 0 || std::memcmp(decoded.data(), bytes, size) == 0));

    // The input read as Base64 text.
    const char* text = reinterpret_cast<const char*>(bytes);
    std::size_t our_size = 0;
    std::vector<unsigned char> our_bytes(base64_max_decoded_size(size) + 1);
    bool accepted = base64_decode(text, size, our_bytes.data(), our_size);
    std::vector<unsigned char> openssl_bytes(size / 4 * 3 + 3);
    int openssl_size = size == 0 ? 0 : EVP_DecodeBlock(openssl_bytes.data(), bytes, static_cast<int>(size));
    if (accepted) {
        // OpenSSL counts the bytes the padding stands for: drop them.
        std::size_t padding = size >= 1 && text[size - 1] == '=' ? (size >= 2 && text[size - 2] == '=' ? 2 : 1) : 0;
        FUZZ_CHECK(openssl_size >= 0 && static_cast<std::size_t>(openssl_size) == our_size + padding);
        FUZZ_CHECK(our_size == 0 || std::memcmp(our_bytes.data(), openssl_bytes.data(), our_size) == 0);
    } else if (openssl_size > 0) {
        // OpenSSL is lenient (whitespace, non-zero pad bits); the strict decoder
        // must still accept every text that is the canonical encoding of
        // what OpenSSL decoded, with or without the padding bytes.
        for (std::size_t drop = 0; drop <= 2 && drop <= static_cast<std::size_t>(openssl_size); ++drop) {
            std::size_t n = static_cast<std::size_t>(openssl_size) - drop;
            std::string canonical(base64_encoded_size(n), '\0');
            base64_encode(openssl_bytes.data(), n, &canonical[0]);
            FUZZ_CHECK(canonical != std::string(text, size));
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        check_hashes(data, size, 0);
        check_base64(data, size);
        return 0;
    }
    // data[0]: chunk pattern; data[1]: key length; then key, then message.
    std::uint8_t pattern = data[0];
    std::size_t key_size = data[1] <= size - 2 ? data[1] : size - 2;
    std::string key(reinterpret_cast<const char*>(data + 2), key_size);
    const std::uint8_t* message = data + 2 + key_size;
    std::size_t message_size = size - 2 - key_size;

    check_hashes(message, message_size, pattern);
    check_hmac<fast_sha1>(key, message, message_size, pattern, EVP_sha1());
    check_hmac<small_sha1>(key, message, message_size, pattern, EVP_sha1());
    check_hmac<fast_sha256>(key, message, message_size, pattern, EVP_sha256());
    check_hmac<small_sha256>(key, message, message_size, pattern, EVP_sha256());
#if TCVOD_CRYPTO_HARDWARE_SHA
    if (cpu_has_sha_instructions()) {
        check_hmac<hardware_sha1>(key, message, message_size, pattern, EVP_sha1());
        check_hmac<hardware_sha256>(key, message, message_size, pattern, EVP_sha256());
    }
    check_hmac<dispatching_sha1>(key, message, message_size, pattern, EVP_sha1());
    check_hmac<dispatching_sha256>(key, message, message_size, pattern, EVP_sha256());
#endif
    check_base64(data, size);
    return 0;
}
