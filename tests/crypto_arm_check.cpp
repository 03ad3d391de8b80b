// The ARMv8 Cryptography Extension compressions checked without gtest, so it
// cross-compiles with nothing but a toolchain and runs under qemu-aarch64
// (scripts/arm-sha-check.sh): FIPS 180 SHA-1/SHA-256 examples, RFC 2202 and
// RFC 4231 HMAC vectors, and agreement with the portable compressions on
// pseudo-random messages fed in pseudo-random chunks. Also builds and runs on
// x86-64, where it checks SHA-NI instead when the CPU has it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

#include "tcvod/crypto/hmac.hpp"
#include "tcvod/crypto/sha1.hpp"
#include "tcvod/crypto/sha256.hpp"

#if !TCVOD_CRYPTO_HARDWARE_SHA
#error "no SHA instructions for this target: build with -march=armv8-a+crypto (or for x86-64)"
#endif

namespace crypto = tcvod::crypto;

namespace {

int failures = 0;

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

void expect_equal(const std::string& actual, const std::string& expected, const char* what) {
    if (actual == expected) return;
    ++failures;
    std::printf("FAIL %s:\n  got      %s\n  expected %s\n", what, actual.c_str(), expected.c_str());
}

template <class Hash>
std::string hash_hex(const std::string& message) {
    Hash hash;
    hash.update(message.data(), message.size());
    return to_hex(hash.result());
}

template <class Hash>
std::string mac_hex(const std::string& key, const std::string& message) {
    crypto::hmac<Hash> mac(key.data(), key.size());
    mac.update(message.data(), message.size());
    return to_hex(mac.result());
}

struct vector_case {
    std::string key, message, hex;
};

const std::string two_block = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

template <class Hash>
void check_sha1_vectors(const char* name) {
    const vector_case cases[] = {
        {"", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
        {"", two_block, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
        {"", "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
        {"", std::string(1000000, 'a'), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
        {"", std::string(55, 'a'), "c1c8bbdc22796e28c0e15163d20899b65621d65a"},
        {"", std::string(56, 'a'), "c2db330f6083854c99d4b5bfb6e8f29f201be699"},
        {"", std::string(64, 'a'), "0098ba824b5c16427bd7a1122a5a442a25ec644d"},
    };
    for (const auto& c : cases) expect_equal(hash_hex<Hash>(c.message), c.hex, name);
    // RFC 2202 section 3 (case 5 is truncated).
    const vector_case macs[] = {
        {std::string(20, '\x0b'), "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00"},
        {"Jefe", "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
        {std::string(20, '\xaa'), std::string(50, '\xdd'), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
        {"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19",
         std::string(50, '\xcd'), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
        {std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
         "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
        {std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
         "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
    };
    for (const auto& c : macs) expect_equal(mac_hex<Hash>(c.key, c.message), c.hex, name);
}

template <class Hash>
void check_sha256_vectors(const char* name) {
    const vector_case cases[] = {
        {"", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"", two_block, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"", std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
        {"", std::string(55, 'a'), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {"", std::string(56, 'a'), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
    };
    for (const auto& c : cases) expect_equal(hash_hex<Hash>(c.message), c.hex, name);
    // RFC 4231 section 4 (case 5 is truncated).
    const vector_case macs[] = {
        {std::string(20, '\x0b'), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {std::string(20, '\xaa'), std::string(50, '\xdd'),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19",
         std::string(50, '\xcd'), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {std::string(131, '\xaa'),
         "This is a test using a larger than block-size key and a larger than block-size "
         "data. The key needs to be hashed before being used by the HMAC algorithm.",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    };
    for (const auto& c : macs) expect_equal(mac_hex<Hash>(c.key, c.message), c.hex, name);
}

// xorshift32: the same bytes on every platform, no <random> distributions.
struct pseudo_random {
    std::uint32_t x = 20261202U;
    std::uint32_t next() noexcept {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    }
};

// Hardware against the fast and the small portable compressions, plain and HMAC.
template <class Hardware, class Fast, class Small>
void check_agreement(const char* name) {
    pseudo_random random;
    std::vector<std::size_t> lengths;
    for (std::size_t length = 0; length <= 300; ++length) lengths.push_back(length);
    for (std::size_t big : {4096U, 65535U, 65537U}) lengths.push_back(big);
    for (std::size_t length : lengths) {
        std::string message(length, '\0');
        for (char& c : message) c = static_cast<char>(random.next());
        Hardware hardware;  // chunked, so its buffering runs too
        for (std::size_t at = 0; at < length;) {
            std::size_t chunk = 1 + random.next() % 131;
            if (chunk > length - at) chunk = length - at;
            hardware.update(message.data() + at, chunk);
            at += chunk;
        }
        const std::string expected = hash_hex<Fast>(message);
        expect_equal(to_hex(hardware.result()), expected, name);
        expect_equal(hash_hex<Small>(message), expected, name);
        const std::string key = message.substr(0, length % 150);
        expect_equal(mac_hex<Hardware>(key, message), mac_hex<Fast>(key, message), name);
    }
}

}  // namespace

int main() {
    if (!crypto::detail::cpu_has_sha_instructions()) {
        std::printf("SKIP: this CPU has no SHA instructions\n");
        return 77;
    }
    check_sha1_vectors<crypto::hardware_sha1>("hardware_sha1 vectors");
    check_sha256_vectors<crypto::hardware_sha256>("hardware_sha256 vectors");
    check_sha1_vectors<crypto::software_sha1>("software_sha1 vectors");
    check_sha256_vectors<crypto::software_sha256>("software_sha256 vectors");
    check_agreement<crypto::hardware_sha1, crypto::fast_sha1, crypto::small_sha1>("hardware_sha1 vs portable");
    check_agreement<crypto::hardware_sha256, crypto::fast_sha256, crypto::small_sha256>("hardware_sha256 vs portable");
#if TCVOD_CRYPTO_ARMV8_SHA
    // The target guarantees the instructions: the default names use them.
    static_assert(std::is_same<crypto::software_sha1, crypto::hardware_sha1>::value, "software_sha1");
    static_assert(std::is_same<crypto::software_sha256, crypto::hardware_sha256>::value, "software_sha256");
    const char* path = "ARMv8 Cryptography Extensions";
#else
    const char* path = "SHA-NI";
#endif
    std::printf("%s: %s\n", path, failures == 0 ? "all checks passed" : "FAILED");
    return failures == 0 ? 0 : 1;
}
