// Known-answer tests for the crypto core: FIPS 180 (SHA), RFC 2202 / RFC 4231
// (HMAC), RFC 4648 (Base64) and Tencent Cloud API v1 signature examples. The
// SHA and HMAC vectors run through the fast and the small compressions, the
// SHA instruction ones (forced, and chosen at run time; skipped on a CPU
// without them) and OpenSSL when it is the backend; the compressions are also
// compared on pseudo-random messages.

// Read before the crypto headers define their default.
#ifdef TCVOD_CRYPTO_SMALL
#define TCVOD_TEST_SMALL_SET_BY_BUILD 1
#else
#define TCVOD_TEST_SMALL_SET_BY_BUILD 0
#endif

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "tcvod/crypto/base64.hpp"
#include "tcvod/crypto/cpu.hpp"
#include "tcvod/crypto/digest.hpp"
#include "tcvod/crypto/hmac.hpp"
#include "tcvod/crypto/sha1.hpp"
#include "tcvod/crypto/sha256.hpp"
#include "tcvod/crypto/wipe.hpp"

namespace crypto = tcvod::crypto;

namespace {

template <std::size_t N>
std::string to_hex(const crypto::digest<N>& d) {
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char byte : d.bytes) {
        hex += digits[byte >> 4];
        hex += digits[byte & 0x0F];
    }
    return hex;
}

std::string repeated(unsigned char byte, std::size_t count) { return std::string(count, static_cast<char>(byte)); }

std::string counting_bytes(unsigned char first, unsigned char last) {
    std::string bytes;
    for (unsigned value = first; value <= last; ++value) bytes += static_cast<char>(value);
    return bytes;
}

template <class Hash>
std::string hash_hex(const std::string& message) {
    Hash hash;
    hash.update(message.data(), message.size());
    return to_hex(hash.result());
}

template <class Hash>
typename Hash::result_type hash_of(const std::string& message) {
    Hash hash;
    hash.update(message.data(), message.size());
    return hash.result();
}

template <class Mac>
std::string mac_hex(const std::string& key, const std::string& message) {
    Mac mac(key.data(), key.size());
    mac.update(message.data(), message.size());
    return to_hex(mac.result());
}

template <class Mac>
std::string mac_base64(const std::string& key, const std::string& message) {
    Mac mac(key.data(), key.size());
    mac.update(message.data(), message.size());
    const typename Mac::result_type tag = mac.result();
    char encoded[crypto::base64_encoded_size(Mac::digest_size)];
    const std::size_t written = crypto::base64_encode(tag.data(), tag.size(), encoded);
    return std::string(encoded, written);
}

std::string encode(const std::string& bytes) {
    std::string text(crypto::base64_encoded_size(bytes.size()), '\0');
    const std::size_t written = crypto::base64_encode(bytes.data(), bytes.size(), &text[0]);
    EXPECT_EQ(written, text.size());
    return text;
}

// Returns true and the decoded bytes, or false.
bool decode(const std::string& text, std::string& bytes) {
    std::vector<unsigned char> buffer(crypto::base64_max_decoded_size(text.size()) + 1);
    std::size_t size = 12345;
    const bool ok = crypto::base64_decode(text.data(), text.size(), buffer.data(), size);
    bytes.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size));
    return ok;
}

const std::string kAbc = "abc";
const std::string kTwoBlock = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

// Every hash class: the portable fast and small ones, the SHA instruction
// ones where they are compiled (hardware_* forced, dispatching_* chosen by the
// CPU), and OpenSSL's when it is the backend.
#if TCVOD_CRYPTO_HARDWARE_SHA && defined(TCVOD_CRYPTO_OPENSSL)
using Sha1Types = ::testing::Types<crypto::fast_sha1, crypto::small_sha1, crypto::hardware_sha1,
                                   crypto::dispatching_sha1, crypto::openssl_sha1>;
using Sha256Types = ::testing::Types<crypto::fast_sha256, crypto::small_sha256, crypto::hardware_sha256,
                                     crypto::dispatching_sha256, crypto::openssl_sha256>;
using HashTypes =
    ::testing::Types<crypto::fast_sha1, crypto::small_sha1, crypto::hardware_sha1, crypto::dispatching_sha1,
                     crypto::openssl_sha1, crypto::fast_sha256, crypto::small_sha256, crypto::hardware_sha256,
                     crypto::dispatching_sha256, crypto::openssl_sha256>;
#elif TCVOD_CRYPTO_HARDWARE_SHA
using Sha1Types =
    ::testing::Types<crypto::fast_sha1, crypto::small_sha1, crypto::hardware_sha1, crypto::dispatching_sha1>;
using Sha256Types =
    ::testing::Types<crypto::fast_sha256, crypto::small_sha256, crypto::hardware_sha256, crypto::dispatching_sha256>;
using HashTypes =
    ::testing::Types<crypto::fast_sha1, crypto::small_sha1, crypto::hardware_sha1, crypto::dispatching_sha1,
                     crypto::fast_sha256, crypto::small_sha256, crypto::hardware_sha256, crypto::dispatching_sha256>;
#elif defined(TCVOD_CRYPTO_OPENSSL)
using Sha1Types = ::testing::Types<crypto::fast_sha1, crypto::small_sha1, crypto::openssl_sha1>;
using Sha256Types = ::testing::Types<crypto::fast_sha256, crypto::small_sha256, crypto::openssl_sha256>;
using HashTypes = ::testing::Types<crypto::fast_sha1, crypto::small_sha1, crypto::openssl_sha1, crypto::fast_sha256,
                                   crypto::small_sha256, crypto::openssl_sha256>;
#else
using Sha1Types = ::testing::Types<crypto::fast_sha1, crypto::small_sha1>;
using Sha256Types = ::testing::Types<crypto::fast_sha256, crypto::small_sha256>;
using HashTypes = ::testing::Types<crypto::fast_sha1, crypto::small_sha1, crypto::fast_sha256, crypto::small_sha256>;
#endif

// hardware_* run only on a CPU with the SHA instructions.
template <class Hash>
constexpr bool needs_sha_instructions() {
#if TCVOD_CRYPTO_HARDWARE_SHA
    return std::is_same<Hash, crypto::hardware_sha1>::value || std::is_same<Hash, crypto::hardware_sha256>::value;
#else
    return false;
#endif
}

#define TCVOD_TEST_SKIP_WITHOUT_SHA_INSTRUCTIONS()                                       \
    do {                                                                                 \
        if (!crypto::detail::cpu_has_sha_instructions())                                 \
            GTEST_SKIP() << "this CPU has no SHA instructions (SHA-NI or ARMv8 crypto)"; \
    } while (false)

// Passing a name generator also avoids clang's -Wgnu-zero-variadic-macro-arguments
// on the macro's empty variadic argument.
struct HashTypeNames {
    template <class Hash>
    static std::string GetName(int) {
        if (std::is_same<Hash, crypto::fast_sha1>::value) return "fast_sha1";
        if (std::is_same<Hash, crypto::small_sha1>::value) return "small_sha1";
        if (std::is_same<Hash, crypto::fast_sha256>::value) return "fast_sha256";
        if (std::is_same<Hash, crypto::small_sha256>::value) return "small_sha256";
#if TCVOD_CRYPTO_HARDWARE_SHA
        if (std::is_same<Hash, crypto::hardware_sha1>::value) return "hardware_sha1";
        if (std::is_same<Hash, crypto::dispatching_sha1>::value) return "dispatching_sha1";
        if (std::is_same<Hash, crypto::hardware_sha256>::value) return "hardware_sha256";
        if (std::is_same<Hash, crypto::dispatching_sha256>::value) return "dispatching_sha256";
#endif
        if (Hash::digest_size == 20) return "openssl_sha1";
        return "openssl_sha256";
    }
};

// Skips the test of a hardware_* class on a CPU without the instructions.
template <class Hash>
class HashFixture : public ::testing::Test {
protected:
    void SetUp() override {
        if (needs_sha_instructions<Hash>()) TCVOD_TEST_SKIP_WITHOUT_SHA_INSTRUCTIONS();
    }
};

// Vectors of one algorithm; the interface properties hold for every hash.
template <class Hash>
class Sha1 : public HashFixture<Hash> {};
TYPED_TEST_SUITE(Sha1, Sha1Types, HashTypeNames);
template <class Hash>
class Sha256 : public HashFixture<Hash> {};
TYPED_TEST_SUITE(Sha256, Sha256Types, HashTypeNames);
template <class Hash>
class HashTest : public HashFixture<Hash> {};
TYPED_TEST_SUITE(HashTest, HashTypes, HashTypeNames);

// A message of `size` bytes from `random`.
std::string random_bytes(std::mt19937& random, std::size_t size) {
    std::uniform_int_distribution<unsigned> byte(0, 255);
    std::string bytes(size, '\0');
    for (char& c : bytes) c = static_cast<char>(byte(random));
    return bytes;
}

// Feeds `message` to `hash` in random chunk sizes from 1 to 131 bytes: below,
// at and across the 64-byte block.
template <class Hash>
void update_in_random_chunks(Hash& hash, const std::string& message, std::mt19937& random) {
    std::uniform_int_distribution<std::size_t> chunk_size(1, 131);
    for (std::size_t offset = 0; offset < message.size();) {
        const std::size_t chunk = std::min(chunk_size(random), message.size() - offset);
        hash.update(message.data() + offset, chunk);
        offset += chunk;
    }
}

}  // namespace

// ---- digest / constant_time_equal -------------------------------------------

TEST(Digest, Interface) {
    static_assert(crypto::digest<20>::size() == 20, "size");
    static_assert(sizeof(crypto::digest<32>) == 32, "no overhead");
    crypto::digest<4> a{{1, 2, 3, 4}};
    crypto::digest<4> b = a;
    EXPECT_TRUE(a == b);
    EXPECT_FALSE(a != b);
    b.data()[3] = 5;
    EXPECT_FALSE(a == b);
    EXPECT_TRUE(a != b);
    const crypto::digest<4>& const_a = a;
    EXPECT_EQ(const_a.data(), &a.bytes[0]);
}

TEST(ConstantTimeEqual, EqualRanges) {
    const unsigned char x[] = {0, 1, 2, 0xFF, 0x80};
    const unsigned char y[] = {0, 1, 2, 0xFF, 0x80};
    EXPECT_TRUE(crypto::constant_time_equal(x, y, sizeof x));
    EXPECT_TRUE(crypto::constant_time_equal(x, x, sizeof x));
    EXPECT_TRUE(crypto::constant_time_equal(nullptr, nullptr, 0));
    EXPECT_TRUE(crypto::constant_time_equal(x, y + 1, 0));
}

TEST(ConstantTimeEqual, DifferentRanges) {
    const unsigned char x[] = {0, 1, 2, 0xFF, 0x80};
    for (std::size_t i = 0; i < sizeof x; ++i) {
        for (unsigned bit = 0; bit < 8; ++bit) {
            unsigned char y[sizeof x];
            std::memcpy(y, x, sizeof x);
            y[i] = static_cast<unsigned char>(y[i] ^ (1U << bit));
            EXPECT_FALSE(crypto::constant_time_equal(x, y, sizeof x)) << "byte " << i << " bit " << bit;
        }
    }
}

TEST(SecureWipe, ZeroesBytes) {
    unsigned char secret[37];
    std::memset(secret, 0xA5, sizeof secret);
    crypto::secure_wipe(secret, sizeof secret);
    for (unsigned char byte : secret) EXPECT_EQ(byte, 0);
    crypto::secure_wipe(nullptr, 0);
}

// ---- SHA-1 (FIPS 180 examples) ----------------------------------------------

TYPED_TEST(Sha1, Fips180Examples) {
    using Hash = TypeParam;
    EXPECT_EQ(hash_hex<Hash>(kAbc), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(hash_hex<Hash>(kTwoBlock), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(hash_hex<Hash>(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(hash_hex<Hash>(std::string(1000000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TYPED_TEST(Sha1, PaddingBoundaries) {
    using Hash = TypeParam;
    EXPECT_EQ(hash_hex<Hash>(std::string(55, 'a')), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    EXPECT_EQ(hash_hex<Hash>(std::string(56, 'a')), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
    EXPECT_EQ(hash_hex<Hash>(std::string(63, 'a')), "03f09f5b158a7a8cdad920bddc29b81c18a551f5");
    EXPECT_EQ(hash_hex<Hash>(std::string(64, 'a')), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
    EXPECT_EQ(hash_hex<Hash>(std::string(65, 'a')), "11655326c708d70319be2610e8a57d9a5b959d3b");
}

// ---- SHA-256 (FIPS 180 examples) --------------------------------------------

TYPED_TEST(Sha256, Fips180Examples) {
    using Hash = TypeParam;
    EXPECT_EQ(hash_hex<Hash>(kAbc), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hash_hex<Hash>(kTwoBlock), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hash_hex<Hash>(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hash_hex<Hash>(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TYPED_TEST(Sha256, PaddingBoundaries) {
    using Hash = TypeParam;
    EXPECT_EQ(hash_hex<Hash>(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(hash_hex<Hash>(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(hash_hex<Hash>(std::string(63, 'a')), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    EXPECT_EQ(hash_hex<Hash>(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    EXPECT_EQ(hash_hex<Hash>(std::string(65, 'a')), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
}

// ---- properties shared by every hash class ----------------------------------

TYPED_TEST(HashTest, InterfaceConstants) {
    using Hash = TypeParam;
    static_assert(Hash::block_size == 64, "block size");
    static_assert(Hash::digest_size == Hash::result_type::size(), "digest size");
    static_assert(std::is_trivially_copyable<Hash>::value, "copyable snapshot");
}

// Splitting the input at any offset must not change the digest; 200 bytes
// cover the buffered, direct-block and tail paths of update().
TYPED_TEST(HashTest, SplitUpdatesMatchOneShot) {
    using Hash = TypeParam;
    std::string message;
    for (unsigned i = 0; i < 200; ++i) message += static_cast<char>((i * 7 + 3) & 0xFF);
    const auto expected = hash_of<Hash>(message);

    for (std::size_t split = 0; split <= message.size(); ++split) {
        Hash hash;
        hash.update(message.data(), split);
        hash.update(message.data() + split, message.size() - split);
        EXPECT_EQ(to_hex(hash.result()), to_hex(expected)) << "split at " << split;
    }
}

TYPED_TEST(HashTest, ByteAtATimeMatchesOneShot) {
    using Hash = TypeParam;
    std::string message;
    for (unsigned i = 0; i < 200; ++i) message += static_cast<char>((i * 13 + 1) & 0xFF);
    Hash hash;
    for (char c : message) hash.update(&c, 1);
    EXPECT_EQ(to_hex(hash.result()), to_hex(hash_of<Hash>(message)));
}

TYPED_TEST(HashTest, ResetStartsOver) {
    using Hash = TypeParam;
    Hash hash;
    hash.update("garbage", 7);
    static_cast<void>(hash.result());
    hash.reset();
    hash.update(kAbc.data(), kAbc.size());
    EXPECT_EQ(to_hex(hash.result()), to_hex(hash_of<Hash>(kAbc)));
}

TYPED_TEST(HashTest, EmptyUpdateWithNullIsNoOp) {
    using Hash = TypeParam;
    Hash hash;
    hash.update(nullptr, 0);
    hash.update(kAbc.data(), kAbc.size());
    hash.update(nullptr, 0);
    EXPECT_EQ(to_hex(hash.result()), to_hex(hash_of<Hash>(kAbc)));
}

TYPED_TEST(HashTest, CopySnapshotsPartialState) {
    using Hash = TypeParam;
    Hash hash;
    hash.update("ab", 2);
    Hash copy = hash;
    hash.update("c", 1);
    copy.update("c", 1);
    EXPECT_EQ(to_hex(hash.result()), to_hex(copy.result()));
}

// ---- HMAC-SHA1 (RFC 2202 section 3) -----------------------------------------

TYPED_TEST(Sha1, HmacRfc2202) {
    using Mac = crypto::hmac<TypeParam>;
    EXPECT_EQ(mac_hex<Mac>(repeated(0x0b, 20), "Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(mac_hex<Mac>("Jefe", "what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    EXPECT_EQ(mac_hex<Mac>(repeated(0xaa, 20), repeated(0xdd, 50)), "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    EXPECT_EQ(mac_hex<Mac>(counting_bytes(0x01, 0x19), repeated(0xcd, 50)), "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    EXPECT_EQ(mac_hex<Mac>(repeated(0x0c, 20), "Test With Truncation"), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
    EXPECT_EQ(mac_hex<Mac>(repeated(0xaa, 80), "Test Using Larger Than Block-Size Key - Hash Key First"),
              "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    EXPECT_EQ(
        mac_hex<Mac>(repeated(0xaa, 80), "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
        "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

TYPED_TEST(Sha1, HmacRfc2202Case5Truncated96) {
    const std::string tag = mac_hex<crypto::hmac<TypeParam>>(repeated(0x0c, 20), "Test With Truncation");
    EXPECT_EQ(tag.substr(0, 24), "4c1a03424b55e07fe7f27be1");
}

// A block-sized key is used as is; one byte longer is hashed first.
// Reference values computed with Python's hmac module.
TYPED_TEST(Sha1, HmacKeyLengthBoundary) {
    using Mac = crypto::hmac<TypeParam>;
    EXPECT_EQ(mac_hex<Mac>(std::string(64, 'k'), "message"), "0a0b7a314b101739c3557f6b5e1dd6ab55658970");
    EXPECT_EQ(mac_hex<Mac>(std::string(65, 'k'), "message"), "9e8b701143a82cdc059a72a86230df264354cdb0");
    EXPECT_EQ(mac_hex<Mac>("", ""), "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d");
}

// ---- HMAC-SHA256 (RFC 4231 section 4) ---------------------------------------

TYPED_TEST(Sha256, HmacRfc4231) {
    using Mac = crypto::hmac<TypeParam>;
    EXPECT_EQ(mac_hex<Mac>(repeated(0x0b, 20), "Hi There"),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(mac_hex<Mac>("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(mac_hex<Mac>(repeated(0xaa, 20), repeated(0xdd, 50)),
              "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    EXPECT_EQ(mac_hex<Mac>(counting_bytes(0x01, 0x19), repeated(0xcd, 50)),
              "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    // Test case 5 only specifies the first 128 bits.
    EXPECT_EQ(mac_hex<Mac>(repeated(0x0c, 20), "Test With Truncation").substr(0, 32),
              "a3b6167473100ee06e0c796c2955552b");
    EXPECT_EQ(mac_hex<Mac>(repeated(0xaa, 131), "Test Using Larger Than Block-Size Key - Hash Key First"),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    EXPECT_EQ(mac_hex<Mac>(repeated(0xaa, 131),
                           "This is a test using a larger than block-size key and a larger than block-size "
                           "data. The key needs to be hashed before being used by the HMAC algorithm."),
              "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

// Reference values computed with Python's hmac module.
TYPED_TEST(Sha256, HmacKeyLengthBoundary) {
    using Mac = crypto::hmac<TypeParam>;
    EXPECT_EQ(mac_hex<Mac>(std::string(64, 'k'), "message"),
              "890f3a16e0ca0aaa3bf180f70fa8e3970b3fd6505e98fde157988dcc19d1685c");
    EXPECT_EQ(mac_hex<Mac>(std::string(65, 'k'), "message"),
              "0c256505306af48015530c139bb7add5ad7a6a9291cd511278a067e765816fbd");
    EXPECT_EQ(mac_hex<Mac>("", ""), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

// ---- HMAC behaviour, over every hash class ------------------------------------

TYPED_TEST(HashTest, HmacResetReusesKey) {
    using Mac = crypto::hmac<TypeParam>;
    const std::string key = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
    const std::string first = "first message";
    const std::string second(150, 'x');  // spans several blocks

    Mac mac(key.data(), key.size());
    mac.update(first.data(), first.size());
    const std::string first_tag = to_hex(mac.result());
    mac.reset();
    mac.update(second.data(), second.size());
    const std::string second_tag = to_hex(mac.result());

    EXPECT_EQ(first_tag, mac_hex<Mac>(key, first));
    EXPECT_EQ(second_tag, mac_hex<Mac>(key, second));
    EXPECT_NE(first_tag, second_tag);
}

TYPED_TEST(HashTest, HmacResetDiscardsPartialMessage) {
    using Mac = crypto::hmac<TypeParam>;
    Mac mac("key", 3);
    mac.update("partial", 7);
    mac.reset();
    mac.update("abc", 3);
    EXPECT_EQ(to_hex(mac.result()), mac_hex<Mac>("key", "abc"));
}

TYPED_TEST(HashTest, HmacCopyKeepsKeyedState) {
    using Mac = crypto::hmac<TypeParam>;
    Mac original("key", 3);
    original.update("ab", 2);
    Mac copy = original;
    Mac assigned;
    assigned = original;
    copy.update("c", 1);
    assigned.update("c", 1);
    original.update("c", 1);
    const std::string expected = mac_hex<Mac>("key", "abc");
    EXPECT_EQ(to_hex(copy.result()), expected);
    EXPECT_EQ(to_hex(assigned.result()), expected);
    EXPECT_EQ(to_hex(original.result()), expected);
    copy.reset();
    copy.update("xyz", 3);
    EXPECT_EQ(to_hex(copy.result()), mac_hex<Mac>("key", "xyz"));
}

TYPED_TEST(HashTest, HmacEmptyKeyMatchesDefaultConstructed) {
    using Mac = crypto::hmac<TypeParam>;
    Mac defaulted;
    defaulted.update("abc", 3);
    EXPECT_EQ(to_hex(defaulted.result()), mac_hex<Mac>("", "abc"));
}

// Chunks below, at and across the block size, through the keyed state.
TYPED_TEST(HashTest, HmacChunkedUpdatesMatchOneShot) {
    using Mac = crypto::hmac<TypeParam>;
    std::mt19937 random(20261202U);  // fixed seed: failures are reproducible
    for (std::size_t length : {0U, 1U, 55U, 56U, 63U, 64U, 65U, 127U, 128U, 129U, 300U}) {
        const std::string key = random_bytes(random, length % 97);
        const std::string message = random_bytes(random, length);
        Mac mac(key.data(), key.size());
        update_in_random_chunks(mac, message, random);
        EXPECT_EQ(to_hex(mac.result()), mac_hex<Mac>(key, message)) << "length " << length;
    }
}

// ---- fast and small compressions agree ---------------------------------------

template <class Fast, class Small>
void expect_small_matches_fast() {
    std::mt19937 random(20261202U);  // fixed seed: failures are reproducible
    std::vector<std::size_t> lengths;
    for (std::size_t length = 0; length <= 300; ++length) lengths.insert(lengths.end(), 3, length);
    for (std::size_t big : {4096U, 65535U, 65536U, 65537U, 1000003U}) lengths.push_back(big);

    for (std::size_t length : lengths) {
        const std::string message = random_bytes(random, length);
        Fast fast;
        fast.update(message.data(), message.size());
        Small small;  // chunked, so its buffering runs too
        update_in_random_chunks(small, message, random);
        ASSERT_EQ(to_hex(small.result()), to_hex(fast.result())) << "length " << length;

        const std::string key = random_bytes(random, length % 150);
        ASSERT_EQ(mac_hex<crypto::hmac<Small>>(key, message), mac_hex<crypto::hmac<Fast>>(key, message))
            << "length " << length << " key length " << key.size();
    }
}

TEST(SmallCompression, Sha1MatchesFast) { expect_small_matches_fast<crypto::fast_sha1, crypto::small_sha1>(); }

TEST(SmallCompression, Sha256MatchesFast) { expect_small_matches_fast<crypto::fast_sha256, crypto::small_sha256>(); }

// ---- SHA instructions (SHA-NI, ARMv8 Cryptography Extensions) ----------------

#if TCVOD_CRYPTO_HARDWARE_SHA

TEST(HardwareCompression, Sha1MatchesFast) {
    TCVOD_TEST_SKIP_WITHOUT_SHA_INSTRUCTIONS();
    expect_small_matches_fast<crypto::fast_sha1, crypto::hardware_sha1>();
}

TEST(HardwareCompression, Sha256MatchesFast) {
    TCVOD_TEST_SKIP_WITHOUT_SHA_INSTRUCTIONS();
    expect_small_matches_fast<crypto::fast_sha256, crypto::hardware_sha256>();
}

TEST(HardwareCompression, Sha1MatchesSmall) {
    TCVOD_TEST_SKIP_WITHOUT_SHA_INSTRUCTIONS();
    expect_small_matches_fast<crypto::hardware_sha1, crypto::small_sha1>();
}

TEST(HardwareCompression, Sha256MatchesSmall) {
    TCVOD_TEST_SKIP_WITHOUT_SHA_INSTRUCTIONS();
    expect_small_matches_fast<crypto::hardware_sha256, crypto::small_sha256>();
}

// The dispatching classes take the SHA instructions exactly when the CPU has
// them, keep the choice through reset() and copies, and stay trivially
// copyable (hmac_key copies them as bytes).
TEST(HardwareCompression, DispatchingFollowsTheCpu) {
    static_assert(std::is_trivially_copyable<crypto::dispatching_sha1>::value, "dispatching_sha1");
    static_assert(std::is_trivially_copyable<crypto::dispatching_sha256>::value, "dispatching_sha256");
    const bool has_instructions = crypto::detail::cpu_has_sha_instructions();
    crypto::dispatching_sha1 sha1;
    crypto::dispatching_sha256 sha256;
    EXPECT_EQ(sha1.uses_sha_instructions(), has_instructions);
    EXPECT_EQ(sha256.uses_sha_instructions(), has_instructions);
    sha256.update("abc", 3);
    sha256.reset();
    const crypto::dispatching_sha256 copy = sha256;
    EXPECT_EQ(copy.uses_sha_instructions(), has_instructions);
#if TCVOD_CRYPTO_DETAIL_HAS_CPUID
    // The run-time query (libgcc's or glibc's table, filled at start-up)
    // agrees with the CPU itself, so a broken query cannot skip every
    // hardware test unnoticed.
    EXPECT_EQ(has_instructions, crypto::detail::cpuid_has_sha_instructions())
        << "cpu_has_sha_instructions() (query " << TCVOD_CRYPTO_CPU_QUERY << ") and CPUID disagree";
#endif
}

#endif

// What software_sha1/software_sha256 name: the instructions when the target
// guarantees them, else small under TCVOD_CRYPTO_SMALL, else the dispatching
// classes in x86-64 GCC/Clang hosted builds that can ask the CPU without
// CPUID (GCC 11+, glibc 2.33+) or were told to use CPUID
// (TCVOD_CRYPTO_RUNTIME_DISPATCH), never with TCVOD_CRYPTO_NO_DISPATCH, else fast.
TEST(HardwareCompression, SelectedByMacros) {
#if TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS
    static_assert(std::is_same<crypto::software_sha1, crypto::hardware_sha1>::value, "software_sha1");
    static_assert(std::is_same<crypto::software_sha256, crypto::hardware_sha256>::value, "software_sha256");
#elif TCVOD_CRYPTO_SMALL
    static_assert(!TCVOD_CRYPTO_DISPATCH, "-Os/TCVOD_CRYPTO_SMALL never dispatches");
    static_assert(std::is_same<crypto::software_sha1, crypto::small_sha1>::value, "software_sha1");
    static_assert(std::is_same<crypto::software_sha256, crypto::small_sha256>::value, "software_sha256");
#elif TCVOD_CRYPTO_DISPATCH
    static_assert(std::is_same<crypto::software_sha1, crypto::dispatching_sha1>::value, "software_sha1");
    static_assert(std::is_same<crypto::software_sha256, crypto::dispatching_sha256>::value, "software_sha256");
#else
    static_assert(std::is_same<crypto::software_sha1, crypto::fast_sha1>::value, "software_sha1");
    static_assert(std::is_same<crypto::software_sha256, crypto::fast_sha256>::value, "software_sha256");
#endif
#if defined(TCVOD_CRYPTO_NO_DISPATCH)
    static_assert(!TCVOD_CRYPTO_DISPATCH, "TCVOD_CRYPTO_NO_DISPATCH wins");
#elif defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !TCVOD_CRYPTO_SMALL && \
    !TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS && defined(__GLIBC__) &&                                   \
    (TCVOD_CRYPTO_DETAIL_GCC_CPU_SUPPORTS_SHA || __GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    // GCC 11+ asks libgcc, Clang (and older GCC) glibc: dispatch by default.
    static_assert(TCVOD_CRYPTO_DISPATCH, "x86-64 GCC/Clang hosted builds dispatch by default");
#endif
#if TCVOD_CRYPTO_DISPATCH && TCVOD_CRYPTO_CPU_QUERY == 3 && !defined(TCVOD_CRYPTO_RUNTIME_DISPATCH)
    static_assert(false, "dispatching through CPUID only when TCVOD_CRYPTO_RUNTIME_DISPATCH asks for it");
#endif
    SUCCEED();
}

// software_sha1/software_sha256 follow TCVOD_CRYPTO_SMALL; left undefined, it
// follows the compiler's optimization for size.
TEST(SmallCompression, SelectedByMacro) {
#if !TCVOD_TEST_SMALL_SET_BY_BUILD
#ifdef __OPTIMIZE_SIZE__
    static_assert(TCVOD_CRYPTO_SMALL == 1, "-Os/-Oz selects the small compression");
#else
    static_assert(TCVOD_CRYPTO_SMALL == 0, "other optimization levels select the fast compression");
#endif
#endif
#if TCVOD_CRYPTO_HARDWARE_SHA_ALWAYS
    // The SHA instructions come first (HardwareCompression.SelectedByMacros).
#elif TCVOD_CRYPTO_SMALL
    static_assert(std::is_same<crypto::software_sha1, crypto::small_sha1>::value, "software_sha1");
    static_assert(std::is_same<crypto::software_sha256, crypto::small_sha256>::value, "software_sha256");
#elif !TCVOD_CRYPTO_DISPATCH
    static_assert(std::is_same<crypto::software_sha1, crypto::fast_sha1>::value, "software_sha1");
    static_assert(std::is_same<crypto::software_sha256, crypto::fast_sha256>::value, "software_sha256");
#endif
}

// ---- Base64 (RFC 4648 section 10) -------------------------------------------

TEST(Base64, EncodedSizes) {
    static_assert(crypto::base64_encoded_size(0) == 0, "");
    static_assert(crypto::base64_encoded_size(1) == 4, "");
    static_assert(crypto::base64_encoded_size(3) == 4, "");
    static_assert(crypto::base64_encoded_size(4) == 8, "");
    static_assert(crypto::base64_encoded_size(20) == 28, "");
    static_assert(crypto::base64_encoded_size(32) == 44, "");
    static_assert(crypto::base64_max_decoded_size(0) == 0, "");
    static_assert(crypto::base64_max_decoded_size(4) == 3, "");
    static_assert(crypto::base64_max_decoded_size(44) == 33, "");
}

TEST(Base64, Rfc4648Encode) {
    EXPECT_EQ(encode(""), "");
    EXPECT_EQ(encode("f"), "Zg==");
    EXPECT_EQ(encode("fo"), "Zm8=");
    EXPECT_EQ(encode("foo"), "Zm9v");
    EXPECT_EQ(encode("foob"), "Zm9vYg==");
    EXPECT_EQ(encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, Rfc4648Decode) {
    const char* const pairs[][2] = {{"", ""},
                                    {"Zg==", "f"},
                                    {"Zm8=", "fo"},
                                    {"Zm9v", "foo"},
                                    {"Zm9vYg==", "foob"},
                                    {"Zm9vYmE=", "fooba"},
                                    {"Zm9vYmFy", "foobar"}};
    for (const auto& pair : pairs) {
        std::string decoded;
        EXPECT_TRUE(decode(pair[0], decoded)) << pair[0];
        EXPECT_EQ(decoded, pair[1]) << pair[0];
    }
}

TEST(Base64, RoundTripsEveryByteValue) {
    std::string bytes;
    for (unsigned value = 0; value < 256; ++value) bytes += static_cast<char>(value);
    for (std::size_t length = 0; length <= bytes.size(); ++length) {
        const std::string original = bytes.substr(bytes.size() - length);
        std::string decoded;
        ASSERT_TRUE(decode(encode(original), decoded)) << length;
        EXPECT_EQ(decoded, original) << length;
    }
}

TEST(Base64, DecodeRejectsBadLength) {
    std::string decoded;
    for (const char* text : {"Z", "Zg", "Zg=", "Zm9vY", "Zm9vYmFy="}) {
        EXPECT_FALSE(decode(text, decoded)) << text;
    }
}

TEST(Base64, DecodeRejectsBadCharacters) {
    std::string decoded;
    for (const char* text : {"Zm9v YmFy", "Zm9-", "Zm9_", "Zm9v\nYmFy", "Zm9\x80", "Zm\xffv", "*m9v", "Zm9vYmF!"}) {
        EXPECT_FALSE(decode(text, decoded)) << text;
    }
    const std::string with_nul("Zm\0v", 4);
    EXPECT_FALSE(decode(with_nul, decoded));
}

TEST(Base64, DecodeRejectsMisplacedPadding) {
    std::string decoded;
    for (const char* text : {"====", "=Zg=", "Z===", "Zg=v", "Zg==Zm9v", "Zm8=Zm9v", "Zm=8"}) {
        EXPECT_FALSE(decode(text, decoded)) << text;
    }
}

TEST(Base64, DecodeRejectsNonCanonicalTrailingBits) {
    std::string decoded;
    // "Zg==" and "Zm8=" are canonical; these differ only in bits the padding drops.
    for (const char* text : {"Zh==", "Zv==", "Zm9=", "Zm/=", "Zm9vYh==", "Zm9vYmF="}) {
        EXPECT_FALSE(decode(text, decoded)) << text;
    }
}

TEST(Base64, DecodeFailureClearsSize) {
    unsigned char out[3];
    std::size_t size = 99;
    EXPECT_FALSE(crypto::base64_decode("Zh==", 4, out, size));
    EXPECT_EQ(size, 0U);
}

// ---- Tencent Cloud API v1 signature examples --------------------------------

TYPED_TEST(Sha256, TencentSignatureHmacBase64) {
    EXPECT_EQ(mac_base64<crypto::hmac<TypeParam>>(
                  "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
                  "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-"
                  "09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId="
                  "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp="
                  "1465185768"),
              "0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=");
}

TYPED_TEST(Sha1, TencentSignatureHmacBase64) {
    EXPECT_EQ(mac_base64<crypto::hmac<TypeParam>>(
                  "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
                  "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-"
                  "09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId="
                  "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA1&Timestamp="
                  "1465185768"),
              "nPVnY6njQmwQ8ciqbPl5Qe+Oru4=");
}

// ---- software vs OpenSSL ------------------------------------------------------

#ifdef TCVOD_CRYPTO_OPENSSL

template <class Software, class OpenSsl>
void expect_same_as_openssl() {
    std::mt19937 random(20240601U);  // fixed seed: failures are reproducible
    std::uniform_int_distribution<unsigned> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 1000);
    for (int trial = 0; trial < 500; ++trial) {
        std::string message(length(random), '\0');
        for (char& c : message) c = static_cast<char>(byte(random));

        // Feed both in the same random chunks to also exercise buffering.
        Software software;
        OpenSsl openssl;
        std::size_t offset = 0;
        while (offset < message.size()) {
            const std::size_t chunk = std::uniform_int_distribution<std::size_t>(1, message.size() - offset)(random);
            software.update(message.data() + offset, chunk);
            openssl.update(message.data() + offset, chunk);
            offset += chunk;
        }
        ASSERT_EQ(to_hex(software.result()), to_hex(openssl.result()))
            << "length " << message.size() << " trial " << trial;
    }
}

TEST(OpenSslBackend, SelectedByMacro) {
    static_assert(std::is_same<crypto::sha1, crypto::openssl_sha1>::value, "sha1 backend");
    static_assert(std::is_same<crypto::sha256, crypto::openssl_sha256>::value, "sha256 backend");
}

TEST(OpenSslBackend, Sha1MatchesSoftware) {
    expect_same_as_openssl<crypto::fast_sha1, crypto::openssl_sha1>();
    expect_same_as_openssl<crypto::small_sha1, crypto::openssl_sha1>();
}

TEST(OpenSslBackend, Sha256MatchesSoftware) {
    expect_same_as_openssl<crypto::fast_sha256, crypto::openssl_sha256>();
    expect_same_as_openssl<crypto::small_sha256, crypto::openssl_sha256>();
}

#if TCVOD_CRYPTO_HARDWARE_SHA
TEST(OpenSslBackend, HardwareMatchesOpenSsl) {
    TCVOD_TEST_SKIP_WITHOUT_SHA_INSTRUCTIONS();
    expect_same_as_openssl<crypto::hardware_sha1, crypto::openssl_sha1>();
    expect_same_as_openssl<crypto::hardware_sha256, crypto::openssl_sha256>();
}
#endif

#else

TEST(SoftwareBackend, SelectedByDefault) {
    static_assert(std::is_same<crypto::sha1, crypto::software_sha1>::value, "sha1 backend");
    static_assert(std::is_same<crypto::sha256, crypto::software_sha256>::value, "sha256 backend");
}

#endif

// ---- hmac_key sessions (RFC 2202 / RFC 4231 through one prepared key) -------

namespace {

struct rfc_case {
    std::string key, message, hex;
};

// RFC 2202 section 3, cases 1-4, 6 and 7 (case 5 is truncated).
std::vector<rfc_case> rfc2202_cases() {
    return {
        {repeated(0x0b, 20), "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00"},
        {"Jefe", "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
        {repeated(0xaa, 20), repeated(0xdd, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
        {counting_bytes(0x01, 0x19), repeated(0xcd, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
        {repeated(0xaa, 80), "Test Using Larger Than Block-Size Key - Hash Key First",
         "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
        {repeated(0xaa, 80), "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
         "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
    };
}

// RFC 4231 section 4, cases 1-4, 6 and 7 (case 5 is truncated).
std::vector<rfc_case> rfc4231_cases() {
    return {
        {repeated(0x0b, 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {repeated(0xaa, 20), repeated(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {counting_bytes(0x01, 0x19), repeated(0xcd, 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {repeated(0xaa, 131), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {repeated(0xaa, 131),
         "This is a test using a larger than block-size key and a larger than block-size "
         "data. The key needs to be hashed before being used by the HMAC algorithm.",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    };
}

template <class Hash>
std::vector<rfc_case> rfc_cases() {
    return Hash::digest_size == 20 ? rfc2202_cases() : rfc4231_cases();
}

// Several keys, three sessions open on each at once, all fed in turns of
// different chunk sizes; sessions finish in an order unrelated to the one
// they started in, and a key serves new sessions after others finished.
template <class Hash>
void expect_interleaved_sessions_give_rfc_tags() {
    using key_type = crypto::hmac_key<Hash>;
    using session_type = typename key_type::session;
    const std::vector<rfc_case> cases = rfc_cases<Hash>();
    std::vector<std::unique_ptr<key_type>> keys;
    for (const auto& c : cases) keys.push_back(std::make_unique<key_type>(c.key.data(), c.key.size()));

    struct open_session {
        std::unique_ptr<session_type> session;
        const rfc_case* expected;
        std::size_t fed, chunk;
    };
    std::vector<open_session> open;
    for (std::size_t round = 0; round < 3; ++round)
        for (std::size_t k = 0; k < keys.size(); ++k)
            open.push_back(
                {std::unique_ptr<session_type>(new session_type(*keys[k])), &cases[k], 0, 1 + round * 29 + k});

    for (bool progress = true; progress;) {
        progress = false;
        for (auto& s : open) {
            const std::string& message = s.expected->message;
            if (s.fed == message.size()) continue;
            const std::size_t n = std::min(s.chunk, message.size() - s.fed);
            s.session->update(message.data() + s.fed, n);
            s.fed += n;
            progress = true;
        }
    }
    // Finish every other session first, then the rest backwards.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < open.size(); i += 2) order.push_back(i);
    for (std::size_t i = open.size() - (open.size() % 2 == 0 ? 1 : 2); i < open.size(); i -= 2) order.push_back(i);
    ASSERT_EQ(order.size(), open.size());
    for (std::size_t i : order) {
        EXPECT_EQ(to_hex(open[i].session->result()), open[i].expected->hex) << "session " << i;
        open[i].session.reset();
    }
    // The keys are unchanged by all of it.
    for (std::size_t k = 0; k < keys.size(); ++k) {
        auto again = keys[k]->begin();
        again.update(cases[k].message.data(), cases[k].message.size());
        EXPECT_EQ(to_hex(again.result()), cases[k].hex) << "key " << k;
    }
}

}  // namespace

TYPED_TEST(Sha1, HmacKeyInterleavedSessionsGiveRfc2202Tags) {
    ASSERT_EQ(TypeParam::digest_size, 20U);
    expect_interleaved_sessions_give_rfc_tags<TypeParam>();
}

TYPED_TEST(Sha256, HmacKeyInterleavedSessionsGiveRfc4231Tags) {
    ASSERT_EQ(TypeParam::digest_size, 32U);
    expect_interleaved_sessions_give_rfc_tags<TypeParam>();
}

TYPED_TEST(Sha256, HmacKeySessionsOfOneKeyAreIndependent) {
    // Two messages under one key, one a prefix of the other, interleaved byte by byte.
    const rfc_case jefe = rfc4231_cases()[1];
    const crypto::hmac_key<TypeParam> key(jefe.key.data(), jefe.key.size());
    auto whole = key.begin();
    auto prefix = key.begin();
    const std::string part = jefe.message.substr(0, 10);
    for (std::size_t i = 0; i < jefe.message.size(); ++i) {
        whole.update(&jefe.message[i], 1);
        if (i < part.size()) prefix.update(&part[i], 1);
    }
    EXPECT_EQ(to_hex(prefix.result()), mac_hex<crypto::hmac<TypeParam>>(jefe.key, part));
    EXPECT_EQ(to_hex(whole.result()), jefe.hex);
    // An empty session is the MAC of the empty message.
    auto empty = key.begin();
    EXPECT_EQ(to_hex(empty.result()), mac_hex<crypto::hmac<TypeParam>>(jefe.key, ""));
}

template <class Hash>
void expect_hmac_begin_gives_rfc_tag() {
    const rfc_case jefe = rfc_cases<Hash>()[1];
    crypto::hmac<Hash> mac(jefe.key.data(), jefe.key.size());
    mac.update(jefe.message.data(), 10);  // the hmac's own message, left in progress
    {
        auto session = mac.begin();
        session.update(jefe.message.data(), jefe.message.size());
        EXPECT_EQ(to_hex(session.result()), jefe.hex);
    }
    mac.update(jefe.message.data() + 10, jefe.message.size() - 10);
    EXPECT_EQ(to_hex(mac.result()), jefe.hex);  // the session did not touch it
    // After result() and after reset(), begin() still starts from the key.
    auto after_result = mac.begin();
    mac.reset();
    mac.update("x", 1);
    auto after_reset = mac.begin();
    after_result.update(jefe.message.data(), jefe.message.size());
    after_reset.update(jefe.message.data(), jefe.message.size());
    EXPECT_EQ(to_hex(after_result.result()), jefe.hex);
    EXPECT_EQ(to_hex(after_reset.result()), jefe.hex);
    EXPECT_EQ(to_hex(mac.result()), mac_hex<crypto::hmac<Hash>>(jefe.key, "x"));
    // Every RFC case through begin() of a fresh hmac.
    for (const auto& c : rfc_cases<Hash>()) {
        const crypto::hmac<Hash> keyed(c.key.data(), c.key.size());
        auto session = keyed.begin();
        session.update(c.message.data(), c.message.size());
        EXPECT_EQ(to_hex(session.result()), c.hex);
    }
}

TYPED_TEST(Sha1, HmacBeginGivesRfc2202Tags) { expect_hmac_begin_gives_rfc_tag<TypeParam>(); }
TYPED_TEST(Sha256, HmacBeginGivesRfc4231Tags) { expect_hmac_begin_gives_rfc_tag<TypeParam>(); }

template <class Hash>
void expect_copied_key_gives_same_tags() {
    using key_type = crypto::hmac_key<Hash>;
    for (const auto& c : rfc_cases<Hash>()) {
        auto original = std::make_unique<key_type>(c.key.data(), c.key.size());
        const key_type copied(*original);
        key_type assigned;  // the empty key until assigned
        {
            auto before = assigned.begin();
            before.update(c.message.data(), c.message.size());
            EXPECT_EQ(to_hex(before.result()), mac_hex<crypto::hmac<Hash>>("", c.message));
        }
        assigned = *original;
        original.reset();  // destroyed (and wiped): the copies stand alone
        for (const key_type* key : {&copied, static_cast<const key_type*>(&assigned)}) {
            auto session = key->begin();
            session.update(c.message.data(), c.message.size());
            EXPECT_EQ(to_hex(session.result()), c.hex);
        }
    }
    // A copy of an hmac carries its key: its sessions give the same tags.
    const rfc_case first = rfc_cases<Hash>()[0];
    auto mac = std::make_unique<crypto::hmac<Hash>>(first.key.data(), first.key.size());
    const crypto::hmac<Hash> copy(*mac);
    mac.reset();
    auto session = copy.begin();
    session.update(first.message.data(), first.message.size());
    EXPECT_EQ(to_hex(session.result()), first.hex);
}

TYPED_TEST(Sha1, HmacKeyCopiesGiveTheSameTags) { expect_copied_key_gives_same_tags<TypeParam>(); }
TYPED_TEST(Sha256, HmacKeyCopiesGiveTheSameTags) { expect_copied_key_gives_same_tags<TypeParam>(); }
